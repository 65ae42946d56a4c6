"""Fixtures every test folder shares: a fresh database with the kiosk's pragmas and tables."""

import pytest

from printer.dbtools import connect


@pytest.fixture
def db_path(tmp_path):
    """Where the test's database lives (fresh_db creates it)."""
    return tmp_path / "kiosk.db"


@pytest.fixture
def fresh_db(db_path):
    """A new database with every package's tables and nothing in them (no catalogue either).

    Opened with the pragmas every connection gets; the tables are those the kiosk migrates to
    (sales, printer, kiosk), so every package is tested against the schema it runs on.
    """
    from kiosk.migrations import migrations as kiosk_migrations
    from printer.migrations import migrations as printer_migrations
    from sales.migrations import migrations as sales_migrations

    db = connect(db_path)
    for migrations in (sales_migrations, printer_migrations, kiosk_migrations):
        migrations.apply(db)
    yield db
    db.close()
