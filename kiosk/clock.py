"""Time: stored as UTC ISO-8601, shown in the buurtpunt's zone (Europe/Brussels)."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


def now() -> datetime:
    """The current time in UTC; tests replace this to control the clock."""
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """The database form of a moment: UTC ISO-8601 to the microsecond."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse(value: str) -> datetime:
    """A stored ISO-8601 string back to an aware datetime."""
    return datetime.fromisoformat(value)


def local_day_bounds(moment: datetime, zone: str) -> tuple[str, str]:
    """UTC ISO bounds [start, end) of the local calendar day that contains moment."""
    tz = ZoneInfo(zone)
    day = moment.astimezone(tz).date()
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return iso(start), iso(end)


def local_text(value: str, zone: str) -> str:
    """A stored timestamp as the buurtpunt's local "YYYY-MM-DD HH:MM:SS" (for exports)."""
    return parse(value).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M:%S")
