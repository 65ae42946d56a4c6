"""What the screen and the paper say about a place's hours, in the reader's language.

"Nu open tot 12:00", "Gesloten. Gaat open woensdag om 09:00", and the weekly hours as lines.
The state itself comes from kiosk.hours; this module only words it.
"""

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date
from flask import current_app
from flask_babel import force_locale, gettext

from kiosk import clock, hours
from kiosk.places import Place
from printer import formats
from printer.slip import Element, Text


@lru_cache(maxsize=8)
def _calendar(zone: str, country: str, closed: tuple[str, ...]) -> hours.Calendar:
    return hours.Calendar(zone, country, hours.parse_closed_days(closed))


def calendar() -> hours.Calendar:
    """The calendar the settings describe: the zone, public holidays, other closed days."""
    config = current_app.config
    return _calendar(config["TIMEZONE"], config["HOLIDAYS_COUNTRY"],
                     tuple(config["CLOSED_DAYS"]))


def status(place: Place, moment: datetime | None = None) -> hours.Status:
    """Whether a place is open now (or at a moment)."""
    return hours.status(place.slots, moment or clock.now(), calendar())


def _when(moment: datetime, now: datetime, language: str, zone: str) -> str:
    local, today = moment.astimezone(ZoneInfo(zone)), now.astimezone(
        ZoneInfo(zone)).date()
    at = formats.clock(moment, language, zone)
    if local.date() == today:
        return gettext("vandaag om %(time)s", time=at)
    if local.date() == today + timedelta(days=1):
        return gettext("morgen om %(time)s", time=at)
    day = format_date(local, "EEEE" if (local.date() - today).days < 7 else "EEEE d/M",
                      locale=formats.locale(language))
    return gettext("%(day)s om %(time)s", day=day, time=at)


def words(place: Place, language: str, moment: datetime | None = None) -> str:
    """One sentence: open until, by appointment until, or closed and when it opens."""
    now = moment or clock.now()
    found = status(place, now)
    zone = current_app.config["TIMEZONE"]
    with force_locale(language):
        if found.state == "open":
            return gettext("Nu open, tot %(time)s", time=formats.clock(found.until, language, zone))
        if found.state == "appointment":
            return gettext("Nu alleen op afspraak, tot %(time)s",
                           time=formats.clock(found.until, language, zone))
        if found.opens is None:
            return gettext("Geen vaste uren")
        when = _when(found.opens, now, language, zone)
        if found.opens_by_appointment:
            return gettext("Gesloten. Op afspraak vanaf %(when)s", when=when)
        return gettext("Gesloten. Gaat open %(when)s", when=when)


def holiday(place: Place, language: str, moment: datetime | None = None) -> str:
    """Today's holiday's name when it closes the place, else ""."""
    found = status(place, moment)
    if not found.closed_for:
        return ""
    today = (moment or clock.now()).astimezone(ZoneInfo(calendar().zone)).date()
    return hours.holiday_name(calendar().country, today, language) or found.closed_for


def _days(days: list[int], names: list[str]) -> str:
    """Weekdays as a reader says them: "ma, wo, vr", and a run of three or more as "ma-vr"."""
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(f"{names[r[0]]}-{names[r[-1]]}" if len(r) > 2
                     else ", ".join(names[d] for d in r) for r in runs)


def week(place: Place, language: str) -> list[str]:
    """The weekly hours as lines: "ma, wo, vr 09:00-12:00", "op afspraak: di 16:00-19:00"."""
    monday = datetime(2024, 1, 1)  # a Monday: weekday names from Babel in the language
    names = [format_date(monday + timedelta(days=d), "EEE", locale=formats.locale(language))
             .rstrip(".") for d in range(7)]
    lines = []
    with force_locale(language):
        for slot in place.slots:
            days = _days(sorted(slot.days), names)
            text = f"{days} {slot.start:%H:%M}-{slot.end:%H:%M}"
            lines.append(gettext("op afspraak: %(hours)s", hours=text) if slot.appointment
                         else text)
    return lines


def day_text(day: date, language: str) -> str:
    """A calendar day as the language writes it: "27/11/2026"."""
    return formats.day(datetime.combine(day, time(12), UTC), language, "UTC")


def paper(place: Place, language: str) -> list[Element]:
    """A place on a slip: name, address, phones, the weekly hours, what to bring."""
    with force_locale(language):
        name, _ = place.text("name", language)
        body: list[Element] = [Text(name, bold=True)]
        body += [Text(line) for line in (place.address, *place.phones) if line]
        hours_lines = week(place, language)
        if hours_lines:
            body += [Text(gettext("Open:")), *[Text(f"  {line}") for line in hours_lines]]
        bring, _ = place.text("bring", language)
        if bring:
            body += [Text(gettext("Breng mee:"), bold=True), Text(bring)]
    return body
