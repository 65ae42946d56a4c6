"""systemd's notification protocol (sd_notify): READY, WATCHDOG and STATUS, with the socket module.

The protocol is one datagram of "KEY=value" lines to the socket systemd names in $NOTIFY_SOCKET
(a path, or an abstract name written with a leading "@"); no library or C code is needed.
"""

import os
import socket


def notify(**fields: object) -> bool:
    """Send KEY=value lines to systemd; False when not started by systemd (or it is gone)."""
    address = os.environ.get("NOTIFY_SOCKET", "")
    if not address or not fields:
        return False
    if address.startswith("@"):
        address = "\0" + address[1:]
    message = "\n".join(f"{key}={value}" for key, value in fields.items()).encode()
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(message)
    except OSError:
        return False
    return True


def watchdog_seconds() -> float | None:
    """The watchdog period systemd set for this process (WatchdogSec=), or None."""
    usec, pid = os.environ.get("WATCHDOG_USEC", ""), os.environ.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0 or (pid.isdigit() and int(pid) != os.getpid()):
        return None
    return int(usec) / 1_000_000
