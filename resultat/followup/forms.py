from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy as pgettext

from resultat.followup.models import ContributionItem, Question, StandingArena
from resultat.reference.models import SdgGoal


class OpenCycleForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    version = forms.ChoiceField(label=_("Strategiversion"))
    carry_over = forms.BooleanField(label=_("Fyll i förra årets godkända texter (redaktören bekräftar eller skriver om)"), required=False)
    submit_by = forms.DateField(label=_("Sista dag för bidrag"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [(v.pk, f"{v.strategy.short_name or v.strategy.name}: {v.name}") for v in versions]


class DeadlinesForm(forms.Form):
    opens_on = forms.DateField(label=_("Öppnar"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    submit_by = forms.DateField(label=_("Sista dag för bidrag"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    review_by = forms.DateField(label=_("Granskning klar"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    publish_on = forms.DateField(label=_("Publicering"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class ContributionForm(forms.Form):
    body = forms.CharField(
        label=_("Text"),
        required=False,
        # data-rich-editor: resultat/static/js/editor.js puts its toolbar editor over the
        # textarea (which stays the field); the labels are its buttons' names.
        widget=forms.Textarea(
            attrs={
                "rows": 18,
                "aria-describedby": "format-help",
                "data-rich-editor": "",
                "data-label-toolbar": _("Formatering"),
                "data-label-heading": _("Rubrik"),
                "data-label-subheading": _("Underrubrik"),
                "data-label-paragraph": _("Vanligt stycke"),
                "data-label-bold": _("Fetstil"),
                "data-label-italic": _("Kursiv stil"),
                "data-label-bullets": _("Punktlista"),
                "data-label-numbers": _("Numrerad lista"),
                "data-label-link": _("Länk"),
                "data-label-link-prompt": _("Länkens adress (https://…)"),
                # the one-letter signs on the toolbar's buttons (the buttons' names are the labels above)
                "data-sign-heading": pgettext("verktygsfältets tecken för Rubrik", "R"),
                "data-sign-subheading": pgettext("verktygsfältets tecken för Underrubrik", "U"),
                "data-sign-bold": pgettext("verktygsfältets tecken för Fetstil", "F"),
                "data-sign-italic": pgettext("verktygsfältets tecken för Kursiv stil", "K"),
                "data-help-rich": _(
                    "Formatera med knapparna. Text som klistras in från Word eller webben rensas till stycken, "
                    "rubriker, fetstil, kursiv stil, listor och länkar."
                ),
            }
        ),
        max_length=200_000,
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput)


EXTRA_ITEM_ROWS = 3


TITLE_MAX = ContributionItem._meta.get_field("title").max_length


def parse_items(data, question: Question) -> tuple[list[dict], list[str]]:
    """Read the typed-list rows (items-N-field) posted by the edit form."""
    items, errors = [], []
    try:
        total = int(data.get("items-TOTAL", "0"))
    except ValueError:
        total = 0
    for i in range(min(total, 500)):
        prefix = f"items-{i}-"
        if data.get(prefix + "DELETE"):
            continue
        row = {
            "kind": data.get(prefix + "kind") or (question.item_kinds[0] if len(question.item_kinds) == 1 else ""),
            "title": (data.get(prefix + "title") or "").strip(),
            "text": (data.get(prefix + "text") or "").strip(),
            "sdg_goal": (data.get(prefix + "sdg_goal") or "").strip(),
            "sdg_target": (data.get(prefix + "sdg_target") or "").strip(),
            "arena": (data.get(prefix + "arena") or "").strip(),
        }
        if not any(row[k] for k in ("title", "text", "sdg_goal", "arena")):
            continue
        if len(row["title"]) > TITLE_MAX:  # the column's limit (PostgreSQL refuses longer: a 500)
            errors.append(_("Rad %(row)s: rubriken får vara högst %(max)s tecken.") % {"row": i + 1, "max": TITLE_MAX})
            continue
        if row["sdg_goal"]:
            goal = row["sdg_goal"]
            if not (len(goal) <= 2 and goal.isascii() and goal.isdigit() and 1 <= int(goal) <= 17):
                errors.append(_("Rad %(row)s: Agenda 2030-målet ska vara ett nummer 1–17.") % {"row": i + 1})
                continue
            row["sdg_goal"] = int(row["sdg_goal"])
        items.append(row)
    return items, errors


def item_choices():
    return {
        "goals": list(SdgGoal.objects.all()),
        "arenas": list(StandingArena.objects.all()),
    }
