"""The lock (constraints.txt) pins every dependency pyproject.toml names, within its range."""

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def _pins() -> dict[str, list[str]]:
    pins: dict[str, list[str]] = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            requirement = Requirement(line)
            (spec,) = requirement.specifier  # one exact version per line
            assert spec.operator == "==", line
            pins.setdefault(canonicalize_name(requirement.name), []).append(spec.version)
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    return [Requirement(line) for line in
            [*project["dependencies"], *extras["usb"], *extras["serial"], *extras["test"],
             *extras["city"]]]


def test_lock_pins_every_declared_dependency_within_its_range():
    pins = _pins()
    # After adding a dependency, run `make lock` (README: Locked dependencies).
    unpinned = [str(r) for r in _declared() if canonicalize_name(r.name) not in pins]
    assert unpinned == []
    outside = [(str(r), pins[canonicalize_name(r.name)]) for r in _declared()
               if not any(r.specifier.contains(v, prereleases=True)
                          for v in pins[canonicalize_name(r.name)])]
    assert outside == []


def test_lock_pins_the_usb_and_serial_backends_of_the_receipt_printer():
    assert {"pyusb", "pyserial"} <= set(_pins())
