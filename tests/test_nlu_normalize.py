"""Slang normalisation used by the Rasa SlangTokenizer (pure Python, no Rasa needed)."""
from __future__ import annotations

import re

import pytest

from nlu.normalize import GUARD_WORDS, normalize_token, normalize_tokens


def whitespace_tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", text)]


@pytest.mark.parametrize(
    "word",
    ["calo", "ordal", "pungli", "kuota", "billing", "otp", "apk", "m-paspor", "paspor",
     "plb", "itas", "itap", "wna", "tki", "pmi", "kk", "tpi", "min"],
)
def test_guard_words_are_never_rewritten(word: str) -> None:
    assert word in GUARD_WORDS
    assert normalize_token(word) == word
    assert normalize_token(word.upper()) == word


def test_informal_sentence_is_normalised() -> None:
    assert normalize_tokens("sy udh 3 mgg".split()) == ["saya", "sudah", "3", "minggu"]
    assert normalize_tokens("paspor sy blm jadi gk ada kabar".split()) == [
        "paspor", "saya", "belum", "jadi", "tidak", "ada", "kabar"]


@pytest.mark.parametrize(
    ("token", "expected"),
    [("yg", "yang"), ("gk", "tidak"), ("ga", "tidak"), ("gak", "tidak"), ("tdk", "tidak"),
     ("udah", "sudah"), ("bgt", "banget"), ("knp", "kenapa"), ("gmn", "bagaimana"),
     ("tlg", "tolong"), ("500rb", "500 ribu"), ("1,6jt", "1,6 juta"), ("Rp300rb", "300 ribu"),
     ("lamaaa", "lama"), ("bgttt", "banget"), ("anak2", "anak-anak"),
     ("mpaspor", "m-paspor")],
)
def test_token_normalisation(token: str, expected: str) -> None:
    assert normalize_token(token) == expected


def test_english_and_standard_words_are_left_alone() -> None:
    for word in ["to", "in", "it", "do", "week", "the", "petugas", "imigrasi", "kantor"]:
        assert normalize_token(word) == word


def test_output_is_lower_case_and_never_empty() -> None:
    for token in ["TRK-7K3Q-9MXA", "Tarakan", "?", "😡", "a"]:
        out = normalize_token(token)
        assert out and out == out.lower()


def test_offsets_are_unchanged_one_lemma_per_token() -> None:
    # The tokenizer keeps the original text and token spans; only lemmas change.
    text = "min sy udh bayar 1,6jt ke ordal tp paspor gk jadi2, status TRK-7K3Q-9MXA"
    tokens = whitespace_tokens(text)
    lemmas = normalize_tokens(t for t, _, _ in tokens)
    assert len(lemmas) == len(tokens)
    for (tok, start, end), lemma in zip(tokens, lemmas):
        assert text[start:end] == tok
        assert lemma
    assert lemmas[lemmas.index("ordal")] == "ordal"
    ticket = [t for t in tokens if t[0] == "TRK-7K3Q-9MXA"][0]
    assert text[ticket[1]:ticket[2]] == "TRK-7K3Q-9MXA"
