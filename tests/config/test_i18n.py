"""The English interface is complete: the catalogue has every entry translated (none
fuzzy, none empty), the compiled catalogue matches it, the core's marked messages are in
it, and errors from a Django service and from the plain-Python core reach an English user
in English (docs/i18n.md)."""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

import pytest
from django.utils import translation

from resultat.core.i18n import N_, Message, message_of, translate

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "resultat" / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdrf]")


def _unquote(line: str) -> str:
    return ast.literal_eval(line.strip())


def parse_po(path: Path) -> list[dict]:
    """The catalogue's entries: msgctxt, msgid, msgid_plural, msgstr (a list), flags.
    Obsolete entries (#~) and the header are left out."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.strip("\n").split("\n") if line and not line.startswith("#~")]
        entry: dict = {"flags": set(), "msgstr": {}, "line": block}
        field = None
        for line in lines:
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                if field is None:
                    raise AssertionError(f"a continuation line without a field: {line!r}")
                if isinstance(field, int):
                    entry["msgstr"][field] += _unquote(line)
                else:
                    entry[field] += _unquote(line)
            else:
                key, _, rest = line.partition(" ")
                m = re.fullmatch(r"msgstr\[(\d+)\]", key)
                if m:
                    field = int(m[1])
                    entry["msgstr"][field] = _unquote(rest)
                elif key == "msgstr":
                    field = 0
                    entry["msgstr"][0] = _unquote(rest)
                elif key in ("msgid", "msgid_plural", "msgctxt"):
                    field = key
                    entry[key] = _unquote(rest)
                else:
                    raise AssertionError(f"unknown line in {path.name}: {line!r}")
        if entry.get("msgid"):  # not the header, not an all-obsolete block
            entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def catalogue() -> list[dict]:
    return parse_po(PO)


def test_the_parser_reads_the_whole_catalogue(catalogue):
    # Every msgid line of the file (not obsolete) is one entry: nothing is skipped silently.
    text = PO.read_text(encoding="utf-8")
    assert len(catalogue) == len(re.findall(r"^msgid ", text, re.M)) - 1  # minus the header
    assert len(catalogue) > 1000


def test_english_catalogue_has_no_untranslated_or_fuzzy_entry(catalogue):
    fuzzy = [e["msgid"] for e in catalogue if "fuzzy" in e["flags"]]
    untranslated = [e["msgid"] for e in catalogue if not e["msgstr"] or any(not s for s in e["msgstr"].values())]
    assert fuzzy == [], f"{len(fuzzy)} fuzzy entries (run make messages and translate): {fuzzy[:5]}"
    assert untranslated == [], f"{len(untranslated)} untranslated entries (run make messages and translate): {untranslated[:5]}"


def test_translations_keep_their_placeholders(catalogue):
    wrong = []
    for e in catalogue:
        wanted = set(PLACEHOLDER.findall(e["msgid"])) | set(PLACEHOLDER.findall(e.get("msgid_plural", "")))
        for n, text in e["msgstr"].items():
            got = set(PLACEHOLDER.findall(text))
            # a singular may leave out the count (“one contribution”), never add or rename one
            if got - wanted or (n > 0 or "msgid_plural" not in e) and wanted - got:
                wrong.append((e["msgid"], text))
    assert wrong == []


def test_the_compiled_catalogue_matches_the_po_file(catalogue):
    # A stale django.mo would show old or Swedish texts although the .po is complete.
    with translation.override("en"):
        stale = [
            e["msgid"] for e in catalogue
            if "msgid_plural" not in e and "msgctxt" not in e and translation.gettext(e["msgid"]) != e["msgstr"][0]
        ]
    assert stale == [], f"django.mo is older than django.po (make messages): {stale[:5]}"


def _core_msgids() -> set[str]:
    """Every N_("…") literal in resultat/core (read with the parser, not a regex)."""
    found = set()
    for path in (ROOT / "resultat" / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "N_":
                assert node.args and isinstance(node.args[0], ast.Constant), f"{path}:{node.lineno}: N_ needs a literal"
                found.add(node.args[0].value)
    return found


def test_every_core_message_is_in_the_catalogue(catalogue):
    msgids = {e["msgid"] for e in catalogue}
    core = _core_msgids()
    assert len(core) > 100  # the search, spreadsheet, source, OIDC and YAML errors
    missing = sorted(core - msgids)
    assert missing == [], f"core messages missing from the catalogue (make messages): {missing[:5]}"


# --- the core's messages --------------------------------------------------------------

def _fake_english(text: str) -> str:
    return {"rad %(row)s: %(message)s": "row %(row)s: %(message)s", "”%(v)s” är inget tal": "“%(v)s” is not a number"}.get(text, text)


def test_a_message_is_its_swedish_text_and_keeps_its_template():
    message = Message(N_("”%(v)s” är inget tal"), v="12,3,4")
    assert message == "”12,3,4” är inget tal" and isinstance(message, str)
    assert message.template == "”%(v)s” är inget tal" and message.params == {"v": "12,3,4"}
    assert message.translate(_fake_english) == "“12,3,4” is not a number"
    located = Message(N_("rad %(row)s: %(message)s"), row=7, message=message)
    assert str(located) == "rad 7: ”12,3,4” är inget tal"
    assert located.translate(_fake_english) == "row 7: “12,3,4” is not a number"  # nested ones too


def test_a_message_without_parameters_is_not_formatted():
    assert Message(N_("50 % av beloppet")) == "50 % av beloppet"
    assert Message(N_("50 %% av %(x)s"), x="beloppet") == "50 % av beloppet"


def test_an_error_carries_its_message_through_pickling():
    error = ValueError(Message(N_("”%(v)s” är inget tal"), v="x"))
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == "”x” är inget tal"
    assert translate(again, _fake_english) == "“x” is not a number"
    assert message_of(ValueError("plain")) is None
    assert translate(ValueError("plain"), _fake_english) == "plain"


def test_core_errors_keep_their_swedish_text():
    from resultat.core.search import QuerySyntaxError, parse
    from resultat.core.tabular.errors import TabularError
    from resultat.core.tabular.numbers import parse_number

    with pytest.raises(QuerySyntaxError) as search_error:
        parse('"abc')
    assert str(search_error.value) == 'Citattecknet stängs aldrig: avsluta frasen med " (tecken 1)'
    with pytest.raises(TabularError) as number_error:
        parse_number("12,3,4")
    assert str(TabularError(number_error.value.message, row=3, column="B")) == "rad 3, kolumn ”B”: ”12,3,4” har flera decimalkomman"


def test_core_errors_in_english_through_error_text():
    from resultat.core.tabular.errors import TabularError
    from resultat.core.tabular.numbers import parse_number
    from resultat.infrastructure.i18n import error_text

    with pytest.raises(TabularError) as caught:
        parse_number("12,3,4")
    located = TabularError(caught.value.message, row=3, column="B")
    with translation.override("en"):
        assert error_text(located) == "row 3, column “B”: “12,3,4” has several decimal commas"
    with translation.override("sv"):
        assert error_text(located) == "rad 3, kolumn ”B”: ”12,3,4” har flera decimalkomman"


# --- through the interface -----------------------------------------------------------

@pytest.mark.django_db
def test_a_core_error_on_the_search_page_is_english_for_an_english_reader(client):
    english = client.get("/sok/", {"q": '"regional utveckling'}, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 200
    html = english.content.decode()
    assert "The quotation mark is never closed: end the phrase with" in html
    assert "Citattecknet stängs aldrig" not in html
    swedish = client.get("/sok/", {"q": '"regional utveckling'}, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Citattecknet stängs aldrig: avsluta frasen med" in swedish


@pytest.mark.django_db
def test_a_django_service_error_is_english_in_the_english_interface():
    from django.core.exceptions import PermissionDenied

    from resultat.accounts.models import Role
    from resultat.indicators import services
    from tests.factories import make_user

    analyst = make_user("anna", Role.ANALYST)
    editor = make_user("erik", Role.EDITOR)
    with translation.override("en"):
        with pytest.raises(services.IndicatorError, match=r"^Write a justification for the assessment\.$"):
            services.set_override(None, analyst, "", "   ")
        with pytest.raises(PermissionDenied, match=r"^Only analysts can change the assessment\.$"):
            services.set_override(None, editor, "", "motivering")
    with pytest.raises(services.IndicatorError, match=r"^Skriv en motivering till bedömningen\.$"):
        services.set_override(None, analyst, "", "   ")


def test_a_stored_background_job_message_is_shown_in_the_readers_language():
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    job = SimpleNamespace(
        pk=1, finished=True, error="Minst en källa misslyckades; se sammanfattningen.", summary=[], requested_by=None,
        get_state_display=lambda: "misslyckades",
    )
    with translation.override("en"):
        html = render_to_string("indicators/_sync_job_status.html", {"job": job, "stale": False})
    assert "At least one source failed; see the summary." in html
    with translation.override("sv"):
        html = render_to_string("indicators/_sync_job_status.html", {"job": job, "stale": False})
    assert "Minst en källa misslyckades; se sammanfattningen." in html


def test_the_indicator_source_note_is_in_the_page_language_and_stays_swedish_in_data():
    import datetime

    from resultat.indicators.selectors import Provenance

    fetched = Provenance(source="Kolada", external_id="N01951", fetched_at=datetime.date(2025, 3, 1), synthetic=False, real=True)
    partly = Provenance(source="Kolada", external_id="N01951", fetched_at=None, synthetic=True, real=True, file="x.csv")
    with translation.override("en"):
        assert fetched.display_text == "Source: Kolada (N01951), fetched 2025-03-01."
        assert partly.display_text == ("Source: values loaded by hand, unknown date (no citation given). "
                                       "Partly synthetic demo values: only values without a mark are real.")
        assert fetched.text == "Källa: Kolada (N01951), hämtad 2025-03-01."  # the open data and CSV text
    with translation.override("sv"):
        assert fetched.display_text == fetched.text and partly.display_text == partly.text


@pytest.mark.django_db
def test_the_json_api_explains_a_bad_parameter_in_the_requested_language(client):
    english = client.get("/api/contribution-items/?kind=foo", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 400
    assert english.json()["detail"].startswith("kind: must be one of ")
    assert english.json()["detail"].endswith(", got 'foo'")
    swedish = client.get("/api/contribution-items/?kind=foo", HTTP_ACCEPT_LANGUAGE="sv")
    assert swedish.json()["detail"].startswith("kind: ska vara en av ")
