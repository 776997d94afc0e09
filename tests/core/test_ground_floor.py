"""The ground floor (`core`) holds what every app uses, so it may import no app of its own."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

import core


def _imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_ground_floor_imports_no_app():
    apps = {app.split(".")[0] for app in settings.LOCAL_APPS} - {"core"}
    root = Path(core.__file__).parent
    found = {
        f"{path.relative_to(root.parent)} imports {package}"
        for path in root.rglob("*.py")
        for package in _imported_packages(path) & apps
    }
    assert found == set()
