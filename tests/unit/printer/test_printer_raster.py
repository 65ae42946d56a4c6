"""A queue ticket's number: drawn smooth as a 1-bit image at the printer's width, sent as GS v 0."""

import subprocess
import sys

import pytest

from printer.address import Profile
from printer.escpos_render import render
from printer.layout import layout
from printer.preview import preview_html
from printer.raster import DOTS, number_image
from printer.slip import BigNumber, Header, Slip

RASTER = b"\x1dv0\x00"  # GS v 0, normal density


def ticket(number: str = "17") -> Slip:
    return Slip(Header(""), [BigNumber(number, "Je nummer", smooth=True)], cut=False)


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_raster_number_is_a_raster_image_as_wide_as_the_paper(paper_mm):
    data = render(ticket(), Profile(paper_mm=paper_mm))
    start = data.index(RASTER) + len(RASTER)
    width_bytes = int.from_bytes(data[start:start + 2], "little")
    height = int.from_bytes(data[start + 2:start + 4], "little")
    assert width_bytes * 8 == DOTS[paper_mm]
    assert height >= DOTS[paper_mm] // 3  # at least a third of the width high: readable afar
    assert len(data) >= start + 4 + width_bytes * height
    # The number is drawn, not sent as (blocky, double-size) text.
    assert b"17\n" not in data and b"\x1b!\x30" not in data
    assert b"Je nummer\n" in data


def test_raster_number_is_drawn_large_and_centred():
    image = number_image("8", 80)
    assert image.mode == "1" and image.width == 576
    assert image.getpixel((0, 0)) == 255  # white paper, black ink
    left, top, right, bottom = _inverted(image).getbbox()
    assert bottom - top >= 150  # about 19 mm of ink at 203 dpi
    assert abs((left + right) / 2 - image.width / 2) < 12


def test_raster_number_edges_are_smooth_not_a_scaled_font():
    """A bitmap font scaled up steps in whole multiples of its scale; a drawn outline by 1 dot."""
    image = _inverted(number_image("0", 80))
    edges = []
    for y in range(image.height):
        row = [image.getpixel((x, y)) for x in range(image.width)]
        if any(row):
            edges.append(row.index(max(row)))
    steps = [abs(b - a) for a, b in zip(edges, edges[1:], strict=False)]
    assert 1 in steps and sorted(steps)[len(steps) // 2] <= 2


def test_raster_number_too_long_is_shrunk_to_fit():
    image = _inverted(number_image("12345", 58))
    left, _top, right, _bottom = image.getbbox()
    assert left >= 0 and right <= 384 and right - left > 200


def test_raster_number_in_the_preview_is_text():
    html = str(preview_html(ticket("42"), Profile()))
    assert 'class="slip-line slip-raster"' in html and ">42<" in html


def test_raster_old_payload_without_smooth_still_prints_the_double_size_number():
    slip = Slip.from_dict({"header": {"name": ""}, "cut": False,
                           "body": [{"type": "bignumber", "number": "9", "caption": ""}]})
    assert [line.big for line in layout(slip, Profile()) if line.text.strip() == "9"] == [True]


def test_raster_the_web_process_never_draws_when_a_ticket_is_laid_out():
    """Laying out (the request) does not render: the font is only opened by the print worker."""
    code = ("import sys; from printer.layout import layout; from printer.address import Profile;"
            "from printer.slip import *;"
            "layout(Slip(Header(''), [BigNumber('3', smooth=True)]), Profile());"
            "print('printer.raster' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _inverted(image):
    from PIL import ImageOps

    return ImageOps.invert(image.convert("L")).point(lambda v: 255 if v > 127 else 0)
