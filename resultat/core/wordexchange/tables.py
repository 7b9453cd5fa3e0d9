"""The typed lists as tables: columns per kind and how their values are explained."""

from __future__ import annotations

from resultat.core.wordexchange.texts import _

_DEFAULT = (("title", "Rubrik"), ("text", "Text"))
_COLUMNS = {
    "sdg": (("sdg_goal", "Mål (1–17)"), ("sdg_target", "Delmål"), ("title", "Rubrik"), ("text", "Motivering")),
    "arena": (("arena", "Samverkansyta (kod)"), ("title", "Rubrik"), ("text", "Text")),
}


def columns(kind: str) -> list[tuple[str, str]]:
    """(field, header) per column; headers in the current language."""
    return [(name, _(header)) for name, header in _COLUMNS.get(kind, _DEFAULT)]


def accepted_headers(kind: str) -> list[set[str]]:
    """Per column the header texts accepted on the way back (Swedish or translated)."""
    return [{header.casefold(), _(header).casefold()} for _name, header in _COLUMNS.get(kind, _DEFAULT)]


def explanation(kind: str) -> str:
    if kind == "sdg":
        return _(
            "En rad per mål. Mål: ett nummer 1–17 (se listan nedan). Delmål: lämna tomt eller skriv "
            "delmålets kod under samma mål, t.ex. 9.5. Rubrik får vara tom. Motivering: varför målet är "
            "aktuellt för området i år."
        )
    if kind == "arena":
        return _(
            "En rad per samverkansyta. Samverkansyta: koden för en fast samverkansyta ur listan nedan, "
            "eller tomt för annan samverkan (skriv då en rubrik). Rubrik och Text: fri text."
        )
    if kind == "environment_factor":
        return _("En rad per omvärldsfaktor: en kort rubrik och en text om hur den påverkar området.")
    if kind == "activity":
        return _("En rad per exempel på aktivitet: en kort rubrik och en text.")
    if kind == "initiative":
        return _("En rad per insats: insatsens namn som rubrik och en kort beskrivning som text.")
    return _("En rad per post: rubrik och text.")
