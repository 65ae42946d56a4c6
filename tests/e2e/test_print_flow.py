"""Printing from your own phone, with two pages: the kiosk and a phone (mobile viewport)."""

import pytest
from playwright.sync_api import expect

from tests.helpers import pdf_bytes, settled

pytestmark = pytest.mark.e2e


def test_print_a_three_page_pdf_from_a_phone(start_kiosk, browser, page, shot, tmp_path):
    printed = tmp_path / "printed"
    kiosk = start_kiosk(print_worker=True, DOCUMENT_PRINTER=f"file:{printed}/")
    kiosk.app.config["UPLOAD_BASE_URL"] = kiosk.url  # the test's phone reaches it on loopback
    page.goto(kiosk.url + "/")
    page.get_by_role("link", name="Iets printen").tap()
    expect(page.get_by_role("heading", name="Iets printen van je gsm")).to_be_visible()
    expect(page.locator(".qr svg")).to_be_visible()
    shot(page, "print-qr")
    url = page.locator("[data-upload-url]").inner_text()

    phone_context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                        has_touch=True, locale="nl-BE")
    phone = phone_context.new_page()
    try:
        phone.goto(url)
        expect(phone.get_by_role("heading", name="Kies het bestand")).to_be_visible()
        document = tmp_path / "formulier.pdf"
        document.write_bytes(pdf_bytes(3))
        phone.get_by_label("Bestand").set_input_files(document)
        phone.get_by_role("button", name="Versturen").tap()
        expect(phone.get_by_role("heading", name="Gelukt!")).to_be_visible()
        phone.screenshot(path=tmp_path / "phone.png")
        shot(phone, "print-phone")
    finally:
        phone_context.close()

    expect(page.locator("[data-pages]")).to_have_text("3", timeout=6000)
    expect(page.get_by_text("formulier.pdf")).to_be_visible()
    expect(page.locator("[data-price]")).to_have_text("Gratis")
    expect(page.locator(".thumb img")).to_be_visible()
    shot(page, "print-ready")
    page.get_by_role("button", name="Afdrukken").tap()
    expect(page.get_by_role("heading", name="Klaar! Neem je afdruk uit de printer.")).to_be_visible(
        timeout=8000)
    expect(page.locator("[data-deleted]")).to_contain_text("Je bestand is gewist om")
    shot(page, "print-done")
    settled(page)
    page.get_by_role("button", name="Bewijs op papier").tap()
    expect(page.locator("#slip-status")).to_have_attribute("data-status", "done", timeout=8000)
    expect(page.get_by_role("button", name="Bewijs op papier")).to_have_count(0)
    shot(page, "print-proof")
    assert kiosk.query("SELECT kind, status FROM print_jobs") == [("proof", "done")]
    assert len(list(printed.glob("*.pdf"))) == 1
    assert list(kiosk.app.extensions["printing"].uploads.iterdir()) == []
    assert kiosk.query("SELECT pages, status, file_path, file_name FROM documents") == [
        (3, "done", None, None)]
