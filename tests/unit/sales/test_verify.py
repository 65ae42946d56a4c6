"""verify_journal names the first receipt that was changed, removed or cut off."""

import sqlite3

import pytest

from sales import Payment, close_session, open_session, record_sale, verify_journal, void_sale
from tests.unit.sales.conftest import NOW, PREFIX


@pytest.fixture
def journal_db(shop_db):
    for n in range(5):
        record_sale(shop_db, {"PMD": n + 1}, Payment("cash"), "Els", f"k{n}", PREFIX, now=NOW)
    void_sale(shop_db, "BP1-000002", "Jan", "fout", now=NOW)
    record_sale(shop_db, {"PMD": 1}, Payment("cash"), "Els", "t1", PREFIX, training=True, now=NOW)
    return shop_db


def tamper(db_path, *statements):
    """Edit the file the way an attacker would: through a connection with the triggers dropped."""
    conn = sqlite3.connect(db_path)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
    for name in names:
        conn.execute(f"DROP TRIGGER {name}")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_verify_journal_accepts_an_untouched_journal(journal_db):
    check = verify_journal(journal_db)
    assert (check.ok, check.receipts_checked, check.first_bad) == (True, 7, None)
    assert check.heads == {"BP1": "BP1-000006", "OEF-BP1": "OEF-BP1-000001"}


@pytest.mark.parametrize(
    ("statements", "first_bad", "problem"),
    [
        (["UPDATE receipts SET total_cents = 0, subtotal_cents = 0 WHERE number = 'BP1-000003'"],
         "BP1-000003", "hash mismatch"),
        (["UPDATE receipt_lines SET qty = 1, line_total_cents = 25 WHERE receipt_id = 4"],
         "BP1-000004", "hash mismatch"),
        (["UPDATE receipts SET volunteer = 'X' WHERE number = 'BP1-000005'"],
         "BP1-000005", "hash mismatch"),
        (["DELETE FROM receipt_lines WHERE receipt_id = 3",
          "DELETE FROM stock_moves WHERE receipt_id = 3",
          "DELETE FROM receipts WHERE number = 'BP1-000003'"],
         "BP1-000003", "gap"),
        (["UPDATE receipts SET hash = 'f' || substr(hash, 2) WHERE number = 'BP1-000001'"],
         "BP1-000001", "hash mismatch"),
        (["UPDATE receipts SET total_cents = 1 WHERE number = 'OEF-BP1-000001'"],
         "OEF-BP1-000001", "hash mismatch"),
    ],
)
def test_verify_journal_names_first_tampered_receipt(journal_db, db_path, statements, first_bad,
                                                     problem):
    tamper(db_path, *statements)
    check = verify_journal(journal_db)
    assert (check.ok, check.first_bad) == (False, first_bad)
    assert problem in check.problem


def test_verify_journal_notices_a_journal_cut_after_a_z_report(journal_db, db_path):
    close_session(journal_db, 5000, {}, "Els", now=NOW)
    open_session(journal_db, 0, "Els", now=NOW)
    tamper(db_path, "DELETE FROM receipt_lines WHERE receipt_id = 6",
           "DELETE FROM stock_moves WHERE receipt_id = 6",
           "DELETE FROM receipts WHERE number = 'BP1-000006'")
    check = verify_journal(journal_db)
    assert (check.ok, check.first_bad) == (False, "BP1-000006")
    assert "Z-report" in check.problem
