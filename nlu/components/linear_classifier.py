"""LinearIntentClassifier: multinomial logistic regression on the sparse sentence features.

Like Rasa's LogisticRegressionClassifier, but with what real messages needed (see
nlu/README.md for the measurements):

* the sentence features of every featurizer (word and char n-gram counts) are
  log-scaled (``log1p``), weighted by inverse document frequency over the training
  examples (``idf: true``: words every message uses, "saya", "yang", "di", weigh less,
  so in a long rant the few words that name the service still count) and
  L2-normalised per featurizer, so a long rant and a one-liner land on the same scale
  (raw counts make long texts absurdly confident);
* ``C`` and ``class_weight`` are configurable;
* ``temperature`` divides the logits before the softmax, to calibrate confidences;
* optional in-scope/out-of-scope stage (``scope_stage: true``): a second, binary
  logistic regression decides "complaint an immigration office handles" against
  ``scope_intent`` (lainnya) using all complaint examples pooled; the complaint-type
  probability mass is then split between ``scope_intent`` and the in-scope types by
  that binary probability (conversational intents keep their own mass);
* the model is stored as plain numpy arrays (no pickle), predictions are one sparse
  matrix product: well under a millisecond.

Deterministic: saga with a fixed ``random_state`` on the same data gives the same weights.
"""

from __future__ import annotations

import json
import logging
import warnings
from typing import Any, Dict, List, Optional, Text, Type

import numpy as np
from scipy.sparse import csr_matrix, hstack, vstack

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers import LABEL_RANKING_LENGTH
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.featurizers.featurizer import Featurizer
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import RANKING_LENGTH

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(IntentClassifier, GraphComponent):
    """Calibrated linear intent classifier over normalised sparse sentence features."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Featurizer]

    @staticmethod
    def required_packages() -> List[Text]:
        return ["sklearn"]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "C": 3.0,
            "class_weight": None,  # or "balanced"
            "solver": "saga",  # saga: ~5 s on our data; lbfgs: ~1 min
            "max_iter": 30,
            "tol": 1e-3,
            "random_state": 42,
            "temperature": 1.0,
            "sublinear_tf": True,
            "idf": False,  # smoothed IDF per featurizer, learnt from the training examples
            "scope_stage": False,
            "scope_intent": "lainnya",
            "scope_C": 10.0,
            # intents that are complaint types (the others are conversational)
            "complaint_intents": ["paspor", "izin_tinggal", "perlintasan", "pungli", "perilaku_petugas",
                                  "pengawasan_wna", "sistem_online", "sarana_prasarana", "informasi",
                                  "lainnya"],
            RANKING_LENGTH: LABEL_RANKING_LENGTH,
        }

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.classes: List[str] = []
        self.coef: Optional[np.ndarray] = None  # (n_classes, n_features)
        self.intercept: Optional[np.ndarray] = None
        self.scope_coef: Optional[np.ndarray] = None  # (n_features,)
        self.scope_intercept: float = 0.0
        self.idf: Optional[List[np.ndarray]] = None  # one vector per featurizer block

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LinearIntentClassifier":
        return cls(config, model_storage, resource)

    # -- features ----------------------------------------------------------------

    def _blocks(self, message: Message) -> List[csr_matrix]:
        """One log-scaled sentence-feature block per featurizer, in a fixed order."""
        blocks = []
        for f in message.features:
            if f.attribute != TEXT or f.type != "sentence" or not f.is_sparse():
                continue
            m = csr_matrix(f.features, dtype=np.float64)
            if self.config["sublinear_tf"]:
                m.data = np.log1p(m.data)
            blocks.append((f.origin, m))
        blocks.sort(key=lambda b: str(b[0]))
        return [m for _, m in blocks]

    def _row(self, message: Message) -> csr_matrix:
        blocks = []
        # one sentence-feature block per featurizer, each weighted and scaled on its own
        for k, m in enumerate(self._blocks(message)):
            if self.idf is not None and k < len(self.idf) and m.shape[1] == self.idf[k].shape[0]:
                m = csr_matrix(m.multiply(self.idf[k][None, :]))
            norm = np.sqrt(m.multiply(m).sum())
            if norm > 0:
                m = m / norm
            blocks.append(m)
        if not blocks:
            return csr_matrix((1, 0))
        return hstack(blocks).tocsr()

    def _fit_idf(self, messages: List[Message]) -> None:
        """Smoothed IDF (as scikit-learn's) of every featurizer block over ``messages``."""
        df: List[np.ndarray] = []
        n = 0
        for message in messages:
            blocks = self._blocks(message)
            if not blocks:
                continue
            n += 1
            for k, m in enumerate(blocks):
                if k == len(df):
                    df.append(np.zeros(m.shape[1]))
                if m.shape[1] == df[k].shape[0]:
                    df[k][np.unique(m.indices[m.data != 0])] += 1
        self.idf = [(np.log((1.0 + n) / (1.0 + d)) + 1.0).astype(np.float64) for d in df]

    def _matrix(self, messages: List[Message]) -> csr_matrix:
        rows = [self._row(m) for m in messages]
        if self.coef is not None:
            # a message without features (empty text) gets an all-zero row: the prior
            width = self.coef.shape[1]
            rows = [r if r.shape[1] == width else csr_matrix((1, width)) for r in rows]
        return vstack(rows).tocsr()

    # -- training ----------------------------------------------------------------

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.linear_model import LogisticRegression

        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if not examples:
            return self._resource
        self.idf = None
        if self.config["idf"]:
            self._fit_idf(examples)
        X = self._matrix(examples)
        y = [e.get(INTENT) for e in examples]
        clf = LogisticRegression(
            C=float(self.config["C"]),
            class_weight=self.config["class_weight"],
            max_iter=int(self.config["max_iter"]),
            tol=float(self.config["tol"]),
            solver=self.config["solver"],
            random_state=int(self.config["random_state"]),
            multi_class="multinomial",
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # saga stops at max_iter by design (ConvergenceWarning)
            clf.fit(X, y)
        self.classes = [str(c) for c in clf.classes_]
        self.coef = clf.coef_.astype(np.float32)
        self.intercept = clf.intercept_.astype(np.float32)
        if self.config["scope_stage"]:
            complaint = set(self.config["complaint_intents"])
            rows = [i for i, label in enumerate(y) if label in complaint]
            yb = [int(y[i] == self.config["scope_intent"]) for i in rows]
            scope = LogisticRegression(C=float(self.config["scope_C"]), class_weight=self.config["class_weight"],
                                       max_iter=int(self.config["max_iter"]), tol=float(self.config["tol"]),
                                       solver=self.config["solver"], random_state=int(self.config["random_state"]))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                scope.fit(X[rows], yb)
            self.scope_coef = scope.coef_[0].astype(np.float32)
            self.scope_intercept = float(scope.intercept_[0])
        self.persist()
        return self._resource

    # -- prediction --------------------------------------------------------------

    def _probas(self, X: csr_matrix) -> np.ndarray:
        logits = np.asarray(X @ self.coef.T) + self.intercept
        logits = logits / float(self.config["temperature"])
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        p = e / e.sum(axis=1, keepdims=True)
        if self.scope_coef is not None:
            z = np.asarray(X @ self.scope_coef).ravel() + self.scope_intercept
            p_out = 1.0 / (1.0 + np.exp(-z / float(self.config["temperature"])))
            complaint = set(self.config["complaint_intents"])
            oos = self.classes.index(self.config["scope_intent"])
            ins = [i for i, c in enumerate(self.classes) if c in complaint and i != oos]
            mass = p[:, ins].sum(axis=1) + p[:, oos]
            share = p[:, ins] / np.maximum(p[:, ins].sum(axis=1, keepdims=True), 1e-12)
            p[:, ins] = share * (mass * (1.0 - p_out))[:, None]
            p[:, oos] = mass * p_out
        return p

    def process(self, messages: List[Message]) -> List[Message]:
        if self.coef is None or not messages:
            return messages
        probas = self._probas(self._matrix(messages))
        n = int(self.config[RANKING_LENGTH] or len(self.classes))
        for message, p in zip(messages, probas):
            order = np.argsort(-p)
            ranking = [{"name": self.classes[i], "confidence": float(p[i])} for i in order[:n]]
            message.set("intent", ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    # -- storage -----------------------------------------------------------------

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as model_dir:
            np.save(model_dir / "coef.npy", self.coef)
            np.save(model_dir / "intercept.npy", self.intercept)
            (model_dir / "classes.json").write_text(json.dumps(self.classes), encoding="utf-8")
            if self.idf is not None:
                np.savez(model_dir / "idf.npz", *self.idf)
            if self.scope_coef is not None:
                np.save(model_dir / "scope_coef.npy", self.scope_coef)
                (model_dir / "scope_intercept.json").write_text(json.dumps(self.scope_intercept))

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LinearIntentClassifier":
        component = cls(config, model_storage, resource)
        try:
            with model_storage.read_from(resource) as model_dir:
                component.coef = np.load(model_dir / "coef.npy")
                component.intercept = np.load(model_dir / "intercept.npy")
                component.classes = json.loads((model_dir / "classes.json").read_text(encoding="utf-8"))
                if (model_dir / "idf.npz").exists():
                    with np.load(model_dir / "idf.npz") as z:
                        component.idf = [z[f"arr_{i}"] for i in range(len(z.files))]
                if (model_dir / "scope_coef.npy").exists():
                    component.scope_coef = np.load(model_dir / "scope_coef.npy")
                    component.scope_intercept = float(
                        json.loads((model_dir / "scope_intercept.json").read_text()))
        except (ValueError, FileNotFoundError):
            logger.warning("LinearIntentClassifier: no trained model found in storage")
        return component
