from django.core.management.base import BaseCommand, CommandError

from resultat.reference import services


class Command(BaseCommand):
    help = "Referensdata (Agenda 2030, ramverk, geografi): 'load' läser in data/reference/."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load", help="Läs in (eller uppdatera) all referensdata från data/reference/.")

    def handle(self, *args, action, **options):
        try:
            summaries = services.load_all()
        except services.ReferenceDataError as exc:
            raise CommandError(str(exc)) from exc
        for name, summary in summaries.items():
            self.stdout.write(f"{name}: {summary}")
