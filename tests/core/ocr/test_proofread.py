"""Issue 19, "text as clean as a proof-read copy": the error classes found by reading
the imported 2025 edition against its seed, as regression cases, and the proof-reading
benchmark's tuned sample held at the figure it reached.

Inputs are lines of shared/seeds/resultat-vasterbotten-2025.ocr.txt (line numbers
cited). Each line is repaired after a block of plainly stripped Swedish, so that the
repair's estimate of the document's diacritic loss is that of the report (about 1), as it
is when the whole report is imported.
"""

from pathlib import Path

import pytest

from resultat.core.ocr import clean_layout, repair_text

# Stripped Swedish, so the document's diacritic-loss estimate is the report's.
_STRIPPED = (
    "Under aret har lanet och regionen arbetat for att starka samverkan pa manga satt. "
    "Malet ar att fler foretag ska fa stod fran var verksamhet i hela lanet. "
    "Arbetet har forandrats och utvecklats under varen och hosten."
)


def fix(line: str) -> str:
    return repair_text(_STRIPPED + "\n\n" + line).split("\n\n", 1)[1]


CASES = [
    # å/ä/ö restored to the wrong real word: context decides
    (
        "diskussionen har under ett antal ar handlat om att",
        "diskussionen har under ett antal år handlat om att",
    ),  # 2636
    (
        "kan ha svarare att fa lan och att satsningar som",
        "kan ha svårare att få lån och att satsningar som",
    ),  # 3500
    (
        "jamfort med om man bara utgatt fran var det finns",
        "jämfört med om man bara utgått från var det finns",
    ),  # 3504
    (
        "Varden utmanas av demografiska férandringar,",
        "Vården utmanas av demografiska förändringar,",
    ),  # 8084
    (
        "finns Vasterbottens starka scenkonst och",
        "finns Västerbottens starka scenkonst och",
    ),  # 6440
    (
        "Extremvader har under senare ar orsakat 6kande",
        "Extremväder har under senare år orsakat ökande",
    ),
    (
        "Region Vasterbotten har under starkt sin kunskap",
        "Region Västerbotten har under stärkt sin kunskap",
    ),
    ("och hur de knyter an till finansiering", "och hur de knyter an till finansiering"),
    ("Samverkan inom utbildningsomradet ar stark", "Samverkan inom utbildningsområdet är stark"),
    (
        "genom val av teman, féreldsare och dialogformer.",
        "genom val av teman, föreläsare och dialogformer.",
    ),
    (
        "ordinarie 6ppettider mottagits mycket val av ortens",
        "ordinarie öppettider mottagits mycket väl av ortens",
    ),  # 2931
    ("och fortsatta handelspolitiska spdnningar", "och fortsatta handelspolitiska spänningar"),
    ("för de fyra nordliga lanen inom", "för de fyra nordliga länen inom"),
    (
        "utvecklingen av kollektivtrafiksystemet med tag och buss",
        "utvecklingen av kollektivtrafiksystemet med tåg och buss",
    ),
    # OCR garbage
    (
        "demografiska strukturen ildnet och fordelning av",
        "demografiska strukturen i länet och fördelning av",
    ),  # 442
    (
        "oOver tid, starkt ledarskap ifragan och intern",
        "över tid, starkt ledarskap i frågan och intern",
    ),  # 3217
    (
        "en oOverflyttning av resande mellan trafikslagen,",
        "en överflyttning av resande mellan trafikslagen,",
    ),  # 4255
    (
        "i kultursektorn utgors Gvergripande av att de",
        "i kultursektorn utgörs övergripande av att de",
    ),  # 7101
    (
        "innovationsnatverket tillhnor Region Vasterbotten",
        "innovationsnätverket tillhör Region Västerbotten",
    ),  # 902
    (
        "Digital Impact North (DIN) som é&r regional",
        "Digital Impact North (DIN) som är regional",
    ),  # 2374
    (
        "ESUDA a&r ett projekt som syftar till att utveckla",
        "ESUDA är ett projekt som syftar till att utveckla",
    ),  # 2409
    ("stammer Gverens med lanets forutsattningar", "stämmer överens med länets förutsättningar"),
    ("Umea kommun, Skellefteda kommun och", "Umeå kommun, Skellefteå kommun och"),
    (
        "under slutet av aret har de nordliga Ianens living lab",
        "under slutet av året har de nordliga länens living lab",
    ),
    # recurring misreadings of one word, found by listing the words of the imported
    # edition that no lexicon knows
    ("ska ges majlighet att", "ska ges möjlighet att"),
    ("fysiska utbildningsmoijligheter i", "fysiska utbildningsmöjligheter i"),
    ("att frigbra dessa frekvenser", "att frigöra dessa frekvenser"),
    ("den energiomstalining som", "den energiomställning som"),
    ("inom besGksndring", "inom besöksnäring"),
    ("inom omrdadet", "inom området"),
    (
        "kommande sammanhallningspolitik, sdasom samre",
        "kommande sammanhållningspolitik, såsom sämre",
    ),
    ("Visit Umeda, Oulu", "Visit Umeå, Oulu"),
    # capital Ö mid-sentence (a line-initial capital O of the OCR)
    (
        "som hittills deltagit i projektet har fatt en betydlig\nOkad kunskap om",
        "som hittills deltagit i projektet har fått en betydlig\nökad kunskap om",
    ),  # 580
    (
        "inom Strategiska partnerskapet Ovre Norrland.",
        "inom Strategiska partnerskapet Övre Norrland.",
    ),
    # ... also after a common word that opens a sentence in running text, but not
    # in a title, where capitalised words are a name
    (
        "vid en traditionell vardavdelning. Avdelningen Oppnade den 22 september",
        "vid en traditionell vårdavdelning. Avdelningen öppnade den 22 september",
    ),
    ("Projekt Ost-vistliga straket", "Projekt Öst-västliga stråket"),
    ("Arbetet pagar. Umea Ostersund och", "Arbetet pågår. Umeå Östersund och"),
    # an agent noun in -are of a known verb as a compound's head (höja: höjare),
    # where the lexicon has only the stripped spelling; ordinary -are words stay
    ("vara en kapacitetshojare i arbetet", "vara en kapacitetshöjare i arbetet"),
    ("fler larare och lararna", "fler lärare och lärarna"),
    ("ett antal kunskapslyftare", "ett antal kunskapslyftare"),
    # a long compound whose first part is a rare word, when nothing else explains it
    ("Intermediarvardsavdelning (IMA) Ny vardniva", "Intermediärvårdsavdelning (IMA) Ny vårdnivå"),
    # "där" read as "déar" (é and a for one ä), not the real word "öar"
    ("i busstrafiken déar det inte finns", "i busstrafiken där det inte finns"),
    # "gör" read as "gbé r": "Synliggbérande"
    ("Synliggbérande av platsen", "Synliggörande av platsen"),
    # a glued "i" before a word with a misread letter, also a compound
    ("implementerats ildnets kommuner", "implementerats i länets kommuner"),
    ("kollektivtrafikmyndigheter igrannldnen och", "kollektivtrafikmyndigheter i grannlänen och"),
    # a long first part may be rarer: a correct word is not "repaired" into another
    ("och effektiv utskrivningsprocess och", "och effektiv utskrivningsprocess och"),
    # a misread letter in a compound that only a far-fetched split explained
    ("Samhillbyggnad", "Samhällbyggnad"),
    # grammar for confusion pairs: the singular article before säker (never the
    # plural "saker"); "ta sig an"; "fortsatta" after a genitive; "stärkt" before a
    # noun in -an of common gender; "tåg" beside a compound about transport
    ("for en saker hemgang fran sjukhus", "för en säker hemgång från sjukhus"),
    ("manga saker att gora", "många saker att göra"),
    ("att ta sig an alla utmaningar", "att ta sig an alla utmaningar"),
    ("ar storre an", "är större än"),
    ("for Vasterbottens fortsatta valfard", "för Västerbottens fortsatta välfärd"),
    ("kommer att fortsatta arbeta", "kommer att fortsätta arbeta"),
    ("kompetenshojning, samt starkt samverkan och", "kompetenshöjning, samt stärkt samverkan och"),
    ("dar det finns bade tag och busstrafik", "där det finns både tåg och busstrafik"),
    # år after a determiner when a finite verb follows ("är har" is no clause);
    # "detta här" is not written, so "Detta har …" keeps the verb
    (
        "Vissa ar har gemensamma aktiviteter genomforts.",
        "Vissa år har gemensamma aktiviteter genomförts.",
    ),
    ("Vissa ar bra.", "Vissa är bra."),
    ("Detta har sammantaget gett en battre", "Detta har sammantaget gett en bättre"),
    ("Det har aret var", "Det här året var"),
    # the plural "råden" after a plural determiner, never the singular "raden"
    ("alla raden ansvarig", "alla råden ansvarig"),
    ("en rad samarbeten", "en rad samarbeten"),
    # a long head may be rarer: an undamaged compound is left as it is
    ("i lanet med stationsledsagning.", "i länet med stationsledsagning."),
    # "dér" as a word of its own is "där"; inside a word "dé" stays one ö ("möjliggör")
    ("samhallsutmaningar dér aktorer fran", "samhällsutmaningar där aktörer från"),
    ("det mojliggdér och", "det möjliggör och"),
    # an abbreviation's full stop ends no sentence: "osv. har fört" (not "Här"),
    # and the supine "fört" after "har"
    ("elpris osv. har fort med sig en rad", "elpris osv. har fört med sig en rad"),
    ("Han gick fort.", "Han gick fort."),
    # "for" between two small Swedish words is "för"; English stays English
    ("ansvariga chefer for smart specialisering", "ansvariga chefer för smart specialisering"),
    ("Strategy for Smart Specialisation", "Strategy for Smart Specialisation"),
    # "fortsatta" after any genitive; "mäns våld"; "Värt att" opening a sentence
    ("for kollektivtrafikens fortsatta utveckling", "för kollektivtrafikens fortsatta utveckling"),
    ("att motverka mans vald mot kvinnor", "att motverka mäns våld mot kvinnor"),
    ("Vart att notera ar aven", "Värt att notera är även"),
    ("Vart arbete ar viktigt.", "Vårt arbete är viktigt."),
    # "mån" in "i viss mån", "i den mån"; the pronoun and noun "man" elsewhere
    ("Teknik kan ocksa i viss man bade ersatta", "Teknik kan också i viss mån både ersätta"),
    ("i den man det gar", "i den mån det går"),
    ("den man som kom", "den man som kom"),
    # "har" takes no present passive: "här läggs", but "har funnits", "har kommunens"
    ("och har laggs fokus pa att", "och här läggs fokus på att"),
    ("Vi har funnits lange.", "Vi har funnits länge."),
    ("De har kommunens stod.", "De har kommunens stöd."),
    # é and a for one å: "delméal"
    ("delméal 13.3", "delmål 13.3"),
    # ninth round (read off fresh5..fresh9): år after "i", an adjective, a preposition
    # and determiner, "ett antal ... sedan"; "är" after "varav ett"
    ("I ar var det Region Vasterbotten", "I år var det Region Västerbotten"),
    ("Likt foregaende ar gar det", "Likt föregående år går det"),
    ("under detta ar ar alla raden", "under detta år är alla råden"),
    ("for ett antal ar sedan", "för ett antal år sedan"),
    ("ett i varje lansdel, varav ett ar Norrlands", "ett i varje länsdel, varav ett är Norrlands"),
    ("Det ar ett ar sedan.", "Det är ett år sedan."),
    # the supine of "sätta" after "har" ("har … driftsatts"), the participle after
    # a determiner; the noun "sätt" and the infinitive elsewhere
    (
        "Under aret har en plattform initierats och driftsatts for att",
        "Under året har en plattform initierats och driftsatts för att",
    ),
    ("Plattformen driftsatts nu.", "Plattformen driftsätts nu."),
    ("Namnden har satt som mal att", "Nämnden har satt som mål att"),
    ("for att na de satta malen", "för att nå de satta målen"),
    ("for att satta malen", "för att sätta målen"),
    ("pa ett satt som", "på ett sätt som"),
    # "har" with its supine further on; "här" stays before a present passive
    (
        "kommuner i lanet har tillsammans med Skolverket genomfort ett",
        "kommuner i länet har tillsammans med Skolverket genomfört ett",
    ),
    # "våra" before a plural noun when no modal verb comes before "vara"
    ("mellan regioner och vara grannlander", "mellan regioner och våra grannländer"),
    ("ska klara ge vara invanare vard", "ska klara ge våra invånare vård"),
    ("Det ska vara invanare", "Det ska vara invånare"),
    ("De ska ocksa vara foretagare", "De ska också vara företagare"),
    ("Det kan exempelvis vara stodjande insatser", "Det kan exempelvis vara stödjande insatser"),
    ("Det kan exempelvis vara foretagare", "Det kan exempelvis vara företagare"),
    # "stärkt" before a definite noun; "män" after a preposition, "mäns" after "än";
    # "tåg" after "per" and near a transport compound; "åter" before a finite verb;
    # "länen" after "i"; "råden" after a plural determiner and an adjective
    ("initiativ starkt forutsattningarna for", "initiativ stärkt förutsättningarna för"),
    ("foretag som drivs av man.", "företag som drivs av män."),
    ("Vi har man som mal.", "Vi har man som mål."),
    ("Det ar klart. Har man som mal att", "Det är klart. Har man som mål att"),
    ("Det ar klart. Har finns det mer.", "Det är klart. Här finns det mer."),
    ("Fler kvinnor an man reser", "Fler kvinnor än män reser"),
    ("kvinnors resor ar kortare an mans.", "kvinnors resor är kortare än mäns."),
    ("kostnaden per tag kan bli lagre", "kostnaden per tåg kan bli lägre"),
    ("transportsatt sa som tag ska valjas", "transportsätt så som tåg ska väljas"),
    ("Foretagen ater ar positivare", "Företagen åter är positivare"),
    ("industrialisering i lanen, och", "industrialisering i länen, och"),
    ("med de strategiska raden i", "med de strategiska råden i"),
    ("det gar att andra Sveriges", "det går att ändra Sveriges"),
    ("visar att andra regioner har gjort mer", "visar att andra regioner har gjort mer"),
    # "år" as a compound head after a linking s; a capital I glued on a stripped word
    ("ett utforskande uppstartsar dar", "ett utforskande uppstartsår där"),
    ("vardpersonal. Ilanet finns tre akutsjukhus", "vårdpersonal. I länet finns tre akutsjukhus"),
    # a bracketed acronym with the next word glued on; the digit 1 for "I" opening a
    # sentence before "och med"; "än" after a comparative ("dn" read for it), not for "in"
    ("Deep Tech Reg (DTR)ar ett projekt", "Deep Tech Reg (DTR) är ett projekt"),
    ("behov. 1 och med att", "behov. I och med att"),
    ("Det var 1 000 personer. 1 dag kvar.", "Det var 1 000 personer. 1 dag kvar."),
    ("Fler kvinnor dn man anvander", "Fler kvinnor än män använder"),
    ("en annan utveckling in om vården", "en annan utveckling in om vården"),
    # a glued "i" after a common word; "i de" before a plural noun
    ("Den har spelat en central rolli att gora", "Den har spelat en central roll i att göra"),
    # vården after "nå" and "kontakt med"
    (
        "i kontakt med varden. Invanare kan na varden",
        "i kontakt med vården. Invånare kan nå vården",
    ),
    # a capital Ö mid-sentence between small words; names after a preposition keep it
    ("som ar gemensamt Overenskomna med", "som är gemensamt överenskomna med"),
    (
        "Sedan dess har servicen utvecklats i Amsele med",
        "Sedan dess har servicen utvecklats i Åmsele med",
    ),
    # tenth round (read off fresh10 and earlier samples): "uti" is archaic, "ut i" a lost
    # space ("ser olika uti olika delar", line 4093); a small l among capitals is I; an
    # extra letter beside a symbol; a rare first part with "dé" read "dö"; a capital Ö
    # ending a sentence after a small word; "behöva" before an infinitive; "stöder"
    # with its object after "som"; "grödor" after "odla"
    ("Det ser annorlunda uti norra Sverige.", "Det ser annorlunda ut i norra Sverige."),
    ("flera RFl:er och ett CEl", "flera RFI:er och ett CEI"),
    ("inom besbéksnaringen i lanet", "inom besöksnäringen i länet"),
    ("nya konjunkturbedémningar visar", "nya konjunkturbedömningar visar"),
    ("enligt gallande Overenskommelse. Den galler", "enligt gällande överenskommelse. Den gäller"),
    ("en resa till Overboda. Den", "en resa till Överboda. Den"),
    ("fragor som kan behdva inga i planen", "frågor som kan behöva ingå i planen"),
    ("Vi behover inga nya regler.", "Vi behöver inga nya regler."),
    ("en fond som stéder unga foretagare", "en fond som stöder unga företagare"),
    ("bade landsbygd som stéder att vaxa", "både landsbygd som städer att växa"),
    ("lantbrukare kan odla nya grodor i norr", "lantbrukare kan odla nya grödor i norr"),
    ("grodor och paddor i dammen", "grodor och paddor i dammen"),
    # eleventh round (read off fresh11 and earlier samples): a noun said twice ("år till
    # år"); "stärkt" before a definite genitive and between "en" and a relational
    # adjective; "når" with its particle and no verb between; a supine in -tts before
    # "av"; an agent noun in -ör of a verb in -era; "ii" ending a word; a rare first
    # part with a misread letter; an inflected known word is no misreading; "sätt"
    # after an adjective with "ett"; "(13)" after three I-words; "for" in an English name
    ("antalet varierar fran ar till ar.", "antalet varierar från år till år."),
    ("det vi utgar fran ar viktigt", "det vi utgår från är viktigt"),
    (
        "regionen har aktivt starkt samhallets stabilitet",
        "regionen har aktivt stärkt samhällets stabilitet",
    ),
    ("samt en starkt medicinteknisk industri", "samt en stärkt medicinteknisk industri"),
    ("samt en starkt vaxande industri", "samt en starkt växande industri"),
    ("ett starkt medicinskt fokus", "ett starkt medicinskt fokus"),
    (
        "via frukostar nar projektet aven ut till andra",
        "via frukostar når projektet även ut till andra",
    ),
    ("nar vi gar ut till andra", "när vi går ut till andra"),
    ("nar projektet gar ut till andra", "när projektet går ut till andra"),
    ("alla kommuner natts av mer an fem", "alla kommuner nåtts av mer än fem"),
    ("efter en natts somn", "efter en natts sömn"),
    ("regionens roll som initiatér och", "regionens roll som initiatör och"),
    ("en ny indikator for", "en ny indikator för"),
    ("insatser runtomii lanet.", "insatser runtom i länet."),
    ("resan till Hawaii blev", "resan till Hawaii blev"),
    ("kulturskapare, stipendiesdkande, och", "kulturskapare, stipendiesökande, och"),
    ("ett nytt utbildningsutbud i lanet", "ett nytt utbildningsutbud i länet"),
    ("med en grupperings om arbetar", "med en grupperings om arbetar"),
    ("att ta sigin pa marknaden", "att ta sig in på marknaden"),
    ("pa ett mer effektivt sitt. Detta", "på ett mer effektivt sätt. Detta"),
    ("pa samma sitt som tidigare", "på samma sätt som tidigare"),
    ("varje kommun har sitt eget", "varje kommun har sitt eget"),
    ("kommunen har gjort sitt basta", "kommunen har gjort sitt bästa"),
    (
        "expertgrupp for Interregional Innovation Investments (13), som",
        "expertgrupp för Interregional Innovation Investments (I3), som",
    ),
    ("i (13) fall av", "i (13) fall av"),
    ("Inom Innovation (13) finns", "Inom Innovation (13) finns"),
    ("kopplat till Medtech for health vilket ar", "kopplat till Medtech for health vilket är"),
    ("tillvaxten for startups i lanet", "tillväxten för startups i länet"),
    # twelfth round (read off fresh12 after its blind figure): "år" after a slash
    # ("ggr/år"); t read for ö between consonants; a glued "i" before "våra"; a capital
    # I read for l mid-sentence is small, also with a misread letter besides; "län"
    # after a place's genitive; "vården" after its quality; a number in a name counts
    # no years; "stärkt" coordinated with a supine
    ("Traffas fysiskt ca 2-3 ggr/ar samt", "Träffas fysiskt ca 2-3 ggr/år samt"),
    ("for boende och bestkare.", "för boende och besökare."),
    ("genom att understka mojliga", "genom att undersöka möjliga"),
    ("en ny kostkultur", "en ny kostkultur"),
    ("lyckats astadkommas ivara forum, samt", "lyckats åstadkommas i våra forum, samt"),
    ("Istallet for att I3mna bindande", "Istället för att lämna bindande"),
    ("Krig, Idgkonjunktur och ekonomi", "Krig, lågkonjunktur och ekonomi"),
    ("arbete inom Vasterbottens Ian. Det", "arbete inom Västerbottens län. Det"),
    ("sa sager Lisas Ian att", "så säger Lisas Ian att"),
    ("en god kvalitet pa varden utan", "en god kvalitet på vården utan"),
    ("baserat pa varden och normer", "baserat på värden och normer"),
    ("projektet TRUE 2 ar att oka", "projektet TRUE 2 är att öka"),
    ("det tar 3 ar att bygga", "det tar 3 år att bygga"),
    ("aktorer, starkt och breddat arbetet", "aktörer, stärkt och breddat arbetet"),
    ("ett starkt och brett stod", "ett starkt och brett stöd"),
    # thirteenth round (read off fresh13 after its blind figure): "i de" before an
    # adjective and a definite noun; a compound's head window opens at a split with a
    # known first part; "har" ending a relative clause; V2 after "Här"; an infinitive
    # after "och" and another; a doubled letter; "till" glued before a word
    (
        "effektiviteten ide kommunala och regionala uppdragen",
        "effektiviteten i de kommunala och regionala uppdragen",
    ),
    ("en ny ide kommer", "en ny ide kommer"),
    ("sker pa kommun- och destinationsniva.", "sker på kommun- och destinationsnivå."),
    (
        "synliggorande i konjunktursammanhang (Manadslage",
        "synliggörande i konjunktursammanhang (Månadsläge",
    ),
    (
        "mandaten som respektive part har. Pa nationell",
        "mandaten som respektive part har. På nationell",
    ),
    ("Det finns manga exempel har. Det", "Det finns många exempel här. Det"),
    (
        "Foreningen for filmverksamheter. Har dven arbetsgrupper som",
        "Föreningen för filmverksamheter. Har även arbetsgrupper som",
    ),
    ("Arbetet pagar. Har finns dven en grupp", "Arbetet pågår. Här finns även en grupp"),
    ("ska vara latt att hitta och forsta. Det", "ska vara lätt att hitta och förstå. Det"),
    ("den forsta och andra", "den första och andra"),
    ("frigors tid ffér medarbetare", "frigörs tid för medarbetare"),
    ("inom varden tilldirekt patientkontakt", "inom vården till direkt patientkontakt"),
    ("en ny tillvaxtstrategi", "en ny tillväxtstrategi"),
    # fourteenth round (read off fresh14 after its blind figure): "fört" with its
    # particle or its auxiliary far before; "årligt" in a report ("helt ärligt" kept);
    # "i de" before a number; "har" with its subject and supine after it; "här" before
    # an inverted present and its subject; "å ena sidan … å andra sidan"; "dir" is
    # "där"; a y read for v at a word's end; "AlMday"; "|" between two words is "i"
    (
        "med beslutsfattare pa olika nivaer fort fram",
        "med beslutsfattare på olika nivåer fört fram",
    ),
    ("bilen kor fort genom byn", "bilen kör fort genom byn"),
    (
        "i norra Sverige sker arligt erfarenhetsutbyte",
        "i norra Sverige sker årligt erfarenhetsutbyte",
    ),
    ("helt arligt sagt", "helt ärligt sagt"),
    (
        "mellan RSS-enheterna ide fyra lanen, samverkan",
        "mellan RSS-enheterna i de fyra länen, samverkan",
    ),
    (
        "perioden 2024-2030. Under 2025 har strategin konkretiserats i en",
        "perioden 2024-2030. Under 2025 har strategin konkretiserats i en",
    ),
    (
        "turism och har arbetar besoksnaringens aktorer",
        "turism och här arbetar besöksnäringens aktörer",
    ),
    ("vi har planer for", "vi har planer för"),
    (
        "riskerar a ena sidan att hamna, men & andra sidan finns",
        "riskerar å ena sidan att hamna, men å andra sidan finns",
    ),
    ("Region Ostergdtland, dir man fokuserat", "Region Östergötland, där man fokuserat"),
    ("andra aktorer dan Region", "andra aktörer än Region"),
    ("Genom att i nyhetsbrey, via hemsidor", "Genom att i nyhetsbrev, via hemsidor"),
    (
        "AlMday star for Academic Industry Meeting day.",
        "AIMday står för Academic Industry Meeting day.",
    ),
    (
        "av straket Mo | Rana- Umea-Vasa har tagits fram",
        "av stråket Mo i Råna- Umeå-Vasa har tagits fram",
    ),
    ("Text. | arbetet med", "Text. I arbetet med"),
    # fifteenth round (read off fresh15 after its blind figure): a c outside "ck" read
    # for ö; "är" between two articles; "skärpt" before an en-noun; "når … upp till";
    # "på det sätt som"; "under många år så"; a gazetteer name spelt letter for letter
    # but for its å/ä/ö
    ("Behovet av flexibla miljcer for samarbete", "Behovet av flexibla miljöer för samarbete"),
    (
        "tre av dessa ar digitala och ett ar ett fysiskt mote.",
        "tre av dessa är digitala och ett är ett fysiskt möte.",
    ),
    (
        "i cybersdkerhet, skarpt lagstiftning, samarbete",
        "i cybersäkerhet, skärpt lagstiftning, samarbete",
    ),
    ("ett skarpt lage", "ett skarpt läge"),
    (
        "Inget medlemsland nar i dagsldaget upp till malen.",
        "Inget medlemsland når i dagsläget upp till målen.",
    ),
    ("bidra pa det sitt som kommunerna onskar", "bidra på det sätt som kommunerna önskar"),
    ("under manga ar sa ar det viktigt", "under många år så är det viktigt"),
    ("manga ar sa glada", "många är så glada"),
    ("landskapet. For manga ar dessa miljoer nara", "landskapet. För många är dessa miljöer nära"),
    ("och Ornsksldsviks kommun.", "och Örnsköldsviks kommun."),
    # sixteenth round (read off fresh16 after its blind figure): an å/ä/ö dropped in a
    # short word nothing else explains; the suffix -skap after a person noun in -are,
    # not the head "skåp"; "beror … på" with its subject inverted after a fronted
    # phrase; "som värd" after "med" and a name
    (
        "tillgang till stod och miljer for innovation",
        "tillgång till stöd och miljöer för innovation",
    ),
    ("det goda arbetsgivarskapet och", "det goda arbetsgivarskapet och"),
    ("ett nytt kylskap och", "ett nytt kylskåp och"),
    (
        "For manga som bor i serviceglesa omraden beror tillgangligheten till service pa bilen.",
        "För många som bor i serviceglesa områden beror tillgängligheten till service på bilen.",
    ),
    ("Beslutet beror kommunerna pa flera satt.", "Beslutet berör kommunerna på flera sätt."),
    (
        "Utvarderingen beror omradena overenskommelsen i sin helhet, arbetsformer",
        "Utvärderingen berör områdena överenskommelsen i sin helhet, arbetsformer",
    ),
    (
        "en i Vasterbotten med Region Vasterbotten som vard. Under traffen",
        "en i Västerbotten med Region Västerbotten som värd. Under träffen",
    ),
    ("med fokus pa tjanster som vard.", "med fokus på tjänster som vård."),
    ("insatser som vard och omsorg", "insatser som vård och omsorg"),
    # seventeenth round (read off fresh17 after its blind figure): "har" before a short
    # supine after a subject pronoun; "förstå" before a question word and in a list of
    # infinitives; "stärkt och utvecklad" before an en-noun; "som når ut i"; "fortsatta"
    # after a preposition; "värd att"; "väcker" after a present and "och"; "län" after a
    # point of the compass or a number ("norrlänen", "fyrlänen"); "ii" alone is "i"
    ("Det har hant mycket sedan", "Det har hänt mycket sedan"),
    ("Det har arbetet ar viktigt", "Det här arbetet är viktigt"),
    (
        "att folja barnens utveckling over tid och forsta vad som paverkar",
        "att följa barnens utveckling över tid och förstå vad som påverkar",
    ),
    ("att se, forsta, vardesatta och", "att se, förstå, värdesätta och"),
    ("den forsta, andra och tredje", "den första, andra och tredje"),
    (
        "bidra till starkt och utvecklad samverkan om",
        "bidra till stärkt och utvecklad samverkan om",
    ),
    ("ett starkt och utvecklat samarbete", "ett starkt och utvecklat samarbete"),
    ("kanaler som nar ut i sina natverk", "kanaler som når ut i sina nätverk"),
    ("kunskap om fortsatta utvecklingsbehov.", "kunskap om fortsatta utvecklingsbehov."),
    ("om fortsatta att arbeta", "om fortsätta att arbeta"),
    ("yttrandefriheten ar vard att sla vakt om", "yttrandefriheten är värd att slå vakt om"),
    ("budskap som utmanar och vacker tankar", "budskap som utmanar och väcker tankar"),
    ("en stor och vacker sjo", "en stor och vacker sjö"),
    ("i de fyra norrlanen Vasterbotten", "i de fyra norrlänen Västerbotten"),
    ("arbetar fyrlanen med planering", "arbetar fyrlänen med planering"),
    ("studielanen", "studielånen"),
    ("gravida kvinnan ii projektet.", "gravida kvinnan i projektet."),
    ("Fas II av projektet", "Fas II av projektet"),
    # eighteenth round (read off fresh18 after its blind figure): "har" before a two-word
    # adverbial and its supine; "här" after a present and before "samt/och"; "når"
    # ending a relative clause after "inte"
    (
        "Det har till exempel genomforts gemensamma analyser",
        "Det har till exempel genomförts gemensamma analyser",
    ),
    (
        "se vilka losningar som passar har samt vad som kravs",
        "se vilka lösningar som passar här samt vad som krävs",
    ),
    ("de som har och de som inte har", "de som har och de som inte har"),
    (
        "internet i glesbygd dar marknaden inte nar. Detta ar viktigt",
        "internet i glesbygd där marknaden inte når. Detta är viktigt",
    ),
    ("Vi vet inte nar.", "Vi vet inte när."),
    # nineteenth round (read off fresh19 after its blind figure): "vår" beside another
    # season; a capital Ö after a sentence opener printed without its å/ä/ö ("Darmed")
    (
        "aterkommande dialoger var och host samt genom",
        "återkommande dialoger vår och höst samt genom",
    ),
    ("var och en av oss", "var och en av oss"),
    ("blockeras. Darmed Okar betydelsen av de", "blockeras. Därmed ökar betydelsen av de"),
    ("i hela landet. Övre Norrland", "i hela landet. Övre Norrland"),
    # headings: compounds with misread letters
    ("Ndringslivsndtverket", "Näringslivsnätverket"),  # 2987
    ("Exportfrimjande", "Exportfrämjande"),  # 3019
    (
        "Processtdd till kommuner fér stdrkt gestaltad",
        "Processtöd till kommuner för stärkt gestaltad",
    ),  # 6187
    ("Stérkt kommunal VA-férsérining och", "Stärkt kommunal VA-försörjning och"),  # 6245
    (
        "Utoékad samverkan pa tjdnstepersonnivad mellan",
        "Utökad samverkan på tjänstepersonnivå mellan",
    ),
    # names, acronyms and English left alone
    ("SMALL, Regio Stars Vasterbotten", "SMALL, Regio Stars Västerbotten"),  # 12516
    (
        "mojliga nytta for malgrupperna. SMALL utvecklar",
        "möjliga nytta för målgrupperna. SMALL utvecklar",
    ),  # 12521
    (
        "LITTFORS - VINDELALVENS LITTERATURFESTIVAL",
        "LITTFORS - VINDELÄLVENS LITTERATURFESTIVAL",
    ),  # 7950
    ("Northern Sparsely Populated Areas (NSPA)", "Northern Sparsely Populated Areas (NSPA)"),
    # ... but Swedish words that happen to be English are still restored
    ("Andra lander ar snabbare an Sverige.", "Andra länder är snabbare än Sverige."),
    ("fler roster borjat stalla fragor", "fler röster börjat ställa frågor"),
]


@pytest.mark.parametrize("damaged, expected", CASES)
def test_issue19_error_class_is_repaired(damaged, expected):
    assert fix(damaged) == expected


def test_hyphenation_leftover_inside_a_line_is_joined():
    # line 5014: a syllable cut off by re-flowed hyphenation
    assert clean_layout("fokuserar pa gemensam trans-portplanering, och").rstrip("\n") == (
        "fokuserar pa gemensam transportplanering, och"
    )


@pytest.mark.parametrize("text", ["kultur-och fritid", "e-tjanster och", "Jamtland-Harjedalen"])
def test_real_hyphens_inside_a_line_are_kept(text):
    assert clean_layout(text).rstrip("\n") == text


# --- the proof-reading benchmark ---------------------------------------------------

ROOT = Path(__file__).resolve().parents[3]


def _bench():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "ocr_proofread", ROOT / "bench" / "ocr_proofread.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_key_is_well_formed():
    bench = _bench()
    key = bench.load_key()
    ids = [it["id"] for it in key]
    assert len(ids) == len(set(ids))
    assert {(it["part"], it["kind"]) for it in key} == {
        (p, k) for p in ("tune", "heldout") for k in ("body", "heading")
    }
    assert sum(it["kind"] == "body" for it in key) == bench.BODY_N
    assert sum(it["kind"] == "heading" for it in key) == bench.HEADING_N


def test_wrong_words_counts_replacements_and_gaps():
    bench = _bench()
    assert bench.wrong_words("ett antal är handlat", "ett antal år handlat") == 1
    assert bench.wrong_words("i länet", "ildnet") == 2
    assert bench.wrong_words("samma text", "samma text") == 0


@pytest.fixture(scope="module")
def imported():
    bench = _bench()
    path = bench.default_report()
    if not path.is_file():
        pytest.skip(f"the 2025 OCR seed is missing: {path}")
    pairs, _order = bench.imported_texts(path)
    return bench, pairs


def test_tuned_sample_stays_at_its_figure(imported):
    """The tuned part of the sample: at most 2 wrong words per 1000 in body text and
    headings (reached: body 1.5, headings 0.0; the held-out part is only reported)."""
    bench, pairs = imported
    result = bench.score(pairs, bench.load_key())
    body, heading = result[("tune", "body")], result[("tune", "heading")]
    assert not body["missing"] and not heading["missing"], "sampled paragraphs no longer imported"
    assert body["wrong"] <= 2, [(it["id"], got) for it, got, _ in body["errors"]]
    assert heading["wrong"] == 0, [(it["id"], got) for it, got, _ in heading["errors"]]
    assert body["per_1000"] <= 2.0 and heading["per_1000"] <= 2.0


def test_fresh_keys_are_the_samples_the_bench_draws(imported):
    """Each fresh key holds exactly the items its seed draws, none of an earlier sample."""
    bench, _pairs = imported
    _pairs2, order = bench.imported_texts(bench.default_report())
    seen = {it["ocr"] for it in bench.load_key()}
    for part, _seed, body_n, heading_n, path in bench.FRESH:
        key = bench.load_key(path)
        drawn = bench.draw_fresh(order, part)
        assert [(it["id"], it["ocr"]) for it in key] == [(it["id"], it["ocr"]) for it in drawn]
        assert sum(it["kind"] == "body" for it in key) == body_n
        assert sum(it["kind"] == "heading" for it in key) == heading_n
        assert {it["part"] for it in key} == {part}
        assert not seen & {it["ocr"] for it in key}
        seen |= {it["ocr"] for it in key}


def test_read_parts_do_not_fall_back(imported):
    """The parts whose errors were read while changing the repair (the first held-out
    part and the fresh samples, each read after its blind figure was taken) stay
    at the figures they reached; the blind figures are in docs/benchmarks.md."""
    bench, pairs = imported
    key = bench.load_key()
    for *_, path in bench.FRESH:
        key += bench.load_key(path)
    result = bench.score(pairs, key)
    reached = {
        ("heldout", "body"): 2,
        ("heldout", "heading"): 0,
        ("fresh", "body"): 0,
        ("fresh", "heading"): 1,
        ("fresh2", "body"): 0,
        ("fresh2", "heading"): 1,
        ("fresh3", "body"): 0,
        ("fresh3", "heading"): 2,
        ("fresh4", "body"): 0,  # blind at 9744899: 12
        ("fresh4", "heading"): 4,  # blind: 6
        # blind: fresh5 15 (5f86425), fresh6 19 (df6c249), fresh7 14 (f24f491)
        ("fresh5", "body"): 6,  # after the tenth round (ninth 7, before it 11)
        ("fresh6", "body"): 5,  # tenth 5, ninth 6, before it 11
        ("fresh7", "body"): 6,  # was 11
        ("fresh8", "body"): 4,  # blind at 73f8ca7: 18; eleventh round 4
        ("fresh9", "body"): 0,  # blind at 4f1d86a (repair of 73f8ca7): 9; ninth round 2
        ("fresh10", "body"): 0,  # blind at 2c0b293: 7; read for the tenth round
        ("fresh11", "body"): 0,  # blind at 85f8d23: 12; read for the eleventh round
        ("fresh12", "body"): 1,  # blind at 4e9b055: 11; twelfth round 2, sixteenth 1
        ("fresh13", "body"): 0,  # blind at d695eb6: 9; read for the thirteenth round
        ("fresh14", "body"): 2,  # blind at 3da4eb1: 15; read for the fourteenth round
        ("fresh15", "body"): 2,  # blind at 16cdc13: 9; read for the fifteenth round
        ("fresh16", "body"): 2,  # blind at 2653a29: 5; read for the sixteenth round
        ("fresh17", "body"): 11,  # blind at 0f7d6b4: 21; read for the seventeenth round
        ("fresh18", "body"): 9,  # blind at 9ac07fe: 12; read for the eighteenth round
        ("fresh19", "body"): 1,  # blind at 4f56dea: 3; read for the nineteenth round
        ("fresh20", "body"): 9,  # its blind figure (2aa3e6b), not read for rules
    }
    for part, most in reached.items():
        got = result[part]
        assert not got["missing"], part
        assert got["wrong"] <= most, (part, [(it["id"], g) for it, g, _ in got["errors"]])
