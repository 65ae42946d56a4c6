"""Activities: planning them (once or weekly), changing, cancelling, copying, and reading them back.

Plain functions on a sqlite-utils Database. Times are stored in UTC; a volunteer plans in the
buurtpunt's wall-clock time, so a weekly activity keeps its hour across a daylight-saving change.
"""

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from kiosk import clock
from kiosk.db import immediate

MAX_WEEKS = 53  # a weekly series runs a year at most: a typo in the year makes no thousand rows
TEXT_FIELDS = ("title", "place", "bring")
# The sign-ups that count: those not cancelled at the desk.
_TAKEN = ("(SELECT coalesce(sum(people), 0) FROM activity_signups s "
          "WHERE s.activity_id = activities.id AND s.cancelled_at IS NULL)")
_SIGNUPS = ("(SELECT count(*) FROM activity_signups s "
            "WHERE s.activity_id = activities.id AND s.cancelled_at IS NULL)")
_SELECT = f"SELECT activities.*, {_TAKEN} AS taken, {_SIGNUPS} AS signups FROM activities"  # noqa: S608


class ActivityError(ValueError):
    """Something about an activity that cannot be done; `code` says what, for its message."""

    def __init__(self, code: str, field: str = ""):
        super().__init__(code)
        self.code, self.field = code, field


@dataclass
class Plan:
    """What a volunteer fills in for one activity (Dutch texts; others in `texts`)."""

    kind: str
    title: str
    day: date
    start: time
    minutes: int
    place: str = ""
    outside: bool = False
    bring: str = ""
    capacity: int | None = None  # None: vrij binnen, no sign-up
    cost_cents: int = 0
    texts: dict = field(default_factory=dict)  # {"en": {"title": …, "place": …, "bring": …}}


def moment(day: date, start: time, zone: str) -> datetime:
    """A wall-clock time on a day in the buurtpunt's zone, as an aware datetime."""
    return datetime.combine(day, start, tzinfo=ZoneInfo(zone))


def weekly(first: date, until: date) -> list[date]:
    """The days of a weekly series: first, a week later, … up to and including until."""
    days = [first + timedelta(weeks=n) for n in range(MAX_WEEKS)]
    return [day for day in days if day <= until]


def _row(plan: Plan, zone: str, now: str) -> dict:
    starts = moment(plan.day, plan.start, zone)
    values = asdict(plan)
    for name in ("day", "start", "minutes", "texts"):
        values.pop(name)
    return {**values, "outside": int(plan.outside), "starts_at": clock.iso(starts),
            "ends_at": clock.iso(starts + timedelta(minutes=plan.minutes)),
            "texts": json.dumps(plan.texts, ensure_ascii=False, sort_keys=True),
            "updated_at": now}


def create(db: Database, plan: Plan, zone: str, until: date | None = None) -> list[int]:
    """Store an activity, and a copy each week up to `until`; returns their ids."""
    now = clock.iso(clock.now())
    with immediate(db):
        first = db["activities"].insert({**_row(plan, zone, now), "created_at": now}).last_pk
        db.execute("UPDATE activities SET series_id = id WHERE id = ?", [first])
        return [first, *repeat(db, first, until, zone)] if until else [first]


def repeat(db: Database, activity_id: int, until: date, zone: str) -> list[int]:
    """Copy an activity to the same weekday and wall-clock time each week up to `until`."""
    source = get(db, activity_id)
    if source is None:
        raise ActivityError("not-found")
    plan, series = plan_of(source, zone), source["series_id"] or source["id"]
    days = weekly(plan.day, until)[1:]
    if not days:
        raise ActivityError("until-early", "until")
    now = clock.iso(clock.now())
    with immediate(db):
        # Repeating twice (a second tap, or a later last day) adds only the weeks not yet there.
        planned = _series_days(db, series, zone)
        return [db["activities"].insert({
            **_row(Plan(**{**asdict(plan), "day": day}), zone, now), "created_at": now,
            "series_id": series}).last_pk for day in days if day not in planned]


def _series_days(db: Database, series: int, zone: str) -> set[date]:
    """The local days on which a weekly series already has an activity."""
    return {clock.parse(starts).astimezone(ZoneInfo(zone)).date() for (starts,) in db.execute(
        "SELECT starts_at FROM activities WHERE series_id = ?", [series]).fetchall()}


def duplicate(db: Database, activity_id: int, zone: str) -> int:
    """A copy of an activity one week later, to change into a new one."""
    source = get(db, activity_id)
    if source is None:
        raise ActivityError("not-found")
    plan = plan_of(source, zone)
    plan.day += timedelta(weeks=1)
    return create(db, plan, zone)[0]


def update(db: Database, activity_id: int, plan: Plan, zone: str) -> None:
    """Change an activity; fewer places than are taken is refused."""
    with immediate(db):
        current = get(db, activity_id)
        if current is None:
            raise ActivityError("not-found")
        if plan.capacity is not None and plan.capacity < current["taken"]:
            raise ActivityError("capacity-taken", "capacity")
        values = _row(plan, zone, clock.iso(clock.now()))
        db["activities"].update(activity_id, {**values, "revision": current["revision"] + 1})


def cancel(db: Database, activity_id: int, reason: str) -> bool:
    """Cancel an activity with the reason visitors see; False when it already was."""
    now = clock.iso(clock.now())
    cursor = db.execute(
        "UPDATE activities SET cancelled_at = ?, cancel_reason = ?, updated_at = ?, "
        "revision = revision + 1 WHERE id = ? AND cancelled_at IS NULL",
        [now, reason, now, activity_id])
    return cursor.rowcount == 1


def set_attended(db: Database, activity_id: int, count: int) -> None:
    """Note how many people actually came (one number, for the reports)."""
    db.execute("UPDATE activities SET attended = ?, updated_at = ? WHERE id = ?",
               [count, clock.iso(clock.now()), activity_id])


def get(db: Database, activity_id: int) -> dict | None:
    """One activity with its places taken and its number of sign-ups, or None."""
    rows = list(db.query(f"{_SELECT} WHERE id = ?", [activity_id]))  # noqa: S608
    return rows[0] if rows else None


def between(db: Database, start: datetime, end: datetime) -> list[dict]:
    """The activities that start in [start, end), earliest first."""
    return list(db.query(
        f"{_SELECT} WHERE starts_at >= ? AND starts_at < ? ORDER BY starts_at, id",  # noqa: S608
        [clock.iso(start), clock.iso(end)]))


def version(db: Database) -> tuple:
    """A value that changes whenever an activity or a sign-up changes (cheaper than drawing)."""
    return tuple(db.execute(
        "SELECT (SELECT count(*) FROM activities), (SELECT max(updated_at) FROM activities), "
        "(SELECT total(revision) FROM activities), "
        "(SELECT count(*) FROM activity_signups), "
        "(SELECT count(cancelled_at) FROM activity_signups)").fetchone())


def plan_of(activity: dict, zone: str) -> Plan:
    """The plan an activity was made from, in the buurtpunt's wall-clock time."""
    starts = clock.parse(activity["starts_at"]).astimezone(ZoneInfo(zone))
    ends = clock.parse(activity["ends_at"]).astimezone(ZoneInfo(zone))
    return Plan(kind=activity["kind"], title=activity["title"], day=starts.date(),
                start=starts.time().replace(tzinfo=None),
                minutes=int((ends - starts).total_seconds() // 60), place=activity["place"],
                outside=bool(activity["outside"]), bring=activity["bring"],
                capacity=activity["capacity"], cost_cents=activity["cost_cents"],
                texts=json.loads(activity["texts"] or "{}"))


def text(activity: dict, name: str, language: str) -> str:
    """An activity's title, place or bring in a language, the Dutch one where it has none."""
    own = json.loads(activity["texts"] or "{}").get(language, {}).get(name, "")
    return own or activity[name]


def places_left(activity: dict) -> int | None:
    """How many places are still free; None for an activity without sign-up (vrij binnen)."""
    if activity["capacity"] is None:
        return None
    return max(activity["capacity"] - activity["taken"], 0)
