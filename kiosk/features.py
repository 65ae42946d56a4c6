"""What a feature declares (Feature) and the features the kiosk is made of (ALL).

A new feature is a package kiosk/<name>/ (views.py, desk.py, store.py, slips.py, export.py, as
it needs them) with `FEATURE = Feature(...)` in its `__init__.py`, and one more name in ALL:
create_app, the home screen, the desk's menu, the audit log, `kiosk purge` and `kiosk export`
collect what they need from the declarations. Features never import each other.
"""

import importlib
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

import click
from flask import Blueprint, Flask, current_app
from sqlite_utils import Database

from kiosk.audit import Label
from kiosk.config import DEFAULTS

# The feature packages under kiosk/, in order: blueprints are registered, tiles shown, purges
# run and export files written in this order.
ALL = ["home", "checkin", "shop", "till", "prints", "ideas", "desk", "health", "help", "shifts",
       "rights", "info", "activities", "volunteering", "speech", "reports"]


@dataclass(frozen=True)
class Tile:
    """A home-screen tile: where it leads, its one- or two-word label, its pictogram."""

    endpoint: str
    label: object
    icon: str


@dataclass(frozen=True)
class MenuEntry(Tile):
    """A page in the desk's menu: what a tile has, and `order`, where it goes in the menu."""

    order: int = 0


@dataclass(frozen=True)
class Export:
    """One CSV file of `kiosk export`: its name, columns, the month's rows and what a row is.

    `rows(db, start, end)` runs in the app's context and gives the rows of [start, end).
    `private` columns (free texts, names) never leave: not in the CSV, not in the month file;
    `counts` columns hold counts of people and leave as "< 5" when small (REPORT_MIN_COUNT).
    """

    file: str
    columns: tuple[str, ...]
    rows: Callable[[Database, datetime, datetime], Iterable[dict]]
    counted: str
    private: tuple[str, ...] = ()
    counts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feature:
    """What a feature brings; every part is optional.

    purge(db) deletes what its retention rules say must go and says what went (in Dutch, for
    `kiosk purge`); reset(db, session) drops what a visitor left when the screen resets;
    paid(db, payment, receipt) runs in a sale's transaction for a payment the feature started;
    a4_worker is the class that drives the A4 printer (its feature prints documents);
    home_bar() draws the feature's piece of the home screen's bottom bar from the database, and
    home_bar_version() says when to draw it again (the kept home page is also drawn each day);
    parts are templates the core's pages include at a named place ("home" under the home
    screen's tiles, "home-bar" in its bottom bar, "desk" at the end of the desk's menu): for
    pieces that draw and refresh themselves; sheets are the style sheets (under static/) its
    visitor screens use besides the frame's: the home screen has them loaded but off, so a tap
    on a tile shows its screen without waiting for one (static/js/boost.js turns it on).
    """

    name: str
    blueprints: tuple[Blueprint, ...] = ()
    tile: Tile | None = None
    desk_menu: tuple[MenuEntry, ...] = ()
    audit_labels: Mapping[str, Label] = field(default_factory=dict)
    purge: Callable[[Database], str] | None = None
    export: Export | None = None
    commands: tuple[click.Command, ...] = ()
    settings: Mapping[str, object] = field(default_factory=dict)
    reset: Callable[[Database, Mapping], None] | None = None
    paid: Callable[[Database, Mapping, object], None] | None = None
    a4_worker: Callable | None = None
    home_bar: Callable[[], object] | None = None
    home_bar_version: Callable[[], Hashable] | None = None
    parts: Mapping[str, str] = field(default_factory=dict)
    sheets: tuple[str, ...] = ()


def load(names: Iterable[str] | None = None) -> list[Feature]:
    """The declarations of the feature packages named in ALL (imported now, not before)."""
    return [importlib.import_module(f"kiosk.{name}").FEATURE
            for name in (ALL if names is None else names)]


def defaults(features: Iterable[Feature] | None = None) -> dict:
    """Every setting's default: the core's, then each feature's own."""
    found = dict(DEFAULTS)
    for feature in load() if features is None else features:
        found.update(feature.settings)
    return found


def a4_worker(features: Iterable[Feature]) -> Callable | None:
    """The A4 printer's worker class, from the feature that declares one."""
    return next((f.a4_worker for f in features if f.a4_worker is not None), None)


def init_app(app: Flask, features: list[Feature]) -> None:
    """Register the features' blueprints and commands; keep them for the core to collect."""
    app.extensions["features"] = features
    for feature in features:
        for blueprint in feature.blueprints:
            app.register_blueprint(blueprint)
        for command in feature.commands:
            app.cli.add_command(command)
    menu = sorted((entry for f in features for entry in f.desk_menu), key=lambda e: e.order)
    app.jinja_env.globals["desk_menu"] = [(e.endpoint, e.label, e.icon) for e in menu]
    app.jinja_env.globals["parts"] = parts


def declared() -> list[Feature]:
    """This app's features."""
    return current_app.extensions["features"]


def tiles() -> list[Tile]:
    """The home screen's tiles, one per feature that has one."""
    return [f.tile for f in declared() if f.tile is not None]


def audit_labels() -> dict[str, Label]:
    """Every audit-log action's label (and words), from all features."""
    labels: dict[str, Label] = {}
    for feature in declared():
        labels.update(feature.audit_labels)
    return labels


def home_bar() -> list:
    """The pieces of the home screen's bottom bar that features draw, in their order."""
    return [f.home_bar() for f in declared() if f.home_bar is not None]


def home_bar_version() -> tuple:
    """A value that changes when a piece of the home screen's bottom bar may have changed."""
    return tuple(f.home_bar_version() for f in declared() if f.home_bar_version is not None)


def parts(place: str) -> list[str]:
    """The templates the features put at a place of the core's pages, in the features' order."""
    return [f.parts[place] for f in declared() if place in f.parts]


def sheets() -> list[str]:
    """The style sheets the features' visitor screens use, each once, in the features' order."""
    return list(dict.fromkeys(sheet for f in declared() for sheet in f.sheets))
