"""The site's URLs plus a second admin site with a plain changelist of the sale lines."""

from django.contrib import admin
from django.urls import path

from palu_ikm.urls import handler500  # noqa: F401
from palu_ikm.urls import urlpatterns as site_urlpatterns

bench_admin = admin.AdminSite(name="benchadmin")

try:
    from marketing.models import SaleLine
except ImportError:  # an older checkout without sales
    SaleLine = None


if SaleLine is not None:

    @admin.register(SaleLine, site=bench_admin)
    class PlainSaleLineAdmin(admin.ModelAdmin):
        """What a developer gets in ten lines: newest lines first, filter by outlet."""

        list_display = ["id", "sale", "product", "quantity", "unit_price", "line_total"]
        list_filter = ["sale__outlet"]
        list_select_related = ["sale__outlet", "product"]
        ordering = ["-id"]


urlpatterns = [*site_urlpatterns, path("bench-admin/", bench_admin.urls)]
