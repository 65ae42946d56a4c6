"""The slip a neighbour takes home after offering to help: the number, and who will be in touch.

In the language the offer was made in, under a Dutch title line; never the contact details.
"""

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from kiosk import clock
from kiosk.printing import speaking, visitor_slip
from kiosk.volunteering import choices
from printer.slip import BigNumber, Blank, Header, Slip, Text


def thanks_slip(offer: dict, header: Header) -> Slip:
    """Thanks, what was offered, and what happens next (a call, or ask at the desk)."""
    with speaking(offer["language"]) as language:
        tasks = [str(choices.label(choices.TASKS, code)) for code in offer["tasks"].split("+")
                 if code and code != "anders"]
        body = [BigNumber(str(offer["id"]), caption=gettext("Je nummer")), Blank(),
                Text(gettext("Bedankt dat je wil helpen!"), align="center", bold=True)]
        body += [Text(f"- {task}") for task in tasks]
        if offer["other"]:
            body.append(Text(f"- {offer['other']}"))
        body.append(Blank())
        if offer["consent_at"]:
            body.append(Text(gettext("Een buurtopbouwwerker neemt contact met je op om samen "
                                     "te kijken wat bij je past."), align="center"))
        else:
            body.append(Text(gettext("Vraag aan de balie naar de buurtopbouwwerker en noem dit "
                                     "nummer. Samen kijken jullie wat bij je past."),
                             align="center"))
    return visitor_slip(language, _l("Ik wil helpen"), body, header,
                        clock.parse(offer["created_at"]))
