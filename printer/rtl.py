"""Arabic on a receipt printer: the slip's lines drawn right to left into a 1-bit image.

Pillow lays the text out with raqm (shaping and bidi: letters join, numbers keep their order);
without raqm the text is shaped with arabic-reshaper and ordered with python-bidi first. The
image is as wide as the paper's dots and printed with python-escpos's image().
"""

import functools
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

from printer.layout import Line

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Latin and Arabic glyphs
BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
DOTS = {58: 384, 80: 576}  # printable dots per line at 203 dpi
_RTL = ("\u0590", "\u08ff")  # Hebrew and Arabic blocks


def width_dots(paper_mm: int) -> int:
    """The printable width of this paper in dots."""
    return DOTS[paper_mm]


@functools.lru_cache(maxsize=8)
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(BOLD if bold else FONT), size, layout_engine=engine)


def _rtl(text: str) -> bool:
    return any(_RTL[0] <= char <= _RTL[1] for char in text)


def _visual(text: str) -> str:
    """Text in the order to draw it when Pillow cannot shape (no raqm)."""
    if features.check("raqm") or not _rtl(text):
        return text
    import arabic_reshaper  # only on a Pillow without raqm
    from bidi.algorithm import get_display

    return get_display(arabic_reshaper.reshape(text))


def _align(line: Line, columns: int) -> str:
    """Where the layout placed the text: centred, at the end, or at a right-to-left start."""
    text = line.text
    if text.startswith(" "):
        return "right" if len(text.rstrip()) >= columns else "center"
    return "right" if _rtl(text) else "left"


def draw_lines(lines: list[Line], paper_mm: int, columns: int) -> Image.Image:
    """Draw text lines (no QR codes) into one black-and-white image as wide as the paper."""
    width = width_dots(paper_mm)
    size = max(16, round(width / columns * 1.7))  # DejaVu Sans: about `columns` letters a line
    heights = [round(size * (2.4 if line.big else 1.35)) for line in lines]
    image = Image.new("1", (width, sum(heights) + 4), 1)
    draw = ImageDraw.Draw(image)
    top = 0
    for line, height in zip(lines, heights, strict=True):
        text = " ".join(line.text.split())
        if text and set(text) <= set("-="):  # a rule runs the paper's whole width
            draw.line((0, top + height // 2, width, top + height // 2), fill=0, width=2)
        elif text:
            font = _font(size * 2 if line.big else size, line.bold or line.big)
            kwargs = {"direction": "rtl"} if _rtl(text) and features.check("raqm") else {}
            shown = _visual(text)
            box = draw.textbbox((0, 0), shown, font=font, **kwargs)
            span = min(box[2] - box[0], width)
            align = _align(line, columns)
            left = {"left": 0, "center": (width - span) // 2, "right": width - span}[align]
            draw.text((left - box[0], top), shown, font=font, fill=0, **kwargs)
        top += height
    return image
