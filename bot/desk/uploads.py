"""An officer's replacement of a draft: a Telegram document with the ticket in its caption.

The desk checks who and when (Penyusun Laporan or Kasi Tikkim, before step 7's initials) and
queues the file's download; the worker fetches it outside any transaction and `stored` keeps
it as the slot's new draft, recorded in the audit trail, or refuses it if the step has moved
or if it carries what no file may (bot.identity.file_traces: a concealed complainant's name, a
number, a chat id), since drafts go on to every officer who asks for `/dokumen`.

The officer's own file name is never kept or repeated (scanners and phones name files after
what they see): a kept upload is named like the draft it replaces.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bot import identity
from bot.desk import approvals
from bot.desk.requests import DeskAnswer, DeskContext, OfficerRequest, actor_label
from bot.paperwork import archive, reading
from bot.paperwork.outfiles import OutFile
from bot.rich import Rich
from bot.sop.stages import Stage
from bot.sop.workflow import Refused, check_action
from storage.models import StageEvent

if TYPE_CHECKING:
    from bot.config import OfficeConfig, Officer
    from bot.notify import Notifier
    from storage.files import FileStore
    from storage.models import Complaint
    from storage.repo import Unit


RECEIPT = "kanwil_receipt"      # a scan of the Kanwil's receipt (step 9), not a draft


def _label(detail: dict[str, Any]) -> str:
    if detail.get("kind") == RECEIPT:
        return "tanda terima laporan ke Kanwil"
    return f"{archive.TITLE[detail['kind']].lower()} ({detail['format'].upper()})"


def request(desk: DeskContext, unit: "Unit", officer: "Officer", req: OfficerRequest,
            complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
    """Check the upload and queue its download; the answer says it is being kept."""
    document = req.document
    assert document is not None
    check_action(officer, "upload", complaint.stage)
    slot = archive.upload_slot(document.file_name, req.args, document.mime_type)
    if slot is None:
        raise Refused("Kirim draf sebagai DOCX (hasil sunting) atau PDF (pindaian).")
    limit = desk.config.files.max_evidence_mb
    if document.size and document.size > limit * 1024 * 1024:
        raise Refused(f"Berkas terlalu besar (lebih dari {limit:g} MB).")
    detail = {"kind": slot[0], "format": slot[1], "chat_id": req.chat_id,
              "actor_id": req.actor_id, "size": document.size}
    unit.queue_download(purpose="upload", source=req.channel, ref=document.file_id,
                        complaint_id=complaint.id, detail=detail, at=now)
    text = (f"⏳ {complaint.ticket}: {_label(detail)} diterima; disimpan sebagai pengganti "
            "draf sebentar lagi.")
    return DeskAnswer(True, Rich().t(text), toast="berkas diterima",
                      log_detail=f"Unggahan pengganti draf: {_label(detail)}")


def readable(detail: dict[str, Any], data: bytes) -> str:
    """A downloaded draft's text, for `stored` to check (slow: read outside any transaction)."""
    if detail.get("kind") == RECEIPT:
        return ""                  # the Kanwil's receipt is kept, never sent on
    return reading.text_of(data, str(detail.get("format", "")))


def stored(unit: "Unit", notifier: "Notifier", config: "OfficeConfig", files: "FileStore",
           complaint_id: int, detail: dict[str, Any], data: bytes, now: dt.datetime,
           text: str = "") -> bool:
    """Keep the downloaded replacement if the draft may still change and its `text` (from
    `readable`) carries nothing a file may not; tell the officer."""
    complaint = unit.complaint_by_id(complaint_id, lock=True)
    officer = config.officer(detail.get("actor_id"))
    chat = str(detail.get("chat_id") or (officer.telegram_id if officer else ""))
    if complaint is None or officer is None:
        return False
    if detail.get("kind") == RECEIPT:          # step 9: the Kanwil's receipt, kept as sent
        doc = archive.accept_upload(unit, files, complaint, data, detail, actor_label(officer),
                                    now)
        note = (f"Tanda terima laporan ke Kanwil disimpan: {doc.name} ({doc.size} byte, "
                f"SHA-256 {doc.sha256})")
        event = unit.add_stage_event(StageEvent(
            complaint_id=complaint.id, actor=actor_label(officer), actor_role=officer.role,
            from_stage=complaint.stage, to_stage=complaint.stage, note=note, at=now,
            action="upload"))
        complaint.events.append(event)
        _tell(unit, chat, f"✅ {complaint.ticket}: {note}.", now)
        return True
    if complaint.stage != Stage.REPORT_DRAFTED.value:
        _tell(unit, chat, f"⛔ {complaint.ticket}: {_label(detail)} tidak dipakai; laporan "
              "sudah diparaf (langkah 7), draf tidak dapat diganti lagi.", now)
        return False
    if identity.file_traces(complaint, complaint.complainant).found_in(text):
        _refuse_traces(unit, complaint, officer, chat, detail, now)
        return False
    doc = archive.accept_upload(unit, files, complaint, data, detail, actor_label(officer), now)
    note = (f"Draf {_label(detail)} diganti dengan unggahan {doc.name} "
            f"({doc.size} byte, SHA-256 {doc.sha256})")
    event = unit.add_stage_event(StageEvent(
        complaint_id=complaint.id, actor=actor_label(officer), actor_role=officer.role,
        from_stage=complaint.stage, to_stage=complaint.stage, note=note, at=now,
        action="upload"))
    complaint.events.append(event)
    complaint.updated_at = now
    sent = approvals.upload_to_approver(unit, config, complaint, OutFile(
        doc.name, data, f"{archive.TITLE[detail['kind']]} {complaint.ticket} (unggahan "
        f"{officer.name}), SHA-256 berkas: {doc.sha256}"), now)
    if sent:
        note += "; dikirim kepada " + ", ".join(o.name for o in sent) + " untuk diparaf"
    _tell(unit, chat, f"✅ {complaint.ticket}: {note}.", now)
    if not notifier.sensitive(complaint):     # a sensitive complaint is not talked of there
        notifier.to_officers(unit, Rich().t(f"ℹ️ {complaint.ticket}: {note} oleh "
                                            f"{officer.name}."), now, "announce", complaint)
    return True


def _refuse_traces(unit: "Unit", complaint: "Complaint", officer: "Officer", chat: str,
                   detail: dict[str, Any], now: dt.datetime) -> None:
    """Not kept: the file names the complainant where files may not. The officer is not told
    which name or number it found (a guess must not be confirmed), and the trail records the
    attempt for Kasi Tikkim and the Kepala Kantor to see."""
    event = unit.add_stage_event(StageEvent(
        complaint_id=complaint.id, actor=actor_label(officer), actor_role=officer.role,
        from_stage=complaint.stage, to_stage=complaint.stage, at=now, action="upload",
        note=f"Unggahan {_label(detail)} ditolak: memuat identitas pelapor"))
    complaint.events.append(event)
    _tell(unit, chat, f"⛔ {complaint.ticket}: {_label(detail)} tidak dipakai: berkasnya memuat "
          "identitas pelapor (nomor telepon, akun Telegram, atau nama pelapor yang "
          "dirahasiakan). Berkas pengaduan hanya boleh menyebut nama pelapor yang terbuka; "
          "hapus identitas itu, lalu kirim ulang.", now)


def failed(unit: "Unit", detail: dict[str, Any], ticket: str, error: str,
           now: dt.datetime) -> None:
    """Tell the officer their file could not be fetched (after the last attempt)."""
    _tell(unit, str(detail.get("chat_id", "")), f"⚠️ {ticket}: {_label(detail)} tidak dapat "
          f"diambil dari Telegram ({error[:200]}). Silakan kirim ulang.", now)


def _tell(unit: "Unit", chat: str, text: str, now: dt.datetime) -> None:
    if chat:
        rich = Rich().t(text)
        unit.enqueue(kind="officer", channel="telegram", address=chat, body=rich.plain(),
                     payload=rich.to_payload(), at=now)
