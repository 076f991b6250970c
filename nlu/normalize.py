"""Normalisation of informal (colloquial) Indonesian, one token at a time.

Pure Python, no Rasa import: it is used by the Rasa component
``nlu.components.slang_tokenizer.SlangTokenizer`` (Python 3.10, ``.venv-nlu``) and is
importable and testable from the app's venv too.

Design:

* It normalises *tokens*, never the message text, so entity offsets stay intact: the
  tokenizer puts the result in ``Token.lemma`` and the featurizers read lemmas.
* Order of precedence: guard list (domain words, never rewritten) > our override
  dictionary > the colloquial lexicon bundled with the ``indoNLP`` package (if installed;
  filtered so English words and a few harmful entries are not touched) > unchanged.
* Small rules: elongations (``lamaaa`` -> ``lama``), reduplication with ``2``
  (``berkali2`` -> ``berkali-kali``), money amounts (``500rb`` -> ``500 ribu``,
  ``1,6jt`` -> ``1,6 juta``).
* No stemming (Sastrawi turns ``petugas`` into ``tugas``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Mapping

__all__ = [
    "GUARD_WORDS",
    "OVERRIDES",
    "normalize_token",
    "normalize_tokens",
    "lexicon",
]

# Complaint keywords that a generic slang lexicon could rewrite (calo -> makelar,
# apk -> apakah, kk -> kakak, tpi -> tapi, ...): they are returned lower-cased, as is.
GUARD_WORDS: frozenset[str] = frozenset(
    {
        "calo", "ordal", "oknum", "pungli", "suap", "kuota", "billing", "pnbp", "otp",
        "apk", "app", "aplikasi", "m-paspor", "paspor", "e-paspor", "plb", "itas", "itap",
        "itk", "kitas", "kitap", "wna", "wni", "tka", "tki", "pmi", "tpi", "kk", "ktp",
        "e-ktp", "nik", "bpjs", "pln", "kanim", "imigrasi", "petugas", "loket", "antrian",
        "min", "admin", "bule", "ac", "wc", "tawau", "nunukan", "tarakan", "malundung",
        "juwata", "sebatik", "cap", "stempel", "visa", "overstay",
    }
)

# Our own dictionary. Wins over the bundled lexicon (which maps gk/ga/gak to "enggak";
# we unify every negation on "tidak").
OVERRIDES: Mapping[str, str] = {
    # negation
    "gk": "tidak", "ga": "tidak", "gak": "tidak", "nggak": "tidak", "ngga": "tidak",
    "nggk": "tidak", "enggak": "tidak", "engga": "tidak", "ndak": "tidak", "kagak": "tidak",
    "gx": "tidak", "g": "tidak", "tdk": "tidak", "tak": "tidak", "gabisa": "tidak bisa",
    "gbs": "tidak bisa", "gada": "tidak ada", "gaada": "tidak ada", "kaga": "tidak",
    # pronouns, address
    "sy": "saya", "aku": "saya", "gue": "saya", "gw": "saya", "sya": "saya",
    "sdr": "saudara", "kak": "kakak", "mas": "kakak", "mbak": "kakak", "bang": "kakak",
    # time / aspect
    "udh": "sudah", "udah": "sudah", "sdh": "sudah", "dah": "sudah", "uda": "sudah",
    "blm": "belum", "blum": "belum", "lom": "belum", "msh": "masih", "masi": "masih",
    "mgg": "minggu", "mg": "minggu", "bln": "bulan", "thn": "tahun", "hr": "hari",
    "jm": "jam", "skrg": "sekarang", "skrng": "sekarang", "kmrn": "kemarin",
    "kemaren": "kemarin", "bsk": "besok", "tgl": "tanggal",
    # question words
    "knp": "kenapa", "napa": "kenapa", "gmn": "bagaimana", "gmna": "bagaimana",
    "gimana": "bagaimana", "gmana": "bagaimana", "brp": "berapa", "dmn": "di mana",
    "kpn": "kapan", "apa2": "apa-apa",
    # common abbreviations
    "yg": "yang", "tlg": "tolong", "tolongin": "tolong", "bgt": "banget", "bgd": "banget",
    "tp": "tapi", "krn": "karena", "karna": "karena", "pdhl": "padahal",
    "jg": "juga", "dgn": "dengan", "dg": "dengan", "utk": "untuk", "u/": "untuk",
    "sm": "sama", "ama": "sama", "lg": "lagi", "trs": "terus", "trus": "terus",
    "dr": "dari", "dri": "dari", "spt": "seperti", "kyk": "seperti", "kayak": "seperti",
    "kaya": "seperti", "jd": "jadi", "jdi": "jadi", "bs": "bisa", "bisa2": "bisa-bisa",
    "aja": "saja", "doang": "saja", "org": "orang", "orng": "orang", "dpt": "dapat",
    "dapet": "dapat", "smp": "sampai", "sampe": "sampai", "nyampe": "sampai",
    "bnyk": "banyak", "byk": "banyak", "sbg": "sebagai", "tsb": "tersebut",
    "mhn": "mohon", "trmksh": "terima kasih", "makasih": "terima kasih",
    "mksh": "terima kasih", "thx": "terima kasih", "tq": "terima kasih",
    "ok": "oke", "okay": "oke", "okey": "oke",
    # domain spellings
    "mpaspor": "m-paspor", "e-passport": "e-paspor", "passport": "paspor",
    "pasport": "paspor", "pasp": "paspor", "imigrsi": "imigrasi", "imgrasi": "imigrasi",
    "kantor2": "kantor-kantor", "dukcapil": "dukcapil", "disdukcapil": "dukcapil",
    "orang-dalam": "ordal", "makelar": "calo", "antri": "antre", "antrean": "antrian",
    "ngantri": "antre", "ngantre": "antre", "bayarin": "bayar", "duit": "uang",
    "fulus": "uang", "rb": "ribu", "jt": "juta", "laporin": "lapor", "ngelapor": "lapor",
    "komplen": "komplain", "complain": "komplain", "pelayananya": "pelayanannya",
    "ilang": "hilang", "ketuker": "tertukar", "dateng": "datang", "cepet": "cepat",
    "lelet": "lambat", "lemot": "lambat", "jutek": "judes", "ketus": "judes",
}

# English words that the bundled lexicon maps to Indonesian slang meanings
# (do -> di, in -> ini, it -> itu, to -> tapi, week -> wig, ...). Never rewritten.
_ENGLISH_GUARD: frozenset[str] = frozenset(
    """a about after all am an and any are as at be been but by can did do does done
    for from get got had has have he her him his how i if in is it its me my no not
    now of off on or our out pass so some still the their them then there they this to
    too up us was we week were what when where which who why will with you your u s m
    d t n l x y""".split()
)

_ELONGATION = re.compile(r"([a-z])\1{2,}")
_REDUP = re.compile(r"^([a-z]{2,})2$")
_MONEY = re.compile(r"^(?:rp\.?)?(\d+(?:[.,]\d+)*)(rb|ribu|k|jt|juta)$")
_MONEY_UNITS = {"rb": "ribu", "ribu": "ribu", "k": "ribu", "jt": "juta", "juta": "juta"}


@lru_cache(maxsize=1)
def lexicon() -> Mapping[str, str]:
    """The colloquial lexicon of ``indoNLP`` (filtered), or an empty mapping.

    ``indoNLP`` is installed in the NLU venv; without it (e.g. in the app venv) only the
    guard list, our overrides and the rules apply.
    """
    try:
        from indoNLP.preprocessing.slang_data import SLANG_DATA  # type: ignore
    except Exception:  # pragma: no cover - depends on the environment
        return {}
    return {
        k.lower(): v.lower()
        for k, v in SLANG_DATA.items()
        if k and v and k.lower() not in _ENGLISH_GUARD and k.lower() not in GUARD_WORDS
    }


def _lookup(word: str) -> str | None:
    if word in GUARD_WORDS:
        return word
    if word in OVERRIDES:
        return OVERRIDES[word]
    if word in _ENGLISH_GUARD:
        return word
    return lexicon().get(word)


@lru_cache(maxsize=65536)
def normalize_token(token: str) -> str:
    """Normalised (lower-case) form of one token; never empty for a non-empty token."""
    word = token.lower()
    if not word:
        return token
    found = _lookup(word)
    if found is not None:
        return found
    money = _MONEY.match(word)
    if money:
        return f"{money.group(1)} {_MONEY_UNITS[money.group(2)]}"
    collapsed = _ELONGATION.sub(r"\1", word)
    if collapsed != word:
        found = _lookup(collapsed)
        return found if found is not None else collapsed
    redup = _REDUP.match(word)
    if redup:
        stem = _lookup(redup.group(1)) or redup.group(1)
        return f"{stem}-{stem}"
    return word


def normalize_tokens(tokens: Iterable[str]) -> list[str]:
    """Normalise each token; one output per input, in order."""
    return [normalize_token(t) for t in tokens]
