"""Who works at which outlet, from which day to which day."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from marketing.models import Outlet, OutletStaff


@transaction.atomic
def staff_assign(*, user, outlet: Outlet, starts_on: dt.date | None = None) -> OutletStaff:
    """Post a clerk at an outlet from a day on; their access to the outlet starts that day."""
    if not roles.is_clerk(user):
        raise ValidationError({"user": _("Pengguna ini bukan kasir gerai.")})
    starts_on = starts_on or timezone.localdate()
    current = OutletStaff.objects.filter(user=user, outlet=outlet).active_on(starts_on)
    if current.exists():
        raise ValidationError({"outlet": _("Kasir ini sudah bertugas di gerai tersebut.")})
    post = OutletStaff(user=user, outlet=outlet, starts_on=starts_on)
    post.full_clean()
    post.save()
    return post


@transaction.atomic
def staff_end(*, post: OutletStaff, ends_on: dt.date | None = None) -> OutletStaff:
    """End a clerk's post; they lose access to the outlet after ``ends_on``."""
    ends_on = ends_on or timezone.localdate()
    post = OutletStaff.objects.select_for_update().get(pk=post.pk)
    if ends_on < post.starts_on:
        raise ValidationError({"ends_on": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    post.ends_on = ends_on
    post.full_clean()
    post.save(update_fields=["ends_on"])
    return post
