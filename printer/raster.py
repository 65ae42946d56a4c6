"""A number drawn large and smooth as a 1-bit image at the printer's resolution (queue tickets).

A thermal printer's double-size font is its 12x24 bitmap font scaled up: blocky stair steps. A
ticket's number is read from a distance, so it is drawn from an outline font instead and thresholded
(not dithered) to the printer's dots, which keeps its curves clean. Only the print worker draws:
escpos_render imports this module when a slip with such a number is rendered, never a request.
"""

import functools
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# The printable width in dots at 203 dpi (8 dots a millimetre) of each paper width.
DOTS = {58: 384, 80: 576}
# Bold outline fonts a Debian or Raspberry Pi OS system has (fonts-dejavu-core, fonts-liberation);
# without any, Pillow's own scalable font.
FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)
INK_SHARE = 0.36  # the digits' height as a share of the paper's width
MARGIN = 8  # dots kept free at each side


@functools.lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    for path in FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _fitted(text: str, width: int, height: int) -> tuple[ImageFont.FreeTypeFont, tuple]:
    """The largest font whose digits are `height` high and whose text fits the width."""
    size = height
    for _ in range(2):  # a first guess, then corrected by what was measured
        font = _font(size)
        left, top, right, bottom = font.getbbox(text)
        size = max(8, int(size * min(height / max(bottom - top, 1),
                                     (width - 2 * MARGIN) / max(right - left, 1))))
    font = _font(size)
    return font, font.getbbox(text)


def number_image(text: str, paper_mm: int) -> Image.Image:
    """The text drawn black on white, centred, as a 1-bit image exactly as wide as the paper."""
    width = DOTS[paper_mm]
    font, (left, top, right, bottom) = _fitted(text, width, int(width * INK_SHARE))
    height = bottom - top + 2 * MARGIN
    grey = Image.new("L", (width, height), 255)
    ImageDraw.Draw(grey).text(((width - (right - left)) / 2 - left, MARGIN - top), text,
                              font=font, fill=0)
    # A threshold, not dithering: anti-aliased edges become a clean outline instead of speckles.
    return grey.point(lambda value: 0 if value < 128 else 255, mode="1")
