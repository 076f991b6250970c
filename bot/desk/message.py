"""`/pesan P-123 teks`: an officer answers someone who asked to talk to an officer."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from bot.conversation import officer as officer_chat
from bot.desk.requests import DeskAnswer, DeskContext, OfficerRequest
from bot.desk.views import usage
from bot.dates import local_time
from bot.desk.privacy import CONFLICT
from bot.notify import CHANNEL_LABEL, LEADERS, PUSH_CHANNELS
from bot.rich import Rich
from bot.sop.workflow import Refused, check_role
from storage import webchat

if TYPE_CHECKING:
    from bot.config import Officer
    from storage.models import Complainant, Complaint
    from storage.repo import Unit

_CODE = re.compile(r"^[Pp]-?(\d{1,12})$")
LISTED = 30       # requests shown by /permintaan


def handle(desk: "DeskContext", unit: "Unit", officer: "Officer", request: OfficerRequest,
           now: dt.datetime) -> DeskAnswer:
    """Send the text to the complainant P-<id> on their channel; refused with the usage."""
    check_role(officer, "message")
    code, _, text = request.args.strip().partition(" ")
    match = _CODE.match(code)
    if not match or not text.strip():
        raise Refused(usage("message"))
    person = unit.complainant_by_id(int(match.group(1)))
    absent = not_found(code)
    if person is None:
        raise Refused(absent)
    check_may_answer(desk, unit, officer, request, person, absent)
    # the person's reply reaches the officers (unless they are writing a complaint); an
    # answer after the request was closed opens it again, so that reply has somewhere to go
    if person.channel not in PUSH_CHANNELS:
        raise Refused("Pelapor ini tidak dapat dihubungi lewat kanalnya.")
    if unit.live_contact_request(person.id) is None:
        unit.ask_for_officer(person.id, person.channel, now)
    in_chat = officer_chat.resume_after_answer(unit, person, now)
    desk.notifier.message_person(unit, person, now, text.strip(), reply_here=in_chat)
    answered = unit.answer_contact_request(person.id, str(officer.telegram_id), now)
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
    return DeskAnswer(True, Rich().t(f"✅ Pesan untuk {code.upper()} dikirim.{note}"),
                      toast="pesan dikirim", log_detail=f"Pesan kepada {code.upper()}: {text}")


def web_session_ended(unit: "Unit", person: "Complainant | None") -> bool:
    """Whether the person wrote from the web chat and ended that session ("Akhiri"): what is
    queued to them now is collected by no browser."""
    return person is not None and person.channel == "web" and webchat.ended(unit, person.address)


def relay_sent(unit: "Unit", person: "Complainant | None", label: str, *,
               sensitive: bool) -> str:
    """The confirmation of /balas or /kabar after `label` ("balasan kepada pelapor"): "…
    dikirim", or, when the person's web chat session has ended, that it is kept and read with
    the status check (which shows the officers' latest message about the complaint). For a
    sensitive complaint the channel is not named (its alert leaves it out as well)."""
    if not web_session_ended(unit, person):
        return f"{label} dikirim"
    where = "pelapor tidak lagi terhubung lewat kanalnya" if sensitive else \
        "sesi chat web pelapor sudah diakhiri"
    return (f"{label} disimpan, tetapi {where}; pesan dapat dibaca pelapor saat cek status "
            f"dengan nomor tiket dan PIN")


def not_found(code: str) -> str:
    """/pesan to a person the bot does not know; an officer kept away from the person reads
    the same words (`check_may_answer`)."""
    return f"Pelapor {code.upper()} tidak ditemukan."


def check_may_answer(desk: "DeskContext", unit: "Unit", officer: "Officer",
                     request: OfficerRequest, person: "Complainant", absent: str) -> None:
    """Refused for an officer kept away from one of the person's complaints (the officer
    reported must not reach the person who reported them) with `absent`, word for word what
    the command answers for a code nobody has: a refusal of its own ("no access") would tell
    him that this person, who wrote at that time on that channel, is the one who reported
    him. The log keeps the real reason. And, when the talk is for the
    leaders only (a sensitive complaint, a levy or an officer's conduct reported, in this talk
    or an earlier one, live or closed), for anyone but Kasi Tikkim and the Kepala Kantor, and
    anywhere but a private chat: the others never read what the person wrote, and an answer
    after a close would open the talk again."""
    complaints = unit.complaints_of(person.id, limit=50)
    code = f"P-{person.id}"
    if kept_away(desk, unit, officer, complaints):
        raise Refused(absent, detail=f"{code}: {CONFLICT}")
    if not desk.notifier.talk_for_leaders(unit, complaints, person.id):
        return
    if officer.role not in LEADERS:
        # no reason given: "a levy reported" would tell an officer in the group, who read
        # the start of this talk, what the person reported after
        raise Refused(f"Percakapan {code} dilanjutkan oleh Kasi Tikkim dan Kepala Kantor: "
                      "merekalah yang membalas.")
    if not request.private:
        raise Refused(f"Percakapan {code} dibalas di chat pribadi dengan bot (isinya tidak "
                      "dibahas di grup).")


def open_for_reply(unit: "Unit", officer: "Officer", person: "Complainant | None",
                   now: dt.datetime) -> bool:
    """An officer's reply on a ticket (/balas) often asks something: as after /pesan, the
    person's answer goes to the officers (unless they are writing a complaint), through a
    talk-to-officer request recorded as answered. True when it will."""
    if person is None or person.channel not in PUSH_CHANNELS:
        return False
    if not officer_chat.resume_after_answer(unit, person, now):
        return False
    if unit.live_contact_request(person.id) is None:
        unit.ask_for_officer(person.id, person.channel, now)
    unit.answer_contact_request(person.id, str(officer.telegram_id), now)
    return True


def kept_away(desk: "DeskContext", unit: "Unit", officer: "Officer",
              complaints: "list[Complaint]") -> bool:
    """Whether the officer is kept away from any of a person's complaints."""
    return str(officer.telegram_id) in desk.notifier.kept_away(unit, complaints)


def close(desk: "DeskContext", unit: "Unit", officer: "Officer", request: OfficerRequest,
          now: dt.datetime) -> DeskAnswer:
    """`/tutup P-123`: the person's talk-to-officer request is done (their next one is new)."""
    check_role(officer, "message")
    match = _CODE.match(request.args.strip())
    if not match:
        raise Refused(usage("close_request"))
    person = unit.complainant_by_id(int(match.group(1)))
    absent = f"Tidak ada permintaan terbuka dari P-{match.group(1)}."
    if person is not None:
        check_may_answer(desk, unit, officer, request, person, absent)
    closed = unit.close_contact_requests(int(match.group(1)), now)
    if not closed:
        raise Refused(absent)
    if person is not None:            # they are told, and leave the officers' chat
        officer_chat.closed_by_officer(unit, person, now)
        desk.notifier.chat_closed(unit, person, now)
    return DeskAnswer(True, Rich().t(f"✅ Permintaan P-{match.group(1)} ditutup."),
                      toast="ditutup", log_detail=f"Permintaan P-{match.group(1)} ditutup")


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

    A person's talks are left out for an officer kept away from one of their complaints
    (whatever the chat: he must not learn that this person is the one who reported him). A
    talk only the leaders answer is, for anyone but a leader in a private chat, one line
    saying it exists: no code (it would tie the talk to the person's earlier, open ones), no
    channel, time or count (they narrow down who wrote, and the officer reported may be
    reading), and no invitation to answer it."""
    check_role(officer, "message")
    found = unit.live_contact_requests(limit=LISTED + 1)
    rows = []
    for contact, last, relayed in found[:LISTED]:
        complaints = unit.complaints_of(contact.complainant_id, limit=50)
        if kept_away(desk, unit, officer, complaints):
            continue
        closed = desk.notifier.talk_for_leaders(unit, complaints, contact.complainant_id) \
            and not (request.private and officer.role in LEADERS)
        rows.append((contact, last, relayed, closed))
    if not rows:
        return DeskAnswer(True, Rich().t("🙋 Tidak ada permintaan bicara dengan petugas yang "
                                         "masih terbuka."))
    waiting = sum(1 for r, _, _, _ in rows if r.status == "open")
    rich = Rich().b("🙋 Permintaan bicara dengan petugas").t(
        f" ({waiting} menunggu jawaban)\n" if waiting else " (semua sudah dijawab)\n")
    for contact, last, relayed, closed in rows:
        code = f"P-{contact.complainant_id}"
        if closed:
            # no code: it would tie this report of a levy or an officer to the person's
            # earlier, open talks the group read
            rich.t("• khusus Kasi Tikkim dan Kepala Kantor (dibalas di chat pribadi), "
                   + ("menunggu jawaban" if contact.status == "open" else "sudah dijawab"))
            rich.nl()
            continue
        channel = CHANNEL_LABEL.get(contact.channel, contact.channel)
        rich.t("• ").code(code).t(f" · {channel} · ")
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
    if len(found) > LISTED:
        rich.i(f"Hanya {LISTED} yang ditampilkan.\n")
    if all(closed for *_, closed in rows):
        return DeskAnswer(True, rich.i("Dibalas Kasi Tikkim atau Kepala Kantor di chat pribadi "
                                       "dengan bot."))
    rich.i("Balas: /pesan P-NOMOR teks · selesai: /tutup P-NOMOR")
    if any(closed for *_, closed in rows):
        rich.i(" (kecuali yang khusus Kasi Tikkim dan Kepala Kantor)")
    return DeskAnswer(True, rich)
