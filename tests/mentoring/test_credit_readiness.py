"""Credit readiness criteria on the registry and credit, each at its boundary; the registry."""

import datetime as dt
from decimal import Decimal

import pytest

from core.months import add_months, months_between
from groups.models import Member
from mentoring import readiness
from mentoring.models import CreditApplication, ReadinessRule
from mentoring.readiness import FAIL, NOT_APPLICABLE, PASS
from tests import factories
from tests.mentoring.factories_credit import CreditApplicationFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 7, 15)


def result(group, code, today=TODAY, rule=None):
    evaluated = readiness.evaluate([group], today=today, rule=rule)[group.pk]
    return next(r for r in evaluated.results if r.code == code)


# --- months ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
        (dt.date(2024, 3, 31), -1, dt.date(2024, 2, 29)),
        (dt.date(2025, 7, 15), -6, dt.date(2025, 1, 15)),
        (dt.date(2025, 1, 1), -1, dt.date(2024, 12, 1)),
        (dt.date(2025, 12, 1), 1, dt.date(2026, 1, 1)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_months_between():
    assert months_between(dt.date(2025, 1, 15), dt.date(2025, 7, 15)) == 6
    assert months_between(dt.date(2025, 1, 16), dt.date(2025, 7, 15)) == 5
    assert months_between(dt.date(2025, 8, 1), dt.date(2025, 7, 15)) == 0


# --- business running -----------------------------------------------------------------------


def test_running_exactly_six_months_passes():
    group = factories.IkmGroupFactory(formed_on=dt.date(2025, 1, 15))
    assert result(group, "running").status == PASS


def test_running_one_day_short_of_six_months_fails():
    group = factories.IkmGroupFactory(formed_on=dt.date(2025, 1, 16))
    running = result(group, "running")
    assert running.status == FAIL
    assert "5 bulan" in running.missing and "perlu 6 bulan" in running.missing


def test_running_threshold_is_data():
    group = factories.IkmGroupFactory(formed_on=dt.date(2025, 1, 16))
    rule = ReadinessRule(months_running=5)
    assert result(group, "running", rule=rule).status == PASS


# --- NIB or SKU -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["nib", "sku"])
def test_nib_or_sku_valid_passes(kind):
    group = factories.IkmGroupFactory()
    factories.LegalDocumentFactory(group=group, kind=kind, issued_on=dt.date(2020, 1, 1))
    legal = result(group, "legal")
    assert legal.status == PASS
    assert legal.evidence_url.endswith("#dokumen")


def test_sku_expiring_today_still_counts_and_expired_yesterday_does_not():
    group = factories.IkmGroupFactory()
    doc = factories.LegalDocumentFactory(
        group=group, kind="sku", issued_on=dt.date(2024, 1, 1), expires_on=TODAY
    )
    assert result(group, "legal").status == PASS
    doc.expires_on = TODAY - dt.timedelta(days=1)
    doc.save()
    assert result(group, "legal").status == FAIL


def test_only_npwp_or_pirt_is_not_enough():
    group = factories.IkmGroupFactory()
    factories.LegalDocumentFactory(group=group, kind="npwp")
    factories.LegalDocumentFactory(group=group, kind="pirt")
    legal = result(group, "legal")
    assert legal.status == FAIL
    assert "NIB" in legal.missing


def test_paper_issued_after_today_does_not_count():
    group = factories.IkmGroupFactory()
    factories.LegalDocumentFactory(group=group, kind="nib", issued_on=TODAY + dt.timedelta(1))
    assert result(group, "legal").status == FAIL


# --- members' NIK ---------------------------------------------------------------------------


def test_nik_of_every_active_member_passes():
    group = factories.IkmGroupFactory()
    factories.MemberFactory.create_batch(2, group=group)
    assert result(group, "nik").status == PASS


def test_no_active_member_fails():
    group = factories.IkmGroupFactory()
    factories.MemberFactory(group=group, left_on=dt.date(2024, 1, 1))
    assert result(group, "nik").status == FAIL


def test_a_member_without_nik_fails_but_one_who_left_does_not_count():
    group = factories.IkmGroupFactory()
    member, gone, _other = factories.MemberFactory.create_batch(3, group=group)
    Member.objects.filter(pk=gone.pk).update(nik="", left_on=dt.date(2024, 1, 1))
    assert result(group, "nik").status == PASS
    Member.objects.filter(pk=member.pk).update(nik="")
    nik = result(group, "nik")
    assert nik.status == FAIL
    assert "1 anggota aktif" in nik.missing


# --- NPWP for loans above the threshold -----------------------------------------------------


def test_npwp_not_applicable_without_a_planned_loan():
    group = factories.IkmGroupFactory()
    assert result(group, "npwp").status == NOT_APPLICABLE


def test_npwp_not_applicable_at_exactly_fifty_million():
    group = factories.IkmGroupFactory()
    CreditApplicationFactory(group=group, amount_requested=Decimal("50000000"))
    assert result(group, "npwp").status == NOT_APPLICABLE


def test_npwp_required_one_rupiah_above_fifty_million():
    group = factories.IkmGroupFactory()
    CreditApplicationFactory(group=group, amount_requested=Decimal("50000001"))
    npwp = result(group, "npwp")
    assert npwp.status == FAIL
    assert "NPWP" in npwp.missing
    factories.LegalDocumentFactory(group=group, kind="npwp")
    assert result(group, "npwp").status == PASS


def test_npwp_reads_the_latest_open_application_only():
    group = factories.IkmGroupFactory()
    CreditApplicationFactory(group=group, amount_requested=Decimal("90000000"))
    CreditApplicationFactory(group=group, amount_requested=Decimal("20000000"))
    assert result(group, "npwp").status == NOT_APPLICABLE
    CreditApplicationFactory(
        group=group, amount_requested=Decimal("90000000"), approved=True
    )  # decided: no longer a planned loan
    assert result(group, "npwp").status == NOT_APPLICABLE


def test_npwp_threshold_is_data():
    group = factories.IkmGroupFactory()
    CreditApplicationFactory(group=group, amount_requested=Decimal("30000000"))
    rule = ReadinessRule(npwp_loan_threshold=Decimal("25000000"))
    assert result(group, "npwp", rule=rule).status == FAIL


# --- score ----------------------------------------------------------------------------------


def test_score_counts_only_applicable_criteria():
    group = factories.IkmGroupFactory(formed_on=dt.date(2020, 1, 1))
    factories.MemberFactory(group=group)
    factories.LegalDocumentFactory(group=group, kind="nib")
    evaluated = readiness.evaluate([group], today=TODAY)[group.pk]
    applicable = [r for r in evaluated.results if r.status != NOT_APPLICABLE]
    assert evaluated.applicable == len(applicable) == len(evaluated.results) - 1
    assert evaluated.passed == sum(1 for r in applicable if r.status == PASS)
    assert evaluated.score == evaluated.passed / evaluated.applicable
    assert [r.code for r in evaluated.missing] == [r.code for r in applicable if r.status == FAIL]


def test_rank_puts_the_most_ready_first():
    ready = factories.IkmGroupFactory(code="B-1", formed_on=dt.date(2020, 1, 1))
    factories.MemberFactory(group=ready)
    factories.LegalDocumentFactory(group=ready, kind="nib")
    new = factories.IkmGroupFactory(code="A-1", formed_on=TODAY)
    ranked = readiness.rank(readiness.evaluate([new, ready], today=TODAY).values())
    assert [r.group.code for r in ranked] == ["B-1", "A-1"]


# --- the registry: outlet sales plug in when marketing records sales -------------------------


def test_outlet_sales_are_registered_while_marketing_records_sales():
    assert "outlet_sales" in {c.code for c in readiness.criteria()}


def test_outlet_sales_plug_in_when_marketing_offers_them():
    group, quiet = factories.IkmGroupFactory(), factories.IkmGroupFactory()
    calls = []

    def group_sales_totals(ids, *, since):
        calls.append((sorted(ids), since))
        return {group.pk: {"amount": Decimal("120000"), "retail_amount": Decimal("150000")}}

    try:
        assert readiness.register_outlet_sales(source=group_sales_totals) is True
        evaluated = readiness.evaluate([group, quiet], today=TODAY)
        assert calls == [(sorted([group.pk, quiet.pk]), dt.date(2025, 1, 15))]
        sales = {
            pk: next(r for r in ev.results if r.code == "outlet_sales")
            for pk, ev in evaluated.items()
        }
        assert sales[group.pk].status == PASS
        assert sales[quiet.pk].status == FAIL
        assert "gerai" in sales[quiet.pk].missing
    finally:
        readiness.register_outlet_sales()  # back to marketing's own selector


def test_a_criterion_needing_an_unknown_dataset_is_refused():
    with pytest.raises(ValueError, match="unknown datasets"):
        readiness.register(readiness.Criterion("x", "x", lambda g, d, c: None, ("nothing",)))


def test_evaluate_reads_each_dataset_once_for_many_groups(django_assert_max_num_queries):
    groups = factories.IkmGroupFactory.create_batch(5)
    for group in groups:
        factories.MemberFactory(group=group)
        CreditApplicationFactory(group=group)
    rule = ReadinessRule.current()
    datasets = {name for c in readiness.criteria() for name in c.needs}
    with django_assert_max_num_queries(len(datasets)):
        readiness.evaluate(groups, today=TODAY, rule=rule)


def test_seeded_thresholds():
    rule = ReadinessRule.current()
    assert rule.pk is not None
    assert (
        rule.months_running,
        rule.consecutive_verified_reports,
        rule.profitable_months,
        rule.profit_window_months,
        rule.session_within_months,
        rule.npwp_loan_threshold,
    ) == (6, 6, 4, 6, 3, 50_000_000)


def test_open_and_granted_querysets():
    draft = CreditApplicationFactory()
    approved = CreditApplicationFactory(approved=True)
    assert list(CreditApplication.objects.open()) == [draft]
    assert list(CreditApplication.objects.granted()) == [approved]
