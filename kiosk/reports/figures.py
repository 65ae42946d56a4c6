"""The month's figures, counted from the rows the features give `kiosk export` (by file name).

A figure names the export file it counts, what a row is grouped by and what it adds up; a
figure whose file no feature declares is left out, and any other declared export at least gets
its row count, so a later feature joins the report by declaring its Export.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")


@dataclass(frozen=True)
class Figure:
    """One chart of the report: a source file, a row's groups and what each row adds."""

    key: str
    title: object
    source: str
    groups: Callable[[dict], Iterable[str]]
    amount: Callable[[dict], int] = lambda row: 1


def _day(row: dict, column: str) -> str:
    return str(row[column])[:10]


def _weekday_hour(row: dict) -> list[str]:
    stamp = str(row["time"])
    return [f"{WEEKDAYS[date.fromisoformat(stamp[:10]).weekday()]} {stamp[11:13]}u"]


def _whole(column: str) -> Callable[[dict], int]:
    return lambda row: int(row[column] or 0)


FIGURES = (
    Figure("visits_per_day", _l("Bezoeken per dag"), "visits.csv", lambda r: [_day(r, "time")]),
    Figure("visits_per_reason", _l("Bezoeken per reden"), "visits.csv",
           lambda r: [reason for reason in str(r["reasons"]).split("+") if reason]),
    Figure("visits_per_hour", _l("Wanneer is het druk"), "visits.csv", _weekday_hour),
    Figure("languages", _l("Talen"), "visits.csv", lambda r: [r["language"]]),
    Figure("tickets_per_topic", _l("Vragen per onderwerp"), "tickets.csv",
           lambda r: [r["topic"]]),
    Figure("bags_sold", _l("Verkocht per soort"), "sales.csv", lambda r: [r["product"]],
           _whole("qty")),
    Figure("revenue_cents", _l("Ontvangen per soort (cent)"), "sales.csv",
           lambda r: [r["product"]], _whole("line_total_cents")),
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
    Figure("shifts", _l("Diensten van vrijwilligers"), "shifts.csv", lambda r: ["diensten"]),
)


def count(figure: Figure, rows: Iterable[dict]) -> dict[str, int]:
    """A figure's numbers: each group and its total, groups in sorted order."""
    found: Counter = Counter()
    for row in rows:
        for group in figure.groups(row):
            found[group] += figure.amount(row)
    return dict(sorted(found.items()))


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
