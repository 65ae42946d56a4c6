"""Prints: a document from a visitor's phone, a slip's progress, the desk's printer page."""

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from sqlite_utils import Database

from kiosk.features import Export, Feature, MenuEntry, Tile
from kiosk.printing import printing
from kiosk.prints import desk, export, slip_status, upload, views
from kiosk.prints import store as documents
from kiosk.prints.worker import DocumentWorker


def _purge(db: Database) -> str:
    return f"{documents.purge(db, printing().uploads)} bestand(en) van bezoekers gewist"


def _reset(db: Database, session: Mapping) -> None:
    if "document_id" in session:  # an unconfirmed document is not kept for the next visitor
        documents.abandon(db, session["document_id"])


def _paid(db: Database, payment: Mapping, receipt) -> None:
    if payment.get("document_id"):  # a paid print goes to the A4 printer with its sale
        documents.release(db, payment["document_id"], receipt.total_cents, receipt.number)


FEATURE = Feature(
    "prints",
    blueprints=(desk.bp, slip_status.bp, views.bp, upload.bp),
    tile=Tile("prints.index", _l("Iets printen"), "printer"),
    desk_menu=(MenuEntry("printers.index", _l("Printer"), "printer", 30),),
    audit_labels=desk.ACTIONS,
    purge=_purge,
    reset=_reset,
    paid=_paid,
    a4_worker=DocumentWorker,
    export=Export("prints.csv", export.COLUMNS, export.month_rows, "documenten"),
    settings={
        "PRINT_MAX_MB": 20,
        "PRINT_MAX_PAGES": 50,
        "PRINT_MAX_COPIES": 10,
        "PRINT_FREE_PAGES": 0,  # free pages per document before the price per page applies
        "DOCUMENT_COLOUR": False,  # True when the A4 printer prints in colour
        "UPLOAD_BASE_URL": "",  # empty: http://<this kiosk's LAN address>:<LAN_LISTEN port>
    },
)
