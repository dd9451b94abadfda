"""Keep the stored readiness honest: a change to a record it reads forgets the group's row.

Every dataset of ``mentoring.readiness`` reads one of these models; saving or deleting one of
their rows deletes the stored evaluation of its group, in the same transaction, so the next list
or chart evaluates that group again. Sales reach the readiness through the monthly summary,
which marketing writes without ``save()``: it announces the groups with ``sales_changed``.
"""

from django.db.models.signals import post_delete, post_save

from groups.models import IkmGroup, LegalDocument, Member
from mentoring import readiness
from mentoring.models import BookkeepingReport, CreditApplication, MentoringSession

FED_BY_GROUP = (LegalDocument, Member, CreditApplication, BookkeepingReport, MentoringSession)


def _forget_group_of(sender, instance, **kwargs):
    if kwargs.get("raw"):  # fixtures and restores load rows as they are
        return
    readiness.forget([instance.group_id])


def _forget_group(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    readiness.forget([instance.pk])


def _forget_sold_groups(sender, group_ids, **kwargs):
    readiness.forget(group_ids)


def connect() -> None:
    for model in FED_BY_GROUP:
        uid = f"readiness-store-{model._meta.label_lower}"
        post_save.connect(_forget_group_of, sender=model, dispatch_uid=uid)
        post_delete.connect(_forget_group_of, sender=model, dispatch_uid=uid)
    post_save.connect(_forget_group, sender=IkmGroup, dispatch_uid="readiness-store-group")
    try:
        from marketing.summary import sales_changed
    except ImportError:
        return
    sales_changed.connect(_forget_sold_groups, dispatch_uid="readiness-store-sales")
