"""The typed lists of the contribution form without JavaScript (issue 18): "Lägg till …"
and "Ta bort" show the form again with everything typed kept and nothing saved; Agenda
2030 targets are picked from a list grouped by goal; initiatives are named from the
register (an unknown name is a clear error on its row); and a NUL in a staff form is an
error on the field, with the text kept, not a bare 400."""

import re

import pytest
from django.urls import reverse

from resultat.followup.models import Contribution, ContributionItem, ReviewComment
from resultat.initiatives.models import Initiative


def login(client, user):
    client.force_login(user)
    return client


def contribution_for(cycle, people, question):
    return Contribution.objects.get(cycle=cycle, area=people["area"], question__code=question)


def save(client, c, data):
    return client.post(reverse("followup:contribution_save", args=[c.pk]), {"base_revision": c.revision, "body": "Text", **data})


def rows_in(page: str) -> int:
    return len(re.findall(r"<div class=\"item-row\" data-item-row>", page.split("<template", 1)[0]))


def test_the_agenda_page_offers_goals_and_targets_grouped_by_goal(client, cycle, people):
    c = contribution_for(cycle, people, "agenda-2030")
    page = login(client, people["editor_a"]).get(reverse("followup:contribution", args=[c.pk])).content.decode()
    form = page.split('<template', 1)[0]
    assert rows_in(page) == 1  # one empty row to fill in, not three
    assert form.count("<optgroup ") == 17 and 'data-goal="9"' in form
    assert re.search(r'<option value="9.5" lang="sv">9.5 Stärka den vetenskapliga forskningen', form)
    assert '<button type="submit" name="add_item" value="sdg"' in page and "Lägg till Agenda 2030-mål" in page
    assert '<template data-item-template="sdg">' in page and 'name="items-__N__-sdg_target"' in page


def test_add_item_without_javascript_keeps_what_was_typed_and_saves_nothing(client, cycle, people):
    c = contribution_for(cycle, people, "omvarldsanalys")
    login(client, people["editor_a"])
    r = save(client, c, {"body": "Mitt utkast **viktigt**", "items-TOTAL": "1", "items-0-kind": "environment_factor",
                         "items-0-title": "AI-förordningen", "items-0-text": "Ny EU-lag.", "add_item": "environment_factor"})
    page = r.content.decode()
    assert r.status_code == 200 and rows_in(page) == 2
    assert "Mitt utkast **viktigt**" in page and 'value="AI-förordningen"' in page and "Ny EU-lag." in page
    assert 'name="items-TOTAL" value="2"' in page
    assert re.search(r'id="items-1-title" name="items-1-title" value="" maxlength="400" autofocus', page)
    assert "En ny tom post är tillagd (post 2)" in page
    assert Contribution.objects.get(pk=c.pk).revision == 0 and not ContributionItem.objects.exists()


def test_remove_item_without_javascript_leaves_the_row_out_and_saves_nothing(client, cycle, people):
    c = contribution_for(cycle, people, "omvarldsanalys")
    login(client, people["editor_a"])
    r = save(client, c, {"items-TOTAL": "3", **{f"items-{i}-title": t for i, t in enumerate(["Ett", "Två", "Tre"])}, "remove_item": "1"})
    page = r.content.decode()
    assert r.status_code == 200 and rows_in(page) == 2
    assert 'value="Ett"' in page and 'value="Tre"' in page and 'value="Två"' not in page
    assert Contribution.objects.get(pk=c.pk).revision == 0
    # saving what is shown stores the two rows
    r = save(client, c, {"items-TOTAL": "2", "items-0-title": "Ett", "items-1-title": "Tre", "then": "save"})
    assert r.status_code == 302
    assert list(ContributionItem.objects.filter(contribution=c).values_list("title", flat=True)) == ["Ett", "Tre"]


def test_a_target_picked_without_its_goal_saves_both(client, cycle, people):
    c = contribution_for(cycle, people, "agenda-2030")
    login(client, people["editor_a"])
    r = save(client, c, {"items-TOTAL": "2", "items-0-sdg_target": "9.5", "items-0-text": "Forskning.",
                         "items-1-sdg_goal": "4", "items-1-sdg_target": "9.5", "then": "save"})
    assert r.status_code == 422 and "delmålet &#x27;9.5&#x27; finns inte under mål 4" in r.content.decode()
    r = save(client, c, {"items-TOTAL": "1", "items-0-sdg_target": "9.5", "items-0-text": "Forskning.", "then": "save"})
    assert r.status_code == 302
    item = ContributionItem.objects.get(contribution=c)
    assert (item.sdg_goal.number, item.sdg_target.code, item.text) == (9, "9.5", "Forskning.")
    page = client.get(reverse("followup:contribution", args=[c.pk])).content.decode()
    assert re.search(r'<option value="9.5" lang="sv" selected>', page) and '<option value="9" selected>' in page


@pytest.fixture
def register(db):
    Initiative.objects.create(code="smart-plus", name="Smart Plus", acronym="SP")
    Initiative.objects.create(code="kandidat", name="Kandidat ur rapporten", review_status=Initiative.Review.NEEDS_REVIEW)
    return Initiative.objects.get(code="smart-plus")


def test_an_initiative_is_named_from_the_register(client, cycle, people, register):
    c = contribution_for(cycle, people, "insatser")
    login(client, people["editor_a"])
    page = client.get(reverse("followup:contribution", args=[c.pk])).content.decode()
    assert '<datalist id="initiative-register"><option value="Smart Plus">SP</option></datalist>' in page  # confirmed ones only
    assert 'list="initiative-register"' in page and "Lägg till insats" in page

    r = save(client, c, {"items-TOTAL": "1", "items-0-initiative_name": "Smart plus", "items-0-text": "Pågår.", "then": "save"})
    assert r.status_code == 302
    item = ContributionItem.objects.get(contribution=c)
    assert (item.initiative, item.title, item.text) == (register, "Smart Plus", "Pågår.")
    assert c.revisions.get(number=1).items[0]["initiative"] == "smart-plus"
    # shown again with its name; saving the form as shown keeps the link
    page = client.get(reverse("followup:contribution", args=[c.pk])).content.decode()
    assert 'name="items-0-initiative_name" list="initiative-register" value="Smart Plus"' in page
    assert 'id="items-0-title" name="items-0-title" value=""' in page
    r = save(client, Contribution.objects.get(pk=c.pk), {"items-TOTAL": "1", "items-0-initiative_name": "Smart Plus", "items-0-text": "Pågår.", "then": "save"})
    assert r.status_code == 302 and ContributionItem.objects.get(contribution=c).initiative == register


def test_an_unknown_initiative_is_an_error_on_its_row(client, cycle, people, register):
    c = contribution_for(cycle, people, "insatser")
    login(client, people["editor_a"])
    r = save(client, c, {"body": "Min text", "items-TOTAL": "2", "items-0-title": "Fri rubrik", "items-0-text": "Utan register.",
                         "items-1-initiative_name": "Finns inte", "items-1-text": "Min motivering", "then": "save"})
    page = r.content.decode()
    assert r.status_code == 422
    assert re.search(r'<p class="error" id="items-1-error">Ingen insats i registret heter ”Finns inte”', page)
    assert 'value="Finns inte"' in page and "Min motivering" in page and "Min text" in page and 'value="Fri rubrik"' in page
    assert Contribution.objects.get(pk=c.pk).revision == 0 and not ContributionItem.objects.exists()
    # a candidate awaiting review is not in the register's list either
    r = save(client, c, {"items-TOTAL": "1", "items-0-initiative_name": "Kandidat ur rapporten", "then": "save"})
    assert r.status_code == 422


# --- NUL ------------------------------------------------------------------------------

NUL_ERROR = "Texten innehåller ett otillåtet tecken (NUL"


def test_a_nul_in_the_text_is_an_error_on_the_field_with_the_text_kept(client, cycle, people):
    c = contribution_for(cycle, people, "omvarldsanalys")
    login(client, people["editor_a"])
    r = save(client, c, {"body": "Lång text\x00 som inte får gå förlorad", "items-TOTAL": "1", "items-0-title": "Rubrik\x00", "then": "save"})
    page = r.content.decode()
    assert r.status_code == 422 and NUL_ERROR in page
    assert re.search(r'<p class="error" id="body-error">Texten innehåller', page)
    assert re.search(r'<p class="error" id="items-0-error">Texten innehåller', page)
    assert "Lång text som inte får gå förlorad" in page and 'value="Rubrik"' in page and "\x00" not in page
    assert Contribution.objects.get(pk=c.pk).revision == 0 and not ContributionItem.objects.exists()


def test_a_nul_in_an_autosave_is_refused_with_the_message(client, cycle, people):
    c = contribution_for(cycle, people, "omvarldsanalys")
    login(client, people["editor_a"])
    r = client.post(reverse("followup:contribution_save", args=[c.pk]), {"body": "a\x00b", "base_revision": 0}, HTTP_HX_REQUEST="true")
    assert r.status_code == 422 and NUL_ERROR in r.content.decode()
    assert Contribution.objects.get(pk=c.pk).revision == 0


@pytest.mark.parametrize("action", ["comment", "return", "approve"])
def test_a_nul_in_a_comment_shows_the_form_again(client, cycle, people, action):
    c = contribution_for(cycle, people, "omvarldsanalys")
    Contribution.objects.filter(pk=c.pk).update(state=Contribution.State.SUBMITTED)
    login(client, people["reviewer"])
    r = client.post(reverse("followup:contribution_action", args=[c.pk, action]), {"comment": "Bra\x00 men", "passage": "Stycke\x00"})
    page = r.content.decode()
    field = "comment" if action == "comment" else f"{action}-comment"
    assert r.status_code == 422 and NUL_ERROR in page and "\x00" not in page
    assert re.search(rf'id="{field}" name="comment" rows="\d"( required)? aria-invalid="true" aria-describedby="{field}-error">Bra men</textarea>', page)
    assert not ReviewComment.objects.exists() and Contribution.objects.get(pk=c.pk).state == Contribution.State.SUBMITTED


def test_a_nul_elsewhere_is_still_a_400(client, cycle, people):
    c = contribution_for(cycle, people, "omvarldsanalys")
    login(client, people["editor_a"])
    assert client.get(reverse("followup:contribution", args=[c.pk]), {"x": "a\x00"}).status_code == 400
    assert client.post(reverse("followup:contribution_action", args=[c.pk, "assign"]), {"assignee": "ebba\x00"}).status_code == 400
    assert client.post(reverse("followup:cycle_action", args=[2026, "reopen"]), {"reason": "x\x00"}).status_code == 400


def test_a_nul_in_a_report_text_is_an_error_on_the_field(client, cycle, people):
    from resultat.reports.models import ReportSection

    section = ReportSection.objects.create(cycle=cycle, code="forord", title="Förord", body="<p>Gammalt förord.</p>", order=0, revision=1)
    client.force_login(people["analyst"])
    r = client.post(reverse("reports:text_edit", args=[cycle.year, "forord"]),
                    {"body": "Nytt\x00 förord", "signature": "Anna\x00 Analytiker", "base_revision": 1})
    page = r.content.decode()
    assert r.status_code == 422 and page.count(NUL_ERROR) == 2 and "\x00" not in page
    assert "Nytt förord" in page and 'value="Anna Analytiker"' in page
    assert ReportSection.objects.get(pk=section.pk).body == "<p>Gammalt förord.</p>"


def test_a_tiny_post_cannot_make_a_huge_form(client, cycle, people):
    """"Lägg till" without JavaScript shows the posted rows again, each with a select of all
    169 targets: a bare items-TOTAL of 500 made 500 empty rows (13 MB, 4.6 s of CPU from a
    40-byte post). Only rows the form posted are shown, at most MAX_ITEM_ROWS, and a
    save of more rows is refused with a message, not cut silently."""
    from resultat.followup.forms import MAX_ITEM_ROWS

    c = contribution_for(cycle, people, "agenda-2030")
    login(client, people["editor_a"])
    page = save(client, c, {"items-TOTAL": "500", "add_item": "sdg"})
    assert page.status_code == 200 and rows_in(page.content.decode()) == 1 and len(page.content) < 300_000
    many = {f"items-{i}-kind": "sdg" for i in range(MAX_ITEM_ROWS + 50)}
    page = save(client, c, {"items-TOTAL": str(MAX_ITEM_ROWS + 50), "add_item": "sdg", **many})
    assert rows_in(page.content.decode()) == MAX_ITEM_ROWS and f"Högst {MAX_ITEM_ROWS} poster" in page.content.decode()
    titled = {**{f"items-{i}-kind": "sdg" for i in range(MAX_ITEM_ROWS + 1)}, **{f"items-{i}-sdg_goal": "9" for i in range(MAX_ITEM_ROWS + 1)}}
    refused = save(client, c, {"items-TOTAL": str(MAX_ITEM_ROWS + 1), **titled})
    assert refused.status_code == 422 and f"Högst {MAX_ITEM_ROWS} poster" in refused.content.decode()
    assert not ContributionItem.objects.filter(contribution=c).exists()
