"""The on-screen keyboards on a small screen (800x480), and a physical keyboard beside them."""


import pytest

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
