"""/desk/reports: a month's report with the month before, exact on the desk, suppressed on A4."""

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date
from flask import Blueprint, current_app, render_template, request

from kiosk import clock, i18n, visits
from kiosk.db import get_db
from kiosk.money import euro
from kiosk.reports import exporting, tables
from kiosk.reports.figures import WEEKDAYS, Figure
from kiosk.security import desk_required
from printer import formats

bp = Blueprint("reports", __name__, url_prefix="/desk/reports")


@dataclass(frozen=True)
class Line:
    """One group of a chart: its label, this month's value and the month before's, as shown."""

    code: str
    label: str
    value: int
    shown: str
    before: str
    width: float  # the bar's length, 0–100


@dataclass(frozen=True)
class Chart:
    """One figure of the month: its lines and totals, as the screen or the A4 page shows them."""

    figure: Figure
    lines: list[Line]
    total: str
    total_before: str


def first_of(text: str | None) -> date:
    """The first day of the month asked for (YYYY-MM), else of the month before this one."""
    try:
        start, _end = clock.month_bounds(text or "", current_app.config["TIMEZONE"])
        if 2000 <= start.year <= 2999:
            return start.date()
    except ValueError:
        pass
    today = clock.now().astimezone(ZoneInfo(current_app.config["TIMEZONE"])).date()
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def _label(figure: Figure, code: str) -> str:
    try:
        if figure.key == "visits_per_reason":
            return str(visits.by_code(code).label)
    except KeyError:
        return code
    if figure.key == "languages":
        return i18n.NAMES.get(code, code)
    if figure.source == "sales.csv":
        return i18n.product_name_of(code, code)
    return code


def _text(figure: Figure, table: tables.Table | None, label: str, exact: bool) -> str:
    if table is None or (label != tables.TOTAL and label not in table.values):
        return ""
    if not exact and label in table.hidden:
        return table.shown(label)
    value = table.value(label)
    return euro(value) if figure.key == "revenue_cents" and value is not None else str(value)


def charts(month: str, before: str, exact: bool) -> list[Chart]:
    """Every figure of MONTH beside the month BEFORE; small counts hidden unless EXACT."""
    db, minimum = get_db(), current_app.config["REPORT_MIN_COUNT"]
    now = tables.tables({e.file: r for e, r in exporting.rows_of(db, month).items()}, minimum)
    then = {t.figure.key: t for t in tables.tables(
        {e.file: r for e, r in exporting.rows_of(db, before).items()}, minimum)}
    made = []
    for table in now:
        figure, old = table.figure, then.get(table.figure.key)
        # On A4 a hidden count gets no bar, and the bars are measured against the largest
        # count shown: a bar beside a hidden largest one would tell its size.
        drawn = {code: value for code, value in table.values.items()
                 if exact or code not in table.hidden}
        most = max(drawn.values(), default=0)
        lines = [Line(code, _label(figure, code), value, _text(figure, table, code, exact),
                      "" if figure.by_day else _text(figure, old, code, exact),
                      round(100 * drawn.get(code, 0) / most, 1) if most > 0 else 0)
                 for code, value in table.values.items()]
        made.append(Chart(figure, lines, _text(figure, table, tables.TOTAL, exact),
                          _text(figure, old, tables.TOTAL, exact)))
    return made


def grid(chart: Chart) -> tuple[list[str], list[tuple[str, list[Line | None]]]]:
    """The weekday-and-hour chart as a table: the hours seen, and per weekday a line per hour."""
    found = {line.code: line for line in chart.lines}
    hours = sorted({code[3:] for code in found})
    return hours, [(day, [found.get(f"{day} {hour}") for hour in hours])
                   for day in WEEKDAYS if any(f"{day} {hour}" in found for hour in hours)]


def _page(template: str, exact: bool):
    first = first_of(request.args.get("month"))
    before = (first - timedelta(days=1)).replace(day=1)
    after = (first + timedelta(days=32)).replace(day=1)
    locale = formats.locale(i18n.current())
    return render_template(
        template, first=first, month=first.strftime("%Y-%m"), before=before.strftime("%Y-%m"),
        after=after.strftime("%Y-%m"), month_name=format_date(first, "LLLL y", locale=locale),
        before_name=format_date(before, "LLLL y", locale=locale),
        charts=charts(first.strftime("%Y-%m"), before.strftime("%Y-%m"), exact),
        minimum=current_app.config["REPORT_MIN_COUNT"], exact=exact, grid=grid,
        buurtpunt=current_app.config["BUURTPUNT_NAME"])


@bp.get("")
@desk_required
def index():
    """The month's report on the desk: exact figures, the month before beside them."""
    return _page("reports_desk/index.html", exact=True)


@bp.get("/print")
@desk_required
def printable():
    """The same report as it may leave the kiosk: an A4 page with small counts as "< 5"."""
    return _page("reports_desk/print.html", exact=False)
