"""The follow-up's system notes in histories, shown in the reader's language
(registered by integrations.py with resultat/infrastructure/system_notes.py)."""

from __future__ import annotations

from django.utils.translation import gettext, ngettext

from resultat.infrastructure.system_notes import note

NOTES = (
    # services.py: open_cycle
    note("followup.contributions_created", r"(?P<n>\d+) bidrag skapade",
         lambda p: ngettext("%(n)s bidrag skapat", "%(n)s bidrag skapade", int(p["n"])) % p),
    note("followup.contributions_created_carried_over", r"(?P<n>\d+) bidrag skapade, texter överförda",
         lambda p: ngettext("%(n)s bidrag skapat, texter överförda", "%(n)s bidrag skapade, texter överförda", int(p["n"])) % p),
    # services.py: publish_cycle (stored in the publisher's language until 2026-12)
    note("followup.contributions_published", r"(?P<n>\d+) bidrag (?:publicerat|publicerade)\.",
         lambda p: ngettext("%(n)s bidrag publicerat.", "%(n)s bidrag publicerade.", int(p["n"])) % p),
    note("followup.published_with_cycle", r"Publicerad med cykeln", lambda p: gettext("Publicerad med cykeln")),
    # services.py: confirm_carry_over, restore_revision (reports/editing.py stores the same text)
    note("followup.carry_over_confirmed", r"Överförd text bekräftad", lambda p: gettext("Överförd text bekräftad")),
    note("followup.restored", r"Återställd från version (?P<n>\d+)", lambda p: gettext("Återställd från version %(n)s") % p),
    # services.py: send_reminder
    note("followup.reminder_sent", r"Påminnelse skickad till (?P<name>.+) <(?P<email>[^<>\s]+)> \((?P<n>\d+) bidrag\)",
         lambda p: ngettext("Påminnelse skickad till %(name)s <%(email)s> (%(n)s bidrag)",
                            "Påminnelse skickad till %(name)s <%(email)s> (%(n)s bidrag)", int(p["n"])) % p),
    # views.py (autosave), wordexchange.py, management/commands/word.py
    note("followup.autosaved", r"automatiskt sparat", lambda p: gettext("automatiskt sparat")),
    note("followup.from_word", r"från Word", lambda p: gettext("från Word")),
    note("followup.from_word_command_line", r"från Word \(kommandoraden\)", lambda p: gettext("från Word (kommandoraden)")),
)
