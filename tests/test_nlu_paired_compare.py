"""The paired bootstrap that decides whether a candidate NLU model is really better (pure Python)."""
from __future__ import annotations

from nlu.scripts.paired_compare import big_f1, in_scope_accuracy, macro_f1, oos_recall, paired_bootstrap


def _sets() -> tuple[list[str], list[str]]:
    gold = ["paspor"] * 40 + ["perlintasan"] * 30 + ["informasi"] * 3 + ["lainnya"] * 60
    base = ["paspor"] * 30 + ["lainnya"] * 10 + ["perlintasan"] * 20 + ["paspor"] * 10 \
        + ["lainnya"] * 3 + ["lainnya"] * 55 + ["paspor"] * 5
    return gold, base


def test_measures_match_hand_counts() -> None:
    gold, base = _sets()
    idx = range(len(gold))
    assert in_scope_accuracy(gold, base, idx) == 50 / 73
    assert oos_recall(gold, base, idx) == 55 / 60
    # paspor: tp 30, fp 15, fn 10; perlintasan: tp 20, fn 10; lainnya: tp 55, fp 13, fn 5
    f_pas, f_per, f_oos = 60 / 85, 40 / 50, 110 / 128
    assert abs(macro_f1(gold, base, idx) - (f_pas + f_per + f_oos) / 10) < 1e-12
    assert abs(big_f1(gold, base, idx) - (f_pas + f_per + f_oos) / 7) < 1e-12


def test_identical_models_differ_by_nothing() -> None:
    gold, base = _sets()
    r = paired_bootstrap(gold, base, list(base), macro_f1, n=200)
    assert r == {"diff": 0.0, "low": 0.0, "high": 0.0, "p_ahead": 0.0}


def test_one_message_in_a_tiny_class_is_not_a_sure_gain() -> None:
    gold, base = _sets()
    cand = list(base)
    cand[70] = "informasi"  # one of three informasi messages now right
    r = paired_bootstrap(gold, base, cand, macro_f1, n=1000)
    assert r["diff"] > 0.04  # a big-looking macro-F1 gain...
    assert r["low"] <= 0.0  # ...whose interval still reaches zero
    # the big classes barely move (only lainnya's precision, by the one message it lost)
    assert 0.0 < paired_bootstrap(gold, base, cand, big_f1, n=200)["diff"] < 0.002


def test_a_broad_gain_is_ahead_in_every_resample() -> None:
    gold, base = _sets()
    cand = list(gold)  # every message right
    r = paired_bootstrap(gold, base, cand, in_scope_accuracy, n=500)
    assert r["low"] > 0.15 and r["p_ahead"] == 1.0
    assert paired_bootstrap(gold, base, cand, macro_f1, n=100, seed=1) != \
        paired_bootstrap(gold, base, cand, macro_f1, n=100, seed=2)
