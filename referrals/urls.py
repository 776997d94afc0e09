"""Concern referral pages, mounted under /inspections/<reference>/referrals/."""

from django.urls import path

from referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("new/", views.referral_create, name="create"),
    path("<int:number>/", views.referral_detail, name="detail"),
    path("<int:number>/response/", views.referral_response, name="response"),
    path("<int:number>/close/", views.referral_close, name="close"),
]
