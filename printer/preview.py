"""Render a slip as an HTML fragment that looks like the paper: monospaced, at the true width."""

import segno
from markupsafe import Markup, escape

from printer.address import Profile
from printer.layout import Line, layout
from printer.slip import Slip


def _line(line: Line) -> str:
    if line.qr:
        svg = segno.make_qr(line.qr, error="l").svg_inline(scale=line.qr_size, border=1)
        return f'<div class="slip-qr" style="text-align:center">{svg}</div>'
    style = "font-weight:bold;" if line.bold else ""
    if line.big:
        # Double width and height: half as many characters, each twice as wide.
        style += "font-size:200%;line-height:1.1;"
    text = escape(line.text) if line.text else Markup("&nbsp;")
    return f'<div class="slip-line" style="{style}">{text}</div>'


def preview_html(slip: Slip, profile: Profile) -> Markup:
    """Return the slip as an HTML fragment (escaped text; safe to put in a Jinja template as is)."""
    lines = "".join(_line(line) for line in layout(slip, profile))
    cut = '<div class="slip-cut" aria-hidden="true">✂ - - - - - -</div>' if slip.cut else ""
    # Every piece of text in `lines` went through escape(); the rest is fixed markup.
    return Markup(  # noqa: S704
        f'<div class="slip-preview" data-columns="{profile.columns}" '
        f'style="font-family:monospace;white-space:pre;width:{profile.columns}ch;'
        f'overflow:hidden;background:#fff;color:#000;padding:0.5em;">'
        f"{lines}{cut}</div>"
    )
