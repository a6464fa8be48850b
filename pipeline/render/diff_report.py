"""Human-readable diff reports: Markdown and a self-contained HTML page (no network, inline CSS)."""
from __future__ import annotations

import difflib
import html
from collections.abc import Callable, Iterable, Iterator

from pipeline.comparison.diff import KINDS, Change, Diff, Side
from pipeline.render.page import page

KIND_LABELS = {"added": "added", "removed": "removed", "renamed": "renamed", "moved": "moved",
               "spearhead_changed": "spearhead changed", "modified": "modified"}
ENTITY_LABELS = {"theme": "theme", "dossier": "dossier", "advisory_request": "advisory request"}

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;color:#1a1a1a;
line-height:1.45;padding:0 1rem}
h1{color:#007882}h2{border-bottom:2px solid #007882;padding-bottom:.2rem;margin-top:2rem}h3{margin-bottom:.3rem}
table.counts{border-collapse:collapse}table.counts td,table.counts th{border:1px solid #ccc;padding:.2rem .6rem;
text-align:right}table.counts th{text-align:left;background:#eef6f7}
.change{border-left:4px solid #999;padding:.3rem .8rem;margin:.5rem 0;background:#fafafa}
.added{border-color:#2e7d32}.removed{border-color:#c62828}.renamed,.modified{border-color:#ef6c00}
.moved{border-color:#1565c0}.spearhead_changed{border-color:#6a1b9a}
.badge{display:inline-block;font-size:.8rem;font-weight:bold;text-transform:uppercase;margin-right:.5rem}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.side{background:#fff;padding:.3rem .5rem;
border:1px solid #e3e3e3}
del{background:#ffd7d5;text-decoration:line-through}ins{background:#ccf0d1;text-decoration:none}
.meta{color:#555;font-size:.85rem}
"""


def label(side: Side | None) -> str:
    if side is None:
        return ""
    return side.title if side.title is not None else (side.text or "")


def word_diff(old: str, new: str, deleted: tuple[str, str], inserted: tuple[str, str],
              escape=lambda s: s) -> tuple[str, str]:
    """Both texts with the words that changed wrapped in the given markers."""
    a, b = old.split(), new.split()
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old_words, new_words = escape(" ".join(a[i1:i2])), escape(" ".join(b[j1:j2]))
        if op == "equal":
            left.append(old_words)
            right.append(new_words)
            continue
        if old_words:
            left.append(deleted[0] + old_words + deleted[1])
        if new_words:
            right.append(inserted[0] + new_words + inserted[1])
    return " ".join(left), " ".join(right)


def grouped(diff: Diff) -> list[tuple[int, str, list[Change]]]:
    """Changes per part and theme in the order they come, spearheads first within a theme."""
    groups: dict[tuple[int, str], list[Change]] = {}
    for change in diff.changes:
        side = change.after or change.before
        theme = side.title if change.entity == "theme" else (side.theme or "")
        groups.setdefault((side.part, theme), []).append(change)

    def spearhead_first(change: Change) -> int:
        flags = [s.spearhead for s in (change.before, change.after) if s is not None]
        return 0 if any(flags) or change.kind == "spearhead_changed" else 1

    ordered = sorted(groups.items(), key=lambda kv: kv[0][0])
    return [(part, theme, sorted(changes, key=spearhead_first)) for (part, theme), changes in ordered]


def walk(diff: Diff) -> Iterator[tuple[str, object]]:
    """("part", number), ("theme", title) and ("change", change) events in report order."""
    current_part = None
    for part, theme, changes in grouped(diff):
        if part != current_part:
            yield "part", part
            current_part = part
        yield "theme", theme
        for change in changes:
            yield "change", change


def describe(change: Change) -> str:
    """What a moved or spearhead change means, in words."""
    if change.kind == "moved":
        def place(side: Side) -> str:
            return f"{side.theme} (Deel {side.part})" if side.theme else f"Deel {side.part}"
        return f"from {place(change.before)} to {place(change.after)}"
    return "now a spearhead" if change.after.spearhead else "no longer a spearhead"


def star(change: Change) -> str:
    return " ★" if any(s and s.spearhead for s in (change.before, change.after)) else ""


def recurring_note(change: Change) -> str:
    return " (recurring: only the years changed)" if change.recurring else ""


def change_markdown(change: Change, old_link: str, new_link: str, page_link) -> str:
    head = f"- **{KIND_LABELS[change.kind]}** {ENTITY_LABELS[change.entity]}{star(change)}{recurring_note(change)}: "
    refs = " ".join(filter(None, [page_refs(change.before, old_link, page_link),
                                  page_refs(change.after, new_link, page_link)]))
    before, after = label(change.before), label(change.after)
    if change.kind in ("renamed", "modified"):
        old, new = word_diff(before, after, ("~~", "~~"), ("**", "**"))
        return f"{head}{old} → {new} ({refs})"
    if change.kind in ("moved", "spearhead_changed"):
        return f"{head}{after} — {describe(change)} ({refs})"
    return f"{head}{before or after} ({refs})"


def page_refs(side: Side | None, link: str, fmt) -> str:
    if side is None or not side.pages:
        return ""
    return fmt(link, side.pages[0])


def body(diff: Diff, part: Callable[[int], str], theme: Callable[[str], str],
         change: Callable[[Change, str, str, Callable[[str, int], str]], str],
         page_link: Callable[[str, int], str]) -> list[str]:
    """The report's parts, themes and changes in report order, each written by the format's function."""
    old_link, new_link = diff.editions["from"].link, diff.editions["to"].link
    out = []
    for event, value in walk(diff):
        if event == "part":
            out.append(part(value))
        elif event == "theme":
            out.append(theme(value))
        else:
            out.append(change(value, old_link, new_link, page_link))
    return out


def to_markdown(diff: Diff) -> str:
    """The diff as Markdown."""
    source_from, source_to = diff.editions["from"], diff.editions["to"]
    lines = [f"# Changes from {source_from.title} to {source_to.title}", "",
             "| change | count |", "|---|---:|"]
    lines += [f"| {KIND_LABELS[k]} | {diff.counts.get(k, 0)} |" for k in KINDS]
    lines.append(f"| **total** | **{len(diff.changes)}** |")
    lines += body(diff, part=lambda number: f"\n## Deel {number}", theme=lambda title: f"\n### {title}\n",
                  change=change_markdown, page_link=lambda link, page: f"[p. {page}]({link}#page={page})")
    return "\n".join(lines) + "\n"


def to_html(diff: Diff) -> str:
    """The diff as a self-contained HTML page (the shell every page of the project shares)."""
    source_from, source_to = diff.editions["from"], diff.editions["to"]
    esc = html.escape
    title = f"Changes from {source_from.title} to {source_to.title}"
    out = [f"<h1>{esc(title)}</h1>", "<table class=\"counts\"><tr><th>change</th><th>count</th></tr>"]
    out += [f"<tr><th>{KIND_LABELS[k]}</th><td>{diff.counts.get(k, 0)}</td></tr>" for k in KINDS]
    out.append(f"<tr><th>total</th><td>{len(diff.changes)}</td></tr></table>")
    out += body(diff, part=lambda number: f"<h2>Deel {number}</h2>", theme=lambda title: f"<h3>{esc(title)}</h3>",
                change=change_html, page_link=lambda link, page: f"<a href=\"{esc(link)}#page={page}\">p. {page}</a>")
    return page(title, "\n".join(out), CSS)


def change_html(change: Change, old_link: str, new_link: str, page_link) -> str:
    esc = html.escape
    before, after = label(change.before), label(change.after)
    head = (f"<div class=\"change {change.kind}\" data-kind=\"{change.kind}\" data-entity=\"{change.entity}\" "
            f"data-recurring=\"{str(change.recurring).lower()}\">"
            f"<span class=\"badge\">{KIND_LABELS[change.kind]}</span>"
            f"{ENTITY_LABELS[change.entity]}{star(change)}{esc(recurring_note(change))}")
    old_ref = page_refs(change.before, old_link, page_link)
    new_ref = page_refs(change.after, new_link, page_link)
    if change.kind in ("renamed", "modified"):
        old, new = word_diff(before, after, ("<del>", "</del>"), ("<ins>", "</ins>"), esc)
        body = (f"<div class=\"sides\"><div class=\"side\"><div class=\"meta\">before {old_ref}</div>{old}</div>"
                f"<div class=\"side\"><div class=\"meta\">after {new_ref}</div>{new}</div></div>")
    elif change.kind in ("moved", "spearhead_changed"):
        body = f"<p>{esc(after)}</p><p class=\"meta\">{esc(describe(change))} {old_ref} {new_ref}</p>"
    else:
        body = f"<p>{esc(before or after)}</p><p class=\"meta\">{old_ref}{new_ref}</p>"
    return head + body + "</div>"


def report_names(old_stem: str, new_stem: str) -> Iterable[str]:
    """The file names of the JSON, Markdown and HTML reports of a pair of editions."""
    base = f"{old_stem}--{new_stem}"
    return (f"{base}.diff.json", f"{base}.diff.md", f"{base}.diff.html")
