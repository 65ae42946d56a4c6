"""Typing as on a touch screen: taps on the on-screen keys, never fill() or type()."""

from playwright.sync_api import expect

from tests.helpers import settled

KEYS = {" ": "{space}", "\n": "{enter}"}


def desk_login(page, kiosk, menu: str | None = None, name: str = "Anna", pin: str = "2468"):
    """Log in at the desk with taps on the PIN pad, then open a page of the desk's menu."""
    page.goto(kiosk.url + "/desk/login")
    page.get_by_role("link", name=name).tap()
    for digit in pin:
        page.locator(f"[data-pin-key='{digit}']").tap()
    page.get_by_role("button", name="Aanmelden").tap()
    expect(page.get_by_text(f"Aangemeld als {name}")).to_be_visible()
    if menu:
        page.get_by_role("link", name=menu, exact=True).tap()


def key(page, name: str):
    """The visible on-screen key with simple-keyboard's name ("a", "{space}", "{bksp}")."""
    return page.locator(f'.touch-keyboard .hg-button[data-skbtn="{name}"]:visible')


def tap_keys(page, text: str) -> None:
    """Tap each character's key; shift first when the key is only on the shifted layer."""
    for char in text:
        name = KEYS.get(char, char)
        if key(page, name).count() == 0:
            key(page, "{shift}").tap()
        key(page, name).tap()


def erase(page, times: int) -> None:
    """Tap the erase key."""
    for _ in range(times):
        key(page, "{bksp}").tap()


def type_into(page, field, text: str, clear: int = 0) -> None:
    """Tap the field (its keyboard opens), erase `clear` characters, tap the text's keys."""
    settled(page)  # a field htmx has just swapped in gets its keyboard once wired
    field.tap()
    # Tapping it may send the field left behind (hx-trigger="change"): its answer swaps the form
    # back in, so the keys wait for that answer (on a slow machine it came after the first key).
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    settled(page)
    expect(key(page, "{bksp}")).to_be_visible()
    erase(page, clear)
    tap_keys(page, text)


def done(page) -> None:
    """Tap "Klaar": the docked keyboard goes away."""
    key(page, "{done}").tap()
    expect(page.locator(".keyboard-dock")).to_be_hidden()


def layout(page) -> set[str]:
    """Every key the visible keyboard offers now."""
    names = page.locator(".touch-keyboard .hg-button:visible").evaluate_all(
        "keys => keys.map(k => k.dataset.skbtn)")
    return set(names)


def pick_date(page, field, day, shot=None) -> None:
    """Tap a date field, page to the day's month with the arrows, tap the day."""
    field.tap()
    dialog = page.locator("dialog.date-dialog")
    expect(dialog).to_be_visible()
    if shot:
        shot(page, "touch-date-picker")
    cell = dialog.locator(f'.air-datepicker-cell.-day-[data-iso-date="{day.isoformat()}"]'
                          ':not(.-other-month-)')
    for _ in range(24):
        if cell.count():
            break
        dialog.locator('[data-action="next"]').tap()
    cell.tap()
    expect(dialog).to_be_hidden()


def on_screen(page, locator) -> None:
    """The element is on the screen and not under the docked keyboard."""
    box = locator.bounding_box()
    assert box, locator
    bottom = page.viewport_size["height"]
    dock = page.locator(".keyboard-dock")
    in_dock = locator.evaluate("el => Boolean(el.closest('.keyboard-dock'))")
    if dock.count() and dock.is_visible() and not in_dock:
        bottom = dock.bounding_box()["y"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= bottom + 1, (locator, box, bottom)
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"], (locator, box)
