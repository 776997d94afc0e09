from django.contrib import admin

from inspectorates.models import InspectorProfile


@admin.register(InspectorProfile)
class InspectorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "inspectorate"]
    list_filter = ["inspectorate"]
