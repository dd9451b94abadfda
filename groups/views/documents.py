"""Legal papers: recording them, sending scans only to who may see the group, and the
list of groups whose papers are missing, expired or about to expire."""

import mimetypes
import os

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_filters.views import FilterView

from core import roles
from core.scoping import RoleScopedMixin, role_required
from groups import services
from groups.filters import DocumentStatusFilter
from groups.forms.records import DocumentForm
from groups.models import (
    REQUIRED_DOCUMENT_KINDS,
    DocumentKind,
    DocumentStatus,
    EquipmentCheck,
    Handover,
    IkmGroup,
    LegalDocument,
    document_status,
)
from groups.views.base import READERS, ServiceCreateView, ServiceUpdateView, form_fields


class DocumentCreateView(ServiceCreateView):
    model = LegalDocument
    form_class = DocumentForm
    success_message = gettext_lazy("Dokumen tersimpan.")

    def save(self, form):
        return services.document_create(group=self.parent, **form_fields(form))

    def get_success_url(self):
        return reverse("groups:group_detail", args=[self.parent.pk]) + "#dokumen"


class DocumentUpdateView(ServiceUpdateView):
    model = LegalDocument
    form_class = DocumentForm
    success_message = gettext_lazy("Dokumen tersimpan.")

    def get_queryset(self):
        return super().get_queryset().select_related("group")

    def save(self, form):
        return services.document_update(document=self.object, **form_fields(form))

    def get_success_url(self):
        return reverse("groups:group_detail", args=[self.object.group_id]) + "#dokumen"


def send_private_file(field_file, download_name: str) -> FileResponse:
    """Send a stored private file as a download; a missing file is a 404, never a 500."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    ext = os.path.splitext(field_file.name)[1].lower()
    content_type = mimetypes.types_map.get(ext, "application/octet-stream")
    response = FileResponse(
        handle, as_attachment=True, filename=download_name + ext, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@require_GET
@role_required(*READERS)
def document_scan(request, pk):
    """The scan of a paper, for users who may see its group (404 otherwise)."""
    document = get_object_or_404(
        LegalDocument.objects.visible_to(request.user).select_related("group"), pk=pk
    )
    name = f"{document.group.code}-{document.kind}-{document.issued_on:%Y%m%d}"
    return send_private_file(document.scan, name)


SHORT_LABELS = {"nib": "NIB", "pirt": "P-IRT", "halal": "Halal", "sku": "SKU", "npwp": "NPWP"}


# Which record owns a private file, by the folder its random name was given in storage.py.
# Other apps storing files there add their folder with ``register_private_file_owner``.
PRIVATE_FILE_OWNERS = {
    "documents": (LegalDocument, "scan"),
    "handovers": (Handover, "scan"),
    "equipment-checks": (EquipmentCheck, "photo"),
}


def register_private_file_owner(folder: str, model, field: str) -> None:
    """``model`` (with ``visible_to``) owns the files stored under ``folder`` in ``field``."""
    PRIVATE_FILE_OWNERS[folder] = (model, field)


@never_cache
@require_GET
@role_required(*READERS)
def private_file(request, name):
    """A private file by its stored name (what ``FieldFile.url`` links to, e.g. in the admin).

    The file is sent only when the record that owns it is visible to the user; anything else,
    including a name that no record owns, is a 404.
    """
    owner = PRIVATE_FILE_OWNERS.get(name.split("/", 1)[0])
    if owner is None:
        raise Http404
    model, field = owner
    record = get_object_or_404(model.objects.visible_to(request.user), **{field: name})
    return send_private_file(getattr(record, field), os.path.splitext(os.path.basename(name))[0])


class DocumentStatusView(RoleScopedMixin, FilterView):
    """Groups whose required papers are missing, or whose latest papers expired or expire soon."""

    model = IkmGroup
    allowed_roles = READERS
    filterset_class = DocumentStatusFilter
    paginate_by = 25
    template_name = "groups/legaldocument_status.html"

    def get_queryset(self):
        return super().get_queryset().active().select_related("theme").order_by("code")

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        rows = []
        for group in context["object_list"]:
            cells = []
            for kind in DocumentKind.values:
                if getattr(group, f"doc_{kind}_has"):
                    status = document_status(getattr(group, f"doc_{kind}_exp"), today)
                elif kind in REQUIRED_DOCUMENT_KINDS:
                    status = DocumentStatus.MISSING
                else:
                    status = None
                cells.append(
                    {"kind": kind, "status": status, "exp": getattr(group, f"doc_{kind}_exp")}
                )
            rows.append({"group": group, "cells": cells})
        context.update(
            {
                "rows": rows,
                "kinds": [(k, SHORT_LABELS[k], label) for k, label in DocumentKind.choices],
                "required_labels": [DocumentKind(k).label for k in REQUIRED_DOCUMENT_KINDS],
                "is_official": roles.is_official(self.request.user),
            }
        )
        return context
