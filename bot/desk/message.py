"""`/pesan T-1234567 teks`: an officer answers someone who asked to talk to an officer."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NoReturn

from bot import pings
from bot.conversation import officer as officer_chat
from bot.conversation.engine import DELAYED_CHANNELS, RESEND_WITHIN
from bot.desk.privacy import CONFLICT
from bot.desk.requests import (LEADERS_BY_R, PERSON_CODE, TALK_CODE, DeskAnswer, DeskContext,
                               OfficerRequest, group_talk, group_view, kept_away, leaders_talk)
from bot.desk.views import usage
from bot.dates import local_time
from bot.notify import (CHANNEL_LABEL, OPEN_CODE, PUSH_CHANNELS, group_code, open_code,
                         open_request_id, talk_code, talk_slot)
from bot.rich import Rich
from bot.sop.workflow import Refused, check_role
from bot.tickets import find_ticket
from storage import contacts, webchat

if TYPE_CHECKING:
    from bot.config import Officer
    from storage.models import Complainant, Complaint, ContactRequest, OutboxItem
    from storage.repo import Unit

LISTED = 30       # requests shown by /permintaan
ANSWERED = ("sent", "undeliverable")   # outbox rows the provider took, or refused for good


def handle(desk: "DeskContext", unit: "Unit", officer: "Officer", request: OfficerRequest,
           now: dt.datetime) -> DeskAnswer:
    """Send the text to the complainant of the talk T-<n> (`notify.open_code`), or of the
    leaders' talk R-<request id>, on their channel; refused with the usage (a P-code reads as
    a code nobody has: `refuse_person_code`)."""
    check_role(officer, "message")
    code, _, text = request.args.strip().partition(" ")
    if not (PERSON_CODE.match(code) or TALK_CODE.match(code) or OPEN_CODE.match(code)) \
            or not text.strip():
        raise Refused(usage("message"))
    person = answerable(desk, unit, officer, request, code)
    # the person's reply reaches the officers (unless they are writing a complaint); a
    # leader's answer after the request was closed opens it again, so that reply has
    # somewhere to go
    if person.channel not in PUSH_CHANNELS:
        raise Refused("Pelapor ini tidak dapat dihubungi lewat kanalnya.")
    if TALK_CODE.match(code):
        reopen_leaders_talk(desk, unit, request, person, code, now)
    elif unit.live_contact_request(person.id) is None:
        unit.ask_for_officer(person.id, person.channel, now)
    in_chat = officer_chat.resume_after_answer(unit, person, now)
    desk.notifier.message_person(unit, person, now, text.strip(), reply_here=in_chat)
    answered = unit.answer_contact_request(person.id, str(officer.telegram_id), now)
    pings.served(unit, person.id, officer.telegram_id, now)     # not step 2 of theirs for a day
    note = " Permintaannya kini tercatat sudah dijawab." if answered else ""
    if web_session_ended(unit, person):
        # No browser holds that session any more, and a /pesan answer belongs to no complaint,
        # so the status check (ticket and PIN) does not show it either: the officer must not
        # believe it arrived (the worker reports it too, storage/webchat.py).
        return DeskAnswer(True, Rich().t(
            f"⚠️ Pesan untuk {code.upper()} disimpan, tetapi sesi chat web pelapor sudah "
            f"diakhiri: pesan ini tidak akan terbaca olehnya. Bila menyangkut pengaduannya, "
            f"kirim lewat /balas TIKET teks: balasan itu terbaca saat pelapor cek status "
            f"dengan nomor tiket dan PIN.{note}"),
            toast="sesi web pelapor sudah berakhir",
            log_detail=f"Pesan kepada {code.upper()} (sesi web sudah berakhir): {text}")
    kept = kept_until_written(person, f"Pesan untuk {code.upper()}", now,
                              talk_rows(unit, person))
    if kept is not None:
        return DeskAnswer(True, Rich().t(f"⚠️ {kept}.{note}"),
                          toast="pelapor belum dapat dihubungi",
                          log_detail=f"Pesan kepada {code.upper()} (belum dapat dihubungi): {text}")
    return DeskAnswer(True, Rich().t(f"✅ Pesan untuk {code.upper()} dikirim.{note}"),
                      toast="pesan dikirim", log_detail=f"Pesan kepada {code.upper()}: {text}")


def reopen_leaders_talk(desk: "DeskContext", unit: "Unit", request: OfficerRequest,
                        person: "Complainant", code: str, now: dt.datetime) -> None:
    """Before a leader's answer by R-N (`requests.leaders_talk`): that talk is live, or,
    closed, is opened again when no talk of the person is live. The same request, not a new
    one: it keeps its code and what made it the leaders' (held while a complaint waited for
    its slot: `notify.held_talk` reads its opening), so the person's reply comes back to the
    leaders under R-N; a new request after the slot was the group's, and the reply to a
    leader's question on a concealed complaint was read in the group. While another talk of
    the person is live the answer goes there, so only when that one is the leaders' too;
    else refused as a code nobody has (`closed_here`; the log keeps why)."""
    request_id = int(TALK_CODE.match(code).group(1))
    live = unit.live_contact_request(person.id)
    talk = unit.contact_request(request_id)
    if live is None and talk is not None and unit.reopen_contact_request(talk, now):
        return
    if live is not None and (live.id == request_id or desk.notifier.talk_for_leaders(
            unit, unit.complaints_of(person.id, limit=50), person.id)):
        return
    raise Refused(closed_here(code, request.private),
                  detail=f"{code.upper()}: percakapan lain pelapor terbuka di grup")


def web_session_ended(unit: "Unit", person: "Complainant | None") -> bool:
    """Whether the person wrote from the web chat and ended that session ("Akhiri"): what is
    queued to them now is collected by no browser."""
    return person is not None and person.channel == "web" and webchat.ended(unit, person.address)


def relay_sent(unit: "Unit", person: "Complainant | None", label: str) -> str:
    """The confirmation of /balas or /kabar after `label` ("balasan kepada pelapor") on a
    complaint the group reads openly: "… dikirim", or, when the person's web chat session has
    ended, that it is kept and read with the status check (which shows the officers' latest
    message about the complaint). A concealed one reads `held_kept`."""
    if not web_session_ended(unit, person):
        return f"{label} dikirim"
    return (f"{label} disimpan, tetapi sesi chat web pelapor sudah diakhiri; pesan dapat "
            f"dibaca pelapor saat cek status dengan nomor tiket dan PIN")


def held_kept(label: str) -> str:
    """The confirmation of /balas or /kabar on a complaint the group reads concealed, whether
    the message reaches the person now or not: one wording, true of a live chat, an ended web
    session and a chat that takes no messages (the status check shows it; on WhatsApp,
    Telegram and SMS it goes again when they write). Two wordings told the group the channel
    that "Kanal: Dirahasiakan" hides; "dikirim" beside "disimpan" told it the moment the
    person's web session ended, which the same person's named complaint, ended at that
    moment, tied to it."""
    return (f"{label} diteruskan; bila pelapor belum dapat dihubungi lewat kanalnya, pesan ini "
            f"dibacanya saat ia menulis lagi kepada bot atau cek status dengan nomor tiket "
            f"dan PIN")


def relay_answer(unit: "Unit", complaint: "Complaint", label: str, now: dt.datetime, *,
                 held: bool) -> str:
    """The confirmation of /balas or /kabar on `complaint` (`held`: read concealed by the
    group): reachability judged from the messages about that complaint only."""
    if held:
        return held_kept(label)
    person = complaint.complainant
    kept = kept_until_written(person, label, now, complaint_rows(unit, person, complaint))
    return kept or relay_sent(unit, person, label)


def kept_until_written(person: "Complainant | None", label: str, now: dt.datetime,
                       rows: "list[OutboxItem]") -> str | None:
    """The confirmation of /balas or /kabar when the person's chat is known to take no
    messages (`unreachable`, judged from `rows`): kept, and sent when they next write.
    "Dikirim", then the worker's "Pesan tidak terkirim" moments later, contradicted itself.
    Neither the channel nor the provider's error is named: the group may read this of a
    concealed complaint."""
    if not unreachable(person, rows, now):
        return None
    return (f"{label} disimpan: pelapor belum dapat dihubungi (pesan sebelumnya kepadanya "
            f"tidak terkirim); pesan ini terkirim begitu ia menulis lagi kepada bot (dalam "
            f"{RESEND_WITHIN.days} hari)")


def unreachable(person: "Complainant | None", rows: "list[OutboxItem]",
                now: dt.datetime) -> bool:
    """Whether `rows` (messages to the person the group may already tie to the handle used)
    show that their chat takes no messages: the latest one the provider answered was given up
    as undeliverable (blocked bot, WhatsApp out of reach, SMS opt-out) within
    `RESEND_WITHIN`, nothing delivered since. On these channels such messages go again when
    the person writes (`RESENT_KINDS`). Every row to the address was read once: a /balas on an
    anonymous ticket said "pesan sebelumnya tidak terkirim" right after the group read the
    failure of the same person's named ticket, and tied the two."""
    if person is None or person.channel not in DELAYED_CHANNELS:
        return False
    answered = [row for row in rows if row.status in ANSWERED]
    return bool(answered) and answered[-1].status == "undeliverable" and \
        answered[-1].created_at >= now - RESEND_WITHIN


def _to_chat(unit: "Unit", person: "Complainant | None") -> "list[OutboxItem]":
    if person is None:
        return []
    return unit.outbox_items(channel=person.channel, address=person.address)


def complaint_rows(unit: "Unit", person: "Complainant | None",
                   complaint: "Complaint") -> "list[OutboxItem]":
    """The messages to the person about this complaint."""
    return [row for row in _to_chat(unit, person) if row.complaint_id == complaint.id]


def talk_rows(unit: "Unit", person: "Complainant") -> "list[OutboxItem]":
    """The messages to the person a /pesan (by a T- or R-code) may be judged by: those of that
    talk (about no complaint, since it opened)."""
    rows = _to_chat(unit, person)
    live = unit.live_contact_request(person.id)
    return [row for row in rows if row.complaint_id is None and live is not None
            and row.created_at >= live.opened_at]


PRIVATE_HINT = "Percakapan khusus pimpinan memakai kode R-…; lihat /permintaan."


def closed_here(code: str, private: bool = False) -> str:
    """The one answer to /pesan and /tutup, from the group's view, on any person but one whose
    talk is live in the group: no talk, a closed one, one only the leaders answer, an officer
    kept away, a code nobody has. One text, so that it tells nothing the group did not read.
    A leader in a private chat reads it too, for a code nobody has and a person he is kept
    away from ("Pelapor P-N tidak ditemukan" was untrue of a code he had read in a notice),
    and /tutup on a talk already closed. In a private chat, whoever reads it, it adds where a
    leaders' talk is found (`PRIVATE_HINT`): a leader is already where such talks are
    answered, and the code he typed is not theirs. Still the same for every code."""
    code = code.upper()
    return (f"Tidak ada percakapan terbuka dengan {code} yang dapat ditangani di sini (yang "
            "terbuka: /permintaan). Percakapan yang sudah ditutup, dan yang khusus Kasi Tikkim "
            "dan Kepala Kantor, dibalas mereka di chat pribadi dengan bot."
            + (f" {PRIVATE_HINT}" if private else ""))


def answerable(desk: "DeskContext", unit: "Unit", officer: "Officer", request: OfficerRequest,
               code: str) -> "Complainant":
    """The person an officer may write to (or close the talk of) by `code`: T-N, a live talk
    the group reads under that code (`by_open_code`), or R-N, a talk only the leaders answer
    (`requests.leaders_talk`: Kasi Tikkim and the Kepala Kantor in a private chat); P-N, a
    person's id, reads as a code nobody has (`refuse_person_code`). Every refusal reads
    `closed_here`, the answer for a code nobody has (the log keeps the reason)."""
    if OPEN_CODE.match(code):
        return by_open_code(desk, unit, officer, request, code)
    talk = TALK_CODE.match(code)
    if talk is not None:
        person, why = leaders_talk(desk, unit, officer, request, int(talk.group(1)))
        if person is None:
            raise Refused(closed_here(code, request.private),
                          detail=f"{code.upper()}: {why}")
        return person
    refuse_person_code(closed_here(code, request.private), code)


def refuse_person_code(absent: str, code: str) -> NoReturn:
    """Refused with `absent` (the answer for a code nobody has), for everyone, wherever typed:
    the group reads every talk under a code of its own (T-N, a ticket: `notify.group_code`),
    never a person's P-code. Refused, as it was, only for a person with a confidential or
    anonymous complaint, the P-code told which people had one."""
    raise Refused(absent, detail=f"{code.upper()}: {BY_OWN_CODE}")


# The log's reason (never shown) for refusing a P-code: talks are answered by their own codes
# (`notify.group_code`).
BY_OWN_CODE = "kode pelapor tidak dipakai: hanya dengan kode T-, R- atau tiket"


def by_open_code(desk: "DeskContext", unit: "Unit", officer: "Officer",
                 request: OfficerRequest, code: str) -> "Complainant":
    """The person behind T-N (`notify.open_code`) while that very request is live and is the
    one the group reads under that code (or, for Kasi Tikkim and the Kepala Kantor in a private
    chat, was their last: `reopens`); else refused as a code nobody has."""
    request_id = open_request_id(code)
    found = contacts.by_id(unit.session, request_id) if request_id is not None else None
    person = unit.complainant_by_id(found.complainant_id) if found is not None else None
    if found is not None and found.status == "closed" and not group_view(officer, request):
        return reopens(desk, unit, officer, request, code, found, person)
    live, why = group_talk(desk, unit, officer, person)
    if live is None or found is None or live.id != found.id:
        raise Refused(closed_here(code, request.private),
                      detail=f"{code.upper()}: {why or 'permintaan tidak terbuka'}")
    if group_code(unit, live.complainant_id, live) != open_code(live.id):
        raise Refused(closed_here(code, request.private),
                      detail=f"{code.upper()}: dibaca dengan kode lain")
    assert person is not None
    return person


def reopens(desk: "DeskContext", unit: "Unit", officer: "Officer", request: OfficerRequest,
            code: str, closed: "ContactRequest", person: "Complainant | None") -> "Complainant":
    """The person whose closed talk T-N a leader answers in a private chat (the answer opens
    a talk again, so their reply has somewhere to go): only their last talk, read in the group
    under that code, with no talk live since; never a talk only the leaders answer (that one
    answers to its R-code) nor a person with a complaint the leader is kept away from. Every
    refusal reads as a code nobody has (the log keeps why)."""
    why = None
    complaints = unit.complaints_of(person.id, limit=50) if person is not None else []
    if person is None or unit.live_contact_request(person.id) is not None \
            or contacts.latest(unit.session, person.id) is not closed:
        why = "bukan percakapan terakhir pelapor"
    elif kept_away(desk, unit, officer, complaints):
        why = CONFLICT
    elif desk.notifier.talk_for_leaders(unit, complaints, person.id):
        why = LEADERS_BY_R
    elif group_code(unit, person.id, closed) != open_code(closed.id):
        why = "dibaca dengan kode lain"
    if why is not None:
        raise Refused(closed_here(code, request.private), detail=f"{code.upper()}: {why}")
    assert person is not None
    return person


def by_ticket(desk: "DeskContext", unit: "Unit", officer: "Officer", request: OfficerRequest,
              ticket: str) -> "Complainant":
    """The person whose live talk the group reads under `ticket` (`notify.group_code`: the
    answer to a /balas on a complaint not filed by name), for /tutup TIKET; any other ticket
    reads as a code nobody has: a /tutup on an anonymous ticket must not find and close a talk
    the same person opened under a T-code."""
    complaint = unit.complaint_by_ticket(ticket, history=False)
    person = complaint.complainant if complaint is not None else None
    live, why = group_talk(desk, unit, officer, person)
    if live is None or person is None or group_code(unit, person.id, live) != ticket:
        raise Refused(closed_here(ticket, request.private),
                      detail=f"{ticket}: {why or 'bukan percakapan tiket ini'}")
    return person


def open_for_reply(unit: "Unit", officer: "Officer", person: "Complainant | None",
                   now: dt.datetime, complaint: "Complaint") -> bool:
    """An officer's reply on a ticket (/balas) often asks something: as after /pesan, the
    person's answer goes to the officers (unless they are writing a complaint), through a
    talk-to-officer request recorded as answered. True when it will. `complaint`: the one
    replied on, kept with a request the reply opens."""
    if person is None or person.channel not in PUSH_CHANNELS:
        return False
    if not officer_chat.resume_after_answer(unit, person, now):
        return False
    if unit.live_contact_request(person.id) is None:
        opened, _ = unit.ask_for_officer(person.id, person.channel, now)
        # the answer comes back under the reply's ticket (`notify.asked_on`)
        contacts.opened_by_reply(opened, complaint.id)
    unit.answer_contact_request(person.id, str(officer.telegram_id), now)
    pings.served(unit, person.id, officer.telegram_id, now)
    return True


def close(desk: "DeskContext", unit: "Unit", officer: "Officer", request: OfficerRequest,
          now: dt.datetime) -> DeskAnswer:
    """`/tutup T-1234567` or `/tutup TIKET` (or `/tutup R-7`, a talk only the leaders
    answer): the person's talk-to-officer request is done (their next one is new)."""
    check_role(officer, "message")
    typed = request.args.strip()
    match = PERSON_CODE.match(typed) or TALK_CODE.match(typed) or OPEN_CODE.match(typed)
    # a ticket: the talk the group reads under it (the answer to a /balas, `notify.group_code`)
    ticket = None if match else find_ticket(typed, desk.config.office.code)
    if ticket is None and not match:
        raise Refused(usage("close_request"))
    code = ticket or f"{typed[0].upper()}-{match.group(1)}"
    # a closed talk, a code nobody has and a person kept from the officer read alike
    absent = closed_here(code, request.private)
    person = by_ticket(desk, unit, officer, request, code) if ticket \
        else answerable(desk, unit, officer, request, code)
    live = unit.live_contact_request(person.id)
    # R-N closes that talk only: a closed one reads as any closed talk, and another talk of the
    # person live meanwhile is not the one meant
    talk = TALK_CODE.match(code)
    if live is None or (talk is not None and live.id != int(talk.group(1))):
        raise Refused(absent, detail=f"{code}: percakapan ini tidak terbuka")
    # told while the talk is live: the notice names the code they were given and who answers
    # (`notify.talk_handle`); closed first, it had no code to name
    desk.notifier.chat_closed(unit, person, now)
    unit.close_contact_requests(person.id, now)
    pings.served(unit, person.id, officer.telegram_id, now)
    # they leave the officers' chat
    officer_chat.closed_by_officer(unit, person, now)
    return DeskAnswer(True, Rich().t(f"✅ Permintaan {code} ditutup."),
                      toast="ditutup", log_detail=f"Permintaan {code} ditutup")


def waited(delta: dt.timedelta) -> str:
    """A wall-clock wait as people say it: 'kurang dari 1 menit', '25 menit', '3 jam 10 menit',
    '2 hari 4 jam'."""
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{days} hari"] if days else []
    if hours:
        parts.append(f"{hours} jam")
    if mins and not days:
        parts.append(f"{mins} menit")
    return " ".join(parts) or "kurang dari 1 menit"


def listing(desk: "DeskContext", unit: "Unit", officer: "Officer", request: OfficerRequest,
            now: dt.datetime) -> DeskAnswer:
    """`/permintaan`: the talk-to-officer requests still live, the unanswered first (longest
    waiting first). Codes, channels and times only: no name, number or ticket, so it can be
    shown in the group like the request's own notice.

    From the group's view (`group_view`) a talk only the leaders answer is not listed at all,
    whoever asks, nor hinted at by a footer: such a talk leaves the list as an ended one does.
    A line for it ("khusus Kasi Tikkim dan Kepala Kantor…, sudah dijawab") appeared on the day
    a talk the group had read openly turned to the leaders, and told the group that this
    person had since reported something. Leaving a talk the group reads out for an officer
    kept away from one of the person's complaints would tell him (and, in the group,
    everyone) who reported him: a talk of a person with such a complaint is the leaders'
    (`Notifier.talk_for_leaders`), so it is left out for everyone alike. Kasi Tikkim and the
    Kepala Kantor in a private chat read every live talk with its code, but those of a person
    with a complaint they are kept away from, and, before its slot, of a person whose talk
    they read only from an anonymous complaint's slot (`bot.notify.talk_slot`: the list
    would tell them of it at the minute); a talk only they answer under its own code
    (`bot.notify.talk_code`, R-N), never the code the group read for an earlier talk."""
    check_role(officer, "message")
    # all live talks (few): the rows hidden from the group must not take places in the list
    found = unit.live_contact_requests(limit=LISTED * 20)
    leader_here = not group_view(officer, request)
    rows = []
    for contact, last, relayed in found:
        complaints = unit.complaints_of(contact.complainant_id, limit=50)
        leaders = desk.notifier.talk_for_leaders(unit, complaints, contact.complainant_id)
        if leaders and (not leader_here or kept_away(desk, unit, officer, complaints)
                        or talk_slot(unit, desk.config, contact.complainant_id, complaints,
                                     now=now)):
            continue     # (nor, before the slot, a talk the leaders read only from it)
        code = talk_code(contact.id) if leaders else group_code(unit, contact.complainant_id,
                                                                  contact)
        # the channel beside a talk the group reads would undo an anonymous complaint's
        # "Kanal: Dirahasiakan": beside a leaders' R-code only (read in a private chat)
        rows.append((contact, last, relayed, code, leaders))
        if len(rows) > LISTED:
            break
    # a talk a /balas opened is no one's wish to talk: listed apart, under its ticket
    replies = [row for row in rows[:LISTED] if by_reply(row[0])]
    rows = [row for row in rows if not by_reply(row[0])]
    rich = Rich()
    if not rows:
        rich.t("🙋 Tidak ada permintaan bicara dengan petugas yang masih terbuka.\n")
    else:
        waiting = sum(1 for r, *_ in rows[:LISTED] if r.status == "open")
        rich.b("🙋 Permintaan bicara dengan petugas").t(
            f" ({waiting} menunggu jawaban)\n" if waiting else " (semua sudah dijawab)\n")
    for contact, last, relayed, code, with_channel in rows[:LISTED]:
        _line(desk, rich, contact, last, relayed, code, with_channel, now)
    if replies:
        rich.b("↩️ Jawaban atas /balas").t(" (pelapor tidak meminta bicara; masih diteruskan)\n")
    for contact, last, relayed, code, with_channel in replies:
        _line(desk, rich, contact, last, relayed, code, with_channel, now)
    if len(rows) > LISTED:
        rich.i(f"Hanya {LISTED} yang ditampilkan.\n")
    if not rows and not replies:
        return DeskAnswer(True, rich)
    codes = [code for _, _, _, code, _ in rows[:LISTED] + replies]
    if any(code.startswith("R-") for code in codes):
        return DeskAnswer(True, rich.i("Balas: /pesan KODE teks · selesai: /tutup KODE (R-…: "
                                       "khusus Kasi Tikkim dan Kepala Kantor)"))
    if any(not code.startswith("T-") for code in codes):
        return DeskAnswer(True, rich.i("Balas: /pesan KODE teks (tiket: /balas TIKET teks) · "
                                       "selesai: /tutup KODE atau /tutup TIKET"))
    return DeskAnswer(True, rich.i("Balas: /pesan KODE teks · selesai: /tutup KODE"))


def by_reply(contact: "ContactRequest") -> bool:
    """Whether an officer's /balas opened the talk (`open_for_reply`, `contacts.opened_by_reply`)
    rather than the person asking: the person may have answered it, but asked for no one.
    Requests from before this was kept (NULL) read as the person's."""
    return contact.asked_on_id is not None and contact.asked_on_id != contacts.ASKED_ON_NONE


def _line(desk: "DeskContext", rich: Rich, contact: "ContactRequest", last: dt.datetime | None,
          relayed: int, code: str, with_channel: bool, now: dt.datetime) -> None:
    """One live talk in `/permintaan`: its code, channel beside an R-code only, how long it has
    waited or who answered, and the person's messages since."""
    channel = CHANNEL_LABEL.get(contact.channel, contact.channel)
    rich.t("• ").code(code).t(f" · {channel} · " if with_channel else " · ")
    if contact.status == "open":
        rich.t(f"menunggu {waited(now - contact.opened_at)} (sejak "
               f"{local_time(desk.config, contact.opened_at)})")
        if contact.asks > 1:
            rich.t(f", meminta {contact.asks}×")
    else:
        by = desk.config.officer(contact.answered_by)
        rich.t("dijawab" + (f" oleh {by.name}" if by is not None else ""))
        if contact.answered_at is not None:
            rich.t(f" ({local_time(desk.config, contact.answered_at)})")
    if relayed and last is not None:
        rich.t(f"; {relayed} pesan dari pelapor, terakhir {waited(now - last)} lalu")
    rich.nl()
