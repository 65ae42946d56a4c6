"""The console script and the core's commands: set-pin, serve, purge, printer-test, status."""

import contextlib
import gc
import sys
import tempfile
from pathlib import Path

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


def init_app_commands(app: Flask) -> None:
    """Register the core's commands on the app's CLI (features add their own)."""
    from kiosk.status import status_command

    for command in (set_pin_command, serve_command, printer_test_command, purge_command,
                    status_command, backups.backup_command,
                    backups.restore_command, replication.replicate_command):
        app.cli.add_command(command)
