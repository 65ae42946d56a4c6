"""Which screen sizes and languages the layout walk takes, and the screenshots it keeps for docs/.

By default every size in Dutch, and Arabic (right to left) and French (the longest words) at the
smallest sizes; KIOSK_LAYOUT_SIZES and KIOSK_LAYOUT_LANGUAGES ("all" or codes) walk every
language asked at every size asked. KIOSK_DOCS_SCREENSHOTS=1 copies a set per size into
docs/screenshots/<size>/.
"""

import os
from pathlib import Path

from PIL import Image

from kiosk.config import DEFAULTS

# The official 7" display, a common 7" panel, the usual 10" tablet, a TV-sized screen and the
# Touch Display 2 upright.
SIZES = ["800x480", "1024x600", "1280x800", "1920x1080", "720x1280"]
SMALLEST = ["800x480", "720x1280"]
# Arabic mirrors the screen; French has the longest words of the catalogues (measured: its
# strings are 12 % longer than the Dutch ones, the others at most 6 %).
HARDEST = ["ar", "fr"]
DOCS = Path(__file__).parents[2] / "docs" / "screenshots"
# The screens of the walk that docs/screenshots/<size>/ shows, under the name they get there.
DOCS_SCREENS = {"home": "home", "checkin": "checkin", "shop-basket": "shop",
                "payment-pin": "payment", "ideas-3-text": "ideas-keyboard", "wall": "wall",
                "help-ticket": "help-ticket", "rights-card": "rights",
                "activities-signup": "activities-signup", "print-qr": "print",
                "desk-today": "desk"}


def cases() -> list[tuple[str, str]]:
    """(size, language) pairs to walk, from the environment or the default set."""
    sizes = os.environ.get("KIOSK_LAYOUT_SIZES", "").split() or SIZES
    asked = os.environ.get("KIOSK_LAYOUT_LANGUAGES", "").split()
    if not asked and "KIOSK_LAYOUT_SIZES" not in os.environ:
        return [(size, "nl") for size in SIZES] + [
            (size, language) for size in SMALLEST for language in HARDEST]
    offered = DEFAULTS["LANGUAGES"]
    languages = offered if asked in ([], ["all"]) else [code for code in offered if code in asked]
    return [(size, language) for size in sizes for language in languages]


def keep_for_docs(shot: Path, size: str, language: str, screen: str) -> None:
    """With KIOSK_DOCS_SCREENSHOTS=1, a Dutch screenshot of a docs screen, in 256 colours."""
    if os.environ.get("KIOSK_DOCS_SCREENSHOTS") != "1" or language != "nl" \
            or screen not in DOCS_SCREENS:
        return
    folder = DOCS / size
    folder.mkdir(parents=True, exist_ok=True)
    with Image.open(shot) as image:
        small = image.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
        small.save(folder / f"{DOCS_SCREENS[screen]}.png", optimize=True)
