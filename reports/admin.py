from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reports.models import Publication, ReportVersion


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Read-only: renders and publication go through the services and their rules."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnlyAdmin):
    list_display = ["inspection", "number", "purpose", "state", "personal_data_check", "created_at"]
    list_filter = ["purpose", "state", "personal_data_check"]
    search_fields = ["inspection__reference", "inspection__local_authority__name"]
    exclude = ["body_html"]


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ["slug", "report_version", "publish_at", "published_by"]
    search_fields = ["slug", "inspection__reference"]
