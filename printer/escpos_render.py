"""Render a slip to ESC/POS bytes through python-escpos, with the code page chosen on purpose."""

from typing import Any

from printer import raster, scripts
from printer._escpos import Dummy
from printer.address import Profile
from printer.layout import Line, layout
from printer.slip import Slip


def render_to(printer: Any, slip: Slip, profile: Profile) -> None:
    """Send a slip's commands to any python-escpos printer object (Dummy, Network, Usb, ...)."""
    # A visitor's slip prints in their language: its own code page, or as an image (Arabic).
    profile = scripts.for_language(profile, slip.language)
    printer.hw("INIT")
    # ESC @ resets the printer to its default code page, so python-escpos's idea of the current
    # page is stale; forgetting it makes charcode() always send ESC t n.
    printer.magic.encoding = None
    # Forced, not automatic: the automatic encoder may pick a page without the euro sign.
    printer.charcode(profile.codepage)
    if scripts.is_raster(slip.language):
        _raster_to(printer, slip, profile)
        return
    bold = big = False
    for line in layout(slip, profile):
        if line.qr:
            if big or bold:
                printer.set(normal_textsize=True, bold=False)
                big = bold = False
            _qr(printer, line)
            continue
        if line.big != big:
            printer.set(double_width=line.big, double_height=line.big, normal_textsize=not line.big)
            big = line.big
        if line.bold != bold:
            printer.set(bold=line.bold)
            bold = line.bold
        printer.text(line.text + "\n")
    if big or bold:
        printer.set(normal_textsize=True, bold=False)
    if slip.cut:
        printer.cut()


def _raster_to(printer: Any, slip: Slip, profile: Profile) -> None:
    """The slip's text as images, between its QR codes (which the printer draws itself)."""
    text: list[Line] = []
    for line in layout(slip, profile):
        if not line.qr:
            text.append(line)
            continue
        _image(printer, text, profile)
        text = []
        _qr(printer, line)
    _image(printer, text, profile)
    if slip.cut:
        printer.cut()


def _image(printer: Any, lines: list[Line], profile: Profile) -> None:
    if lines:
        image = raster.draw_lines(lines, profile.paper_mm, profile.columns)
        printer.image(image, impl="bitImageRaster", center=False)


def _qr(printer: Any, line: Line) -> None:
    # Native QR (GS ( k): the printer draws it, so no image is rendered or sent.
    printer.set(align="center")
    printer.qr(line.qr, size=line.qr_size, native=True)
    printer.text("\n")
    printer.set(align="left")


def render(slip: Slip, profile: Profile) -> bytes:
    """Return the complete ESC/POS job for a slip, from printer reset to cut."""
    dummy = Dummy(profile=profile.escpos_profile)
    render_to(dummy, slip, profile)
    return dummy.output
