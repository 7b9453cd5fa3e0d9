from django.contrib import admin

from resultat.public.models import AccessibilityReport


@admin.register(AccessibilityReport)
class AccessibilityReportAdmin(admin.ModelAdmin):
    list_display = ("created_at", "page_url", "email", "mailed_to")
    readonly_fields = ("created_at", "mailed_to", "mail_error")
    search_fields = ("description", "page_url", "email")
