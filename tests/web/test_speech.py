"""Read aloud: espeak-ng's audio of a sentence, a bounded cache, a button on every screen."""

import wave
from html.parser import HTMLParser

import pytest

from kiosk import create_app, voice
from tests.helpers import visitor_routes

DUTCH = "Welkom in het buurtpunt. Wat wil je doen?"
ARABIC = "مرحبا بك في نقطة الحي. ماذا تريد أن تفعل؟"
# Screens a visitor does not see on the kiosk, or that answer with something else than a page.


def _seconds(path) -> float:
    with wave.open(str(path)) as sound:
        return sound.getnframes() / sound.getframerate()


@pytest.mark.parametrize(("lang", "text"), [("nl", DUTCH), ("ar", ARABIC)])
def test_speech_espeak_renders_a_sentence_of_plausible_length(app, lang, text):
    with app.app_context():
        path = voice.engine().audio(text, lang)
    assert path.stat().st_size > 20_000
    # Some 40 characters said at 150 words a minute: a couple of seconds, not a click or a minute.
    assert 1.0 < _seconds(path) < 10.0


def test_speech_route_serves_wav_and_keeps_it(app, client):
    first = client.get("/speak", query_string={"lang": "nl", "text": DUTCH})
    assert first.status_code == 200 and first.mimetype == "audio/wav"
    assert first.data[:4] == b"RIFF"
    again = client.get("/speak", query_string={"lang": "nl", "text": DUTCH})
    assert again.data == first.data
    assert len(list(voice_folder(app).glob("*.wav"))) == 1


def voice_folder(app):
    return app.extensions["voice"].folder


def test_speech_cache_keeps_at_most_its_number_of_files(tmp_path):
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SPEECH_CACHE_FILES": 3})
    with app.app_context():
        paths = [voice.engine().audio(f"Nummer {n}", "nl") for n in range(5)]
    kept = sorted(voice_folder(app).glob("*.wav"))
    assert len(kept) == 3
    assert not paths[0].exists() and paths[-1].exists()


def test_speech_cache_keeps_at_most_its_size(tmp_path):
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SPEECH_CACHE_MB": 0.2})
    with app.app_context():
        for n in range(6):
            voice.engine().audio(f"Dit is zin nummer {n} van het buurtpunt in Dendermonde.", "nl")
    sizes = [p.stat().st_size for p in voice_folder(app).glob("*.wav")]
    assert 0 < sum(sizes) <= 0.2 * 1024 * 1024
    assert len(sizes) < 6


def test_speech_a_language_without_voice_says_so(tmp_path):
    app = create_app({"INSTANCE_PATH": str(tmp_path), "LANGUAGES": ["nl", "ar"],
                      "SPEECH_VOICES": {"ar": "no-such-voice"}})
    client = app.test_client()
    assert client.get("/speak", query_string={"lang": "ar", "text": "مرحبا"}).status_code == 404
    client.get("/lang/ar")
    page = client.get("/").get_data(as_text=True)
    assert "data-no-voice=" in page
    client.get("/lang/nl")
    assert "data-no-voice=" not in client.get("/").get_data(as_text=True)


def test_speech_refuses_no_text_and_too_much_text(client):
    assert client.get("/speak", query_string={"lang": "nl", "text": " "}).status_code == 400
    too_long = "a" * (voice.MAX_CHARS + 1)
    assert client.get("/speak", query_string={"lang": "nl", "text": too_long}).status_code == 400


class _Screen(HTMLParser):
    """What read aloud would say: the question (h1/h2) in main, the labelled choices under it."""

    def __init__(self):
        super().__init__()
        self.depth, self.speaker, self.question, self.choices, self.open = 0, False, "", [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.speaker |= "data-speak-button" in attrs and "data-speak-url" in attrs
        if tag in ("main", "footer"):
            self.depth = 1
        elif self.depth and tag in ("h1", "h2", "a", "button", "label"):
            self.open = [tag, attrs.get("aria-label") or ""]

    def handle_data(self, data):
        if self.open is not None:
            self.open[1] += data

    def handle_endtag(self, tag):
        if tag in ("main", "footer"):
            self.depth = 0
        if self.open and tag == self.open[0]:
            text = " ".join(self.open[1].split())
            if tag in ("h1", "h2") and not self.question:
                self.question = text
            elif text and tag not in ("h1", "h2"):
                self.choices.append(text)
            self.open = None


def _visitor_pages(app):
    return visitor_routes(app)


def test_speech_every_visitor_screen_has_a_question_choices_and_the_button(app, client):
    pages = list(_visitor_pages(app))
    assert {"/", "/checkin", "/shop", "/rights", "/info"} <= set(pages)
    for path in pages:
        response = client.get(path)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        screen = _Screen()
        screen.feed(response.get_data(as_text=True))
        assert screen.speaker, f"{path}: no speaker button"
        assert screen.question, f"{path}: no question to read aloud"
        assert screen.choices, f"{path}: no choice to read aloud"
