from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from mentoring.models import (
    Bank,
    BookkeepingReport,
    FollowUp,
    MentorAssignment,
    MentoringSession,
    SessionAttachment,
    SessionTopic,
)


@admin.register(Bank)
class BankAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_active"]


@admin.register(MentorAssignment)
class MentorAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["mentor", "bank", "group", "starts_on", "ends_on"]
    list_filter = ["bank"]
    list_select_related = ["mentor", "bank", "group"]
    raw_id_fields = ["group", "mentor"]


# --- sessions and bookkeeping -----------------------------------------------------------------


class SessionTopicInline(admin.TabularInline):
    model = SessionTopic
    extra = 0


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0


class SessionAttachmentInline(admin.TabularInline):
    model = SessionAttachment
    extra = 0
    raw_id_fields = ["uploaded_by"]


@admin.register(MentoringSession)
class MentoringSessionAdmin(SimpleHistoryAdmin):
    list_display = ["group", "held_on", "mentor", "status"]
    list_filter = ["status"]
    list_select_related = ["group", "mentor"]
    date_hierarchy = "held_on"
    raw_id_fields = ["group", "mentor", "reviewed_by"]
    filter_horizontal = ["attendees"]
    inlines = [SessionTopicInline, FollowUpInline, SessionAttachmentInline]


@admin.register(BookkeepingReport)
class BookkeepingReportAdmin(SimpleHistoryAdmin):
    list_display = ["group", "month", "revenue", "profit", "equity", "verified_at"]
    list_select_related = ["group"]
    date_hierarchy = "month"
    raw_id_fields = ["group", "entered_by", "verified_by"]
    readonly_fields = ["profit", "equity"]
