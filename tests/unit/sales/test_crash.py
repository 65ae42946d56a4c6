"""A process selling in a loop is killed with SIGKILL; the journal must stay consistent."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sales import load_catalogue, open_session, record_intake, verify_journal
from sales.catalogue import DEFAULT_CATALOGUE
from tests.unit.sales.conftest import NOW, open_db

KILLS = 50
ROOT = Path(__file__).resolve().parents[3]
SELLER = """
import itertools, random, sys, uuid
from datetime import UTC, datetime
from tests.unit.sales.conftest import open_db
from sales import Payment, record_sale, void_sale
db = open_db(sys.argv[1])
rng = random.Random()
print("ready", flush=True)
for n in itertools.count():
    basket = {code: rng.randint(1, 5) for code in rng.sample(["REST30", "REST60", "PMD"], 2)}
    receipt = record_sale(db, basket, Payment(rng.choice(["cash", "wero_qr"])), "Els",
                          uuid.uuid4().hex, "BP1", training=n % 7 == 0,
                          now=datetime.now(UTC))
    if n % 5 == 0:
        void_sale(db, receipt.number, "Jan", "test")
"""


def _assert_consistent(db):
    check = verify_journal(db)
    assert check.ok, (check.first_bad, check.problem)
    # stock = intake - sold + voided, per bag type, counted from the journal itself
    moved = dict(db.execute(
        "SELECT product, sum(pieces) FROM stock_moves WHERE kind IN ('sale', 'void') "
        "GROUP BY product").fetchall())
    journal = dict(db.execute(
        "SELECT l.product, -sum(l.qty) FROM receipt_lines l JOIN receipts r ON r.id = l.receipt_id "
        "WHERE r.training = 0 GROUP BY l.product").fetchall())
    assert moved == journal
    balance = db.execute(
        "SELECT count(*) FROM stock_balance b WHERE pieces != "
        "(SELECT sum(pieces) FROM stock_moves WHERE product = b.product)").fetchone()[0]
    assert balance == 0
    orphans = db.execute(
        "SELECT count(*) FROM receipts r WHERE NOT EXISTS "
        "(SELECT 1 FROM receipt_lines WHERE receipt_id = r.id)").fetchone()[0]
    assert orphans == 0


def test_record_sale_journal_survives_sigkill(fresh_db, db_path):
    load_catalogue(fresh_db, DEFAULT_CATALOGUE, now=NOW)
    for code in ("REST30", "REST60", "PMD"):
        record_intake(fresh_db, code, pieces=1_000_000, volunteer="Els", now=NOW)
    open_session(fresh_db, 0, "Els", now=NOW)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(4)
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, "-c", SELLER, str(db_path)], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.0, 0.05))
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
            child.stdout.close()
        db = open_db(db_path)
        try:
            _assert_consistent(db)
        finally:
            db.close()
    assert fresh_db.execute("SELECT count(*) FROM receipts").fetchone()[0] > KILLS
