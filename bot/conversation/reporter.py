"""Who is complaining: named, named but confidential, or anonymous."""
from __future__ import annotations

import re
from typing import Iterable

from bot.conversation.flow import next_state, successors
from bot.conversation.step import Step, register
from bot.conversation.turn import Go, State, Turn
from bot.conversation.understand import (ACKS, AFFIRM, DENY, GREETINGS, PARTICLES, THANKS,
                                         asks_if_safe, core, declines, is_affirm, is_deny,
                                         is_filler, is_none, is_question, said)
from bot.messages import Choice, Reply

ANONYMOUS_WISHES = {"anonim", "anonim aja", "anonymous", "tanpa nama", "ga usah nama",
                    "gak usah nama", "tidak usah nama", "tidak pakai nama", "ga pake nama",
                    "no name", "without name"}
CONFIDENTIAL_WISHES = {"rahasia", "rahasiakan", "dirahasiakan", "dirahasiain", "rahasiain",
                       "jangan sebut nama", "jgn sebut nama", "ketauan", "ketahuan",
                       "confidential", "keep it secret", "secret"}


# "pakai nama (saya)", "use my name": the name the chat already shows, not a name to type.
_USE = {"pakai", "pake", "gunakan", "pakailah", "use", "keep"}
_USE_FILL = {"nama", "name", "namaku", "my", "the", "that", "this", "ku", "wa", "whatsapp",
             "telegram", "profil", "profile", "tersebut", "tsb"}


# "I'd rather not give my name", "ga mau kasih nama", "males nyebut nama": no name at all.
_NO_NAME = re.compile(
    r"\b(?:(?:rather|prefer) not(?: to)?|(?:don t|do not|dont) (?:want|wish|like) to|won t|"
    r"will not|not going to|no need to|can i not) (?:give|say|share|tell|provide|leave|use|"
    r"put|write)(?: you| u)? (?:my |a |the )?name\b"
    r"|\b(?:ga|gak|gk|nggak|ngga|enggak|engga|tidak|tdk|tak|males|malas|gamau|gmau|ogah|"
    r"keberatan|nda|ndak)(?: mau| usah| perlu| pengen| ingin| mo)? (?:kasih|kasi|ksh|kasih tau|"
    r"kasih tahu|ngasih|nyebut|sebut|menyebut|sebutin|tulis|nulis|menulis|pake|pakai|cantumkan|"
    r"mencantumkan|sertakan|kasih tau|kasitau|kasitahu)(?: kan)? nama")


def wish(text: str) -> str | None:
    """'anonim aja', 'ga mau kasih nama', "I'd rather not give my name" -> anonymous;
    'rahasiakan nama sy', 'sy gamau ketauan' -> confidential. Both said ('sy gamau ketauan,
    anonim aja'): anonymous, the wish that gives no name at all."""
    s = f" {said(text)} "
    if any(f" {w} " in s for w in ANONYMOUS_WISHES) or _NO_NAME.search(s):
        return "anonymous"
    if any(f" {w} " in s for w in CONFIDENTIAL_WISHES) or re.search(r"\brahasia\w*", s):
        return "confidential"
    return None


# "nama saya Siti", "my name is John": the name follows.
_NAME_INTRO = re.compile(r"^\s*(?:nama\s*(?:saya|sy|aku|ku)?|namaku|my\s+name\s+is|my\s+name'?s|"
                         r"name|i\s+am|i'?m)\s*[:,.-]?\s+", re.IGNORECASE)
# One name word: letters, with the apostrophes, dots and hyphens names carry (Muh., O'Neil).
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]*)*\.?")
# Words of the conversation that never make a name ("tulis nama saya", "kirim aja").
_NOT_NAME = (ACKS | AFFIRM | DENY | GREETINGS | PARTICLES | THANKS | ANONYMOUS_WISHES) | {
    "tulis", "tuliskan", "nama", "namanya", "kirim", "lanjut", "lewati", "batal", "menu",
    "kembali", "mau", "pakai", "pake", "gunakan", "sudah", "udah", "sdh", "udh", "tanpa",
    "identitas", "write", "my", "name", "send", "next", "skip", "back", "cancel", "use",
    "without", "pilih", "nomor", "satu", "dua", "one", "two", "status", "tiket", "ticket"}


def typed_name(text: str, labels: Iterable[str] = ()) -> str | None:
    """A name typed straight in answer to "how is your identity recorded?": 'Siti Rahmawati',
    'nama saya Budi', 'my name is John Carter'. A single word counts only after such an
    introduction ('Budi' alone may be a word of the conversation we do not know)."""
    head, comma, _ = text.partition(",")
    if comma and head.strip():      # "Mark Thompson, British passport holder": the name first
        named = typed_name(head, labels)
        if named and (len(named.split()) >= 2 or _NAME_INTRO.match(head)):
            return named
    introduced = _NAME_INTRO.match(text)
    rest = " ".join(text[introduced.end():].split() if introduced else text.split())
    parts = rest.split()
    if not parts or len(parts) > 5 or len(parts) < (1 if introduced else 2) or len(rest) > 100:
        return None
    if not all(_NAME_WORD.fullmatch(w) for w in parts):
        return None
    taken = _NOT_NAME | set(said(" ".join(labels)).split())    # the options' own words
    if any(w in taken for w in said(rest).split()) or is_none(rest) or is_question(rest):
        return None
    return rest


# "boleh disebut", "ga masalah nama sy disebut", "gpp": named openly is fine with them.
_OPENLY = re.compile(r"\b(boleh (disebut|diketahui|dikasih tau|dikasih tahu|tau|tahu)|"
                     r"(ga|gak|gk|nggak|tidak|tdk|no) (masalah|apa apa|papa|pp)|gpp|gapapa|"
                     r"(sebut|disebut|pakai|pake) (aja|saja)|it s fine|that s fine|no problem|"
                     r"i don t mind|dont mind)\b")


# "nama samaran", "nama palsu", "alias", "a fake name", "a pseudonym".
_ALIAS = re.compile(r"\b(nama (samaran|palsu|alias|lain|fiktif)|samaran|fake name|pseudonym|"
                    r"alias|made up name|different name)\b")
# Where a name given with a wish to keep it secret ends: "nama saya Budi, tapi rahasiakan".
_BEFORE_WISH = re.compile(r"[,;.!]|\b(tapi|tetapi|but|namun|dan|and|tolong|mohon|please|"
                          r"rahasia\w*)\b", re.IGNORECASE)
# At the confidentiality question, secrecy declined in so many words, with nothing between
# ("ga usah dirahasiakan", "tidak perlu dirahasiakan", "jangan dirahasiakan", "no need to keep
# it secret"). On the raw text: "ga usah, rahasiakan aja" (a comma) is the opposite.
_NOT_SECRET = re.compile(
    r"\b(ga|gak|gk|nggak|ngga|tidak|tdk|tak|ndak|gausah|jangan|jgn)\s+((usah|perlu)\s+)?"
    r"(di)?rahasia(kan|in)?\b(?!\s*[,;])(?!.*\brahasia)|"
    r"\bno need to keep (it|my name|me) (secret|confidential)\b|"
    r"\bdon'?t (need to )?keep (it|my name|me) (secret|confidential)\b", re.IGNORECASE)


def uses_shown_name(text: str) -> bool:
    """'pakai nama', 'pake nama sy aja', 'use my name' (and nothing more)."""
    ws = set(core(text))
    return bool(ws & _USE) and ws <= _USE | _USE_FILL


@register
class Identity(Step):
    """Named or anonymous; the WhatsApp profile name is offered when there is one."""

    state = State.IDENTITY
    goes_to = successors(State.IDENTITY) | {State.NAME}

    def _options(self, turn: Turn) -> list[str]:
        profile = turn.complainant.profile_name
        return (["profile"] if profile else []) + ["name", "anonymous"]

    def prompt(self, turn: Turn) -> list[Reply]:
        profile = turn.complainant.profile_name or ""
        labels = [turn.t(f"identity.{o}", name=profile) for o in self._options(turn)]
        return [Reply(turn.t("identity"), tuple(Choice(label) for label in labels))]

    def handle(self, turn: Turn) -> Go:
        options = self._options(turn)
        profile = turn.complainant.profile_name or ""
        words = {"profile": turn.words("identity.profile", name=profile) + [profile],
                 "name": turn.words("identity.name") + ["nama", "name"],
                 "anonymous": turn.words("identity.anonymous") + sorted(ANONYMOUS_WISHES)}
        if asks_if_safe(turn.text):
            # "kalau pakai nama, petugasnya tau ga?": a question, answered, then asked again
            return Go(None, [Reply(turn.t("safe.asked"))])
        if _ALIAS.search(said(turn.text)):
            # "pakai nama samaran boleh?": anonymous does what a false name would
            return Go(None, [Reply(turn.t("identity.alias"))])
        # "I'd rather not say", "nope", "no thanks": no name, so anonymous
        wished = wish(turn.text) or ("anonymous" if declines(turn.text) or (
            is_deny(turn.text) and len(turn.text.split()) <= 3) else None)
        turn.data.pop("confidential", None)      # a new identity answer asks again
        labels = turn.words("identity.name") + turn.words("identity.anonymous")
        if wished == "confidential":
            # "nama saya Budi, tapi tolong dirahasiakan": the name is given with the wish
            given = typed_name(_BEFORE_WISH.split(turn.text, maxsplit=1)[0].strip(), labels)
            if given and _NAME_INTRO.match(turn.text):
                turn.data.update(name=given, anonymous=False, confidential=True)
                return Go(next_state(turn))
        typed = None if wished else typed_name(turn.text, labels)
        if typed:
            turn.data.update(name=typed, anonymous=False)    # the name itself, typed at once
            return Go(next_state(turn))
        if wished == "anonymous":
            answer: int | None = options.index("anonymous")
        elif profile and wished is None and uses_shown_name(turn.text):
            answer = options.index("profile")
        elif wished == "confidential":
            turn.data["confidential"] = True
            answer = options.index("profile" if profile else "name")
        elif turn.text.rstrip().endswith("?"):
            # some other question about it ("harus pakai nama asli?"): answered, not a choice
            return Go(None, [Reply(turn.t("safe.asked"))])
        else:
            answer = self.choose(turn, [words[o] for o in options])
        if answer is None:
            return self.not_understood(turn)
        chosen = options[answer]
        if chosen == "name":
            turn.data.pop("anonymous", None)
            return Go(State.NAME)
        turn.data.update(anonymous=chosen == "anonymous",
                         name=None if chosen == "anonymous" else profile)
        return Go(next_state(turn))


@register
class Name(Step):
    state = State.NAME
    goes_to = successors(State.IDENTITY)

    def prompt(self, turn: Turn) -> list[Reply]:
        # a wish to stay unknown ("sy gamau ketauan") is answered, not met with a bare "name?"
        return [Reply(turn.t("name.confidential" if turn.data.get("confidential") else "name"))]

    def handle(self, turn: Turn) -> Go:
        # "I'd rather not say" is no name, never stored as one
        wished = wish(turn.text) or ("anonymous" if declines(turn.text) else None)
        if wished == "anonymous":
            turn.data.update(anonymous=True, name=None)
            return Go(next_state(turn))
        if wished == "confidential":
            # "lho kok nama? sy mau dirahasiain": understood, and never taken for a name
            turn.data["confidential"] = True
            return Go(None, [Reply(turn.t("name.confidential"))], ask_next=False)
        if is_question(turn.text):
            return Go(None, [Reply(turn.t("name.why"))], ask_next=False)
        name = " ".join(turn.text.split())
        if is_filler(name) or not (2 <= len(name) <= 100) or not re.search(r"[^\W\d_]", name):
            return Go(None, [Reply(turn.t("name.invalid"))], ask_next=False)
        turn.data.update(name=name, anonymous=False)
        return Go(next_state(turn))   # a confidential wish said before the name is kept


@register
class Confidential(Step):
    """For complaints about officers or illegal fees: keep the identity from the group."""

    state = State.CONFIDENTIAL
    goes_to = frozenset({State.CONFIRM})

    def prompt(self, turn: Turn) -> list[Reply]:
        return [turn.ask("confidential", "confidential.yes", "confidential.no")]

    def handle(self, turn: Turn) -> Go:
        if set(core(turn.text)) <= {"jangan", "jgn", "jngn"}:
            # "jangan!" to "keep your identity secret?": don't keep it, or don't tell? A
            # whistleblower is never named openly on a guess: the question is asked again
            return self.not_understood(turn)
        if _NOT_SECRET.search(turn.text):
            # "ga usah dirahasiakan": was read as a wish for secrecy ("dirahasiakan")
            turn.data["confidential"] = False
            return Go(next_state(turn))
        answer = self.choose(turn, [turn.words("confidential.yes") + ["rahasiakan", "rahasia"],
                                    turn.words("confidential.no") + ["tidak perlu"]])
        if answer is None:
            answer = 0 if is_affirm(turn.text) or wish(turn.text) else \
                1 if is_deny(turn.text) or _OPENLY.search(said(turn.text)) else None
        if answer is None:
            return self.not_understood(turn)
        turn.data["confidential"] = answer == 0
        return Go(next_state(turn))
