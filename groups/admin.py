from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.formatting import format_year
from groups.models import (
    Equipment,
    EquipmentCheck,
    Handover,
    IkmGroup,
    Kecamatan,
    Kelurahan,
    LegalDocument,
    Member,
    Product,
    StageChange,
    Theme,
)


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


class EquipmentInline(admin.TabularInline):
    model = Equipment
    extra = 0
    fields = ["name", "category", "value", "mismatch", "condition", "in_use", "is_active"]
    readonly_fields = ["condition", "in_use"]


@admin.register(Handover)
class HandoverAdmin(SimpleHistoryAdmin):
    list_display = ["number", "group", "handed_over_on", "budget_source", "budget_year_label"]
    list_filter = ["budget_source", "budget_year"]
    search_fields = ["number", "group__code", "group__name"]
    list_select_related = ["group"]
    raw_id_fields = ["group"]
    inlines = [EquipmentInline]

    @admin.display(
        description=Handover._meta.get_field("budget_year").verbose_name, ordering="budget_year"
    )
    def budget_year_label(self, obj):
        return format_year(obj.budget_year)


@admin.register(Equipment)
class EquipmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "handover", "value", "condition", "in_use", "mismatch", "is_active"]
    list_filter = ["condition", "in_use", "mismatch", "is_active", "category"]
    search_fields = ["name", "serial_number", "handover__number", "handover__group__code"]
    list_select_related = ["handover"]
    raw_id_fields = ["handover"]
    # Written only by inspections (services.equipment_check_record).
    readonly_fields = ["condition", "in_use", "last_checked_on", "next_check_due"]


@admin.register(EquipmentCheck)
class EquipmentCheckAdmin(SimpleHistoryAdmin):
    list_display = ["equipment", "checked_on", "condition", "in_use", "next_check_due"]
    list_filter = ["condition", "in_use"]
    list_select_related = ["equipment"]
    raw_id_fields = ["equipment", "checked_by"]


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin):
    list_display = ["group", "from_stage", "to_stage", "changed_on", "decided_by", "automatic"]
    list_filter = ["to_stage", "automatic"]
    list_select_related = ["group", "decided_by"]

    def has_add_permission(self, request):
        return False  # the roadmap is changed through group_change_stage only

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
