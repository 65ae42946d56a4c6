"""The help queue in figures: tickets per topic per day, waiting and handling times, outcomes.

Waiting time runs from taking the ticket to its first call (a walk-in added at the desk never
waited, so it is left out); handling time from the first call to done. Medians and the 90th
percentile (nearest rank) are in seconds.
"""

import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlite_utils import Database

from kiosk import clock
from kiosk.help import store


@dataclass(frozen=True)
class Spread:
    """How long something took: how often it was measured, the median and the 90th percentile."""

    count: int = 0
    median: float | None = None
    p90: float | None = None


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile: the smallest value that `share` of the values do not exceed."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def spread(values: list[float]) -> Spread:
    """Count, median and 90th percentile of some durations."""
    if not values:
        return Spread()
    return Spread(len(values), statistics.median(values), percentile(values, 0.9))


def _seconds(start: str | None, end: str | None) -> float | None:
    if not start or not end:
        return None
    return max((clock.parse(end) - clock.parse(start)).total_seconds(), 0.0)


def waits(tickets: list[dict], now: datetime | None = None) -> list[float]:
    """Each ticket's wait until its call; with `now`, those still waiting count until now."""
    found = []
    for ticket in tickets:
        if ticket["source"] != "kiosk":
            continue
        end = ticket["called_at"] or (clock.iso(now) if now and ticket["status"] == "waiting"
                                      else None)
        seconds = _seconds(ticket["created_at"], end)
        if seconds is not None:
            found.append(seconds)
    return found


def handling(tickets: list[dict]) -> list[float]:
    """How long each finished question took, from the call to done."""
    return [s for t in tickets if t["status"] == "done"
            if (s := _seconds(t["called_at"], t["finished_at"])) is not None]


def today(tickets: list[dict], now: datetime) -> dict:
    """The desk's figures for the day so far: waiting now, average and longest wait."""
    found = waits(tickets, now)
    return {"waiting": sum(t["status"] == "waiting" for t in tickets),
            "average": statistics.fmean(found) if found else None,
            "longest": max(found, default=None)}


def estimate(db: Database, ticket: dict, now: datetime) -> int | None:
    """Minutes until this waiting ticket is called, from today's handling times (None: no idea)."""
    day = store.of_day(db, ticket["kiosk"], ticket["day"])
    handled = handling(day)
    if ticket["status"] != "waiting" or not handled:
        return None
    serving = max(sum(t["status"] == "called" for t in day), 1)
    seconds = (store.before(db, ticket) + 1) * statistics.median(handled) / serving
    return max(5, 5 * math.ceil(seconds / 300))  # a wait is never known closer than 5 minutes


def period(db: Database, kiosk: str, first: str, last: str) -> dict:
    """The figures of the days first..last (YYYY-MM-DD, both included)."""
    tickets = list(db.query("SELECT * FROM help_tickets WHERE kiosk = ? AND day >= ? AND day <= ?"
                            " ORDER BY day, number", [kiosk, first, last]))
    per_day: dict[str, Counter] = defaultdict(Counter)
    for ticket in tickets:
        per_day[ticket["day"]][ticket["topic"]] += 1
    outcomes = Counter(t["outcome"] or t["status"] for t in tickets)
    # Under doorverwezen, per partner ("" for elsewhere: no partner picked).
    referred = Counter(t["referred_to"] or "" for t in tickets if t["outcome"] == "doorverwezen")
    days = [(date.fromisoformat(day), counts) for day, counts in sorted(per_day.items())]
    return {"days": days, "topics": Counter(t["topic"] for t in tickets),
            "total": len(tickets), "waits": spread(waits(tickets)),
            "handling": spread(handling(tickets)), "outcomes": outcomes,
            "referred": sorted(referred.items(), key=lambda item: (-item[1], item[0])),
            "auto_closed": sum(t["auto_closed"] for t in tickets)}
