"""The apps are layered: a module may import its own app, the apps below it, and apps beside it,
never an app above it; a template may include or extend no template of an app above its own.

    core (ground floor) < inspectorates < inspections < judgements, lscb, selection, privacy,
    referrals < reports < accuracy, statements < audit, seeding < integrated_inspections

A lower app that needs something from a higher one asks a registry in `core` that the higher app
fills in its `AppConfig.ready()` (`core.audit_registry`, `core.dashboard`).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

LAYERS: dict[str, int] = {
    "core": 0,
    "inspectorates": 1,
    "inspections": 2,
    "judgements": 3,
    "lscb": 3,
    "narrative": 3,
    "selection": 3,
    "privacy": 3,
    "referrals": 3,
    "reports": 4,
    "accuracy": 5,
    "statements": 5,
    "thematic": 5,
    "audit": 6,
    "seeding": 6,
    "integrated_inspections": 7,
}
# Templates outside an app's folder (base.html, includes/, the error pages) are the ground
# floor; the sign-in pages belong to integrated_inspections.
TEMPLATE_FOLDERS = {"registration": "integrated_inspections"}

# Imports against the order that are known and left for another change, each with its reason.
# Remove an entry when its import goes; a stale entry fails `test_the_allow_list_is_current`.
ALLOWED: dict[tuple[str, str], str] = {}

_TEMPLATE_REFERENCE = re.compile(r"{%\s*(?:include|extends)\s+[\"']([^\"']+)[\"']")


def _app_of(module: str) -> str | None:
    top = module.split(".")[0]
    return top if top in LAYERS else None


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(tree: ast.AST, module: str) -> set[str]:
    """Every module the code imports, at the top or inside a function, and every module named
    to `import_module`."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = module.split(".")[: -node.level]
                base = ".".join(package + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.add(base)
            # `from reports import services` imports reports.services.
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.add(str(node.args[0].value))
    return found


def _project_modules() -> list[tuple[str, Path]]:
    modules = []
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            modules.append((_module_name(path), path))
    return modules


def _upward_imports() -> set[tuple[str, str]]:
    """(module, imported module) for every import that climbs to a higher layer."""
    upward = set()
    for module, path in _project_modules():
        app = _app_of(module)
        for name in _imported(ast.parse(path.read_text(), filename=str(path)), module):
            target = _app_of(name)
            if target is None or target == app:
                continue
            if LAYERS[target] > LAYERS[app]:
                # Name the module imported, not the names imported from it.
                upward.add((module, _longest_module(name)))
    return upward


def _longest_module(name: str) -> str:
    parts = name.split(".")
    while parts:
        candidate = ROOT.joinpath(*parts)
        if candidate.with_suffix(".py").exists() or (candidate / "__init__.py").exists():
            return ".".join(parts)
        parts.pop()
    return name


def _template_app(name: str) -> str:
    folder = name.split("/")[0] if "/" in name else ""
    folder = TEMPLATE_FOLDERS.get(folder, folder)
    return folder if folder in LAYERS else "core"


def test_the_layers_cover_every_app_of_the_project():
    from django.conf import settings

    installed = {app.split(".")[0] for app in settings.INSTALLED_APPS}
    assert (installed & {p.name for p in ROOT.iterdir() if (p / "apps.py").exists()}) <= set(LAYERS)


def test_no_module_imports_an_app_above_its_own():
    upward = {pair for pair in _upward_imports() if pair not in ALLOWED}
    assert not upward, "Imports against the layer order:\n" + "\n".join(
        f"  {module} imports {target}" for module, target in sorted(upward)
    )


def test_the_allow_list_is_current():
    stale = set(ALLOWED) - _upward_imports()
    assert not stale, f"These imports are gone: remove them from ALLOWED: {sorted(stale)}"


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "templates").rglob("*.html")),
    ids=lambda path: str(path.relative_to(ROOT / "templates")),
)
def test_no_template_includes_a_template_of_an_app_above_its_own(path):
    name = str(path.relative_to(ROOT / "templates"))
    own = _template_app(name)
    for included in _TEMPLATE_REFERENCE.findall(path.read_text()):
        target = _template_app(included)
        assert LAYERS[target] <= LAYERS[own], f"{name} includes {included} ({target})"


def test_the_check_finds_an_upward_import():
    """The walk above sees every kind of import, so that a passing test means something."""
    tree = ast.parse(
        "from lscb import selectors\n"
        "def f():\n"
        "    import reports.services\n"
        "    from ..judgements import history\n"
        "    import_module('seeding.demo')\n"
    )
    found = _imported(tree, "inspections.views")
    assert {"lscb.selectors", "reports.services", "seeding.demo"} <= found
    assert {_app_of(name) for name in found} >= {"lscb", "reports", "seeding"}


# --- Rooms of a readable size ------------------------------------------------------------------

MAX_MODULE_LINES = 500
MAX_VIEW_LINES = 40
# Modules known to be over the limit, each with its reason; remove an entry when it is split.
LONG_MODULES: dict[str, str] = {}


def _modules_outside_migrations() -> list[Path]:
    """Every app's modules, and the tests' and benchmarks' too."""
    return [
        path
        for folder in (*LAYERS, "tests", "bench")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "migrations" not in path.relative_to(ROOT).parts
    ]


def _view_modules() -> list[Path]:
    return [
        path
        for path in _modules_outside_migrations()
        if path.name == "views.py" or path.parent.name == "views"
    ]


def _long_functions(source: str, limit: int) -> list[tuple[str, int]]:
    """(name, lines) of every function, decorators included, longer than `limit` lines."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            length = node.end_lineno - first + 1
            if length > limit:
                found.append((node.name, length))
    return found


def test_no_module_is_over_500_lines():
    long = [
        f"{path.relative_to(ROOT)} ({lines} lines)"
        for path in _modules_outside_migrations()
        if (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
        and str(path.relative_to(ROOT)) not in LONG_MODULES
    ]
    assert not long, "Split these modules along their seams:\n" + "\n".join(long)
    stale = [
        name
        for name in LONG_MODULES
        if len((ROOT / name).read_text().splitlines()) <= MAX_MODULE_LINES
    ]
    assert not stale, f"These modules are short now: remove them from LONG_MODULES: {stale}"


def test_no_view_function_is_over_40_lines():
    long = [
        f"{path.relative_to(ROOT)}: {name} ({length} lines)"
        for path in _view_modules()
        for name, length in _long_functions(path.read_text(), MAX_VIEW_LINES)
    ]
    assert not long, "Move the work of these views into helpers, selectors or services:\n" + (
        "\n".join(long)
    )


def test_the_view_check_counts_decorators_and_body():
    def view(lines: int) -> str:
        body = "".join(f"    x{n} = {n}\n" for n in range(lines - 3))
        return f"@login_required\ndef page(request):\n{body}    return x0\n"

    assert _long_functions(view(MAX_VIEW_LINES), MAX_VIEW_LINES) == []
    assert _long_functions(view(MAX_VIEW_LINES + 1), MAX_VIEW_LINES) == [("page", 41)]
