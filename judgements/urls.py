from django.urls import path  # noqa: F401 - patterns arrive with the app's views

app_name = "judgements"

urlpatterns: list = []
