"""What marketing adds to the site's registries: menu sections, group panels, timeline."""

from django.utils.translation import gettext_lazy as _

from palu_ikm import navigation, roles


def register_money() -> None:
    """Outlets, prices, settlements and reports."""
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
