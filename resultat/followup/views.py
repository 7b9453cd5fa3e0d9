"""Pages of the follow-up: cycles (analyst), my tasks (editor), review queue
(reviewer), the contribution page, and the published texts (public).

Every action is a plain form POST that works without JavaScript; htmx only
autosaves drafts. Views call services for writes and selectors for reads.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from resultat.core.markup import html_to_markup, markup_to_html
from resultat.core.richtext import word_count
from resultat.core.textdiff import diff_html
from resultat.followup import permissions, selectors, services, visibility
from resultat.followup.forms import (
    ADD_LABELS,
    MAX_ITEM_ROWS,
    ContributionForm,
    DeadlinesForm,
    OpenCycleForm,
    item_choices,
    item_rows_of,
    parse_items,
)
from resultat.followup.models import Contribution, Cycle, Question, QuestionSet
from resultat.infrastructure.caching import public_page
from resultat.security.nul import FORM_MESSAGE as NUL_MESSAGE
from resultat.security.nul import form_refuses_nul, without_nul
from resultat.strategy.models import StrategyVersion


def _analyst_required(request: HttpRequest) -> None:
    if not permissions.is_analyst(request.user):
        raise PermissionDenied


def _cycle(year: int) -> Cycle:
    cycle = selectors.cycles().filter(year=year).first()
    if cycle is None:
        raise Http404(_("Uppföljningscykeln finns inte"))
    return cycle


@login_required
def cycle_list(request: HttpRequest) -> HttpResponse:
    _analyst_required(request)
    versions = StrategyVersion.objects.select_related("strategy").order_by("-valid_from")
    form = OpenCycleForm(request.POST or None, versions=versions)
    if request.method == "POST" and form.is_valid():
        version = versions.get(pk=form.cleaned_data["version"])
        try:
            cycle = services.open_cycle(
                year=form.cleaned_data["year"],
                version=version,
                question_set=QuestionSet.objects.order_by("-id").first(),
                actor=request.user,
                carry_over=form.cleaned_data["carry_over"],
                deadlines={"submit_by": form.cleaned_data["submit_by"]},
            )
        except services.FollowupError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Uppföljningscykeln %(year)s är öppnad.") % {"year": cycle.year})
            return redirect("followup:cycle", cycle.year)
    return render(request, "followup/cycle_list.html", {"cycles": selectors.cycles(), "form": form})


@login_required
def cycle_detail(request: HttpRequest, year: int) -> HttpResponse:
    _analyst_required(request)
    cycle = _cycle(year)
    questions, chapters, totals = selectors.completion_matrix(cycle)
    return render(
        request,
        "followup/cycle_detail.html",
        {
            "cycle": cycle,
            "questions": questions,
            "chapters": chapters,
            "totals": selectors.state_summary(totals),
            "overdue": selectors.overdue(cycle),
            "queue": cycle.contributions.filter(state=Contribution.State.SUBMITTED).select_related("area", "question"),
            "events": cycle.events.select_related("actor"),
            "deadlines_form": DeadlinesForm(initial={k: getattr(cycle, k) for k in ("opens_on", "submit_by", "review_by", "publish_on")}),
        },
    )


@login_required
@require_POST
def cycle_action(request: HttpRequest, year: int, action: str) -> HttpResponse:
    _analyst_required(request)
    cycle = _cycle(year)
    try:
        if action == "deadlines":
            form = DeadlinesForm(request.POST)
            if not form.is_valid():
                raise services.FollowupError(_("Ogiltigt datum."))
            services.set_deadlines(cycle, request.user, **form.cleaned_data)
            messages.success(request, _("Tidsfristerna är sparade."))
        elif action in GUARDED_ACTIONS:
            if request.POST.get("confirmed") != "yes":
                # the lock and publish buttons lead to the confirmation page first
                return redirect("followup:cycle_confirm", year, action)
            reason = request.POST.get("reason", "")
            if action == "lock":
                services.lock_cycle(cycle, request.user, reason=reason)
                messages.success(request, _("Cykeln är låst."))
            else:
                count = services.publish_cycle(cycle, request.user, reason=reason)
                messages.success(request, ngettext("Cykeln är publicerad: %(n)s bidrag är nu offentligt.", "Cykeln är publicerad: %(n)s bidrag är nu offentliga.", count) % {"n": count})
        elif action == "reopen":
            services.reopen_cycle(cycle, request.user, request.POST.get("reason", ""))
            messages.success(request, _("Cykeln är öppen igen."))
        elif action == "remind":
            sent = services.send_reminders(cycle)
            messages.success(request, ngettext("Påminnelser skickade till %(n)s person.", "Påminnelser skickade till %(n)s personer.", len(sent)) % {"n": len(sent)})
        else:
            raise Http404
    except services.IncompleteCycle as exc:
        messages.error(request, str(exc))
        return redirect("followup:cycle_confirm", year, action)
    except services.FollowupError as exc:
        messages.error(request, str(exc))
    return redirect("followup:cycle", year)


GUARDED_ACTIONS = {"lock": Cycle.State.LOCKED, "publish": Cycle.State.PUBLISHED}


@login_required
def cycle_confirm(request: HttpRequest, year: int, action: str) -> HttpResponse:
    """The step before locking or publishing: the cycle's completeness per chapter,
    area and question, links to preview the public pages and the report, and the form
    that confirms (with the reason an incomplete cycle requires)."""
    _analyst_required(request)
    if action not in GUARDED_ACTIONS:
        raise Http404
    cycle = _cycle(year)
    allowed = cycle.state in ((Cycle.State.OPEN, Cycle.State.REVIEW) if action == "lock" else (Cycle.State.LOCKED,))
    return render(
        request,
        "followup/cycle_confirm.html",
        {
            "cycle": cycle,
            "action": action,
            "allowed": allowed,
            "completeness": selectors.completeness(cycle),
            "to_publish": cycle.contributions.filter(state=Contribution.State.APPROVED).count(),  # not those already public
            "being_updated": visibility.is_being_updated(cycle),
        },
    )


@login_required
def cycle_preview(request: HttpRequest, year: int) -> HttpResponse:
    """The public results page as it would look if the cycle were published now: the
    approved (and already published) texts. Analysts only; never cached."""
    _analyst_required(request)
    cycle = _cycle(year)
    contributions = list(selectors.preview_contributions(cycle))
    areas = sorted({(c.area.code, c.area.name) for c in contributions}, key=lambda a: a[1])
    area, question = request.GET.get("omrade"), request.GET.get("fraga")
    grouped: dict = {}
    for c in contributions:
        if (not area or c.area.code == area) and (not question or c.question.code == question):
            grouped.setdefault(c.chapter, {}).setdefault(c.question, []).append(c)
    return render(
        request,
        "followup/public_cycle.html",
        {"cycle": cycle, "grouped": grouped, "areas": areas, "questions": cycle.question_set.questions.all(), "area": area, "question": question,
         "preview": True, "view": "kapitel"},
    )


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    return render(request, "followup/my_tasks.html", {"tasks": selectors.my_tasks(request.user)})


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    return render(request, "followup/review_queue.html", {"queue": selectors.review_queue(request.user)})


def _item_rows(contribution: Contribution, posted: list[dict] | None = None) -> list[dict]:
    """The typed-list rows of the form: the posted ones (shown again) or the saved ones;
    a contribution without items starts with one empty row to fill in."""
    rows = list(posted) if posted is not None else item_rows_of(contribution)
    if not rows and contribution.question.item_kinds:
        rows = [{"kind": contribution.question.item_kinds[0]}]
    return rows


def _page_context(request, contribution: Contribution, form=None, item_rows=None, conflict=None, items_notice="", posted_comment=None) -> dict:
    previous = selectors.previous_year(contribution)
    can_edit = permissions.can_edit(request.user, contribution)
    last_submitted = selectors.changes_since_submission(contribution)
    return {
        "c": contribution,
        "can_edit": can_edit,
        "can_review": permissions.can_review(request.user, contribution) and contribution.state == Contribution.State.SUBMITTED,
        "form": form or ContributionForm(initial={"body": html_to_markup(contribution.body), "base_revision": contribution.revision}),
        "item_rows": item_rows if item_rows is not None else _item_rows(contribution),
        "item_kinds": [(k, Question.ItemKind(k).label, ADD_LABELS[k]) for k in contribution.question.item_kinds],
        "choices": item_choices(contribution.question.item_kinds) if can_edit else {},
        "previous": previous,
        "diff_previous": diff_html(previous.body, contribution.body) if previous else "",
        "diff_submitted": diff_html(last_submitted.body, contribution.body) if last_submitted else "",
        "last_submitted": last_submitted,
        "words": word_count(contribution.body),
        "timeline": selectors.timeline(contribution),
        "comments": contribution.comments.select_related("author"),
        "revisions": contribution.revisions.select_related("author")[:20],
        "conflict": conflict,
        "items_notice": items_notice,
        "item_templates": [(k, {"kind": k}) for k in contribution.question.item_kinds] if can_edit else [],
        "posted_comment": posted_comment or {},
        "return_reason": selectors.return_reason(contribution),
        "can_assign": permissions.is_analyst(request.user) or can_edit,
        "possible_assignees": sorted({u for unit in contribution.area.units.all() for u in unit.editors.all()}, key=lambda u: u.username),
    }


@login_required
def contribution(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_object_or_404(Contribution, pk=pk)
    c = selectors.contribution_detail(c.pk)
    if not visibility.can_read_staff_page(request.user, c):
        raise PermissionDenied
    return render(request, "followup/contribution.html", _page_context(request, c))


def nul_message() -> str:
    return str(NUL_MESSAGE)


def _autosave(request: HttpRequest, pk: int, data, nul_fields: list[str]) -> HttpResponse:
    """The editor page's htmx autosave: the text only, answered with the status fragment.

    Made cheap because it is the request editors wait for under load: the contribution
    is read (locked) and the editor checked once, inside the saving transaction, not also
    here beforehand; the typed-list rows posted with the form are not read (an autosave
    never saves them, so a half-filled row cannot stop the text from being saved). Only
    when the save is refused is the permission checked here, to answer 403 as before."""
    c = selectors.contribution_for_save(pk)
    form = ContributionForm(data)
    if "body" in nul_fields:
        return render(request, "followup/_autosave.html", {"c": c, "error": nul_message()}, status=422)
    if not form.is_valid():
        return render(request, "followup/_autosave.html", {"c": c, "error": _("Utkastet kunde inte sparas: kontrollera fälten.")}, status=422)
    try:
        c = services.save_contribution(
            c,
            user=request.user,
            body=markup_to_html(form.cleaned_data["body"]),
            base_revision=form.cleaned_data["base_revision"],
            note=_("automatiskt sparat"),
        )
    except services.EditConflict as conflict:
        return render(request, "followup/_autosave.html", {"c": conflict.contribution, "conflict": True}, status=409)
    except services.FollowupError as exc:
        current = selectors.contribution_detail(pk)
        if not permissions.can_edit(request.user, current):
            raise PermissionDenied from exc
        return render(request, "followup/_autosave.html", {"c": current, "error": str(exc)}, status=422)
    return render(request, "followup/_autosave.html", {"c": c})


def _mark_nul_rows(items: list[dict], nul_fields: list[str]) -> None:
    """Put the NUL message on each typed-list row that held a NUL (``items-N-field``)."""
    posted = {name.split("-")[1] for name in nul_fields if name.startswith("items-")}
    for row in items:
        if str(row.get("index")) in posted:
            row["error"] = nul_message()


def _edit_rows(data, c: Contribution) -> tuple[list[dict], str]:
    """The rows shown again after "Lägg till …" or "Ta bort" (without JavaScript), and
    what the page says about it. Nothing is saved."""
    remove = data.get("remove_item", "")
    if remove.isdigit():
        data = data.copy()
        data[f"items-{remove}-DELETE"] = "1"
    items, _errors = parse_items(data, c.question, keep_empty=True)
    for row in items:
        row.pop("error", None)
    kind = data.get("add_item", "")
    if kind in c.question.item_kinds and len(items) >= MAX_ITEM_ROWS:
        return items, _("Högst %(n)s poster får plats i ett bidrag.") % {"n": MAX_ITEM_ROWS}
    if kind in c.question.item_kinds:
        items.append({"kind": kind, "new": True})
        return items, _("En ny tom post är tillagd (post %(n)s). Inget är sparat ännu: spara när du har fyllt i den.") % {"n": len(items)}
    return items, _("Posten är borttagen ur formuläret. Spara för att ta bort den ur bidraget.")


@login_required
@require_POST
@form_refuses_nul
def contribution_save(request: HttpRequest, pk: int) -> HttpResponse:
    data, nul_fields = without_nul(request.POST)
    if request.headers.get("HX-Request") == "true":
        return _autosave(request, pk, data, nul_fields)
    c = selectors.contribution_detail(get_object_or_404(Contribution, pk=pk).pk)
    if not permissions.can_edit(request.user, c):
        raise PermissionDenied
    form = ContributionForm(data)
    if data.get("add_item") or data.get("remove_item"):
        rows, notice = _edit_rows(data, c)
        return render(request, "followup/contribution.html", _page_context(request, c, form=form, item_rows=rows, items_notice=notice))
    items, item_errors = parse_items(data, c.question)
    if nul_fields:
        _mark_nul_rows(items, nul_fields)
        form.add_error(None, nul_message())
        if "body" in nul_fields:
            form.add_error("body", nul_message())
    if not form.is_valid() or item_errors or nul_fields:
        for error in item_errors:
            form.add_error(None, error)
        return render(request, "followup/contribution.html", _page_context(request, c, form=form, item_rows=_item_rows(c, items)), status=422)
    try:
        c = services.save_contribution(
            c,
            user=request.user,
            body=markup_to_html(form.cleaned_data["body"]),
            items=items,
            base_revision=form.cleaned_data["base_revision"],
        )
    except services.EditConflict as conflict:
        current = selectors.contribution_detail(c.pk)
        return render(
            request,
            "followup/conflict.html",
            {"c": current, "mine": form.cleaned_data["body"], "theirs": html_to_markup(current.body), "diff": diff_html(current.body, conflict.body), "message": str(conflict)},
            status=409,
        )
    except services.FollowupError as exc:
        form.add_error(None, str(exc))
        return render(request, "followup/contribution.html", _page_context(request, c, form=form, item_rows=_item_rows(c, items)), status=422)
    if request.POST.get("then") == "submit":
        try:
            services.submit(c, request.user, link_base=request.build_absolute_uri("/"))
            messages.success(request, _("Bidraget är klarmarkerat och skickat till granskning."))
        except services.FollowupError as exc:
            messages.error(request, str(exc))
    else:
        messages.success(request, _("Utkastet är sparat (version %(n)s).") % {"n": c.revision})
    return redirect("followup:contribution", c.pk)


COMMENT_ACTIONS = ("comment", "return", "approve")


@login_required
@require_POST
@form_refuses_nul
def contribution_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    c = selectors.contribution_detail(get_object_or_404(Contribution, pk=pk).pk)
    data, nul_fields = without_nul(request.POST)
    if nul_fields:
        # The comment form shown again with the text kept (without the NUL); nothing saved.
        if action not in COMMENT_ACTIONS or not visibility.can_read_staff_page(request.user, c):
            raise BadRequest(nul_message())
        posted = {"action": action, "comment": data.get("comment", ""), "passage": data.get("passage", ""), "error": nul_message()}
        return render(request, "followup/contribution.html", _page_context(request, c, posted_comment=posted), status=422)
    text = request.POST.get("comment", "")
    try:
        if action == "submit":
            services.submit(c, request.user, link_base=request.build_absolute_uri("/"))
            messages.success(request, _("Bidraget är klarmarkerat och skickat till granskning."))
        elif action == "confirm":
            services.confirm_carry_over(c, request.user)
            messages.success(request, _("Den överförda texten är bekräftad."))
        elif action == "comment":
            services.comment(c, request.user, text, request.POST.get("passage", ""))
            messages.success(request, _("Kommentaren är sparad."))
        elif action == "return":
            services.return_for_revision(c, request.user, text, link_base=request.build_absolute_uri("/"))
            messages.success(request, _("Bidraget är återremitterat till redaktören."))
        elif action == "approve":
            services.approve(c, request.user, text, link_base=request.build_absolute_uri("/"))
            messages.success(request, _("Bidraget är godkänt."))
        elif action == "assign":
            from resultat.accounts.models import User

            username = request.POST.get("assignee", "")
            assignee = User.objects.filter(username=username).first() if username else None
            if username and assignee is None:
                raise services.FollowupError(_("Okänd användare."))
            services.assign(c, request.user, assignee)
            messages.success(request, _("Ansvarig är ändrad."))
        elif action == "restore":
            services.restore_revision(c, request.user, int(request.POST.get("number", "0")), int(request.POST.get("base_revision", "-1")))
            messages.success(request, _("Den tidigare versionen är återställd som en ny version."))
        else:
            raise Http404
    except services.EditConflict as exc:
        messages.error(request, str(exc))
    except services.FollowupError as exc:
        messages.error(request, str(exc))
    except ValueError:
        messages.error(request, _("Ogiltig begäran."))
    return redirect("followup:contribution", c.pk)


@login_required
def revision(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    c = selectors.contribution_detail(get_object_or_404(Contribution, pk=pk).pk)
    if not visibility.can_read_staff_page(request.user, c):
        raise PermissionDenied
    rev = get_object_or_404(c.revisions, number=number)
    older = c.revisions.filter(number__lt=number).first()
    return render(
        request,
        "followup/revision.html",
        {"c": c, "rev": rev, "older": older, "diff": diff_html(older.body if older else "", rev.body), "can_edit": permissions.can_edit(request.user, c)},
    )


# --- notifications -----------------------------------------------------------------------


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first; POST marks them all read."""
    if request.method == "POST":
        n = services.mark_notifications_read(request.user)
        messages.success(request, ngettext("%(n)s avisering markerad som läst.", "%(n)s aviseringar markerade som lästa.", n) % {"n": n})
        return redirect("followup:notifications")
    return render(request, "followup/notifications.html", {"notifications": selectors.notifications(request.user)})


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go to its contribution."""
    note = get_object_or_404(selectors.notifications(request.user), pk=pk)
    services.mark_notifications_read(request.user, [note.pk])
    return redirect("followup:contribution", note.contribution_id)


# --- public -----------------------------------------------------------------------------


@public_page
def public_index(request: HttpRequest) -> HttpResponse:
    return render(request, "followup/public_index.html", {"cycles": visibility.published_cycles().order_by("-year")})


def _published_cycle(year: int) -> Cycle:
    cycle = visibility.published_cycles().filter(year=year).first()
    if cycle is None:
        raise Http404(_("Ingen publicerad uppföljning för året"))
    return cycle


# The old single page took its filters as ?omrade= and ?fraga=; those now belong to the
# whole-year page, and links with them are sent there.
WHOLE_YEAR_PARAMETERS = ("omrade", "fraga", "visa")


@public_page
def public_cycle(request: HttpRequest, year: int) -> HttpResponse:
    """The year's overview: a summary per chapter and a contents list."""
    cycle = _published_cycle(year)
    if any(request.GET.get(name) for name in WHOLE_YEAR_PARAMETERS):
        return redirect(f"{reverse('results:public_cycle_all', args=[year])}?{request.GET.urlencode()}")
    return render(request, "followup/public_overview.html", {"cycle": cycle, "chapters": selectors.public_chapters(cycle)})


@public_page
def public_chapter(request: HttpRequest, year: int, chapter: str) -> HttpResponse:
    """One chapter of a published year: its texts by question and area."""
    cycle = _published_cycle(year)
    found = selectors.public_chapter(cycle, chapter)
    if found is None:
        raise Http404(_("Inget sådant kapitel i uppföljningen"))
    current, previous, following = found
    return render(
        request,
        "followup/public_chapter.html",
        {"cycle": cycle, "chapter": current, "previous": previous, "next": following, "by_question": selectors.public_chapter_texts(cycle, current)},
    )


@public_page
def public_cycle_all(request: HttpRequest, year: int) -> HttpResponse:
    """The whole year on one page (to print or search in), with the old filters."""
    cycle = _published_cycle(year)
    view = request.GET.get("visa", "kapitel")
    contributions = list(selectors.public_contributions(cycle))
    areas = sorted({(c.area.code, c.area.name) for c in contributions}, key=lambda a: a[1])
    area = request.GET.get("omrade")
    question = request.GET.get("fraga")
    if area:
        contributions = [c for c in contributions if c.area.code == area]
    if question:
        contributions = [c for c in contributions if c.question.code == question]
    grouped: dict = {}
    for c in contributions:
        grouped.setdefault(c.chapter, {}).setdefault(c.question, []).append(c)
    return render(
        request,
        "followup/public_cycle.html",
        {"cycle": cycle, "grouped": grouped, "areas": areas, "questions": cycle.question_set.questions.all(), "area": area, "question": question, "view": view},
    )
