"""PDF producers for the test typesetter: the same programme elements set by other software.

Each module (`browser`, `office`, `tex`) has the same four names:

- `NAME`: the producer's name in reports;
- `missing() -> str | None`: why the producer cannot run here (a program not installed), else None;
- `draw(seed) -> dict[str, str]`: the style dimensions drawn from the seed, as short strings for the sweep table;
- `render(path, elements, seed, title) -> Path`: typeset `elements` (the format of `pdfmaker`) in the style
  drawn from `seed` and write the PDF to `path`.

reportlab, the first producer, is `pdfmaker` itself.
"""


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
