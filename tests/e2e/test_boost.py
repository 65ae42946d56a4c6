"""Boosted taps: a visitor's link or plain form swaps the body, and the screen is as after a load.

Each test marks the document before its taps; the mark still being there proves the taps
swapped the body instead of loading a new page (what static/js/boost.js has to make up for).
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.touch import key
from tests.helpers import settled

pytestmark = pytest.mark.e2e
REM = """element => parseFloat(getComputedStyle(element).fontSize)
    / parseFloat(getComputedStyle(document.documentElement).fontSize)"""


def _mark(page) -> None:
    page.wait_for_load_state()
    page.evaluate("() => { window.sameDocument = true; }")


def _same_document(page) -> bool:
    return page.evaluate("() => window.sameDocument === true")


def test_boost_language_switch_sets_lang_dir_title_and_keyboard_words(kiosk, page):
    page.goto(kiosk.url + "/")
    _mark(page)
    page.locator(".languages a[lang=ar]").tap()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.locator(".languages a[lang=en]").tap()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Welcome! What would you like to do?")).to_be_visible()
    # A page with its own scripts and sheets, reached by taps: its keyboard is there, in English.
    page.locator('.tiles a[href="/ideas"]').tap()
    expect(page).to_have_title("Idea or report · Buurtpunt Dendermonde")
    expect(page).to_have_url(kiosk.url + "/")  # history off: the address stays where it was loaded
    page.locator("#ideas button[name=kind][value=idee]").tap()
    page.locator("#ideas button[name=theme][value=spelen]").tap()
    expect(key(page, "{space}")).to_have_text("space")
    expect(page.locator("body")).to_have_class("visitor ideas-page")
    assert page.locator("#ideas form.idea-step").evaluate(
        "form => getComputedStyle(form).display") == "grid"  # ideas.css, from the head, applies
    assert _same_document(page)


def test_boost_a_page_script_runs_and_types_after_the_swap(kiosk, page):
    page.goto(kiosk.url + "/")
    _mark(page)
    page.locator('.tiles a[href="/ideas"]').tap()
    page.locator("#ideas button[name=kind][value=idee]").tap()
    page.locator("#ideas button[name=theme][value=spelen]").tap()
    settled(page)
    for name in ("h", "o", "i"):
        key(page, name).tap()
    expect(page.locator("#ideas textarea")).to_have_value("hoi")
    # Home again by the top bar, then back: the keyboard is drawn again, once.
    page.locator(".topbar a.brand").tap()
    expect(page.locator("main .tiles")).to_be_visible()
    page.locator('.tiles a[href="/ideas"]').tap()
    page.locator("#ideas button[name=kind][value=melding]").tap()
    page.locator("#ideas button[name=theme][value=groen]").tap()
    expect(page.locator(".touch-keyboard")).to_have_count(1)
    expect(key(page, "{space}")).to_have_text("spatie")
    assert _same_document(page)


def test_boost_idle_reset_after_a_boosted_tap_returns_home_and_forgets(start_kiosk, page):
    kiosk = start_kiosk(IDLE_SECONDS=4)
    page.goto(kiosk.url + "/")
    _mark(page)
    page.locator('.tiles a[href="/checkin"]').tap()
    page.locator("#checkin label.choice").first.tap()
    assert _same_document(page)
    assert page.locator("body").get_attribute("data-idle-url") == "/reset"
    expect(page.locator("main .tiles")).to_be_visible(timeout=8000)
    expect(page.locator("#checkin")).to_have_count(0)
    assert not _same_document(page)  # the reset loads the page afresh, forgetting everything


def test_boost_large_text_and_read_aloud_buttons_work_after_a_swap(kiosk, page):
    page.goto(kiosk.url + "/")
    _mark(page)
    page.locator("[data-large-toggle]").tap()
    expect(page.locator("html")).to_have_class("large")
    page.locator('.tiles a[href="/checkin"]').tap()
    expect(page.locator("[data-large-toggle]")).to_have_attribute("aria-pressed", "true")
    page.locator("[data-large-toggle]").tap()
    expect(page.locator("html")).not_to_have_class("large")
    with page.expect_response(lambda r: "/speak?" in r.url):
        page.locator("[data-speak-button]").tap()
    expect(page.locator("[data-speak-button]")).to_have_attribute("aria-pressed", "true")
    assert _same_document(page)


def test_boost_error_page_shows_after_a_boosted_tap(kiosk, page):
    page.goto(kiosk.url + "/shop")
    _mark(page)
    # The page has expired: its form's token no longer holds.
    page.evaluate("() => { document.querySelector('#footer input[name=csrf_token]').value = 'x'; }")
    page.locator("#footer button.back").tap()
    expect(page.get_by_role("heading", name="Deze pagina was verlopen. Probeer het nog eens.")
           ).to_be_visible()
    expect(page.locator("#flash")).to_be_hidden()
    page.get_by_role("link", name="Naar start", exact=True).tap()
    expect(page.locator("main .tiles")).to_be_visible()
    assert _same_document(page)


def test_boost_desk_pages_load_whole(kiosk, page):
    page.goto(kiosk.url + "/")
    _mark(page)
    page.locator("a.desk-entrance").tap()
    expect(page.locator("body")).to_have_attribute("hx-boost", "false")
    expect(page.locator("body")).to_have_class("desk")


def test_boost_a_later_sheet_does_not_hold_the_screen_but_holds_the_keyboard(kiosk, page):
    """The print screen shows before the keyboard's sheet is in; its script waits for the sheet."""
    held = []

    def slow_sheet(route):
        held.append(route)  # answered only when the test says so

    page.route("**/css/keyboard.css*", slow_sheet)
    page.goto(kiosk.url + "/")
    _mark(page)
    page.locator('.tiles a[href="/print"]').tap()
    expect(page.locator("#print .qr svg")).to_be_visible()  # shown with keyboard.css still out
    page.wait_for_timeout(300)
    assert held and page.evaluate("() => typeof window.SimpleKeyboard") == "undefined"
    for route in held:
        route.continue_()
    page.wait_for_function("() => typeof window.SimpleKeyboard !== 'undefined'")
    assert page.evaluate("""() => [...document.querySelectorAll('link[rel=stylesheet]')]
        .some(l => l.href.includes('css/keyboard.css') && l.sheet && !l.disabled)""")
    assert _same_document(page)


def test_boost_a_tile_turns_on_its_screens_sheet_without_loading_it(kiosk, page):
    """The home screen has the ideas sheet loaded but off: a tap turns it on (no request, no
    hidden screen), and back home it is off again: it restyles no other screen."""
    page.goto(kiosk.url + "/")
    page.wait_for_function("""() => [...document.querySelectorAll('link[data-boost-spare]')]
        .some(l => l.href.includes('css/ideas.css') && l.sheet)""")
    _mark(page)
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.locator('.tiles a[href="/ideas"]').tap()
    expect(page.locator("#ideas[data-step=kind]")).to_be_visible()
    # ideas.css is on: the title has its size (1.5rem), not kiosk.css's h1 (1.9rem).
    assert page.locator("#ideas h1").evaluate(REM) == 1.5
    assert not [url for url in asked if "css/ideas.css" in url]
    assert page.evaluate("""() => [...document.querySelectorAll('link[rel=stylesheet]')]
        .filter(l => l.href.includes('css/ideas.css')).map(l => [l.media, l.disabled])
        """) == [["", False]]
    page.locator(".topbar a.brand").tap()
    expect(page.locator("main .tiles")).to_be_visible()
    assert page.evaluate("""() => [...document.querySelectorAll('link[rel=stylesheet]')]
        .filter(l => l.href.includes('css/ideas.css')).map(l => l.disabled)""") == [True]
    assert _same_document(page)


def test_boost_a_spare_sheet_not_in_yet_holds_the_screen_until_it_is(kiosk, page):
    """A tap before the home screen's spare sheet is in: the screen waits for it, then shows
    styled (never unstyled)."""
    held = []
    page.route("**/css/help.css*", lambda route: held.append(route))
    page.goto(kiosk.url + "/", wait_until="domcontentloaded")  # the held sheet holds "load"
    page.wait_for_function("() => window.htmx && document.body.hasAttribute('hx-boost')")
    page.evaluate("() => { window.sameDocument = true; }")
    page.locator('.tiles a[href="/help"]').tap()
    page.wait_for_function("() => document.documentElement.hasAttribute('data-boost-loading')")
    expect(page.locator("#help .topics")).to_be_hidden()
    for route in held:
        route.continue_()
    expect(page.locator("#help .topics")).to_be_visible()
    assert page.evaluate("""() => [...document.querySelectorAll('link[rel=stylesheet]')]
        .some(l => l.href.includes('css/help.css') && l.sheet && !l.disabled && !l.media)""")
    assert _same_document(page)


def test_boost_home_reached_by_a_tap_gets_its_spare_sheets(kiosk, page):
    """A visit that began on another screen: the home screen it taps to brings its spares."""
    page.goto(kiosk.url + "/shop")
    _mark(page)
    page.locator("#footer button.back").tap()
    expect(page.locator("main .tiles")).to_be_visible()
    page.wait_for_function("""() => [...document.querySelectorAll('link[data-boost-spare]')]
        .some(l => l.href.includes('css/ideas.css') && l.sheet && l.media === 'not all')""")
    # Off: the home screen's title keeps its own size, not the ideas sheet's 1.5rem.
    assert page.locator("main h1").evaluate(REM) != 1.5
    assert _same_document(page)
