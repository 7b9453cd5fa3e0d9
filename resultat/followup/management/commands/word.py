"""resultat word export|import: the Word exchange from the command line (analysts)."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from resultat.accounts.models import User
from resultat.followup import selectors, services
from resultat.followup import wordexchange as wx
from resultat.followup.models import Unit


class Command(BaseCommand):
    help = "Word-dokument: export (en .docx per verksamhet) och import (förhandsgranska och spara ett redigerat dokument)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        e = sub.add_parser("export", help="Skriv verksamheternas Word-dokument för en öppen uppföljning.")
        e.add_argument("--year", type=int, required=True)
        e.add_argument("--unit", help="verksamhetens kod (standard: alla verksamheter med bidrag)")
        e.add_argument("--out", required=True, help="katalog att skriva dokumenten i")
        i = sub.add_parser("import", help="Läs in ett redigerat dokument: visar vad som ändras och sparar allt eller inget.")
        i.add_argument("file")
        i.add_argument("--user", required=True, help="redaktören som ändringarna sparas i namn av (måste vara redaktör för verksamheten)")
        i.add_argument("--dry-run", action="store_true", help="visa bara vad som skulle ändras")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"do_{action}")(**options)
        except (wx.WordExchangeError, services.FollowupError, PermissionDenied) as exc:
            raise CommandError(str(exc) or "Åtgärden är inte tillåten.") from exc

    def do_export(self, year, unit=None, out=".", **_):
        cycle = selectors.cycles().filter(year=year).first()
        if cycle is None:
            raise CommandError(f"Ingen uppföljningscykel för {year}")
        units = Unit.objects.filter(areas__contributions__cycle=cycle).distinct().order_by("name")
        if unit:
            units = units.filter(code=unit)
            if not units.exists():
                raise CommandError(f"Verksamheten {unit!r} finns inte eller har inga bidrag {year}")
        target = Path(out)
        target.mkdir(parents=True, exist_ok=True)
        units = list(units)
        for n, u in enumerate(units, start=1):
            path = target / wx.filename(cycle, u)
            path.write_bytes(wx.export_document(cycle, u))
            self.stdout.write(f"[{n}/{len(units)}] {path} ({u.name})")
        self.stdout.write(f"{len(units)} dokument skrivna i {target}.")

    def do_import(self, file, user, dry_run=False, **_):
        person = User.objects.filter(username=user).first()
        if person is None:
            raise CommandError(f"Okänd användare {user!r}")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Filen {file} finns inte")
        if path.stat().st_size > wx.MAX_UPLOAD_BYTES:
            raise CommandError(f"Filen är för stor: högst {wx.MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
        preview = wx.preview_upload(path.read_bytes(), person)
        total = len(preview.contributions)
        labels = {"unchanged": "oförändrat", "change": "ändras", "conflict": "KROCK", "refused": "TAS INTE EMOT", "error": "FEL"}
        for n, p in enumerate(preview.contributions, start=1):
            detail = f": {p.reason}" if p.reason else ""
            extra = f" ({len(p.item_changes)} ändringar i listorna)" if p.item_changes else ""
            self.stdout.write(f"[{n}/{total}] {p.place}: {labels[p.status]}{extra}{detail}")
        for place, message in preview.problems:
            self.stderr.write(f"problem: {place}: {message}")
        for place, message in preview.notes:
            self.stdout.write(f"not: {place}: {message}")
        if preview.blocked:
            raise CommandError("Dokumentet har problem (se ovan); inget sparades.")
        if not preview.changes:
            self.stdout.write("Dokumentet ändrar ingenting.")
            return
        if dry_run:
            self.stdout.write(f"Torrkörning: {len(preview.changes)} bidrag skulle sparas; inget sparades.")
            return
        with transaction.atomic():
            saved = wx.confirm(preview.token, person, note="från Word (kommandoraden)")
        self.stdout.write(f"{len(saved)} bidrag sparade som nya versioner.")
