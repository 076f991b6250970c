"""WhitespaceTokenizer that sets each token's lemma to its normalised informal-Indonesian form.

The message text and token offsets are untouched (entities keep their positions); the
CountVectorsFeaturizer reads ``Token.lemma`` (``use_lemma: True``, its default).
Normalisation itself lives in :mod:`nlu.normalize` (pure Python, testable without Rasa).
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.normalize import normalize_token


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class SlangTokenizer(WhitespaceTokenizer):
    """Whitespace tokenizer + slang normalisation into ``Token.lemma``."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Returns the component's default config."""
        return {
            **WhitespaceTokenizer.get_default_config(),
            # switch normalisation off without changing the pipeline shape
            "normalize": True,
        }

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SlangTokenizer":
        """Creates a new component (see parent class for full docstring)."""
        return cls(config)

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        """Tokenizes like WhitespaceTokenizer, then normalises lemmas of text tokens."""
        tokens = super().tokenize(message, attribute)
        if attribute == TEXT and self._config.get("normalize", True):
            for token in tokens:
                lemma = normalize_token(token.text)
                token.lemma = lemma or token.text
        return tokens
