"""Render a slip as an HTML fragment that looks like the paper: monospaced, at the true width.

Only classes, no style attributes: the kiosk's Content-Security-Policy forbids inline styles.
The stylesheet sets `.slip-preview` to a monospaced font, `white-space: pre` and
`width: max-content`; every line is laid out to the printer's column count, so the preview is
exactly as wide as the paper.
"""

import segno
from markupsafe import Markup, escape

from printer.address import Profile
from printer.layout import Line, layout
from printer.slip import Slip


def _line(line: Line, columns: int) -> str:
    if line.qr:
        svg = segno.make_qr(line.qr, error="l").svg_inline(scale=line.qr_size, border=1)
        return f'<div class="slip-qr">{svg}</div>'
    if line.raster:
        # Drawn on paper as a large image; the preview shows it as large text.
        return f'<div class="slip-line slip-raster">{escape(line.raster)}</div>'
    classes = "slip-line"
    if line.bold:
        classes += " bold"
    if line.big:
        # Double width and height: half as many characters, each twice as wide.
        classes += " big"
    # Padded to the full width, so that `width: max-content` is the paper's width.
    text = escape(line.text.ljust(columns // 2 if line.big else columns))
    return f'<div class="{classes}">{text}</div>'


def preview_html(slip: Slip, profile: Profile) -> Markup:
    """Return the slip as an HTML fragment (escaped text; safe to put in a Jinja template as is)."""
    lines = "".join(_line(line, profile.columns) for line in layout(slip, profile))
    cut = '<div class="slip-cut" aria-hidden="true">✂ - - - - - -</div>' if slip.cut else ""
    # Every piece of text in `lines` went through escape(); the rest is fixed markup.
    return Markup(  # noqa: S704
        f'<div class="slip-preview" data-columns="{profile.columns}">{lines}{cut}</div>'
    )
