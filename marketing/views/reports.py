"""Sales report (by outlet, regency, group, theme, product or month), stock and slow movers.

Numbers come from ``marketing.reports`` (aggregated in the database over ``visible_to`` rows);
a page runs the same number of queries whatever the number of sales.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core import exports, roles
from core.scoping import role_required
from marketing import reports
from marketing.forms.reports import SalesReportForm, StockReportForm

SALES_READERS = (roles.OFFICIAL, roles.PERUSDA, roles.CLERK, roles.MENTOR)
STOCK_READERS = (roles.OFFICIAL, roles.PERUSDA, roles.CLERK)


def _sales_lines(request, form):
    values = form.values()
    lines = reports.sold_lines(request.user, **values)
    return lines if form.is_valid() else lines.none()


def _row_label(key, row):
    if key == "gerai":
        return f"{row['sale__outlet__code']} · {row['sale__outlet__name']}"
    if key == "kabupaten":
        return row["sale__outlet__regency__name"]
    if key == "kelompok":
        return f"{row['group__code']} · {row['group__name']}"
    if key == "tema":
        return row["group__theme__name"]
    if key == "produk":
        return f"{row['product__name']} ({row['group__name']})"
    return row["month"].strftime("%Y-%m")


@require_GET
@role_required(*SALES_READERS)
def sales_report(request):
    """Sales grouped by one dimension, the monthly chart and the top products."""
    today = timezone.localdate()
    form = SalesReportForm(request.GET, user=request.user, today=today)
    lines = _sales_lines(request, form)
    key = form.dimension
    page = Paginator(reports.grouped(lines, key), 50).get_page(request.GET.get("page"))
    for row in page.object_list:
        row["label"] = _row_label(key, row)
    series = reports.monthly_series(lines)
    chart = {
        "labels": [row["month"].strftime("%m/%Y") for row in series],
        "datasets": [
            {"label": _("Penjualan (Rp)"), "data": [float(r["amount"]) for r in series]},
            {"label": _("Hak kelompok (Rp)"), "data": [float(r["consignment"]) for r in series]},
        ],
    }
    values = form.values()
    return render(
        request,
        "marketing/sales_report.html",
        {
            "form": form,
            "dimension": reports.DIMENSIONS[key],
            "page_obj": page,
            "rows": page.object_list,
            "totals": reports.totals(lines),
            "chart": chart,
            "top": reports.top_products(lines),
            "start": values["start"],
            "end": values["end"],
            "query": request.GET.urlencode(),
            "can_see_stock": roles.has_any(request.user, STOCK_READERS),
        },
    )


@require_GET
@role_required(*SALES_READERS)
def sales_report_export(request, fmt):
    """The grouped report as shown (all rows, not one page): what the user may see."""
    today = timezone.localdate()
    form = SalesReportForm(request.GET, user=request.user, today=today)
    lines = _sales_lines(request, form)
    key = form.dimension
    headers = [
        str(reports.DIMENSIONS[key].label),
        _("Unit terjual"),
        _("Struk"),
        _("Penjualan (Rp)"),
        _("Hak kelompok (Rp)"),
        _("Marjin (Rp)"),
    ]

    def rows():
        for row in reports.grouped(lines, key).iterator(chunk_size=500):
            yield [
                _row_label(key, row),
                row["units"],
                row["receipts"],
                row["amount"],
                row["consignment"],
                row["margin"],
            ]

    return exports.export_response(
        fmt, exports.dated_name(f"penjualan-per-{key}"), headers, rows(), title=_("Penjualan")
    )


@require_GET
@role_required(*SALES_READERS)
def sales_lines_export(request, fmt):
    """Every sale line behind the report (same filters), one row per product on a receipt."""
    today = timezone.localdate()
    form = SalesReportForm(request.GET, user=request.user, today=today)
    lines = (
        _sales_lines(request, form)
        .select_related("sale__outlet__regency", "product", "group__theme")
        .order_by("sale__business_date", "sale__outlet__code", "sale__number", "pk")
    )
    headers = [
        _("Tanggal"),
        _("Gerai"),
        _("Kabupaten/kota"),
        exports.TextColumn(_("Nomor struk")),
        _("Kelompok"),
        _("Tema"),
        _("Produk"),
        _("Jumlah"),
        _("Harga satuan (Rp)"),
        _("Subtotal (Rp)"),
        _("Harga titip (Rp)"),
    ]

    def rows():
        for line in lines.iterator(chunk_size=1000):
            sale = line.sale
            yield [
                sale.business_date,
                sale.outlet.name,
                sale.outlet.regency.name,
                sale.receipt_number,
                line.group.name,
                line.group.theme.name,
                line.product.name,
                line.quantity,
                line.unit_price,
                line.line_total,
                line.consignment_price,
            ]

    return exports.export_response(
        fmt, exports.dated_name("baris-penjualan"), headers, rows(), title=_("Baris penjualan")
    )


def _stock_rows(request, form, today):
    rows = reports.stock_on_hand(request.user, today=today, **form.values())
    if not form.is_valid():
        return rows.none()
    if form.cleaned_data.get("tampil") == "lambat":
        return reports.slow_movers(rows).order_by("last_sold", "-quantity", "pk")
    return rows.order_by("outlet__code", "product__group__code", "product__name")


@require_GET
@role_required(*STOCK_READERS)
def stock_report(request):
    """Stock on hand per outlet and product, with recent sales; slow movers on request."""
    today = timezone.localdate()
    form = StockReportForm(request.GET, user=request.user)
    rows = _stock_rows(request, form, today)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "marketing/stock_report.html",
        {
            "form": form,
            "page_obj": page,
            "rows": page.object_list,
            "window": reports.SLOW_WINDOW_DAYS,
            "cover": reports.SLOW_COVER_DAYS,
            "query": request.GET.urlencode(),
        },
    )


@require_GET
@role_required(*STOCK_READERS)
def stock_report_export(request, fmt):
    today = timezone.localdate()
    form = StockReportForm(request.GET, user=request.user)
    rows = _stock_rows(request, form, today)
    headers = [
        _("Gerai"),
        _("Kabupaten/kota"),
        _("Kelompok"),
        _("Produk"),
        _("Stok"),
        _("Terjual %(days)d hari terakhir") % {"days": reports.SLOW_WINDOW_DAYS},
        _("Terakhir terjual"),
    ]

    def data():
        for stock in rows.iterator(chunk_size=1000):
            yield [
                stock.outlet.name,
                stock.outlet.regency.name,
                stock.product.group.name,
                stock.product.name,
                stock.quantity,
                stock.sold_recent,
                stock.last_sold,
            ]

    return exports.export_response(
        fmt, exports.dated_name("stok-gerai"), headers, data(), title=_("Stok")
    )
