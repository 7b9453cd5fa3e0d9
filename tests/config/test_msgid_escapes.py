"""A msgid written with a \\uXXXX escape never translates: xgettext copies the escape
as it is into the catalogue ("\\\\u201d"), while the running code asks for the character
itself, so the English page showed the Swedish text (the report editor's signature help).
Write such characters as they are inside _(), gettext(), N_() and the like."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CALLS = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy", "N_"}
ESCAPE = re.compile(r"\\[uUN]|\\x[0-9a-fA-F]{2}")


def test_no_msgid_is_written_with_an_escape():
    found = []
    for path in (ROOT / "resultat").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CALLS):
                continue
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    literal = ast.get_source_segment(source, arg) or ""
                    if ESCAPE.search(literal):
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
