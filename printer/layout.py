"""Lay a slip out into fixed-width lines: the one layout behind both ESC/POS and the preview."""

import textwrap
import unicodedata
from dataclasses import dataclass

from printer.address import Profile
from printer.slip import (
    BigNumber,
    Blank,
    Element,
    QRCode,
    Row,
    Rule,
    Slip,
    Text,
    Total,
    format_cents,
)

# Typographic characters that phones and office software put in text, and what prints instead.
_REPLACEMENTS = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": ",",
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "\u00a0": " ",
        "\u202f": " ",
        "\t": " ",
    }
)


# What prints for a letter a visitor's code page lacks: Romanian's comma below as the cedilla
# every DOS page has, Ukrainian's і as the Latin i it looks like, the euro sign as EUR.
_FALLBACKS = {"ș": "ş", "Ș": "Ş", "ț": "ţ", "Ț": "Ţ", "і": "i", "І": "I", "ґ": "г", "Ґ": "Г",
              "€": "EUR"}


@dataclass(frozen=True)
class Line:
    """One printed line: text already positioned within the width, a QR code or a drawn number."""

    text: str = ""
    bold: bool = False
    big: bool = False
    qr: str = ""
    qr_size: int = 6
    raster: str = ""


def printable(text: str, codec: str) -> str:
    """Keep what the code page can print; strip accents it lacks and drop control characters."""
    out = []
    for char in text.translate(_REPLACEMENTS):
        # Control characters are dropped so that visitor text can never smuggle in printer commands.
        if unicodedata.category(char) == "Cc":
            continue
        if _encodes(char, codec):
            out.append(char)
            continue
        fallback = _FALLBACKS.get(char)
        if fallback and _encodes(fallback, codec):
            out.append(fallback)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if _encodes(c, codec))
        out.append(base or "?")
    return "".join(out)


def _encodes(char: str, codec: str) -> bool:
    try:
        char.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _place(text: str, width: int, align: str) -> str:
    if align == "center":
        return text.center(width).rstrip()
    if align == "right":
        return text.rjust(width)
    return text


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(textwrap.wrap(paragraph, width) or [""])
    return lines


def _row(label: str, value: str, width: int, bold: bool = False) -> list[Line]:
    """Put the value flush right on the label's last line, or on a line of its own if too long."""
    if len(value) > width // 2:
        lines = [Line(t, bold=bold) for t in _wrap(label, width)]
        return lines + [Line(t.rjust(width), bold=bold) for t in _wrap(value, width)]
    label_lines = _wrap(label, width - len(value) - 1)
    last = label_lines[-1].ljust(width - len(value)) + value
    return [Line(t, bold=bold) for t in label_lines[:-1]] + [Line(last, bold=bold)]


def _element(element: Element, width: int, language: str = "nl") -> list[Line]:
    if isinstance(element, Text):
        return [
            Line(_place(t, width, element.align), bold=element.bold)
            for t in _wrap(element.text, width)
        ]
    if isinstance(element, Row):
        return _row(element.label, element.value, width, element.bold)
    if isinstance(element, Total):
        return _row(element.label, format_cents(element.amount_cents, language), width, bold=True)
    if isinstance(element, Rule):
        return [Line((element.char or "-")[0] * width)]
    if isinstance(element, Blank):
        return [Line()] * max(element.lines, 0)
    if isinstance(element, BigNumber):
        caption = [Line(_place(t, width, "center")) for t in _wrap(element.caption, width)]
        if element.smooth:
            return (caption if element.caption else []) + [Line(raster=element.number)]
        big = [
            Line(_place(t, width // 2, "center"), bold=True, big=True)
            for t in _wrap(element.number, width // 2)
        ]
        return (caption if element.caption else []) + big
    if isinstance(element, QRCode):
        caption = [Line(_place(t, width, "center")) for t in _wrap(element.caption, width)]
        return [Line(qr=element.data, qr_size=element.size)] + (caption if element.caption else [])
    raise TypeError(f"not a slip element: {element!r}")


def _banner(word: str, width: int) -> list[Line]:
    return [Line(_place(word, width // 2, "center"), bold=True, big=True)]


def _head(slip: Slip, width: int) -> list[Line]:
    lines: list[Line] = []
    if slip.duplicate:
        lines += _banner("DUPLICAAT", width)
    if slip.training:
        lines += _banner("OEFENING", width)
    if slip.header.name:
        name = _wrap(slip.header.name, width)
        lines += [Line(_place(t, width, "center"), bold=True) for t in name]
    for address_line in slip.header.address:
        lines += [Line(_place(t, width, "center")) for t in _wrap(address_line, width)]
    if slip.title:
        lines += [Line()] + [
            Line(_place(t, width, "center"), bold=True) for t in _wrap(slip.title, width)
        ]
    if slip.printed_at:
        lines.append(Line(_place(slip.printed_at, width, "center")))
    return lines + [Line("-" * width)]


def _tail(slip: Slip, width: int) -> list[Line]:
    lines = [Line("-" * width)] if slip.footer else []
    for footer_line in slip.footer:
        lines += [Line(_place(t, width, "center")) for t in _wrap(footer_line, width)]
    if slip.training:
        lines.append(Line(_place("OEFENING - geen geldig bonnetje", width, "center"), bold=True))
    if slip.duplicate:
        lines += _banner("DUPLICAAT", width)
    return lines


def _clean(value: object, codec: str) -> object:
    """Make every string in slip data printable; QR data is left alone (it is sent as UTF-8)."""
    if isinstance(value, str):
        return printable(value, codec)
    if isinstance(value, list):
        return [_clean(item, codec) for item in value]
    if isinstance(value, dict):
        return {k: v if k == "data" else _clean(v, codec) for k, v in value.items()}
    return value


def layout(slip: Slip, profile: Profile) -> list[Line]:
    """Turn a slip into the exact lines printed for this profile's width and code page."""
    # Clean before wrapping: a replacement such as "…" → "..." changes the length of the text.
    slip = Slip.from_dict(_clean(slip.to_dict(), profile.python_codec))
    width = profile.columns
    lines = _head(slip, width)
    for element in slip.body:
        lines += _element(element, width, slip.language)
    return lines + _tail(slip, width)
