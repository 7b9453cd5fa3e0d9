"""The initiative register from a whole parsed report (plain Python, no Django).

``extract_initiatives(report)`` finds the named initiatives (projects, programmes,
networks, arena-like collaborations, prizes, funds, strategy work, event series) wherever
the report names them:

- items listed under "Ett urval av insatser" (kind ``initiative``);
- the standing arenas (``arena`` items) and titled activities (``activity`` items);
- sub-headings inside a block's text (``### Heading``);
- running prose: "projektet X", "nätverket X", a quoted name after a cue word
  ("under namnet", "reformen", "projekten"), "Name (ACR)", and lists of names after a
  cue ("projekt som A, B, C och D").

Group entries ("SMALL, Regio Stars Västerbotten") are split into their members. Every
candidate gets a confidence in 0…1 from where it was found and what its name looks like;
``AUTO_ACCEPT`` and above are created as records, ``REVIEW`` … ``AUTO_ACCEPT`` are kept as
candidates for an analyst to confirm, below ``REVIEW`` they are dropped.

Candidates are merged deterministically by acronym and by :func:`name_key` (diacritics,
case, punctuation and definite/plural suffixes folded), in report order, so running the
extraction twice on the same text gives the same register. After the names are known,
every block is scanned for the names and acronyms again, so an initiative is linked to
every contribution (block) and item that mentions it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from resultat.core.reportparse.model import ParsedBlock, ParsedItem, ParsedReport
from resultat.core.reportparse.text import fold as fold_letters

AUTO_ACCEPT = 0.7
REVIEW = 0.45

KINDS = ("project", "programme", "network", "award", "event", "strategy", "study", "fund")

# --- name keys -------------------------------------------------------------------------

_SUFFIXES = ("erna", "arna", "orna", "ernas", "arnas", "ens", "ets", "en", "et")


def fold(text: str) -> str:
    """Lower case, without diacritics (å→a, ä→a, ö→o, é→e), punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def _stem(token: str) -> str:
    if len(token) > 6:
        for suffix in _SUFFIXES:
            if token.endswith(suffix) and len(token) - len(suffix) >= 5:
                return token[: -len(suffix)]
    return token


def name_key(name: str) -> str:
    """The key two spellings of one initiative share: "Fyrlänstraffen" and
    "Fyrlänstraff", "Gymnasiechefsnätverket" and "gymnasiechefsnätverk"."""
    return " ".join(_stem(t) for t in fold(name).split())


# --- what a name looks like ----------------------------------------------------------

_ACRONYM = re.compile(r"^[A-ZÅÄÖ][A-ZÅÄÖ0-9&-]{1,9}$")
_PAREN_ACRONYM = re.compile(r"\s*\(([A-ZÅÄÖ][A-Za-zÅÄÖåäö0-9&-]{1,11})\)\s*$")

#: Words in a name that say what kind of initiative it is (folded, first match wins).
_KIND_CUES: tuple[tuple[str, re.Pattern], ...] = tuple((kind, re.compile(rx)) for kind, rx in (
    ("award", r"pris\b|priset|award|stipendi|\barets\b|\bstars\b|utmarkelse"),
    ("fund", r"fond(en)?\b|\binvest\b|riskkapital|\w+check(en)?\b"),
    ("event", r"konferens|festival|\w*fest\b|job fair|\bmassa|veckan\b|dagen\b|studion\b|seminarieserie|\bgala\b|change the game|\w*traff(en|ar|arna)?\b|(?:\bsm\b|\w-sm\b)"),
    ("network", r"natverk|forum\b|\w*(?<!om)rad(et)?\b|allians|alliance|college|\bgrupp|\w+gruppen\b|plattform|arena|korridor|kontoret|\w*mote\b|\bnod\b|kluster|cluster|partnerskap|network|\bhub\b|delegation|\boffice\b"),
    ("study", r"analys|utredning|kartlaggning|forstudie|undersok"),
    ("strategy", r"strategi|agenda|\bdeal\b|\bplan(en)?\b|transportplan|trafikforsorjningsprogram|reform|handlingsplan|ramverk|overenskommels"),
    ("programme", r"program|dialoger|academy|akademi|satsning"),
))
_NAME_CUES = (
    "projekt", "program", "natverk", "forum", "rad", "strategi", "agenda", "pris", "fond", "academy", "lab", "college",
    "arena", "allians", "alliance", "plattform", "festival", "konferens", "nod", "kluster", "invest", "park", "hub", "center",
    "centre", "kontor", "korridor", "grupp", "initiativ", "satsning", "studio", "forsk", "innovation", "fair", "up", "north",
    "sweden", "norr", "check", "dagen", "dagarna", "mote", "vecka", "dialoger", "reform", "plan", "trafikforsorjningsprogram", "network", "samarbete", "loppet", "delegation", "partnerskap",
)
#: First words of headings that describe work rather than name an initiative.
_GENERIC_START = {
    "analys", "analyser", "arbete", "arbetet", "utveckling", "okad", "okat", "okade", "jamlik", "jamstalld", "jamstalldhet",
    "framatblickande", "nationella", "tar", "larandemojligheter", "larandemoijligheter", "behovsstyrt", "flexibelt", "bryta",
    "fokus", "paverkansarbete", "samverkan", "samarbete", "deltagande", "risk", "flexibla", "kollektivtrafik",
    "transportinfrastruktur", "digital", "digitala", "kompetensforsorjning", "utbildning", "regionens",
    "strategiskt", "strategiska", "nya", "nytt", "ny", "exempel", "aktuella", "ett", "en", "de", "det", "andra", "vikten",
    "stod", "insatser", "satsningar", "investeringar", "forskning", "varsel", "civil", "sakerhet", "systemanalys",
    "utokning", "planering", "kunskap", "betydelsen", "hallbar", "gemensam", "lokal", "inkludering", "uppfoljning",
    "implementering", "framtagande", "starkt", "starkta", "investering", "utvecklingsinsatser", "mediacenters", "mediacenter", "kvinnor", "barn", "unga", "aldre",
}
#: Names that are organisations, places or the report's own vocabulary, never initiatives.
_NOT_INITIATIVES = {
    "r10", "region 10", "umea universitet", "universiteten", "lulea tekniska universitet", "region vasterbott",
    "region vasterbotten", "lansstyrelsen", "trafikverket", "tillvaxtverket", "mediacenter", "skr", "norrtag",
    "lanstrafiken i vasterbott", "myndigheten for yrkeshogskol", "myndigheten for yrkeshogskolan", "kommuner", "kommunerna",
    "skolverket", "arbetsformedlingen", "vinnova", "umu", "ltu", "eu", "eruf", "agenda 2030", "rus", "ai", "eu s",
    # the region and its places ("Västerbotten är en region …" defines no initiative)
    "vasterbotten", "vasterbottens lan", "lanet", "regionen", "norrbotten", "norrland", "norra sverige", "sverige", "europa",
    "umea", "skelleftea", "lycksele", "ovre norrland",
}


def _has_name_cue(folded: str) -> bool:
    """A word in the (folded) name that names a kind of initiative; "område" is no "råd"."""
    plain = folded.replace("omrade", "")
    return any(cue in plain for cue in _NAME_CUES)


def _words(name: str) -> list[str]:
    return re.findall(r"[\wÅÄÖåäöéÉ&-]+", name)


def _capitalised_inner(name: str) -> int:
    words = _words(name)[1:]
    return sum(1 for w in words if w[:1].isupper() and w.lower() not in {"i", "och"})


def kind_of(name: str, context: str = "") -> str:
    """The kind a name (and the sentence it stands in) says, "project" when nothing does."""
    k = fold(name)
    for kind, cue in _KIND_CUES:
        if cue.search(k):
            return kind
    c = fold(context)
    at = c.find(k) if k else -1
    if at >= 0:  # "X (vilket) är ett strategiskt innovationsprogram": the definition says it
        d = re.match(r"\s+(?:vilket |som )?(?:ar|var) (?:ett|en) ((?:[\w-]+ ?){1,4})", c[at + len(k):])
        for word in d.group(1).split() if d else ():
            if word.endswith(("isk", "iskt", "iska")):
                continue  # "strategiskt": an adjective, the noun comes later
            for kind, cue in _KIND_CUES:
                hit = cue.search(word)
                if hit and len(word) - hit.end() <= 3:  # the compound's head: "innovationsprogram"
                    return kind
    best: tuple[int, str] | None = None
    for m in _CONTEXT_KIND.finditer(c):
        if at >= 0 and at <= m.start() < at + len(k):
            continue  # a kind word inside the name itself said nothing above
        if at < 0:
            distance = m.start()
        else:  # words between the kind word and the name, on either side of it
            distance = at - m.end() if m.end() <= at else m.start() - (at + len(k))
        if best is None or distance < best[0]:
            best = (distance, _CONTEXT_KINDS[m.group(1)])
    return best[1] if best else "project"


#: Kind words of the sentence around a name ("projektet X", "X är ett nätverk"); the one
#: nearest the name says its kind.
_CONTEXT_KINDS = {
    "projektet": "project", "projekt": "project", "natverket": "network", "natverk": "network", "programmet": "programme",
    "program": "programme", "priset": "award", "fonden": "fund", "konferensen": "event", "strategin": "strategy",
    "motesplats": "network", "samverkansforum": "network", "riskkapitalbolag": "fund", "utbildningen": "programme",
    "innovationsprogram": "programme",
}
_CONTEXT_KIND = re.compile(r"\b(" + "|".join(sorted(_CONTEXT_KINDS, key=len, reverse=True)) + r")\b")


_ORGANISATION = re.compile(r"(?:myndighet(?:en)?|namnd(?:en)?|organisation(?:en)?|verket|universitet(?:et)?|kommun(?:er)?|regioner|\w*styrelse(?:n|rna)?|avdelning(?:en)?|institut(?:et)?|\bab|association|incubator)$|^(?:foreningen|region|lansstyrelsen|kommunen|myndigheten)\b")
_SENTENCE = re.compile(r"\s(?:har|är|kan|ska|undersöker|kraftsamlar|bidrar|visar)\s")


def name_score(name: str, cued: bool = False) -> float:
    """How much a string looks like the name of an initiative (0…1), from its form only.
    ``cued``: a cue word right before it says it is one ("initiativet Digital idag"), so a
    first word that usually opens a description of work costs less."""
    words = _words(name)
    if not words or len(name) > 110 or len(words) > 12:
        return 0.0
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", name)
    if _ORGANISATION.search(fold(bare)) and not re.search(r"natverk|rad\b|radet|projekt|program|forum|\w{3}strategi|\w{3}plan\b|\w{3}planen", fold(bare)):
        return 0.0
    f = fold(name)
    if f in _NOT_INITIATIVES or name_key(name) in _NOT_INITIATIVES or fold(re.sub(r"\s*\([^)]*\)\s*$", "", name)) in _NOT_INITIATIVES:
        return 0.0
    score = 0.35
    if _ACRONYM.match(words[0]) or any(_ACRONYM.match(w) for w in words):
        score += 0.3
    if _capitalised_inner(name) >= 1:
        score += 0.2
    if _has_name_cue(f):
        score += 0.2
    if re.search(r"[a-zåäö]-[A-ZÅÄÖ]{2,}\b", name):  # "Mathantverks-SM", "Region 10-nätverket" no
        score += 0.2
    if re.search(r"[a-z][A-Z]", name) or re.search(r"\b(the|of|for|and|to|up|in)\b", name):  # ViiBIC, "Move up North"
        score += 0.15
    if fold(words[0]) in _GENERIC_START and not _ACRONYM.match(words[0]):
        score -= 0.15 if cued and len(words) > 1 else 0.35
    if len(words) >= 7:
        score -= 0.15
    if name.rstrip().endswith((".", ":")):
        score -= 0.2
    if len(words) >= 4 and _SENTENCE.search(f" {name} "):
        score -= 0.3  # a sentence, not a name ("Stockebygden undersöker hur …")
    return max(0.0, min(1.0, score))


# "Hälso - och sjukvård": the OCR's space before a suspended compound's hyphen
_SUSPENDED = re.compile(r"(\w) - (och|eller|samt)\b")


def clean_name(title: str) -> tuple[str, str]:
    """(name, acronym) from a heading or a list title: quotes, "Implementering av
    reformen", "projektet" and a trailing "(ACR)" taken off."""
    t = re.sub(r"\s+", " ", title).strip(" -–—:,.")
    t = _SUSPENDED.sub(r"\1- \2", t)  # "Hälso - och sjukvård" (OCR spacing) is "Hälso- och sjukvård"
    t = re.sub(r"[”“\"„'’]+", "", t).strip()
    t = re.sub(r"^(?:Implementering av reformen|Projektet|Projekt|Reformen|AI-verktyget)\s+", "", t, flags=re.I).strip()
    acronym = ""
    long_paren = re.search(r"\s*\(([^)]{13,})\)\s*$", t)
    if long_paren:  # "Tillväxtverkets RKA-grupp (Regionalt kompetensförsörjningsarbete)"
        t = t[: long_paren.start()].strip()
    m = _PAREN_ACRONYM.search(t)
    if m:
        inner = m.group(1)
        if inner.upper() == inner or len(inner) <= 6:
            acronym = inner
            t = t[: m.start()].strip()
        else:
            t = t[: m.start()].strip()
    else:
        m2 = re.match(r"^(?P<acr>[A-ZÅÄÖ][A-ZÅÄÖ0-9-]{1,9})\s*\((?P<long>[^)]{6,})\)$", t)
        if m2:
            acronym, t = m2.group("acr"), m2.group("long").strip()
    inner = None if acronym else re.search(r"\s+\((?P<acr>[A-ZÅÄÖ]{2,8})\)(?=\s+\S)", t)
    if inner:  # "Övervakningskommittéerna (OK) för ERUF": the acronym of the words before it
        acronym, t = inner.group("acr"), t[: inner.start()] + t[inner.end():]
    trailing = None if acronym else re.match(r"^(?P<name>.+?\S),\s+(?P<acr>[A-ZÅÄÖ]{2,8})$", t)
    if trailing:  # "Nätverket för Hälsofrämjande Hälso- och sjukvård, HFS"
        t, acronym = trailing.group("name"), trailing.group("acr")
    words = t.split()
    if not acronym and len(words) == 1 and _ACRONYM.match(t):
        acronym = t
    return t, acronym


def name_of_title(title: str) -> str:
    """The name in a title that adds a description: "Länssamverkansgruppen — samverkan
    mellan tjänstepersoner", "Psykeveckan, en uppmärksamhetsvecka …" → the part before;
    "Länsgemensam hemsida: Västerbotten mot våld" (a label, then the name) → the part after."""
    at = re.match(r"^(?P<head>[A-ZÅÄÖ][a-zåäö-]+(?:\s+[a-zåäö-]+)*?)\s+(?:i samband med|på|vid|under)\s+(?P<name>[A-ZÅÄÖ]\S*(?:\s+\S+){0,5})$", title)
    if at and name_score(at.group("name")) >= 0.55 and not any(cue.search(fold(at.group("head"))) for _, cue in _KIND_CUES):
        return at.group("name")  # "Informationsspridning i samband med Blodomloppet": the name is the occasion
    # a hyphen before "och"/"eller"/"samt" ends a suspended compound ("Hälso - och sjukvård"), no description
    m = re.match(r"^(?P<head>[^—–:]+?)\s*(?:\s[—–-]\s?(?!\s*(?:och|eller|samt)\b)|—|–|,\s+(?:en|ett)\s+|:\s+)(?P<tail>.+)$", title)
    if m is None:
        return title
    head, tail = m.group("head").strip(), m.group("tail").strip()
    sep = title[len(m.group("head")):len(title) - len(m.group("tail"))].strip()
    if sep == ":" and len(head.split()) <= 2 and tail[:1].isupper() and not head.split()[-1][:1].isupper():
        return tail  # "Patientbroschyr: Att möta svårigheter tillsammans"
    if sep != ":" and head[:1].isupper() and tail[:1].islower() and (name_score(head) >= 0.55 or len(head.split()) == 1):
        return head
    return title


def split_group(title: str) -> list[str]:
    """A group entry's members: "SMALL, Regio Stars Västerbotten" → two names; a title
    whose parts are not all name-like ("Fjärrundervisning, tillgängliggörande av
    undervisning") stays whole; "A med B" where both are names gives both."""
    title = name_of_title(title)
    with_ = [p.strip() for p in re.split(r"\s+med\s+(?=[A-ZÅÄÖ])", title)]
    if len(with_) == 2 and all(name_score(p) >= 0.55 for p in with_):
        return with_  # "Delegationen för social välfärd och hälsa med Socialchefsnätverket"
    parts = [p.strip() for p in re.split(r",\s+|\s+(?:och|samt)\s+|\s+/\s+", title) if p.strip()]
    if len(parts) < 2:
        return [title]
    if all(p[:1].isupper() and name_score(p) >= 0.55 for p in parts):
        return parts
    return [title]


# --- the context sentence ------------------------------------------------------------

_RV = r"Region V[äa]sterbotten(?:s)?"
_RV_RUNS = re.compile(
    rf"(?:{_RV}\s+(?:har\s+)?(?:\w+\s+)?(?:driver|drivs|leder|lett|ansvarar|initierat|initierade|skapat|håller i|haller i|samordnar|arrangerar|arrangerat|äger|ager|har tagit fram|tar fram|tog fram|startade)|drivs av {_RV}|{_RV}\s+(?:är|ar)\s+(?:projektägare|projektagare|samordnande|huvudman)|{_RV}s\s+(?:\w+\s+)?(?:projekt|agenda|strategi|flygstrategi|nätverk))",
)
_RV_PARTICIPATES = re.compile(rf"{_RV}\s+(?:har\s+)?(?:under året\s+)?(?:deltar|deltagit|medverkar|medverkat|deltagande)|{_RV}s deltagande")
_PARTNERS = re.compile(r"(?:tillsammans med|i samarbete med|i samverkan med|samverkan mellan|samarbete mellan|samverkade)\s+(?P<list>[^.;:]{5,240})")
_FUNDING = re.compile(
    r"(?P<f>(?:EU|ERUF|Interreg\w*|Tillväxtverket|Vinnova|Europeiska regionala utvecklingsfonden|ESF\+?|Leader|Norrlandsfonden|Formas|Energimyndigheten)[-‐ ]?(?:finansierat|finansierad|finansierade|medel|stöd)\b|finansieras av [^.;]{3,80}|medfinansi\w* (?:från|av) [^.;]{3,80}|\d[\d ,]*\s*(?:miljoner|mnkr|Mkr|msek|MSEK)\s*(?:kr|kronor)?(?:\s*\([^)]*\))?)",
)
_PERIOD = re.compile(r"(?P<a>20\d\d)\s*[-–—]\s*(?P<b>20\d\d)|(?:fortsätter|pågår|löper)\s+(?:till|fram till|t\.o\.m\.)\s+(?P<end>20\d\d)|(?:startade|startar|inleddes)\s+(?:\w+\s+)?(?P<start>20\d\d)")
_ORG_WORD = re.compile(r"^[A-ZÅÄÖ]")
_ORG_TAIL = {"kommun", "kommuner", "universitet", "län", "region", "tekniska", "skolmyndighet", "högskola", "hamn"}


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"”“])|\n+", text) if s.strip()]


def _context(text: str, name: str) -> str:
    """The sentences of ``text`` that mention ``name`` (or the first two if none does)."""
    sents = _sentences(text)
    k = fold(name)
    hits = [s for s in sents if k and k in fold(s)]
    return " ".join(hits[:3] or sents[:2])


def run_by_region(context: str, section: str) -> bool | None:
    if _RV_RUNS.search(context):
        return True
    if _RV_PARTICIPATES.search(context):
        return False
    if section == "insatser":  # "Ett urval av insatser i länet": others' work, unless the text says otherwise
        return False
    if re.search(r"\b(?:driver|leder|driv[s]? av|äger)\b", context):
        return False
    return None


def partners_in(context: str) -> list[str]:
    out: list[str] = []
    for m in _PARTNERS.finditer(context):
        for part in re.split(r",\s*|\s+(?:och|samt)\s+", m.group("list")):
            part = part.strip(" .")
            part = re.split(r"\s+(?:för|att|i syfte|som|kring|inom|under|om)\s+", part)[0].strip()
            kept = []
            for w in part.split():
                if w[:1].isupper() or w in _ORG_TAIL or (kept and w in ("i", "för", "vid")):
                    kept.append(w)
                else:
                    break
            while kept and kept[-1] in ("i", "för", "vid"):
                kept.pop()
            part = " ".join(kept)
            if part and _ORG_WORD.match(part) and len(part) < 80 and part not in out and not re.match(_RV + "$", part):
                out.append(part)
    return out[:12]


def funding_in(context: str) -> str:
    return "; ".join(dict.fromkeys(m.group("f").strip() for m in _FUNDING.finditer(context)))[:300]


def period_in(context: str) -> tuple[int | None, int | None]:
    for m in _PERIOD.finditer(context):
        if m.group("a"):
            a, b = int(m.group("a")), int(m.group("b"))
            if a <= b:
                return a, b
        if m.group("end"):
            return None, int(m.group("end"))
        if m.group("start"):
            return int(m.group("start")), None
    return None, None


# --- candidates from prose -------------------------------------------------------------

_NAME = r"[A-ZÅÄÖ][\wÅÄÖåäöé&:-]*(?:\s+(?:[A-ZÅÄÖ0-9][\wÅÄÖåäöé&:-]*|(?:(?:i|för|och|of|the|for|and|up|to|in|av|på|2\.0)\b|&)))*"
#: A lower-case noun after a capitalised name that says what the name is ("Botniska korridoren").
_KIND_NOUN = r"(?:korridor|grupp|nätverk|råd|allians|forum|plattform|program|projekt|fond|pris|arena|kluster|partnerskap|initiativ|strategi|satsning|akademi|nod)(?:en|et|n|na|erna)?"
_NAME_K = rf"{_NAME}(?:\s+{_KIND_NOUN}\b)?"
#: The words before a name that say an initiative follows (singular and definite).
_CUE = (r"projektet|projekt|programmet|program|nätverket|satsningen|initiativet|initiativ|konferensen|priset|fonden|plattformen|samarbetet|"
        r"utmärkelsen|utställningen|stipendiet|tävlingen|utlysningen|kampanjen|mässan|festivalen|evenemanget|arrangemanget|klustret|forumet|rådet|ramen för")
#: The cue words capitalised, as they open a sentence ("Priset Guldmolnet, …").
_CUE_CAP = "|".join(c[:1].upper() + c[1:] for c in _CUE.split("|"))
#: A single capitalised compound whose tail says what it is ("Norrbotniabanegruppen", "Norrlandsfonden").
_KIND_TAIL = (r"(?:gruppen|nätverket|rådet|forumet|fonden|priset|programmet|projektet|korridoren|alliansen|plattformen|klustret|akademin|stipendiet|"
              r"samarbetet|veckan|vecka|loppet|mässan|festivalen|kontoret|checken|dagen|dagarna|partnerskapet|partnerskapen)")
#: "Priset Guldmolnet, instiftat av …", "Nätverket NSPA, som …": a cue opening the sentence; the name
#: ends at a comma or a verb (not "Projektet Digital omställning …", the start of a longer title).
_SENTENCE_CUE = re.compile(rf"(?:^|(?<=[.!?] ))(?:{_CUE_CAP})\s+(?P<n>{_NAME_K})(?=[,.;:]|\s+(?:är|har|var|som|ska|kan|blir|syftar|vänder|drivs|leds)\b)")
_QUOTED = r"[\"”“„]\s*(?P<q>[^\"”“„]{3,90}?)\s*[\"”“]"
_QUOTED_LONG = _QUOTED.replace("{3,90}", "{3,160}")  # after a cue a quoted title may be long
_PROSE_PATTERNS: tuple[tuple[re.Pattern, float], ...] = (
    # projektet "Living lab för ..." / projekten "Fossilfria leveranser"
    (re.compile(rf"\b\w*?(?<!om)(?:{_CUE}|projekten|reformen|förstudien|under namnet|kallat|kallad)\s+{_QUOTED_LONG}"), 1.0),  # not "området"
    # AI-verktyget "Skoljuridisk assistent" (Skoja)
    (re.compile(rf"{_QUOTED}\s*\((?P<a>[A-ZÅÄÖ][\wåäö-]{{1,9}})\)"), 0.9),
    # Region Västerbottens Agenda för kompetensförsörjning
    (re.compile(r"(?<=[a-zåäö,] )(?P<n>(?:Agenda|Strategi|Handlingsplan|Program|Plan)\w* för [a-zåäö-]+(?: (?:och|inom) [a-zåäö-]+)?)"), 0.85),
    # projektet X i y (ACR): after a cue the words up to an acronym in parentheses are the
    # name even in lower case, and the acronym is its own even when it spells something else
    (re.compile(rf"\b(?:{_CUE})\s+(?P<n>[A-ZÅÄÖ][\wåäö-]*(?:\s+(?!och\b|samt\b)[\wÅÄÖåäö-]+){{0,6}}?)\s+\((?P<ca>[A-ZÅÄÖ][A-ZÅÄÖ0-9-]{{1,9}})\)"), 0.9),
    # projektet New North / nätverket X / samarbetet Botniska korridoren / ledningssatsningen
    # Lärprocessen / det så kallade SUSSA-samarbetet (capitalised name right after the cue)
    (re.compile(rf"\b\w*?(?:{_CUE}|satsning|så kallade|så kallat|s\.k\.)\s+(?P<n>{_NAME_K})"), 0.75),
    # "Nätverket för fjärrundervisande lärare, drivs av ..." at a sentence start
    (re.compile(r"(?:^|(?<=[.!?] ))(?P<n>(?:Nätverket|Rådet|Programmet|Forumet|Projektet) för [a-zåäö -]{4,60}?)(?=[,.]| drivs| leds)"), 0.85),
    # Name (ACR)
    (re.compile(rf"(?P<n>{_NAME})\s+\((?P<a>[A-ZÅÄÖ][A-ZÅÄÖ0-9-]{{1,9}})\)"), 0.75),
    # "Kompetensråd Västerbotten" in quotes after skapat/ett
    (re.compile(rf"\b(?:skapat|startat|bildat|inrättat|lanserat)\s+(?:ett|en)\s+{_QUOTED}"), 0.8),
    # … Norrlandsfonden, Norrbotniabanegruppen: a capitalised compound ending in a kind noun,
    # inside a sentence (at its start a capital says nothing: "Styrgruppen har …")
    (re.compile(rf"\b(?<=[\wåäö,)] )(?<!and )(?P<n>[A-ZÅÄÖ][\wåäöé-]{{2,}}{_KIND_TAIL})\b"), 0.75),
    # Region Västerbottens flygstrategi: an owner's compound strategy, plan or programme
    (re.compile(r"(?<![\wÅÄÖåäö])(?P<n>(?:[A-ZÅÄÖ][\wåäö]+ )?[A-ZÅÄÖ][\wåäö]+s [a-zåäö-]{3,}(?:strategi|strategin|plan|planen|program|programmet|agenda|agendan))\b"), 0.8),
    # inom/genom/via X where X names itself as an initiative (a kind word in it is checked later)
    (re.compile(rf"\b(?:inom|genom|via|med stöd från|med stöd av|finansieras av)\s+(?P<n>{_NAME_K})"), 0.7),
    # förslaget till fast förbindelse, Nordic Connector, finns …: a capitalised name in apposition
    (re.compile(r"(?<=[a-zåäö]{3}, )(?P<n>[A-ZÅÄÖ][\wåäö-]+(?: [A-ZÅÄÖ][\wåäö-]+){1,4})(?=, [a-zåäö])"), 0.6),
    # ett ytterligare vätgasprojekt, Kunskapsutveckling för vätgas i norr, som …: a name in
    # apposition to a kind noun
    (re.compile(r"\w*(?:projekt|program|nätverk|satsning|initiativ)(?:et|en)?, (?P<n>[A-ZÅÄÖ][\wåäö-]+(?: [\wåäö-]+){0,6}?)(?=, (?:som|vilket|där) )"), 0.75),
    # a quoted capitalised name with no cue word
    (re.compile(r"(?<![\w\"”“„])[\"”“„](?P<q>[A-ZÅÄÖ][^\"”“„]{2,60}?)[\"”“]"), 0.65),
    # Medtech for health vilket är ett strategiskt innovationsprogram: a name defined as a kind
    (re.compile(rf"(?P<n>{_NAME}(?:\s+(?:for|för|of|the|and)\s+[a-z]{{3,}})?)\s+(?:vilket |som )?(?:är|var) (?:ett|en) (?:[\wåäö-]+ ){{0,3}}?[\wåäö]*(?:program|projekt|nätverk|satsning|samarbete|forum|konferens|strategi|plattform|fond|pris|mötesplats|initiativ|utställning|kampanj|riskkapital\w*)\b"), 0.8),
    # SIP barnets plan: an acronym and the plan, programme or model it names
    (re.compile(r"\b(?P<n>[A-ZÅÄÖ]{2,6}(?:\s+[a-zåäö]+){0,2}?\s+(?:plan|planen|programmet|modellen))\b"), 0.7),
    # Umeå Eco Industrial Park, UngDrive Academy: a capitalised (English) name ending in its kind
    (re.compile(r"(?<![\wåäö])(?P<n>(?:[A-ZÅÄÖ][\wåäö-]+\s+){1,4}(?:Program|Programme|Network|Center|Centre|Park|Academy|Fund|Forum|Alliance|Hub|Lab|Institute|Initiative|Award|Festival|Week))\b"), 0.8),
    # projektet Regional exportsamverkan genomfört …: after a project cue, a capitalised word
    # and the lower-case words of the title, up to the verb or function word that ends it
    (re.compile(r"\b(?:projektet|programmet|satsningen|nätverket|initiativet)\s+(?P<n>(?![A-ZÅÄÖ0-9]{2,}\b)[A-ZÅÄÖ][\wåäö-]+(?:\s+(?!(?:har|är|var|blir|sätts|ges|görs|genomför\w*|drivs|leds|som|med|där|vilket|och|samt|under|till|från|på|inom|vid|att|för att|ska|kan|"
               r"bidragit|arbetat|haft|varit|fått|gett|tagit|skapat|startat|lett|syftar|bidrar)\b)[a-zåäö][\wåäö-]*){1,7})"), 0.7),
    # "Priset Guldmolnet, instiftat av …", "Nätverket NSPA, som …": the cue opens the sentence and
    # the name ends at a comma or a verb (not "Projektet Digital omställning …", a longer title)
    (_SENTENCE_CUE, 0.75),
    # "Förstudie: Systemdemonstrator för grön omställning (2025-01-01 — 2025-12-31) Förstudien ska …":
    # a kind label, a colon and the capitalised title, up to a parenthesis or the next sentence
    (re.compile(r"(?:^|(?<=[.!?] ))(?:Förstudie|Förstudien|Projekt|Projektet|Program|Programmet|Nätverket|Utredning|Utredningen|Konferens|Konferensen)\s*:\s+"
                r"(?P<n>[A-ZÅÄÖ][\wåäö-]*(?:\s+[\wåäö-]+){0,7}?)(?=\s+\(|[.,;]|\s+[A-ZÅÄÖ][a-zåäö]+\s)"), 0.8),
    # länsstyrelsens Leda jämt-utbildning, SUSSA-samarbetet: a name joined to its kind by a hyphen
    (re.compile(r"(?<![\wåäö-])(?<!and )(?P<n>[A-ZÅÄÖ][\wåäö]+(?:\s+[a-zåäö]+)?-(?:utbildning(?:en)?|programmet|satsningen|projektet|nätverket|samarbetet))\b"), 0.75),
)
#: Hälsa lärande och trygghet (HLT): an acronym whose initials the words before it spell.
_HYPHEN_NAME = re.compile(_PROSE_PATTERNS[-1][0].pattern)
_INITIALS = re.compile(r"\((?P<ia>[A-ZÅÄÖ]{2,6})\)")
#: A single word that is only a kind of thing ("Konferensen", "Projektet"), never a name.
_BARE_KIND = re.compile(r"(?:konferens|projekt|program|natverk|satsning|initiativ|forum|rad|plattform|samarbete|strategi|plan|fond|pris|"
                        r"centrum|allians|arena|mote|traff|delegation|grupp|kampanj|utbildning|modell|metod)(?:en|et|n|na|erna|arna|met)?")
#: "… nätverksstärkande projekt:" and a bullet list: each bullet opens with a name.
_KIND_LIST = re.compile(r"(?:projekt|nätverk|program|satsningar|initiativ)(?:en|et|na)?:\s*\n+(?P<items>(?:- [^\n]+\n*)+)")
_BULLET_STOP = {"som", "vilket", "är", "har", "finansierat", "finansierad", "inom", "med", "för", "i", "där", "och", "samt", "på"}


def _bullet_name(bullet: str) -> str:
    """The name a bullet opens with: its run of capitalised words ("Northern Motion
    utbildar …", "Kvarken Film Hub finansierat …"), or a capitalised word and one more
    right before "som" ("Norrland brinner som …")."""
    words = bullet.split()
    run = []
    for w in words[:6]:
        if w[:1].isupper() or w[:1].isdigit():
            run.append(w.strip(",.:;"))
        else:
            break
    if len(run) == 1 and len(words) > 2 and words[1][:1].islower() and words[2] in _BULLET_STOP and words[1] not in _BULLET_STOP:
        run.append(words[1].strip(",.:;"))
    if run and fold(run[0]) in ("projektet", "projekt", "natverket"):
        return ""
    return " ".join(run)


#: Patterns where the cue before the name says it is one, so a single word may be a name
#: ("ledningssatsningen Lärprocessen"; not "Västerbotten är en plats …").
_AFTER_CUE = {_PROSE_PATTERNS[4][0].pattern, _PROSE_PATTERNS[14][0].pattern,  # a cue before it, or a definition after it
              _PROSE_PATTERNS[17][0].pattern,  # "initiativet Digital idag bidragit …"
              _SENTENCE_CUE.pattern}  # "Priset Guldmolnet, instiftat av …"
#: "Riva hinder: digitala föreläsningar …": a name and a colon opening a paragraph.
_PARAGRAPH_LABEL = re.compile(r"(?:^|\n)(?P<n>[A-ZÅÄÖ][\wåäö-]*(?:\s+[\wåäö-]+){0,3}):\s+[a-zåäö]"
                              r"|(?:^|\n)(?P<n2>[A-ZÅÄÖ][\wåäö-]{5,}),\s+(?:en|ett)\s+[a-zåäö]")  # "Psykeveckan, en uppmärksamhetsvecka …"
#: Generic heads of "X-projektet" that name a funding source, not a project.
_GENERIC_HYPHEN_HEADS = {"eu", "esf", "eruf", "interreg", "horizon", "horisont", "horizont", "vinnova", "fou", "it"}
#: Patterns whose name must carry a kind word or an acronym (a bare place after "inom" is no initiative).
_NEEDS_KIND_WORD = {_PROSE_PATTERNS[10][0].pattern}
_LIST_CUE = re.compile(rf"\b(?:projekt(?:en)?|nätverk(?:en)?|satsningar(?:na)?|initiativ(?:en)?|program(?:men)?|samarbeten(?:a)?|insatser(?:na)?|mötesplatser(?:na)?)"
                       rf",?\s+(?:som|såsom|t\.ex\.|exempelvis|bland annat|det vill säga|dvs\.?)\s+(?P<list>{_NAME_K}(?:\s*,\s*{_NAME_K})*(?:\s+och\s+{_NAME_K})?)")
#: Lists after a weaker cue ("aktörer som A, B och C", "samarbetet A och B"): members are candidates with a lower weight.
_LIST_CUE_WEAK = re.compile(rf"\b(?:(?:aktörer|organisationer|parter)\s+(?:som|såsom|t\.ex\.|exempelvis|bland annat)|(?:ramen för\s+)?samarbetet|samarbetena|nätverken|projekten)\s+(?P<list>{_NAME_K}(?:\s*,\s*{_NAME_K})*(?:\s+och\s+{_NAME_K})+)")


@dataclass
class Mention:
    chapter: str
    section: str
    area_codes: tuple[str, ...]
    block_line: int  # first line of the block (identifies the contribution)
    line: int  # the line of the mention (an item's first line when it is an item)
    item_line: int | None = None  # set when an item (list entry) names it
    titled: bool = False  # the item's own title is this initiative (not just a mention in its text)


@dataclass
class ExtractedInitiative:
    name: str
    acronym: str
    kind: str
    confidence: float
    run_by_region: bool | None
    partners: list[str]
    funding: str
    start_year: int | None
    end_year: int | None
    description: str
    first_line: int
    source: str  # how it was found: "urval", "arena", "activity", "heading", "prose"
    urval: bool
    keys: list[str]  # name keys (name and aliases) and "acr:XYZ"
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    found_lines: list[int] = field(default_factory=list)  # where a pattern found it (not the later name scan)
    reasons: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return self.confidence < AUTO_ACCEPT

    @property
    def key(self) -> str:
        return self.keys[0]


_SOURCE_BASE = {"urval": 0.55, "arena": 0.4, "activity": 0.15, "heading": 0.15, "prose": 0.0}


def _candidate(title: str, source: str, base_conf: float, context: str, section: str, mention: Mention, description: str = "",
               acronym_cued: bool = False, after_cue: bool = False) -> list[ExtractedInitiative]:
    out = []
    members = split_group(title) if source in ("urval", "arena", "activity", "heading") else [title]
    for member in members:
        name, acronym = clean_name(member)
        if len(name) < 2 or not (name[0].isupper() or name[0].isdigit()):
            continue
        if acronym and fold(acronym)[:1] != fold(name)[:1] and acronym != name and not acronym_cued:
            if source == "prose":
                continue  # "Övre Norrland (ERUF)": the parenthesis names something else
            acronym = ""
        if len(name.split()) == 1 and _BARE_KIND.fullmatch(fold(name)):
            continue  # "Konferensen är en mötesplats …": a kind of thing, not its name
        if source == "prose" and len(name.split()) == 1 and not acronym and not (after_cue and len(name) >= 6) and not re.search(r"[a-zåäö][:.]?[A-ZÅÄÖ]|\d|^[A-ZÅÄÖ0-9-]+$", name) and not _has_name_cue(fold(name)):
            continue  # one ordinary word ("Regional") is not a name
        if re.search(rf"(?<![\wåäö]){re.escape(name)} AB\b", context or description):
            continue  # "AC-Net AB har funnits …": a company
        organisation = re.search(rf"(?<![\wåäö]){re.escape(name)}\s+(?:är|var)\s+(?:en|ett)\s+(?:[\wåäö-]+\s+){{0,2}}?"
                                 r"(?:aktör|organisation|myndighet|företag|bolag|stiftelse|förening|lärosäte)\b", context or description)
        if organisation and source != "urval":
            continue  # "RISE är en nationell aktör …": an organisation
        if organisation and len(members) == 1:  # an "Ett urval" entry on an organisation's work: its whole title, for review
            name, acronym = clean_name(title)
        form = name_score(name if not acronym else f"{name} ({acronym})", cued=after_cue and source == "prose")
        if form == 0.0 and source != "urval":
            continue
        conf = min(1.0, _SOURCE_BASE.get(source, 0.0) * 0.6 + base_conf * 0.4 + form * 0.5) if source != "prose" else min(1.0, base_conf * 0.6 + form * 0.45)
        if len(members) > 1:
            conf -= 0.05
        if acronym and acronym != name and fold(acronym).replace(" ", "") == "".join(w[0] for w in fold(name).split()):
            conf += 0.1  # "Digitala Västerbotten i samverkan (DVIS)": the acronym spells the name's initials
        ctx = context or description
        if source != "prose" and (_RV_RUNS.search(ctx) or re.search(r"\b(?:driver|drivs av|leds av|arrangeras av)\b", ctx)):
            conf += 0.08  # someone runs it: a thing with an owner, not a description of work
        keys = [name_key(name)]
        if acronym:
            keys.append("acr:" + fold(acronym))
        start, end = period_in(ctx)
        out.append(ExtractedInitiative(
            name=name, acronym=acronym, kind=kind_of(name, ctx), confidence=round(max(0.0, conf), 3),
            run_by_region=run_by_region(ctx, section), partners=partners_in(ctx), funding=funding_in(ctx),
            start_year=start, end_year=end, description=description.strip()[:4000], first_line=mention.line,
            source=source, urval=source == "urval", keys=keys, mentions=[mention], found_lines=[mention.line],
            reasons=[f"{source}: rad {mention.line}"],
        ))
        out[-1].confidence = round(min(1.0, out[-1].confidence), 3)
        if name.startswith(("EU:s ", "EU-kommissionens ")) and out[-1].confidence >= AUTO_ACCEPT:
            out[-1].confidence = REVIEW  # the EU's own policy or collaboration: an analyst decides
            out[-1].reasons.append("EU:s eget arbete")
        generic = fold(name.split()[0]) in _GENERIC_START and not _capitalised_inner(name) and not acronym
        if source == "urval" and (form == 0.0 or generic or organisation):  # named like an organisation or a description of work: ask
            out[-1].confidence = REVIEW
            out[-1].reasons.append("namnet liknar en organisation")
    return out


def _acronym_words(raw: str, acr: str) -> str:
    """The words an acronym in parentheses belongs to: "Norrbotniabanegruppen och
    Europaforum Norra Sverige (EFNS)" → "Europaforum Norra Sverige" (the last run of
    words that starts with the acronym's first letter), or "" when none does."""
    words = raw.split()
    first = fold(acr)[:1]
    for i, w in enumerate(words):
        if fold(w)[:1] == first and w[:1].isupper() and not any(x in ("och", "samt") for x in words[i:]):
            return " ".join(words[i:])
    return ""


def _initials_name(context: str, acr: str) -> str:
    """The words just before "(ACR)" whose initials spell it, small words skipped:
    "… tidig samverkan kring barn och unga (Hälsa, lärande, trygghet — HLT)" no;
    "Hälsa lärande och trygghet (HLT)" → "Hälsa lärande och trygghet"."""
    words = context.replace(",", " ").split()
    small = {"och", "i", "för", "av", "med", "på", "—", "–", "-"}
    for n in range(min(2, len(acr)), min(len(words), len(acr) + 4) + 1):
        span = words[-n:]
        content = [w for w in span if w.lower() not in small]
        if span[0][:1].isupper() and span[0].lower() not in small and _spells([w.lower() for w in content], acr.lower()):
            return " ".join(span)
    return ""


def _spells(words: list[str], acr: str) -> bool:
    """Whether ``words`` spell ``acr`` by their initials, a compound word giving the
    initials of its parts when there are fewer words than letters ("Lokalt programområde"
    → LPO: program + område). A part has three letters or more on either side."""
    i = 0
    for n, w in enumerate(words):
        if i >= len(acr) or not w or w[0] != acr[i]:
            return False
        i += 1
        pos = 3
        while i < len(acr) and len(words) - n - 1 < len(acr) - i:  # more letters left than words
            j = w.find(acr[i], pos)
            if j < 0 or len(w) - j < 3:
                break
            i, pos = i + 1, j + 3
    return i == len(acr)


def _hyphen_names_lost(flat: str, raw: str) -> list[str]:
    """Names joined to their kind by a hyphen in the OCR lines that the repair wrote as
    one word ("Leda jamt-utbildning" → "Leda jämtutbildning"): the repaired spelling with
    the hyphen put back ("Leda jämt-utbildning")."""
    out = []
    folded = fold_letters(flat)  # same length as flat
    for m in _HYPHEN_NAME.finditer(re.sub(r"\s+", " ", raw)):
        name = m.group("n")
        cut = name.index("-")
        at = folded.find(fold_letters(name.replace("-", "", 1)))
        if at >= 0 and len(folded) == len(flat):
            joined = flat[at:at + len(name) - 1]
            out.append(f"{joined[:cut]}-{joined[cut:]}")
    return out


def _prose_candidates(text: str, section: str, mention_for, raw: str = "") -> list[ExtractedInitiative]:
    out: list[ExtractedInitiative] = []
    text = re.sub(r"^### (.+?)[.:]?$", r"\1.", text, flags=re.M)  # a name ends with its heading
    flat = re.sub(r"\s+", " ", text.replace("\n- ", " "))
    for name in _hyphen_names_lost(flat, raw) if raw else ():
        out += _candidate(name, "prose", 0.75, _context(flat, name.replace("-", "")), section, mention_for(name.replace("-", "")))
    for m in _PARAGRAPH_LABEL.finditer(text):
        name = (m.group("n") or m.group("n2")).strip()
        if len(name.split()) >= 2 or _ACRONYM.match(name) or m.group("n2"):
            out += _candidate(name, "prose", 0.65, _context(flat, name), section, mention_for(name))
    for m in _INITIALS.finditer(flat):
        raw = _initials_name(flat[max(0, m.start() - 120):m.start()], m.group("ia"))
        if raw:
            out += _candidate(f"{raw} ({m.group('ia')})", "prose", 0.8, _context(flat, raw), section, mention_for(raw))
    for pattern, weight in _PROSE_PATTERNS:
        after_cue = pattern.pattern in _AFTER_CUE
        for m in pattern.finditer(flat):
            groups = m.groupdict()
            raw = groups.get("q") or groups.get("n") or ""
            if "-" in raw and fold(raw.split("-")[0]) in _GENERIC_HYPHEN_HEADS:
                continue
            raw = re.split(r"\s+(?:som|med|i syfte|för att|är|har|vid)\s+", raw)[0].strip(" ,.")
            raw = re.sub(r"(?:\s+(?:i|och|för|of|the|for|to|in|av|på))+$", "", raw)
            pair = re.split(r"\s+och\s+", raw)
            if len(pair) == 2 and any(fold(p) in _NOT_INITIATIVES for p in pair):
                raw = next((p for p in pair if fold(p) not in _NOT_INITIATIVES), "")  # "ERUF och Region Västerbotten"
            acr, cued = groups.get("a") or groups.get("ca"), bool(groups.get("ca"))
            if acr and fold(acr) == fold(raw):
                continue  # "FORTE (FORTE)": a word and its own abbreviation, no name of an initiative
            if acr and not cued and fold(acr)[:1] != fold(raw)[:1]:
                raw = _acronym_words(raw, acr) or raw
            words = raw.split()
            if not raw or len(words) > 9 or (len(words) == 1 and len(raw) < (6 if after_cue else 8) and not _ACRONYM.match(raw) and not acr):
                continue
            if pattern.pattern in _NEEDS_KIND_WORD and not _has_name_cue(fold(raw)):
                continue
            title = f"{raw} ({acr})" if acr else raw
            out += _candidate(title, "prose", weight, _context(flat, raw), section, mention_for(raw), acronym_cued=cued, after_cue=after_cue)
    for m in _KIND_LIST.finditer(text):
        for bullet in re.findall(r"^- (.+)$", m.group("items"), flags=re.M):
            name = _bullet_name(bullet)
            if name:
                out += _candidate(name, "prose", 0.8, _context(flat, name), section, mention_for(name), after_cue=True)
    for cue, weight in ((_LIST_CUE, 0.8), (_LIST_CUE_WEAK, 0.65)):
        for m in cue.finditer(flat):
            for member in re.split(r"\s*,\s*|\s+och\s+", m.group("list")):
                member = re.sub(r"(?:\s+(?:i|och|för|of|the|for|and|to|in|av|på))+$", "", member.strip(" ,."))  # "Re:Industry och arbetet …"
                if member:
                    out += _candidate(member, "prose", weight, _context(flat, member), section, mention_for(member))
    return out


def _heading_titles(block: ParsedBlock) -> list[tuple[str, str]]:
    """(heading, body under it) for the "### " sub-headings of a block's text."""
    out = []
    parts = re.split(r"^### (.+)$", block.text, flags=re.M)
    for i in range(1, len(parts), 2):
        out.append((parts[i].strip(), parts[i + 1] if i + 1 < len(parts) else ""))
    return out


def _line_of(block: ParsedBlock, phrase: str) -> int:
    """The source line of ``phrase`` in a block, from its raw OCR text (folded)."""
    k = fold(phrase).split()
    if not k:
        return block.lines.first
    first = k[0]
    for offset, raw in enumerate(block.raw.split("\n")):
        if first in fold(raw).split():
            return block.lines.first + offset
    return block.lines.first


def _line_of_item(item: ParsedItem, phrase: str) -> int:
    """The source line of ``phrase`` in an item, from its raw OCR text (folded)."""
    first = (fold(phrase).split() or [""])[0]
    for offset, raw in enumerate(item.raw.split("\n")):
        if fold(raw).split()[:1] == [first]:
            return item.lines.first + offset
    return item.lines.first


def extract_initiatives(report: ParsedReport) -> list[ExtractedInitiative]:
    """All named initiatives of the report, merged, in order of first mention."""
    found: list[ExtractedInitiative] = []
    for chapter in report.chapters:
        for section in chapter.sections:
            for block in section.blocks:
                def mention(line: int, item_line: int | None = None, titled: bool = False) -> Mention:
                    return Mention(chapter.code, section.question, block.area_codes, block.lines.first, line, item_line, titled)

                for item in block.items:
                    if item.kind in ("initiative", "arena", "activity"):
                        source = {"initiative": "urval", "arena": "arena", "activity": "activity"}[item.kind]
                        title = _item_title(item)
                        found += _candidate(title, source, 0.9 if source == "urval" else 0.6, _context(item.text, clean_name(title)[0]) + " " + item.text[:400], section.question, mention(item.lines.first, item.lines.first, True), item.text)
                        for glued in _glued_titles(item):
                            found += _candidate(glued, source, 0.6, _context(item.text, glued), section.question, mention(_line_of_item(item, glued), item.lines.first), item.text)
                    # every item's text is prose that may name initiatives, whatever the item's kind
                    # (an Agenda 2030 justification: "genom insatser som VIGO och Re:Industry")
                    found += _prose_candidates(item.text, section.question, lambda n, it=item: mention(it.lines.first, it.lines.first), item.raw)
                for heading, body in _heading_titles(block):
                    found += _candidate(heading, "heading", 0.6, _context(body, clean_name(heading)[0]) + " " + body[:400], section.question, mention(_line_of(block, heading)), body)
                found += _prose_candidates(block.text, section.question, lambda n, b=block: mention(_line_of(b, n)), block.raw)
    merged = merge(found)
    link_mentions(report, merged)
    return merged


def _glued_titles(item: ParsedItem) -> list[str]:
    """Titles of further entries the parser left inside an item's text, because no blank
    line set them off in the OCR: a short capitalised line that ends a paragraph after a
    finished sentence ("… (se text nedan)" / "Praktisk AI-utveckling och kompetenslyft för" /
    "regional tillväxt", then the entry's text), or the short first line of a paragraph
    whose next line opens a sentence ("Samverkansarena samhällsutmaningar" / "Skellefteå
    Science City har …")."""
    paras = [p.strip() for p in item.text.split("\n\n") if p.strip()]
    raw_paras = [[ln.strip() for ln in p.split("\n") if ln.strip()] for p in re.split(r"\n\s*\n", item.raw) if p.strip()]
    raw_firsts = {fold(lines[0]).split()[0]: lines for lines in raw_paras if fold(lines[0])}
    raw_starts = {fold(ln).split()[0] for lines in raw_paras for ln in lines if fold(ln)}
    out = []
    for i, para in enumerate(paras):
        tail = re.search(r"(?:[.!?)]\s+)(?P<t>[A-ZÅÄÖ][^.!?;:()]*)$", para)
        if tail and i + 1 < len(paras) and 2 <= len(tail.group("t").split()) <= 10 and paras[i + 1][:1].isupper() \
                and fold(tail.group("t")).split()[0] in raw_starts:
            out.append(tail.group("t").strip())
        lines = raw_firsts.get((fold(para).split() or [""])[0])
        if i > 0 and lines and len(lines) >= 3 and len(lines[0]) <= 40 and len(lines[0].split()) <= 5 \
                and not re.search(r"[.,:;!?-]$", lines[0]) and lines[1][:1].isupper():
            out.append(" ".join(para.split()[: len(lines[0].split())]))
    return [t for t in out if name_score(t) > 0.0 and not _SENTENCE.search(f" {t} ")]


def _item_title(item: ParsedItem) -> str:
    title = item.title
    # "Implementering av reformen" + the quoted name on the next line of the text
    m = re.match(r"^\s*[\"”“]\s*([^\"”“]{3,90})[\"”“]", item.text)
    if m and title.lower().endswith(("reformen", "projektet", "av")):
        title = f"{title} {m.group(1)}"
    return title


def merge(found: list[ExtractedInitiative]) -> list[ExtractedInitiative]:
    """Merge candidates that share a name key or an acronym; the first (report order,
    then highest source) keeps its name; confidence is the highest, raised a little for
    every further independent mention."""
    by_key: dict[str, ExtractedInitiative] = {}
    by_words: dict[str, ExtractedInitiative] = {}
    out: list[ExtractedInitiative] = []

    def words_of(x: ExtractedInitiative) -> str:
        ws = x.keys[0].split()
        return " ".join(sorted(ws)) if len(ws) >= 2 else ""

    for cand in found:
        target = next((by_key[k] for k in cand.keys if k in by_key), None) or by_words.get(words_of(cand) or "-")
        if target is None:
            # "Strategirådet för kompetensförsörjning" vs the longer "Tillväxtverkets RKA-grupp (…)": containment of keys
            target = _contained(cand, out)
        if target is None:
            out.append(cand)
            for k in cand.keys:
                by_key.setdefault(k, cand)
            if words_of(cand):
                by_words.setdefault(words_of(cand), cand)
            continue
        cand.keys = [k for k in cand.keys if by_key.get(k, target) is target]  # a key stays with one record
        _absorb(target, cand)
        for k in cand.keys:
            by_key.setdefault(k, target)
    return out


def _contained(cand: ExtractedInitiative, existing: list[ExtractedInitiative]) -> ExtractedInitiative | None:
    k = cand.keys[0]
    for other in existing:
        ok = other.keys[0]
        short, long_ = (k, ok) if len(k) <= len(ok) else (ok, k)
        if len(short.split()) >= 2 and len(short) >= 12 and f" {short} " in f" {long_} ":
            return other
        # a prose fragment that is the start of a known name in the same block ("Aktuell" of "Aktuell skolpolitik")
        if cand.source == "prose" and long_ == ok and ok.startswith(k + " ") and cand.mentions and other.mentions and cand.mentions[0].block_line in {m.block_line for m in other.mentions}:
            return other
    return None


def _absorb(target: ExtractedInitiative, cand: ExtractedInitiative) -> None:
    better_name = _SOURCE_BASE[cand.source] > _SOURCE_BASE[target.source] and cand.source in ("urval", "arena")
    if cand.name != target.name and cand.name not in target.aliases:
        target.aliases.append(cand.name)
    if better_name and len(cand.name) <= len(target.name) + 20:
        target.aliases.append(target.name)
        target.name = cand.name
        target.description = cand.description or target.description
    if cand.urval:
        target.urval = True
    target.acronym = target.acronym or cand.acronym
    for k in cand.keys:
        if k not in target.keys:
            target.keys.append(k)
    boost = 0.05 if cand.mentions and cand.mentions[0].block_line not in {m.block_line for m in target.mentions} else 0.0
    target.confidence = round(min(1.0, max(target.confidence, cand.confidence) + boost), 3)
    target.mentions += cand.mentions
    target.found_lines += cand.found_lines
    target.reasons += cand.reasons
    if target.run_by_region is None:
        target.run_by_region = cand.run_by_region
    for p in cand.partners:
        if p not in target.partners:
            target.partners.append(p)
    target.funding = target.funding or cand.funding
    target.start_year = target.start_year or cand.start_year
    target.end_year = target.end_year or cand.end_year
    if target.kind == "project" and cand.kind != "project":
        target.kind = cand.kind
    target.description = target.description or cand.description


def link_mentions(report: ParsedReport, register: list[ExtractedInitiative]) -> None:
    """Add a mention for every block (and item) whose text names an initiative by its
    name, an alias or its acronym, so the import links it to every contribution. One
    alternation of all the folded names is scanned over each text (longest name first)."""
    owner: dict[str, ExtractedInitiative] = {}
    for init in register:
        for n in [init.name, *init.aliases]:
            f = fold(n)
            if len(f) >= 6:
                owner.setdefault(f, init)
        if init.acronym and len(init.acronym) >= 3:
            owner.setdefault(fold(init.acronym), init)
    if not owner:
        return
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(owner, key=len, reverse=True)) + r")\b")
    have = {id(init): {(m.block_line, m.item_line) for m in init.mentions} for init in register}
    for chapter in report.chapters:
        for section in chapter.sections:
            for block in section.blocks:
                texts = [(None, fold(block.heading + " " + block.text))] + [(it, fold(it.title + " " + it.text)) for it in block.items]
                for item, text in texts:
                    item_line = item.lines.first if item else None
                    for m in pattern.finditer(text):
                        init = owner[m.group(0)]
                        k = (block.lines.first, item_line)
                        if k in have[id(init)]:
                            continue
                        have[id(init)].add(k)
                        init.mentions.append(Mention(chapter.code, section.question, block.area_codes, block.lines.first,
                                                     item_line if item else block.lines.first, item_line))


# --- measuring against a hand-labelled key -------------------------------------------


def evaluate(register: list[ExtractedInitiative], key: dict, part: str) -> dict:
    """Recall and precision of ``register`` against the key entries of one ``part``.

    A key entry is found when an extraction shares a name key (its name, an alias) or an
    acronym with it, or one key contains the other as whole words (two words or more).
    Recall counts required (non-optional) entries; "found" includes candidates for
    review, "auto" only those created without review. Precision counts the auto-accepted
    extractions found inside the part's lines: one that matches no key entry of the whole
    key (optional ones included) is a false positive.
    """
    spec = key["parts"][part]
    ranges = [tuple(r) for r in spec["lines"]]
    entries = [e for e in key["initiatives"] if e["part"] == part]
    everything = key["initiatives"]

    def entry_keys(e: dict) -> set[str]:
        ks = {name_key(n) for n in [e["name"], *e.get("aliases", [])]}
        if e.get("acronym"):
            ks.add("acr:" + fold(e["acronym"]))
        return ks

    def matches(x: ExtractedInitiative, e: dict) -> bool:
        eks = entry_keys(e)
        if eks & set(x.keys) or {name_key(a) for a in x.aliases} & eks:
            return True
        for xk in x.keys:
            for ek in eks:
                if xk.startswith("acr:") or ek.startswith("acr:"):
                    continue
                short, long_ = sorted((xk, ek), key=len)
                if len(short.split()) >= 2 and f" {short} " in f" {long_} ":
                    return True
                if len(short) >= 10 and difflib.SequenceMatcher(None, xk, ek).ratio() >= 0.9:  # OCR damage in a name
                    return True
        return False

    inside = [x for x in register if any(lo <= ln <= hi for ln in x.found_lines for lo, hi in ranges)]
    required = [e for e in entries if not e.get("optional")]
    urval = [e for e in required if e.get("urval")]

    def recall(pool, auto_only):
        xs = [x for x in inside if not (auto_only and x.needs_review)]
        hit = [e for e in pool if any(matches(x, e) for x in xs)]
        return len(hit), len(pool), [e["name"] for e in pool if e not in hit]

    auto = [x for x in inside if not x.needs_review]
    false_pos = [x.name for x in auto if not any(matches(x, e) for e in everything)]
    review = [x for x in inside if x.needs_review]
    rv_known = [(e, x) for e in required for x in auto if e.get("rv_run") is not None and x.run_by_region is not None and matches(x, e)]
    kind_pairs = [(e, x) for e in required for x in auto if matches(x, e)]
    anywhere = [e for e in required if any(matches(x, e) for x in register)]
    out = {
        "part": part,
        # added after the first held-out run: an initiative found elsewhere in the report and
        # linked to this part's contributions by name also has its record
        "all_register": (len(anywhere), len(required)),
        "urval": recall(urval, False),
        "urval_auto": recall(urval, True),
        "all": recall(required, False),
        "all_auto": recall(required, True),
        "precision": (len(auto) - len(false_pos), len(auto)),
        "false_positives": false_pos,
        "review": len(review),
        "review_matching_key": sum(1 for x in review if any(matches(x, e) for e in everything)),
        "rv_flag": (sum(1 for e, x in rv_known if e["rv_run"] == x.run_by_region), len(rv_known)),
        "kind": (sum(1 for e, x in kind_pairs if e["kind"] == x.kind), len(kind_pairs)),
    }
    return out
