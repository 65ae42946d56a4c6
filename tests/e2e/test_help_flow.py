"""A visitor takes a number, the desk calls it, the home screen and the visitor's phone follow.

Four screens at once: the kiosk (visitor, then the desk), a second kiosk page on the home
screen, and a 390x844 phone that opened the slip's QR code. Taps only.
"""

import re
import statistics
import time
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kiosk import clock
from tests.e2e.touch import desk_login
from tests.helpers import add_volunteer

pytestmark = pytest.mark.e2e
LATENCY = Path(__file__).parents[2] / "test-output" / "help-call-to-home.txt"


def _take(page, kiosk, topic, shot=None):
    page.goto(kiosk.url + "/")
    page.get_by_role("link", name="Ik heb een vraag").tap()
    expect(page.get_by_role("heading", name="Waarover gaat je vraag?")).to_be_visible()
    if shot:
        shot(page, "help-topics")
    page.get_by_role("button", name=topic).tap()
    expect(page.locator("[data-ticket-number]")).to_be_visible()


def _shown_within(home, tap, check) -> float:
    """Seconds from a tap at the desk until the home screen shows it (the tap's answer included)."""
    began = time.monotonic()
    tap()
    check()
    return time.monotonic() - began


def test_help_take_call_follow_on_phone_and_finish(start_kiosk, browser, page, shot):
    kiosk = start_kiosk(print_worker=True, RECEIPT_PRINTER="dummy")
    kiosk.app.config["UPLOAD_BASE_URL"] = kiosk.url  # the test's phone reaches it on loopback
    add_volunteer(kiosk.app)
    home_context = browser.new_context(viewport={"width": 1280, "height": 800}, has_touch=True,
                                       locale="nl-BE", timezone_id="Europe/Brussels")
    home = home_context.new_page()
    home.goto(kiosk.url + "/")
    expect(home.locator(".tiles")).to_be_visible()
    expect(home.locator("#now-serving")).to_be_hidden()

    _take(page, kiosk, "Iets anders", shot)
    expect(page.locator("[data-ticket-number]")).to_have_text("1")
    _take(page, kiosk, "Digitale vraag")
    expect(page.locator("[data-ticket-number]")).to_have_text("2")
    expect(page.locator("[data-before]")).to_have_text("Er is 1 persoon voor jou.")
    expect(page.locator("#slip-status")).to_have_attribute("data-status", "done", timeout=8000)
    shot(page, "help-ticket")
    printed = kiosk.app.extensions["printing"].dummy.output
    assert printed.count(b"\x1dv0") == 2  # each number drawn as a raster image
    text = printed.decode("cp858", errors="replace")
    assert text.count("Wachtnummer") == 2 and "Digitale vraag" in text
    assert "Er is 1 persoon voor jou." in text and "We roepen je nummer." in text
    url = re.findall(rb"1P0(http[^\x1d]+)", printed)[-1].decode()

    phone_context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                        has_touch=True, locale="nl-BE")
    phone = phone_context.new_page()
    try:
        phone.goto(url)
        expect(phone.locator("[data-number]")).to_have_text("2")
        expect(phone.locator("[data-before]")).to_have_text("Er is 1 persoon voor jou.")
        shot(phone, "help-phone-waiting")
        expect(home.locator("[data-waiting]")).to_have_text("2")
        shot(home, "help-home-waiting")

        desk_login(page, kiosk, "Wachtrij")
        expect(page.locator(".queue-row")).to_have_count(2)
        shot(page, "help-desk-queue")
        latencies = [_shown_within(home, lambda: page.get_by_role(
            "button", name="Roep volgende").tap(), lambda: expect(home.locator(
                "[data-serving]")).to_have_text("1", timeout=3000))]
        expect(phone.locator("[data-before]")).to_have_text("Er is niemand voor jou.",
                                                            timeout=7000)
        shot(phone, "help-phone-next")
        latencies.append(_shown_within(home, lambda: page.get_by_role(
            "button", name="Roep volgende").tap(), lambda: expect(home.locator(
                "[data-serving]")).to_have_text("2", timeout=3000)))
        expect(home.locator("[data-called-before]")).to_have_text("1")
        shot(home, "help-home-serving")
        expect(phone.get_by_role("heading", name="Het is jouw beurt! Kom naar de balie.")
               ).to_be_visible(timeout=7000)
        shot(phone, "help-phone-called")
        for _ in range(4):  # "Opnieuw roepen": the same number, a new call, a new chime
            before = home.locator("#now-serving").get_attribute("data-call")
            row = page.locator(".queue-row.serving[data-ticket='2']")
            latencies.append(_shown_within(home, lambda row=row: row.get_by_role(
                "button", name="Opnieuw roepen").tap(), lambda before=before: expect(
                    home.locator("#now-serving")).not_to_have_attribute("data-call", before,
                                                                        timeout=3000)))
        assert home.locator("body").get_attribute("data-chimes") == str(len(latencies))
        # After the chime the number is said: the speech of the home screen's language is fetched.
        with home.expect_response(lambda answer: "/speak?" in answer.url and "2" in answer.url,
                                  timeout=5000) as spoken:
            page.locator(".queue-row.serving[data-ticket='2']").get_by_role(
                "button", name="Opnieuw roepen").tap()
        assert spoken.value.status == 200
        assert spoken.value.headers["content-type"] == "audio/wav"
        _record(latencies)
        assert max(latencies) <= 3.0

        page.locator(".queue-row.serving[data-ticket='2']").get_by_role(
            "button", name="Geholpen").tap()
        expect(page.locator(".queue-row.finished[data-ticket='2']")).to_contain_text("Geholpen")
        shot(page, "help-desk-done")
        assert kiosk.query("SELECT number, status, outcome FROM help_tickets ORDER BY number") \
            == [(1, "called", None), (2, "done", "geholpen")]
        expect(phone.get_by_role("heading", name="Je vraag is afgehandeld.")).to_be_visible(
            timeout=7000)
        # Doorverwezen naar …: one more tap on the partner.
        row = page.locator(".queue-row.serving[data-ticket='1']")
        row.get_by_role("link", name="Doorverwezen naar …").tap()
        expect(row.locator("[data-refer-choice]")).to_contain_text("Elders (niet in de lijst)")
        shot(page, "help-desk-refer-choice")
        row.locator("[data-refer-choice]").get_by_role("button", name="Sociaal Huis").tap()
        expect(page.locator(".queue-row.finished[data-ticket='1']")).to_contain_text(
            "Doorverwezen naar Sociaal Huis")
        shot(page, "help-desk-referred")
        assert kiosk.query("SELECT outcome, referred_to FROM help_tickets WHERE number = 1") == [
            ("doorverwezen", "sociaal-huis")]
    finally:
        phone_context.close()
        home_context.close()


def _record(latencies):
    LATENCY.parent.mkdir(parents=True, exist_ok=True)
    cuts = statistics.quantiles(latencies, n=20, method="inclusive")
    LATENCY.write_text(f"call -> home screen, {len(latencies)} calls: median "
                       f"{statistics.median(latencies):.2f} s, p95 {cuts[18]:.2f} s, "
                       f"max {max(latencies):.2f} s\n", encoding="utf-8")


def _shift_pin(page, way_in, verb):
    """Anna reaches Ik begin / Ik stop by `way_in`, taps her name and her PIN on the keys."""
    way_in.tap()
    page.locator("#shifts").get_by_role("link", name="Anna").tap()
    expect(page.get_by_role("heading", name=f"Dag Anna! Typ je pincode om je dienst te {verb}.")
           ).to_be_visible()
    for digit in "2468":
        page.locator(f"[data-pin-key='{digit}']").tap()
    page.get_by_role("button", name="Aanmelden").tap()


def test_shift_begun_and_ended_with_the_pin_and_the_hours_seen(start_kiosk, page, shot,
                                                                monkeypatch):
    moment = {"now": clock.now().replace(hour=8, minute=0)}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    kiosk = start_kiosk()
    add_volunteer(kiosk.app, "Anna")
    desk_login(page, kiosk)
    expect(page.locator("#on-duty-desk")).to_contain_text("Nog niemand in dienst.")
    _shift_pin(page, page.locator("#on-duty-desk").get_by_role("link", name="Ik begin / Ik stop"),
               "beginnen")
    expect(page.get_by_role("heading", name="Goeie dienst, Anna!")).to_be_visible()
    shot(page, "shift-started")

    page.goto(kiosk.url + "/")
    expect(page.locator("#on-duty-home")).to_have_text("In dienst: Anna")
    shot(page, "shift-home-bar")
    moment["now"] += timedelta(hours=2, minutes=15)
    _shift_pin(page, page.locator("#on-duty-home"), "stoppen")
    expect(page.locator("[data-shift-hours]")).to_have_text("Je dienst duurde 2:15 uur.")
    expect(page.locator("[data-month-hours]")).to_contain_text("samen 2:15 uur")
    shot(page, "shift-stopped")
    desk_login(page, kiosk, "Diensten")
    expect(page.locator("[data-volunteer='Anna'] [data-hours]")).to_have_text("2:15")
    shot(page, "shift-desk-hours")
    assert kiosk.query("SELECT volunteer_name, auto_closed FROM shifts") == [("Anna", 0)]
