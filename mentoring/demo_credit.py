"""Demo credit applications: a few in every status, so that three demo groups are mandiri.

Dates are counted back from the demo's 'today'; every step goes through the services, so the
groups' move to mandiri is recorded exactly as on the site. Idempotent: a group that already
has an application is left alone.
"""

import datetime as dt
from decimal import Decimal

from mentoring.models import Bank, CreditApplication, CreditScheme, MentorAssignment
from mentoring.services import credit as services

# (group position, scheme, amount asked, [(step, days before today, approved amount / note)])
PLANS = [
    (0, "KUR-MIKRO", 50_000_000, [("submit", 290, None), ("approve", 270, 45_000_000),
                                   ("disburse", 260, None)]),
    (1, "KUR-SUPER-MIKRO", 10_000_000, [("submit", 140, None), ("approve", 120, 10_000_000)]),
    (5, "KUR-KECIL", 150_000_000, [("submit", 220, None),
                                   ("reject", 190, "Agunan dan laporan keuangan belum memadai.")]),
    (5, "KUR-MIKRO", 75_000_000, [("submit", 80, None), ("approve", 65, 75_000_000),
                                  ("disburse", 60, None)]),
    (2, "KUR-MIKRO", 80_000_000, [("submit", 20, None)]),
    (3, "KUR-MIKRO", 30_000_000, [("submit", 100, None),
                                  ("reject", 85, "Laporan pembukuan belum lengkap berturut-turut.")]),
    (4, "KUR-MIKRO", 60_000_000, []),
    (6, "KUR-SUPER-MIKRO", 8_000_000, []),
]  # fmt: skip


def seed(ctx) -> None:
    groups = ctx.groups
    wanted = {position for position, *_rest in PLANS if position < len(groups)}
    done = set(
        CreditApplication.objects.filter(group__in=[groups[i] for i in wanted]).values_list(
            "group_id", flat=True
        )
    )
    schemes = CreditScheme.objects.in_bulk(field_name="code")
    assignments = {
        a.group_id: a
        for a in MentorAssignment.objects.filter(group__in=[groups[i] for i in wanted])
        .select_related("mentor", "bank")
        .order_by("starts_on", "pk")
    }
    fallback_bank = Bank.objects.order_by("code").first()
    official = ctx.users.get("pejabat")
    for position, scheme_code, amount, steps in PLANS:
        if position >= len(groups) or groups[position].pk in done:
            continue
        group = groups[position]
        assignment = assignments.get(group.pk)
        user = assignment.mentor if assignment else official
        bank = assignment.bank if assignment else fallback_bank
        if user is None or bank is None:
            continue
        application = services.credit_application_create(
            user=user,
            group=group,
            bank=bank,
            scheme=schemes[scheme_code],
            amount_requested=Decimal(amount),
            note="Modal kerja dan bahan baku.",
        )
        for step, days, extra in steps:
            _step(user, application, step, ctx.today - dt.timedelta(days=days), extra)


def _step(user, application, step, day, extra):
    if step == "submit":
        services.credit_application_submit(user=user, application=application, submitted_on=day)
    elif step == "approve":
        services.credit_application_approve(
            user=user, application=application, amount_approved=Decimal(extra), decided_on=day
        )
    elif step == "reject":
        services.credit_application_reject(
            user=user, application=application, decided_on=day, note=extra
        )
    elif step == "disburse":
        services.credit_application_disburse(user=user, application=application, disbursed_on=day)
