"""Local backups: taken while sales are written, restored with `kiosk restore FILE`, rotated."""

import contextlib
import threading
import uuid
from datetime import UTC, datetime, timedelta

from kiosk import backups, create_app
from kiosk.db import connect
from sales import Payment, record_sale, verify_journal
from tests.helpers import stock_and_open_till


def _selling(app, stop: threading.Event, sold: list) -> None:
    """Sell one bag after another on a connection of its own, until told to stop."""
    with contextlib.closing(connect(app.config["DATABASE"])) as db:
        while not stop.is_set():
            sold.append(record_sale(db, {"PMD": 1}, Payment("cash"), "Els", uuid.uuid4().hex,
                                    "BP1").number)


def test_a_backup_taken_during_sales_restores_consistent(app, runner, tmp_path):
    stock_and_open_till(app, pieces=100_000)
    stop, sold = threading.Event(), []
    seller = threading.Thread(target=_selling, args=(app, stop, sold))
    seller.start()
    try:
        while len(sold) < 20:  # the backups start while sales are flowing
            stop.wait(0.01)
        outs = [tmp_path / f"backup-{n}.db" for n in range(3)]
        for out in outs:
            result = runner.invoke(args=["backup", "--out", str(out)])
            assert result.exit_code == 0, result.output
            assert "Journaal in orde" in result.output
    finally:
        stop.set()
        seller.join(30)
    for n, out in enumerate(outs):
        fresh = create_app({"INSTANCE_PATH": str(tmp_path / f"device-{n}"), "TESTING": True})
        restored = fresh.test_cli_runner().invoke(args=["restore", str(out)])
        assert restored.exit_code == 0, restored.output
        with contextlib.closing(connect(fresh.config["DATABASE"])) as db:
            check = verify_journal(db)
            numbers = [r[0] for r in db.execute("SELECT number FROM receipts ORDER BY seq")]
        assert check.ok, check.problem
        # A consistent moment of the journal: every sale up to some point, in order, no gap.
        assert numbers == sold[:len(numbers)] and len(numbers) >= 20


def test_restore_refuses_a_database_in_use_and_a_damaged_file(app, runner, tmp_path):
    stock_and_open_till(app)
    out = tmp_path / "backup.db"
    assert runner.invoke(args=["backup", "--out", str(out)]).exit_code == 0
    refused = runner.invoke(args=["restore", str(out)])
    assert refused.exit_code != 0 and "nooit overschreven" in refused.output
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(out.read_bytes()[:8192] + b"\0" * 8192)
    fresh = create_app({"INSTANCE_PATH": str(tmp_path / "device"), "TESTING": True})
    result = fresh.test_cli_runner().invoke(args=["restore", str(damaged)])
    assert result.exit_code != 0 and "Niet hersteld" in result.output
    assert not list((tmp_path / "device").glob(".kiosk.db.restoring*"))


def test_the_rotating_set_keeps_seven_days_and_four_weeks(app, tmp_path):
    folder = tmp_path / "second-medium"
    start = datetime(2026, 11, 1, 23, 0, tzinfo=UTC)
    for day in range(40):
        backups.rotate(app.config["DATABASE"], folder, 7, 4, start + timedelta(days=day))
    days = sorted(p.name for p in (folder / "daily").iterdir())
    weeks = sorted(p.name for p in (folder / "weekly").iterdir())
    assert days == [f"kiosk-2026-12-{d:02d}.db" for d in range(4, 11)]
    assert weeks == ["kiosk-2026-W46.db", "kiosk-2026-W47.db", "kiosk-2026-W48.db",
                     "kiosk-2026-W49.db", "kiosk-2026-W50.db"][-4:]
