"""Events to outbox messages: officer alerts, progress updates and relays to complainants."""
from __future__ import annotations

import datetime as dt
import hmac
import logging
import re
import secrets
from typing import TYPE_CHECKING, Any, Callable, Collection, Sequence

from bot.channels import CHANNEL_LABELS
from bot import identity
from bot.concealed import conceal, conceal_all, mask_typed_pin
from bot import pings
from bot import tickets as pin_store
from bot.dates import local_time, tanggal
from bot.deadlines import LABEL as DEADLINE_LABEL
from bot.deadlines import Deadline, DeadlineStated, officers_line, outcome_due, pleads
from bot.delicate import delicate
from bot.delivery import RESENT_KINDS
from bot.events import ComplaintFiled, OfficerChatEnded, OfficerRequested, PersonWrote
from bot.identity import GROUP, Mode
from bot.labels import incident_label, place_label
from bot.progress_texts import FOREIGNERS, NO_ONE_AT_FAULT, pt
from bot.rich import Rich
from bot.sop import keyboard, owners
from bot.sop.slots import alert_slot
from bot.sop.stages import Stage, public_label, public_next
from bot.sop.workflow import NO_STAFF_FOLLOW_UPS, Role, due_after, next_transition
from bot.tickets import find_ticket
from storage.kept import counts

if TYPE_CHECKING:
    from bot.config import OfficeConfig
    from bot.sop.hours import ServiceHours
    from storage.models import Complainant, Complaint, ContactRequest
    from storage.repo import Unit

log = logging.getLogger(__name__)
# Channels a complainant can be reached on later: the worker sends on the first three, and the
# web chat's browser collects its own messages from the outbox.
PUSH_CHANNELS = ("telegram", "whatsapp", "sms", "web")
RELAY_KIND = "relay_in"     # a person's messages to their talk-to-officer request, batched
# Payload key of a leader's copy of a talk held for an anonymous complaint's slot (the request
# id, `Notifier.hold_talk`), in the `pings.HELD_PING` kind but no ping: sent as it is.
HELD_TALK = "held_talk"
_STAMP = re.compile(r"^\[\d{2}\.\d{2}\] ")     # a relayed line's minute (`person_wrote`)
RELAY_LINE_CHARS = 1000     # one message's share of a batch
RELAY_BATCH_CHARS = 3000    # a batch stays one Telegram message (4,096 once marked up)
RELAY_WINDOW = dt.timedelta(minutes=1)   # conversation.officer_relays_per_minute
ENDED = "— pelapor mengakhiri percakapan; permintaan ditutup."
CHANNEL_LABEL = {**CHANNEL_LABELS, "terminal": "Terminal"}
WINDOW = dt.timedelta(hours=24)
WINDOW_MARGIN = dt.timedelta(minutes=10)
MAX_RELAY_CHARS = 1400   # leaves room for the heading inside one 1,600-character Twilio body
# An officer's words to a complainant (/kabar, /balas, /pesan) per message: a longer text goes
# as several messages, cut between sentences or words. WhatsApp's 1,600-character body holds
# the frame and 1,400, but the approved template sent outside the 24-hour window carries a
# variable of at most 1,000; Telegram holds 4,096.
PART_CHARS = {"whatsapp": 1000, "sms": MAX_RELAY_CHARS, "telegram": 3500, "web": 3500}
_PHONE = re.compile(r"\+?\d[\d ()-]{6,}\d")
LEADERS = (Role.KASI_TIKKIM, Role.KEPALA_KANTOR)


def talk_code(request_id: int) -> str:
    """How the leaders name a talk only they answer (`Notifier.talk_for_leaders`): R-<the
    request's id>. Never shown in the group, and not derivable from the code the group read
    for an earlier talk of the same person (`open_code`, a ticket): the leaders, who read the
    group too, must not find the code they read beside Rina's named ticket on the heading of
    her anonymous levy report. Each request has its own; every one of them answers
    (`bot.desk.message`) to Kasi Tikkim and the Kepala Kantor in a private chat only."""
    return f"R-{request_id}"


# A talk's own code in the group (`open_code`): T- and seven digits, a keyed permutation of the
# request's id over 000000-999999 (seven digits past the millionth request). The id spread by
# a public factor (id × 7919) decoded to the request counter: the group could count requests
# and see, between two talks of its own, the id of a talk it never read (a leaders' or held
# one), and so date it. Keyed, the codes of consecutive requests look random and none tells
# another; it also never reads as the leaders' R-<id> of the same request. The key is derived
# from the deployment's PIN key (`bot.tickets.use_pin_keys`; changing the first PIN key
# changes the code of a talk still open: the group reads the new one in /permintaan); without
# PIN_KEY it is a random secret kept in the database (`use_talk_key`).
# Seven digits, then eight: never six, which every text that masks a typed PIN would mask
# ("… (lewat permintaan T-••••••)" in a leader's /lihat).
_CODE_DIGITS = (7, 8)
_CODE_ROUNDS = 6
OPEN_CODE = re.compile(r"^[Tt]-?(\d{1,8})$")


# Without PIN_KEY, a random secret of the deployment's, kept in its database (storage/talk_key.py)
# so that every process that builds a runtime gives a request the same code (`use_talk_key`); one
# that never set it (a script) uses a key of its own, never a constant anyone can read here.
_talk_key: bytes | Callable[[], bytes] = secrets.token_bytes(32)


def use_talk_key(key: bytes | Callable[[], bytes]) -> None:
    """The deployment's talk-code secret when it has no PIN key, set when the runtime is
    built; or how to read it, when the database did not answer then (read at the first code)."""
    global _talk_key
    _talk_key = key


def _code_key() -> bytes:
    global _talk_key
    keys = pin_store._KEYS    # the deployment's PIN keys (`use_pin_keys`), first one current
    if keys:
        return hmac.digest(keys[0], b"aduan-talk-code", "sha256")
    if callable(_talk_key):
        _talk_key = _talk_key()
    return _talk_key


def _feistel(value: int, digits: int, key: bytes, back: bool = False) -> int:
    """A keyed permutation of 0 .. 10**digits - 1 (a Feistel network on the bits that hold
    it, walked again while it falls outside: `back` undoes it)."""
    half = (int(10 ** digits - 1).bit_length() + 1) // 2
    mask = (1 << half) - 1
    rounds = range(_CODE_ROUNDS - 1, -1, -1) if back else range(_CODE_ROUNDS)

    def mix(number: int, round_: int) -> int:
        said = f"{digits}:{round_}:{number}".encode()
        return int.from_bytes(hmac.digest(key, said, "sha256")[:4], "big") & mask
    while True:
        left, right = value >> half, value & mask
        for round_ in rounds:
            if back:
                left, right = right ^ mix(left, round_), left
            else:
                left, right = right, left ^ mix(right, round_)
        value = (left << half) | right
        if value < 10 ** digits:
            return value


def open_code(request_id: int) -> str:
    """How the group names a person's talk (`group_code`): T-<n>, one per request and not
    derivable from the person. A code fixed per person (the P-code it replaced), read beside
    a named ticket in an earlier talk, named them on every later one."""
    digits = next((d for d in _CODE_DIGITS if request_id < 10 ** d), None)
    if digits is None:
        raise ValueError(f"request {request_id} is past the talk codes' range")
    return f"T-{_feistel(request_id, digits, _code_key()):0{digits}d}"


def open_request_id(code: str) -> int | None:
    """The request an `open_code` names (None: not one). A code of another length, such as
    one shown before the codes were keyed (T-31676), names none; one of the same length names
    a request it was not shown for, which `bot.desk.message.by_open_code` finds live only by
    a one-in-ten-million chance."""
    match = OPEN_CODE.match(code)
    digits = len(match.group(1)) if match else 0
    if digits not in _CODE_DIGITS:
        return None
    found = _feistel(int(match.group(1)), digits, _code_key(), back=True)
    # an eight-digit code names a request past the seven-digit ones only
    return found if digits == _CODE_DIGITS[0] or found >= 10 ** _CODE_DIGITS[0] else None


def asked_on(request: "ContactRequest", complaints: Sequence["Complaint"]) -> "Complaint | None":
    """The complaint whose /balas opened `request` (`Notifier.relay` keeps it: `asked_on_id`),
    named or not: its answer comes back to the group under that ticket. A request opened
    before that was kept: the complaint not filed by name with a reply at the very instant the
    request opened (`bot.desk.message.open_for_reply`), as it was read then."""
    if request.asked_on_id is not None:
        return next((c for c in complaints if c.id == request.asked_on_id), None)
    for complaint in complaints:
        if identity.mode_of(complaint) is Mode.NAMED:
            continue
        if any(e.action == "relay" and e.at == request.opened_at for e in complaint.events):
            return complaint
    return None


def group_code(unit: "Unit", complainant_id: int,
               request: "ContactRequest | None" = None) -> str:
    """The code the group reads for a person's talk (not one only the leaders answer), one
    rule for everyone: the ticket a /balas asked on (`asked_on`), else the talk's own
    `open_code`. The person's fixed P-code while all their complaints were named, and a T-code
    from the day one was not, told the group who had a concealed complaint. `request`: the
    live one (default: read); with none, `NO_CODE`."""
    request = request or unit.live_contact_request(complainant_id)
    if request is None:
        return NO_CODE
    asked = asked_on(request, unit.complaints_of(complainant_id, limit=50))
    return asked.ticket if asked is not None else open_code(request.id)


def leaders_talk(unit: "Unit", config: "OfficeConfig", complainant_id: int, text: str = "",
                 complaints: Sequence["Complaint"] | None = None,
                 now: dt.datetime | None = None) -> bool | dt.datetime:
    """Whether a person's talk with the officers is for the leaders only
    (`Notifier.talk_for_leaders`): read by the conversation too, which then names the talk
    to the person as the leaders do (`talk_handle`, `to_person`). `complaints`: the person's
    (default: their last 50); `now`: the moment of what is decided (`held_talk`). A talk the
    leaders read only from an anonymous complaint's slot answers with that slot (`talk_slot`,
    truthy), so that the person is not told it was passed on (`to_person`)."""
    if complaints is None:
        complaints = unit.complaints_of(complainant_id, limit=50)
    slot = talk_slot(unit, config, complainant_id, complaints, text, now)
    return slot or (held_talk(unit, config, complainant_id, complaints, now)
                    or leaders_anyway(unit, config, complainant_id, complaints, text))


def leaders_anyway(unit: "Unit", config: "OfficeConfig", complainant_id: int,
                   complaints: Sequence["Complaint"], text: str = "") -> bool:
    """Whether a person's talk is the leaders' whether or not a complaint of theirs is held
    for its slot (`held_talk`): a sensitive complaint, one that keeps an officer away, or a
    talk (`text`, or one relayed before) that reported a levy, a broker or an officer's
    conduct. Such a talk's leaders' notices name the person's tickets as they did before
    (`leaders_tickets`)."""
    if any(identity.is_sensitive(c, config.sensitive_types) for c in complaints):
        return True
    if any(unit.excluded_officers(c.id) for c in complaints):
        # the person complained of someone on the roster (named, or kept away by a
        # leader): in the group that officer would read the talk he may not answer
        return True
    return (delicate(text) or unit.talk_marked_for_leaders(complainant_id)
            or any(delicate(said) for said in unit.relayed_texts(complainant_id)))


def for_anonymous(unit: "Unit", config: "OfficeConfig", complainant_id: int,
                  complaints: Sequence["Complaint"], text: str = "") -> list["Complaint"]:
    """The person's anonymous complaints when they alone make the talk the leaders' anyway
    (`leaders_anyway`: a sensitive one, or one that keeps an officer away) and the person has
    a complaint that is not anonymous; else none. Such a talk would have been the group's but
    for the anonymous complaint, so a leaders' notice naming the named ticket beside it
    ("🙋 Pelapor TRK-named (R-1) … Alasan: … pungli", at the minute the anonymous bribe report
    reached them) told the leaders who had written it (`leaders_tickets`)."""
    hidden = [c for c in complaints if identity.mode_of(c) is Mode.ANONYMOUS]
    known = [c for c in complaints if identity.mode_of(c) is not Mode.ANONYMOUS]
    if not hidden or not known or not leaders_anyway(unit, config, complainant_id, complaints,
                                                     text):
        return []
    return [] if leaders_anyway(unit, config, complainant_id, known, text) else hidden


def held_talk(unit: "Unit", config: "OfficeConfig", complainant_id: int,
              complaints: Sequence["Complaint"], now: dt.datetime | None = None) -> bool:
    """Whether the person talks while one of their complaints is still hidden from the group
    (`unreleased`: held for its slot, `Notifier.hold_alert`): at `now`, or when their live
    request was opened (a talk the group never heard of stays the leaders' until it closes;
    one the group was reading turns to them, silently, when the person files). Its notice
    at 09.43, a follow-up or a withdrawal wish of an anonymous complaint whose alert waited for
    10.00, told the group that someone had just filed and, under the T-code, which talk it
    was: the petugas who saw the person's named talk end at 09.38 tied them. From the slot
    on, a new request is the group's again. Read without `now` (the desk's checks) from the
    live request alone."""
    return bool(held_for(unit, config, complainant_id, complaints, now))


def held_for(unit: "Unit", config: "OfficeConfig", complainant_id: int,
             complaints: Sequence["Complaint"],
             now: dt.datetime | None = None) -> list["Complaint"]:
    """The complaints a talk is held for (`held_talk`): those still hidden from the group at
    `now` or when the live request was opened, whichever came first."""
    live = unit.live_contact_request(complainant_id)
    moments = [_utc(m) for m in (now, live.opened_at if live is not None else None)
               if m is not None]
    return [c for c in complaints if moments and unreleased(config, c, min(moments))]


def talk_slot(unit: "Unit", config: "OfficeConfig", complainant_id: int,
              complaints: Sequence["Complaint"], text: str = "",
              now: dt.datetime | None = None) -> dt.datetime | None:
    """The alert slot before which the leaders read nothing of a talk (`Notifier.hold_talk`):
    one the leaders hold only for anonymous complaints still hidden (`held_for`, each
    `identity.anonymous_to_all`, nothing else making it theirs: `leaders_anyway`), the latest
    of their slots; None once it passed at `now` (default: the person's latest message, which
    the conversation answers), or for any other talk (a confidential or sensitive complaint's
    reaches them at once). They read the group too: "🙋 Pelapor (R-1) …" at 09.43, a minute
    after the person's named alert, told them that this person had just filed anonymously."""
    held = held_for(unit, config, complainant_id, complaints, now)
    if not held or not all(identity.anonymous_to_all(c) for c in held):
        return None
    if now is None:
        person = unit.complainant_by_id(complainant_id)
        now = person.last_inbound_at if person is not None else None
    slot = max(alert_slot(config, _utc(c.created_at)) for c in held)
    if now is None or _utc(now) >= slot or leaders_anyway(unit, config, complainant_id,
                                                          complaints, text):
        return None
    return slot


def unreleased(config: "OfficeConfig", complaint: "Complaint", moment: dt.datetime) -> bool:
    """Whether at `moment` the group may not know of the complaint yet: held for the slot
    (`identity.held_for_slot`) and before the slot of its receipt (`alert_slot`). Read from the
    complaint alone (`bot.desk.privacy.released` is its opposite), never from the outbox."""
    # the slot first: `held_for_slot` may read the trail (`identity.erased_from_name`)
    return _utc(moment) < alert_slot(config, _utc(complaint.created_at)) and \
        identity.held_for_slot(complaint, config.sensitive_types)


def _utc(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back UTC without its zone."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.timezone.utc)


# A talk's code left out of a text to the person (`to_person`): a leaders-only talk with no
# live request has no code the person could quote.
NO_CODE = "\x00"
_NO_CODE_SAID = re.compile(r" ?\((?:kode |reference )?\*\x00\*\)| \*\x00\*|\x00")
# The words a person in a leaders-only talk reads for who answers: only the leaders read it,
# so "petugas" / "the officers" would be untrue.
_LEADERS_WORDS = {
    "id": ((re.compile(r"\bpetugas(nya)?\b"), "pimpinan kantor"),
           (re.compile(r"\bPetugas(nya)?\b"), "Pimpinan kantor")),
    "en": ((re.compile(r"\b[Tt]he officers'"), "the leadership's"),
           (re.compile(r"\b(?:the|its) officers?\b(?: handling (it|complaint))?"),
            lambda m: "the office's leadership" + (f" handling {m.group(1)}"
                                                   if m.group(1) else "")),
           (re.compile(r"\bThe officers?\b"), "The office's leadership"),
           (re.compile(r"\b[Aa]n officer will\b"), "the office's leadership will"),
           (re.compile(r"^the office's leadership will", re.M), "The office's leadership will")),
}


# The words a person reads in a talk the leaders read only from an anonymous complaint's
# slot (`talk_slot`), after `_LEADERS_WORDS`: nothing was passed on yet, and "replies in this
# chat during service hours" promised an answer before the leaders could read a word. No time
# is said: the slot's minute would be the complaint's.
_HELD_WORDS = {
    "id": ((re.compile(r"\bkami teruskan\b"), "kami simpan"),
           (re.compile(r"\bkami simpan (\*[^*]+\* )?(?:ke|kepada)\b"), r"kami simpan \1untuk"),
           (re.compile(r"\bDiteruskan ke\b"), "Tersimpan untuk"),
           (re.compile(r"\bditeruskan ke\b"), "tersimpan untuk"),
           (re.compile(r"\bsudah ada pada\b"), "sudah tersimpan untuk"),
           (re.compile(r"\bKami sampaikan juga kepada mereka bahwa\b"),
            "Bersama pesan Anda kami catat juga bahwa"),
           (re.compile(r"Pimpinan kantor membalas di percakapan ini pada jam layanan "
                       r"\([^)]*\)\."),
            "Pesan Anda kami simpan dan segera dibaca oleh kantor; balasannya masuk ke "
            "percakapan ini.")),
    "en": ((re.compile(r"\bpassed on (\*as urgent\* )?to\b"), r"kept \1for"),
           (re.compile(r"\bpassed (your [^.:]*?) on to them\b"), r"kept \1 for them"),
           (re.compile(r"\bPassed on to\b"), "Kept for"),
           (re.compile(r"\bwe pass everything on\b"), "we keep everything for them"),
           (re.compile(r"\bYour messages go to\b"), "Your messages are kept for"),
           (re.compile(r"\bis already with\b"), "is already kept for"),
           (re.compile(r"\bWe have also told them that\b"),
            "With your message we have also noted that"),
           (re.compile(r"The office's leadership will reply in this chat during service hours "
                       r"\([^)]*\)\."),
            "Your message is kept and will be read by the office soon; the answer will come "
            "to this chat.")),
}


def talk_handle(unit: "Unit", complainant_id: int, leaders: bool | dt.datetime) -> str:
    """The code a person is told for their talk: for a talk the group answers the one the
    group reads (`group_code`: the talk's own code, or the ticket a /balas asked on); for a
    leaders-only talk the live request's own R-code (`talk_code`, the one the leaders read); or
    none (`NO_CODE`)."""
    if not leaders:
        return group_code(unit, complainant_id)
    live = unit.live_contact_request(complainant_id)
    return talk_code(live.id) if live is not None else NO_CODE


def to_person(text: str, lang: str, leaders: bool | dt.datetime) -> str:
    """A talk's text as the person reads it: in a leaders-only talk it names "pimpinan
    kantor" / "the office's leadership", not "petugas"; a left-out code (`NO_CODE`) is gone.
    One held for a slot (`leaders` the slot, `talk_slot`) says its messages are kept and read
    soon (`_HELD_WORDS`), not passed on nor answered in service hours."""
    lang = "en" if lang == "en" else "id"
    if leaders:
        for pattern, words in _LEADERS_WORDS[lang]:
            text = pattern.sub(words, text)
    if isinstance(leaders, dt.datetime):
        for pattern, words in _HELD_WORDS[lang]:
            text = pattern.sub(words, text)
    return _NO_CODE_SAID.sub("", text)


def needs_template(channel: str, last_inbound_at: dt.datetime | None, now: dt.datetime) -> bool:
    """WhatsApp outside the 24-hour customer-service window (with a safety margin)."""
    if channel != "whatsapp":
        return False
    return last_inbound_at is None or now - last_inbound_at > WINDOW - WINDOW_MARGIN


# Why a person wants the officers (OfficerRequested.purpose): the group's heading says it.
REQUEST_ICON = {None: "🙋", "add": "📎", "withdraw": "↩️", "objection": "⚠️", "question": "❓",
                "rating": "⭐"}
REQUEST_WISH = {None: "meminta bicara dengan petugas",
                "add": "mengirim keterangan atau bukti tambahan untuk pengaduannya",
                "rating": "memberi komentar pada penilaian pengaduannya",
                "withdraw": "meminta pengaduannya dicabut",
                "objection": "menyatakan pengaduannya belum terselesaikan",
                "question": "bertanya tentang hasil pengaduannya"}
REQUEST_HEADING = {k: f"{REQUEST_ICON[k]} Pelapor {w}" for k, w in REQUEST_WISH.items()}
# The wish in a leaders' notice that names no ticket (`leaders_tickets`): "pengaduannya" beside
# no ticket would point at whichever complaint of theirs the leaders know.
UNNAMED_WISH = {k: w.replace("pengaduannya", "pengaduan") for k, w in REQUEST_WISH.items()}

def leaders_tickets(complaints: Sequence["Complaint"], sensitive: Sequence["Complaint"],
                    held: Sequence["Complaint"] = ()) -> list[str]:
    """The tickets a leader's private copy of a person's talk names beside their code: the
    sensitive ones if any, else the latest. An anonymous complaint's ticket only when all the
    person's complaints are anonymous: beside a named or confidential ticket it would tell the
    leaders who wrote the anonymous one, which no officer may know. The code beside them is the
    talk's own (`talk_code`), never a code the group read for an open talk.
    The anonymous ones are left out before choosing: a named person's heading that lost their
    named ticket the day they filed an anonymous sensitive complaint ("Pesan dari pelapor
    TRK-… (P-12)", then "Pesan dari pelapor P-12") told the leaders they had filed one.
    `held`: the complaints that alone make the talk the leaders' (`Notifier.leaders_named`:
    held for their slot, `held_only`, or anonymous and sensitive, `for_anonymous`). While one
    of them is anonymous and the person has a complaint that is not, none: the talk is about
    the hidden one, and "📎 Pelapor TRK-A (R-1) mengirim keterangan …" at 09.43, with TRK-A's
    alert out since 09.30, tied the named TRK-A to the anonymous complaint filed at 09.41 and
    pointed a leader at the wrong complaint to withdraw. (A talk the leaders read anyway, for
    what is not anonymous, keeps its named ticket: losing it would tell.)"""
    mixed = any(identity.mode_of(c) is not Mode.ANONYMOUS for c in complaints)
    if mixed and any(identity.mode_of(c) is Mode.ANONYMOUS for c in held):
        return []
    if mixed:
        known = [c for c in complaints if identity.mode_of(c) is not Mode.ANONYMOUS]
        chosen = [c for c in sensitive if identity.mode_of(c) is not Mode.ANONYMOUS] or known
    else:
        chosen = list(sensitive or complaints)
    return [c.ticket for c in chosen[:3]]


class Notifier:
    """The engine's EventSink, and the officer desk's way to reach people: all via the outbox."""

    def __init__(self, config: "OfficeConfig", hours: "ServiceHours",
                 officer_chat_id: int | str | None):
        self.config = config
        self.hours = hours
        self.officer_chat_id = str(officer_chat_id) if officer_chat_id is not None else None

    def __call__(self, unit: "Unit", events: Sequence[Any], now: dt.datetime) -> None:
        # a deadline of the complainant's own, read by the conversation in the story (at
        # filing) or in a follow-up (with its message): printed with what it came with
        stated = [e for e in events if isinstance(e, DeadlineStated)]
        for at, event in enumerate(events):
            if isinstance(event, ComplaintFiled):
                self.complaint_filed(unit, event.complaint_id, now, stated=next(
                    (e.deadline for e in stated if e.complaint_id == event.complaint_id
                     and e.message_id is None), None))
            elif isinstance(event, OfficerRequested):
                # a message that asks for an officer and says what about comes with the
                # request, in the same turn: what it says decides who may hear of the request
                told = " ".join(e.text or "" for e in events[at + 1:]
                                if isinstance(e, PersonWrote)
                                and e.complainant_id == event.complainant_id)
                self.officer_requested(unit, event, now, told)
            elif isinstance(event, PersonWrote):
                self.person_wrote(unit, event, now, next(
                    (e for e in stated if e.message_id == event.message_id), None))
            elif isinstance(event, OfficerChatEnded):
                self.chat_ended(unit, event, now)

    # --- officers -------------------------------------------------------------------------
    def to_officers(self, unit: "Unit", rich: Rich, now: dt.datetime, kind: str,
                    complaint: "Complaint | None" = None) -> None:
        if self.officer_chat_id is None:
            log.warning("no TELEGRAM_OFFICER_CHAT_ID: officers not told about %s", kind)
            return
        unit.enqueue(kind=kind, channel="telegram", address=unit.current_chat(self.officer_chat_id),
                     body=rich.plain(), payload=rich.to_payload(), at=now,
                     complaint_id=complaint.id if complaint else None)

    def sensitive(self, complaint: "Complaint") -> bool:
        """Handled in private chats: the group never reads its story."""
        return identity.is_sensitive(complaint, self.config.sensitive_types)

    def complaint_filed(self, unit: "Unit", complaint_id: int, now: dt.datetime,
                        recorded_by: str | None = None,
                        stated: Deadline | None = None) -> None:
        """The group's alert, the next step's officers pinged (not the officer who recorded
        it with /catat: their confirmation carries the step), the leaders' private notice.
        `stated`: a deadline of the complainant's own that the story states."""
        complaint = unit.complaint_by_id(complaint_id)
        assert complaint is not None
        if complaint.due_at is None:        # the conversation sets it when it files
            complaint.due_at = due_after(self.config, self.hours, complaint.stage, None,
                                         complaint.created_at)
        for officer in identity.named_officers(complaint.reported_party, self.config.roster):
            unit.exclude_officer(complaint.id, str(officer.telegram_id), "named", now,
                                 note="disebut sebagai pihak yang diadukan")
            log.warning("complaint %s names officer %s: kept away from it", complaint.ticket,
                        officer.telegram_id)
        if identity.held_for_slot(complaint, self.config.sensitive_types):
            self.hold_alert(unit, complaint, now, stated)
        else:
            self.to_officers(unit, self.alert(complaint, now, stated), now, "alert", complaint)
        self.ping_owners(unit, complaint, now, actor_id=recorded_by)
        self.to_leaders(unit, complaint, now, stated)

    def hold_alert(self, unit: "Unit", complaint: "Complaint", now: dt.datetime,
                   stated: Deadline | None = None) -> None:
        """The group's alert of a sensitive, confidential or anonymous complaint
        (`identity.held_for_slot`), queued for the next slot (`alert_slot`), not sent at once:
        a petugas who read a person's talk at 10.02 and the "(sensitif)" or "Anonim" alert at
        10.05 could tell who filed it; at a fixed time, with the others of its slot, it says
        only that it came in since the slot before (and neither its receipt nor its step-2
        deadline gives back the minute, `alert`). The outbox holds it
        (its `due`), and the complaint's later messages to the group wait behind it (one queue
        per complaint, storage/outbox.py). Flagged `HELD_ALERT`: the worker writes it again as
        it goes (`held_alert`), so its next step and deadline are true when it arrives; the
        complainant's own deadline (`stated`) goes with it (`HELD_STATED`)."""
        if self.officer_chat_id is None:
            log.warning("no TELEGRAM_OFFICER_CHAT_ID: officers not told about alert")
            return
        due = alert_slot(self.config, now)
        rich = self.alert(complaint, due, stated, unit.excluded_officers(complaint.id))
        kept = stated_payload(stated)
        unit.schedule(kind="alert", channel="telegram",
                      address=unit.current_chat(self.officer_chat_id), body=rich.plain(),
                      payload={**rich.to_payload(), HELD_ALERT: True,
                               **({HELD_STATED: kept} if kept else {})},
                      at=now, due=due, complaint_id=complaint.id)

    def held_alert(self, unit: "Unit", complaint_id: int | None, now: dt.datetime,
                   queued: dict[str, Any] | None = None) -> tuple[str, dict[str, Any]] | None:
        """A held alert's (`hold_alert`) body and payload as the complaint stands `now`, when
        it goes (None: the complaint is gone; the queued text goes). `queued`: the payload it
        was queued with (the complainant's own deadline, `HELD_STATED`)."""
        complaint = unit.complaint_by_id(complaint_id) if complaint_id is not None else None
        if complaint is None:
            return None
        kept = (queued or {}).get(HELD_STATED)
        rich = self.alert(complaint, now, stated_from(kept) if kept else None,
                          unit.excluded_officers(complaint.id))
        return rich.plain(), {**rich.to_payload(), HELD_ALERT: True,
                              **({HELD_STATED: kept} if kept else {})}

    def deadline_line(self, rich: Rich, complaint: "Complaint", stated: Deadline | None,
                      now: dt.datetime, outcome: bool = True) -> None:
        """'⏰ Batas waktu pelapor: izin tinggal berakhir 10 Des 2026 (5 hari lagi), sebelum
        batas penyelesaian 8 Jan 2027': the complainant's own deadline beside the promised
        outcome (`bot.deadlines`; left out without `outcome`); nothing when none was stated."""
        if stated is None:
            return
        tz = self.config.office.tz
        due = outcome_due(self.config, self.hours, complaint.created_at).astimezone(tz).date() \
            if outcome else None
        rich.line(DEADLINE_LABEL, officers_line(stated, now.astimezone(tz).date(), due))

    def alert(self, complaint: "Complaint", now: dt.datetime,
              stated: Deadline | None = None, excluded: Collection[str] = ()) -> Rich:
        """The new-complaint alert for the group: what, how sure, where from, what is due by
        when, and the complainant's own deadline (`stated`); for a sensitive type only the
        ticket, the type, the next step and its deadline (the leaders read the rest).
        `excluded`: the officers a held one's step leaves out (`slot_step`)."""
        ctype = self.config.complaint_types[complaint.type]
        if self.sensitive(complaint):
            rich = Rich().b("🆕 Pengaduan baru ").code(complaint.ticket).b(" (sensitif)\n")
            rich.line("Jenis", ctype.id)
            # nobody named: an alert that mentions everyone but one petugas names the accused
            self.slot_step(rich, complaint, now)
            return rich.i("Ditangani di chat pribadi dengan bot: cerita dan identitas hanya "
                          "dikirim kepada Kasi Tikkim dan Kepala Kantor. Petugas: /lihat dan "
                          "/tahap di chat pribadi.")
        rich = Rich().b("🆕 Pengaduan baru ").code(complaint.ticket).nl()
        rich.line("Jenis", ctype.id)
        rich.line("Keyakinan", confidence_text(complaint))
        def said(text: str | None) -> str:       # their words, as the group may read them
            return identity.complainant_text(text, complaint, complaint.complainant, GROUP)
        story = said(complaint.description)
        rich.line("Ringkasan", story if len(story) <= 500 else story[:500].rstrip() + "…")
        self.deadline_line(rich, complaint, stated, now)
        if complaint.reported_party:
            rich.line("Pihak diadukan", said(complaint.reported_party))
        if complaint.reference_number:
            rich.line("Nomor permohonan/izin", identity.reference(complaint, GROUP))
        if complaint.desired_outcome:
            rich.line("Harapan pelapor", said(complaint.desired_outcome)[:300])
        held = identity.held_for_slot(complaint, self.config.sensitive_types)
        channel = CHANNEL_LABEL.get(complaint.channel, complaint.channel)
        if complaint.external_id:
            channel += f" (nomor pelacakan {identity.tracking(complaint, GROUP)})"
        # a held alert's channel narrows who filed as its minute would (`conceals_receipt`)
        rich.line("Kanal", identity.CONCEALED_CHANNEL if held else channel)
        if complainant_lang(complaint) == "en":
            rich.line("Bahasa pelapor", ENGLISH_SPEAKER)
        received = complaint.created_at
        rich.line("Diterima", tanggal(received.astimezone(self.config.office.tz).date())
                  if held else local_time(self.config, received))
        rich.line("Pelapor", identity.reporter(complaint, complaint.complainant, GROUP))
        rich.line("Bukti", f"{sum(map(counts, complaint.attachments))} berkas")
        if held:       # its minute would give back the receipt's (`hold_alert`)
            self.slot_step(rich, complaint, now, excluded)
        else:
            self.next_step(rich, complaint, now)
        rich.line("Seksi terkait (usulan)", self.config.sections[ctype.section].name)
        return buttons(rich, complaint)

    def slot_step(self, rich: Rich, complaint: "Complaint", now: dt.datetime,
                  excluded: Collection[str] = ()) -> None:
        """The next step of an alert held for its slot (`hold_alert`), its deadline as /lihat
        and /aduan read it (`pings.slot_due`: as of the slot, by its hour). Step 2's deadline
        is the receipt plus fixed time: its minute, its hour or its being past at the slot
        ("batas sudah lewat ⚠️ TERLAMBAT", where /lihat read "batas 10.00–11.00") told the
        minute the complaint came in. A sensitive one's owners by role or section only, as the
        owners are pinged privately; the others' named as the views name them, without a
        mention (never an officer kept away: `excluded`)."""
        pings.next_step_line(rich, self.config, complaint, now, mention=False,
                             excluded=excluded, neutral=self.sensitive(complaint), coarse=True)

    def next_step(self, rich: Rich, complaint: "Complaint", now: dt.datetime,
                  unit: "Unit | None" = None, mention: bool = True,
                  reader: str | int | None = None) -> None:
        """'Langkah berikutnya: 3. … (Kasi Tikkim: @Nama), batas …': names, never role keys;
        each a mention, so the group's message notifies them. `reader`: the officer it
        answers in a private chat (None: the group); on a sensitive complaint one who is not
        a leader reads the role or section only, and the deadline without its minute
        (pings.next_step_line, owners.sees_names). A held complaint's (`held_for_slot`)
        deadline anyone but a leader (and a leader too for an anonymous one, `owners.by_slot`)
        reads as of its slot, by the hour (`pings.slot_due`): a leader's step at 09.47, read
        in the group after the 10.00 alert, gave the next deadline counted from 09.47, and so
        that the complaint was there before the slot."""
        away = pings.away_now(unit) if unit is not None else None
        excluded = unit.excluded_officers(complaint.id) if unit is not None else ()
        leader = reader is not None and owners.sees_names(self.config, reader)
        neutral = reader is not None and self.sensitive(complaint) and not leader
        coarse = owners.by_slot(self.config, complaint, reader)
        pings.next_step_line(rich, self.config, complaint, now, away, mention, excluded,
                             neutral=neutral, coarse=coarse)

    def ping_owners(self, unit: "Unit", complaint: "Complaint", now: dt.datetime,
                    actor_id: str | None = None, buttons: bool = True,
                    handover: tuple[str, str] | None = None) -> list[Any]:
        """Privately to the officers who must do the complaint's next step (bot.pings)."""
        return pings.ping(unit, self.config, complaint, now, actor_id, buttons, handover)

    def leaders(self, unit: "Unit", complaint: "Complaint") -> list[Any]:
        """Kasi Tikkim and Kepala Kantor, unless the complaint keeps them away."""
        return identity.recipients([o for o in self.config.roster if o.role in LEADERS],
                                   unit.excluded_officers(complaint.id))

    def to_leaders(self, unit: "Unit", complaint: "Complaint", now: dt.datetime,
                   stated: Deadline | None = None) -> None:
        """Privately to Kasi Tikkim and Kepala Kantor: a confidential identity, and the story
        of a sensitive complaint (which the group never reads), with the complainant's own
        deadline (`stated`) beside it. At once, but an anonymous one's
        (`identity.anonymous_to_all`) not before the slot its group alert waits for
        (`hold_alert`): the leaders read the group too, where the person's named alert or
        talk came a minute before, and the minute of this notice tied the report to them. It
        waits in a kind that holds back none of their other private messages
        (`pings.HELD_PING`, storage/outbox.py UNORDERED); what it says reads the same at the
        slot (no time in it but the stated deadline's days, counted from the slot)."""
        sensitive = self.sensitive(complaint)
        if not sensitive and identity.mode_of(complaint) is not Mode.CONFIDENTIAL:
            return
        slot = alert_slot(self.config, _utc(complaint.created_at))
        held = identity.anonymous_to_all(complaint) and unreleased(self.config, complaint, now)
        for officer in self.leaders(unit, complaint):
            audience = identity.private_chat(officer)
            ctype = self.config.complaint_types[complaint.type]
            rich = Rich().b(f"🔒 Pengaduan {complaint.ticket}: untuk pimpinan\n")
            rich.line("Jenis", ctype.id)
            if sensitive:
                def said(text: str | None) -> str:
                    return identity.complainant_text(text, complaint, complaint.complainant,
                                                     audience)
                rich.line("Cerita", said(complaint.description)[:1500])
                self.deadline_line(rich, complaint, stated, slot if held else now)
                for label, value in (("Pihak diadukan", complaint.reported_party),
                                     ("Waktu kejadian", incident_label(complaint, self.config.office.tz)),
                                     ("Tempat", place_label(self.config, complaint)),
                                     ("Harapan pelapor", complaint.desired_outcome)):
                    if value:
                        rich.line(label, said(value))
                rich.line("Bukti", f"{sum(map(counts, complaint.attachments))} berkas")
            if complainant_lang(complaint) == "en":     # the group's alert may not say it
                rich.line("Bahasa pelapor", ENGLISH_SPEAKER)
            rich.line("Pelapor", identity.reporter(complaint, complaint.complainant, audience))
            rich.i("Hanya untuk Kasi Tikkim dan Kepala Kantor. Jangan diteruskan.")
            # "do not forward", enforced: Telegram keeps it from being forwarded or saved
            fields = dict(channel="telegram", address=str(officer.telegram_id),
                          body=rich.plain(), complaint_id=complaint.id)
            payload = {**rich.to_payload(), "protect": True}
            if held:      # not to one kept away from it since (`pings.still_stands`)
                unit.schedule(kind=pings.HELD_PING, at=now, due=slot, **fields,
                              payload={**payload, pings.HELD_NOTICE: None})
            else:
                unit.enqueue(kind="identity", at=now, payload=payload, **fields)

    def officer_requested(self, unit: "Unit", event: OfficerRequested, now: dt.datetime,
                          said_with: str = "") -> None:
        """The group hears of a new request: its language and code, never a name nor the
        channel, and a ticket only for a follow-up of a named complaint the group read the
        alert of (`follow_up_ticket`), and nothing at all when only the leaders
        answer (a sensitive complaint or one that keeps an officer away, an unsent sensitive
        draft, or a talk that reported a levy or an officer's conduct: the officer concerned
        may be in the group, and "someone asked" at the minute after a named talk ended and a
        sensitive complaint was filed points at the person). The leaders are told privately,
        under the request's own code (`talk_code`). `said_with`: what the
        person wrote with the request, in the same message ("mau bicara dengan petugas, soal
        calo …"), relayed right after this notice."""
        code = group_code(unit, event.complainant_id)
        person = unit.complainant_by_id(event.complainant_id)
        # /pesan reaches them as written, inside a frame in their language
        english = person is not None and person.language == "en"
        recent = unit.complaints_of(event.complainant_id, limit=50)
        sensitive = [c for c in recent if self.sensitive(c)]
        # Decided before anything is written: a complainant named openly on a levy complaint
        # is still a whistleblower, and the group must not read even their code beside a
        # request that only the leaders may answer.
        for_leaders = self.talk_for_leaders(unit, recent, event.complainant_id, said_with,
                                            now=now)
        if not for_leaders:
            # One shape for everyone, whatever their other complaints: never the person's
            # name, nor the channel (an anonymous complaint's alert reads "Kanal:
            # Dirahasiakan", and a channel shown for some people only told which had one). The
            # officers answer by the code; a named ticket the person writes stays in the relay
            # (`Notifier.group_text`), and /lihat shows it.
            rich = Rich().b(REQUEST_HEADING[event.purpose])
            about = self.follow_up_ticket(event, recent, now)
            if about is not None:        # which complaint the evidence or the wish is for
                rich.t(" ").code(about)
            rich.nl()
            if english:
                rich.line("Bahasa pelapor", ENGLISH_ANSWER)
            rich.line("Kode", code)
            rich.t(f"Balas kepada pelapor selama percakapan terbuka: {answer_verb(code)} "
                   f"{code} teks\n")
            self.to_officers(unit, rich, now, "officer_request")
            return
        # Only the leaders read what this person writes (`talk_for_leaders`; the reason is in
        # their own notice, `leaders_reason`), so only they answer, and the group hears
        # nothing: its notice came at the minute of the request, and right after a named talk
        # ended and a sensitive complaint was filed (whose alert waits for its slot) that
        # minute pointed at the person. The leaders are told privately which complaint it is,
        # under the request's own code, never one the group read for an open talk.
        live = unit.live_contact_request(event.complainant_id)
        request_id = event.request_id if event.request_id is not None else (
            live.id if live is not None else None)
        if request_id is None:
            log.warning("a leaders' talk with no request: its notice is not sent")
            return
        code = talk_code(request_id)
        named = self.leaders_named(unit, event.complainant_id, recent, sensitive, said_with,
                                   now)
        purpose = event.purpose
        wish = (REQUEST_WISH if named else UNNAMED_WISH)[purpose]
        if purpose == "rating":
            # a rating's comment is about one complaint, with its score (W40: it read as "more
            # details" beside all the person's tickets); a ticket the heading may not name (an
            # anonymous one beside a named one) is told as before, without its score
            rated = next((c for c in recent if c.ticket == event.ticket), None)
            if rated is not None and rated.ticket in named and rated.rating is not None:
                named, wish = [rated.ticket], (f"memberi nilai {rated.rating}/5 untuk "
                                               f"penanganan pengaduannya, dengan komentar")
            else:
                purpose, wish = "add", (REQUEST_WISH if named else UNNAMED_WISH)["add"]
        tickets = ", ".join(named)
        # the reason is given unless a sensitive complaint the heading names is it: an
        # anonymous one the heading leaves out must not show by the reason going missing
        reasoned = not any(c.ticket in named for c in sensitive)
        slot = talk_slot(unit, self.config, event.complainant_id, recent, said_with, now)
        # its failure is the other leaders' to read, never the group's (`leaders_flag`)
        flags = self.leaders_flag(unit, recent)
        for officer in identity.recipients(
                [o for o in self.config.roster if o.role in LEADERS],
                self.kept_away(unit, recent)):
            who = f"{tickets} ({code})" if tickets else code
            told = Rich().b(f"{REQUEST_ICON[purpose]} Pelapor {who} {wish}\n")
            told.line("Kanal", CHANNEL_LABEL.get(event.channel, event.channel))
            if english:
                told.line("Bahasa pelapor", ENGLISH_ANSWER)
            if reasoned:
                told.line("Alasan", self.leaders_reason(unit, event, recent, said_with, now))
            told.t(f"Pesannya hanya sampai kepada Kasi Tikkim dan Kepala Kantor. Balas: "
                   f"/pesan {code} teks · Tutup: /tutup {code}\n")
            if slot is not None and person is not None:
                self.hold_talk(unit, str(officer.telegram_id), person, request_id, now, slot,
                               notice=told, flags=flags)
                continue
            unit.enqueue(kind="officer_request", channel="telegram",
                         address=str(officer.telegram_id), body=told.plain(),
                         payload={**told.to_payload(), **flags}, at=now)

    def leaders_named(self, unit: "Unit", complainant_id: int, complaints: Sequence["Complaint"],
                      sensitive: Sequence["Complaint"], text: str = "",
                      now: dt.datetime | None = None) -> list[str]:
        """The tickets the leaders' copy of a talk names (`leaders_tickets`), told which
        complaints alone make it theirs: held for their slot (`held_only`), or anonymous
        (`for_anonymous`)."""
        alone = self.held_only(unit, complainant_id, complaints, text, now) or for_anonymous(
            unit, self.config, complainant_id, complaints, text)
        return leaders_tickets(complaints, sensitive, alone)

    def held_only(self, unit: "Unit", complainant_id: int, complaints: Sequence["Complaint"],
                  text: str = "", now: dt.datetime | None = None) -> list["Complaint"]:
        """The complaints a talk is held for (`held_for`) when that alone makes it the
        leaders' (not `leaders_anyway`); else none."""
        if leaders_anyway(unit, self.config, complainant_id, complaints, text):
            return []
        return held_for(unit, self.config, complainant_id, complaints, now)

    def follow_up_ticket(self, event: OfficerRequested, recent: Sequence["Complaint"],
                         now: dt.datetime) -> str | None:
        """The ticket a follow-up's group notice names, by the follow-up's complaint alone:
        one filed by name, not sensitive (the group reads those by role only) and not held
        for its slot (`unreleased`), whose alert told the group the name and the ticket at
        once. Never otherwise: beside the talk's code a concealed ticket would tie the talk
        to it. Whether the person has another, concealed complaint changes nothing (the
        ticket shown beside a P-code only told which people had one)."""
        complaint = next((c for c in recent if c.ticket == event.ticket), None) \
            if event.ticket is not None else None
        if complaint is None or identity.mode_of(complaint) is not Mode.NAMED \
                or self.sensitive(complaint) or unreleased(self.config, complaint, now):
            return None
        return complaint.ticket

    def leaders_reason(self, unit: "Unit", event: OfficerRequested,
                       complaints: Sequence["Complaint"], said_with: str,
                       now: dt.datetime) -> str:
        """Why a talk is the leaders' when no sensitive complaint named in their private
        notice says it ("Alasan"): what the person wrote with the request, the complaint they
        are writing and have not sent (`bot.conversation.officer.draft_is_sensitive` marked the
        request before this notice), an earlier talk, a sensitive complaint the notice does
        not name (an anonymous one: said without saying which, or that it is a complaint), a
        complaint that keeps an officer away, or, when nothing else is why, a complaint the
        group does not know of yet (`held_talk`: said without saying which, that it is one,
        or why it is hidden; after the others, so that a talk the leaders read anyway keeps
        its reason while one is held)."""
        about = "pungli, calo atau perilaku petugas"
        live = unit.live_contact_request(event.complainant_id)
        if live is not None and live.id == event.request_id and live.leaders_only:
            # a new request is marked before its notice only for the draft (whose story now
            # goes with the request: `said_with` quotes it)
            return f"pengaduan yang sedang ditulisnya (belum dikirim) menyangkut {about}"
        if delicate(said_with):
            return f"pesannya melaporkan {about}"
        if unit.talk_marked_for_leaders(event.complainant_id) or any(
                delicate(said) for said in unit.relayed_texts(event.complainant_id)):
            return f"percakapan sebelumnya melaporkan {about}"
        if any(self.sensitive(c) for c in complaints):
            return f"pelapor menyampaikan hal yang menyangkut {about}"
        if any(unit.excluded_officers(c.id) for c in complaints):
            return ("ada petugas yang dikecualikan dari pengaduannya (disebut sebagai pihak "
                    "yang diadukan, atau dikecualikan pimpinan)")
        # last, and not why: "sebelum slot pemberitahuan grup" beside a person whose named
        # alert was out said that they had just filed a complaint held for its slot
        return "perlindungan pelapor (percakapan ini tidak diumumkan di grup)"

    def person_wrote(self, unit: "Unit", event: PersonWrote, now: dt.datetime,
                     stated: DeadlineStated | None = None) -> None:
        """A person talking to the officers wrote: relay it, batched (at most
        `officer_relays_per_minute` officers' messages per request). The group's copy is masked
        alike for everyone (`group_text`); a person with a sensitive complaint or one that keeps
        an officer away, or whose conversation reports a levy, a broker or an officer's conduct
        (`bot.delicate.delicate`), is read by the leaders only (the group hears nothing of it). An urgent message (`stated.urgent`, or urgency
        pleaded in it) is marked so, with the deadline of their own it states."""
        person = unit.complainant_by_id(event.complainant_id)
        if person is None:
            return
        complaints = unit.complaints_of(person.id, limit=50)
        clock = now.astimezone(self.config.office.tz).strftime("%H.%M")

        shown = group_code(unit, person.id)
        # the answer on a held complaint (`held_answer`): in the group without its minute
        concealed = self.held_answer(unit, shown)

        def line_of(text: str, group: bool) -> str:
            if event.attachments:
                code = shown if group else talk_code(event.request_id)
                # /bukti opens a talk's files by its code, or by the ticket it is named by
                # (with the complaint's own evidence: bot.desk.evidence)
                where = f"; /bukti {code}" if code != NO_CODE else ""
                text = (text + " " if text else "") + (
                    f"📎 {event.attachments} lampiran (tersimpan{where})")
            stamp = "" if group and concealed else f"[{clock}] "
            line = f"{stamp}{text}"
            if (stated is not None and stated.urgent) or pleads(event.text):
                line = f"{stamp}🚨 MENDESAK: {text}"
            if stated is not None and stated.deadline is not None:
                about = unit.complaint_by_id(stated.complaint_id)
                if about is not None:
                    extra = Rich()
                    # no ticket: a protected person's ticket never stands beside their talk;
                    # and in the group not the complaint's own due date either, which, counted
                    # from the day it was filed, tells which alert the talk is about
                    self.deadline_line(extra, about, stated.deadline, now, outcome=not group)
                    line += f"\n{extra.plain().strip()}"
            return line
        sensitive = [c for c in complaints if self.sensitive(c)]
        if self.talk_for_leaders(unit, complaints, person.id, event.text, now=now):
            line = line_of(relay_text(event.text, complaints, person,
                                      self.config.office.code), group=False)
            if delicate(event.text) or not (
                    sensitive or self.kept_away(unit, complaints)
                    or held_talk(unit, self.config, person.id, complaints, now)):
                # a levy or an officer's conduct reported: for the leaders from now on, in this
                # request and every later one, closed or not (a talk the leaders hold only
                # until a hidden complaint's slot is not marked: `held_talk`)
                unit.mark_talk_for_leaders(event.request_id)
            self.relay_to_leaders(unit, person, complaints, line, now, event.request_id)
            # A report of a levy or an officer's conduct, told before (or besides) any
            # complaint: the officer concerned may be in the group. This message and the rest
            # of the conversation go to the leaders only, and the group hears nothing of them:
            # not even that "someone" wrote, which, in the minute after the lines of an open
            # talk the group was reading, would say who reported.
            unit.record_contact_relay(event.request_id, event.message_id, None, now)
            return
        item = self.relay_batch(unit, None, person, line_of(
            self.group_text(unit, event.text, complaints, person), group=True), now,
            code=shown)
        unit.record_contact_relay(event.request_id, event.message_id, item, now)

    def group_text(self, unit: "Unit", text: str, complaints: Sequence["Complaint"],
                   person: "Complainant") -> str:
        """One message of a talk as the group reads it, the same whatever the person's
        complaints (`identity.redact_talk`): no name of theirs, no number, no ticket but a
        named one the group read the alert of (not sensitive), a typed PIN masked
        (`relay_text`)."""
        office = self.config.office.code

        def shown(ticket: str) -> bool:
            complaint = unit.complaint_by_ticket(ticket, history=False)
            return (complaint is not None and identity.mode_of(complaint) is Mode.NAMED
                    and not self.sensitive(complaint))
        redacted = identity.redact_talk(text, complaints, person, office, shown)
        ticketed = find_ticket(text, office) is not None
        return mask_typed_pin(redacted, ticketed=ticketed)[:RELAY_LINE_CHARS]

    def held_answer(self, unit: "Unit", code: str) -> bool:
        """Whether the group reads a talk under the ticket of a complaint held for its slot
        (`group_code`: the answer to a /balas on a confidential or anonymous complaint): its
        copy names neither the channel nor each line's minute, as the group's other views of
        that complaint show neither ("Kanal: Dirahasiakan", dates only). "💬 Jawaban pelapor
        TRK-… (Telegram) / [17.01] halo" tied the ticket to whoever a petugas was talking to on
        Telegram at 17.01; a sensitive complaint's talk the group never reads at all."""
        if answer_verb(code) != "/balas":
            return False
        complaint = unit.complaint_by_ticket(code, history=False)
        return complaint is not None and identity.held_for_slot(complaint,
                                                                self.config.sensitive_types)

    def relay_to_leaders(self, unit: "Unit", person: "Complainant",
                         complaints: Sequence["Complaint"], line: str, now: dt.datetime,
                         request_id: int) -> None:
        """A line of a talk only the leaders answer, to each leader's private chat. The
        leaders may see every ticket of the person, so their copy names the complaints, beside
        the request's own code (`talk_code`, the handle /pesan answers with), never a code
        the group read for an open talk. A leader kept away from any of the
        person's complaints (conflict of interest) reads none of it."""
        sensitive = [c for c in complaints if self.sensitive(c)]
        about = self.leaders_named(unit, person.id, complaints, sensitive, now=now)
        slot = talk_slot(unit, self.config, person.id, complaints, now=now)
        flags = self.leaders_flag(unit, complaints)     # a failure: the other leaders'
        for officer in identity.recipients(
                [o for o in self.config.roster if o.role in LEADERS],
                self.kept_away(unit, complaints)):
            address = str(officer.telegram_id)
            held = self.held_talk_row(unit, address, request_id) if slot is None else None
            if slot is not None or (held is not None and _utc(held.next_attempt_at) > now):
                # a held talk that turned the leaders' anyway before its slot (a levy told in
                # it) takes its waiting notice along, at once and before the line (`hold_talk`,
                # due now); a row already due may be in the worker's hands: relayed apart
                self.hold_talk(unit, address, person, request_id, now, slot or now, line=line,
                               tickets=about, flags=flags)
                continue
            self.relay_batch(unit, address, person, line, now, about,
                             code=talk_code(request_id), flags=flags)

    def hold_talk(self, unit: "Unit", address: str, person: "Complainant", request_id: int,
                  now: dt.datetime, slot: dt.datetime, notice: Rich | None = None,
                  line: str | None = None, tickets: Sequence[str] = (),
                  flags: dict[str, Any] | None = None) -> None:
        """A leader's copy of a talk held for an anonymous complaint's slot (`talk_slot`):
        its notice (`officer_requested`) and the person's lines, one message due at the slot,
        in the order they came (two rows of the unordered kind could go in either order).
        It waits in a kind that holds back none of the leader's other private messages
        (`pings.HELD_PING`, storage/outbox.py UNORDERED), marked `HELD_TALK`, not a ping:
        the worker sends it as it is. A line that comes while it waits joins it; one after
        the slot is relayed as any other (the row, due since, goes before the relay window
        closes: joining a row the worker may be sending could lose the line). Its lines go
        without their minute: "[09.43]" read at 10.00 told what the notice's own minute
        did. `flags`: the marks that make its failure the other leaders' to read
        (`leaders_flag`), as the talk's other copies to the leaders. A `slot` before the row's
        releases it then (a talk the leaders read anyway now: `relay_to_leaders`)."""
        row = self.held_talk_row(unit, address, request_id)
        queued = dict(row.payload) if row is not None else {
            HELD_TALK: request_id, "notice": None, "lines": [], "tickets": []}
        if notice is not None:
            queued["notice"] = notice.to_payload()
        if line is not None:
            queued["lines"] = [*queued["lines"], _STAMP.sub("", line, count=1)]
            queued["tickets"] = list(tickets)
        rich = Rich.from_payload(queued["notice"]) if queued["notice"] else Rich()
        if queued["lines"]:
            channel = CHANNEL_LABEL.get(person.channel, person.channel)
            # the notice already says how to answer ("Balas: /pesan R-… · Tutup"): said
            # once (but after a closing line, which changes it)
            rich.extend(relay_message(talk_code(request_id), channel, queued["lines"],
                                      queued["tickets"], private=True,
                                      footer=not queued["notice"]))
        queued = {**queued, **rich.to_payload(), **(flags or {})}
        if row is None:
            unit.schedule(kind=pings.HELD_PING, channel="telegram", address=address,
                          body=rich.plain(), payload=queued, at=now, due=slot,
                          complainant_id=person.id)
            return
        row.body, row.payload = rich.plain(), queued
        if slot < _utc(row.next_attempt_at):
            row.next_attempt_at = slot          # released: the talk is the leaders' anyway

    @staticmethod
    def held_talk_row(unit: "Unit", address: str, request_id: int) -> Any:
        """The leader's copy of the talk still waiting for its slot (`hold_talk`), or None."""
        return next((row for row in unit.outbox_items(kind=pings.HELD_PING, status="pending",
                                                      address=address)
                     if (row.payload or {}).get(HELD_TALK) == request_id), None)

    def talk_for_leaders(self, unit: "Unit", complaints: Sequence["Complaint"],
                         complainant_id: int, text: str = "",
                         now: dt.datetime | None = None) -> bool:
        """Whether a person's talk with the officers is for the leaders only: they have a
        sensitive complaint, or one that keeps an officer away from it, or their talk (this
        message, or one relayed before to any of their requests, closed ones too) reports a
        levy, a broker or an officer's conduct. Once so,
        it stays so, whether a request is live or not (`contact_requests.leaders_only`, which
        outlives the texts): its relays and files go to the leaders, and only they answer.
        So is a talk while a complaint of theirs is hidden from the group (`held_talk`, at
        `now` or its request's opening), until that request closes.
        The rule is `leaders_talk`, which the conversation reads too."""
        return leaders_talk(unit, self.config, complainant_id, text, complaints, now)

    @staticmethod
    def kept_away(unit: "Unit", complaints: Sequence["Complaint"]) -> set[str]:
        """Officers kept away from any of a person's complaints (conflict of interest)."""
        excluded: set[str] = set()
        for complaint in complaints:
            excluded |= unit.excluded_officers(complaint.id)
        return excluded

    def chat_ended(self, unit: "Unit", event: OfficerChatEnded, now: dt.datetime) -> None:
        """The person said they are done (*selesai*, *batal*): in a talk only the leaders
        answer, the leaders read it after its last lines. The group is told nothing, whatever
        the talk: the moment a person leaves a talk is the moment they go and do something
        else, often write a complaint, and "— P-12 mengakhiri percakapan" (a code the group
        read beside a name) followed within minutes by "🆕 Pengaduan baru … (sensitif)" named
        the whistleblower; held back by the relay quota, the line even arrived after the
        alert. The talk leaves `/permintaan`, and an answer to it gets the one reply every
        talk not live in the group gets (`bot.desk.message.closed_here`)."""
        person = unit.complainant_by_id(event.complainant_id)
        if person is None:
            return
        complaints = unit.complaints_of(person.id, limit=50)
        if self.talk_for_leaders(unit, complaints, person.id, now=now):
            clock = now.astimezone(self.config.office.tz).strftime("%H.%M")
            self.relay_to_leaders(unit, person, complaints, f"[{clock}] {ENDED}", now,
                                  event.request_id)

    def relay_batch(self, unit: "Unit", address: str | None, person: "Complainant", line: str,
                    now: dt.datetime, tickets: Sequence[str] = (),
                    code: str | None = None, flags: dict[str, Any] | None = None) -> Any:
        """Add a line to the person's batch for this chat (None: the group) not yet sent, or
        start one: due at once, or, when the minute's quota is used, a minute after the oldest
        batch of the quota. `tickets`: the complaints a leader's private copy names; `code`:
        the talk's handle in it (default: the group's, `group_code`); `flags`: marks kept in
        its payload (a leader's copy: `leaders_flag`)."""
        private = address is not None
        if address is None:
            if self.officer_chat_id is None:
                log.warning("no TELEGRAM_OFFICER_CHAT_ID: a relay is kept, not sent")
                return None
            address = unit.current_chat(self.officer_chat_id)
        code = code or group_code(unit, person.id)
        # the group never reads the channel (`officer_requested`), a leader's copy does
        channel = CHANNEL_LABEL.get(person.channel, person.channel) if private else None
        item = unit.pending_relay_batch(RELAY_KIND, address, person.id)
        if item is not None:
            lines = [*item.payload.get("lines", []), line]
            if sum(len(x) + 1 for x in lines) <= RELAY_BATCH_CHARS:
                rich = relay_message(code, channel, lines, tickets, private)
                item.body, item.payload = rich.plain(), {**rich.to_payload(), "lines": lines,
                                                         **(flags or {})}
                return item
        quota = self.config.conversation.officer_relays_per_minute
        dues = unit.relay_dues(RELAY_KIND, address, person.id, quota)
        due = now if len(dues) < quota else max(now, dues[-1] + RELAY_WINDOW)
        rich = relay_message(code, channel, [line], tickets, private)
        return unit.schedule(kind=RELAY_KIND, channel="telegram", address=address,
                             body=rich.plain(), payload={**rich.to_payload(), "lines": [line],
                                                         **(flags or {})},
                             at=now, due=due, complainant_id=person.id)

    # --- complainants ---------------------------------------------------------------------
    def tell_complainant(self, unit: "Unit", complaint: "Complaint", now: dt.datetime, *,
                         kind: str, body: str, template: str,
                         variables: dict[str, str], choices: list[str] | None = None,
                         secrets: Sequence[str] = ()) -> bool:
        """Queue a message to the complainant on their channel; False when it cannot go.
        `secrets` (a PIN) are stored masked and filled in only when the message is sent."""
        person = complaint.complainant
        if person is None or person.channel not in PUSH_CHANNELS:
            return False
        # read by undeliverable_reports, which has only the message to go on: its report
        # waits in the complaint's queue to the group (`COMPLAINT_KEY`), and a failure to
        # reach the person of a held complaint is the leaders' to read (`complaint_flag`)
        payload: dict[str, Any] = {"ticket": complaint.ticket, COMPLAINT_KEY: complaint.id,
                                   **self.complaint_flag(unit, complaint)}
        if choices:
            payload["choices"] = choices
        spec = self.config.whatsapp_templates.get(template)
        if person.channel == "whatsapp" and spec is not None:
            payload["template"] = {
                "content_sid": spec.sid(complainant_lang(complaint)),
                "variables": {str(i): variables.get(name, "")[:1000]
                              for i, name in enumerate(spec.variables, 1)}}
        body, fill = conceal(body, secrets)
        unit.enqueue(kind=kind, channel=person.channel, address=person.address, body=body,
                     payload=conceal_all(payload, secrets), at=now, complaint_id=complaint.id,
                     complainant_id=person.id, secret=fill)
        return True

    def stage_changed(self, unit: "Unit", complaint: "Complaint", now: dt.datetime,
                      note: str) -> bool:
        """Tell the complainant where their complaint stands (stages that matter to them).
        An officer's internal note is never forwarded: at step 9 the complainant reads the
        message written for them (complaint.outcome_message), shown to the officer first."""
        lang = complainant_lang(complaint)
        body, status, upcoming, outcome = self.status_body(complaint, lang)
        return self.tell_complainant(
            unit, complaint, now, kind="update", body=body, template="status_update",
            variables={"ticket": complaint.ticket, "status": status, "next": upcoming,
                       "outcome": outcome, "office": self.config.office.short(lang)})

    def status_body(self, complaint: "Complaint", lang: str, stage: str | None = None,
                    message: str | None = None) -> tuple[str, str, str, str]:
        """(body, status, next, outcome) of the update for `stage` (default: the current);
        `message`: the step-9 message to show before it is kept (default: the kept one)."""
        stage = stage or complaint.stage
        status = public_label(stage, lang, complaint.verdict)
        upcoming = public_next(stage, lang, complaint.verdict)
        body = pt(lang, "status", ticket=complaint.ticket, status=status, next=upcoming)
        outcome = ""
        if stage == Stage.REPORTED:
            outcome = outcome_text(complaint, lang)
            body = pt(lang, "status.final", ticket=complaint.ticket, status=status)
            body += "\n\n" + outcome
            message = message if message is not None else complaint.outcome_message
            if message:
                body += "\n\n" + message[:MAX_RELAY_CHARS]
            body += "\n\n" + pt(lang, "thanks")
        return body, status, upcoming, outcome

    def message_person(self, unit: "Unit", person: "Complainant", now: dt.datetime,
                       text: str, reply_here: bool = False) -> bool:
        """An officer's free-text answer to someone who asked for an officer (no ticket needed).

        Plain text only: on WhatsApp it must go within 24 hours of their request (outside the
        window Twilio refuses it, and the officers are told it could not be delivered).
        """
        if person.channel not in PUSH_CHANNELS:
            return False
        lang = "en" if person.language == "en" else "id"
        parts = split_text(text, PART_CHARS.get(person.channel, MAX_RELAY_CHARS))
        payload = self.talk_payload(unit, person)
        leaders = bool(payload)             # the leaders' talk: named as they name it
        code = talk_handle(unit, person.id, leaders)
        for number, part in enumerate(parts, 1):
            # the frame in the talk's words; the officer's own words as written
            body = to_person(pt(lang, "officer_message", office=self.config.office.short(lang),
                                text="\x01"), lang, leaders).replace(
                "\x01", part_text(part, number, len(parts), lang))
            if reply_here and number == len(parts):
                body += "\n\n" + to_person(pt(lang, "officer_message.reply", code=code), lang,
                                           leaders)
            unit.enqueue(kind="relay", channel=person.channel, address=person.address,
                         body=body, payload=dict(payload), at=now, complainant_id=person.id)
        return True

    def talk_payload(self, unit: "Unit", person: "Complainant") -> dict[str, Any]:
        """The payload of an officer's message in a person's talk (no complaint named): for a
        talk only the leaders answer, flagged like a sensitive complaint's message, so that a
        report to the group that it could not be delivered names neither its channel nor the
        provider's cause (the group's notice of that talk names no channel: the officer
        reported may be reading, and channel and minute narrow down who)."""
        complaints = unit.complaints_of(person.id, limit=50)
        if self.talk_for_leaders(unit, complaints, person.id):
            return self.leaders_flag(unit, complaints)
        return {}

    def leaders_flag(self, unit: "Unit", complaints: Sequence["Complaint"]) -> dict[str, Any]:
        """The payload marks of a message whose failure only the leaders may read
        (`undeliverable_reports`): flagged sensitive, with the Telegram ids of Kasi Tikkim and
        the Kepala Kantor not kept away from any of `complaints` (as their other private
        notices go), read when the message is queued."""
        heads = identity.recipients([o for o in self.config.roster if o.role in LEADERS],
                                    self.kept_away(unit, complaints))
        return {SENSITIVE_FLAG: True, LEADERS_FLAG: [str(o.telegram_id) for o in heads]}

    def complaint_flag(self, unit: "Unit", complaint: "Complaint") -> dict[str, Any]:
        """The payload marks of a message about `complaint` (`undeliverable_reports`): a
        sensitive one's failure is the leaders' alone (`leaders_flag`); a confidential or
        anonymous one's (`identity.held_for_slot`) the group reads without the channel and
        the provider's error, which the leaders read privately (`HELD_FLAG`: its mode). The
        group's "Kanal: WhatsApp / Kesalahan: … pelapor tidak menulis dalam 24 jam" or
        "Forbidden: bot was blocked by the user" under an anonymous ticket gave back the
        channel its held alert says "Dirahasiakan", and what its person just did."""
        if self.sensitive(complaint):
            return self.leaders_flag(unit, [complaint])
        if not identity.held_for_slot(complaint, self.config.sensitive_types):
            return {}
        return {HELD_FLAG: identity.mode_of(complaint).value,
                LEADERS_FLAG: self.leaders_flag(unit, [complaint])[LEADERS_FLAG]}

    def person_flag(self, unit: "Unit", complainant_id: int | None,
                    payload: dict[str, Any], now: dt.datetime | None = None) -> dict[str, Any]:
        """`payload` of a message given up on, with the leaders' marks (`leaders_flag`) when it
        went to a person whose talk is the leaders' (`talk_for_leaders`: any sensitive
        complaint of theirs, whenever filed, one that keeps an officer away, a talk that
        reported a levy) and names no ticket: the bot's own replies in a conversation
        ("reply", "ticket", "pin", the filing confirmation), queued with no ticket and no flag.
        Read when it is given up on, so the complaint filed in that very conversation counts.
        The group's "Pesan tidak terkirim / Tiket: - / balasan bot" came minutes after a
        sensitive filing whose alert is held to its slot: the minute pointed at the person.
        Any sensitive complaint, not only a recent one: whatever else concerns such a person
        (their talks, their files) is the leaders' for good, and a failure report the group
        reads at a minute of its own is one more clue to them. So is one given up on while a
        complaint of theirs is hidden from the group (`held_talk` at `now`, the moment it is
        given up on): "Tiket: - / balasan bot" at 09.43, before the 10.00 alert of an
        anonymous complaint, said that someone had just filed. Without `now`, any complaint
        of theirs held for its slot counts (the private report is the safe side). A message
        that names a ticket keeps its own rule (`tell_complainant`, `complaint_flag`)."""
        if complainant_id is None or payload.get(LEADERS_FLAG) is not None \
                or payload.get("ticket"):
            return payload
        complaints = unit.complaints_of(complainant_id, limit=50)
        held = now is None and any(identity.held_for_slot(c, self.config.sensitive_types)
                                   for c in complaints)
        if held or self.talk_for_leaders(unit, complaints, complainant_id, now=now):
            return {**payload, **self.leaders_flag(unit, complaints)}
        return payload

    def chat_closed(self, unit: "Unit", person: "Complainant", now: dt.datetime) -> bool:
        """Tell a person in the officers' chat that an officer closed it."""
        if person.channel not in PUSH_CHANNELS:
            return False
        lang = "en" if person.language == "en" else "id"
        payload = self.talk_payload(unit, person)
        leaders = bool(payload)
        body = to_person(pt(lang, "officer_closed", code=talk_handle(unit, person.id, leaders)),
                         lang, leaders)
        unit.enqueue(kind="relay", channel=person.channel, address=person.address,
                     body=body, payload=payload, at=now, complainant_id=person.id)
        return True

    def relay(self, unit: "Unit", complaint: "Complaint", now: dt.datetime, text: str,
              kind: str, reply_here: bool = False) -> bool:
        """An officer's progress update ("update") or reply ("relay") to the complainant;
        `reply_here`: their answer goes to the officers, and they are told so. A text longer
        than one message of the person's channel holds goes whole, as numbered parts
        (`split_text`): never cut while the officer is told it was sent."""
        lang = complainant_lang(complaint)
        person = complaint.complainant
        limit = PART_CHARS.get(person.channel if person else "", MAX_RELAY_CHARS)
        parts = split_text(text, limit)
        sent = True
        for number, part in enumerate(parts, 1):
            part = part_text(part, number, len(parts), lang)
            body = pt(lang, "update" if kind == "update" else "relay", ticket=complaint.ticket,
                      text=part)
            if reply_here and person is not None and number == len(parts):
                leaders = leaders_talk(unit, self.config, person.id)
                body += "\n\n" + to_person(pt(lang, "officer_message.reply",
                                              code=talk_handle(unit, person.id, leaders)),
                                           lang, leaders)
            sent = self.tell_complainant(unit, complaint, now, kind=kind, body=body,
                                         template="officer_reply",
                                         variables={"ticket": complaint.ticket, "text": part,
                                                    "office": self.config.office.short(lang)}
                                         ) and sent
        return sent

    def undeliverable_report(self, *, kind: str, channel: str, address: str,
                             payload: dict[str, Any], status: str,
                             error: str) -> dict[str, Any] | None:
        """The first of `undeliverable_reports` (None: nobody to tell)."""
        found = self.undeliverable_reports(kind=kind, channel=channel, address=address,
                                           payload=payload, status=status, error=error)
        return found[0] if found else None

    def undeliverable_reports(self, *, kind: str, channel: str, address: str,
                              payload: dict[str, Any], status: str,
                              error: str) -> list[dict[str, Any]]:
        """The officers' notices about a message given up on (empty: nobody to tell): one to
        the group; for a message to the complainant of a sensitive complaint, or in a talk
        only the leaders answer (`SENSITIVE_FLAG`), one to each leader who may read it
        (`LEADERS_FLAG`), privately, and nothing to the group. The group's "⚠️ Pesan tidak
        terkirim / Tiket TRK-…" came at once, before that complaint's held alert reached the
        group at its slot (`hold_alert`), and at a minute that points at the person. For a
        confidential or anonymous complaint (`HELD_FLAG`) the group reads it without the
        channel and the error, the leaders with them, privately. The group's report of a
        complaint's message waits behind that complaint's earlier messages to the group
        (`COMPLAINT_KEY`): "tidak terkirim … kabar perkembangan" came before the "langkah 3
        selesai" that sent it."""
        if kind in UNREPORTED_KINDS or (channel == "telegram" and address.lstrip("-").isdigit()
                                        and int(address) < 0):
            # the officers' group itself, a button answer, or a data request put to a number
            # (the group must not learn that someone asked for a person's data): only the log
            return []
        sensitive = bool(payload.get(SENSITIVE_FLAG))
        held = payload.get(HELD_FLAG)
        heads = payload.get(LEADERS_FLAG)
        own = heads is not None and address in {str(head) for head in heads}
        if own:
            # a leader's own copy of a talk only the leaders read (`leaders_flag` in its
            # payload): the other leaders read of its failure, not the leader it missed
            heads = [head for head in heads if str(head) != address]
        words = error_words(channel, error)
        missed = self.config.officer(address) if own else None
        private = [self.report_to_leader(str(head), kind, channel, payload, status, words,
                                         missed=missed.name if missed else None)
                   for head in heads or ()] if sensitive or held else []
        if sensitive and heads is not None:
            unreached = pings.unreachable_report(self.config, self.officer_chat_id, address,
                                                 error) if own and self.officer_chat_id else None
            # the group reads only the notice it reads for any officer the bot cannot reach
            # privately (once, with what to do), never what the message was
            return [unreached, *private] if unreached is not None else private
        if self.officer_chat_id is None:
            return private
        if channel == "telegram" and self.config.officer(address) is not None:
            # An officer the bot cannot reach privately: named once, with what to do.
            found = pings.unreachable_report(self.config, self.officer_chat_id, address, error)
            if found is not None:
                return [found]
        rich = Rich().b("⚠️ Pesan tidak terkirim\n")
        # A message flagged sensitive before the leaders were named in its payload (queued by
        # an older version) is still reported to the group, without its channel: the
        # provider's error names the channel too ("bot was blocked by the user", a WhatsApp
        # error code). The worker's log keeps both.
        rich.line("Tiket", payload.get("ticket") or "-")
        rich.line("Jenis pesan", kind_label(kind, payload))
        if not (sensitive or held):
            rich.line("Kanal", CHANNEL_LABEL.get(channel, channel))
        if kind == "identity":
            rich.line("Tujuan", f"pimpinan (Telegram {address}) belum memulai chat dengan bot")
        rich.line("Status", _status_text(status))
        if sensitive:
            rich.i("Pengaduan sensitif: kanal dan keterangan kesalahan tidak ditampilkan di "
                   "grup; ditangani Kasi Tikkim atau Kepala Kantor di chat pribadi.")
        elif held:
            rich.i(f"Pengaduan {mode_word(held)}: kanal dan keterangan kesalahan tidak "
                   "ditampilkan di grup; Kasi Tikkim dan Kepala Kantor membacanya di chat "
                   f"pribadi. {held_hint(held, kind)}")
        else:
            rich.line("Kesalahan", _PHONE.sub(identity.MASK, words)[:300])  # providers quote it
            rich.i("Pelapor dapat dihubungi lewat kanal lain oleh petugas yang berwenang atas "
                   "identitasnya (pengaduan rahasia: Kasi Tikkim atau Kepala Kantor).")
        return [{"kind": "report", "channel": "telegram", "address": self.officer_chat_id,
                 "body": rich.plain(), "payload": rich.to_payload(),
                 "complaint_id": payload.get(COMPLAINT_KEY)}, *private]

    @staticmethod
    def report_to_leader(leader: str, kind: str, channel: str, payload: dict[str, Any],
                         status: str, error: str, missed: str | None = None
                         ) -> dict[str, Any]:
        """A leader's private notice that a message of a sensitive, confidential or
        anonymous complaint or of a leaders' talk was given up on: the ticket (none for a
        talk), what it was, the channel and the provider's error (numbers masked), as their
        other private notices of it say; kept from being forwarded. `missed`: the name of the
        leader whose own copy of a leaders' talk it was (not the person's message)."""
        rich = Rich().b("⚠️ Pesan tidak terkirim (untuk pimpinan)\n")
        rich.line("Tiket", payload.get("ticket") or "-")
        rich.line("Jenis pesan", kind_label(kind, payload))
        if missed is not None:
            rich.line("Tujuan", f"salinan untuk {missed} (chat pribadi)")
            rich.line("Status", _status_text(status))
            rich.line("Kesalahan", _PHONE.sub(identity.MASK, error)[:300])
            rich.i("Percakapan khusus pimpinan: tidak dilaporkan ke grup. Pesannya tetap "
                   "terbaca oleh Anda; mohon sampaikan kepada rekan pimpinan bila perlu "
                   "(percakapan terbuka: /permintaan). Jangan diteruskan.")
            return {"kind": "report", "channel": "telegram", "address": leader,
                    "body": rich.plain(), "payload": {**rich.to_payload(), "protect": True}}
        rich.line("Kanal", CHANNEL_LABEL.get(channel, channel))
        rich.line("Status", _status_text(status))
        rich.line("Kesalahan", _PHONE.sub(identity.MASK, error)[:300])
        held = payload.get(HELD_FLAG)          # (never beside SENSITIVE_FLAG: complaint_flag)
        if held:
            rich.i(f"Pengaduan {mode_word(held)}: grup membaca laporan ini tanpa kanal dan "
                   f"keterangan kesalahan. {held_hint(held, kind)} "
                   "Hanya untuk Kasi Tikkim dan Kepala Kantor. Jangan diteruskan.")
        else:
            rich.i("Pengaduan sensitif atau percakapan khusus pimpinan: tidak dilaporkan ke "
                   "grup. Pelapor dapat dihubungi lewat kanal lain oleh Kasi Tikkim atau "
                   "Kepala Kantor. Hanya untuk Kasi Tikkim dan Kepala Kantor. Jangan "
                   "diteruskan.")
        return {"kind": "report", "channel": "telegram", "address": leader,
                "body": rich.plain(), "payload": {**rich.to_payload(), "protect": True}}


def mode_word(mode: str) -> str:
    """A held complaint's mode (`HELD_FLAG`) as the officers name it."""
    return "anonim" if mode == Mode.ANONYMOUS else "rahasia"


def held_hint(mode: str, kind: str) -> str:
    """What can be done about a confidential or anonymous complaint's message given up on, in
    words true on every channel (the group does not read which): an anonymous person has no
    identity and no other channel, so an officer's news waits for them (sent again when they
    write, `bot.delivery.RESENT_KINDS`; its latest shown by a status check, on the
    web chat too); a confidential one's person the leaders may reach another way."""
    kept = ("Pesan ini tersimpan: pelapor dapat membacanya bila ia menulis lagi kepada bot "
            "atau memeriksa status pengaduannya." if kind in RESENT_KINDS else
            "Pesan ini tidak dikirim ulang.")
    if mode == Mode.ANONYMOUS:
        return f"Pelapor anonim tidak dapat dihubungi lewat kanal lain. {kept}"
    return f"{kept} Pelapor dapat dihubungi lewat kanal lain oleh Kasi Tikkim atau Kepala Kantor."


# Telegram's refusals, in the officers' words (`error_words`): a text in the error, and why.
TELEGRAM_REASONS = (
    ("blocked by the user", "penerima memblokir bot"),
    ("user is deactivated", "akun Telegram penerima sudah dihapus"),
    ("can't initiate conversation", "penerima belum pernah memulai chat dengan bot"),
    ("chat not found", "chat penerima tidak ditemukan (akun dihapus, atau belum pernah "
                       "memulai chat dengan bot)"),
    ("user not found", "akun Telegram penerima tidak ditemukan"),
    ("too many requests", "Telegram menolak karena terlalu banyak pesan dalam waktu singkat"),
    ("flood control", "Telegram menolak karena terlalu banyak pesan dalam waktu singkat"),
)


def error_words(channel: str, error: str) -> str:
    """A provider's error as the officers read it: Telegram's English refusals said in
    Indonesian, its own words after them, as Twilio's receipts are said
    (`handlers.twilio_status.failure_words`); anything else as given."""
    if channel != "telegram":
        return error
    said = error.lower()
    reason = next((why for text, why in TELEGRAM_REASONS if text in said), None)
    return f"Pesan Telegram tidak sampai: {reason}. ({error})" if reason else error


def _status_text(status: str) -> str:
    return f"{STATUS_LABELS[status]} ({status})" if status in STATUS_LABELS else status


# Payload key of the group's alert of a complaint held for its slot (`hold_alert`): the worker
# has it written again as it goes (`Notifier.held_alert`).
HELD_ALERT = "held_alert"
# Payload key of the complainant's own deadline a held alert carries ("⏰ Batas waktu pelapor"):
# read from the story at filing, written again with the alert (days left as of then).
HELD_STATED = "held_stated"


def stated_payload(stated: Deadline | None) -> dict[str, str] | None:
    return None if stated is None else {"what": stated.what, "first": stated.first.isoformat(),
                                        "last": stated.last.isoformat()}


def stated_from(payload: Any) -> Deadline | None:
    """The deadline `stated_payload` kept (None when none, or unreadable)."""
    try:
        return Deadline(payload["what"], dt.date.fromisoformat(payload["first"]),
                        dt.date.fromisoformat(payload["last"]))
    except (TypeError, KeyError, ValueError):
        return None


UNREPORTED_KINDS = ("callback", "report", "keyboard", "consent")
# Payload key of a message to the complainant of a sensitive complaint (tell_complainant), or
# in a talk only the leaders answer (talk_payload): its failure is the leaders' to read.
SENSITIVE_FLAG = "sensitive"
# Payload key beside it: the Telegram ids of the leaders told of its failure (leaders_flag).
LEADERS_FLAG = "leaders"
# Payload key of a message about a confidential or anonymous complaint (complaint_flag): its
# mode. The group reads its failure without channel or error; the leaders read them privately.
HELD_FLAG = "held"
# Payload key of a message about a complaint (tell_complainant): the complaint's id, so that
# its failure report waits in that complaint's queue to the group (storage/outbox.py `LANE`).
COMPLAINT_KEY = "complaint_id"
# What the officers read of a message given up on: its kind and status in their words.
KIND_LABELS = {"reply": "balasan bot", "ticket": "nomor tiket", "pin": "PIN",
               "update": "kabar perkembangan", "relay": "balasan petugas",
               "rating": "permintaan penilaian", "pause": "pengingat cerita",
               "officer_request": "permintaan bicara dengan petugas",
               "identity": "identitas pelapor", "document": "dokumen", "file": "berkas",
               "evidence": "bukti", "alert": "pemberitahuan pengaduan", "digest": "ringkasan harian",
               "ping": "pengingat petugas", "held_ping": "pengingat petugas",
               "officer": "pesan petugas", RELAY_KIND: "pesan pelapor kepada petugas"}


def kind_label(kind: str, payload: dict[str, Any]) -> str:
    """A message's kind in the officers' words (`KIND_LABELS`): a leader's copy of a talk
    held for an anonymous complaint's slot (`HELD_TALK`, queued as a held ping) is the
    talk's, not a reminder."""
    if payload.get(HELD_TALK) is not None:
        return KIND_LABELS["officer_request" if payload.get("notice") else RELAY_KIND]
    return KIND_LABELS.get(kind, kind)


STATUS_LABELS = {"undeliverable": "tidak dapat dikirim", "failed": "gagal setelah dicoba ulang"}


# The codes a talk goes by (a T- or R-code); any other is a ticket (`group_code`).
_TALK_CODES = re.compile(r"^[TR]-\d+$")


def answer_verb(code: str) -> str:
    """The command that answers a talk the group reads under `code`: /balas for a ticket."""
    return "/pesan" if _TALK_CODES.match(code) else "/balas"


def relay_message(code: str, channel: str | None, lines: list[str],
                  tickets: Sequence[str] = (), private: bool = False,
                  footer: bool = True) -> Rich:
    """The officers' message carrying a person's lines to their request; a leader's private
    copy (`private`) names the person's complaints by ticket (`tickets`), the group's never
    does. (The group reads nothing of a talk only the leaders answer:
    `Notifier.person_wrote`; nor that a person ended a talk: `Notifier.chat_ended`.) After a
    talk's closing line only a leader in a private chat may answer it (that opens it again,
    `bot.desk.message.reopens`): the group's copy invites no /pesan then. A talk named by a
    ticket (`group_code`: the answer to a /balas) is the person's answer on it, answered by
    /balas; `channel` None: not named (the group's copy, `Notifier.relay_batch`). Without
    `footer`, no line on how to answer: one under a notice that already says it
    (`Notifier.hold_talk`)."""
    answer = answer_verb(code)
    if tickets:
        rich = Rich().b(f"💬 Pesan dari pelapor {', '.join(tickets)} ({code}, {channel})\n")
    elif answer == "/balas":
        via = f" ({channel})" if channel else ""
        rich = Rich().b(f"💬 Jawaban pelapor {code}{via}\n")
    else:
        via = f" ({channel})" if channel else ""
        rich = Rich().b(f"💬 Pesan dari pelapor {code}{via}\n")
    rich.t("\n".join(lines) + "\n")
    if not footer and not lines[-1].endswith(ENDED):
        return rich
    if not private:
        # a batch may leave after the talk ended or turned to the leaders (its notice is the
        # group's silence): the invitation holds only while the talk is open
        if lines[-1].endswith(ENDED):
            return rich
        return rich.i(f"Balas selama percakapan terbuka (/permintaan): {answer} {code} teks · "
                      f"Tutup: /tutup {code}")
    if lines[-1].endswith(ENDED):
        return rich.i(f"Masih dapat dibalas di chat ini (membuka percakapan lagi): "
                      f"/pesan {code} teks")
    return rich.i(f"Balas: /pesan {code} teks · Tutup: /tutup {code}")


def relay_text(text: str, complaints: Sequence["Complaint"], person: "Complainant",
               office_code: str) -> str:
    """One message a person wrote to the officers, as the leaders' private copy of a talk only
    they answer carries it (the outbox row's body and payload; the group's copy is
    `Notifier.group_text`): masked by `identity.redact_leaders_talk`, the same whatever the
    person's complaints (never their names, numbers or any ticket: a mask that changed the day
    they filed anonymously told the leaders who filed it), and with a PIN they typed masked as
    the message log masks it.
    People paste "tiket saya TRK-… pin 173117" to an officer to ask why the status look-up
    fails; the PIN would reach the group and rest in the outbox. Whether the text names one of
    the office's tickets is read from what they wrote, before a concealed complainant's ticket
    is masked: the status look-up reads a PIN anywhere in such a text, so every 6-digit run
    (split ones too) goes, as in the log; the ticket itself stays whole."""
    redacted = identity.redact_leaders_talk(text, complaints, person, office_code)
    ticketed = find_ticket(text, office_code) is not None
    return mask_typed_pin(redacted, ticketed=ticketed)[:RELAY_LINE_CHARS]


PART_MARK = 20     # room for "\n(bagian 10/12)" on each part


def split_text(text: str, limit: int) -> list[str]:
    """An officer's text in pieces of at most `limit` characters (leaving room for the part
    mark): cut after a paragraph, else after a sentence, else between words, and only inside
    a word that alone is too long. One piece when it fits."""
    text = text.strip()
    if len(text) <= limit:
        return [text]
    room = limit - PART_MARK
    parts = []
    while len(text) > room:
        head = text[:room + 1]
        cut = head.rfind("\n")
        if cut < room // 2:
            ends = [m.end() for m in re.finditer(r"[.!?…](?:[\"')\]]*)\s", head)]
            cut = ends[-1] if ends and ends[-1] >= room // 2 else head.rfind(" ")
        if cut <= 0:
            cut = room
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return [*parts, text] if text else parts


def part_text(part: str, number: int, count: int, lang: str) -> str:
    """One piece of a split text, numbered so that the person reads them in order."""
    if count == 1:
        return part
    return f"{part}\n({'part' if lang == 'en' else 'bagian'} {number}/{count})"


def buttons(rich: Rich, complaint: "Complaint") -> Rich:
    """The complaint's actions as buttons, bound to its stage (bot.sop.keyboard)."""
    return keyboard.attach(rich, complaint.ticket, complaint.stage, complaint.verdict)


def confidence_text(complaint: "Complaint") -> str:
    """How the type was decided. A type the model proposed was always confirmed by the
    complainant ("ya, benar"): said so, or officers would read it as the machine's guess."""
    source = {"complainant": "dipilih pelapor", "nlu": "usulan otomatis, dibenarkan pelapor",
              "officer": "dikoreksi petugas" if complaint.type_changed_by else "dipilih petugas"
              }.get(complaint.type_source, complaint.type_source)
    if complaint.type_confidence is None:
        return source
    return f"{complaint.type_confidence:.0%} ({source})"


# Officers answer with /balas and /kabar in their own words: they should know the language.
ENGLISH_SPEAKER = "Inggris (tulis /balas dan /kabar dalam bahasa Inggris)"
ENGLISH_ANSWER = "Inggris (tulis /pesan dalam bahasa Inggris)"


def complainant_lang(complaint: "Complaint") -> str:
    """The language of everything the complainant hears about this complaint: the one it was
    filed in. The officers are told it ("Bahasa pelapor") and write their /kabar, /balas and
    step-9 message in it, so the frame around their words must not follow a later sentence in
    the other language ("terima kasih pak" from an English speaker)."""
    if complaint.language in ("en", "id"):
        return complaint.language
    person = complaint.complainant
    return "en" if person is not None and person.language == "en" else "id"




def outcome_text(complaint: "Complaint", lang: str) -> str:
    if complaint.verdict != "benar":
        return pt(lang, "outcome.tidak_benar")
    follow_up = complaint.follow_up or "pembinaan"
    if follow_up in NO_STAFF_FOLLOW_UPS:      # no officer involved: said as it was done
        return pt(lang, "outcome.benar", follow_up=pt(lang, f"follow_up.{follow_up}"))
    if complaint.type == FOREIGNERS:
        return pt(lang, "outcome.benar", follow_up=pt(lang, f"follow_up.wna.{follow_up}"))
    if complaint.type in NO_ONE_AT_FAULT:
        return pt(lang, "outcome.benar.service")
    return pt(lang, "outcome.benar", follow_up=pt(lang, f"follow_up.{follow_up}"))
