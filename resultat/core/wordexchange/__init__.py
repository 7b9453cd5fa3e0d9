"""Word in, Word out: a unit's contributions of a cycle as a DOCX, and the edited DOCX back.

Plain Python (python-docx and lxml, no Django). ``build.build_docx`` writes the document:
per strategic area and question the guidance, last year's text, the current text and the
typed lists as tables with their allowed values explained. Invisible to the writer, the
document carries its manifest (cycle, unit, contributions with their revisions and a hash
of what the document said when it was made) in custom document properties
(docProps/custom.xml), signed with HMAC-SHA256, and a bookmark on every label that starts
a region (``rs_c_<id>`` a contribution, ``rs_b_<id>`` its text, ``rs_t_<id>_<kind>`` a
table, ``rs_a_<n>`` an area, ``rs_slut`` the end).

``parse.read_docx`` checks the package (size, zip bomb, XML without DTDs), verifies the
manifest's signature and reads every region back: the text as the restricted contribution
HTML (paragraphs, headings 3–4, bold, italic, lists, links; the rest dropped with a note),
the tables as typed items, and every problem with its place (area, question, table, row).
Whether a contribution changed is decided by comparing the hash of what is read back with
the hash recorded at export, so formatting the mapping cannot carry (and a word processor's
re-save) is never mistaken for an edit.

User-visible strings are Swedish and go through ``texts._`` (see ``texts.translation``).
"""

from resultat.core.wordexchange.model import (  # noqa: F401
    ContributionSection,
    ExportDocument,
    Manifest,
    ParsedContribution,
    Place,
    UploadedDocument,
    Vocabulary,
    WordExchangeError,
    body_hash,
    items_hash,
)
