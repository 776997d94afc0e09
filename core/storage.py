"""The stored files (report PDFs, response documents, statements of action) through Django's
storage API: an S3-compatible bucket when `AWS_STORAGE_BUCKET_NAME` is set, local disk otherwise
(docs/adr/0015-object-storage.md).

Every file is stored under a name made from its SHA-256 and never replaced in place, so a name
always means the same bytes, on every web server and worker. A store that cannot be reached, or
refuses, raises `StoreUnavailable`: a render records it and is tried again, a download answers
503 with a GOV.UK page (integrated_inspections.middleware), and `/healthz` reports it.
"""

from __future__ import annotations

import contextlib
import tempfile
import uuid
from collections.abc import Iterator

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse

STORE_DOWN = "The file store could not {action} ({error}). Nothing was published."


class StoreUnavailable(Exception):
    """The file store could not be reached, or refused: nothing was read or written."""


def _store_errors() -> tuple[type[BaseException], ...]:
    # Local disk fails with OSError; an S3 store with botocore's errors (no connection, timed
    # out, access denied, no such bucket), which exist only where boto3 is installed.
    errors: list[type[BaseException]] = [OSError]
    with contextlib.suppress(ImportError):
        from botocore.exceptions import BotoCoreError, ClientError

        errors += [BotoCoreError, ClientError]
    return tuple(errors)


@contextlib.contextmanager
def store_errors(action: str) -> Iterator[None]:
    """Turn the store's own errors into `StoreUnavailable`, saying what could not be done."""
    try:
        yield
    except _store_errors() as error:
        raise StoreUnavailable(STORE_DOWN.format(action=action, error=error)) from error


def store_once(name: str, content: bytes) -> None:
    """Store `content` under `name` (made from its SHA-256) unless the same file is there.

    A file of another size under the name was left half-written by a process that died while
    writing it to local disk (an S3 upload is all or nothing): it is written again, so that a
    half-written file is never what a ready version points at.
    """
    with store_errors("save the file"):
        if default_storage.exists(name):
            if default_storage.size(name) == len(content):
                return
            default_storage.delete(name)
        stored = default_storage.save(name, ContentFile(content))
    if stored != name:
        raise RuntimeError(f"The storage renamed {name} to {stored}.")


def _fetch_from_bucket(name: str) -> File:
    """One GET for the whole object (django-storages' own file asks for its size twice first:
    three round trips to the store for every download; bench/README.md)."""
    from storages.utils import clean_name

    key = default_storage._normalize_name(clean_name(name))
    client = default_storage.connection.meta.client
    body = client.get_object(Bucket=default_storage.bucket_name, Key=key)["Body"]
    # Closed by the response that sends it (FileResponse).
    held = tempfile.SpooledTemporaryFile(max_size=default_storage.max_memory_size)  # noqa: SIM115
    for chunk in body.iter_chunks(chunk_size=64 * 1024):
        held.write(chunk)
    held.seek(0)
    return File(held, name=name)


def open_stored(name: str) -> File:
    """The stored file, already fetched: a store that is down fails here, before any byte of
    an answer is sent, never halfway through a download."""
    with store_errors("read the file"):
        if hasattr(default_storage, "bucket_name"):
            return _fetch_from_bucket(name)
        stored = default_storage.open(name, "rb")
    return stored


def read_stored(name: str) -> bytes:
    stored = open_stored(name)
    with store_errors("read the file"), stored:
        return stored.read()


def pdf_response(name: str, *, filename: str) -> FileResponse:
    """A stored PDF streamed through the service as a download (ADR 0015)."""
    return FileResponse(
        open_stored(name), as_attachment=True, filename=filename, content_type="application/pdf"
    )


def _bucket_status() -> str | None:
    """For an S3 store: what is wrong with its bucket, or None when it answers."""
    if not hasattr(default_storage, "bucket_name"):
        return None
    from botocore.exceptions import BotoCoreError, ClientError

    client = default_storage.connection.meta.client
    try:
        client.head_bucket(Bucket=default_storage.bucket_name)
    except ClientError as error:
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return "bucket missing" if status == 404 else "not readable"
    except BotoCoreError:
        return "unavailable"
    return None


def store_status() -> str:
    """'ok' when a file can be written to the store and deleted again; otherwise what is wrong:
    'unavailable', 'bucket missing', 'not readable' or 'not writable'."""
    problem = _bucket_status()
    if problem:
        return problem
    name = f"healthz/{uuid.uuid4().hex}.txt"
    try:
        with store_errors("write a test file"):
            stored = default_storage.save(name, ContentFile(b"ok"))
            default_storage.delete(stored)
    except StoreUnavailable as error:
        cause = error.__cause__
        if isinstance(cause, PermissionError) or "AccessDenied" in str(cause):
            return "not writable"
        return "unavailable"
    return "ok"
