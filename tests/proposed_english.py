"""English translations of msgids that the code uses but that the committed catalogue may
not have yet (the lead adds them to resultat/locale/en/LC_MESSAGES/django.po; engineers
do not edit it). A page test that checks the English output installs them with
``use_proposed_english(monkeypatch)``: an entry the catalogue already has is used as it
stands, so once the catalogue has them all this is a no-op. That the catalogue does
have every N_ msgid is tests/config/test_i18n.py's job."""

from django.utils.translation import trans_real

PROPOSED = {
    # period labels (resultat/core/sources/periods.py)
    "jan %(year)s": "Jan %(year)s", "feb %(year)s": "Feb %(year)s", "mar %(year)s": "Mar %(year)s",
    "apr %(year)s": "Apr %(year)s", "maj %(year)s": "May %(year)s", "jun %(year)s": "Jun %(year)s",
    "jul %(year)s": "Jul %(year)s", "aug %(year)s": "Aug %(year)s", "sep %(year)s": "Sep %(year)s",
    "okt %(year)s": "Oct %(year)s", "nov %(year)s": "Nov %(year)s", "dec %(year)s": "Dec %(year)s",
    "%(year)s halvår %(number)s": "%(year)s H%(number)s",
    "%(year)s tertial %(number)s": "%(year)s four-month period %(number)s",
    "%(year)s kv. %(number)s": "%(year)s Q%(number)s",
    "%(year)s v. %(number)s": "%(year)s week %(number)s",
    # assessment states, reasons and the comparison (resultat/core/indicators/progress.py)
    "Målet nått": "Target achieved",
    "Betydande framsteg": "Substantial progress",
    "Måttliga framsteg": "Moderate progress",
    "Begränsade framsteg": "Limited progress",
    "Försämring": "Deterioration",
    "Bedömning saknas": "No assessment",
    "Inga värden.": "No values.",
    "Senaste värdet når målvärdet.": "The latest value reaches the target value.",
    "Minst två år med värden från basåret %(year)s behövs.": "At least two years with values from the base year %(year)s are needed.",
    "Bas- och senaste värdet har olika tecken.": "The base value and the latest value have different signs.",
    "Målåret måste ligga efter basåret och målet ha basvärdets tecken.":
        "The target year must come after the base year, and the target must have the same sign as the base value.",
    "Målvärdet är lika med basvärdet.": "The target value equals the base value.",
    "Ingen jämförelse med riket.": "No comparison with Sweden.",
    "Samma värde som riket %(year)s.": "Same value as Sweden in %(year)s.",
    "Bättre än riket %(year)s.": "Better than Sweden in %(year)s.",
    "Sämre än riket %(year)s.": "Worse than Sweden in %(year)s.",
    # units (resultat/core/charts/specs.py, UNIT_MSGIDS)
    "antal": "number",
    "procent": "per cent",
    "antal år": "years",
    "dagar": "days",
    "per 1 000 inv": "per 1 000 inhabitants",
    "ton/inv": "tonnes per inhabitant",
    "tkr/inv": "SEK thousand per inhabitant",
    "kr/inv": "SEK per inhabitant",
    # the funding charts' description (resultat/core/funding/charts.py)
    "Störst: %(largest)s. Totalt %(total)s; antal kategorier: %(count)s.":
        "Largest: %(largest)s. Total %(total)s; number of categories: %(count)s.",
}


def use_proposed_english(monkeypatch) -> None:
    """The English translation object answers the proposed entries it lacks (undone by monkeypatch)."""
    english = trans_real.translation("en")
    original = english.gettext
    catalogue = english._catalog

    def gettext(message):
        if message not in catalogue and message in PROPOSED:
            return PROPOSED[message]
        return original(message)

    monkeypatch.setattr(english, "gettext", gettext)
