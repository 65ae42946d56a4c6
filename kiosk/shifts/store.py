"""Volunteers' shifts: started and stopped with a PIN; one left open closes at closing time.

A shift counts whole in the month it started, also when it runs past midnight. One that nobody
stopped ends by itself at the buurtpunt's closing time (of the day it started, or of the next day
when it started later than that), flagged so that the volunteer can check it.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from kiosk import clock
from kiosk.db import immediate


def closing_time(text: str) -> time:
    """The closing time setting ("17:00") as a time; ValueError names what is wrong."""
    try:
        hours, minutes = (int(part) for part in str(text).split(":"))
        return time(hours, minutes)
    except ValueError as error:
        raise ValueError(f"SHIFTS_CLOSING_TIME = {text!r} is geen uur; schrijf het zo: "
                         "\"17:00\"") from error


def get(db: Database, shift_id: int) -> dict | None:
    """One shift, or None."""
    rows = list(db.query("SELECT * FROM shifts WHERE id = ?", [shift_id]))
    return rows[0] if rows else None


def current(db: Database, volunteer_id: int) -> dict | None:
    """The volunteer's open shift, or None."""
    rows = list(db.query("SELECT * FROM shifts WHERE volunteer_id = ? AND ended_at IS NULL",
                         [volunteer_id]))
    return rows[0] if rows else None


def on_duty(db: Database) -> list[dict]:
    """Open shifts, who started first first."""
    return list(db.query("SELECT * FROM shifts WHERE ended_at IS NULL ORDER BY started_at, id"))


def start(db: Database, volunteer: dict, now: datetime) -> tuple[dict, bool]:
    """Start the volunteer's shift; one already open is kept (a double tap starts one)."""
    with immediate(db):
        found = current(db, volunteer["id"])
        if found is not None:
            return found, False
        shift_id = db.execute(
            "INSERT INTO shifts (volunteer_id, volunteer_name, started_at) VALUES (?, ?, ?)",
            [volunteer["id"], volunteer["name"], clock.iso(now)]).lastrowid
    return get(db, shift_id), True


def stop(db: Database, volunteer_id: int, now: datetime) -> dict | None:
    """End the volunteer's open shift now; None when none was open."""
    with immediate(db):
        found = current(db, volunteer_id)
        if found is None:
            return None
        db.execute("UPDATE shifts SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
                   [clock.iso(max(now, clock.parse(found["started_at"]))), found["id"]])
    return get(db, found["id"])


def deadline(started_at: str, closing: time, zone: str) -> datetime:
    """When an open shift ends by itself: closing time on its day, or the next day's if later."""
    tz = ZoneInfo(zone)
    started = clock.parse(started_at).astimezone(tz)
    end = datetime.combine(started.date(), closing, tzinfo=tz)
    return end if started < end else datetime.combine(started.date() + timedelta(days=1),
                                                      closing, tzinfo=tz)


def close_overdue(db: Database, now: datetime, closing: time, zone: str) -> list[dict]:
    """End the open shifts past their closing time, at that time, flagged; returns them."""
    overdue = [s for s in on_duty(db) if now >= deadline(s["started_at"], closing, zone)]
    if not overdue:
        return []
    with immediate(db):
        for shift in overdue:
            db.execute("UPDATE shifts SET ended_at = ?, auto_closed = 1 "
                       "WHERE id = ? AND ended_at IS NULL",
                       [clock.iso(deadline(shift["started_at"], closing, zone)), shift["id"]])
    return [get(db, shift["id"]) for shift in overdue]


def seconds(shift: dict) -> float:
    """How long a finished shift lasted (across midnight too)."""
    if not shift["ended_at"]:
        return 0.0
    return (clock.parse(shift["ended_at"]) - clock.parse(shift["started_at"])).total_seconds()


def between(db: Database, start: datetime, end: datetime) -> list[dict]:
    """The finished shifts that started in [start, end), oldest first."""
    return list(db.query("SELECT * FROM shifts WHERE started_at >= ? AND started_at < ? "
                         "AND ended_at IS NOT NULL ORDER BY started_at, id",
                         [clock.iso(start), clock.iso(end)]))


def hours(db: Database, start: datetime, end: datetime) -> list[dict]:
    """Per volunteer: the shifts started in [start, end), their seconds, and how many flagged."""
    found: dict[int, dict] = {}
    for shift in between(db, start, end):
        row = found.setdefault(shift["volunteer_id"], {
            "volunteer_id": shift["volunteer_id"], "name": shift["volunteer_name"],
            "shifts": 0, "seconds": 0.0, "flagged": 0})
        row["shifts"] += 1
        row["seconds"] += seconds(shift)
        row["flagged"] += shift["auto_closed"] and not shift["checked_at"]
    return sorted(found.values(), key=lambda row: row["name"].lower())


def flagged(db: Database, volunteer_id: int | None = None) -> list[dict]:
    """Shifts that closed by themselves and nobody checked yet (of one volunteer, or all)."""
    return list(db.query(
        "SELECT * FROM shifts WHERE auto_closed = 1 AND checked_at IS NULL "
        "AND (:who IS NULL OR volunteer_id = :who) ORDER BY started_at", {"who": volunteer_id}))


def check(db: Database, shift_id: int, now: datetime) -> bool:
    """Mark a flagged shift as checked; False when it was not flagged (or already checked)."""
    cursor = db.execute("UPDATE shifts SET checked_at = ? WHERE id = ? AND auto_closed = 1 "
                        "AND checked_at IS NULL", [clock.iso(now), shift_id])
    return cursor.rowcount == 1


def hours_text(total: float) -> str:
    """Seconds as hours and minutes, the way timesheets write them: 12600 → "3:30"."""
    minutes = int(round(total / 60))
    return f"{minutes // 60}:{minutes % 60:02d}"
