"""Template helpers: pictograms, local time, the page's idle behaviour."""

import functools
import re
from datetime import UTC, date, datetime, time
from pathlib import Path

import segno
from flask import Flask, current_app
from markupsafe import Markup

from kiosk import __version__, clock, i18n, money, printer_texts, products, registry, visits
from kiosk.security import current_volunteer
from printer import formats

ICONS = Path(__file__).parent / "static" / "vendor" / "icons"


@functools.lru_cache(maxsize=512)
def icon(name: str, css: str = "icon") -> Markup:
    """An inline pictogram from the lucide set installed from npm into static/vendor/icons."""
    text = (ICONS / f"{name}.svg").read_text(encoding="utf-8")
    opening, drawing = text[text.index("<svg"):].split(">", 1)
    view_box = re.search(r'viewBox="([^"]+)"', opening).group(1)
    drawing = re.sub(r">\s+<", "><", drawing.strip())
    # Stroke, fill and size come from kiosk.css (.lucide, .icon): a page shows dozens of
    # pictograms, and their repeated attributes were most of its bytes.
    svg = (f'<svg aria-hidden="true" focusable="false" class="{css} lucide lucide-{name}" '
           f'viewBox="{view_box}">{drawing}')
    return Markup(svg)  # noqa: S704 - our own installed SVG files, never visitor input


@functools.lru_cache(maxsize=64)
def _clock_text(language: str, minute: str, zone: str) -> tuple[str, str]:
    """Date and time as shown, worked out once a minute per language (Babel is not cheap)."""
    moment = clock.parse(minute)
    return formats.long_day(moment, language, zone), formats.clock(moment, language, zone)


def _now_texts() -> tuple[str, str]:
    minute = clock.now().replace(second=0, microsecond=0).isoformat()
    return _clock_text(i18n.current(), minute, current_app.config["TIMEZONE"])


def today_text() -> str:
    """Today's date in full, in the visitor's language and Brussels time."""
    return _now_texts()[0]


def time_text() -> str:
    """The time of day in Brussels, hours and minutes."""
    return _now_texts()[1]


def _moment(value):
    return clock.parse(value) if isinstance(value, str) else value


def localtime(value) -> str:
    """A stored UTC timestamp (text or datetime) as local day and time: "27/11/2026 14:32"."""
    return formats.stamp(_moment(value), i18n.current(), current_app.config["TIMEZONE"])


def clocktime(value) -> str:
    """Hours and minutes in local time: "14:32"."""
    return formats.clock(_moment(value), i18n.current(), current_app.config["TIMEZONE"])


def day(value) -> str:
    """A calendar day (a date, or a stored timestamp's local day): "27/11/2026"."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return formats.day(datetime.combine(value, time(12), UTC), i18n.current(), "UTC")
    return formats.day(_moment(value), i18n.current(), current_app.config["TIMEZONE"])


@functools.lru_cache(maxsize=16)
def qr_svg(data: str) -> Markup:
    """A QR code as inline SVG (segno), big enough to scan from a phone at arm's length.

    Kept for the few latest addresses: choosing its mask takes segno milliseconds, and the
    print screen shows the same code again after each step back.
    """
    svg = segno.make_qr(data, error="m").svg_inline(scale=7, border=2, dark="#15212e")
    return Markup(svg)  # noqa: S704 - segno escapes the data it draws


def reason_label(code: str) -> str:
    """The label of a reason code, or the code itself for something else."""
    try:
        return str(visits.by_code(code).label)
    except KeyError:
        return code


def init_app(app: Flask) -> None:
    """Expose the helpers to every template."""
    app.jinja_env.globals.update(
        icon=icon, today_text=today_text, time_text=time_text, languages=i18n.languages,
        current_locale=i18n.current, current_volunteer=current_volunteer,
        reason_label=reason_label, version=__version__, desk_menu=registry.DESK_MENU,
        qr_svg=qr_svg, product_name=products.name, product_name_of=products.name_of,
    )
    app.jinja_env.filters["localtime"] = localtime
    app.jinja_env.filters["euro"] = money.euro
    app.jinja_env.filters["clocktime"] = clocktime
    app.jinja_env.filters["day"] = day
    printer_texts.init_app(app)
