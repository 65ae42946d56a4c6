"""Speech: the audio the speaker button plays (espeak-ng through the core's kiosk/voice.py)."""

from kiosk.features import Feature
from kiosk.speech import views

FEATURE = Feature(
    "speech",
    blueprints=(views.bp,),
    settings={
        "SPEECH_CACHE": "",  # empty: instance/speech/
        "SPEECH_CACHE_FILES": 400,  # most audio files kept
        "SPEECH_CACHE_MB": 40,  # most megabytes kept
        "SPEECH_TIMEOUT": 10,  # seconds espeak-ng may take for one screen
        "SPEECH_VOICES": {},  # a language's espeak-ng voice, over kiosk/voice.py's VOICES
    },
)
