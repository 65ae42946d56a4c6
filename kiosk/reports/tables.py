"""The month's figures as tables that may leave the kiosk: small counts hidden as "< 5".

Each figure is one column of counts with its total; `suppress` hides the small ones and whatever
would let them be recomputed from the total. A figure that follows another (what the bags
brought follows how many were sold; a waiting time follows how many tickets) hides the same
groups, because a price times a hidden count is that count.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from flask_babel import force_locale

from kiosk.reports import figures as figures_
from kiosk.reports.suppress import suppress

TOTAL = "totaal"
COLUMNS = ("kiosk", "figure", "title", "position", "label", "value", "shown")


@dataclass(frozen=True)
class Table:
    """One figure of a month: its groups in order, their values, the total and what is hidden."""

    figure: figures_.Figure
    values: dict[str, int]
    total: int | None
    hidden: frozenset[str]
    minimum: int

    def shown(self, label: str) -> str:
        """A group's value (or TOTAL's) as it may leave: the number or "< minimum"."""
        if label in self.hidden:  # a hidden median is not "under 5 minutes": too few to tell
            return f"n < {self.minimum}" if self.figure.kind == "median" else f"< {self.minimum}"
        return str(self.value(label))

    def value(self, label: str) -> int | None:
        """A group's exact value, or the total's."""
        return self.total if label == TOTAL else self.values[label]


def _hidden(values: Mapping[str, int], minimum: int) -> frozenset[str]:
    labels = list(values)
    grid = suppress([[values[label]] for label in labels], minimum)
    hidden = {labels[i] for i, j in grid.hidden if j == 0 and i < len(labels)}
    if (len(labels), 0) in grid.hidden:
        hidden.add(TOTAL)
    return frozenset(hidden)


def tables(rows: Mapping[str, list[dict]], minimum: int) -> list[Table]:
    """Every figure of a month, from the rows of each export file, with its hidden groups."""
    made: dict[str, Table] = {}
    for figure in figures_.figures(rows):
        values = figures_.count(figure, rows[figure.source])
        follows = made.get(figure.follows or "")
        hidden = follows.hidden if follows else _hidden(values, minimum)
        total = None if figure.kind == "median" else sum(values.values())
        made[figure.key] = Table(figure, values, total, hidden, minimum)
    return list(made.values())


def rows(made: Iterable[Table]) -> list[dict]:
    """The tables as rows of the month file's `figures` table (hidden values left empty)."""
    found = []
    with force_locale("nl"):  # the city's file is in Dutch, whoever runs the export
        for table in made:
            labels = list(table.values) + ([TOTAL] if table.total is not None else [])
            title = str(table.figure.title)
            found += [{"figure": table.figure.key, "title": title,
                       "position": position, "label": label,
                       "value": None if label in table.hidden else table.value(label),
                       "shown": table.shown(label)} for position, label in enumerate(labels)]
    return found
