"""Tell Indonesian from English in short, informal chat messages."""
from __future__ import annotations

import re

from bot.conversation.turn import LANG_HEARD, Turn

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


def is_common_word(word: str) -> bool:
    """A word of everyday chat in either language ("lanjut", "selesai", "thanks"), never a
    name on its own."""
    return word.lower() in _EN or word.lower() in _ID


# Asking for a language by name: "english please", "in english", "do you speak english?",
# "bahasa inggris aja"; "bahasa indonesia", "indonesia aja", "in indonesian" ask back.
_ASK_LEAD = (r"^(?:(?:hi|hello|halo|min|sorry|maaf|excuse me|ok|oke)\s+)*"
             r"(?:(?:ke bahasa|please|pls|plz|tolong|mohon|can|could|would|do|bisa|boleh|you|we|"
             r"i|u|speak|talk|reply|write|answer|use|pakai|pake|dalam|in|to|ganti|switch|bahasa|"
             r"b|the|language)\s+)*")
_ASK_TAIL = (r"(?:\s+(?:please|pls|plz|only|language|aja|saja|dong|ya|yah|min|kak|lah|ok|"
             r"thanks|thank you|bisa|boleh|can))*\s*[?.!]*$")
_ASKS_FOR = {
    "en": re.compile(_ASK_LEAD + r"(?:english|inggris|eng)" + _ASK_TAIL, re.IGNORECASE),
    "id": re.compile(_ASK_LEAD + r"(?:indonesia|indonesian|indo|melayu|malay)" + _ASK_TAIL,
                     re.IGNORECASE),
}


# What may follow the request after a comma without making it a sentence: thanks, a politeness,
# or why ("bahasa indonesia aja ya, lebih gampang", "english please, thanks", "in english pls,
# I don't understand Indonesian"). Anything else ("english please, my passport was held") is
# more than a request.
_AFTERWORDS = frozenset("""
thanks thank you thx tq terima kasih makasih mksh trims tks lebih gampang mudah enak jelas
biar supaya soalnya karena krn sy saya aku gw kurang ga gak tidak tdk nggak ngerti paham
mengerti bisa ok oke ya aja dong pak bu kak min mas mbak sir please pls i don't dont do not
understand speak read indonesian bahasa inggris english it's its is easier better for me my
very much so much
""".split())


def asks_for(text: str) -> str | None:
    """The language a message asks for by name ("english please", "bahasa indonesia aja"),
    said and nothing more, or with thanks or a reason after a comma ("bahasa indonesia aja ya,
    lebih gampang"); None otherwise ("I speak English but my passport…" is a sentence)."""
    plain = " ".join(text.strip().split())
    head, comma, rest = plain.partition(",")
    if comma and rest.strip() and len(rest.split()) <= 6 and all(
            w.strip(".!?'") in _AFTERWORDS for w in rest.lower().split()):
        plain = head.strip()
    if len(plain.split()) > 6:
        return None
    for lang, pattern in _ASKS_FOR.items():
        # "Indonesian" alone may answer "nationality?": Indonesian is asked for in words
        if pattern.match(plain) and (lang == "en" or len(plain.split()) > 1):
            return lang
    return None


# A first message that only greets, in English: "hello", "hello there", "hi, good morning",
# "good afternoon", "morning!". A bare "hi" or "hey" is typed by Indonesians as much as by
# anyone: it says nothing (Indonesian stays); "halo", "hai min", "selamat pagi", "pagi kak",
# "hello min" (a word of ours in it) are Indonesian.
_GREETING_WORDS = frozenset("""
hello hi hey there good morning afternoon evening day everyone everybody all sir madam maam
team folks guys greetings howdy hiya
""".split())
_ENGLISH_MARKS = frozenset("hello there morning afternoon evening greetings howdy hiya everyone "
                           "everybody".split())
_HELLO = re.compile(r"^hel+o+w?$")            # "helloo", "hellow"


def greets_in_english(text: str) -> bool:
    """'hello', 'hello there', 'hi, good morning', 'good afternoon', 'good day sir': a greeting
    and nothing else, in English words only; not a bare 'hi' or 'hey', nor 'hello min'."""
    words = [w.lower() for w in _SPLIT.split(text) if re.search(r"\w", w)]    # no emoji
    if not words or len(words) > 5 or not all(_WORD.match(w) for w in words):
        return False
    words = ["hello" if _HELLO.match(w) else w for w in words]
    if not all(w in _GREETING_WORDS for w in words):
        return False
    return any(w in _ENGLISH_MARKS for w in words) or "good day" in " ".join(words)


# The name of an office, port or airport: "Kantor Imigrasi (Kelas II TPI) Tarakan", "Kanim
# Tarakan", "Pelabuhan Malundung", "Bandara Juwata" (a capitalised name after the word).
_PLACE_NAME = re.compile(
    r"\b(?i:kantor imigrasi(?: kelas [i1]+)?(?: tpi)?|kanim|pelabuhan|bandara|bandar udara|"
    r"pos lintas batas|plbn)(?:(?: [A-Z][\w.-]*)+|(?i: (?:tarakan|nunukan|malinau|tawau|"
    r"juwata|malundung|sebatik|tunon taka|tanjung selor|bulungan|tengkayu)\b))")


def detect_language(text: str, default: str | None = None,
                    sentence_only: bool = False) -> str | None:
    """Return "en" or "id" when the words say so clearly enough, else `default`.

    A language asked for by name ("english please", "bahasa indonesia") is that language.

    English needs a sentence (two English words, outnumbering Indonesian ones): "Hi", "ok" or
    "yes" never switch an Indonesian conversation. With `sentence_only` (someone already in a
    conversation) Indonesian needs two words as well, so an English speaker's "ya" is no switch.
    Otherwise (a first message) an English greeting alone ("hello", "good afternoon") is
    English; a bare "hi" is not (`greets_in_english`).
    """
    asked = asks_for(text)
    if asked:
        return asked
    if not sentence_only and greets_in_english(text):
        return "en"
    if sentence_only:
        # "Kantor Imigrasi Tarakan", "Pelabuhan Malundung" typed by an English speaker are the
        # places' names, not Indonesian (the office's own name is Indonesian in both languages)
        text = _PLACE_NAME.sub(" ", text)
    # Only whole alphabetic words count: "TRK-7K3Q-9MXA" must not read as English "k q".
    words = [w.lower() for w in _SPLIT.split(text) if _WORD.match(w)]
    en = sum(1 for w in words if w in _EN)
    ind = sum(1 for w in words if w in _ID)
    if en >= 2 and en > ind * 2:
        return "en"
    if ind >= (2 if sentence_only else 1) and ind >= en:
        return "id"
    return default


# Whether a conversation's language is settled, and how firmly: kept in its data under
# `turn.LANG_HEARD` as {"n": the person's messages in that language, "other": substantial
# messages in a row in the other one, "words": how many words those messages in that language
# had} (True, as once kept, reads as settled).
# After this many messages in one language, a short message in the other ("what do you
# mean?", "ok", "thanks") is answered in its language but changes nothing (Rina asked "what do
# you mean?" once and was written to, and her complaint filed, in English for good).
SETTLED_AFTER = 2
# Substantial messages in a row in the other language switch the conversation to it.
SWITCH_AFTER = 2
# A message this long (alphabetic words), and not a short question, is substantial.
SUBSTANTIAL_WORDS = 5
SHORT_QUESTION_WORDS = 6


_OTHER = {"id": "en", "en": "id"}


def _mark(heard: object) -> dict[str, int]:
    if isinstance(heard, dict):
        mark = {"n": int(heard.get("n", 0)), "other": int(heard.get("other", 0))}
        return {**mark, "words": int(heard["words"])} if "words" in heard else mark
    return {"n": SETTLED_AFTER if heard else 0, "other": 0}


def _words(text: str) -> int:
    """How many whole alphabetic words a message has ("TRK-7K3Q-9MXA" has none)."""
    return len([w for w in _SPLIT.split(text) if _WORD.match(w)])


def _aside(text: str) -> bool:
    """A short question about what was asked ("what do you mean?") or an acknowledgement of
    at most two words ("ok", "ok thanks"): not the person's choice of a language."""
    if substantial(text):
        return False
    return "?" in text or _words(text) <= 2


def substantial(text: str) -> bool:
    """More than a clarifying question, an acknowledgement or thanks: a sentence of content."""
    words = _words(text)
    if words < SUBSTANTIAL_WORDS:
        return False
    return not (text.strip().endswith("?") and words <= SHORT_QUESTION_WORDS)


def settle(current: str, detected: str | None, text: str,
           heard: object) -> tuple[str, str, dict[str, int] | None]:
    """(the person's language from now on, the language this message is answered in, the
    conversation's new mark) for a message whose words say `detected` (None: nothing), the
    person's language being `current` and the conversation's mark `heard` (see SETTLED_AFTER).

    Until the person's own words have set a language twice, a message in the other language
    switches it, unless it is a short question or an acknowledgement after one of theirs
    (`_aside`), or a short line with fewer words than theirs had (a story, then "ok thank
    you"), as does a language asked for by name ("english please") at any time. After that,
    and for such an aside, the conversation's language stays: a short question in the other
    language ("what do you mean?") is answered in it, once; a short acknowledgement ("ok",
    "thanks") in the conversation's own; a substantial message in the other language is
    answered in it, as are messages without words ("4") after it, and a second one in a row
    switches it."""
    if detected is None:
        if not heard:
            return current, current, None
        mark = _mark(heard)
        # "4" right after a substantial message in the other language: answered in that one
        return current, (_OTHER.get(current, current) if mark["other"] else current), mark
    mark = _mark(heard)
    if detected == current:
        return current, current, {"n": mark["n"] + 1, "other": 0,
                                  "words": mark.get("words", 0) + _words(text)}
    if asks_for(text) or mark["n"] == 0 or (mark["n"] < SETTLED_AFTER and not _aside(text) and (
            substantial(text) or _words(text) > mark.get("words", 0))):
        # nothing of the person's own yet, or words of content before the language is settled
        # ("hello", then "sy mau komplain"): theirs from now on. A short question or "ok"
        # after one message of theirs does not switch it (one Indonesian line, "what do you
        # mean?", "ok" carried the person on in English), nor a short line that says less
        # than theirs did (a story told in Indonesian, then "ok thank you": the complaint was
        # filed, and written to, in English)
        return detected, detected, {"n": 1, "other": 0, "words": _words(text)}
    if substantial(text):
        other = mark["other"] + 1
        if other >= SWITCH_AFTER:
            return detected, detected, {"n": other, "other": 0, "words": _words(text)}
        return current, detected, {**mark, "other": other}
    # short: a question about what was asked is answered in its language; "ok" in ours
    answer = detected if "?" in text else current
    return current, answer, mark


def take_hint(turn: Turn) -> None:
    """The language the channel says the person reads (`Inbound.language`: the web page's,
    English when it was opened in English), taken while the person's own words have set none:
    a first message with no words ("TRK-7K3Q-9MXA", a photo) is answered in the page's
    language, not in Indonesian by default. Words of theirs in another language win."""
    hint = turn.inbound.language
    if hint in ("id", "en") and hint != turn.lang and not turn.data.get(LANG_HEARD):
        turn.lang = turn.complainant.language = hint
