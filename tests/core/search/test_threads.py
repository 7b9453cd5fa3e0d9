"""Stemming from many threads at once gives the same stems as from one (gunicorn
runs threads; a shared Snowball stemmer raised IndexError under load)."""

import threading

from resultat.core.search import text

WORDS = ["kompetensförsörjning", "hållbar", "tillväxt", "klimatet", "innovationer", "samverkan",
         "digitaliseringen", "regionens", "kommunerna", "utbildningarna", "företagen", "näringslivet"]


def test_stemming_is_thread_safe():
    expected = {w: text.prefix_stem(w) for w in WORDS}
    failures: list[str] = []
    barrier = threading.Barrier(8)

    def work(seed: int):
        barrier.wait()
        for i in range(3000):
            word = WORDS[(i * 7 + seed) % len(WORDS)] + ("s" * (i % 3))
            try:
                got = text.prefix_stem(word)
            except Exception as error:  # the shared stemmer raised IndexError here
                failures.append(f"{word}: {error!r}")
                continue
            if not (i % 3) and got != expected[WORDS[(i * 7 + seed) % len(WORDS)]]:
                failures.append(f"{word}: {got}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures[:5]
