import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resultat.core.ocr import repair_text


class Command(BaseCommand):
    help = "Text: 'repair [FIL]' reparerar svensk OCR-text (å/ä/ö m.m.) från FIL eller stdin till stdout."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        r = sub.add_parser("repair", help="Reparera OCR-text; läser stdin utan FIL.")
        r.add_argument("file", nargs="?")
        r.add_argument("--layout", action="store_true", help="foga också ihop avstavningar och sönderbrutna stycken")

    def handle(self, *args, action, file=None, layout=False, **options):
        try:
            text = Path(file).read_text(encoding="utf-8") if file else sys.stdin.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file}: kan inte läsas: {exc}") from exc
        if layout:
            from resultat.core.ocr import clean_layout

            text = clean_layout(text)
        sys.stdout.write(repair_text(text))
