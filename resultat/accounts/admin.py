from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from resultat.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (("Resultat", {"fields": ("title", "phone")}),)
    list_display = ("username", "first_name", "last_name", "email", "is_active", "roles_display")

    @admin.display(description="Roller")
    def roles_display(self, obj: User) -> str:
        return ", ".join(obj.role_labels)
