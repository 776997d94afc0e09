"""Programme staff's pages of the written statement of action, under /statements/."""

from django.urls import path

from statements import views

app_name = "statements"

urlpatterns = [
    path("", views.statement_list, name="list"),
    path("overdue/", views.overdue_list, name="overdue"),
    path("<str:reference>/", views.statement_detail, name="detail"),
    path("<str:reference>/receipt/", views.statement_receive, name="receive"),
    path("<str:reference>/statement.pdf", views.statement_pdf, name="pdf"),
    path("<str:reference>/actions/new/", views.action_edit, name="action_create"),
    path("<str:reference>/actions/<int:action_id>/", views.action_edit, name="action_update"),
    path("<str:reference>/notes/new/", views.note_create, name="note_create"),
    path("<str:reference>/publish/", views.statement_publish, name="publish"),
]
