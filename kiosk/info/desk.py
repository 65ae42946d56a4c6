"""The desk's addresses: places, partners and online services; their hours, texts per language
and the day they were last checked (flagged after CHECK_AFTER_MONTHS months)."""

from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, request
from flask_babel import lazy_gettext as _l

from kiosk import audit, clock, hours
from kiosk.db import get_db
from kiosk.forms import one_line
from kiosk.htmx import render
from kiosk.places import TEXTS, URL, get_place, list_places, save_place, stale, with_texts
from kiosk.security import current_volunteer, desk_required

bp = Blueprint("info_desk", __name__, url_prefix="/desk/info")

MAX_TEXT = 600
ACTIONS = {
    "place-edit": (_l("adres veranderd"), "%(name)s (%(language)s)"),
    "referral": (_l("doorverwezen"), "%(partner)s"),
}
MESSAGES = {
    "name": _l("Schrijf de naam. In het Nederlands is die verplicht."),
    "long": _l("Een tekst is te lang: hoogstens %(max)s tekens.", max=MAX_TEXT),
    "url": _l("Een webadres begint met https://"),
    "hours": _l("Schrijf elke lijn zoals: ma wo vr 09:00-12:00, of: afspraak di 16:00-19:00."),
    "checked": _l("Kies de dag waarop je de gegevens naging (niet in de toekomst)."),
}


def today() -> date:
    """The buurtpunt's calendar day."""
    return clock.now().astimezone(ZoneInfo(current_app.config["TIMEZONE"])).date()


def _language(value: str | None) -> str:
    return value if value in current_app.config["LANGUAGES"] else "nl"


@bp.get("")
@desk_required
def index():
    """Every place, with whether its check is overdue."""
    months = current_app.config["CHECK_AFTER_MONTHS"]
    places = [(p, stale(p.checked, today(), months))
              for p in list_places(get_db(), with_inactive=True)]
    return render("info_desk/index.html", "info_desk/_list.html", places=places, months=months,
                  overdue=sum(1 for _, old in places if old))


@bp.get("/<code>")
@desk_required
def edit(code: str):
    """One place: address, phones, website, hours, checked date; texts in one language."""
    return _edit(code, _language(request.args.get("lang")))


def _edit(code: str, language: str, status: int = 200, **context):
    place = get_place(get_db(), code)
    if place is None:
        abort(404)
    months = current_app.config["CHECK_AFTER_MONTHS"]
    return render("info_desk/edit.html", "info_desk/_edit.html", status=status, place=place,
                  language=language, max_text=MAX_TEXT, months=months,
                  overdue=stale(place.checked, today(), months),
                  values=context.pop("values", {**place.texts.get(language, {}),
                                                "address": place.address, "url": place.url,
                                                "phones": "\n".join(place.phones),
                                                "hours": place.hours}), **context)


@bp.post("/<code>")
@desk_required
def save(code: str):
    """Keep what a volunteer changed; wrong hours or an old date are said in words."""
    place = get_place(get_db(), code)
    if place is None:
        abort(404)
    language = _language(request.form.get("language"))
    form = request.form
    values = {name: one_line(form.get(name)) for name in (*TEXTS, "address", "url")}
    values |= {name: "\n".join(one_line(line) for line in form.get(name, "").splitlines()
                               if line.strip()) for name in ("phones", "hours")}
    try:
        changed = _changed(place, language, values, form.get("checked", ""))
    except hours.HoursError as error:
        return _edit(code, language, 422, values=values, field="hours",
                     error=f"{MESSAGES['hours']} ({error})")
    except ValueError as error:
        message = MESSAGES.get(str(error)) or str(error)
        return _edit(code, language, 422, values=values, error=message, field=str(error))
    save_place(get_db(), changed)
    name, _ = changed.text("name", "nl")
    audit.log(get_db(), "place-edit", volunteer=current_volunteer(), name=name,
              language=language)
    return _edit(code, language, message=_l("Bewaard."))


def _changed(place, language: str, values: dict, checked_text: str):
    if language == "nl" and not values["name"]:
        raise ValueError("name")
    if any(len(v) > MAX_TEXT for v in values.values()):
        raise ValueError("long")
    if values["url"] and not URL.match(values["url"]):
        raise ValueError("url")
    try:
        slots = hours.parse(values["hours"])
        checked = date.fromisoformat(checked_text) if checked_text else None
    except hours.HoursError:
        raise
    except ValueError as error:
        raise ValueError("checked") from error
    if checked and checked > today():
        raise ValueError("checked")
    changed = with_texts(place, language, {k: values[k] for k in TEXTS})
    return replace(changed, address=values["address"], url=values["url"],
                   phones=tuple(values["phones"].split("\n")) if values["phones"] else (),
                   hours=hours.lines(slots), checked=checked)
