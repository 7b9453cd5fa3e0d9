"""The strategy file format: reading, checking and writing strategy YAML.

Plain Python: no Django import. The Django app ``resultat.strategy`` stores what
this module has checked.
"""

from resultat.core.strategy.document import (
    KnownReferences,
    Problem,
    StrategyDocument,
    StrategyFileError,
    dump_document,
    parse_document,
)

__all__ = [
    "KnownReferences",
    "Problem",
    "StrategyDocument",
    "StrategyFileError",
    "dump_document",
    "parse_document",
]
