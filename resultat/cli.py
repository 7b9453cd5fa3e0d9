"""The ``resultat`` console script.

``resultat strategy load FILE`` runs the management command ``strategy`` with
``load FILE``; any Django management command works the same way
(``resultat migrate``, ``resultat runserver``). ``resultat --help`` lists
Resultat's own commands first.
"""

from __future__ import annotations

import os
import sys

OWN_APPS = ("accounts", "strategy", "public")


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resultat.config.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        if not argv or argv[0] in ("-h", "--help", "help") and len(argv) == 1:
            _print_help()
            return
        execute_from_command_line(["resultat", *argv])
    except ImproperlyConfigured as exc:
        # A missing or unfit environment (SECRET_KEY, DATABASE_URL ...): one line, no traceback.
        print(f"resultat: {exc}", file=sys.stderr)
        if not os.environ.get("SECRET_KEY") and not os.environ.get("RESULTAT_DEV"):
            print("resultat: för utveckling (som make run): RESULTAT_DEV=1 resultat …", file=sys.stderr)
        raise SystemExit(2) from None


def _print_help() -> None:
    import django
    from django.core.management import get_commands, load_command_class

    django.setup()
    commands = get_commands()
    print("Användning: resultat KOMMANDO [ARGUMENT]\n")
    print("Resultats egna kommandon:")
    for name, app in sorted(commands.items()):
        if app.startswith("resultat."):
            help_text = load_command_class(app, name).help.strip().splitlines()[0]
            print(f"  {name:<20} {help_text}")
    others = sorted(n for n, a in commands.items() if not a.startswith("resultat."))
    print("\nDjangos kommandon (t.ex. migrate, runserver, createsuperuser):")
    print("  " + ", ".join(others))
    print("\n'resultat KOMMANDO --help' visar ett kommandos argument.")


if __name__ == "__main__":
    main()
