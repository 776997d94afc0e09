"""The project's URLs plus the floor: a bare Django view behind the same middleware.

Every page's latency is reported as a ratio to this view's, measured in the same run on the same
server, so that the noise of a shared machine falls on both sides of the ratio.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe

from integrated_inspections.urls import urlpatterns as project_urlpatterns


@require_safe
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/floor", floor, name="bench_floor"), *project_urlpatterns]
