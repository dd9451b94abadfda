from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from program.models import ProgramTarget


@admin.register(ProgramTarget)
class ProgramTargetAdmin(SimpleHistoryAdmin):
    list_display = ["year", "metric", "value", "set_by", "updated_at"]
    list_filter = ["year", "metric"]
