"""A visitor buys waste bags; a volunteer takes the cash at the desk; the receipt prints."""

import pytest
from playwright.sync_api import expect

import sales
from kiosk.db import connect
from tests.e2e.touch import type_into
from tests.helpers import add_volunteer, settled, stock_and_open_till

pytestmark = pytest.mark.e2e


def _tap_pin(page, pin="2468"):
    for digit in pin:
        page.locator(f"[data-pin-key='{digit}']").tap()


def _printed(folder) -> str:
    return "".join(path.read_bytes().decode("cp858") for path in sorted(folder.iterdir()))


def _buy_two_and_one(page, kiosk, shot):
    page.goto(kiosk.url + "/")
    page.get_by_role("link", name="Vuilniszakken").tap()
    expect(page.get_by_role("heading", name="Vuilniszakken kopen")).to_be_visible()
    plus_30 = page.get_by_role("button", name="Eén meer: Restafvalzak 30 l")
    plus_30.tap()
    expect(page.locator("[data-code=REST30]")).to_have_attribute("data-qty", "1")
    plus_30.tap()
    page.get_by_role("button", name="Eén meer: PMD-zak").tap()
    expect(page.locator("[data-total]")).to_have_text("€ 3,15")
    shot(page, "shop-basket")
    page.get_by_role("button", name="Betalen").tap()
    expect(page.get_by_role("heading", name="Betalen aan de balie")).to_be_visible()
    page.get_by_role("link", name="Anna").tap()
    _tap_pin(page)
    page.get_by_role("button", name="Aanmelden").tap()
    expect(page.get_by_role("heading", name="Hoe wordt er betaald?")).to_be_visible()


def test_shop_cash_sale_with_change_prints_the_receipt(start_kiosk, page, shot, tmp_path):
    folder = tmp_path / "receipts"
    kiosk = start_kiosk(RECEIPT_PRINTER=f"file:{folder}/", print_worker=True)
    stock_and_open_till(kiosk.app)
    add_volunteer(kiosk.app)
    _buy_two_and_one(page, kiosk, shot)
    shot(page, "shop-method")
    page.get_by_role("button", name="Cash").tap()
    expect(page.locator("[data-due]")).to_have_text("€ 3,15")
    page.get_by_role("button", name="€ 10,00").tap()
    expect(page.locator("[data-change]")).to_have_text("€ 6,85")
    shot(page, "shop-change")
    page.get_by_role("button", name="Betaald: bevestig").tap()
    expect(page.locator("[data-receipt-number]")).to_have_text("BP1-000001")
    expect(page.locator("#slip-status")).to_have_attribute("data-status", "done", timeout=8000)
    shot(page, "shop-thanks")
    printed = _printed(folder)
    for expected in ("BP1-000001", "Restafvalzak 30 l", "2 x € 1,45", "PMD-zak", "1 x € 0,25",
                     "€ 3,15", "Ontvangen", "€ 10,00", "€ 6,85", "Geholpen door"):
        assert expected in printed, expected
    assert kiosk.query("SELECT number, total_cents, change_cents FROM receipts") == [
        ("BP1-000001", 315, 685)]


def test_shop_qr_sale_void_and_a_cash_close_that_matches(start_kiosk, page, shot, tmp_path):
    folder = tmp_path / "receipts"
    kiosk = start_kiosk(RECEIPT_PRINTER=f"file:{folder}/", print_worker=True)
    stock_and_open_till(kiosk.app)
    add_volunteer(kiosk.app)
    _buy_two_and_one(page, kiosk, shot)
    page.get_by_role("button", name="Bancontact (QR)").tap()
    expect(page.locator("[data-qr-amount]")).to_have_text("€ 3,15")
    page.get_by_role("button", name="Betaald: bevestig").tap()
    expect(page.locator("[data-receipt-number]")).to_have_text("BP1-000001")

    page.goto(kiosk.url + "/desk/login")
    page.get_by_role("link", name="Anna").tap()
    _tap_pin(page)
    page.get_by_role("button", name="Aanmelden").tap()
    page.get_by_role("link", name="Verkoop").tap()
    expect(page.locator("[data-sales-total]")).to_have_text("€ 3,15")
    receipt = page.locator("[data-receipt='BP1-000001']")
    receipt.locator("summary").tap()
    expect(receipt.locator(".slip-preview")).to_contain_text("2 x € 1,45")
    type_into(page, receipt.get_by_label("Waarom annuleren?"), "Verkeerde zakken genomen")
    receipt.get_by_role("button", name="Annuleer deze bon").tap()
    expect(page.get_by_role("status")).to_contain_text("geannuleerd met bon BP1-000002")
    expect(page.locator("[data-sales-total]")).to_have_text("€ 0,00")
    shot(page, "desk-sales-void")
    expect(page.locator("[data-receipt='BP1-000002']")).to_contain_text("annulering van BP1-000001")
    assert kiosk.query("SELECT pieces FROM stock_balance ORDER BY product") == [
        (100,), (100,), (100,)]

    # The till closes blind on what is there: the float, no cash sales, every bag back.
    page.get_by_role("link", name="Kassa", exact=True).tap()
    page.get_by_role("link", name="Kassa sluiten").tap()
    expect(page.get_by_role("heading", name="1. Tel het geld in de lade")).to_be_visible()
    settled(page)  # the counter reacts to typing only once htmx has wired it
    type_into(page, page.get_by_label("Aantal van € 50,00"), "1")
    expect(page.locator("[data-counted]")).to_have_attribute("data-counted", "5000")
    for name in ("Restafvalzak 30 l", "Restafvalzak 60 l", "PMD-zak"):
        type_into(page, page.get_by_label(f"Losse zakken {name}", exact=True), "100")
    page.get_by_role("button", name="Geteld: kassa sluiten").tap()
    report = page.locator(".report[data-kind=Z]")
    expect(report.locator("[data-expected]")).to_have_text("€ 50,00")
    expect(report.locator("[data-difference]")).to_have_text("€ 0,00")
    expect(report.locator("[data-list=qr]")).to_contain_text("BP1-000001")
    expect(report.locator("[data-list=qr]")).to_contain_text("BP1-000002")
    assert kiosk.query("SELECT expected_cents, counted_cents, difference_cents FROM cash_closes"
                       ) == [(5000, 5000, 0)]


def test_shop_stock_gone_while_choosing_says_so_and_the_next_tap_clears_it(start_kiosk, page):
    """A + swaps only its card; when the stock went meanwhile the whole basket shows why."""
    kiosk = start_kiosk()
    stock_and_open_till(kiosk.app)
    page.goto(kiosk.url + "/shop")
    plus_60 = page.get_by_role("button", name="Eén meer: Restafvalzak 60 l")
    plus_60.tap()
    expect(page.locator("[data-code=REST60]")).to_have_attribute("data-qty", "1")
    db = connect(kiosk.app.config["DATABASE"])
    try:  # another visitor bought all but one meanwhile
        sales.correct_stock(db, "REST60", -99, reason="telling", volunteer="Anna")
    finally:
        db.close()
    plus_60.tap()
    expect(page.get_by_role("alert")).to_contain_text("Er zijn nog maar 1 van")
    expect(page.locator("[data-code=REST60]")).to_have_attribute("data-qty", "1")
    expect(page.locator("[data-total]")).to_have_text("€ 2,90")
    page.get_by_role("button", name="Eén meer: PMD-zak").tap()
    expect(page.locator("[data-total]")).to_have_text("€ 3,15")
    expect(page.get_by_role("alert")).to_have_count(0)
    assert page.locator(".offer").count() == 3


def test_shop_double_tap_on_plus_while_the_first_is_on_its_way_adds_one_bag(start_kiosk, page):
    """The second tap of a double tap, while the first is still on its way, sends nothing."""
    kiosk = start_kiosk()
    stock_and_open_till(kiosk.app)
    page.goto(kiosk.url + "/shop")
    held = []
    page.route("**/shop/basket", lambda route: held.append(route))
    plus_30 = page.get_by_role("button", name="Eén meer: Restafvalzak 30 l")
    plus_30.tap()
    page.wait_for_function("() => document.querySelector('.stepper.htmx-request')")
    plus_30.tap()
    page.wait_for_timeout(300)
    assert len(held) == 1  # the second tap was dropped, not queued
    held[0].continue_()
    expect(page.locator("[data-code=REST30]")).to_have_attribute("data-qty", "1")
    page.wait_for_timeout(300)
    assert len(held) == 1  # nor sent once the first was answered
    expect(page.locator("[data-total]")).to_have_text("€ 1,45")


def test_shop_pay_with_nothing_chosen_says_to_choose_and_a_plus_clears_it(start_kiosk, page, shot):
    """Betalen is never greyed out: with an empty basket a tap says why nothing happens."""
    kiosk = start_kiosk()
    stock_and_open_till(kiosk.app)
    page.goto(kiosk.url + "/shop")
    pay = page.get_by_role("button", name="Betalen")
    expect(pay).to_be_enabled()
    pay.tap()
    expect(page.get_by_role("alert")).to_have_text("Kies eerst minstens één zak.")
    expect(page.get_by_role("heading", name="Vuilniszakken kopen")).to_be_visible()
    shot(page, "shop-pay-empty")
    page.get_by_role("button", name="Eén meer: PMD-zak").tap()
    expect(page.locator("[data-code=PMD]")).to_have_attribute("data-qty", "1")
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.locator("[data-total]")).to_have_text("€ 0,25")
    # The card looks chosen (its border) while its number is not 0, not before nor after.
    chosen = "el => getComputedStyle(el.closest('.offer')).boxShadow"
    assert page.locator("[data-code=PMD]").evaluate(chosen) != "none"
    assert page.locator("[data-code=REST30]").evaluate(chosen) == "none"
    page.get_by_role("button", name="Eén minder: PMD-zak").tap()
    expect(page.locator("[data-code=PMD]")).to_have_attribute("data-qty", "0")
    assert page.locator("[data-code=PMD]").evaluate(chosen) == "none"
    assert kiosk.query("SELECT count(*) FROM receipts") == [(0,)]
