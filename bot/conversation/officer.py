"""Talking to an officer: the request, the person's messages relayed to it, and leaving it.

After "Bicara dengan petugas" the conversation is in OFFICER: whatever the person writes is kept
and relayed to the officers (the notifier batches relays: at most one officers' message per
request per minute), never read as a new complaint. The request stays live after an officer's
answer (/pesan), so the person's reply reaches the officers too. It ends when an officer closes
it (/tutup), or the person says *selesai* (closed); *menu* leaves the chat but keeps the request
with the officers, and an officer's answer brings the person back into it.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Callable, Sequence

from bot.conversation import deadline, draft, filed, info, scope, status
from bot.conversation.choices import pick
from bot.conversation.step import REGISTRY, Step, register
from bot.conversation.turn import BUTTON_CHANNELS, DRAFT_STATES, Go, State, Turn
from bot.conversation.understand import (GREETINGS, PARTICLES, asks_if_safe, grievance,
                                         is_calling, is_greeting, menu_wish, said)
from bot.concealed import is_pin_alone
from bot.dates import format_local
from bot.deadlines import DeadlineStated
from bot.delicate import delicate
from bot.events import OfficerChatEnded, OfficerRequested, PersonWrote
from bot.identity import Mode, complainant_actor, mode_of
from bot.messages import Choice, Reply
from bot.notify import NO_CODE, group_code, leaders_talk, talk_handle, to_person
from bot.sop.stages import Stage
from bot.tickets import find_pin, find_ticket
from bot.traces import MASK, redact_numbers
from storage.models import StageEvent

if TYPE_CHECKING:
    from storage.models import Complainant
    from storage.repo import Unit

# The person is done talking to the officers: the request is closed.
END_WORDS = {"selesai", "sudah selesai", "udah selesai", "udh selesai", "cukup", "sudah cukup",
             "udah cukup", "cukup itu saja", "cukup itu aja", "akhiri", "tutup", "keluar",
             "done", "finish", "finished", "end", "end chat", "exit", "quit", "i m done",
             "im done", "that s all", "thats all", "selesai min", "cukup min", "udah itu aja",
             "sudah itu saja", "itu saja", "itu aja"}
# Asking again for an officer while talking to them joins (or renews) the request.
ASK_WORDS = {"4", "petugas", "officer", "bicara dengan petugas", "talk to an officer",
             "minta petugas", "cs", "admin"}
# States a person may be brought back into the officers' chat from by an officer's answer.
IDLE_STATES = {State.MENU.value, State.INFO.value, State.STATUS_TICKET.value,
               State.STATUS_PIN.value, State.OFFICER.value}


def when_text(turn: Turn) -> str:
    """When an answer can be expected: during service hours; outside them, from the opening."""
    hours = turn.services.hours
    if hours.is_open(turn.now):
        return turn.t("officer.when_open", hours=info.hours_text(turn))
    opening = hours.next_opening(turn.now)
    return turn.t("officer.when_closed", opening=format_local(opening, turn.lang),
                  hours=info.hours_text(turn))


def talk_text(turn: Turn, key: str, **values: Any) -> str:
    """A text of the talk as the person reads it: a talk only the leaders answer
    (`notify.leaders_talk`, this message counted) is named by its own R-code, the one the
    leaders read, never the P-code the group may have read beside the person's name, and says
    "pimpinan kantor", not "petugas" (`notify.to_person`); any other names their P-code."""
    leaders = leaders_talk(turn.unit, turn.config, turn.complainant.id, turn.text or "")
    code = talk_handle(turn.unit, turn.complainant.id, leaders)
    return to_person(turn.t(key, code=code, **values), turn.lang, leaders)


# How the story of an unsent complaint reads in the talk it goes with (`relay_draft`).
DRAFT_STORY = "📝 Cerita pengaduan yang sedang ditulisnya (belum dikirim): "


def request(turn: Turn, told: bool = False) -> Go:
    """One request per person: a repeat joins the open one, and the officers hear only once.
    `told`: the message asking for an officer also says what about; it is handed to them.
    A new request made while a complaint is being written carries its story (`relay_draft`)."""
    found, new = turn.unit.ask_for_officer(turn.complainant.id, turn.inbound.channel, turn.now)
    turn.data.pop("officer_waited", None)
    for_leaders_if_drafted(turn, found.id)
    if new:
        turn.events.append(OfficerRequested(turn.complainant.id, turn.inbound.channel,
                                            turn.inbound.address, found.id))
    story = relay_draft(turn, found.id) if new else None
    if (told and relay(turn)) or story:
        # a number in what was passed on: not passed on
        hidden = number_hidden(turn, [turn.text if told else None, story])
        return Go(State.OFFICER, [Reply(talk_text(turn, "officer_requested.told",
                                                  when=when_text(turn)))]
                  + ([hidden] if hidden is not None else []), ask_next=False)
    key = "officer_requested" if new else "officer_requested.already"
    return Go(State.OFFICER, [Reply(talk_text(turn, key, when=when_text(turn)))],
              ask_next=False)


def follow_up(turn: Turn, ticket: str, purpose: str,
              kept: Sequence[dict[str, Any]] | None = None) -> Go:
    """The person came back to a complaint already filed (`ticket`): more evidence or details
    for it ("add"; "told" when this message tells them), a wish to withdraw it ("withdraw"),
    or, at the rating question, that the outcome did not settle it ("objection") or a question
    about it ("question"). Nothing of it belongs in a new draft: it goes to the officers as a
    talk-to-officer request that says why, with this message (its words, its files) relayed
    at once; the person is told where it went. `kept`: earlier messages to relay instead of
    this one (`filed.KEY`'s "said": id, text, files), once the person said they are about it;
    what they came to do is what those messages said (a withdrawal stays one)."""
    if kept is not None and purpose == "told":
        purpose = filed.purpose_of(turn, list(kept))
    found, new = turn.unit.ask_for_officer(turn.complainant.id, turn.inbound.channel, turn.now)
    for_leaders_if_drafted(turn, found.id)
    if new:
        why = "add" if purpose == "told" else purpose
        turn.events.append(OfficerRequested(turn.complainant.id, turn.inbound.channel,
                                            turn.inbound.address, found.id, purpose=why,
                                            ticket=ticket))
    turn.data[FOLLOWED_UP] = {"request": found.id, "ticket": ticket}
    if kept is None:
        relay(turn, ticket)
        media = bool(turn.inbound.media)
    else:
        for message in kept:
            relay_kept(turn, message, ticket)
        media = any(message["files"] for message in kept)
    _on_the_trail(turn, ticket, purpose)
    key = "follow_up.media" if purpose in ("add", "told") and media else \
        f"follow_up.{purpose}"
    if purpose == "withdraw" and any(gives_reason(x) for x in (
            [turn.text] if kept is None else [m["text"] for m in kept if filed.withdraws(
                m["text"] or "")])):
        key = "follow_up.withdraw.reason"        # never asked for a reason already given
    hidden = number_hidden(turn, None if kept is None else [m["text"] for m in kept])
    return Go(State.OFFICER, [Reply(talk_text(turn, key, ticket=ticket,
                                              when=when_text(turn)))]
              + ([hidden] if hidden is not None else []), ask_next=False)


# The words of a wish to withdraw that say nothing of why ("saya mau cabut laporan saya aja").
_WITHDRAW_WORDS = {
    "saya", "sy", "aku", "ku", "mau", "ingin", "pengen", "pingin", "minta", "tolong", "mohon",
    "pak", "bu", "min", "kak", "bos", "boss", "dong", "deh", "aja", "saja", "sj", "aj", "ya",
    "yah", "sih", "nih", "kok", "cabut", "mencabut", "dicabut", "cabutkan", "tarik", "menarik",
    "ditarik", "batal", "batalkan", "batalin", "dibatalkan", "membatalkan", "hapus", "hapuskan",
    "dihapus", "menghapus", "laporan", "laporannya", "pengaduan", "pengaduannya", "aduan",
    "aduannya", "komplain", "komplainnya", "keluhan", "keluhannya", "tadi", "kemarin", "yang",
    "yg", "itu", "ini", "tiket", "ticket", "sekarang", "segera", "skrg", "i", "want", "to", "d",
    "would", "like", "please", "pls", "withdraw", "cancel", "retract", "delete", "my", "the",
    "this", "complaint", "report", "it", "now", "just", "trk",
    # everyday and Malay filler: "sy nak tarik balik laporan", "tarik kembali aduan abang",
    # "gak jadi lapor", "tak jadi melapor la"
    "nak", "mahu", "hendak", "balik", "kembali", "jadi", "jd", "gak", "ga", "gk", "nggak",
    "ngga", "tidak", "tdk", "tak", "lapor", "melapor", "laporkan", "melaporkan", "ngadu",
    "mengadu", "abang", "abg", "bg", "adik", "dik", "encik", "cik", "tuan", "puan", "je", "la"}
# Words that give a reason even alone ("takut", "sudah", "because").
_REASON_WORDS = {"karena", "krn", "karna", "soalnya", "sebab", "takut", "sudah", "udah", "udh",
                 "sdh", "dah", "because", "since", "afraid", "already", "resolved", "selesai"}


def gives_reason(text: str | None) -> bool:
    """Whether a wish to withdraw also says why ("cabut laporan saya, paspornya udah jadi"):
    two words or more beside the wish itself, or a word that gives a reason."""
    rest = [w for w in said(re.sub(r"TRK-\w+-\w+", " ", text or "", flags=re.I)).split()
            if w not in _WITHDRAW_WORDS and w not in PARTICLES]
    return len(rest) >= 2 or any(w in _REASON_WORDS for w in rest)


# The line a follow-up leaves in the complaint's audit trail (no identity: the request's code).
TRAIL_NOTES = {"add": "Pelapor mengirim keterangan atau bukti tambahan",
               "told": "Pelapor mengirim keterangan atau bukti tambahan",
               "withdraw": "Pelapor meminta pengaduan dicabut",
               "objection": "Pelapor menyatakan pengaduan belum terselesaikan",
               "question": "Pelapor bertanya tentang hasil pengaduan"}


def _on_the_trail(turn: Turn, ticket: str, purpose: str) -> None:
    """Leadership can later see on the complaint itself that the person came back to it, and
    why (the words are with the request: `/pesan`, `/bukti T-…`)."""
    complaint = turn.unit.complaint_by_ticket(ticket)
    if complaint is None:
        return
    leaders = leaders_talk(turn.unit, turn.config, turn.complainant.id, turn.text or "")
    # the trail is read by the group (/lihat): the code it reads for the talk, the same rule
    # for everyone (`notify.group_code`: T-N, or the ticket a /balas asked on)
    code = (talk_handle(turn.unit, turn.complainant.id, leaders) if leaders
            else group_code(turn.unit, turn.complainant.id)).replace(NO_CODE, "-")
    turn.unit.add_stage_event(StageEvent(
        complaint_id=complaint.id, actor=complainant_actor(turn.complainant.id),
        actor_role="complainant", from_stage=complaint.stage, to_stage=complaint.stage,
        note=f"{TRAIL_NOTES[purpose]} (lewat permintaan {code})", at=turn.now,
        action="follow_up"))


# In the conversation's data: the complaint a follow-up's talk is about ({"request": its id,
# "ticket"}): files sent later in that talk are that complaint's evidence.
FOLLOWED_UP = "followed_up"


def evidence_for(turn: Turn, request_id: int, files: Sequence[int], text: str | None,
                 ticket: str | None) -> None:
    """Files relayed in a talk about a complaint of the person's own (the ticket the message
    names, else `ticket`, else the one the talk's follow-up was about) join its evidence, so
    `/bukti TICKET`, its evidence count and its report have them; before, a photo sent the day
    after filing ("bukti tambahan TRK-…") stayed with the talk alone."""
    if not files:
        return
    about = turn.data.get(FOLLOWED_UP) or {}
    ticket = find_ticket(text or "", turn.config.office.code) or ticket or (
        about.get("ticket") if about.get("request") == request_id else None)
    complaint = turn.unit.complaint_by_ticket(ticket, history=False) if ticket else None
    if complaint is not None and complaint.complainant_id == turn.complainant.id:
        turn.unit.link_attachments(list(files), complaint.id)


def relay(turn: Turn, ticket: str | None = None) -> bool:
    """Hand this message to the person's live request (False: there is none). `ticket`: the
    complaint it is about, when known (else their open one, for a deadline it states)."""
    live = turn.unit.live_contact_request(turn.complainant.id)
    if live is None:
        return False
    for_leaders_if_drafted(turn, live.id)
    media = len(turn.inbound.media)
    if media and turn.data.get("attachments"):        # kept with the message, not a draft
        evidence_for(turn, live.id, turn.data["attachments"][-media:], turn.text, ticket)
        turn.data["attachments"] = turn.data["attachments"][:-media] or []
        if not turn.data["attachments"]:
            turn.data.pop("attachments")
    turn.events.append(PersonWrote(turn.complainant.id, live.id, turn.message_id, turn.text,
                                   media))
    deadline_told(turn, turn.message_id, turn.text, ticket)
    return True


def relay_draft(turn: Turn, request_id: int) -> str | None:
    """The story of a complaint being written, handed to the talk asked for meanwhile ("I HAVE
    BEEN WAITING AT THE PORT FOR 4 HOURS … I want to speak to an officer NOW", then "Can I talk
    to an officer please?"): before, the officers read only the request, and had to ask what
    happened. Masked as any relay is, and a sensitive draft's talk is the leaders' alone
    (`for_leaders_if_drafted`); the draft stays the person's to file. None: no story yet."""
    if draft.resume(turn) is None:
        return None
    story = " ".join(p for p in turn.data.get("story") or [] if p)
    if not story:
        return None
    turn.events.append(PersonWrote(turn.complainant.id, request_id, turn.message_id,
                                   DRAFT_STORY + story))
    return story


def relay_kept(turn: Turn, message: dict[str, Any], ticket: str | None = None) -> bool:
    """Hand an earlier message (kept: its id, words and files, when it was said) to the live
    request; its files are then the request's, no longer kept for a next draft."""
    live = turn.unit.live_contact_request(turn.complainant.id)
    if live is None:
        return False
    for_leaders_if_drafted(turn, live.id)
    files = set(message["files"])
    evidence_for(turn, live.id, message["files"], message["text"], ticket)
    if files and turn.data.get("attachments"):
        turn.data["attachments"] = [a for a in turn.data["attachments"] if a not in files]
        if not turn.data["attachments"]:
            turn.data.pop("attachments")
    turn.events.append(PersonWrote(turn.complainant.id, live.id, message["id"],
                                   message["text"], len(files)))
    at = dt.datetime.fromisoformat(message["at"]) if message.get("at") else turn.now
    deadline_told(turn, message["id"], message["text"], ticket, at=at)
    return True


def deadline_told(turn: Turn, message_id: int, text: str | None, ticket: str | None = None,
                  at: dt.datetime | None = None, urgent: bool = False) -> None:
    """A relayed message that states a deadline of the person's own ("visa saya habis tgl
    10"), or is `urgent`: the officers' copy carries the "⏰ Batas waktu pelapor" line (and the
    urgent mark), as the complaint's alert does, beside the promised outcome of `ticket` (else
    the person's open complaint; with none filed, no line). The relay decides who reads it
    (a leaders-only talk's copy goes to the leaders only). Read against `at`, when the words
    were said; one event per message, the last word kept."""
    complaint = turn.unit.complaint_by_ticket(ticket) if ticket else None
    if complaint is None:
        open_ = [c for c in turn.unit.complaints_of(turn.complainant.id, limit=20)
                 if c.stage not in FINISHED]
        complaint = open_[0] if open_ else None
    if complaint is None or complaint.complainant_id != turn.complainant.id:
        return
    tz = turn.config.office.tz
    stated = deadline.read(text, at or turn.now, tz, turn.lang)
    if stated is None and not urgent:
        return
    turn.events[:] = [e for e in turn.events
                      if not (isinstance(e, DeadlineStated) and e.message_id == message_id)]
    turn.events.append(DeadlineStated(complaint.id, stated, message_id=message_id,
                                      urgent=urgent or deadline.soon(stated, turn.now, tz)))


def draft_is_sensitive(turn: Turn) -> bool:
    """Whether an unsent complaint of the person is sensitive: the one being written (or left
    for the menu, or for this talk), or one cancelled but still recoverable, or a new story
    told while it waits. Its type is a sensitive one, or its words (story, the party reported,
    the outcome wanted) report a levy, a broker, a bribe or an officer's conduct, or fear of an
    insider (`bot.delicate.delicate`). Read as a filed sensitive complaint is: the person who
    is writing one is a whistleblower before the ticket exists."""
    kept = turn.data.get("discarded")
    for data in (turn.data, kept if isinstance(kept, dict) else {}):
        if data.get("type") in turn.config.sensitive_types:
            return True
        texts = [*data.get("story", []), *data.get(draft.NEW_MESSAGE, []), data.get(draft.TOPIC),
                 data.get("who"), data.get("outcome")]
        if any(isinstance(t, str) and delicate(t) for t in texts):
            return True
    return False


def for_leaders_if_drafted(turn: Turn, request_id: int) -> None:
    """A person with a sensitive unsent complaint (`draft_is_sensitive`) talks to the leaders
    only, from the request on, exactly as after filing it: the request is marked before the
    notifier reads it (its notice in the group is then the leaders-only one, with no code,
    channel, language, name or ticket), and what they write reaches Kasi Tikkim and the
    Kepala Kantor alone. Before, only the talk's own words were read: "saya takut kalau dia
    tahu", about a counter officer named only in the draft, reached the group word for word,
    beside the person's name and last ticket. Marked for good
    (`contact_requests.leaders_only`), whatever becomes of the draft."""
    if draft_is_sensitive(turn):
        turn.unit.mark_talk_for_leaders(request_id)


# Going on with an unsent complaint kept while talking to the officers ("lanjut", the word its
# questions and the talk's own notice taught).
RESUME_WORDS = {"lanjut", "lanjutkan", "lanjut aja", "lanjutkan aja", "lanjutkan saja",
                "lanjut pengaduan", "lanjutkan pengaduan", "lanjut isi", "continue", "go on",
                "resume", "continue my complaint"}
# The same in other words, Malay and English as people write them: "ok sambung balik borang
# tadi", "sambung", "continue the form", "back to my complaint", "kembali ke pengaduan saya".
_OPENERS = (r"^((ok|oke|okay|okey|baik|ya|iya|jom|jadi|so|now|sekarang|skrg|lets|let s|saya|sy|"
            r"nak|mau|mahu|i|want|to|d|like|please|pls|tolong|can|we|boleh)\s)*")
_FORM_WORDS = (r"(the|my|this|that|borang|form|formulir|pengaduan|aduan|laporan|complaint|"
               r"report|isian|tadi|td|tu|itu|ini|saya|sy|yang|yg|nya|semula|please|pls|ya|lah|"
               r"min|pak|bu|kak|boss|bos|again|lagi|now|ok|oke|isi|mengisi|filling|in|with)")
_RESUME_SAID = re.compile(
    _OPENERS + r"(lanjut|lanjutkan|sambung|sambungkan|continue|resume|go on|carry on)"
    r"( (balik|semula|lagi))?( " + _FORM_WORDS + r")*$")
_BACK_TO_FORM = re.compile(
    _OPENERS + r"((go|get) )?(back to|balik( ke| kepada)?|kembali( ke| kepada)?)( "
    + _FORM_WORDS + r")* (borang|form|formulir|pengaduan|aduan|laporan|complaint|report|isian)"
    r"( " + _FORM_WORDS + r")*$")


def resumes_draft(text: str) -> bool:
    """Going back to the unsent complaint, in any of the words people use for it."""
    s = said(text)
    return s in RESUME_WORDS or bool(_RESUME_SAID.match(s) or _BACK_TO_FORM.match(s))


def leave(turn: Turn, ending: bool) -> Reply:
    """The person leaves the officers' chat: `ending` closes the request, else it stays open."""
    live = turn.unit.live_contact_request(turn.complainant.id)
    if not ending:
        return Reply(talk_text(turn, "officer.left"))
    said = Reply(talk_text(turn, "officer.ended"))       # named while the talk is live
    if live is not None:
        turn.unit.close_contact_requests(turn.complainant.id, turn.now)
        turn.events.append(OfficerChatEnded(turn.complainant.id, live.id))
    return said


# In the conversation's data while talking to the officers: the ticket whose rating question
# was left for the talk (a question about the outcome, an objection). A bare rating there ("4",
# "bintang 4") is that rating (`rating.in_talk`), until an officer answers in the talk: a
# number may then answer them ("nilai TICKET N" still rates).
RATE_PENDING = "rate_pending"
# The rating (1-4) just recorded in the talk, whose comment was asked for: the next message,
# if it reads as one, is kept as the rating's comment (and still relayed: `rating.comment_in_talk`);
# forgotten with the next message, or when an officer answers.
RATE_COMMENTING = "rate_commenting"
# Answers tried first in the talk, registered by the modules that give them (the rating, which
# imports this one): each returns None when the message is not for it.
IN_TALK: list[Callable[[Turn], Go | None]] = []


@register
class OfficerChat(Step):
    """The person's messages go to the officers until the request ends or they leave."""

    state = State.OFFICER
    # a draft left for the officers: "lanjut" goes back to its question. (STATUS_TICKET: kept
    # declared while the README's diagram shows it; a status is now answered in the talk)
    goes_to = frozenset({State.MENU, State.STATUS_TICKET, State.RATE}) | DRAFT_STATES

    def prompt(self, turn: Turn) -> list[Reply]:
        if turn.data.pop(scope.OFFICER_ON_ARRIVAL, None):
            # chosen at a question of another step (the out-of-scope answer): asked for now
            return request(turn).say
        return [Reply(talk_text(turn, "officer.reminder"))]

    def handle(self, turn: Turn) -> Go:
        lost = unacknowledged(turn)
        return acknowledged(turn, self.answer(turn), lost)

    def answer(self, turn: Turn) -> Go:
        picked = status_picked(turn)        # "which one?" asked in the talk, answered
        if picked is not None:
            return picked
        pin_for = turn.data.pop(PIN_FOR, None)
        if pin_for is not None and is_pin_alone(turn.text or ""):
            # the PIN the talk asked for a ticket not theirs (`ticket_here`)
            return in_talk(turn, status.answer_ticket(turn, pin_for, find_pin(turn.text)))
        for answered in IN_TALK:           # "4" while the rating question waits: the rating
            go = answered(turn)
            if go is not None:
                return go
        ticketed = ticket_here(turn)
        if ticketed is not None:
            return ticketed
        if is_pin_alone(turn.text or ""):
            # "101962" alone in the talk: their PIN (no officer asks for one), never relayed
            # to the group (it went there in clear); answered as a status asked here
            return status_here(turn)
        s = said(turn.text)
        if s in END_WORDS:
            return Go(State.MENU, [leave(turn, ending=True)], ask_next=False)
        if s in ASK_WORDS:
            return request(turn)
        if resumes_draft(turn.text) and draft.resume(turn) is not None:
            # "lanjut" with an unsent complaint kept (the talk began at one of its questions):
            # back to that question; the request stays open and the officers still answer here
            state = draft.resume(turn)
            turn.data.pop("resume_state", None)
            return Go(state, [leave(turn, ending=False)])
        if asks_status_here(turn.text):
            return status_here(turn)
        if calls_again(turn):
            return waiting(turn)
        go = pass_on(turn)
        if wants_to_file(turn.text):
            go.say.append(filing_told(turn))
        return go


def wants_to_file(text: str | None) -> bool:
    """A wish to file a complaint said in the talk ("Ok I want to file a formal complaint")."""
    return menu_wish(text or "") == ("complain", True)


def filing_told(turn: Turn) -> Reply:
    """How to file, said to someone who wished to in the talk (their words still reach the
    officers): their unsent complaint is kept, *lanjut* goes on with it; with none, how to
    begin one. Before, the wish was only relayed, and the person waited for an answer."""
    if draft.resume(turn) is not None:
        return Reply(turn.t("officer.draft_kept"))
    return Reply(talk_text(turn, "officer.file_how"))


def pass_on(turn: Turn, ack: Reply | None = None) -> Go:
    """Relay this message in the talk, its "✅ Diteruskan ke petugas" (or `ack`) said once the
    person stops typing; a number removed from it, or a question about safety, said now."""
    if not relay(turn):
        return Go(State.MENU, [Reply(talk_text(turn, "officer.closed"))])
    turn.data.pop("officer_waited", None)      # said something: a next call is told in full
    if ack is None:
        ack = Reply(talk_text(turn, "officer.relayed"))
    told: list[Reply] = []
    hidden = number_hidden(turn)
    if hidden is not None:
        # the officer asked for a number, perhaps: it was removed before reaching them,
        # and the person must not believe it arrived
        told.append(hidden)
    if asks_if_safe(turn.text):
        # "is my identity safe?" while the officers are away: answered now as well
        told.append(identity_answer(turn, offer_officer=False))
    turn.data[UNACKED] = turn.now.isoformat()
    return Go(None, told, ask_next=False, later=ack)


# In the conversation's data: when a message relayed in the talk was last left to the delayed
# "✅ Diteruskan ke petugas" (the engine's pause), which the person's next message cancels.
# Messages in a row share one acknowledgement, after the last; but a next message that is not
# relayed (a status, a rating) gets no acknowledgement of its own, and the one it cancelled is
# said with its answer. Forgotten after a while (the talk left, an officer's answer since).
UNACKED = "officer_unacked"
UNACKED_FOR = dt.timedelta(minutes=10)


def acknowledged(turn: Turn, go: Go, lost: bool) -> Go:
    """The message before was relayed, but this one came before its "✅ Diteruskan" and
    cancelled it (`lost`), and is not relayed itself ("status", a rating): said now, so "not
    really satisfied, it took long" is never left without a word."""
    if lost and go.later is None and not turn.data.get("officer_waited"):
        go.say.insert(0, Reply(talk_text(turn, "officer.relayed.before")))
    return go


def unacknowledged(turn: Turn) -> bool:
    """Whether the last relayed message's acknowledgement was cancelled by this message
    before the person saw it (`Turn.nudge_seen`: it was due, and went out)."""
    at = turn.data.pop(UNACKED, None)
    if at is None or turn.nudge_seen:
        return False
    return turn.now - dt.datetime.fromisoformat(at) < UNACKED_FOR


# A status asked while talking to the officers ("status yang pertama", "status pengaduan saya",
# "cek status", "laporan sy sudah sampai mana", "what's the status of my complaint"): answered
# at once, never relayed. A ticket alone ("tiket saya TRK-…") may be what an officer asked for.
_COMPLAINT = r"(pengaduan|laporan|aduan|komplain|keluhan|tiket|complaint|report|ticket)(nya)?"
_STATUS_HERE = re.compile(
    r"^((mau|ingin|minta|tolong|bisa|boleh) )?((cek|check|lihat|liat|tanya|tau|tahu|info) )?"
    r"(status|statusnya)\b|\b(status|statusnya|perkembangan|progres|progress|kabar) " + _COMPLAINT +
    r"\b|\b(my|the) status\b|\bstatus (saya|sy|aku|ku|of my)\b|"
    r"\b" + _COMPLAINT + r" (saya|sy|aku|ku|my)( (yang|yg) \w+)? ((sudah|udah|udh|sdh) )?"
    r"(sampai mana|sampe mana|gimana|bagaimana|gmn|ada kabar)\b")
# "status" naming a person's standing, not a complaint's: "status saya WNA", "status kawin".
_STANDING = re.compile(r"\b(wna|wni|kitas|itas|itap|kitap|visa|kawin|menikah|pernikahan|"
                       r"kewarganegaraan|pekerjaan|tinggal|residence|marital|citizenship)\b")
STATUS_WORDS = 8


def asks_status_here(text: str) -> bool:
    """A clear status request, in a few words, telling the officers nothing."""
    s = said(text)
    return bool(s) and len(s.split()) <= STATUS_WORDS and not grievance(text) and \
        _STATUS_HERE.search(s) is not None and _STANDING.search(s) is None


# A ticket's status asked in the talk in other words than the command ("tolong cek tiket TRK-…
# pin 123456", "TRK-… 123456", "pin 123456 tiket TRK-…"); a ticket alone ("tiket saya TRK-…")
# may be what an officer asked for, and reaches them.
_CHECKS = re.compile(r"\b(cek|check|lihat|liat|status|statusnya)\b")
# In the conversation's data: the ticket whose PIN the talk asked for (a ticket not theirs).
PIN_FOR = "talk_pin_for"


def ticket_here(turn: Turn) -> Go | None:
    """A ticket typed in the talk with its PIN, or with a word asking its status, in a few
    words telling nothing wrong: looked up as anywhere (`status.answer_ticket`: the PIN
    checked, the tries counted) and answered in the talk (`in_talk`), never relayed (no
    officer asks for a PIN). Before, "tolong cek tiket TRK-… pin …" went to the officers as a
    message and the person got no status. A longer message reaches them as before, the PIN
    masked in their copy."""
    text = turn.text or ""
    ticket = find_ticket(text, turn.config.office.code)
    if ticket is None:
        return None
    pin = find_pin(text.replace(ticket, ""))
    rest = said(re.sub(r"\d", " ", text.replace(ticket, " ")))      # the words beside them
    if (pin is None and _CHECKS.search(rest) is None) or len(rest.split()) > STATUS_WORDS or \
            grievance(rest):
        return None
    return in_talk(turn, status.answer_ticket(turn, ticket, pin))


def in_talk(turn: Turn, go: Go) -> Go:
    """A ticket's status look-up (`status.answer_ticket`) answered in the officers' chat,
    which goes on, and the person is told so; before, a status command typed there ("cek
    tiket TRK-… pin …") left the talk. A ticket not theirs: its PIN is asked here, and the PIN
    typed next answers it (`PIN_FOR`); anything else said next reaches the officers."""
    asked = turn.data.pop("status_ticket", None)
    say = list(go.say)
    if go.to is State.STATUS_PIN and asked is not None:
        turn.data[PIN_FOR] = asked
        say = say or REGISTRY[State.STATUS_PIN].prompt(turn)
    return Go(None, say + [Reply(talk_text(turn, "officer.status_still"))], ask_next=False)


def status_command(turn: Turn, text: str) -> Go | None:
    """A status command with a ticket ("status TRK-… PIN …", "cek tiket TRK-…") typed while
    talking to the officers: answered in the talk (`in_talk`), which goes on. None when no
    talk is live any more (the command then leaves to the menu as anywhere)."""
    if turn.unit.live_contact_request(turn.complainant.id) is None:
        return None
    go = status.status_command(turn, text)
    lost = unacknowledged(turn)
    return acknowledged(turn, in_talk(turn, go), lost)


# In the conversation's data: the tickets a status asked in the talk offered to choose from.
TALK_STATUS = "talk_status"
# A choice among them named in so many words at most ("yang pertama", "the passport one").
PICK_WORDS = 4
# Stages at which a complaint is finished (`routing.FINISHED`): not what a status asks after
# when another is still open.
FINISHED = (Stage.REPORTED.value, Stage.ARCHIVED.value)


def status_here(turn: Turn) -> Go:
    """The status, answered in the officers' chat, which goes on (never relayed, never ending
    it): one complaint, the one the words name ("yang pertama", "yg paspor"), or the only one
    still open. Several open and none named: "which one?" with the tickets, asked in the talk
    (`status_picked` reads the answer); anything else said next reaches the officers as
    before. None filed from here: said, and the talk goes on."""
    own = turn.unit.complaints_of(turn.complainant.id, limit=status.LISTED)
    tickets = [c.ticket for c in own]
    open_ = [c for c in own if c.stage not in FINISHED]
    ticket = tickets[0] if len(tickets) == 1 else status.named(turn, tickets)
    if ticket is None and len(open_) == 1:
        ticket = open_[0].ticket
    card = turn.unit.complaint_card(ticket) if ticket else None
    if not own:
        # nothing filed (perhaps a draft kept for later): said here, and the talk goes on,
        # never quietly ended by a question about a complaint that does not exist yet
        told = [Reply(turn.t("officer.status_none"))]
        if draft.resume(turn) is not None:
            told.append(Reply(turn.t("officer.draft_kept")))
        return Go(None, told + [Reply(talk_text(turn, "officer.status_still"))],
                  ask_next=False)
    if card is None:
        # several open, none named: which one? asked here; the talk is not left (before, it
        # was, and "your next messages are no longer passed on" answered a mere "status")
        offered = open_ or own
        turn.data[TALK_STATUS] = [c.ticket for c in offered]
        tapped = turn.inbound.channel in BUTTON_CHANNELS
        return Go(None, [Reply(talk_text(turn, "officer.status_pick.tap" if tapped
                                         else "officer.status_pick"),
                               tuple(Choice(status.label(turn, c)) for c in offered))],
                  ask_next=False)
    turn.data.pop(TALK_STATUS, None)
    return Go(None, [status.describe(turn, card),
                     Reply(talk_text(turn, "officer.status_still"))], ask_next=False)


def status_picked(turn: Turn) -> Go | None:
    """The answer to the talk's "which one?" (`status_here`): a ticket offered, tapped or
    typed, its line's number, or named by order or type ("yang pertama", "yg paspor"); its
    status, and the talk goes on. None: not an answer (the question is dropped, and the
    message is read as any other in the talk)."""
    listed = turn.data.pop(TALK_STATUS, None)
    if not listed:
        return None
    ticket = find_ticket(turn.text, turn.config.office.code)
    if ticket not in listed:
        ticket = None
        chosen = pick(turn.text, [[t] for t in listed])
        if chosen is not None:
            ticket = listed[chosen]
        elif len(said(turn.text).split()) <= PICK_WORDS:
            # "yang pertama", "yg paspor"; "paspor saya hilang pak" is news for the officers
            ticket = status.named(turn, listed, shown=True)
    card = turn.unit.complaint_card(ticket) if ticket else None
    if card is None or card.complainant_id != turn.complainant.id:
        return None
    return Go(None, [status.describe(turn, card),
                     Reply(talk_text(turn, "officer.status_still"))], ask_next=False)


# Calling for the officers while none has answered yet: "halo??", "p", "min??", "pak?", "??",
# "woi", "kok lama", "belum dibalas", "mana petugasnya", "anyone there?". Nothing new for them.
# A plain "selamat siang" opening the talk is a courtesy, and reaches them with what follows.
_CALLS = {"woi", "woy", "oi", "oy", "hoi", "hoy", "ping", "tes", "test", "halo", "hallo",
          "hello", "hi", "p", "hey", "permisi", "misi", "anyone", "anybody", "there"}
_PINGS = {"p", "ping", "woi", "woy", "oi", "oy", "hoi", "hoy", "tes", "test"}
_WAITING = re.compile(
    r"^((kok|koq|knp|kenapa|masih|sudah|udah|udh|sdh) )?(lama|lambat|lelet)( (sekali|banget|bgt|"
    r"amat|ya|sih|nih|min|pak|bu|kak|balasnya|dibalas|balasannya|jawabnya))*$|"
    r"^((kok|koq|knp|kenapa|masih|sudah|udah|udh|sdh) )*(belum|blm|blom|ga|gak|tidak|tdk|nggak|"
    r"ngga|gk) (ada )?((yang|yg) )?(di)?(balas|bales|jawab|respon|respons|tanggapi|baca)\w*"
    r"( \w+){0,2}$|"
    r"^(mana|mn) (balasan|balasannya|jawaban|jawabannya|petugas|petugasnya|admin|adminnya|"
    r"respon|responnya)\b|\bis (anyone|anybody|someone) there\b|\bany (reply|answer|response) "
    r"yet\b|^(still )?waiting( for (a|an|your) (reply|answer|response))?$|"
    r"\bhello anyone\b|\bwhy (no|nobody|no one) (reply|replies|answer|answers)\b|"
    # when they answer, or whether they read it: "kapan dibalas?", "jam berapa petugas online?",
    # "udah dibaca belum?", "when will they reply?"
    r"^(kapan|jam berapa|jam brp) (di|akan di|bakal di)?(balas|bales|jawab|respon|tanggapi)\w*|"
    r"^(kapan|jam berapa|jam brp) (petugas|petugasnya|admin|adminnya|cs)( \w+)? (online|aktif|"
    r"ada|masuk|balas|bales|jawab|membalas|menjawab)\b|"
    r"^((apa|apakah) )?((pesan|pesannya|chat) (saya |sy )?)?(sudah|udah|udh|sdh|dah) (di)?(baca|"
    r"balas|bales|jawab|terima)\w*( (belum|blm|blom|ya|kah|min|pak|bu|kak|pesan|saya|sy|"
    r"pesannya))*$|"
    r"^when (will|do|does|would) (they|someone|anyone|an officer|the officers?|you) (reply|"
    r"answer|respond|get back)\b|^(has|have) (anyone|someone|the officers?|they) (read|seen)\b")
WAITING_WORDS = 6


def calls_again(turn: Turn) -> bool:
    """The person calls for the officers and says nothing else, before any of them answered
    the request (once one has, "halo" is part of their talk and reaches them): a call that asks
    ("halo??", "p", "anyone there?", "kok lama"), or a greeting after they have written."""
    live = turn.unit.live_contact_request(turn.complainant.id)
    if live is None or live.status != "open":
        return False
    text = turn.text
    s = said(text)
    if not s:
        return bool(re.fullmatch(r"[?!.\s]+", text.strip()))          # "??", "..."
    ws = s.split()
    if len(ws) > WAITING_WORDS:
        return False
    if _WAITING.search(s) is not None or is_calling(text):
        return True
    greets = is_greeting(text) or all(w in _CALLS or w in GREETINGS or w in PARTICLES
                                      for w in ws) and any(w in _CALLS or w in GREETINGS
                                                           for w in ws)
    if not greets:
        return False
    return "?" in text or any(w in _PINGS for w in ws) or bool(turn.unit.contact_relays(live.id))


def waiting(turn: Turn) -> Go:
    """Told that their messages are with the officers and when an answer comes; not relayed
    (a "halo" adds nothing the officers could use). Said shorter when they call again."""
    key = "officer.waiting.again" if turn.data.get("officer_waited") else "officer.waiting"
    turn.data["officer_waited"] = True
    return Go(None, [Reply(talk_text(turn, key, when=when_text(turn)))], ask_next=False)


# In the conversation's data: the talk (its request's id) whose person was told that the
# numbers they type do not reach the officers; told once per talk.
NUMBERS_TOLD = "numbers_told"


def number_hidden(turn: Turn, texts: Sequence[str | None] | None = None) -> Reply | None:
    """Why a phone or ID number the person wrote does not reach the officers, and what to do:
    the relay removes such numbers whole from whatever the officers read of a talk, whoever
    the person is (`identity.redact_talk`), so an officer who asked for a WhatsApp number gets
    nothing, and the person, told only "forwarded", would wait for a call that cannot come.
    Said once per talk, to everyone; with the complaint's identity where the last one is
    anonymous or confidential. None when nothing was removed, or when already said in this
    talk. `texts`: the messages relayed (default: this one)."""
    said_ = [x for x in (texts if texts is not None else [turn.text]) if x]
    if not any(redact_numbers(x, ids=True, whole=True).count(MASK) > x.count(MASK)
               for x in said_):
        return None
    live = turn.unit.live_contact_request(turn.complainant.id)
    talk = live.id if live is not None else None
    if talk is not None and turn.data.get(NUMBERS_TOLD) == talk:
        return None
    turn.data[NUMBERS_TOLD] = talk
    contacts = turn.config.office.contacts
    reach = contacts.whatsapp or contacts.phone
    contact = turn.t("officer.number_hidden.contact", contact=reach) if reach else ""
    protected = [c for c in turn.unit.complaints_of(turn.complainant.id, limit=50)
                 if mode_of(c) is not Mode.NAMED]
    if not protected:
        return Reply(turn.t("officer.number_hidden.any", contact=contact))
    last = protected[0]
    mode = "anonymous" if mode_of(last) is Mode.ANONYMOUS else "confidential"
    return Reply(turn.t("officer.number_hidden", ticket=last.ticket,
                        mode=turn.t(f"officer.number_hidden.{mode}"), contact=contact))


def identity_answer(turn: Turn, offer_officer: bool = True) -> Reply:
    """How the person's identity is kept: on their last complaint, or the choices they have;
    `offer_officer`: and the way to an officer (not said to someone already talking to them)."""
    last = turn.unit.complaints_of(turn.complainant.id, limit=1)
    if not last:
        return Reply(turn.t("safe.none"))
    said_ = turn.t(f"safe.{last[0].identity_mode}", ticket=last[0].ticket)
    if offer_officer:
        # a frightened person may want to say more to someone: the way to an officer
        said_ += "\n" + turn.t("safe.officer")
    return Reply(said_)


def resume_after_answer(unit: "Unit", person: "Complainant", now: dt.datetime) -> bool:
    """An officer answered (/pesan): the person's reply should reach them, so a person who is
    not writing a complaint is taken back into the officers' chat. True when they are in it."""
    conversation = unit.conversation(person.channel, person.address)
    if conversation is None:
        conversation = unit.start_conversation(person.channel, person.address,
                                               State.OFFICER.value, now)
        return True
    if conversation.data and ({UNACKED, RATE_PENDING, RATE_COMMENTING} & set(conversation.data)):
        # the answer is here: the ack it cancels is not owed; a number typed next may answer
        # the officer, so no longer taken as the rating ("nilai TICKET N" still is), nor
        # words as the rating's comment
        conversation.data = {k: v for k, v in conversation.data.items()
                             if k not in (UNACKED, RATE_PENDING, RATE_COMMENTING)}
    if conversation.state not in IDLE_STATES:
        return False
    if conversation.state == State.OFFICER.value and "pause_due" in (conversation.data or {}):
        # the answer is here: a "✅ Diteruskan ke petugas" still waiting would arrive after it
        unit.cancel_outbox(person.channel, person.address, "pause")
        conversation.data = {k: v for k, v in conversation.data.items() if k != "pause_due"}
    if conversation.state != State.OFFICER.value:
        conversation.state = State.OFFICER.value
        conversation.data = {k: v for k, v in (conversation.data or {}).items()
                             if not k.startswith("status_")}
        conversation.updated_at = now
    return True


def closed_by_officer(unit: "Unit", person: "Complainant", now: dt.datetime) -> bool:
    """An officer closed the request (/tutup): a person still in the officers' chat is back at
    the menu. True when they were in it (they are then told)."""
    conversation = unit.conversation(person.channel, person.address)
    if conversation is None or conversation.state != State.OFFICER.value:
        return False
    conversation.state = State.MENU.value
    conversation.updated_at = now
    return True

