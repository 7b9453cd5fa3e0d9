import sys
import time

from django.core.management.base import BaseCommand, CommandError

from resultat.core.search import QuerySyntaxError
from resultat.search import indexing, selectors
from resultat.search.registry import KINDS


class Command(BaseCommand):
    help = "Sökindex: reindex (bygg om hela indexet), query (sök från kommandoraden)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        r = sub.add_parser("reindex", help="Bygg om hela sökindexet (alla dokumenttyper) i en transaktion.")
        r.add_argument("--pending", action="store_true",
                       help="Indexera bara om det som en misslyckad omindexering efter en sparning markerade (se loggen).")
        q = sub.add_parser("query", help="Sök (som en analytiker: även opublicerat).")
        q.add_argument("text")
        q.add_argument("--limit", type=int, default=10)

    def handle(self, *args, action, **o):
        getattr(self, f"do_{action}")(**o)

    def do_reindex(self, pending=False, **o):
        if pending:
            done = indexing.index_pending()
            self.stdout.write(f"Sökindexet: {done} markerade objekt är omindexerade.")
            return
        show = sys.stderr.isatty() and o.get("verbosity", 1) != 0

        def progress(kind, done, total):
            if show and total:
                width = 30
                filled = int(width * min(done, total) / total)
                sys.stderr.write(f"\r{kind:<14} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
                if done >= total:
                    sys.stderr.write("\n")

        started = time.perf_counter()
        counts = indexing.rebuild(progress)
        seconds = time.perf_counter() - started
        self.stdout.write(f"Sökindexet är ombyggt ({seconds:.1f} s):")
        self.stdout.write(f"  {'typ':<14}{'dokument':>10}")
        for name in KINDS.keys():
            self.stdout.write(f"  {name:<14}{counts.get(name, 0):>10}")
        self.stdout.write(f"  {'totalt':<14}{sum(counts.values()):>10}")

    def do_query(self, text, limit, **o):
        from resultat.search.backends import backend

        try:
            from resultat.core.search import parse

            parse(text)
        except QuerySyntaxError as exc:
            raise CommandError(str(exc)) from exc
        started = time.perf_counter()
        res = selectors.search(text, None, None, limit=limit)
        ms = (time.perf_counter() - started) * 1000
        self.stdout.write(f"{res.total} träffar ({backend().name}, {ms:.0f} ms; bara publicerat)")
        for hit in res.hits:
            self.stdout.write(f"- {hit.document.title} [{hit.document.kind}] {hit.url}")
