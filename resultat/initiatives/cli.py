"""`resultat import initiatives FILE [--dry-run] [--template]` (a subcommand of the
imports app's `import` command)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from resultat.initiatives import importing


def run_import(command, options, progress) -> None:
    path = Path(options["file"])
    out = command.stdout
    if options.get("template"):
        path.write_bytes(importing.template_bytes())
        out.write(f"Importmallen skriven till {path}.")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}: kan inte läsas: {exc}") from exc
    try:
        result = importing.import_file(data, path.name, dry_run=options["dry_run"], progress=progress)
    except importing.ImportFailed as exc:
        raise CommandError(f"{exc}\nInget skrevs.") from exc
    preview = result.preview
    if not preview.ok:
        for e in preview.errors:
            command.stderr.write(f"  {e}" + (f" (värde: {e.value})" if e.value else ""))
        raise CommandError(f"{path.name}: {len(preview.errors)} fel i {len({e.row for e in preview.errors})} rader. Inget skrevs.")
    head = "Provkörning – inget skrevs. " if options["dry_run"] else ""
    out.write(f"{head}{path.name}: {preview.row_count} rader kontrollerade ({result.seconds:.1f} s).")
    out.write(f"  {'':<14}{'nya':>10}{'ändrade':>10}{'oförändrade':>14}")
    for what in ("beslut", "insatser", "företag"):
        c = preview.counts
        out.write(f"  {what:<14}{c.get(what + ': nya', 0):>10}{c.get(what + ': ändrade', 0):>10}{c.get(what + ': oförändrade', 0):>14}")
    if result.written:
        out.write(f"  bedömningar nya/ändrade: {result.written.get('bedömningar nya/ändrade', 0)}")
