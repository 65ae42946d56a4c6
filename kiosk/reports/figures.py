"""The month's figures, counted from the rows the features give `kiosk export` (by file name).

A figure names the export file it counts, what a row is grouped by and what it adds up; a
figure whose file no feature declares is left out, and any other declared export at least gets
its row count, so a later feature joins the report by declaring its Export.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from statistics import median

from flask_babel import lazy_gettext as _l

WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")


@dataclass(frozen=True)
class Figure:
    """One chart of the report: a source file, a row's groups and what each row adds."""

    key: str
    title: object
    source: str
    groups: Callable[[dict], Iterable[str]]
    amount: Callable[[dict], int | None] = lambda row: 1
    kind: str = "sum"  # or "median": the middle value of a group's amounts (no total)
    follows: str | None = None  # hides what the figure with this key hides
    order: Callable[[str], object] = lambda group: group
    by_day: bool = False  # groups are days or weeks: only the totals compare across months


def _day(row: dict, column: str) -> str:
    return str(row[column])[:10]


def _weekday_hour(row: dict) -> list[str]:
    stamp = str(row["time"])
    return [f"{WEEKDAYS[date.fromisoformat(stamp[:10]).weekday()]} {stamp[11:13]}u"]


def _whole(column: str) -> Callable[[dict], int]:
    return lambda row: int(row[column] or 0)


def _minutes(row: dict) -> int | None:
    """A ticket's wait in whole minutes; None for one never called (it has no wait)."""
    seconds = row["wait_seconds"]
    return None if seconds in ("", None) else round(int(seconds) / 60)


def _week(column: str) -> Callable[[dict], list[str]]:
    return lambda row: [f"week {date.fromisoformat(str(row[column])[:10]).isocalendar()[1]:02d}"]


def _hours(row: dict) -> int:
    """A shift's hours, half an hour rounded up (Python's round() would make 2.5 into 2)."""
    return int(float(row["hours"] or 0) + 0.5)


FIGURES = (
    Figure("visits_per_day", _l("Bezoeken per dag"), "visits.csv", lambda r: [_day(r, "time")],
           by_day=True),
    Figure("visits_per_reason", _l("Bezoeken per reden"), "visits.csv",
           lambda r: [reason for reason in str(r["reasons"]).split("+") if reason]),
    Figure("visits_per_hour", _l("Wanneer is het druk"), "visits.csv", _weekday_hour,
           order=lambda group: (WEEKDAYS.index(group[:2]), group[3:])),
    Figure("languages", _l("Talen"), "visits.csv", lambda r: [r["language"]]),
    Figure("tickets_per_topic", _l("Vragen per onderwerp"), "tickets.csv",
           lambda r: [r["topic"]]),
    Figure("ticket_wait", _l("Wachttijd per onderwerp (minuten, mediaan)"), "tickets.csv",
           lambda r: [r["topic"]], _minutes, "median", "tickets_per_topic"),
    Figure("bags_sold", _l("Verkocht per soort"), "sales.csv", lambda r: [r["product"]],
           _whole("qty")),
    Figure("revenue_cents", _l("Ontvangen per soort"), "sales.csv",
           lambda r: [r["product"]], _whole("line_total_cents"), follows="bags_sold"),
    Figure("prints_per_day", _l("Afdrukken per dag"), "prints.csv", lambda r: [r["day"]],
           by_day=True),
    Figure("pages_per_day", _l("Pagina's per dag"), "prints.csv", lambda r: [r["day"]],
           _whole("pages"), by_day=True),
    Figure("ideas_per_theme", _l("Ideeën per thema"), "ideas.csv", lambda r: [r["theme"]]),
    Figure("ideas_per_status", _l("Ideeën per stand"), "ideas.csv", lambda r: [r["status"]]),
    Figure("rights_shown", _l("Rechten getoond"), "rights_shown.csv", lambda r: [r["right"]],
           _whole("shown")),
    Figure("referrals", _l("Doorverwezen per partner"), "referrals.csv",
           lambda r: [r["partner"]], _whole("referrals")),
    Figure("activity_signups", _l("Ingeschreven per activiteit"), "activities.csv",
           lambda r: [r["kind"]], _whole("people_signed_up")),
    Figure("activity_attended", _l("Gekomen per activiteit"), "activities.csv",
           lambda r: [r["kind"]], _whole("attended")),
    Figure("shifts", _l("Diensten van vrijwilligers"), "shifts.csv", _week("started"),
           by_day=True),
    Figure("volunteer_hours", _l("Uren van vrijwilligers"), "shifts.csv", _week("started"),
           _hours, by_day=True),
)


def count(figure: Figure, rows: Iterable[dict]) -> dict[str, int]:
    """A figure's number per group (a sum, or the median for a median figure), groups sorted."""
    found: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        amount = figure.amount(row)
        for group in figure.groups(row):
            if amount is not None:
                found[group].append(amount)
    add = (lambda values: round(median(values))) if figure.kind == "median" else sum
    return {group: add(found[group]) for group in sorted(found, key=figure.order)}


def figures(sources: Iterable[str]) -> list[Figure]:
    """The figures the declared export files allow, and a row count for every other file."""
    known = set(sources)
    chosen = [figure for figure in FIGURES if figure.source in known]
    counted = {figure.source for figure in FIGURES}
    chosen += [Figure(f"rows_{name}", name, name,
                      lambda r, n=name: [n.removesuffix(".csv")])
               for name in sorted(known - counted)]
    return chosen


def month(rows: Mapping[str, list[dict]]) -> dict[str, dict[str, int]]:
    """Every figure of a month, by key, from the rows of each export file."""
    return {figure.key: count(figure, rows[figure.source]) for figure in figures(rows)}
