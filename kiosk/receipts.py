"""A sale's receipt on paper: laid out from the plain Receipt that sales/ returns."""

from flask_babel import lazy_gettext as _l

from kiosk.printing import header
from printer.slip import Row, Rule, Slip, Text, Total, format_cents, local_time
from sales import Receipt

# Paper is Dutch whatever language the visitor chose: the journal and the desk read it.
METHODS = {"cash": "Cash", "bancontact_qr": "Bancontact (QR)", "wero_qr": "Wero (QR)"}
# How a void's money went back: cash leaves the open till; a QR payment goes back through the
# bank (the Z-report lists it with the QR payments to find on the statement).
REFUND_ROUTES = {"cash": "uit de kassa"}
SCREEN_METHODS = {"cash": _l("Cash"), "bancontact_qr": _l("Bancontact (QR)"),
                  "wero_qr": _l("Wero (QR)")}


def first_name(name: str) -> str:
    """The part of a volunteer's name that goes on paper."""
    return name.split()[0] if name.split() else name


def receipt_slip(receipt: Receipt, duplicate: bool = False) -> Slip:
    """Lay out a receipt: number, lines (qty x unit price, price valid from), totals, payment.

    Not a VAT receipt, so it says nothing about VAT at all.
    """
    body = [Row("Bon", receipt.number, bold=True), Rule()]
    for line in receipt.lines:
        body += [
            Text(line.name, bold=True),
            Row(f"  {line.qty} x {format_cents(line.unit_price_cents)}",
                format_cents(line.line_total_cents)),
            Text(f"  prijs geldig vanaf {line.price_from:%d-%m-%Y}"),
        ]
    body.append(Rule())
    if receipt.rounding_cents:
        body += [Row("Subtotaal", format_cents(receipt.subtotal_cents)),
                 Row("Afronding (cash)", format_cents(receipt.rounding_cents))]
    body.append(Total("Totaal", receipt.total_cents))
    method = METHODS.get(receipt.payment_method, receipt.payment_method)
    if receipt.void_of:
        route = REFUND_ROUTES.get(receipt.payment_method, "niet uit de kassa")
        body.append(Text(f"Terugbetaald met: {method}, {route}"))
    else:
        body.append(Row("Betaald met", method))
    if receipt.received_cents is not None:
        body += [Row("Ontvangen", format_cents(receipt.received_cents)),
                 Row("Terug", format_cents(receipt.change_cents or 0))]
    body.append(Row("Geholpen door", first_name(receipt.volunteer)))
    if receipt.void_of:
        body += [Rule(), Text(f"Terugbetaling van bon {receipt.void_of}", bold=True),
                 Text(f"Reden: {receipt.void_reason or ''}")]
    return Slip(
        header=header(), body=body, title="Terugbetaling" if receipt.void_of else "Kasbon",
        printed_at=local_time(receipt.created_at), footer=["Bedankt en tot ziens!"],
        duplicate=duplicate, training=receipt.training,
    )
