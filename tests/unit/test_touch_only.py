"""Touch only: nothing on the kiosk waits for a hover, a double tap, a long press or a swipe."""

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).parents[2] / "kiosk" / "static"
HOVER = re.compile(r":hover\b")
GESTURES = re.compile(r"\b(dblclick|contextmenu|mouseover|mouseenter|touchmove|swipe|longpress)\b")


@pytest.mark.parametrize("path", sorted(STATIC.glob("css/*.css")), ids=lambda p: p.name)
def test_touch_only_no_style_waits_for_a_hover(path):
    assert not HOVER.findall(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted(STATIC.glob("js/*.js")), ids=lambda p: p.name)
def test_touch_only_no_script_listens_for_another_gesture_than_a_tap(path):
    assert not GESTURES.findall(path.read_text(encoding="utf-8"))


def test_touch_only_the_check_finds_a_hover_and_a_double_tap():
    assert HOVER.findall(".tile:hover { color: red; }")
    assert GESTURES.findall('el.addEventListener("dblclick", go);')
