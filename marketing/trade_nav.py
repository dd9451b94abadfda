"""Menu sections of the trade at the outlets (registered from ``MarketingConfig.ready``)."""

from django.utils.translation import gettext_lazy as _

from core import navigation, roles


def register() -> None:
    readers = frozenset({roles.CLERK, roles.PERUSDA, roles.OFFICIAL})
    for section in (
        navigation.Section(
            _("Kasir"), "marketing:counter_start", "bi-cart", frozenset({roles.CLERK}), order=50
        ),
        navigation.Section(_("Penjualan"), "marketing:sale_list", "bi-receipt", readers, order=52),
        navigation.Section(_("Stok"), "marketing:stock_list", "bi-box-seam", readers, order=54),
        navigation.Section(
            _("Pengiriman"), "marketing:delivery_list", "bi-truck", readers, order=56
        ),
        navigation.Section(
            _("Tutup harian"), "marketing:closing_list", "bi-journal-check", readers, order=58
        ),
    ):
        navigation.register(section)
