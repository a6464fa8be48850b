"""PDF producers for the test typesetter: the same programme elements set by other software.

Each module (`browser`, `office`, `tex`) has the same four names:

- `NAME`: the producer's name in reports;
- `missing() -> str | None`: why the producer cannot run here (a program not installed), else None;
- `draw(seed) -> dict[str, str]`: the style dimensions drawn from the seed, as short strings for the sweep table;
- `render(path, elements, seed, title) -> Path`: typeset `elements` (the format of `pdfmaker`) in the style
  drawn from `seed` and write the PDF to `path`.

reportlab, the first producer, is `pdfmaker` itself.
"""
from __future__ import annotations

import shutil
import subprocess
from functools import cache


@cache
def installed_families() -> frozenset[str]:
    """The font families fontconfig knows (a producer picks among those installed)."""
    try:
        out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(name.strip() for line in out.splitlines() for name in line.split(","))


def program(*names: str) -> str | None:
    """The path of the first of these programs that is installed, else None."""
    return next(filter(None, map(shutil.which, names)), None)


ACCENTS = {"teal": "#00787f", "navy": "#1a3380", "red": "#b31a26", "green": "#267333", "purple": "#66267f"}


class DrawnDocument:
    """A programme being written in one drawn style: the style's dimensions (`s`), the title, the body size
    in points and the accent colour."""

    def __init__(self, style: dict[str, str], title: str):
        self.s = style
        self.title = title
        self.body = float(style["body"])
        self.accent = ACCENTS[style["accent"]]


def mark_title(title: str, mark: str, escape, superscript: str) -> str:
    """A dossier title (a trailing "*" marks a spearhead) escaped, with the mark in the drawn form: "*", "∗",
    "(*)", or "sup*", a raised star written as `superscript`."""
    if not title.endswith("*"):
        return escape(title)
    title = escape(title.removesuffix("*").rstrip())
    if mark == "sup*":
        return title + superscript
    return f"{title}*" if mark == "*" else f"{title} {mark}"


def blocks(elements: list[tuple]):
    """The elements with each list taken together: (kind, args, items), where a "list" element (or items
    without one) comes with the "item" and "subitem" elements that follow it, and other kinds with none."""
    index = 0
    while index < len(elements):
        kind, *args = elements[index]
        index += 1
        if kind in ("list", "item", "subitem"):
            end = next((i for i in range(index, len(elements)) if elements[i][0] not in ("item", "subitem")),
                       len(elements))
            items = [e for e in elements[index - 1:end] if e[0] != "list"]
            index = end
            yield kind, args, items
        else:
            yield kind, args, []


def item_rows(items: list[tuple]) -> list[tuple[str, list[str]]]:
    """List items as rows: each item's text with the texts of its sub-items."""
    rows: list[tuple[str, list[str]]] = []
    for kind, text in items:
        if kind == "item" or not rows:
            rows.append((text, []))
        else:
            rows[-1][1].append(text)
    return rows
