"""Asides while a draft's question waits: a word about an attachment, more of the story."""
from __future__ import annotations

import re

from bot.conversation.draft import add_to_story
from bot.conversation.turn import Go, State, Turn
from bot.conversation.understand import PARTICLES, is_question, said
from bot.messages import Reply

# "itu buktinya", "ini kwitansinya", "foto petugasnya ya min", "here is the receipt": words that
# only point at an attachment sent with them or just before.
_THINGS = frozenset("""
bukti buktinya foto fotonya poto potonya gambar gambarnya kwitansi kwitansinya kuitansi
kuitansinya struk struknya nota notanya screenshot screenshotnya ss ssnya ss an tangkapan layar
dokumen dokumennya video videonya rekaman rekamannya vn lampiran lampirannya berkas berkasnya
file filenya pdf pdfnya proof evidence photo photos picture pictures pic pics image images receipt
receipts screenshots document documents recording attachment attachments files voice note
""".split())
_POINTING = frozenset("""
ini itu ni tu nih tuh berikut terlampir diatas atas tadi here is are s this that these those
attached it the my a an sy saya aku ku adalah yaitu dari of for from to and dan sama juga
dikirim terkirim sent i ve have just sudah udah udh sdh dah barusan already ok oke okay baik
transfer pembayaran bayar payment tf loket antrian petugas petugasnya officer kejadian
kejadiannya chat percakapan
""".split())

_SENT = frozenset({"sudah", "udah", "udh", "sdh", "dah", "tadi", "barusan", "already", "just",
                   "ve", "have"})
_SEND = frozenset({"kirim", "kirimkan", "send"})


def about_attachment(text: str) -> bool:
    """Words that only point at an attachment ("itu buktinya", "ini kwitansinya", "here is the
    receipt"): never the answer to a question, nor the story."""
    tokens = said(text).split()
    if not tokens or len(tokens) > 6 or is_question(text):
        return False
    # "sudah saya kirim fotonya" tells; "kirim foto" (to send one) asks
    sent = _SENT & set(tokens)
    return any(t in _THINGS for t in tokens) and all(
        t in _THINGS or t in _POINTING or t in PARTICLES or (sent and t in _SEND)
        for t in tokens)


# "oh iya satu lagi, …", "tambahan: …", "lupa bilang, …", "one more thing, …": more of the story,
# said when another question is waiting.
_MORE = re.compile(r"^(?:\w+ ){0,3}?(satu lagi|1 lagi|tambahan|tambah lagi|nambahin|mau nambah|"
                   r"lupa bilang|lupa cerita|lupa sy bilang|lupa saya bilang|ada lagi|selain itu|"
                   r"one more thing|i forgot to (?:say|mention|tell)|in addition)\b")
MORE_WORDS = 5
# Questions that take a short answer of their own: a word more of the story is not one.
_ASKING = frozenset({State.TYPE_CONFIRM, State.TYPE_CHOOSE, State.REFERENCE, State.WHEN,
                     State.WHERE, State.WHERE_OTHER, State.WHO, State.OUTCOME, State.IDENTITY,
                     State.NAME, State.CONFIDENTIAL, State.CONFIRM, State.EDIT})
# Where a word about an attachment is noted, and the question asked again (while the story is
# told, a photo's caption or word is part of it: it says what the photo shows).
_NOTED = _ASKING | {State.EVIDENCE, State.CANCEL, State.RESUME}


# A message this long at a question is more of the story (every answer but the story is kept to
# at most this many characters: the rest would be lost).
LONG = 1000


def adds_more(text: str) -> bool:
    """'oh iya satu lagi, petugasnya juga kasar ke ibu-ibu': more of the story, so marked; or a
    message longer than any answer is kept."""
    plain = said(text)
    if len(text) > LONG:
        return True
    return len(plain.split()) >= MORE_WORDS and not is_question(text) and \
        _MORE.search(plain) is not None


def aside(turn: Turn, state: State) -> Go | None:
    """A word about an attachment, or more of the story, at one of the draft's questions:
    noted, and the question asked again (never stored as its answer). None: for the step."""
    text = turn.text
    if state in _NOTED and about_attachment(text) and (
            turn.inbound.media or turn.data.get("attachments")):
        if turn.inbound.media and state is State.EVIDENCE:
            return None             # the step counts it
        if state is State.EVIDENCE:
            count = len(turn.data.get("attachments", []))
            return Go(None, [turn.ask("evidence.received", "continue", count=count)],
                      ask_next=False)
        say = [] if turn.inbound.media else [Reply(turn.t("media.noted"))]
        return Go(None, say)
    if state in _ASKING and adds_more(text):
        if add_to_story(turn, text):
            return Go(None, [Reply(turn.t("story.added"))])
    return None
