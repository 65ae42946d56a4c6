"""/healthz says 503 when a page could not work: templates, front-end files or translations gone."""

import shutil
from pathlib import Path

import pytest

from kiosk import create_app


@pytest.fixture
def copied_app(tmp_path):
    """A kiosk whose templates, static files and translations are copies the test may break."""
    root = Path(__file__).resolve().parents[2]
    for folder in ("templates", "kiosk/static", "kiosk/translations"):
        shutil.copytree(root / folder, tmp_path / folder, ignore=_other_icons)
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True})
    app.static_folder = str(tmp_path / "kiosk/static")
    app.root_path = str(tmp_path / "kiosk")
    app.jinja_loader.searchpath = [str(tmp_path / "templates")]
    app.jinja_env.cache.clear()
    return app, tmp_path


def _other_icons(folder, names):
    """Of the ~1,500 pictograms only the one /healthz looks for (copying all is slow)."""
    return [name for name in names if folder.endswith("icons") and name != "house.svg"]


def test_healthz_is_ok_when_every_file_is_there(copied_app):
    app, _ = copied_app
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["files"] == "ok"


@pytest.mark.parametrize("gone", [
    "templates/base.html",
    "kiosk/static/vendor/htmx.min.js",
    "kiosk/static/vendor/simple-keyboard/index.js",
    "kiosk/static/css/kiosk.css",
    "kiosk/translations/fr/LC_MESSAGES/messages.mo",
])
def test_healthz_is_503_when_a_file_a_page_needs_is_missing(copied_app, gone):
    app, root = copied_app
    (root / gone).unlink()
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert Path(gone).name in response.get_json()["files"]


def test_healthz_is_503_without_the_vendor_folder(copied_app):
    app, root = copied_app
    shutil.rmtree(root / "kiosk/static/vendor")
    body = app.test_client().get("/healthz").get_json()
    assert "static/vendor/htmx.min.js" in body["files"]
