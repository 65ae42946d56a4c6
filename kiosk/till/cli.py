"""The till's commands: `kiosk verify` (the journal) and `kiosk products load FILE`."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from kiosk.cli import database, fail, load_data_file
from kiosk.dbcheck import journal_words
from sales import load_catalogue, verify_journal
from sales.errors import SalesError


@click.command("verify")
@with_appcontext
def verify_command() -> None:
    """Check the sales journal: numbers without gaps, the hash chain, the Z-report anchors."""
    with database() as db:
        check = verify_journal(db)
    if not check.ok:
        fail(journal_words(check))
    click.echo(journal_words(check))


@click.group("products")
def products_group() -> None:
    """Bag types and their prices (the catalogue)."""


@products_group.command("load")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def load_command(file: Path) -> None:
    """Load bag types and a tariff from a TOML file (see sales/tariffs/); prices in force stay."""
    result = load_data_file(file, load_catalogue, SalesError, "de zakken en prijzen")
    click.echo(f"Catalogus geladen: {result.products} soorten zakken, "
               f"{result.prices_added} nieuwe prijzen, {result.prices_unchanged} ongewijzigd.")
