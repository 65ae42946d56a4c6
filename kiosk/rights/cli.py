"""`kiosk rights load FILE`: the rights finder's rules and texts from a TOML file."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from kiosk.cli import load_data_file
from kiosk.rights import store
from kiosk.tomlfile import DataFileError


@click.group("rights")
def rights_group() -> None:
    """The rights finder's rules and texts."""


@rights_group.command("load")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def load_command(file: Path) -> None:
    """Load rights, their conditions and texts from a TOML file (kiosk/rights/), all or nothing."""
    count = load_data_file(file, store.load_rights, DataFileError, "de rechten")
    click.echo(f"Rechten geladen: {count} rechten uit {file}.")
