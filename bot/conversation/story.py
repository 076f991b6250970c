"""The story: told in as many bubbles as the person likes, acknowledged once they pause."""
from __future__ import annotations

import re

from bot.conversation import draft, info, scope
from bot.conversation.asides import about_attachment
from bot.conversation.draft import TOPIC_TYPE, add_to_story, story
from bot.conversation.intake import asks_if_free
from bot.conversation.flow import next_state
from bot.conversation.step import ASKS_WHAT_NEXT, Step, register
from bot.conversation.turn import Go, State, Turn
from bot.conversation.understand import (
    asks_if_safe,
    is_affirm,
    is_closing,
    is_done,
    is_filler,
    is_none,
    is_question,
    said,
)
from bot.delicate import delicate_kind
from bot.messages import Reply

# Editing the story: what is typed is added; these words start it anew instead.
REWRITE_WORDS = {"tulis ulang", "ulang", "ulangi", "ganti", "ganti semua", "ganti cerita",
                 "tulis dari awal", "dari awal", "hapus", "hapus cerita", "rewrite", "start over",
                 "replace", "replace it", "write it again"}
EDIT_PREVIEW = 300
# Back at a story already told (after "status", a data request, the Resume question): a short
# preview of it, so the question reads as "is that all?", never as if nothing were told.
KEPT_PREVIEW = 120
# Channels where a story's first bubble is acknowledged at once: SMS has no typing indicator
# and no read marks, and silence there reads as a broken service (later bubbles wait for the
# pause, as on every channel).
ACKNOWLEDGED_AT_ONCE = frozenset({"sms"})
# Digits alone while the story is told or changed from the summary ("1", "2"): a menu choice or
# a slip more likely than a part of the story.
_DIGITS_ALONE = re.compile(r"\d{1,3}[.)]?")

# How long a complaint takes, asked in a few words during the story ("berapa lama prosesnya?",
# "how long does it take?"): a question about complaining, not part of what happened.
_HOW_LONG = re.compile(
    r"^((kira2|kira kira|kurang lebih|kalau|kalo|klo) )?(berapa|brp) lama( (prosesnya|proses|"
    r"diproses|ditanggapi|dibalas|ditindaklanjuti|ditangani|pengaduannya|ini|ya|sih|kira2|min|"
    r"kak|pak|bu|biasanya))*$|\bhow long (does|will|would|should) (this|it|that|my complaint|the "
    r"complaint|a complaint|my report)( usually| normally)? take\b|\bwhen will (i|we) (hear|get "
    r"(a|an) (reply|answer|response))\b")
# Who reads the complaint ("siapa yang baca pengaduan ini?", "who reads this?").
_WHO_READS = re.compile(r"\bsiapa (yang|yg) (baca|membaca|lihat|melihat|menangani|terima|"
                        r"menerima)\b|\bwho (reads|will read|sees|will see|handles|will handle)\b")
PROCESS_QUESTION_WORDS = 10
# A question about a service ("emang biasanya brp lama sih bikin paspor?", "biaya paspor
# berapa?"): answered as the information menu answers it, unless it tells of the person's own
# case ("kenapa paspor saya belum jadi?" is the grievance, asked).
SERVICE_QUESTION_WORDS = 14
_OWN_CASE = re.compile(r"\b(saya|sy|aku|ku|gue|gw|kami|kita|my|i|me|we|our|kenapa|knp|mengapa|"
                       r"napa|why|kok|masa|padahal|tadi|kemarin|kemaren|kmrn)\b")
# What went wrong in the person's own case ("kenapa", "padahal", "kemarin"): the grievance, asked.
_GRIEVANCE = re.compile(r"\b(kenapa|knp|mengapa|napa|why|kok|masa|padahal|tadi|kemarin|kemaren|"
                        r"kmrn|belum|blm|masih|still|yet|not|tidak|tdk|gak|ga|nggak|reject|"
                        r"rejected|ditolak|tolak)\b")
# A question of what to bring or do, asked in the first person ("what documents do I need to
# extend my KITAS?", "apa dokumen yang perlu untuk extend ITAS? saya ada passport"): about the
# service, answered like any other.
_HOW_TO = re.compile(r"\b(what|which|apa|how|bagaimana|gimana|gmn|cara|caranya)\b.*\b(need|needed|"
                     r"required|require|bring|do|documents?|dokumen|dokumennya|syarat|syaratnya|"
                     r"persyaratan|perlu|butuh|bawa|harus|wajib)\b|\b(do|can|should|must) (i|we) "
                     r"(need|bring|have|apply|extend|renew|get)\b|\b(syarat|syaratnya|"
                     r"persyaratan|requirements?)\b")

# Saying the story is finished in more words than "lanjut": "Sudah, itu saja cerita saya.",
# "cukup, itu saja ceritanya", "that's all from me". These words are set aside, and what is left
# must say "done".
_STORY_ENDING_WORDS = {"cerita", "ceritanya", "ceritaku", "kronologi", "kronologinya", "kisah",
                       "dari", "yang", "bisa", "saya", "sy", "aku", "from", "me", "my", "story",
                       "for", "now", "ya"}
ENDING_WORDS = 8
# Malay and chat forms of "saja" and "itu" in an ending: "itu je", "dah itu je", "tu aje".
_ENDING_FORMS = {"je": "saja", "jer": "saja", "jek": "saja", "aje": "saja", "sahaja": "saja",
                 "tu": "itu", "tuh": "itu"}
# "jd gmn", "trus gimana", "so what now": what happens now? (answered briefly, never the story).
_SO_HOW_ASKS = {"gimana", "gmn", "gmna", "gmana", "gimna", "bagaimana", "bgmn", "bgm", "camne",
                "camana", "how", "what", "now what", "what now", "what next", "macam mana"}
_SO_HOW_WORDS = _SO_HOW_ASKS | {"ok", "oke", "okay", "terus", "trus", "trs", "truss", "lalu",
                                "jadi", "jd", "jdi", "so", "and", "then", "now", "next", "skrg",
                                "sekarang", "selanjutnya", "berikutnya", "abis", "habis", "itu",
                                "ini", "nya", "macam", "mana", "happens", "do", "i", "we",
                                "langkahnya", "prosesnya", "apa", "lagi", "again", "min", "kak",
                                "pak", "bu", "ya", "sih", "nih", "dong", "boss", "bos"}
SO_HOW_WORDS = 6
# Repeating the wish to complain where the story is asked for: "Ya, saya ingin mengadu."
_WISH_TO_COMPLAIN = re.compile(
    r"^((ya|iya|ok|oke|baik|halo|min|kak|pak|bu) )*((saya|sy|aku|sya) )?(ingin|mau|mo|pengen|"
    r"pengin|hendak|akan) (mengadu|ngadu|melapor|lapor|komplain|complain|mengeluh|menyampaikan "
    r"(pengaduan|keluhan|aduan)|(buat|membuat|bikin) (pengaduan|laporan|aduan|komplain))"
    r"( (min|kak|pak|bu|ya|dong|nih|sih))*$|^((yes|ok|okay|hi) )*i (want|would like|d like) to "
    r"(complain|make a complaint|file a complaint|report)( please)?$")
# The wish in a few more words, with a Malay or English verb and "about this" after it: "ok saya
# nak buat complaint la pasal ni", "sy mau komplain soal ini", "I want to complain about this".
_WISH_MORE = re.compile(
    r"^((ya|iya|ok|oke|okay|baik|halo|hi|min|kak|pak|bu|boss|bos|jadi|jd|so|yes) )*"
    r"((saya|sy|aku|sya|i|we|kami) )?(ingin|mau|mo|nak|pengen|pengin|hendak|akan|nk|want to|"
    r"would like to|d like to|wanna|need to) ((buat|membuat|bikin|make|file|lodge|submit) (a )?)?"
    r"(complaint|complain|komplain|aduan|pengaduan|laporan|report|mengadu|ngadu|melapor|lapor|"
    r"mengeluh)( (la|lah|je|ja|sahaja|pasal|tentang|soal|mengenai|about|regarding|on|ni|ini|nih|"
    r"itu|this|it|hal|perkara|ya|min|kak|pak|bu|boss|bos|please|dong|sih|saja|aja))*$")


def process_answer(turn: Turn, text: str) -> str | None:
    """The short answer to a question about complaining asked during the story (is it free,
    how long, who reads it, is my name safe); None: not one (a question of the grievance,
    "kenapa paspor saya belum jadi?", is part of the story)."""
    if not is_question(text) or len(text.split()) > PROCESS_QUESTION_WORDS:
        return None
    s = said(text)
    if asks_if_safe(text) or _WHO_READS.search(s):
        return turn.t("safe.asked")
    if asks_if_free(text):
        return turn.t("complaint.free")
    if _HOW_LONG.search(s):
        return turn.t("describe.process.how_long")
    return None


def service_answer(turn: Turn, text: str) -> str | None:
    """The information answer to a question about a service asked during the story (how long
    a passport takes, its fee); None: not one, or a question of the person's own case."""
    if not is_question(text) or len(text.split()) > SERVICE_QUESTION_WORDS:
        return None
    s = said(text)
    own = _OWN_CASE.search(s) and (_GRIEVANCE.search(s) or not _HOW_TO.search(s))
    if own or delicate_kind(text):
        return None
    answer = info.answer_for(turn, text)
    return answer.text if answer is not None else None


def ends_story(text: str) -> bool:
    """'lanjut', and the story said to be finished: 'Sudah, itu saja cerita saya.', 'cukup',
    "that's all from me", 'itu je', 'dah itu je' (never added to the story)."""
    if is_done(text):
        return True
    ws = said(text).split()
    if not ws or len(ws) > ENDING_WORDS:
        return False
    ws = [_ENDING_FORMS.get(w, w) for w in ws]
    if is_done(" ".join(ws)):
        return True
    rest = [w for w in ws if w not in _STORY_ENDING_WORDS]
    return bool(rest) and len(rest) < len(ws) and is_done(" ".join(rest))


# Nothing more to tell, in the words every other question's "Lewati" taught: "lewati", "skip",
# "tidak ada", "gak ada (lagi)". Not "lupa" or "gatau" (not knowing is no ending).
_NOT_KNOWING = re.compile(r"\b(tau|tahu|tao|know|knw|lupa|entah|idk|sure|idea|unknown|gatau|"
                          r"gatahu|gtau|gktau|gaktau)\b")
NOTHING_MORE_WORDS = 4


def nothing_more(text: str) -> bool:
    """'lewati', 'skip', 'tidak ada', 'gak ada lagi', 'nothing': nothing to add to the story."""
    s = said(text)
    return bool(s) and len(s.split()) <= NOTHING_MORE_WORDS and is_none(text) and \
        _NOT_KNOWING.search(s) is None


def repeats_wish(text: str) -> bool:
    """'Ya, saya ingin mengadu.', 'I want to complain', 'ok saya nak buat complaint la pasal ni':
    the wish again, not the story."""
    s = said(text)
    return bool(_WISH_TO_COMPLAIN.match(s) or _WISH_MORE.match(s))


def asks_what_next(text: str) -> bool:
    """'jd gmn', 'trus gimana', 'so what now': what happens now? (a question of the process,
    not the story; a story that ends so, "paspor sy blm jadi jd gmn", is the story)."""
    s = said(text)
    ws = s.split()
    if not ws or len(ws) > SO_HOW_WORDS or not all(w in _SO_HOW_WORDS for w in ws):
        return False
    return any(w in _SO_HOW_ASKS for w in ws) or any(p in s for p in _SO_HOW_ASKS if " " in p)


# At the draft's questions too: what the complaint still needs (`step.Step.aside`).
ASKS_WHAT_NEXT.append(asks_what_next)


def pause_question(turn: Turn) -> Reply:
    """'Sudah semua? Balas lanjut, atau tambahkan cerita.'"""
    return Reply(turn.t("describe.more"))


def after_story(turn: Turn) -> State:
    """The story is complete: propose its type, list the types, or say it is not ours."""
    turn.data.pop("asked_done", None)
    if turn.data.get("editing") and turn.data.get("type"):
        return next_state(turn)
    reading = turn.reading(story(turn))
    for key in ("predicted", "proposal", "suggested", "scope_office"):
        turn.data.pop(key, None)
    if reading is not None and reading.is_type(turn.config.complaint_types):
        turn.data["predicted"] = {"type": reading.intent, "confidence": reading.confidence,
                                  "model_version": reading.model_version}
    insisted = turn.data.get("scope_insisted")
    if scope.out_of_scope(turn, reading, story(turn)) and not insisted:
        return State.SCOPE
    proposal = reading.proposal if reading is not None else None
    told = delicate_kind(story(turn))
    sensitive = turn.config.sensitive_types
    suggested = told if told in sensitive and told in turn.config.complaint_types and (
        proposal not in sensitive or (told == "pungli" and proposal != told)) else None
    office = None if insisted else scope.other_office(turn, story(turn))
    if office is not None:
        # Tunon Taka is Nunukan's: asked whether it is ours; filed here, the list of types
        # suggests the one the story reads as ("ya" takes it)
        turn.data["scope_office"] = office
        if suggested or proposal:
            turn.data["suggested"] = suggested or proposal
        return State.SCOPE
    if suggested:
        # a levy or an officer's conduct told in words the model is unsure of, or beside the
        # service sought: the office's priority rule suggests the type (levy first, then
        # conduct) above the list, "ya" takes it
        turn.data["suggested"] = suggested
        return State.TYPE_CHOOSE
    if proposal:
        turn.data["proposal"] = proposal
        return State.TYPE_CONFIRM
    topic = turn.data.get(TOPIC_TYPE)
    if topic in turn.config.complaint_types:
        # "sy mau ngadu soal paspor", then the story: the type its topic named, above the list
        turn.data["suggested"] = topic
    return State.TYPE_CHOOSE


@register
class Describe(Step):
    """The complainant tells what happened, in as many bubbles as they like."""

    state = State.DESCRIBE
    help_key = "help.describe"
    goes_to = frozenset({State.TYPE_CONFIRM, State.TYPE_CHOOSE, State.SCOPE, State.CONFIRM})

    def prompt(self, turn: Turn) -> list[Reply]:
        if turn.data.get("story_edit") and turn.data.get("story"):
            told = story(turn)
            shown = told if len(told) <= EDIT_PREVIEW else told[:EDIT_PREVIEW].rstrip() + "…"
            return [Reply(turn.t("describe.edit", story=shown))]
        if turn.data.get("story"):
            # the story is kept: said so, and its own question asked ("ya" then ends it)
            told = " ".join(story(turn).split())
            shown = told if len(told) <= KEPT_PREVIEW else \
                told[:KEPT_PREVIEW].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
            turn.data["asked_done"] = True
            return [Reply(turn.t("describe.kept", story=shown))]
        return [Reply(turn.t("describe"))]

    @classmethod
    def may_classify(cls, text: str) -> bool:
        return ends_story(text) or is_affirm(text)

    def nlu_text(self, text: str, data: dict) -> str | None:
        """'lanjut' after a story: the whole story is classified."""
        if not self.may_classify(text) or not data.get("story"):
            return None
        if data.get("editing") and data.get("type"):
            return None
        return "\n".join(data["story"])

    def handle(self, turn: Turn) -> Go:
        text = turn.text
        told = bool(turn.data.get("story"))
        if not text:   # media alone: the engine has kept it as evidence already
            return Go(None, turn.media_kept(), ask_next=False)
        if about_attachment(text) and (turn.inbound.media or turn.data.get("attachments")):
            # "ini fotonya min" with the photo: it points at the file (kept as evidence) and
            # tells nothing of what happened; no line of the story, nor of the group's summary
            said_ = turn.media_kept() if turn.inbound.media else [Reply(turn.t("media.noted"))]
            return Go(None, said_, ask_next=False, later=pause_question(turn) if told else None)
        if turn.data.get("story_edit") and said(text) in REWRITE_WORDS:
            # "tulis ulang": the story told anew (the old one stays for "kembali")
            turn.data["story"] = []
            turn.data.pop("story_edit", None)
            return Go(None, [Reply(turn.t("describe.rewrite"))], ask_next=False)
        if turn.data.get("story_edit") and _DIGITS_ALONE.fullmatch(text):
            # "2" after Ubah > Cerita: asked, never added to the story
            return Go(None, [Reply(turn.t("describe.digits", number=text.rstrip(".)")))],
                      ask_next=False)
        if _DIGITS_ALONE.fullmatch(text.strip()):
            # "1" (a menu choice, a slip) while the story is told: never part of it, asked
            if told:
                turn.data["asked_done"] = True
            key = "describe.digits.told" if told else "describe.digits.empty"
            return Go(None, [Reply(turn.t(key, number=text.rstrip(".)")))], ask_next=False)
        explained = self.explain(turn)
        if explained is not None:
            # "?", "maksudnya?": what to write here, with an example (never the pause line
            # again, word for word)
            if told:
                turn.data["asked_done"] = True
            return explained
        answer = process_answer(turn, text) or service_answer(turn, text)
        if answer is not None:
            # "ini gratis kan?", "biaya paspor berapa?": answered, never added to the story; the
            # story goes on
            if told:
                turn.data["asked_done"] = True
            follow = pause_question(turn).text if told else turn.t("describe.waiting")
            return Go(None, [Reply(answer + "\n\n" + follow)], ask_next=False)
        if asks_what_next(text):
            # "jd gmn", "so what now": what happens next, briefly; never part of the story
            if told:
                turn.data["asked_done"] = True
            key = "describe.what_next" if told else "describe.what_next.empty"
            return Go(None, [Reply(turn.t(key))], ask_next=False)
        asked = turn.nudge_seen or turn.data.get("asked_done")
        if ends_story(text) or nothing_more(text) or (told and asked and is_affirm(text)):
            # ("lewati" at "add more or reply *lanjut*": nothing more, as "lanjut"; it was
            # added to the story, unanswered, 2026-12-05)
            if not told:
                return Go(None, [Reply(turn.t("describe.empty"))], ask_next=False)
            return Go(after_story(turn))
        if is_filler(text) or repeats_wish(text):
            # "ok", "halo??", "ya", "ya, saya ingin mengadu": never part of the story, always
            # answered
            if not told:
                return Go(None, [Reply(turn.t("describe.waiting"))], ask_next=False)
            turn.data["asked_done"] = True
            return Go(None, [pause_question(turn)], ask_next=False)
        if told and is_closing(text):
            # "mohon ditindaklanjuti" ends a letter: kept with the story, and the story is told
            add_to_story(turn, text)
            return Go(after_story(turn))
        if not add_to_story(turn, text):
            return Go(None, [turn.ask("describe.too_long", "continue")], ask_next=False)
        if not told and turn.inbound.channel in ACKNOWLEDGED_AT_ONCE:
            # SMS shows no typing and no read marks: the first bubble is answered at once, the
            # later ones after the pause, as elsewhere
            return Go(None, [Reply(turn.t("describe.noted.sms"))], ask_next=False)
        if told and turn.data.pop(draft.NOTED, None):
            # the story was begun from a message at the menu ("Dicatat sebagai awal
            # pengaduan"): the first thing added is acknowledged at once, once, so the quiet
            # while the next bubbles are collected is not read as a broken bot
            return Go(None, [Reply(turn.t("describe.added"))], ask_next=False)
        return Go(None, [], ask_next=False, later=pause_question(turn))
