"""PDF producers for the test typesetter: the same programme elements set by other software.

Each module (`browser`, `office`, `tex`) has the same four names:

- `NAME`: the producer's name in reports;
- `missing() -> str | None`: why the producer cannot run here (a program not installed), else None;
- `draw(seed) -> dict[str, str]`: the style dimensions drawn from the seed, as short strings for the sweep table;
- `render(path, elements, seed, title) -> Path`: typeset `elements` (the format of `pdfmaker`) in the style
  drawn from `seed` and write the PDF to `path`.

reportlab, the first producer, is `pdfmaker` itself.
"""
