"""The desk's activity form read into a Plan: every field checked, a message for what is wrong."""

from datetime import date, time

from flask import current_app, request
from flask_babel import lazy_gettext as _l

from kiosk.activities import choices
from kiosk.activities.store import TEXT_FIELDS, Plan
from kiosk.forms import FormError, one_line, read_number
from kiosk.money import parse_euros

MAX_CAPACITY = 500
MAX_COST_CENTS = 100_00
LIMITS = {"title": 80, "place": 120, "bring": 120, "reason": 200}
LABELS = {"title": _l("Titel"), "place": _l("Waar"), "bring": _l("Breng mee")}


def _text(name: str, label, required: bool = False) -> str:
    value = one_line(request.form.get(name))
    limit = LIMITS[name.split("_")[0]]
    if required and not value:
        raise FormError(name, _l("%(label)s: vul dit in.", label=label))
    if len(value) > limit:
        raise FormError(name, _l("%(label)s: hoogstens %(max)s tekens.", label=label, max=limit))
    return value


def read_day(name: str, label) -> date:
    """A day from a date field (YYYY-MM-DD), required."""
    try:
        return date.fromisoformat(request.form.get(name, "").strip())
    except ValueError:
        raise FormError(name, _l("%(label)s: kies een dag.", label=label)) from None


def _choice(name: str, allowed: tuple[int, ...], label) -> int:
    raw = request.form.get(name, "")
    value = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 4 else None
    if value not in allowed:
        raise FormError(name, _l("%(label)s: kies uit de lijst.", label=label))
    return value


def _capacity() -> int | None:
    if not request.form.get("capacity", "").strip():
        return None  # vrij binnen
    places = read_number("capacity", maximum=MAX_CAPACITY, label=_l("Plaatsen"))
    if places < 1:
        raise FormError("capacity", _l("Plaatsen: minstens 1, of laat leeg voor vrij binnen."))
    return places


def _cost() -> int:
    raw = request.form.get("cost", "").strip()
    cents = parse_euros(raw) if raw else 0
    if cents is None or cents > MAX_COST_CENTS:
        raise FormError("cost", _l("Kost: vul een bedrag in euro in, bv. 2,50 (leeg is gratis)."))
    return cents


def _texts() -> dict:
    """The other languages' title, place and what to bring; empty ones fall back to Dutch."""
    texts = {}
    for language in current_app.config["LANGUAGES"]:
        if language == "nl":
            continue
        own = {name: _text(f"{name}_{language}", f"{LABELS[name]} ({language})")
               for name in TEXT_FIELDS}
        if any(own.values()):
            texts[language] = {name: value for name, value in own.items() if value}
    return texts


def read_plan() -> Plan:
    """The activity the desk's form describes; raises FormError with the first problem."""
    kind = request.form.get("kind", "")
    if kind not in choices.ICONS:
        raise FormError("kind", _l("Kies wat voor activiteit het is."))
    title = _text("title", LABELS["title"], required=True)
    day = read_day("day", _l("Dag"))
    start = time(_choice("hour", choices.HOURS, _l("Uur")),
                 _choice("minute", choices.MINUTES, _l("Minuten")))
    minutes = _choice("minutes", choices.DURATIONS, _l("Hoe lang"))
    outside = request.form.get("outside") == "1"
    place = _text("place", LABELS["place"], required=outside)
    return Plan(kind=kind, title=title, day=day, start=start, minutes=minutes, place=place,
                outside=outside, bring=_text("bring", LABELS["bring"]), capacity=_capacity(),
                cost_cents=_cost(), texts=_texts())


def read_reason() -> str:
    """The reason for cancelling, which visitors see: one line, required."""
    return _text("reason", _l("Waarom"), required=True)
