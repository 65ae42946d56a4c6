"""What the field test saw on screen: the top bar's home link is big enough, "Jij ook" readable."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from kiosk.db import connect
from kiosk.ideas import store as ideas

pytestmark = pytest.mark.e2e


def _luminance(rgb) -> float:
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(v) for v in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast_on_screen(locator) -> float:
    """Contrast between an element's background and its most distant (text) colour, as shown."""
    image = Image.open(io.BytesIO(locator.screenshot())).convert("RGB")
    colours = image.getcolors(image.width * image.height)
    background = max(colours)[1]
    ink = max((c for _, c in colours), key=lambda c: abs(_luminance(c) - _luminance(background)))
    light, dark = sorted((_luminance(background), _luminance(ink)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("path", ["/", "/shop", "/checkin", "/ideas/wall"])
def test_topbar_home_link_is_at_least_48_px(kiosk, page, path):
    page.goto(kiosk.url + path)
    box = page.locator(".topbar .brand").bounding_box()
    assert box["height"] >= 48 and box["width"] >= 48, box


def test_wall_jij_ook_already_given_is_readable(kiosk, page, shot):
    db = connect(kiosk.app.config["DATABASE"])
    draft = {"kind": "idee", "theme": "groen", "text": "Meer bomen", "place": "", "name": "",
             "phone": "", "email": "", "consent": ""}
    idea, _ = ideas.record_idea(db, draft, "a" * 32)
    ideas.set_public(db, idea["id"], True, "Meer bomen in de straat")
    db.close()
    page.goto(kiosk.url + "/ideas/wall")
    page.get_by_role("button", name="Ik ook").tap()
    given = page.get_by_role("button", name="Jij ook")
    expect(given).to_be_disabled()
    shot(page, "wall-jij-ook")
    assert _contrast_on_screen(given) >= 4.5


def test_shop_says_how_to_get_bags_and_why_plus_stops(kiosk, page, shot):
    page.goto(kiosk.url + "/shop")
    expect(page.locator("[data-no-stock]")).to_contain_text("Balie, Voorraad")
    expect(page.get_by_text("Tik op +")).to_have_count(0)
    shot(page, "shop-no-stock")
    import sales

    db = connect(kiosk.app.config["DATABASE"])
    sales.record_intake(db, "REST30", volunteer="Anna", pieces=1)
    db.close()
    page.goto(kiosk.url + "/shop")
    page.get_by_role("button", name="Eén meer: Restafvalzak 30 l").tap()
    card = page.locator("[data-code=REST30]")
    expect(card.locator("[data-limit=stock]")).to_have_text("Meer is er niet in voorraad.")
    expect(card.get_by_role("button", name="Eén meer: Restafvalzak 30 l")).to_be_disabled()
    shot(page, "shop-stock-limit")
