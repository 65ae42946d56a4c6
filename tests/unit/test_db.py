"""The database: pragmas on every connection, migrations applied once, the immediate writer."""

import sqlite3
import threading

import pytest

from kiosk.db import MIGRATION_SETS, connect, immediate, migrate


def test_connect_sets_wal_full_sync_foreign_keys_and_busy_timeout(fresh_db):
    assert fresh_db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert fresh_db.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert fresh_db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert fresh_db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_migrations_are_applied_once(fresh_db):
    migrate(fresh_db)
    migrate(fresh_db)
    names = [r["name"] for r in fresh_db.query("SELECT name FROM _sqlite_migrations")]
    assert len(names) == len(set(names))
    expected = sum(len(m._migrations) for m in MIGRATION_SETS)
    assert len(names) == expected
    assert {"visits", "visit_reasons", "volunteers", "audit_log"} <= set(fresh_db.table_names())


def test_foreign_keys_are_enforced(fresh_db):
    migrate(fresh_db)
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db.execute("INSERT INTO visit_reasons (visit_id, reason) VALUES (999, 'koffie')")


def test_immediate_rolls_back_on_error(fresh_db):
    migrate(fresh_db)
    with pytest.raises(RuntimeError), immediate(fresh_db):
        fresh_db.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        raise RuntimeError("boom")
    assert fresh_db.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def test_immediate_serialises_read_then_write(tmp_path):
    path = str(tmp_path / "kiosk.db")
    setup = connect(path)
    migrate(setup)
    setup.execute("INSERT INTO settings (key, value) VALUES ('n', '0')")
    setup.close()

    def bump():
        db = connect(path)
        for _ in range(50):
            with immediate(db):
                n = int(db.execute("SELECT value FROM settings WHERE key = 'n'").fetchone()[0])
                db.execute("UPDATE settings SET value = ? WHERE key = 'n'", [str(n + 1)])
        db.close()

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check = connect(path)
    assert check.execute("SELECT value FROM settings WHERE key = 'n'").fetchone()[0] == "200"
    check.close()
