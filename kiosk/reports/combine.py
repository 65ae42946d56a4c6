"""`kiosk combine`: the month files of several kiosks in one SQLite file for the city."""

import sqlite3
from pathlib import Path

import click

from kiosk import monthfile


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _merge(conn: sqlite3.Connection, table: str, manifest: dict) -> None:
    columns = [r[1] for r in conn.execute(f"PRAGMA src.table_info({_q(table)})")]
    names = ", ".join(map(_q, columns))
    conn.execute(f"CREATE TABLE IF NOT EXISTS {_q(table)} (month, {names})")
    # Replace what this kiosk sent for this month: the same file twice counts once.
    conn.execute(f"DELETE FROM {_q(table)} WHERE kiosk = ? AND month = ?",  # noqa: S608
                 [manifest["kiosk"], manifest["month"]])
    conn.execute(f"INSERT INTO {_q(table)} (month, {names}) "  # noqa: S608
                 f"SELECT ?, {names} FROM src.{_q(table)}", [manifest["month"]])


def combine(paths: list[Path], out: Path) -> list[dict]:
    """Check every file first (nothing is written when one is bad), then merge them into OUT."""
    manifests = [monthfile.check(path) for path in paths]
    conn = sqlite3.connect(out)
    with conn:
        conn.execute("CREATE TABLE IF NOT EXISTS months (kiosk, buurtpunt, month, sha256, "
                     "PRIMARY KEY (kiosk, month))")
    for path, manifest in zip(paths, manifests, strict=True):
        conn.execute("ATTACH DATABASE ? AS src", [f"file:{path}?mode=ro"])
        with conn:
            for table in manifest["rows"]:
                _merge(conn, table, manifest)
            conn.execute("INSERT OR REPLACE INTO months VALUES (?, ?, ?, ?)",
                         [manifest["kiosk"], manifest["buurtpunt"], manifest["month"],
                          manifest["sha256"]])
        conn.execute("DETACH DATABASE src")
    conn.close()
    return manifests


@click.command("combine")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The city's SQLite file (made if missing, updated otherwise).")
def combine_command(files: tuple[Path, ...], out: Path) -> None:
    """Merge month files (BP1-2026-11.db with its .json) of several kiosks into one file."""
    try:
        done = combine(list(files), out)
    except monthfile.BadMonthFile as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Samengevoegd in {out}: {len(done)} bestand(en).")
