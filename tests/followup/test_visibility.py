"""The one rule for who may read what (resultat/followup/visibility.py), and the leaks
it closed: the staff page of a published contribution (review comments, the state
timeline with staff names, draft revisions with diffs) was open to every account, and
the public initiative page listed mentions from unpublished drafts and an edit history
with staff usernames."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from resultat.followup import services, visibility
from resultat.followup.models import Contribution, ContributionItem
from resultat.initiatives import services as initiative_services
from resultat.strategy.models import StrategyVersion
from tests.factories import make_user

SECRET_COMMENT = "Stycke två avslöjar budgeten"
DRAFT_WORDS = "Hemlig formulering i första utkastet"


@pytest.fixture
def published(cycle, contribution, people):
    """Unit A's contribution published with a review comment and a draft revision that
    was rewritten before submission; the rest of the cycle unpublished."""
    c = services.save_contribution(contribution, user=people["editor_a"], body=f"<p>{DRAFT_WORDS}</p>", base_revision=0)
    c = services.save_contribution(c, user=people["editor_a"], body="<p>Publicerad text om digitalisering</p>", base_revision=c.revision)
    services.comment(c, people["reviewer"], SECRET_COMMENT)
    services.submit(c, people["editor_a"])
    services.approve(c, people["reviewer"], "Bra")
    services.lock_cycle(cycle, people["analyst"], reason="Ofullständig cykel i testet")
    services.publish_cycle(cycle, people["analyst"], reason="Ofullständig cykel i testet")
    c = Contribution.objects.get(pk=c.pk)
    assert visibility.is_published(c)
    return c


@pytest.fixture
def nobody(structure):
    """An account without a role: what single sign-on creates for every employee."""
    return make_user("nils")


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _staff_urls(c):
    return [
        reverse("followup:contribution", args=[c.pk]),
        reverse("followup:revision", args=[c.pk, 1]),
        reverse("followup:revision", args=[c.pk, 2]),
        reverse("learning:tag_suggestions", args=[c.pk]),
    ]


@pytest.mark.parametrize("who", ["nobody", "editor_b", "other_reviewer"])
def test_staff_page_of_a_published_contribution_is_refused_outside_the_draft_rule(published, people, nobody, who):
    user = nobody if who == "nobody" else people[who]
    for url in _staff_urls(published):
        response = _client(user).get(url)
        assert response.status_code == 403, (who, url, response.status_code)
        body = response.content.decode()
        assert SECRET_COMMENT not in body and DRAFT_WORDS not in body and "greta" not in body


@pytest.mark.parametrize("who", ["editor_a", "reviewer", "analyst", "admin"])
def test_staff_page_of_a_published_contribution_follows_the_draft_rule(published, people, who):
    page = _client(people[who]).get(reverse("followup:contribution", args=[published.pk]))
    assert page.status_code == 200
    assert SECRET_COMMENT in page.content.decode()
    first = _client(people[who]).get(reverse("followup:revision", args=[published.pk, 1]))
    assert first.status_code == 200 and DRAFT_WORDS in first.content.decode()


def test_published_text_stays_public_on_the_public_pages(published, people, nobody):
    url = reverse("results:public_cycle_all", args=[published.cycle.year])
    for user in (None, nobody, people["editor_b"]):
        body = _client(user).get(url).content.decode()
        assert "Publicerad text om digitalisering" in body
        assert SECRET_COMMENT not in body and DRAFT_WORDS not in body


def test_the_rule_as_querysets(published, cycle, people, nobody):
    draft_b = Contribution.objects.filter(cycle=cycle, area__units=people["unit_b"]).first()
    assert draft_b is not None and not visibility.is_published(draft_b)
    assert set(visibility.readable_contributions(nobody)) == {published}
    assert set(visibility.readable_contributions(None)) == {published}
    assert not visibility.staff_contributions(nobody).exists()
    assert published not in visibility.staff_contributions(people["editor_b"])
    assert draft_b in visibility.staff_contributions(people["editor_b"])
    assert published in visibility.staff_contributions(people["editor_a"])
    assert set(visibility.staff_contributions(people["reviewer"])) == set(cycle.contributions.all())
    assert visibility.staff_contributions(people["analyst"]).count() == Contribution.objects.count()
    # the predicate and the queryset give the same answer for every contribution
    for user in (None, nobody, people["editor_a"], people["editor_b"], people["reviewer"], people["other_reviewer"], people["analyst"]):
        staff = set(visibility.staff_contributions(user).values_list("pk", flat=True))
        readable = set(visibility.readable_contributions(user).values_list("pk", flat=True))
        for c in Contribution.objects.select_related("cycle"):
            assert (c.pk in staff) == visibility.can_read_staff_page(user, c), (user, c)
            assert (c.pk in readable) == visibility.can_read(user, c), (user, c)


@pytest.fixture
def initiative_with_mentions(published, people, structure):
    """An initiative cited by the published 2026 text and by a draft of the open 2027 cycle."""
    initiative = initiative_services.save_initiative(
        None, user=people["analyst"], data={"name": "Digitala Västerbotten", "kind": "project", "status": "ongoing"}, areas=[people["area"]],
    )
    initiative_services.save_initiative(initiative, user=people["editor_a"], data={"name": "Digitala Västerbotten II"}, base_revision=initiative.revision)
    ContributionItem.objects.create(contribution=published, kind="initiative", order=1, title="", initiative=initiative)
    version = StrategyVersion.objects.get(code="aktualisering-2025-26")
    later = services.open_cycle(year=2027, version=version, question_set=structure, actor=people["analyst"], deadlines={"submit_by": date(2028, 1, 31)})
    draft = Contribution.objects.filter(cycle=later).exclude(area=people["area"]).order_by("pk").first()
    ContributionItem.objects.create(contribution=draft, kind="initiative", order=1, title="", initiative=initiative)
    initiative.refresh_from_db()
    return initiative, draft


def test_public_initiative_page_shows_published_mentions_only_and_no_history(initiative_with_mentions, people, nobody):
    initiative, draft = initiative_with_mentions
    url = reverse("initiatives:detail", args=[initiative.code])
    for user in (None, nobody, people["editor_b"]):
        body = _client(user).get(url).content.decode()
        assert f"2026: {people['area'].name}" in body
        assert f"2027: {draft.area.name}" not in body, user
        assert "ebba" not in body and "anna" not in body, user  # staff usernames of the edit history
        assert "Historik" not in body


def test_staff_who_may_edit_the_initiative_see_its_history_and_their_drafts(initiative_with_mentions, people):
    initiative, draft = initiative_with_mentions
    url = reverse("initiatives:detail", args=[initiative.code])
    analyst = _client(people["analyst"]).get(url).content.decode()
    assert "Historik" in analyst and "ebba" in analyst
    assert f"2027: {draft.area.name}" in analyst
    editor = _client(people["editor_a"]).get(url).content.decode()
    assert "Historik" in editor


def test_the_mentioned_in_list_follows_the_draft_rule(initiative_with_mentions, published, people, nobody):
    """"Nämns i" (the contributions whose text names the initiative, linked by the report
    import) used to list every mention to any signed-in account: an account with no role
    and another unit's editor saw which unpublished drafts name it."""
    initiative, draft = initiative_with_mentions
    initiative.mentioned_in.add(published, draft)
    url = reverse("initiatives:detail", args=[initiative.code])
    draft_line = escape(f"{draft.cycle.year} {draft.area.name} – {draft.question.title}")
    published_line = escape(f"2026 {people['area'].name} – {published.question.title}")
    for user in (None, nobody, people["editor_b"]):
        body = _client(user).get(url).content.decode()
        assert published_line in body, user
        assert draft_line not in body, user
    assert draft_line in _client(people["analyst"]).get(url).content.decode()
    assert [c.pk for c in visibility.mentioning(initiative, nobody)] == [published.pk]


def test_an_initiative_the_import_was_unsure_of_is_for_signed_in_staff_only(initiative_with_mentions, people, nobody):
    initiative, _ = initiative_with_mentions
    initiative.review_status = initiative.Review.NEEDS_REVIEW
    initiative.save(update_fields=["review_status"])
    url = reverse("initiatives:detail", args=[initiative.code])
    assert _client().get(url).status_code == 404
    assert _client(people["analyst"]).get(url).status_code == 200
    assert not visibility.can_read_initiative(None, initiative)


def test_no_reader_decides_published_itself():
    """The rule has one home: outside followup/visibility.py no reader filters or
    compares on the published state itself (writers – services, importers, demo and
    loaders – set states and are exempt). A new reader that does fails here, naming
    the line, instead of leaking drafts one reader at a time."""
    import re
    from pathlib import Path

    import resultat

    root = Path(resultat.__file__).parent
    patterns = [re.compile(p) for p in (
        r"\bstate\s*=\s*(\w+\.)*State\.PUBLISHED\b",
        r"\bstate\s*=\s*[\"']published[\"']",
        r"\.state\s*(==|!=)\s*(\w+\.)*State\.PUBLISHED\b",
        r"\bpermissions\.can_read\b",
        r"resultat\.opendata import selectors",
    )]
    writers = ("services.py", "importing.py", "demo.py", "loaders.py")
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if "migrations/" in rel or rel.startswith("core/") or rel.endswith(writers) or rel == "followup/visibility.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(p.search(line) for p in patterns):
                found.append(f"resultat/{rel}:{n}: {line.strip()}")
    assert not found, "Läsregeln ska bara finnas i followup/visibility.py:\n" + "\n".join(found)
