from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from resultat.opendata import export


class Command(BaseCommand):
    help = "Export: 'opendata --out KATALOG' skriver alla öppna data (CSV, JSON, datapackage, DCAT, API-filer) för statisk publicering."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        o = sub.add_parser("opendata", help="Skriv alla öppna data till en katalog.")
        o.add_argument("--out", required=True, help="målkatalog (skapas vid behov)")
        o.add_argument("--base-url", default="", help="webbplatsens adress för DCAT-katalogens länkar (standard: RESULTAT_SITE_URL)")

    def handle(self, *args, what, out, base_url, **o):
        base = base_url or settings.RESULTAT_SITE_URL
        if not base.startswith(("http://", "https://")):
            raise CommandError("Ange --base-url https://… (eller RESULTAT_SITE_URL): DCAT-katalogen behöver absoluta adresser.")
        show = o.get("verbosity", 1) > 0

        def progress(stage, done, total):
            if show:
                width = 30
                filled = width * done // max(total, 1)
                end = "\n" if done >= total else ""
                self.stderr.write(f"\r{stage[:20]:<20} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}{end}")
                self.stderr.flush()

        result = export.export(Path(out), base, progress)
        groups: dict[str, list[int]] = {}
        for rel, size in result.files:
            key = rel.split("/")[0] + "/" + (rel.split("/")[1] if rel.startswith("api/") and rel.count("/") > 1 else "")
            groups.setdefault(key, []).append(size)
        self.stdout.write(f"{'del':<32} {'filer':>6} {'byte':>10}")
        for key in sorted(groups):
            self.stdout.write(f"{key:<32} {len(groups[key]):>6} {sum(groups[key]):>10}")
        self.stdout.write(f"{'totalt':<32} {len(result.files):>6} {sum(s for _, s in result.files):>10}")
        self.stdout.write(f"Skrivet till {out}")
