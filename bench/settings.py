"""The project's settings, plus the benchmark-only floor URL (see `bench/urls.py`).

Selected with DJANGO_SETTINGS_MODULE=bench.settings by `bench/load.py` for the server it starts,
so that the product itself never has a floor URL.
"""

from integrated_inspections.settings import *  # noqa: F403 - an override of every setting

ROOT_URLCONF = "bench.urls"
