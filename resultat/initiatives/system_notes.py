"""The initiative register's system notes in an initiative's edit history, shown in the
reader's language (registered by integrations.py with resultat/infrastructure/system_notes.py)."""

from __future__ import annotations

from django.utils.translation import gettext

from resultat.infrastructure.system_notes import note

NOTES = (
    # services.py
    note("initiatives.created", r"skapad", lambda p: gettext("skapad")),
    note("initiatives.confirmed", r"Bekräftad av analytiker", lambda p: gettext("Bekräftad av analytiker")),
    note("initiatives.rejected", r"Avvisad av analytiker", lambda p: gettext("Avvisad av analytiker")),
)
