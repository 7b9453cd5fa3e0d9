"""Tag suggestions: a multinomial naive Bayes classifier over Snowball-stemmed Swedish
words, explainable word by word. Plain Python, nothing leaves the machine.

Training: (text, labels) pairs – a text with several labels counts once per label.
Prediction: the posterior over labels; each suggestion lists the words of the text
that pulled most towards it: log P(word | label) − log P(word) over the training texts,
times how often the word occurs (the word's share of the log-odds).

Only words seen in training count; stop words, numbers and words under three letters
are left out. Laplace smoothing (``alpha``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from resultat.core.search.text import index_terms


def features(text: str) -> Counter:
    return Counter(t for t in index_terms(text) if len(t) >= 3 and t.isalpha())


@dataclass
class Suggestion:
    label: Hashable
    probability: float
    words: list[tuple[str, float]]  # (stem, weight), strongest first


class NaiveBayes:
    def __init__(self, alpha: float = 0.5):
        self.alpha = alpha
        self.word_counts: dict[Hashable, Counter] = {}
        self.totals: dict[Hashable, int] = {}
        self.docs: Counter = Counter()
        self.vocabulary: set[str] = set()
        self.overall: Counter = Counter()

    def fit(self, examples: Iterable[tuple[str, Iterable[Hashable]]]) -> NaiveBayes:
        for text, labels in examples:
            feats = features(text)
            if not feats:
                continue
            for label in set(labels):
                self.word_counts.setdefault(label, Counter()).update(feats)
                self.docs[label] += 1
            self.overall.update(feats)
        for label, counts in self.word_counts.items():
            self.totals[label] = sum(counts.values())
        self.vocabulary = set(self.overall)
        return self

    @property
    def labels(self) -> list[Hashable]:
        return list(self.word_counts)

    def _log_p(self, word: str, label) -> float:
        v = len(self.vocabulary)
        return math.log((self.word_counts[label][word] + self.alpha) / (self.totals[label] + self.alpha * v))

    def suggest(self, text: str, k: int = 3, words: int = 5) -> list[Suggestion]:
        if not self.word_counts:
            return []
        feats = {w: n for w, n in features(text).items() if w in self.vocabulary}
        if not feats:
            return []
        n_docs = sum(self.docs.values())
        scores = {}
        for label in self.word_counts:
            prior = math.log(self.docs[label] / n_docs)
            scores[label] = prior + sum(n * self._log_p(w, label) for w, n in feats.items())
        top = max(scores.values())
        norm = sum(math.exp(s - top) for s in scores.values())
        ranked = sorted(scores, key=lambda lab: (-scores[lab], str(lab)))[:k]
        overall_total = sum(self.overall.values())
        v = len(self.vocabulary)
        out = []
        for label in ranked:
            weights = []
            for w, n in feats.items():
                p_all = (self.overall[w] + self.alpha) / (overall_total + self.alpha * v)
                weight = n * (self._log_p(w, label) - math.log(p_all))
                if weight > 0:
                    weights.append((w, round(weight, 2)))
            weights.sort(key=lambda x: (-x[1], x[0]))
            out.append(Suggestion(label, math.exp(scores[label] - top) / norm, weights[:words]))
        return out


def top_k_accuracy(model: NaiveBayes, examples: list[tuple[str, Iterable[Hashable]]], k: int = 3) -> float:
    """Share of ``examples`` with at least one true label among the top ``k``."""
    if not examples:
        return 0.0
    hits = 0
    for text, labels in examples:
        suggested = {s.label for s in model.suggest(text, k=k)}
        hits += bool(suggested & set(labels))
    return hits / len(examples)
