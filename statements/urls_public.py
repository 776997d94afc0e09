"""The published statement, at its report's public address (mounted at the site root)."""

from django.urls import path

from statements import views

app_name = "statements_public"

urlpatterns = [
    path(
        "reports/<slug:slug>/statement-of-action.pdf",
        views.public_statement_pdf,
        name="pdf",
    ),
]
