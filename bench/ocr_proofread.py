"""Proof-reading benchmark: wrong words per 1000 in the imported 2025 edition.

    .venv/bin/python bench/ocr_proofread.py                 # score tune and held-out parts
    .venv/bin/python bench/ocr_proofread.py --show tune     # print sample: OCR / repaired / key
    .venv/bin/python bench/ocr_proofread.py --errors tune   # only the items with wrong words
    .venv/bin/python bench/ocr_proofread.py --draw          # print a key skeleton (YAML) of the first sample
    .venv/bin/python bench/ocr_proofread.py --draw-fresh fresh   # ... of a fresh held-out sample

The 2025 edition is parsed in-process with ``parse_report`` (no database), as the import
does. Every text the parser repairs is recorded with the OCR paragraph it came from
(page breaks, hyphens and bullets already rebuilt by the layout step, before word repair).
Texts are split into *headings* (block headings, "### " sub-headings, item titles) and
*body* (paragraphs and list items of block and item texts).

The sample is drawn with ``random.Random(SEED)`` from the distinct OCR paragraphs in
document order: BODY_N body paragraphs and HEADING_N headings. The first half of each
(in drawing order) is the *tune* part, the second half the *held-out* part. The key
(tests/fixtures/ocr-proofread-key-2025.yaml) holds, for every sampled item, the OCR
paragraph (its identity) and the correct text, written by reading the OCR seed by hand.

Fresh held-out samples (FRESH: part name, seed, numbers of body paragraphs and headings,
key) are drawn from the items no earlier sample holds, each after a round of repair
changes, and keyed by reading the OCR seed by hand before their figures were looked at:
"fresh" (seed 20261207) after the changes made while reading the first held-out part's
errors, "fresh2" (seed 20261208) after the changes made while reading "fresh", "fresh3"
(seed 20261209, mostly headings) after the change made while reading "fresh2".

A word is wrong when the repaired text and the key differ in it: both are split at white
space (punctuation stays attached), aligned with difflib, and each replaced, missing or
extra word counts once (a replaced run counts its longer side). The figure is wrong words
per 1000 words of the key, for body and headings separately.
"""

from __future__ import annotations

import argparse
import difflib
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PARTS = (
    "tune",
    "heldout",
    "fresh",
    "fresh2",
    "fresh3",
    "fresh4",
    "fresh5",
    "fresh6",
    "fresh7",
    "fresh8",
    "fresh9",
    "fresh10",
    "fresh11",
    "fresh12",
    "fresh13",
    "fresh14",
    "fresh15",
    "fresh16",
    "fresh17",
    "fresh18",
    "fresh19",
    "fresh20",
)
SEED_FILE = "resultat-vasterbotten-2025.ocr.txt"
KEY = ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025.yaml"
STRUCTURE = ROOT / "data" / "followup" / "vasterbotten" / "structure-2025.yaml"
SEED = 20251207
BODY_N = 40
HEADING_N = 150
#: Fresh held-out samples, drawn one after the other: (part, seed, body, headings, key).
#: None holds an item of an earlier sample. "fresh" was drawn after the first round of
#: issue-19 changes, "fresh2" after the second round (made while reading "fresh"),
#: "fresh3" (mostly headings, the coarsest figure) after the third (made while reading "fresh2"),
#: "fresh4" (every heading no earlier sample holds: 130 were left) after the fourth (9744899),
#: "fresh5" (body only: no heading is left) after the fifth (5f86425, read off fresh4),
#: "fresh6" (body only) after the sixth (df6c249, read off fresh5), "fresh7" (body only)
#: after the seventh (f24f491, read off fresh6), "fresh8" (body only) after the eighth
#: (73f8ca7, read off fresh7), "fresh9" (body only) drawn at 4f1d86a before the ninth round,
#: "fresh10" (body only) after the ninth round (8a4a798, 2c0b293, read off fresh5..fresh9),
#: "fresh11" (body only) after the tenth round (85f8d23, read off fresh10 and earlier),
#: "fresh12" (body only) after the eleventh round (4e9b055, read off fresh11 and earlier),
#: "fresh13" (body only) after the twelfth round (d695eb6, read off fresh12),
#: "fresh14" (body only) after the thirteenth round (3da4eb1, read off fresh13),
#: "fresh15" (body only) after the fourteenth round (16cdc13, read off fresh14),
#: "fresh16" (body only) after the fifteenth round (2653a29, read off fresh15),
#: "fresh17" (body only) after the sixteenth round (0f7d6b4, read off fresh16),
#: "fresh18" (body only) after the seventeenth round (9ac07fe, read off fresh17),
#: "fresh19" (body only) after the eighteenth round (4f56dea, read off fresh18),
#: "fresh20" (body only) after the nineteenth round (2aa3e6b, read off fresh19).
FRESH = (
    ("fresh", 20261207, 30, 100, ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh.yaml"),
    (
        "fresh2",
        20261208,
        20,
        60,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh2.yaml",
    ),
    (
        "fresh3",
        20261209,
        15,
        120,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh3.yaml",
    ),
    (
        "fresh4",
        20261210,
        30,
        130,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh4.yaml",
    ),
    (
        "fresh5",
        20261211,
        40,
        0,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh5.yaml",
    ),
    (
        "fresh6",
        20261212,
        40,
        0,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh6.yaml",
    ),
    (
        "fresh7",
        20261213,
        40,
        0,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh7.yaml",
    ),
    (
        "fresh8",
        20261214,
        40,
        0,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh8.yaml",
    ),
    (
        "fresh9",
        20261215,
        40,
        0,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh9.yaml",
    ),
    (
        "fresh10",
        20261216,
        40,
        0,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh10.yaml",
    ),
    (
        "fresh11",
        20261217,
        40,
        0,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh11.yaml",
    ),
    (
        "fresh12",
        20261218,
        40,
        0,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh12.yaml",
    ),
    (
        "fresh13",
        20261219,
        40,
        0,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh13.yaml",
    ),
    (
        "fresh14",
        20261220,
        40,
        0,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh14.yaml",
    ),
    (
        "fresh15",
        20261221,
        40,
        0,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh15.yaml",
    ),
    (
        "fresh16",
        20261222,
        40,
        0,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh16.yaml",
    ),
    (
        "fresh17",
        20261223,
        40,
        0,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh17.yaml",
    ),
    (
        "fresh18",
        20261224,
        40,
        0,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh18.yaml",
    ),
    (
        "fresh19",
        20261225,
        40,
        0,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh19.yaml",
    ),
    (
        "fresh20",
        20261226,
        40,
        0,
        ROOT / "tests" / "fixtures" / "ocr-proofread-key-2025-fresh20.yaml",
    ),
)


def default_report() -> Path:
    env = os.environ.get("RESULTAT_SHARED_DIR")
    candidates = [Path(env)] if env else []
    candidates += [ROOT / "shared", ROOT.parent / "shared"]
    for shared in candidates:
        if (shared / "seeds" / SEED_FILE).is_file():
            return shared / "seeds" / SEED_FILE
    return ROOT / "data" / "reports" / "vasterbotten" / SEED_FILE


def imported_texts(path: Path | None = None) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Parse the edition; return ({ocr paragraph: repaired}, [(kind, ocr paragraph)]).

    The list is in document order, without repeats; kind is "body" or "heading".
    """
    import yaml

    from resultat.core.reportparse import parse_report
    from resultat.core.reportparse import parser as parser_mod

    path = path or default_report()
    text = path.read_text(encoding="utf-8")
    structure = yaml.safe_load(STRUCTURE.read_text(encoding="utf-8"))
    pairs: dict[str, str] = {}
    back: dict[str, str] = {}
    original = parser_mod._Texts.repair

    def recording(self):
        fixed = original(self)
        for raw, out in zip(self.paras, fixed):
            pairs.setdefault(raw, out)
            back.setdefault(out.strip(), raw)
        return fixed

    parser_mod._Texts.repair = recording
    try:
        report = parse_report(text, year=2025, structure=structure, source=path.name)
    finally:
        parser_mod._Texts.repair = original

    order: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(kind: str, fixed: str) -> None:
        raw = back.get(fixed.strip())
        if raw is None or raw in seen or not raw.strip():
            return
        seen.add(raw)
        order.append((kind, raw))

    def body_text(body: str) -> None:
        for para in body.split("\n\n"):
            for line in para.split("\n"):
                if line.startswith("### "):
                    add("heading", line[4:])
                elif line.startswith("- "):
                    add("body", line[2:])
                elif line.strip():
                    add("body", line)

    for ch in report.chapters:
        for sec in ch.sections:
            for block in sec.blocks:
                if block.heading:
                    add("heading", block.heading)
                body_text(block.text)
                for item in block.items:
                    if item.title:
                        add("heading", item.title)
                    body_text(item.text)
    return pairs, order


def draw(order: list[tuple[str, str]]) -> list[dict]:
    """The sample: a list of {"id", "part", "kind", "ocr"} in drawing order."""
    return _sample(
        random.Random(SEED),
        order,
        BODY_N,
        HEADING_N,
        part=lambda i, n: "tune" if i < n // 2 else "heldout",
    )


def draw_fresh(order: list[tuple[str, str]], part: str) -> list[dict]:
    """A fresh held-out sample: items of the samples drawn before it are not drawn again."""
    taken = {it["ocr"] for it in draw(order)}
    for name, seed, body_n, heading_n, _key in FRESH:
        out = _sample(
            random.Random(seed),
            order,
            body_n,
            heading_n,
            part=lambda i, n, name=name: name,
            ident=f"{name[0]}{name[5:]}",
            taken=taken,
        )
        if name == part:
            return out
        taken.update(it["ocr"] for it in out)
    raise ValueError(part)


def _sample(
    rng: random.Random,
    order: list[tuple[str, str]],
    body_n: int,
    heading_n: int,
    *,
    part,
    ident: str = "",
    taken: set[str] | frozenset[str] = frozenset(),
) -> list[dict]:
    """``body_n`` body paragraphs, then ``heading_n`` headings, drawn with ``rng`` from the
    items ``taken`` does not hold; ``part(i, drawn)`` names the part of the i-th of a kind,
    the id is ``ident`` + "b"/"h" + its number."""
    out = []
    for kind, n, prefix in (("body", body_n, "b"), ("heading", heading_n, "h")):
        pool = [raw for raw in _pool(order, kind) if raw not in taken]
        picked = rng.sample(pool, min(n, len(pool)))
        for i, raw in enumerate(picked):
            out.append(
                {
                    "id": f"{ident}{prefix}{i + 1:03d}",
                    "part": part(i, len(picked)),
                    "kind": kind,
                    "ocr": raw,
                }
            )
    return out


def _pool(order: list[tuple[str, str]], kind: str) -> list[str]:
    return [
        raw for k, raw in order if k == kind and len(raw.split()) >= (8 if kind == "body" else 1)
    ]


def wrong_words(got: str, want: str) -> int:
    a, b = got.split(), want.split()
    wrong = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "equal":
            wrong += max(i2 - i1, j2 - j1)
    return wrong


def load_key(path: Path = KEY) -> list[dict]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data["items"]
    for n, it in enumerate(items):
        for field in ("id", "part", "kind", "ocr", "text"):
            if field not in it:
                raise ValueError(f"{path}: item {n + 1}: '{field}' saknas")
    return items


def score(pairs: dict[str, str], key: list[dict]) -> dict:
    """{(part, kind): {"words", "wrong", "per_1000", "missing", "errors": [(item, got)]}}."""
    out: dict = {}
    for it in key:
        slot = out.setdefault(
            (it["part"], it["kind"]), {"words": 0, "wrong": 0, "missing": [], "errors": []}
        )
        got = pairs.get(it["ocr"])
        if got is None:
            slot["missing"].append(it["id"])
            continue
        got = got.strip()
        slot["words"] += len(it["text"].split())
        w = wrong_words(got, it["text"])
        slot["wrong"] += w
        if w:
            slot["errors"].append((it, got, w))
    for slot in out.values():
        slot["per_1000"] = 1000 * slot["wrong"] / slot["words"] if slot["words"] else 0.0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", nargs="?", type=Path, default=None)
    ap.add_argument("--show", choices=PARTS)
    ap.add_argument("--errors", choices=PARTS)
    ap.add_argument("--draw", action="store_true")
    ap.add_argument("--draw-fresh", choices=[f[0] for f in FRESH])
    args = ap.parse_args()

    pairs, order = imported_texts(args.report)
    if args.draw or args.draw_fresh:
        import yaml

        if args.draw_fresh:
            seed = next(f[1] for f in FRESH if f[0] == args.draw_fresh)
            items = draw_fresh(order, args.draw_fresh)
        else:
            seed, items = SEED, draw(order)
        items = [dict(it, text=pairs[it["ocr"]].strip()) for it in items]
        print(
            yaml.safe_dump(
                {"seed": seed, "items": items}, allow_unicode=True, sort_keys=False, width=10_000
            )
        )
        return
    key = load_key()
    for *_, path in FRESH:
        if path.is_file():
            key += load_key(path)
    if args.show:
        for it in key:
            if it["part"] == args.show:
                print(
                    f"[{it['id']} {it['kind']}]\n  ocr: {it['ocr']}\n  got: {pairs.get(it['ocr'], '?').strip()}\n  key: {it['text']}\n"
                )
        return
    result = score(pairs, key)
    if args.errors:
        for kind in ("body", "heading"):
            for it, got, w in result.get((args.errors, kind), {}).get("errors", []):
                print(
                    f"[{it['id']} {kind}, {w} wrong]\n  ocr: {it['ocr']}\n  got: {got}\n  key: {it['text']}\n"
                )
    print(
        f"sample seed {SEED}: {BODY_N} body paragraphs, {HEADING_N} headings; key {KEY.relative_to(ROOT)}"
    )
    for name, seed, body_n, heading_n, path in FRESH:
        if path.is_file():
            print(
                f"{name} sample seed {seed}: {body_n} body paragraphs, {heading_n} headings; key {path.relative_to(ROOT)}"
            )
    print(f"{'part':8} {'kind':8} {'words':>6} {'wrong':>6} {'per 1000':>9} missing")
    for part in PARTS:
        for kind in ("body", "heading"):
            s = result.get((part, kind))
            if s:
                print(
                    f"{part:8} {kind:8} {s['words']:>6} {s['wrong']:>6} {s['per_1000']:>9.1f} {len(s['missing'])}"
                )


if __name__ == "__main__":
    main()
