"""Backups and restores: `kiosk backup` (one file, or the rotating set) and `kiosk restore`.

The rotating set (BACKUP_DIR, a second medium when there is one) keeps BACKUP_DAILY daily and
BACKUP_WEEKLY weekly copies; each copy is written beside its place, checked (integrity, foreign
keys, the journal, as `kiosk verify` does) and only then put in place. A restore never
overwrites a database: the kiosk's own file must not exist yet (a fresh device, or one moved
aside), and what is restored is checked the same way before it becomes the kiosk's database.
"""

import contextlib
import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import with_appcontext

from kiosk import clock, db, replication
from kiosk.dbcheck import CheckFailed, check_file


def snapshot(database: str, out: Path) -> str:
    """Write a checked snapshot of the live database to out (not there yet); the check's words."""
    part = out.with_name(f".{out.name}.part")
    part.unlink(missing_ok=True)
    try:
        with contextlib.closing(db.connect(database)) as live:
            db.backup(live, part)  # VACUUM INTO: consistent while the kiosk writes
        words = check_file(part)
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)
    return words


def rotate(database: str, folder: Path, daily: int, weekly: int, today: datetime) -> Path:
    """Today's copy in folder/daily, the week's first in folder/weekly; older ones beyond go."""
    days, weeks = folder / "daily", folder / "weekly"
    for path in (days, weeks):
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    out = days / f"kiosk-{today:%Y-%m-%d}.db"
    snapshot(database, out)
    week = weeks / f"kiosk-{today:%G-W%V}.db"
    if not week.exists():
        part = week.with_name(f".{week.name}.part")
        shutil.copyfile(out, part)
        os.replace(part, week)
    for path, keep in ((days, daily), (weeks, weekly)):
        for old in sorted(path.glob("kiosk-*.db"))[:-keep or None]:
            old.unlink()
    return out


def folder() -> Path:
    """The rotating set's folder: BACKUP_DIR, or instance/backups when it is empty."""
    config = current_app.config
    return Path(config["BACKUP_DIR"] or Path(current_app.instance_path) / "backups")


@click.command("backup")
@with_appcontext
@click.option("--out", "out", type=click.Path(path_type=Path),
              help="One file to write the snapshot to (must not exist yet); without it, the "
                   "rotating set in BACKUP_DIR.")
def backup_command(out: Path | None) -> None:
    """Write a checked snapshot of the live database: to --out, or into the rotating set."""
    config = current_app.config
    try:
        if out is None:
            today = clock.now().astimezone(ZoneInfo(config["TIMEZONE"]))
            out = rotate(config["DATABASE"], folder(), int(config["BACKUP_DAILY"]),
                         int(config["BACKUP_WEEKLY"]), today)
            click.echo(f"Backup written: {out} (and checked)")
            return
        if out.exists():
            raise click.ClickException(f"{out} already exists; choose a new file name.")
        out.parent.mkdir(parents=True, exist_ok=True)
        words = snapshot(config["DATABASE"], out)
    except CheckFailed as error:
        raise click.ClickException(f"The snapshot failed its check: {error}") from error
    click.echo(f"Backup written: {out}. {words}")


# A database that holds only these (what a new kiosk gets by itself) is not yet anyone's.
FRESH = {"_sqlite_migrations", "products", "prices", "settings", "stock_balance", "places",
         "rights"}


def _refuse_live(target: Path) -> None:
    """Refuse a database that holds anything; a fresh one (only migrated) makes way."""
    if not target.exists():
        return
    with contextlib.closing(sqlite3.connect(f"file:{target}?mode=ro", uri=True)) as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        # Table names come from the database's own catalogue, quoted.
        used = [name for name in tables if name not in FRESH and not name.startswith(
            "_litestream") and conn.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone()]  # noqa: S608
    if used:
        raise click.ClickException(
            f"{target} is in gebruik (er staat al iets in: {', '.join(sorted(used)[:5])}): een "
            "database wordt nooit overschreven. Stop de kiosk (systemctl stop kiosk "
            "kiosk-litestream) en zet het bestand opzij, dan opnieuw.")
    for path in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        path.unlink(missing_ok=True)


def _install(copy: Path, target: Path) -> str:
    """Check the restored copy, then make it the kiosk's database (one rename)."""
    try:
        words = check_file(copy)
    except CheckFailed as error:
        raise click.ClickException(f"Niet hersteld: {error}") from error
    # Litestream's state of an earlier database beside it would not match this one.
    shutil.rmtree(target.with_name(f".{target.name}-litestream"), ignore_errors=True)
    os.replace(copy, target)
    return words


@click.command("restore")
@with_appcontext
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from-replica", is_flag=True,
              help="Restore the last replicated state from REPLICA_URL (Litestream).")
def restore_command(file: Path | None, from_replica: bool) -> None:
    """Bring back the database from a backup FILE or --from-replica; never over a live one."""
    if (file is None) == (not from_replica):
        raise click.ClickException("Geef een backupbestand of --from-replica (één van beide).")
    target = Path(current_app.config["DATABASE"])
    _refuse_live(target)  # before anything is fetched: say it at once
    copy = target.with_name(f".{target.name}.restoring")
    copy.unlink(missing_ok=True)
    try:
        if from_replica:
            replication.restore(current_app.config, copy)
        else:
            _copy_backup(file, copy)
        _refuse_live(target)  # and again: nothing may have started using it meanwhile
        words = _install(copy, target)
    except replication.ReplicationError as error:
        raise click.ClickException(f"Niet hersteld: {error}") from error
    finally:
        copy.unlink(missing_ok=True)
    click.echo(f"Hersteld: {target}. {words}")


def _copy_backup(file: Path, copy: Path) -> None:
    """Copy a backup file with SQLite's backup API (its own WAL, if any, comes along)."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{file}?mode=ro", uri=True)) as source, \
                contextlib.closing(sqlite3.connect(copy)) as target:
            source.backup(target)
    except sqlite3.DatabaseError as error:
        raise click.ClickException(f"Niet hersteld: {file} is geen leesbare database "
                                   f"({error}).") from error
