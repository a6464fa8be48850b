"""Human-readable diff reports: Markdown and a self-contained HTML page (no network, inline CSS)."""
from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from functools import partial

from pipeline.comparison.diff import KINDS, Change, Diff, Side
from pipeline.render.i18n import DEFAULT_LANGUAGE, Catalogue, catalogue
from pipeline.render.page import META_CSS, escape, page

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
""" + META_CSS + "\n"


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


def describe(change: Change, text: Catalogue) -> str:
    """What a moved or spearhead change means, in words."""
    if change.kind == "moved":
        def place(side: Side) -> str:
            if side.theme:
                return text.text("diff.place", theme=side.theme, part=side.part)
            return text.text("part", number=side.part)
        return text.text("diff.moved", old=place(change.before), new=place(change.after))
    return text.text("diff.now_spearhead" if change.after.spearhead else "diff.no_longer_spearhead")


def star(change: Change) -> str:
    return " ★" if any(s and s.spearhead for s in (change.before, change.after)) else ""


def recurring_note(change: Change, text: Catalogue) -> str:
    return f" ({text.text('recurring')})" if change.recurring else ""


def headline(change: Change, text: Catalogue) -> tuple[str, str]:
    """The kind of change, and the entity with its spearhead star and recurring note, in words."""
    return (text.text(f"kinds.{change.kind}"),
            text.text(f"entities.{change.entity}") + star(change) + recurring_note(change, text))


def change_markdown(change: Change, old_link: str, new_link: str, page_link, text: Catalogue) -> str:
    kind, entity = headline(change, text)
    head = f"- **{kind}** {entity}: "
    refs = " ".join(filter(None, [page_refs(change.before, old_link, page_link),
                                  page_refs(change.after, new_link, page_link)]))
    before, after = label(change.before), label(change.after)
    if change.kind in ("renamed", "modified"):
        old, new = word_diff(before, after, ("~~", "~~"), ("**", "**"))
        return f"{head}{old} → {new} ({refs})"
    if change.kind in ("moved", "spearhead_changed"):
        return f"{head}{after} — {describe(change, text)} ({refs})"
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


def counts_rows(diff: Diff, text: Catalogue) -> list[tuple[str, str]]:
    """The table of counts: each kind of change and the total, numbers written the language's way."""
    return ([(text.text(f"kinds.{k}"), text.number(diff.counts.get(k, 0))) for k in KINDS]
            + [(text.text("diff.total"), text.number(len(diff.changes)))])


def diff_title(diff: Diff, text: Catalogue) -> str:
    return text.text("diff.title", old=diff.editions["from"].title, new=diff.editions["to"].title)


def to_markdown(diff: Diff, language: str = DEFAULT_LANGUAGE) -> str:
    """The diff as Markdown, its headings and labels in `language` (nl or en)."""
    text = catalogue(language)
    lines = [f"# {diff_title(diff, text)}", "", f"| {text.text('diff.change')} | {text.text('diff.count')} |",
             "|---|---:|"]
    *kinds, (total, count) = counts_rows(diff, text)
    lines += [f"| {name} | {number} |" for name, number in kinds]
    lines.append(f"| **{total}** | **{count}** |")
    lines += body(diff, part=lambda number: f"\n## {text.text('part', number=number)}",
                  theme=lambda title: f"\n### {title}\n", change=partial(change_markdown, text=text),
                  page_link=lambda link, page: f"[{text.pages([page])}]({link}#page={page})")
    return "\n".join(lines) + "\n"


def to_html(diff: Diff, language: str = DEFAULT_LANGUAGE) -> str:
    """The diff as a self-contained HTML page (the shell every page of the project shares) in `language`."""
    text = catalogue(language)
    title = diff_title(diff, text)
    out = [f"<h1>{escape(title)}</h1>", f"<table class=\"counts\"><tr><th>{text.text('diff.change')}</th>"
                                     f"<th>{text.text('diff.count')}</th></tr>"]
    out += [f"<tr><th>{name}</th><td>{count}</td></tr>" for name, count in counts_rows(diff, text)]
    out.append("</table>")
    out += body(diff, part=lambda number: f"<h2>{text.text('part', number=number)}</h2>",
                theme=lambda title: f"<h3>{escape(title)}</h3>", change=partial(change_html, text=text),
                page_link=lambda link, page: f"<a href=\"{escape(link)}#page={page}\">{text.pages([page])}</a>")
    return page(title, "\n".join(out), CSS, language=language)


def change_html(change: Change, old_link: str, new_link: str, page_link, text: Catalogue) -> str:
    before, after = label(change.before), label(change.after)
    kind, entity = headline(change, text)
    head = (f"<div class=\"change {change.kind}\" data-kind=\"{change.kind}\" data-entity=\"{change.entity}\" "
            f"data-recurring=\"{str(change.recurring).lower()}\">"
            f"<span class=\"badge\">{escape(kind)}</span>{escape(entity)}")
    old_ref = page_refs(change.before, old_link, page_link)
    new_ref = page_refs(change.after, new_link, page_link)
    if change.kind in ("renamed", "modified"):
        old, new = word_diff(before, after, ("<del>", "</del>"), ("<ins>", "</ins>"), escape)
        body = (f"<div class=\"sides\"><div class=\"side\"><div class=\"meta\">{text.text('diff.before')} "
                f"{old_ref}</div>{old}</div><div class=\"side\"><div class=\"meta\">{text.text('diff.after')} "
                f"{new_ref}</div>{new}</div></div>")
    elif change.kind in ("moved", "spearhead_changed"):
        body = f"<p>{escape(after)}</p><p class=\"meta\">{escape(describe(change, text))} {old_ref} {new_ref}</p>"
    else:
        body = f"<p>{escape(before or after)}</p><p class=\"meta\">{old_ref}{new_ref}</p>"
    return head + body + "</div>"
