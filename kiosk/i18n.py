"""Languages: plain Dutch by default, the visitor's choice for their visit, product names in it."""

import re

from flask import Flask, current_app, g, session
from flask_babel import Babel, get_locale, get_translations, refresh

from kiosk.db import get_db
from sales import list_products
from sales.catalogue import Product

babel = Babel()

# Each language in its own name and script: a visitor finds theirs without reading Dutch.
NAMES = {"nl": "Nederlands", "en": "English", "fr": "Français", "ar": "العربية", "tr": "Türkçe",
         "uk": "Українська", "pl": "Polski", "ro": "Română"}
RIGHT_TO_LEFT = {"ar"}
ROW = 4  # languages on the home screen's row; the rest on "more languages"


def select_locale() -> str:
    """The language this visitor chose (on the kiosk, or for their phone), else the default."""
    lang = g.get("language") or session.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        return lang
    return current_app.config["DEFAULT_LANGUAGE"]


def current() -> str:
    """The language this request speaks, as a code ("nl", "fr")."""
    return str(get_locale())


def languages() -> list[tuple[str, str]]:
    """The switchable languages as (code, name in that language)."""
    return [(code, NAMES.get(code, code)) for code in current_app.config["LANGUAGES"]]


def language_row() -> tuple[list[tuple[str, str]], bool]:
    """The languages on the home screen's row (the current one always among them), and whether
    there are more than fit."""
    offered = languages()
    if len(offered) <= ROW:
        return offered, False
    row = offered[:ROW - 1]
    current_one = [(code, name) for code, name in offered if code == current()]
    row += current_one if current_one and current_one[0] not in row else [offered[ROW - 1]]
    return row, True


def direction(code: str) -> str:
    """The writing direction of a language: "rtl" for Arabic, else "ltr"."""
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


def translations():
    """This request's catalogue, looked up once: a page asks for it dozens of times."""
    found = g.get("translations")
    if found is None:
        found = g.translations = get_translations()
    return found


def use_language(code: str) -> None:
    """Speak this language for the rest of the request (the phone's upload page)."""
    g.language = code
    g.pop("translations", None)
    refresh()


# "30 l" must not break across two lines: a no-break space between a number and its unit.
_NUMBER_UNIT = re.compile(r"(\d)\s+(l|ml|cl|kg|g|cm|mm|m)\b")


def unbreakable(text: str) -> str:
    """Glue each number to the unit after it: "Restafvalzak 30 l" keeps "30 l" on one line."""
    return _NUMBER_UNIT.sub("\\1\u00a0\\2", text)


def product_name(product: Product) -> str:
    """A product's name in this visitor's language (the Dutch name when there is none)."""
    return unbreakable(product.name_in(current()))


def product_name_of(code: str, fallback: str = "") -> str:
    """The name of a product by its code (a basket line, a receipt line), in this language."""
    known = g.get("products_by_code")
    if known is None:
        known = g.products_by_code = {
            p.code: p for p in list_products(get_db(), include_inactive=True, kind=None)}
    product = known.get(code)
    return product_name(product) if product else unbreakable(fallback or code)


def init_app(app: Flask) -> None:
    """Set up Flask-Babel with the session's language and Brussels time."""
    babel.init_app(app, locale_selector=select_locale,
                   timezone_selector=lambda: current_app.config["TIMEZONE"])
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
