"""Admin for administrators to edit strategy elements. Every change is recorded in
the admin's history (who, when, which fields), shown under "Historik". Two
administrators saving the same element: the second gets a conflict, not a lost
update (resultat/security/admin_locking.py)."""

from django.contrib import admin

from resultat.security.admin_locking import OptimisticLockMixin
from resultat.strategy import models


class VersionFilterMixin:
    list_filter = ("version",)
    search_fields = ("code", "title")


class RelatedPlanInline(admin.TabularInline):
    model = models.RelatedPlan
    extra = 0


class ChallengeInline(admin.StackedInline):
    model = models.Challenge
    extra = 0
    fields = ("code", "label", "order", "text")


class NeedInline(admin.StackedInline):
    model = models.Need
    extra = 0
    fields = ("code", "label", "order", "challenge", "title", "text")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "challenge" and getattr(request, "_subpriority", None) is not None:
            kwargs["queryset"] = models.Challenge.objects.filter(subpriority=request._subpriority)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PerspectiveTextInline(admin.StackedInline):
    model = models.SubPriorityPerspective
    extra = 0


class MappingInline(admin.TabularInline):
    model = models.VersionMapping
    extra = 0


@admin.register(models.Region)
class RegionAdmin(OptimisticLockMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "area")


@admin.register(models.Strategy)
class StrategyAdmin(OptimisticLockMixin, admin.ModelAdmin):
    list_display = ("name", "code", "region", "period_start", "period_end")


@admin.register(models.StrategyVersion)
class StrategyVersionAdmin(OptimisticLockMixin, admin.ModelAdmin):
    list_display = ("name", "code", "strategy", "status", "valid_from", "loaded_at")
    list_filter = ("strategy", "status")
    readonly_fields = ("content_hash", "loaded_at")
    inlines = [MappingInline]


@admin.register(models.OverallGoal)
class OverallGoalAdmin(OptimisticLockMixin, VersionFilterMixin, admin.ModelAdmin):
    list_display = ("code", "title", "version")
    filter_horizontal = ("sdg_goals", "sdg_targets", "framework_items")


@admin.register(models.Perspective)
class PerspectiveAdmin(OptimisticLockMixin, VersionFilterMixin, admin.ModelAdmin):
    list_display = ("code", "title", "version")


@admin.register(models.Priority)
class PriorityAdmin(OptimisticLockMixin, VersionFilterMixin, admin.ModelAdmin):
    list_display = ("number", "title", "code", "version")
    filter_horizontal = ("sdg_goals", "sdg_targets", "framework_items")
    inlines = [RelatedPlanInline]


@admin.register(models.SubPriority)
class SubPriorityAdmin(OptimisticLockMixin, VersionFilterMixin, admin.ModelAdmin):
    list_display = ("number", "title", "code", "priority", "version")
    list_filter = ("version", "priority")
    filter_horizontal = ("sdg_goals", "sdg_targets", "framework_items")
    inlines = [ChallengeInline, NeedInline, PerspectiveTextInline]

    def get_form(self, request, obj=None, **kwargs):
        request._subpriority = obj
        return super().get_form(request, obj, **kwargs)
