"""Signing in: throttling, password rules, session expiry and the second factor."""

from __future__ import annotations

import datetime
from binascii import unhexlify

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.dates import time_of_day
from core.models import SignedInSession as Session
from integrated_inspections import accounts

LOGIN = "/accounts/login/"
ENROL = "/accounts/two-factor/"
VERIFY = "/accounts/two-factor/verify/"
INSPECTIONS = "/inspections/"


def _code(key_hex: str, *, steps_ahead: int = 0) -> str:
    value = totp(unhexlify(key_hex), t0=-30 * steps_ahead)
    return f"{value:06d}"


def _sign_in(client: Client, username: str, password: str | None = None, **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password or settings.DEMO_PASSWORD, **extra},
        REMOTE_ADDR="198.51.100.7",
    )


@pytest.fixture
def demo_passwords(people):
    """The demo users with their real password (the suite otherwise skips hashing it)."""
    for user in people.values():
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return people


# --- Throttling ---------------------------------------------------------------------------------


def test_a_right_password_signs_in(client, demo_passwords):
    response = _sign_in(client, "ofsted.inspector")
    assert response.status_code == 302
    assert client.get(INSPECTIONS).status_code == 200


def test_five_wrong_passwords_lock_the_username_out_even_with_the_right_password(
    client, demo_passwords
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _sign_in(client, "ofsted.inspector", "wrong-password")
        assert response.status_code == 200
        assert "correct username and password" in response.content.decode()
    locked = _sign_in(client, "ofsted.inspector", "wrong-password")
    assert locked.status_code == 429
    assert _sign_in(client, "ofsted.inspector").status_code == 429
    assert client.get(INSPECTIONS).status_code == 302  # still not signed in


def test_the_lockout_page_says_when_to_try_again(client, demo_passwords):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _sign_in(client, "cqc.lead", "wrong-password")
    page = response.content.decode()
    until = timezone.localtime() + settings.AXES_COOLOFF_TIME
    assert "Sign-in locked for 15 minutes" in page
    # Times as everywhere else in the service (DESIGN rule 21): "2:05pm".
    assert f"after <strong>{time_of_day(until)}</strong>" in page or (
        f"after <strong>{time_of_day(until - datetime.timedelta(minutes=1))}</strong>" in page
    )


def test_a_lockout_is_for_that_username_from_that_address_only(client, demo_passwords):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "hmic.lead", "wrong-password")
    assert _sign_in(Client(), "hmic.inspector").status_code == 302
    other_address = Client().post(
        LOGIN,
        {"username": "hmic.lead", "password": settings.DEMO_PASSWORD},
        REMOTE_ADDR="203.0.113.9",
    )
    assert other_address.status_code == 302


def test_the_lockout_ends_after_the_cool_off_time(client, demo_passwords):
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "probation.lead", "wrong-password")
    assert _sign_in(client, "probation.lead").status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
    )
    assert _sign_in(client, "probation.lead").status_code == 302


def test_throttling_settings_follow_the_issue():
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert settings.AXES_FAILURE_LIMIT == 5
    assert datetime.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


# --- Passwords and sessions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "password", ["short-1", "password1234", "123456789012345", "ofsted.inspector1"]
)
def test_weak_passwords_are_refused(password, people):
    with pytest.raises(ValidationError):
        validate_password(password, user=people["ofsted.inspector"])


def test_changing_a_password_applies_the_validators(client_for, demo_passwords):
    people = demo_passwords
    client = client_for("ofsted.inspector")
    response = client.post(
        "/accounts/password/",
        {
            "old_password": settings.DEMO_PASSWORD,
            "new_password1": "password1234",
            "new_password2": "password1234",
        },
    )
    assert response.status_code == 200
    assert "This password is too common" in response.content.decode()
    assert 'class="govuk-error-summary"' in response.content.decode()
    good = "quince-fjord-tallow-97"
    response = client.post(
        "/accounts/password/",
        {"old_password": settings.DEMO_PASSWORD, "new_password1": good, "new_password2": good},
    )
    assert response.status_code == 302
    people["ofsted.inspector"].refresh_from_db()
    assert people["ofsted.inspector"].check_password(good)


def test_a_session_ends_after_an_hour_without_activity(client_for):
    assert settings.SESSION_COOKIE_AGE == 60 * 60
    client = client_for("ofsted.inspector")
    assert client.get(INSPECTIONS).status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    left = session.expire_date - timezone.now()
    # Activity restarts the hour (RefreshSessionMiddleware, at most once a minute).
    assert datetime.timedelta(minutes=59) < left <= datetime.timedelta(hours=1)
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(INSPECTIONS)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


# --- Second factor -------------------------------------------------------------------------------


def _enrol(client: Client) -> str:
    """Set up an authenticator app through the pages; returns its key."""
    page = client.get(ENROL)
    assert page.status_code == 200
    key = client.session[accounts.ENROL_KEY_SESSION_KEY]
    assert "otpauth://totp/Joint%20Inspections%3A" in page.content.decode()
    assert "<svg" in page.content.decode()
    response = client.post(ENROL, {"token": _code(key)})
    assert response.status_code == 302, response.content.decode()
    return key


def test_staff_can_set_up_an_authenticator_app(client_for, people):
    client = client_for("programme.admin")
    key = _enrol(client)
    device = TOTPDevice.objects.get(user=people["programme.admin"])
    assert device.confirmed
    assert device.key == key
    assert client.get(INSPECTIONS).status_code == 200


def test_opening_the_set_up_page_writes_nothing(client_for, people):
    client = client_for("programme.admin")
    client.get(ENROL)
    assert not TOTPDevice.objects.exists()


def test_a_wrong_code_does_not_set_up_the_app(client_for):
    client = client_for("programme.admin")
    client.get(ENROL)
    key = client.session[accounts.ENROL_KEY_SESSION_KEY]
    wrong = f"{(int(_code(key)) + 1) % 1_000_000:06d}"
    response = client.post(ENROL, {"token": wrong})
    assert response.status_code == 400
    assert accounts.CODE_WRONG in response.content.decode()
    assert not TOTPDevice.objects.exists()


def test_signing_in_with_an_app_set_up_asks_for_a_code(client, client_for, demo_passwords):
    key = _enrol(client_for("programme.admin"))
    assert _sign_in(client, "programme.admin").status_code == 302
    response = client.get(INSPECTIONS)
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Finspections%2F"
    # Nothing of the service is reachable until the code is given.
    assert client.get("/audit/").status_code == 302
    response = client.post(VERIFY, {"token": _code(key, steps_ahead=1), "next": INSPECTIONS})
    assert response.status_code == 302
    assert response["Location"] == INSPECTIONS
    assert client.get(INSPECTIONS).status_code == 200


def test_a_wrong_code_keeps_the_user_out_and_slows_further_tries(
    client, client_for, demo_passwords
):
    key = _enrol(client_for("programme.admin"))
    _sign_in(client, "programme.admin")
    wrong = f"{(int(_code(key, steps_ahead=1)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"token": wrong})
    assert response.status_code == 400
    assert accounts.CODE_WRONG in response.content.decode()
    # Straight after a wrong code even the right one waits: guessing is slowed down.
    response = client.post(VERIFY, {"token": _code(key, steps_ahead=1)})
    assert response.status_code == 400
    assert "Too many wrong codes" in response.content.decode()
    assert client.get(INSPECTIONS).status_code == 302


def test_a_code_is_not_accepted_twice(client, client_for, demo_passwords, people):
    key = _enrol(client_for("programme.admin"))
    _sign_in(client, "programme.admin")
    # The code that confirmed the app was used up there.
    used = TOTPDevice.objects.get(user=people["programme.admin"]).last_t
    clock = TOTP(unhexlify(key))
    clock.time = used * 30 + 1
    response = client.post(VERIFY, {"token": f"{clock.token():06d}"})
    assert response.status_code == 400


@pytest.mark.parametrize("token", ["12345", "abcdef", "1234567", "12 34 5x", "\x00" * 6])
def test_a_malformed_code_is_a_form_error(client_for, token):
    client = client_for("programme.admin")
    client.get(ENROL)
    response = client.post(ENROL, {"token": token})
    assert response.status_code == 400
    assert not TOTPDevice.objects.exists()


def test_a_verify_redirect_never_leaves_the_site(client, client_for, demo_passwords):
    key = _enrol(client_for("programme.admin"))
    _sign_in(client, "programme.admin")
    response = client.post(
        VERIFY, {"token": _code(key, steps_ahead=1), "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_when_required_staff_without_an_app_must_set_one_up_first(client_for, settings):
    settings.OTP_REQUIRED = True
    client = client_for("programme.admin")
    response = client.get(INSPECTIONS)
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=%2Finspections%2F"
    assert "must use a code" in client.get(ENROL).content.decode()
    _enrol(client)
    assert client.get(INSPECTIONS).status_code == 200


def test_when_required_inspectors_are_not_made_to_set_up_an_app(client_for, settings):
    settings.OTP_REQUIRED = True
    assert client_for("ofsted.inspector").get(INSPECTIONS).status_code == 200


def test_the_second_factor_is_required_by_default_in_production():
    from tests.security.production import production_settings

    assert production_settings()["OTP_REQUIRED"] is True


def test_setting_up_an_app_ends_the_users_other_sessions_and_keeps_this_one(
    client, client_for, demo_passwords
):
    # Opened before the app existed: it never gave a code.
    old = client_for("programme.admin")
    assert old.get(INSPECTIONS).status_code == 200
    someone_else = client_for("ofsted.inspector")
    current = client_for("programme.admin")
    key = _enrol(current)

    response = old.get(INSPECTIONS)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert current.get(INSPECTIONS).status_code == 200
    assert someone_else.get(INSPECTIONS).status_code == 200
    # Signing in again, the old browser is asked for a code before anything else.
    assert _sign_in(old, "programme.admin").status_code == 302
    assert old.get(INSPECTIONS)["Location"] == f"{VERIFY}?next=%2Finspections%2F"
    assert old.post(VERIFY, {"token": _code(key, steps_ahead=1)}).status_code == 302
    assert old.get(INSPECTIONS).status_code == 200


def test_changing_the_app_ends_the_other_sessions_that_gave_a_code(
    client, client_for, demo_passwords
):
    key = _enrol(client_for("programme.admin"))
    other = Client()
    _sign_in(other, "programme.admin")
    assert other.post(VERIFY, {"token": _code(key, steps_ahead=1)}).status_code == 302
    assert other.get(INSPECTIONS).status_code == 200
    _sign_in(client, "programme.admin")
    assert client.post(VERIFY, {"token": _code(key, steps_ahead=2)}).status_code == 302
    session_before = client.session.session_key

    new_key = _enrol(client)
    assert new_key != key
    # A new session key, as at sign-in; the old one is no longer valid anywhere.
    assert client.session.session_key != session_before
    assert not Session.objects.filter(session_key=session_before).exists()
    assert client.get(INSPECTIONS).status_code == 200
    response = other.get(INSPECTIONS)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_removing_someones_app_in_the_admin_ends_their_sessions(
    client_for, people, django_user_model
):
    # A lost phone: the administrator removes the app, and a session that gave a code with it
    # must not live on.
    inspector = client_for("ofsted.inspector")
    _enrol(inspector)
    assert inspector.get(INSPECTIONS).status_code == 200
    device = TOTPDevice.objects.get(user=people["ofsted.inspector"])
    superuser = django_user_model.objects.create_superuser("root.admin", "root@example.org", "x")
    administrator = Client()
    administrator.force_login(superuser)

    response = administrator.post(
        f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    response = inspector.get(INSPECTIONS)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
