"""Data files in TOML (rights, places): read whole, and a mistake named by its line.

tomllib says where the syntax breaks; for a value that parses but is wrong (an unknown question,
a missing title) `line_of` finds the line of the entry or key in the text, so that the message
says "regel 12" and the person editing the file goes straight there.
"""

import re
import tomllib
from pathlib import Path

_AT = re.compile(r"\(at line ([0-9]+), column ([0-9]+)\)")


class DataFileError(ValueError):
    """A data file that cannot be loaded; the message names the line when it can."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(f"regel {line}: {message}" if line else message)
        self.line = line


def read(path: str | Path) -> tuple[dict, str]:
    """The parsed file and its text; a syntax error names its line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(f"{path} kan niet gelezen worden ({error})") from error
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        found = _AT.search(str(error))
        detail = _AT.sub("", str(error)).strip()
        raise DataFileError(f"geen geldige TOML ({detail})",
                            int(found.group(1)) if found else None) from error


def line_of(text: str, table: str, index: int, key: str | None = None) -> int | None:
    """The line of the index-th [[table]] (counting from 0), or of `key` inside it."""
    header = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]")
    any_header = re.compile(r"^\s*\[")
    seen, start = -1, None
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if header.match(line):
            seen += 1
            if seen == index:
                start = number
                break
    if start is None or key is None:
        return start
    assignment = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number in range(start + 1, len(lines) + 1):
        line = lines[number - 1]
        if header.match(line):
            break
        if assignment.match(line) or re.match(rf"^\s*\[\s*{re.escape(table)}\.{re.escape(key)}",
                                               line):
            return number
        if any_header.match(line) and not line.strip().startswith(f"[{table}."):
            break
    return start
