"""Slips in a visitor's language: the right code page by ESC t, byte by byte; Arabic as an image."""

import pytest
from PIL import Image

from printer import rtl, scripts
from printer.address import Profile
from printer.escpos_render import render
from printer.layout import Line, layout
from printer.slip import Header, QRCode, Slip, Text

ESC_T = b"\x1bt"
GS_V0 = b"\x1dv0"  # python-escpos's raster image command


def _slip(language: str, text: str, *body) -> Slip:
    return Slip(header=Header("Buurtpunt Dendermonde"), title="Idee", language=language,
                body=[Text(text), *body])


@pytest.mark.parametrize(("language", "text", "page", "n", "expected"), [
    ("tr", "Fikriniz için teşekkürler: Şükrü, ığdır", "CP857", 13,
     "Fikriniz için teşekkürler: Şükrü, ığdır".encode("cp857")),
    ("pl", "Dziękujemy za pomysł: żółć, Łódź", "CP852", 18,
     "Dziękujemy za pomysł: żółć, Łódź".encode("cp852")),
    # Romanian's comma below prints as the cedilla CP852 has.
    ("ro", "Mulțumim pentru idee: școală, țară", "CP852", 18,
     "Mulţumim pentru idee: şcoală, ţară".encode("cp852")),
    ("uk", "Дякуємо за ідею: Київ, ґанок, їжа, Європа", "CP1125", 44,
     "Дякуємо за ідею: Київ, ґанок, їжа, Європа".encode("cp1125")),
])
def test_languages_slip_switches_code_page_and_sends_its_bytes(language, text, page, n, expected):
    data = render(_slip(language, text), Profile())
    assert scripts.for_language(Profile(), language).codepage == page
    # ESC @ resets the page, then ESC t n selects this language's page before any text.
    assert data.index(ESC_T + bytes([n])) < data.index(expected)
    assert ESC_T + bytes([19]) not in data  # not the Dutch CP858
    assert b"?" not in data.split(ESC_T + bytes([n]), 1)[1]  # every letter in the page


def test_languages_ukrainian_on_a_printer_without_cp1125_uses_cp866():
    profile = Profile(escpos_profile="TM-T88V")  # offers CP866, not CP1125
    data = render(_slip("uk", "Дякуємо: їжа, Європа, ґанок, ідея"), profile)
    assert ESC_T + bytes([17]) in data
    # і and ґ are not in CP866: the letters that look the same print instead of "?".
    assert "Дякуємо: їжа, Європа, ганок, iдея".encode("cp866") in data


def test_languages_dutch_slip_keeps_cp858_and_the_euro():
    data = render(_slip("nl", "Bedankt: € 1,45, één idee"), Profile())
    assert ESC_T + bytes([19]) in data and "€ 1,45, één".encode("cp858") in data


def test_languages_euro_sign_prints_as_eur_where_the_page_lacks_it():
    data = render(_slip("tr", "Toplam € 1,45"), Profile())
    assert b"Toplam EUR 1,45" in data


def test_languages_arabic_slip_is_an_image_with_its_qr_code_native():
    slip = _slip("ar", "شكراً على فكرتك رقم 42", QRCode("https://www.dendermonde.be"),
                 Text("نراك قريباً"))
    data = render(slip, Profile())
    assert data.count(GS_V0) == 2  # the text before and after the QR code
    assert data.index(GS_V0) < data.index(b"\x1d(k") < data.rindex(GS_V0)  # the printer's QR
    assert "شكراً".encode() not in data  # no Arabic sent as text


def _ink_columns(image: Image.Image) -> tuple[int, int]:
    box = Image.eval(image.convert("L"), lambda v: 255 - v).getbbox()
    return box[0], box[2]


def test_languages_arabic_lines_are_shaped_and_right_aligned():
    lines = layout(_slip("ar", "مرحبا بكم"), scripts.for_language(Profile(), "ar"))
    arabic = [line for line in lines if "مرحبا" in line.text]
    image = rtl.draw_lines(arabic, 80, 48)
    assert image.width == 576 and image.mode == "1"
    left, right = _ink_columns(image)
    assert right > 560 and left > 300  # a short right-to-left line starts at the right edge
    # Shaped: joined letters are narrower than the same letters drawn one by one.
    joined = rtl.draw_lines([Line(text="مرحبا")], 80, 48)
    apart = rtl.draw_lines([Line(text="م ر ح ب ا")], 80, 48)
    assert _ink_columns(joined)[1] - _ink_columns(joined)[0] < (
        _ink_columns(apart)[1] - _ink_columns(apart)[0])


def test_languages_arabic_without_raqm_is_shaped_by_reshaper_and_bidi(monkeypatch):
    monkeypatch.setattr(rtl.features, "check", lambda name: False)
    rtl._font.cache_clear()
    try:
        joined = rtl.draw_lines([Line(text="مرحبا")], 80, 48)
        apart = rtl.draw_lines([Line(text="م ر ح ب ا")], 80, 48)
    finally:
        rtl._font.cache_clear()
    assert _ink_columns(joined)[1] > 560  # right to left: at the right edge
    assert _ink_columns(joined)[1] - _ink_columns(joined)[0] < (
        _ink_columns(apart)[1] - _ink_columns(apart)[0])
