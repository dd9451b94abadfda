from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from groups.models import IkmGroup, Kecamatan, Kelurahan, LegalDocument, Member, Product, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "kbli"]
    search_fields = ["code", "name"]


@admin.register(Kecamatan)
class KecamatanAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Kelurahan)
class KelurahanAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kecamatan"]
    list_filter = ["kecamatan"]
    search_fields = ["code", "name"]


@admin.register(IkmGroup)
class IkmGroupAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "theme", "kelurahan", "stage", "is_active"]
    list_filter = ["stage", "theme", "is_active"]
    search_fields = ["code", "name"]
    list_select_related = ["theme", "kelurahan"]


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ["name", "group", "position", "sex", "left_on"]
    list_filter = ["position", "sex"]
    search_fields = ["name", "group__code"]
    list_select_related = ["group"]
    raw_id_fields = ["group"]


@admin.register(Product)
class ProductAdmin(SimpleHistoryAdmin):
    list_display = ["name", "group", "unit", "base_price", "is_active"]
    search_fields = ["name", "group__code"]
    list_select_related = ["group"]
    raw_id_fields = ["group"]


@admin.register(LegalDocument)
class LegalDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["group", "kind", "number", "issued_on", "expires_on"]
    list_filter = ["kind"]
    list_select_related = ["group"]
    raw_id_fields = ["group"]
