"""Paper X- and Z-reports of a cash session, laid out from sales.reports.SessionReport.

The paper is the buurtpunt's record for the books, so it is always in Dutch, whatever language
the desk screen shows.
"""

from datetime import UTC, datetime

from printer.slip import Blank, Header, Row, Rule, Slip, Text, Total, format_cents, local_time
from sales.reports import SessionReport

_FOOTER = {"X": "Tussentijds: de kassa blijft open.", "Z": "Bewaar dit rapport bij de kassa."}
METHOD_NAMES = {"cash": "Contant", "bancontact_qr": "Bancontact (QR)", "wero_qr": "Wero (QR)"}


def report_slip(report: SessionReport, header: Header, *, duplicate: bool = False,
                now: datetime | None = None) -> Slip:
    """Lay out an X-report (interim) or a Z-report (the close) as a slip for the print queue."""
    title = (f"Z-rapport kassa {report.session_id}" if report.kind == "Z"
             else f"X-rapport kassa {report.session_id} (tussentijds)")
    body = [*_session(report), *_receipts(report), *_methods(report), *_products(report),
            *_cash(report), *_bags(report), *_qr(report)]
    if report.kind == "Z":
        body += _chain(report)
    return Slip(header=header, body=body, title=title, duplicate=duplicate,
                printed_at=local_time(now or datetime.now(UTC)),
                footer=[_FOOTER[report.kind]])


def _when(value: str | None) -> str:
    return local_time(datetime.fromisoformat(value)) if value else "-"


def _session(report: SessionReport) -> list:
    lines = [Row("Geopend", _when(report.opened_at)), Row("door", report.opened_by)]
    if report.kind == "Z":
        lines += [Row("Gesloten", _when(report.generated_at)), Row("door", report.closed_by or "-")]
    else:
        lines.append(Row("Rapport van", _when(report.generated_at)))
    return lines


def _receipts(report: SessionReport) -> list:
    numbers = (f"{report.first_number} tot {report.last_number}" if report.first_number
               else "geen")
    return [Rule(), Text("Bonnen", bold=True), Row("Verkopen", str(report.sales_count)),
            Row("Annuleringen", str(report.voids_count)), Row("Nummers", numbers),
            Row("Afronding contant", format_cents(report.rounding_cents)),
            Total("Totaal", report.total_cents)]


def _methods(report: SessionReport) -> list:
    lines: list = [Rule(), Text("Per betaalwijze", bold=True)]
    for m in report.per_method:
        lines.append(Row(f"{METHOD_NAMES.get(m.method, m.method)} ({m.receipts})",
                         format_cents(m.amount_cents)))
    return lines


def _products(report: SessionReport) -> list:
    lines: list = [Rule(), Text("Per soort zak", bold=True)]
    for p in report.per_product:
        lines.append(Row(f"{p.pieces} x {p.name}", format_cents(p.amount_cents)))
    if not report.per_product:
        lines.append(Text("Niets verkocht."))
    return lines


def _cash(report: SessionReport) -> list:
    cash_sales = next((m.amount_cents for m in report.per_method if m.method == "cash"), 0)
    lines = [Rule(), Text("Kassa (contant geld)", bold=True),
             Row("Wisselgeld bij opening", format_cents(report.float_cents)),
             Row("Contante verkoop", format_cents(cash_sales)),
             Row("Geld erin", format_cents(report.cash_in_cents)),
             Row("Geld eruit", format_cents(-report.cash_out_cents))]
    lines += [Row(f"  {'+' if m.kind == 'in' else '-'} {m.reason}", format_cents(m.amount_cents))
              for m in report.cash_moves]
    lines.append(Total("Verwacht in de lade", report.expected_cash_cents))
    if report.counted_cash_cents is not None:
        lines += [Total("Geteld", report.counted_cash_cents),
                  Row("Verschil", format_cents(report.cash_difference_cents or 0), bold=True)]
    return lines


def _bags(report: SessionReport) -> list:
    lines: list = [Rule(), Text("Zakken in voorraad", bold=True)]
    for bag in report.bag_counts:
        if bag.counted is None:
            lines.append(Row(bag.name, f"{bag.expected} verwacht"))
        else:
            lines.append(Row(bag.name, f"{bag.expected} / {bag.counted} / {bag.difference:+d}"))
    if report.kind == "Z":
        lines.append(Text("(verwacht / geteld / verschil)"))
    return lines


def _qr(report: SessionReport) -> list:
    lines: list = [Rule(), Text("QR-betalingen om na te kijken op de bank", bold=True)]
    for p in report.qr_payments:
        lines.append(Row(f"{p.number} {_when(p.created_at)[-5:]} {METHOD_NAMES.get(p.method, '')}",
                         format_cents(p.amount_cents)))
    if not report.qr_payments:
        lines.append(Text("Geen."))
    lines.append(Total("Totaal QR", report.qr_total_cents))
    return lines


def _chain(report: SessionReport) -> list:
    return [Rule(), Text("Laatste bon in het journaal", bold=True),
            Text(report.chain_head_number or "geen bonnen"),
            Text(report.chain_head_hash or "-"), Blank()]
