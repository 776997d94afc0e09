"""The Docker Compose demo stack: services, health checks, settings and shared media."""

from pathlib import Path

import pytest
import yaml

# Plain file checks: no Django database access.
pytestmark = []

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker")
SETTINGS_FROM_ENVIRONMENT = (
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "MEDIA_ROOT",
)


@pytest.fixture(scope="module")
def services():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return compose["services"]


def _environment(service):
    environment = service.get("environment", {})
    if isinstance(environment, list):
        return dict(item.split("=", 1) if "=" in item else (item, None) for item in environment)
    return environment


def _volume_mounts(service):
    mounts = {}
    for volume in service.get("volumes", []):
        if isinstance(volume, dict):
            mounts[volume["source"]] = volume["target"]
        else:
            source, target = volume.split(":")[:2]
            mounts[source] = target
    return mounts


def test_stack_runs_web_worker_postgres_and_redis(services):
    assert {"web", "worker", "postgres", "redis"} <= set(services)


@pytest.mark.parametrize("name", ["web", "worker", "postgres", "redis"])
def test_every_service_reports_its_health(services, name):
    assert services[name].get("healthcheck", {}).get("test")


def test_web_is_healthy_only_when_healthz_answers(services):
    assert "/healthz" in str(services["web"]["healthcheck"]["test"])


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_take_every_setting_from_the_environment(services, name):
    environment = _environment(services[name])

    missing = [key for key in SETTINGS_FROM_ENVIRONMENT if not environment.get(key)]

    assert missing == []


@pytest.mark.parametrize("name", APP_SERVICES)
def test_secret_key_can_be_overridden_from_the_host(services, name):
    assert "${SECRET_KEY" in _environment(services[name])["SECRET_KEY"]


@pytest.mark.parametrize("name", APP_SERVICES)
def test_web_and_worker_share_the_media_volume(services, name):
    assert _volume_mounts(services[name]).get("media") == "/srv/media"
    assert _environment(services[name])["MEDIA_ROOT"] == "/srv/media"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_postgres_and_redis(services, name):
    depends_on = services[name]["depends_on"]

    assert depends_on["postgres"]["condition"] == "service_healthy"
    assert depends_on["redis"]["condition"] == "service_healthy"


def test_image_installs_pango_for_pdf_rendering():
    assert "libpango" in (ROOT / "Dockerfile").read_text()


def test_the_object_store_reports_its_health_and_has_the_bucket_made(services):
    assert "healthz" in str(services["objectstore"]["healthcheck"]["test"])
    bucket = services["objectstore-bucket"]
    assert bucket["depends_on"]["objectstore"]["condition"] == "service_healthy"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_web_and_worker_keep_report_files_in_the_object_store(services, name):
    environment = _environment(services[name])
    assert environment["AWS_STORAGE_BUCKET_NAME"]
    assert environment["AWS_S3_ENDPOINT_URL"] == "http://objectstore:8333"
    assert "${OBJECT_STORE_SECRET_KEY" in environment["AWS_SECRET_ACCESS_KEY"]
    condition = services[name]["depends_on"]["objectstore-bucket"]["condition"]
    assert condition == "service_completed_successfully"
