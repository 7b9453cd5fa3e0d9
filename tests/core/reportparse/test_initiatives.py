"""The initiative extractor's parts on small, hand-made input (plain Python)."""

from resultat.core.reportparse.initiatives import (
    AUTO_ACCEPT,
    clean_name,
    extract_initiatives,
    funding_in,
    kind_of,
    name_key,
    partners_in,
    period_in,
    run_by_region,
    split_group,
)
from resultat.core.reportparse.model import (
    Lines,
    ParsedBlock,
    ParsedChapter,
    ParsedItem,
    ParsedReport,
    ParsedSection,
)


def test_name_key_folds_diacritics_case_punctuation_and_definite_suffixes():
    assert name_key("Fyrlänsträffen") == name_key("Fyrlänsträff") == name_key("FYRLANSTRAFF")
    assert name_key("Gymnasiechefsnätverket") == name_key("gymnasiechefsnätverk")
    assert name_key("Vård- och omsorgscollege") == name_key("Vård och omsorgscollege")
    assert name_key("Umeå hamn") != name_key("Umeå")  # short words keep their ending


def test_clean_name_takes_off_quotes_prefixes_and_the_acronym():
    assert clean_name("Digital Impact North (DIN)") == ("Digital Impact North", "DIN")
    assert clean_name('Implementering av reformen ”Professionsprogrammet”') == ("Professionsprogrammet", "")
    assert clean_name("Tillväxtverkets RKA-grupp (Regionalt kompetensförsörjningsarbete)")[0] == "Tillväxtverkets RKA-grupp"
    assert clean_name("ESUDA") == ("ESUDA", "ESUDA")


def test_group_entries_split_into_members_but_descriptions_stay_whole():
    assert split_group("SMALL, Regio Stars Västerbotten") == ["SMALL", "Regio Stars Västerbotten"]
    assert split_group("Fjärrundervisning, tillgängliggörande av undervisning") == ["Fjärrundervisning, tillgängliggörande av undervisning"]


def test_kind_from_the_name_then_the_sentence():
    assert kind_of("Skolchefsnätverk") == "network"
    assert kind_of("Strategirådet för kompetensförsörjning") == "network"
    assert kind_of("Agenda för kompetensförsörjning") == "strategy"
    assert kind_of("Årets UF-kommun i Västerbotten") == "award"
    assert kind_of("Norrlandsfonden") == "fund"
    assert kind_of("Umeå Filmfestival") == "event"
    assert kind_of("Systemanalys för Västerbottens län") == "study"
    assert kind_of("Gateway Umeå", "Workshop initierad av projektet Gateway Umeå") == "project"
    assert kind_of("Komexp", "Komexp är ett nätverket för planerare") == "network"
    assert kind_of("Welcome House") == "project"


def test_who_runs_it_partners_funding_and_period_where_the_text_says_so():
    assert run_by_region("Region Västerbotten driver nätverket.", "samverkan") is True
    assert run_by_region("Umeå universitet driver rådet i samarbete med Region Västerbotten.", "samverkan") is False
    assert run_by_region("Region Västerbotten deltar i projektet New North.", "foregangare-omstallning") is False
    assert run_by_region("Ett nordiskt samarbetsnätverk.", "samverkan") is None
    assert run_by_region("Kommunerna tar fram en strategi.", "insatser") is False  # "Ett urval": others' work
    assert partners_in("Arbetet sker tillsammans med Skellefteå kommun och Norsjö kommun för att nå fler.") == ["Skellefteå kommun", "Norsjö kommun"]
    assert funding_in("Ett projekt utan pengar.") == ""
    assert funding_in("Ett nytt ERUF-finansierat bredbandsprojekt startade.") == "ERUF-finansierat"
    assert "50 miljoner kr" in funding_in("en planerad satsning på 50 miljoner kr i regionalt 5G-nät")
    assert period_in("Etapp 1 pågår 2025-2026") == (2025, 2026)
    assert period_in("projektet fortsätter till 2026 med utbyggnad") == (None, 2026)


def _report(blocks_by_section):
    sections = []
    for question, blocks in blocks_by_section:
        sections.append(ParsedSection(question=question, lines=Lines(blocks[0].lines.first, blocks[-1].lines.last), blocks=tuple(blocks)))
    chapter = ParsedChapter(code="p-1", title="Test", lines=Lines(1, 200), sections=tuple(sections))
    return ParsedReport(source="test", year=2025, chapters=(chapter,), contacts=(), warnings=())


def _block(first, last, text, items=(), area="a-test"):
    return ParsedBlock(area_codes=(area,), heading="Rubrik", text=text, raw="\n".join(text.split(". ")), lines=Lines(first, last), items=tuple(items))


def test_one_record_per_initiative_linked_to_every_block_that_names_it():
    bid = _block(1, 20, "Region Västerbotten leder projektet Digital Impact North (DIN) som stärker företag. "
                        "Workshopen samlade projekt som Attrahera Flera, Move up North och Welcome House.")
    sam = _block(21, 40, "Samverkan sker inom DIN och med länets kommuner.")
    ins = _block(41, 60, "Ett urval av insatser.", items=[
        ParsedItem(kind="initiative", title="Digital Impact North (DIN)", text="Ett EU-finansierat projekt 2024–2026 som drivs av Umeå kommun.", lines=Lines(45, 50), raw=""),
        ParsedItem(kind="initiative", title="SMALL, Regio Stars Västerbotten", text="Priser till företag.", lines=Lines(51, 55), raw=""),
    ])
    register = extract_initiatives(_report([("bidrag", [bid]), ("samverkan", [sam]), ("insatser", [ins])]))
    by_name = {x.name: x for x in register}
    din = by_name["Digital Impact North"]
    assert din.acronym == "DIN" and din.urval and not din.needs_review and din.confidence >= AUTO_ACCEPT
    assert {m.block_line for m in din.mentions} == {1, 21, 41}
    assert any(m.titled and m.item_line == 45 for m in din.mentions)
    assert din.run_by_region is True  # the first mention says Region Västerbotten leads it
    assert {"Attrahera Flera", "Move up North", "Welcome House"} <= set(by_name)
    assert {"SMALL", "Regio Stars Västerbotten"} <= set(by_name)
    assert by_name["Regio Stars Västerbotten"].kind == "award"
    assert sum(1 for x in register if x.acronym == "DIN") == 1


def test_a_generic_heading_is_a_candidate_for_review_not_a_record():
    block = _block(1, 10, "### Analyser och underlag\n\nRegion Västerbotten har arbetat med analyser.")
    register = extract_initiatives(_report([("bidrag", [block])]))
    assert all(x.needs_review for x in register)


def _names(text, question="bidrag"):
    return {x.name: x for x in extract_initiatives(_report([(question, [_block(1, 20, text)])]))}


def test_running_prose_classes_of_names():
    # cue + lower-case name + an acronym that spells something else
    names = _names("Det EU-finansierade projektet Hållbart bredband i samverkan (OSN) fortsätter till 2026.")
    assert names["Hållbart bredband i samverkan"].acronym == "OSN"
    # a list after "samarbetet": a capitalised word and the kind noun after it; the acronym
    # in parentheses belongs to the words just before it, not to the whole list
    names = _names("Inom ramen för samarbetet Östra korridoren och Mittforum Norra Norden (MNN) har vi arbetat. "
                   "Insatser från aktörer som Kustgruppen, Mittforum Norra Norden och Nordbanegruppen.")
    assert {"Östra korridoren", "Mittforum Norra Norden", "Kustgruppen", "Nordbanegruppen"} <= set(names)
    assert names["Mittforum Norra Norden"].acronym == "MNN"
    assert "Nordbanegruppen" in names and names["Nordbanegruppen"].kind == "network"
    # an owner's compound strategy; a fund named mid-sentence; a name in apposition
    names = _names("Arbetet med att uppdatera Region Norrbottens tågstrategi pågår. Stödet ges genom Fjällfonden till företag. "
                   "Förslaget till en ny bro, Baltic Link, finns nu med i planen.")
    assert names["Region Norrbottens tågstrategi"].kind == "strategy"
    assert names["Fjällfonden"].kind == "fund"
    assert names["Baltic Link"].needs_review  # apposition alone is weak evidence: an analyst confirms
    # nothing from a capital at a sentence start, a place after "inom" or "EU:s uppsatta"
    names = _names("Styrgruppen har träffats. Arbetet sker inom Västerbotten och inom EU:s uppsatta mål.")
    assert not names


def test_a_place_called_omrade_is_no_council():
    assert kind_of("Biosfärområdet") == "project"
    assert kind_of("Kulturrådet") == "network"


def test_more_classes_of_names_in_prose_and_titles():
    names = _names("Barnen får stöd i modellen Hälsa lärande och trygghet (HLT) i alla kommuner. "
                   "Kustlänken Norr är ett samarbete mellan fyra hamnar. Stöd ges också av Björkö Marine Park i länet. "
                   "Inom projektet Regional fiskesamverkan genomförs träffar. Arbetet sker inom det så kallade NORDA-samarbetet.")
    assert names["Hälsa lärande och trygghet"].acronym == "HLT"  # the initials spell the acronym
    assert {"Kustlänken Norr", "Björkö Marine Park", "Regional fiskesamverkan", "NORDA-samarbetet"} <= set(names)
    # a title that adds a description names what comes before it; "A med B" is two
    assert split_group("Kustgruppen — samverkan mellan tjänstepersoner") == ["Kustgruppen"]
    assert split_group("Delegationen för social välfärd och hälsa med Socialchefsnätverket") == [
        "Delegationen för social välfärd och hälsa", "Socialchefsnätverket"]
    # a kind word alone is no name; "X (X)" is no acronym of a longer name
    assert not _names("Konferensen är en mötesplats för alla. Stödet kom från FORTE (FORTE).")
