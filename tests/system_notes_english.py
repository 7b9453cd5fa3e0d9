"""English for the system-note msgids of resultat/infrastructure/system_notes.py that the
committed catalogue may not have yet (the lead adds them to django.po; engineers do not
edit it). ``use_proposed_english(monkeypatch)`` makes the English translation object answer
the entries it lacks; an entry the catalogue has is used as it stands, so once the
catalogue has them this is a no-op."""

from django.utils.translation import trans_real

PROPOSED = {
    "Importerad från %(name)s": "Imported from %(name)s",
    "Importerad från %(name)s rad %(first)s–%(last)s": "Imported from %(name)s lines %(first)s–%(last)s",
    "Publicerad med cykeln": "Published with the cycle",
    "Överförd text bekräftad": "Carried-over text confirmed",
    "korrektur: %(wrong)s -> %(right)s": "proofreading: %(wrong)s -> %(right)s",
    "Flyttad från rapportens förord": "Moved from the report's foreword",
}
PROPOSED_PLURAL = {
    "%(n)s bidrag skapat": ("%(n)s contribution created", "%(n)s contributions created"),
    "%(n)s bidrag skapat, texter överförda": (
        "%(n)s contribution created, texts carried over", "%(n)s contributions created, texts carried over"),
}


def use_proposed_english(monkeypatch) -> None:
    english = trans_real.translation("en")
    catalogue = english._catalog
    gettext, ngettext = english.gettext, english.ngettext

    def proposed_gettext(message):
        if message not in catalogue and message in PROPOSED:
            return PROPOSED[message]
        return gettext(message)

    def proposed_ngettext(singular, plural, n):
        if (singular, 0) not in catalogue and singular in PROPOSED_PLURAL:
            return PROPOSED_PLURAL[singular][0 if n == 1 else 1]
        return ngettext(singular, plural, n)

    monkeypatch.setattr(english, "gettext", proposed_gettext)
    monkeypatch.setattr(english, "ngettext", proposed_ngettext)
