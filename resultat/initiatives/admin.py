from django.contrib import admin

from resultat.initiatives.models import (
    Company,
    FundingDecision,
    FundingProgramme,
    FundingSource,
    ImportBatch,
    Initiative,
    InitiativeEdit,
    InitiativeSubPriority,
    InriktningAssessment,
    Result,
    ResultPeriod,
    SdgImpact,
)


class SubPriorityInline(admin.TabularInline):
    model = InitiativeSubPriority
    extra = 0
    autocomplete_fields = ()


class AssessmentInline(admin.TabularInline):
    model = InriktningAssessment
    extra = 0


class ImpactInline(admin.TabularInline):
    model = SdgImpact
    extra = 0


class ResultInline(admin.TabularInline):
    model = Result
    extra = 0
    show_change_link = True


class EditInline(admin.TabularInline):
    model = InitiativeEdit
    extra = 0
    can_delete = False
    readonly_fields = ("revision", "author", "at", "changes", "note")


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "status", "synthetic")
    list_filter = ("kind", "status", "synthetic")
    search_fields = ("name", "code", "description", "external_id", "diarienummer")
    filter_horizontal = ("areas", "municipalities")
    inlines = [SubPriorityInline, AssessmentInline, ImpactInline, ResultInline, EditInline]


class PeriodInline(admin.TabularInline):
    model = ResultPeriod
    extra = 0


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ("indicator", "initiative", "unit")
    inlines = [PeriodInline]


@admin.register(FundingDecision)
class FundingDecisionAdmin(admin.ModelAdmin):
    list_display = ("external_id", "decision_date", "programme", "granted_amount", "initiative", "company", "synthetic")
    list_filter = ("programme", "synthetic")
    search_fields = ("external_id", "diarienummer", "initiative__name", "company__name", "company__org_nr")
    raw_id_fields = ("initiative", "company", "batch")


admin.site.register(FundingSource)
admin.site.register(FundingProgramme)
admin.site.register(Company, search_fields=("name", "org_nr"))


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ("filename", "created_at", "state", "uploaded_by")
    exclude = ("data",)
    readonly_fields = ("filename", "checksum", "uploaded_by", "state", "summary", "errors", "imported_at")
