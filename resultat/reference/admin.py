from django.contrib import admin

from resultat.reference import models


class TargetInline(admin.TabularInline):
    model = models.SdgTarget
    extra = 0


@admin.register(models.SdgGoal)
class SdgGoalAdmin(admin.ModelAdmin):
    list_display = ("number", "name_sv", "name_en", "colour")
    inlines = [TargetInline]


@admin.register(models.Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ("name", "code")


@admin.register(models.FrameworkItem)
class FrameworkItemAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "framework")
    list_filter = ("framework",)


@admin.register(models.Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("code", "kolada_code", "name", "kind", "parent", "population")
    list_filter = ("kind",)
    search_fields = ("name", "code")
