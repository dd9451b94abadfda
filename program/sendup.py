"""The reports the city sends up: the SIINas small-industry fields and the SIKP-style list of
candidate borrowers. Column by column in ``docs/REPORTS.md``.

Officials only (the borrower list carries the chair's full NIK). Each export is one query for
the groups with their figures as subqueries, one for their products and the readiness
evaluation: a fixed number whatever the number of groups.
"""

from decimal import Decimal

from django.db.models import (
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from core.exports import TextColumn
from groups.models import (
    DocumentKind,
    Equipment,
    IkmGroup,
    LegalDocument,
    Member,
    Position,
    Product,
    Sex,
    Stage,
    equipment_worth,
)
from mentoring import readiness
from mentoring.models import BookkeepingReport, CreditApplication

CITY = "Kota Palu"
PROVINCE = "Sulawesi Tengah"
ZERO = Decimal(0)
MONEY = DecimalField(max_digits=16, decimal_places=0)


def _sum(queryset, expression, output=MONEY):
    """Subquery: the sum of ``expression`` over ``queryset`` (0 when it is empty)."""
    return Coalesce(
        Subquery(
            queryset.order_by()
            .annotate(_one=Value(1))
            .values("_one")
            .annotate(total=Sum(expression))
            .values("total"),
            output_field=output,
        ),
        Value(0),
        output_field=output,
    )


def _nib():
    return Subquery(
        LegalDocument.objects.filter(group=OuterRef("pk"), kind=DocumentKind.NIB)
        .order_by("-issued_on", "-pk")
        .values("number")[:1]
    )


def siinas_groups(user, year: int):
    """Active groups the user may see, with NIB, workers by sex, investment and turnover."""
    worth = equipment_worth()
    reports = BookkeepingReport.objects.filter(group=OuterRef("pk"), month__year=year)
    return (
        IkmGroup.objects.visible_to(user)
        .active()
        .select_related("theme", "kelurahan__kecamatan")
        .with_member_counts()
        .annotate(
            nib=_nib(),
            investment=_sum(
                Equipment.objects.filter(handover__group=OuterRef("pk"), is_active=True), worth
            ),
            turnover=_sum(reports, F("revenue")),
            cost_of_goods=_sum(reports, F("cost_of_goods")),
            months_reported=_sum(reports, Value(1), output=IntegerField()),
        )
        .prefetch_related(
            Prefetch(
                "products",
                # scoping: ok (the products of the scoped groups above)
                queryset=Product.objects.filter(is_active=True).order_by("name"),
                to_attr="active_products",
            )
        )
        .order_by("code")
    )


def siinas_table(user, year: int) -> tuple[list, list[list]]:
    """Headers and rows; codes (NIB, KBLI, phone) are ``TextColumn`` headers: text in a sheet."""
    headers = [
        TextColumn(_("Kode kelompok")),
        _("Nama usaha / kelompok"),
        TextColumn(_("NIB")),
        TextColumn(_("KBLI")),
        _("Jenis industri (tema)"),
        _("Alamat"),
        _("Kelurahan"),
        _("Kecamatan"),
        _("Kabupaten/kota"),
        _("Provinsi"),
        TextColumn(_("Telepon")),
        _("Tahun mulai usaha"),
        _("Produk"),
        _("Tenaga kerja laki-laki"),
        _("Tenaga kerja perempuan"),
        _("Jumlah tenaga kerja"),
        _("Nilai investasi peralatan (Rp)"),
        _("Omzet setahun (Rp)"),
        _("Harga pokok penjualan setahun (Rp)"),
        _("Bulan dilaporkan"),
        _("Tahun data"),
    ]
    rows = [
        [
            g.code,
            g.name,
            g.nib or "",
            g.theme.kbli,
            g.theme.name,
            g.address,
            g.kelurahan.name,
            g.kelurahan.kecamatan.name,
            CITY,
            PROVINCE,
            g.phone,
            g.formed_on.year,
            ", ".join(p.name for p in g.active_products),
            g.members_male,
            g.members_female,
            g.member_total,
            g.investment or ZERO,
            g.turnover or ZERO,
            g.cost_of_goods or ZERO,
            g.months_reported or 0,
            year,
        ]
        for g in siinas_groups(user, year)
    ]
    return headers, rows


# --- candidate borrowers ------------------------------------------------------------------------

OPEN_APPLICATION = (CreditApplication.Status.DRAFT, CreditApplication.Status.SUBMITTED)
CANDIDATE_STAGES = (Stage.MENTORED, Stage.CREDIT_READY)


def candidate_groups(user):
    """Active groups not yet mandiri that are mentored or credit-ready, or have an open
    (draft or submitted) credit application; with their chair and their planned loan."""
    # scoping: ok (a correlated subquery of the scoped groups below)
    chair = Member.objects.filter(
        group=OuterRef("pk"), position=Position.CHAIR, left_on__isnull=True
    ).order_by("joined_on", "pk")
    # scoping: ok (a correlated subquery of the scoped groups below)
    planned = CreditApplication.objects.filter(
        group=OuterRef("pk"), status__in=OPEN_APPLICATION
    ).order_by("-created_at", "-pk")
    has_open = Exists(
        CreditApplication.objects.filter(group=OuterRef("pk"), status__in=OPEN_APPLICATION)
    )
    return (
        IkmGroup.objects.visible_to(user)
        .active()
        .exclude(stage=Stage.MANDIRI)
        .filter(Q(stage__in=CANDIDATE_STAGES) | Q(has_open))
        .select_related("theme", "kelurahan__kecamatan")
        .annotate(
            nib=_nib(),
            chair_name=Subquery(chair.values("name")[:1]),
            chair_nik=Subquery(chair.values("nik")[:1]),
            chair_sex=Subquery(chair.values("sex")[:1]),
            planned_bank=Subquery(planned.values("bank__name")[:1]),
            planned_scheme=Subquery(planned.values("scheme__name")[:1]),
            planned_amount=Subquery(planned.values("amount_requested")[:1]),
            planned_status=Subquery(planned.values("status")[:1]),
        )
        .order_by("code")
    )


def sikp_table(user) -> tuple[list, list[list]]:
    """Headers and rows; codes (NIK, NIB, KBLI, phone) are ``TextColumn`` headers."""
    headers = [
        TextColumn(_("NIK ketua")),
        _("Nama ketua"),
        _("Jenis kelamin ketua"),
        TextColumn(_("Kode kelompok")),
        _("Nama usaha / kelompok"),
        TextColumn(_("NIB")),
        TextColumn(_("KBLI")),
        _("Bidang usaha"),
        _("Alamat usaha"),
        _("Kelurahan"),
        _("Kecamatan"),
        _("Kabupaten/kota"),
        _("Provinsi"),
        TextColumn(_("Telepon")),
        _("Mulai usaha"),
        _("Bank penyalur"),
        _("Skema kredit"),
        _("Rencana pinjaman (Rp)"),
        _("Status pengajuan"),
        _("Skor kesiapan (%)"),
        _("Siap kredit"),
        _("Syarat belum terpenuhi"),
    ]
    groups = list(candidate_groups(user))
    evaluated = readiness.evaluate(groups)
    sexes = dict(Sex.choices)
    statuses = dict(CreditApplication.Status.choices)
    rows = []
    for g in sorted(groups, key=lambda g: (-evaluated[g.pk].score, g.code)):
        r = evaluated[g.pk]
        rows.append(
            [
                g.chair_nik or "",
                g.chair_name or "",
                str(sexes.get(g.chair_sex, "")),
                g.code,
                g.name,
                g.nib or "",
                g.theme.kbli,
                g.theme.name,
                g.address,
                g.kelurahan.name,
                g.kelurahan.kecamatan.name,
                CITY,
                PROVINCE,
                g.phone,
                g.formed_on,
                g.planned_bank or "",
                g.planned_scheme or "",
                g.planned_amount,
                str(statuses.get(g.planned_status, "")),
                r.percent,
                r.is_ready,
                "; ".join(m.short or str(m.label) for m in r.missing),
            ]
        )
    return headers, rows
