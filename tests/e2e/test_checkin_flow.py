"""A visitor taps through check-in on the touchscreen, in Dutch and in English."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_checkin_in_dutch(kiosk, page, shot):
    page.goto(kiosk.url + "/")
    expect(page.get_by_role("heading", name="Welkom! Wat wil je doen?")).to_be_visible()
    shot(page, "home-nl")
    page.get_by_role("link", name="Ik kom binnen").tap()
    expect(page.get_by_role("heading", name="Waarom kom je vandaag?")).to_be_visible()
    page.get_by_text("Koffie en een babbel").tap()
    page.get_by_text("Mijn rechten").tap()
    expect(page.get_by_role("checkbox", name="Koffie en een babbel")).to_be_checked()
    shot(page, "checkin-nl")
    page.get_by_role("button", name="Klaar").tap()
    expect(page.get_by_role("heading", name="Bedankt! Welkom in het buurtpunt.")).to_be_visible()
    shot(page, "checkin-thanks-nl")
    expect(page).to_have_url(kiosk.url + "/", timeout=6000)
    assert kiosk.query("SELECT language, source FROM visits") == [("nl", "kiosk")]
    assert kiosk.query("SELECT reason FROM visit_reasons ORDER BY reason") == [
        ("koffie",), ("rechten",)]


def test_checkin_in_english(kiosk, page, shot):
    page.goto(kiosk.url + "/")
    page.get_by_role("link", name="English").tap()
    expect(page.get_by_role("heading", name="Welcome! What would you like to do?")).to_be_visible()
    shot(page, "home-en")
    page.get_by_role("link", name="I'm here").tap()
    page.get_by_text("Waste bags").tap()
    shot(page, "checkin-en")
    page.get_by_role("button", name="Done").tap()
    expect(page.get_by_role("heading", name="Thank you! Welcome to the buurtpunt.")).to_be_visible()
    assert kiosk.query("SELECT language FROM visits") == [("en",)]


def test_checkin_without_a_reason_says_what_to_do(kiosk, page, shot):
    page.goto(kiosk.url + "/checkin")
    page.get_by_role("button", name="Klaar").tap()
    expect(page.get_by_role("alert")).to_have_text(re.compile("Kies minstens één reden."))
    shot(page, "checkin-no-reason")
    page.get_by_text("Buren leren kennen").tap()
    page.get_by_role("button", name="Klaar").tap()
    expect(page.get_by_role("heading", name="Bedankt! Welkom in het buurtpunt.")).to_be_visible()
    assert kiosk.query("SELECT count(*) FROM visits") == [(1,)]


def test_checkin_double_tap_counts_once(kiosk, page):
    page.goto(kiosk.url + "/checkin")
    page.get_by_text("Digitale vraag").tap()
    page.get_by_role("button", name="Klaar").dblclick()
    expect(page.get_by_role("heading", name="Bedankt! Welkom in het buurtpunt.")).to_be_visible()
    assert kiosk.query("SELECT count(*) FROM visits") == [(1,)]


def test_checkin_back_button_always_leads_home(kiosk, page):
    page.goto(kiosk.url + "/checkin")
    page.get_by_role("link", name="Terug naar start").tap()
    # A boosted tap: the home screen replaces this one; the address stays (htmx history off).
    expect(page.get_by_role("heading", name="Welkom! Wat wil je doen?")).to_be_visible()
    expect(page.locator("main .tiles")).to_be_visible()
