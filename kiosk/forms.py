"""What is typed into forms and URLs, read in one place: numbers, amounts, reasons, choices.

`int()` takes "٣" and " 12 ", `str.isdigit()` takes "²" (which int() refuses), and SQLite
refuses integers beyond 64 bits: a typed or forged number must be refused with a message, never
reach the database as a 500. Every feature's forms read their fields with these helpers.
"""

import re
from dataclasses import dataclass

from flask import Flask, request
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BaseConverter, ValidationError

from kiosk.money import DENOMINATIONS, euro, parse_euros

MAX_INTEGER = 2**63 - 1  # SQLite's largest INTEGER
KEY_PATTERN = re.compile(r"^[0-9a-f]{32}$")  # a form's idempotency key: 32 hex digits
MAX_REASON = 200
MAX_PIECES_PER_DENOMINATION = 10_000
_DIGITS = re.compile(r"[0-9]{1,19}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
CONTACT_LIMITS = {"name": 100, "phone": 30, "email": 254}
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;.]{2,}$")
# Belgian numbers without their separators: mobile 04xx xx xx xx, landline 0x(x) xx xx xx,
# both also with +32 or 0032 instead of the leading 0; a foreign number only with its + code.
_PHONE_BE = re.compile(r"^(?:0|\+32|0032)(?:4[5-9][0-9]{7}|[1-35-9][0-9]{7})$")
_PHONE_OTHER = re.compile(r"^\+(?!32)[1-9][0-9]{7,14}$")


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


def phone_ok(value: str) -> bool:
    """True for a Belgian phone number (mobile or landline) or a foreign one with its + code."""
    compact = re.sub(r"[\s./()-]", "", value)
    return bool(_PHONE_BE.match(compact) or _PHONE_OTHER.match(compact))


def contact_errors(draft: dict, email: bool = True) -> dict[str, str]:
    """What is wrong with a name, phone and e-mail given with a consent box, as {field: code}.

    Contact details are kept only with the box ticked, and the box ticked needs a way to reach.
    """
    errors = {}
    name, phone = draft.get("name", ""), draft.get("phone", "")
    mail = draft.get("email", "") if email else ""
    if len(name) > CONTACT_LIMITS["name"]:
        errors["name"] = "name-long"
    if phone and (len(phone) > CONTACT_LIMITS["phone"] or not phone_ok(phone)):
        errors["phone"] = "phone-shape"
    if mail and (len(mail) > CONTACT_LIMITS["email"] or not _EMAIL.match(mail)):
        errors["email"] = "email-shape"
    if (name or phone or mail) and not draft.get("consent"):
        errors["consent"] = "consent-missing"
    elif draft.get("consent") and not (phone or mail) and not errors:
        errors["phone"] = "contact-missing"
    return errors


@dataclass(frozen=True)
class Choice:
    """Something a visitor taps: a stable code, a plain-words label and a pictogram."""

    code: str
    label: object
    icon: str


class FormError(ValueError):
    """A field on a form is not filled in right; the message says how, in plain words."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


def read_number(field: str, *, maximum: int, label, required: bool = False) -> int:
    """Read a whole number 0..maximum from the posted form (empty counts as 0 unless required)."""
    raw = request.form.get(field, "").strip()
    if not raw and not required:
        return 0
    value = whole_number(raw)
    if value is None:
        raise FormError(field, _l("%(label)s: vul een geheel getal in van 0 of meer.", label=label))
    if value > maximum:
        raise FormError(field, _l("%(label)s: dat is te veel (hoogstens %(max)s).", label=label,
                                  max=maximum))
    return value


def read_euros(field: str, *, maximum: int, label) -> int:
    """Read an amount in euro ("12", "12,5", "12,50") as whole cents, never through a float."""
    cents = parse_euros(request.form.get(field, ""))
    if cents is None:
        raise FormError(field, _l("%(label)s: vul een bedrag in euro in, bv. 12,50.", label=label))
    if cents == 0 or cents > maximum:
        raise FormError(field, _l("%(label)s: kies een bedrag tussen € 0,01 en %(max)s.",
                                  label=label, max=euro(maximum)))
    return cents


def read_reason(field: str = "reason") -> str:
    """Read the mandatory one-line reason of a correction or cash move."""
    reason = one_line(request.form.get(field))
    if not reason:
        raise FormError(field, _l("Schrijf kort waarom (de reden is verplicht)."))
    if len(reason) > MAX_REASON:
        raise FormError(field, _l("De reden is te lang: hoogstens %(max)s tekens.", max=MAX_REASON))
    return reason


def read_counts() -> dict[int, int]:
    """Read the coins-and-notes counter, applying a +/- tap when one was sent."""
    counts = {d: read_number(f"n_{d}", maximum=MAX_PIECES_PER_DENOMINATION, label=euro(d))
              for d in DENOMINATIONS}
    bump = re.fullmatch(r"([0-9]{1,5}):(-?1)", request.form.get("bump", ""))
    if bump and int(bump.group(1)) in counts:
        denomination = int(bump.group(1))
        counts[denomination] = min(max(counts[denomination] + int(bump.group(2)), 0),
                                   MAX_PIECES_PER_DENOMINATION)
    return counts


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
