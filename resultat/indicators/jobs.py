"""Fetching indicator data as a background job, started from the web interface.

``run_sync`` is the one sync routine: the command line (``resultat indicators sync``)
and the background job both call it. A job is a :class:`SyncJob` row; starting one
(``start_job``) queues it and, after the transaction commits, launches a separate
process (``resultat indicators sync --job ID``) that runs it. That process writes its
progress (stage, done/total, heartbeat) to the row, so the analyst's page can show a
progress bar and, at the end, the same summary table the command prints. No extra
service is needed: the job runs in its own process, outside the web server's workers
and their time-outs.

Only one job runs at a time. A job whose process died (no heartbeat for
``STALE_AFTER``) is shown as interrupted and no longer blocks a new one.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from typing import Any, Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from resultat.core.sources.errors import SourceError
from resultat.indicators import assessment, sync
from resultat.indicators.models import Indicator, SyncJob
from resultat.security.locks import serialise

log = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=10)
HEARTBEAT_SECONDS = 0.5  # progress is written at most this often
SOURCES = ("kolada", "scb")

Progress = Callable[[str, int, int], None]


def run_sync(
    *,
    sources: list[str] | tuple[str, ...] = SOURCES,
    indicator_ids: list[str] | None = None,
    since: date | None = None,
    transport=None,
    replay: bool = False,
    progress: Progress | None = None,
) -> list[sync.SyncSummary]:
    """Sync each source in turn. A source that fails is one summary with its failure;
    the other sources still run. ``transport`` replays or records responses (tests,
    ``--replay``, ``--record``); None means the network."""
    from resultat.core.sources.http import HttpClient, RateLimiter
    from resultat.core.sources.kolada import KoladaClient
    from resultat.core.sources.scb import ScbClient

    summaries = []
    for source in sources:
        qs = Indicator.objects.filter(source=source)
        if indicator_ids:
            qs = qs.filter(external_id__in=indicator_ids)
        if not qs.exists():
            continue
        # Replaying stored responses: no pacing, and a stored 5xx is not waited out (the
        # retries still happen, so a replay fails or succeeds as the live run would).
        no_wait = {"sleep": lambda seconds: None} if replay else {}
        try:
            if source == "kolada":
                http = HttpClient(transport=transport, pacer=None if replay else RateLimiter(5, 1.0), **no_wait)
                summaries.append(sync.sync_kolada(KoladaClient(http), indicators=list(qs), since=since, progress=progress))
            else:
                http = HttpClient(transport=transport, **no_wait)
                summaries.append(sync.sync_scb(ScbClient(http), indicators=list(qs), progress=progress))
        except (ValueError, SourceError) as exc:  # IndicatorError is a ValueError
            # Whatever a source throws is that source's failure: report it, go on with the others.
            failed = sync.SyncSummary(source)
            failed.failed.append(str(exc))
            summaries.append(failed)
    return summaries


def summary_rows(summaries: list[sync.SyncSummary]) -> list[dict[str, Any]]:
    """The summaries as plain data (stored with a job, shown as a table)."""
    return [
        {
            "source": s.source, "requests": s.requests, "batches": s.batches, "new": s.counts.new,
            "changed": s.counts.changed, "deleted": s.counts.deleted, "unchanged": s.counts.unchanged,
            "seconds": round(s.seconds, 1), "warnings": list(s.warnings),
            "failed": [" ".join(f.split()) for f in s.failed],
        }
        for s in summaries
    ]


# --- jobs ---------------------------------------------------------------------------------


class JobError(ValueError):
    """A job cannot be started or run."""


def is_stale(job: SyncJob, now=None) -> bool:
    now = now or timezone.now()
    seen = job.heartbeat_at or job.created_at
    return job.state in (SyncJob.State.QUEUED, SyncJob.State.RUNNING) and now - seen > STALE_AFTER


def active_job() -> SyncJob | None:
    """The job queued or running now (not one whose process died)."""
    for job in SyncJob.objects.filter(state__in=[SyncJob.State.QUEUED, SyncJob.State.RUNNING]).order_by("-created_at"):
        if not is_stale(job):
            return job
    return None


def start_job(user, *, sources: list[str] | None = None, launch: Callable[[SyncJob], None] | None = None) -> tuple[SyncJob, bool]:
    """Queue a sync job and launch its process after commit. Returns (job, created): when a
    job is already queued or running, that job and False (nothing new is started)."""
    if not assessment.can_assess(user):
        raise JobError(_("Bara analytiker kan hämta indikatordata."))
    sources = list(sources or SOURCES)
    unknown = [s for s in sources if s not in SOURCES]
    if unknown:
        raise JobError(_("Okänd källa: %(source)s") % {"source": ", ".join(unknown)})
    launch = launch or launch_process
    with transaction.atomic():
        # Serialise starts: two analysts clicking at once get one job. A row lock is not
        # enough (with no job queued there is no row to lock), so a named lock.
        serialise("indicators:sync-job")
        running = active_job()
        if running is not None:
            return running, False
        for old in SyncJob.objects.filter(state__in=[SyncJob.State.QUEUED, SyncJob.State.RUNNING]):
            if is_stale(old):
                old.state = SyncJob.State.FAILED
                old.error = _("Avbruten: processen svarade inte längre.")
                old.finished_at = timezone.now()
                old.save(update_fields=["state", "error", "finished_at"])
        job = SyncJob.objects.create(requested_by=user if user and user.is_authenticated else None, sources=sources,
                                     heartbeat_at=timezone.now())
        transaction.on_commit(lambda: launch(job))
    return job, True


def launch_process(job: SyncJob) -> None:
    """Run the job in its own process: ``resultat indicators sync --job ID``, detached from
    the web worker (its own session, output to the log directory or nowhere)."""
    command = [sys.executable, "-m", "resultat.cli", "indicators", "sync", "--job", str(job.pk)]
    log_dir = os.environ.get("RESULTAT_LOG_DIR")  # the job's own output, for operators (docs/deploy.md)
    out = open(os.path.join(log_dir, f"indikatorhamtning-{job.pk}.log"), "ab") if log_dir else subprocess.DEVNULL
    try:
        subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                         close_fds=True, env=os.environ.copy())
    except OSError as exc:
        SyncJob.objects.filter(pk=job.pk).update(state=SyncJob.State.FAILED, error=_("Kunde inte starta hämtningen: %(error)s") % {"error": exc},
                                                 finished_at=timezone.now())
    finally:
        if out is not subprocess.DEVNULL:
            out.close()


def run_job(job_id: int, *, transport=None, replay: bool = False) -> SyncJob:
    """Run a queued job in this process, writing progress to it; returns it finished."""
    with transaction.atomic():
        job = SyncJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None:
            raise JobError(_("Hämtning %(id)s finns inte.") % {"id": job_id})
        if job.state != SyncJob.State.QUEUED:
            raise JobError(_("Hämtning %(id)s har redan körts (%(state)s).") % {"id": job_id, "state": job.get_state_display()})
        job.state = SyncJob.State.RUNNING
        job.started_at = job.heartbeat_at = timezone.now()
        job.pid = os.getpid()
        job.save(update_fields=["state", "started_at", "heartbeat_at", "pid"])

    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - last[0] < HEARTBEAT_SECONDS:
            return
        last[0] = now
        SyncJob.objects.filter(pk=job_id).update(stage=stage, done=done, total=total, heartbeat_at=timezone.now())

    try:
        summaries = run_sync(sources=job.sources or SOURCES, transport=transport, replay=replay, progress=progress)
    except Exception as exc:  # the job must end in a state the page can show, whatever happened
        log.exception("Indikatorhämtning %s misslyckades", job_id)
        SyncJob.objects.filter(pk=job_id).update(state=SyncJob.State.FAILED, error=" ".join(str(exc).split())[:2000],
                                                 finished_at=timezone.now(), heartbeat_at=timezone.now())
        return SyncJob.objects.get(pk=job_id)
    rows = summary_rows(summaries)
    failed = any(r["failed"] for r in rows)
    SyncJob.objects.filter(pk=job_id).update(
        state=SyncJob.State.FAILED if failed else SyncJob.State.DONE, summary=rows, finished_at=timezone.now(),
        heartbeat_at=timezone.now(), error=_("Minst en källa misslyckades; se sammanfattningen.") if failed else "",
    )
    return SyncJob.objects.get(pk=job_id)
