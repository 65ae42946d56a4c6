"""Activities by touch: a neighbour signs up and takes the slip; a volunteer plans one and
prints the door list; a neighbour offers to help."""

from datetime import date, time, timedelta

import pytest
from playwright.sync_api import expect

from kiosk.activities import store
from kiosk.db import connect
from tests.e2e.touch import desk_login, done, pick_date, tap_keys, type_into
from tests.helpers import add_volunteer

pytestmark = pytest.mark.e2e
TOMORROW = date.today() + timedelta(days=1)


def _plan(kiosk, **changes) -> int:
    values = {"kind": "fietsherstel", "title": "Fietsherstel", "day": TOMORROW,
              "start": time(14, 0), "minutes": 120, "capacity": 3,
              "bring": "Je fiets en een slot"}
    db = connect(kiosk.app.config["DATABASE"])
    try:
        return store.create(db, store.Plan(**{**values, **changes}), "Europe/Brussels")[0]
    finally:
        db.close()


def _printed(kiosk) -> str:
    return kiosk.app.extensions["printing"].dummy.output.decode("cp858", errors="replace")


def test_activity_sign_up_by_taps_the_places_drop_and_the_slip_prints(start_kiosk, page, shot):
    kiosk = start_kiosk(print_worker=True, RECEIPT_PRINTER="dummy")
    _plan(kiosk)
    _plan(kiosk, kind="tuin", title="Samen tuinieren", capacity=None, start=time(10, 0))
    page.goto(kiosk.url + "/")
    expect(page.locator(".home-activities")).to_contain_text("14:00 Fietsherstel")
    shot(page, "activities-home")
    tile, bar = (page.locator(s).bounding_box() for s in (".tile >> nth=-1", ".home-activities"))
    assert tile["y"] + tile["height"] <= bar["y"]  # every tile above the bar, none under it
    page.get_by_role("link", name="Activiteiten", exact=True).tap()
    card = page.locator("[data-activity='1']")
    expect(card.locator(".places")).to_have_text("Nog 3 plaatsen vrij")
    expect(page.locator("[data-activity='2']")).to_contain_text("Vrij binnen")
    shot(page, "activities")
    card.get_by_role("link", name="Inschrijven").tap()
    expect(page.locator(".signup-keyboard .hg-button").first).to_be_visible()
    tap_keys(page, "Mia")
    expect(page.get_by_label("Je voornaam of initialen")).to_have_value("Mia")
    page.get_by_role("button", name="Eén meer").tap()
    expect(page.locator("[data-people]")).to_have_text("2")
    expect(page.get_by_label("Je voornaam of initialen")).to_have_value("Mia")
    shot(page, "activities-signup")
    page.locator("#signup button[value=send]").tap()
    expect(page.locator("[data-signup-number]")).to_have_text("1")
    expect(page.locator("#slip-status")).to_have_attribute("data-status", "done", timeout=8000)
    shot(page, "activities-signup-thanks")
    printed = _printed(kiosk)
    assert "Je inschrijvingsnummer" in printed and "Fietsherstel" in printed
    assert "2 personen" in printed and "In het buurtpunt" in printed
    assert kiosk.query("SELECT name, people FROM activity_signups") == [("Mia", 2)]
    page.get_by_role("link", name="Naar de activiteiten").tap()
    expect(page.locator("[data-activity='1'] .places")).to_have_text("Nog 1 plaats vrij")


def test_volunteer_plans_an_activity_and_prints_the_door_list(start_kiosk, page, shot):
    kiosk = start_kiosk(print_worker=True, RECEIPT_PRINTER="dummy")
    add_volunteer(kiosk.app)
    desk_login(page, kiosk, "Activiteiten")
    page.get_by_role("link", name="Nieuwe activiteit").tap()
    page.locator("label.bag-option", has_text="Samen koken").tap()
    type_into(page, page.get_by_label("Titel", exact=True), "Soep koken")
    done(page)
    day = date.today() + timedelta(days=3)
    pick_date(page, page.get_by_role("textbox", name="Dag", exact=True), day)
    hour = page.locator("select[name=hour]")
    hour.tap()
    hour.get_by_role("option", name="18").tap()
    type_into(page, page.get_by_label("Plaatsen (leeg: vrij binnen)"), "12")
    done(page)
    shot(page, "activities-desk-new")
    page.get_by_role("button", name="Activiteit bewaren").tap()
    expect(page.locator(".signups-panel")).to_contain_text("Ingeschreven: 0 van 12 plaatsen")
    assert kiosk.query("SELECT title, kind, capacity FROM activities") == [
        ("Soep koken", "koken", 12)]
    db = connect(kiosk.app.config["DATABASE"])
    from kiosk.activities import signups  # a neighbour signed up at the kiosk meanwhile
    signups.sign_up(db, 1, {"name": "Ahmed", "phone": "0470 12 34 56", "consent": "1"}, 3,
                    "c" * 32)
    db.close()
    page.reload()
    expect(page.locator("[data-signup='1']")).to_contain_text("Ahmed")
    page.get_by_role("button", name="Deurlijst afdrukken").tap()
    expect(page.get_by_role("status")).to_contain_text("De deurlijst wordt afgedrukt.")
    shot(page, "activities-desk-detail")
    page.wait_for_function("() => true")
    deadline = 40
    while "Deurlijst" not in _printed(kiosk) and deadline:
        page.wait_for_timeout(100)
        deadline -= 1
    printed = _printed(kiosk)
    assert "Deurlijst" in printed and "Ahmed" in printed and "0470" not in printed


def test_neighbour_offers_to_help_from_an_activity_card(start_kiosk, page, shot):
    kiosk = start_kiosk(print_worker=True, RECEIPT_PRINTER="dummy")
    _plan(kiosk, kind="koken", title="Samen koken")
    page.goto(kiosk.url + "/activities")
    page.locator("[data-activity='1']").get_by_role("link", name="Ik wil helpen").tap()
    expect(page.locator("#volunteer")).to_have_attribute("data-step", "what")
    expect(page.locator("#volunteer")).to_contain_text("Samen koken")
    page.locator("label.choice", has_text="Mee koken").tap()
    page.locator("label.choice", has_text="Koffie zetten").tap()
    shot(page, "volunteer-what")
    page.get_by_role("button", name="Verder").tap()
    expect(page.locator("#volunteer")).to_have_attribute("data-step", "when")
    page.get_by_label("woensdag namiddag").tap()
    page.get_by_label("zaterdag voormiddag").tap()
    shot(page, "volunteer-when")
    page.get_by_role("button", name="Verder").tap()
    expect(page.locator("#volunteer")).to_have_attribute("data-step", "contact")
    page.get_by_label("Telefoon").tap()
    tap_keys(page, "0470 123456")
    page.locator(".consent").tap()
    shot(page, "volunteer-contact")
    page.get_by_role("button", name="Versturen").tap()
    expect(page.locator("[data-offer-number]")).to_have_text("1")
    expect(page.locator("#slip-status")).to_have_attribute("data-status", "done", timeout=8000)
    shot(page, "volunteer-thanks")
    assert "Bedankt dat je wil helpen" in _printed(kiosk)
    assert kiosk.query("SELECT tasks, times, contact_phone, activity_id FROM volunteer_offers") == [
        ("koffie+koken", "wo-namiddag+za-voormiddag", "0470 123456", 1)]
