import getpass
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from resultat.accounts import services, throttle
from resultat.accounts.models import Role


class Command(BaseCommand):
    help = "Konton: 'unlock USER' låser upp en spärrad inloggning, 'locked' listar spärrade konton."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        unlock = sub.add_parser("unlock", help="Lås upp inloggningen för ett användarnamn (eller --ip en adress).")
        unlock.add_argument("username", nargs="?")
        unlock.add_argument("--ip", help="Lås upp en IP-adress i stället.")
        sub.add_parser("locked", help="Lista spärrade konton och adresser.")
        create = sub.add_parser("create", help="Skapa ett konto med en roll (t.ex. den första administratören).")
        create.add_argument("username")
        create.add_argument("--role", required=True, choices=Role.values, help="rollen: " + ", ".join(Role.values))
        create.add_argument("--email", default="")
        create.add_argument("--name", default="", help="för- och efternamn")
        create.add_argument("--password-stdin", action="store_true", help="läs lösenordet från standard in (första raden)")

    def handle(self, *args, action, **options):
        if action == "create":
            self.create(**options)
        elif action == "unlock":
            if options["ip"]:
                done = throttle.unlock_ip(options["ip"])
                what = f"IP-adressen {options['ip']}"
            elif options["username"]:
                done = throttle.unlock(options["username"])
                what = f"Kontot {options['username']}"
            else:
                raise CommandError("Ange ett användarnamn eller --ip ADRESS.")
            self.stdout.write(f"{what} är upplåst." if done else f"{what} hade inga misslyckade inloggningar att rensa.")
        else:
            from resultat.accounts.models import LoginThrottle

            rows = LoginThrottle.objects.filter(locked_until__gt=timezone.now()).order_by("kind", "key")
            if not rows:
                self.stdout.write("Inga spärrar.")
            for row in rows:
                self.stdout.write(f"{row.get_kind_display():<10} {row.key:<30} {row.failures:>4} försök, spärrad till {timezone.localtime(row.locked_until):%Y-%m-%d %H:%M}")

    def create(self, username, role, email, name, password_stdin, **_):
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        elif sys.stdin.isatty():
            password = getpass.getpass("Lösenord: ")
            if password != getpass.getpass("Lösenordet igen: "):
                raise CommandError("Lösenorden är olika. Inget skapades.")
        else:
            raise CommandError("Ange lösenordet interaktivt eller med --password-stdin. Inget skapades.")
        try:
            user = services.create_account(username=username, password=password, role=role, email=email, name=name)
        except services.AccountError as exc:
            raise CommandError(f"{exc} Inget skapades.") from exc
        self.stdout.write(f"Kontot {user.username} skapades med rollen {Role(role).label}.")
