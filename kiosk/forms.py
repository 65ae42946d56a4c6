"""Numbers from URLs and forms, read in one place: ASCII digits only, within SQLite's range.

`int()` takes "٣" and " 12 ", `str.isdigit()` takes "²" (which int() refuses), and SQLite
refuses integers beyond 64 bits: a typed or forged number must be refused with a message, never
reach the database as a 500.
"""

import re

from flask import Flask
from werkzeug.routing import BaseConverter, ValidationError

MAX_INTEGER = 2**63 - 1  # SQLite's largest INTEGER
_DIGITS = re.compile(r"[0-9]{1,19}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def whole_number(raw: str | None, maximum: int = MAX_INTEGER) -> int | None:
    """The number 0..maximum that raw writes in ASCII digits (spaces around allowed), or None."""
    text = (raw or "").strip()
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if value <= maximum else None


def one_line(raw: str | None) -> str:
    """Text of a one-line field: control characters dropped, runs of spaces made one.

    A NUL would make SQLite's length() count nothing: a "required" reason that is not there.
    """
    return " ".join(_CONTROL.sub(" ", raw or "").split())


class IdConverter(BaseConverter):
    """`<id:name>` in a route: a row id in ASCII digits that SQLite can hold, else a 404."""

    regex = r"[0-9]{1,19}"
    weight = 50

    def to_python(self, value: str) -> int:
        number = whole_number(value)
        if number is None:
            raise ValidationError()
        return number

    def to_url(self, value) -> str:
        return str(int(value))


def init_app(app: Flask) -> None:
    """Register the id converter (before any blueprint adds its routes)."""
    app.url_map.converters["id"] = IdConverter
