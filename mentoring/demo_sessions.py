"""Demo data: mentoring sessions and monthly bookkeeping reports over the last 15 months.

Groups get a profile so that credit readiness differs between them: *steady* groups report
every month with profits and verified books, *patchy* ones skip months and have losses, *weak*
ones report rarely, often at a loss and unverified; a few groups have no reports at all.
Sessions exist for the groups that have a mentor. Everything is deterministic through
``ctx.rng`` and written with ``bulk_create``; a second run adds nothing.
"""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from core.months import add_months
from groups.models import Member
from mentoring.models import (
    BookkeepingMethod,
    BookkeepingReport,
    FollowUp,
    MentorAssignment,
    MentoringSession,
    SessionTopic,
    Topic,
)

MONTHS = 15
# By position in the demo's group list: 0-11 have mentors (see demo.py), 12-21 do not.
PROFILES = {
    "steady": (0, 1, 2, 5, 12, 13),
    "patchy": (3, 4, 6, 7, 8, 14, 15, 16, 17),
    "weak": (9, 10, 11, 18, 19),
    # 20, 21: no bookkeeping yet
}
SUMMARIES = {
    Topic.BOOKKEEPING: "Memeriksa buku kas dan buku penjualan bersama bendahara; menyusun "
    "laporan laba rugi bulan lalu.",
    Topic.PRODUCTION: "Meninjau proses produksi dan kebersihan tempat kerja; menimbang ulang "
    "takaran bahan.",
    Topic.MANAGEMENT: "Membahas pembagian tugas pengurus dan jadwal rapat bulanan kelompok.",
    Topic.MARKETING: "Menyusun daftar harga dan foto produk untuk gerai Perusda.",
    Topic.PERMITS: "Melengkapi berkas NIB dan P-IRT; memeriksa masa berlaku dokumen.",
    Topic.DIGITAL: "Mencoba aplikasi pembukuan di ponsel dan membuat akun penjualan daring.",
}
FOLLOW_UPS = [
    "Mencatat semua penjualan harian di buku penjualan",
    "Memisahkan uang usaha dari uang rumah tangga",
    "Menghitung stok bahan baku setiap akhir minggu",
    "Mengumpulkan nota pembelian bahan",
    "Memperbarui daftar anggota dan NIK",
]


def _profile(index: int) -> str | None:
    return next((name for name, idx in PROFILES.items() if index in idx), None)


def _aware(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _report(rng, group, month, profile, base, mentor, now) -> BookkeepingReport:
    """A plausible month: revenue around the group's base, costs by profile."""
    revenue = base * Decimal(rng.uniform(0.7, 1.3))
    if profile == "steady":
        cogs, opex = revenue * Decimal(rng.uniform(0.5, 0.62)), revenue * Decimal(0.15)
    elif profile == "patchy":
        loss = rng.random() < 0.3
        cogs = revenue * Decimal(rng.uniform(0.7, 0.8) if loss else rng.uniform(0.55, 0.65))
        opex = revenue * Decimal(rng.uniform(0.2, 0.3) if loss else 0.15)
    else:
        cogs = revenue * Decimal(rng.uniform(0.65, 0.85))
        opex = revenue * Decimal(rng.uniform(0.15, 0.35))
    thousand = Decimal(1000)

    def r(x):
        return (x / thousand).quantize(Decimal(1)) * thousand

    report = BookkeepingReport(
        group=group,
        month=month,
        revenue=r(revenue),
        cost_of_goods=r(cogs),
        operating_costs=r(opex),
        cash=r(base * Decimal(rng.uniform(0.1, 0.6))),
        receivables=r(base * Decimal(rng.uniform(0, 0.3))),
        inventory=r(base * Decimal(rng.uniform(0.1, 0.5))),
        payables=r(base * Decimal(rng.uniform(0, 0.4 if profile != "weak" else 0.9))),
        keeps_cash_book=profile != "weak" or rng.random() < 0.5,
        keeps_sales_book=profile == "steady" or rng.random() < 0.5,
        keeps_purchase_book=profile == "steady" and rng.random() < 0.7,
        keeps_stock_book=profile == "steady" and rng.random() < 0.5,
        separates_household_money=profile == "steady",
        method=BookkeepingMethod.APP
        if profile == "steady" and rng.random() < 0.5
        else BookkeepingMethod.PAPER,
        entered_by=mentor,
    )
    report.compute()
    verify = mentor is not None and (
        profile == "steady" or (profile == "patchy" and rng.random() < 0.7)
    )
    if verify:
        report.verified_by = mentor
        report.verified_at = _aware(add_months(month, 1) + dt.timedelta(days=rng.randint(1, 9)), 10)
        report.verified_at = min(report.verified_at, now)
    return report


def seed(ctx) -> None:
    rng, today, groups = ctx.rng, ctx.today, ctx.groups
    if not groups or BookkeepingReport.objects.filter(group__in=groups).exists():
        return
    official = ctx.users.get("pejabat")
    now = timezone.now()
    mentors = {
        a.group_id: a.mentor
        for a in MentorAssignment.objects.active_on(today)
        .filter(group__in=groups)
        .select_related("mentor")
        .order_by("starts_on", "pk")
    }
    members = defaultdict(list)
    for member in Member.objects.filter(group__in=groups, left_on__isnull=True).order_by("pk"):
        members[member.group_id].append(member)
    this_month = today.replace(day=1)
    months = [add_months(this_month, -i) for i in range(MONTHS, 0, -1)]

    reports = []
    for index, group in enumerate(groups):
        profile = _profile(index)
        if profile is None:
            continue
        base = Decimal(rng.randrange(4_000_000, 25_000_000, 500_000))
        skip = {"steady": 0.0, "patchy": 0.2, "weak": 0.45}[profile]
        for month in months:
            if rng.random() < skip:
                continue
            reports.append(_report(rng, group, month, profile, base, mentors.get(group.pk), now))
    BookkeepingReport.objects.bulk_create(reports)

    sessions, plans = [], []
    for index, group in enumerate(groups):
        mentor = mentors.get(group.pk)
        if mentor is None:
            continue
        profile = _profile(index) or "weak"
        every = {"steady": 0.95, "patchy": 0.7, "weak": 0.4}[profile]
        for month in [*months, this_month]:
            if rng.random() > every:
                continue
            last_day = min(add_months(month, 1) - dt.timedelta(days=1), today)
            held_on = month + dt.timedelta(days=rng.randint(0, max(0, (last_day - month).days)))
            topics = rng.sample(list(Topic.values), rng.randint(1, 2))
            if Topic.BOOKKEEPING not in topics and rng.random() < 0.6:
                topics[0] = Topic.BOOKKEEPING
            age = (today - held_on).days
            session = MentoringSession(
                group=group,
                mentor=mentor,
                held_on=held_on,
                summary=" ".join(SUMMARIES[t] for t in topics),
            )
            if age > 45 or (age > 20 and rng.random() < 0.5):
                session.status = MentoringSession.Status.APPROVED
            elif age > 10 and rng.random() < 0.2:
                session.status = MentoringSession.Status.RETURNED
                session.review_note = "Lengkapi daftar hadir dan foto buku kas."
            elif age > 3:
                session.status = MentoringSession.Status.SUBMITTED
            if session.status != MentoringSession.Status.DRAFT:
                session.submitted_at = min(_aware(held_on + dt.timedelta(days=1), 9), now)
            if session.status in (
                MentoringSession.Status.APPROVED,
                MentoringSession.Status.RETURNED,
            ):
                session.reviewed_by = official
                session.reviewed_at = min(_aware(held_on + dt.timedelta(days=3), 14), now)
            sessions.append(session)
            present = members[group.pk]
            attendees = rng.sample(present, min(len(present), rng.randint(2, 6)))
            plans.append((topics, attendees, rng.randint(0, 2)))
    MentoringSession.objects.bulk_create(sessions)

    topic_rows, attendee_rows, follow_ups = [], [], []
    through = MentoringSession.attendees.through
    for session, (topics, attendees, follow_up_count) in zip(sessions, plans, strict=True):
        topic_rows += [SessionTopic(session=session, topic=t) for t in topics]
        attendee_rows += [through(mentoringsession=session, member=m) for m in attendees]
        for action in rng.sample(FOLLOW_UPS, follow_up_count):
            due_on = session.held_on + dt.timedelta(days=rng.choice((14, 21, 30)))
            done = due_on < today - dt.timedelta(days=7) and rng.random() < 0.8
            follow_ups.append(
                FollowUp(
                    session=session,
                    action=action,
                    due_on=due_on,
                    is_done=done,
                    done_on=min(due_on, today) if done else None,
                )
            )
    SessionTopic.objects.bulk_create(topic_rows)
    through.objects.bulk_create(attendee_rows)
    FollowUp.objects.bulk_create(follow_ups)
