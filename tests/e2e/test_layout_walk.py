"""Every visitor screen at every supported size: every target on screen and free, no text cut.

The screens and how to reach them are listed in tests/e2e/screens.py; the sizes and languages in
tests/e2e/walk_cases.py. Screenshots land in test-output/screenshots/layout/<size>/<language>/.
"""

import functools
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from waitress.server import create_server

from kiosk import clock, create_app, visits
from kiosk.activities import store as activities
from kiosk.db import connect
from kiosk.ideas import store as ideas
from tests.e2e.conftest import SCREENSHOTS, _Served
from tests.e2e.screens import FLOWS
from tests.e2e.walk_cases import cases, keep_for_docs
from tests.helpers import add_volunteer, stock_and_open_till

pytestmark = pytest.mark.e2e

CHECK = (Path(__file__).parent / "layout_check.js").read_text(encoding="utf-8")
# One test per size, language and flow, so that pytest-xdist spreads them over its workers.
CASES = [pytest.param(size, language, id=f"{size}-{language}") for size, language in cases()]
WALL = [
    ("groen", "Meer bomen en bloembakken in de Kerkstraat, met een bank in de schaduw "
              "voor wie even wil uitrusten.", "doorgegeven", ""),
    ("verkeer", "Een zebrapad aan de school.", "niet_mogelijk",
     "De straat is van het Vlaams Gewest; we gaven het door aan de wegbeheerder."),
]


@functools.cache  # one moment a run, also when the run passes midnight
def walk_moment() -> datetime:
    """The walk's clock: the next Friday at 20:30 in Brussels, whatever the hour of the run.

    The screens say whether places are open now, and when they open; closed on a Friday evening
    they say the longest ("Gesloten. Op afspraak vanaf maandag om 09:00"). Tomorrow and the day
    after are in the same week, so the activities screen shows all three planned. In the future,
    so the sales journal's times still only go forward.
    """
    zone = ZoneInfo("Europe/Brussels")
    today = datetime.now(zone).date()
    friday = today + timedelta(days=(4 - today.weekday()) % 7 or 7)
    return datetime.combine(friday, time(20, 30), tzinfo=zone).astimezone(UTC)


@pytest.fixture(scope="module")
def walk_kiosk(tmp_path_factory):
    """One kiosk for the whole walk: bags in stock, the till open, volunteers, ideas on the wall."""
    moment = walk_moment()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "now", lambda: moment)
        app = create_app({"INSTANCE_PATH": str(tmp_path_factory.mktemp("walk")),
                          "THANKS_SECONDS": 600, "PIN_MAX_TRIES": 1000,
                          "RECEIPT_PRINTER": "dummy"})
        add_volunteer(app, "Anna")
        add_volunteer(app, "Marie-Christine", "3579")
        stock_and_open_till(app)
        _fill_the_wall(app)
        _count_visits(app)
        _plan_activities(app, moment.astimezone(ZoneInfo("Europe/Brussels")).date())
        server = _Served(create_server(app, host="127.0.0.1", port=0, threads=4))
        yield f"http://127.0.0.1:{server.server.effective_port}"
        server.stop()


def _fill_the_wall(app):
    db = connect(app.config["DATABASE"])
    try:
        for number, (theme, text, status, reason) in enumerate(WALL):
            draft = {"kind": "idee", "theme": theme, "text": text, "place": "", "name": "",
                     "phone": "", "email": "", "consent": ""}
            idea, _created = ideas.record_idea(db, draft, f"{number:032x}")
            ideas.change_status(db, idea["id"], status, reason, None)
            ideas.set_public(db, idea["id"], True, text)
    finally:
        db.close()


def _count_visits(app):
    """Visits today, a different number per reason: the desk's chart gets bars of each length."""
    db = connect(app.config["DATABASE"])
    try:
        for number, reason in enumerate(visits.REASONS):
            for visit in range(number + 1):
                visits.record_visit(db, [reason.code], "nl", "kiosk", f"{number:016x}{visit:016x}")
    finally:
        db.close()


def _plan_activities(app, today):
    """Tomorrow's with places, one the day after (vrij binnen, elsewhere), one cancelled."""
    tomorrow = today + timedelta(days=1)
    db = connect(app.config["DATABASE"])
    try:
        for day, changes in ((tomorrow, {"capacity": 50, "bring": "Je fiets en een slot"}),
                             (tomorrow + timedelta(days=1), {
                                 "kind": "tuin", "title": "Samen tuinieren in de moestuin",
                                 "outside": True, "place": "Moestuin aan het Kerkplein"}),
                             (tomorrow, {"kind": "buurfeest", "title": "Buurtfeest"})):
            plan = activities.Plan(**{"kind": "fietsherstel", "title": "Fietsherstel",
                                      "day": day, "start": time(14, 0), "minutes": 120,
                                      **changes})
            activity = activities.create(db, plan, "Europe/Brussels")[0]
        activities.cancel(db, activity, "De zaal is niet vrij: we zoeken een nieuwe dag.")
    finally:
        db.close()


@pytest.mark.parametrize("flow", list(FLOWS))
@pytest.mark.parametrize(("size", "language"), CASES)
def test_layout_every_target_fits_and_is_free(browser, walk_kiosk, size, language, flow):
    width, height = (int(n) for n in size.split("x"))
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=True,
                                  timezone_id="Europe/Brussels")
    page = context.new_page()
    page.clock.set_fixed_time(walk_moment())  # the top bar's minutes, as the server's clock
    page.set_default_timeout(5000)
    folder = SCREENSHOTS / "layout" / size / language
    folder.mkdir(parents=True, exist_ok=True)
    problems = []
    try:
        page.goto(f"{walk_kiosk}/lang/{language}")
        for screen in FLOWS[flow]:
            for action in screen.actions:
                action(page, walk_kiosk)
            page.locator(screen.ready).first.wait_for()
            page.wait_for_load_state()
            assert page.locator("html").get_attribute("lang") == language, screen.name
            if screen.within != "body":  # a page that scrolls: judged where a volunteer scrolls
                page.locator(screen.within).first.evaluate(
                    "element => element.scrollIntoView({block: 'start'})")
            page.screenshot(path=folder / f"{screen.name}.png")
            keep_for_docs(folder / f"{screen.name}.png", size, language, screen.name)
            problems += [f"{screen.name} [{language}, {size}]: {problem}"
                         for problem in page.evaluate(CHECK, screen.within)]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def _check(browser, html):
    """The checker's sentences about one page of HTML at 800x480."""
    context = browser.new_context(viewport={"width": 800, "height": 480}, has_touch=True)
    page = context.new_page()
    try:
        page.set_content(html)
        return page.evaluate(CHECK, "body")
    finally:
        context.close()


def test_layout_check_finds_a_button_cut_off_or_covered(browser):
    """The walk's checker itself: a button below the screen and one under a panel are named."""
    problems = _check(
        browser,
        '<body style="margin:0"><button style="position:absolute;top:300px">Vrij</button>'
        '<button style="position:absolute;top:440px;height:60px">Verder</button>'
        '<button style="position:absolute;top:10px;height:60px">Vorige</button>'
        '<div style="position:absolute;top:0;width:300px;height:100px;background:#fff">'
        '</div></body>')
    assert any('"Verder" is outside the 800x480 screen' in problem for problem in problems)
    assert any('"Vorige" is covered by <div>' in problem for problem in problems)
    assert not any('"Vrij"' in problem for problem in problems), problems


def test_layout_check_finds_small_text_and_a_key_label_that_wraps(browser):
    """A visitor's text under 16 px and a key whose word takes two lines are named; 16 px is not."""
    problems = _check(
        browser,
        '<body class="visitor" style="margin:0;font-family:DejaVu Sans">'
        '<p style="font-size:13px">Nagekeken</p><p style="font-size:16px">Sociaal Huis</p>'
        '<div data-skbtn="{shift}" style="width:60px;height:48px;font-size:16px">'
        '<span>⇧ hoofdletter</span></div>'
        '<div data-skbtn="a" style="width:60px;height:48px"><span>a</span></div></body>')
    assert any('"Nagekeken" is 13 px (at least 16)' in problem for problem in problems), problems
    assert any('"⇧ hoofdletter" takes 2 lines' in problem for problem in problems), problems
    assert not any('"Sociaal Huis"' in problem or '"a" takes' in problem for problem in problems)
