"""Where to go, on paper: a place, the city's online services as QR codes, a referral.

Every slip speaks the visitor's language under a Dutch title line. A referral names no one: it
has an empty line where the visitor may write a name by hand, if they want one there.
"""

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from kiosk import clock, opennow
from kiosk.places import Place
from kiosk.printing import speaking, visitor_slip
from printer.slip import Blank, Header, QRCode, Rule, Slip, Text

PLACE = _l("Waar kan ik terecht?")
ONLINE = _l("De stad online")
REFERRAL = _l("Doorverwijzing")


def _qr(place: Place, caption: str) -> list:
    return [Blank(), QRCode(place.url, caption=caption)] if place.url else []


def place_slip(place: Place, language: str, header: Header) -> Slip:
    """One place: what it is for, where, its phones and hours, what to bring, a QR code."""
    with speaking(language) as language:
        about, _ = place.text("about", language)
        body = [*opennow.paper(place, language)]
        if about:
            body += [Blank(), Text(about)]
        body += _qr(place, gettext("Meer uitleg op je telefoon"))
    return visitor_slip(language, PLACE, body, header, clock.now())


def online_slip(places: list[Place], language: str, header: Header) -> Slip:
    """The city's online services, each with a QR code to open it later on a phone."""
    with speaking(language) as language:
        body = [Text(gettext("Scan een code met de camera van je telefoon."))]
        for place in places:
            name, _ = place.text("name", language)
            about, _ = place.text("about", language)
            body += [Rule(), Text(name, bold=True)]
            body += [Text(about)] if about else []
            body += [QRCode(place.url, caption=place.url)] if place.url else []
    return visitor_slip(language, ONLINE, body, header, clock.now())


def referral_slip(place: Place, reason: str, language: str, header: Header,
                  name_line: bool = False) -> Slip:
    """Where the buurtpunt sends the visitor, why, when it is open and what to bring."""
    with speaking(language) as language:
        body = [Text(gettext("Verwezen door het buurtpunt"), bold=True)]
        if name_line:
            body += [Blank(), Text(gettext("Naam:") + " " + "_" * 24)]
        body += [Blank(), Text(gettext("Waarvoor: %(reason)s", reason=reason)), Rule(),
                 Text(gettext("Ga naar:"), bold=True), *opennow.paper(place, language)]
        about, _ = place.text("about", language)
        body += [Text(about)] if about else []
        body += _qr(place, gettext("Meer uitleg op je telefoon"))
        body += [Rule(), Text(gettext("Toon dit briefje daar. Vragen? Kom terug naar het "
                                      "buurtpunt."))]
    return visitor_slip(language, REFERRAL, body, header, clock.now())
