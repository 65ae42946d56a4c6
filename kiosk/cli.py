"""The `kiosk` console script: the app's commands, also reachable as `flask --app kiosk …`."""

import sys

from flask.cli import FlaskGroup

from kiosk import create_app
from kiosk.config import ConfigError

cli = FlaskGroup(create_app=lambda: create_app(), add_version_option=False,
                 help="Buurtpunt kiosk: run `kiosk COMMAND --help` for each command.")


def main() -> None:
    """Entry point of the console script."""
    try:
        cli.main(prog_name="kiosk")
    except ConfigError as error:
        # A wrong setting is the installer's to fix: say which one, not a traceback.
        print(f"Instelling fout: {error}", file=sys.stderr)
        sys.exit(2)
