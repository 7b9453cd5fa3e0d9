"""Choosing between candidate spellings from the words around them.

Stripped of its diacritics, "ar" can be *är* or *år*, "har" *har* or *här*,
"starka" *starka* or *stärka*. Two sources of context decide:

1. **A small domain model** (:class:`ContextModel`): word counts of a clean
   Swedish text from the same domain, and for the ambiguous words also the
   words just before and after them. The shipped model (``data/context.tsv``)
   is trained on Region Västerbotten's strategy text (RUS 2020–2030,
   aktualisering 2025–26). Its word counts are mixed into wordfreq's general
   frequencies (see :mod:`resultat.core.ocr.candidates`: "stärka" over
   "starka", "öka" over "åka", "flöden" over "floden"), and its bigram counts
   add the evidence of the neighbours ("ett år", "den här"). Rebuild it with
   ``python -m resultat.core.ocr --train-context FILE… > data/context.tsv``.
2. **Hand-written rules** for patterns a small corpus cannot cover: a year or
   a count next to år, a modal verb before an infinitive, the English "for",
   "an" and "over" among English words, "Här" opening a sentence, …

Scores are log10 probabilities; a rule adds a bonus to one spelling.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from resultat.core.ocr.candidates import Candidate
from resultat.core.ocr.lexicon import Lexicon, fold

CONTEXT_MODEL_PATH = Path(__file__).with_name("data") / "context.tsv"

#: Weight (pseudo-count) of the context-free distribution against a bigram's counts.
BIGRAM_PRIOR = 1.5
#: A word whose skeleton has two spellings at most this rare (cost) is "ambiguous".
AMBIGUOUS_COST = 700


@dataclass(frozen=True, slots=True)
class Side:
    """The words on one side of a token, nearest first, lower case.

    ``boundary`` is true when a sentence ends right there (. ! ? : ; a blank
    line, the start or end of the text); ``gap`` is the
    separator text right next to the token; ``raw`` the neighbouring tokens
    as written (capitals kept).
    """

    words: tuple[str, ...]
    boundary: bool
    gap: str = ""
    raw: tuple[str, ...] = ()
    #: Up to eight words within the sentence, nearest first (for a verb far from its
    #: auxiliary: "har … greppet … omsatts"); on the right the best reading of each.
    clause: tuple[str, ...] = ()

    @property
    def first(self) -> str:
        return self.words[0] if self.words else ""

    def key(self) -> tuple:
        """What the rules and the model read: for caching decisions."""
        raw = self.raw[0] if self.raw else ""
        return (self.words, self.boundary, self.gap[:1], raw[:1].isupper())


# --- the domain model ----------------------------------------------------------

_WORD = re.compile(r"[A-Za-zÅÄÖåäöéÉ]+|\d+|[.!?:;]")
_NUM = re.compile(r"\d+")


def norm(word: str) -> str:
    """The form the model uses: lower case, numbers as <year> or <num>."""
    if not word:
        return ""
    if word[0].isdigit():
        if len(word) == 4 and word[:2] in ("19", "20"):
            return "<year>"
        return "<num>"
    return word.lower()


@dataclass
class ContextModel:
    """Counts of ambiguous words and their neighbours in a clean domain text."""

    unigrams: Counter = field(default_factory=Counter)
    left: Counter = field(default_factory=Counter)  # (previous word, word)
    right: Counter = field(default_factory=Counter)  # (word, next word)
    sources: list[str] = field(default_factory=list)

    @classmethod
    def train(cls, texts: Iterable[str], lexicon: Lexicon) -> ContextModel:
        model = cls()
        ambiguous: dict[str, bool] = {}

        def is_ambiguous(w: str) -> bool:
            got = ambiguous.get(w)
            if got is None:
                spellings = [s for s, c in lexicon.spellings(fold(w)) if c <= AMBIGUOUS_COST]
                got = len(spellings) > 1 or (w not in spellings and len(spellings) == 1)
                ambiguous[w] = got
            return got

        for text in texts:
            for sentence in _sentences(text):
                words = ["<s>"] + [norm(w) for w in sentence] + ["</s>"]
                for i in range(1, len(words) - 1):
                    w = words[i]
                    if w.startswith("<"):
                        continue
                    model.unigrams[w] += 1
                    if not is_ambiguous(w):
                        continue
                    model.left[(words[i - 1], w)] += 1
                    model.right[(w, words[i + 1])] += 1
        return model

    # persistence ----------------------------------------------------------------
    def dump(self) -> str:
        lines = [
            "# Context model for resultat.core.ocr (built by python -m resultat.core.ocr",
            "# --train-context). Word counts of clean Swedish text, no text itself:",
            "# u = word, count; l = previous word, word, count; r = word, next word, count",
            "# (l and r only for words whose å/ä/ö-stripped form has several spellings).",
        ]
        lines += [f"# source: {s}" for s in self.sources]
        lines += [f"u\t{w}\t{n}" for w, n in sorted(self.unigrams.items())]
        lines += [f"l\t{a}\t{b}\t{n}" for (a, b), n in sorted(self.left.items())]
        lines += [f"r\t{a}\t{b}\t{n}" for (a, b), n in sorted(self.right.items())]
        return "\n".join(lines) + "\n"

    @classmethod
    def parse(cls, text: str) -> ContextModel:
        model = cls()
        for line in text.splitlines():
            if not line or line.startswith("#"):
                if line.startswith("# source: "):
                    model.sources.append(line[len("# source: ") :])
                continue
            parts = line.split("\t")
            if parts[0] == "u":
                model.unigrams[parts[1]] = int(parts[2])
            elif parts[0] == "l":
                model.left[(parts[1], parts[2])] = int(parts[3])
            elif parts[0] == "r":
                model.right[(parts[1], parts[2])] = int(parts[3])
        return model

    @classmethod
    def load(cls, path: Path = CONTEXT_MODEL_PATH) -> ContextModel:
        if not path.exists():
            return cls()
        return cls.parse(path.read_text(encoding="utf-8"))

    def domain_frequencies(self) -> dict[str, float]:
        """Relative frequency of each word in the domain text (for mixing with wordfreq)."""
        total = sum(self.unigrams.values())
        if not total:
            return {}
        return {w: n / total for w, n in self.unigrams.items()}

    # scoring --------------------------------------------------------------------
    def adjust(self, options: list[Candidate], left: Side, right: Side) -> list[float]:
        """log10 corrections to the candidates' scores from the neighbouring words.

        The candidates' scores already mix wordfreq with the domain's word
        frequencies; this adds the evidence of the word before and after:
        P(spelling | neighbour) from the bigram counts, smoothed towards the
        candidates' own distribution.
        """
        words = [c.word for c in options]
        top = max(c.score for c in options)
        prior = [10 ** (c.score - top) for c in options]
        total = sum(prior)
        prior = [x / total for x in prior]
        out = [0.0] * len(words)
        prev = norm(left.first) if not left.boundary else "<s>"
        nxt = norm(right.first) if not right.boundary else "</s>"
        for table, key in ((self.left, lambda w: (prev, w)), (self.right, lambda w: (w, nxt))):
            b = [table.get(key(w), 0) for w in words]
            tb = sum(b)
            if tb == 0:
                continue
            for k in range(len(words)):
                p = (b[k] + BIGRAM_PRIOR * prior[k]) / (tb + BIGRAM_PRIOR)
                out[k] += math.log10(p / prior[k])
        return out


def _sentences(text: str) -> Iterable[list[str]]:
    sentence: list[str] = []
    for m in _WORD.finditer(text):
        w = m.group()
        if w in ".!?:;":
            if sentence:
                yield sentence
            sentence = []
        else:
            sentence.append(w)
    if sentence:
        yield sentence


# --- hand-written rules ----------------------------------------------------------

MODALS = frozenset(
    "att ska skall kan kunna bör måste vill behöver behöva får skulle kommer kunde borde "
    "fortsätta försöka brukar lyckas".split()
)
PREPOSITIONS = frozenset(
    "i på av för till med om från mot vid under över genom efter inom utan hos åt bland "
    "kring enligt mellan inför trots".split()
)
NUMBER_WORDS = frozenset(
    "ett två tre fyra fem sex sju åtta nio tio elva tolv femton tjugo trettio fyrtio "
    "femtio hundra tusen varje per förra nästa innevarande kommande senaste tredje fjärde "
    "femte vart".split()
)
#: Words after which "ar" is the verb: "det är", "som är".
_SUBJECTS = frozenset(
    "det den de detta denna dessa som vilket vilka vad hur här där vi man".split()
)
_YEAR = re.compile(r"(?:19|20)\d\d")
#: Words after "den/det har" that do not make it "den/det här".
_NOT_NOUNS = frozenset(
    "även också redan inte aldrig sedan länge en ett den det de ofta alltid nu då därför "
    "dessutom fortfarande hittills tidigare under genom dessa detta denna mer fler så väl".split()
)
PRONOUNS = frozenset(
    ["jag", "du", "han", "hon", "vi", "ni", "de", "man", "den", "det", "någon", "alla", "dessa"]
)
ENGLISH = frozenset(
    "the of and to in on with by from at a an is are this that new our your their its or "
    "as be been it we you for over".split()
)
#: Words that open a noun phrase: an adjective after them is not an infinitive.
_DETERMINERS = frozenset(
    "de den det dess deras sin sitt sina vår våra vårt er era en ett dessa denna detta "
    "två tre fyra flera många några mycket så allt".split()
)
#: Words before the noun "val" (never before the adverb "väl").
_CHOICE_OWNERS = frozenset(
    "de dessa sina sitt sin era våra flera många några dess deras egna".split()
)
#: Degree words before the adverb "väl": "mycket väl", "lika väl".
_DEGREE = frozenset("mycket så lika relativt ganska alltför tämligen väldigt helt".split())
#: Words next to "tåg", not "tag".
_TRANSPORT = frozenset("buss bussar bil flyg järnväg spårvagn färja resa resor resenärer".split())
#: ... and the first parts of compounds about transport: "busstrafik", "flygplats".
_TRANSPORT_STEMS = (
    "buss",
    "flyg",
    "järnväg",
    "spårväg",
    "färj",
    "pendel",
    "kollektivtrafik",
    "transport",
)
#: Determiners before "år" (never before "är" followed by a finite verb): "Vissa år har".
_YEAR_DETERMINERS = frozenset("vissa detta varje samma nästa förra hela första sista".split())
#: Adjectives that need a noun after them: "Likt föregående år går det …".
_YEAR_ADJECTIVES = frozenset("föregående innevarande påföljande".split())
_FINITE = frozenset("har hade kan kunde ska skulle kommer blir blev var är fick får".split())
#: The finite verbs above with å/ä/ö folded, for a neighbour not yet repaired ("ar").
_FINITE_FOLDED = frozenset(fold(w) for w in _FINITE) | frozenset("gar gick finns fanns".split())
#: A definite noun in the genitive: "kollektivtrafikens", "länets", "kommunernas".
_DEFINITE_GENITIVE = re.compile(r"(?:ens|ets|nas)$")
#: Forms of "ta" before "sig an".
_TA = frozenset("ta tar tog tagit tagits tas".split())
#: Words that open an object: "stärkt sin kunskap".
_OBJECT_OPENERS = frozenset("sin sitt sina dess deras den det de vår våra vårt".split())
#: Pronouns that open a clause: "från var det finns".
_SUBJECT_PRONOUNS = frozenset("det den de man vi ni jag du han hon någon".split())
#: Adverbs between "har" and its supine: "har tillsammans med … genomfört".
_CLAUSE_ADVERBS = frozenset(
    "tillsammans också även redan inte aldrig länge hittills tidigare dessutom gemensamt "
    "fortsatt sedan nu".split()
)
#: Supine / participle endings: "har tagit", "har ökat", "har gjort".
_SUPINE = re.compile(r"(?:it|at|tt|ts|its|ats|tts|ått|ort|ört|tat|fått|haft|varit|blivit)$")
_DEFINITE = re.compile(r"(?:en|et|na|arna|erna|orna)$")


@dataclass(slots=True)
class _Spot:
    """What the rules see of one ambiguous token: its spellings and its neighbours."""

    skeleton: str
    words: set[str]
    left: Side
    right: Side
    prev: str
    nxt: str
    bonus: dict[str, float] = field(default_factory=dict)

    def give(self, word: str, amount: float) -> None:
        if word in self.words:
            self.bonus[word] = self.bonus.get(word, 0.0) + amount


def _rules(skeleton: str, options: list[Candidate], left: Side, right: Side) -> dict[str, float]:
    """Bonuses (log10) for spellings, from hand-written patterns."""
    spot = _Spot(
        skeleton,
        {c.word for c in options},
        left,
        right,
        left.first if not left.boundary else "",
        right.first if not right.boundary else "",
    )
    rule = _RULES.get(skeleton)
    if rule is not None:
        rule(spot)
    elif skeleton.endswith(_SATT_ENDINGS):
        _rule_supine(spot)
    elif skeleton.endswith("tts"):
        _rule_tts(spot)
    # infinitive after a modal or "att": stärka, förstå, svara, ingå, ändra …
    # (also after "och" and another infinitive: "att hitta och förstå.")
    if (
        (spot.prev in MODALS or spot.prev in ("och", "eller") and _infinitive(left.words[1:2]))
        and len(spot.words) > 1
        and not (skeleton == "inga" and _inga_determines(spot.nxt, right))
    ):
        # "det går att ändra": after an impersonal "går/möjligt att" surely a verb
        sure = spot.prev == "att" and left.words[1:2] and left.words[1] in _SURE_INFINITIVE
        for w in spot.words:
            if w in _INFINITIVES:
                spot.give(w, 3.0 if sure else 1.5)
    return spot.bonus


def _infinitive(words: tuple[str, ...]) -> bool:
    """The word is an infinitive in -a of a verb with a present in -ar ("hitta")."""
    if not words or len(words[0]) < 4 or not words[0].endswith("a"):
        return False
    w = words[0]
    if w in _DETERMINERS or w in _DEGREE or w in MODALS:
        return False
    from resultat.core.ocr.lexicon import get_lexicon

    lex = get_lexicon()
    return lex.is_word(w + "r", 600) and not lex.is_word(w[:-1] + "t", 600)


def _inga_determines(nxt: str, right: Side) -> bool:
    """The determiner "inga" before its noun ("behöver inga nya regler"), not the verb
    "ingå", which is followed by a preposition, a conjunction, a determiner or the end
    ("behöva ingå eller förändras", "att ingå i nätverk", "att ingå denna typ av")."""
    if right.boundary or not nxt or right.gap.strip():
        return False
    return nxt not in PREPOSITIONS and nxt not in _INGA_VERB_AFTER and nxt not in _DETERMINERS


_INGA_VERB_AFTER = frozenset("och eller samt som men denna detta dessa avtal".split())


def _rule_ar(s: _Spot) -> None:
    """är or år."""
    prev, nxt, left, right = s.prev, s.nxt, s.left, s.right
    if prev in ("ett", "en") and nxt in ("ett", "en") and not right.gap.strip():
        s.give("är", 4.0)  # "och ett är ett fysiskt möte": no article after the noun "år"
        return
    if prev in ("ett", "en") and left.words[1:2] == ("varav",):
        s.give("är", 4.0)  # "varav ett är Norrlands universitetssjukhus"
        return
    if (
        prev in _YEAR_DETERMINERS
        and left.words[1:2]
        and left.words[1] in PREPOSITIONS
        and left.words[1] not in ("för", "om")
    ):
        s.give("år", 3.0)  # "under detta år är …": a preposition wants a noun phrase
    if left.gap == "/" and not left.boundary:
        s.give("år", 4.0)  # "2-3 ggr/år", "kr/år": "per year"; a verb follows no slash
        return
    if (
        _NUM.fullmatch(prev)
        and left.raw[1:2]
        and len(left.raw[1]) >= 2
        and left.raw[1].isupper()
        and nxt == "att"
    ):
        s.give("är", 4.0)  # "projekt TRUE 2 är att öka": a number in a name counts no years
        return
    if nxt in _REDUPLICATORS and right.words[1:2] and fold(right.words[1]) == "ar":
        s.give("år", 4.0)  # "från år till år", "år efter år": the noun said twice
        return
    if prev in _REDUPLICATORS and fold(left.words[1] if left.words[1:2] else "") == "ar":
        s.give("år", 4.0)  # the second "år" of the pair
        return
    if prev in _SUBJECTS:
        s.give("är", 2.0)  # "det är", "som är"
    if (
        (_NUM.fullmatch(nxt) and len(nxt) == 4)  # "år 2030"
        or (_NUM.fullmatch(prev) and not _YEAR.fullmatch(prev))  # "3 år", not "2030 är"
        or prev in NUMBER_WORDS
    ):
        s.give("år", 1.0 if prev in _SUBJECTS else 3.0)
    elif (
        prev in ("i", "under", "per", "om")
        and (right.boundary or nxt in PREPOSITIONS)
        or prev in ("många", "flera", "några", "fler", "tio", "hundra")
        and (nxt not in _NOT_NOUNS or left.words[1:2] and left.words[1] in _SPAN_PREPOSITIONS)
    ):
        # "flera år", "under många år så är det" ("För många är dessa miljöer" keeps it)
        s.give("år", 2.0)
    elif (
        prev in ("senare", "senaste", "tidigare", "kommande")
        and left.words[1:2]
        and left.words[1] in ("under", "på", "i", "för", "sedan")
    ):
        s.give("år", 3.0)  # "under senare år", not "det senare är"
    elif (
        prev == "antal"
        and left.words[1:2] == ("ett",)
        and (_SUPINE.search(nxt) or nxt in ("sedan", "tillbaka") or right.boundary)
    ):
        s.give("år", 3.0)  # "under ett antal år handlat om", "för ett antal år sedan"
    elif prev == "par" and left.words[1:2] in (("ett",), ("några",)):
        s.give("år", 3.0)  # "sedan ett par år tillbaka": a count, like "två år"
    elif prev in _YEAR_DETERMINERS and fold(nxt) in _FINITE_FOLDED and not right.boundary:
        s.give(
            "år", 3.0
        )  # "Vissa år har …", "under detta år är …": "är" takes no finite verb after it
    elif prev in _YEAR_ADJECTIVES:
        s.give("år", 3.0)  # "föregående år": the adjective needs a noun
    elif prev == "i" and fold(nxt) in _FINITE_FOLDED and not right.boundary:
        s.give("år", 3.0)  # "I år var det …": "i är" is not Swedish


#: Prepositions of a span of time: "under många år", "i flera år".
_SPAN_PREPOSITIONS = frozenset("under i sedan efter inom".split())
#: Prepositions of a repeated noun: "år till år", "år efter år", "år för år".
_REDUPLICATORS = frozenset("till efter för".split())


def _rule_year_forms(s: _Spot) -> None:
    """året, årets, åren, årlig …: the forms of "år" beat their rivals."""
    honest = s.prev in _DEGREE or s.prev in ("mer", "mest", "ganska")  # "helt ärligt"
    for w in s.words:
        if w.startswith("å"):
            s.give(w, 1.0 if honest or not w.startswith("årlig") else 2.0)


def _rule_har(s: _Spot) -> None:
    """har or här."""
    prev, nxt, left, right = s.prev, s.nxt, s.left, s.right
    if left.boundary:
        if nxt in _CLAUSE_ADVERBS or nxt in ("även", "också", "inte"):
            # V2: after a fronted "Här" the verb comes next, so "Här även …" is not
            # Swedish; "Har även ämnesspecifika arbetsgrupper" (its subject left out) is
            s.give("har", 3.0)
        elif nxt in PRONOUNS and nxt not in ("den", "det", "de"):
            # "Har man som mål …": the verb comes second, "Här man" is not Swedish
            s.give("har", 3.0 if nxt in _SUBJECT_PRONOUNS else 1.0)
        elif not _SUPINE.search(nxt):
            s.give("här", 2.5)
    elif prev in ("det", "den", "de", "vi", "man") and nxt in _SHORT_SUPINES:
        s.give("har", 2.5)  # "Det har hänt mycket": "det här" takes a noun, not a supine
    elif (
        prev in ("den", "det", "de")  # "detta här" is not written: "Detta har sammantaget …"
        and nxt
        and nxt not in _NOT_NOUNS
        and not (_SUPINE.search(nxt))
        and (_DEFINITE.search(nxt) or nxt.endswith(("ar", "er")))
    ):
        s.give("här", 2.5)
    elif right.boundary and prev not in PRONOUNS and prev != "som":
        if "som" in left.clause[1:4]:
            s.give("har", 2.5)  # a relative clause's verb: "mandaten som respektive part har."
        else:
            s.give("här", 1.5)
    elif _present_passive(nxt, right.raw):
        s.give("här", 2.5)  # "har" takes no present passive: "och här läggs fokus på"
    elif _present_active(nxt) and right.words[1:2] and _subject_like(right.words[1]):
        s.give("här", 2.5)  # "och här arbetar besöksnäringens aktörer": V2 with its subject
    elif (
        _DEFINITE_SUBJECT.search(nxt)
        and len(nxt) >= 5
        and nxt not in _NOT_NOUNS
        and any(_supine_like(w) for w in right.clause[1:3])
    ):
        s.give("har", 2.5)  # "Under 2025 har strategin konkretiserats": its subject, its supine
    elif nxt in _CLAUSE_ADVERBS and any(_supine_like(w) for w in right.clause[1:]):
        s.give("har", 2.5)  # "län har tillsammans med … genomfört": "har" wants its supine
    elif tuple(right.clause[:2]) in _TWO_WORD_ADVERBS and any(
        _supine_like(w) for w in right.clause[2:4]
    ):
        s.give("har", 2.5)  # "Det har till exempel genomförts": an adverbial, then the supine
    elif nxt in ("samt", "och", "eller") and _present_active(prev):
        s.give("här", 2.5)  # "vilka lösningar som passar här samt": "har" takes an object
    elif _SUPINE.search(nxt):
        s.give("har", 1.0)


#: Adverbials of two words between "har" and its supine.
_TWO_WORD_ADVERBS = frozenset(
    [("till", "exempel"), ("bland", "annat"), ("i", "år"), ("på", "sikt"), ("i", "dag")]
)
#: Supines of strong and irregular verbs that the endings of _SUPINE miss.
_SHORT_SUPINES = frozenset(
    "hänt känt sänt nämnt glömt tänkt sökt köpt byggt lagt sagt följt ställt gällt valt".split()
)


#: A definite noun, also of a noun in -i ("strategin").
_DEFINITE_SUBJECT = re.compile(r"(?:en|et|na|[iy]n)$")


def _present_active(word: str) -> bool:
    """A present tense in -ar of a verb in -a ("arbetar"), not a plural noun with a
    verb of the same stem ("planer") nor a known plural noun in -ar ("satsningar")."""
    if len(word) < 5 or not word.endswith("ar") or word in _NOT_NOUNS:
        return False
    from resultat.core.ocr.lexicon import get_lexicon

    lex = get_lexicon()
    return lex.is_word(word[:-1], 600) and not word.endswith(("ingar", "ningar", "tioner"))


def _subject_like(word: str) -> bool:
    """A pronoun, a genitive or a definite noun: the subject after an inverted verb."""
    return (
        word in _SUBJECT_PRONOUNS
        or (len(word) >= 5 and _DEFINITE_GENITIVE.search(word) is not None)
        or (len(word) >= 6 and word.endswith(("arna", "erna", "orna", "heten", "ningen")))
    )


#: The seasons other than spring, which "vår" pairs with ("vår och höst").
_SEASONS = frozenset("höst hösten sommar sommaren vinter vintern".split())


def _season_pair(s: _Spot) -> bool:
    """ "var" between "och"/"eller" and a season: "vår och höst", "höst och vår"."""
    if s.nxt in ("och", "eller") and s.right.words[1:2] and s.right.words[1] in _SEASONS:
        return True
    return s.prev in ("och", "eller") and bool(s.left.words[1:2]) and s.left.words[1] in _SEASONS


def _rule_var(s: _Spot) -> None:
    """var/vår, vara/våra."""
    prev, nxt = s.prev, s.nxt
    if s.skeleton == "var" and _season_pair(s):
        s.give("vår", 3.0)  # the season beside another: "dialoger vår och höst"
    elif s.skeleton == "var" and nxt in ("och", "för", "sin", "sitt", "sina"):
        s.give("var", 2.5)  # "var och en", "var för sig"
    elif s.skeleton == "var" and nxt in _SUBJECT_PRONOUNS:
        s.give("var", 3.0)  # "utgått från var det finns": "vår" needs a noun
    elif prev in MODALS:
        s.give("vara" if s.skeleton == "vara" else "var", 2.0)
    elif s.left.words[:2] == ("till", "ta"):
        s.give("vara", 2.0)  # "ta till vara"
    elif prev in PREPOSITIONS:
        s.give("våra" if s.skeleton == "vara" else "vår", 2.0)
    elif (
        s.skeleton == "vara"
        and not s.right.boundary
        and _plural_noun(nxt)
        and not _after_modal(s.left.clause)
    ):
        s.give("våra", 2.5)  # "ge våra invånare", "och våra grannländer": no modal before


def _rule_bor(s: _Spot) -> None:
    """bor at the end of a clause or before a place, else bör."""
    mark = s.right.gap.strip()[:1]
    clause_end = s.right.boundary or (mark != "" and mark in ",;)")
    if s.nxt in PREPOSITIONS or s.nxt in ("kvar", "nära", "ute", "där", "här") or clause_end:
        s.give("bor", 2.0)
    else:
        s.give("bör", 0.5)


def _rule_english(s: _Spot) -> None:
    """for, an, over among English words; "knyter an"."""
    if (
        s.left.first in ENGLISH
        or s.right.first in ENGLISH
        or _english_names(s.left, s.right)
        or (s.skeleton == "for" and _english_title(s.left, s.right))
    ):
        # also "for" after a name and before a word only English has: "Medtech for health"
        s.give(s.skeleton, 4.0)
    elif s.skeleton == "an" and s.prev.startswith(("knyt", "knöt", "knut")):
        s.give("an", 3.0)  # "knyter an till"
    elif (
        s.skeleton == "for"
        and s.left.raw[:1]
        and s.right.raw[:1]
        and s.left.raw[0][:1].islower()
        and s.right.raw[0][:1].islower()
    ):
        # between two small Swedish words "for" is no English (the domain model
        # learnt "for smart" from "Strategy for Smart Specialisation")
        s.give("för", 3.0)
    elif s.skeleton == "an" and s.prev == "sig" and s.left.words[1:2] and s.left.words[1] in _TA:
        s.give("an", 3.0)  # the particle: "ta sig an alla utmaningar"


def _rule_ost(s: _Spot) -> None:
    if s.right.gap[:1] in "-–":
        s.give("öst", 3.0)  # "öst-/västliga"


def _rule_rad(s: _Spot) -> None:
    if s.prev in ("en", "lång", "långa", "hel", "första", "andra", "sista", "varje"):
        s.give("rad", 2.0)  # "en rad samarbeten"


def _rule_starkt(s: _Spot) -> None:
    if s.prev in ("har", "hade", "ha", "blivit", "också", "även") or s.nxt in _OBJECT_OPENERS:
        s.give("stärkt", 1.5)  # "har stärkt argumentationen", "har under året stärkt sin"
    elif (
        s.nxt == "och"
        and s.right.words[1:2]
        and _supine_of_verb(s.right.words[1])
        and not s.left.words[:1] == ("ett",)
    ):
        s.give("stärkt", 2.5)  # "har … samlat aktörer, stärkt och breddat": two supines
    elif (
        s.nxt == "och"
        and len(s.right.clause) >= 3
        and s.right.clause[1].endswith(("ad", "rd", "ld"))
        and _common_gender_noun(s.right.clause[2])
        and not s.left.words[:1] == ("ett",)
    ):
        # two participles of an en-noun: "bidra till stärkt och utvecklad samverkan"
        # (the neuter "starkt" cannot go with "samverkan")
        s.give("stärkt", 2.5)
    elif len(s.nxt) >= 6 and _DEFINITE_GENITIVE.search(s.nxt) and not s.right.gap.strip():
        # no adjective before a definite genitive: "har aktivt stärkt samhällets
        # stabilitet" (an adverb before the participle, "starkt" would need "ett")
        s.give("stärkt", 2.5)
    elif (
        s.prev == "en"
        and s.nxt.endswith(_RELATIONAL)
        and s.right.words[1:2]
        and _common_gender_noun(s.right.words[1])
    ):
        # "en stärkt medicinteknisk industri": the article is of common gender and a
        # relational adjective takes no degree adverb ("en starkt växande" keeps it)
        s.give("stärkt", 2.5)
    elif len(s.nxt) >= 7 and s.nxt.endswith(("arna", "erna", "orna", "ningen", "heten")):
        s.give(
            "stärkt", 2.5
        )  # "initiativ stärkt förutsättningarna": no adverb before a definite noun
    elif _common_gender_noun(s.nxt):
        # the neuter adjective "starkt" cannot go with an en-noun; the participle can:
        # "Stärkt livsmedelsnäring", "stärkt konkurrenskraft" ("starkt fokus" stays)
        s.give("stärkt", 2.0)


def _rule_skarpt(s: _Spot) -> None:
    """skärpt (of skärpa) or the neuter adjective skarpt, as stärkt/starkt: the
    adjective cannot go with an en-noun ("skärpt lagstiftning", "skarpt läge" stays)."""
    if s.prev in ("har", "hade", "ha", "blivit") or _common_gender_noun(s.nxt):
        s.give("skärpt", 2.0)


def _supine_of_verb(word: str) -> bool:
    """A supine in -at of a verb in -a ("breddat", "ökat"), which no adjective is."""
    if len(word) < 5 or not word.endswith("at") or word in _NOT_SUPINES:
        return False
    from resultat.core.ocr.lexicon import get_lexicon

    lex = get_lexicon()
    return lex.is_word(word[:-1], 650) and lex.is_word(word[:-1] + "r", 650)


#: Endings of relational adjectives, which no degree adverb ("starkt") modifies.
_RELATIONAL = ("isk", "nsk", "ell", "iell")


def _common_gender_noun(word: str) -> bool:
    """``word`` (or its last part, for a compound) is a noun whose definite form ends in
    -en, not -et, by the lexicon: "näring" (näringen), not "fokus" (fokuset)."""
    if len(word) < 4 or not word.isalpha() or word in PREPOSITIONS or word in _NOT_NOUNS:
        return False
    from resultat.core.ocr.lexicon import get_lexicon

    lex = get_lexicon()
    for k in range(0, len(word) - 3):
        head = word[k:]
        if not lex.is_word(head, 650):
            continue
        vowel = head.endswith(("e", "i", "o", "u", "y"))  # "industrin", "zonen"
        en, et = (head + "n", head + "t") if vowel else (head + "en", head + "et")
        if head.endswith("an") and len(head) >= 5 and head not in _NOT_NOUNS:
            # a noun in -an of a word in -a is of common gender: the verbal noun
            # "samverkan" (samverka), "ansökan", and definite forms ("frågan")
            return lex.is_word(head[:-1], 700)
        c_en, c_et = lex.cost(en), lex.cost(et)
        return c_en is not None and c_en <= 700 and (c_et is None or c_et > c_en + 100)
    return False


def _rule_stark(s: _Spot) -> None:
    if not s.left.boundary:
        s.give("stark", 2.0)  # the imperative "Stärk" only opens a sentence or heading


def _rule_starka(s: _Spot) -> None:
    prev, raw = s.prev, s.left.raw
    if prev not in MODALS and (
        prev in _DETERMINERS or (raw[:1] and raw[0][:1].isupper() and prev.endswith("s"))
    ):
        s.give("starka", 2.0)  # "de starka", "Västerbottens starka scenkonst"


def _rule_val(s: _Spot) -> None:
    """val (the noun) or väl (the adverb)."""
    prev, nxt = s.prev, s.nxt
    if prev in _CHOICE_OWNERS or (nxt == "av" and prev not in _DEGREE and not _SUPINE.search(prev)):
        s.give("val", 2.0)  # "genom val av teman", "sina val"
    elif _attributive(prev, s.left.words[1:2]):
        s.give("val", 2.0)  # an adjective before a noun: "egna val", "medvetna val"


def _rule_lan(s: _Spot) -> None:
    """lån or län, and the forms of län."""
    if s.right.boundary:
        return
    prev = s.prev
    if prev in ("få", "ta", "ge", "beviljas", "beviljat", "bevilja") and s.skeleton == "lan":
        s.give("lån", 2.0)  # "att få lån"
    elif (
        prev in _DETERMINERS
        or prev in ("nordliga", "norra", "södra", "övriga", "alla", "mellan", "inom", "utanför")
        or (prev == "i" and s.skeleton in ("lanen", "lanet"))
        or prev.endswith("aste")
        or NUMBER_WORDS.intersection(s.left.words[:2])
    ):
        for w in s.words:
            if w.startswith("lä"):
                s.give(w, 1.5)  # "de nordliga länen", "de fyra nordligaste länen"


def _rule_fortsatta(s: _Spot) -> None:
    prev, nxt, raw = s.prev, s.nxt, s.left.raw
    if prev not in MODALS and (
        prev in _DETERMINERS or (prev == "och" and nxt.endswith(("iska", "liga", "ade")))
    ):
        s.give("fortsatta", 2.0)  # "den fortsatta", "och fortsatta handelspolitiska"
    elif (
        raw[:1]
        and (raw[0][:1].isupper() and prev.endswith("s") or _DEFINITE_GENITIVE.search(prev))
        and not s.right.boundary
    ):
        # after a genitive: "Västerbottens fortsatta välfärd", "kollektivtrafikens fortsatta"
        s.give("fortsatta", 2.0)
    elif (
        prev in ("om", "av", "till", "på", "inom", "med")
        and len(nxt) >= 5
        and nxt not in _NOT_NOUNS
        and nxt not in PREPOSITIONS
        and not s.right.gap.strip()
    ):
        # a preposition takes no bare infinitive: "kunskap om fortsatta utvecklingsbehov"
        s.give("fortsatta", 2.0)


def _rule_raden(s: _Spot) -> None:
    plural = ("alla", "de", "dessa", "båda", "samtliga", "olika")
    if s.prev in plural or (
        s.prev.endswith("a") and s.left.words[1:2] and s.left.words[1] in plural
    ):
        s.give(
            "råden", 2.5
        )  # also "de strategiska råden"  # a plural determiner: "alla råden", not the singular "raden"


def _rule_saker(s: _Spot) -> None:
    if s.prev in ("en", "någon", "ingen", "varje"):
        s.give("säker", 2.5)  # a singular article: "en säker hemgång", never the plural "saker"


def _rule_tag(s: _Spot) -> None:
    near = s.left.words + s.right.words
    near = near + s.left.clause
    if (
        _TRANSPORT.intersection(near)
        or any(w.startswith(_TRANSPORT_STEMS) for w in near)
        or s.prev == "per"
    ):
        s.give("tåg", 3.0)  # "med tåg och buss", "både tåg och busstrafik"


def _rule_varden(s: _Spot) -> None:
    """vården, värden (values) or värden (the host)."""
    if s.left.boundary and s.nxt.endswith(("s", "r")):
        s.give("vården", 1.0)  # "Vården utmanas av …"
    elif _singular_determiner(s.left.words[:3]):
        s.give("vården", 2.0)  # "den nära vården": "värden" (values) would need "de"
    elif s.prev in ("inom", "i", "hos"):
        s.give("vården", 2.0)  # "inom vården": a bare plural "värden" rarely follows
    elif (
        s.prev in ("på", "till", "i", "av", "för")
        and s.left.words[1:2]
        and (s.left.words[1].startswith(_CARE_QUALITIES))
    ):
        s.give("vården", 2.0)  # "en god kvalitet på vården", "tillgången till vården"
    elif s.prev in ("nå", "når", "nått", "söka", "söker", "sökt") or (
        s.prev == "med" and s.left.words[1:2] and s.left.words[1].startswith("kontakt")
    ):
        s.give("vården", 2.0)  # "kan nå vården", "i kontakt med vården"


#: Nouns said of a service before "på/till/i vården": its quality, access, load, trust.
_CARE_QUALITIES = (
    "kvalitet",
    "tillgång",
    "tillgänglighet",
    "tryck",
    "förtroende",
    "belastning",
    "kostnad",
    "likvärdighet",
)


def _rule_beror(s: _Spot) -> None:
    """beror (på) or berör: "beror på" also with its subject inverted between, a
    definite noun after a fronted phrase ("För många … beror tillgängligheten till
    service på tillgången till bil"); "berör områdena överenskommelsen" has no "på"."""
    if s.nxt == "på":
        s.give("beror", 1.0)
    elif (
        len(s.nxt) >= 5
        and _DEFINITE.search(s.nxt)
        and s.nxt not in _NOT_NOUNS
        and "på" in s.right.clause[1:7]
        and 2 <= len(s.left.clause) < 8
        and s.left.clause[-1] in PREPOSITIONS
    ):
        # only after a fronted phrase (the sentence opens with a preposition): with its
        # subject before it the verb is "berör" ("Beslutet berör kommunerna på flera sätt")
        s.give("beror", 2.0)
    else:
        s.give("berör", 1.0)


def _rule_vard(s: _Spot) -> None:
    """värd (host) after "med X som", X a name, at a clause end or before "för"
    ("med Region Västerbotten som värd."); "vård" in "insatser som vård och omsorg"."""
    if s.nxt == "att" and s.prev in ("är", "var", "vara", "blir", "inte"):
        s.give("värd", 2.5)  # "yttrandefriheten är värd att slå vakt om"
        return
    if s.prev != "som" or not (s.right.boundary or s.nxt == "för"):
        return
    raw = s.left.raw[1:2]
    if raw and raw[0][:1].isupper() and "med" in s.left.clause[2:5]:
        s.give("värd", 2.5)


def _rule_vacker(s: _Spot) -> None:
    """väcker (a verb) or vacker: a present tense coordinated with one before "och"
    ("som utmanar och väcker tankar"); "stor och vacker" keeps the adjective."""
    if s.prev == "och" and s.left.words[1:2] and _present_active(s.left.words[1]):
        s.give("väcker", 2.5)


def _rule_anda(s: _Spot) -> None:
    """ända (all the way) before a direction or a time, anda (spirit) after
    "samma" or an adjective, else ändå."""
    if s.nxt in _DIRECTIONS:
        s.give("ända", 2.5)  # "ända till", "ända sedan", "ända fram"
    elif s.prev in ("samma", "god", "goda", "positiv", "positiva", "denna", "vars"):
        s.give("anda", 2.5)  # "i samma anda"


def _rule_man(s: _Spot) -> None:
    """män in the pair "kvinnor och män", "män och kvinnor"; else the pronoun man.
    The genitive "mäns" before "våld" ("mäns våld mot kvinnor") or beside "kvinnors"."""
    if (s.prev == "och" and s.left.words[1:2] == ("kvinnor",)) or (
        s.nxt == "och" and s.right.words[1:2] == ("kvinnor",)
    ):
        s.give("män", 3.0)
    elif s.skeleton == "man" and s.prev in ("än", "och") and "kvinnor" in s.left.clause:
        s.give("män", 3.0)  # "Fler kvinnor än män använder …"
    elif (
        s.skeleton == "man"
        and s.prev in PREPOSITIONS
        and s.prev not in ("för", "om", "efter", "i", "inför")
        and (s.right.boundary or s.nxt in ("och", "som", "eller"))
    ):
        s.give("män", 3.0)  # "drivs av män.": the pronoun "man" follows no preposition
    if s.skeleton == "man" and (
        s.prev == "viss"
        or (s.prev == "i" and s.nxt == "av")
        or (s.prev == "den" and s.left.words[1:2] == ("i",))
    ):
        s.give("mån", 3.0)  # "i viss mån", "i mån av", "i den mån"
    if s.skeleton == "mans" and (
        s.nxt == "våld"
        or s.prev == "än"
        or "kvinnors" in s.left.clause
        or "kvinnors" in s.right.words
    ):
        s.give("mäns", 3.0)


def _present_passive(word: str, raw: tuple[str, ...]) -> bool:
    """``word`` is a present passive ("läggs", "finns", "samlas"): an -s form whose
    stem is a present or a word, not a supine ("funnits") nor a genitive ("kommunens")."""
    if len(word) < 4 or not word.endswith("s") or _SUPINE.search(word):
        return False
    if _DEFINITE_GENITIVE.search(word) or not raw[:1] or not raw[0][:1].islower():
        return False
    from resultat.core.ocr.lexicon import get_lexicon

    lex = get_lexicon()
    stem = word[:-1]
    return any(lex.is_word(w, 600) for w in (stem + "er", stem + "r")) or (
        stem.endswith(("a", "ö", "e")) and lex.is_word(stem, 500)
    )


def _rule_supine(s: _Spot) -> None:
    """The supine or participle of "sätta" ("satt", "omsatts", "satta") against the
    noun "sätt", the present passive ("omsätts") and the infinitive ("sätta")."""
    sk, prev = s.skeleton, s.prev
    supine = next((w for w in s.words if "satt" in w), None)
    if supine is None:
        return
    if sk.endswith("satt") and prev in ("har", "hade", "ha", "hava"):
        s.give(supine, 2.5)  # "har satt som mål": the supine, not the noun "sätt"
    elif sk.endswith("satts") and _has_aux(s.left.clause):
        s.give(supine, 2.5)  # "har … initierats och driftsatts", "har … omsatts i"
    elif (
        sk.endswith("satta")
        and prev not in MODALS
        and (prev in _DETERMINERS or _DEFINITE_GENITIVE.search(prev))
    ):
        s.give(supine, 2.5)  # "de satta målen": no infinitive after a determiner


_NOT_SUPINES = frozenset(
    "att ett det mot samt allt inte mycket litet helt just sitt sätt tydligt särskilt".split()
)


def _supine_like(word: str) -> bool:
    """A supine ("genomfört", "ökat", "tagit"), loosely: by its ending, not a function word."""
    return len(word) >= 4 and word not in _NOT_SUPINES and bool(_SUPINE.search(word))


def _after_modal(clause: tuple[str, ...]) -> bool:
    """A modal verb or "att" governs "vara": among the three words before, with no
    other infinitive between ("ska också vara", "kan exempelvis vara"; not "ska
    klara ge våra")."""
    from resultat.core.ocr.lexicon import get_lexicon

    lex = get_lexicon()
    for w in clause[:3]:
        if w in MODALS:
            return True
        if w == "kunna":
            continue
        if w in _INFINITIVES or (w.endswith(("a", "e", "å")) and lex.is_word(w + "r", 600)):
            return False  # another infinitive takes the modal: "ska klara ge våra"
    return False


def _has_aux(clause: tuple[str, ...]) -> bool:
    """A form of "ha" in the clause before, with no subordinate clause opening between."""
    for w in clause:
        if w in ("har", "hade", "ha"):
            return True
        if w in ("att", "som", "där", "när", "vilket", "eftersom", "då", "men", "om"):
            return False
    return False


def _plural_noun(word: str) -> bool:
    """``word`` looks like a plural noun: -er/-ar/-or/-are, known, and not a preposition,
    an adverb or a present verb with a known infinitive in -a ("finner")."""
    if len(word) < 5 or not word.endswith(("er", "ar", "or", "are")):
        return False
    if word in PREPOSITIONS or word in _NOT_NOUNS or word in _CLAUSE_ADVERBS:
        return False
    from resultat.core.ocr.lexicon import get_lexicon

    lex = get_lexicon()
    if not lex.is_word(word, 650):
        return False
    if word.endswith(("er", "ar")) and lex.is_word(word[:-2] + "a", 600):
        return False  # a present tense: "ökar", "finner"
    if word.endswith("er") and lex.is_word(word[:-2] + "ra", 600):
        return False  # an adjective: "säker" (säkra)
    return True


def _rule_ater(s: _Spot) -> None:
    if fold(s.nxt) in _FINITE_FOLDED and not s.right.boundary:
        s.give("åter", 2.5)  # "Västerbotten åter är positivare": "äter" takes an object


def _rule_fort(s: _Spot) -> None:
    if s.prev in ("har", "hade", "ha") or s.nxt == "fram" or _has_aux(s.left.clause):
        s.give("fört", 2.5)  # the supine: "har fört med sig"


def _rule_grodor(s: _Spot) -> None:
    if (
        any(w.startswith("odl") for w in s.left.clause[:4])
        or s.nxt in ("och", "som")
        and any(w.startswith(("skörd", "jordbruk", "odl")) for w in s.right.clause[:4])
    ):
        s.give("grödor", 3.0)  # "att odla andra grödor": crops, not frogs


def _rule_nar(s: _Spot) -> None:
    """när or når: "når" with its particle "ut" and no verb between ("via
    frukostar når projektet även ut till andra"; "när vi går ut" has its verb)."""
    clause = s.right.clause
    if (
        s.right.boundary
        and s.prev in ("inte", "aldrig")
        and ({"där", "som"} & set(s.left.clause[1:4]))
    ):
        s.give("når", 3.0)  # a relative clause's verb: "där marknaden inte når."
        return
    for k, w in enumerate(clause[:4]):
        if w in ("ut", "upp", "fram") and (k >= 1 or s.prev == "som"):
            if clause[k + 1 : k + 2] and clause[k + 1] in ("till", "med", "i", "på", "bland"):
                if all(_NO_VERB.fullmatch(v) or v in _NOT_VERBS for v in clause[:k]):
                    s.give("når", 3.0)
            return
        if not (_NO_VERB.fullmatch(w) or w in _NOT_VERBS):
            return


#: Words that are no finite verb between "når" and "ut": a definite noun, a pronoun,
#: a clause adverb.
_NO_VERB = re.compile(r"[a-zåäö]{3,}(?:et|en|na)")
_NOT_VERBS = (
    _SUBJECT_PRONOUNS | _CLAUSE_ADVERBS | PREPOSITIONS | frozenset("även också därmed då".split())
)


def _rule_tts(s: _Spot) -> None:
    """A supine passive in -tts ("nåtts", "fåtts") against the genitive of a noun
    ("natts"): a genitive is followed by its noun, never by the agent's "av", and a
    supine follows "har"."""
    supine = [w for w in s.words if w.endswith("tts") and w != fold(w)]
    if len(supine) != 1:
        return
    if (s.nxt == "av" and not s.right.gap.strip()) or s.prev in ("har", "hade", "ha"):
        s.give(supine[0], 3.0)  # "länets alla kommuner nåtts av mer än fem"


def _rule_forsta(s: _Spot) -> None:
    if s.prev in _DETERMINERS or s.prev in ("för", "den", "det"):
        s.give("första", 2.5)  # "den första och andra", "för första gången": the ordinal
    elif s.nxt in _QUESTION_WORDS and not s.right.gap.strip():
        s.give("förstå", 2.5)  # "och förstå vad som påverkar": the ordinal takes a noun
    elif s.left.gap.strip() == "," and s.right.gap.strip() == "," and s.nxt.endswith("a"):
        s.give("förstå", 2.0)  # a list of infinitives: "att se, förstå, värdesätta"


#: Words opening an indirect question or an object clause.
_QUESTION_WORDS = frozenset("vad hur varför vilka vilken vilket".split())


def _rule_vart(s: _Spot) -> None:
    if s.nxt == "att" and s.left.boundary:
        s.give("värt", 2.5)  # "Värt att notera är …" opening a sentence


_RULES = {
    "ar": _rule_ar,
    **dict.fromkeys(
        ("aret", "arets", "aren", "arlig", "arliga", "arligen", "arligt"), _rule_year_forms
    ),
    "har": _rule_har,
    "vara": _rule_var,
    "var": _rule_var,
    "bor": _rule_bor,
    **dict.fromkeys(("for", "an", "over"), _rule_english),
    "ost": _rule_ost,
    "rad": _rule_rad,
    "starkt": _rule_starkt,
    "skarpt": _rule_skarpt,
    "stark": _rule_stark,
    "starka": _rule_starka,
    "val": _rule_val,
    **dict.fromkeys(("lan", "lanen", "lanens", "lanet", "lanets"), _rule_lan),
    "fortsatta": _rule_fortsatta,
    "tag": _rule_tag,
    "saker": _rule_saker,
    "raden": _rule_raden,
    "varden": _rule_varden,
    "beror": _rule_beror,
    "vard": _rule_vard,
    "vacker": _rule_vacker,
    "anda": _rule_anda,
    "man": _rule_man,
    "mans": _rule_man,
    "fort": _rule_fort,
    "ater": _rule_ater,
    "vart": _rule_vart,
    "grodor": _rule_grodor,
    "nar": _rule_nar,
    "forsta": _rule_forsta,
}

#: Words after "ända" (all the way): "ända till", "ända sedan", "ända fram".
_DIRECTIONS = frozenset("till tills fram sedan från in ut upp ner bort hit dit tillbaka".split())


def _singular_determiner(words: tuple[str, ...]) -> bool:
    """A singular determiner among the nearest words, and no plural one before it."""
    for w in words:
        if w in ("de", "dessa", "alla", "många", "olika", "flera"):
            return False
        if w in ("den", "denna", "själva"):
            return True
    return False


def _attributive(prev: str, before: tuple[str, ...]) -> bool:
    """``prev`` looks like an adjective in its -a form ("egna", "könsstereotypa"),
    not an infinitive: no "att" or modal before it, and no present tense in -ar."""
    if len(prev) < 4 or not prev.endswith("a") or prev in MODALS or prev in _INFINITIVES:
        return False
    if prev in _DEGREE or prev in _DETERMINERS or (before and before[0] in MODALS):
        return False
    from resultat.core.ocr.lexicon import get_lexicon

    return not get_lexicon().is_word(prev + "r", 700)


#: Words before "att" after which an infinitive follows, not a clause: "det går att ändra".
_SURE_INFINITIVE = frozenset("går gick gått möjligt omöjligt svårt lätt enkelt försöka".split())

#: Infinitives that compete with another spelling of the same skeleton.
_INFINITIVES = frozenset(
    "stärka förstå svara ingå ändra sätta ställa möta mäta läsa följa göra öka nå gå få "
    "stå lösa höja säga bära våga hålla välja påverka tänka känna lägga hämta söka främja "
    "räcka leda lära förändra förbättra ersätta hänga vända".split()
)


def _english_names(left: Side, right: Side) -> bool:
    """Between two capitalised words, one of them English: "Ecosystems for Social"."""
    if not left.raw or not right.raw or left.boundary or right.boundary:
        return False
    a, b = left.raw[0], right.raw[0]
    if not (a[:1].isupper() and b[:1].isupper()):
        return False
    return any(
        not raw.isupper() and _english_only(word)
        for raw, word in ((a, left.first), (b, right.first))
    )


def _english_title(left: Side, right: Side) -> bool:
    """A capitalised name that is no common Swedish word before, a small word that only
    English has after: "Medtech for health" (not "tillväxten för startups", "akronym
    för Giving")."""
    if left.boundary or right.boundary or right.gap.strip() or left.gap.strip():
        return False
    if not (left.raw[:1] and right.raw[:1]):
        return False
    if not (left.raw[0][:1].isupper() and right.raw[0][:1].islower()):
        return False
    from resultat.core.ocr.lexicon import get_lexicon

    cost = get_lexicon().cost(left.first)
    return (cost is None or cost > 550) and _english_only(right.first)


def _english_only(word: str) -> bool:
    """An English word that is not also a common Swedish one ("ecosystems", not "social")."""
    from resultat.core.ocr.lexicon import english_words, get_lexicon

    if word not in english_words():
        return False
    lex = get_lexicon()
    cost = lex.cost(word)
    return (cost is None or cost > 550) and lex.proper_name(word) is None


RULE_SKELETONS = frozenset(_RULES)
DETERMINERS = _DETERMINERS
#: Skeletons of "sätta" and its compounds ("omsatts", "driftsatts", "satta") go to _rule_supine.
_SATT_ENDINGS = ("satt", "satts", "satta")


# --- choosing -------------------------------------------------------------------

_model: ContextModel | None = None
_FOLDED: dict[str, str] = {}


def default_model() -> ContextModel:
    global _model
    if _model is None:
        _model = ContextModel.load()
    return _model


_RULE_WORDS: dict[str, bool] = {}
#: Skeletons whose rules read the words beyond the nearest two (Side.clause).
_CLAUSE_SKELETONS = frozenset("har var vara tag man mans grodor nar fort beror vard starkt".split())


_CLAUSE_WORDS = frozenset(["än", "sätt", "i de"])


def reads_clause(options) -> bool:
    """A rule for these candidates reads Side.clause (so a cached choice must match it)."""
    for c in options:
        sk = _FOLDED.get(c.word) or fold(c.word)
        if sk in _CLAUSE_SKELETONS or sk.endswith(_SATT_ENDINGS) or c.word in _CLAUSE_WORDS:
            return True
    return False


def has_rule(word: str) -> bool:
    """A hand-written rule looks at this word, whatever its score."""
    got = _RULE_WORDS.get(word)
    if got is None:
        sk = fold(word)
        got = _RULE_WORDS[word] = sk in RULE_SKELETONS or sk.endswith(_SATT_ENDINGS + ("tts",))
    return got


#: Words after "som städer" that are no object of the verb "stöder".
_NOT_OBJECTS = PREPOSITIONS | frozenset("och eller samt att som men än".split())

#: Comparatives before "än": "fler kvinnor än män", "mer än", "större än".
_COMPARATIVES = frozenset(
    "fler flera mer mera mindre färre större bättre sämre högre lägre längre kortare "
    "annat annan andra hellre snarare tidigare senare yngre äldre".split()
)


def _cross_rules(options, left: Side, right: Side) -> dict[int, float]:
    """Bonuses between readings of different skeletons: a misread letter ("dn" for
    "än" after a comparative) or a glued preposition ("ide" for "i de" before a
    plural noun)."""
    out: dict[int, float] = {}
    if any(c.word in ("in", "en") for c in options):
        return out  # a common word as read: "utveckling in om" (inom), not "än"
    prev = left.first if not left.boundary else ""
    nxt = right.first if not right.boundary else ""
    for k, c in enumerate(options):
        if c.word == "än" and (prev.endswith("are") or _COMPARATIVES.intersection(left.clause[:3])):
            out[k] = 3.0
        elif c.word == "sätt" and _manner_noun(prev, left, right):
            out[k] = 4.0
        elif c.word == "i de" and (
            _plural_noun(nxt)
            or (nxt.endswith("a") or nxt in NUMBER_WORDS)
            and any(_DEFINITE.search(w) and len(w) >= 5 for w in right.clause[1:4])
        ):
            # "i de kommunala och regionala uppdragen"
            out[k] = 2.0
        elif (
            c.word == "stöder"
            and prev == "som"
            and nxt
            and right.gap.strip() == ""
            and nxt not in _NOT_OBJECTS
            and right.raw[:1]
            and right.raw[0][:1].islower()
        ):
            # "(EIC) som stöder innovativa startups": a verb with its object; the noun
            # "städer" after "som" ends a comparison ("både glesbygd som städer att")
            out[k] = 2.5
    return out


#: Words before the noun "sätt" (never before the possessive "sitt"): "på samma sätt".
_MANNER_OWNERS = frozenset("ett samma annat detta vilket sådant nytt bra det".split())
#: Words after the noun "sätt" in "på ett nytt sätt att …", "på ett bra sätt för …".
_AFTER_MANNER = frozenset("att för och som på i med eller än".split())


def _manner_noun(prev: str, left: Side, right: Side) -> bool:
    """The noun "sätt" read as "sitt": after a determiner or a neuter adjective with
    "ett" before it ("på ett mer effektivt sätt."), at a clause's end or before a
    small word; the possessive "sitt" is followed by its noun and follows no adjective."""
    if not (right.boundary or right.gap.strip()[:1] in (",", ")") or right.first in _AFTER_MANNER):
        return False
    if prev in _MANNER_OWNERS:
        return True
    return prev.endswith("t") and "ett" in left.clause[1:3]


def choose(options, left: Side, right: Side, model: ContextModel | None = None) -> Candidate:
    """The candidate with the best score after context corrections."""
    options = list(options)
    if len(options) == 1:
        return options[0]
    model = default_model() if model is None else model
    groups: dict[str, list[int]] = {}
    for k, c in enumerate(options):
        sk = _FOLDED.get(c.word)
        if sk is None:
            sk = _FOLDED[c.word] = fold(c.word)
        groups.setdefault(sk, []).append(k)
    scores = [c.score for c in options]
    if len(groups) > 1:
        for k, bonus in _cross_rules(options, left, right).items():
            scores[k] += bonus
    for skeleton, idx in groups.items():
        if len(idx) < 2:
            continue
        group = [options[k] for k in idx]
        adj = model.adjust(group, left, right)
        rules = _rules(skeleton, group, left, right)
        for k, a in zip(idx, adj):
            scores[k] += a + rules.get(options[k].word, 0.0)
    best = max(range(len(options)), key=lambda k: scores[k])
    return options[best]
