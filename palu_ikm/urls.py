from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import LoginForm
from accounts.views import PasswordChangeView
from core import views as core_views
from program import dashboard_views, views

handler500 = "core.errors.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("dasbor/", dashboard_views.dashboard_view, name="dashboard"),
    path("target/", dashboard_views.target_list, name="target_list"),
    path("laporan/", include("program.report_urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("kelompok/", include("groups.urls")),
    path("pendampingan/", include("mentoring.urls")),
    path("pemasaran/", include("marketing.urls")),
    path("akun/", include("accounts.urls")),
    path("audit/", include("audit.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
