"""/speak: a text said in a language, as a WAV file the page plays (no cloud, no browser voice)."""

import subprocess

from flask import Blueprint, abort, current_app, request

from kiosk import voice

bp = Blueprint("speech", __name__)


@bp.get("/speak")
def speak():
    """The audio of ?text= in ?lang=; 404 when that language has no voice here."""
    text, lang = request.args.get("text", "").strip(), request.args.get("lang", "")
    if not text or len(text) > voice.MAX_CHARS:
        abort(400)
    try:
        path = voice.engine().audio(text, lang)
    except voice.NoVoice:
        abort(404)
    except (subprocess.SubprocessError, OSError, RuntimeError):
        abort(503)  # espeak-ng failed or hung: the page says so, the screen still works
    # A screen's audio is some 100 kB: read whole, so no file stays open after the answer.
    response = current_app.response_class(path.read_bytes(), mimetype="audio/wav")
    response.headers["Cache-Control"] = "no-store"
    return response
