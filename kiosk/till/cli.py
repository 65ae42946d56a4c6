"""The shop's commands: `kiosk verify`, `kiosk products load FILE` and `kiosk export`."""

import contextlib
import csv
import re
import sys
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlite_utils import Database

from kiosk import clock
from kiosk import db as kiosk_db
from kiosk.ideas.export import IDEA_COLUMNS, idea_rows
from kiosk.ideas.store import list_ideas
from sales import load_catalogue, verify_journal
from sales.errors import SalesError
from sales.export import JOURNAL_COLUMNS, journal_rows

VISIT_COLUMNS = ("kiosk", "time", "language", "source", "reasons")

# verify_journal explains in English (it is a library); the volunteer reads Dutch.
PROBLEMS = {
    "gap": "er ontbreekt een bon (gat in de nummering)",
    "does not match its series": "het nummer past niet bij de reeks",
    "chain broken": "de keten is gebroken: de vorige hash klopt niet",
    "hash mismatch": "de inhoud werd veranderd nadat de bon werd opgeslagen",
    "lines do not add up": "de lijnen tellen niet op tot het subtotaal",
    "subtotal plus rounding": "subtotaal plus afronding is niet het totaal",
    "Z-report": "verschilt van de laatste bon die op een Z-rapport staat",
}


def _fail(message: str) -> None:
    click.echo(f"Fout: {message}", err=True)
    sys.exit(1)


@contextlib.contextmanager
def _database():
    with contextlib.closing(kiosk_db.connect(current_app.config["DATABASE"])) as db:
        kiosk_db.migrate(db)
        yield db


@click.command("verify")
@with_appcontext
def verify_command() -> None:
    """Check the sales journal: numbers without gaps, the hash chain, the Z-report anchors."""
    with _database() as db:
        check = verify_journal(db)
    if not check.ok:
        why = next((dutch for key, dutch in PROBLEMS.items() if key in (check.problem or "")),
                   check.problem)
        _fail(f"het journaal klopt niet vanaf bon {check.first_bad}: {why}. "
              f"{check.receipts_checked} bonnen ervoor zijn in orde.")
    heads = ", ".join(f"laatste {number}" for number in check.heads.values()) or "nog geen bonnen"
    click.echo(f"Journaal in orde: {check.receipts_checked} bonnen gecontroleerd ({heads}).")


@click.group("products")
def products_group() -> None:
    """Bag types and their prices (the catalogue)."""


@products_group.command("load")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def load_command(file: Path) -> None:
    """Load bag types and a tariff from a TOML file (see sales/tariffs/); prices in force stay."""
    if not file.is_file():
        _fail(f"het bestand {file} bestaat niet.")
    try:
        with _database() as db:
            result = load_catalogue(db, file)
    except SalesError as error:
        _fail(f"de catalogus werd niet geladen, er is niets veranderd: {error}")
    click.echo(f"Catalogus geladen: {result.products} soorten zakken, "
               f"{result.prices_added} nieuwe prijzen, {result.prices_unchanged} ongewijzigd.")


@click.command("export")
@click.option("--month", required=True, metavar="YYYY-MM", help="The month, e.g. 2026-03.")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the CSV files into (made if missing).")
@with_appcontext
def export_command(month: str, out: Path) -> None:
    """Write a month's visits, sales and ideas as CSV files (UTF-8, times in Brussels time)."""
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    start, end = _month_bounds(month, zone)
    out.mkdir(parents=True, exist_ok=True)
    with _database() as db:
        visits = _write(out / "visits.csv", VISIT_COLUMNS, _visit_rows(db, start, end, zone))
        sales = _write(out / "sales.csv", JOURNAL_COLUMNS,
                       ({**row, "created_at": _local(row["created_at"], zone)}
                        for row in journal_rows(db, start, end)))
        ideas = _write(out / "ideas.csv", IDEA_COLUMNS, _idea_rows(db, start, end))
    click.echo(f"Export van {month} in {out}: visits.csv ({visits} bezoeken), "
               f"sales.csv ({sales} bonlijnen), ideas.csv ({ideas} ideeën).")


def _idea_rows(db: Database, start: datetime, end: datetime) -> Iterable[dict]:
    """The month's ideas, oldest first, without contact details."""
    until = clock.iso(end)
    found = [idea for idea in list_ideas(db, since=clock.iso(start), limit=1_000_000)
             if idea["created_at"] < until]
    config = current_app.config
    return idea_rows(reversed(found), config["KIOSK_ID"], config["TIMEZONE"])


def _month_bounds(month: str, zone: ZoneInfo) -> tuple[datetime, datetime]:
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})", month.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        _fail(f"geef de maand als JJJJ-MM, bijvoorbeeld 2026-03 (niet {month!r}).")
    year, number = int(match.group(1)), int(match.group(2))
    first = date(year, number, 1)
    after = date(year + number // 12, number % 12 + 1, 1)
    return (datetime(first.year, first.month, 1, tzinfo=zone),
            datetime(after.year, after.month, 1, tzinfo=zone))


def _local(stored: str, zone: ZoneInfo) -> str:
    return datetime.fromisoformat(stored).astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")


def _visit_rows(db: Database, start: datetime, end: datetime, zone: ZoneInfo) -> Iterable[dict]:
    bounds = [clock.iso(start), clock.iso(end)]
    for row in db.query(
        "SELECT v.created_at, v.language, v.source, "
        "(SELECT group_concat(reason, '+') FROM (SELECT reason FROM visit_reasons "
        " WHERE visit_id = v.id ORDER BY reason)) AS reasons "
        "FROM visits v WHERE v.created_at >= ? AND v.created_at < ? ORDER BY v.created_at, v.id",
        bounds,
    ):
        yield {"kiosk": current_app.config["KIOSK_ID"], "time": _local(row["created_at"], zone),
               "language": row["language"], "source": row["source"],
               "reasons": row["reasons"] or ""}


def _write(path: Path, columns: Iterable[str], rows: Iterable[dict]) -> int:
    written = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            written += 1
    return written


def init_app_commands(app: Flask) -> None:
    """Register verify, products load and export."""
    for command in (verify_command, products_group, export_command):
        app.cli.add_command(command)
