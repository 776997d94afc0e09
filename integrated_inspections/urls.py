from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from audit.views import audit_log, child_views, erasures
from integrated_inspections import accounts, site_pages
from integrated_inspections.health import healthz
from reports.views.public import home

urlpatterns = [
    # The public lands on the published reports; signed-in staff on their inspections.
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    # The footer's pages and what machines ask every site for (issue 17).
    path("status/", site_pages.service_status, name="service_status"),
    path("accessibility/", site_pages.accessibility, name="accessibility"),
    path("privacy/", site_pages.privacy, name="privacy"),
    path("cookies/", site_pages.cookies, name="cookies"),
    path("licence/", site_pages.licence, name="licence"),
    path("robots.txt", site_pages.robots_txt, name="robots_txt"),
    path("favicon.ico", site_pages.favicon, name="favicon"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=accounts.SignInForm
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/two-factor/", accounts.two_factor_enrol, name="two_factor_enrol"),
    path("accounts/two-factor/verify/", accounts.two_factor_verify, name="two_factor_verify"),
    path(
        "accounts/password/",
        accounts.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("audit/", audit_log, name="audit"),
    path("audit/childrens-details/", child_views, name="audit_child_views"),
    path("audit/erasures/", erasures, name="audit_erasures"),
    path("inspections/", include("inspections.urls")),
    path("inspections/<str:reference>/", include("judgements.urls")),
    path("inspections/<str:reference>/shared/", include("lscb.urls")),
    path("inspections/<str:reference>/narrative/", include("narrative.urls")),
    path("inspections/<str:reference>/referrals/", include("referrals.urls")),
    path("inspections/<str:reference>/report/", include("reports.urls_team")),
    path("inspections/<str:reference>/factual-accuracy/", include("accuracy.urls")),
    path("factual-accuracy/", include("accuracy.urls_contact")),
    path("selection/", include("selection.urls")),
    path("areas/", include("inspections.areas.urls")),
    path("statements/", include("statements.urls")),
    path("", include("statements.urls_public")),
    path("", include("reports.urls")),
    path("", include("thematic.urls")),
    path("", include("thematic.urls_public")),
    path("admin/", admin.site.urls),
]
