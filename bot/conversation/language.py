"""Tell Indonesian from English in short, informal chat messages."""
from __future__ import annotations

import re

_WORD = re.compile(r"^[a-zA-Z']+$")
_SPLIT = re.compile(r"[\s,.!?;:()\"]+")
_EN = frozenset("""
the is are was were i my me you your to of and for with not no yes please help hello hi
what when where who why how can could would should have has had do does did passport visa
officer immigration office complaint status check thank thanks want need about this that
it at on in from there here they he she we our us be been am an a will just still yet
cancel back skip done next yesterday today airport seaport port ticket information
""".split())
_ID = frozenset("""
yang dan di ke dari untuk dengan tidak tdk gak ga gk nggak enggak sudah udah udh belum blm
saya sy aku kami kita anda bapak ibu pak bu mas mbak min kak ini itu ada apa kapan dimana
mana siapa kenapa knp bagaimana gimana gmn tolong tlg mohon terima kasih makasih mau ingin
bisa dong ya iya tidak bukan paspor kantor imigrasi petugas pengaduan aduan lapor keluhan
sangat bgt banget lama sekali kok sih jadi jd kemarin hari ini besok pelabuhan bandara
batal bantuan menu lanjut selesai lewati halo selamat pagi siang sore malam nomor tiket
""".split())


def detect_language(text: str, default: str | None = None,
                    sentence_only: bool = False) -> str | None:
    """Return "en" or "id" when the words say so clearly enough, else `default`.

    English needs a sentence (two English words, outnumbering Indonesian ones): "Hi", "ok" or
    "yes" never switch an Indonesian conversation. With `sentence_only` (someone already in a
    conversation) Indonesian needs two words as well, so an English speaker's "ya" is no switch.
    """
    # Only whole alphabetic words count: "TRK-7K3Q-9MXA" must not read as English "k q".
    words = [w.lower() for w in _SPLIT.split(text) if _WORD.match(w)]
    en = sum(1 for w in words if w in _EN)
    ind = sum(1 for w in words if w in _ID)
    if en >= 2 and en > ind * 2:
        return "en"
    if ind >= (2 if sentence_only else 1) and ind >= en:
        return "id"
    return default
