"""Sessions that know who is signed in to them: the session and the user in one statement.

Every signed-in request reads its session, then its user: two round trips to PostgreSQL before
the page does anything, a third of a signed-in page's time under load (bench/README.md, fix 12).
Sessions are kept in `core.SignedInSession`, whose `user` column is written whenever the session
is saved, so the session's row is read with its user's row joined. The user read this way is
handed to `SessionUserBackend.get_user`, which Django's `auth.get_user` calls straight after, for
the same request, and which otherwise reads the user as Django's ModelBackend does. Django still
checks the session's password hash against that user, and an inactive user is still refused.

Settings: SESSION_ENGINE = "integrated_inspections.sessions", and SessionUserBackend in place of
ModelBackend in AUTHENTICATION_BACKENDS.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar

from asgiref.sync import sync_to_async
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

from core.models import SignedInSession

BACKEND = "integrated_inspections.sessions.SessionUserBackend"

# The user read with this thread's last session: (user id as the session holds it, user).
# Every session read replaces it, so it never outlives the request that read it for use.
_read_with_session: ContextVar[tuple[str, object] | None] = ContextVar(
    "read_with_session", default=None
)


class SessionStore(db.SessionStore):
    @classmethod
    def get_model_class(cls) -> type[SignedInSession]:
        return SignedInSession

    def create_model_instance(self, data: dict) -> SignedInSession:
        session = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        session.user_id = None if user_id is None else get_user_model()._meta.pk.to_python(user_id)
        return session

    async def acreate_model_instance(self, data: dict) -> SignedInSession:
        return self.create_model_instance(data)

    async def _aget_session_from_db(self) -> SignedInSession | None:
        return await sync_to_async(self._get_session_from_db)()

    def _get_session_from_db(self) -> SignedInSession | None:
        _read_with_session.set(None)
        try:
            session = self.model.objects.select_related("user").get(
                session_key=self.session_key, expire_date__gt=timezone.now()
            )
        except self.model.DoesNotExist:
            self._session_key = None
            return None
        except SuspiciousOperation as error:
            # As Django's own database sessions do: a malformed key is no session, and is logged.
            logging.getLogger(f"django.security.{error.__class__.__name__}").warning(str(error))
            self._session_key = None
            return None
        if session.user is not None:
            _read_with_session.set((str(session.user_id), session.user))
        return session


class SessionUserBackend(ModelBackend):
    """Django's ModelBackend, taking the user read with the session when it is the one asked for."""

    def get_user(self, user_id):
        read = _read_with_session.get()
        if read is not None and read[0] == str(user_id):
            _read_with_session.set(None)
            user = read[1]
            return user if self.user_can_authenticate(user) else None
        return super().get_user(user_id)


def signed_in_session(user) -> str:
    """A session for `user` made directly in the store, as signing in makes it; its key.

    For the benchmark and the tests that drive web servers from outside (no sign-in form).
    """
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key
