"""Every form of the desk filled by taps alone: on-screen keys, date picker, colour swatches."""

import uuid
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from kiosk import clock
from kiosk.db import connect
from kiosk.ideas import store as ideas
from sales import Payment, record_sale
from tests.e2e.touch import desk_login, done, layout, on_screen, pick_date, type_into
from tests.helpers import add_volunteer, stock_and_open_till

pytestmark = pytest.mark.e2e


def _count(page, denomination, digits):
    field = page.locator(f"[data-denomination='{denomination}'] input")
    before = page.locator("[data-counted]").get_attribute("data-counted")
    type_into(page, field, digits)
    expect(page.locator("[data-counted]")).not_to_have_attribute("data-counted", before)


def test_till_open_cash_out_and_close_typed_on_screen(start_kiosk, page, shot):
    kiosk = start_kiosk()
    add_volunteer(kiosk.app)
    desk_login(page, kiosk, "Kassa")
    _count(page, 2000, "2")
    assert layout(page) == {str(n) for n in range(10)} | {"{bksp}", "{done}"}
    _count(page, 50, "12")
    expect(page.locator("[data-counted]")).to_have_text("€ 46,00")
    on_screen(page, page.locator("[data-denomination='50'] input"))
    shot(page, "touch-till-open")
    done(page)
    page.get_by_role("button", name="Kassa openen").tap()
    expect(page.get_by_role("heading", name="De kassa is open")).to_be_visible()

    type_into(page, page.get_by_label("Bedrag in euro"), "5,50")
    assert "," in layout(page) and "q" not in layout(page)
    type_into(page, page.get_by_label("Waarom?"), "Koffie & koeken")
    assert "{enter}" not in layout(page)  # one line: no "new line" key
    on_screen(page, page.get_by_role("button", name="Geld eruit"))
    shot(page, "touch-cash-move")
    page.get_by_role("button", name="Geld eruit").tap()
    expect(page.get_by_text("€ 5,50 uit de kassa genomen.")).to_be_visible()
    assert kiosk.query("SELECT kind, amount_cents, reason FROM cash_moves") == [
        ("out", 550, "Koffie & koeken")]

    page.get_by_role("link", name="Kassa sluiten").tap()
    _count(page, 2000, "2")
    _count(page, 100, "1")
    for name, count in (("Restafvalzak 30 l", "100"), ("Restafvalzak 60 l", "0"), ("PMD-zak", "7")):
        type_into(page, page.get_by_label(f"Losse zakken {name}", exact=True), count)
    close = page.get_by_role("button", name="Geteld: kassa sluiten")
    close.scroll_into_view_if_needed()
    on_screen(page, close)
    close.tap()
    expect(page.locator(".report[data-kind=Z] [data-counted]")).to_have_text("€ 41,00")
    rows = kiosk.query("SELECT counted_cents, bag_counts FROM cash_closes")
    assert rows[0][0] == 4100 and '"PMD": 7' in rows[0][1]


def test_stock_intake_correction_and_void_typed_on_screen(start_kiosk, page, shot):
    kiosk = start_kiosk()
    add_volunteer(kiosk.app)
    stock_and_open_till(kiosk.app)
    db = connect(kiosk.app.config["DATABASE"])
    record_sale(db, {"PMD": 2}, Payment("cash", 100), "Anna", uuid.uuid4().hex, "BP1")
    db.close()
    desk_login(page, kiosk, "Voorraad")
    intake = page.locator("form").filter(has=page.get_by_role("heading", name="Levering"))
    intake.get_by_text("PMD-zak").tap()
    type_into(page, intake.get_by_label("Rollen"), "3")
    on_screen(page, intake.get_by_role("button", name="Levering bijtellen"))
    intake.get_by_role("button", name="Levering bijtellen").tap()
    expect(page.locator("[data-list=stock] [data-product=PMD]")).to_have_attribute(
        "data-pieces", "158")
    correct = page.locator("form").filter(
        has=page.get_by_role("heading", name="Voorraad aanpassen"))
    correct.get_by_text("Restafvalzak 60 l").tap()
    type_into(page, correct.get_by_label("Aantal zakken"), "2")
    type_into(page, correct.get_by_label("Waarom?"), "Zak gescheurd")
    shot(page, "touch-stock")
    correct.get_by_role("button", name="Eraf").tap()
    expect(page.locator("[data-list=stock] [data-product=REST60]")).to_have_attribute(
        "data-pieces", "98")
    assert kiosk.query("SELECT product, kind, pieces, rolls, reason FROM stock_moves "
                       "WHERE kind IN ('intake', 'correction') AND volunteer = 'Anna' "
                       "ORDER BY id DESC LIMIT 2") == [
        ("REST60", "correction", -2, None, "Zak gescheurd"), ("PMD", "intake", 60, 3, "levering")]

    page.get_by_role("link", name="Verkoop").tap()
    receipt = page.locator("[data-receipt='BP1-000001']")
    receipt.locator("summary").tap()
    type_into(page, receipt.get_by_label("Waarom annuleren?"), "Verkeerde zak")
    on_screen(page, receipt.get_by_role("button", name="Annuleer deze bon"))
    shot(page, "touch-void")
    receipt.get_by_role("button", name="Annuleer deze bon").tap()
    expect(page.get_by_role("status")).to_contain_text("geannuleerd met bon BP1-000002")
    assert kiosk.query("SELECT void_of, void_reason FROM receipts WHERE void_of IS NOT NULL") == [
        ("BP1-000001", "Verkeerde zak")]


def test_catalogue_price_with_its_date_and_a_colour_by_taps(start_kiosk, page, shot):
    kiosk = start_kiosk()
    add_volunteer(kiosk.app)
    desk_login(page, kiosk, "Prijzen")
    card = page.locator("#product-PMD")
    type_into(page, card.get_by_label("Naam"), "Blauwe zak", clear=len("PMD-zak"))
    type_into(page, card.get_by_label("Liter"), "80", clear=2)
    done(page)
    card.get_by_label("groen").tap()
    card.get_by_role("button", name="Bewaren").tap()
    expect(page.locator("#product-PMD").get_by_role("status")).to_contain_text("is bewaard")
    assert kiosk.query("SELECT name, volume_l, colour FROM products WHERE code = 'PMD'") == [
        ("Blauwe zak", 80, "#2e8b3a")]

    card = page.locator("#product-PMD")
    type_into(page, card.get_by_label("Nieuwe prijs in euro"), "0,35")
    done(page)
    start = (date.today().replace(day=1) + timedelta(days=45)).replace(day=1)
    starts = card.get_by_role("textbox", name="Vanaf", exact=True)
    pick_date(page, starts, start, shot)
    expect(starts).to_have_value(start.strftime("%d/%m/%Y"))
    shot(page, "touch-catalogue-price")
    card.get_by_role("button", name="Prijs toevoegen").tap()
    expect(page.locator("#product-PMD")).to_contain_text("komt nog")
    assert kiosk.query("SELECT price_cents FROM prices WHERE product = 'PMD' "
                       "AND effective_from = ?", [start.isoformat()]) == [(35,)]


def _ideas(kiosk):
    """An idea from ten days ago and one from today."""
    db = connect(kiosk.app.config["DATABASE"])
    draft = {"kind": "idee", "theme": "spelen", "text": "Een bank aan de speeltuin", "place": "",
             "name": "", "phone": "", "email": "", "consent": ""}
    old = ideas.record_idea(db, draft, "a" * 32)[0]["id"]
    ideas.record_idea(db, {**draft, "theme": "groen", "text": "Bomen planten"}, "b" * 32)
    db.execute("UPDATE ideas SET created_at = ? WHERE id = ?",
               [(clock.now() - timedelta(days=10)).isoformat(), old])
    db.close()


def test_ideas_desk_filters_status_wall_text_and_notes_by_taps(start_kiosk, page, shot):
    kiosk = start_kiosk()
    add_volunteer(kiosk.app)
    _ideas(kiosk)
    desk_login(page, kiosk, "Ideeën")
    rows = page.locator("#ideas-list [data-idea]")
    expect(rows).to_have_count(2)
    theme = page.get_by_label("Thema")
    theme.tap()  # the list opens with big choices to tap
    theme.get_by_role("option", name="Groen en natuur").tap()
    expect(rows).to_have_count(1)
    theme.tap()
    shot(page, "touch-ideas-desk-select")
    theme.get_by_role("option", name="Alle").tap()
    expect(rows).to_have_count(2)
    since = date.today() - timedelta(days=3)
    pick_date(page, page.get_by_role("textbox", name="Nieuw sinds"), since)
    expect(rows).to_have_count(1)
    shown = since.strftime("%d/%m/%Y")
    expect(page.get_by_role("textbox", name="Nieuw sinds")).to_have_value(shown)
    shot(page, "touch-ideas-desk-filters")

    rows.get_by_role("link").tap()
    page.locator("label.bag-option", has_text="Niet mogelijk").tap()
    type_into(page, page.get_by_label("Eén zin uitleg"), "Geen plaats")
    assert "{enter}" not in layout(page)
    page.get_by_role("button", name="Status bewaren").tap()
    expect(page.locator("[data-log-status=niet_mogelijk]")).to_contain_text("Geen plaats")

    page.get_by_label("Toon dit op de ideeënmuur").tap()
    type_into(page, page.get_by_label("Tekst op de muur"), "\nin het park")
    assert "{enter}" in layout(page)  # several lines: "new line" is there
    page.get_by_role("button", name="Muur bewaren").tap()
    expect(page.get_by_role("status")).to_contain_text("Op de ideeënmuur")
    type_into(page, page.get_by_label("Nieuwe notitie"), "Gebeld: 2 bomen\nVolgende week")
    on_screen(page, page.get_by_role("button", name="Notitie bewaren"))
    shot(page, "touch-ideas-desk-note")
    page.get_by_role("button", name="Notitie bewaren").tap()
    expect(page.locator(".idea-notes")).to_contain_text("Volgende week")
    assert kiosk.query("SELECT status, status_reason, public, public_text FROM ideas "
                       "WHERE theme = 'groen'") == [
        ("niet_mogelijk", "Geen plaats", 1, "Bomen planten\nin het park")]
    assert kiosk.query("SELECT text FROM idea_notes") == [("Gebeld: 2 bomen\nVolgende week",)]
