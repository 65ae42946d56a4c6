"""By touch: the rights finder's questions, the cards, one printed (bytes checked); "where to
go" open now for a controlled clock; a volunteer prints a referral."""

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from kiosk import clock
from tests.e2e.touch import desk_login
from tests.helpers import add_volunteer, settled

pytestmark = pytest.mark.e2e
QR_STORE = b"\x1d(k"  # GS ( k: the printer's own QR code command


def _printed(kiosk) -> bytes:
    return kiosk.app.extensions["printing"].dummy.output


def test_rights_flow_answer_by_taps_see_the_cards_and_print_one(start_kiosk, page, shot):
    kiosk = start_kiosk(print_worker=True, RECEIPT_PRINTER="dummy")
    page.goto(kiosk.url + "/")
    page.get_by_role("link", name="Mijn rechten").tap()
    expect(page.get_by_role("heading", name="Woon je alleen of met anderen?")).to_be_visible()
    shot(page, "rights-question")
    page.get_by_role("button", name="Met anderen").tap()
    expect(page.get_by_text("Vraag 2 van 6")).to_be_visible()
    page.get_by_role("button", name="Ja").tap()  # children
    page.get_by_role("button", name="Ja").tap()  # a benefit or leefloon
    page.get_by_role("button", name="Sla over").tap()  # 65 or older: skipped
    expect(page.get_by_text("Vraag 5 van 6")).to_be_visible()
    page.get_by_role("button", name="Nee").tap()  # no social home
    page.get_by_role("button", name="Nee").tap()  # no disability
    expect(page.get_by_role("heading", name="Dit kan voor jou zijn")).to_be_visible()
    expect(page.get_by_role("note")).to_contain_text("eerste aanwijzing, geen beslissing")
    expect(page.locator("[data-right=groeipakket-schooltoeslag]")).to_have_attribute(
        "data-fit", "yes")
    expect(page.locator("[data-right=zorgbudget]")).to_have_attribute("data-fit", "maybe")
    expect(page.locator("[data-right=tegemoetkoming-handicap]")).to_have_count(0)
    shot(page, "rights-results")
    page.locator("[data-right=groeipakket-schooltoeslag]").tap()
    expect(page.get_by_role("heading", name="Schooltoeslag van het Groeipakket")).to_be_visible()
    expect(page.get_by_role("note")).to_contain_text("eerste aanwijzing, geen beslissing")
    page.get_by_role("button", name="Afdrukken").tap()
    expect(page.locator("#slip-status")).to_have_attribute("data-status", "done", timeout=8000)
    shot(page, "rights-card-printed")
    printed = _printed(kiosk)
    text = printed.decode("cp858", errors="replace")
    assert "Mijn rechten: een eerste aanwijzing" in text
    assert "Schooltoeslag van het Groeipakket" in text and "Gentsesteenweg 1" in text
    assert QR_STORE in printed and b"groeipakket.be" in printed
    page.get_by_role("button", name="Terug naar de lijst").tap()
    # The list itself, not the card still on screen while the list is on its way (the card has
    # the same data-right): on a loaded machine the count below once ran before the swap.
    expect(page.locator("#rights[data-step=results] [data-right=groeipakket-schooltoeslag]")
           ).to_be_visible()
    settled(page)
    # Only counts were kept: one per card shown, nothing of the answers.
    assert kiosk.query("SELECT sum(shown) FROM rights_shown") == [
        (page.locator(".right-tile").count(),)]


def test_info_open_now_for_a_controlled_clock(kiosk, page, shot, monkeypatch):
    moment = {"now": datetime(2026, 12, 2, 8, 30, tzinfo=UTC)}  # Wednesday 09:30 in Brussels
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    page.goto(kiosk.url + "/")
    page.get_by_role("link", name="Waar kan ik terecht?").tap()
    tile = page.locator("[data-place=sociaal-huis]")
    expect(tile.locator("[data-open-now]")).to_have_text("Nu open, tot 12:00")
    expect(tile.locator("[data-open-now]")).to_have_attribute("data-open-now", "open")
    expect(page.locator("[data-place=buurtpunt-donck-vlotgras] [data-open-now]")).to_have_text(
        "Gesloten. Gaat open morgen om 09:00")
    shot(page, "info-open-now")
    moment["now"] = datetime(2026, 12, 2, 11, 0, tzinfo=UTC)  # 12:00: walk-in hours are over
    page.goto(kiosk.url + "/info?t=noon")  # another minute's page (the page is kept a minute)
    expect(page.locator("[data-place=sociaal-huis] [data-open-now]")).to_have_text(
        "Gesloten. Gaat open vrijdag om 09:00")
    page.locator("[data-place=sociaal-huis]").tap()
    expect(page.locator(".week li").first).to_have_text("ma, wo, vr 09:00-12:00")
    shot(page, "info-place")


def test_referral_a_volunteer_prints_a_referral_slip(start_kiosk, page, shot):
    kiosk = start_kiosk(print_worker=True, RECEIPT_PRINTER="dummy")
    add_volunteer(kiosk.app)
    desk_login(page, kiosk, menu="Doorverwijzen")
    page.get_by_label("Buurtzorg van de lokale dienstencentra").check()
    page.get_by_label("Gezondheid en zorg").check()
    page.get_by_label("Français").check()
    shot(page, "referral-form")
    page.get_by_role("button", name="Briefje afdrukken").tap()
    expect(page.locator("#slip-status")).to_have_attribute("data-status", "done", timeout=8000)
    expect(page.get_by_text("1 keer deze maand")).to_be_visible()
    shot(page, "referral-printed")
    text = _printed(kiosk).decode("cp858", errors="replace")
    assert "Doorverwijzing" in text and "052 37 85 46" in text
    assert kiosk.query("SELECT place, reason FROM referrals") == [("buurtzorg", "zorg")]
