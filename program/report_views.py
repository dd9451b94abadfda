"""The reports pages under /laporan/: the list, each report on screen and as a download."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from audit.models import AuditEvent
from audit.services import audit_record
from core import exports, roles
from core.scoping import role_required
from groups.models import IkmGroup
from program import dossier, reports, sendup

PAGE_SIZE = 50


@require_GET
@role_required(*sorted(reports.READERS | reports.SALES_READERS))
def report_index(request):
    send_up = []
    if roles.is_official(request.user):
        send_up = [
            {
                "title": _("Data IKM untuk SIINas"),
                "description": _(
                    "Satu baris per kelompok: NIB, KBLI, alamat, produk, tenaga kerja, "
                    "investasi dan omzet tahun berjalan."
                ),
                "url_name": "reports:siinas_export",
            },
            {
                "title": _("Calon debitur (SIKP)"),
                "description": _(
                    "Kelompok yang didampingi, siap kredit atau sedang mengajukan: NIK ketua, "
                    "NIB, usaha, lokasi, rencana pinjaman dan skor kesiapan."
                ),
                "url_name": "reports:sikp_export",
            },
        ]
    return render(
        request,
        "reports/index.html",
        {"reports": reports.reports_for(request.user), "send_up": send_up},
    )


def _report_or_404(request, slug):
    """The report, 404 when there is no such report, 403 when the user's role may not open it."""
    report = reports.get(slug)
    if report is None:
        raise Http404
    if not roles.has_any(request.user, report.allowed_roles):
        raise PermissionDenied
    return report


def _build(request, report):
    form = reports.ReportFilterForm(request.GET or None, user=request.user, report=report)
    filters = reports.ReportFilters(form.filters(), condition=form.condition_value())
    return form, filters, report.build(request.user, filters)


def _cells(table, rows):
    return [
        [{"value": v, "kind": c.kind} for v, c in zip(row, table.columns, strict=True)]
        for row in table.value_rows(rows)
    ]


@require_GET
def report_view(request, slug):
    report = _report_or_404(request, slug)
    form, filters, table = _build(request, report)
    page_obj = None
    rows = table.rows
    if report.paginate:
        page_obj = Paginator(table.rows, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = page_obj.object_list
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "report": report,
        "reports": reports.reports_for(request.user),
        "form": form,
        "filters": filters,
        "table": table,
        "rows": _cells(table, rows),
        "totals": (
            [{"value": v, "kind": c.kind} for v, c in zip(table.totals, table.columns, strict=True)]
            if table.totals
            else None
        ),
        "page_obj": page_obj,
        "query": query.urlencode(),
    }
    return render(request, "reports/report.html", context)


@require_GET
def report_export(request, slug, fmt):
    """The same rows as the page (all pages), and the totals as the last row."""
    report = _report_or_404(request, slug)
    if fmt not in exports.FORMATS:
        raise Http404
    _, filters, table = _build(request, report)

    def rows():
        yield from table.value_rows()
        if table.totals:
            yield table.totals

    name = exports.dated_name(f"laporan-{report.slug}")
    return exports.export_response(fmt, name, table.headers, rows(), title=str(report.title))


@require_GET
@role_required(roles.OFFICIAL, roles.MENTOR)
def group_dossier(request, pk):
    """The credit dossier of a group (PDF, or the page with ``?format=html``): officials, and the
    group's mentors (404 to others). Each one served is recorded in the audit trail."""
    group = get_object_or_404(
        IkmGroup.objects.visible_to(request.user).select_related("theme", "kelurahan__kecamatan"),
        pk=pk,
    )
    context = dossier.dossier_context(group, request.user)
    if request.GET.get("format") == "html":
        response = HttpResponse(dossier.dossier_html(context))
        note = "berkas kredit (HTML) dibuka"
    else:
        pdf = dossier.dossier_pdf(context, base_url=request.build_absolute_uri("/"))
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"berkas-kredit-{group.code}-{timezone.localdate().isoformat()}.pdf"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        note = "berkas kredit (PDF) diunduh"
    # The page shows the same members and figures as the PDF: every look at it is on the trail.
    audit_record(actor=request.user, action=AuditEvent.Action.OTHER, obj=group, note=note)
    return response


def _log_export(request, name: str, rows: int, note: str = ""):
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.OTHER,
        app_label="program",
        model="report",
        object_id=name,
        object_repr=name,
        note=f"ekspor {name}: {rows} baris {note}".strip(),
    )


@require_GET
@role_required(roles.OFFICIAL)
def siinas_export(request, fmt):
    """SIINas fields, one row per active group, for the year asked (default: this year)."""
    if fmt not in exports.FORMATS:
        raise Http404
    today = timezone.localdate()
    year_param = request.GET.get("tahun", "")
    year = int(year_param) if year_param.isdigit() else today.year
    year = min(max(year, 2018), today.year)
    headers, rows = sendup.siinas_table(request.user, year)
    _log_export(request, "siinas", len(rows), f"tahun {year}")
    name = exports.dated_name(f"siinas-ikm-{year}")
    return exports.export_response(fmt, name, headers, rows, title="SIINas")


@require_GET
@role_required(roles.OFFICIAL)
def sikp_export(request, fmt):
    """Candidate borrowers with the chair's NIK: officials only, every download audited."""
    if fmt not in exports.FORMATS:
        raise Http404
    headers, rows = sendup.sikp_table(request.user)
    _log_export(request, "sikp", len(rows))
    name = exports.dated_name("calon-debitur-sikp")
    return exports.export_response(fmt, name, headers, rows, title="SIKP")
