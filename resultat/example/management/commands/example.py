from django.core.management.base import BaseCommand

from resultat.example.services import load_example


class Command(BaseCommand):
    help = "Exemplet: 'load' läser in Region Västerbottens strategi, struktur, Resultat 2025 och indikatoruppsättningar (bara verkligt material). Idempotent."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load", help="Läs in exemplet (offline, inga demoanvändare, inga syntetiska värden).")

    def handle(self, *args, action, **options):
        load_example(say=self.stdout.write, stdout=self.stdout)
        self.stdout.write("Exemplet är inläst.")
