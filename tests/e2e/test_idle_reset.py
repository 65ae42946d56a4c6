"""After a while without a touch every screen returns home and forgets the visitor."""

import time

import pytest
from playwright.sync_api import expect

from kiosk import volunteers
from kiosk.db import connect
from tests.e2e.touch import desk_login, tap_keys, type_into
from tests.helpers import add_volunteer

pytestmark = pytest.mark.e2e


def test_idle_returns_home_in_dutch_and_forgets_choices(start_kiosk, page, shot):
    # 4 s, not 2: the warning halfway (2 s) must not stand in front of the next tap on a slow run.
    kiosk = start_kiosk(IDLE_SECONDS=4)
    page.goto(kiosk.url + "/")
    page.get_by_role("link", name="Français").tap()
    page.get_by_role("link", name="J'arrive").tap()
    page.get_by_text("Mes droits").tap()
    expect(page.get_by_role("checkbox", name="Mes droits")).to_be_checked()
    expect(page.get_by_role("heading", name="Welkom! Wat wil je doen?")).to_be_visible(
        timeout=8000)
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
    # 4 s, not 2: the warning comes halfway (2 s), so taps 1 s apart never meet it.
    kiosk = start_kiosk(IDLE_SECONDS=4)
    page.goto(kiosk.url + "/checkin")
    for _ in range(6):
        page.wait_for_timeout(1000)
        page.get_by_text("Activiteit").tap()
    expect(page.get_by_role("dialog", name="Ben je er nog?")).to_be_hidden()
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
    expect(page.get_by_text("Je bent afgemeld: 1 seconde niets gedaan.")).to_be_visible(
        timeout=6000)
    assert ("idle-logout",) in kiosk.query("SELECT action FROM audit_log")


def test_a_screen_that_refreshes_itself_still_goes_home(start_kiosk, page):
    kiosk = start_kiosk(IDLE_SECONDS=3)
    page.goto(kiosk.url + "/print")  # the QR screen asks for news every 2 seconds
    expect(page.locator(".qr svg")).to_be_visible()
    expect(page).to_have_url(kiosk.url + "/", timeout=8000)
    assert kiosk.query("SELECT status FROM documents") == [("cancelled",)]


def test_idle_warning_keeps_a_typed_idea_until_nobody_answers(start_kiosk, page, shot):
    kiosk = start_kiosk(IDLE_SECONDS=8, IDLE_WARNING_SECONDS=4)
    page.goto(kiosk.url + "/ideas")
    page.get_by_role("button", name="Een idee").tap()
    page.get_by_role("button", name="Spelen").tap()
    tap_keys(page, "Een bank")
    typed = time.monotonic()
    warning = page.get_by_role("dialog", name="Ben je er nog?")
    expect(warning).to_be_visible(timeout=8000)
    assert 3.5 <= time.monotonic() - typed < 6  # 8 s idle, the warning 4 s before the end
    expect(warning).to_contain_text("Anders begint het scherm opnieuw")
    assert 1 <= int(warning.locator("[data-idle-count]").inner_text()) <= 4
    shot(page, "idle-warning")
    warning.get_by_role("button", name="Ik ben er nog").tap()
    expect(warning).to_be_hidden()
    tap_keys(page, "je")  # the keyboard types on where it was
    expect(page.get_by_label("Schrijf je idee")).to_have_value("Een bankje")

    expect(warning).to_be_visible(timeout=8000)  # nobody answers this time
    expect(page.get_by_role("heading", name="Welkom! Wat wil je doen?")).to_be_visible(
        timeout=8000)
    assert kiosk.query("SELECT count(*) FROM ideas") == [(0,)]


def test_idle_warning_on_the_desk_keeps_the_volunteer_logged_in(start_kiosk, page):
    kiosk = start_kiosk(DESK_IDLE_SECONDS=6, IDLE_WARNING_SECONDS=3)
    add_volunteer(kiosk.app)
    desk_login(page, kiosk, "Kassa")
    type_into(page, page.locator("[data-denomination='2000'] input"), "1")
    page.get_by_role("button", name="Kassa openen").tap()
    type_into(page, page.get_by_label("Waarom?"), "Wisselgeld")
    warning = page.get_by_role("dialog", name="Ben je er nog?")
    for _ in range(2):  # longer than DESK_IDLE_SECONDS without a form sent, touched twice
        expect(warning).to_contain_text("Anders word je afgemeld", timeout=8000)
        warning.get_by_role("button", name="Ik ben er nog").tap()
        expect(warning).to_be_hidden()
    type_into(page, page.get_by_label("Bedrag in euro"), "5")
    page.get_by_role("button", name="Geld erin").tap()
    expect(page.get_by_text("€ 5,00 in de kassa gelegd.")).to_be_visible()
    assert kiosk.query("SELECT reason FROM cash_moves") == [("Wisselgeld",)]
    assert ("idle-logout",) not in kiosk.query("SELECT action FROM audit_log")
