"""/areas/: each local authority's partner bodies and contacts (included by the project's urls)."""

from django.urls import path

from inspections.areas import views

app_name = "areas"

urlpatterns = [
    path("", views.area_list, name="list"),
    path("<str:ons_code>/", views.area_detail, name="detail"),
    path("<str:ons_code>/history/", views.area_history, name="history"),
    path("<str:ons_code>/bodies/new/", views.partner_body_create, name="body_create"),
    path("<str:ons_code>/bodies/<int:body_id>/", views.partner_body_update, name="body_update"),
    path(
        "<str:ons_code>/bodies/<int:body_id>/remove/",
        views.partner_body_remove,
        name="body_remove",
    ),
    path(
        "<str:ons_code>/bodies/<int:body_id>/contacts/new/",
        views.contact_create,
        name="contact_create",
    ),
    path("<str:ons_code>/contacts/<int:contact_id>/", views.contact_update, name="contact_update"),
    path(
        "<str:ons_code>/contacts/<int:contact_id>/drafts/",
        views.contact_drafts,
        name="contact_drafts",
    ),
]
