"""A visitor's slip on its way: what the screen says while it prints, in plain words."""

from flask import Blueprint, abort

from kiosk.db import get_db
from kiosk.htmx import render
from printer import queue

bp = Blueprint("slips", __name__, url_prefix="/slip")


@bp.get("/<id:job_id>")
def status(job_id: int):
    """The slip's state; the partial asks again by itself until the slip is out."""
    job = queue.get_job(get_db(), job_id)
    if job is None:
        abort(404)
    return render("slips/status.html", "slips/_slip_status.html", job=job)
