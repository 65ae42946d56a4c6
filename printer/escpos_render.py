"""Render a slip to ESC/POS bytes through python-escpos, with the code page chosen on purpose."""

import contextlib
import io
from typing import Any

from printer import rtl, scripts
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
        if line.qr or line.raster:
            if big or bold:
                printer.set(normal_textsize=True, bold=False)
                big = bold = False
            _qr(printer, line) if line.qr else _raster(printer, line, profile)
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
    """The slip's text as images, between its QR codes (which the printer draws itself) and a
    ticket's big number (its own image)."""
    text: list[Line] = []
    for line in layout(slip, profile):
        if not (line.qr or line.raster):
            text.append(line)
            continue
        _image(printer, text, profile)
        text = []
        _qr(printer, line) if line.qr else _raster(printer, line, profile)
    _image(printer, text, profile)
    if slip.cut:
        printer.cut()


def _image(printer: Any, lines: list[Line], profile: Profile) -> None:
    if lines:
        image = rtl.draw_lines(lines, profile.paper_mm, profile.columns)
        printer.image(image, impl="bitImageRaster", center=False)


def _qr(printer: Any, line: Line) -> None:
    # Native QR (GS ( k): the printer draws it, so no image is rendered or sent.
    printer.set(align="center")
    printer.qr(line.qr, size=line.qr_size, native=True)
    printer.text("\n")
    printer.set(align="left")


def _raster(printer: Any, line: Line, profile: Profile) -> None:
    # Drawn here, in the print worker, never in a request: Pillow's drawing and the font load
    # only when a ticket prints.
    from printer.raster import number_image

    image = number_image(line.raster, profile.paper_mm)
    # python-escpos prints a notice on stdout when the profile does not know the paper's width in
    # dots; the image is exactly as wide as the paper, so the notice says nothing useful.
    with contextlib.redirect_stdout(io.StringIO()):
        printer.image(image, impl="bitImageRaster", center=False)


def render(slip: Slip, profile: Profile) -> bytes:
    """Return the complete ESC/POS job for a slip, from printer reset to cut."""
    dummy = Dummy(profile=profile.escpos_profile)
    render_to(dummy, slip, profile)
    return dummy.output
