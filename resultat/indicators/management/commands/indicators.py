import sys
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from resultat.indicators import demo, manual_import, sets
from resultat.indicators.store import IndicatorError


def _progress_printer(enabled: bool):
    def progress(stage, done, total):
        if enabled and total:
            width = 30
            filled = int(width * done / total)
            sys.stderr.write(f"\r{stage:<8} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done == total:
                sys.stderr.write("\n")
    return progress


def _http(replay: str | None, record: str | None):
    from resultat.core.sources.replay import RecordingTransport, ReplayTransport

    if replay and record:
        raise CommandError("--replay och --record kan inte användas samtidigt")
    transport = None
    if replay:
        try:
            transport = ReplayTransport(replay)
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
    elif record:
        transport = RecordingTransport(record)
    return transport


class Command(BaseCommand):
    help = "Indikatorer: 'sync' hämtar från Kolada/SCB, 'import FIL' läser in manuella värden, 'load-sets' läser in indikatoruppsättningar, 'demo' fyller en demoögonblicksbild."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        s = sub.add_parser("sync", help="Hämta värden från Kolada och/eller SCB för de inlästa indikatorerna.")
        s.add_argument("--source", choices=["kolada", "scb"], help="bara en källa (standard: båda)")
        s.add_argument("--since", type=date.fromisoformat, help="bara ändringar sedan ÅÅÅÅ-MM-DD (Kolada from_date)")
        s.add_argument("--replay", default=getattr(settings, "INDICATORS_REPLAY_DIR", None) or None,
                       help="katalog med lagrade svar (manifest.json) i stället för nätet")
        s.add_argument("--record", help="spara alla svar i denna katalog (för senare --replay)")
        s.add_argument("--indicator", action="append", help="bara dessa indikator-id (kan upprepas)")
        s.add_argument("--job", type=int, help="kör en hämtning som startats i webbgränssnittet (dess nummer)")
        i = sub.add_parser("import", help="Läs in manuella indikatorvärden från CSV eller XLSX.")
        i.add_argument("file")
        i.add_argument("--source-label", default="", help="källhänvisning som visas vid värdena, t.ex. 'SCB, tabell BE0101N1, hämtad 2026-01-15' (filnamnet sparas ändå som ursprung)")
        i.add_argument("--source", choices=["manual", "kolada", "scb"], default="manual",
                       help="värden nedladdade från Kolada eller SCB till befintliga indikatorer (standard: manual)")
        ls = sub.add_parser("load-sets", help="Läs in indikatoruppsättningar (YAML) med kopplingar till strategin.")
        ls.add_argument("files", nargs="*", help="standard: data/indicators/vasterbotten/*.yaml")
        d = sub.add_parser("demo", help="Fyll indikatorer utan värden med syntetiska demovärden (och seedernas verkliga tal).")
        d.add_argument("--replace", action="store_true", help="ersätt befintliga syntetiska värden")

    def handle(self, *args, action, **o):
        show = sys.stderr.isatty() and o.get("verbosity", 1) != 0
        if action == "sync":
            self.sync(o, _progress_printer(show))
        elif action == "import":
            try:
                result = manual_import.import_manual(o["file"], source_label=o["source_label"], source=o["source"])
            except (IndicatorError, OSError) as exc:
                raise CommandError(f"{exc}\nInget skrevs.") from exc
            c = result.counts
            self.stdout.write(f"{result.rows} rader för {', '.join(result.indicators)}: {c.new} nya, {c.changed} ändrade, {c.unchanged} oförändrade.")
        elif action == "load-sets":
            files = o["files"] or sorted(str(p) for p in (Path(settings.DATA_DIR) / "indicators" / "vasterbotten").glob("*.yaml"))
            if not files:
                raise CommandError("Inga indikatoruppsättningar hittades")
            try:
                totals = sets.load_indicator_sets(files)
            except IndicatorError as exc:
                raise CommandError(f"{exc}\nInget skrevs.") from exc
            self.stdout.write(f"Indikatoruppsättningar: {totals['indikatorer']} indikatorer, {totals['kopplingar']} kopplingar ({len(files)} filer).")
        elif action == "demo":
            totals = demo.demo_snapshot(replace=o["replace"])
            self.stdout.write(f"Demovärden: {totals['syntetiska']} syntetiska observationer (Syntetiska demovärden), {totals['verkliga']} verkliga (ögonblicksbilden ur Kolada och seedernas tal).")

    def sync(self, o, progress):
        from resultat.indicators import jobs

        if o.get("job"):
            try:
                job = jobs.run_job(o["job"], transport=_http(o["replay"], None), replay=bool(o["replay"]))
            except jobs.JobError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"Hämtning {job.pk}: {job.get_state_display()}")
            return
        summaries = jobs.run_sync(sources=[o["source"]] if o["source"] else list(jobs.SOURCES), indicator_ids=o.get("indicator"),
                                  since=o["since"], transport=_http(o["replay"], o["record"]), replay=bool(o["replay"]),
                                  progress=progress)
        if not summaries:
            self.stdout.write("Inga indikatorer att hämta för vald källa.")
            return
        self.stdout.write(f"{'källa':<8}{'förfrågningar':>14}{'omgångar':>10}{'nya':>8}{'ändrade':>9}{'borttagna':>10}{'oförändrade':>12}{'sekunder':>10}")
        for s in summaries:
            c = s.counts
            self.stdout.write(f"{s.source:<8}{s.requests:>14}{s.batches:>10}{c.new:>8}{c.changed:>9}{c.deleted:>10}{c.unchanged:>12}{s.seconds:>10.1f}")
        for s in summaries:
            for w in s.warnings:
                self.stdout.write(f"Varning ({s.source}): {w}")
        # One line per failure, whatever the source's message looked like.
        failed = [" ".join(f"{s.source}: {f}".split()) for s in summaries for f in s.failed]
        if failed:
            raise CommandError(
                "HÄMTNINGEN MISSLYCKADES – inget från den misslyckade omgången sparades "
                "(tidigare omgångar är kompletta och sparade):\n" + "\n".join(failed)
            )
