"""After a while without a touch every screen returns home and forgets the visitor."""

import pytest
from playwright.sync_api import expect

from kiosk import volunteers
from kiosk.db import connect

pytestmark = pytest.mark.e2e


def test_idle_returns_home_in_dutch_and_forgets_choices(start_kiosk, page, shot):
    kiosk = start_kiosk(IDLE_SECONDS=2)
    page.goto(kiosk.url + "/")
    page.get_by_role("link", name="Français").tap()
    page.get_by_role("link", name="J'arrive").tap()
    page.get_by_text("Mes droits").tap()
    expect(page.get_by_role("checkbox", name="Mes droits")).to_be_checked()
    expect(page.get_by_role("heading", name="Welkom! Wat wil je doen?")).to_be_visible(
        timeout=6000)
    expect(page).to_have_url(kiosk.url + "/")
    shot(page, "idle-reset-home")
    assert page.evaluate("window.localStorage.length") == 0
    # htmx notes the current path in sessionStorage on every load; that is all it may hold.
    stored = page.evaluate("Object.entries(window.sessionStorage)")
    assert stored in ([], [["htmx-current-path-for-history", "/"]])
    for _ in range(3):  # the back button brings nothing of the previous visitor back
        page.go_back()
        page.wait_for_load_state()
        if not page.url.startswith(kiosk.url):
            break
        assert page.locator("input:checked").count() == 0
        assert page.locator("html").get_attribute("lang") == "nl"
    assert kiosk.query("SELECT count(*) FROM visits") == [(0,)]


def test_touching_the_screen_keeps_it(start_kiosk, page):
    kiosk = start_kiosk(IDLE_SECONDS=2)
    page.goto(kiosk.url + "/checkin")
    for _ in range(4):
        page.wait_for_timeout(700)
        page.get_by_text("Activiteit").tap()
    expect(page).to_have_url(kiosk.url + "/checkin")


def test_desk_logs_out_when_idle(start_kiosk, page):
    kiosk = start_kiosk(DESK_IDLE_SECONDS=1, IDLE_SECONDS=30)
    db = connect(kiosk.app.config["DATABASE"])
    volunteers.set_pin(db, "Anna", "2468")
    db.close()
    page.goto(kiosk.url + "/desk/login")
    page.get_by_role("link", name="Anna").tap()
    for digit in "2468":
        page.locator(f"[data-pin-key='{digit}']").tap()
    page.get_by_role("button", name="Aanmelden").tap()
    expect(page.get_by_text("Aangemeld als Anna")).to_be_visible()
    expect(page.get_by_text("Je bent afgemeld: 3 minuten niets gedaan.")).to_be_visible(
        timeout=6000)
    assert ("idle-logout",) in kiosk.query("SELECT action FROM audit_log")


def test_a_screen_that_refreshes_itself_still_goes_home(start_kiosk, page):
    kiosk = start_kiosk(IDLE_SECONDS=3)
    page.goto(kiosk.url + "/print")  # the QR screen asks for news every 2 seconds
    expect(page.locator(".qr svg")).to_be_visible()
    expect(page).to_have_url(kiosk.url + "/", timeout=8000)
    assert kiosk.query("SELECT status FROM documents") == [("cancelled",)]
