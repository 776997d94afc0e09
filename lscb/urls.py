"""Mounted at /inspections/<reference>/shared/: the shared LSCB judgement and key findings."""

from django.urls import path

from lscb import views

app_name = "lscb"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<slug:kind>/", views.detail, name="detail"),
    path("<slug:kind>/edit/", views.edit, name="edit"),
    path("<slug:kind>/circulate/", views.circulate, name="circulate"),
    path("<slug:kind>/sign/<slug:inspectorate>/", views.sign, name="sign"),
    path("<slug:kind>/finalise/", views.finalise, name="finalise"),
    path("<slug:kind>/reopen/", views.reopen, name="reopen"),
    path("<slug:kind>/history/", views.history, name="history"),
]
