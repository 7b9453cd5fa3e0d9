from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resultat.security import backup


class Command(BaseCommand):
    help = "Säkerhetskopiering: 'create [--out FIL]' skapar en kopia av databasen och uppladdade filer, 'restore FIL' läser tillbaka den."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Skapa en säkerhetskopia (tar) medan systemet körs.")
        create.add_argument("--out", type=Path, help="Filen att skriva (standard var/backups/resultat-TID.tar).")
        restore = sub.add_parser("restore", help="Ersätt databasen och filerna med en säkerhetskopia och kontrollera varje tabell.")
        restore.add_argument("file", type=Path)
        restore.add_argument("--yes", action="store_true", help="Fråga inte (allt nuvarande innehåll ersätts).")

    def handle(self, *args, action, **options):
        try:
            if action == "create":
                self.stdout.write("Säkerhetskopierar databasen …")
                s = backup.create(options["out"])
                self.stdout.write(f"{'fil':<10} {s.path}\n{'databas':<10} {s.engine}\n{'tabeller':<10} {s.tables}\n{'rader':<10} {s.rows}\n{'filer':<10} {s.files}\n{'storlek':<10} {s.size / 1e6:.1f} MB")
            else:
                manifest = backup.read_manifest(options["file"])
                if not options["yes"] and options.get("interactive", True):
                    answer = input(f"Ersätt ALLT i databasen och mediamappen med kopian från {manifest['created']}? Skriv ja: ")
                    if answer.strip().lower() != "ja":
                        raise CommandError("Avbrutet.")
                self.stdout.write("Läser tillbaka …")
                manifest = backup.restore(options["file"])
                rows = sum(t["rows"] for t in manifest["tables"].values())
                self.stdout.write(f"Återläst och kontrollerad: {len(manifest['tables'])} tabeller, {rows} rader, {len(manifest['media'])} filer lika med kopian.")
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
