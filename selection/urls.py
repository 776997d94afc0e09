from django.urls import path

from selection import views

app_name = "selection"

urlpatterns = [
    path("", views.selection_home, name="home"),
    path("areas/", views.area_list, name="areas"),
    path("areas/import/", views.indicators_import, name="import"),
    path("areas/<str:ons_code>/", views.area_detail, name="area"),
    path("areas/<str:ons_code>/indicators/", views.area_indicators_edit, name="indicators"),
    path(
        "areas/<str:ons_code>/concerns/<int:concern_id>/remove/",
        views.concern_delete,
        name="concern_delete",
    ),
    path("policy/", views.policy_detail, name="policy"),
    path("policy/new/", views.policy_edit, name="policy_edit"),
    path("policy/<int:version>/", views.policy_detail, name="policy_version"),
    path("years/new/", views.programme_year_create, name="year_create"),
    path("years/<int:year>/", views.ranked_list, name="year"),
    path("years/<int:year>/places/", views.programme_year_places, name="year_places"),
    path("years/<int:year>/ranking.csv", views.ranked_list_export, name="year_export"),
    path(
        "years/<int:year>/areas/<str:ons_code>/decision/",
        views.decision_record,
        name="decision",
    ),
]
