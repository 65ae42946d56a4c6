"""The `kiosk` console script: the app's commands, also reachable as `flask --app kiosk …`."""

from flask.cli import FlaskGroup

from kiosk import create_app

cli = FlaskGroup(create_app=lambda: create_app(), add_version_option=False,
                 help="Buurtpunt kiosk: run `kiosk COMMAND --help` for each command.")


def main() -> None:
    """Entry point of the console script."""
    cli.main(prog_name="kiosk")
