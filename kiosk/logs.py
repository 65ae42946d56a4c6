"""Log lines a volunteer can read: journald priorities, one traceback once, an access log on demand.

Under systemd, stderr goes to the journal, which reads a `<N>` at the start of a line as that
line's priority (sd-daemon(3)); no C library is needed. A traceback's lines all carry the
record's priority, so `journalctl -p err` shows the whole of it, once.
"""

import logging
import os
import sys
import time

from flask import Flask, g, request

# syslog priorities: 2 critical, 3 error, 4 warning, 6 info, 7 debug.
PRIORITIES = ((logging.CRITICAL, 2), (logging.ERROR, 3), (logging.WARNING, 4),
              (logging.INFO, 6))


def priority(level: int) -> int:
    """The syslog priority of a logging level."""
    return next((number for floor, number in PRIORITIES if level >= floor), 7)


class JournalFormatter(logging.Formatter):
    """Every line of a record (its traceback too) starts with the record's `<priority>`."""

    def __init__(self) -> None:
        super().__init__("%(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        """The record as lines for the journal; the time is the journal's own."""
        prefix = f"<{priority(record.levelno)}>"
        return "\n".join(prefix + line for line in super().format(record).splitlines())


def under_journald(stream) -> bool:
    """Whether stream is the journal (systemd names its device and inode in JOURNAL_STREAM)."""
    try:
        stat = os.fstat(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return False
    return os.environ.get("JOURNAL_STREAM") == f"{stat.st_dev}:{stat.st_ino}"


def setup(app: Flask, stream=None) -> logging.Handler:
    """One handler on the root logger for the whole process; Flask's own one goes."""
    from flask.logging import default_handler

    stream = stream or sys.stderr
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JournalFormatter() if under_journald(stream) else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "kiosk", False)]:
        root.removeHandler(old)
    handler.kiosk = True
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    # Flask would log a request's traceback through its own handler too: the same one twice.
    app.logger.removeHandler(default_handler)
    return handler


def init_app(app: Flask) -> None:
    """With ACCESS_LOG on, one line per request at info priority."""
    if not app.config["ACCESS_LOG"]:
        return
    access = logging.getLogger("kiosk.access")

    @app.before_request
    def _started() -> None:
        g.access_started = time.perf_counter()

    @app.after_request
    def _logged(response):
        # The route's pattern, not the path: upload links and ids are not for the log.
        where = request.url_rule.rule if request.url_rule else request.path
        took = (time.perf_counter() - g.get("access_started", time.perf_counter())) * 1000
        access.info("%s %s %s %.0f ms", request.method, where, response.status_code, took)
        return response
