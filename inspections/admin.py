from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from inspections.models import CaseSample, Inspection, LocalAuthority


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "ons_code", "region", "police_force"]
    list_filter = ["region"]
    search_fields = ["name", "ons_code"]


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
