"""Ideas on paper: the visitor's thank-you slip with the idea's number, and the meeting print.

The thank-you slip speaks the language the idea was given in (under a Dutch title line); the
meeting print is for the team, in Dutch. Neither ever carries contact details: paper lies around
and is not purged.
"""

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from kiosk import clock
from kiosk.ideas import choices
from kiosk.printing import speaking, visitor_slip
from printer.slip import BigNumber, Blank, Header, Row, Rule, Slip, Text, local_time

_STATUS_NL = {"nieuw": "Nieuw", "bekijken": "We bekijken het",
              "doorgegeven": "Doorgegeven aan de stad", "gebeurd": "Gebeurd",
              "niet_mogelijk": "Niet mogelijk"}
_THEME_NL = {"groen": "Groen en natuur", "spelen": "Spelen", "netheid": "Netheid",
             "verkeer": "Verkeer en veiligheid", "samen": "Samen iets organiseren",
             "anders": "Iets anders"}
_KIND_NL = {"idee": "Idee", "melding": "Melding"}


def thanks_slip(idea: dict, header: Header) -> Slip:
    """The slip a visitor takes home: the number to ask about, and a short thank-you."""
    thanks = (_l("Bedankt voor je idee!") if idea["kind"] == "idee"
              else _l("Bedankt voor je melding!"))
    with speaking(idea["language"]) as language:
        body = [
            BigNumber(str(idea["id"]), caption=gettext("Je nummer")),
            Blank(),
            Text(str(choices.label(choices.THEMES, idea["theme"])), align="center", bold=True),
            Blank(),
            Text(gettext("We lezen alles en nemen het mee naar de buurtwerkers. "
                         "Vraag ernaar aan de balie met dit nummer."), align="center"),
            Text(gettext("Wat ermee gebeurt, zie je op de ideeënmuur in het buurtpunt."),
                 align="center"),
        ]
    return visitor_slip(language, thanks, body, header, clock.parse(idea["created_at"]))


def meeting_slip(idea: dict, log: list[dict], notes: list[dict], header: Header) -> Slip:
    """One idea for a team meeting: what was asked, where, its status, history and notes."""
    body = [
        Row(f"{_KIND_NL.get(idea['kind'], idea['kind'])} nummer", str(idea["id"]), bold=True),
        Row("Thema", _THEME_NL.get(idea["theme"], idea["theme"])),
        Row("Binnengekomen", local_time(clock.parse(idea["created_at"]))),
        Row("Status", _STATUS_NL.get(idea["status"], idea["status"])),
    ]
    if idea["status_reason"]:
        body.append(Text(f"Waarom: {idea['status_reason']}"))
    body += [Row("Ik ook", str(idea.get("votes", 0))),
             Row("Op de ideeënmuur", "ja" if idea["public"] else "nee"), Rule()]
    if idea["place"]:
        body += [Text("Waar", bold=True), Text(idea["place"]), Blank()]
    body += [Text("Tekst", bold=True), *[Text(line) for line in idea["text"].split("\n")]]
    if log:
        body += [Rule(), Text("Verloop", bold=True)]
        body += [Text(f"{local_time(clock.parse(entry['at']))} "
                      f"{_STATUS_NL.get(entry['new_status'], entry['new_status'])}"
                      f" ({entry['volunteer_name'] or '-'})") for entry in log]
    if notes:
        body += [Rule(), Text("Notities", bold=True)]
        for note in notes:
            who = note["volunteer_name"] or "-"
            body += [Text(f"{local_time(clock.parse(note['at']))} {who}:"),
                     *[Text(line) for line in note["text"].split("\n")]]
    return Slip(header=header, title=f"Voor het overleg: {_KIND_NL.get(idea['kind'], '')} "
                f"{idea['id']}", body=body, printed_at=local_time(clock.now()),
                footer=["Zonder contactgegevens: die staan alleen aan de balie."])
