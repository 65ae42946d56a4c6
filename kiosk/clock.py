"""Time: stored as UTC ISO-8601, shown in Brussels time; is the clock right (journal, NTP)?"""

import ctypes
import re
import subprocess
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sales


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


def month_bounds(month: str, zone: str) -> tuple[datetime, datetime]:
    """The first moment of month "YYYY-MM" and of the next one, in the buurtpunt's zone."""
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})", month.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"geef de maand als JJJJ-MM, bijvoorbeeld 2026-03 (niet {month!r}).")
    year, number = int(match.group(1)), int(match.group(2))
    local = ZoneInfo(zone)
    return (datetime(year, number, 1, tzinfo=local),
            datetime(year + number // 12, number % 12 + 1, 1, tzinfo=local))


def local_text(value: str, zone: str) -> str:
    """A stored timestamp as the buurtpunt's local "YYYY-MM-DD HH:MM:SS" (for exports)."""
    return parse(value).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M:%S")


def journal_behind(db, moment: datetime | None = None) -> str | None:
    """The newest receipt's time when the clock is earlier (selling is refused), else None."""
    newest = sales.last_entry_at(db)
    return newest if newest is not None and iso(moment or now()) < newest else None


def synchronised() -> bool | None:
    """Whether the system clock is synchronised (NTP), as timedatectl says; None: cannot tell."""
    try:
        answer = subprocess.run(["timedatectl", "show", "--property=NTPSynchronized", "--value"],
                                capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        answer = None
    if answer is not None and answer.returncode == 0 and answer.stdout.strip() in ("yes", "no"):
        return answer.stdout.strip() == "yes"
    return _kernel_synchronised()


class _Timex(ctypes.Structure):
    # The start of struct timex (64-bit Linux); the kernel writes the whole struct: room for it.
    _fields_ = [("modes", ctypes.c_uint), ("offset", ctypes.c_long), ("freq", ctypes.c_long),
                ("maxerror", ctypes.c_long), ("esterror", ctypes.c_long),
                ("status", ctypes.c_int), ("rest", ctypes.c_byte * 512)]


def _kernel_synchronised() -> bool | None:
    """The kernel's verdict without systemd: a maximum error under 16 s, as timedated reads it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        timex = _Timex()  # modes 0: only read
        if libc.adjtimex(ctypes.byref(timex)) < 0:
            return None  # not allowed here (the service's ProtectClock=), or no such call
    except (OSError, AttributeError):
        return None
    return timex.maxerror < 16_000_000
