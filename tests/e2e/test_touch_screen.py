"""The on-screen keyboards on a small screen (800x480), and a physical keyboard beside them."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.touch import desk_login, key, on_screen, type_into
from tests.helpers import add_volunteer

pytestmark = pytest.mark.e2e


def test_touch_keyboard_and_calendar_fit_a_small_screen(start_kiosk, page, shot):
    page.set_viewport_size({"width": 800, "height": 480})
    kiosk = start_kiosk()
    add_volunteer(kiosk.app)
    desk_login(page, kiosk, "Kassa")
    type_into(page, page.locator("[data-denomination='2000'] input"), "1")
    on_screen(page, page.locator("[data-denomination='2000'] input"))
    on_screen(page, page.get_by_role("button", name="Kassa openen"))
    page.get_by_role("button", name="Kassa openen").tap()
    type_into(page, page.get_by_label("Waarom?"), "Wissel")
    on_screen(page, page.get_by_label("Waarom?"))
    for name in ("{bksp}", "{done}", "q", "é"):
        on_screen(page, key(page, name))
    shot(page, "touch-small-keyboard")
    page.get_by_role("link", name="Prijzen", exact=True).tap()
    page.locator("#product-PMD").get_by_role("textbox", name="Vanaf", exact=True).tap()
    dialog = page.locator("dialog.date-dialog")
    for part in (".air-datepicker-cell.-day-", "[data-action=next]", "button"):
        on_screen(page, dialog.locator(part).last)
    shot(page, "touch-small-calendar")


def test_touch_fields_take_a_physical_keyboard_too(start_kiosk, page):
    kiosk = start_kiosk()
    add_volunteer(kiosk.app)
    desk_login(page, kiosk, "Prijzen")
    card = page.locator("#product-PMD")
    card.get_by_label("Nieuwe prijs in euro").tap()
    page.keyboard.type("0,40")  # a volunteer who brought a keyboard
    day = date.today() + timedelta(days=40)
    starts = card.get_by_role("textbox", name="Vanaf", exact=True)
    starts.focus()
    page.keyboard.type(day.strftime("%d/%m/%Y"))
    page.keyboard.press("Enter")
    expect(page.locator("#product-PMD")).to_contain_text("komt nog")
    assert kiosk.query("SELECT price_cents FROM prices WHERE effective_from = ?",
                       [day.isoformat()]) == [(40,)]
