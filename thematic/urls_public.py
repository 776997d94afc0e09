"""The public's thematic overviews, at /thematic/ (cached as public pages, as `reports` are)."""

from django.urls import path

from thematic import views

app_name = "thematic_public"

urlpatterns = [
    path("thematic/", views.overview_list, name="list"),
    path("thematic/<slug:slug>/", views.overview, name="overview"),
    path("thematic/<slug:slug>.json", views.overview_json, name="overview_json"),
]
