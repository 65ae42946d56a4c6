"""Opening hours: "open now", "closed, opens …", from weekly hours in Brussels time.

Hours are written one slot a line, as the desk and the TOML files write them:
"ma wo vr 09:00-12:00" (walk in) or "afspraak ma-vr 13:30-16:00" (by appointment). A lunch
break is two slots; a day in `closed` (public holidays, the city's own closing days) has none.
Times are wall-clock times in the zone, so a slot opens at 09:00 in winter and in summer alike.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
APPOINTMENT = "afspraak"
LOOK_AHEAD_DAYS = 62  # long enough to cross a summer closure
_TIME = re.compile(r"^([0-9]{1,2})[:.]([0-9]{2})$")
_DAY_RANGE = re.compile(r"^(ma|di|wo|do|vr|za|zo)(?:-(ma|di|wo|do|vr|za|zo))?$")


class HoursError(ValueError):
    """A line of hours that cannot be read; the message says how to write it."""


@dataclass(frozen=True)
class Slot:
    """Hours on some weekdays (0 = Monday): walk in, or by appointment."""

    days: frozenset[int]
    start: time
    end: time
    appointment: bool = False


@dataclass(frozen=True)
class Status:
    """What a place is doing at a moment: open, by appointment only, or closed.

    `until` is when the current state ends, `opens` the next walk-in opening (or the next
    appointment hours for a place without walk-in hours); `closed_for` the holiday's name.
    """

    state: str
    until: datetime | None = None
    opens: datetime | None = None
    opens_by_appointment: bool = False
    closed_for: str | None = None


def _clock(text: str, line: str) -> time:
    match = _TIME.match(text)
    if not match or int(match.group(1)) > 24 or int(match.group(2)) > 59:
        raise HoursError(f"'{line}': schrijf de uren als 09:00-12:00")
    hour, minute = int(match.group(1)), int(match.group(2))
    return time(23, 59) if (hour, minute) == (24, 0) else time(hour, minute)


def _days(token: str, line: str) -> set[int]:
    found: set[int] = set()
    for part in filter(None, token.split(",")):
        match = _DAY_RANGE.match(part)
        if not match:
            raise HoursError(f"'{line}': schrijf de dagen als ma di wo do vr za zo of ma-vr")
        first = DAYS.index(match.group(1))
        last = DAYS.index(match.group(2) or match.group(1))
        found.update(range(first, last + 1) if first <= last else [])
    return found


def parse_line(line: str) -> Slot:
    """One slot from a line such as "afspraak ma-vr 13:30-16:00"."""
    words = line.lower().replace(",", " , ").split()
    appointment = bool(words) and words[0] == APPOINTMENT
    words = words[1:] if appointment else words
    if len(words) < 2 or "-" not in words[-1]:
        raise HoursError(f"'{line}': schrijf bv. ma wo vr 09:00-12:00")
    start_text, _, end_text = words[-1].partition("-")
    start, end = _clock(start_text, line), _clock(end_text, line)
    if end <= start:
        raise HoursError(f"'{line}': het einduur komt na het beginuur")
    days: set[int] = set()
    for word in words[:-1]:
        if word != ",":
            days |= _days(word, line)
    if not days:
        raise HoursError(f"'{line}': op welke dagen?")
    return Slot(frozenset(days), start, end, appointment)


def parse(text: str) -> tuple[Slot, ...]:
    """Every slot of a text with one line per slot (empty lines are left out)."""
    return tuple(parse_line(line) for line in text.splitlines() if line.strip())


@lru_cache(maxsize=32)
def _country(country: str, year: int, language: str = "nl") -> dict:
    if not country:
        return {}
    # The holidays package names English "en_US"; it knows nl and fr as such.
    return dict(holidays.country_holidays(country, years=year,
                                          language="en_US" if language == "en" else language))


def holiday_name(country: str, day: date, language: str) -> str:
    """A public holiday's name in a language (Dutch where the package lacks that language)."""
    try:
        return _country(country, day.year, language).get(day, "")
    except (NotImplementedError, KeyError, ValueError):
        return _country(country, day.year).get(day, "")


def parse_closed_days(entries: Iterable[str]) -> frozenset[date]:
    """Days closed besides public holidays: "2026-12-24" or a range "2026-07-20/2026-08-02"."""
    found: set[date] = set()
    for entry in entries:
        first, _, last = str(entry).partition("/")
        try:
            start, end = date.fromisoformat(first.strip()), date.fromisoformat(
                (last or first).strip())
        except ValueError as error:
            raise HoursError(f"'{entry}': schrijf een dag als 2026-12-24 of "
                             "2026-07-20/2026-08-02") from error
        found.update(start + timedelta(days=n) for n in range((end - start).days + 1))
    return frozenset(found)


@dataclass(frozen=True)
class Calendar:
    """The zone, the country whose public holidays close every place, and other closed days."""

    zone: str = "Europe/Brussels"
    country: str = "BE"
    closed: frozenset[date] = frozenset()

    def closed_for(self, day: date) -> str | None:
        """Why the places are closed that day (a holiday's Dutch name, or ""); None: not closed."""
        name = _country(self.country, day.year).get(day)
        if name is not None:
            return name
        return "" if day in self.closed else None


def _windows(slots: Iterable[Slot], day: date, zone: ZoneInfo, appointment: bool):
    for slot in slots:
        if day.weekday() in slot.days and slot.appointment == appointment:
            yield (datetime.combine(day, slot.start, tzinfo=zone),
                   datetime.combine(day, slot.end, tzinfo=zone))


def _current(slots, day, zone, moment, appointment) -> datetime | None:
    """When the window that holds `moment` ends (windows that touch are one), or None."""
    windows = sorted(_windows(slots, day, zone, appointment))
    until = None
    for start, end in windows:
        if start <= moment < end or (until and start <= until < end):
            until = max(until or end, end)
    return until


def _next(slots, calendar, zone, moment, appointment) -> datetime | None:
    local = moment.astimezone(zone)
    for offset in range(LOOK_AHEAD_DAYS):
        day = local.date() + timedelta(days=offset)
        if calendar.closed_for(day) is not None:
            continue
        starts = sorted(s for s, _ in _windows(slots, day, zone, appointment) if s > moment)
        if starts:
            return starts[0]
    return None


def status(slots: tuple[Slot, ...], moment: datetime, calendar: Calendar) -> Status:
    """Open now, by appointment now, or closed (and when it opens) at an aware moment."""
    zone = ZoneInfo(calendar.zone)
    today = moment.astimezone(zone).date()
    closed_for = calendar.closed_for(today)
    if closed_for is None:
        until = _current(slots, today, zone, moment, appointment=False)
        if until:
            return Status("open", until=until)
    walk_in = any(not s.appointment for s in slots)
    opens = _next(slots, calendar, zone, moment, appointment=not walk_in)
    if closed_for is None:
        until = _current(slots, today, zone, moment, appointment=True)
        if until:
            return Status("appointment", until=until, opens=opens)
    return Status("closed", opens=opens, opens_by_appointment=not walk_in,
                  closed_for=closed_for)


def lines(slots: tuple[Slot, ...]) -> str:
    """The slots written back as lines (what the desk edits)."""
    out = []
    for slot in slots:
        days = " ".join(DAYS[d] for d in sorted(slot.days))
        prefix = f"{APPOINTMENT} " if slot.appointment else ""
        out.append(f"{prefix}{days} {slot.start:%H:%M}-{slot.end:%H:%M}")
    return "\n".join(out)
