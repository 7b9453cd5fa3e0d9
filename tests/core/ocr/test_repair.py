"""Word-level OCR repair: one case per damage pattern of the 2025 report.

Every input is a line (or two) of shared/seeds/resultat-vasterbotten-2025.ocr.txt,
cited by line number; the pattern numbers are those of
reference/resultat-2025-structure.md §6.
"""

import pytest

from resultat.core.ocr import Repairer, repair_text, repair_word

CASES = [
    # §6.1 #1 å/ä/ö stripped to a/a/o, Å/Ä/Ö to A/A/O
    (
        "1 Asele",
        "Medlemskommuner r Lycksele, Storuman, Asele,",  # line 1210
        "Medlemskommuner r Lycksele, Storuman, Åsele,",
    ),
    (
        "1 Aven",
        "nivd som EU:s sammanhallningspolitik. Aven",  # line 112
        "nivå som EU:s sammanhållningspolitik. Även",
    ),
    (
        "1 Ornskoldsviks",
        "Ornskoldsviks kommun. Fokus i projektet 3r att dka",  # line 564
        "Örnsköldsviks kommun. Fokus i projektet är att öka",
    ),
    (
        "1 Osterbotten",
        "med Region Visternorrland och Osterbotten under",  # line 962
        "med Region Västernorrland och Österbotten under",
    ),
    (
        "1 Overgripande",
        "Overgripande hallbarhetsmal och vigen dit - sex",  # line 94
        "Övergripande hållbarhetsmål och vägen dit - sex",
    ),
    (
        "1 lanets",
        "Vasterbotten fortsatt arbetet med att stérka lanets aktérer",  # line 4
        "Västerbotten fortsatt arbetet med att stärka länets aktörer",
    ),
    ("1 name", "Patrik Sallstrom", "Patrik Sällström"),  # line 9
    # §6.1 #2 é for ö or ä; genuine é kept
    (
        "2 férandringar",
        "varldshandeln och ledde till férandringar i",  # line 336
        "världshandeln och ledde till förändringar i",
    ),
    (
        "2 méta",
        "digitaliseringen och inte bara méta dess",  # line 265
        "digitaliseringen och inte bara möta dess",
    ),
    ("2 Iénet", "Ett urval av insatser i Iénet", "Ett urval av insatser i länet"),  # line 2538
    (
        "2 Métesplats",
        "skapa jamlikhet. Priset delas ut vid Métesplats",  # line 1741
        "skapa jämlikhet. Priset delas ut vid Mötesplats",
    ),
    (
        "2 hélsa",
        "Mal 3: God hélsa och vélbefinnande",  # line 5415
        "Mål 3: God hälsa och välbefinnande",
    ),
    (
        "2 café kept",
        "obemannad service och en café-del som utgor en",  # line 4074
        "obemannad service och en café-del som utgör en",
    ),
    (
        "2 Idén kept",
        "att agera pa. Idén om basnivan bygger pa ett behov",  # line 542
        "att agera på. Idén om basnivån bygger på ett behov",
    ),
    (
        "2 kommittén kept",
        "TUA kommittén tas gemensamma beslut avseende",  # line 9094
        "TUA kommittén tas gemensamma beslut avseende",
    ),
    # §6.1 #3 digit 6 for ö
    (
        "3 6kad",
        "ska ge 6kad medborgarnytta, battre valfard, starkt",  # line 298
        "ska ge ökad medborgarnytta, bättre välfärd, starkt",
    ),
    (
        "3 6ver",
        "som sker i lanet. Regional utveckling spanner 6ver",  # line 23
        "som sker i länet. Regional utveckling spänner över",
    ),
    # §6.1 #4 "lö" read as I6 / l6 / 16 / |6 / |0
    (
        "4 I6",
        (  # lines 4-5
            "inspirerar genom samverkan, innovation och platsbaserade\n"
            "I6sningar. Jag hoppas att denna rapport bidrar"
        ),
        (
            "inspirerar genom samverkan, innovation och platsbaserade\n"
            "lösningar. Jag hoppas att denna rapport bidrar"
        ),
    ),
    ("4 l6", "och regionala l6sningar. Eftersom", "och regionala lösningar. Eftersom"),  # line 483
    ("4 16", "for att 16sa komplexa problem.", "för att lösa komplexa problem."),  # line 1159
    ("4 |6", "foljas upp och utvecklas |6pande.", "följas upp och utvecklas löpande."),  # line 329
    (
        "4 |0",
        "kan starkas. Dessa perspektiv integrerats |0pande i",  # line 7308
        "kan stärkas. Dessa perspektiv integrerats löpande i",
    ),
    # §6.1 #5 other digit or symbol confusions
    (
        "5 &ven",
        "Regionalfonden och Socialfonden men &ven",  # line 10787
        "Regionalfonden och Socialfonden men även",
    ),
    (
        "5 &ldre",
        "med samtida konst men ocksa &ldre konst som",  # line 7099
        "med samtida konst men också äldre konst som",
    ),
    (
        "5 &n",
        "tatorterna tenderar hellre att 6ka &n att minska",  # line 2599
        "tätorterna tenderar hellre att öka än att minska",
    ),
    (
        "5 Ume&",
        "och Ume& samt AC-Net. Aterkommande regionala",  # line 5051
        "och Umeå samt AC-Net. Återkommande regionala",
    ),
    (
        "5 @r",
        "Konsult @r dven involverad som stod till",  # line 1754
        "Konsult är även involverad som stöd till",
    ),
    (
        "5 @n",
        "aktorer @n Region Vasterbotten ansvarar for som",  # line 2535
        "aktörer än Region Västerbotten ansvarar för som",
    ),
    (
        "5 @nnu",
        "utvecklingskraften @nnu mer inom utbildning i",  # line 10316
        "utvecklingskraften ännu mer inom utbildning i",
    ),
    (
        "5 4r",
        "Hallbar mobilitet 4r en kédrna i regionala",  # line 5437
        "Hållbar mobilitet är en kärna i regionala",
    ),
    (
        "5 1ag",
        "landsbygden med 1ag omsattning innebar hogre",  # line 2595
        "landsbygden med låg omsättning innebär högre",
    ),
    (
        "5 1aggs",
        "arssammanstallning 1aggs upp pa Analysportal norr.",  # line 2875
        "årssammanställning läggs upp på Analysportal norr.",
    ),
    (
        "5 1an",
        "Vasterbottens 1an — med fokus pa att koppla",  # line 1229
        "Västerbottens län — med fokus på att koppla",
    ),
    (
        "5 l[anet",
        "utveckling i l[anet. Stdden mojliggdr investeringar",  # line 2854
        "utveckling i länet. Stöden möjliggör investeringar",
    ),
    (
        "5 0ka",
        "planeringsprocesser, 0ka bostadsbyggande och",  # line 2639
        "planeringsprocesser, öka bostadsbyggande och",
    ),
    (
        "5 ¢kad",
        "kommunala VA-verksamheterna samt en ¢kad",  # line 6263
        "kommunala VA-verksamheterna samt en ökad",
    ),
    (
        "5 Ume3",
        "genom samverkan. Alla kommuner utom Ume3,",  # line 1243
        "genom samverkan. Alla kommuner utom Umeå,",
    ),
    (
        "5 sm3a",
        "larande mot sm3a och medelstora foretag i",  # line 2336
        "lärande mot små och medelstora företag i",
    ),
    # §6.1 #6 letter confusions: d and i for ä/å/ö
    (
        "6 ldnet",
        "2030 samt Insatser i ldnet. Inom varje prioritering",  # line 78
        "2030 samt Insatser i länet. Inom varje prioritering",
    ),
    (
        "6 dven",
        "utvecklingspolitiken. Rapporten anvdnds dven som",  # line 48
        "utvecklingspolitiken. Rapporten används även som",
    ),
    (
        "6 Vdsterbotten",
        "Vasterbotten, Lansstyrelsen Vdsterbotten och",  # line 3308
        "Västerbotten, Länsstyrelsen Västerbotten och",
    ),
    (
        "6 Visterbotten",
        "Aven om Region Visterbottens stérsta bidrag till",  # line 519
        "Även om Region Västerbottens största bidrag till",
    ),
    (
        "6 Omvirlden",
        "Omvirlden paverkar innovationsledning",  # line 331
        "Omvärlden påverkar innovationsledning",
    ),
    (
        "6 Viasterbotten",
        "utmaningar starker Region Viasterbotten inte bara",  # line 4064
        "utmaningar stärker Region Västerbotten inte bara",
    ),
    (
        "6 Umed",
        "kommunernas IT-verksamhet. Umed kommun &r",  # line 1218
        "kommunernas IT-verksamhet. Umeå kommun är",
    ),
    (
        "6 Umead",
        "Umead- Skellefted fatt byggstartsbeslut och",  # line 4715
        "Umeå- Skellefteå fått byggstartsbeslut och",
    ),
    ("6 Vig E4", " Vig E4", " Väg E4"),  # line 5629
    (
        "6 dr",
        "Offentlig sektor dr det omrade dar Sverige far",  # line 276
        "Offentlig sektor är det område där Sverige får",
    ),
    # §6.1 #7 I/l confusion in upper case
    (
        "7 Al",
        "aren medfort att artificiell intelligens (Al) gatt fran",  # line 204
        "åren medfört att artificiell intelligens (AI) gått från",
    ),
    (
        "7 Al-",
        "fran Al-genererad desinformation och behovet av",  # line 209
        "från AI-genererad desinformation och behovet av",
    ),
    ("7 Al Viisterbotten", "Al Viisterbotten", "AI Västerbotten"),  # line 668
    (
        "7 loT",
        "satellitkommunikation och sensornatverk (loT) for",  # line 4848
        "satellitkommunikation och sensornätverk (IoT) för",
    ),
    (
        "7 Power Bl",
        "analysverktyg som Quarto, R och Power Bl som",  # line 12190
        "analysverktyg som Quarto, R och Power BI som",
    ),
    (
        "7 CEl",
        "mote DTV, UNLOCK & CEl Boost, Lulea tekniska",  # line 11041
        "möte DTV, UNLOCK & CEI Boost, Luleå tekniska",
    ),
    (
        "7 13 is a number",
        "Investments (13), som arbetar med att forma nasta",  # line 931
        "Investments (13), som arbetar med att forma nästa",
    ),
    # §6.1 #8 "|" for the capital I
    (
        "8 | mid-line",
        "hamnar hogt upp i manga rankingar. | arets utgava",  # line 384
        "hamnar högt upp i många rankingar. I årets utgåva",
    ),
    (
        "8 | line start",
        "| Vasterbotten kommer det regionala",  # line 120
        "I Västerbotten kommer det regionala",
    ),
    ("8 |X glued", "|samverkan med Umea universitet", "I samverkan med Umeå universitet"),  # 8531
    # §6.1 #10 curly quotes and em dashes kept
    (
        "10 quotes",
        "Konferensen ”En jamlik och halsoframjande hélso-",  # line 8131
        "Konferensen ”En jämlik och hälsofrämjande hälso-",
    ),
    (
        "10 em dash",
        "Vasterbotten — En region rik pa kompetenser",  # line 9787
        "Västerbotten — En region rik på kompetenser",
    ),
    # §6.2 preposition "i" glued to the next word
    (
        "i ilanet",
        "som kan bli nar aktorer ilanet tillsammans med",  # line 64
        "som kan bli när aktörer i länet tillsammans med",
    ),
    (
        "i ien",
        "Detta arbete har resulterat ien 6kad",  # line 3205
        "Detta arbete har resulterat i en ökad",
    ),
    (
        "i iden",
        "mojligheterna att na klimat- och miljémalen iden",  # line 5334
        "möjligheterna att nå klimat- och miljömålen i den",
    ),
    (
        "i iinlandet",
        "entreprendrskap iinlandet. Projektet syftar till att",  # line 2464
        "entreprenörskap i inlandet. Projektet syftar till att",
    ),
    (
        "i somi",
        "saker somi sin tur forandrar samhallet.",  # line 198
        "saker som i sin tur förändrar samhället.",
    ),
    (
        "i ifebruari",
        "lanserades ifebruari 2025 har starkt",  # line 1476
        "lanserades i februari 2025 har stärkt",
    ),
    (
        "i ijuni",
        "genomférdes provflygningarna ijuni 2025 over",  # line 5585
        "genomfördes provflygningarna i juni 2025 över",
    ),
    (
        "i itva",
        "transportsystemet aven resultera itva strategier-",  # line 5123
        "transportsystemet även resultera i två strategier-",
    ),
    (
        "i ivad",
        "delegationen inom samverkansorganisationen ivad",  # line 12388
        "delegationen inom samverkansorganisationen i vad",
    ),
    (
        "på paen",
        "exempel paen valfungerande samverkan",  # line 9703
        "exempel på en välfungerande samverkan",
    ),
    # §6.2 missing space after a full stop
    (
        "space Salut",
        "intervjuer och observationer.Salut-",  # line 9726
        "intervjuer och observationer. Salut-",
    ),
    (
        "space Projektet",
        "Almedalen.Projektet har drivit dialog med foretag,",  # line 11254
        "Almedalen. Projektet har drivit dialog med företag,",
    ),
    (
        "space HLT",
        "barn och familj.HLT finns i Vasterbottens",  # line 9700
        "barn och familj. HLT finns i Västerbottens",
    ),
    # §6.2 misspellings of the original are not "corrected" into something else
    (
        "orig Attt",
        "e Attt delta i och leda projektkontor och",  # line 615
        "e Attt delta i och leda projektkontor och",
    ),
    (
        "orig reigonen",
        "reigonen far likvardiga mojligheter att delta i",  # line 2266
        "reigonen får likvärdiga möjligheter att delta i",
    ),
]


@pytest.mark.parametrize("damaged, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_damage_pattern_is_repaired(damaged, expected):
    assert repair_text(damaged) == expected


CONTEXT_CASES = [
    # för / for
    (
        "för: Swedish",
        "beskrivet i\nAgenda for strategiskt larande, som knyter",  # lines 28-29
        "beskrivet i\nAgenda för strategiskt lärande, som knyter",
    ),
    (
        "for: English name",
        "Regional Ecosystems for Social Innovation and",  # line 1619
        "Regional Ecosystems for Social Innovation and",
    ),
    ("for: English words", "a platform for the regions", "a platform for the regions"),
    # är / år / ar
    (
        "är after det",
        "regionerna har sarskilda styrkor. Det ar en del av",  # line 457
        "regionerna har särskilda styrkor. Det är en del av",
    ),
    (
        "år after ett",
        "Fragestdllningarna under ett ar kan vara bottom-up",  # line 720
        "Frågeställningarna under ett år kan vara bottom-up",
    ),
    (
        "år before a year",
        "en onskvard utveckling i Vasterbotten till ar 2030.",  # line 102
        "en önskvärd utveckling i Västerbotten till år 2030.",
    ),
    ("år after a count", "Projektet pagar under tre ar.", "Projektet pågår under tre år."),
    ("År … är", "Ar 2030 ar Vasterbotten en plats", "År 2030 är Västerbotten en plats"),
    # så / sa
    (
        "så",
        "verksamhetsuppfoljning och pa sa satt erbjuder",  # line 60
        "verksamhetsuppföljning och på så sätt erbjuder",
    ),
    ("så att", "for att sa manga som mojligt ska", "för att så många som möjligt ska"),
    # än / an
    (
        "än after mer",
        "langre, mer an att den vaxer snabbt och numera",  # line 190
        "längre, mer än att den växer snabbt och numera",
    ),
    (
        "än comparative",
        "Andra lander ar snabbare an Sverige. Sverige var",  # line 271
        "Andra länder är snabbare än Sverige. Sverige var",
    ),
    ("an: English", "this is an example of", "this is an example of"),
    # här / har
    (
        "här: den här",
        "Den har rapporten, Resultat Vasterbotten 2025,",  # line 16
        "Den här rapporten, Resultat Västerbotten 2025,",
    ),
    ("har: verb", "Region Vasterbotten har darfor", "Region Västerbotten har därför"),  # line 27
    (
        "Här: sentence start",
        "fabrik. Har genomférdes provflygningarna",  # lines 5584-5585
        "fabrik. Här genomfördes provflygningarna",
    ),
    # var / vår, vara / våra
    ("var och en", "for var och en av prioriteringarna", "för var och en av prioriteringarna"),
    (
        "våra",
        "insatser mot vara utpekade styrkeomraden",
        "insatser mot våra utpekade styrkeområden",
    ),
    ("vara", "ska vara vagledande for aktorer", "ska vara vägledande för aktörer"),
    # stärka / starka
    (
        "stärka after att",
        "arbetet med att starka lanets aktorer",
        "arbetet med att stärka länets aktörer",
    ),
]


@pytest.mark.parametrize(
    "damaged, expected", [c[1:] for c in CONTEXT_CASES], ids=[c[0] for c in CONTEXT_CASES]
)
def test_context_decides(damaged, expected):
    assert repair_text(damaged) == expected


def test_same_word_two_ways_in_one_text():
    text = "Det ar bra att vi under ett ar har arbetat med detta."
    assert repair_text(text) == "Det är bra att vi under ett år har arbetat med detta."


@pytest.mark.parametrize(
    "text",
    [
        "2024-01-01",
        "N01951",
        "ISO 14001",
        "070-608 48 88",
        "S3-strategi",
        "E12 och E4",
        "Youth2030",
        "R10 och R8",
        "CH2ESS",
        "12b och 11.A",
        "stina.karlgren@regionvasterbotten.se",
        "https://www.regeringen.se/rattsliga-dokument/departementsserien-och-promemorior/",
        "www.vinnova.se/sa-framjar-vi-innovation",
        "1177.se",
        "EU RUS SKR ALMI",
    ],
)
def test_numbers_codes_addresses_untouched(text):
    assert repair_text(text) == text
    assert repair_text(f"Det ar {text} som galler") == f"Det är {text} som gäller"


def test_broken_email_address_is_left_alone():
    # line 12771: the OCR put a space before the @
    line = "076-119 86 76, nils.enwald @regionvasterbotten.se"
    assert repair_text(line) == line


@pytest.mark.parametrize(
    "damaged, expected",
    [
        ("Ar", "Är"),
        ("ALLA OVERGRIPANDE MAL", "ALLA ÖVERGRIPANDE MÅL"),
        ("Vasterbotten", "Västerbotten"),
        ("VASTERBOTTEN", "VÄSTERBOTTEN"),
        ("6ka", "Öka"),  # opens the text, so a sentence
        ("vi vill 6ka", "vi vill öka"),
    ],
)
def test_capitals_are_kept(damaged, expected):
    assert repair_text(damaged) == expected


def test_lines_and_spacing_are_kept():
    text = (
        " Oversikt dver rapporten\n\nTredje aret med Resultat Vasterbotten\n   \n\tpa sa satt  \n"
    )
    out = repair_text(text)
    assert (
        out == " Översikt över rapporten\n\nTredje året med Resultat Västerbotten\n"
        "   \n\tpå så sätt  \n"
    )


def test_clean_text_is_left_alone():
    text = (
        "Strategin är ett uppdrag från regeringen och tas fram för att visa vägen för en "
        "önskvärd utveckling i Västerbotten till år 2030. Den här rapporten har tagits fram "
        "av den regionala utvecklingsförvaltningen."
    )
    assert repair_text(text) == text


def test_repair_word_uses_context():
    assert repair_word("ar", left="Det", right="bra") == "är"
    assert repair_word("ar", left="under ett", right="har vi") == "år"
    assert repair_word("I6sningar", left="innovativa") == "lösningar"
    assert repair_word("ilanet") == "i länet"
    assert repair_word("2030") == "2030"


def test_repairer_with_its_own_model_and_cache():
    from resultat.core.ocr.context import ContextModel
    from resultat.core.ocr.lexicon import get_lexicon

    model = ContextModel.train(["Vi har ett år kvar. Det är bra."], get_lexicon())
    repairer = Repairer(model=model)
    assert model.unigrams["år"] == 1 and model.left[("ett", "år")] == 1
    assert repairer.repair_text("Det ar bra. Ett ar kvar.") == "Det är bra. Ett år kvar."


def test_strip_probability_tells_clean_from_stripped():
    r = Repairer()
    assert r.strip_probability(["Det", "är", "bra", "för", "länet", "och", "för", "oss"]) < 0.3
    assert r.strip_probability(["Det", "ar", "bra", "for", "lanet", "och", "for", "oss"]) > 0.7


def test_empty_and_whitespace():
    assert repair_text("") == ""
    assert repair_text("\n\n  \n") == "\n\n  \n"
    assert repair_text("| ") == "I "


# Classes of damage added after the issue-19 proof-reading sample (each case is a
# sentence of its own, not copied from the sample).
CLASS_CASES = [
    # three equal consonants written as two at a compound's joint
    ("process|stöd", "Ett nytt processtod for kommunerna", "Ett nytt processtöd för kommunerna"),
    # an unknown present participle of a known verb is kept, not read as a compound with "ände"
    (
        "participle kept",
        "En samordnande och orkestrerande roll",
        "En samordnande och orkestrerande roll",
    ),
    # a first part weighed by how many compounds it starts: "tåg-" many, "tag-" few; "mat-" many
    (
        "tåg|strategin",
        "Arbetet med tagstrategin i lanet ar viktigt for manga.",
        "Arbetet med tågstrategin i länet är viktigt för många.",
    ),
    (
        "mat|kulturstrategin",
        "Arbetet med matkulturstrategin i lanet ar viktigt for manga.",
        "Arbetet med matkulturstrategin i länet är viktigt för många.",
    ),
    # a dropped å/ä/ö
    ("lost ä", "Manga samhllen i inlandet", "Många samhällen i inlandet"),
    # val (noun) after an adjective, väl (adverb) after a verb
    (
        "val after adjective",
        "Unga gor medvetna val infor gymnasiet",
        "Unga gör medvetna val inför gymnasiet",
    ),
    (
        "väl after a verb",
        "Samarbetet kommer att fungera val i praktiken",
        "Samarbetet kommer att fungera väl i praktiken",
    ),
    # vården after a singular determiner; värden (values) after a plural one
    (
        "vården after den",
        "Arbetet i den kommunala varden okar",
        "Arbetet i den kommunala vården ökar",
    ),
    ("värden after de", "de uppmatta varden visar", "de uppmätta värden visar"),
    # år after "ett par", län after a count or a superlative, vården after a bare preposition
    ("ett par år", "Under ett par ar har antalet okat.", "Under ett par år har antalet ökat."),
    ("tre län", "Samarbetet mellan tre lanen i norr", "Samarbetet mellan tre länen i norr"),
    ("sydligaste länen", "de sydligaste lanen i landet", "de sydligaste länen i landet"),
    ("inom vården", "Personalen inom varden okar.", "Personalen inom vården ökar."),
    # män in the pair "kvinnor och män"; the pronoun man elsewhere
    (
        "kvinnor och män",
        "Bade kvinnor och man ska ha lika villkor.",
        "Både kvinnor och män ska ha lika villkor.",
    ),
    ("man pronoun", "Aktorer och man kan delta.", "Aktörer och man kan delta."),
    # stärkt before an en-noun (the neuter "starkt" cannot go with it); starkt before an ett-noun
    (
        "stärkt + en-noun",
        "Satsningen ger starkt konkurrenskraft for lanet och manga.",
        "Satsningen ger stärkt konkurrenskraft för länet och många.",
    ),
    (
        "starkt + ett-noun",
        "Det finns ett starkt fokus pa lanet och en starkt bidragande del.",
        "Det finns ett starkt fokus på länet och en starkt bidragande del.",
    ),
    # names and acronyms in mixed case are left alone
    (
        "FaR",
        "Arbetet med Fysisk aktivitet pa Recept, FaR, och BoVa i lanet.",
        "Arbetet med Fysisk aktivitet på Recept, FaR, och BoVa i länet.",
    ),
    # ända before a direction or time, anda after "samma", ändå elsewhere
    ("ända till", "Banan gar anda fram till kusten", "Banan går ända fram till kusten"),
    ("ända sedan", "Arbetet har pagatt anda sedan 2019.", "Arbetet har pågått ända sedan 2019."),
    ("i samma anda", "Arbetet fortsatter i samma anda.", "Arbetet fortsätter i samma anda."),
    ("ändå", "Resultatet blev anda battre an vantat.", "Resultatet blev ändå bättre än väntat."),
]


@pytest.mark.parametrize(
    "damaged, expected", [c[1:] for c in CLASS_CASES], ids=[c[0] for c in CLASS_CASES]
)
def test_issue19_damage_classes(damaged, expected):
    assert repair_text(damaged) == expected


def test_modifier_count_measures_first_parts():
    from resultat.core.ocr.lexicon import get_lexicon

    lex = get_lexicon()
    assert lex.modifier_count("tåg") > 3 * (lex.modifier_count("tag") + 1)
    assert lex.modifier_count("mat") > lex.modifier_count("mät")
    assert lex.modifier_count("qzxq") == 0
