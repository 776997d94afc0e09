# Joint Inspections: one image for the web app (gunicorn) and the Celery worker.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's system libraries (Pango, HarfBuzz with subsetting, fonts, MIME data).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        libffi-dev \
        fonts-liberation \
        shared-mime-info \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Install the dependencies before copying the rest of the source, so code changes do not
# reinstall them: a first install from pyproject.toml alone, then the project itself.
COPY pyproject.toml ./
COPY scripts/requirements.py scripts/
RUN python scripts/requirements.py > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
RUN pip install .

# Settings read their values from the environment; collectstatic needs only placeholders.
RUN SECRET_KEY=collectstatic-only \
    DEBUG=0 \
    ALLOWED_HOSTS=localhost \
    SITE_URL=http://localhost \
    DATABASE_URL=sqlite:////tmp/collectstatic.sqlite3 \
    REDIS_URL=redis://localhost:6379/0 \
    MEDIA_ROOT=/srv/media \
    python manage.py collectstatic --noinput \
    && rm -f /tmp/collectstatic.sqlite3

# Run as an unprivileged user. /srv/media is created here, owned by that user, so that a new
# named volume mounted on it inherits the ownership and is writable.
RUN groupadd --system app \
    && useradd --system --gid app --home-dir /app --no-create-home app \
    && mkdir -p /srv/media \
    && chown app:app /srv/media
USER app

ENV MEDIA_ROOT=/srv/media
EXPOSE 8000

CMD ["gunicorn", "integrated_inspections.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
