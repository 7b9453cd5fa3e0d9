"""``python -m resultat.core.ocr [FILE]``: repair Swedish OCR text.

Reads FILE (or standard input when FILE is missing or "-") and writes the
repaired text to standard output. Lines are kept as they are unless
``--layout`` is given, which first rebuilds paragraphs (hyphenated line ends,
page and column breaks, bullets, pasted URLs); then line numbers no longer
match the input.

``--train-context FILE…`` instead prints a context model trained on clean
Swedish text (see resultat.core.ocr.context), to be saved as
resultat/core/ocr/data/context.tsv.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m resultat.core.ocr",
        description="Reparerar svensk OCR-text (å/ä/ö, felläsningar, radbrytningar).",
    )
    parser.add_argument("file", nargs="?", default="-", help="textfil (utelämnad eller - = stdin)")
    parser.add_argument(
        "--layout",
        action="store_true",
        help="bygg först om stycken (avstavning, sidbrytningar, punktlistor); radnumren ändras",
    )
    parser.add_argument(
        "--train-context",
        nargs="+",
        metavar="FILE",
        help="skriv en kontextmodell tränad på ren svensk text i stället för att reparera",
    )
    args = parser.parse_args(argv)
    _utf8_stdout()

    if args.train_context:
        from resultat.core.ocr.context import ContextModel
        from resultat.core.ocr.lexicon import get_lexicon

        texts = [Path(p).read_text(encoding="utf-8") for p in args.train_context]
        model = ContextModel.train(texts, get_lexicon())
        model.sources.extend(Path(p).name for p in args.train_context)
        sys.stdout.write(model.dump())
        return 0

    try:
        if args.file == "-":
            text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
        else:
            text = Path(args.file).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        print(f"Kan inte läsa {args.file}: {exc.strerror}", file=sys.stderr)
        return 2

    from resultat.core.ocr import clean_layout, repair_text
    from resultat.core.ocr.lexicon import LexiconUnavailable

    try:
        if args.layout:
            text = clean_layout(text)
        sys.stdout.write(repair_text(text))
    except LexiconUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return 3
    return 0


def _utf8_stdout() -> None:
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
