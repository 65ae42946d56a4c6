"""/healthz: is the kiosk well? JSON for a monitor and for the volunteers."""

from flask import Blueprint, current_app, jsonify

from kiosk import __version__
from kiosk.db import get_db
from kiosk.health import assets
from kiosk.printing import printing
from printer import queue

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """Database, files, printers, queue length and version; 503 when pages cannot work."""
    gone = assets.missing(current_app)
    body = {"version": __version__, "database": "ok", "queue_length": None,
            "files": f"missing: {', '.join(gone)}" if gone else "ok"}
    try:
        body["queue_length"] = queue.queue_length(get_db())
    except Exception as error:  # noqa: BLE001 - any failure means "not ok", reported as text
        body["database"] = f"error: {error}"
    state, a4 = printing().state(), printing().a4_state()
    body["printers"] = {
        "receipt": {
            "address": str(printing().address),
            "state": state.status.state,
            "detail": state.status.detail,
            "paper_low": state.status.paper_low,
            "last_error": state.last_error,
            "worker_running": state.running,
        },
        "document": {"address": current_app.config["DOCUMENT_PRINTER"],
                     "state": "online" if a4.ready else "error", "detail": a4.detail,
                     "worker_running": printing().a4 is not None},
    }
    well = body["database"] == "ok" and not gone
    return jsonify(body), 200 if well else 503
