"""Program-level records that belong to no single app: the yearly targets of the roadmap."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import roles


class Metric(models.TextChoices):
    """What a yearly target counts; ``program.dashboard.actual_for`` computes each one."""

    GROUPS_MANDIRI = "groups_mandiri", _("Kelompok mandiri")
    MEMBERS_TRAINED = "members_trained", _("Anggota terlatih")
    OUTLET_SALES = "outlet_sales", _("Penjualan gerai (Rp)")
    BOOKKEEPING_COVERAGE = "bookkeeping_coverage", _("Cakupan laporan pembukuan (%)")
    CREDIT_DISBURSED = "credit_disbursed", _("Kelompok menerima kredit")


class ProgramTargetQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Targets: officials (who set them) and the Perusda manager read them; others none."""
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user) or roles.is_perusda(user):
            return self
        return self.none()


class ProgramTarget(models.Model):
    """A yearly program target set by the officials, e.g. 6 groups mandiri in 2027."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    metric = models.CharField(_("ukuran"), max_length=30, choices=Metric.choices)
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=0)
    note = models.CharField(_("catatan"), max_length=255, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditetapkan oleh"),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    history = HistoricalRecords()
    objects = ProgramTargetQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "metric"]
        verbose_name = _("target program")
        verbose_name_plural = _("target program")
        constraints = [
            models.UniqueConstraint(fields=["year", "metric"], name="target_one_per_year_metric"),
            models.CheckConstraint(condition=Q(value__gte=0), name="target_not_negative"),
            models.CheckConstraint(
                condition=Q(year__gte=2018) & Q(year__lte=2100), name="target_year_plausible"
            ),
        ]

    def __str__(self):
        return f"{self.year} · {self.get_metric_display()}: {self.value}"
