"""The debug drawing: a page with its gutters, blocks and the role each block got."""
from __future__ import annotations

from conftest import CORPUS
from pdfmaker import SAMPLE, TWO_COLUMN, render
from PIL import Image

from pipeline.cli import main
from pipeline.run.debug import GUTTER_FILL, ROLE_COLOURS


def colour_share(image: Image.Image, hex_colour: str) -> int:
    """How many pixels of the image have exactly this colour."""
    rgb = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return sum(1 for pixel in image.get_flattened_data() if pixel == rgb)


def test_debug_draws_the_roles_and_gutters_of_a_page(tmp_path, capsys):
    pdf = render(tmp_path / "sample.pdf", SAMPLE, TWO_COLUMN)
    target = tmp_path / "page.png"
    assert main(["debug", str(pdf), "--page", "4", "--out", str(target)]) == 0
    image = Image.open(target).convert("RGB")
    assert image.width > 500
    assert colour_share(image, ROLE_COLOURS["dossier"]) > 100
    assert colour_share(image, ROLE_COLOURS["theme"]) > 50
    assert colour_share(image, ROLE_COLOURS["item"]) > 50


def test_debug_shades_the_gutter_of_a_two_column_page(tmp_path):
    target = tmp_path / "page.png"
    assert main(["debug", str(CORPUS / "serv-werkprogramma-2024.pdf"), "--page", "12", "--out", str(target)]) == 0
    tint = Image.alpha_composite(Image.new("RGBA", (1, 1), "white"), Image.new("RGBA", (1, 1), GUTTER_FILL))
    assert colour_share(Image.open(target).convert("RGB"), "#{:02x}{:02x}{:02x}".format(*tint.getpixel((0, 0)))) > 5000


def test_debug_of_a_page_that_is_not_there_is_one_line(tmp_path, capsys):
    pdf = render(tmp_path / "sample.pdf", SAMPLE, TWO_COLUMN)
    assert main(["debug", str(pdf), "--page", "40"]) == 2
    assert capsys.readouterr().err.strip() == "error: sample.pdf: has no page 40 (it has 7)"
