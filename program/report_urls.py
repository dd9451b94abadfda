from django.urls import path, re_path

from program import report_views

app_name = "reports"

urlpatterns = [
    path("", report_views.report_index, name="index"),
    re_path(r"^siinas\.(?P<fmt>csv|xlsx)$", report_views.siinas_export, name="siinas_export"),
    re_path(r"^sikp\.(?P<fmt>csv|xlsx)$", report_views.sikp_export, name="sikp_export"),
    path("berkas-kredit/<int:pk>/", report_views.group_dossier, name="group_dossier"),
    path("<slug:slug>/", report_views.report_view, name="report"),
    re_path(
        r"^(?P<slug>[-\w]+)/ekspor\.(?P<fmt>csv|xlsx)$",
        report_views.report_export,
        name="report_export",
    ),
]
