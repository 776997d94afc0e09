"""`{{ user|display_name }}`: a person named on a page as everywhere else in the service."""

from __future__ import annotations

from django import template

from core import text

register = template.Library()
register.filter("display_name", text.display_name)
