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


TITLE_MAX = ContributionItem._meta.get_field("title").max_length
# The initiative register's model (the initiatives app is a layer above: reached through the field).
Initiative = ContributionItem._meta.get_field("initiative").related_model

ITEM_FIELDS = ("title", "text", "sdg_goal", "sdg_target", "arena", "initiative_name")
# The "Lägg till …" button's text per kind of typed item.
ADD_LABELS = {
    Question.ItemKind.ENVIRONMENT_FACTOR: _("Lägg till omvärldsfaktor"),
    Question.ItemKind.ACTIVITY: _("Lägg till aktivitet"),
    Question.ItemKind.ARENA: _("Lägg till samverkansyta"),
    Question.ItemKind.SDG: _("Lägg till Agenda 2030-mål"),
    Question.ItemKind.INITIATIVE: _("Lägg till insats"),
}


def _posted_row(data, i: int, question: Question) -> dict | None:
    """The typed-list row number ``i`` as posted, or None when it was removed."""
    prefix = f"items-{i}-"
    if data.get(prefix + "DELETE"):
        return None
    row = {"kind": data.get(prefix + "kind") or (question.item_kinds[0] if len(question.item_kinds) == 1 else "")}
    for name in ITEM_FIELDS:
        row[name] = (data.get(prefix + name) or "").strip()
    return row


def _is_empty(row: dict) -> bool:
    return not any(row[k] for k in ("title", "text", "sdg_goal", "sdg_target", "arena", "initiative_name"))


def _check_sdg(row: dict) -> str | None:
    """Fill the goal from a picked target (9.5 → 9); the error, if the goal is no goal."""
    goal, target = row["sdg_goal"], row["sdg_target"]
    if not goal and target:
        goal = row["sdg_goal"] = target.split(".", 1)[0]
    if goal and not (len(goal) <= 2 and goal.isascii() and goal.isdigit() and 1 <= int(goal) <= 17):
        return _("Agenda 2030-målet ska vara ett nummer 1–17.")
    if goal:
        row["sdg_goal"] = int(goal)
    return None


def initiative_choices():
    """The register's confirmed initiatives (candidates from a report import have no page)."""
    return Initiative.objects.filter(review_status=Initiative.Review.CONFIRMED).order_by("name").only("code", "name", "acronym")


def _match_initiative(row: dict) -> str | None:
    """Set ``row["initiative"]`` (its code) from the typed or picked name; the error if none matches."""
    typed = row["initiative_name"]
    row["initiative"] = ""
    if not typed:
        return None
    found = list(initiative_choices().filter(name__iexact=typed)[:2]) or list(initiative_choices().filter(code=typed)[:1])
    if not found:
        return _("Ingen insats i registret heter ”%(name)s”. Välj en insats ur listan, eller töm fältet och skriv bara rubrik och text.") % {"name": typed}
    if len(found) > 1:
        return _("Flera insatser i registret heter ”%(name)s”. Skriv insatsens kod (%(codes)s).") % {"name": typed, "codes": ", ".join(i.code for i in initiative_choices().filter(name__iexact=typed))}
    row["initiative"], row["initiative_name"] = found[0].code, found[0].name
    return None


def _row_error(row: dict) -> str | None:
    if len(row["title"]) > TITLE_MAX:  # the column's limit (PostgreSQL refuses longer: a 500)
        return _("Rubriken får vara högst %(max)s tecken.") % {"max": TITLE_MAX}
    if row["kind"] == Question.ItemKind.SDG or row["sdg_goal"]:
        return _check_sdg(row)
    if row["kind"] == Question.ItemKind.INITIATIVE:
        return _match_initiative(row)
    return None


# The most typed-list rows one contribution takes (the 2025 edition's largest has 12).
MAX_ITEM_ROWS = 100


def parse_items(data, question: Question, *, keep_empty: bool = False) -> tuple[list[dict], list[str]]:
    """Read the typed-list rows (items-N-field) posted by the edit form.

    Empty rows are left out unless ``keep_empty`` (the form shown again after "Lägg till"
    or "Ta bort", which keeps every row where the editor left it). A row with an error
    keeps its message under ``row["error"]``; the messages are also returned."""
    items, errors = [], []
    try:
        total = int(data.get("items-TOTAL", "0"))
    except ValueError:
        total = 0
    if total > MAX_ITEM_ROWS:
        errors.append(_("Högst %(n)s poster får plats i ett bidrag.") % {"n": MAX_ITEM_ROWS})
    # Only rows the form really posted: a bare items-TOTAL makes no rows (each row draws
    # a select of all 169 targets, so empty rows were a cheap way to a huge page).
    posted = {key.split("-", 2)[1] for key in data if key.startswith("items-") and key.count("-") >= 2}
    for i in range(min(max(total, 0), MAX_ITEM_ROWS)):
        if str(i) not in posted:
            continue
        row = _posted_row(data, i, question)
        if row is None or (_is_empty(row) and not keep_empty):
            continue
        row["index"] = i
        error = None if _is_empty(row) else _row_error(row)
        if error:
            row["error"] = error
            errors.append(_("Rad %(row)s: %(error)s") % {"row": len(items) + 1, "error": error})
        items.append(row)
    return items, errors


def item_rows_of(contribution) -> list[dict]:
    """The saved typed items as the form's rows. A linked initiative's title that is just
    its name is left out of the row (so picking another initiative names the item anew)."""
    return [
        {"kind": i.kind, "title": "" if i.initiative_id and i.title == i.initiative.name else i.title, "text": i.text, "sdg_goal": i.sdg_goal.number if i.sdg_goal_id else "",
         "sdg_target": i.sdg_target.code if i.sdg_target_id else "", "arena": i.arena.code if i.arena_id else "",
         "initiative": i.initiative.code if i.initiative_id else "", "initiative_name": i.initiative.name if i.initiative_id else ""}
        for i in contribution.items.all()
    ]


def item_choices(kinds=()):
    """What the typed lists' pick-lists offer: only what the question's kinds need."""
    choices: dict = {"goals": [], "arenas": [], "initiatives": []}
    if Question.ItemKind.SDG in kinds:
        choices["goals"] = list(SdgGoal.objects.prefetch_related("targets"))
    if Question.ItemKind.ARENA in kinds:
        choices["arenas"] = list(StandingArena.objects.all())
    if Question.ItemKind.INITIATIVE in kinds:
        choices["initiatives"] = list(initiative_choices())
    return choices
