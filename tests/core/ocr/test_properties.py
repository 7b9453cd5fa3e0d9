"""Properties of the OCR repair, checked with hypothesis.

* it never crashes, whatever the text, and keeps the number of lines;
* numbers, dates, codes, URLs and e-mail addresses come out exactly as they went in;
* clean Swedish text (correct å/ä/ö) passes through unchanged;
* clean_layout never crashes and loses no word characters except page numbers.
"""

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.provisional import urls

from resultat.core.ocr import clean_layout, repair_text

# OCR_HYPOTHESIS_EXAMPLES=2000 for a longer search than the default run's
SETTINGS = settings(
    max_examples=int(os.environ.get("OCR_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Words as the OCR prints them: stripped, damaged, glued, and plain.
OCR_WORDS = [
    "Vasterbotten",
    "lanet",
    "ar",
    "for",
    "&r",
    "6kad",
    "I6sningar",
    "|",
    "Al",
    "loT",
    "ilanet",
    "stérka",
    "méta",
    "ldnet",
    "dven",
    "har",
    "sa",
    "an",
    "Umed",
    "Ume3",
    "sm3a",
    "D3",
    "13",
    "e",
    "®",
    "o",
    "—",
    "”",
    "kund-",
    "underlagen",
    "observationer.Salut",
    "pa",
    "och",
    "i",
    "Det",
    "ett",
    "aret",
    "Region",
    "2025",
    "ALLA",
    "OVERGRIPANDE",
    "MAL",
    "@",
    "[anets",
]

# Clean Swedish sentences (written for this test; not from the evaluation text).
CLEAN_SENTENCES = [
    "Region Västerbotten följer upp den regionala utvecklingsstrategin varje år.",
    "Här beskrivs hur länets kommuner samverkar kring kompetensförsörjning.",
    "Det är viktigt att även de mindre orterna får del av satsningarna.",
    "Under året har fler företag än tidigare sökt stöd för omställning.",
    "Målet är en hållbar och jämställd utveckling i hela Västerbotten.",
    "Insatserna i länet når både städer och glesbygd.",
    "Umeå, Skellefteå och Lycksele har egna planer för näringslivet.",
    "Så länge behoven finns kommer arbetet att fortsätta.",
    "De sex prioriteringarna visar vilka områden som behöver förändras.",
    "Föregångare i omställning är en av de tre inriktningarna.",
    "Åsele, Vilhelmina och Dorotea samarbetar om kollektivtrafiken.",
    "Över tid ökar efterfrågan på vård och omsorg i inlandet.",
    "Rapporten lämnas till regeringen före den 1 mars 2026.",
    "Vi har sett att många väljer att bo kvar där de växte upp.",
    "Kontakta oss på info@example.se eller läs mer på https://www.example.se/rus.",
    "Nästa steg är att mäta resultaten och möta nya behov.",
    "Sammanhållen region betyder att ingen del av länet lämnas efter.",
    "För att nå dit krävs samverkan mellan kommuner, region och stat.",
]

numbers = st.one_of(
    st.integers(min_value=0, max_value=10**9).map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False).map(
        lambda d: str(d).replace(".", ",")
    ),
    st.from_regex(r"[A-Z]{1,3}[0-9]{2,6}", fullmatch=True),  # N01951, ISO-like codes
    st.from_regex(r"0[0-9]{2}-[0-9]{3} [0-9]{2} [0-9]{2}", fullmatch=True),  # phone numbers
)
emails = st.emails().filter(lambda e: "\n" not in e)
protected = st.one_of(numbers, emails, urls())


@SETTINGS
@given(st.text())
def test_repair_never_crashes_and_keeps_lines(text):
    out = repair_text(text)
    assert isinstance(out, str)
    assert out.count("\n") == text.count("\n")


@SETTINGS
@given(st.lists(st.sampled_from(OCR_WORDS), max_size=30), st.sampled_from([" ", "\n", "  ", " \n"]))
def test_repair_of_ocr_like_text_keeps_lines(words, sep):
    text = sep.join(words)
    out = repair_text(text)
    assert out.count("\n") == text.count("\n")
    # it is stable: a second pass has nothing more to do with diacritics it restored
    assert repair_text(out).count("\n") == out.count("\n")


@SETTINGS
@given(
    st.lists(st.sampled_from(OCR_WORDS), max_size=12),
    protected,
    st.lists(st.sampled_from(OCR_WORDS), max_size=12),
)
def test_numbers_urls_and_addresses_are_never_changed(before, item, after):
    text = " ".join(before + [item] + after)
    out = repair_text(text)
    assert item in out


@SETTINGS
@given(
    st.lists(st.sampled_from(CLEAN_SENTENCES), min_size=1, max_size=8), st.sampled_from([" ", "\n"])
)
def test_clean_swedish_text_passes_unchanged(sentences, sep):
    text = sep.join(sentences)
    assert repair_text(text) == text


@SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400))
def test_clean_layout_never_crashes(text):
    out = clean_layout(text)
    assert isinstance(out, str)


@SETTINGS
@given(st.lists(st.sampled_from(OCR_WORDS + ["\n", "\n\n", "\n\n\n"]), max_size=40))
def test_clean_layout_keeps_the_words(tokens):
    text = " ".join(tokens)
    out = clean_layout(text)

    def letters(s: str) -> str:
        return re.sub(r"[^A-Za-zÅÄÖåäöé0-9&@|\[]", "", s)

    # bullets may become "•" and lone page numbers go; every other character stays
    kept = letters(re.sub(r"(?m)^\s*[e®o]\s+(?=[A-Z6&|])", "", text))
    got = letters(out)
    assert set(got) <= set(letters(text))
    assert len(got) >= len(kept) - sum(len(t) for t in tokens if t.isdigit())
