"""The one Vega-Lite renderer: SVG and PNG with vl-convert (bundled Vega-Lite 6.4), with the
Swedish number and time locale of :mod:`resultat.core.formats` unless the spec's own
``config.locale`` says otherwise (an English page's charts carry English month names; the
numbers stay Swedish), never with network access (``allowed_base_urls=[]``: data is always
inline).

Every page, the report (HTML, PDF, DOCX), the learning pages and the funding charts render
through :func:`svg` / :func:`png`. Results are cached

* in memory (per process, least recently used, :data:`MEMORY_ITEMS` entries), and
* on disk, when a directory is configured with :func:`configure` (the Django side passes
  ``settings.RESULTAT_CHART_CACHE_DIR``, by default ``var/cache/charts``), so a fresh
  process (``resultat report build``, a new gunicorn worker) reuses what an earlier one
  drew instead of starting the JavaScript engine again.

The cache key is the SHA-256 of the spec (canonical JSON), :data:`RENDERER_VERSION`
(vl-convert, Vega-Lite and the locale) and the output format, so a changed spec, a new
vl-convert or a changed locale never reads a stale picture. A cache file is written to a
temporary name and renamed, so a reader never sees half a file; a damaged or unreadable
file is ignored and redrawn.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import vl_convert

from resultat.core.formats import NUMBER_LOCALE, TIME_LOCALE

VL_VERSION = "6.4"
_LOCALE_JSON = json.dumps([NUMBER_LOCALE, TIME_LOCALE], sort_keys=True, ensure_ascii=False)
RENDERER_VERSION = (
    f"vl-convert {getattr(vl_convert, '__version__', '?')}; vega-lite {VL_VERSION}; "
    f"locale {hashlib.sha256(_LOCALE_JSON.encode()).hexdigest()[:12]}; 1"
)
MEMORY_ITEMS = 512

_lock = threading.Lock()
_memory: OrderedDict[str, str | bytes] = OrderedDict()
_cache_dir: Path | None = None
stats = {"memory": 0, "disk": 0, "rendered": 0}
"""Counters since the process started (or :func:`clear_memory`): where each chart came from."""


def configure(cache_dir: str | os.PathLike | None) -> None:
    """Use ``cache_dir`` for the disk cache (created when first written); ``None`` turns
    the disk cache off (memory only)."""
    global _cache_dir
    _cache_dir = Path(cache_dir) if cache_dir else None


def cache_dir() -> Path | None:
    return _cache_dir


def clear_memory() -> None:
    """Forget the in-memory cache and the counters (the disk cache stays)."""
    with _lock:
        _memory.clear()
        for k in stats:
            stats[k] = 0


def _spec_json(spec: dict[str, Any]) -> str:
    try:
        return json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"Diagrammets specifikation går inte att skriva som JSON: {exc}") from exc


def cache_key(spec: dict[str, Any], fmt: str) -> str:
    """The hash of spec, renderer version and format that names a rendered chart."""
    return hashlib.sha256(f"{RENDERER_VERSION}\n{fmt}\n{_spec_json(spec)}".encode()).hexdigest()


def _disk_path(key: str, fmt: str) -> Path | None:
    if _cache_dir is None:
        return None
    return _cache_dir / key[:2] / f"{key}.{fmt.split('@')[0]}"


def _remember(key: str, value: str | bytes) -> None:
    with _lock:
        _memory[key] = value
        _memory.move_to_end(key)
        while len(_memory) > MEMORY_ITEMS:
            _memory.popitem(last=False)


def _read_disk(path: Path, binary: bool) -> str | bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data:
        return None
    if binary:
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _write_disk(path: Path, value: str | bytes) -> None:
    data = value if isinstance(value, bytes) else value.encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        # A full or read-only disk only costs speed: the chart is still returned.
        return


def _cached(spec: dict[str, Any], fmt: str, draw) -> str | bytes:
    key = cache_key(spec, fmt)
    with _lock:
        hit = _memory.get(key)
        if hit is not None:
            _memory.move_to_end(key)
            stats["memory"] += 1
            return hit
    path = _disk_path(key, fmt)
    binary = not fmt.startswith("svg")
    if path is not None:
        value = _read_disk(path, binary)
        if value is not None:
            stats["disk"] += 1
            _remember(key, value)
            return value
    value = draw()
    stats["rendered"] += 1
    _remember(key, value)
    if path is not None:
        _write_disk(path, value)
    return value


def _draw_svg(spec: dict[str, Any]) -> str:
    try:
        text = vl_convert.vegalite_to_svg(
            spec, vl_version=VL_VERSION, allowed_base_urls=[],
            format_locale=NUMBER_LOCALE, time_format_locale=TIME_LOCALE,
        )
    except Exception as exc:  # vl-convert raises plain ValueError/RuntimeError
        raise ValueError(f"Diagrammet kunde inte ritas: {exc}") from exc
    return re.sub(r"^<\?xml[^>]*>\s*", "", text)


def svg(spec: dict[str, Any], *, aria_hidden: bool = False) -> str:
    """The chart as SVG text (no XML declaration), for inlining in HTML or Typst.

    ``aria_hidden`` marks the picture ``aria-hidden="true"`` for pages where a text and a
    table beside it carry the content for assistive technology."""
    out = _cached(spec, "svg", lambda: _draw_svg(spec))
    if aria_hidden:
        out = out.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    return out


def png(spec: dict[str, Any], scale: float = 2.0) -> bytes:
    """The chart as PNG (for DOCX), ``scale`` times its size in pixels."""
    def draw() -> bytes:
        try:
            return vl_convert.vegalite_to_png(
                spec, vl_version=VL_VERSION, scale=scale, allowed_base_urls=[],
                format_locale=NUMBER_LOCALE, time_format_locale=TIME_LOCALE,
            )
        except Exception as exc:
            raise ValueError(f"Diagrammet kunde inte ritas: {exc}") from exc

    return _cached(spec, f"png@{scale:g}", draw)


to_svg = svg
to_png = png


def validate(spec: dict[str, Any]) -> dict[str, Any]:
    """Compile to Vega; raises ``ValueError`` with vl-convert's message if the spec is invalid."""
    try:
        return json.loads(json.dumps(vl_convert.vegalite_to_vega(spec, vl_version=VL_VERSION)))
    except Exception as exc:  # vl-convert raises plain ValueError/RuntimeError
        raise ValueError(f"Ogiltig Vega-Lite-specifikation: {exc}") from exc
