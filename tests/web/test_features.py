"""A feature declares itself: the app collects its blueprints, tile, menu entry, labels and more."""

import csv
import re
import sys
import types
from pathlib import Path

import click
import pytest
from flask import Blueprint

from kiosk import audit, create_app, features
from kiosk.db import connect
from kiosk.features import Export, Feature, MenuEntry, Tile
from tests.helpers import add_volunteer, log_in

LENDING = "lending"


def _lending_feature(calls: list) -> Feature:
    """A feature that exists only in this test: lending books, declared in one value."""
    bp = Blueprint(LENDING, __name__, url_prefix="/lending")
    bp.add_url_rule("", "index", lambda: "Boeken lenen")
    bp.add_url_rule("/desk", "desk", lambda: "Uitgeleende boeken")

    def purge(db):
        calls.append("purge")
        return "3 leningen vergeten"

    def rows(db, start, end):
        return [{"kiosk": "BP1", "title": "Kikker is verliefd"}]

    @click.command("lending-report")
    def report():
        """Say how many books are out."""
        click.echo("2 boeken uitgeleend")

    return Feature(
        LENDING,
        blueprints=(bp,),
        tile=Tile("lending.index", "Boeken lenen", "book-open"),
        desk_menu=(MenuEntry("lending.desk", "Uitlenen", "book-open", 65),),
        audit_labels={"book-lent": ("boek uitgeleend", "%(title)s")},
        purge=purge,
        export=Export("loans.csv", ("kiosk", "title"), rows, "leningen"),
        commands=(report,),
        settings={"LENDING_DAYS": 14},
        reset=lambda db, session: calls.append("reset"),
        sheets=("css/lending.css",),
    )


@pytest.fixture
def calls():
    return []


@pytest.fixture
def lending_app(tmp_path, monkeypatch, calls):
    """A kiosk with one more name in features.ALL, its package holding only FEATURE."""
    package = types.ModuleType(f"kiosk.{LENDING}")
    package.FEATURE = _lending_feature(calls)
    monkeypatch.setitem(sys.modules, f"kiosk.{LENDING}", package)
    monkeypatch.setattr(features, "ALL", [*features.ALL, LENDING])
    return create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True})


def test_features_a_declared_tile_is_on_the_home_screen(lending_app):
    body = lending_app.test_client().get("/").get_data(as_text=True)
    assert "Boeken lenen" in body and 'href="/lending"' in body


def test_features_declared_sheets_wait_on_the_home_screen_loaded_but_off(lending_app):
    """The sheets a feature's screens use are in the home screen's head, off (static/js/boost.js
    turns one on when a tap brings its screen), each once."""
    body = lending_app.test_client().get("/").get_data(as_text=True)
    head = body.split("</head>")[0]
    assert re.search(r'<link rel="stylesheet" href="/static/css/lending.css[^"]*" '
                     r'media="not all" data-boost-spare>', head)
    assert head.count("css/ideas.css") == 1  # ideas and volunteering both use it


def test_features_every_declared_sheet_exists_and_only_home_has_them(app):
    with app.test_request_context():
        sheets = features.sheets()
    assert {"css/ideas.css", "css/help.css", "css/info.css", "css/activities.css"} <= set(sheets)
    for sheet in sheets:
        assert (Path(app.static_folder) / sheet).is_file(), sheet
    # Elsewhere no spare sheets: only the home screen is where every tap starts.
    assert "data-boost-spare" not in app.test_client().get("/shop").get_data(as_text=True)


def test_features_a_declared_menu_entry_is_on_the_desk_in_its_place(lending_app):
    client = lending_app.test_client()
    log_in(client, add_volunteer(lending_app))
    body = client.get("/desk").get_data(as_text=True)
    assert 'href="/lending/desk"' in body
    # order 65: after Prijzen (60), before Ideeën (70)
    assert body.index('href="/desk/catalogue"') < body.index('href="/lending/desk"') \
        < body.index('href="/desk/ideas"')


def test_features_a_declared_audit_label_says_the_action_in_words(lending_app):
    client = lending_app.test_client()
    volunteer = add_volunteer(lending_app)
    log_in(client, volunteer)
    db = connect(lending_app.config["DATABASE"])
    audit.log(db, "book-lent", volunteer=volunteer, title="Kikker is verliefd")
    db.close()
    assert "boek uitgeleend: Kikker is verliefd" in client.get("/desk").get_data(as_text=True)


def test_features_purge_runs_the_declared_purge_and_says_what_went(lending_app, calls):
    result = lending_app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert calls == ["purge"]
    assert result.output.startswith("Opgeruimd: 0 bestand(en) van bezoekers gewist, ")
    assert result.output.endswith(", 3 leningen vergeten.\n")


def test_features_export_writes_the_declared_file(lending_app, tmp_path):
    out = tmp_path / "out"
    result = lending_app.test_cli_runner().invoke(
        args=["export", "--month", "2026-03", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "loans.csv (1 leningen)" in result.output
    with (out / "loans.csv").open(encoding="utf-8", newline="") as fh:
        assert list(csv.DictReader(fh)) == [{"kiosk": "BP1", "title": "Kikker is verliefd"}]


def test_features_commands_settings_and_reset_come_from_the_declaration(lending_app, calls):
    assert lending_app.config["LENDING_DAYS"] == 14
    result = lending_app.test_cli_runner().invoke(args=["lending-report"])
    assert result.output == "2 boeken uitgeleend\n"
    lending_app.test_client().get("/reset")
    assert calls == ["reset"]


def test_features_without_the_declaration_nothing_of_it_is_there(app):
    client = app.test_client()
    assert "Boeken lenen" not in client.get("/").get_data(as_text=True)
    assert client.get("/lending").status_code == 404
    assert "LENDING_DAYS" not in app.config and "lending-report" not in app.cli.list_commands(None)


def test_features_todays_tiles_and_menu_keep_their_order(app):
    with app.test_request_context():
        assert [t.endpoint for t in features.tiles()] == [
            "checkin.index", "shop.index", "prints.index", "ideas.index", "help.index",
            "rights.index", "info.index", "activities.index"]
    assert [entry[0] for entry in app.jinja_env.globals["desk_menu"]] == [
        "desk.index", "help_desk.index", "journal.index", "printers.index", "cash.index",
        "stock.index", "catalogue.index", "ideas_desk.index", "shifts_desk.index",
        "rights_desk.index", "activities_desk.index", "referrals.index", "info_desk.index",
        "volunteering_desk.index", "reports.index"]
