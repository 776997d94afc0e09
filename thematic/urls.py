"""Public overviews at /thematic/; the programme administrator's pages at /thematic/manage/."""

from django.urls import path

from thematic import views

app_name = "thematic"

urlpatterns = [
    path("thematic/", views.overview_list, name="list"),
    path("thematic/manage/", views.manage, name="manage"),
    path("thematic/manage/<slug:slug>/", views.manage_series, name="manage_series"),
    path("thematic/manage/<slug:slug>/publish/", views.publish, name="publish"),
    path("thematic/<slug:slug>/", views.overview, name="overview"),
    path("thematic/<slug:slug>.json", views.overview_json, name="overview_json"),
]
