"""Activities on paper: the visitor's sign-up slip, and the list of names for the door.

The sign-up slip speaks the language the visitor signed up in (under a Dutch title line) and never
carries the phone number; the door list is for the volunteers, in Dutch, names only.
"""

from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l

from kiosk import clock
from kiosk.activities.store import text
from kiosk.printing import speaking, visitor_slip
from printer import formats
from printer.slip import BigNumber, Blank, Header, Row, Rule, Slip, Text, format_cents, local_time


def when(activity: dict, language: str) -> tuple[str, str]:
    """The activity's day written out and its hours ("14:00 - 16:00"), in a language."""
    starts, ends = clock.parse(activity["starts_at"]), clock.parse(activity["ends_at"])
    return (formats.plain(formats.long_day(starts, language)),
            f"{formats.clock(starts, language)} - {formats.clock(ends, language)}")


def signup_slip(activity: dict, signup: dict, header: Header) -> Slip:
    """The slip a visitor takes home: what, when, where, for how many, and the sign-up number."""
    with speaking(signup["language"]) as language:
        day, hours = when(activity, language)
        place = text(activity, "place", language) or gettext("In het buurtpunt")
        body = [
            BigNumber(str(signup["number"]), caption=gettext("Je inschrijvingsnummer")),
            Blank(),
            Text(text(activity, "title", language), align="center", bold=True),
            Row(gettext("Wanneer"), day), Row("", hours),
            Row(gettext("Waar"), place),
            Row(gettext("Voor"), ngettext("%(num)s persoon", "%(num)s personen",
                                          signup["people"])),
        ]
        if text(activity, "bring", language):
            body.append(Row(gettext("Breng mee"), text(activity, "bring", language)))
        if activity["cost_cents"]:
            body.append(Row(gettext("Kost"), format_cents(activity["cost_cents"], language)))
        body += [Blank(), Text(gettext("Kan je toch niet komen? Zeg het aan de balie, dan kan "
                                       "iemand anders je plaats krijgen."), align="center")]
    return visitor_slip(language, _l("Inschrijving voor een activiteit"), body, header,
                        clock.parse(signup["created_at"]))


def door_list(activity: dict, signups: list[dict], header: Header) -> Slip:
    """The names for the door, in sign-up order, with a box to tick; no phone numbers."""
    day, hours = when(activity, formats.PAPER)
    present = [s for s in signups if not s["cancelled_at"]]
    body = [Text(activity["title"], bold=True), Text(f"{day} {hours}"),
            Text(activity["place"] or "In het buurtpunt"), Rule()]
    body += [Row(f"[ ] {s['number']:>3}  {s['name']}", f"x {s['people']}") for s in present]
    if not present:
        body.append(Text("Nog niemand ingeschreven."))
    people = sum(s["people"] for s in present)
    body += [Rule(), Row("Ingeschreven", f"{people} van {activity['capacity'] or '-'}",
                         bold=True)]
    if activity["cancelled_at"]:
        body.append(Text(f"AFGELAST: {activity['cancel_reason']}", bold=True))
    return Slip(header=header, title="Deurlijst",
                body=body, printed_at=local_time(clock.now()),
                footer=["Alleen namen: telefoonnummers staan aan de balie."])
