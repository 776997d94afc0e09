"""Signing in: the lockout page, the second factor (TOTP) and changing a password.

Throttling is django-axes (settings `AXES_*`); this module only renders its lockout page. The
second factor is django-otp: anyone with a confirmed authenticator app gives a code after their
password, and with `OTP_REQUIRED` staff must set one up before using the service. "Staff" means
programme administrators and Django `is_staff` users: they see every inspection, so a stolen
password alone must not be enough.
"""

from __future__ import annotations

import datetime
import io
import logging
import time
from base64 import b32encode
from binascii import unhexlify
from importlib import import_module
from urllib.parse import urlencode

from crispy_forms_gds.layout import Field, Fixed
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from core.dates import time_of_day
from core.forms import gds_form_helper
from inspections.permissions import is_programme_admin

logger = logging.getLogger("integrated_inspections.security")

# What the session knows about the signed-in user's second factor, worked out at sign-in so
# that no page pays a query for it.
SECOND_FACTOR_SESSION_KEY = "second_factor"
# The secret of an authenticator app being set up, until its first code confirms it.
ENROL_KEY_SESSION_KEY = "second_factor_enrol_key"

CODE_REQUIRED = "Enter the 6-digit code from your authenticator app"
CODE_FORMAT = "The code must be 6 digits, like 123456"
CODE_WRONG = "The code is not correct. Check your authenticator app and enter the newest code."
CODE_THROTTLED = (
    "Too many wrong codes. Wait until {time}, then enter the newest code from your app."
)
ENROL_EXPIRED = (
    "The set-up took too long. Scan the new QR code, or enter the new key, and try again."
)


def is_staff_user(user: AbstractBaseUser) -> bool:
    """Programme administrators and Django staff: the people OTP_REQUIRED applies to."""
    return bool(user.is_authenticated and (user.is_staff or is_programme_admin(user)))


def _second_factor_facts(user: AbstractBaseUser) -> dict[str, bool]:
    return {
        "user": user.pk,
        "device": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "staff": is_staff_user(user),
    }


@receiver(user_logged_in, dispatch_uid="second_factor_facts")
def _remember_second_factor(sender, request: HttpRequest, user: AbstractBaseUser, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SECOND_FACTOR_SESSION_KEY] = _second_factor_facts(user)


def _facts(request: HttpRequest) -> dict[str, bool]:
    facts = request.session.get(SECOND_FACTOR_SESSION_KEY)
    if not facts or facts.get("user") != request.user.pk:
        # A session from before this check existed: work it out once.
        facts = _second_factor_facts(request.user)
        request.session[SECOND_FACTOR_SESSION_KEY] = facts
    return facts


def _next_path(request: HttpRequest, default: str = "/") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def sessions_end_others(*, user: AbstractBaseUser, keep: str | None) -> int:
    """End every signed-in session of `user` except the one keyed `keep`; returns how many.

    Each session row names its user (integrated_inspections/sessions.py), so they are found
    directly; each is ended through the session store, as signing out ends one.
    """
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    theirs = store_class.get_model_class().objects.filter(user_id=user.pk)
    ended = 0
    for session_key in theirs.exclude(session_key=keep).values_list("session_key", flat=True):
        store_class(session_key=session_key).delete()
        ended += 1
    if ended:
        logger.info("Ended %s other sessions of user %s", ended, user.pk)
    return ended


class SecondFactorMiddleware:
    """Keeps a signed-in user who owes a second factor on the pages that collect it.

    After OTPMiddleware (which says whether this session has given a code). A user with a
    confirmed authenticator app is sent to give a code; with OTP_REQUIRED, staff without one
    are sent to set one up. Signing out stays possible.
    """

    EXEMPT_URL_NAMES = frozenset({"two_factor_verify", "two_factor_enrol", "logout", "login"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        target = self._owed(request)
        if target is not None:
            path = request.get_full_path() if request.method in ("GET", "HEAD") else "/"
            return redirect(f"{reverse(target)}?{urlencode({'next': path})}")
        return self.get_response(request)

    def _owed(self, request: HttpRequest) -> str | None:
        user = request.user
        if not user.is_authenticated:
            return None
        facts = _facts(request)
        if facts["device"]:
            owed = None if user.is_verified() else "two_factor_verify"
        elif settings.OTP_REQUIRED and facts["staff"]:
            owed = "two_factor_enrol"
        else:
            owed = None
        # The URL is resolved only when something is owed: every signed-in request passes here.
        if owed is None or self._exempt(request):
            return None
        return owed

    def _exempt(self, request: HttpRequest) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.url_name in self.EXEMPT_URL_NAMES


class SignInForm(AuthenticationForm):
    """Django's sign-in form, refusing an over-long username before anything looks it up.

    Django sets the username's max_length after the field is built, so it is only a browser
    hint; without this check a flood of text reached django-axes, which records the username
    tried in a 255-character column, and PostgreSQL refused it with a server error.
    """

    def clean_username(self) -> str:
        username = self.cleaned_data.get("username") or ""
        if len(username) > self.username_field.max_length:
            raise forms.ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )
        return username


class GovukPasswordChangeForm(PasswordChangeForm):
    """Django's password change, checked by AUTH_PASSWORD_VALIDATORS, in GOV.UK markup."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field("old_password", autocomplete="current-password"),
            Field("new_password1", autocomplete="new-password"),
            Field("new_password2", autocomplete="new-password"),
            submit="Change password",
        )


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = GovukPasswordChangeForm


# --- Lockout (django-axes) ---------------------------------------------------------------------


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """The GOV.UK page for a locked-out sign-in, saying when to try again.

    Every try during a lockout restarts the wait, so "now plus the cool-off time" is exact.
    """
    cool_off = settings.AXES_COOLOFF_TIME
    until = timezone.localtime() + cool_off
    logger.warning("Sign-in locked out after repeated failures")
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": int(cool_off.total_seconds() // 60), "until": until},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


# --- Second factor -----------------------------------------------------------------------------


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Code from your authenticator app",
        max_length=16,
        error_messages={"required": CODE_REQUIRED},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "spellcheck": "false"}
        ),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, submit: str = "Continue", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            Field.text("token", field_width=Fixed.TEN), Field("next"), submit=submit
        )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not (token.isascii() and token.isdigit() and len(token) == 6):
            raise forms.ValidationError(CODE_FORMAT)
        return token


def _throttled_until(device: TOTPDevice) -> datetime.datetime | None:
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    return (data or {}).get("locked_until")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Ask a signed-in user with an authenticator app for a code."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("two_factor_enrol")
    if request.user.is_verified():
        return redirect(_next_path(request))
    form = TokenForm(request.POST or None, initial={"next": _next_path(request, default="")})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            locked_until = _throttled_until(device)
            if locked_until is not None:
                form.add_error(
                    "token",
                    CODE_THROTTLED.format(
                        # DESIGN rule 21, rounded up to the minute so the time given is never early.
                        time=time_of_day(locked_until + datetime.timedelta(seconds=59))
                    ),
                )
            elif device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                logger.info("Second factor verified for user %s", request.user.pk)
                return redirect(_next_path(request))
            else:
                form.add_error("token", CODE_WRONG)
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _qr_svg(uri: str) -> SafeString:
    import segno

    out = io.BytesIO()
    # No XML declaration, so that the SVG can sit inside the page's HTML.
    segno.make(uri, error="m").save(out, kind="svg", xmldecl=False, scale=4, border=2)
    svg = out.getvalue().decode()
    return mark_safe(svg)  # noqa: S308 - segno drew it from our own URI, not user input # nosec


def _totp_match(key: str, token: str) -> int | None:
    """The time step the code belongs to, or None when it is not a current code for the key."""
    totp = TOTP(unhexlify(key.encode()), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time()
    return totp.t() if totp.verify(int(token), tolerance=1) else None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: show a new secret, confirm it with a code from the app.

    The secret stays in the session until confirmed, so that opening the page writes nothing.
    A user who already has an app replaces it here, after giving a code from the old one.
    """
    has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    if has_device and not request.user.is_verified():
        return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': request.path})}")
    key = request.session.get(ENROL_KEY_SESSION_KEY)
    form = TokenForm(
        request.POST or None,
        initial={"next": _next_path(request, default="")},
        submit="Confirm and continue",
    )
    if request.method == "POST" and form.is_valid():
        if not key:
            form.add_error("token", ENROL_EXPIRED)
        elif (step := _totp_match(key, form.cleaned_data["token"])) is not None:
            with transaction.atomic():
                TOTPDevice.objects.filter(user=request.user).delete()
                # The code just used cannot be used again to sign in (last_t).
                device = TOTPDevice.objects.create(
                    user=request.user,
                    name="Authenticator app",
                    key=key,
                    confirmed=True,
                    last_t=step,
                )
            del request.session[ENROL_KEY_SESSION_KEY]
            otp_login(request, device)
            request.session[SECOND_FACTOR_SESSION_KEY] = _second_factor_facts(request.user)
            # This session is now verified: a new key for it, as at sign-in, and every other
            # session of the user ends (it was opened without this factor; its next sign-in
            # asks for a code).
            request.session.cycle_key()
            sessions_end_others(user=request.user, keep=request.session.session_key)
            logger.info("Authenticator app set up for user %s", request.user.pk)
            messages.success(request, "Your authenticator app is set up.")
            return redirect(_next_path(request, default=reverse("inspections:list")))
        else:
            form.add_error("token", CODE_WRONG)
    if not key:
        key = random_hex(20)
        request.session[ENROL_KEY_SESSION_KEY] = key
    device = TOTPDevice(user=request.user, key=key)
    uri = device.config_url
    secret = b32encode(unhexlify(key.encode())).decode()
    return render(
        request,
        "registration/two_factor_enrol.html",
        {
            "form": form,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "otpauth_uri": uri,
            "qr_svg": _qr_svg(uri),
            "has_device": has_device,
            "required": settings.OTP_REQUIRED and is_staff_user(request.user),
        },
        status=400 if form.errors else 200,
    )
