"""Read aloud and large text as a visitor uses them: tap the speaker, tap a choice, walk away."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def _said(response) -> tuple[str, str]:
    query = parse_qs(urlsplit(response.url).query)
    return query["lang"][0], query["text"][0]


def test_read_aloud_says_the_question_and_choices_then_each_tapped_choice(kiosk, page):
    page.goto(kiosk.url + "/lang/ar")
    page.goto(kiosk.url + "/checkin")
    with page.expect_response(lambda r: "/speak?" in r.url) as heard:
        page.locator("[data-speak-button]").tap()
    response = heard.value
    assert response.status == 200 and response.headers["content-type"] == "audio/wav"
    lang, text = _said(response)
    assert lang == "ar" and text.startswith("لماذا جئت اليوم؟") and "قهوة ودردشة" in text
    expect(page.locator("[data-speak-button]")).to_have_attribute("aria-pressed", "true")
    # Read aloud on: the choice says its label first, then is chosen.
    with page.expect_response(lambda r: "/speak?" in r.url) as heard:
        page.locator("label.choice").first.tap()
    assert _said(heard.value) == ("ar", "قهوة ودردشة")
    expect(page.locator("label.choice input").first).to_be_checked()


def test_read_aloud_a_language_without_a_voice_says_so(start_kiosk, page):
    kiosk = start_kiosk(SPEECH_VOICES={"fr": "no-such-voice"})
    page.goto(kiosk.url + "/lang/fr")
    page.locator("[data-speak-button]").tap()
    expect(page.locator("#speech-note")).to_be_visible()
    expect(page.locator("#speech-note")).not_to_be_empty()


def test_large_text_lasts_for_the_visit_and_the_idle_reset_ends_it(start_kiosk, page, shot):
    kiosk = start_kiosk(IDLE_SECONDS=4)
    page.goto(kiosk.url + "/")
    page.locator("[data-large-toggle]").tap()
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size >= 1.5 * 22
    page.locator("a.tile").first.tap()
    expect(page.locator("html")).to_have_class("large")
    expect(page.locator("[data-large-toggle]")).to_have_attribute("aria-pressed", "true")
    shot(page, "large-text-checkin")
    expect(page).to_have_url(kiosk.url + "/", timeout=8000)
    expect(page.locator("html")).not_to_have_class("large")
