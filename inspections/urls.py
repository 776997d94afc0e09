from django.urls import path

from inspections import views

app_name = "inspections"

urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("new/", views.inspection_create, name="create"),
    path("<str:reference>/", views.inspection_detail, name="detail"),
    path("<str:reference>/set-up/", views.inspection_set_up, name="set_up"),
    path("<str:reference>/stage/", views.inspection_move_stage, name="move_stage"),
    path(
        "<str:reference>/fieldwork-continues/",
        views.inspection_fieldwork_continues,
        name="fieldwork_continues",
    ),
    path("<str:reference>/team/", views.team_manage, name="team"),
    path(
        "<str:reference>/team/<int:member_id>/remove/",
        views.team_member_remove,
        name="team_member_remove",
    ),
    path("<str:reference>/cases/", views.case_list, name="case_list"),
    path("<str:reference>/cases/new/", views.case_create, name="case_create"),
    path("<str:reference>/cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("<str:reference>/cases/<int:pk>/change/", views.case_update, name="case_update"),
]
