"""/healthz: is the kiosk well? JSON for a monitor and for the volunteers."""

from flask import Blueprint, current_app, jsonify

from kiosk import __version__
from kiosk.db import get_db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """Database, printers, queue length and version; 503 when the database does not answer."""
    try:
        get_db().execute("SELECT count(*) FROM sqlite_master").fetchone()
        database = "ok"
    except Exception as error:  # noqa: BLE001 - any failure means "not ok", reported as text
        database = f"error: {error}"
    body = {
        "database": database,
        "printers": {
            "receipt": {"address": current_app.config["RECEIPT_PRINTER"], "state": "unknown"},
            "document": {"address": current_app.config["DOCUMENT_PRINTER"], "state": "unknown"},
        },
        "queue_length": 0,
        "version": __version__,
    }
    return jsonify(body), 200 if database == "ok" else 503
