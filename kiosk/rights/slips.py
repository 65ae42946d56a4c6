"""A rights card on paper, to take home: what, for whom, where to ask, what to bring, a QR code.

In the visitor's language under a Dutch title line; the answers are not on it (nor anywhere).
"""

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from kiosk import clock, opennow
from kiosk.places import Place
from kiosk.printing import speaking, visitor_slip
from kiosk.rights.rules import Right
from printer.slip import Blank, Header, QRCode, Rule, Slip, Text

TITLE = _l("Mijn rechten: een eerste aanwijzing")
AUTOMATIC = {
    "yes": _l("Dit krijg je meestal vanzelf."),
    "sometimes": _l("Soms krijg je dit vanzelf. Vraag het na."),
    "no": _l("Dit moet je zelf aanvragen."),
}


def card_slip(right: Right, place: Place | None, language: str, header: Header) -> Slip:
    """The card as a slip, with a QR code to the official page."""
    with speaking(language) as language:
        title, _ = right.text("title", language)
        body = [Text(title, bold=True), Blank()]
        for label, name in ((gettext("Wat is het?"), "what"), (gettext("Voor wie?"), "who"),
                            (gettext("Waar vraag je het?"), "where"),
                            (gettext("Wat breng je mee?"), "bring")):
            text, _ = right.text(name, language)
            if text:
                body += [Text(label, bold=True), Text(text)]
        body += [Text(str(AUTOMATIC[right.automatic]))]
        if place is not None:
            body += [Rule(), Text(gettext("Hier helpen ze je:"), bold=True),
                     *opennow.paper(place, language)]
        body += [Rule(), Text(gettext("Dit is een eerste aanwijzing, geen beslissing. "
                                      "Wie beslist, bekijkt je situatie."))]
        body.append(Text(gettext("Tekst nagekeken op %(day)s",
                                 day=opennow.day_text(right.checked, language))))
        if right.source:
            body += [Blank(), QRCode(right.source, caption=gettext("Meer uitleg op je telefoon"))]
    return visitor_slip(language, TITLE, body, header, clock.now())

