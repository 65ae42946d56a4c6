"""The console script and the core's commands: set-pin, serve, purge, printer-test, export."""

import contextlib
import csv
import gc
import re
import sys
import tempfile
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from kiosk import (
    __version__,
    backups,
    create_app,
    db,
    features,
    logs,
    monthfile,
    replication,
    selfcheck,
    volunteers,
)
from kiosk.config import ConfigError
from kiosk.printing import printing
from printer.document import DocumentAddressError, make_document_printer, write_test_page
from printer.errors import PrinterError
from printer.testprint import print_test_slip

cli = FlaskGroup(create_app=lambda: create_app(), add_version_option=False,
                 help="Buurtpunt kiosk: run `kiosk COMMAND --help` for each command.")
click.version_option(__version__, "--version", prog_name="kiosk",
                     message="%(prog)s %(version)s", help="Show the kiosk's version.")(cli)


def main() -> None:
    """Entry point of the console script."""
    try:
        cli.main(prog_name="kiosk")
    except ConfigError as error:
        # A wrong setting is the installer's to fix: say which one, not a traceback.
        print(f"Instelling fout: {error}", file=sys.stderr)
        sys.exit(2)


@click.command("set-pin")
@with_appcontext
@click.argument("name")
@click.option("--pin", envvar="KIOSK_NEW_PIN", hidden=True,
              help="The PIN, for scripts; otherwise you are asked for it twice.")
def set_pin_command(name: str, pin: str | None) -> None:
    """Create volunteer NAME, or give NAME a new PIN (this also unlocks them)."""
    if pin is None:
        pin = click.prompt("Pincode (4 tot 8 cijfers)", hide_input=True,
                           confirmation_prompt="Nog eens dezelfde pincode")
    with contextlib.closing(db.connect(current_app.config["DATABASE"])) as conn:
        try:
            created = volunteers.set_pin(conn, name, pin)
        except volunteers.PinError as error:
            raise click.ClickException(str(error)) from error
    click.echo(f"Vrijwilliger {name} {'aangemaakt' if created else 'heeft een nieuwe pincode'}.")


@click.command("serve")
@with_appcontext
def serve_command() -> None:
    """Serve the kiosk with waitress on the configured host and port (and the LAN upload port)."""
    from waitress import serve

    config = current_app.config
    listen = [f"{config['HOST']}:{config['PORT']}"]
    if config["LAN_LISTEN"]:
        listen.append(config["LAN_LISTEN"])
    app = current_app._get_current_object()
    logs.setup(app)
    with contextlib.closing(db.connect(config["DATABASE"])) as conn:
        if not volunteers.active(conn):
            click.echo("Er is nog geen vrijwilliger. Maak er een aan met: kiosk set-pin NAAM")
    click.echo(f"Kiosk op http://{listen[0]}/")
    click.echo(purge_now())
    # This process owns the printers: one worker each drains its queue (and purges on schedule).
    printing().start()
    # And watches itself: systemd's watchdog hears from it only while it answers and can write.
    selfcheck.start(app)
    # What start-up built lives as long as the process: keep it out of every garbage
    # collection, which otherwise walks it again and again while visitors wait.
    gc.collect()
    gc.freeze()
    try:
        serve(app, listen=" ".join(listen), threads=config["THREADS"], ident="kiosk")
    finally:
        app.extensions["selfcheck"].stop.set()
        printing().stop()


def purge_now() -> str:
    """Delete what each feature's retention rules say must go; say what went."""
    with contextlib.closing(db.connect(current_app.config["DATABASE"])) as conn:
        done = [feature.purge(conn) for feature in features.declared() if feature.purge]
    return f"Opgeruimd: {', '.join(done) or 'niets'}."


@click.command("purge")
@with_appcontext
def purge_command() -> None:
    """Delete visitors' files older than 30 minutes and contact details past their time."""
    click.echo(purge_now())


@click.command("printer-test")
@click.option("--document", is_flag=True, help="Print a test page on the A4 printer instead.")
@with_appcontext
def printer_test_command(document: bool) -> None:
    """Print a test slip (every Dutch accent and the euro sign) on the receipt printer, directly."""
    config = current_app.config
    try:
        if document:
            click.echo(_print_test_page(config["DOCUMENT_PRINTER"], config["BUURTPUNT_NAME"]))
        else:
            glue = printing()
            click.echo(print_test_slip(glue.address, glue.profile, name=config["BUURTPUNT_NAME"]))
    except (PrinterError, DocumentAddressError) as error:
        raise click.ClickException(str(error)) from error


def _print_test_page(address: str, name: str) -> str:
    document_printer = make_document_printer(address)
    with tempfile.TemporaryDirectory() as folder:
        page = write_test_page(Path(folder) / "testpagina.pdf", name)
        job = document_printer.print_pdf(page, title="Testpagina")
    return f"De testpagina is verstuurd naar de A4-printer ({job.job_id})."


def fail(message: str) -> None:
    """Say what went wrong, in Dutch, and stop with exit code 1."""
    click.echo(f"Fout: {message}", err=True)
    sys.exit(1)


@contextlib.contextmanager
def database():
    """The database for a command, migrated first; closed afterwards."""
    with contextlib.closing(db.connect(current_app.config["DATABASE"])) as conn:
        db.migrate(conn)
        yield conn


def load_data_file(file: Path, load, refused: type[Exception], what: str):
    """A `kiosk ... load FILE` loader in one go: a missing or refused file changes nothing."""
    if not file.is_file():
        fail(f"het bestand {file} bestaat niet.")
    try:
        with database() as conn:
            return load(conn, file)
    except refused as error:
        fail(f"{what} werden niet geladen, er is niets veranderd: {file}, {error}")


@click.command("export")
@click.option("--month", required=True, metavar="YYYY-MM", help="The month, e.g. 2026-03.")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the CSV files into (made if missing).")
@with_appcontext
def export_command(month: str, out: Path) -> None:
    """Write a month's visits, sales and ideas as CSV files (UTF-8, times in Brussels time)."""
    start, end = _month_bounds(month, ZoneInfo(current_app.config["TIMEZONE"]))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    exports = [f.export for f in features.declared() if f.export]
    with database() as conn:
        for export in exports:
            count = _write(out / export.file, export.columns, export.rows(conn, start, end))
            written.append(f"{export.file} ({count} {export.counted})")
        config = current_app.config
        tables = [(e.file.removesuffix(".csv"),
                   [c for c in e.columns if c not in e.private], e.rows(conn, start, end))
                  for e in exports]
        manifest = monthfile.write(out, month.strip(), config["KIOSK_ID"],
                                   config["BUURTPUNT_NAME"], tables)
    click.echo(f"Export van {month} in {out}: {', '.join(written)}, {manifest['file']}.")


def _month_bounds(month: str, zone: ZoneInfo) -> tuple[datetime, datetime]:
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})", month.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        fail(f"geef de maand als JJJJ-MM, bijvoorbeeld 2026-03 (niet {month!r}).")
    year, number = int(match.group(1)), int(match.group(2))
    first = date(year, number, 1)
    after = date(year + number // 12, number % 12 + 1, 1)
    return (datetime(first.year, first.month, 1, tzinfo=zone),
            datetime(after.year, after.month, 1, tzinfo=zone))


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
    """Register the core's commands on the app's CLI (features add their own)."""
    from kiosk.status import status_command

    for command in (set_pin_command, serve_command, printer_test_command, purge_command,
                    export_command, status_command, backups.backup_command,
                    backups.restore_command, replication.replicate_command):
        app.cli.add_command(command)
