from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from resultat.accounts.services import DEMO_USERS, create_demo_users


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
        from resultat.example.services import load_example, load_synthetic_demo
        from resultat.followup import demo as followup_demo

        load_example(say=self.stdout.write, stdout=self.stdout)
        create_demo_users()
        load_synthetic_demo(say=self.stdout.write, stdout=self.stdout)
        cycle = followup_demo.setup()
        if cycle is not None:
            self.stdout.write(f"Uppföljningscykel {cycle.year} öppnad med syntetiska demotexter för Digitalisering.")

    def print_logins(self):
        self.stdout.write("\nDemoinloggningar (bara i utvecklingsläge):")
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.role:<14} användarnamn {demo.username:<11} lösenord {demo.password}")
