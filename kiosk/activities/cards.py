"""An activity as a visitor's card shows it: texts in their language, day, hours, places, cost."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date
from flask import current_app
from flask_babel import ngettext

from kiosk import clock, i18n
from kiosk.activities import choices
from kiosk.activities.store import between, places_left, text
from kiosk.money import euro
from printer import formats


def card(activity: dict, now: datetime) -> dict:
    """What a card shows of an activity, in this visitor's language and the buurtpunt's time."""
    language, zone = i18n.current(), ZoneInfo(current_app.config["TIMEZONE"])
    starts = clock.parse(activity["starts_at"]).astimezone(zone)
    left = places_left(activity)
    started = starts <= now
    return {
        "id": activity["id"], "kind": activity["kind"], "icon": choices.ICONS.get(
            activity["kind"], "calendar-days"), "title": text(activity, "title", language),
        "day": format_date(starts, "EEEE d MMMM", locale=formats.locale(language)),
        "start": formats.clock(starts, language, str(zone)),
        "hours": f"{formats.clock(starts, language, str(zone))} – "
                 f"{formats.clock(clock.parse(activity['ends_at']), language, str(zone))}",
        "place": text(activity, "place", language), "outside": bool(activity["outside"]),
        "bring": text(activity, "bring", language), "left": left,
        "places": _places(left), "cost": euro(activity["cost_cents"])
        if activity["cost_cents"] else "", "cancelled": bool(activity["cancelled_at"]),
        "reason": activity["cancel_reason"], "started": started,
        "open": left is not None and left > 0 and not started and not activity["cancelled_at"],
    }


def _places(left: int | None) -> str:
    if not left:
        return ""  # the card says "vrij binnen" or "volzet" instead
    return ngettext("Nog %(num)s plaats vrij", "Nog %(num)s plaatsen vrij", left)


def local_midnight(day, zone: str) -> datetime:
    """The start of a local calendar day, as an aware datetime."""
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(zone))


def two_weeks(now: datetime, zone: str) -> tuple[datetime, datetime, datetime]:
    """Today's start, next Monday's start and the Monday after: this week and next."""
    today = now.astimezone(ZoneInfo(zone)).date()
    monday = today - timedelta(days=today.weekday())
    return (local_midnight(today, zone), local_midnight(monday + timedelta(weeks=1), zone),
            local_midnight(monday + timedelta(weeks=2), zone))


def weeks(db) -> list[tuple[str, list[dict]]]:
    """This week's and next week's cards, from today on (earlier today's ones included)."""
    now, zone = clock.now(), current_app.config["TIMEZONE"]
    start, next_week, end = two_weeks(now, zone)
    split, activities = clock.iso(next_week), between(db, start, end)
    return [("this", [card(a, now) for a in activities if a["starts_at"] < split]),
            ("next", [card(a, now) for a in activities if a["starts_at"] >= split])]


def days_ahead(db, count: int = 2) -> list[tuple[int, list[dict]]]:
    """Today's and tomorrow's cards (for the home screen's bottom bar)."""
    now, zone = clock.now(), current_app.config["TIMEZONE"]
    today = now.astimezone(ZoneInfo(zone)).date()
    return [(offset, [card(a, now) for a in between(
        db, local_midnight(today + timedelta(days=offset), zone),
        local_midnight(today + timedelta(days=offset + 1), zone))]) for offset in range(count)]
