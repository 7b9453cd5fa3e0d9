from django.contrib import admin

from resultat.followup import models


@admin.register(models.Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    filter_horizontal = ("editors",)
    search_fields = ("name", "code")


@admin.register(models.ContactPerson)
class ContactPersonAdmin(admin.ModelAdmin):
    list_display = ("name", "title", "email", "phone", "unit")
    list_filter = ("unit",)
    search_fields = ("name", "email")


class PlacementInline(admin.TabularInline):
    model = models.AreaPlacement
    extra = 0


@admin.register(models.StrategicArea)
class StrategicAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "active")
    filter_horizontal = ("units", "contacts", "subpriorities")
    inlines = [PlacementInline]
    search_fields = ("name", "code")


@admin.register(models.Chapter)
class ChapterAdmin(admin.ModelAdmin):
    list_display = ("title", "code", "version", "order")
    list_filter = ("version",)


class QuestionInline(admin.StackedInline):
    model = models.Question
    extra = 0


@admin.register(models.QuestionSet)
class QuestionSetAdmin(admin.ModelAdmin):
    inlines = [QuestionInline]


@admin.register(models.StandingArena)
class StandingArenaAdmin(admin.ModelAdmin):
    list_display = ("name", "convenor", "frequency")
    search_fields = ("name",)


@admin.register(models.Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ("year", "version", "state", "submit_by")
    filter_horizontal = ("reviewers",)
    readonly_fields = ("state", "published_at")
