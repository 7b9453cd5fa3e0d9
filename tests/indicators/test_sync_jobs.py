"""Fetching indicator data from the web interface as a background job (SQLite and PostgreSQL)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from resultat.accounts.models import Role
from resultat.core.sources.replay import ReplayTransport
from resultat.indicators import jobs
from resultat.indicators import sync as sync_module
from resultat.indicators.models import Indicator, Observation, SyncJob
from tests.factories import make_user

from .conftest import KOLADA_FILES, kolada_entries, replay_dir

pytestmark = pytest.mark.django_db


@pytest.fixture
def kolada(monkeypatch):
    """One Kolada indicator and the two areas the stored responses answer for."""
    monkeypatch.setattr(sync_module, "default_areas", lambda: ["24", "2480"])
    return Indicator.objects.create(source="kolada", external_id="N01951", title="gammal titel", unit="antal", decimals=0)


@pytest.fixture
def launched(monkeypatch):
    """Record the jobs handed to a process instead of starting one."""
    started = []
    monkeypatch.setattr(jobs, "launch_process", started.append)
    return started


def test_an_analyst_starts_a_fetch_follows_it_and_reads_the_summary(client, kolada, launched, tmp_path,
                                                                     django_capture_on_commit_callbacks):
    analyst = make_user("anna", Role.ANALYST)
    client.force_login(analyst)
    page = client.get("/indikatorer/hamtning/").content.decode()
    assert "Starta hämtningen" in page and "Kolada: 1 indikator" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/indikatorer/hamtning/", {"kalla": ["kolada"]})
    job = SyncJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/indikatorer/hamtning/{job.pk}/"
    assert launched == [job] and job.state == SyncJob.State.QUEUED and job.sources == ["kolada"]
    assert job.requested_by == analyst

    running = client.get(f"/indikatorer/hamtning/{job.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in running and "<progress" in running and "i kö" in running

    d = replay_dir(tmp_path, kolada_entries(), KOLADA_FILES)
    job = jobs.run_job(job.pk, transport=ReplayTransport(d), replay=True)
    assert job.state == SyncJob.State.DONE and job.error == "" and job.pid
    assert job.summary[0]["source"] == "kolada" and job.summary[0]["new"] == 18 and job.summary[0]["failed"] == []
    assert (job.stage, job.done, job.total) == ("Kolada", 1, 1)
    assert Observation.objects.filter(indicator=kolada).count() == 18

    fragment = client.get(f"/indikatorer/hamtning/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragment and "klar" in fragment and '<td class="num">18</td>' in fragment
    assert "<html" not in fragment


def test_a_second_start_while_one_runs_follows_the_running_one(client, kolada, launched, django_capture_on_commit_callbacks):
    analyst = make_user("anna", Role.ANALYST)
    first, created = jobs.start_job(analyst)
    assert created
    client.force_login(analyst)
    response = client.post("/indikatorer/hamtning/", follow=True)
    assert SyncJob.objects.count() == 1 and response.redirect_chain[-1][0] == f"/indikatorer/hamtning/{first.pk}/"
    assert "En hämtning pågår redan" in response.content.decode()


def test_a_job_whose_process_died_does_not_block_a_new_one(kolada, launched):
    analyst = make_user("anna", Role.ANALYST)
    old, _ = jobs.start_job(analyst)
    SyncJob.objects.filter(pk=old.pk).update(state=SyncJob.State.RUNNING, heartbeat_at=timezone.now() - timedelta(minutes=30))
    new, created = jobs.start_job(analyst)
    assert created and new.pk != old.pk
    old.refresh_from_db()
    assert old.state == SyncJob.State.FAILED and "svarade inte" in old.error


def test_a_failing_source_ends_the_job_as_failed_with_its_reason(kolada, launched, tmp_path):
    job, _ = jobs.start_job(make_user("anna", Role.ANALYST), sources=["kolada"])
    d = replay_dir(tmp_path, kolada_entries(page2_status=500), KOLADA_FILES)
    job = jobs.run_job(job.pk, transport=ReplayTransport(d), replay=True)
    assert job.state == SyncJob.State.FAILED and "Minst en källa misslyckades" in job.error
    assert "500" in job.summary[0]["failed"][0]
    assert not Observation.objects.exists()
    with pytest.raises(jobs.JobError, match="har redan körts"):
        jobs.run_job(job.pk)


@pytest.mark.parametrize("role, status", [(None, 302), (Role.EDITOR, 403), (Role.REVIEWER, 403)])
def test_only_analysts_fetch(client, kolada, launched, role, status):
    if role:
        client.force_login(make_user("x", role))
    assert client.get("/indikatorer/hamtning/").status_code == status
    assert client.post("/indikatorer/hamtning/").status_code == status
    assert not SyncJob.objects.exists()
    with pytest.raises(jobs.JobError):
        jobs.start_job(make_user("y", Role.EDITOR))


def test_the_job_runs_in_its_own_process_through_the_command(monkeypatch, kolada, tmp_path):
    calls = []

    class FakePopen:
        def __init__(self, command, **kwargs):
            calls.append((command, kwargs))

    monkeypatch.setattr(jobs.subprocess, "Popen", FakePopen)
    job = SyncJob.objects.create(sources=["kolada"])
    jobs.launch_process(job)
    command, kwargs = calls[0]
    assert command[1:] == ["-m", "resultat.cli", "indicators", "sync", "--job", str(job.pk)]
    assert kwargs["start_new_session"] and kwargs["stdin"] is not None

    d = replay_dir(tmp_path, kolada_entries(), KOLADA_FILES)
    out = StringIO()
    call_command("indicators", "sync", "--job", str(job.pk), "--replay", str(d), stdout=out)
    assert f"Hämtning {job.pk}: klar" in out.getvalue()
    assert Observation.objects.filter(indicator=kolada).count() == 18


def test_a_process_that_cannot_start_marks_the_job_failed(monkeypatch, kolada):
    def refuse(*args, **kwargs):
        raise OSError("inget sådant program")

    monkeypatch.setattr(jobs.subprocess, "Popen", refuse)
    job = SyncJob.objects.create(sources=["kolada"])
    jobs.launch_process(job)
    job.refresh_from_db()
    assert job.state == SyncJob.State.FAILED and "inget sådant program" in job.error
