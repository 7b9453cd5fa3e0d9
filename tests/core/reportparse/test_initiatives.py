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


def test_kinds_from_the_name_and_from_the_nearest_kind_word():
    # meetings are events, delegations and offices networks, a "check" is money, an "SM" a contest
    assert kind_of("Företagarträffen") == kind_of("Regionala kundträffar") == "event"
    assert kind_of("Delegationen för hållbar skog") == kind_of("Mid Sweden Office") == "network"
    assert kind_of("Exportchecken") == "fund"
    assert kind_of("SM i hantverk") == kind_of("Hantverks-SM") == "event"
    assert kind_of("Blue Deal") == "strategy"
    # with no kind word in the name, the kind word nearest the name in its sentence decides
    # (not the first of a fixed list): here "programmet", not "projektet" further away
    ctx = "Projektet har avslutats och bidrar till programmet Fjällkraft som drivs av länet."
    assert kind_of("Fjällkraft", ctx) == "programme"
    assert kind_of("Fjällkraft", "Fjällkraft är ett nätverk för företag, inte ett projekt.") == "network"
    assert kind_of("Fjällkraft", "Inget sägs här.") == "project"


def test_an_occasion_heading_names_the_occasion_and_english_for_survives_the_repair():
    # "Aktivitet i samband med X" / "Aktörer på X-SM": the initiative is the occasion
    assert split_group("Informationsspridning i samband med Cykelloppet") == ["Cykelloppet"]
    assert split_group("Lokala hantverkare på Träslöjds-SM") == ["Träslöjds-SM"]
    # a heading that is itself a kind of thing keeps its whole title
    assert split_group("Nätverksträff vid Cykelloppet") == ["Nätverksträff vid Cykelloppet"]
    # the OCR repair reads English "for" as "för"; the defined name keeps its English tail
    names = _names("Under året avslutades ett projekt kopplat till Biotech för health vilket är ett strategiskt "
                   "innovationsprogram för life science.")
    assert "Biotech för health" in names and names["Biotech för health"].kind == "programme"
    # a capitalised compound ending in "checken" inside a sentence
    names = _names("Det finns ett stöd samt så finns Klimatchecken för företag som behöver expertis.")
    assert names["Klimatchecken"].kind == "fund"


def test_an_acronym_whose_letters_come_from_the_parts_of_a_compound():
    # "Lokalt programområde (LPO)": two words, three letters; "programområde" gives P and O
    names = _names("Arbetet har utvecklats. Regionalt kunskapsområde (RKO) för tandvård har etablerats i länet.")
    assert names["Regionalt kunskapsområde"].acronym == "RKO"
    # an authority stays out even when its parts spell the acronym
    assert not _names("Uppdraget kom från Post- och telestyrelsen (PTS) i våras.")


def test_a_hyphen_the_repair_took_out_of_a_name_is_put_back_from_the_ocr_lines():
    report = _report([("bidrag", [ParsedBlock(
        area_codes=("a-test",), heading="", lines=Lines(1, 3), items=(),
        text="Chefer utbildas via länsstyrelsens Leda jämtutbildning och ledningen arbetar med frågan.",
        raw="Chefer utbildas via lansstyrelsens Leda jamt-utbildning och\nledningen arbetar med fragan.")])])
    names = {x.name for x in extract_initiatives(report)}
    assert "Leda jämt-utbildning" in names


def test_classes_read_off_the_fourth_held_out_chapter():
    # a bullet list after "… projekt:": each bullet opens with a name
    names = _names("Under året genomfördes kompetensutvecklande projekt:\n\n- Kustfilm Lab finansierat av Interreg riktar sig "
                   "till filmbolag.\n\n- Bergsljus som är ett projekt för unga.\n\n- Fjällbild utbildar fotografer i länet.")
    assert {"Kustfilm Lab", "Bergsljus", "Fjällbild"} <= set(names)
    # a name in apposition to a kind noun; a single word defined as an initiative; a -dagen compound
    names = _names("Regionen deltar i ett ytterligare energiprojekt, Kunskapslyft för batterier i norr, som syftar till mycket. "
                   "Läsbygd är ett läsfrämjande och metodutvecklande initiativ för barn. "
                   "Arbetet inför den planerade Fjällriksdagen i Storuman har inletts.")
    assert {"Kunskapslyft för batterier i norr", "Läsbygd", "Fjällriksdagen"} <= set(names)
    assert not _names("Västerbotten är en plattform för samverkan mellan många.")  # a place is defined, not an initiative
    # authorities and associations are no initiatives; an acronym after a cue is no lower-case title
    assert not _names("Myndigheten för ungdomsfrågor och civilsamhället (MUCF) betonar detta. Bakom står Nordic Test Association.")
    names = _names("Inom projektet SOL ligger fokus på solenergi.")
    assert "SOL" in names and not any("ligger" in n for n in names)
    # a heading ends the name: "plattformen X" then a new paragraph
    assert "Samverkansplattformen KRAFT Vidareutveckling" not in _names("### Samverkansplattformen KRAFT\n\nVidareutveckling av plattformen KRAFT har fortsatt.")
    assert not any("Vidareutveckling" in n for n in _names("### Samverkansplattformen KRAFT\n\nVidareutveckling av plattformen KRAFT har fortsatt."))


def test_an_urval_heading_that_describes_work_is_asked_about_not_created():
    block = _block(1, 10, "Ett urval.", items=[ParsedItem(kind="initiative", title="Investeringar i framtidens bränsle", text="Företag investerar i e-bränslen.", lines=Lines(3, 5), raw="")])
    register = extract_initiatives(_report([("insatser", [block])]))
    assert [x.needs_review for x in register if x.name == "Investeringar i framtidens bränsle"] == [True]


def test_classes_read_off_the_first_half_of_p1():
    # a compound cue before a long quoted title; an indefinite cue ("Vinnovas initiativ X")
    names = _names("Genom forskningsprojektet “Det nya landet och dess drivkrafter i norr” har underlaget stärkts. "
                   "Regionen har deltagit i Vinnovas initiativ Keystone tillsammans med andra.")
    assert {"Det nya landet och dess drivkrafter i norr", "Keystone"} <= set(names)
    # "området" is no "rådet": a quoted theme after it is no initiative
    assert all(x.needs_review for x in _names("Arbetet utgick från det tematiska fokusområdet \"Hur går vi fortare?\" för att öka takten.").values())
    # a company, a funding programme's project and the EU's own collaboration are not created
    assert not _names("### Nordnet\n\nNordnet AB har funnits sedan 1997 och driver nätet.")
    assert not _names("Regionens roll inom Horizont-projektet GRÖN fortsätter.").get("Horizont-projektet")
    names = _names("Nätverken stärks inom EU:s Smart Specialisation-samarbete mellan regionerna.")
    assert all(x.needs_review for x in names.values())


def test_a_suspended_compound_is_no_description_and_a_trailing_acronym_is_the_acronym():
    """"Hälso - och sjukvård" (the OCR's spacing) ends a suspended compound, not the name:
    the heading names the whole network and its acronym."""
    from resultat.core.reportparse.initiatives import clean_name, name_of_title

    title = "Nätverket för Hälsofrämjande Hälso - och sjukvård, HFS"
    assert clean_name(name_of_title(title)) == ("Nätverket för Hälsofrämjande Hälso- och sjukvård", "HFS")
    assert name_of_title("Länssamverkansgruppen - samverkan mellan tjänstepersoner") == "Länssamverkansgruppen"
