"""Read aloud, offline: espeak-ng says a text in a language as a WAV file, kept in a bounded cache.

The help queue (or any feature) speaks a sentence by giving the page `speak_url(text, lang)` as
an audio source, or by putting `data-speak-on-arrival="text"` on an element an htmx swap brings
in (static/js/speech.js plays it when it arrives).
"""

import hashlib
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app, url_for

ESPEAK = "espeak-ng"
MAX_CHARS = 1500  # a screen's question and its choices; more is not a screen to read aloud
# espeak-ng's voice for each kiosk language: Belgian French, British English.
VOICES = {"nl": "nl", "en": "en-gb", "fr": "fr-be", "ar": "ar", "tr": "tr", "uk": "uk",
          "pl": "pl", "ro": "ro"}


class NoVoice(LookupError):
    """This language has no voice on this device."""


@dataclass
class Voice:
    """The speech engine of one app: where its cache is, how big it may grow, its one worker."""

    folder: Path
    max_files: int
    max_bytes: int
    timeout: float
    voices: dict
    worker: ThreadPoolExecutor

    def has_voice(self, lang: str) -> bool:
        """Whether espeak-ng on this device can speak this language."""
        voice = self.voices.get(lang)
        return bool(voice) and voice in installed_voices()

    def audio(self, text: str, lang: str) -> Path:
        """The WAV file that says this text in this language, rendered now or from the cache."""
        text = " ".join(text.split())[:MAX_CHARS]
        if not self.has_voice(lang):
            raise NoVoice(lang)
        voice = self.voices[lang]
        name = hashlib.sha256(f"{voice}\n{text}".encode()).hexdigest()
        path = self.folder / f"{name}.wav"
        if path.exists():
            os.utime(path)  # recently heard stays longest
            return path
        # espeak-ng runs on the engine's own thread with a deadline: a request never waits on
        # a hung process longer than the timeout, and two screens never render at once.
        future = self.worker.submit(_render, text, voice, path, self.timeout)
        try:
            future.result(timeout=self.timeout + 1)
        except FutureTimeout as error:
            raise TimeoutError(f"espeak-ng: geen geluid na {self.timeout} s") from error
        self.trim()
        return path

    def trim(self) -> None:
        """Drop the least recently heard files until the cache is within its bounds."""
        files = sorted(self.folder.glob("*.wav"), key=lambda p: p.stat().st_mtime)
        total = sum(p.stat().st_size for p in files)
        while files and (len(files) > self.max_files or total > self.max_bytes):
            oldest = files.pop(0)
            total -= oldest.stat().st_size
            oldest.unlink(missing_ok=True)


def _render(text: str, voice: str, path: Path, timeout: float) -> None:
    """Run espeak-ng into a temporary file, then move it in place (never a half file cached)."""
    partial = path.with_suffix(".part")
    # "--" ends the options: a text that starts with "-" is spoken, not read as an option.
    subprocess.run([ESPEAK, "-v", voice, "-s", "150", "-w", str(partial), "--", text],
                   check=True, timeout=timeout, capture_output=True)
    if partial.stat().st_size <= 44:  # a WAV header without sound
        partial.unlink()
        raise RuntimeError("espeak-ng gaf geen geluid")
    partial.replace(path)


_installed: frozenset | None = None


def installed_voices() -> frozenset:
    """The voices espeak-ng has on this device (none when it is not installed)."""
    global _installed
    if _installed is None:
        found = set()
        if shutil.which(ESPEAK):
            listing = subprocess.run([ESPEAK, "--voices"], capture_output=True, text=True,
                                     timeout=10, check=False).stdout
            found = {line.split()[1] for line in listing.splitlines()[1:] if line.split()}
        _installed = frozenset(found)
    return _installed


def engine() -> Voice:
    """This app's speech engine."""
    return current_app.extensions["voice"]


def has_voice(lang: str) -> bool:
    """Whether this kiosk can speak this language (the speaker button says so when not)."""
    return engine().has_voice(lang)


def speak_url(text: str, lang: str) -> str:
    """The address of the audio that says this text in this language (for an <audio> or JS)."""
    return url_for("speech.speak", lang=lang, text=text)


def init_app(app: Flask) -> None:
    """Give this app its speech engine (cache folder under the instance folder)."""
    folder = Path(app.config["SPEECH_CACHE"] or Path(app.instance_path) / "speech")
    folder.mkdir(parents=True, exist_ok=True)
    voices = {**VOICES, **app.config["SPEECH_VOICES"]}
    app.extensions["voice"] = Voice(
        folder, app.config["SPEECH_CACHE_FILES"], int(app.config["SPEECH_CACHE_MB"] * 1024 * 1024),
        app.config["SPEECH_TIMEOUT"], voices, ThreadPoolExecutor(1, thread_name_prefix="voice"))
