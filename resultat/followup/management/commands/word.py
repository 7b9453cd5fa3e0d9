"""resultat word export|import: the Word exchange from the command line (analysts)."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

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
            raise CommandError(str(exc) or _("Åtgärden är inte tillåten.")) from exc

    def do_export(self, year, unit=None, out=".", **_options):
        cycle = selectors.cycles().filter(year=year).first()
        if cycle is None:
            raise CommandError(_("Ingen uppföljningscykel för %(year)s") % {"year": year})
        units = Unit.objects.filter(areas__contributions__cycle=cycle).distinct().order_by("name")
        if unit:
            units = units.filter(code=unit)
            if not units.exists():
                raise CommandError(_("Verksamheten %(unit)r finns inte eller har inga bidrag %(year)s") % {"unit": unit, "year": year})
        target = Path(out)
        target.mkdir(parents=True, exist_ok=True)
        units = list(units)
        for n, u in enumerate(units, start=1):
            path = target / wx.filename(cycle, u)
            path.write_bytes(wx.export_document(cycle, u))
            self.stdout.write(f"[{n}/{len(units)}] {path} ({u.name})")
        self.stdout.write(_("%(n)s dokument skrivna i %(dir)s.") % {"n": len(units), "dir": target})

    def do_import(self, file, user, dry_run=False, **_options):
        person = User.objects.filter(username=user).first()
        if person is None:
            raise CommandError(_("Okänd användare %(user)r") % {"user": user})
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Filen %(file)s finns inte") % {"file": file})
        if path.stat().st_size > wx.MAX_UPLOAD_BYTES:
            raise CommandError(_("Filen är för stor: högst %(max)s MB") % {"max": wx.MAX_UPLOAD_BYTES // (1024 * 1024)})
        preview = wx.preview_upload(path.read_bytes(), person)
        total = len(preview.contributions)
        labels = {"unchanged": _("oförändrat"), "change": _("ändras"), "conflict": _("KROCK"), "refused": _("TAS INTE EMOT"), "error": _("FEL")}
        for n, p in enumerate(preview.contributions, start=1):
            detail = f": {p.reason}" if p.reason else ""
            extra = " " + _("(%(n)s ändringar i listorna)") % {"n": len(p.item_changes)} if p.item_changes else ""
            self.stdout.write(f"[{n}/{total}] {p.place}: {labels[p.status]}{extra}{detail}")
        for place, message in preview.problems:
            self.stderr.write(_("problem: %(place)s: %(message)s") % {"place": place, "message": message})
        for place, message in preview.notes:
            self.stdout.write(_("not: %(place)s: %(message)s") % {"place": place, "message": message})
        if preview.blocked:
            raise CommandError(_("Dokumentet har problem (se ovan); inget sparades."))
        if not preview.changes:
            self.stdout.write(_("Dokumentet ändrar ingenting."))
            return
        if dry_run:
            self.stdout.write(_("Torrkörning: %(n)s bidrag skulle sparas; inget sparades.") % {"n": len(preview.changes)})
            return
        with transaction.atomic():
            saved = wx.confirm(preview.token, person, note=_("från Word (kommandoraden)"))
        self.stdout.write(_("%(n)s bidrag sparade som nya versioner.") % {"n": len(saved)})
