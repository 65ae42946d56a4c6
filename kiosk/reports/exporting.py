"""`kiosk export`: a month's CSV files for the buurtwerk and the month file for the city.

Counts of people in the rows (an Export's `counts`) leave as "< 5" when small; the month file
also holds the report's figures, suppressed the same way as the printed report.
"""

import csv
from collections.abc import Iterable
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlite_utils import Database

from kiosk import clock, features, monthfile
from kiosk.cli import database, fail
from kiosk.features import Export
from kiosk.reports import tables


def hide_small(rows: Iterable[dict], columns: Iterable[str], minimum: int) -> list[dict]:
    """The rows with every count in COLUMNS from 1 to minimum - 1 written as "< minimum"."""
    counted = tuple(columns)
    small = lambda value: str(value).isdigit() and 0 < int(value) < minimum  # noqa: E731
    return [{**row, **{c: f"< {minimum}" for c in counted if small(row.get(c, ""))}}
            for row in rows]


def rows_of(conn: Database, month: str) -> dict[Export, list[dict]]:
    """Every declared export's rows of MONTH ("YYYY-MM"), exact, in the app's context."""
    start, end = clock.month_bounds(month, current_app.config["TIMEZONE"])
    return {export: list(export.rows(conn, start, end))
            for export in (f.export for f in features.declared() if f.export)}


def month_rows(month: str) -> dict[Export, list[dict]]:
    """Every declared export's rows of MONTH, from the command's own database connection."""
    with database() as conn:
        return rows_of(conn, month)


def _write_csv(path: Path, columns: Iterable[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def write(month: str, out: Path) -> tuple[list[str], dict]:
    """Write MONTH's CSV files and month file into OUT; what was written and the manifest."""
    config = current_app.config
    minimum = config["REPORT_MIN_COUNT"]
    found = month_rows(month)
    out.mkdir(parents=True, exist_ok=True)
    written, leaving = [], []
    for export, rows in found.items():
        # Free texts and names (`private`) never leave; small counts of people leave as "< 5".
        columns = [c for c in export.columns if c not in export.private]
        safe = hide_small(rows, export.counts, minimum)
        _write_csv(out / export.file, columns, safe)
        written.append(f"{export.file} ({len(rows)} {export.counted})")
        leaving.append((export.file.removesuffix(".csv"), columns, safe))
    made = tables.tables({e.file: rows for e, rows in found.items()}, minimum)
    leaving.append(("figures", tables.COLUMNS, tables.rows(made)))
    manifest = monthfile.write(out, month.strip(), config["KIOSK_ID"], config["BUURTPUNT_NAME"],
                               leaving)
    return written, manifest


@click.command("export")
@click.option("--month", required=True, metavar="YYYY-MM", help="The month, e.g. 2026-03.")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the CSV files into (made if missing).")
@with_appcontext
def export_command(month: str, out: Path) -> None:
    """Write a month's rows as CSV files (UTF-8, Brussels time) and the month file for the city."""
    try:
        written, manifest = write(month, out)
    except ValueError as error:
        fail(str(error))
    click.echo(f"Export van {month} in {out}: {', '.join(written)}, {manifest['file']}.")
