"""What can go wrong when printing, split by whether the printer may already have printed."""

from printer.status import PrinterStatus


class PrinterError(Exception):
    """A printing problem, with a message in plain Dutch for the desk and the installer."""

    kind = "error"  # what happened, as a code the desk puts in its own language

    def __init__(self, message: str, status: PrinterStatus | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class PrinterUnreachable(PrinterError):
    """Nothing of the job left us (refused, offline, no paper, no answer): safe to try again.

    Raise it only before the first byte of the job is written: after that, a retry could print
    half a slip and then the whole one.
    """


class SlipUnprintable(PrinterError):
    """The slip could not be laid out or encoded: nothing was sent, and trying again won't help."""

    kind = "unreachable"


class JobInterrupted(PrinterError):
    """Part of the job may have reached the printer and then it failed: only a volunteer retries."""

    kind = "interrupted"


class JobUncertain(PrinterError):
    """The job was sent but the printer never confirmed it: it may or may not have printed."""

    kind = "uncertain"
