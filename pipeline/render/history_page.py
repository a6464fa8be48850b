"""`history.html`: one row per chain, grouped by part and theme, one column per edition year.

A cell shows whether the item is there (●), a spearhead (★), and what
happened that year: added (+), renamed or modified (✎, the old title on
hover and on click), moved (→), returned (↺), removed (✕), spearhead flag
changed (☆).  Filters: entity,
spearhead ever, changed only, and a text search over every title a chain had.
"""
from __future__ import annotations

from collections import Counter

from pipeline.comparison.diff import ENTITIES
from pipeline.comparison.history import Chain, Event, History
from pipeline.render.i18n import DEFAULT_LANGUAGE, Catalogue, catalogue
from pipeline.render.page import HIDDEN_CSS, escape, page

MARKS = {"added": "+", "renamed": "✎", "modified": "✎", "moved": "→", "returned": "↺", "removed": "✕",
         "spearhead_changed": "☆"}

CSS = """
main{padding:0 1rem 2rem;overflow-x:auto}
table.history{border-collapse:collapse;margin-top:.8rem;font-size:.9rem}
.history th,.history td{border-bottom:1px solid #e3e3e3;padding:.25rem .5rem;vertical-align:top}
.history thead th{background:#eef6f7}
tr.group th{background:#007882;color:#fff;text-align:left}
td.title{min-width:16rem;max-width:36rem}td.entity{color:#555;font-size:.8rem}
td.cell{text-align:center;white-space:nowrap;cursor:default}
td.present{background:#eaf5ea}td.spearhead{background:#fff3c4}td.absent{color:#bbb}td.removed{color:#c62828}
td.event{font-weight:bold;cursor:pointer;outline:1px dashed #ef6c00}
.recurring{color:#888;font-size:.75rem}
#detail{flex-basis:100%;min-height:1.4rem;font-size:.9rem}
""" + HIDDEN_CSS

SCRIPT = """
const rows = [...document.querySelectorAll("tr.chain")];
const controls = ["entity", "spearhead-ever", "changed-only", "search"].map(id => document.getElementById(id));
function apply() {
  const [entity, spearhead, changed, search] = controls;
  const query = search.value.trim().toLowerCase();
  let shown = 0;
  for (const row of rows) {
    const on = (!entity.value || row.dataset.entity === entity.value)
      && (!spearhead.checked || row.dataset.spearheadEver === "true")
      && (!changed.checked || row.dataset.changed === "true")
      && (!query || row.dataset.titles.includes(query));
    row.classList.toggle("hidden", !on);
    shown += on;
  }
  for (const group of document.querySelectorAll("tbody.group-body"))
    group.classList.toggle("hidden", !group.querySelector("tr.chain:not(.hidden)"));
  const count = n => n.toLocaleString(TEXT.lang);
  document.getElementById("shown").textContent =
    TEXT.shown.replace("{shown}", count(shown)).replace("{total}", count(rows.length));
}
for (const control of controls) for (const kind of ["input", "change"]) control.addEventListener(kind, apply);
for (const cell of document.querySelectorAll("td.event"))
  cell.addEventListener("click", () => { document.getElementById("detail").textContent = cell.title; });
apply();
"""


def describe_event(event: Event, text: Catalogue) -> str:
    """An event in words, with what it was and what it became."""
    words = text.text(f"kinds.{event.kind}")
    if event.before is not None:
        words += f": {event.before} → {event.after}"
    return words + (f" ({text.text('recurring')})" if event.recurring else "")


def cell_html(chain: Chain, year: int, text: Catalogue) -> str:
    shown = next((a for a in chain.appearances if a.year == year), None)
    events = [e for e in chain.events if e.year == year]
    marks = "".join(dict.fromkeys(MARKS[e.kind] for e in events if e.kind in MARKS))
    details = "; ".join(describe_event(e, text) for e in events)
    if shown is None:
        css = "removed" if events else "absent"
        symbol = marks or "·"
    else:
        css = "spearhead" if shown.spearhead else "present"
        symbol = ("★" if shown.spearhead else "●") + marks
    attributes = f" title=\"{escape(details)}\"" if details else ""
    recurring = (f"<span class=\"recurring\"> {text.text('history.yearly')}</span>"
                 if any(e.recurring for e in events) else "")
    return (f"<td class=\"cell {css}{' event' if details else ''}\" data-year=\"{year}\"{attributes}>"
            f"{escape(symbol)}{recurring}</td>")


def row_html(chain: Chain, years: list[int], text: Catalogue) -> str:
    latest = chain.appearances[-1]
    titles = " | ".join(dict.fromkeys(a.title for a in chain.appearances)).lower()
    return (f"<tr class=\"chain\" id=\"{escape(chain.id)}\" data-entity=\"{chain.entity}\""
            f" data-spearhead-ever=\"{str(chain.spearhead_ever()).lower()}\""
            f" data-changed=\"{str(chain.changed()).lower()}\" data-titles=\"{escape(titles)}\">"
            f"<td class=\"entity\">{text.text(f'entities.{chain.entity}')}</td>"
            f"<td class=\"title\">{escape(latest.title)}</td>"
            + "".join(cell_html(chain, year, text) for year in years) + "</tr>")


def groups(history: History, text: Catalogue) -> list[tuple[str, list[Chain]]]:
    """Chains grouped by the part and theme of their latest appearance, in page order."""
    grouped: dict[tuple[int, str], list[Chain]] = {}
    for chain in history.chains:
        latest = chain.appearances[-1]
        grouped.setdefault((latest.part, latest.theme), []).append(chain)

    def position(chain: Chain) -> tuple:
        latest = chain.appearances[-1]
        return -latest.year, ENTITIES.index(chain.entity), min(latest.pages, default=0)

    ordered = sorted(grouped.items(), key=lambda kv: (kv[0][0], min(position(c)[0] for c in kv[1]),
                                                      min(min(c.appearances[-1].pages, default=0) for c in kv[1])))
    return [(f"{text.text('part', number=part)} · {theme}", sorted(chains, key=position))
            for (part, theme), chains in ordered]


def history_html(history: History, language: str = DEFAULT_LANGUAGE) -> str:
    """The history as a self-contained page, its interface in `language` (nl or en)."""
    text = catalogue(language)
    years = [e.year for e in history.editions]
    title = (text.text("history.title", count=len(years), first=str(years[0]), last=str(years[-1])) if years
             else text.text("history.title_empty"))
    entities = Counter(c.entity for c in history.chains)
    kinds = Counter(e.kind for c in history.chains for e in c.events)
    summary = (" · ".join(text.text("history.chains", count=n, entity=text.text(f"entities.{k}"))
                          for k, n in entities.items()) + " — "
               + ", ".join(f"{text.number(n)} {text.text(f'kinds.{k}')}" for k, n in sorted(kinds.items())))
    sources = " · ".join(f"{e.year}: {escape(e.title)} ({escape(e.file)})" for e in history.editions)
    header = (f"<header class=\"top\"><h1>{escape(title)}</h1><p class=\"meta\">{escape(summary)}</p>"
              f"<p class=\"meta\">{sources}</p></header><div class=\"toolbar\">"
              f"<label>{text.text('history.entity')} <select id=\"entity\"><option value=\"\">"
              f"{text.text('history.all')}</option>"
              + "".join(f"<option value=\"{k}\">{v}</option>" for k, v in text.strings["entities"].items())
              + "</select></label>"
              f"<label><input type=\"checkbox\" id=\"spearhead-ever\"> {text.text('history.spearhead_ever')}</label>"
              f"<label><input type=\"checkbox\" id=\"changed-only\"> {text.text('history.changed_only')}</label>"
              f"<input id=\"search\" type=\"search\" placeholder=\"{text.text('history.search')}\""
              f" aria-label=\"{text.text('history.search')}\"><span id=\"shown\" class=\"meta\"></span>"
              f"<div id=\"detail\" class=\"meta\">{text.text('history.legend')}</div></div>")
    table = [f"<main><table class=\"history\"><thead><tr><th>{text.text('history.entity')}</th>"
             f"<th>{text.text('history.latest_title')}</th>"
             + "".join(f"<th>{year}</th>" for year in years) + "</tr></thead>"]
    for heading, chains in groups(history, text):
        table.append(f"<tbody class=\"group-body\"><tr class=\"group\"><th colspan=\"{len(years) + 2}\">"
                     f"{escape(heading)}</th></tr>" + "".join(row_html(c, years, text) for c in chains) + "</tbody>")
    table.append("</table></main>")
    return page(title, header + "".join(table), CSS, text.script_strings("history") + SCRIPT, language)
