"""No function in resultat/ is longer than 80 lines without a reason written beside it
(issue 16): a long function is split into named steps, or the line above its ``def``
(or above its first decorator) says why it stays long, as ``# long: <reason>``.

Lengths are counted as ``ast`` does: from the ``def`` line to the last line of the body,
comments and docstring included. Migrations are generated and not counted.

``PENDING`` lists the long functions in files other engineers were changing while the
rest was split; each carries its reason here instead of in a file this change could not
touch. An entry that is no longer long (or gone) fails, so the list stays true.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "resultat"
LIMIT = 80
MARKER = re.compile(r"^\s*#\s*long:\s*(\S.{8,})$")  # a reason of at least ten characters

PENDING = {
}


def long_functions(source: str, limit: int = LIMIT) -> list[tuple[str, int, int, str | None]]:
    """``(name, line, length, reason)`` for every function longer than ``limit`` lines;
    ``reason`` is the ``# long:`` text above it (or a ``long:`` line in its docstring), else None."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        length = node.end_lineno - node.lineno + 1
        if length <= limit:
            continue
        first = min([node.lineno] + [d.lineno for d in node.decorator_list])
        above = lines[first - 2] if first >= 2 else ""
        match = MARKER.match(above)
        reason = match[1].strip() if match else None
        if reason is None:
            doc = ast.get_docstring(node) or ""
            reason = next((m[1].strip() for m in map(re.compile(r"^\s*long:\s*(\S.{8,})$", re.I).match, doc.splitlines()) if m), None)
        found.append((node.name, node.lineno, length, reason))
    return found


def _scan() -> dict[str, tuple[int, int, str | None]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        rel = path.relative_to(ROOT).as_posix()
        for name, line, length, reason in long_functions(path.read_text(encoding="utf-8")):
            out[f"{rel}::{name}"] = (line, length, reason)
    return out


def test_no_function_over_80_lines_without_a_written_reason():
    unexplained = [
        f"{key} (line {line}): {length} lines"
        for key, (line, length, reason) in _scan().items()
        if reason is None and key not in PENDING
    ]
    assert not unexplained, (
        f"functions over {LIMIT} lines: split them into named steps or write '# long: <reason>' "
        "on the line above the def:\n" + "\n".join(unexplained)
    )


def test_the_pending_list_names_only_functions_that_are_still_long():
    found = _scan()
    stale = [key for key in PENDING if key not in found]
    assert not stale, "no longer over the limit (or gone): remove from PENDING:\n" + "\n".join(stale)


def test_the_check_sees_a_long_function_and_reads_its_reason():
    body = "\n".join(f"    x{i} = {i}" for i in range(LIMIT))
    plain = f"def long_one():\n{body}\n\n\ndef short_one():\n    return 1\n"
    assert long_functions(plain) == [("long_one", 1, LIMIT + 1, None)]
    marked = f"# long: one table of cases, clearer in one place\n@staticmethod\ndef long_one():\n{body}\n"
    assert long_functions(marked) == [("long_one", 3, LIMIT + 1, "one table of cases, clearer in one place")]
    in_doc = f'def long_one():\n    """Do it.\n\n    Long: one table of cases, clearer in one place\n    """\n{body}\n'
    assert long_functions(in_doc)[0][3] == "one table of cases, clearer in one place"
    too_short_a_reason = f"# long: why\ndef long_one():\n{body}\n"
    assert long_functions(too_short_a_reason)[0][3] is None
    exactly = "def f():\n" + "\n".join(f"    x{i} = {i}" for i in range(LIMIT - 1)) + "\n"
    assert long_functions(exactly) == []
