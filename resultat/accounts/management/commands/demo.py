from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from resultat.accounts.services import DEMO_USERS, create_demo_users, ensure_roles


class Command(BaseCommand):
    help = "Demoläget för make run: 'setup' läser in referensdata och exempelstrategin och skapar demoanvändare."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("setup", help="Läs in Västerbotten-exemplet (offline) och skapa demoanvändarna. Idempotent.")
        sub.add_parser("logins", help="Visa demoinloggningarna.")

    def handle(self, *args, action, **options):
        if action == "setup":
            self.setup()
        self.print_logins()

    def setup(self):
        if not (settings.DEV or settings.DEBUG):
            raise CommandError("'demo setup' är bara för utvecklingsläge (RESULTAT_DEV=1).")
        ensure_roles()
        call_command("reference", "load", stdout=self.stdout)
        strategies = Path(settings.DATA_DIR) / "strategies" / "vasterbotten"
        files = [strategies / "rus-2020-2030-uppfoljning-2025.yaml", strategies / "rus-2020-2030-aktualisering-2025-26.yaml"]
        call_command("strategy", "load", *map(str, files), stdout=self.stdout)
        create_demo_users()
        from resultat.followup import demo as followup_demo
        from resultat.followup.models import Cycle
        from resultat.imports import services as imports

        followup_demo.load_setup_data()
        if not Cycle.objects.filter(year=2025).exists():
            report = Path(settings.DATA_DIR) / "reports" / "vasterbotten" / "resultat-vasterbotten-2025.ocr.txt"
            result = imports.import_report(report, year=2025)
            self.stdout.write(f"Resultat Västerbotten 2025 importerad: {result.totals['bidrag skapade']} bidrag ({result.seconds:.1f} s).")
        call_command("indicators", "load-sets", stdout=self.stdout)
        call_command("indicators", "demo", stdout=self.stdout)
        from resultat.initiatives import demo as initiatives_demo

        written = initiatives_demo.load()
        self.stdout.write(f"Syntetiska demovärden: {written.get('beslut nya', 0)} nya finansieringsbeslut för den årliga sammanställningen.")
        cycle = followup_demo.setup()
        if cycle is not None:
            self.stdout.write(f"Uppföljningscykel {cycle.year} öppnad med syntetiska demotexter för Digitalisering.")

    def print_logins(self):
        self.stdout.write("\nDemoinloggningar (bara i utvecklingsläge):")
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.role:<14} användarnamn {demo.username:<11} lösenord {demo.password}")
