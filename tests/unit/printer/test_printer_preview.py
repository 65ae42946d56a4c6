"""The HTML preview shows the same lines as the paper, escaped, at the true column width."""

import html as html_lib
import re

from markupsafe import Markup

from printer.address import Profile
from printer.layout import layout
from printer.preview import preview_html
from printer.slip import BigNumber, Header, QRCode, Row, Slip, Text


def receipt(**flags) -> Slip:
    return Slip(
        Header("Buurtpunt <Centrum>", ["Kerkstraat 1"]),
        [Row("Zak & co", "€ 1,45"), Text("<script>alert(1)</script>"), BigNumber("A7")],
        ["Bedankt"],
        **flags,
    )


def test_preview_html_escapes_visitor_text():
    html = preview_html(receipt(), Profile())
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Buurtpunt &lt;Centrum&gt;" in html and "Zak &amp; co" in html


def test_preview_html_uses_monospace_at_true_column_width():
    slip, profile = receipt(), Profile(paper_mm=58)
    html = preview_html(slip, profile)
    assert "style=" not in html  # the kiosk's CSP forbids inline styles
    assert 'data-columns="32"' in html
    texts = re.findall(r'<div class="slip-line">([^<]*)</div>', str(html))
    widths = {len(html_lib.unescape(text)) for text in texts}
    assert widths == {32}


def test_preview_html_shows_exactly_the_printed_lines():
    slip, profile = receipt(duplicate=True), Profile(paper_mm=58)
    html = preview_html(slip, profile)
    for line in layout(slip, profile):
        if line.text:
            assert str(Markup.escape(line.text)) in html


def test_preview_html_draws_big_lines_twice_as_large():
    html = preview_html(receipt(duplicate=True), Profile())
    assert html.count(" big\"") == 3  # DUPLICAAT twice and the big number


def test_preview_html_is_markup_for_jinja():
    assert isinstance(preview_html(receipt(), Profile()), Markup)


def test_preview_html_renders_qr_as_inline_svg():
    html = preview_html(Slip(Header("x"), [QRCode("https://example.org")]), Profile())
    assert "<svg" in html and "slip-qr" in html


def test_preview_html_marks_the_cut():
    assert "slip-cut" in preview_html(receipt(), Profile())
    assert "slip-cut" not in preview_html(receipt(cut=False), Profile())
