from django.urls import path

from mentoring.views import (
    apprenticeships,
    assignments,
    bookkeeping,
    credit,
    readiness,
    sessions,
    training,
)

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

# --- banks and mentor assignments ---
urlpatterns += [
    path("penugasan/", assignments.AssignmentListView.as_view(), name="assignment_list"),
    path("penugasan/tambah/", assignments.assignment_create, name="assignment_create"),
    path("penugasan/<int:pk>/akhiri/", assignments.assignment_stop, name="assignment_stop"),
    path("bank/", assignments.BankListView.as_view(), name="bank_list"),
    path("bank/tambah/", assignments.bank_create, name="bank_create"),
    path("bank/<int:pk>/ubah/", assignments.bank_update, name="bank_update"),
    path("bank/<int:pk>/tema/", assignments.bank_theme_create, name="bank_theme_create"),
    path("bank-tema/<int:pk>/akhiri/", assignments.bank_theme_end, name="bank_theme_end"),
]

# --- trainings, certificates and apprenticeships ---
urlpatterns += [
    path("pelatihan/", training.TrainingListView.as_view(), name="training_list"),
    path("pelatihan/tambah/", training.training_form, name="training_create"),
    path("pelatihan/<int:pk>/", training.TrainingDetailView.as_view(), name="training_detail"),
    path("pelatihan/<int:pk>/ubah/", training.training_form, name="training_update"),
    path("pelatihan/<int:pk>/jadwal/tambah/", training.event_create, name="event_create"),
    path("jadwal-pelatihan/", training.EventListView.as_view(), name="event_list"),
    path("jadwal-pelatihan/<int:pk>/", training.EventDetailView.as_view(), name="event_detail"),
    path("jadwal-pelatihan/<int:pk>/ubah/", training.event_update, name="event_update"),
    path(
        "jadwal-pelatihan/<int:pk>/peserta/tambah/",
        training.participants_add,
        name="participants_add",
    ),
    path("jadwal-pelatihan/<int:pk>/hasil/", training.event_results, name="event_results"),
    path("peserta/<int:pk>/hapus/", training.participant_remove, name="participant_remove"),
    path("peserta/<int:pk>/sertifikat.pdf", training.certificate, name="certificate"),
    path("verifikasi/", training.certificate_lookup, name="certificate_lookup"),
    path("verifikasi/<str:code>/", training.certificate_verify, name="certificate_verify"),
    path("magang/", apprenticeships.ApprenticeshipListView.as_view(), name="apprenticeship_list"),
    path(
        "magang/<int:pk>/",
        apprenticeships.ApprenticeshipDetailView.as_view(),
        name="apprenticeship_detail",
    ),
    path(
        "magang/<int:pk>/ubah/",
        apprenticeships.apprenticeship_update,
        name="apprenticeship_update",
    ),
    path(
        "magang/laporan/<path:name>",
        apprenticeships.apprenticeship_report,
        name="apprenticeship_report",
    ),
    path("anggota/<int:pk>/", apprenticeships.MemberRecordView.as_view(), name="member_record"),
    path(
        "anggota/<int:pk>/magang/tambah/",
        apprenticeships.apprenticeship_create,
        name="apprenticeship_create",
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
