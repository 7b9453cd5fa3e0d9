"""``resultat export opendata --out DIR``: every open-data file for static hosting.

Layout (the same paths as the live site, so a static host can serve them):

    DIR/oppna-data/<dataset>.csv, <dataset>.json, datapackage.json, katalog.jsonld
    DIR/api/openapi.json
    DIR/api/<resource>/index.json              every record (one page, no limit)
    DIR/api/<resource>/<id>/index.json         each record, where the API has one
    DIR/indikatorer/opensdg/indicator_<id>.csv Open SDG tidy CSV (hook opendata.extra_files, from the indicators app)
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from resultat.opendata import build, registry

Progress = Callable[[str, int, int], None]


@dataclass
class ExportResult:
    files: list[tuple[str, int]] = field(default_factory=list)  # (relative path, bytes)

    def add(self, rel: str, size: int) -> None:
        self.files.append((rel, size))




def _write(out: Path, rel: str, body: bytes, result: ExportResult) -> None:
    path = out / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    # write atomically so a web server never serves half a file
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as f:
        f.write(body)
    os.replace(tmp, path)
    result.add(rel, len(body))


def export(out: Path, base_url: str, progress: Progress | None = None) -> ExportResult:
    out = Path(out)
    result = ExportResult()
    entries = registry.entries()
    total = len(entries) + 1
    step = 0

    def tick(stage: str) -> None:
        if progress:
            progress(stage, step, total)

    for entry in entries:
        tick(entry.name)
        if entry.download:
            _write(out, f"oppna-data/{entry.name}.csv", build.dataset_csv(entry), result)
            _write(out, f"oppna-data/{entry.name}.json", build.dataset_json(entry), result)
        if entry.api:
            objects = list(entry.queryset({}))
            rows = [entry.serialize(o) for o in objects]
            page = {"count": len(rows), "limit": len(rows), "offset": 0, "next": None, "previous": None, "results": rows}
            _write(out, f"api/{entry.name}/index.json", build.to_json(page), result)
            if entry.lookup is not None:
                for obj, row in zip(objects, rows):
                    data = dict(row)
                    if entry.detail:
                        data |= entry.detail(obj)
                    _write(out, f"api/{entry.name}/{row['id']}/index.json", build.to_json(data), result)
        step += 1
    tick("metadata")
    _write(out, "oppna-data/datapackage.json", build.to_json(build.datapackage_doc(base_url)), result)
    _write(out, "oppna-data/katalog.jsonld", build.to_json(build.catalogue_doc(base_url)), result)
    _write(out, "api/openapi.json", build.to_json(build.openapi_doc()), result)
    for writer in registry.EXTRA_FILES:  # registered by the owners (e.g. the Open SDG files)
        for rel, body in writer():
            _write(out, rel, body, result)
    step += 1
    tick("klart")
    return result
