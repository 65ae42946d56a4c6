"""What the printers report, in the language of the screen that shows it.

printer/ is plain Python and reports in codes (a status's reason, an error's kind) with a Dutch
sentence for logs and /healthz; here the codes become the desk's (or visitor's) own words. A
detail that is not a standard sentence (a device name, the system's own error) is kept as a
technical detail next to them.
"""

from flask_babel import lazy_gettext as _l

from printer.document import A4_DETAILS, DocumentPrinterState
from printer.status import DETAILS, PrinterStatus

STATUS = {
    "online": _l("De printer is klaar."),
    "offline": _l("De printer staat uit of is niet bereikbaar."),
    "paper_out": _l("Het papier is op."),
    "unknown": _l("De printer meldt niet hoe het met hem gaat."),
    "cover_open": _l("De printer meldt een storing (deksel open?)."),
    "paper_low": _l("De printer is klaar; het papier is bijna op."),
    "not_checked": _l("Nog niet gecontroleerd."),
    "last_ok": _l("De laatste bon ging goed."),
    "cups": _l("Via CUPS is de papierstatus niet te zien."),
    "file": _l("Bonnetjes worden als bestand bewaard op de kiosk."),
    "no_write": _l("De kiosk mag niet schrijven waar de bonnetjes heen moeten."),
}
ERRORS = {
    "unreachable": _l("De bon kwam niet bij de printer; de kiosk probeert het opnieuw."),
    "interrupted": _l("De printer stopte midden in een bon. Kijk wat eruit kwam."),
    "uncertain": _l("De printer bevestigde de bon niet. Kijk of hij eruit kwam."),
    "internal": _l("Er ging iets mis in de printwachtrij."),
    "error": _l("Het afdrukken lukte niet."),
}
A4 = {
    "not_checked": _l("Nog niet gecontroleerd."),
    "cups_silent": _l("CUPS antwoordt niet."),
    "no_queue": _l("CUPS kent deze printer niet."),
    "disabled": _l("De printer staat uit of heeft een fout."),
    "failed": _l("Het vorige document lukte niet."),
}


def status_text(status: PrinterStatus) -> str:
    """The receipt printer's status in this screen's language."""
    return str(STATUS.get(status.reason) or STATUS.get(status.state) or status.detail)


def status_detail(status: PrinterStatus) -> str:
    """The printer's own detail when it says more than the standard sentence, else ""."""
    return "" if status.detail == DETAILS.get(status.reason) else status.detail


def error_text(kind: str | None) -> str:
    """What the last printing error means, in this screen's language."""
    return str(ERRORS.get(kind or "error", ERRORS["error"]))


def a4_text(state: DocumentPrinterState) -> str:
    """The A4 printer's state in this screen's language (its own words when there is no code)."""
    return str(A4[state.reason]) if state.reason in A4 else state.detail


def a4_detail(state: DocumentPrinterState) -> str:
    """The A4 printer's own detail when it says more than the standard sentence, else ""."""
    if state.reason not in A4 or state.detail == A4_DETAILS.get(state.reason):
        return ""
    return state.detail


def init_app(app) -> None:
    """Give every template these texts."""
    app.jinja_env.globals.update(
        printer_status_text=status_text, printer_status_detail=status_detail,
        printer_error_text=error_text, a4_text=a4_text, a4_detail=a4_detail)
