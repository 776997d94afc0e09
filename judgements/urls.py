"""Evidence and judgement pages, mounted under /inspections/<reference>/."""

from django.urls import path

from judgements.views import evidence, judgement, workspace

app_name = "judgements"

_JUDGEMENT = "judgements/<str:inspectorate_code>/<str:area_code>/"

urlpatterns = [
    path("workspace/", workspace.workspace, name="workspace"),
    path("coverage/", workspace.coverage, name="coverage"),
    path("evidence/", evidence.evidence_list, name="evidence_list"),
    path("evidence/new/", evidence.evidence_create, name="evidence_create"),
    path("evidence/<int:pk>/", evidence.evidence_detail, name="evidence_detail"),
    path("evidence/<int:pk>/edit/", evidence.evidence_update, name="evidence_update"),
    path("evidence/<int:pk>/delete/", evidence.evidence_delete, name="evidence_delete"),
    path(_JUDGEMENT, judgement.judgement_detail, name="judgement"),
    path(f"{_JUDGEMENT}submit/", judgement.judgement_submit, name="judgement_submit"),
    path(f"{_JUDGEMENT}agree/", judgement.judgement_agree, name="judgement_agree"),
    path(f"{_JUDGEMENT}reopen/", judgement.judgement_reopen, name="judgement_reopen"),
    path(f"{_JUDGEMENT}history/", judgement.judgement_history, name="judgement_history"),
]
