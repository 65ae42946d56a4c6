"""Fixtures for the sales unit tests: more connections, a shop ready to sell (fresh_db: tests/)."""

from datetime import UTC, datetime

import pytest
from sqlite_utils import Database

from printer.dbtools import connect as open_db
from sales import DEFAULT_CATALOGUE, load_catalogue, open_session, record_intake

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
PREFIX = "BP1"


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
