"""Checking a complaint's status: the filer by ticket alone, anyone else with ticket and PIN."""
from __future__ import annotations

import datetime as dt
import re

from bot.conversation import draft, filed
from bot.conversation.language import take_hint
from bot.conversation.step import ASKS_WHAT_NEXT, REGISTRY, Step, answers_status, register
from bot.conversation.turn import (BUTTON_CHANNELS, DRAFT_STATES, LANG_HEARD, Go, State,
                                   Turn)
from bot.conversation.understand import (asks_when_answered, is_affirm, is_done, is_greeting,
                                         is_question, menu_wish, said, wants_cancel)
from bot.conversation.when import short_date
from bot import deadlines
from bot.concealed import is_pin_alone
from bot.dates import format_local
from bot.messages import Choice, Reply
from bot.sop.stages import (PUBLIC_WITHDRAWN, PUBLIC_WITHDRAWN_NEXT, Stage, public_label,
                            public_next, withdrawn)
from bot.tickets import check_pin, find_pin, find_ticket
from storage.models import Complaint
from storage.turns import ComplaintCard

# Something typed as a ticket number, right or wrong: "TRK-7K3Q", "7K3Q9MXA", "tiket sy ..."
_TICKET_TRY = re.compile(r"(?i)\btrk\b|\btrk-|\btiket\b|\bticket\b|\b(?=\w*\d)(?=\w*[a-z])\w{6,}\b|"
                         r"\b\w{4}-\w{4}\b")
# Forgetting the ticket or the PIN: "sy lupa nomor tiketnya", "I lost my PIN".
_FORGOT = re.compile(r"\b(lupa|hilang|ilang|forgot|forget|lost|ga tau|gak tau|nggak tau|tidak tahu|"
                     r"don t know|dont know)\b.*\b(tiket|ticket|pin|nomor|nomernya|nomornya)\b|"
                     r"\b(tiket|ticket|pin)\w*\b.*\b(lupa|hilang|ilang|lost|forgot)\b")
# A message of this many words, with no ticket in it, is about something else
OTHER_WORDS = 3


# Words of a type's name that do not tell one type from another
_KIND_FILLER = {"layanan", "kantor", "atau", "dan", "online", "services", "service", "office",
                "for", "the", "or", "and", "about", "report", "laporan", "lainnya", "other"}


def _by_kind(turn: Turn, listed: list[str]) -> str | None:
    """'yg paspor', 'the stay permit one': the one listed complaint whose type the words name."""
    typed = set(said(turn.text).split())
    found = []
    for complaint in turn.unit.complaints_of(turn.complainant.id, limit=LISTED):
        if complaint.ticket not in listed:
            continue
        kind = turn.config.complaint_types[complaint.type]
        names = {w for label in (kind.id, kind.en) for w in said(label).split()
                 if len(w) >= 4 and w not in _KIND_FILLER}
        if typed & names:
            found.append(complaint.ticket)
    return found[0] if len(found) == 1 else None


# Which complaint, by its place: with no list shown ("status yang pertama" at the menu), by when
# it was filed (people count from the one they made first): "yang pertama", "the first one" are
# the oldest, "yang kedua" the second filed. With the numbered list on screen (newest first),
# "yang pertama" is its first line, as "1" is (W40: the two picked different complaints).
# "yang terakhir", "the latest" are the newest and "yg awal", "the oldest" the oldest either way.
_NEWEST = re.compile(r"\b(terakhir|terbaru|paling baru|(yang|yg) baru|barusan|latest|newest|"
                     r"last|most recent|recent one|new one)\b")
_OLDEST = re.compile(r"\b(awal|paling awal|duluan|terlama|paling lama|(yang|yg) lama|earliest|"
                     r"oldest|old one|earlier one)\b")
_FILED_NTH = {"pertama": 1, "kesatu": 1, "first": 1, "kedua": 2, "second": 2, "ketiga": 3,
              "third": 3, "keempat": 4, "fourth": 4}


def _by_order(turn: Turn, listed: list[str], shown: bool = False) -> str | None:
    """'yang pertama', 'the latest': the listed ticket named by its place; `shown`: the list
    is on screen, and an ordinal counts its lines."""
    s = said(turn.text)
    if not listed or any(ch.isdigit() for ch in s):
        return None
    if _NEWEST.search(s):
        return listed[0]
    if _OLDEST.search(s):
        return listed[-1]
    nth = [_FILED_NTH[w] for w in s.split() if w in _FILED_NTH]
    if len(nth) == 1 and nth[0] <= len(listed):
        return listed[nth[0] - 1] if shown else listed[-nth[0]]
    return None


def named(turn: Turn, listed: list[str], shown: bool = False) -> str | None:
    """The listed ticket the words name by place or by type, if any (`shown`: `_by_order`)."""
    return _by_order(turn, listed, shown) or _by_kind(turn, listed)


# Words of a message that name no complaint: the picker's, and those of nearly any story here.
_STORY_FILLER = _KIND_FILLER | {
    "saya", "petugas", "petugasnya", "pegawai", "kantor", "imigrasi", "yang", "sudah", "udah",
    "tadi", "waktu", "karena", "karna", "dengan", "untuk", "tidak", "bisa", "kami", "kita",
    "mereka", "sama", "juga", "belum", "masih", "jadi", "sampai", "sekarang", "hari", "kemarin",
    "tolong", "mohon", "pengaduan", "pengaduannya", "laporannya", "aduan", "complaint", "mana",
    "which", "pilih", "nomor", "nomer", "please", "saja", "status", "statusnya", "that", "this",
    "with", "when", "have", "still", "what", "about", "there", "update", "news", "kabar"}


def _by_story(turn: Turn, listed: list[str]) -> str | None:
    """'yg antrian': the one listed complaint whose story or type has a word of the message
    that no other listed one has ("paspor", in two passport stories, names neither)."""
    typed = {w for w in said(turn.text).split() if len(w) >= 4 and w not in _STORY_FILLER}
    if not typed:
        return None
    told: dict[str, set[str]] = {}
    for complaint in turn.unit.complaints_of(turn.complainant.id, limit=LISTED):
        if complaint.ticket in listed:
            kind = turn.config.complaint_types[complaint.type]
            told[complaint.ticket] = set(said(" ".join(
                (complaint.description or "", kind.id, kind.en))).split())
    hit = {ticket for ticket, ws in told.items()
           if typed & (ws - set().union(*(o for t, o in told.items() if t != ticket)))}
    return hit.pop() if len(hit) == 1 else None


# Not an answer to "which of your complaints?" however it names one: the outcome objected to,
# the complaint wanted reopened ("saya keberatan dengan hasil …", "saya mau buka lagi pengaduan
# ini", "I don't agree with the result … I want this complaint reopened"). The officers must
# read it (W40: at the list it was "not understood", or taken as a pick, and lost).
_OBJECTS = re.compile(
    r"\b(keberatan|tidak puas|tdk puas|gak puas|ga puas|nggak puas|kurang puas|"
    r"(tidak|tdk|gak|ga|nggak|ngga|gk) (terima|setuju|adil)|masih (belum|blm)|"
    r"belum (selesai|beres|jadi|tuntas)|blm (selesai|beres|jadi|tuntas)|"
    r"(buka|dibuka|membuka|bukain) (lagi|kembali|ulang)|reopen\w*|re open\w*|"
    r"open (it|this|my complaint|the complaint) again|disagree|"
    r"(do not|don t|dont|cannot|can t|cant) (agree|accept)|not (satisfied|happy|fair|true)|"
    r"not (yet )?(resolved|solved|fixed|done|ready)|still not)\b")
# A message this long is no pick from the list (a ticket, a number, "yang pertama", "yg paspor")
LONG_WORDS = 7


def objects(text: str) -> bool:
    """The message objects to an outcome or asks for a complaint to be reopened."""
    return _OBJECTS.search(said(text)) is not None


def _about(turn: Turn, listed: list[str], latest: bool) -> Complaint | None:
    """The listed complaint a message names by type or story; else, when `latest`, the one
    that last moved on (an objection says "the result", "ini": the outcome last sent)."""
    ticket = _by_kind(turn, listed) or _by_story(turn, listed)
    own = [c for c in turn.unit.complaints_of(turn.complainant.id, limit=LISTED)
           if c.ticket in listed]
    if ticket is not None:
        return next((c for c in own if c.ticket == ticket), None)
    if not latest or not own:
        return None
    return max(own, key=lambda c: max(c.updated_at, c.created_at))


def _not_a_pick(turn: Turn, listed: list[str]) -> Go | None:
    """At the list, a message that is clearly no pick: an objection or a wish to reopen, or
    many words. A status asked in many words gets the status of the one it names (None: not
    named, the list is shown again). Anything else leaves the list: about a complaint (named,
    or the one an objection is about) it is asked about as at the menu ("Apakah pesan ini
    tentang pengaduan …?"), so nothing of it is dropped; else it is read as at the menu.
    None too when it may be a pick."""
    objection = objects(turn.text)
    if not objection and len(said(turn.text).split()) < LONG_WORDS:
        return None
    if not objection and menu_wish(turn.text)[0] == "check_status":
        ticket = named(turn, listed, shown=True) or _by_story(turn, listed)
        return None if ticket is None else answer_ticket(turn, ticket, None)
    turn.data.pop("status_candidates", None)
    complaint = _about(turn, listed, latest=objection)
    if complaint is not None:
        return filed.ask(turn, complaint, turn.text)
    return REGISTRY[State.MENU].handle(turn)


def forgot(turn: Turn) -> list[Reply]:
    """Without the ticket: ask from the number or account that filed (no ticket or PIN needed
    there); without the PIN: an officer checks who they are and sends a new one there."""
    return [Reply(turn.t("status_forgot") + "\n" + lost_pin(turn))]


# Words enough, and no question, to be more of the story: "sy tambahin ya, tadi sy coba lagi"
STORY_ADDITION_WORDS = 6


def _adds_to_story(text: str) -> bool:
    return len(said(text).split()) >= STORY_ADDITION_WORDS and "?" not in text and \
        not is_question(text)


# Wanting a complaint already sent withdrawn: "cancel TRK-…", "cabut pengaduan sy".
_WITHDRAW = re.compile(r"\b(cancel\w*|withdraw\w*|retract|batal\w*|cabut|dicabut|mencabut|"
                       r"tarik|ditarik|menarik)\b")


# At the ticket question, wishes that say there is no ticket to give (the menu reads them).
MOVING_ON = {"complain", "talk_to_officer", "informasi"}
# At the PIN question, a menu option's number is no PIN (a PIN has six digits).
MENU_NUMBERS = {"1", "2", "3", "4"}


def example_ticket(turn: Turn) -> str:
    return f"{turn.config.office.code}-7K3Q-9MXA"


def outcome_due(turn: Turn, since: dt.datetime) -> dt.datetime:
    """When the SOP's time standards say the outcome of a complaint filed at `since` reaches
    the complainant (step 9), in service time."""
    return deadlines.outcome_due(turn.config, turn.services.hours, since)


def describe(turn: Turn, complaint: "Complaint | ComplaintCard") -> Reply:
    local = complaint.updated_at.astimezone(turn.config.office.tz)
    words = stage_words(turn, complaint)
    text = turn.t(
        "status", ticket=complaint.ticket,
        type=turn.config.complaint_types[complaint.type].label(turn.lang),
        stage=words[0],
        updated=format_local(local, turn.lang) + (" WITA" if turn.lang != "en" else " (WITA)"),
        next=words[1])
    if complaint.stage not in (Stage.REPORTED.value, Stage.ARCHIVED.value):
        # "kapan selesainya?": the date the ticket message promised, said again
        due = outcome_due(turn, complaint.created_at)
        by = short_date(due.astimezone(turn.config.office.tz).date(), turn.lang)
        # past it, the person is told so: the SOP's ladder has told the leaders already
        key = "status.overdue" if due < turn.now else "status.due"
        text += "\n" + turn.t(key, by=by)
    latest = latest_officer_message(turn, complaint)
    if latest:
        text += "\n\n" + latest
    return Reply(text)


# A stage update's body ("📋 Kabar pengaduan …\nStatus: …\nLangkah berikutnya: …") repeats the
# status told above; an officer's own words (/balas, /kabar, the step-9 outcome) do not.
_STAGE_ONLY = re.compile(r"\n(Langkah berikutnya|Next step): ")
_REPLY_HERE = "\n\n↩️"
LATEST_CHARS = 1500


def _withdrawn(turn: Turn, complaint: "Complaint | ComplaintCard") -> bool:
    """Whether the complaint was withdrawn at the person's request (a status card carries no
    trail: the complaint is read whole, only when it is closed)."""
    if complaint.stage != Stage.ARCHIVED.value:
        return False
    whole = complaint if hasattr(complaint, "events") else \
        turn.unit.complaint_by_ticket(complaint.ticket)
    return whole is not None and withdrawn(whole)


def stage_words(turn: Turn, complaint: "Complaint | ComplaintCard") -> tuple[str, str]:
    """(status, what comes next) as the person reads them: "Dicabut atas permintaan pelapor"
    and that they may file again, for a withdrawn complaint."""
    if _withdrawn(turn, complaint):
        pair = 1 if turn.lang == "en" else 0
        return PUBLIC_WITHDRAWN[pair], PUBLIC_WITHDRAWN_NEXT[pair]
    return (public_label(complaint.stage, turn.lang, complaint.verdict),
            public_next(complaint.stage, turn.lang, complaint.verdict))


def latest_officer_message(turn: Turn, complaint: "Complaint | ComplaintCard") -> str | None:
    """The officers' latest message to the complainant about this complaint (a /balas reply,
    a /kabar update, the outcome), for the status answer: someone following the complaint from
    another device (ticket and PIN), or whose web chat has ended, can read it nowhere else.
    Shown only to whoever may see the status (the filer, or the PIN's holder)."""
    items = [item for item in turn.unit.officer_news(complaint.id)    # relays and updates
             if not _STAGE_ONLY.search(item.body)
             # one still on its way to this very chat (queued, or sent again now that the
             # person writes after it could not be delivered) is not told twice
             and not (item.status != "sent" and item.address == turn.inbound.address)]
    if not items:
        return None
    last = items[-1]
    parts = [item.body.split(_REPLY_HERE)[0] for item in items
             if item.created_at == last.created_at and item.kind == last.kind]
    at = format_local(last.created_at.replace(tzinfo=last.created_at.tzinfo or dt.timezone.utc)
                      .astimezone(turn.config.office.tz), turn.lang)
    return turn.t("status.latest", at=at, text="\n".join(parts)[:LATEST_CHARS])


IDENTITY, TICKET = "identity", "ticket"


def lost_pin(turn: Turn) -> str:
    """How to get a new PIN, in the words of the channel it is read on: only the web chat's
    reader is told about browsers and sessions."""
    return turn.t("status_lost_pin" if turn.inbound.channel == "web"
                  else "status_lost_pin.chat")


# A PIN typed with too few or too many digits ("1234", "PIN 0000", "12345 67"): said what was
# wrong. It matches no complaint, so it is no guess and counts as no failed try.
_PIN_WORDS = re.compile(r"(?i)\b(status|cek|check|pin|nya|saya|sy|my|is|adalah|tiket|ticket)\b")
PIN_DIGITS = 6


def wrong_pin_length(text: str, ticket: str | None = None) -> int | None:
    """The number of digits of a PIN sent with the wrong length; None when the message is not
    a PIN of digits alone (beside the ticket and words such as "status", "PIN")."""
    rest = re.sub(re.escape(ticket), " ", text, flags=re.I) if ticket else text
    rest = re.sub(r"[\s.\-:=#]+", "", _PIN_WORDS.sub(" ", rest))
    if not rest.isdigit() or len(rest) == PIN_DIGITS:
        return None
    return len(rest)


# A PIN tried with the wrong length where none was asked for (the menu): digits alone, as many
# as no other answer there has ("1234", "12345"; "1" to "4" are the menu's choices), or after
# the word PIN ("PIN saya 1234", "pin 1234567").
_BARE_TRY = range(4, 6)
_SAID_TRY = range(3, 9)


def pin_tried(text: str) -> int | None:
    """The number of digits of a PIN sent with the wrong length, unasked: "1234", "12345",
    "PIN saya 1234"; None for anything else (a menu number, a year in words, a phone)."""
    digits = wrong_pin_length(text)
    if digits is None:
        return None
    if re.search(r"(?i)\bpin\b", text):
        return digits if digits in _SAID_TRY else None
    return digits if digits in _BARE_TRY and text.strip().isdigit() else None


def pin_length_reply(turn: Turn, digits: int) -> Reply:
    return Reply(turn.t("status_pin.length", digits=digits) + " "
                 + turn.t("status_pin.again"))


def _window(turn: Turn) -> dt.timedelta:
    return dt.timedelta(minutes=turn.config.privacy.status_lookup.lock_minutes)


def locked_until(turn: Turn, ticket: str) -> dt.datetime | None:
    """When look-ups by this person, or on this ticket, may start again (None: not locked)."""
    unit, now = turn.unit, turn.now
    ends = [unit.lookup_locked_until(IDENTITY, identity_key(turn), now),
            unit.lookup_locked_until(TICKET, ticket, now)]
    found = [e for e in ends if e is not None]
    return max(found) if found else None


def identity_key(turn: Turn) -> str:
    return f"complainant:{turn.complainant.id}"


def locked_reply(turn: Turn, until: dt.datetime) -> Reply:
    local = until.astimezone(turn.config.office.tz)
    return Reply(turn.t("status_locked", until=format_local(local, turn.lang)) + "\n\n"
                 + lost_pin(turn))


def _fail(turn: Turn, ticket: str) -> tuple[Reply, bool]:
    """Count a failed look-up for this person and this ticket; say how many tries are left.
    The flag: whether another try is allowed now."""
    limits, window = turn.config.privacy.status_lookup, _window(turn)
    left = min(
        turn.unit.record_lookup_failure(IDENTITY, identity_key(turn), turn.now,
                                        limits.identity_failures, window),
        turn.unit.record_lookup_failure(TICKET, ticket, turn.now, limits.ticket_failures,
                                        window))
    until = locked_until(turn, ticket)
    if left == 0 and until is not None:
        return locked_reply(turn, until), False
    # the same answer for a missing ticket, someone else's, and a wrong PIN
    return Reply(turn.t("status_not_found", left=left) + " " + turn.t("status_try_again")
                 + "\n\n" + lost_pin(turn)), until is None


# The person's own complaints offered to pick from (newest first).
LISTED = 9


# The ticket opened with its PIN in this conversation: what its follow-up questions ("ada
# balasan dari petugas?") are about, without the PIN again (on a borrowed phone or a new
# browser the conversation has no complaint of its own).
OPENED = "status_opened"


def about_opened(turn: Turn) -> bool:
    """Whether a ticket was opened here with its PIN and the message names no ticket (one
    named, with a PIN or not, is checked as typed)."""
    return bool(turn.data.get(OPENED)) and \
        find_ticket(turn.text, turn.config.office.code) is None


def start(turn: Turn) -> Go:
    """A status check without a ticket: from the filing identity, the one complaint's status
    at once; several, a numbered list (STATUS_TICKET); none, the ticket opened here with its
    PIN, else the ticket is asked."""
    own = turn.unit.complaints_of(turn.complainant.id, limit=LISTED)
    opened = turn.unit.complaint_card(turn.data[OPENED]) if not own and \
        about_opened(turn) else None
    if opened is not None:
        return Go(State.MENU, [describe(turn, opened)], ask_next=False)
    if len(own) >= 2 and turn.text:
        # "status yang pertama", "status yg paspor": that one at once
        ticket = named(turn, [c.ticket for c in own])
        if ticket is not None:
            turn.data.pop("status_candidates", None)
            return answer_ticket(turn, ticket, None)
    if len(own) == 1:
        turn.data.pop("status_candidates", None)
        # "status" half-way through another complaint: that one is kept, and said so
        unsent = [Reply(turn.t("status_unsent_kept"), (Choice(turn.t("menu.resume")),))] \
            if draft.resume(turn) is not None else []
        return Go(State.MENU, [describe(turn, own[0]), *unsent], ask_next=False)
    return Go(State.STATUS_TICKET)


def status_command(turn: Turn, text: str) -> Go:
    """`status`, `status TICKET` or `status TICKET PIN` from any state; a ticket alone as the
    first message is answered in the page's language (`language.take_hint`)."""
    take_hint(turn)
    ticket = find_ticket(text, turn.config.office.code)
    if ticket is None:
        return start(turn)
    return answer_ticket(turn, ticket, find_pin(text.replace(ticket, "")))


def label(turn: Turn, complaint: Complaint) -> str:
    """'TRK-7K3Q-9MXA · Layanan paspor, 1 Des 2026': a ticket told apart from its siblings."""
    local = complaint.created_at.astimezone(turn.config.office.tz).date()
    kind = turn.config.complaint_types[complaint.type].label(turn.lang)
    return f"{complaint.ticket} · {kind}, {short_date(local, turn.lang)}"


def answer_ticket(turn: Turn, ticket: str, pin: str | None) -> Go:
    """The filer sees their own complaint by ticket alone; anyone else needs the PIN, within
    the look-up limits (kept in the database: "menu", "batal" or a restart change nothing)."""
    complaint = turn.unit.complaint_card(ticket)
    if complaint is not None and complaint.complainant_id == turn.complainant.id:
        turn.data.pop("status_ticket", None)
        # "please cancel TRK-…, it is solved": the wish is not dropped unanswered
        how = [Reply(turn.t("status.withdraw"))] if _WITHDRAW.search(said(turn.text)) else []
        return Go(State.MENU, [describe(turn, complaint), *how], ask_next=False)
    until = locked_until(turn, ticket)
    if until is not None:
        turn.data.pop("status_ticket", None)
        return Go(State.MENU, [locked_reply(turn, until)], ask_next=False)
    if pin is None:
        turn.data["status_ticket"] = ticket
        digits = wrong_pin_length(turn.text, ticket)
        if digits is not None:
            # "status TRK-… PIN 0000": what was wrong, and the PIN asked for again
            return Go(State.STATUS_PIN, [pin_length_reply(turn, digits)], ask_next=False)
        return Go(State.STATUS_PIN)
    turn.data.pop("status_ticket", None)
    if complaint is not None and check_pin(pin, complaint.pin_hash):
        speak_as_filed(turn, ticket)
        turn.data[OPENED] = ticket
        return Go(State.MENU, [describe(turn, complaint)], ask_next=False)
    failed, again = _fail(turn, ticket)
    if again:
        # "Sisa percobaan: 4": the next message may be the PIN (or the ticket) typed again
        turn.data["status_ticket"] = ticket
        return Go(State.STATUS_PIN, [failed], ask_next=False)
    return Go(State.MENU, [failed], ask_next=False)


def speak_as_filed(turn: Turn, ticket: str) -> None:
    """The PIN's holder whose own words have not set the language ("status", the ticket, the
    PIN): answered, and talked to from now on, in the language the complaint was filed in.
    Someone who wrote Indonesian or English words keeps theirs."""
    if turn.data.get(LANG_HEARD):
        return
    filed = turn.unit.complaint_by_ticket(ticket, history=False)
    if filed is not None and filed.language in ("id", "en") and filed.language != turn.lang:
        turn.lang = turn.complainant.language = filed.language


def unsent_missing(turn: Turn, at: State) -> str:
    """What the complaint being written still needs to be sent, asked at question `at`."""
    send = turn.t("confirm.send")
    if at is State.CONFIRM:
        key = "status_unsent.protect" if turn.data.get("protect_offer") else \
            "status_unsent.confirm"
    elif at is State.EDIT:
        key = "status_unsent.edit"
    else:
        key = "status_unsent.questions"
    return turn.t(key, send=send)


@answers_status
def unsent_here(turn: Turn, at: State) -> Go:
    """A status asked at a question of the draft ("hello, any news about my report? it has
    been one week"): the complaint being written is not sent yet, and what it still needs
    (`unsent_missing`); the status of those filed from here (the one in full, several a line
    each); then the question again. Nothing is stored. Asked when an answer comes ("bila
    boleh dapat jawapan?"): when, once it is sent, too."""
    said_ = [Reply(turn.t("status_unsent") + "\n" + unsent_missing(turn, at))]
    if asks_when_answered(turn.text):
        said_.append(Reply(turn.t("describe.process.how_long")))
    own = turn.unit.complaints_of(turn.complainant.id, limit=LISTED)
    if len(own) == 1:
        card = turn.unit.complaint_card(own[0].ticket)
        if card is not None:
            said_.append(Reply(turn.t("status_unsent.filed_one") + "\n"
                               + describe(turn, card).text))
    elif own:
        lines = [f"• {label(turn, c)}: {stage_words(turn, c)[0]}" for c in own]
        said_.append(Reply(turn.t("status_unsent.filed") + "\n" + "\n".join(lines)))
    return Go(None, said_)


# "kapan saya dapat jawaban?" at a question of the draft: answered as a status is there
ASKS_WHAT_NEXT.append(asks_when_answered)


@register
class StatusTicket(Step):
    """Ask for the ticket; list the complainant's own complaints to help."""

    state = State.STATUS_TICKET
    goes_to = frozenset({State.MENU, State.STATUS_PIN, State.DESCRIBE, State.SCOPE, State.INFO,
                         State.RESUME, State.OFFICER}) | DRAFT_STATES

    def prompt(self, turn: Turn) -> list[Reply]:
        turn.data.pop(filed.JUST, None)   # the list shown: a "1" is its own from now on
        # "status" typed half-way through a complaint: that complaint has no ticket yet
        unsent = draft.resume(turn) is not None
        head = turn.t("status_unsent") + "\n\n" if unsent else ""
        more = (Choice(turn.t("menu.resume")),) if unsent else ()
        own = turn.unit.complaints_of(turn.complainant.id, limit=LISTED)
        if len(own) < 2:
            turn.data.pop("status_candidates", None)
            if own:
                return [Reply(head + turn.t("status_ask", example=example_ticket(turn)), more)]
            channel = {"telegram": ("akun", "account"), "web": ("percakapan", "chat")}.get(
                turn.inbound.channel, ("nomor", "number"))
            key = "status_ask_unsent" if unsent else "status_ask_none"
            return [Reply(head + turn.t(key, example=example_ticket(turn),
                                        channel=channel[turn.lang == "en"]), more)]
        turn.data["status_candidates"] = [c.ticket for c in own]
        # tickets shown as buttons (Telegram, the web chat) are tapped; numbered lines
        # (WhatsApp, SMS) are answered with their number
        tapped = turn.inbound.channel in BUTTON_CHANNELS
        pick_key = "status_pick.tap" if tapped else "status_pick"
        return [Reply(head + turn.t(pick_key),
                      tuple(Choice(label(turn, c)) for c in own) + more)]

    def handle(self, turn: Turn) -> Go:
        ticket = find_ticket(turn.text, turn.config.office.code)
        listed = turn.data.get("status_candidates") or []
        unsent = draft.resume(turn)
        if ticket is None and unsent is not None:
            back = self.choose(turn, [[t] for t in listed] + [
                turn.words("menu.resume") + turn.words("resume.continue") +
                ["lanjut", "lanjutkan", "continue", "teruskan"]])
            if back == len(listed):
                turn.data.pop("resume_state", None)
                turn.data.pop("status_candidates", None)
                return Go(unsent)
            if back is None and not _TICKET_TRY.search(turn.text) and \
                    not is_greeting(turn.text) and menu_wish(turn.text)[0] not in MOVING_ON:
                # "sy tambahin ya, tadi sy coba lagi tetap gagal bayar", "makasih min": not a
                # ticket; no trap ("not a valid ticket" for ever), back to the unsent draft,
                # keeping what it adds to the story
                turn.data.pop("resume_state", None)
                turn.data.pop("status_candidates", None)
                if _WITHDRAW.search(said(turn.text)) or wants_cancel(turn.text):
                    # "sy mau cabut pengaduannya aja deh, takut": the draft's own cancel
                    # question (never the story)
                    turn.data["cancel_from"] = unsent.value
                    return Go(State.CANCEL)
                if menu_wish(turn.text)[0] == "thanks":
                    # "mksh min": not a sign it was sent; it is not, and its question again
                    return Go(unsent, [Reply(turn.t("thanks.unsent"))])
                added = _adds_to_story(turn.text) and draft.add_to_story(turn, turn.text)
                return Go(unsent, [Reply(turn.t("status_back_added" if added
                                                else "status_back_to_draft"))])
        if ticket is None and listed:
            left = _not_a_pick(turn, listed)
            if left is not None:
                return left
            ticket = self.picked(turn, listed)
            if ticket is None and menu_wish(turn.text)[0] == "check_status":
                # "any update on my complaint?": the list again, a line each
                return Go(None, self.prompt(turn), ask_next=False)
            if ticket is None and not (is_greeting(turn.text) or _FORGOT.search(said(
                    turn.text)) or menu_wish(turn.text)[0] in MOVING_ON):
                return self.not_understood(turn)
        if ticket is None and is_greeting(turn.text):
            return Go(State.MENU)                      # "halo": they have moved on
        if ticket is None and menu_wish(turn.text)[0] in MOVING_ON:
            # "petugas", "mau komplain aja": no ticket to give; read as at the menu
            turn.data.pop("status_candidates", None)
            return REGISTRY[State.MENU].handle(turn)
        if ticket is None and _FORGOT.search(said(turn.text)):
            turn.data.pop("status_candidates", None)
            return Go(State.MENU, forgot(turn), ask_next=False)
        if ticket is None and not _TICKET_TRY.search(turn.text) and \
                len(said(turn.text).split()) >= OTHER_WORDS:
            # "sy mau tambah bukti", "ada balasan?": no ticket typed, wrong or right; read as
            # at the menu, never "not a valid ticket" for ever
            turn.data.pop("status_candidates", None)
            return REGISTRY[State.MENU].handle(turn)
        if ticket is None and is_pin_alone(turn.text):
            # "123456" where the ticket is asked: a PIN, which opens nothing without its ticket
            # (it was "not a valid ticket number"); no try is counted
            return Go(None, [Reply(turn.t("status.pin_needs_ticket",
                                          example=example_ticket(turn)))], ask_next=False)
        if ticket is None:
            return Go(None, [Reply(turn.t("status_bad_ticket", example=example_ticket(turn)))],
                      ask_next=False)
        turn.data.pop("status_candidates", None)
        return answer_ticket(turn, ticket, find_pin(turn.text.replace(ticket, "")))

    def picked(self, turn: Turn, listed: list[str]) -> str | None:
        """The listed complaint chosen: by its line ("1", its ticket tapped, "yang pertama"), by
        filing order ("yang terakhir"), by type ("yg paspor") or by a word of its story alone
        ("yg antrian")."""
        ticket = _by_order(turn, listed, shown=True)
        if ticket is None:
            chosen = self.choose(turn, [[t] for t in listed])
            ticket = listed[chosen] if chosen is not None else None
        return ticket or _by_kind(turn, listed) or _by_story(turn, listed)

    def not_understood(self, turn: Turn, choices: int | None = None) -> Go:
        """'Sorry, I didn't get that', with the list again as it was first shown (one line a
        complaint: on one line it ran on, W40)."""
        asked = self.prompt(turn)
        if not asked[-1].choices or is_affirm(turn.text) or is_done(turn.text):
            return super().not_understood(turn, choices)
        return Go(None, [Reply(turn.t("not_understood") + " " + asked[-1].text,
                               asked[-1].choices)], ask_next=False)


@register
class StatusPin(Step):
    state = State.STATUS_PIN
    # a wish read as at the menu ("petugas", "mau komplain aja") goes where the menu sends it
    goes_to = frozenset({State.MENU, State.STATUS_TICKET, State.DESCRIBE, State.SCOPE,
                         State.INFO, State.RESUME, State.OFFICER}) | DRAFT_STATES

    def prompt(self, turn: Turn) -> list[Reply]:
        return [Reply(turn.t("status_pin"))]

    def handle(self, turn: Turn) -> Go:
        typed = find_ticket(turn.text, turn.config.office.code)
        pin = find_pin(turn.text.replace(typed, "") if typed else turn.text)
        ticket = typed or turn.data.get("status_ticket")
        if ticket is None:
            return Go(State.STATUS_TICKET)
        if pin is None and typed is None and (
                is_greeting(turn.text) or menu_wish(turn.text)[0] in MOVING_ON
                or said(turn.text) in MENU_NUMBERS):
            # "petugas" or "4" (to get a new PIN, as the answer to a wrong one says), "mau
            # komplain aja": read as at the menu
            turn.data.pop("status_ticket", None)
            return REGISTRY[State.MENU].handle(turn)
        if pin is None and typed is None and _FORGOT.search(said(turn.text)):
            # "sy lupa nomor tiketnya", "lupa PIN": how to do without them, not "send the PIN"
            turn.data.pop("status_ticket", None)
            return Go(State.MENU, forgot(turn), ask_next=False)
        if pin is None and typed is None and not any(ch.isdigit() for ch in turn.text) and \
                len(said(turn.text).split()) >= OTHER_WORDS:
            # "sy mau tambah bukti": something else than a PIN, read as at the menu
            turn.data.pop("status_ticket", None)
            return REGISTRY[State.MENU].handle(turn)
        if pin is None and typed is not None:
            # a ticket typed anew (the right one after a wrong one): read as typed fresh, so
            # the filer's own is answered at once, and another's PIN is asked for that one
            go = answer_ticket(turn, typed, None)
            if go.to is State.STATUS_PIN:
                go.to = None                     # asked again, here
            return go
        if pin is None:
            turn.data["status_ticket"] = ticket
            digits = wrong_pin_length(turn.text)
            if digits is not None:
                # "1234": what was wrong, not the same request again (and no try counted)
                return Go(None, [pin_length_reply(turn, digits)], ask_next=False)
            return Go(None, [Reply(turn.t("status_pin"))], ask_next=False)
        go = answer_ticket(turn, ticket, pin)
        if go.to is State.STATUS_PIN:
            go.to = None                         # asked again, here
        return go
