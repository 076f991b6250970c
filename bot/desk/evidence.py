"""Evidence kept and viewable: `/bukti TIKET`, and what becomes of each download of it."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Sequence

from bot.channels import CHANNEL_LABELS
from bot.desk.requests import DeskAnswer, DeskContext, OfficerRequest
from bot.paperwork.outfiles import OutFile, enqueue_files
from bot.rich import Rich
from bot.sop.workflow import check_action

if TYPE_CHECKING:
    from bot.config import Officer
    from bot.notify import Notifier
    from storage.files import Blob
    from storage.models import Attachment, Complaint
    from storage.repo import Unit

EXTENSION = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif",
             "application/pdf": "pdf", "video/mp4": "mp4", "audio/ogg": "ogg",
             "text/plain": "txt"}
STATUS = {"pending": "sedang diunduh", "failed": "gagal diunduh",
          "too_large": "terlalu besar, tidak diunduh", None: "tidak dapat diunduh"}


def summary(attachments: Sequence["Attachment"]) -> str:
    """'3 berkas' or '3 berkas (2 tersimpan, 1 sedang diunduh)' for officers' views."""
    if not attachments:
        return "0 berkas"
    counts: dict[str, int] = {}
    for item in attachments:
        label = "tersimpan" if item.fetch_status == "stored" else STATUS.get(
            item.fetch_status, "tidak dapat diunduh")
        counts[label] = counts.get(label, 0) + 1
    if list(counts) == ["tersimpan"]:
        return f"{len(attachments)} berkas (tersimpan; /bukti TIKET)"
    return f"{len(attachments)} berkas (" + ", ".join(f"{n} {k}" for k, n in counts.items()) + ")"


def show(desk: DeskContext, unit: "Unit", officer: "Officer", req: OfficerRequest,
         complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
    """Send the complaint's kept evidence, as the original files, to the officer privately.

    Who may see the complaint was checked by the desk before this runs (roster, section)."""
    check_action(officer, "evidence", complaint.stage)
    items = unit.attachments_of(complaint.id)
    if not items:
        return DeskAnswer(True, Rich().t(f"📎 {complaint.ticket}: tidak ada bukti terlampir."),
                          toast="tidak ada bukti")
    files, waiting = [], []
    for number, item in enumerate(items, start=1):
        if item.fetch_status == "stored" and item.stored_path and item.sha256:
            ext = EXTENSION.get(item.content_type or "", "bin")
            caption = (f"Bukti {number}/{len(items)} {complaint.ticket} · {item.content_type} · "
                       f"{(item.size or 0) / 1024:.0f} KB · SHA-256 {item.sha256}")
            files.append(OutFile(f"Bukti_{complaint.ticket}_{number}.{ext}", b"", caption,
                                 kept=(str(desk.files.root.resolve() / item.stored_path),
                                       item.sha256)))
        else:
            waiting.append(f"{number}: {STATUS.get(item.fetch_status, 'tidak dapat diunduh')}")
    text = f"📎 Bukti {complaint.ticket}: {len(files)} dari {len(items)} berkas dikirim"
    text += " ke chat pribadi Anda." if not req.private else "."
    if waiting:
        text += " Belum tersedia: " + "; ".join(waiting) + "."
    private = str(officer.telegram_id)
    if not req.private and files:
        enqueue_files(unit, files, private, now, complaint.id, kind="evidence")
        files = []
    return DeskAnswer(True, Rich().t(text), toast=f"{len(items)} bukti", files=files,
                      log_detail=f"Bukti dilihat: {len(items)} berkas")


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
    rich.t(f"Lampiran #{item.id} ({item.content_type or 'berkas'}, {channel}) untuk {whose}: "
           f"{why} ({error[:200]}). Mintalah pelapor mengirim ulang bila perlu.")
    notifier.to_officers(unit, rich, now, "evidence_failed", complaint)
