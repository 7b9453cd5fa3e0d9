from django.contrib import admin

from resultat.indicators import models


class LinkInline(admin.TabularInline):
    model = models.IndicatorLink
    extra = 0
    fields = ("kind", "strategy", "element_code", "sdg_goal", "order", "target_value", "target_year", "target_direction", "note")


@admin.register(models.Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("external_id", "title", "source", "unit", "direction", "has_gender_split", "title_verified", "synthetic")
    list_filter = ("source", "direction", "synthetic", "title_verified")
    search_fields = ("external_id", "title")
    inlines = [LinkInline]
    readonly_fields = ("synthetic", "updated_at")


@admin.register(models.IndicatorLink)
class IndicatorLinkAdmin(admin.ModelAdmin):
    list_display = ("indicator", "kind", "element_code", "sdg_goal", "target_value", "target_year", "set_name")
    list_filter = ("kind", "set_name")
    search_fields = ("indicator__external_id", "indicator__title", "element_code")
    autocomplete_fields = ("indicator",)


@admin.register(models.SourceResponse)
class SourceResponseAdmin(admin.ModelAdmin):
    list_display = ("source", "fetched_at", "status", "url", "synthetic")
    list_filter = ("source", "synthetic")
    readonly_fields = [f.name for f in models.SourceResponse._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(models.AssessmentOverride)
class AssessmentOverrideAdmin(admin.ModelAdmin):
    list_display = ("indicator", "status", "created_by", "created_at", "active")
    list_filter = ("status", "active")
    readonly_fields = ("created_by", "created_at")
