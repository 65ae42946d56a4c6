"""The layout model of a slip (receipt, queue ticket, confirmation) as JSON-able dataclasses."""

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any, Literal

from printer import formats

Align = Literal["left", "center", "right"]


def format_cents(cents: int, language: str = formats.PAPER) -> str:
    """An amount on paper, Dutch unless a visitor's slip says otherwise: 145 → "€ 1,45"."""
    return formats.plain(formats.money(cents, language))


def local_time(moment: datetime, language: str = formats.PAPER) -> str:
    """An aware datetime as Brussels wall-clock time on paper: "24/11/2025 14:03"."""
    return formats.stamp(moment, language)


@dataclass
class Text:
    """A paragraph, wrapped to the column width."""

    text: str
    align: Align = "left"
    bold: bool = False


@dataclass
class Row:
    """A label on the left and a value on the right, e.g. "2 x Restafvalzak 60 l    € 3,00"."""

    label: str
    value: str
    bold: bool = False


@dataclass
class Total:
    """A bold amount row such as "Totaal € 4,50"; money stays integer cents until printed."""

    label: str
    amount_cents: int


@dataclass
class Rule:
    """A horizontal line across the full width."""

    char: str = "-"


@dataclass
class Blank:
    """Empty lines."""

    lines: int = 1


@dataclass
class BigNumber:
    """A double-size number with an optional caption above it; `smooth`: drawn large (tickets)."""

    number: str
    caption: str = ""
    smooth: bool = False


@dataclass
class QRCode:
    """A QR code (printed natively by the printer) with an optional caption below it."""

    data: str
    size: int = 6
    caption: str = ""


Element = Text | Row | Total | Rule | Blank | BigNumber | QRCode
ELEMENT_TYPES: dict[str, type] = {
    cls.__name__.lower(): cls for cls in (Text, Row, Total, Rule, Blank, BigNumber, QRCode)
}


@dataclass
class Header:
    """The buurtpunt's name and address lines at the top of every slip."""

    name: str
    address: list[str] = field(default_factory=list)


@dataclass
class Slip:
    """One slip: header, body elements, footer lines and the flags that change how it prints."""

    header: Header
    body: list[Element] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    title: str = ""
    printed_at: str = ""
    duplicate: bool = False
    training: bool = False
    cut: bool = True
    # The language its amounts are written in: a visitor's own slip, or Dutch for the journal.
    language: str = formats.PAPER

    def to_dict(self) -> dict[str, Any]:
        """Return plain data, each body element tagged with its "type"."""
        data = asdict(self)
        data["body"] = [{"type": type(e).__name__.lower(), **asdict(e)} for e in self.body]
        return data

    def to_json(self) -> str:
        """Serialise for the print queue's payload column."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Slip":
        """Rebuild a slip from ``to_dict`` data; unknown keys are an error, not silently dropped."""
        data = dict(data)
        body = [_element(item) for item in data.pop("body", [])]
        header = Header(**data.pop("header"))
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown slip fields: {sorted(unknown)}")
        return cls(header=header, body=body, **data)

    @classmethod
    def from_json(cls, text: str) -> "Slip":
        """Parse a payload written by ``to_json``."""
        return cls.from_dict(json.loads(text))


def _element(item: dict[str, Any]) -> Element:
    """Build one body element from its tagged dict."""
    item = dict(item)
    kind = item.pop("type", None)
    if kind not in ELEMENT_TYPES:
        raise ValueError(f"unknown slip element type: {kind!r}")
    return ELEMENT_TYPES[kind](**item)
