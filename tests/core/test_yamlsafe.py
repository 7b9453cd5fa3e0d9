"""The one YAML reader for data files: aliases and deep nesting refused with the line."""

import time

import pytest

from resultat.core.yamlsafe import YamlError, safe_load

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)


def test_plain_data():
    assert safe_load("a: 1\nb: [x, 'ja']\nc: 2025-01-02\n")["b"] == ["x", "ja"]


def test_billion_laughs_is_refused_at_once():
    started = time.process_time()
    with pytest.raises(YamlError, match="alias") as info:
        safe_load(LAUGHS)
    assert info.value.line == 2 and time.process_time() - started < 1


def test_deep_nesting_and_syntax_errors_name_the_line():
    with pytest.raises(YamlError, match="nästling"):
        safe_load("[" * 100 + "]" * 100)
    with pytest.raises(YamlError):  # libyaml's own limit comes first here; still our error
        safe_load("[" * 50000 + "]" * 50000)
    with pytest.raises(YamlError, match="syntaxfel") as info:
        safe_load("a: 1\nb: [\n")
    assert info.value.line == 3


def test_reference_and_setup_files_use_it(tmp_path):
    from resultat.followup.loaders import SetupFileError, _read
    from resultat.reference.services import ReferenceDataError
    from resultat.reference.services import _read as read_reference

    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("format: x\n" + LAUGHS)
    with pytest.raises(SetupFileError, match=r"bomb.yaml:3: YAML-alias"):
        _read(bomb, "x")
    with pytest.raises(ReferenceDataError, match=r"bomb.yaml:3: YAML-alias"):
        read_reference(bomb)
