"""The ticket slip: the number large and smooth, the topic, who is before you, a QR code to follow.

In the visitor's language under a Dutch title line (kiosk.printing.visitor_slip); nothing about
the person.
"""

from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l

from kiosk import clock
from kiosk.help import choices
from kiosk.printing import speaking, visitor_slip
from printer.slip import BigNumber, Blank, Header, QRCode, Slip, Text

TITLE = _l("Wachtnummer")


def before_text(count: int) -> str:
    """How many people wait before you, in words."""
    if count == 0:
        return gettext("Er is niemand voor jou.")
    return ngettext("Er is %(num)s persoon voor jou.", "Er zijn %(num)s mensen voor jou.", count)


def ticket_slip(ticket: dict, before: int, url: str, header: Header) -> Slip:
    """The slip a visitor keeps while waiting for their number to be called."""
    with speaking(ticket["language"]):
        body = [
            BigNumber(str(ticket["number"]), caption=gettext("Je nummer"), smooth=True),
            Text(str(choices.label(ticket["topic"])), align="center", bold=True),
            Blank(),
            Text(before_text(before), align="center"),
            Text(gettext("We roepen je nummer. Kijk op het scherm."), align="center"),
            Blank(),
            QRCode(url, size=5, caption=gettext(
                "Volg je beurt op je gsm: verbind met de wifi van het buurtpunt en scan de code.")),
        ]
    return visitor_slip(ticket["language"], TITLE, body, header,
                        clock.parse(ticket["created_at"]))
