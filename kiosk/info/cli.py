"""`kiosk places load FILE`: the buurtpunten, partners and online services from a TOML file."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from kiosk.cli import load_data_file
from kiosk.places import load_places
from kiosk.tomlfile import DataFileError


@click.group("places")
def places_group() -> None:
    """The places "where to go" shows and the desk refers to."""


@places_group.command("load")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def load_command(file: Path) -> None:
    """Load places, their hours and texts from a TOML file (kiosk/info/), all or nothing."""
    count = load_data_file(file, load_places, DataFileError, "de plaatsen")
    click.echo(f"Plaatsen geladen: {count} plaatsen uit {file}.")
