import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resultat.core.search import QuerySyntaxError, parse
from resultat.core.search.query import Phrase, Term


def test_words_are_stemmed_and_anded():
    q = parse("Utvecklingen kommunerna")
    assert q.groups == [[Term("utveckling", text="Utvecklingen")], [Term("kommun", text="kommunerna")]]
    assert q.to_fts5() == '("utveckling" AND "kommun")'
    assert q.to_tsquery() == "'utveckling' & 'kommun'"


def test_phrase_or_exclusion_and_prefix():
    q = parse('"hållbar utveckling" OR klimatet -skogen kompetens*')
    assert len(q.groups) == 2
    assert isinstance(q.groups[0][0], Phrase) and q.groups[0][0].stems == ("hållb", "utveckling")
    assert q.groups[0][1].stem == "klim"
    assert q.groups[1] == [Term("kompet", prefix=True, text="kompetens*", exact="komp")]
    assert q.excluded == [Term("skog", text="skogen")]
    assert q.to_fts5() == '(("hållb utveckling" OR "klim") AND ("kompet"* OR "komp")) NOT "skog"'
    assert q.to_tsquery() == "(('hållb' <-> 'utveckling') | 'klim') & ('kompet':* | 'komp') & !'skog'"


def test_swedish_or_and_letters_are_kept():
    q = parse("älv ELLER åtgärd ö")
    assert [a.stem for a in q.groups[0]] == ["älv", "åtgärd"]
    assert q.groups[1][0].stem == "ö"


def test_stopwords_are_ignored_and_reported():
    q = parse("vård och omsorg")
    assert q.ignored == ["och"] and len(q.groups) == 2


def test_hyphenated_word_is_a_phrase():
    q = parse("e-hälsa")
    assert isinstance(q.groups[0][0], Phrase)


@pytest.mark.parametrize(
    "text,code,position",
    [
        ('"hållbar utveckling', "unclosed_quote", 0),
        ('klimat "hållbar', "unclosed_quote", 7),
        ("OR klimat", "dangling_or", 0),
        ("klimat OR", "dangling_or", 7),
        ("a OR OR b", "dangling_or", 5),
        ("klimat OR -skog", "or_negation", 7),
        ("klimat - skog", "lone_minus", 7),
        ("-skog", "only_excluded", 0),
        ("och i att", "only_stopwords", 0),
        ("   ", "empty", 0),
        ("!!! ???", "empty", 0),
        ("x" * 501, "too_long", 500),
    ],
)
def test_malformed_queries_say_what_and_where(text, code, position):
    with pytest.raises(QuerySyntaxError) as err:
        parse(text)
    assert err.value.code == code
    assert err.value.position == position
    assert err.value.message


QUERY_CHARS = st.lists(st.sampled_from(list('abcåäöé ÅÄÖ"-*()ORELLER:&|!\'\\ \t\n2_.,') + ["OR", " OR ", "ELLER", " och "]), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=80), QUERY_CHARS))
def test_parser_never_raises_anything_but_its_own_error(text):
    try:
        q = parse(text)
    except QuerySyntaxError as exc:
        assert 0 <= exc.position <= len(text)
        return
    assert q.groups


@pytest.fixture(scope="module")
def fts5():
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(shadow, tokenize='unicode61 remove_diacritics 0')")
    con.execute("INSERT INTO t VALUES ('utveckling kommun hållb')")
    return con


@settings(max_examples=300, deadline=None)
@given(QUERY_CHARS)
def test_every_parsed_query_is_valid_fts5(fts5, text):
    try:
        q = parse(text)
    except QuerySyntaxError:
        return
    fts5.execute("SELECT rowid FROM t WHERE t MATCH ?", [q.to_fts5()]).fetchall()
