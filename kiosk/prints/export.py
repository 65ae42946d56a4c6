"""The documents printed in a month, for `kiosk export` (prints.csv): no file name, no person."""

from collections.abc import Iterator
from datetime import datetime

from flask import current_app
from sqlite_utils import Database

from kiosk import clock
from kiosk.prints.store import Document

COLUMNS = ("kiosk", "day", "printed", "language", "pages", "copies", "colour", "price_cents")


def month_rows(db: Database, start: datetime, end: datetime) -> Iterator[dict]:
    """One row per document printed in [start, end), oldest first, in the buurtpunt's zone."""
    config = current_app.config
    for row in db.query("SELECT * FROM documents WHERE printed_at >= ? AND printed_at < ? "
                        "ORDER BY printed_at, id", [clock.iso(start), clock.iso(end)]):
        document = Document(**row)
        printed = clock.local_text(document.printed_at, config["TIMEZONE"])
        yield {"kiosk": config["KIOSK_ID"], "day": printed[:10], "printed": printed,
               "language": document.language, "pages": document.pages_to_print,
               "copies": document.copies or 1, "colour": "yes" if document.colour else "no",
               "price_cents": document.price_cents or 0}
