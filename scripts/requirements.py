"""Print pinned requirements from pyproject.toml, one a line, for `pip install -r`.

With no argument: the runtime dependencies. With extra names (`test`, `lint`, `bench`, `dev`):
those extras, following an extra that names others ("joint-inspections[test]").

`make run`, `make test` and the Dockerfile install from this list rather than building the
project itself: the code runs from the checkout (manage.py, `celery -A`, `python -m pytest`), so
only its dependencies need installing, and a newcomer's first `make run` skips the build.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def requirements(extras: list[str]) -> list[str]:
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    if not extras:
        return list(project["dependencies"])
    self_reference = re.compile(rf"{re.escape(project['name'])}\[(.+)\]")
    found: list[str] = []
    for extra in extras:
        for requirement in project["optional-dependencies"][extra]:
            named = self_reference.fullmatch(requirement)
            found += requirements(named.group(1).split(",")) if named else [requirement]
    return list(dict.fromkeys(found))


if __name__ == "__main__":
    print("\n".join(requirements(sys.argv[1:])))
