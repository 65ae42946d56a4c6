"""A month's hours per volunteer on paper (for the volunteer insurance, and to thank them).

For the team, in Dutch, like the desk's other prints.
"""

from datetime import datetime

from babel.dates import format_date

from kiosk import clock
from kiosk.shifts.store import hours_text
from printer import formats
from printer.slip import Blank, Header, Row, Rule, Slip, Text, local_time


def month_name(first: datetime, language: str = formats.PAPER) -> str:
    """A month in words: "maart 2026"."""
    return format_date(first, "LLLL y", locale=formats.locale(language))


def hours_slip(rows: list[dict], first: datetime, header: Header) -> Slip:
    """Each volunteer's shifts and hours in the month (hours:minutes), and the total."""
    body = [Text(f"Uren in {month_name(first)}", align="center", bold=True), Rule()]
    for row in rows:
        shifts = "dienst" if row["shifts"] == 1 else "diensten"
        body.append(Row(row["name"], f"{hours_text(row['seconds'])} u", bold=True))
        body.append(Text(f"  {row['shifts']} {shifts}"
                         + (f", {row['flagged']} vanzelf gestopt" if row["flagged"] else "")))
    if not rows:
        body.append(Text("Geen diensten deze maand."))
    body += [Rule(), Row("Samen", f"{hours_text(sum(r['seconds'] for r in rows))} u", bold=True),
             Blank(), Text("Uren als uren:minuten. Een dienst telt in de maand waarin hij begon.")]
    return Slip(header=header, title="Uren vrijwilligers", body=body,
                printed_at=local_time(clock.now()))
