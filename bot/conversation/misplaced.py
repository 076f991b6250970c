"""Answers that are clearly not of the kind asked: a name at "when?", a wish to complain or a
sentence of the story at "when?", "where?" or "who?", contact details, a caption that describes
its file. Never stored as the answer, however often sent (`Step.stuck` offers the way out after
repeated failures)."""
from __future__ import annotations

import re

from bot.conversation.draft import add_to_story
from bot.conversation.turn import Turn
from bot.conversation.understand import (is_done, is_filler, is_none, menu_wish, said,
                                         says_send, says_wait, wish_topic, words)
from bot.conversation.when import names_time
from bot.identity import anonymised
from bot.messages import Reply
from bot.traces import MASK, redact_numbers

# A person's name at "when?": one to four words, each a capitalised word of letters only
# ("Siti Aminah", "REZA"); a word of time ("Senin", "Lebaran") makes it a time.
NAME_MAX_WORDS = 4
_CAPITALISED = re.compile(r"[A-Z][A-Za-z'’-]*")

# A sentence of the story: about the person's own passport, permit or application ("PASPOR GW
# BLM JD", "my passport is still not ready", "kata petugas…"), saying how it stands, and naming
# no officer, counter or place (which would answer "who?" or "where?").
STORY_MIN_WORDS = 5
_OWN_MATTER = re.compile(
    r"\b(paspor|paspornya|passport|visa|visanya|kitas|kitap|itas|itap|permohonan|permohonannya|"
    r"berkas|berkasnya|izin tinggal|application|permit)( anak)? (gw|gue|gua|saya|sy|aku|ak|ku|"
    r"kami|anak)\b|\bmy (passport|visa|kitas|kitap|application|permit|stay permit)\b|"
    r"\bkatanya\b|\bkata (petugas|petugasnya|orang|mereka|dia)\b|\bthey said\b|\bi was told\b")
_HOW_IT_STANDS = re.compile(
    r"\b(blm|belum|blom|udh|udah|sudah|sdh|dah|ditolak|rusak|error|lama|nunggu|menunggu|"
    r"tunggu|jd|jadi|selesai|katanya|not|still|refused|rejected|waiting|broken|down|weeks?|"
    r"days?|months?|minggu|mgg|hari|bulan|bln)\b")
_NAMES_PARTY_OR_PLACE = {
    "petugas", "pegawai", "staf", "staff", "satpam", "security", "officer", "officers", "calo",
    "loket", "counter", "konter", "desk", "meja", "pintu", "gate", "ruang", "ruangan", "room",
    "lantai", "floor", "bagian", "unit", "seksi", "kantor", "kanim", "office", "pelabuhan",
    "bandara", "airport", "seaport", "port", "parkir", "parkiran", "toilet", "lobby", "lobi",
    "terminal", "pak", "bapak", "bu", "ibu", "mas", "mbak", "orangnya", "dia", "beliau", "man",
    "woman", "lady", "guy"}


def looks_like_name(text: str) -> bool:
    """A person's name, not a time: "Siti Aminah", "REZA" ("Senin", "10 Nov" are times)."""
    tokens = text.split()
    if not 1 <= len(tokens) <= NAME_MAX_WORDS or names_time(text) or is_none(text) or \
            is_filler(text) or is_done(text):
        return False
    return all(_CAPITALISED.fullmatch(t.strip(".,")) for t in tokens)


def wants_to_report(text: str) -> bool:
    """A wish to complain (again), naming nothing: "MIN GW MAU LAPOR LG", "I want to report"."""
    return menu_wish(text) == ("complain", True) and not wish_topic(text)


def tells_story(text: str) -> bool:
    """A sentence of the story, not an answer to "when?", "where?" or "who?"."""
    s = said(text)
    if len(s.split()) < STORY_MIN_WORDS or names_time_only(text):
        return False
    if set(words(text)) & _NAMES_PARTY_OR_PLACE:
        return False
    return _OWN_MATTER.search(s) is not None and _HOW_IT_STANDS.search(s) is not None


def names_time_only(text: str) -> bool:
    """Short enough to be a time and naming one ("2 minggu lalu")."""
    return len(said(text).split()) <= 3 and names_time(text)


# A caption that says what its file is ("ini foto kuitansi pembayaran di bank kemarin", "ini
# kuitansi dari calo", "here is the receipt from the broker"): it may name a day, a place or a
# type of service, but it describes the file, and answers no question.
_DESCRIBES_FILE = re.compile(
    r"^(?:(?:ini|itu|nih|ni|tuh|berikut|terlampir|here is|here s|here are|this is|these are|"
    r"attached is|attached|sy kirim|saya kirim|i send|i m sending)\s+)?"
    r"(?:(?:adalah|merupakan|the|my|a|an)\s+)?"
    r"(?:foto|fotonya|poto|potonya|gambar|gambarnya|kuitansi|kuitansinya|kwitansi|kwitansinya|"
    r"bukti|buktinya|struk|struknya|nota|notanya|screenshot|screenshotnya|ss|ssan|"
    r"tangkapan layar|dokumen|dokumennya|video|videonya|rekaman|rekamannya|lampiran|berkas|"
    r"berkasnya|file|filenya|pdf|pdfnya|scan|scanan|photo|photos|picture|pic|image|receipt|"
    r"screenshots|document|recording|proof|evidence|invoice)\b")


def describes_file(text: str) -> bool:
    """A file's caption that says what the file is; "kemarin jam 10" or "2" with a photo are
    answers."""
    return _DESCRIBES_FILE.search(said(text)) is not None


_MAIL_AT = re.compile(r"\w@\w")     # an e-mail's @ (a @username at "who?" names the party)


def gives_contact(text: str) -> bool:
    """A phone number or an e-mail address, which people paste expecting to be called back:
    never the time, place or party (in a field of an anonymous complaint it would name the
    person). Found as the officers' copies and the anonymised words mask them."""
    if MASK in text:
        return False
    return MASK in redact_numbers(text, whole=True) or (
        _MAIL_AT.search(text) is not None and MASK in anonymised(text, (), None, None))


# Words that only frame one's own contact details ("no hp saya 0812…", "my e-mail is …"): with
# nothing else, the message names no one at "who?" (where "calo Andi 0812…" does).
_CONTACT_FRAME = {"no", "nomor", "nomer", "nmr", "hp", "wa", "whatsapp", "telp", "telpon",
                  "telepon", "tlp", "email", "e", "mail", "saya", "sy", "aku", "ku", "gw", "my",
                  "number", "phone", "mobile", "is", "di", "ke", "hubungi", "hub", "contact",
                  "me", "at", "ini", "this", "bisa", "boleh", "silakan", "call", "reach", "dan",
                  "and", "atau", "or", "ya", "pak", "bu", "min", "kak", "aja", "saja", "here"}


def only_contact(text: str) -> bool:
    """Contact details and nothing more ("081355554444", "email saya dewi@gmail.com"): the
    person's own, expecting to be called back; never the party at "who?"."""
    if not gives_contact(text):
        return False
    rest = redact_numbers(anonymised(text, (), None, None), whole=True).replace(MASK, " ")
    return all(w in _CONTACT_FRAME for w in words(rest))


_LONE_NUMBER = re.compile(r"(\d{1,2})[.)]?")


def beyond_choices(text: str, question: list[Reply]) -> int | None:
    """The number of choices `question` offers when `text` is a bare number beyond them ("4"
    where 1-3 are offered), else None."""
    found = _LONE_NUMBER.fullmatch(text.strip())
    offered = sum(len(reply.choices) for reply in question)
    if found is None or not offered or int(found.group(1)) <= offered:
        return None
    return offered


def not_an_answer(turn: Turn, question: list[Reply], name_is_wrong: bool = False
                  ) -> list[Reply] | None:
    """What to say when the message is clearly no answer to `question` (the question again
    after it): a wish to complain is answered, a sentence of the story joins the story (and
    that is said), a name at "when?" (`name_is_wrong`) is said to be one. None: it may be
    the answer (the step reads it)."""
    text = turn.text or ""
    if not text.strip():
        return None
    if wants_to_report(text):
        return [Reply(turn.t("draft.report_again")), *question]
    if says_send(text) or says_wait(text):
        # "gas", "lanjut", "ok lanjut" typed as at the summary, "tunggu": a go-ahead (or not
        # yet), never the time, place or party ("Tempat: gas")
        return [Reply(turn.t("answer.go_word")), *question]
    offered = beyond_choices(text, question)
    if offered is not None:
        # "4" where 1-3 are offered: a choice mistyped, never stored as "Waktu: 4"
        return [Reply(turn.t("answer.out_of_range", n=offered)), *question]
    if tells_story(text):
        key = "story.added" if add_to_story(turn, text) else "story.full"
        return [Reply(turn.t(key)), *question]
    if name_is_wrong and looks_like_name(text):
        return [Reply(turn.t("when.a_name")), *question]
    return None
