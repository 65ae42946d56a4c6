"""Every form of the visitor's side filled by taps alone on the on-screen keys."""

import pytest
from playwright.sync_api import expect

from tests.e2e.touch import done, key, layout, on_screen, tap_keys, type_into
from tests.helpers import add_volunteer, pdf_bytes, settled, stock_and_open_till

pytestmark = pytest.mark.e2e
LETTERS = set("qwertyuiopasdfghjklzxcvbnm")


def _step(page, step):
    page.get_by_role("button", name="Verder").tap()
    expect(page.locator("#ideas")).to_have_attribute("data-step", step)
    settled(page)


def test_idea_text_place_and_contact_typed_on_screen(start_kiosk, page, shot):
    kiosk = start_kiosk()
    page.goto(kiosk.url + "/ideas")
    page.get_by_role("button", name="Een melding").tap()
    page.get_by_role("button", name="Verkeer en veiligheid").tap()
    expect(page.locator("#ideas")).to_have_attribute("data-step", "text")
    tap_keys(page, "Gat in de stoep!\nAan nr. 12")
    assert "{enter}" in layout(page) and "{done}" not in layout(page)
    expect(page.get_by_label("Schrijf je melding")).to_have_value("Gat in de stoep!\nAan nr. 12")
    _step(page, "place")
    assert "{enter}" not in layout(page)  # one line: no "new line" key
    tap_keys(page, "Kerkstraat 12")
    _step(page, "contact")
    tap_keys(page, "Ann Vos")
    page.get_by_label("Telefoon").tap()
    assert {"+", "{space}"} <= layout(page) and not layout(page) & LETTERS
    tap_keys(page, "+32 470 12 34 56")
    page.get_by_label("of e-mail").tap()
    assert {"@", "_", "-", ".", "1", "0"} <= layout(page) and "{space}" not in layout(page)
    tap_keys(page, "an_de-vos@buurt.be")
    page.locator(".consent").tap()
    shot(page, "touch-ideas-contact")
    for button in page.locator(".step-nav .button").all():
        on_screen(page, button)
    _step(page, "confirm")
    page.get_by_role("button", name="Versturen").tap()
    expect(page.locator("[data-idea-number]")).to_have_text("1")
    assert kiosk.query("SELECT kind, text, place, contact_name, contact_phone, contact_email "
                       "FROM ideas") == [
        ("melding", "Gat in de stoep!\nAan nr. 12", "Kerkstraat 12", "Ann Vos", "+32 470 12 34 56",
         "an_de-vos@buurt.be")]


def test_payment_other_amount_typed_on_the_number_pad(start_kiosk, page, shot):
    kiosk = start_kiosk()
    stock_and_open_till(kiosk.app)
    add_volunteer(kiosk.app)
    page.goto(kiosk.url + "/shop")
    page.get_by_role("button", name="Eén meer: PMD-zak").tap()
    page.get_by_role("button", name="Betalen").tap()
    page.get_by_role("link", name="Anna").tap()
    for digit in "2468":
        page.locator(f"[data-pin-key='{digit}']").tap()
    page.get_by_role("button", name="Aanmelden").tap()
    page.get_by_role("button", name="Cash").tap()
    type_into(page, page.get_by_label("Ander bedrag"), "5,50")
    assert "," in layout(page) and not layout(page) & LETTERS
    on_screen(page, page.get_by_role("button", name="OK"))
    shot(page, "touch-payment-other")
    page.get_by_role("button", name="OK").tap()
    expect(page.locator("[data-change]")).to_have_text("€ 5,25")
    page.get_by_role("button", name="Betaald: bevestig").tap()
    expect(page.locator("[data-receipt-number]")).to_have_text("BP1-000001")
    assert kiosk.query("SELECT total_cents, received_cents, change_cents FROM receipts") == [
        (25, 550, 525)]


def _upload(browser, url, tmp_path, pages):
    phone_context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                        has_touch=True, locale="nl-BE")
    phone = phone_context.new_page()
    try:
        phone.goto(url)
        document = tmp_path / "formulier.pdf"
        document.write_bytes(pdf_bytes(pages))
        phone.get_by_label("Bestand").set_input_files(document)  # the phone's own file picker
        phone.get_by_role("button", name="Versturen").tap()
        expect(phone.get_by_role("heading", name="Gelukt!")).to_be_visible()
    finally:
        phone_context.close()


def test_print_copies_and_pages_typed_on_the_number_pad(start_kiosk, browser, page, shot,
                                                        tmp_path):
    kiosk = start_kiosk(DOCUMENT_PRINTER=f"file:{tmp_path / 'printed'}/")
    kiosk.app.config["UPLOAD_BASE_URL"] = kiosk.url
    page.goto(kiosk.url + "/print")
    _upload(browser, page.locator("[data-upload-url]").inner_text(), tmp_path, 5)
    expect(page.locator("[data-pages]")).to_have_text("5", timeout=6000)
    type_into(page, page.get_by_label("Aantal exemplaren"), "2", clear=1)
    # Tapping the next field sends the first: the form comes back, the focus stays.
    for label, digit in (("van", "2"), ("tot en met", "3")):
        field = page.get_by_label(label, exact=True)
        type_into(page, field, digit, clear=1)
        expect(field).to_have_value(digit)
    expect(key(page, "{done}")).to_be_visible()
    shot(page, "touch-print-options")
    done(page)
    expect(page.locator("[data-print-pages]")).to_have_text("4")
    assert kiosk.query("SELECT copies, page_from, page_to FROM documents") == [(2, 2, 3)]
