from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from resultat.accounts import throttle
from resultat.accounts.models import LoginThrottle, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (("Resultat", {"fields": ("title", "phone")}),)
    list_display = ("username", "first_name", "last_name", "email", "is_active", "roles_display", "locked_display")
    actions = ["unlock_logins"]

    @admin.display(description="Roller")
    def roles_display(self, obj: User) -> str:
        return ", ".join(obj.role_labels)

    @admin.display(description=_("Inloggning spärrad"), boolean=True)
    def locked_display(self, obj: User) -> bool:
        return throttle.current_lock(obj.username, "") is not None

    @admin.action(description=_("Lås upp inloggningen för markerade användare"))
    def unlock_logins(self, request, queryset):
        count = sum(throttle.unlock(user.username) for user in queryset)
        self.message_user(request, ngettext("%d användare upplåst.", "%d användare upplåsta.", count) % count, messages.SUCCESS)


@admin.register(LoginThrottle)
class LoginThrottleAdmin(admin.ModelAdmin):
    list_display = ("kind", "key", "failures", "last_failure", "locked_until", "is_locked")
    list_filter = ("kind",)
    search_fields = ("key",)
    readonly_fields = ("kind", "key", "failures", "window_start", "last_failure", "locked_until")
    actions = ["unlock"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("Spärrad nu"), boolean=True)
    def is_locked(self, obj: LoginThrottle) -> bool:
        return bool(obj.locked_until and obj.locked_until > timezone.now())

    @admin.action(description=_("Lås upp (radera räknaren)"))
    def unlock(self, request, queryset):
        count, _ = queryset.delete()
        self.message_user(request, ngettext("%d spärr borttagen.", "%d spärrar borttagna.", count) % count, messages.SUCCESS)
