from django.contrib import admin

from resultat.reports.models import ReportEdition


@admin.register(ReportEdition)
class ReportEditionAdmin(admin.ModelAdmin):
    list_display = ["cycle", "number", "content_hash", "created_at"]
    readonly_fields = ["cycle", "number", "data", "content_hash", "created_at", "created_by"]
