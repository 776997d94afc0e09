"""The admin's page of authenticator apps: a change there ends the user's sessions.

Setting up an app through the service ends the user's other sessions (accounts.two_factor_enrol).
An administrator who changes or removes someone's app in the admin (a lost phone, a leaver) must
have the same effect, or a session opened with the old app would live on.
"""

from __future__ import annotations

from django.contrib import admin
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from integrated_inspections.accounts import sessions_end_others


class AuthenticatorAppAdmin(TOTPDeviceAdmin):
    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if change:
            sessions_end_others(user=obj.user, keep=None)

    def delete_model(self, request, obj) -> None:
        user = obj.user
        super().delete_model(request, obj)
        sessions_end_others(user=user, keep=None)

    def delete_queryset(self, request, queryset) -> None:
        users = {device.user for device in queryset.select_related("user")}
        super().delete_queryset(request, queryset)
        for user in users:
            sessions_end_others(user=user, keep=None)


if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, AuthenticatorAppAdmin)
