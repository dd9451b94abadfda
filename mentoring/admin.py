from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from mentoring.models import Bank, MentorAssignment


@admin.register(Bank)
class BankAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_active"]


@admin.register(MentorAssignment)
class MentorAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["mentor", "bank", "group", "starts_on", "ends_on"]
    list_filter = ["bank"]
    list_select_related = ["mentor", "bank", "group"]
    raw_id_fields = ["group", "mentor"]
