"""Every visitor screen in Dutch, in Arabic and in large text: axe-core finds no WCAG 2.2 A/AA
violation, every target is at least 48x48 with 8 px around it, every screen has something to
read aloud, and in large text every target can be reached uncovered at 1280x800.

The screens are tests/e2e/screens.py's walk (the desk's own pages left out: volunteers, not
visitors); one page load a screen a mode. Screenshots: test-output/screenshots/access/<mode>/.
"""

import contextlib
from pathlib import Path

import pytest

from kiosk import create_app
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.screens import FLOWS
from tests.e2e.test_layout_walk import walk_kiosk  # noqa: F401 - the same prepared kiosk
from tests.helpers import visitor_routes

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHECK = (Path(__file__).parent / "access_check.js").read_text(encoding="utf-8")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
RUN_AXE = """(tags) => axe.run(document, {runOnly: {type: "tag", values: tags}})
  .then((r) => r.violations.map((v) => v.id + ": " + v.help + " -> " +
    v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")))"""
MODES = {"nl": ("nl", False), "ar": ("ar", False), "large": ("nl", True)}
VISITOR_FLOWS = [name for name in FLOWS if name != "desk"]


@contextlib.contextmanager
def _visitor_page(browser, url, mode):
    """A 1280x800 touch page with axe-core, in the mode's language (and large text)."""
    language, large = MODES[mode]
    # axe-core is injected into every page: the kiosk's CSP rightly forbids it, so it is bypassed.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, has_touch=True,
                                  timezone_id="Europe/Brussels", bypass_csp=True)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(5000)
    try:
        page.goto(f"{url}/lang/{language}")
        if large:
            page.locator("[data-large-toggle]").tap()
            assert page.locator("html.large").count() == 1
        yield page
    finally:
        context.close()


def _problems(page, mode, name) -> list[str]:
    language, large = MODES[mode]
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    found = page.evaluate(RUN_AXE, WCAG) + page.evaluate(CHECK, large)
    return [f"{name} [{mode}]: {problem}" for problem in found]


@pytest.mark.parametrize("flow", VISITOR_FLOWS)
@pytest.mark.parametrize("mode", list(MODES))
def test_access_every_visitor_screen(browser, walk_kiosk, mode, flow):  # noqa: F811
    folder = SCREENSHOTS / "access" / mode
    folder.mkdir(parents=True, exist_ok=True)
    problems = []
    with _visitor_page(browser, walk_kiosk, mode) as page:
        for screen in FLOWS[flow]:
            for action in screen.actions:
                action(page, walk_kiosk)
            page.locator(screen.ready).first.wait_for()
            page.wait_for_load_state()
            page.screenshot(path=folder / f"{screen.name}.png")
            problems += _problems(page, mode, screen.name)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("mode", list(MODES))
def test_access_every_visitor_route_opened_directly(browser, walk_kiosk, tmp_path,  # noqa: F811
                                                    mode):
    """The routes found in the app's url_map, so a new screen is checked before anyone lists it."""
    routes = visitor_routes(create_app({"INSTANCE_PATH": str(tmp_path), "TESTING": True}))
    assert "/" in routes and "/help" in routes and "/volunteer" in routes
    problems = []
    with _visitor_page(browser, walk_kiosk, mode) as page:
        for route in routes:
            page.goto(walk_kiosk + route)
            page.wait_for_load_state()
            problems += _problems(page, mode, route)
    assert not problems, "\n".join(problems)
