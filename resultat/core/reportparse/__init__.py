"""Parsing the OCR text of a yearly "Resultat" report into structured data (plain Python).

``parse_report(text, year=2025, structure=yaml.safe_load(structure_file))`` segments the
report into chapters, the eight question sections, area blocks and typed items
(omvärldsfaktorer, aktiviteter, samverkansytor, Agenda 2030-mål, insatser), with repaired
Swedish text and the source line range of everything. See :mod:`.parser`.
"""

from resultat.core.reportparse.model import (
    ITEM_KINDS,
    Lines,
    ParsedBlock,
    ParsedChapter,
    ParsedContact,
    ParsedItem,
    ParsedReport,
    ParsedSection,
    ParseWarning,
    ReportParseError,
)
from resultat.core.reportparse.parser import parse_report

__all__ = [
    "ITEM_KINDS",
    "Lines",
    "ParseWarning",
    "ParsedBlock",
    "ParsedChapter",
    "ParsedContact",
    "ParsedItem",
    "ParsedReport",
    "ParsedSection",
    "ReportParseError",
    "parse_report",
]
