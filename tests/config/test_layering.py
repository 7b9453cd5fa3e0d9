"""The architecture as a test: which part of ``resultat`` may import which.

Every ``import`` and ``from … import`` statement of every module under ``resultat/``
is read with ``ast`` – at module level and inside functions alike (a function-level
import is a dependency all the same, only a hidden one). The rules, from
docs/architecture.md:

1. ``resultat/core`` imports no Django and no app: it is plain Python.
2. The infrastructure (``infrastructure``, ``security``) and the mechanism apps
   (``search``, ``opendata``) import no content app; they serve what the content apps
   register with them (``resultat/infrastructure/hooks.py``).
3. No app imports an app of a higher layer (``LAYERS`` below, lowest first).
4. No two apps import each other.
5. ``resultat/example`` (the composition root) is imported by nobody.

Each failure names the file and line of the import that breaks the rule.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "resultat"

# Lowest first. An app may import apps of its own layer's predecessors only; apps in one
# layer never import each other. "config" (settings, URLs) and "cli" are the top.
LAYERS: list[tuple[str, ...]] = [
    ("core",),
    ("infrastructure",),
    ("security",),
    ("accounts",),
    ("search", "opendata"),  # mechanisms
    ("reference",),  # content from here on
    ("strategy",),
    ("followup",),
    ("initiatives",),
    ("public",),
    ("indicators",),
    ("learning",),
    ("reports",),
    ("imports",),
    ("example",),  # the composition root
    ("config", "cli"),
]
INFRASTRUCTURE = {"infrastructure", "security"}
MECHANISMS = {"search", "opendata"}
CONTENT = {"reference", "strategy", "followup", "initiatives", "public", "indicators", "learning", "reports", "imports"}
COMPOSITION_ROOT = "example"

LAYER_OF = {app: i for i, layer in enumerate(LAYERS) for app in layer}


def _part(path: Path, root: Path = ROOT) -> str:
    rel = path.relative_to(root)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(tree: ast.AST):
    """(module, line) of every absolute import, at any depth."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "resultat":
                for alias in node.names:
                    yield f"resultat.{alias.name}", node.lineno
            else:
                yield node.module, node.lineno


def import_graph(root: Path = ROOT) -> dict[tuple[str, str], list[str]]:
    """(importing part, imported part) -> ["file:line", …] for imports between parts."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(root.rglob("*.py")):
        part = _part(path, root)
        for module, line in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            pieces = module.split(".")
            if pieces[0] == "django":
                edges[(part, "django")].append(f"{path.relative_to(root.parent)}:{line}")
            elif pieces[0] == "resultat" and len(pieces) > 1 and pieces[1] != part:
                edges[(part, pieces[1])].append(f"{path.relative_to(root.parent)}:{line}")
    return dict(edges)


def violations(edges: dict[tuple[str, str], list[str]]) -> list[str]:
    found = []
    for (a, b), where in sorted(edges.items()):
        if a == "core" and b != "core":
            found.append(f"core imports {b} (rule 1): {', '.join(where)}")
            continue
        if b == "django":
            continue
        if (a in INFRASTRUCTURE or a in MECHANISMS) and b in CONTENT:
            found.append(f"{a} ({'infrastructure' if a in INFRASTRUCTURE else 'mechanism'}) imports the content app {b} (rule 2): {', '.join(where)}")
        if a in LAYER_OF and b in LAYER_OF and LAYER_OF[b] >= LAYER_OF[a]:
            relation = "an app of its own layer" if LAYER_OF[b] == LAYER_OF[a] else "a higher layer"
            found.append(f"{a} imports {b}, {relation} (rule 3): {', '.join(where)}")
        if a < b and (b, a) in edges:
            found.append(f"{a} and {b} import each other (rule 4): {', '.join(where)} / {', '.join(edges[(b, a)])}")
        if b == COMPOSITION_ROOT:
            found.append(f"{a} imports the composition root {b} (rule 5): {', '.join(where)}")
    return found


def test_every_part_of_resultat_has_a_layer():
    parts = {_part(p) for p in ROOT.rglob("*.py")} - {"__init__"}
    assert parts - set(LAYER_OF) == set(), "a new app or module needs its place in LAYERS (and docs/architecture.md)"


def test_the_import_graph_keeps_the_layers():
    found = violations(import_graph())
    assert not found, "\n".join(found)


def _write(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "resultat"
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"core/x.py": "import django.db\n"}, "core imports django (rule 1): resultat/core/x.py:1"),
        ({"core/x.py": "def f():\n    from resultat.strategy import models\n"}, "core imports strategy (rule 1): resultat/core/x.py:2"),
        ({"search/kinds.py": "def f():\n    from resultat.followup.models import C\n"}, "search (mechanism) imports the content app followup (rule 2)"),
        ({"infrastructure/x.py": "from resultat import public\n"}, "infrastructure (infrastructure) imports the content app public (rule 2)"),
        ({"strategy/x.py": "from resultat.followup import models\n"}, "strategy imports followup, a higher layer (rule 3)"),
        ({"search/x.py": "import resultat.opendata.registry\n"}, "search imports opendata, an app of its own layer (rule 3)"),
        (
            {"followup/x.py": "from resultat.public.caching import p\n", "public/y.py": "from resultat.followup import visibility\n"},
            "followup and public import each other (rule 4): resultat/followup/x.py:1 / resultat/public/y.py:1",
        ),
        ({"imports/x.py": "from resultat.example import services\n"}, "imports imports the composition root example (rule 5)"),
    ],
)
def test_each_rule_catches_its_violation(tmp_path, files, expected):
    found = violations(import_graph(_write(tmp_path, files)))
    assert any(v.startswith(expected) for v in found), found


def test_allowed_imports_pass(tmp_path):
    root = _write(tmp_path, {
        "core/x.py": "import json\nfrom resultat.core import richtext\n",
        "followup/x.py": "from resultat.strategy.models import Priority\nfrom resultat.search.registry import Doc\n",
        "example/x.py": "from resultat.followup import services\n",
        "search/x.py": "from resultat.infrastructure import hooks\nfrom django.db import models\n",
    })
    assert violations(import_graph(root)) == []


# --- owners register, mechanisms serve (resultat/infrastructure/hooks.py) -----------------------


def _owner(func) -> str:
    return func.__module__.split(".")[1]


def test_every_search_kind_and_dataset_comes_from_the_app_that_owns_it():
    from resultat.opendata.registry import entries
    from resultat.search.registry import KINDS

    kinds = {kind.name: _owner(kind.documents) for kind in KINDS}
    assert kinds == {
        "strategy": "strategy", "contribution": "followup", "arena": "followup", "area": "followup",
        "initiative": "initiatives", "municipality": "reference", "indicator": "indicators",
    }
    datasets = {entry.name: _owner(entry.queryset) for entry in entries()}
    assert set(datasets.values()) <= CONTENT and len(datasets) == 14
    assert datasets["geography"] == "reference" and datasets["contributions"] == "followup" and datasets["indicators"] == "indicators"


def test_every_hook_with_entries_is_served():
    from django.core import checks

    from resultat.infrastructure.hooks import unserved

    assert unserved() == []
    assert not [m for m in checks.run_checks() if m.id == "resultat.E001"]


def test_a_hook_refuses_a_second_entry_under_a_taken_key_and_reports_an_unserved_name():
    from resultat.infrastructure import hooks
    from resultat.infrastructure.apps import check_hooks

    hook = hooks.hook("test.layering.kinds")
    try:
        first, second = object(), object()
        hook.register(first, key="a")
        hook.register(first, key="a")  # again (ready() may run twice): harmless
        with pytest.raises(hooks.HookError, match="'a' is already registered"):
            hook.register(second, key="a")
        assert list(hook) == [first]
        assert [e.id for e in check_hooks()] == ["resultat.E001"]  # nobody serves "test.layering.kinds"
        hooks.serve("test.layering.kinds")
        assert check_hooks() == []
        with pytest.raises(KeyError, match="has no entry 'b'"):
            hook["b"]
    finally:
        hooks._HOOKS.pop("test.layering.kinds", None)
