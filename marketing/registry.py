"""What marketing adds to the site's registries: menu sections, group panels, timeline."""

from django.utils.translation import gettext_lazy as _

from core import navigation, panels, roles, timeline


def register_money() -> None:
    """Outlets, prices, settlements and reports."""
    from marketing.panels import settlements_panel
    from marketing.timeline import sales_entries, settlement_entries

    timeline.register("marketing.sales", sales_entries)
    timeline.register("marketing.settlements", settlement_entries)

    Section = navigation.Section
    navigation.register(
        Section(
            _("Gerai"),
            "marketing:outlet_list",
            "bi-shop",
            frozenset({roles.OFFICIAL, roles.PERUSDA, roles.CLERK}),
            order=50,
        )
    )
    navigation.register(
        Section(
            _("Harga"),
            "marketing:price_list",
            "bi-tags",
            frozenset({roles.OFFICIAL, roles.PERUSDA, roles.MENTOR, roles.CLERK}),
            order=52,
        )
    )
    navigation.register(
        Section(
            _("Pembayaran"),
            "marketing:settlement_list",
            "bi-cash-coin",
            frozenset({roles.OFFICIAL, roles.PERUSDA, roles.MENTOR}),
            order=54,
        )
    )
    navigation.register(
        Section(
            _("Laporan"),
            "marketing:sales_report",
            "bi-bar-chart",
            frozenset({roles.OFFICIAL, roles.PERUSDA, roles.MENTOR, roles.CLERK}),
            order=56,
        )
    )
    panels.register(
        panels.Panel(
            name="marketing.settlements",
            title=_("Pembayaran titip jual"),
            template_name="marketing/_group_settlements_panel.html",
            context=settlements_panel,
            order=60,
        )
    )
