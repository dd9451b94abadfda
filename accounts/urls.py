from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("pengguna/", views.PersonListView.as_view(), name="person_list"),
    path("pengguna/baru/", views.PersonCreateView.as_view(), name="person_create"),
    path("pengguna/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("pengguna/<int:pk>/ubah/", views.PersonUpdateView.as_view(), name="person_update"),
    path("pengguna/<int:pk>/peran/", views.PersonScopeView.as_view(), name="person_scope"),
    path(
        "pengguna/<int:pk>/nonaktifkan/",
        views.PersonDeactivateView.as_view(),
        name="person_deactivate",
    ),
    path(
        "pengguna/<int:pk>/aktifkan/",
        views.PersonReactivateView.as_view(),
        name="person_reactivate",
    ),
    path(
        "pengguna/<int:pk>/sandi-sementara/",
        views.PersonPasswordView.as_view(),
        name="person_password",
    ),
    path("profil/", views.ProfileView.as_view(), name="profile"),
    path("lupa-sandi/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "lupa-sandi/terkirim/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "lupa-sandi/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "lupa-sandi/selesai/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
