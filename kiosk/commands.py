"""The `kiosk` commands that are not tied to one module: set-pin and serve."""

import contextlib

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from kiosk import db, volunteers


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
    with contextlib.closing(db.connect(config["DATABASE"])) as conn:
        if not volunteers.active(conn):
            click.echo("Er is nog geen vrijwilliger. Maak er een aan met: kiosk set-pin NAAM")
    click.echo(f"Kiosk op http://{listen[0]}/")
    serve(app, listen=" ".join(listen), threads=config["THREADS"], ident="kiosk")


def init_app(app: Flask) -> None:
    """Register the commands on the app's CLI."""
    for command in (db.init_db_command, db.backup_command, set_pin_command, serve_command):
        app.cli.add_command(command)
