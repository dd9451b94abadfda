"""The audit trail page: officials browse and filter every recorded change."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.views.generic import ListView

from audit import display
from audit.forms import AuditFilterForm
from audit.models import AuditEvent
from core import roles
from core.scoping import RoleScopedMixin


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class AuditEventListView(RoleScopedMixin, ListView):
    model = AuditEvent
    allowed_roles = frozenset({roles.OFFICIAL})
    paginate_by = 50

    def get_queryset(self):
        events = super().get_queryset()
        targets = events.order_by().values_list("app_label", "model").distinct()
        self.form = AuditFilterForm(self.request.GET or None, targets=list(targets))
        events = events.select_related("actor").order_by("-at", "-id")
        if not self.form.is_bound:
            return events
        self.form.is_valid()  # filter by the fields that are valid; errors show on the form
        data = self.form.cleaned_data
        if data.get("date_from"):
            events = events.filter(at__gte=_day_start(data["date_from"]))
        if data.get("date_to"):
            events = events.filter(at__lt=_day_start(data["date_to"] + dt.timedelta(days=1)))
        if data.get("user"):
            term = data["user"].strip()
            events = events.filter(
                Q(actor__username__icontains=term)
                | Q(actor__first_name__icontains=term)
                | Q(actor__last_name__icontains=term)
            )
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("target"):
            app_label, _dot, model = data["target"].partition(".")
            events = events.filter(app_label__in=display.app_labels_of(app_label), model=model)
        if data.get("object_id"):
            events = events.filter(object_id=data["object_id"].strip())
        return events

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        # Readable values; names of the people and records they refer to: one query per
        # kind of record on the page, whatever the number of events.
        context["rows"] = display.rows(list(context["object_list"]), self.request.user)
        return context
