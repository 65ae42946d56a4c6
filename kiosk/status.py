"""`kiosk status`: what is wrong with this kiosk, in plain Dutch (printer, disk, clock, backups)."""

import contextlib
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from kiosk import backups, clock, db
from kiosk import replication as replica
from kiosk.printing import printing
from printer import queue
from printer.errors import PrinterError
from printer.formats import stamp

Check = tuple[bool, str]  # (in order?, the line to print)
DISK_LOW_BYTES = 1024**3
BACKUP_AGE = timedelta(hours=36)  # a nightly backup, with a night's slack


def receipt_printer() -> Check:
    """Ask the receipt printer itself, afresh (short timeouts)."""
    glue = printing()
    try:
        status = glue.printer().status()
    except PrinterError as error:
        return False, f"Bonnenprinter ({glue.address}): {error}"
    ok = status.state == "online"
    words = "in orde" if ok else status.detail
    return ok, f"Bonnenprinter ({glue.address}): {words}{', papier bijna op' * status.paper_low}"


def document_printer() -> Check:
    """Ask CUPS whether the A4 printer takes jobs."""
    state = printing().documents.state()
    address = current_app.config["DOCUMENT_PRINTER"]
    return state.ready, f"A4-printer ({address}): {'in orde' if state.ready else state.detail}"


def print_queue() -> Check:
    """Slips waiting, and those a volunteer must look at."""
    with contextlib.closing(db.connect(current_app.config["DATABASE"])) as conn:
        counts, waiting = queue.status_counts(conn), queue.queue_length(conn)
    stuck = counts.get("failed", 0) + counts.get("unknown", 0)
    line = f"Wachtrij: {waiting} bonnetjes wachten"
    if stuck:
        line += f", {stuck} vragen een vrijwilliger (Balie, Printer)"
    return not stuck, line


def disk() -> Check:
    """Free space where the database lives."""
    usage = shutil.disk_usage(Path(current_app.config["DATABASE"]).parent)
    ok = usage.free >= DISK_LOW_BYTES and usage.free >= usage.total / 10
    line = f"Schijf: {_gb(usage.free)} vrij van {_gb(usage.total)}"
    return ok, line if ok else f"{line}; maak ruimte, anders stopt de kiosk met bewaren"


def time_of_day() -> Check:
    """The time as the kiosk shows it, and whether the system keeps it right (NTP)."""
    shown = stamp(clock.now(), "nl", current_app.config["TIMEZONE"])
    synced = _ntp_synchronized()
    if synced is None:
        return True, f"Klok: {shown} (of ze gelijkgezet wordt, is hier niet te zien)"
    if synced:
        return True, f"Klok: {shown}, gelijkgezet via het internet"
    return False, f"Klok: {shown}, NIET gelijkgezet: kijk of de tijd klopt en of er internet is"


def replication() -> Check:
    """Whether the database streams off the device (REPLICA_URL), and how far behind."""
    url = current_app.config.get("REPLICA_URL")
    if not url:
        return True, "Replicatie: niet ingesteld"
    try:
        txid, replicated = replica.position(current_app.config)
    except Exception as error:  # noqa: BLE001 - any failure is reported in words
        return False, f"Replicatie naar {url}: werkt niet ({error})"
    behind = txid - replicated
    return behind <= 0, f"Replicatie naar {url}: " + (
        "bij" if behind <= 0 else f"loopt {behind} wijzigingen achter")


def last_backup() -> Check:
    """The newest backup in BACKUP_DIR (empty: instance/backups), and how old it is."""
    config = current_app.config
    folder = backups.folder()
    copies = sorted(folder.rglob("kiosk-*.db"), key=lambda path: path.stat().st_mtime)
    if not copies:  # a kiosk installed today gets its first copy from tonight's timer
        young = clock.now() - _installed() <= BACKUP_AGE
        return young, f"Laatste back-up: nog geen in {folder}" + (
            " (de eerste komt vannacht)" if young else "")
    made = datetime.fromtimestamp(copies[-1].stat().st_mtime, UTC)
    shown = stamp(made, "nl", config["TIMEZONE"])
    ok = clock.now() - made <= BACKUP_AGE
    return ok, f"Laatste back-up: {shown} ({copies[-1]})" + ("" if ok else ", te oud")


CHECKS: tuple[Callable[[], Check], ...] = (
    receipt_printer, document_printer, print_queue, disk, time_of_day, replication, last_backup)


@click.command("status")
@with_appcontext
def status_command() -> None:
    """Say in plain Dutch what is wrong: printers, disk, clock, replication, last backup."""
    problems = 0
    for check in CHECKS:
        ok, line = check()
        problems += not ok
        click.echo(line if ok else f"LET OP: {line}")
    click.echo("Alles in orde." if not problems else
               f"{problems} {'ding vraagt' if problems == 1 else 'dingen vragen'} aandacht.")
    if problems:
        raise SystemExit(1)


def _installed() -> datetime:
    """When this kiosk's database was made: its first migration."""
    with contextlib.closing(db.connect(current_app.config["DATABASE"])) as conn:
        first = conn.execute("SELECT min(applied_at) FROM _sqlite_migrations").fetchone()[0]
    return datetime.fromisoformat(first) if first else clock.now()


def _gb(size: int) -> str:
    return f"{size / 1024**3:.1f} GB".replace(".", ",")


def _ntp_synchronized() -> bool | None:
    if not shutil.which("timedatectl"):
        return None
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        answer = subprocess.run(["timedatectl", "show", "-p", "NTPSynchronized", "--value"],
                                capture_output=True, text=True, timeout=5, check=False)
        if answer.returncode == 0 and answer.stdout.strip() in ("yes", "no"):
            return answer.stdout.strip() == "yes"
    return None
