import sys

from django.core.management.base import BaseCommand, CommandError

from resultat.imports import services


class Command(BaseCommand):
    help = "Import: 'report FIL --year ÅR' läser in en tidigare utgåva av rapporten (PDF eller OCR-text) som en publicerad cykel; 'initiatives FIL' läser in finansieringsbeslut och insatser (CSV/XLSX)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        r = sub.add_parser("report", help="Läs in en tidigare utgåva av Resultat-rapporten (PDF med textlager, eller OCR-text).")
        r.add_argument("file")
        r.add_argument("--year", type=int, required=True)
        r.add_argument("--strategy-version", default="uppfoljning-2025", help="strategiversionen rapporten följer upp")
        r.add_argument("--region", default="vasterbotten")
        r.add_argument("--structure", help="strukturfil (standard: data/followup/REGION/structure-ÅR.yaml)")
        r.add_argument("--dry-run", action="store_true", help="visa vad som skulle skapas, med varningar, utan att skriva något")
        r.add_argument("--ocr-text", help="OCR-texten till en inskannad PDF utan textlager (annars läses PDF:ens text direkt)")
        r.add_argument("--front-matter", help="fil med rapportens egna texter, förord och inledning (standard: data/reports/REGION/front-matter-ÅR.yaml)")
        i = sub.add_parser("initiatives", help="Läs in finansieringsbeslut och insatser från CSV eller XLSX (mallen: resultat import initiatives --template FIL).")
        i.add_argument("file")
        i.add_argument("--dry-run", action="store_true", help="kontrollera filen och visa vad som skulle skapas eller ändras, utan att skriva något")
        i.add_argument("--template", action="store_true", help="skriv importmallen (XLSX) till FIL i stället för att läsa")

    def handle(self, *args, what, **o):
        show = sys.stderr.isatty() and not o.get("verbosity", 1) == 0

        def progress(stage, done, total):
            if show and total:
                width = 30
                filled = int(width * done / total)
                sys.stderr.write(f"\r{stage:<8} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
                if done == total:
                    sys.stderr.write("\n")

        if what == "initiatives":
            from resultat.initiatives.cli import run_import

            return run_import(self, o, progress)
        try:
            result = services.import_report(
                o["file"], year=o["year"], version_code=o["strategy_version"], region=o["region"],
                structure_file=o.get("structure"), dry_run=o["dry_run"], progress=progress,
                ocr_text=o.get("ocr_text"), front_matter_file=o.get("front_matter"),
            )
        except services.ImportError_ as exc:
            raise CommandError(f"{exc}\nInget skrevs.") from exc
        self.stdout.write(("Provkörning – inget skrevs. " if result.dry_run else "") + f"Rapporten {result.year} ({result.seconds:.1f} s):")
        kinds = sorted({k for c in result.per_chapter.values() for k in c})
        self.stdout.write(f"  {'kapitel':<8}" + "".join(f"{k[:18]:>20}" for k in kinds))
        for chapter, counts in result.per_chapter.items():
            self.stdout.write(f"  {chapter:<8}" + "".join(f"{counts.get(k, 0):>20}" for k in kinds))
        for key, n in sorted(result.totals.items()):
            self.stdout.write(f"  {key}: {n}")
        if result.warnings:
            self.stdout.write(f"{len(result.warnings)} varningar:")
            for w in result.warnings:
                self.stdout.write(f"  {w}")
