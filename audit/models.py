"""The audit trail: who did what to which record, when, written in the same transaction."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import roles


class AuditEventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Officials (and superusers) read the whole trail; nobody else reads any of it."""
        if user.is_authenticated and roles.is_official(user):
            return self
        return self.none()


class AuditEvent(models.Model):
    """One change to a core record. Never updated or deleted by the application."""

    class Action(models.TextChoices):
        CREATE = "create", _("Buat")
        UPDATE = "update", _("Ubah")
        DELETE = "delete", _("Hapus")
        VOID = "void", _("Batalkan")
        LOGIN_FAILED = "login_failed", _("Gagal masuk")
        LOCKED_OUT = "locked_out", _("Dikunci karena gagal masuk")
        OTHER = "other", _("Lainnya")

    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    action = models.CharField(_("tindakan"), max_length=20, choices=Action.choices)
    app_label = models.CharField(_("aplikasi"), max_length=50)
    model = models.CharField(_("jenis data"), max_length=50)
    object_id = models.CharField(_("id data"), max_length=40, blank=True)
    object_repr = models.CharField(_("data"), max_length=200, blank=True)
    # {"field": [old, new]} for updates; sensitive fields are redacted before they get here.
    changes = models.JSONField(_("perubahan"), default=dict, blank=True)
    note = models.CharField(_("catatan"), max_length=500, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        indexes = [
            models.Index(fields=["app_label", "model", "object_id"]),
            models.Index(fields=["actor", "at"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.model} {self.object_id}"
