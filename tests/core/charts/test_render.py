"""The one chart renderer: Swedish locale, no network, cached in memory and on disk."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from resultat.core.charts import render
from resultat.core.charts.specs import synthetic_spec

ROOT = Path(__file__).resolve().parents[3]


def _spec(n: float = 1234567.25) -> dict:
    return {"data": {"values": [{"v": n}]}, "mark": "text", "encoding": {"text": {"field": "v", "type": "quantitative", "format": ",.1f"}}}


@pytest.fixture
def disk(tmp_path):
    before = render.cache_dir()
    render.configure(tmp_path / "charts")
    render.clear_memory()
    yield tmp_path / "charts"
    render.configure(before)
    render.clear_memory()


def test_swedish_locale_always(disk):
    # d3-format with the locale of core/formats: narrow no-break space, decimal comma,
    # half away from zero, U+2212 minus
    assert ">1\u202f234\u202f567,3<" in render.svg(_spec())
    assert ">\u22121\u202f234\u202f567,3<" in render.svg(_spec(-1234567.25))


def test_memory_then_disk_then_fresh_process(disk):
    spec = synthetic_spec("Cache", [(2020, 1.5), (2021, 2.5)])
    first = render.svg(spec)
    assert render.stats == {"memory": 0, "disk": 0, "rendered": 1}
    assert render.svg(spec) == first and render.stats["memory"] == 1
    files = list(disk.rglob("*.svg"))
    assert len(files) == 1 and files[0].name == f"{render.cache_key(spec, 'svg')}.svg"
    render.clear_memory()
    assert render.svg(spec) == first
    assert render.stats == {"memory": 0, "disk": 1, "rendered": 0}
    # a new process with the same cache directory draws nothing
    code = (
        "import json,sys; from resultat.core.charts import render; "
        f"render.configure({str(disk)!r}); spec=json.loads(sys.stdin.read()); "
        "out=render.svg(spec); print(json.dumps([render.stats, len(out)]))"
    )
    done = subprocess.run([sys.executable, "-c", code], input=json.dumps(spec), capture_output=True, text=True, cwd=ROOT, check=True)
    stats, length = json.loads(done.stdout)
    assert stats == {"memory": 0, "disk": 1, "rendered": 0} and length == len(first)


def test_png_cached_by_scale(disk):
    spec = synthetic_spec("PNG", [(2020, 1.0), (2021, 2.0)])
    one, two = render.png(spec, scale=1.0), render.png(spec, scale=2.0)
    assert one.startswith(b"\x89PNG") and two.startswith(b"\x89PNG") and len(two) > len(one)
    assert render.cache_key(spec, "png@1") != render.cache_key(spec, "png@2") != render.cache_key(spec, "svg")
    assert len(list(disk.rglob("*.png"))) == 2


def test_a_damaged_cache_file_is_redrawn(disk):
    spec = synthetic_spec("Skadad", [(2020, 3.0), (2021, 4.0)])
    good = render.svg(spec)
    path = next(disk.rglob("*.svg"))
    path.write_bytes(b"")
    render.clear_memory()
    assert render.svg(spec) == good and render.stats["rendered"] == 1
    assert path.read_text(encoding="utf-8") == good


def test_key_changes_with_spec_and_renderer_version(monkeypatch):
    spec = _spec()
    key = render.cache_key(spec, "svg")
    assert render.cache_key(dict(reversed(list(spec.items()))), "svg") == key  # key order does not matter
    assert render.cache_key(_spec(1.0), "svg") != key
    monkeypatch.setattr(render, "RENDERER_VERSION", render.RENDERER_VERSION + "+1")
    assert render.cache_key(spec, "svg") != key


def test_memory_only_without_a_directory(tmp_path):
    before = render.cache_dir()
    render.configure(None)
    try:
        render.svg(synthetic_spec("Minne", [(2020, 5.0)]))
        assert render.cache_dir() is None
    finally:
        render.configure(before)


def test_no_network_and_clear_errors():
    spec = {"data": {"url": "https://example.org/data.csv"}, "mark": "point", "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    with pytest.raises(ValueError, match="Diagrammet kunde inte ritas"):
        render._draw_svg(spec)
    with pytest.raises(ValueError, match="JSON"):
        render.svg({"data": {"values": [{"v": float("nan")}]}, "mark": "point"})


def test_aria_hidden():
    out = render.svg(_spec(), aria_hidden=True)
    assert out.startswith('<svg aria-hidden="true" focusable="false" ')
    assert not render.svg(_spec()).startswith('<svg aria-hidden')
