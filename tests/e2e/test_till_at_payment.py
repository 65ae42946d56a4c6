"""The till is closed when the first visitor pays: the volunteer opens it on the payment screen."""

import pytest
from playwright.sync_api import expect

import sales
from kiosk.db import connect
from tests.helpers import add_volunteer

pytestmark = pytest.mark.e2e


def _stock_only(app):
    db = connect(app.config["DATABASE"])
    try:
        for product in sales.list_products(db):
            sales.record_intake(db, product.code, volunteer="Anna", pieces=20)
    finally:
        db.close()


def test_payment_opens_a_closed_till_and_sells_the_same_basket(start_kiosk, page, shot):
    kiosk = start_kiosk(RECEIPT_PRINTER="dummy")
    _stock_only(kiosk.app)
    add_volunteer(kiosk.app)
    page.goto(kiosk.url + "/")
    page.get_by_role("link", name="Vuilniszakken").tap()
    page.get_by_role("button", name="Eén meer: Restafvalzak 60 l").tap()
    expect(page.locator("[data-total]")).to_have_text("€ 2,90")
    page.get_by_role("button", name="Betalen").tap()
    expect(page.locator("[data-till-closed]")).to_be_visible()
    page.get_by_role("link", name="Anna").tap()
    for digit in "2468":
        page.locator(f"[data-pin-key='{digit}']").tap()
    page.get_by_role("button", name="Aanmelden").tap()
    expect(page.get_by_role("heading", name="De kassa is nog niet open")).to_be_visible()
    expect(page.locator("[data-change], [data-qr-amount]")).to_have_count(0)
    for _ in range(3):
        page.get_by_role("button", name="Eén meer € 10,00").tap()
        expect(page.locator("#counter button[disabled]")).to_have_count(0)
    expect(page.locator("[data-counted]")).to_have_attribute("data-counted", "3000")
    shot(page, "payment-till-closed")
    page.get_by_role("button", name="Kassa openen").tap()
    expect(page.get_by_role("heading", name="Hoe wordt er betaald?")).to_be_visible()
    expect(page.locator(".summary")).to_contain_text("1 x Restafvalzak 60 l")
    page.get_by_role("button", name="Cash").tap()
    page.get_by_role("button", name="Gepast").tap()
    page.get_by_role("button", name="Betaald: bevestig").tap()
    expect(page.locator("[data-receipt-number]")).to_have_text("BP1-000001")
    assert kiosk.query("SELECT float_cents, opened_by FROM cash_sessions") == [(3000, "Anna")]
    assert kiosk.query("SELECT total_cents, payment_method FROM receipts") == [(290, "cash")]
