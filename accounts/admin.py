from django.contrib import admin

from accounts.models import LoginEvent, Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "phone", "bank", "must_change_password", "updated_at"]
    list_filter = ["must_change_password", "bank"]
    list_select_related = ["user", "bank"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "phone"]
    raw_id_fields = ["user", "created_by"]


@admin.register(LoginEvent)
class LoginEventAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "ip_address", "user_agent"]
    list_select_related = ["user"]
    search_fields = ["user__username", "ip_address"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
