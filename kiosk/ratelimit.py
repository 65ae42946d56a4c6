"""A small in-memory rate limit per client address (one process owns the kiosk)."""

import threading
import time
from collections import defaultdict, deque


class RateLimit:
    """At most `limit` hits per `seconds` for each key; thread-safe."""

    def __init__(self, limit: int, seconds: float) -> None:
        self.limit, self.seconds = limit, seconds
        self._hits: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque:
        hits = self._hits[key]
        while hits and hits[0] <= now - self.seconds:
            hits.popleft()
        return hits

    def blocked(self, key: str) -> bool:
        """True while the key has used up its hits."""
        with self._lock:
            return len(self._recent(key, time.monotonic())) >= self.limit

    def hit(self, key: str) -> None:
        """Count one hit for the key."""
        now = time.monotonic()
        with self._lock:
            self._recent(key, now).append(now)
