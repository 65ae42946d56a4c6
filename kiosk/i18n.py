"""Languages: plain Dutch by default, the visitor's choice for the rest of their visit."""

from flask import Flask, current_app, g, session
from flask_babel import Babel

babel = Babel()

NAMES = {"nl": "Nederlands", "en": "English", "fr": "Français", "ar": "العربية", "tr": "Türkçe"}


def select_locale() -> str:
    """The language this visitor chose (on the kiosk, or for their phone), else the default."""
    lang = g.get("language") or session.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        return lang
    return current_app.config["DEFAULT_LANGUAGE"]


def languages() -> list[tuple[str, str]]:
    """The switchable languages as (code, name in that language)."""
    return [(code, NAMES.get(code, code)) for code in current_app.config["LANGUAGES"]]


def init_app(app: Flask) -> None:
    """Set up Flask-Babel with the session's language and Brussels time."""
    babel.init_app(app, locale_selector=select_locale,
                   timezone_selector=lambda: current_app.config["TIMEZONE"])
