"""A volunteer logs in at the desk on the PIN pad and sees today's visits."""

import pytest
from playwright.sync_api import expect

from kiosk import volunteers
from kiosk.db import connect

pytestmark = pytest.mark.e2e


def _add_volunteer(kiosk, name="Anna", pin="2468"):
    db = connect(kiosk.app.config["DATABASE"])
    volunteers.set_pin(db, name, pin)
    db.close()


def _tap_pin(page, pin):
    for digit in pin:
        page.locator(f"[data-pin-key='{digit}']").tap()


def _log_in(page, kiosk, pin="2468"):
    page.goto(kiosk.url + "/")
    page.get_by_role("link", name="Vrijwilligers").tap()
    page.get_by_role("link", name="Anna").tap()
    expect(page.get_by_role("heading", name="Dag Anna! Typ je pincode.")).to_be_visible()
    _tap_pin(page, pin)
    page.get_by_role("button", name="Aanmelden").tap()


def test_desk_login_and_see_the_visit_counted(kiosk, page, shot):
    _add_volunteer(kiosk)
    page.goto(kiosk.url + "/checkin")
    page.get_by_text("Administratieve vraag").tap()
    page.get_by_role("button", name="Klaar").tap()
    expect(page.get_by_role("heading", name="Bedankt! Welkom in het buurtpunt.")).to_be_visible()

    _log_in(page, kiosk)
    expect(page.get_by_text("Aangemeld als Anna")).to_be_visible()
    expect(page.locator("[data-visits-total]")).to_have_text("1")
    expect(page.locator("[data-reason='administratie']")).to_have_attribute("data-count", "1")
    page.locator(".tally").get_by_role("button", name="Koffie en een babbel").tap()
    expect(page.locator(".tally ~ [role=status]")).to_have_text("Geteld")
    expect(page.locator("[data-visits-total]")).to_have_text("2")
    expect(page.locator("[data-reason='koffie']")).to_have_attribute("data-count", "1")
    shot(page, "desk-dashboard")
    page.get_by_role("button", name="Afmelden").tap()
    expect(page).to_have_url(kiosk.url + "/")


def test_desk_wrong_pin_then_right_pin(kiosk, page, shot):
    _add_volunteer(kiosk)
    _log_in(page, kiosk, pin="1357")
    expect(page.get_by_role("alert")).to_have_text("Die pincode klopt niet. Nog 4 pogingen.")
    shot(page, "desk-wrong-pin")
    _tap_pin(page, "2469")
    page.get_by_role("button", name="Wissen").tap()
    _tap_pin(page, "8")
    page.get_by_role("button", name="Aanmelden").tap()
    expect(page.get_by_text("Aangemeld als Anna")).to_be_visible()


def test_desk_first_run_explains_how_to_add_a_volunteer(kiosk, page):
    page.goto(kiosk.url + "/desk/login")
    expect(page.get_by_text("kiosk set-pin NAAM")).to_be_visible()
