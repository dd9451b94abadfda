from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketingConfig(AppConfig):
    name = "marketing"
    verbose_name = _("Pemasaran")

    def ready(self):
        from marketing import trade_nav
        from marketing.registry import register_money

        register_money()
        trade_nav.register()
