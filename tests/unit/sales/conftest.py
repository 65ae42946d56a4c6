"""Fixtures for the sales unit tests: file databases with the production pragmas."""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from sales import DEFAULT_CATALOGUE, load_catalogue, migrations, open_session, record_intake

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
PREFIX = "BP1"


def open_db(path: Path) -> Database:
    """Open a connection the way the kiosk does: WAL, full sync, foreign keys, busy timeout."""
    db = Database(sqlite3.connect(str(path), check_same_thread=True))
    db.execute("PRAGMA busy_timeout = 5000")
    db.enable_wal()
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    return db


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "kiosk.db"


@pytest.fixture
def fresh_db(db_path):
    db = open_db(db_path)
    migrations.apply(db)
    yield db
    db.close()


@pytest.fixture
def connect(db_path):
    """Open more connections to the same file (one per thread); all are closed afterwards."""
    opened = []

    def _connect() -> Database:
        db = open_db(db_path)
        opened.append(db)
        return db

    yield _connect
    for db in opened:
        db.close()


@pytest.fixture
def shop_db(fresh_db):
    """The Dendermonde catalogue, 5 rolls of each bag type in stock and an open cash drawer."""
    load_catalogue(fresh_db, DEFAULT_CATALOGUE, now=NOW)
    for code in ("REST30", "REST60", "PMD"):
        record_intake(fresh_db, code, rolls=5, volunteer="Els", now=NOW)
    open_session(fresh_db, 5000, "Els", now=NOW)
    return fresh_db


def count(db: Database, table: str) -> int:
    """Return the number of rows in a table."""
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
