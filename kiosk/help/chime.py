"""The chime the home screen plays when a number is called: synthesised here, once per process.

Two soft tones (a "ding-dong", E5 then C5) with a quick fade, as a 16-bit mono WAV built with the
standard library's wave module: no sound file is downloaded or committed.
"""

import functools
import io
import math
import struct
import wave

RATE = 22050
TONES = ((659.25, 0.0, 0.55), (523.25, 0.45, 0.9))  # frequency (Hz), start and length (s)
VOLUME = 0.45


def _sample(t: float) -> float:
    value = 0.0
    for frequency, start, length in TONES:
        if start <= t < start + length:
            since = t - start
            attack = min(since / 0.01, 1.0)  # 10 ms in: no click at the start
            value += attack * math.exp(-4.0 * since) * math.sin(2 * math.pi * frequency * since)
    return value


@functools.cache
def wav() -> bytes:
    """The chime as WAV bytes (about 1.4 seconds)."""
    length = max(start + seconds for _, start, seconds in TONES)
    samples = (max(-1.0, min(1.0, _sample(n / RATE))) for n in range(int(length * RATE)))
    frames = b"".join(struct.pack("<h", int(32767 * VOLUME * value)) for value in samples)
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(RATE)
        sound.writeframes(frames)
    return out.getvalue()
