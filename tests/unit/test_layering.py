"""Dependencies point one way: features → core → sales, printer → SQLite (read from the imports)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
KIOSK = ROOT / "kiosk"
FEATURES = sorted(p.name for p in KIOSK.iterdir() if (p / "__init__.py").exists())
CORE = sorted(p.stem for p in KIOSK.glob("*.py") if p.stem != "__init__")
# The one import between the domain packages: sales takes printer's write transaction rather
# than keeping a copy of it (see sales/_db.py); nothing else crosses.
ALLOWED = {"sales/_db.py": "printer.dbtools"}


def imports(path: Path) -> list[str]:
    """Every module a file imports, as dotted names (`from kiosk import x` gives kiosk.x)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def _files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def _allowed(path: str, name: str) -> bool:
    module = ALLOWED.get(path)
    return module is not None and (name == module or name.startswith(module + "."))


def _feature_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "kiosk" and parts[1] in FEATURES else None


@pytest.mark.parametrize("feature", FEATURES)
def test_layering_a_feature_imports_no_other_feature(feature):
    crossing = [f"{path.relative_to(ROOT)} imports {name}"
                for path in _files(KIOSK / feature) for name in imports(path)
                if _feature_of(name) not in (None, feature)]
    assert crossing == [], "features meet in the core or the domain, never in each other"


def test_layering_the_core_imports_no_feature():
    crossing = [f"{path.relative_to(ROOT)} imports {name}"
                for path in sorted(KIOSK.glob("*.py")) for name in imports(path)
                if _feature_of(name)]
    assert crossing == [], "the core collects features from their declarations (features.ALL)"


@pytest.mark.parametrize(("package", "forbidden"), [
    ("sales", ("flask", "flask_babel", "flask_htmx", "flask_wtf", "kiosk", "printer")),
    ("printer", ("flask", "flask_babel", "flask_htmx", "flask_wtf", "kiosk", "sales")),
])
def test_layering_the_domain_imports_no_flask_no_kiosk_and_not_each_other(package, forbidden):
    crossing = [f"{path.relative_to(ROOT)} imports {name}"
                for path in _files(ROOT / package) for name in imports(path)
                if name.split(".")[0] in forbidden
                and not _allowed(str(path.relative_to(ROOT)), name)]
    assert crossing == []


def test_layering_every_feature_package_is_declared_in_features_all():
    from kiosk import features

    assert sorted(features.ALL) == FEATURES
    assert not set(FEATURES) & set(CORE)


def test_layering_the_walk_finds_a_crossing(tmp_path):
    """The check itself: a feature that imports another one's internals is caught."""
    bad = tmp_path / "views.py"
    bad.write_text("from kiosk.ideas.store import get_idea\nfrom kiosk import checkin\n")
    names = imports(bad)
    assert [_feature_of(name) for name in names if _feature_of(name)] == [
        "ideas", "ideas", "checkin"]
