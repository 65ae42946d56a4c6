"""The activities as an iCalendar feed (/activities.ics), for the buurtwerk's site and phones.

Served to the LAN like the upload page. Built with the icalendar package: times in UTC, a
cancelled activity stays in the feed with STATUS:CANCELLED (so a subscribed calendar drops it),
and no sign-up's name or number is ever in it.
"""

from datetime import timedelta

from flask import Blueprint, current_app
from icalendar import Calendar, Event

from kiosk import clock
from kiosk.activities import store
from kiosk.db import get_db
from kiosk.money import euro
from kiosk.security import lan_allowed

bp = Blueprint("activities_feed", __name__)

PAST_DAYS = 30  # a calendar keeps last month's activities; older ones leave the feed
AHEAD_DAYS = 366


def _event(activity: dict, config) -> Event:
    event = Event()
    event.add("uid", f"activity-{activity['id']}@{config['KIOSK_ID'].lower()}.buurtpunt")
    event.add("dtstamp", clock.parse(activity["updated_at"]))
    event.add("dtstart", clock.parse(activity["starts_at"]))
    event.add("dtend", clock.parse(activity["ends_at"]))
    event.add("sequence", activity["revision"])
    event.add("summary", activity["title"])
    address = str(config["BUURTPUNT_ADDRESS"]).replace("\n", ", ")
    event.add("location", activity["place"] or ", ".join(
        part for part in (config["BUURTPUNT_NAME"], address) if part))
    event.add("description", _description(activity))
    event.add("status", "CANCELLED" if activity["cancelled_at"] else "CONFIRMED")
    return event


def _description(activity: dict) -> str:
    """What a calendar shows under the title, in Dutch, without anyone's name."""
    lines = []
    if activity["cancelled_at"]:
        lines.append(f"Afgelast: {activity['cancel_reason']}")
    if activity["bring"]:
        lines.append(f"Breng mee: {activity['bring']}")
    lines.append(f"Kost: {euro(activity['cost_cents'])}" if activity["cost_cents"] else "Gratis")
    left = store.places_left(activity)
    lines.append("Vrij binnen" if left is None else f"Inschrijven aan de kiosk in het "
                 f"buurtpunt: nog {left} van {activity['capacity']} plaatsen vrij")
    return "\n".join(lines)


def calendar(db) -> Calendar:
    """The feed: last month's activities and all planned ones."""
    config, now = current_app.config, clock.now()
    cal = Calendar()
    cal.add("prodid", "-//Buurtpunt kiosk//Activiteiten//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Activiteiten {config['BUURTPUNT_NAME']}")
    for activity in store.between(db, now - timedelta(days=PAST_DAYS),
                                  now + timedelta(days=AHEAD_DAYS)):
        cal.add_component(_event(activity, config))
    return cal


@bp.get("/activities.ics")
@lan_allowed
def feed():
    """The activities as text/calendar, for the LAN too (a phone or the buurtwerk's site)."""
    return current_app.response_class(
        calendar(get_db()).to_ical(), mimetype="text/calendar",
        headers={"Content-Disposition": 'inline; filename="activiteiten.ics"'})
