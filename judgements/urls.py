"""Evidence and judgement pages, mounted under /inspections/<reference>/."""

from django.urls import path

from judgements import views

app_name = "judgements"

_JUDGEMENT = "judgements/<str:inspectorate_code>/<str:area_code>/"

urlpatterns = [
    path("workspace/", views.workspace, name="workspace"),
    path("coverage/", views.coverage, name="coverage"),
    path("evidence/", views.evidence_list, name="evidence_list"),
    path("evidence/new/", views.evidence_create, name="evidence_create"),
    path("evidence/<int:pk>/", views.evidence_detail, name="evidence_detail"),
    path("evidence/<int:pk>/edit/", views.evidence_update, name="evidence_update"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path(_JUDGEMENT, views.judgement_detail, name="judgement"),
    path(f"{_JUDGEMENT}submit/", views.judgement_submit, name="judgement_submit"),
    path(f"{_JUDGEMENT}agree/", views.judgement_agree, name="judgement_agree"),
    path(f"{_JUDGEMENT}reopen/", views.judgement_reopen, name="judgement_reopen"),
    path(f"{_JUDGEMENT}history/", views.judgement_history, name="judgement_history"),
]
