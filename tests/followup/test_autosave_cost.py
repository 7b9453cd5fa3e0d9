"""What an autosave costs, counted: the editor page's htmx autosave is the request
editors wait for under load (docs/benchmarks.md, "Autosave"), so its database
statements are bounded here and cannot grow unnoticed. And what the cheap path must
still do: save, version, index, refuse strangers and stale revisions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resultat.core import richtext
from resultat.followup.models import Contribution
from resultat.search.models import SearchDocument

State = Contribution.State

WORDS = ("Regionen har under året arbetat med digitalisering och kompetensförsörjning i Umeå, "
         "innovation, samverkan och hållbar tillväxt i hela länet.").split()

# An autosave (statements as Django counts them in a test, inside the test's transaction,
# so the saving transaction is a SAVEPOINT and its release; the search document's
# savepoint likewise): session, user, the contribution's id and cycle, SAVEPOINT, the
# cycle's state, the contribution row, the editor's roles and unit, the UPDATE, the typed
# lists for the revision, the revision INSERT, SAVEPOINT, the municipalities' freshness
# (one aggregate), the document's title, its UPDATE, RELEASE, RELEASE. PostgreSQL adds
# one: the advisory lock that lets one transaction at a time re-index the document.
# Before: 19 / 20, then 18 / 19 (the freshness was a count and a list of every id).
AUTOSAVE_STATEMENTS = {"sqlite": 17, "postgresql": 18}


def long_text(seed: int, words: int = 3000) -> str:
    ws = [WORDS[(i * 7 + seed) % len(WORDS)] for i in range(words)]
    return "\n\n".join(" ".join(ws[i:i + 120]) for i in range(0, words, 120)) + f" Version {seed}."


def autosave(client, contribution, body: str, base: int, **extra):
    url = reverse("followup:contribution_save", args=[contribution.pk])
    return client.post(url, {"body": body, "base_revision": base, **extra}, HTTP_HX_REQUEST="true")


def test_an_autosave_of_3000_words_is_a_bounded_number_of_statements(client, contribution, people, django_assert_max_num_queries,
                                                                     django_capture_on_commit_callbacks):
    client.force_login(people["editor_a"])
    with django_capture_on_commit_callbacks(execute=True):  # the first save makes the draft and (after commit) its document
        assert autosave(client, contribution, long_text(1), 0).status_code == 200
    with django_assert_max_num_queries(AUTOSAVE_STATEMENTS[connection.vendor]):
        response = autosave(client, contribution, long_text(2), 1)
    assert response.status_code == 200 and 'value="2"' in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.revision == 2 and contribution.state == State.DRAFT and "Version 2." in contribution.body
    assert contribution.revisions.get(number=2).note == "automatiskt sparat"
    assert "Version 2." in SearchDocument.objects.get(key=f"contribution:{contribution.pk}").text


def test_the_first_autosave_indexes_its_new_draft_in_the_same_transaction(client, contribution, people,
                                                                          django_capture_on_commit_callbacks):
    # The first save moves the contribution from not started to draft: its document is
    # written in full inside the saving transaction, with no second write transaction
    # after the commit (which the first autosave of every contribution used to wait for).
    from resultat.search import indexing

    assert contribution.state == State.NOT_STARTED
    client.force_login(people["editor_a"])
    with django_capture_on_commit_callbacks(execute=False) as hooks:
        assert autosave(client, contribution, "Första texten om Umeå.", 0).status_code == 200
        doc = SearchDocument.objects.get(key=f"contribution:{contribution.pk}")  # before any hook ran
    assert doc.text == "Första texten om Umeå." and doc.municipalities == "|2480|"
    assert [h for h in hooks if getattr(h, "__name__", "") == indexing._run_pending.__name__] == []
    contribution.refresh_from_db()
    assert contribution.state == State.DRAFT and contribution.revision == 1


def test_the_cheap_autosave_still_refuses_strangers_stale_revisions_and_submitted_texts(client, contribution, people):
    client.force_login(people["editor_b"])  # an editor of another unit
    assert autosave(client, contribution, "Inte min text", 0).status_code == 403
    client.force_login(people["editor_a"])
    assert autosave(client, contribution, "Första", 0).status_code == 200
    stale = autosave(client, contribution, "Gammal", 0)
    assert stale.status_code == 409 and "nyare version" in stale.content.decode()
    submit = client.post(reverse("followup:contribution_save", args=[contribution.pk]), {"body": "Klar", "base_revision": 1, "then": "submit"})
    assert submit.status_code == 302
    assert autosave(client, contribution, "Efter klarmarkering", 2).status_code == 403
    contribution.refresh_from_db()
    assert contribution.state == State.SUBMITTED and contribution.body == "<p>Klar</p>" and contribution.revision == 2


def test_an_autosave_answers_404_for_a_missing_contribution_and_422_for_a_missing_revision(client, contribution, people):
    client.force_login(people["editor_a"])
    missing = reverse("followup:contribution_save", args=[contribution.pk + 10_000])
    assert client.post(missing, {"body": "x", "base_revision": 0}, HTTP_HX_REQUEST="true").status_code == 404
    response = client.post(reverse("followup:contribution_save", args=[contribution.pk]), {"body": "x"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422 and "kontrollera fälten" in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.revision == 0


@pytest.mark.parametrize("row", [{"items-0-title": "x" * 1000, "items-0-kind": "activity"}, {"items-0-sdg_goal": "99"}])
def test_a_half_filled_list_row_does_not_stop_the_autosave_of_the_text(client, contribution, people, row):
    """The autosave saves the text only; the list rows are checked and saved by the form's
    button (a full save), so a row being typed cannot make the text's autosave fail."""
    client.force_login(people["editor_a"])
    response = autosave(client, contribution, "Texten sparas ändå.", 0, **{"items-TOTAL": "1", **row})
    assert response.status_code == 200
    contribution.refresh_from_db()
    assert contribution.body == "<p>Texten sparas ändå.</p>" and not contribution.items.exists()
    full = client.post(reverse("followup:contribution_save", args=[contribution.pk]), {"body": "Med rad", "base_revision": 1, "items-TOTAL": "1", **row})
    assert full.status_code == 422  # the full save still checks the row


# --- the save's text is parsed once (core/richtext: sanitize keeps its blocks for to_plain_text)

_TAGS = ["p", "ul", "ol", "li", "strong", "em", "b", "i", "a href='https://x.se'", "a href='javascript:x'", "br", "h2", "h3",
         "div", "span", "script", "table", "td", "blockquote", "u", "code"]
_PIECES = st.one_of(
    st.text(alphabet=st.sampled_from(list("ab c&<>;\n\t\u00a0åä\"'*-#1.")), max_size=8),
    st.sampled_from([f"<{t}>" for t in _TAGS] + [f"</{t.split()[0]}>" for t in _TAGS]
                    + ["&amp;", "&lt;", "&nbsp;", "<!-- c -->", "<br/>", "  ", "\n\n", "\ud800"]),
)


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_the_plain_text_of_a_just_sanitised_text_is_the_same_as_parsing_it_again(html):
    """to_plain_text(sanitize(x)) takes the blocks sanitize kept instead of parsing the
    sanitised text again; that is only right if both give the same text."""
    clean = richtext.sanitize(html)
    kept = richtext.to_plain_text(clean)  # from the kept blocks
    richtext._last_sanitized.value = None
    assert kept == richtext.to_plain_text(clean)  # parsed again


def test_to_plain_text_of_another_text_is_not_taken_from_the_last_sanitised_one():
    richtext.sanitize("<p>Först</p>")
    assert richtext.to_plain_text("<p>Annat</p>") == "Annat"
    assert richtext.to_plain_text(richtext.sanitize("<ul><li>a<ul><li>b</li></ul></li></ul>")) == "- a\n  - b"
