"""The partner inspectorates as rows, so that participations and team members can point at them.

What each inspectorate judges is framework data (`registry.py` and the sub-apps), not rows.
"""

from django.conf import settings
from django.db import models


class Inspectorate(models.Model):
    """One of the five partner inspectorates; rows mirror `inspectorates.registry`."""

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class InspectorProfile(models.Model):
    """Which inspectorate a user works for: they may only ever write for that one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inspector_profile"
    )
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="staff")

    def __str__(self) -> str:
        return f"{self.user} ({self.inspectorate.code})"
