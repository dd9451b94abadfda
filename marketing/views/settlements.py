"""Settlements to groups: the list, the overdue list, one settlement, payment, payout slip."""

from django.conf import settings
from django.contrib import messages
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_filters.views import FilterView

from core import exports, roles
from core.pagination import KeysetPaginationMixin
from core.scoping import RoleScopedMixin, role_required
from groups.forms.fields import apply_errors
from marketing import settlements as books
from marketing.filters import SettlementFilter
from marketing.forms.settlements import GenerateForm, PayForm
from marketing.models import Settlement, SettlementLine

READERS = frozenset({roles.OFFICIAL, roles.PERUSDA, roles.MENTOR})
MANAGERS = frozenset({roles.PERUSDA})


def _mark_late(rows, today):
    for row in rows:
        row.late_days = row.days_overdue(today)
    return rows


def _summary(queryset, today):
    return queryset.order_by().aggregate(
        due_count=Count("pk", filter=Q(status=Settlement.Status.DUE, amount_due__gt=0)),
        due_amount=Sum("amount_due", filter=Q(status=Settlement.Status.DUE), default=0),
        overdue_count=Count(
            "pk", filter=Q(status=Settlement.Status.DUE, due_on__lt=today, amount_due__gt=0)
        ),
        overdue_amount=Sum(
            "amount_due", filter=Q(status=Settlement.Status.DUE, due_on__lt=today), default=0
        ),
        paid_amount=Sum("amount_due", filter=Q(status=Settlement.Status.PAID), default=0),
    )


class SettlementListView(KeysetPaginationMixin, RoleScopedMixin, FilterView):
    """Every settlement the user may see (mentors: their groups'), newest month first."""

    model = Settlement
    allowed_roles = READERS
    filterset_class = SettlementFilter
    paginate_by = 50
    keyset_ordering = ("-month", "group")  # one settlement per group and month
    template_name = "marketing/settlement_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("group", "paid_by").order_by("-month", "group")

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET
        kwargs["today"] = timezone.localdate()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        _mark_late(context["object_list"], today)
        context.update(
            {
                "today": today,
                "summary": _summary(self.object_list, today),
                "can_manage": roles.has_any(self.request.user, MANAGERS),
                "query": self.request.GET.urlencode(),
                "due_days": settings.PALU_SETTLEMENT_DUE_DAYS,
            }
        )
        return context


@require_GET
@role_required(*READERS)
def settlement_overdue(request):
    """Settlements past their due date and still unpaid, the longest waiting first."""
    today = timezone.localdate()
    rows = (
        Settlement.objects.visible_to(request.user)
        .overdue(today)
        .filter(amount_due__gt=0)
        .select_related("group")
        .order_by("due_on", "group__code")
    )
    totals = rows.order_by().aggregate(amount=Sum("amount_due", default=0), count=Count("pk"))
    page = _page(rows, totals["count"], request.GET.get("page"))
    _mark_late(page.object_list, today)
    return render(
        request,
        "marketing/settlement_overdue.html",
        {"page_obj": page, "object_list": page.object_list, "totals": totals, "today": today},
    )


def _page(rows, count: int, number, size: int = 50):
    """A page whose row count is already known (from the totals): the rows are always read in
    one query, so an empty list costs what a full one does."""
    paginator = Paginator(rows, size)
    paginator.count = count  # cached_property: no COUNT(*) of its own
    number = paginator.get_page(number).number if count else 1
    bottom = (number - 1) * size
    return Page(list(rows[bottom : bottom + size]), number, paginator)


def _settlement(request, pk):
    return get_object_or_404(
        Settlement.objects.visible_to(request.user).select_related("group", "paid_by"), pk=pk
    )


def _lines(settlement):
    # Lines are part of a settlement the user may already see (looked up through visible_to).
    return list(
        SettlementLine.objects.filter(settlement=settlement)  # scoping: ok (parent scoped)
        .select_related("outlet__regency")
        .order_by("outlet__code")
    )


@require_GET
@role_required(*READERS)
def settlement_detail(request, pk):
    settlement = _settlement(request, pk)
    settlement.late_days = settlement.days_overdue(timezone.localdate())
    live = books.live_amount(settlement)
    can_manage = roles.has_any(request.user, MANAGERS)
    return render(
        request,
        "marketing/settlement_detail.html",
        {
            "settlement": settlement,
            "lines": _lines(settlement),
            "live_amount": live,
            "stale": live != settlement.gross_amount,
            "can_manage": can_manage,
            "pay_form": PayForm(settlement=settlement)
            if can_manage and settlement.status == Settlement.Status.DUE
            else None,
        },
    )


@role_required(*MANAGERS)
def settlement_pay(request, pk):
    """Record the payment (date, reference); who pays is the signed-in manager."""
    settlement = _settlement(request, pk)
    if settlement.status == Settlement.Status.PAID:
        messages.info(request, _("Pembayaran ini sudah tercatat dibayar."))
        return redirect("marketing:settlement_detail", pk=settlement.pk)
    form = PayForm(request.POST or None, settlement=settlement)
    if request.method == "POST" and form.is_valid():
        try:
            books.settlement_mark_paid(
                settlement=settlement,
                paid_on=form.cleaned_data["paid_on"],
                reference=form.cleaned_data["payment_reference"],
                expected_amount=form.cleaned_data["expected_amount"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
            settlement.refresh_from_db()
        else:
            messages.success(
                request,
                _("Pembayaran %(group)s bulan %(month)s tercatat.")
                % {"group": settlement.group.name, "month": settlement.month.strftime("%m/%Y")},
            )
            return redirect("marketing:settlement_detail", pk=settlement.pk)
    return render(
        request, "marketing/settlement_pay.html", {"settlement": settlement, "form": form}
    )


@role_required(*MANAGERS)
def settlement_generate(request):
    """Compute (or refresh) a month's settlements for every group with sales."""
    form = GenerateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        month = form.cleaned_data["month"]
        try:
            result = books.settlements_generate(month=month, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Bulan %(month)s: %(created)d baru, %(updated)d diperbarui, "
                    "%(unchanged)d tetap, %(paid)d sudah dibayar (tidak diubah)."
                )
                % {
                    "month": month.strftime("%m/%Y"),
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "paid": result.paid_kept,
                },
            )
            return redirect(f"{reverse('marketing:settlement_list')}?bulan={month:%Y-%m}")
    return render(request, "marketing/settlement_generate.html", {"form": form})


def _slip_context(request, settlement):
    user = request.user
    return {
        "settlement": settlement,
        "lines": _lines(settlement),
        "show_account": roles.sees_bank_account(user),
        "printed_at": timezone.localtime(),
        "printed_by": user,
    }


@require_GET
@role_required(*READERS)
def settlement_slip(request, pk):
    """The payout slip as a printable page."""
    settlement = _settlement(request, pk)
    return render(request, "marketing/settlement_slip.html", _slip_context(request, settlement))


@require_GET
@role_required(*READERS)
def settlement_slip_pdf(request, pk):
    """The payout slip as a PDF (same content as the printable page)."""
    from weasyprint import CSS, HTML

    settlement = _settlement(request, pk)
    html = render_to_string(
        "marketing/settlement_slip.html",
        {**_slip_context(request, settlement), "pdf": True},
        request=request,
    )
    stylesheet = CSS(filename=finders.find("marketing/slip.css"))
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        stylesheets=[stylesheet]
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"slip-{settlement.group.code}-{settlement.month:%Y-%m}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@role_required(*READERS)
def settlement_export(request, fmt):
    """The settlement list with its filters: exactly the settlements the user may see."""
    today = timezone.localdate()
    base = (
        Settlement.objects.visible_to(request.user)
        .select_related("group", "paid_by")
        .order_by("-month", "group__code")
    )
    filterset = SettlementFilter(request.GET, queryset=base, request=request, today=today)
    rows_qs = filterset.qs if filterset.is_valid() else base.none()
    headers = [
        _("Bulan"),
        exports.TextColumn(_("Kode kelompok")),
        _("Nama kelompok"),
        _("Jumlah terjual"),
        _("Nilai titip terjual (Rp)"),
        _("Potongan (Rp)"),
        _("Jumlah dibayar (Rp)"),
        _("Jatuh tempo"),
        _("Status"),
        _("Hari terlambat"),
        _("Tanggal bayar"),
        exports.TextColumn(_("Referensi")),  # transfer numbers: long digits
    ]

    def rows():
        for s in rows_qs.iterator(chunk_size=500):
            yield [
                s.month.strftime("%Y-%m"),
                s.group.code,
                s.group.name,
                s.quantity_sold,
                s.gross_amount,
                s.deductions,
                s.amount_due,
                s.due_on,
                s.get_status_display(),
                s.days_overdue(today),
                s.paid_on,
                s.payment_reference,
            ]

    return exports.export_response(
        fmt, exports.dated_name("pembayaran-kelompok"), headers, rows(), title=_("Pembayaran")
    )
