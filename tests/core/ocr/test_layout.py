"""Line and paragraph cleanup (clean_layout): §6.1 #9, §6.2 hyphenation, §6.3 layout.

Inputs are excerpts of shared/seeds/resultat-vasterbotten-2025.ocr.txt, line numbers
in the comments; line-level cleanup runs on the raw (unrepaired) OCR text.
"""

import pytest

from resultat.core.ocr import clean_layout, layout_paragraphs, repair_text
from resultat.core.ocr.layout import hyphen_joiner

HYPHENS = [
    # keep the hyphen: prefixes, acronyms, single letters, digits, capitals after it
    (
        "Umea universitet och Norrmejerier drabbats av IT-",
        "attacker under 2025.",  # 267-268
        "Umea universitet och Norrmejerier drabbats av IT-attacker under 2025.",
    ),
    (
        "(SMF) i Vasterbotten att utforska och anvanda Al-",
        "verktyg i sin verksamhet",  # 647
        "(SMF) i Vasterbotten att utforska och anvanda Al-verktyg i sin verksamhet",
    ),
    (
        "kommunalt, regionalt, nationellt och inom EU-",
        "sammanhang.",  # 997
        "kommunalt, regionalt, nationellt och inom EU-sammanhang.",
    ),
    (
        "som har en egen plattform, ar delaktiga i e-",
        "tjanstesamverkan.",  # 1244
        "som har en egen plattform, ar delaktiga i e-tjanstesamverkan.",
    ),
    (
        "Tillvaxtverket och Region Vasterbotten for ett 3-",
        "arigt projekt.",  # 675
        "Tillvaxtverket och Region Vasterbotten for ett 3-arigt projekt.",
    ),
    (
        "(Vasterbotten, Vasternorrland och Jamtland-",
        "Harjedalen) i utforskandet",  # 1009
        "(Vasterbotten, Vasternorrland och Jamtland-Harjedalen) i utforskandet",
    ),
    (
        "femton kommuner med totalt 62 HLT-",
        "team.",  # 9701
        "femton kommuner med totalt 62 HLT-team.",
    ),
    (
        "RUS-prioriteringar. Exempelvis inom RUS-",
        "prioritering 4",  # 11442
        "RUS-prioriteringar. Exempelvis inom RUS-prioritering 4",
    ),
    (
        "Utbildningsinsatser i alternativa métesmiljéer i VR-",
        "miljé",  # 12221
        "Utbildningsinsatser i alternativa métesmiljéer i VR-miljé",
    ),
    # coordination: keep the hyphen, add the space
    (
        "investeringsvilja sarskilt paverkade bygg-, industri-",
        "och fastighetssektorn.",  # 2613
        "investeringsvilja sarskilt paverkade bygg-, industri- och fastighetssektorn.",
    ),
    (
        "strackor kan fa langtgdende effekter pa bade gods-",
        "och persontransporter",  # 4379
        "strackor kan fa langtgdende effekter pa bade gods- och persontransporter",
    ),
    (
        "av vasterbottningens behov av halso-",
        "och sjukvard samt tandvard",  # 8393
        "av vasterbottningens behov av halso- och sjukvard samt tandvard",
    ),
    # a soft hyphen: the two halves are one word
    (
        "landsbygdens butiker fortsatter ocksa kund-",
        "underlagen att minska",  # 2601
        "landsbygdens butiker fortsatter ocksa kundunderlagen att minska",
    ),
    (
        "aterverkningar pa underleverantorer i Vaster-",
        "botten. Med den gradvisa",  # 2615
        "aterverkningar pa underleverantorer i Vasterbotten. Med den gradvisa",
    ),
    (
        "paverkan pa hela norra Sveriges industriella eko-",
        "system. Konkursen",  # 2652
        "paverkan pa hela norra Sveriges industriella ekosystem. Konkursen",
    ),
    (
        "Overbrygga utmaningar som gleshet, socio-",
        "ekonomiska skillnader",  # 10657
        "Overbrygga utmaningar som gleshet, socioekonomiska skillnader",
    ),
]


@pytest.mark.parametrize("first, second, expected", HYPHENS, ids=[h[2][-25:] for h in HYPHENS])
def test_line_end_hyphen(first, second, expected):
    assert clean_layout(first + "\n" + second) == expected + "\n"


def test_hyphen_joiner_directly():
    assert hyphen_joiner("ocksa kund-", "underlagen att") == ""
    assert hyphen_joiner("inom EU-", "sammanhang.") == "-"
    assert hyphen_joiner("bade gods-", "och persontransporter") == "- "


def test_page_start_space_and_sentence_across_page_break():
    # lines 466-468: a page starts (leading space) in the middle of a sentence
    text = (
        "Vasterbotten innebar detta att skog, mineraler och\n"
        "energi ar tydliga styrkor. Samtidigt maste\n"
        " vardekedjor och innovationer byggas lokalt, for att"
    )
    assert clean_layout(text) == (
        "Vasterbotten innebar detta att skog, mineraler och energi ar tydliga styrkor. "
        "Samtidigt maste vardekedjor och innovationer byggas lokalt, for att\n"
    )


def test_heading_cut_by_a_blank_line_run():
    # lines 1075-1077
    text = "Smart specialisering behovs for bade stader och\n\nglesbygd\n\n\n"
    assert clean_layout(text) == "Smart specialisering behovs for bade stader och glesbygd\n"


def test_heading_split_by_blank_lines_is_joined():
    # lines 94-96
    text = (
        "Overgripande hallbarhetsmal och vigen dit - sex\n\n\n\n"
        "prioriteringar och tre inriktningar\n"
    )
    assert clean_layout(text) == (
        "Overgripande hallbarhetsmal och vigen dit - sex prioriteringar och tre inriktningar\n"
    )


def test_sentence_ending_in_och_continues_after_blank_lines():
    # lines 2978-2981
    text = (
        "rutiner att folja och aktivera i de fall det blir\naktuellt och\n\n"
        "Region Vasterbottens hjélp efterfragas."
    )
    assert clean_layout(text) == (
        "rutiner att folja och aktivera i de fall det blir aktuellt och "
        "Region Vasterbottens hjélp efterfragas.\n"
    )


def test_real_paragraph_break_is_kept():
    text = "Forsta stycket slutar har.\n\nAndra stycket borjar har."
    assert clean_layout(text) == "Forsta stycket slutar har.\n\nAndra stycket borjar har.\n"


def test_lone_page_number_inside_a_sentence_is_dropped():
    # lines 3103-3107: "... till [anets / 33 / kommuner ..."
    text = (
        "och uppfoljning. Det ges dven stod till [anets\n\n33\n\n"
        "kommuner i deras eventuella framtagande av\nlokala handlingsplaner."
    )
    assert clean_layout(text) == (
        "och uppfoljning. Det ges dven stod till [anets kommuner i deras eventuella "
        "framtagande av lokala handlingsplaner.\n"
    )


def test_heading_glued_to_body_text_stays_a_heading():
    # lines 569-571
    text = (
        "Digital omstallning i Vasterbottens industrier\n"
        "Projektet Digital omstallning i Vasterbottens industrier\n"
        "(DOVI) har som syfte att stotta 20 industriforetag\n"
        "i deras digitala omstallning och ska pa sa satt bidra."
    )
    paras = layout_paragraphs(text)
    assert [p.kind for p in paras] == ["heading", "text"]
    assert paras[0].text == "Digital omstallning i Vasterbottens industrier"
    assert (paras[1].first_line, paras[1].last_line) == (2, 4)


def test_bullets_read_as_letters():
    # lines 145-157: "e" and "®" bullets; lines 6689-6692 "o"; 9888-9895 "-"
    text = (
        "De tre inriktningarna ar:\n\n"
        "e Sammanhallen region - regionala\nutvecklingsinsatser bidrar.\n\n"
        "® Foregangare i omstdllning - Regionala\nutvecklingsinsatser bidrar.\n\n"
        "o  Synliggora urfolket samerna och de\nnationella minoriteterna.\n\n"
        "- livslangt ldrande och en befolkning som &r rustad\nfor ett arbetsliv i forandring."
    )
    assert clean_layout(text) == (
        "De tre inriktningarna ar:\n\n"
        "• Sammanhallen region - regionala utvecklingsinsatser bidrar.\n\n"
        "• Foregangare i omstdllning - Regionala utvecklingsinsatser bidrar.\n\n"
        "• Synliggora urfolket samerna och de nationella minoriteterna.\n\n"
        "• livslangt ldrande och en befolkning som &r rustad for ett arbetsliv i forandring.\n"
    )


def test_a_word_e_is_not_a_bullet():
    assert (
        clean_layout("e-handel och o-ljud\npa landsbygden")
        == "e-handel och o-ljud pa landsbygden\n"
    )


def test_pasted_url_leaves_the_sentence():
    # lines 2792-2797: a footnote URL twice between two halves of a text
    url = "https://www.regeringen.se/rattsliga-dokument/departementsserien-och-promemorior/2025/03/livsmedelsstrategin-2.0"
    text = (
        "Overvagande vaxtbaserad kost rekommenderas\ndven om det ocksa finns plats for\n\n\n"
        f"{url}\n{url}\n\nkott, fisk och mejeriprodukter."
    )
    paras = layout_paragraphs(text)
    assert [p.kind for p in paras] == ["text", "url"]
    assert paras[0].text == (
        "Overvagande vaxtbaserad kost rekommenderas dven om det ocksa finns plats for "
        "kott, fisk och mejeriprodukter."
    )
    assert paras[1].text == url


def test_contact_block():
    # lines 12760-12773: broken addresses, a heading glued to the line before
    text = (
        "Magnus Rudehall, Enhetschef Digitalisering och Innovationsledning, 070-608 48 88,\n"
        "magnus.rudehall@regionvasterbotten .se\n\n"
        "Nils Enwald, Chef Féretag- och projektfinansiering, 076-119 86 76, "
        "nils.enwald @regionvasterbotten.se\n"
        "Vasterbotten — En ndra tillganglig region\n\n"
        "Helena Bjornwall Astrom, Regionbibliotekschef, 070-357 57 33,\n"  # 12784-12785
        "helena.bjornwall.astrom@ regionvasterbotten.se\n"
    )
    assert clean_layout(text) == (
        "Magnus Rudehall, Enhetschef Digitalisering och Innovationsledning, 070-608 48 88, "
        "magnus.rudehall@regionvasterbotten.se\n\n"
        "Nils Enwald, Chef Féretag- och projektfinansiering, 076-119 86 76, "
        "nils.enwald@regionvasterbotten.se\n\n"
        "Vasterbotten — En ndra tillganglig region\n\n"
        "Helena Bjornwall Astrom, Regionbibliotekschef, 070-357 57 33, "
        "helena.bjornwall.astrom@regionvasterbotten.se\n"
    )


def test_in_line_leftover_of_reflowed_hyphenation():
    # lines 961, 5102, 4671: "till-sammans", "flyg-platser", "be-hov"
    text = "har Region Visterbotten till-sammans med flyg-platser och be-hov av e-handel"
    assert clean_layout(text) == (
        "har Region Visterbotten tillsammans med flygplatser och behov av e-handel\n"
    )


def test_layout_then_repair():
    text = "Region Vasterbotten har under aret arbetat med att\n\n\n starka lanets aktorer.\n"
    assert repair_text(clean_layout(text)) == (
        "Region Västerbotten har under året arbetat med att stärka länets aktörer.\n"
    )


def test_empty_text():
    assert clean_layout("") == ""
    assert clean_layout("\n\n\n") == ""
    assert layout_paragraphs("") == []
