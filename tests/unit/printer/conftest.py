"""Fixtures for the printer tests: a fake ESC/POS printer on 127.0.0.1, a fake `lp`."""

import contextlib
import os
import select
import socket
import struct
import threading

import pytest

import printer  # noqa: F401 - first, so python-escpos is imported through printer._escpos
from printer.status import QUERY_PAPER, QUERY_PRINTER

STATUS = {
    # mode: (reply to DLE EOT 1, reply to DLE EOT 4)
    "accept": (b"\x12", b"\x12"),
    "drop": (b"\x12", b"\x12"),
    "paper_out": (b"\x1e", b"\x72"),
}


class FakePrinter:
    """A network ESC/POS printer that can accept, refuse, hang, drop mid-job or be out of paper."""

    def __init__(self, drop_after: int = 40) -> None:
        self.mode = "accept"
        self.drop_after = drop_after
        self.jobs: list[bytes] = []  # everything received on connections the client closed
        self.partial: list[bytes] = []  # data of connections the fake cut off
        self.connections = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._held: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self.port = 0
        self._listen()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self._listener = listener

    def set_mode(self, mode: str) -> None:
        """Switch behaviour; "refuse" closes the port so connecting is refused."""
        with self._lock:
            if mode == "refuse" and self._listener is not None:
                # shutdown() stops listening at once, even while the server thread is in select().
                with contextlib.suppress(OSError):
                    self._listener.shutdown(socket.SHUT_RDWR)
                self._listener.close()
                self._listener = None
            elif mode != "refuse" and self._listener is None:
                self._listen()
            self.mode = mode
            for held in self._held:
                held.close()
            self._held.clear()

    @property
    def address(self) -> str:
        return f"network:127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                listener = self._listener
            if listener is None:
                self._stop.wait(0.01)
                continue
            try:
                ready, _, _ = select.select([listener], [], [], 0.02)
                if not ready:
                    continue
                conn, _ = listener.accept()
            except (OSError, ValueError):
                continue
            with self._lock:
                mode = self.mode  # read after accept: set_mode may have run during select
                self.connections += 1
                if mode == "hang":
                    self._held.append(conn)  # accepted, never read
                    continue
            threading.Thread(target=self._handle, args=(conn, mode), daemon=True).start()

    def _handle(self, conn: socket.socket, mode: str) -> None:
        data, tail = bytearray(), b""
        conn.settimeout(5)
        try:
            while True:
                if mode == "drop" and len(data) >= self.drop_after:
                    # Abort with RST after exactly drop_after bytes, as a printer being switched
                    # off mid-job would: what it took so far is all it ever gets.
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    with self._lock:
                        self.partial.append(bytes(data))
                    return
                room = self.drop_after - len(data) if mode == "drop" else 4096
                chunk = conn.recv(min(room, 4096))
                if not chunk:
                    break
                stream = tail + chunk
                data += self._answer(conn, stream, mode, len(tail))
                tail = stream[-2:]
            with self._lock:
                self.jobs.append(bytes(data))
        except OSError:
            with self._lock:
                self.partial.append(bytes(data))
        finally:
            conn.close()

    def _answer(self, conn: socket.socket, stream: bytes, mode: str, skip: int) -> bytes:
        """Answer DLE EOT 1/4 queries at once, as a printer does; return the new bytes."""
        replies = STATUS.get(mode, STATUS["accept"])
        for end in range(max(skip, 2), len(stream)):
            if stream[end - 2 : end] == b"\x10\x04" and stream[end] in (1, 4):
                conn.sendall(replies[0] if stream[end] == 1 else replies[1])
        return stream[skip:]

    def received_jobs(self) -> int:
        """Count connections that got any job bytes (more than status queries), even cut off."""
        with self._lock:
            data = self.jobs + self.partial
        return sum(bool(d.replace(QUERY_PRINTER, b"").replace(QUERY_PAPER, b"")) for d in data)

    def printed(self, marker: bytes) -> int:
        """Count complete jobs (connections the client closed) that contain ``marker``."""
        with self._lock:
            return sum(job.count(marker) for job in self.jobs)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        with self._lock:
            if self._listener is not None:
                self._listener.close()
            for held in self._held:
                with contextlib.suppress(OSError):
                    held.close()


@pytest.fixture
def fake_lp(tmp_path, monkeypatch):
    """Put a fake `lp` running the given shell script first on PATH."""

    def install(script: str) -> None:
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir()
        lp = bin_dir / "lp"
        lp.write_text("#!/bin/sh\n" + script)
        lp.chmod(0o755)
        monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")

    return install


@pytest.fixture
def fake_printer():
    """A fake network printer on 127.0.0.1 at a random port, in "accept" mode."""
    fake = FakePrinter()
    yield fake
    fake.close()
