"""The shop's back office in Chromium: open the till with the counter, cash out, X, blind close."""

import time
import uuid

import pytest
from playwright.sync_api import expect

from kiosk.db import connect
from sales import Payment, record_intake, record_sale
from tests.e2e.touch import desk_login, type_into
from tests.helpers import add_volunteer, settled

pytestmark = pytest.mark.e2e


def _seed(kiosk):
    add_volunteer(kiosk.app)
    db = connect(kiosk.app.config["DATABASE"])
    for code in ("REST30", "REST60", "PMD"):
        record_intake(db, code, rolls=2, volunteer="Anna")
    db.close()


def _sell(kiosk):
    """Two sales as the shop would record them: 2 PMD-zakken in cash, 1 restafvalzak by QR."""
    db = connect(kiosk.app.config["DATABASE"])
    record_sale(db, {"PMD": 2}, Payment("cash", 100), "Anna", uuid.uuid4().hex, "BP1")
    record_sale(db, {"REST30": 1}, Payment("bancontact_qr"), "Anna", uuid.uuid4().hex, "BP1")
    db.close()


def _plus(page, denomination, times=1):
    for _ in range(times):
        before = page.locator("[data-counted]").get_attribute("data-counted")
        page.locator(f"[data-denomination='{denomination}'] button").last.tap()
        expect(page.locator("[data-counted]")).not_to_have_attribute("data-counted", before)


def _printed(kiosk, text, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        dummy = kiosk.app.extensions["printing"].dummy
        if dummy is not None and text.encode("cp858") in dummy.output:
            return True
        time.sleep(0.1)
    return False


def test_cash_open_move_x_and_blind_close(start_kiosk, page, shot):
    kiosk = start_kiosk(print_worker=True, RECEIPT_PRINTER="dummy")
    _seed(kiosk)
    desk_login(page, kiosk, "Kassa")
    expect(page.get_by_role("heading", name="De kassa is dicht")).to_be_visible()
    _plus(page, 2000, 2)
    _plus(page, 1000)
    expect(page.locator("[data-counted]")).to_have_text("€ 50,00")
    shot(page, "cash-open")
    page.get_by_role("button", name="Kassa openen").tap()
    expect(page.get_by_role("heading", name="De kassa is open")).to_be_visible()

    type_into(page, page.get_by_label("Bedrag in euro"), "5")
    type_into(page, page.get_by_label("Waarom?"), "Koffie voor de vrijwilligers")
    page.get_by_role("button", name="Geld eruit").tap()
    expect(page.get_by_text("€ 5,00 uit de kassa genomen.")).to_be_visible()
    shot(page, "cash-drawer")
    _sell(kiosk)

    page.get_by_role("link", name="Tussentijds rapport (X)").tap()
    expect(page.locator("[data-expected]")).to_have_attribute("data-expected", "4550")
    page.get_by_role("button", name="Afdrukken").tap()
    expect(page.get_by_text("Het X-rapport wordt afgedrukt.")).to_be_visible()
    shot(page, "cash-x")
    assert _printed(kiosk, "X-rapport kassa 1")

    page.get_by_role("link", name="Terug naar de kassa").tap()
    page.get_by_role("link", name="Kassa sluiten").tap()
    expect(page.get_by_role("heading", name="1. Tel het geld in de lade")).to_be_visible()
    assert page.locator("[data-expected]").count() == 0  # blind: nothing expected is shown
    settled(page)  # the counter reacts to typing only once htmx has wired it
    type_into(page, page.get_by_label("Aantal van € 20,00"), "2")
    expect(page.locator("[data-counted]")).to_have_attribute("data-counted", "4000")
    _plus(page, 500)
    counts = {"Volle rollen Restafvalzak 30 l": "1", "Losse zakken Restafvalzak 30 l": "19",
              "Volle rollen Restafvalzak 60 l": "2", "Losse zakken Restafvalzak 60 l": "0",
              "Losse zakken PMD-zak": "38"}
    for label, value in counts.items():
        type_into(page, page.get_by_label(label, exact=True), value)
    page.get_by_role("button", name="Geteld: kassa sluiten").scroll_into_view_if_needed()
    shot(page, "cash-close")
    page.get_by_role("button", name="Geteld: kassa sluiten").tap()

    report = page.locator(".report[data-kind=Z]")
    expect(report).to_be_visible()
    expect(report.locator("[data-expected]")).to_have_text("€ 45,50")
    expect(report.locator("[data-counted]")).to_have_text("€ 45,00")
    expect(report.locator("[data-difference]")).to_have_text("€ -0,50")
    expect(report.locator("[data-list=qr]")).to_contain_text("BP1-000002")
    expect(report.locator("[data-list=bags] [data-product=PMD]")).to_contain_text("38")
    page.locator("#cash").evaluate("el => el.scrollIntoView()")
    shot(page, "cash-z")
    assert _printed(kiosk, "Z-rapport kassa 1")
    assert _printed(kiosk, "BP1-000002")
    rows = kiosk.query("SELECT expected_cents, counted_cents, difference_cents FROM cash_closes")
    assert rows == [(4550, 4500, -50)]


def test_stock_and_catalogue_pages(start_kiosk, page, shot):
    kiosk = start_kiosk()
    _seed(kiosk)
    desk_login(page, kiosk, "Voorraad")
    intake = page.locator("form").filter(has=page.get_by_role("heading", name="Levering"))
    intake.get_by_text("PMD-zak").tap()
    type_into(page, intake.get_by_label("Rollen"), "3")
    intake.get_by_role("button", name="Levering bijtellen").tap()
    expect(page.locator("[data-list=stock] [data-product=PMD]")).to_have_attribute(
        "data-pieces", "100")
    shot(page, "stock")
    page.get_by_role("link", name="Prijzen").tap()
    expect(page.locator("#product-PMD")).to_contain_text("geldt nu")
    shot(page, "catalogue")
