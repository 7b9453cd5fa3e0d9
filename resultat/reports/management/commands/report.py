import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resultat.core.report.slices import SLICES, make_slice
from resultat.followup.models import Cycle
from resultat.reports import services


class Command(BaseCommand):
    help = "Rapporten: 'build --year ÅR --format html,pdf,docx --out MAPP' skapar årets rapport; 'freeze --year ÅR' fryser en utgåva."
    # The system checks import every URL module and view (about 2 s of a 4 s build on the
    # shared machine); building a report needs none of them (bench/report.py, docs/benchmarks.md).
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        b = sub.add_parser("build", help="Skapa rapporten i ett eller flera format.")
        b.add_argument("--year", type=int, required=True)
        b.add_argument("--format", default="html,pdf,docx", help="kommaseparerat: html, pdf, docx")
        b.add_argument("--out", required=True, help="mapp att skriva filerna i")
        b.add_argument("--slice", choices=sorted(SLICES), help="bara ett utdrag (t.ex. omvarldsanalys)")
        f = sub.add_parser("freeze", help="Frys en utgåva av en cykels rapport.")
        f.add_argument("--year", type=int, required=True)

    def handle(self, *args, what, **o):
        cycle = Cycle.objects.filter(year=o["year"]).order_by("-version__valid_from").first()
        if cycle is None:
            raise CommandError(f"Det finns ingen uppföljningscykel för {o['year']}.")
        if what == "freeze":
            try:
                edition = services.freeze_edition(cycle)
            except services.EditionRefused as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"Utgåva {edition.number} av {cycle.year}: {edition.content_hash}")
            return
        formats = [f.strip() for f in o["format"].split(",") if f.strip()]
        bad = [f for f in formats if f not in services.FORMATS]
        if bad:
            raise CommandError(f"--format: okänt format {', '.join(bad)} (välj bland {', '.join(services.FORMATS)})")
        out = Path(o["out"])
        out.mkdir(parents=True, exist_ok=True)
        show = sys.stderr.isatty() and o.get("verbosity", 1) != 0

        def progress(stage, done, total):
            if show and total:
                filled = int(30 * done / total)
                sys.stderr.write(f"\r{stage:<8} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
                if done == total:
                    sys.stderr.write("\n")

        t0 = time.perf_counter()
        try:
            report, edition = services.report_for(cycle)
        except services.EditionRefused as exc:
            raise CommandError(str(exc)) from exc
        if o.get("slice"):
            report = make_slice(report, o["slice"])
        rows = []
        for n, fmt in enumerate(formats):
            t = time.perf_counter()
            rendered = services.render(report, fmt)
            path = out / rendered.filename
            path.write_bytes(rendered.content)
            rows.append((fmt, path, len(rendered.content), time.perf_counter() - t))
            progress("format", n + 1, len(formats))
        self.stdout.write(f"{report.title}" + (f" (utgåva {edition.number}, {edition.content_hash[:12]})" if edition else " (utkast)"))
        self.stdout.write(f"  {'format':<6} {'storlek':>10} {'tid':>7}  fil")
        for fmt, path, size, secs in rows:
            self.stdout.write(f"  {fmt:<6} {size:>10} {secs:>6.1f}s  {path}")
        self.stdout.write(f"  totalt {time.perf_counter() - t0:.1f} s")
