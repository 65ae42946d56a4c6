"""The desk's printer page in Chromium: a queued job, a failed job, a reprint, a test slip."""

import socket

import pytest
from playwright.sync_api import expect

from kiosk.db import connect
from printer import queue
from printer.slip import Header, Slip, Text
from tests.helpers import add_volunteer

pytestmark = pytest.mark.e2e


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _log_in(page, kiosk):
    add_volunteer(kiosk.app)
    page.goto(kiosk.url + "/desk/login")
    page.get_by_role("link", name="Anna").tap()
    for digit in "2468":
        page.locator(f"[data-pin-key='{digit}']").tap()
    page.get_by_role("button", name="Aanmelden").tap()
    expect(page.get_by_text("Aangemeld als Anna")).to_be_visible()
    page.get_by_role("link", name="Printer").tap()


def _seed(kiosk):
    """A slip that was printed and one that failed (a volunteer must decide)."""
    db = connect(kiosk.app.config["DATABASE"])
    slip = Slip(header=Header("Buurtpunt Test"), body=[Text("Wachtnummer 12")], title="Ticket")
    done = queue.enqueue(db, "ticket", slip)
    queue.mark_done(db, queue.claim_next(db).id)
    failed = queue.enqueue(db, "ticket", slip)
    queue.claim_next(db)
    queue.mark_failed(db, failed, "De printer antwoordde 10 keer niet.", retry=False)
    db.close()
    return done, failed


def test_printer_page_shows_queued_failed_and_reprint(start_kiosk, page, shot):
    kiosk = start_kiosk(RECEIPT_PRINTER=f"network:127.0.0.1:{_closed_port()}")
    done, failed = _seed(kiosk)
    _log_in(page, kiosk)
    expect(page.locator(f"[data-list=open] [data-job='{failed}']")).to_contain_text("mislukt")
    page.get_by_role("button", name="Testbon").tap()
    waiting = page.locator("[data-list=open] tr[data-status=queued]")
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text("Testbon")
    page.locator(f"[data-list=recent] [data-job='{done}']").get_by_role(
        "button", name="Nog eens").tap()
    expect(page.locator("[data-list=open] tr[data-status=queued]")).to_have_count(2)
    newest = page.locator("[data-list=recent] li").first
    expect(newest).to_contain_text("DUPLICAAT")
    newest.locator("summary").tap()
    expect(newest.locator(".slip-preview")).to_contain_text("Wachtnummer 12")
    shot(page, "desk-printer")
    page.locator(f"[data-list=open] [data-job='{failed}']").get_by_role(
        "button", name="Annuleer").tap()
    expect(page.locator(f"[data-list=open] [data-job='{failed}']")).to_have_count(0)


def test_printer_page_test_slip_gets_printed(start_kiosk, page, tmp_path):
    folder = tmp_path / "receipts"
    kiosk = start_kiosk(RECEIPT_PRINTER=f"file:{folder}/", print_worker=True)
    _log_in(page, kiosk)
    page.get_by_role("button", name="Testbon").tap()
    recent = page.locator("[data-list=recent] li").first
    expect(recent).to_have_attribute("data-status", "done", timeout=8000)
    expect(page.locator("p[data-state]")).to_contain_text(
        "Klaar om af te drukken", timeout=8000)
    assert len(list(folder.iterdir())) == 1
