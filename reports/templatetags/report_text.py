"""`{{ text|lines }}`: text typed one item a line, as the report prints it (paragraphs or list
items), so that no finding reaches the page or the PDF as lines run together with `<br>`."""

from __future__ import annotations

from django import template

from core.text import one_per_line

register = template.Library()
register.filter("lines", one_per_line)
