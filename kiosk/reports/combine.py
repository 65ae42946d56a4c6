"""`kiosk combine`: the month files of several kiosks in one SQLite file for the city.

Only the report's figures go in, with small counts hidden as on the printed report: the rows
stay in the month files, because a table of rows lets anyone count one person.
"""

import sqlite3
from pathlib import Path

import click

from kiosk import monthfile


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


MERGED = ("figures",)


def _merge(conn: sqlite3.Connection, table: str, manifest: dict) -> None:
    columns = [r[1] for r in conn.execute(f"PRAGMA src.table_info({_q(table)})")]
    names = ", ".join(map(_q, columns))
    conn.execute(f"CREATE TABLE IF NOT EXISTS {_q(table)} (month, buurtpunt, {names})")
    # Replace what this kiosk sent for this month: the same file twice counts once.
    conn.execute(f"DELETE FROM {_q(table)} WHERE kiosk = ? AND month = ?",  # noqa: S608
                 [manifest["kiosk"], manifest["month"]])
    conn.execute(f"INSERT INTO {_q(table)} (month, buurtpunt, {names}) "  # noqa: S608
                 f"SELECT ?, ?, {names} FROM src.{_q(table)}",
                 [manifest["month"], manifest["buurtpunt"]])


def _verify(path: Path, manifest: dict, seen: dict) -> dict:
    """Refuse a month file without figures, with another kiosk's rows, or two versions of one."""
    if "figures" not in manifest["rows"]:
        raise monthfile.BadMonthFile(f"{path.name}: geen cijfers (een oud of vreemd bestand)")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        kiosks = {row[0] for row in conn.execute("SELECT DISTINCT kiosk FROM figures")}
    conn.close()
    if kiosks - {manifest["kiosk"]}:
        raise monthfile.BadMonthFile(f"{path.name}: cijfers van een andere kiosk "
                                     f"({', '.join(sorted(map(str, kiosks)))})")
    key = (manifest["kiosk"], manifest["month"])
    if seen.setdefault(key, manifest["sha256"]) != manifest["sha256"]:
        raise monthfile.BadMonthFile(f"{path.name}: een tweede, ander bestand van "
                                     f"{key[0]} voor {key[1]}")
    return manifest


def combine(paths: list[Path], out: Path) -> list[dict]:
    """Check every file first (nothing is written when one is bad), then merge them into OUT."""
    seen: dict = {}
    manifests = [_verify(path, monthfile.check(path), seen) for path in paths]
    conn = sqlite3.connect(out)
    with conn:
        conn.execute("CREATE TABLE IF NOT EXISTS months (kiosk, buurtpunt, month, sha256, "
                     "PRIMARY KEY (kiosk, month))")
    for path, manifest in zip(paths, manifests, strict=True):
        conn.execute("ATTACH DATABASE ? AS src", [f"file:{path}?mode=ro"])
        with conn:
            for table in MERGED:
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
