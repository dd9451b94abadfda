from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from mentoring.models import (
    Apprenticeship,
    Bank,
    BankTheme,
    BookkeepingReport,
    CreditApplication,
    CreditScheme,
    FollowUp,
    MentorAssignment,
    MentoringSession,
    ReadinessRule,
    SessionAttachment,
    SessionTopic,
    Training,
    TrainingEvent,
    TrainingParticipant,
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


# --- banks per theme, trainings and apprenticeships ---


@admin.register(BankTheme)
class BankThemeAdmin(SimpleHistoryAdmin):
    list_display = ["theme", "bank", "starts_on", "ends_on"]
    list_filter = ["bank"]
    list_select_related = ["theme", "bank"]


@admin.register(Training)
class TrainingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "is_active"]
    filter_horizontal = ["themes"]


class ParticipantInline(admin.TabularInline):
    model = TrainingParticipant
    extra = 0
    raw_id_fields = ["member"]
    readonly_fields = ["certificate_code", "certificate_issued_on"]


@admin.register(TrainingEvent)
class TrainingEventAdmin(SimpleHistoryAdmin):
    list_display = ["training", "starts_on", "ends_on", "place", "capacity"]
    list_select_related = ["training"]
    date_hierarchy = "starts_on"
    filter_horizontal = ["themes"]
    inlines = [ParticipantInline]


@admin.register(Apprenticeship)
class ApprenticeshipAdmin(SimpleHistoryAdmin):
    list_display = ["member", "host_name", "host_region", "starts_on", "ends_on"]
    list_select_related = ["member"]
    date_hierarchy = "starts_on"
    raw_id_fields = ["member"]


# --- credit ----------------------------------------------------------------------------------


@admin.register(CreditScheme)
class CreditSchemeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "bank", "min_amount", "max_amount", "is_active"]
    list_filter = ["bank", "is_active"]


@admin.register(CreditApplication)
class CreditApplicationAdmin(SimpleHistoryAdmin):
    """Read-mostly: statuses move through the site's pages, which enforce the transitions."""

    list_display = ["group", "bank", "scheme", "amount_requested", "status", "submitted_on"]
    list_filter = ["status", "bank", "scheme"]
    list_select_related = ["group", "bank", "scheme"]
    raw_id_fields = ["group", "recorded_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReadinessRule)
class ReadinessRuleAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "months_running",
        "consecutive_verified_reports",
        "profitable_months",
        "profit_window_months",
        "session_within_months",
        "npwp_loan_threshold",
    ]

    def has_add_permission(self, request):
        return not ReadinessRule.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
