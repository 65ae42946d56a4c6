"""A full disk: a sale, an idea and an upload are refused plainly, nothing half-written, and the
kiosk carries on by itself once there is room again (no restart).

The kiosk's instance folder lives on a small filesystem of its own (a 6 MB tmpfs) that a
ballast file fills to the last byte, as a worn SD card or a runaway log would.
"""

import contextlib
import io
import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from kiosk import create_app, selfcheck
from kiosk.db import connect
from tests.helpers import add_volunteer, csrf_token, log_in, pdf_bytes, stock_and_open_till
from tests.web.test_shop import HTMX, _buy, _rows

FULL = "Het geheugen van de kiosk is vol"


@pytest.fixture
def small_disk(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    # Mounting needs root: as root, or through sudo without a password (as CI runners allow).
    root = [] if os.geteuid() == 0 else ["sudo", "-n"]
    if root and shutil.which("sudo") is None:
        pytest.skip("cannot mount a small tmpfs here: not root, and no sudo")
    options = f"size=6m,uid={os.getuid()},gid={os.getgid()},mode=0700"
    mounted = subprocess.run([*root, "mount", "-t", "tmpfs", "-o", options, "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"cannot mount a small tmpfs in CI: {mounted.stderr.strip()}")
        pytest.skip(f"cannot mount a small tmpfs here (root or sudo -n): {mounted.stderr.strip()}")
    yield disk
    subprocess.run([*root, "umount", "-l", str(disk)], check=False)


def _fill(disk: Path, database: str) -> Path:
    """Fill the disk to the last byte; the WAL starts empty, so the next write needs room."""
    with contextlib.closing(connect(database)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ballast = disk / "ballast"
    with ballast.open("wb", buffering=0) as out:
        with contextlib.suppress(OSError):
            while True:
                out.write(b"\0" * 4096)
        with contextlib.suppress(OSError):
            while True:  # the last scraps, byte by byte
                out.write(b"\0")
    return ballast


def _to_confirm(client, anna) -> None:
    """A basket at the last step of paying: only the confirmation is left."""
    client.get("/shop")
    for path, data in [("/shop/basket", {"code": "PMD", "qty": "1"}), ("/shop/pay", {}),
                       ("/shop/pay/pin", {"volunteer_id": anna["id"], "pin": "2468"}),
                       ("/shop/pay/method", {"method": "cash"}),
                       ("/shop/pay/received", {"received": "10"})]:
        assert client.post_htmx(path, **data).status_code < 400, path


def _link(client) -> str:
    """The phone's link on the print screen (showing it stores the document: before the fill)."""
    return re.search(r"/u/[\w-]+", client.get("/print").get_data(as_text=True)).group(0)


def _upload(client, token: str, link: str):
    return client.post(link, data={"csrf_token": token, "file": (io.BytesIO(pdf_bytes(1)),
                                                                 "brief.pdf")})


def _idea(client, token: str):
    return client.post("/ideas/confirm", headers={**HTMX, "X-CSRFToken": token},
                       data={"kind": "idee", "theme": "spelen", "text": "Een bank",
                             "key": uuid.uuid4().hex})


def test_a_full_disk_refuses_plainly_stores_nothing_and_recovers(small_disk, tmp_path):
    app = create_app({"INSTANCE_PATH": str(small_disk / "instance"), "TESTING": True,
                      "RECEIPT_PRINTER": "dummy"})
    app.extensions["selfcheck"] = selfcheck.SelfCheck(app.config)  # not started: its status
    stock_and_open_till(app)
    anna = add_volunteer(app)
    client = app.test_client()
    token = csrf_token(client, "/shop")
    client.post_htmx = lambda url, **data: client.post(
        url, data=data, headers={**HTMX, "X-CSRFToken": token})
    assert _buy(client, anna, PMD=1).status_code == 200
    _to_confirm(client, anna)
    before = [_rows(app, f"SELECT count(*) FROM {t}")[0][0]  # noqa: S608
              for t in ("receipts", "ideas", "print_jobs", "sale_claims", "visits")]
    link = _link(client)
    ballast = _fill(small_disk, app.config["DATABASE"])

    sale = client.post_htmx("/shop/pay/confirm")
    assert sale.status_code == 507 and FULL in sale.get_data(as_text=True)
    idea = _idea(client, token)
    assert idea.status_code == 507 and FULL in idea.get_data(as_text=True)
    upload = _upload(client, token, link)
    assert upload.status_code == 507 and FULL in upload.get_data(as_text=True)
    assert list((small_disk / "instance" / "uploads").iterdir()) == []  # no half file left
    ballast.unlink()  # a volunteer makes room; the kiosk is not restarted
    after = [_rows(app, f"SELECT count(*) FROM {t}")[0][0]  # noqa: S608
             for t in ("receipts", "ideas", "print_jobs", "sale_claims", "visits")]
    assert after == before
    desk = app.test_client()
    log_in(desk, anna)
    assert 'data-warning="disk"' in desk.get("/desk").get_data(as_text=True)

    assert client.post_htmx("/shop/pay/confirm").status_code == 200  # the same payment, now
    assert _idea(client, token).status_code == 200
    assert _upload(client, token, link).status_code == 200  # the same link works now
    assert _rows(app, "SELECT count(*) FROM receipts")[0][0] == before[0] + 1
