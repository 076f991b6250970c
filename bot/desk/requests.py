"""What reaches the desk and what it answers: neutral requests, parsed from commands and buttons.

A channel adapter turns an officer's update into an `OfficerUpdate` and hands it to
`OfficerDesk.receive`; the desk parses it into an `OfficerRequest` (one command or button
press), runs it and answers with a `DeskAnswer`. The dialogues (`intake`, `message`) take and
return these types too, so they never import the desk itself.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Protocol, Sequence

from bot.paperwork.outfiles import OutFile
from bot.rich import Rich
from bot.sop import keyboard
from bot.sop.workflow import Role
from bot.tickets import find_ticket

if TYPE_CHECKING:
    import datetime as dt

    from bot.config import OfficeConfig, Officer
    from bot.notify import Notifier
    from storage.files import FileStore
    from storage.models import Complainant, Complaint, ContactRequest
    from storage.repo import Unit

# Indonesian command words (and a few English aliases) -> action.
COMMANDS = {"aduan": "list", "daftar": "list", "lihat": "view", "ambil": "take",
            "pesan": "message", "tutup": "close_request", "permintaan": "contact_list", "jenis": "retype",
            "teruskan": "forward", "tahap": "stage", "lanjut": "stage", "kabar": "update",
            "balas": "relay", "bantuan": "help", "identitas": "identity", "help": "help",
            "start": "help", "list": "list", "view": "view", "dokumen": "documents",
            "rekap": "recap", "register": "register", "inventaris": "register",
            "bukti": "evidence", "evidence": "evidence", "catat": "record", "batal": "cancel",
            "kecualikan": "exclude", "pinbaru": "reissue_pin", "datapribadi": "subject_export",
            "hapusdata": "subject_erase", "saya": "mine", "tugas": "mine", "plh": "away",
            "cuti": "away", "kembali": "back", "kembalikan": "return_draft",
            "tolak": "return_draft", "cabut": "withdraw",
            # officers who write English: the same actions
            "take": "take", "forward": "forward", "step": "stage", "next": "stage",
            "update": "update", "reply": "relay", "message": "message", "close": "close_request",
            "documents": "documents", "docs": "documents", "recap": "recap", "mine": "mine",
            "withdraw": "withdraw"}
NEEDS_TICKET = {"view", "take", "retype", "forward", "stage", "update", "relay", "identity",
                "documents", "evidence", "upload", "exclude", "reissue_pin", "step", "choose",
                "answer", "unconfirm", "return_draft", "withdraw", "hint"}
CHANGES = {"take", "retype", "forward", "stage", "update", "relay", "upload", "exclude",
           "reissue_pin", "step", "answer", "return_draft", "withdraw"}
# A talk's code as officers type it: T-4821937 (a talk the group answers, by its request:
# bot.notify.open_code) or R-7 (a talk only the leaders answer: bot.notify.talk_code). A P-12
# (the person's fixed code, no longer shown) is still read, to be refused as a code nobody has
# (bot.desk.message.refuse_person_code).
_PERSON = re.compile(r"^[PpRrTt]-?\d{1,12}$")
PERSON_CODE = re.compile(r"^[Pp]-?(\d{1,12})$")
TALK_CODE = re.compile(r"^[Rr]-?(\d{1,12})$")
# The log's reason (never shown) for refusing a talk's group code to a leader when the talk is
# the leaders' own: that talk answers to its R-code only.
LEADERS_BY_R = "percakapan khusus Kasi Tikkim dan Kepala Kantor: hanya dengan kode R-"
# Commands whose words after the ticket are a message: the ticket is read only where it comes
# first (a ticket quoted inside the message is not the one meant).
FREE_TEXT = {"update", "relay", "return_draft", "upload", "answer", "withdraw"}
# A ticket as typed, alone: "TRK-7K3Q-9MXA", "trk 7k3q 9mxa", "TRK7K3Q9MXA", "(TRK-…)," …
_TICKET_WORDS = re.compile(r"[#(\[\"'“]?[A-Za-z]{2,5}[\s\-_.]?[0-9A-Za-z]{4}[\s\-_.]?"
                           r"[0-9A-Za-z]{4}[)\]\"'”.,:;]*")
# A button's verb (bot.sop.keyboard) -> the desk's action.
BUTTON_ACTIONS = {"take": "take", "go": "step", "ok": "stage", "no": "unconfirm",
                  "vd": "choose", "fu": "choose", "fn": "choose", "view": "view", "pg": "list"}


@dataclass(frozen=True)
class OfficerDocument:
    """A file an officer sent (a Telegram document): the channel's id for it, never a URL."""

    file_id: str
    file_name: str = ""
    mime_type: str | None = None
    size: int | None = None


@dataclass(frozen=True)
class OfficerUpdate:
    """One update from an officer's chat, as its channel adapter read it (no SDK types)."""

    provider_id: str              # the channel's update id: a retried update changes nothing
    chat_id: str
    private: bool                 # a private chat with the bot (not the officers' group)
    actor_id: str
    actor_name: str | None = None
    text: str = ""                # a command, or an answer in a dialogue
    button: str | None = None     # a button's callback data
    callback_id: str | None = None
    channel: str = "telegram"
    document: OfficerDocument | None = None   # a file sent with the text as its caption
    message_id: str | None = None     # the bot's message a pressed button was under
    reply_to_id: str | None = None    # the bot's message this one answers (Telegram reply)
    reply_to_text: str = ""           # that message's text, as the officer saw it


@dataclass(frozen=True)
class OfficerRequest:
    """One command or button press, already authenticated by its channel adapter."""

    actor_id: str
    chat_id: str
    private: bool
    action: str
    ticket: str | None = None
    args: str = ""
    actor_name: str | None = None
    via: str = "command"          # command | button | reply
    channel: str = "telegram"
    document: OfficerDocument | None = None
    stage: str | None = None      # a button's stage: refused once the complaint has moved on
    choice: str | None = None     # a button's choice (benar, hukuman…), or a list's scope
    page: int = 1                 # the page of a long list
    message_id: str | None = None  # the message a button was pressed under
    legacy: bool = False          # a button from before presses were bound to a stage


@dataclass
class Later:
    """Slow work (rendering documents and exports) done after the transaction commits.

    `render` returns an optional message (shown before the files) and the files; they are
    queued in a second short transaction, to `address` (None: the chat of the request)."""

    render: Callable[[], tuple[Rich | None, list[OutFile]]]
    address: str | None = None
    complaint_id: int | None = None
    kind: str = "file"
    # Also done in the second transaction, before the files are queued (e.g. keep the drafts).
    keep: Callable[[Any, list[OutFile]], None] | None = None
    send: bool = True     # False: only kept (e.g. the signed copies at step 8), not queued


@dataclass
class DeskAnswer:
    """What to show the officer: a message, and a short toast for a button press."""

    ok: bool
    message: Rich | None
    toast: str = ""
    alert: bool = False
    changed: bool = False
    log_detail: str = field(default="", repr=False)
    files: list[OutFile] = field(default_factory=list)   # sent after the message, in order
    later: list[Later] = field(default_factory=list)     # rendered after the transaction
    choices: list[str] | None = None                      # a keyboard of answers (dialogues)
    secrets: list[str] = field(default_factory=list, repr=False)   # never stored (a PIN)
    complaint_id: int | None = None   # the complaint the message is about (replies, keyboards)
    prompt: dict[str, Any] | None = None   # a question whose reply completes a step
    show: bool = False                # a button's answer also shown in the chat
    retire: str | None = None         # a stale button's ticket: its keyboard is retired
    more: list[Rich] = field(default_factory=list)   # further pages of a long answer
    # a message that names a concealed complainant: Telegram keeps it from being forwarded or
    # saved (protect_content), so it stays in the chat of the leader who asked
    protect: bool = False


def parse_command(text: str, office_code: str, anywhere: bool = True) -> OfficerRequest | None:
    """'/ambil TRK-7K3Q-9MXA' -> a partial request (actor and chat filled in by the caller).
    `anywhere`: a ticket after other words counts too ("/teruskan lantaskim TRK-…"); not in a
    reply to a message about a complaint, whose ticket is the one meant unless typed first."""
    text = text.strip()
    if not text.startswith("/"):
        return None
    head, _, rest = text[1:].partition(" ")
    word = head.split("@", 1)[0].lower()
    action = COMMANDS.get(word)
    if action is None:
        return None
    ticket = None
    rest = rest.strip()
    if action in NEEDS_TICKET:
        first = rest.split(maxsplit=1)[0] if rest else ""
        ticket, rest = ticket_in(rest, office_code,
                                 anywhere=anywhere and action not in FREE_TEXT)
        if not ticket and action == "evidence" and _PERSON.match(first):
            action = "contact_evidence"     # /bukti P-12: what someone sent while talking
    return OfficerRequest(actor_id="", chat_id="", private=False, action=action, ticket=ticket,
                          args=rest)


def ticket_in(args: str, office_code: str, anywhere: bool = True) -> tuple[str | None, str]:
    """(ticket, the rest) from a command's arguments: the ticket as officers type it, in any
    case, with spaces or without dashes ("trk 7k3q 9mxa", "TRK7K3Q9MXA", "(TRK-7K3Q-9MXA)"),
    first or, when `anywhere`, after other words ("/teruskan lantaskim TRK-…"); (None, args)
    when there is none. The rest keeps its own spacing (a note's lines stay lines)."""
    words = list(re.finditer(r"\S+", args))
    for i in range(len(words) if anywhere else min(len(words), 1)):
        for n in (1, 2, 3):
            if i + n > len(words):
                break
            start, end = words[i].start(), words[i + n - 1].end()
            if _TICKET_WORDS.fullmatch(args[start:end]):
                ticket = find_ticket(args[start:end], office_code)
                if ticket:
                    before, after = args[:start].rstrip(), args[end:].lstrip()
                    return ticket, (f"{before} {after}" if before and after
                                    else before or after).strip()
    return None, args


def parse_button(data: str, office_code: str) -> OfficerRequest | None:
    """Callback data (bot.sop.keyboard) -> a partial request, bound to its stage."""
    press = keyboard.read(data, office_code)
    if press is None:
        return None
    return OfficerRequest(actor_id="", chat_id="", private=False,
                          action=BUTTON_ACTIONS[press.verb], ticket=press.ticket,
                          via="button", stage=press.stage, choice=press.choice,
                          page=press.page, legacy=press.legacy)


def closest_command(word: str) -> str | None:
    """The known command nearest to a mistyped one ('/lihta' -> 'lihat'), if any is close."""
    found = difflib.get_close_matches(word.lower(), [c for c in COMMANDS if c != "start"],
                                      n=1, cutoff=0.6)
    return found[0] if found else None


def command_word(text: str) -> str | None:
    """'/lihat@bot TRK…' -> 'lihat'; None when the text is not a command."""
    text = text.strip()
    if not text.startswith("/") or len(text) < 2:
        return None
    return text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower()


class DeskContext(Protocol):
    """What the dialogues use of the desk: the office's configuration, the notifier, files."""

    config: "OfficeConfig"
    notifier: "Notifier"
    clock: "Callable[[], dt.datetime]"
    files: "FileStore"


def actor_label(officer: "Officer") -> str:
    """How the audit trail names an officer: telegram:<id> <name>."""
    return f"telegram:{officer.telegram_id} {officer.name}"


# --- what the group reads of a person's talk (bot.desk.message, bot.desk.evidence) ------------
LEADERS = (Role.KASI_TIKKIM, Role.KEPALA_KANTOR)


def group_view(officer: "Officer", request: OfficerRequest) -> bool:
    """Whether the officer acts on talks from what the group reads: anyone but Kasi Tikkim and
    the Kepala Kantor in a private chat (a leader's answer in the group is read by all)."""
    return not (officer.role in LEADERS and request.private)


def kept_away(desk: DeskContext, unit: "Unit", officer: "Officer",
              complaints: "Sequence[Complaint]") -> bool:
    """Whether the officer is kept away from any of a person's complaints."""
    return str(officer.telegram_id) in desk.notifier.kept_away(unit, complaints)


def group_talk(desk: DeskContext, unit: "Unit", officer: "Officer",
               person: "Complainant | None") -> "tuple[ContactRequest | None, str]":
    """The person's talk the group may act on (/pesan, /tutup, /bukti P-N): live (open or
    answered), not one only the leaders answer, and the officer not kept away from any of the
    person's complaints; else None and the real reason (for the log only). Whether a talk is
    live in the group is what the group read (its notice, its lines, its close); what happened
    since outside the group (a concealed or sensitive complaint, a levy reported, an exclusion)
    only ever closes it to the group, and the answer then is the one for a closed talk or a
    code nobody has."""
    if person is None:
        return None, "kode tidak dikenal"
    live = unit.live_contact_request(person.id)
    if live is None:
        return None, "tidak ada percakapan terbuka"
    complaints = unit.complaints_of(person.id, limit=50)
    if kept_away(desk, unit, officer, complaints):
        return None, "konflik kepentingan (disebut dalam pengaduan atau dikecualikan pimpinan)"
    if desk.notifier.talk_for_leaders(unit, complaints, person.id):
        return None, "percakapan khusus Kasi Tikkim dan Kepala Kantor"
    return live, ""


def leaders_talk(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
                 request_id: int) -> "tuple[Complainant | None, str]":
    """The person behind R-`request_id`, the code of a talk only the leaders answer
    (`bot.notify.talk_code`), for Kasi Tikkim and the Kepala Kantor in a private chat who are
    not kept away from any of the person's complaints; else None and the real reason (for the
    log only: everyone reads the answer for a code nobody has). Decided by that request, never
    by the person's state now: it is the leaders' by record (`leaders_by_record`), live or
    closed (an answer to a closed one opens it again), or it is the person's live request and
    their talk is the leaders' now. Read from the person, R-N of any old talk the group read
    under its T-code beside a named ticket answered once the person had a sensitive or
    concealed complaint, and said so to a leader typing R-1, R-2, … The group never reads such
    a code, so from the group's view it is never one. Nor is a talk whose notice to this
    leader still waits for an anonymous complaint's slot (`bot.notify.talk_slot`)."""
    if group_view(officer, request):
        return None, "kode percakapan khusus Kasi Tikkim dan Kepala Kantor, di luar chat pribadi"
    found = unit.contact_request(request_id)
    person = unit.complainant_by_id(found.complainant_id) if found is not None else None
    if found is None or person is None:
        return None, "kode tidak dikenal"
    complaints = unit.complaints_of(person.id, limit=50)
    if kept_away(desk, unit, officer, complaints):
        return None, "konflik kepentingan (disebut dalam pengaduan atau dikecualikan pimpinan)"
    if desk.notifier.held_talk_row(unit, str(officer.telegram_id), found.id) is not None:
        # its notice still waits for an anonymous complaint's slot (`Notifier.hold_talk`): a
        # leader typing, … before it would reach, and answer, a talk nobody told
        # him of, at the minute the person asked, a minute after their named alert
        return None, "percakapan menunggu slot pemberitahuan pengaduan anonim"
    if leaders_by_record(unit, found):
        return person, ""
    live = unit.live_contact_request(person.id)
    if live is not None and live.id == found.id \
            and desk.notifier.talk_for_leaders(unit, complaints, person.id):
        return person, ""
    return None, "bukan percakapan khusus Kasi Tikkim dan Kepala Kantor"


def leaders_by_record(unit: "Unit", found: "ContactRequest") -> bool:
    """Whether the request itself was the leaders', by what is kept of it: marked so
    (`leaders_only`: a levy, a broker, a bribe or an officer's conduct, or a sensitive draft),
    or a line of it went to the leaders alone (a relay no officers' message carried:
    `Notifier.person_wrote` records the leaders' relays with no outbox row, while a line for
    the group is kept with its batch, pending or sent; only with no officers' chat configured
    is a group line kept with none, and then the group read nothing of it, nor of its
    opening). Which chat was told of its opening is kept nowhere: a talk whose only record is
    its opening (no line relayed) is not the leaders' once closed, as the group may have read
    its notice under its T-code."""
    return bool(found.leaders_only) or any(relay.outbox_id is None
                                           for relay in unit.contact_relays(found.id))
