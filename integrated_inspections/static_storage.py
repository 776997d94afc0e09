"""Static files in production: WhiteNoise's compressed, hashed copies, each URL worked out once.

Every page's base template names eight static files. Django looks each one up in the manifest
and joins it to STATIC_URL on every request (about a tenth of a millisecond a page, bench/README.md
fix 12); the manifest does not change while a process runs (`collectstatic` runs before it
starts), so the answer for a name is kept for the process's life.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFiles(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        if force or not name:
            return super().url(name, force)
        found = self._urls.get(name)
        if found is None:
            # A name missing from the manifest raises here, as before, and is not kept.
            found = self._urls[name] = super().url(name)
        return found
