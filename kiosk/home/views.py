"""Home screen, language switch and the idle reset that forgets the previous visitor."""

from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for

from kiosk import clock, features
from kiosk.db import get_db
from kiosk.home.favicon import ico as favicon_ico
from kiosk.htmx import htmx
from kiosk.i18n import use_language
from kiosk.pagecache import shared_page
from kiosk.security import lan_allowed

bp = Blueprint("home", __name__)


def _idle_goes_to_reset() -> bool:
    """Whether this home screen still has something to forget (a language, a desk login)."""
    return bool(session.get("lang") or session.get("volunteer_id"))


def _home_vary() -> tuple:
    """What the kept home page depends on: something to forget, the bottom bar and the day.

    Not every database write: the print worker writes every few seconds.
    """
    local = clock.local_day_bounds(clock.now(), current_app.config["TIMEZONE"])[0]
    return _idle_goes_to_reset(), features.home_bar_version(), local


@bp.get("/")
@shared_page(vary=_home_vary)
def index():
    """The home screen with a tile per feature and what features show in its bottom bar."""
    return render_template("home/index.html", tiles=features.tiles(), bar=features.home_bar(),
                           sheets=features.sheets())


@bp.get("/lang/<code>")
def language(code: str):
    """Switch the language for this visit, then go back where the visitor was.

    A boosted tap on the home screen's row gets the home screen in its new language at once:
    a redirect would cost a Pi's browser a second round trip (measured in bench/bench_taps.py).
    """
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    target = request.args.get("next", "")
    # Only a path on this kiosk, never another site.
    if not target.startswith("/") or target.startswith("//") or urlsplit(target).netloc:
        target = url_for("home.index")
    if htmx and htmx.boosted and target == url_for("home.index"):
        use_language(session.get("lang") or current_app.config["DEFAULT_LANGUAGE"])
        return index()
    return redirect(target)


@bp.get("/languages")
@shared_page(vary=_idle_goes_to_reset)
def languages():
    """Every language offered, each in its own name, when the home screen's row is full."""
    return render_template("home/languages.html")


@bp.get("/favicon.ico")
@lan_allowed
def favicon():
    """The small icon browsers ask for on their own (phones on the Wi-Fi too)."""
    response = current_app.response_class(favicon_ico(), mimetype="image/vnd.microsoft.icon")
    response.cache_control.max_age = 86400
    return response


@bp.get("/reset")
def reset():
    """Forget everything of the previous visitor and show the home screen."""
    for feature in features.declared():
        if feature.reset:  # what the visitor left half done is not kept for the next one
            feature.reset(get_db(), session)
    session.clear()
    response = redirect(url_for("home.index"), code=303)
    response.headers["Clear-Site-Data"] = '"storage"'
    return response
