"""Mounted at /inspections/<reference>/narrative/: a narrative inspection's theme and findings."""

from django.urls import path

from narrative import views

app_name = "narrative"

urlpatterns = [
    path("", views.findings, name="findings"),
    path("theme/", views.theme, name="theme"),
    path("<slug:inspectorate>/add/", views.finding_add, name="finding_add"),
    path("findings/<int:pk>/", views.finding_edit, name="finding_edit"),
    path("findings/<int:pk>/delete/", views.finding_delete, name="finding_delete"),
]
