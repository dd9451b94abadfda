from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.formatting import format_year
from program.models import ProgramTarget


@admin.register(ProgramTarget)
class ProgramTargetAdmin(SimpleHistoryAdmin):
    list_display = ["target_year", "metric", "value", "set_by", "updated_at"]
    list_filter = ["year", "metric"]

    @admin.display(description=ProgramTarget._meta.get_field("year").verbose_name, ordering="year")
    def target_year(self, obj):
        return format_year(obj.year)
