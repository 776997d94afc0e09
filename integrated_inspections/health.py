"""Service health: what a load balancer and an operator need to know at a glance: the database,
the broker and the file store."""

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.storage import store_status


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        connection.close()
        return "unavailable"
    return "ok"


def broker_status() -> str:
    """'ok' or 'unavailable' for Redis; 'in-process' when tasks run without a broker."""
    if not settings.REDIS_URL:
        return "in-process"
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        client.ping()
    except redis.RedisError:
        return "unavailable"
    return "ok"


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    database = database_status()
    # The file store (a bucket missing or not writable shows here) is reported, like the broker,
    # without taking the service out of a load balancer: only downloads and renders need it.
    body = {"database": database, "broker": broker_status(), "store": store_status()}
    body["status"] = "ok" if database == "ok" else "unavailable"
    return JsonResponse(body, status=200 if database == "ok" else 503)
