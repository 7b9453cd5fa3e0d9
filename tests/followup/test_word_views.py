"""The Word exchange's pages: download, zip, upload with its errors, preview, confirm, conflict."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resultat.followup import services
from resultat.followup import wordexchange as wx
from resultat.followup.models import Contribution
from tests.followup.test_wordexchange import BODY, ITEMS, _edit_body, export

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def written(contribution, people):
    services.save_contribution(contribution, user=people["editor_a"], body=BODY, items=ITEMS, base_revision=contribution.revision)
    contribution.refresh_from_db()
    return contribution


def upload(client, data: bytes, name="svar.docx"):
    return client.post(reverse("followup:word_upload"), {"document": SimpleUploadedFile(name, data, content_type=DOCX)})


def test_download_for_the_units_editor_only(client, cycle, people):
    url = reverse("followup:word_download", args=[cycle.year, people["unit_a"].code])
    client.force_login(people["editor_a"])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert f'filename="resultat-2026-{people["unit_a"].code}.docx"' in response["Content-Disposition"]
    client.force_login(people["editor_b"])
    assert client.get(url).status_code == 403
    services.lock_cycle(cycle, people["analyst"], reason="Ofullständig cykel i testet")
    client.force_login(people["editor_a"])
    assert client.get(url).status_code == 404


def test_analyst_gets_every_unit_as_a_zip(client, cycle, people):
    client.force_login(people["analyst"])
    response = client.get(reverse("followup:word_zip", args=[cycle.year]))
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert f"resultat-2026-{people['unit_a'].code}.docx" in names and f"resultat-2026-{people['unit_b'].code}.docx" in names
    client.force_login(people["editor_a"])
    assert client.get(reverse("followup:word_zip", args=[cycle.year])).status_code == 403


def test_upload_errors_are_clear_and_write_nothing(client, cycle, people, written):
    client.force_login(people["editor_a"])
    response = upload(client, b"x" * (wx.MAX_UPLOAD_BYTES + 1))
    assert response.status_code == 422 and "för stor" in response.content.decode()
    response = upload(client, b"inte ett dokument")
    assert response.status_code == 422 and "inte ett Word-dokument" in response.content.decode()
    response = client.post(reverse("followup:word_upload"))
    assert response.status_code == 422 and "Välj ett Word-dokument" in response.content.decode()
    response = client.post(reverse("followup:word_confirm"), {"token": "förfalskad"})
    assert response.status_code == 422 and "ogiltig" in response.content.decode()
    assert Contribution.objects.get(pk=written.pk).revision == written.revision


def test_preview_then_confirm_saves_a_new_revision(client, cycle, people, written):
    client.force_login(people["editor_a"])
    data = _edit_body(export(cycle, people), written.pk, "Skrivet i Word.")
    response = upload(client, data)
    page = response.content.decode()
    assert response.status_code == 200 and "Förhandsgranskning" in page and "<ins>" in page
    token = response.context["preview"].token
    response = client.post(reverse("followup:word_confirm"), {"token": token})
    assert response.status_code == 302 and response["Location"] == reverse("followup:contribution", args=[written.pk])
    written.refresh_from_db()
    assert "Skrivet i Word." in written.body and written.revisions.first().note == "från Word"
    # the same document again: the web already says the same, so nothing changes and there is no conflict
    preview = upload(client, data).context["preview"]
    assert {p.status for p in preview.contributions} == {"unchanged"}
    # another user cannot use the confirmation
    client.force_login(people["editor_a2"])
    assert client.post(reverse("followup:word_confirm"), {"token": token}).status_code == 422


def test_conflict_at_confirmation_shows_the_conflict_page(client, cycle, people, written):
    client.force_login(people["editor_a"])
    token = upload(client, _edit_body(export(cycle, people), written.pk, "Från Word.")).context["preview"].token
    services.save_contribution(written, user=people["editor_a2"], body="<p>Från webben.</p>", base_revision=written.revision)
    response = client.post(reverse("followup:word_confirm"), {"token": token})
    assert response.status_code == 409 and "Inget från dokumentet sparades" in response.content.decode()
    written.refresh_from_db()
    assert "Från Word." not in written.body


def test_links_from_my_tasks_and_the_cycle_page(client, cycle, people):
    client.force_login(people["editor_a"])
    assert reverse("followup:word") in client.get(reverse("followup:my_tasks")).content.decode()
    client.force_login(people["analyst"])
    assert reverse("followup:word_zip", args=[cycle.year]) in client.get(reverse("followup:cycle", args=[cycle.year])).content.decode()


def test_upload_checks_csrf_and_stores_nothing_beyond_the_limit(cycle, people, written, monkeypatch):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(people["editor_a"])
    response = csrf_client.post(reverse("followup:word_upload"), {"document": SimpleUploadedFile("a.docx", b"x", content_type=DOCX)})
    assert response.status_code == 403
    monkeypatch.setattr(wx, "MAX_UPLOAD_BYTES", 1000)
    client = Client()
    client.force_login(people["editor_a"])
    response = upload(client, b"y" * 5000)
    assert response.status_code == 422 and "Filen är för stor" in response.content.decode()


def test_upload_handler_keeps_nothing_past_the_limit():
    from django.core.files.uploadhandler import SkipFile

    from resultat.followup.word_views import _LimitedUpload

    handler = _LimitedUpload(limit=10)
    handler.new_file("document", "a.docx", DOCX, None)
    assert handler.receive_data_chunk(b"12345", 0) is None  # written to the temporary file
    with pytest.raises(SkipFile):
        handler.receive_data_chunk(b"678901", 5)
    assert handler.too_large
