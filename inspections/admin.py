from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from inspections.models import AreaContact, CaseSample, Inspection, LocalAuthority, PartnerBody


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "ons_code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "ons_code"]


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Read-only here: partner bodies and contacts change on the area's pages (/areas/), whose
    services refuse duplicates, keep a contact who was sent drafts and keep HMI Prisons' custodial
    establishment while it is inspecting one."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PartnerBody)
class PartnerBodyAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "local_authority"]
    list_filter = ["kind"]
    search_fields = ["name", "local_authority__name"]


@admin.register(AreaContact)
class AreaContactAdmin(ReadOnlyAdmin):
    list_display = ["name", "role", "email", "partner_body", "active"]
    list_filter = ["active"]
    search_fields = ["name", "email", "partner_body__name"]


@admin.register(Inspection)
class InspectionAdmin(SimpleHistoryAdmin):
    """Read-only here: set-up, team and stage changes go through the services and their rules."""

    list_display = ["reference", "local_authority", "kind", "status", "window_start"]
    list_filter = ["status", "kind"]
    search_fields = ["reference", "local_authority__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CaseSample)
class TeamOnlyAdmin(admin.ModelAdmin):
    """Case samples carry children's personal details: not browsable in the admin."""

    def has_module_permission(self, request):
        return False

    def has_view_permission(self, request, obj=None):
        return False
