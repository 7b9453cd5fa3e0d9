"""Hostile strategy files: every one is the loader's own error with file and line,
quickly (issue 15). A 499-byte "billion laughs" used to run 48 s to MemoryError;
deep nesting and recursive aliases gave a RecursionError traceback."""

import time
from pathlib import Path

import pytest

from resultat.core.strategy import StrategyFileError, parse_document
from resultat.core.strategy.document import read_document

LAUGHS = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
)

HOSTILE = {
    "billion-laughs": (LAUGHS, 2),
    "recursive-alias": ("a: &a [*a]\n", 1),
    "merge-key": ("base: &b {x: 1}\nversion:\n  <<: *b\n", 3),
    "deep-flow-nesting": ("a: " + "[" * 5000 + "]" * 5000 + "\n", 1),
    "deep-block-nesting": "".join(f"{'  ' * i}k{i}:\n" for i in range(200)) + "  " * 200 + "x: 1\n",
    "complex-key": ("? [a, b]\n: c\n", 1),
    "bad-date": ("version:\n  adopted_on: 2025-02-30\n", 2),
    "unknown-tag": ("version: !!python/object:os.system {}\n", 1),
    "tab-indent": ("a:\n\t- b\n", 2),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_is_the_loaders_own_error_with_file_and_line(name):
    text, line = HOSTILE[name] if isinstance(HOSTILE[name], tuple) else (HOSTILE[name], None)
    started = time.process_time()
    with pytest.raises(StrategyFileError) as info:
        parse_document(text, file="ond.yaml")
    assert time.process_time() - started < 2
    problem = info.value.problems[0]
    assert problem.file == "ond.yaml" and problem.line is not None
    if line is not None:
        assert problem.line == line, problem
    assert str(problem).startswith(f"ond.yaml:{problem.line}:")


def test_the_billion_laughs_file_is_small():
    assert len(LAUGHS.encode()) < 600


def test_read_document_names_the_file(tmp_path: Path):
    path = tmp_path / "ond.yaml"
    path.write_text(LAUGHS, encoding="utf-8")
    with pytest.raises(StrategyFileError) as info:
        read_document(path)
    assert str(info.value).startswith(f"{path}:2:") and "alias" in str(info.value)


def test_the_shipped_strategies_still_load():
    root = Path(__file__).resolve().parents[2] / "data" / "strategies"
    paths = sorted(root.rglob("*.yaml"))
    assert paths
    for path in paths:
        try:
            read_document(path)
        except StrategyFileError as exc:  # unknown references are fine here (no database)
            assert all("alias" not in p.message and "nästling" not in p.message and "YAML" not in p.message for p in exc.problems), exc
