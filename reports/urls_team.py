"""The team's report pages, mounted at /inspections/<reference>/report/."""

from django.urls import path

from reports.views import corrections, team

app_name = "reports_team"

urlpatterns = [
    path("", team.report_overview, name="overview"),
    path("publish/", team.publish, name="publish"),
    path("correction/", corrections.correction_open, name="correction"),
    path("versions/<int:number>/", team.version_detail, name="version"),
    path("versions/<int:number>/status/", team.version_status, name="version_status"),
    path("versions/<int:number>/retry/", team.version_retry, name="version_retry"),
    path(
        "versions/<int:number>/findings/acknowledge/",
        team.version_acknowledge,
        name="version_acknowledge",
    ),
    path("versions/<int:number>.pdf", team.version_pdf, name="version_pdf"),
]
