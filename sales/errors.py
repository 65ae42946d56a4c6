"""Exceptions of the sales domain; each names the HTTP status the web layer should answer."""


class SalesError(Exception):
    """Base class: a sales rule refused the request; nothing was written."""

    http_status = 400


class CatalogueError(SalesError):
    """The catalogue file or a catalogue edit is invalid."""

    http_status = 422


class UnknownProduct(SalesError):
    """The basket names a bag type that does not exist, is inactive or has no price yet."""

    http_status = 422


class InvalidQuantity(SalesError):
    """A quantity is not a whole number between 1 and the per-sale maximum."""

    http_status = 422


class EmptyCart(SalesError):
    """The basket is empty."""

    http_status = 422


class InvalidPayment(SalesError):
    """Unknown payment method, or cash received is less than the amount due."""

    http_status = 422


class InsufficientStock(SalesError):
    """The sale needs more pieces than are in stock (or a correction would go negative)."""

    http_status = 409

    def __init__(self, shortages: dict[str, tuple[int, int]]):
        self.shortages = shortages  # code -> (wanted, available)
        parts = ", ".join(f"{c}: {w} gevraagd, {a} in voorraad" for c, (w, a) in shortages.items())
        super().__init__(f"Niet genoeg in voorraad ({parts})")


class NoOpenSession(SalesError):
    """No cash session is open; the desk must open one (count the float) first."""

    http_status = 409


class SessionAlreadyOpen(SalesError):
    """A cash session is already open; close it before opening another."""

    http_status = 409


class IdempotencyMismatch(SalesError):
    """The idempotency key was already used for a different basket or payment."""

    http_status = 422


class RequestInProgress(SalesError):
    """A request with the same idempotency key is still being processed."""

    http_status = 409


class ReceiptNotFound(SalesError):
    """No receipt has this number."""

    http_status = 404


class AlreadyVoided(SalesError):
    """The receipt was voided before (one void per receipt) or is itself a void."""

    http_status = 409


class InvalidKioskPrefix(SalesError):
    """The kiosk prefix is not 1-8 capital letters or digits (or starts with OEF)."""

    http_status = 500


class MissingInput(SalesError):
    """A required text (volunteer first name, reason) is empty."""

    http_status = 422


class ReportNotFound(SalesError):
    """No closed cash session has this id."""

    http_status = 404


class ClockBehind(SalesError):
    """The clock is earlier than the journal's last receipt: a receipt now would be out of order."""

    http_status = 409

    def __init__(self, now: str, last: str):
        self.now, self.last = now, last
        super().__init__(f"de klok ({now}) staat voor de laatste bon ({last})")
