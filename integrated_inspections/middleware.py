"""Request checks that belong to no one page."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse


class RejectNulBytesMiddleware:
    """Answer 400 to an address or query string holding a NUL byte.

    No address of the service contains one, and PostgreSQL cannot compare text with one: a
    lookup such as an inspection reference from the address would fail as a server error.
    Form fields are checked by their forms (Django refuses NUL in text fields).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or "\x00" in request.path_info or self._in_query(request):
            raise BadRequest("NUL byte in the address")
        return self.get_response(request)

    @staticmethod
    def _in_query(request: HttpRequest) -> bool:
        return any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        )
