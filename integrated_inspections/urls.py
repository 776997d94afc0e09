from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from integrated_inspections.health import healthz

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="inspections:list", permanent=False), name="home"),
    path("healthz", healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("inspections/", include("inspections.urls")),
    path("inspections/<str:reference>/", include("judgements.urls")),
    path("inspections/<str:reference>/shared/", include("lscb.urls")),
    path("inspections/<str:reference>/report/", include("reports.urls_team")),
    path("selection/", include("selection.urls")),
    path("", include("reports.urls")),
    path("admin/", admin.site.urls),
]
