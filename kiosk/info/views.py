"""Where to go: the buurtpunten, the Sociaal Huis and the partners, open now or when; the city's
online services as QR codes; each place and the online page print as a slip to take home."""

import uuid

from flask import Blueprint, abort, request
from flask_babel import get_locale

from kiosk import opennow
from kiosk.db import get_db, immediate
from kiosk.forms import KEY_PATTERN
from kiosk.htmx import render
from kiosk.info.slips import online_slip, place_slip
from kiosk.pagecache import FORM_KEY, shared_page
from kiosk.places import get_place, list_places, version
from kiosk.printing import enqueue, header, printing
from printer import queue

bp = Blueprint("info", __name__, url_prefix="/info")
GROUPS = (("buurtpunt",), ("sociaal-huis",), ("partner",))


def _places() -> tuple:
    """Kept pages change with the places (the print worker's writes do not touch them)."""
    return version(get_db())


def _key() -> str:
    key = request.form.get("key", "")
    return key if KEY_PATTERN.match(key) else uuid.uuid4().hex


def shown(place) -> dict:
    """A place as a screen shows it: in this language, with what it is doing now."""
    language = str(get_locale())
    return {"place": place, "state": opennow.status(place).state,
            "words": opennow.words(place, language), "holiday": opennow.holiday(place, language),
            "week": opennow.week(place, language)}


@bp.get("")
@shared_page(vary=_places)
def index():
    """Every place, grouped: buurtpunten, the Sociaal Huis, partners; open now or when."""
    db = get_db()
    groups = [(kinds[0], [shown(p) for p in list_places(db, kinds)]) for kinds in GROUPS]
    return render("info/index.html", "info/_info.html", groups=groups)


@bp.get("/place/<code>")
@shared_page(vary=_places)
def place(code: str):
    """One place: what it is for, where, how to reach it, its hours, what to bring."""
    return _place(code, FORM_KEY)


def _place(code: str, key: str, job=None):
    found = get_place(get_db(), code)
    if found is None or not found.active or found.kind == "online":
        abort(404)
    return render("info/place.html", "info/_place.html", key=key, job=job, **shown(found))


@bp.post("/place/<code>/print")
def print_place(code: str):
    """The place as a slip, once per visit however often it is tapped."""
    db, key = get_db(), _key()
    found = get_place(db, code)
    if found is None or not found.active or found.kind == "online":
        abort(404)
    job = _queue(db, f"info:{key}:{code}", lambda: place_slip(found, str(get_locale()), header()))
    return _place(code, key, job)


@bp.get("/online")
@shared_page(vary=_places)
def online():
    """The city's online services as QR codes, to open later on a phone."""
    return _online(FORM_KEY)


def _online(key: str, job=None):
    places = list_places(get_db(), ("online",))
    return render("info/online.html", "info/_online.html", places=places, key=key, job=job)


@bp.post("/online/print")
def print_online():
    """The online services page as a slip, once per visit."""
    db, key = get_db(), _key()
    places = list_places(db, ("online",))
    if not places:
        abort(404)
    job = _queue(db, f"info:{key}:online",
                 lambda: online_slip(places, str(get_locale()), header()))
    return _online(key, job)


def _queue(db, ref: str, build):
    with immediate(db):  # find-or-queue in one transaction: two taps, one slip
        job = queue.find(db, ref)
        job_id = job.id if job else enqueue(db, "info", build(), ref=ref)
    printing().wake()
    return queue.get_job(db, job_id)
