"""What credit adds to a group: timeline entries, the readiness panel, mandiri's proof."""

from django.utils.translation import gettext as _

from core import roles
from core.formatting import format_rupiah as _amount
from core.timeline import TimelineEntry
from mentoring import readiness
from mentoring.models import CreditApplication

Status = CreditApplication.Status


def credit_entries(group, user):
    """Each step of the group's credit applications, in one query."""
    applications = (
        CreditApplication.objects.visible_to(user)
        .filter(group=group)
        .select_related("bank", "scheme")
        .order_by()
    )
    for app in applications:
        url = app.get_absolute_url()
        what = _("%(scheme)s di %(bank)s, %(amount)s") % {
            "scheme": app.scheme.name,
            "bank": app.bank.name,
            "amount": _amount(app.amount_requested),
        }
        if app.status == Status.DRAFT:
            yield TimelineEntry(
                when=app.created_at,
                kind="credit",
                icon="bi-pencil-square",
                title=_("Draf pengajuan kredit"),
                detail=what,
                url=url,
            )
        if app.submitted_on:
            yield TimelineEntry(
                when=app.submitted_on,
                kind="credit",
                icon="bi-send",
                title=_("Kredit diajukan"),
                detail=what,
                url=url,
            )
        if app.decided_on and app.status == Status.REJECTED:
            yield TimelineEntry(
                when=app.decided_on,
                kind="credit",
                icon="bi-x-circle",
                title=_("Pengajuan kredit ditolak"),
                detail=f"{what}. {app.note}".strip() if app.note else what,
                url=url,
            )
        elif app.decided_on:
            yield TimelineEntry(
                when=app.decided_on,
                kind="credit",
                icon="bi-check-circle",
                title=_("Kredit disetujui: %(amount)s") % {"amount": _amount(app.amount_approved)},
                detail=what,
                url=url,
            )
        if app.disbursed_on:
            yield TimelineEntry(
                when=app.disbursed_on,
                kind="credit",
                icon="bi-cash-coin",
                title=_("Kredit dicairkan: %(amount)s") % {"amount": _amount(app.amount_approved)},
                detail=what,
                url=url,
            )


def readiness_panel(group, user):
    """Score and what is missing, for officials and the group's mentors (fixed queries)."""
    if not (roles.is_official(user) or roles.is_mentor(user)):
        return None
    result = readiness.evaluate([group])[group.pk]
    return {"readiness": result}


def has_granted_credit(group) -> bool:
    """Mandiri's proof for the groups app: an approved or disbursed credit application."""
    return CreditApplication.objects.filter(group=group).granted().exists()
