from django.urls import path

from mentoring.views import bookkeeping, credit, readiness, sessions

app_name = "mentoring"

urlpatterns: list = []

# --- mentoring sessions -----------------------------------------------------------------------
urlpatterns += [
    path("sesi/", sessions.SessionListView.as_view(), name="session_list"),
    path("sesi/tinjau/", sessions.SessionReviewListView.as_view(), name="session_review_list"),
    path("sesi/tambah/", sessions.SessionCreateView.as_view(), name="session_create"),
    path("sesi/<int:pk>/", sessions.SessionDetailView.as_view(), name="session_detail"),
    path("sesi/<int:pk>/ubah/", sessions.SessionUpdateView.as_view(), name="session_update"),
    path("sesi/<int:pk>/ajukan/", sessions.session_submit, name="session_submit"),
    path("sesi/<int:pk>/setujui/", sessions.session_approve, name="session_approve"),
    path("sesi/<int:pk>/kembalikan/", sessions.session_return, name="session_return"),
    path("tindak-lanjut/<int:pk>/selesai/", sessions.follow_up_toggle, name="follow_up_toggle"),
    path("lampiran/<int:pk>/", sessions.session_attachment, name="session_attachment"),
    path(
        "kelompok/<int:pk>/sesi/",
        sessions.GroupSessionListView.as_view(),
        name="group_session_list",
    ),
]

# --- monthly bookkeeping ----------------------------------------------------------------------
urlpatterns += [
    path("pembukuan/", bookkeeping.ReportListView.as_view(), name="report_list"),
    path("pembukuan/<int:pk>/", bookkeeping.ReportDetailView.as_view(), name="report_detail"),
    path("pembukuan/<int:pk>/ubah/", bookkeeping.ReportUpdateView.as_view(), name="report_update"),
    path("pembukuan/<int:pk>/verifikasi/", bookkeeping.report_verify, name="report_verify"),
    path(
        "kelompok/<int:pk>/pembukuan/",
        bookkeeping.GroupReportListView.as_view(),
        name="group_report_list",
    ),
    path(
        "kelompok/<int:pk>/pembukuan/tambah/",
        bookkeeping.ReportCreateView.as_view(),
        name="report_create",
    ),
    path(
        "kelompok/<int:pk>/laporan-keuangan/",
        bookkeeping.GroupStatementsView.as_view(),
        name="group_statements",
    ),
]

# --- credit applications and credit readiness ---------------------------------------------------
urlpatterns += [
    path("kredit/", credit.CreditListView.as_view(), name="credit_list"),
    path("kredit/tambah/", credit.CreditCreateView.as_view(), name="credit_create"),
    path("kredit/<int:pk>/", credit.CreditDetailView.as_view(), name="credit_detail"),
    path("kredit/<int:pk>/ubah/", credit.CreditUpdateView.as_view(), name="credit_update"),
    path("kredit/<int:pk>/ajukan/", credit.credit_submit, name="credit_submit"),
    path("kredit/<int:pk>/keputusan/", credit.credit_decide, name="credit_decide"),
    path("kredit/<int:pk>/pencairan/", credit.credit_disburse, name="credit_disburse"),
    path("kesiapan/", readiness.readiness_list, name="readiness_list"),
    path("kesiapan/kelompok/<int:pk>/", readiness.readiness_group, name="readiness_group"),
    path("kesiapan/aturan/", readiness.readiness_rule, name="readiness_rule"),
]
