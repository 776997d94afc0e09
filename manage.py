#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integrated_inspections.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - loads the settings, which check the environment
    except ImproperlyConfigured as error:
        # A missing setting is the newcomer's first run: one line saying what to do, not a
        # traceback from deep inside Django.
        sys.exit(str(error))

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
