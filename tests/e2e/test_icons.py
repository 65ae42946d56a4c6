"""The pictograms as the kiosk draws them (kiosk.templating.icon: a lucide icon's shapes joined into
one path) look as lucide draws them: every icon installed, drawn both ways in Chromium."""

import io
import re

import pytest
from PIL import Image, ImageChops

from kiosk.templating import ICONS, merged

pytestmark = pytest.mark.e2e
SIZE, ROW = 48, 40  # pixels an icon, icons a row


def _grid(drawings: list[tuple[str, str]]) -> str:
    cells = "".join(f"{opening}>{drawing}" for opening, drawing in drawings)
    return (f'<body style="margin:0;background:#fff"><div id="grid" style="display:grid;'
            f'grid-template-columns:repeat({ROW},{SIZE}px);width:{ROW * SIZE}px;line-height:0">'
            f'<style>svg{{width:{SIZE}px;height:{SIZE}px;color:#000}}</style>{cells}</div></body>')


def _shot(page, html: str) -> Image.Image:
    page.set_content(html)
    return Image.open(io.BytesIO(page.locator("#grid").screenshot())).convert("L")


def test_icons_joined_into_one_path_draw_as_lucide_draws_them(browser):
    names, originals, joined = [], [], []
    for path in sorted(ICONS.glob("*.svg")):
        text = path.read_text(encoding="utf-8")
        opening, drawing = text[text.index("<svg"):].split(">", 1)
        drawing = re.sub(r">\s+<", "><", drawing.strip())
        names.append(path.stem)
        originals.append((opening, drawing))
        joined.append((opening, merged(drawing)))
    assert sum(d.count("<") for _, d in joined) < sum(d.count("<") for _, d in originals) / 2
    page = browser.new_page(viewport={"width": ROW * SIZE, "height": 800})
    try:
        before, after = _shot(page, _grid(originals)), _shot(page, _grid(joined))
    finally:
        page.close()
    assert before.size == after.size
    differ = ImageChops.difference(before, after).point(lambda v: 255 if v > 96 else 0)
    bad = []
    for number, name in enumerate(names):
        x, y = number % ROW * SIZE, number // ROW * SIZE
        cell = differ.crop((x, y, x + SIZE, y + SIZE))
        ink = before.crop((x, y, x + SIZE, y + SIZE)).point(lambda v: 255 if v < 160 else 0)
        changed, drawn = cell.histogram()[255], max(ink.histogram()[255], 1)
        if changed > drawn * 0.03:  # antialiasing: a rect and a path meet pixels apart
            bad.append(f"{name}: {changed} of {drawn} pixels differ")
    assert not bad, "\n".join(bad)
