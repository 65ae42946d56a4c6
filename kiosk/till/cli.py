"""The till's commands: `kiosk verify` (the journal) and `kiosk products load FILE`."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from kiosk.cli import database, fail
from sales import load_catalogue, verify_journal
from sales.errors import SalesError

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


@click.command("verify")
@with_appcontext
def verify_command() -> None:
    """Check the sales journal: numbers without gaps, the hash chain, the Z-report anchors."""
    with database() as db:
        check = verify_journal(db)
    if not check.ok:
        why = next((dutch for key, dutch in PROBLEMS.items() if key in (check.problem or "")),
                   check.problem)
        fail(f"het journaal klopt niet vanaf bon {check.first_bad}: {why}. "
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
        fail(f"het bestand {file} bestaat niet.")
    try:
        with database() as db:
            result = load_catalogue(db, file)
    except SalesError as error:
        fail(f"de catalogus werd niet geladen, er is niets veranderd: {error}")
    click.echo(f"Catalogus geladen: {result.products} soorten zakken, "
               f"{result.prices_added} nieuwe prijzen, {result.prices_unchanged} ongewijzigd.")
