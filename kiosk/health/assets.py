"""What every page needs on disk: templates, front-end files and compiled translations."""

from pathlib import Path

from flask import Flask
from jinja2 import TemplateNotFound

# The pages' frame: without one of these every visitor screen is a 500 or looks broken.
TEMPLATES = ("base.html", "frame/head.html", "frame/keyboard.html")
STATIC = (
    "css/kiosk.css",
    "js/kiosk.js",
    "js/keyboard.js",
    "vendor/htmx.min.js",
    "vendor/simple-keyboard/index.js",
    "vendor/simple-keyboard/index.css",
    "vendor/air-datepicker/air-datepicker.js",
    "vendor/air-datepicker/air-datepicker.css",
    "vendor/icons/house.svg",
)


def missing(app: Flask) -> list[str]:
    """The files a page needs that are not there (empty when all is well)."""
    gone = [f"templates/{name}" for name in TEMPLATES if not _template(app, name)]
    static = Path(app.static_folder or "")
    gone += [f"static/{name}" for name in STATIC if not (static / name).is_file()]
    root = Path(app.root_path)
    for language in app.config["LANGUAGES"]:
        if language == app.config["DEFAULT_LANGUAGE"]:
            continue  # the source language needs no catalogue
        mo = Path("translations") / language / "LC_MESSAGES" / "messages.mo"
        if not (root / mo).is_file():
            gone.append(str(mo))
    return gone


def _template(app: Flask, name: str) -> bool:
    try:
        app.jinja_env.loader.get_source(app.jinja_env, name)
    except TemplateNotFound:
        return False
    return True
