"""Evidence kept and viewable: `/bukti TIKET`, and what becomes of each download of it."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Sequence

from bot.channels import CHANNEL_LABELS
from bot.desk.message import by_open_code, refuse_person_code
from bot.desk.views import STATUS
from bot.desk.requests import (PERSON_CODE, TALK_CODE, DeskAnswer, DeskContext, OfficerRequest,
                               group_view, leaders_talk)
from bot.notify import OPEN_CODE, group_code
from bot.paperwork.metadata import without_metadata
from bot.paperwork.outfiles import OutFile, enqueue_files
from bot.rich import Rich
from bot import identity
from bot.identity import Mode
from bot.sop.workflow import Refused, check_action, check_role

if TYPE_CHECKING:
    from bot.config import Officer
    from bot.notify import Notifier
    from storage.files import Blob
    from storage.models import Attachment, Complaint, ContactRequest
    from storage.repo import Unit

EXTENSION = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif",
             "application/pdf": "pdf", "video/mp4": "mp4", "audio/ogg": "ogg",
             "text/plain": "txt"}


def show(desk: DeskContext, unit: "Unit", officer: "Officer", req: OfficerRequest,
         complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
    """Send the complaint's kept evidence, as the original files, to the officer privately.

    Who may see the complaint was checked by the desk before this runs (roster, section)."""
    check_action(officer, "evidence", complaint.stage)
    items = [*unit.attachments_of(complaint.id), *_answered_on(unit, complaint)]
    if not items:
        return DeskAnswer(True, Rich().t(f"📎 {complaint.ticket}: tidak ada bukti terlampir."),
                          toast="tidak ada bukti")
    clean = not identity.may_see_identity(complaint, identity.private_chat(officer))
    # the originals of a concealed or sensitive complaint, to a leader who may know the sender:
    # their metadata (a photo's place, the phone) can single the sender out
    concealed = identity.mode_of(complaint) is not Mode.NAMED or desk.notifier.sensitive(complaint)
    return _send(desk, unit, officer, req, items, complaint.ticket, "Bukti", now, complaint.id,
                 clean, protect=concealed and not clean)


def _answered_on(unit: "Unit", complaint: "Complaint") -> list["Attachment"]:
    """The files of the live talk the group reads under this complaint's ticket (the answer to
    a /balas on a complaint not filed by name, `notify.group_code`), as its relays carried
    them: the relay says "/bukti TIKET", and nothing else opens them."""
    person_id = complaint.complainant_id
    live = unit.live_contact_request(person_id) if person_id else None
    if live is None or group_code(unit, person_id, live) != complaint.ticket:
        return []
    return _in_group(unit, person_id, live)


def show_relayed(desk: DeskContext, unit: "Unit", officer: "Officer", req: OfficerRequest,
                 now: dt.datetime) -> DeskAnswer:
    """`/bukti T-4821`: the files someone sent while talking to the officers, to the officer
    privately.

    From the group's view (anyone but Kasi Tikkim and the Kepala Kantor in a private chat:
    `requests.group_view`) only the files of a talk live in the group (`requests.group_talk`)
    that were relayed to the group, each as a copy without metadata (a photo's location and
    phone), whoever sent them; every other case (no such file, a closed talk, one only the
    leaders answer, an officer kept away, a code nobody has) reads one answer,
    `none_here`. A refusal of its own ("only for the leaders: identity kept, sensitive, or a
    levy reported") would tell a petugas who once read this code beside a name what the person
    has reported since.

    `/bukti T-4821` opens the files of the live talk the group reads under that code
    (`_open_talk_files`). `/bukti R-7`, the code of a talk only the leaders answer
    (`bot.notify.talk_code`), opens that talk's files for Kasi Tikkim and the Kepala Kantor in
    a private chat, once closed too, when that request was the leaders' (`leaders_talk`:
    decided by the request, never by the person's state now), never when kept away from one
    of the person's complaints; anyone else reads `none_here`. A person's P-code opens
    nothing, for anyone, answered as for a code nobody has (`message.refuse_person_code`): the
    group reads every talk under a code of its own, and a P-code refused only for a person
    with a concealed complaint told who had one."""
    typed = req.args.strip().split(" ", 1)[0]
    talk, opened = TALK_CODE.match(typed), OPEN_CODE.match(typed)
    found = PERSON_CODE.match(typed) or talk or opened
    if found is None:
        raise Refused("Cara pakai: /bukti T-NOMOR atau R-NOMOR (lampiran percakapan), "
                      "/bukti TIKET (bukti pengaduan)")
    check_role(officer, "message")
    code = f"{typed[0].upper()}-{found.group(1)}"
    if opened is not None:
        return _open_talk_files(desk, unit, officer, req, code, now)
    if talk is not None:
        person, why = leaders_talk(desk, unit, officer, req, int(talk.group(1)))
        if person is None:
            raise Refused(none_here(code), detail=f"{code}: {why}")
        complaints = unit.complaints_of(person.id, limit=50)
        # that talk's files only, and only those the leaders alone were sent: under R-N, the
        # files of the person's earlier talks (a named one's documents), or those the group
        # read under T-N before the talk turned to the leaders, would tie for a leader (who
        # reads the group too) that talk, and who filed their anonymous complaint, to this one
        told = {relay.message_id for relay in unit.contact_relays(int(talk.group(1)))
                if relay.outbox_id is None}
        items = [a for a in unit.relayed_attachments(person.id) if a.message_id in told]
        return _leaders_files(desk, unit, officer, req, person.id, complaints, code, now,
                              items)
    # a person's P-code opens nothing, for anyone: talks go by their own codes
    refuse_person_code(none_here(code), code)


def _in_group(unit: "Unit", person_id: int,
              live: "ContactRequest | None") -> list["Attachment"]:
    """The files of the person's live talk that the group's relay messages carried."""
    shown = set() if live is None else {
        relay.message_id for relay in unit.contact_relays(live.id)
        if relay.outbox_id is not None}
    return [a for a in unit.relayed_attachments(person_id) if a.message_id in shown]


def _open_talk_files(desk: DeskContext, unit: "Unit", officer: "Officer", req: OfficerRequest,
                     code: str, now: dt.datetime) -> DeskAnswer:
    """`/bukti T-4821`: the files of the live talk the group reads under that code
    (`message.by_open_code`), those its relay messages carried, for anyone; else `none_here`.
    Only that talk's: a leader reading under T-N the files of the person's earlier talks (a
    named one's documents) would learn who filed their anonymous complaint. A copy without
    metadata to any reader who may not know who sent them (from the group's view, anyone)."""
    try:
        person = by_open_code(desk, unit, officer, req, code)
    except Refused as refused:
        raise Refused(none_here(code), detail=refused.detail) from None
    items = _in_group(unit, person.id, unit.live_contact_request(person.id))
    if not items:
        raise Refused(none_here(code), detail=f"{code}: tidak ada lampiran")
    complaints = unit.complaints_of(person.id, limit=50)
    # without a complaint, nothing says who may know the sender (as `_leaders_files`)
    clean = group_view(officer, req) or not complaints or any(
        not identity.may_see_identity(c, identity.private_chat(officer)) for c in complaints)
    # the originals of a person with a complaint not filed by name, to a leader who may know
    # them: as `_leaders_files`
    return _send(desk, unit, officer, req, items, code, "Lampiran", now, None, clean,
                 protect=not clean)


def _leaders_files(desk: DeskContext, unit: "Unit", officer: "Officer", req: OfficerRequest,
                   person_id: int, complaints: Sequence["Complaint"], code: str,
                   now: dt.datetime, items: Sequence["Attachment"] | None = None
                   ) -> DeskAnswer:
    """Every file the person sent while talking to the officers (or `items`, one talk's), to a
    leader in a private chat who is not kept away from any of their complaints."""
    items = unit.relayed_attachments(person_id) if items is None else items
    if not items:
        return DeskAnswer(True, Rich().t(f"📎 {code}: tidak ada lampiran dari pelapor ini."),
                          toast="tidak ada lampiran")
    # without a complaint, nothing says who may know the sender: the copies go without metadata
    clean = not complaints or any(
        not identity.may_see_identity(c, identity.private_chat(officer)) for c in complaints)
    protected = any(identity.mode_of(c) is not Mode.NAMED or desk.notifier.sensitive(c)
                    for c in complaints)
    leaders_only = protected or desk.notifier.talk_for_leaders(unit, complaints, person_id)
    return _send(desk, unit, officer, req, items, code, "Lampiran", now, None, clean,
                 protect=leaders_only and not clean)


def none_here(code: str) -> str:
    """/bukti KODE from the group's view on anything but a file of a talk live in the group
    (`show_relayed`): one text for every case."""
    return (f"Tidak ada lampiran dari {code} yang dapat dibuka di sini: hanya lampiran "
            "percakapan yang masih terbuka di grup (lihat /permintaan). Lampiran lainnya "
            "dibuka Kasi Tikkim dan Kepala Kantor di chat pribadi dengan bot.")


KEPT_ORIGINAL = ("berkas asli disimpan; hanya Kasi Tikkim dan Kepala Kantor yang dapat "
                 "membukanya, di chat pribadi dengan bot")


def _send(desk: DeskContext, unit: "Unit", officer: "Officer", req: OfficerRequest,
          items: Sequence["Attachment"], label: str, noun: str, now: dt.datetime,
          complaint_id: int | None, clean: bool = False, protect: bool = False) -> DeskAnswer:
    """The stored files as documents (to the officer's private chat when asked in the group)
    and a line on those not sent. With `clean` (a reader who may not know who sent
    them) each goes as a copy without its metadata (a photo's location and phone, a PDF's
    author), captioned without the original's SHA-256 or size (a value the same in every
    complaint and talk the file is in). A reader who may know the sender reads the original's
    size and SHA-256, as kept in the file store. With `protect`
    (originals of a concealed sender, to a leader) Telegram lets them be neither forwarded nor
    saved.

    A file no copy without metadata can be made of (a damaged or unusual file) goes to Kasi
    Tikkim and the Kepala Kantor in a private chat as the original, protected and without its
    hash; anyone else reads `KEPT_ORIGINAL`, one wording whatever the file and the complaint
    (the reader already knows the sender is kept from them). "Belum tersedia" is said only of
    a file still being downloaded; one that failed or was too large "tidak tersedia"."""
    leader_here = not group_view(officer, req)
    files, kept, waiting, lost = [], [], [], []
    for number, item in enumerate(items, start=1):
        if item.fetch_status == "stored" and item.stored_path and item.sha256:
            ext = EXTENSION.get(item.content_type or "", "bin")
            caption = f"{noun} {number}/{len(items)} {label} · {item.content_type}"
            copy = clean and _cleanable(desk, item)
            if clean and not copy and not leader_here:
                kept.append(str(number))
                continue
            if copy:
                # no hash, nor the original's size: the same photo in an anonymous complaint
                # and a named one (or a talk) would read the same value, searchable in the chat
                caption += (" · salinan tanpa metadata lokasi, perangkat, dan penulis (berkas "
                            "aslinya tetap tersimpan)")
            elif clean:
                # the original, to a leader: no value that would tie it to another copy
                caption += (" · berkas asli (salinan tanpa metadata tidak dapat dibuat); "
                            "metadatanya dapat mengungkap pengirim: jangan diteruskan")
            else:
                caption += f" · {(item.size or 0) / 1024:.0f} KB · SHA-256 {item.sha256}"
            files.append(OutFile(f"{noun}_{label}_{number}.{ext}", b"", caption,
                                 kept=(str(desk.files.root.resolve() / item.stored_path),
                                       item.sha256),
                                 clean=(item.content_type or "") if copy else None,
                                 protect=protect or (clean and not copy)))
        elif item.fetch_status == "pending":
            waiting.append(f"{number}: {STATUS['pending']}")
        else:
            lost.append(f"{number}: {STATUS.get(item.fetch_status, 'tidak dapat diunduh')}")
    text = f"📎 {noun} {label}: {len(files)} dari {len(items)} berkas dikirim"
    text += " ke chat pribadi Anda." if not req.private else "."
    if kept:
        text += f" Tidak dikirim kepada Anda: {', '.join(kept)} ({KEPT_ORIGINAL})."
    if waiting:
        text += " Belum tersedia: " + "; ".join(waiting) + "."
    if lost:
        text += " Tidak tersedia: " + "; ".join(lost) + "."
    private = str(officer.telegram_id)
    if not req.private and files:
        enqueue_files(unit, files, private, now, complaint_id, kind="evidence")
        files = []
    return DeskAnswer(True, Rich().t(text), toast=f"{len(items)} {noun.lower()}", files=files,
                      log_detail=f"{noun} dilihat: {len(items)} berkas")


def _cleanable(desk: DeskContext, item: "Attachment") -> bool:
    """Whether a copy without metadata can be made of this kept file."""
    try:
        data = desk.files.read(item.stored_path, item.sha256)
    except Exception:  # noqa: BLE001 - a missing or damaged file: nothing safe to send
        return False
    return without_metadata(data, item.content_type) is not None


def stored(unit: "Unit", attachment_id: int, blob: "Blob", content_type: str | None,
           now: dt.datetime) -> None:
    """The evidence is on disk: record its hash, size and type."""
    item = unit.attachment(attachment_id)
    if item is None:
        return
    item.fetch_status, item.sha256, item.size = "stored", blob.sha256, blob.size
    item.stored_path, item.stored_at = blob.path, now
    if content_type and not item.content_type:
        item.content_type = content_type


def failed(unit: "Unit", notifier: "Notifier", attachment_id: int, status: str, error: str,
           attempts: int, now: dt.datetime) -> None:
    """Give up on a piece of evidence and tell the officers' group, once."""
    item = unit.attachment(attachment_id)
    if item is None:
        return
    item.fetch_status = status
    complaint = unit.complaint_by_id(item.complaint_id) if item.complaint_id else None
    channel = CHANNEL_LABELS.get(item.message.channel, item.message.channel)
    whose = (f"pengaduan {complaint.ticket}" if complaint is not None
             else "pesan pelapor yang belum menjadi pengaduan")
    why = ("lebih besar dari batas" if status == "too_large"
           else f"gagal setelah {attempts} percobaan")
    rich = Rich().b(f"⚠️ Bukti tidak tersimpan\n")
    # a sensitive complaint's alert leaves out its channel (it narrows down who wrote); so
    # does this notice
    kind = item.content_type or "berkas"
    about = kind if complaint is not None and notifier.sensitive(complaint) else f"{kind}, {channel}"
    rich.t(f"Lampiran #{item.id} ({about}) untuk {whose}: "
           f"{why} ({error[:200]}). Mintalah pelapor mengirim ulang bila perlu.")
    notifier.to_officers(unit, rich, now, "evidence_failed", complaint)
