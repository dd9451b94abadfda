from django.urls import path

from mentoring.views import bookkeeping, sessions

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
