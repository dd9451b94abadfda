"""Perusda's outlets across Sulawesi Tengah and the clerks who staff them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from simple_history.models import HistoricalRecords

from core import roles
from groups.models import ReferenceQuerySet


class Regency(models.Model):
    """A kabupaten/kota of Sulawesi Tengah (Kemendagri code kept as it is, e.g. 72.01)."""

    class Kind(models.TextChoices):
        KABUPATEN = "Kabupaten", _("Kabupaten")
        KOTA = "Kota", _("Kota")

    code = models.CharField(_("kode Kemendagri"), max_length=5, unique=True)
    bps_code = models.CharField(_("kode BPS"), max_length=4, blank=True)
    name = models.CharField(_("nama"), max_length=80)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    capital = models.CharField(_("ibu kota"), max_length=80, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")

    def __str__(self):
        # Translators: a regency or city and its name, e.g. "Kabupaten Sigi", "Kota Palu".
        return pgettext("kabupaten/kota", "%(kind)s %(name)s") % {
            "kind": self.get_kind_display(),
            "name": self.name,
        }


def staffed_outlet_ids(user):
    """Subquery of the outlets the user staffs today."""
    today = timezone.localdate()
    return OutletStaff.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today), user=user, starts_on__lte=today
    ).values("outlet_id")


class OutletQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Outlets the user may see.

        | role       | sees                               |
        |------------|------------------------------------|
        | official   | all (read)                         |
        | perusda    | all                                |
        | clerk      | the outlets they staff today       |
        | mentor     | none                               |
        | other/anon | none                               |
        """
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user) or roles.is_perusda(user):
            return self
        if roles.is_clerk(user):
            return self.filter(pk__in=staffed_outlet_ids(user))
        return self.none()

    def active(self):
        return self.filter(is_active=True)


class Outlet(models.Model):
    """A Perusda retail outlet (gerai) in a regency."""

    code = models.CharField(_("kode gerai"), max_length=20, unique=True)
    name = models.CharField(_("nama gerai"), max_length=120)
    regency = models.ForeignKey(
        Regency, on_delete=models.PROTECT, related_name="outlets", verbose_name=_("kabupaten/kota")
    )
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    opened_on = models.DateField(_("dibuka"), null=True, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    history = HistoricalRecords()
    objects = OutletQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("gerai")
        verbose_name_plural = _("gerai")

    def __str__(self):
        return self.name


class OutletStaffQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff rows: officials and Perusda see all; a clerk sees their own; others none."""
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user) or roles.is_perusda(user):
            return self
        if roles.is_clerk(user):
            return self.filter(user=user)
        return self.none()

    def active_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)


class OutletStaff(models.Model):
    """A clerk works at an outlet for a period; their access to it lasts as long."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="outlet_posts",
        verbose_name=_("kasir"),
    )
    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, related_name="staff", verbose_name=_("gerai")
    )
    starts_on = models.DateField(_("mulai"), default=timezone.localdate)
    ends_on = models.DateField(_("selesai"), null=True, blank=True)

    history = HistoricalRecords()
    objects = OutletStaffQuerySet.as_manager()

    class Meta:
        ordering = ["outlet", "user"]
        verbose_name = _("staf gerai")
        verbose_name_plural = _("staf gerai")
        indexes = [models.Index(fields=["user", "outlet"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="outlet_staff_ends_after_start",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
        ]

    def __str__(self):
        return f"{self.user} @ {self.outlet}"


# --- Consignment trade: prices, deliveries, stock, sales, closings, returns, settlements ---
#
# Scoping of the trade records (each QuerySet's ``visible_to``):
# - officials read everything, the Perusda manager sees and manages everything;
# - a clerk sees the rows of the outlets they staff today (and the whole price catalogue),
#   never settlements;
# - a mentor sees the rows of their groups (prices, deliveries, returns, sale lines,
#   settlements), never whole receipts, stock or closings (they mix many groups);
# - anyone else sees nothing.

MONEY = {"max_digits": 14, "decimal_places": 0}


def _mentor_group_ids(user):
    from groups.models import IkmGroup

    return IkmGroup.objects.visible_to(user).values("pk")


class _TradeQuerySet(models.QuerySet):
    """Rows that belong to an outlet and (through ``group_path``) to a group."""

    outlet_path = "outlet"
    group_path: str | None = "group"

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user) or roles.is_perusda(user):
            return self
        if roles.is_clerk(user) and self.outlet_path:
            return self.filter(**{f"{self.outlet_path}__in": staffed_outlet_ids(user)})
        if roles.is_mentor(user) and self.group_path:
            return self.filter(**{f"{self.group_path}__in": _mentor_group_ids(user)})
        return self.none()


class ProductPriceQuerySet(_TradeQuerySet):
    outlet_path = None
    group_path = "product__group"

    def visible_to(self, user):
        if user.is_authenticated and roles.is_clerk(user):
            return self  # the catalogue with its prices is open to every clerk
        return super().visible_to(user)

    def effective_on(self, day):
        return self.filter(valid_from__lte=day)


class ProductPrice(models.Model):
    """The consignment price owed to the group and the retail price, valid from a day on.

    Rows are never edited: a price change is a new row, so a sale keeps the prices of its moment.
    """

    product = models.ForeignKey(
        "groups.Product", on_delete=models.PROTECT, related_name="prices", verbose_name=_("produk")
    )
    valid_from = models.DateField(_("berlaku mulai"), default=timezone.localdate)
    consignment_price = models.DecimalField(_("harga titip (Rp)"), **MONEY)
    retail_price = models.DecimalField(_("harga jual (Rp)"), **MONEY)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ProductPriceQuerySet.as_manager()

    class Meta:
        ordering = ["product", "-valid_from"]
        verbose_name = _("harga produk")
        verbose_name_plural = _("harga produk")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "valid_from"], name="product_price_one_per_day"
            ),
            models.CheckConstraint(
                condition=Q(consignment_price__gt=0), name="product_price_consignment_positive"
            ),
            models.CheckConstraint(
                condition=Q(retail_price__gte=models.F("consignment_price")),
                name="product_price_retail_covers_consignment",
                violation_error_message=_("Harga jual tidak boleh di bawah harga titip."),
            ),
        ]

    def __str__(self):
        return f"{self.product} @ {self.valid_from}"

    @property
    def margin(self):
        return self.retail_price - self.consignment_price


class OutletPriceQuerySet(_TradeQuerySet):
    group_path = "product__group"


class OutletPrice(models.Model):
    """An outlet's own retail price for a product, valid from a day on (overrides the default)."""

    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, related_name="prices", verbose_name=_("gerai")
    )
    product = models.ForeignKey(
        "groups.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("produk")
    )
    valid_from = models.DateField(_("berlaku mulai"), default=timezone.localdate)
    retail_price = models.DecimalField(_("harga jual gerai (Rp)"), **MONEY)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    history = HistoricalRecords()
    objects = OutletPriceQuerySet.as_manager()

    class Meta:
        ordering = ["outlet", "product", "-valid_from"]
        verbose_name = _("harga gerai")
        verbose_name_plural = _("harga gerai")
        constraints = [
            models.UniqueConstraint(
                fields=["outlet", "product", "valid_from"], name="outlet_price_one_per_day"
            ),
            models.CheckConstraint(condition=Q(retail_price__gt=0), name="outlet_price_positive"),
        ]

    def __str__(self):
        return f"{self.outlet} · {self.product} @ {self.valid_from}"


class DeliveryQuerySet(_TradeQuerySet):
    pass


class Delivery(models.Model):
    """Goods a group consigns to an outlet (titip jual); the clerk confirms what arrived."""

    class Status(models.TextChoices):
        SENT = "sent", _("Dikirim")
        RECEIVED = "received", _("Diterima")
        CANCELLED = "cancelled", _("Dibatalkan")

    number = models.CharField(_("nomor surat jalan"), max_length=30, unique=True)
    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("gerai")
    )
    group = models.ForeignKey(
        "groups.IkmGroup",
        on_delete=models.PROTECT,
        related_name="deliveries",
        verbose_name=_("kelompok"),
    )
    sent_on = models.DateField(_("tanggal kirim"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SENT
    )
    received_on = models.DateField(_("tanggal terima"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diterima oleh"),
    )
    note = models.TextField(_("catatan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    history = HistoricalRecords()
    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = _("pengiriman titip jual")
        verbose_name_plural = _("pengiriman titip jual")
        indexes = [
            models.Index(fields=["outlet", "status", "sent_on"]),
            # the delivery list's keyset order (docs/PERFORMANCE.md)
            models.Index(fields=["sent_on", "id"], name="delivery_list_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=models.F("sent_on")),
                name="delivery_received_after_sent",
                violation_error_message=_("Tanggal terima tidak boleh sebelum tanggal kirim."),
            ),
        ]

    def __str__(self):
        return self.number


class DeliveryLineQuerySet(_TradeQuerySet):
    outlet_path = "delivery__outlet"
    group_path = "delivery__group"


class DeliveryLine(models.Model):
    delivery = models.ForeignKey(
        Delivery, on_delete=models.PROTECT, related_name="lines", verbose_name=_("pengiriman")
    )
    product = models.ForeignKey(
        "groups.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("produk")
    )
    quantity_sent = models.PositiveIntegerField(_("jumlah dikirim"))
    quantity_received = models.PositiveIntegerField(_("jumlah diterima"), null=True, blank=True)
    consignment_price = models.DecimalField(_("harga titip (Rp)"), **MONEY)

    history = HistoricalRecords()
    objects = DeliveryLineQuerySet.as_manager()

    class Meta:
        ordering = ["delivery", "id"]
        verbose_name = _("baris pengiriman")
        verbose_name_plural = _("baris pengiriman")
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "product"], name="delivery_line_one_per_product"
            ),
            models.CheckConstraint(
                condition=Q(quantity_sent__gt=0), name="delivery_line_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(consignment_price__gte=0), name="delivery_line_price_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.delivery} · {self.product}"

    @property
    def difference(self):
        """Received minus sent (negative: short), or None before receipt."""
        if self.quantity_received is None:
            return None
        return self.quantity_received - self.quantity_sent


class StockQuerySet(_TradeQuerySet):
    group_path = None


class Stock(models.Model):
    """Units of a product on hand at an outlet.

    Changed only by ``marketing.services.trade`` together with the ``StockEntry`` that explains the
    change, in one transaction; the database refuses a negative quantity.
    """

    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, related_name="stock", verbose_name=_("gerai")
    )
    product = models.ForeignKey(
        "groups.Product", on_delete=models.PROTECT, related_name="stock", verbose_name=_("produk")
    )
    quantity = models.IntegerField(_("stok"), default=0)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    objects = StockQuerySet.as_manager()

    class Meta:
        ordering = ["outlet", "product"]
        verbose_name = _("stok")
        verbose_name_plural = _("stok")
        constraints = [
            models.UniqueConstraint(fields=["outlet", "product"], name="stock_one_row_per_product"),
            models.CheckConstraint(
                condition=Q(quantity__gte=0),
                name="stock_never_negative",
                violation_error_message=_("Stok tidak boleh kurang dari nol."),
            ),
        ]

    def __str__(self):
        return f"{self.outlet} · {self.product}: {self.quantity}"


class StockEntryQuerySet(_TradeQuerySet):
    group_path = None


class StockEntry(models.Model):
    """One line of the stock ledger: why the stock of a product at an outlet changed."""

    class Kind(models.TextChoices):
        DELIVERY = "delivery", _("Penerimaan titip jual")
        SALE = "sale", _("Penjualan")
        VOID = "void", _("Pembatalan penjualan")
        RETURN = "return", _("Retur ke kelompok")
        WRITE_OFF = "write_off", _("Rusak/kedaluwarsa")
        ADJUSTMENT = "adjustment", _("Penyesuaian stok opname")

    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, related_name="stock_entries", verbose_name=_("gerai")
    )
    product = models.ForeignKey(
        "groups.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("produk")
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    quantity = models.IntegerField(_("perubahan"))
    balance_after = models.IntegerField(_("saldo"))
    reason = models.CharField(_("alasan"), max_length=255, blank=True)
    delivery = models.ForeignKey(
        Delivery, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sale = models.ForeignKey(
        "Sale", on_delete=models.PROTECT, null=True, blank=True, related_name="stock_entries"
    )
    stock_return = models.ForeignKey(
        "StockReturn", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)

    objects = StockEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("mutasi stok")
        verbose_name_plural = _("mutasi stok")
        indexes = [models.Index(fields=["outlet", "product", "created_at", "id"])]
        constraints = [
            models.CheckConstraint(condition=~Q(quantity=0), name="stock_entry_not_zero"),
            models.CheckConstraint(
                condition=Q(balance_after__gte=0), name="stock_entry_balance_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.quantity:+d}"


class ReceiptSequence(models.Model):
    """The last receipt number given at an outlet; locked row by row when a sale is numbered."""

    outlet = models.OneToOneField(
        Outlet, on_delete=models.PROTECT, related_name="receipt_sequence", primary_key=True
    )
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.outlet_id}: {self.last_number}"


class SaleQuerySet(_TradeQuerySet):
    group_path = None

    def completed(self):
        return self.filter(status=Sale.Status.COMPLETED)


class Sale(models.Model):
    """A receipt at an outlet. Never deleted: a mistaken sale is voided, which restores stock."""

    class Status(models.TextChoices):
        COMPLETED = "completed", _("Selesai")
        VOID = "void", _("Dibatalkan")

    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, related_name="sales", verbose_name=_("gerai")
    )
    number = models.PositiveIntegerField(_("nomor struk"))
    sold_at = models.DateTimeField(_("waktu"), default=timezone.now)
    business_date = models.DateField(_("tanggal usaha"))
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="sales",
        verbose_name=_("kasir"),
    )
    total = models.DecimalField(_("total (Rp)"), **MONEY)
    idempotency_key = models.UUIDField(_("kunci kirim"), unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.COMPLETED
    )
    voided_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibatalkan oleh"),
    )
    void_reason = models.CharField(_("alasan pembatalan"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = SaleQuerySet.as_manager()

    class Meta:
        ordering = ["-sold_at", "-id"]
        verbose_name = _("penjualan")
        verbose_name_plural = _("penjualan")
        indexes = [
            models.Index(fields=["outlet", "sold_at", "id"]),
            models.Index(fields=["sold_at", "id"]),
            models.Index(fields=["outlet", "business_date"]),
            # The sales list filtered by a day, in its keyset order (docs/PERFORMANCE.md).
            models.Index(fields=["business_date", "sold_at", "id"], name="sale_day_order"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["outlet", "number"], name="sale_receipt_unique"),
            models.CheckConstraint(condition=Q(total__gte=0), name="sale_total_not_negative"),
            models.CheckConstraint(
                condition=Q(status="completed", voided_at__isnull=True)
                | Q(status="void", voided_at__isnull=False),
                name="sale_void_has_time",
            ),
        ]

    def __str__(self):
        return self.receipt_number

    @property
    def receipt_number(self) -> str:
        return f"{self.outlet.code}-{self.number:06d}"


class SaleLineQuerySet(_TradeQuerySet):
    outlet_path = "sale__outlet"
    group_path = "group"


class SaleLine(models.Model):
    """A product on a receipt, with the prices of the moment of the sale.

    ``group`` repeats the product's group so that settlements and reports per group do not join
    through products on millions of lines.
    """

    sale = models.ForeignKey(
        Sale, on_delete=models.PROTECT, related_name="lines", verbose_name=_("penjualan")
    )
    product = models.ForeignKey(
        "groups.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("produk")
    )
    group = models.ForeignKey(
        "groups.IkmGroup", on_delete=models.PROTECT, related_name="+", verbose_name=_("kelompok")
    )
    quantity = models.PositiveIntegerField(_("jumlah"))
    unit_price = models.DecimalField(_("harga satuan (Rp)"), **MONEY)
    consignment_price = models.DecimalField(_("harga titip (Rp)"), **MONEY)
    line_total = models.DecimalField(_("subtotal (Rp)"), **MONEY)

    objects = SaleLineQuerySet.as_manager()

    class Meta:
        ordering = ["sale", "id"]
        verbose_name = _("baris penjualan")
        verbose_name_plural = _("baris penjualan")
        indexes = [models.Index(fields=["group", "sale"]), models.Index(fields=["product"])]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="sale_line_quantity_positive"),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0) & Q(consignment_price__gte=0),
                name="sale_line_prices_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(line_total=models.F("quantity") * models.F("unit_price")),
                name="sale_line_total_matches",
            ),
        ]

    def __str__(self):
        return f"{self.sale} · {self.product} × {self.quantity}"


class _MonthlySales(models.Model):
    """What both monthly sales summaries hold (``marketing.summary`` keeps them)."""

    month = models.DateField(_("bulan"))  # the first day of the business month
    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, related_name="+", verbose_name=_("gerai")
    )
    quantity = models.BigIntegerField(_("jumlah terjual"), default=0)
    amount = models.DecimalField(_("nilai jual (Rp)"), default=0, max_digits=18, decimal_places=0)
    consignment = models.DecimalField(
        _("nilai titip (Rp)"), default=0, max_digits=18, decimal_places=0
    )
    lines = models.BigIntegerField(_("baris penjualan"), default=0)

    class Meta:
        abstract = True


class SalesMonthQuerySet(_TradeQuerySet):
    pass


class SalesMonth(_MonthlySales):
    """Completed sales of one product of one group at one outlet in one month.

    A summary kept by the write path: ``marketing.services.trade.sale_record`` adds a receipt's
    lines and ``sale_void`` takes them off again, in the transaction of the sale, so it always
    equals the non-voided sale lines grouped this way (``marketing.summary.rebuild`` recomputes it
    from the lines after a bulk load). Dashboards and readiness sum a few thousand of these rows
    for a year instead of every line (docs/PERFORMANCE.md).
    """

    group = models.ForeignKey(
        "groups.IkmGroup", on_delete=models.PROTECT, related_name="+", verbose_name=_("kelompok")
    )
    product = models.ForeignKey(
        "groups.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("produk")
    )

    objects = SalesMonthQuerySet.as_manager()

    class Meta:
        verbose_name = _("ringkasan penjualan bulanan")
        verbose_name_plural = _("ringkasan penjualan bulanan")
        indexes = [
            models.Index(fields=["month", "outlet"], name="sales_month_month_outlet"),
            models.Index(fields=["group", "month"], name="sales_month_group_month"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "outlet", "product", "group"], name="sales_month_unique"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=0) & Q(amount__gte=0) & Q(consignment__gte=0),
                name="sales_month_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} · {self.outlet_id} · {self.product_id}"


class OutletSalesMonthQuerySet(_TradeQuerySet):
    group_path = None


class OutletSalesMonth(_MonthlySales):
    """Completed sales of one outlet in one month: ``SalesMonth`` summed over groups and
    products, kept alongside it by the same write path.

    The figures of a dashboard that is not narrowed to some groups (officials, Perusda, clerks)
    are sums of these: a year of 200 outlets is 2,400 rows whatever the trade.
    """

    objects = OutletSalesMonthQuerySet.as_manager()

    class Meta:
        verbose_name = _("ringkasan penjualan bulanan gerai")
        verbose_name_plural = _("ringkasan penjualan bulanan gerai")
        constraints = [
            models.UniqueConstraint(fields=["month", "outlet"], name="outlet_sales_month_unique"),
            models.CheckConstraint(
                condition=Q(quantity__gte=0) & Q(amount__gte=0) & Q(consignment__gte=0),
                name="outlet_sales_month_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} · {self.outlet_id}"


class DailyClosingQuerySet(_TradeQuerySet):
    group_path = None


class DailyClosing(models.Model):
    """An outlet's day closed: expected vs counted cash. A closed day takes no more writes."""

    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, related_name="closings", verbose_name=_("gerai")
    )
    business_date = models.DateField(_("tanggal"))
    sales_count = models.PositiveIntegerField(_("jumlah struk"))
    cash_expected = models.DecimalField(_("kas seharusnya (Rp)"), **MONEY)
    cash_counted = models.DecimalField(_("kas dihitung (Rp)"), **MONEY)
    difference = models.DecimalField(_("selisih (Rp)"), **MONEY)
    note = models.TextField(_("catatan"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ditutup oleh"),
    )
    closed_at = models.DateTimeField(_("ditutup pada"), default=timezone.now)

    history = HistoricalRecords()
    objects = DailyClosingQuerySet.as_manager()

    class Meta:
        ordering = ["-business_date", "outlet"]
        verbose_name = _("tutup harian")
        verbose_name_plural = _("tutup harian")
        indexes = [models.Index(fields=["business_date", "outlet"], name="closing_list_order")]
        constraints = [
            models.UniqueConstraint(
                fields=["outlet", "business_date"], name="closing_one_per_outlet_day"
            ),
            models.CheckConstraint(
                condition=Q(cash_counted__gte=0), name="closing_cash_counted_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(difference=models.F("cash_counted") - models.F("cash_expected")),
                name="closing_difference_matches",
            ),
        ]

    def __str__(self):
        return f"{self.outlet} {self.business_date}"


class StockReturnQuerySet(_TradeQuerySet):
    pass


class StockReturn(models.Model):
    """Unsold, expired or damaged goods taken back by the group from an outlet."""

    class Reason(models.TextChoices):
        UNSOLD = "unsold", _("Tidak laku")
        EXPIRED = "expired", _("Kedaluwarsa")
        DAMAGED = "damaged", _("Rusak")
        OTHER = "other", _("Lainnya")

    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, related_name="returns", verbose_name=_("gerai")
    )
    group = models.ForeignKey(
        "groups.IkmGroup",
        on_delete=models.PROTECT,
        related_name="returns",
        verbose_name=_("kelompok"),
    )
    returned_on = models.DateField(_("tanggal retur"), default=timezone.localdate)
    reason = models.CharField(_("alasan"), max_length=10, choices=Reason.choices)
    note = models.TextField(_("catatan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    history = HistoricalRecords()
    objects = StockReturnQuerySet.as_manager()

    class Meta:
        ordering = ["-returned_on", "-id"]
        verbose_name = _("retur ke kelompok")
        verbose_name_plural = _("retur ke kelompok")

    def __str__(self):
        return f"{self.group} ← {self.outlet} {self.returned_on}"


class StockReturnLineQuerySet(_TradeQuerySet):
    outlet_path = "stock_return__outlet"
    group_path = "stock_return__group"


class StockReturnLine(models.Model):
    stock_return = models.ForeignKey(
        StockReturn, on_delete=models.PROTECT, related_name="lines", verbose_name=_("retur")
    )
    product = models.ForeignKey(
        "groups.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("produk")
    )
    quantity = models.PositiveIntegerField(_("jumlah"))

    objects = StockReturnLineQuerySet.as_manager()

    class Meta:
        ordering = ["stock_return", "id"]
        verbose_name = _("baris retur")
        verbose_name_plural = _("baris retur")
        constraints = [
            models.UniqueConstraint(
                fields=["stock_return", "product"], name="return_line_one_per_product"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="return_line_quantity_positive"
            ),
        ]

    def __str__(self):
        return f"{self.stock_return} · {self.product} × {self.quantity}"


class SettlementQuerySet(_TradeQuerySet):
    outlet_path = None

    def visible_to(self, user):
        if (
            user.is_authenticated
            and roles.is_clerk(user)
            and not (roles.is_official(user) or roles.is_perusda(user))
        ):
            return self.none()
        return super().visible_to(user)

    def overdue(self, day=None):
        day = day or timezone.localdate()
        # Nothing is owed on a month that sold nothing, so it cannot be late.
        return self.filter(status=Settlement.Status.DUE, due_on__lt=day, amount_due__gt=0)


class Settlement(models.Model):
    """What Perusda owes a group for its consigned goods sold in one month, and its payment."""

    class Status(models.TextChoices):
        DUE = "due", _("Belum dibayar")
        PAID = "paid", _("Dibayar")

    group = models.ForeignKey(
        "groups.IkmGroup",
        on_delete=models.PROTECT,
        related_name="settlements",
        verbose_name=_("kelompok"),
    )
    month = models.DateField(_("bulan"), help_text=_("Hari pertama bulan."))
    quantity_sold = models.PositiveIntegerField(_("jumlah terjual"), default=0)
    gross_amount = models.DecimalField(_("nilai titip terjual (Rp)"), **MONEY)
    deductions = models.DecimalField(_("potongan (Rp)"), default=0, **MONEY)
    amount_due = models.DecimalField(_("jumlah dibayar ke kelompok (Rp)"), **MONEY)
    due_on = models.DateField(_("jatuh tempo"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DUE
    )
    paid_on = models.DateField(_("tanggal bayar"), null=True, blank=True)
    payment_reference = models.CharField(_("referensi pembayaran"), max_length=60, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibayar oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    history = HistoricalRecords()
    # In the audit trail with every change, changed or not: a payment's entry shows how much.
    audit_context_fields = ("amount_due",)
    objects = SettlementQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "group"]
        verbose_name = _("pembayaran ke kelompok")
        verbose_name_plural = _("pembayaran ke kelompok")
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["month", "group"], name="settlement_list_order"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["group", "month"], name="settlement_one_per_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="settlement_month_first_day"),
            models.CheckConstraint(
                condition=Q(amount_due=models.F("gross_amount") - models.F("deductions")),
                name="settlement_amount_matches",
            ),
            models.CheckConstraint(
                condition=Q(status="due", paid_on__isnull=True)
                | Q(status="paid", paid_on__isnull=False),
                name="settlement_paid_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.group} {self.month:%Y-%m}"

    def days_overdue(self, day=None) -> int:
        day = day or timezone.localdate()
        if self.status != self.Status.DUE or self.due_on >= day:
            return 0
        return (day - self.due_on).days


class SettlementLine(models.Model):
    """A settlement's share per outlet."""

    settlement = models.ForeignKey(
        Settlement, on_delete=models.PROTECT, related_name="lines", verbose_name=_("pembayaran")
    )
    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, related_name="+", verbose_name=_("gerai")
    )
    quantity_sold = models.PositiveIntegerField(_("jumlah terjual"))
    amount = models.DecimalField(_("nilai titip (Rp)"), **MONEY)

    class Meta:
        ordering = ["settlement", "outlet"]
        verbose_name = _("rincian pembayaran")
        verbose_name_plural = _("rincian pembayaran")
        constraints = [
            models.UniqueConstraint(
                fields=["settlement", "outlet"], name="settlement_line_one_per_outlet"
            ),
        ]

    def __str__(self):
        return f"{self.settlement} · {self.outlet}"
