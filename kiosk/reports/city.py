"""`kiosk city city.db`: the city file in Datasette on this computer, read-only, in Dutch.

Datasette is an optional extra (`pip install .[city]`): only the coordinator's computer needs
it, never a kiosk. The file is opened immutable (Datasette never writes to it) and arbitrary
SQL is off; the tables and the canned queries of kiosk.reports.metadata are what it shows.
"""

import asyncio
import sqlite3
from pathlib import Path

import click
from flask.cli import with_appcontext

from kiosk.reports.metadata import metadata

INSTALL = ("De stadsweergave heeft Datasette nodig, dat niet geïnstalleerd is. Installeer de "
           "extra 'city' in de map van de kiosk met: .venv/bin/pip install --constraint "
           "constraints.txt '.[city]'  (of: pip install '.[city]'), en probeer opnieuw.")


def _datasette():
    """Datasette's class and uvicorn, or a Dutch message on how to install the extra."""
    try:
        import uvicorn
        from datasette.app import Datasette
    except ImportError as error:
        raise click.ClickException(INSTALL) from error
    return Datasette, uvicorn


def _check(path: Path) -> None:
    """Refuse a file that is not a city file, before Datasette shows an empty view."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        conn.close()
    except sqlite3.DatabaseError as error:
        raise click.ClickException(f"{path.name}: geen SQLite-bestand ({error})") from error
    if not {"months", "figures"} <= names:
        raise click.ClickException(f"{path.name}: geen stadsbestand (maak het met "
                                   "kiosk combine MAANDBESTANDEN --out city.db)")


def serve(path: Path, host: str, port: int) -> None:
    """Serve PATH with Datasette on HOST:PORT until stopped (Ctrl+C)."""
    datasette_class, uvicorn = _datasette()
    _check(path)
    datasette = datasette_class(immutables=[str(path)], metadata=metadata(path.stem))
    asyncio.run(datasette.invoke_startup())
    click.echo(f"Stadsweergave van {path.name}: http://{host}:{port}/{path.stem}\n"
               "Alleen lezen: het bestand verandert niet en eigen SQL staat uit; de tabellen en "
               "de vaste vragen staan op de pagina. Stoppen: Ctrl+C.")
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on")


@click.command("city")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 127.0.0.1 keeps the view on this computer.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@with_appcontext
def city_command(file: Path, host: str, port: int) -> None:
    """Show the city file (kiosk combine) read-only in Datasette: the optional extra [city]."""
    serve(file, host, port)
