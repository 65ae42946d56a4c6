"""Which visible strings a visitor meets, and which of them a language's catalogue still lacks.

Visitor-facing: every template outside the desk's folders, the visitor modules of kiosk/ (views,
slips a visitor takes home, choices, questions, messages) and the home screen's tile labels.
Desk pages, receipts and Z-reports (till/), commands and the audit log stay Dutch or are the
desk's. `python -m tests.visitor_strings` prints what each language lacks.
"""

import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).parents[1]
CATALOGUES = ROOT / "kiosk" / "translations"
KEYWORDS = {"_": None, "_l": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None}
DESK_TEMPLATES = {"cash", "catalogue", "desk", "ideas_desk", "info_desk", "journal", "printers",
                  "rights_desk", "stock", "activities_desk", "help_desk", "shifts_desk",
                  "volunteering_desk", "reports_desk"}
# Desk pages, receipts (till/), the month's report (reports/), commands and the core's desk
# helpers; __init__.py declares both tiles and desk menus, so its tiles are taken from the
# features themselves.
DESK_MODULES = {"desk.py", "cli.py", "__init__.py", "referral.py", "templating.py", "volunteers.py",
                "security.py", "tomlfile.py", "audit.py", "pagecache.py"}


def _visitor_file(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    if parts[0] == "templates":
        return parts[1] not in DESK_TEMPLATES
    return parts[0] == "kiosk" and path.name not in DESK_MODULES and not (
        {"desk", "till", "reports"} & set(parts[1:-1]))


def _extract(folder: str, pattern: str, method: str) -> set[str]:
    found = set()
    for name, _line, msgid, *_ in extract_from_dir(str(ROOT / folder), [(pattern, method)],
                                                   keywords=KEYWORDS):
        if _visitor_file(ROOT / folder / name):
            found.add(msgid if isinstance(msgid, str) else msgid[0])
    return found


def tile_labels() -> set[str]:
    """The labels of the home screen's tiles, as the features declare them."""
    from kiosk import features

    return {str(f.tile.label._args[0]) for f in features.load() if f.tile}


def visitor_msgids() -> set[str]:
    """Every visible string a visitor can meet on screen or on a slip they take home."""
    return (_extract("kiosk", "**.py", "python") | _extract("templates", "**.html", "jinja2")
            | tile_labels())


def missing(language: str, wanted: set[str] | None = None) -> list[str]:
    """The visitor strings this language has no finished (not fuzzy, not empty) translation of."""
    with (CATALOGUES / language / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalogue = read_po(f, locale=language)
    done = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id and not m.fuzzy
            and m.string and (not isinstance(m.string, tuple) or all(m.string))}
    return sorted((wanted if wanted is not None else visitor_msgids()) - done)


def main() -> None:
    """Print how many visitor strings each catalogue lacks, and which."""
    wanted = visitor_msgids()
    languages = [p.parent.parent.name for p in sorted(CATALOGUES.glob("*/LC_MESSAGES/*.po"))]
    for language in languages:
        lacking = missing(language, wanted)
        print(f"{language}: {len(lacking)} of {len(wanted)} visitor strings missing")
        if "-v" in sys.argv:
            print("".join(f"  {msgid}\n" for msgid in lacking), end="")


if __name__ == "__main__":
    main()
