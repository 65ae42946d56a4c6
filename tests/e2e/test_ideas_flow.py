"""A neighbour types an idea on the on-screen keyboard; the desk puts it on the wall; "ik ook"."""

import pytest
from playwright.sync_api import expect

from tests.e2e.touch import type_into
from tests.helpers import add_volunteer

pytestmark = pytest.mark.e2e


def _tap_keys(page, keys):
    for key in keys:
        page.locator(f".ideas-keyboard [data-skbtn=\"{key}\"]").tap()


def _fits_the_screen(page):
    """Nothing that matters hangs below the 1280x800 screen or needs a sideways scroll."""
    for locator in page.locator(".step-nav .button, .ideas-keyboard").all():
        box = locator.bounding_box()
        assert box and box["y"] + box["height"] <= 800, locator
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_ideas_flow_typed_on_screen_printed_made_public_and_joined(start_kiosk, page, shot):
    kiosk = start_kiosk(print_worker=True, RECEIPT_PRINTER="dummy")
    add_volunteer(kiosk.app)
    page.goto(kiosk.url + "/")
    page.get_by_role("link", name="Idee of melding").tap()
    expect(page.locator("#ideas")).to_have_attribute("data-step", "kind")
    shot(page, "ideas-kind")
    page.get_by_role("button", name="Een idee").tap()
    expect(page.locator("#ideas")).to_have_attribute("data-step", "theme")
    shot(page, "ideas-theme")
    page.get_by_role("button", name="Spelen").tap()
    expect(page.locator("#ideas")).to_have_attribute("data-step", "text")
    expect(page.locator(".ideas-keyboard .hg-button").first).to_be_visible()

    text = page.get_by_label("Schrijf je idee")
    _tap_keys(page, ["{shift}", "E", "e", "n", "{space}", "r", "u", "i", "l", "k", "a", "s", "t",
                     "{space}", "c", "a", "f", "é"])
    expect(text).to_have_value("Een ruilkast café")
    expect(page.locator("[data-count-for=idea-text]")).to_have_text("17")
    _fits_the_screen(page)
    shot(page, "ideas-text")
    page.get_by_role("button", name="Verder").tap()

    expect(page.locator("#ideas")).to_have_attribute("data-step", "place")
    _tap_keys(page, ["{shift}", "K", "e", "r", "k", "s", "t", "r", "a", "a", "t"])
    expect(page.get_by_label("Waar is het?")).to_have_value("Kerkstraat")
    page.get_by_role("button", name="Verder").tap()

    expect(page.locator("#ideas")).to_have_attribute("data-step", "contact")
    page.get_by_label("Telefoon").tap()
    _tap_keys(page, ["0", "4", "7", "0", "{space}", "1", "2", "3", "4", "5", "6"])
    page.get_by_role("button", name="Verder").tap()
    # Without consent nothing goes on, and nothing typed is lost.
    expect(page.get_by_role("alert")).to_contain_text("Vink het vakje aan")
    expect(page.get_by_label("Telefoon")).to_have_value("0470 123456")
    _fits_the_screen(page)
    shot(page, "ideas-contact-error")
    page.locator(".consent").tap()
    page.get_by_role("button", name="Verder").tap()

    expect(page.locator("#ideas")).to_have_attribute("data-step", "confirm")
    expect(page.locator("[data-confirm-text]")).to_have_text("Een ruilkast café")
    shot(page, "ideas-confirm")
    page.get_by_role("button", name="Versturen").tap()
    expect(page.locator("[data-idea-number]")).to_have_text("1")
    expect(page.locator("#slip-status")).to_have_attribute("data-status", "done", timeout=8000)
    shot(page, "ideas-thanks")
    printed = kiosk.app.extensions["printing"].dummy.output.decode("cp858", errors="replace")
    assert "Je nummer" in printed and "Bedankt voor je idee" in printed
    assert kiosk.query("SELECT text, place, contact_phone, status FROM ideas") == [
        ("Een ruilkast café", "Kerkstraat", "0470 123456", "nieuw")]

    page.goto(kiosk.url + "/desk/login")
    page.get_by_role("link", name="Anna").tap()
    for digit in "2468":
        page.locator(f"[data-pin-key='{digit}']").tap()
    page.get_by_role("button", name="Aanmelden").tap()
    page.get_by_role("link", name="Ideeën").tap()
    expect(page.locator("[data-idea='1']")).to_be_visible()
    page.wait_for_load_state()
    shot(page, "ideas-desk-list")
    page.locator("[data-idea='1']").get_by_role("link").tap()
    expect(page.locator("[data-contact]")).to_contain_text("0470 123456")
    shot(page, "ideas-desk-detail-top")
    page.get_by_label("We bekijken het").check()
    page.get_by_role("button", name="Status bewaren").tap()
    expect(page.get_by_role("status")).to_contain_text("De status is bewaard")
    expect(page.locator("[data-log-status=bekijken]")).to_contain_text("Anna")
    page.get_by_label("Toon dit op de ideeënmuur").check()
    wall_text = page.get_by_label("Tekst op de muur")
    expect(wall_text).to_have_value("Een ruilkast café")  # the idea's words to start from
    type_into(page, wall_text, "Een ruilkast aan het speelplein", clear=23)
    page.get_by_role("button", name="Muur bewaren").tap()
    expect(page.get_by_role("status")).to_contain_text("Op de ideeënmuur")
    shot(page, "ideas-desk-detail")

    page.goto(kiosk.url + "/ideas/wall")
    card = page.locator("[data-idea='1']")
    expect(card).to_contain_text("Een ruilkast aan het speelplein")
    expect(card).to_contain_text("We bekijken het")
    expect(card).not_to_contain_text("café")
    card.get_by_role("button", name="Ik ook").tap()
    expect(card.locator("[data-votes]")).to_have_attribute("data-votes", "1")
    expect(card.get_by_role("button", name="Jij ook")).to_be_disabled()
    shot(page, "ideas-wall")
    assert kiosk.query("SELECT count(*) FROM idea_votes") == [(1,)]
