"""Slip layout → ESC/POS bytes, checked byte for byte on python-escpos's Dummy printer."""

import logging
import subprocess
import sys

import pytest
from escpos.printer import Dummy

from printer.address import Profile
from printer.escpos_render import render, render_to
from printer.layout import layout
from printer.slip import (
    BigNumber,
    Blank,
    Header,
    QRCode,
    Row,
    Rule,
    Slip,
    Text,
    Total,
    format_cents,
)

ESC_INIT = b"\x1b@"
CP858 = b"\x1bt\x13"  # ESC t 19
CP1252 = b"\x1bt\x10"  # ESC t 16
BOLD_ON, BOLD_OFF = b"\x1bE\x01", b"\x1bE\x00"


def slip_with(*body, **flags) -> Slip:
    return Slip(Header("Buurtpunt Oud-Dendermonde", ["Kerkstraat 1"]), list(body), **flags)


def bare(*body, **flags) -> Slip:
    """A slip with an empty header line and no cut, so the bytes under test stand out."""
    return Slip(Header(""), list(body), cut=False, **flags)


def test_render_starts_with_reset_then_selects_cp858():
    data = render(bare(Text("x")), Profile())
    assert data.startswith(ESC_INIT + CP858)


def test_render_encodes_dutch_accents_and_euro_in_cp858():
    data = render(bare(Text("é ë ç ï ü à è €")), Profile())
    assert b"\x82 \x89 \x87 \x8b \x81 \x85 \x8a \xd5\n" in data
    assert data.count(b"\x1bt") == 1  # the code page is never switched behind our back


def test_render_encodes_capitals_and_more_accents_in_cp858():
    data = render(bare(Text("É È Ë Ç Ï Ü ê ô ö ó ñ")), Profile())
    assert b"\x90 \xd4 \xd3 \x80 \xd8 \x9a \x88 \x93 \x94 \xa2 \xa4\n" in data


def test_render_encodes_euro_as_0x80_when_profile_uses_cp1252():
    data = render(bare(Text("café € 2,50")), Profile(codepage="CP1252"))
    assert data.startswith(ESC_INIT + CP1252)
    assert b"caf\xe9 \x80 2,50\n" in data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zo’n “mooie” dag – echt…", b'Zo\'n "mooie" dag - echt...\n'),
        ("Dvořák Łódź", b"Dvor\xa0k ?\xa2dz\n"),
        ("koffie ☕", b"koffie ?\n"),
        ("a\x1b@b\x1dVc", b"a@bVc\n"),
    ],
)
def test_render_replaces_what_the_code_page_cannot_print(text, expected):
    assert expected in render(bare(Text(text)), Profile())


def test_render_row_fills_exactly_32_columns_on_58mm():
    data = render(bare(Row("2 x Restafvalzak 60 l", "€ 3,00")), Profile(paper_mm=58))
    line = b"2 x Restafvalzak 60 l" + b" " * 5 + b"\xd5 3,00\n"
    assert len(line) == 33 and line in data


def test_render_row_fills_exactly_48_columns_on_80mm():
    data = render(bare(Row("Pmd-zak", "€ 0,15")), Profile(paper_mm=80))
    assert b"Pmd-zak" + b" " * 35 + b"\xd5 0,15\n" in data


def test_layout_wraps_long_row_label_and_keeps_value_right():
    label = "Restafvalzakken 60 liter, rol van tien stuks, gemeente Dendermonde"
    lines = [line.text for line in layout(bare(Row(label, "€ 15,00")), Profile(paper_mm=58))]
    body = lines[lines.index("-" * 32) + 1 :]
    assert all(len(text) <= 32 for text in lines)
    assert body[-1].endswith("€ 15,00") and len(body[-1]) == 32
    assert " ".join(t.strip() for t in body).replace("€ 15,00", "").split() == label.split()


def test_layout_honours_configured_column_count():
    lines = layout(bare(Rule("=")), Profile(paper_mm=80, columns=42))
    assert lines[-1].text == "=" * 42


def test_render_total_is_bold_with_dutch_amount():
    data = render(bare(Total("Totaal", 123456)), Profile(paper_mm=58))
    assert BOLD_ON + b"Totaal" + b" " * 16 + b"\xd5 1.234,56\n" in data


def test_render_big_number_is_double_size_and_centred_in_half_the_columns():
    data = render(bare(BigNumber("A17", "Je volgnummer")), Profile(paper_mm=58))
    assert b"Je volgnummer\n" in data
    assert b"\x1b!\x30" + BOLD_ON + b"      A17\n" in data


def test_render_qr_code_is_native_and_centred():
    data = render(bare(QRCode("https://example.org/t/1", size=5)), Profile())
    url = b"https://example.org/t/1"
    assert b"\x1ba\x01" + b"\x1d(k\x04\x001A2\x00" + b"\x1d(k\x03\x001C\x05" in data
    assert b"\x1d(k" + bytes([len(url) + 3, 0]) + b"1P0" + url in data
    assert b"\x1d(k\x03\x001Q0\n\x1ba\x00" in data


def test_render_qr_data_keeps_utf8_even_when_text_uses_cp858():
    data = render(bare(QRCode("café")), Profile())
    assert b"1P0caf\xc3\xa9" in data


def test_render_cut_feeds_then_cuts_at_the_end():
    data = render(slip_with(Text("x")), Profile())
    assert data.endswith(b"\x1bd\x06\x1dV\x00")


def test_render_without_cut_has_no_cut_command():
    assert b"\x1dV" not in render(bare(Text("x"), Blank(2)), Profile())


def test_render_duplicate_prints_duplicaat_big_at_top_and_bottom():
    data = render(slip_with(Text("x"), duplicate=True), Profile(paper_mm=58))
    banner = b"\x1b!\x30" + BOLD_ON + b"   DUPLICAAT\n"
    assert data.count(banner) == 2
    assert data.index(banner) < data.index(b"Buurtpunt Oud-Dendermonde")


def test_render_without_duplicate_flag_has_no_duplicaat():
    assert b"DUPLICAAT" not in render(slip_with(Text("x")), Profile())


def test_render_training_prints_oefening():
    data = render(slip_with(Text("x"), training=True), Profile())
    assert b"OEFENING\n" in data and b"OEFENING - geen geldig bonnetje" in data


def test_render_to_any_printer_resends_code_page_after_reset():
    dummy = Dummy()
    render_to(dummy, bare(Text("é")), Profile())
    render_to(dummy, bare(Text("é")), Profile())
    assert dummy.output.count(ESC_INIT + CP858) == 2


def test_render_header_has_name_address_title_and_time():
    slip = slip_with(Text("x"), title="Kassabon", printed_at="24-11-2025 14:03")
    texts = [line.text.strip() for line in layout(slip, Profile())]
    assert texts[:5] == [
        "Buurtpunt Oud-Dendermonde",
        "Kerkstraat 1",
        "",
        "Kassabon",
        "24-11-2025 14:03",
    ]


@pytest.mark.parametrize(
    ("cents", "text"),
    [(0, "€ 0,00"), (5, "€ 0,05"), (145, "€ 1,45"), (123456, "€ 1.234,56"), (-50, "€ -0,50")],
)
def test_format_cents_writes_dutch_amounts(cents, text):
    assert format_cents(cents) == text


def test_slip_json_round_trip_keeps_every_element():
    slip = slip_with(
        Text("é", align="center", bold=True),
        Row("a", "b"),
        Total("T", 5),
        Rule("="),
        Blank(2),
        BigNumber("7", "nr"),
        QRCode("q", 4, "c"),
        title="t",
        printed_at="p",
        duplicate=True,
        training=True,
        cut=False,
    )
    slip.footer = ["Bedankt"]
    assert Slip.from_json(slip.to_json()) == slip


def test_slip_from_dict_rejects_unknown_element_type():
    with pytest.raises(ValueError, match="unknown slip element"):
        Slip.from_dict({"header": {"name": "x"}, "body": [{"type": "barcode"}]})


def test_render_does_not_touch_root_logger_or_stdout(capsys):
    before = list(logging.getLogger().handlers)
    render(slip_with(QRCode("x"), Text("é")), Profile())
    assert logging.getLogger().handlers == before
    assert capsys.readouterr().out == ""


def test_importing_printer_leaves_root_logger_without_handlers():
    code = (
        "import logging, printer.escpos_devices, printer.escpos_render;"
        "import escpos.printer.network as n;"
        "print(len(logging.getLogger().handlers), n.logging.name)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "escpos.printer.network"]
