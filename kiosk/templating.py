"""Template helpers: pictograms, local time, QR codes, what the printers report in words."""

import functools
import re
from datetime import UTC, date, datetime, time
from pathlib import Path

import segno
from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from kiosk import __version__, clock, i18n, money, visits, voice
from kiosk.security import current_volunteer
from printer import formats
from printer.document import A4_DETAILS, DocumentPrinterState
from printer.status import DETAILS, PrinterStatus

ICONS = Path(__file__).parent / "static" / "vendor" / "icons"


NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_SHAPE = re.compile(r"<(path|circle|ellipse|line|polyline|polygon|rect)\b([^>]*?)\s*/>")
_ATTRIBUTE = re.compile(r'([a-z][a-z0-9-]*)="([^"]*)"')
_GEOMETRY = {"d", "cx", "cy", "r", "rx", "ry", "x", "y", "width", "height", "x1", "y1", "x2",
             "y2", "points"}


def _n(value: float) -> str:
    return f"{value:g}"


def _absolute_start(d: str) -> str:
    """Path data that means the same after another path's: a leading "m" made absolute."""
    d = d.strip()
    found = re.match(rf"m\s*({NUMBER})[\s,]*({NUMBER})[\s,]*(.*)", d, re.DOTALL)
    if not found:
        return d
    x, y, rest = found.groups()
    return f"M{x} {y}" + (f"l{rest}" if rest and not rest[0].isalpha() else rest)


def _rect(a: dict[str, float]) -> str:
    x, y, w, h = a.get("x", 0), a.get("y", 0), a["width"], a["height"]
    rx, ry = a.get("rx", a.get("ry", 0)), a.get("ry", a.get("rx", 0))
    rx, ry = min(rx, w / 2), min(ry, h / 2)
    if not rx or not ry:
        return f"M{_n(x)} {_n(y)}h{_n(w)}v{_n(h)}h{_n(-w)}z"
    arc = f"a{_n(rx)} {_n(ry)} 0 0 1 "
    return (f"M{_n(x + rx)} {_n(y)}h{_n(w - 2 * rx)}{arc}{_n(rx)} {_n(ry)}v{_n(h - 2 * ry)}"
            f"{arc}{_n(-rx)} {_n(ry)}h{_n(2 * rx - w)}{arc}{_n(-rx)} {_n(-ry)}"
            f"v{_n(2 * ry - h)}{arc}{_n(rx)} {_n(-ry)}z")


def _outline(tag: str, attributes: dict[str, str]) -> str | None:
    """A lucide shape as path data; None when it has more than its geometry (its own fill)."""
    if set(attributes) - _GEOMETRY:
        return None
    if tag == "path":
        return _absolute_start(attributes["d"])
    if tag in ("polyline", "polygon"):
        points = re.findall(NUMBER, attributes["points"])
        pairs = [f"{points[i]} {points[i + 1]}" for i in range(0, len(points) - 1, 2)]
        return f"M{pairs[0]}L{' '.join(pairs[1:])}" + ("z" if tag == "polygon" else "")
    a = {key: float(value) for key, value in attributes.items()}
    if tag == "line":
        x1, y1, x2, y2 = (_n(a.get(key, 0)) for key in ("x1", "y1", "x2", "y2"))
        return f"M{x1} {y1}L{x2} {y2}"
    if tag == "rect":
        return _rect(a)
    rx, ry = (a["r"], a["r"]) if tag == "circle" else (a["rx"], a["ry"])
    arc = f"a{_n(rx)} {_n(ry)} 0 1 0 "
    return f"M{_n(a['cx'] - rx)} {_n(a['cy'])}{arc}{_n(2 * rx)} 0{arc}{_n(-2 * rx)} 0z"


def merged(drawing: str) -> str:
    """A pictogram's shapes as one path (the shapes share the stroke: it draws the same), and
    what cannot join it as it is: a page has fewer elements to lay out and a tap to swap."""
    paths, kept = [], []
    for found in _SHAPE.finditer(drawing):
        tag, attributes = found.group(1), dict(_ATTRIBUTE.findall(found.group(2)))
        path = _outline(tag, attributes)
        if path is None:
            kept.append(found.group(0))
        else:
            paths.append(path)
    rest = _SHAPE.sub("", drawing).replace("</svg>", "").strip()
    if rest:  # something not a shape (a group, a gradient): leave the drawing as it is
        return drawing
    return (f'<path d="{"".join(paths)}"/>' if paths else "") + "".join(kept) + "</svg>"


@functools.lru_cache(maxsize=512)
def icon(name: str, css: str = "icon") -> Markup:
    """An inline pictogram from the lucide set installed from npm into static/vendor/icons."""
    text = (ICONS / f"{name}.svg").read_text(encoding="utf-8")
    opening, drawing = text[text.index("<svg"):].split(">", 1)
    view_box = re.search(r'viewBox="([^"]+)"', opening).group(1)
    drawing = merged(re.sub(r">\s+<", "><", drawing.strip()))
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
def qr_svg(data: str, scale: int = 7) -> Markup:
    """A QR code as inline SVG (segno), big enough to scan from a phone at arm's length.

    Kept for the few latest addresses: choosing its mask takes segno milliseconds, and the
    print screen shows the same code again after each step back.
    """
    svg = segno.make_qr(data, error="m").svg_inline(scale=scale, border=2, dark="#15212e")
    return Markup(svg)  # noqa: S704 - segno escapes the data it draws


def reason_label(code: str) -> str:
    """The label of a reason code, or the code itself for something else."""
    try:
        return str(visits.by_code(code).label)
    except KeyError:
        return code


# What the printers report, in the language of the screen that shows it. printer/ reports codes
# with a Dutch sentence for logs and /healthz; a detail that is not a standard sentence (a device
# name, the system's own error) is kept as a technical detail next to the words.
PRINTER_STATUS = {
    "online": _l("De printer is klaar."),
    "offline": _l("De printer staat uit of is niet bereikbaar."),
    "paper_out": _l("Het papier is op."),
    "unknown": _l("De printer meldt niet hoe het met hem gaat."),
    "cover_open": _l("De printer meldt een storing (deksel open?)."),
    "paper_low": _l("De printer is klaar; het papier is bijna op."),
    "not_checked": _l("Nog niet gecontroleerd."),
    "last_ok": _l("De laatste bon ging goed."),
    "cups": _l("Via CUPS is de papierstatus niet te zien."),
    "file": _l("Bonnetjes worden als bestand bewaard op de kiosk."),
    "no_write": _l("De kiosk mag niet schrijven waar de bonnetjes heen moeten."),
}
PRINTER_ERRORS = {
    "unreachable": _l("De bon kwam niet bij de printer; de kiosk probeert het opnieuw."),
    "interrupted": _l("De printer stopte midden in een bon. Kijk wat eruit kwam."),
    "uncertain": _l("De printer bevestigde de bon niet. Kijk of hij eruit kwam."),
    "internal": _l("Er ging iets mis in de printwachtrij."),
    "error": _l("Het afdrukken lukte niet."),
}
A4_STATES = {
    "not_checked": _l("Nog niet gecontroleerd."),
    "cups_silent": _l("CUPS antwoordt niet."),
    "no_queue": _l("CUPS kent deze printer niet."),
    "disabled": _l("De printer staat uit of heeft een fout."),
    "failed": _l("Het vorige document lukte niet."),
}


def status_text(status: PrinterStatus) -> str:
    """The receipt printer's status in this screen's language."""
    words = PRINTER_STATUS.get(status.reason) or PRINTER_STATUS.get(status.state)
    return str(words or status.detail)


def status_detail(status: PrinterStatus) -> str:
    """The printer's own detail when it says more than the standard sentence, else ""."""
    return "" if status.detail == DETAILS.get(status.reason) else status.detail


def error_text(kind: str | None) -> str:
    """What the last printing error means, in this screen's language."""
    return str(PRINTER_ERRORS.get(kind or "error", PRINTER_ERRORS["error"]))


def a4_text(state: DocumentPrinterState) -> str:
    """The A4 printer's state in this screen's language (its own words when there is no code)."""
    return str(A4_STATES[state.reason]) if state.reason in A4_STATES else state.detail


def a4_detail(state: DocumentPrinterState) -> str:
    """The A4 printer's own detail when it says more than the standard sentence, else ""."""
    if state.reason not in A4_STATES or state.detail == A4_DETAILS.get(state.reason):
        return ""
    return state.detail


def init_app(app: Flask) -> None:
    """Expose the helpers to every template."""
    app.jinja_env.globals.update(
        icon=icon, today_text=today_text, time_text=time_text, languages=i18n.languages,
        language_row=i18n.language_row,
        direction=i18n.direction,
        current_locale=i18n.current, current_volunteer=current_volunteer,
        reason_label=reason_label, version=__version__,
        qr_svg=qr_svg, has_voice=voice.has_voice,
        product_name=i18n.product_name, product_name_of=i18n.product_name_of,
        printer_status_text=status_text, printer_status_detail=status_detail,
        printer_error_text=error_text, a4_text=a4_text, a4_detail=a4_detail,
    )
    app.jinja_env.filters["localtime"] = localtime
    app.jinja_env.filters["euro"] = money.euro
    app.jinja_env.filters["clocktime"] = clocktime
    app.jinja_env.filters["day"] = day
