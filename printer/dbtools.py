"""SQLite for every package: connections with our pragmas, a write transaction that reads first."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database


def connect(path: str | Path, busy_timeout_ms: int = 5000) -> Database:
    """Open the database with the pragmas every connection needs (one connection per thread)."""
    db = Database(str(path))
    db.execute("PRAGMA foreign_keys=ON")
    db.query("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    return db


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """A write transaction that starts with BEGIN IMMEDIATE; inside a caller's, a savepoint."""
    if db.conn.in_transaction:
        # The caller owns the transaction (e.g. a sale that enqueues its receipt): nest in it.
        with db.atomic():
            yield db
        return
    # IMMEDIATE takes the write lock before the first read, so a concurrent writer makes us wait
    # (busy_timeout) instead of failing the upgrade from read to write with SQLITE_BUSY.
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    try:
        db.commit()
    except BaseException:
        db.rollback()
        raise
