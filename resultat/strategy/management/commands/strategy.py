import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resultat.core.strategy import StrategyFileError, dump_document
from resultat.strategy import selectors, services
from resultat.strategy.models import Strategy


class Command(BaseCommand):
    help = "Strategier: 'load FIL…' läser in strategiversioner, 'export' skriver en version som YAML, 'list' visar vad som finns."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Läs in en eller flera strategifiler (YAML). Atomiskt per fil; samma fil två gånger ändrar inget.")
        load.add_argument("files", nargs="+", type=Path)
        export = sub.add_parser("export", help="Skriv en strategiversion som YAML (till stdout eller --out).")
        export.add_argument("--strategy", help="strategins kod (standard: regionens strategi)")
        export.add_argument("--version", dest="version_code", help="versionens kod (standard: aktuell version)")
        export.add_argument("--out", type=Path, help="fil att skriva till")
        sub.add_parser("list", help="Lista strategier och versioner.")

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_load(self, files, **options):
        for path in files:
            try:
                result = services.load_strategy_file(path)
            except StrategyFileError as exc:
                lines = "\n".join(f"  {p}" for p in exc.problems)
                raise CommandError(f"{path}: inget lästes in, {len(exc.problems)} fel:\n{lines}") from exc
            counts = ", ".join(f"{n} {k}" for k, n in result.counts.items())
            self.stdout.write(f"{path}: {result.summary()} ({counts})")

    def handle_export(self, strategy=None, version_code=None, out=None, **options):
        strategy_obj = Strategy.objects.filter(code=strategy).first() if strategy else selectors.default_strategy()
        if strategy_obj is None:
            raise CommandError("Ingen strategi finns inläst" if not strategy else f"Strategin {strategy!r} finns inte")
        version = strategy_obj.versions.filter(code=version_code).first() if version_code else selectors.current_version(strategy_obj)
        if version is None:
            raise CommandError(f"Versionen {version_code!r} finns inte i {strategy_obj.code}")
        text = dump_document(selectors.export_version(version))
        if out:
            out.write_text(text, encoding="utf-8")
            self.stderr.write(f"Skrev {version.code} till {out}")
        else:
            sys.stdout.write(text)

    def handle_list(self, **options):
        for strategy in Strategy.objects.select_related("region"):
            self.stdout.write(f"{strategy.region.name}: {strategy.code} — {strategy.name}")
            for version in selectors.versions_of(strategy):
                self.stdout.write(f"  {version.code:<28} {version.get_status_display():<10} från {version.valid_from}  {version.name}")
