"""`programme.html`: one edition as a page to read, with navigation, a spearhead filter, search and facets.

Every dossier and advisory request carries the actors, commissions and
topics it names as `data-facets`; a click on a facet shows only those items,
each with the sentence that names the actor.  Page links open the PDF at the
page (`file.pdf#page=N`).  The page is self-contained: it works offline and
from a file:// address.
"""
from __future__ import annotations

from pipeline.programme import Annotations, Programme, Theme
from pipeline.render.i18n import DEFAULT_LANGUAGE, Catalogue, catalogue
from pipeline.render.page import HIDDEN_CSS, escape, page

CSS = """
.layout{display:grid;grid-template-columns:16rem minmax(0,1fr) 15rem;gap:1.2rem;padding:0 1rem;max-width:90rem;
margin:auto}
nav#toc,aside#facets{position:sticky;top:3.5rem;max-height:calc(100vh - 4rem);overflow:auto;font-size:.88rem}
nav#toc ol{list-style:none;padding-left:.8rem;margin:.2rem 0}nav#toc>ol{padding:0}
nav#toc a{text-decoration:none}.part>h2{border-bottom:2px solid #007882;margin-top:1.6rem}
.theme,.part{scroll-margin-top:4rem}.theme>h3{margin:1.4rem 0 .2rem;color:#007882}
.dossier{border-left:4px solid #d0d7d8;padding:.2rem .8rem;margin:.7rem 0}
.dossier[data-spearhead=true]{border-left-color:#b8860b;background:#fffbea}
.dossier h4{margin:.2rem 0}.text{white-space:pre-line}
.requests{background:#eef6f7;padding:.3rem .8rem;margin:.7rem 0}.requests h4{margin:.3rem 0}
.evidence{display:none;font-style:italic;border-left:2px solid #007882;padding-left:.5rem;margin:.3rem 0}
.evidence.on{display:block}
.facet{display:flex;justify-content:space-between;width:100%;text-align:left;border:0;background:none;
padding:.1rem .2rem}.facet:hover,.facet.active{background:#e0f0f2}
.panel>summary{font-weight:bold;margin:.8rem 0 .2rem;cursor:pointer}aside#facets ul{list-style:none;padding:0;margin:0}
""" + HIDDEN_CSS + """\
@media (max-width:60rem){.layout{grid-template-columns:1fr}nav#toc,aside#facets{position:static;max-height:none}
aside#facets{order:-1}h1{font-size:1.5rem}}
"""

SCRIPT = """
const state = {spearheads: false, facet: null, query: ""};
const items = [...document.querySelectorAll(".dossier,.request")];
function matches(el) {
  if (state.spearheads && el.dataset.spearhead !== "true") return false;
  if (state.facet && !el.dataset.facets.split(" ").includes(state.facet)) return false;
  return !state.query || el.textContent.toLowerCase().includes(state.query);
}
function apply() {
  const filtering = state.spearheads || state.facet || state.query;
  let shown = 0;
  for (const el of items) { const on = matches(el); el.classList.toggle("hidden", !on); shown += on; }
  for (const el of document.querySelectorAll(".intro,.part-intro")) el.classList.toggle("hidden", !!filtering);
  for (const box of document.querySelectorAll(".requests"))
    box.classList.toggle("hidden", !box.querySelector(".request:not(.hidden)"));
  for (const theme of document.querySelectorAll(".theme"))
    theme.classList.toggle("hidden",
      !!filtering && !theme.querySelector(".dossier:not(.hidden),.request:not(.hidden)"));
  for (const part of document.querySelectorAll(".part"))
    part.classList.toggle("hidden", !!filtering && !part.querySelector(".theme:not(.hidden)"));
  for (const ev of document.querySelectorAll(".evidence")) ev.classList.toggle("on", ev.dataset.facet === state.facet);
  for (const b of document.querySelectorAll(".facet")) b.classList.toggle("active", b.dataset.facet === state.facet);
  const label = document.getElementById("facet-active");
  label.hidden = !state.facet;
  if (state.facet) label.querySelector("b").textContent = document.querySelector(
    `.facet[data-facet="${CSS.escape(state.facet)}"] .name`).textContent;
  const count = n => n.toLocaleString(TEXT.lang);
  document.getElementById("shown").textContent = filtering
    ? TEXT.shown.replace("{shown}", count(shown)).replace("{total}", count(items.length)) : "";
}
document.getElementById("spearheads-only").addEventListener("change", e => {
  state.spearheads = e.target.checked; apply();
});
document.getElementById("search").addEventListener("input", e => {
  state.query = e.target.value.trim().toLowerCase(); apply();
});
for (const b of document.querySelectorAll(".facet"))
  b.addEventListener("click", () => {
    state.facet = state.facet === b.dataset.facet ? null : b.dataset.facet; apply();
  });
if (matchMedia("(max-width:60rem)").matches) for (const d of document.querySelectorAll(".panel")) d.open = false;
document.getElementById("facet-clear").addEventListener("click", () => { state.facet = null; apply(); });
"""


def facet_keys(annotations: Annotations | None, theme: Theme) -> list[str]:
    """The facets of an item: the actors, commissions and topics it names, and its theme's commission."""
    keys = [theme.commission] if theme.commission else []
    if annotations is not None:
        keys += [m.actor for m in annotations.actors] + annotations.commissions
        keys += [f"topic/{t}" for t in annotations.topics]
    return sorted(set(keys))


def page_link(pdf_link: str, pages: list[int], text: Catalogue) -> str:
    if not pages:
        return ""
    return f"<a class=\"page\" href=\"{escape(pdf_link)}#page={pages[0]}\">{escape(text.pages(pages))}</a>"


def evidence_html(annotations: Annotations | None, pdf_link: str, text: Catalogue) -> str:
    if annotations is None:
        return ""
    return "".join(f"<p class=\"evidence\" data-facet=\"{escape(m.actor)}\">“{escape(m.evidence.sentence)}”"
                   f" {page_link(pdf_link, [m.evidence.page] if m.evidence.page else [], text)}</p>"
                   for m in annotations.actors)


def timing_html(annotations: Annotations | None, text: Catalogue) -> str:
    """When the item is expected, as the text says it and as dates in the page's language."""
    if annotations is None or not annotations.timing:
        return ""
    periods = "; ".join(f"{t.phrase} ({text.period(t.start, t.end)})" for t in annotations.timing)
    return f" <span class=\"meta timing\">{escape(text.text('programme.expected', period=periods))}</span>"


def theme_html(theme: Theme, pdf_link: str, commission_names: dict[str, str], text: Catalogue) -> str:
    out = [f"<section class=\"theme\" id=\"{escape(theme.id)}\"><h3>{escape(theme.title)}</h3>"]
    meta = [page_link(pdf_link, theme.pages, text)]
    if theme.commission:
        name = commission_names.get(theme.commission, theme.commission)
        meta.append(escape(text.text("programme.handled_by", commission=name)))
    out.append(f"<p class=\"meta\">{' · '.join(filter(None, meta))}</p>")
    if theme.intro or theme.subs:
        subs = "".join(f"<li>{escape(s)}</li>" for s in theme.subs)
        out.append(f"<details class=\"intro\"><summary>{text.text('programme.introduction')}</summary>"
                   f"<div class=\"text\">{escape(theme.intro)}</div>{f'<ul>{subs}</ul>' if subs else ''}</details>")
    for dossier in theme.dossiers:
        star = f" <span class=\"star\" title=\"{text.text('spearhead')}\">★</span>" if dossier.spearhead else ""
        subs = "".join(f"<li>{escape(s)}</li>" for s in dossier.subs)
        out.append(
            f"<article class=\"dossier\" id=\"{escape(dossier.id)}\""
            f" data-spearhead=\"{str(dossier.spearhead).lower()}\""
            f" data-facets=\"{escape(' '.join(facet_keys(dossier.nlp, theme)))}\">"
            f"<h4>{escape(dossier.title)}{star}</h4><p class=\"meta\">{page_link(pdf_link, dossier.pages, text)}"
            f"{timing_html(dossier.nlp, text)}</p>"
            + (f"<p class=\"meta\">{text.text('programme.subs')}</p><ul class=\"subs\">{subs}</ul>" if subs else "")
            + f"{evidence_html(dossier.nlp, pdf_link, text)}<details><summary>{text.text('programme.text')}</summary>"
            f"<div class=\"text\">{escape(dossier.text)}</div></details></article>")
    lists: dict[str, list[str]] = {}
    for request in theme.advisory_requests:
        subitems = "".join(f"<li>{escape(s)}</li>" for s in request.subitems)
        lists.setdefault(request.list, []).append(
            f"<li class=\"request\" id=\"{escape(request.id)}\" data-spearhead=\"false\""
            f" data-facets=\"{escape(' '.join(facet_keys(request.nlp, theme)))}\">{escape(request.text)} "
            f"{page_link(pdf_link, request.pages, text)}{timing_html(request.nlp, text)}"
            f"{f'<ul>{subitems}</ul>' if subitems else ''}{evidence_html(request.nlp, pdf_link, text)}</li>")
    for heading, entries in lists.items():
        out.append(f"<section class=\"requests\"><h4>{escape(heading)}</h4><ul>{''.join(entries)}</ul></section>")
    out.append("</section>")
    return "".join(out)


def facets_html(programme: Programme, text: Catalogue) -> str:
    counts: dict[str, int] = {}
    for part in programme.parts:
        for theme in part.themes:
            for item in [*theme.dossiers, *theme.advisory_requests]:
                for key in facet_keys(item.nlp, theme):
                    counts[key] = counts.get(key, 0) + 1
    assumed = " " + text.text("programme.assumed")
    groups = [(text.text("programme.actors"), [(a.id, a.name) for a in programme.actors]),
              (text.text("programme.commissions"),
               [(c.id, c.name + (assumed if c.assumed else "")) for c in programme.commissions]),
              (text.text("programme.topics"), [(f"topic/{t.id}", t.label) for t in programme.topics])]
    out = ["<aside id=\"facets\">"]
    for heading, entries in groups:
        entries = sorted((e for e in entries if counts.get(e[0])), key=lambda e: (-counts[e[0]], e[1].casefold()))
        if not entries:
            continue
        buttons = "".join(f"<li><button class=\"facet\" data-facet=\"{escape(key)}\"><span class=\"name\">"
                          f"{escape(name)}</span><span class=\"meta\">{text.number(counts[key])}</span>"
                          "</button></li>"
                          for key, name in entries)
        out.append(f"<details class=\"panel\" open><summary>{heading}</summary><ul>{buttons}</ul></details>")
    if len(out) == 1:
        out.append(f"<p class=\"meta\">{text.text('programme.no_facets')}</p>")
    out.append("</aside>")
    return "".join(out)


def programme_page(programme: Programme, pdf_link: str | None = None, language: str = DEFAULT_LANGUAGE) -> str:
    """The edition as a self-contained page with its interface in `language` (nl or en); `pdf_link` is the PDF's
    address from the page (default: its name)."""
    text = catalogue(language)
    pdf_link = pdf_link or programme.edition.source.file
    commission_names = {c.id: c.name for c in programme.commissions}
    summary = (escape(text.text("programme.summary", **programme.counts()))
               + f" · <a href=\"{escape(pdf_link)}\">{escape(programme.edition.source.file)}</a>")
    header = (f"<header class=\"top\"><h1>{escape(programme.edition.title)}</h1><p class=\"meta\">{summary}</p>"
              "</header><div class=\"toolbar\">"
              f"<input id=\"search\" type=\"search\" placeholder=\"{text.text('programme.search')}\""
              f" aria-label=\"{text.text('programme.search_label')}\"><label><input type=\"checkbox\""
              f" id=\"spearheads-only\"> {text.text('programme.spearheads_only')}</label>"
              f"<span id=\"facet-active\" hidden>{text.text('programme.showing')} <b></b> <button id=\"facet-clear\""
              f" type=\"button\">{text.text('programme.clear')}</button></span>"
              "<span id=\"shown\" class=\"meta\"></span></div>")
    toc = [f"<nav id=\"toc\"><details class=\"panel\" open><summary>{text.text('programme.contents')}</summary><ol>"]
    main = ["<main>"]
    for part in programme.parts:
        heading = f"{text.text('part', number=part.number)}. {escape(part.title)}"
        toc.append(f"<li><a href=\"#{escape(part.id)}\">{heading}</a><ol>")
        toc += [f"<li><a class=\"theme-link\" href=\"#{escape(t.id)}\">{escape(t.title)}</a></li>" for t in part.themes]
        toc.append("</ol></li>")
        main.append(f"<section class=\"part\" id=\"{escape(part.id)}\"><h2>{heading}</h2>")
        if part.intro:
            main.append(f"<details class=\"part-intro\"><summary>{text.text('programme.introduction')}</summary>"
                        f"<div class=\"text\">{escape(part.intro)}</div></details>")
        main += [theme_html(theme, pdf_link, commission_names, text) for theme in part.themes]
        main.append("</section>")
    toc.append("</ol></details></nav>")
    main.append("</main>")
    body = (header + "<div class=\"layout\">" + "".join(toc) + "".join(main) + facets_html(programme, text)
            + "</div>")
    return page(programme.edition.title, body, CSS, text.script_strings("programme") + SCRIPT, language)
