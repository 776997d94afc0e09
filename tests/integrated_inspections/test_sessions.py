"""Sessions read with their user in one statement (integrated_inspections/sessions.py, ADR 0020):
each request gets its own session's user, checked as Django checks it, and a person's sessions
are theirs by a column."""

from __future__ import annotations

import pytest
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user,
    get_user_model,
)
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from core.models import SignedInSession
from integrated_inspections import accounts
from integrated_inspections.sessions import (
    BACKEND,
    SessionStore,
    SessionUserBackend,
    signed_in_session,
)

pytestmark = pytest.mark.django_db

PAGE = "/accessibility/"


def _user_of(session_key: str):
    request = RequestFactory().get(PAGE)
    request.session = SessionStore(session_key=session_key)
    return get_user(request)


def test_a_session_row_names_its_user_and_an_anonymous_one_names_nobody(people):
    signed_in = signed_in_session(people["ofsted.inspector"])
    anonymous = SessionStore()
    anonymous["seen_cookie_banner"] = True
    anonymous.create()
    assert SignedInSession.objects.get(pk=signed_in).user == people["ofsted.inspector"]
    assert SignedInSession.objects.get(pk=anonymous.session_key).user is None


def test_a_signed_in_request_reads_its_session_and_user_in_one_query(
    client_for, django_assert_num_queries
):
    client = client_for("ofsted.inspector")
    assert client.get(PAGE).status_code == 200  # the first request saves the session
    with django_assert_num_queries(1):
        assert client.get(PAGE).status_code == 200


def test_each_session_gets_its_own_user_however_they_alternate(people):
    inspector, lead = people["ofsted.inspector"], people["cqc.lead"]
    first, second = signed_in_session(inspector), signed_in_session(lead)
    for key, user in [(first, inspector), (second, lead), (second, lead), (first, inspector)]:
        assert _user_of(key) == user
    # The user read with one session is never handed out for another user id.
    SessionStore(session_key=second).load()
    assert SessionUserBackend().get_user(inspector.pk) == inspector


def test_a_person_made_inactive_is_signed_out_at_their_next_request(people):
    key = signed_in_session(people["ofsted.inspector"])
    type(people["ofsted.inspector"]).objects.filter(pk=people["ofsted.inspector"].pk).update(
        is_active=False
    )
    assert isinstance(_user_of(key), AnonymousUser)


def test_a_password_changed_elsewhere_ends_the_session(people):
    user = people["ofsted.inspector"]
    key = signed_in_session(user)
    user.set_password("a different long password 42")
    user.save()
    assert isinstance(_user_of(key), AnonymousUser)
    assert not SignedInSession.objects.filter(pk=key).exists()


def test_a_persons_other_sessions_are_found_by_their_column(people):
    inspector, lead = people["ofsted.inspector"], people["cqc.lead"]
    kept, other, someone_elses = (
        signed_in_session(inspector),
        signed_in_session(inspector),
        signed_in_session(lead),
    )
    assert accounts.sessions_end_others(user=inspector, keep=kept) == 1
    assert set(SignedInSession.objects.values_list("pk", flat=True)) >= {kept, someone_elses}
    assert not SignedInSession.objects.filter(pk=other).exists()


def test_deleting_a_person_deletes_their_sessions():
    # Someone on no team (people on a team are kept by its records).
    user = get_user_model().objects.create_user("leaver", password="a long password for now 7")
    key = signed_in_session(user)
    user.delete()
    assert not SignedInSession.objects.filter(pk=key).exists()


def test_a_session_saved_for_someone_just_deleted_reads_as_signed_out():
    # No database constraint on the column: saving does not fail (Django's store would take an
    # IntegrityError for a taken key and try new keys for ever); reading finds nobody.
    user = get_user_model().objects.create_user("brief", password="a long password for now 7")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    user.delete()
    session.create()
    assert isinstance(_user_of(session.session_key), AnonymousUser)
