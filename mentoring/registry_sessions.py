"""What sessions and bookkeeping add to the site: menu entries, the profile panel, timeline."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import navigation, panels, roles, timeline
from core.months import add_months


def bookkeeping_panel(group, user) -> dict | None:
    """The profile's bookkeeping section: statements of the latest month, trend, gaps."""
    if not roles.has_any(user, {roles.OFFICIAL, roles.MENTOR}):
        return None
    from mentoring.views.bookkeeping import statements_context

    context = statements_context(group, user)
    context["can_enter"] = roles.is_mentor(user)
    return context


def session_entries(group, user):
    """Submitted and approved sessions (drafts are the mentor's own business), one query."""
    from mentoring.models import MentoringSession

    sessions = (
        MentoringSession.objects.visible_to(user)
        .filter(group=group)
        .exclude(status=MentoringSession.Status.DRAFT)
        .select_related("mentor")
        .order_by("-held_on")[:40]
    )
    for session in sessions:
        mentor = session.mentor.get_full_name() or session.mentor.username
        yield timeline.TimelineEntry(
            when=session.held_on,
            kind="session",
            icon="bi-person-video3",
            title=_("Sesi pendampingan (%(status)s)") % {"status": session.get_status_display()},
            detail=_("oleh %(mentor)s: %(summary)s")
            % {"mentor": mentor, "summary": session.summary[:120]},
            url=session.get_absolute_url(),
        )


def report_entries(group, user):
    """Monthly bookkeeping reports, dated at the end of their month, one query."""
    from core.formatting import format_rupiah
    from mentoring.models import BookkeepingReport

    reports = BookkeepingReport.objects.visible_to(user).filter(group=group).order_by("-month")[:24]
    today = timezone.localdate()
    for report in reports:
        month_end = min(add_months(report.month, 1) - dt.timedelta(days=1), today)
        state = _("terverifikasi") if report.is_verified else _("belum diverifikasi")
        yield timeline.TimelineEntry(
            when=month_end,
            kind="bookkeeping",
            icon="bi-journal-text",
            title=_("Laporan pembukuan %(month)s") % {"month": report.month.strftime("%m/%Y")},
            detail=_("pendapatan %(revenue)s, laba %(profit)s (%(state)s)")
            % {
                "revenue": format_rupiah(report.revenue),
                "profit": format_rupiah(report.profit),
                "state": state,
            },
            url=report.get_absolute_url(),
        )


def register() -> None:
    from groups.views.documents import register_private_file_owner
    from mentoring.models import SessionAttachment

    # Attachments live in the groups app's private storage: its download-by-name view (what
    # FieldFile.url links to, e.g. in the admin) must know who owns that folder.
    register_private_file_owner("mentoring-sessions", SessionAttachment, "file")
    readers = frozenset({roles.OFFICIAL, roles.MENTOR})
    navigation.register(
        navigation.Section(
            gettext_lazy("Sesi"), "mentoring:session_list", "bi-person-video3", readers, order=40
        )
    )
    navigation.register(
        navigation.Section(
            gettext_lazy("Tinjau sesi"),
            "mentoring:session_review_list",
            "bi-inbox",
            frozenset({roles.OFFICIAL}),
            order=41,
        )
    )
    navigation.register(
        navigation.Section(
            gettext_lazy("Pembukuan"), "mentoring:report_list", "bi-journal-text", readers, order=42
        )
    )
    panels.register(
        panels.Panel(
            name="bookkeeping",
            title=gettext_lazy("Pembukuan dan laporan keuangan"),
            template_name="mentoring/bookkeeping/_panel.html",
            context=bookkeeping_panel,
            order=20,
        )
    )
    timeline.register("mentoring.sessions", session_entries)
    timeline.register("mentoring.bookkeeping", report_entries)
