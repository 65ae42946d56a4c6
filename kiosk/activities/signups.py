"""Signing up for an activity: places counted under the write lock, numbers, cancelling, purging.

Two visitors may tap for the last place at the same moment, on two connections: the check and
the insert run in one BEGIN IMMEDIATE transaction, so the second one sees the first one's place.
"""

import unicodedata
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from kiosk import clock
from kiosk.activities.store import ActivityError, get, places_left
from kiosk.db import immediate
from kiosk.forms import KEY_PATTERN, contact_errors, one_line

MAX_NAME = 40


def clean(form) -> dict:
    """A sign-up's fields as typed: one line each, control characters gone, the box as "1"."""
    draft = {name: unicodedata.normalize("NFC", one_line(form.get(name, "")))
             for name in ("name", "phone")}
    draft["consent"] = "1" if form.get("consent", "") in ("1", "on", "yes") else ""
    return draft


def check(draft: dict, people: int | None, most: int) -> dict[str, str]:
    """What is wrong with a sign-up before the places are looked at, as {field: code}."""
    errors = {}
    if not draft["name"]:
        errors["name"] = "name-empty"
    elif len(draft["name"]) > MAX_NAME:
        errors["name"] = "name-long"
    if people is None or not 1 <= people <= most:
        errors["people"] = "people-range"
    errors.update(contact_errors({"phone": draft["phone"], "consent": draft["consent"]},
                                 email=False))
    return errors


def sign_up(db: Database, activity_id: int, draft: dict, people: int, request_key: str,
            language: str = "nl", most: int = 10) -> tuple[dict, bool]:
    """Take places once per request key; returns (sign-up, created). Raises ActivityError."""
    if not KEY_PATTERN.match(request_key or ""):
        raise ActivityError("invalid-key")
    errors = check(draft, people, most)
    if errors:
        field, code = next(iter(errors.items()))
        raise ActivityError(code, field)
    now = clock.now()
    with immediate(db):
        row = db.execute("SELECT id FROM activity_signups WHERE request_key = ?",
                         [request_key]).fetchone()
        if row:
            return get_signup(db, row[0]), False
        _check_places(get(db, activity_id), people, now)
        number = db.execute("SELECT coalesce(max(number), 0) + 1 FROM activity_signups "
                            "WHERE activity_id = ?", [activity_id]).fetchone()[0]
        consent = bool(draft["consent"] and draft["phone"])
        signup_id = db["activity_signups"].insert({
            "activity_id": activity_id, "number": number, "request_key": request_key,
            "created_at": clock.iso(now), "language": language, "name": draft["name"],
            "people": people, "phone": draft["phone"] if consent else "",
            "consent_at": clock.iso(now) if consent else None}).last_pk
    return get_signup(db, signup_id), True


def _check_places(activity: dict | None, people: int, now: datetime) -> None:
    if activity is None:
        raise ActivityError("not-found")
    if activity["cancelled_at"]:
        raise ActivityError("cancelled")
    if activity["capacity"] is None:
        raise ActivityError("no-signup")
    if clock.parse(activity["starts_at"]) <= now:
        raise ActivityError("started")
    left = places_left(activity)
    if left == 0:
        raise ActivityError("full", "people")
    if people > left:
        raise ActivityError("too-many", "people")


def get_signup(db: Database, signup_id: int) -> dict | None:
    """One sign-up, or None."""
    rows = list(db.query("SELECT * FROM activity_signups WHERE id = ?", [signup_id]))
    return rows[0] if rows else None


def signups(db: Database, activity_id: int) -> list[dict]:
    """An activity's sign-ups in the order they came, cancelled ones too."""
    return list(db.query("SELECT * FROM activity_signups WHERE activity_id = ? ORDER BY number",
                         [activity_id]))


def cancel_signup(db: Database, activity_id: int, signup_id: int, volunteer: str) -> bool:
    """Cancel a sign-up at the desk: its places are free again. False when nothing changed."""
    cursor = db.execute(
        "UPDATE activity_signups SET cancelled_at = ?, cancelled_by = ? "
        "WHERE id = ? AND activity_id = ? AND cancelled_at IS NULL",
        [clock.iso(clock.now()), volunteer, signup_id, activity_id])
    return cursor.rowcount == 1


def phone_due(starts_at: str, now: datetime, zone: str) -> bool:
    """True from the day after the activity's day (in the buurtpunt's time): the phone goes."""
    day = clock.parse(starts_at).astimezone(ZoneInfo(zone)).date()
    return now.astimezone(ZoneInfo(zone)).date() >= day + timedelta(days=1)


def purge_phones(db: Database, now: datetime, zone: str) -> int:
    """Delete the phone numbers of sign-ups for activities of an earlier day; returns how many."""
    due = [activity_id for activity_id, starts_at in db.execute(
        "SELECT DISTINCT a.id, a.starts_at FROM activities a JOIN activity_signups s "
        "ON s.activity_id = a.id WHERE s.phone != ''").fetchall()
        if phone_due(starts_at, now, zone)]
    if not due:
        return 0
    marks = ", ".join("?" for _ in due)
    cursor = db.execute(
        f"UPDATE activity_signups SET phone = '', phone_purged_at = ? "  # noqa: S608
        f"WHERE phone != '' AND activity_id IN ({marks})", [clock.iso(now), *due])
    return cursor.rowcount
