"""Proof on paper that a visitor's file is gone: what was done with it, never its name."""

from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from sqlite_utils import Database

from kiosk import clock
from kiosk.db import immediate
from kiosk.printing import speaking, visitor_slip
from kiosk.prints import store as documents
from kiosk.prints.store import Document
from printer import queue
from printer.slip import Blank, Header, Row, Slip, Text, local_time


def proof_slip(doc: Document, header: Header) -> Slip:
    """The slip: received, printed, deleted (times in Brussels), in the visitor's language."""
    with speaking(doc.language) as language:
        body = []
        if doc.uploaded_at:
            body.append(Row(gettext("Ontvangen"),
                            local_time(clock.parse(doc.uploaded_at), language)))
        if doc.printed_at:
            pages = doc.pages_to_print
            body.append(Row(gettext("Afgedrukt"),
                            ngettext("%(num)s pagina", "%(num)s pagina's", pages)))
        body += [
            Row(gettext("Gewist"), local_time(clock.parse(doc.deleted_at), language), bold=True),
            Blank(),
            Text(gettext("Je bestand staat niet meer op de kiosk. We houden alleen het aantal "
                         "pagina's, de prijs en de tijden bij.")),
        ]
    return visitor_slip(language, _l("Bewijs: je bestand is gewist"), body, header, clock.now())


def print_proof(db: Database, doc_id: int, header: Header) -> int | None:
    """Queue the proof once per document, however often it is asked; None while the file exists."""
    with immediate(db):
        doc = documents.get(db, doc_id)
        if doc is None or doc.deleted_at is None:
            return None
        if doc.proof_job is not None:
            return doc.proof_job
        job_id = queue.enqueue(db, "proof", proof_slip(doc, header))
        documents.note_proof(db, doc_id, job_id)
    return job_id
