"""The kiosk watches itself: a loop proves the app answers and can write, then tells systemd.

`kiosk serve` runs SelfCheck beside waitress. Each round asks /healthz over HTTP (the app
answers) and commits one heartbeat row (the database takes a write); only when both work does
it send WATCHDOG=1 (READY=1 the first time), so a hung server or a stuck database stops the
pings and systemd restarts the kiosk after WatchdogSec. A full disk is the exception: a restart
frees no space, so the kiosk keeps running, refuses what it cannot store, says so on the desk
and in /healthz, and carries on by itself once there is room again. The same round measures the
replica's lag and whether the clock is synchronised, for /healthz and the desk.
"""

import contextlib
import http.client
import shutil
import sqlite3
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

from flask import Flask, current_app

from kiosk import clock, db, sdnotify
from kiosk.replication import LagTracker, Replica

DEFAULT_INTERVAL = 10.0  # seconds between rounds without a systemd watchdog
# Without Litestream's checkpoints (it stopped), the WAL would grow without end: past this the
# kiosk checkpoints by itself (PASSIVE: it never waits for, or blocks, anyone).
WAL_LIMIT = 64 * 1024 * 1024
SYNC_CHECK_SECONDS = 60.0


@dataclass(frozen=True)
class Status:
    """What the last round found; None where it has not looked (no loop in this process)."""

    answers: bool | None = None
    writes: bool | None = None
    disk_full: bool = False
    error: str | None = None
    synchronised: bool | None = None
    disk_free_mb: int | None = None
    replica: Replica | None = None
    pings: int = 0


def is_disk_full(error: BaseException) -> bool:
    """Whether an error means the disk (or the database's size limit) is full."""
    if isinstance(error, sqlite3.Error):
        return (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF == sqlite3.SQLITE_FULL
    return isinstance(error, OSError) and error.errno in (28, 122)  # ENOSPC, EDQUOT


class SelfCheck(threading.Thread):
    """The loop: every `interval` seconds one round; pings only after a round that passed."""

    def __init__(self, config, interval: float | None = None) -> None:
        super().__init__(name="kiosk-selfcheck", daemon=True)
        self.config, self.status, self.stop = config, Status(), threading.Event()
        period = sdnotify.watchdog_seconds()
        # Three rounds per watchdog period: one slow round never costs a restart.
        self.interval = interval or (period / 3 if period else DEFAULT_INTERVAL)
        # Served on every interface: ask over loopback (the only address the screen uses).
        host = "127.0.0.1" if config["HOST"] in ("0.0.0.0", "") else config["HOST"]  # noqa: S104
        self.url = (host, int(config["PORT"]))
        self.lag, self.conn, self.synced_at = LagTracker(), None, -SYNC_CHECK_SECONDS

    def run(self) -> None:
        wait = 0.05  # until the first pass (READY), look often: start-up is what systemd waits on
        while not self.stop.wait(wait):
            self.round()
            wait = self.interval if self.status.pings else 0.2
        if self.conn is not None:
            self.conn.close()

    def round(self) -> bool:
        """One check; True when it passed and systemd was told (or would have been)."""
        answers = self._answers()
        writes, full, error = self._writes()
        status = replace(self.status, answers=answers, writes=writes, disk_full=full,
                         error=error, replica=self.lag.update(self.config),
                         disk_free_mb=_free_mb(self.config["DATABASE"]))
        if time.monotonic() - self.synced_at >= SYNC_CHECK_SECONDS:
            self.synced_at = time.monotonic()
            status = replace(status, synchronised=clock.synchronised())
        passed = answers and (writes or full)
        if passed:
            sdnotify.notify(**({} if status.pings else {"READY": 1}), WATCHDOG=1,
                            STATUS=_words(status))
            status = replace(status, pings=status.pings + 1)
        self.status = status
        return bool(passed)

    def _answers(self) -> bool:
        conn = http.client.HTTPConnection(*self.url, timeout=min(self.interval, 5.0))
        try:
            conn.request("GET", "/healthz")
            return conn.getresponse().status == 200
        except (OSError, http.client.HTTPException):
            return False
        finally:
            conn.close()

    def _writes(self) -> tuple[bool, bool, str | None]:
        """(written, disk full, what went wrong): one heartbeat, committed."""
        try:
            if self.conn is None:
                self.conn = db.connect(self.config["DATABASE"],
                                       busy_timeout_ms=int(min(self.interval, 5.0) * 1000))
            with db.immediate(self.conn):
                self.conn.execute(
                    "INSERT INTO heartbeat (id, beats, at) VALUES (1, 1, ?) ON CONFLICT (id) "
                    "DO UPDATE SET beats = beats + 1, at = excluded.at", [clock.iso(clock.now())])
            self._keep_wal_bounded()
        except (sqlite3.Error, OSError) as error:
            return False, is_disk_full(error), str(error)
        return True, False, None

    def _keep_wal_bounded(self) -> None:
        wal = Path(self.config["DATABASE"] + "-wal")
        with contextlib.suppress(OSError):
            if wal.stat().st_size > WAL_LIMIT:
                self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")


def _free_mb(database: str) -> int | None:
    with contextlib.suppress(OSError):
        return shutil.disk_usage(Path(database).parent).free // (1024 * 1024)
    return None


def _words(status: Status) -> str:
    """The one line `systemctl status kiosk` shows."""
    replica = status.replica
    lag = (f"kopie {replica.lag_seconds:.0f} s achter" if replica and replica.configured
           and replica.lag_seconds is not None else "geen kopie buiten de kiosk")
    return f"{'schijf vol' if status.disk_full else 'in orde'}; {lag}"


def start(app: Flask) -> SelfCheck:
    """Start the loop for this process (`kiosk serve`)."""
    loop = app.extensions["selfcheck"] = SelfCheck(app.config)
    loop.start()
    return loop


def status() -> Status:
    """The last round's findings (an empty Status where no loop runs, e.g. under tests)."""
    loop = current_app.extensions.get("selfcheck")
    return loop.status if loop is not None else Status()


def note_disk_full() -> None:
    """A request could not store: show it at once (the next passing round clears it)."""
    loop = current_app.extensions.get("selfcheck")
    if loop is not None:
        loop.status = replace(loop.status, disk_full=True)
