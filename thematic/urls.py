"""The programme administrator's pages for keeping thematic series, at /thematic/manage/."""

from django.urls import path

from thematic import views

app_name = "thematic"

urlpatterns = [
    path("thematic/manage/", views.manage, name="manage"),
    path("thematic/manage/<slug:slug>/", views.manage_series, name="manage_series"),
    path("thematic/manage/<slug:slug>/publish/", views.publish, name="publish"),
]
