"""The report's fixed vocabulary: the eight sub-headings, the inner headings, "Mål N".

Everything is compared on folded keys (:func:`resultat.core.reportparse.text.key`), so
the patterns are written without å/ä/ö. Area names are *not* here: they come from the
structure file given to the parser.
"""

from __future__ import annotations

import re

from resultat.core.reportparse.text import key, similar

#: The eight questions (sub-headings) in report order: code, heading as printed, other
#: printed forms. The codes are those of data/followup/questions-default.yaml.
QUESTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("omvarldsanalys", "Omvärldsanalys", ()),
    ("bidrag", "Region Västerbottens bidrag", ("Regionens bidrag",)),
    ("samverkan", "Samverkan", ()),
    ("sammanhallen-region", "Sammanhållen region", ()),
    ("jamlik-inkludering", "Jämlik och jämställd inkludering", ("Jämställd inkludering",)),
    ("foregangare-omstallning", "Föregångare i omställning", ("Föregångare i omställningen",)),
    ("agenda-2030", "Agenda 2030", ()),
    ("insatser", "Ett urval av insatser i länet", ("Insatser i länet", "Urval av insatser i länet")),
)
QUESTION_TITLES = {code: title for code, title, _ in QUESTIONS}
_BIDRAG = re.compile(r"^region \w+s bidrag$")

#: Inner headings that open a list of typed items: kind, printed forms (folded keys),
#: whether words may follow ("Ett urval av insatser inom digitalisering").
INNER: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("environment_factor", ("aktuella omvarldsfaktorer", "urval av aktuella omvarldsfaktorer"), True),
    ("activity", ("exempel pa aktiviteter",), True),
    ("arena", ("fasta samverkansytor",), True),
    ("sdg", ("aktuella agenda 2030 mal", "aktuella agenda 2030 mal inom omradet"), True),
    ("initiative", ("ett urval av insatser", "urval av insatser"), True),
)
#: Words that may follow an inner heading: "… inom energi", "… i länet", "… för X".
_LINKS = ("inom", "i", "for", "pa", "fr")
#: Which item kind each question's blocks hold when no inner heading says otherwise.
DEFAULT_KIND = {"insatser": "initiative"}

#: "Mål 9: Hållbar industri …", "Mal 8. …", "Mål 10 — …", "Mal 3 God hälsa …",
#: "Mål 8.9 …". The OCR reads å as a, d, é, & …
SDG_LINE = re.compile(
    r"^\s*M[a-zåäöé&@]{1,2}l\s*(\d{1,3})(?:\.(\d{1,2}|[a-cA-C])\b)?\s*[:.,;—–-]?\s*(.*?)\s*$"
)
#: "delmål 8.9", "delmal 12b", "delmål 11.A" in the justification text.
SDG_TARGET = re.compile(r"\bdelm[a-zåäöé&@]{1,2}l\s+(\d{1,2})\s*\.?\s*(\d{1,2}|[a-cA-C])\b", re.I)

#: "Omvärlden påverkar X", "Omvärldstrender påverkar X": the form of an area heading
#: under Omvärldsanalys.
OMV_FORM = re.compile(r"^omv\w{0,3}rld\w* p\w{1,3}verkar\b")


def question_of(line_key: str) -> str | None:
    """The question code whose sub-heading ``line_key`` is (fuzzy), or None."""
    if not line_key or len(line_key) > 60:
        return None
    if _BIDRAG.match(line_key):
        return "bidrag"
    best, code = 0.0, None
    for c, title, others in QUESTIONS:
        for form in (title, *others):
            s = similar(line_key, key(form))
            if s > best:
                best, code = s, c
    threshold = 0.87 if len(line_key) > 12 else 0.9
    return code if best >= threshold else None


def inner_kind(line_key: str, exact: bool = False) -> str | None:
    """The item kind an inner heading opens, or None. ``exact``: only the plain forms,
    not "… inom digitalisering"."""
    if not line_key or len(line_key) > 80:
        return None
    for kind, forms, suffix in INNER:
        for form in forms:
            if similar(line_key, form) >= 0.86:
                return kind
            if suffix and not exact and len(line_key) > len(form):
                head = line_key[: len(form) + 1].rstrip()
                rest = line_key[len(head):].strip()
                if similar(head, form) >= 0.86 and (not rest or rest.split()[0] in _LINKS):
                    return kind
    return None
