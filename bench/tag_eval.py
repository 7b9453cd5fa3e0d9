"""Evaluation of the tag suggestions: top-3 accuracy on held-out 2025 items.

Usage: .venv/bin/python bench/tag_eval.py [--holdout 0.3] [--seeds 1 2 3 4 5]

Builds a throwaway SQLite database with the 2025 edition (and the strategy). For each
seed, the Agenda 2030 contributions of 2025 are split by contribution (``--holdout``
of them held out, so no text of a held-out contribution is trained on); the model is
trained on the rest plus the strategy's goal links; every SDG citation of a held-out
contribution (its motivation text, true label = its goal) is a test case. Reports
top-1 and top-3 accuracy against a baseline that always suggests the three goals
cited most often in the training part. The same for sub-priorities: held-out
contributions (all questions) labelled with their area's sub-priorities.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--holdout", type=float, default=0.3)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="resultat-bench-")
    os.environ.update({"RESULTAT_DEV": "1", "RESULTAT_VAR_DIR": tmp, "DJANGO_SETTINGS_MODULE": "resultat.config.settings",
                       "DATABASE_URL": f"sqlite:///{tmp}/tags.sqlite3"})
    import django

    django.setup()
    from django.core.management import call_command

    from resultat.core.richtext import to_plain_text
    from resultat.core.search.tags import NaiveBayes, top_k_accuracy
    from resultat.followup.models import Contribution, ContributionItem
    from resultat.learning import tags
    from tests.search.conftest import load_edition

    call_command("migrate", verbosity=0)
    load_edition(demo_cycle=False)  # the 2026 demo cycle copies 2025 texts: it would leak held-out texts
    sdg_contributions = sorted(set(ContributionItem.objects.filter(kind="sdg", contribution__cycle__year=2025).exclude(sdg_goal=None).values_list("contribution_id", flat=True)))
    all_contributions = sorted(Contribution.objects.filter(cycle__year=2025).exclude(body="").values_list("pk", flat=True))
    rows = {"sdg": [], "sub": []}
    for seed in args.seeds:
        rng = random.Random(seed)
        held = set(rng.sample(sdg_contributions, round(len(sdg_contributions) * args.holdout)))
        train = tags.sdg_examples(exclude_contributions=held)
        test = [(i.text, [i.sdg_goal.number]) for i in ContributionItem.objects.filter(kind="sdg", contribution_id__in=held).exclude(sdg_goal=None).select_related("sdg_goal") if i.text.strip()]
        model = NaiveBayes().fit(train)
        frequent = [g for g, _ in Counter(lab for _t, labs in train for lab in labs).most_common(3)]
        baseline = sum(bool(set(labs) & set(frequent)) for _t, labs in test) / len(test)
        rows["sdg"].append((seed, len(train), len(test), top_k_accuracy(model, test, 1), top_k_accuracy(model, test, 3), baseline))

        held_sub = set(rng.sample(all_contributions, round(len(all_contributions) * args.holdout)))
        train = tags.subpriority_examples(exclude_contributions=held_sub)
        test = []
        for c in Contribution.objects.filter(pk__in=held_sub).prefetch_related("area__subpriorities"):
            codes = [sp.code for sp in c.area.subpriorities.all()]
            if codes and to_plain_text(c.body).strip():
                test.append((to_plain_text(c.body), codes))
        model = NaiveBayes().fit(train)
        frequent = [g for g, _ in Counter(lab for _t, labs in train for lab in labs).most_common(3)]
        baseline = sum(bool(set(labs) & set(frequent)) for _t, labs in test) / len(test)
        rows["sub"].append((seed, len(train), len(test), top_k_accuracy(model, test, 1), top_k_accuracy(model, test, 3), baseline))
    for name, title in (("sdg", "Agenda 2030 goals (held-out SDG citations)"), ("sub", "Sub-priorities (held-out contributions)")):
        print(title)
        print("  seed  train  test  top-1   top-3   baseline top-3")
        for seed, ntrain, ntest, top1, top3, base in rows[name]:
            print(f"  {seed:>4} {ntrain:>6} {ntest:>5}  {top1:6.1%}  {top3:6.1%}  {base:6.1%}")
        med = lambda i: statistics.median(r[i] for r in rows[name])  # noqa: E731
        print(f"  median            top-1 {med(3):.1%}, top-3 {med(4):.1%}, baseline top-3 {med(5):.1%}")


if __name__ == "__main__":
    main()
