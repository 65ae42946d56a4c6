"""The SQLite database: connections with our pragmas, migrations, init-db, a snapshot."""

import contextlib
import itertools
import threading
from pathlib import Path

import click
from flask import Flask, current_app, g
from flask.cli import with_appcontext
from sqlite_utils import Database

import sales
from kiosk.migrations import migrations as kiosk_migrations
from printer.dbtools import connect as open_database
from printer.dbtools import write_transaction
from printer.migrations import migrations as printer_migrations
from sales.migrations import migrations as sales_migrations

# Each package owns its tables; the kiosk's may refer to the others', so they come last.
MIGRATION_SETS = [sales_migrations, printer_migrations, kiosk_migrations]
_serials = itertools.count(1)
# While Litestream replicates, it owns the checkpoints (its docs: an application's own
# checkpoints race it); SQLite's automatic ones stay on for a kiosk without a replica.
_checkpoints = {"automatic": True}


def connect(path: str, busy_timeout_ms: int = 5000) -> Database:
    """Open the database with WAL, synchronous=FULL, foreign keys and a busy timeout."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = open_database(path, busy_timeout_ms)
    if not _checkpoints["automatic"]:
        db.execute("PRAGMA wal_autocheckpoint=0")
    return db


def migrate(db: Database) -> None:
    """Apply every package's pending migrations, then give a new database its catalogue."""
    for migrations in MIGRATION_SETS:
        migrations.apply(db)
    if not sales.list_products(db, include_inactive=True):
        # A fresh kiosk sells Dendermonde's bags at the current tariff from the start.
        sales.load_catalogue(db, sales.DEFAULT_CATALOGUE)


# A write transaction that takes the write lock up front (BEGIN IMMEDIATE): one that reads
# before it writes could otherwise fail with SQLITE_BUSY when it upgrades its lock, which the
# busy timeout does not cover. Inside an open transaction it nests as a savepoint.
immediate = write_transaction


def get_db() -> Database:
    """This worker thread's connection, opened on first use and kept for the thread's life.

    Opening a connection and setting its pragmas costs more than a whole simple request, and
    waitress's worker threads live as long as the process; a connection belongs to one thread.
    """
    local = current_app.extensions["kiosk_db"]
    db = getattr(local, "db", None)
    if db is None:
        db = local.db = connect(current_app.config["DATABASE"])
        local.serial = next(_serials)
    g.db = db
    return db


def generation() -> tuple[int, int, int]:
    """A value that changes whenever the database may have changed, as this thread sees it.

    data_version moves when another connection (a worker, `kiosk` on the command line)
    commits; total_changes when this one writes. The connection's serial keeps two
    connections' counters apart.
    """
    db = get_db()
    version = db.execute("PRAGMA data_version").fetchone()[0]
    return current_app.extensions["kiosk_db"].serial, version, db.conn.total_changes


def end_request(exc: BaseException | None = None) -> None:
    """Never leave a transaction open on a kept connection (an error may have left one)."""
    db = g.pop("db", None)
    if db is not None and db.conn.in_transaction:
        db.rollback()


def backup(db: Database, out: Path) -> None:
    """Write a consistent snapshot of the live database to out (VACUUM INTO)."""
    db.execute("VACUUM INTO ?", [str(out)])


def init_app(app: Flask) -> None:
    """Migrate at start-up and tie the connection to the request's life."""
    _checkpoints["automatic"] = not app.config["REPLICA_URL"]
    with contextlib.closing(connect(app.config["DATABASE"])) as db:
        migrate(db)
    app.extensions["kiosk_db"] = threading.local()
    app.teardown_appcontext(end_request)


def init_app_commands(app: Flask) -> None:
    """Register init-db (backup and restore are kiosk/backups.py's)."""
    app.cli.add_command(init_db_command)


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create or migrate the database (safe to run again)."""
    with contextlib.closing(connect(current_app.config["DATABASE"])) as db:
        migrate(db)
    click.echo(f"Database ready: {current_app.config['DATABASE']}")
