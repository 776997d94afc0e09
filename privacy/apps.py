from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Who viewed a child's personal details, and their erasure after publication."""

    name = "privacy"
    verbose_name = "Children's personal details"
