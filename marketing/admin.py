from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from marketing.models import Outlet, OutletStaff, Regency


@admin.register(Regency)
class RegencyAdmin(admin.ModelAdmin):
    list_display = ["code", "bps_code", "name", "kind", "capital"]


@admin.register(Outlet)
class OutletAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "regency", "is_active"]
    list_filter = ["regency", "is_active"]
    list_select_related = ["regency"]


@admin.register(OutletStaff)
class OutletStaffAdmin(SimpleHistoryAdmin):
    list_display = ["user", "outlet", "starts_on", "ends_on"]
    list_select_related = ["user", "outlet"]
    raw_id_fields = ["user"]
