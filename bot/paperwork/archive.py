"""The document store: drafts kept, officers' replacements accepted, the signed copy frozen.

Each complaint has four document slots (cover letter and report, DOCX and PDF). Every file the
bot generates or an officer uploads is kept in the file store by its SHA-256, with a
`documents` row (role draft, upload or signed). At step 8 the slots are frozen: each is
rendered once more with the signature (or, where an officer's upload replaced the draft, that
upload is taken as it is) and kept as `signed`. From then on `/dokumen` returns exactly those
bytes, never a rebuild.

A file cannot hold its own hash, so a signed copy's footer prints the SHA-256 of the signed
content snapshot (canonical JSON of everything the documents say, kept in the row); the
file's own SHA-256 is recorded in the row and told with every copy sent (see the README,
"Verifying a signed report").
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from typing import TYPE_CHECKING, Any, Callable

from bot.paperwork import documents as docs
from bot.paperwork.dossier import dossier
from bot.paperwork.outfiles import MIME, OutFile
from bot.sop.stages import withdrawal
from storage.models import StoredDocument

if TYPE_CHECKING:
    from bot.config import OfficeConfig
    from storage.files import FileStore
    from storage.models import Complaint
    from storage.repo import Unit

SLOTS = (("cover_letter", "docx"), ("cover_letter", "pdf"), ("report", "docx"),
         ("report", "pdf"))
STEM = {"cover_letter": "Surat_Pengantar", "report": "Laporan_Pengaduan",
        "kanwil_receipt": "Tanda_Terima_Kanwil"}
TITLE = {"cover_letter": "Surat pengantar", "report": "Laporan pengaduan"}
RENDER = {("cover_letter", "docx"): docs.cover_letter_docx,
          ("cover_letter", "pdf"): docs.cover_letter_pdf,
          ("report", "docx"): docs.report_docx, ("report", "pdf"): docs.report_pdf}
UPLOAD_FORMATS = {"docx": MIME["docx"], "pdf": MIME["pdf"]}


def file_name(kind: str, ticket: str, fmt: str) -> str:
    return f"{STEM[kind]}_{ticket}.{fmt}"


def snapshot(d: docs.Dossier) -> str:
    """The signed content as canonical JSON (sorted keys, ISO dates): what the hash covers."""
    data = dataclasses.asdict(dataclasses.replace(d, verification=None))
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=lambda value: value.isoformat())


def verification_line(content_sha256: str) -> str:
    return f"Kode verifikasi isi yang ditandatangani (SHA-256): {content_sha256}"


# Each caption names its format: the DOCX and the PDF of one document under the same caption
# read as a document sent twice (W29).
FORMAT_NOTE = {"docx": "DOCX, dapat disunting", "pdf": "PDF"}


def _caption(complaint: "Complaint", kind: str, doc: StoredDocument | None = None,
             fmt: str | None = None) -> str:
    fmt = _fmt(doc) if doc is not None else fmt
    note = f" ({FORMAT_NOTE.get(fmt or '', (fmt or '').upper())})" if fmt else ""
    text = f"{TITLE[kind]} {complaint.ticket}{note}, nomor {complaint.letter_number or '-'}"
    if doc is not None and doc.role == "signed":
        text += f"\nDitandatangani. SHA-256 berkas: {doc.sha256}"
    elif doc is not None and doc.role == "upload":
        text += f"\nVersi unggahan petugas. SHA-256 berkas: {doc.sha256}"
    return text


def _keep(unit: "Unit", files: "FileStore", complaint: "Complaint", kind: str, fmt: str,
          role: str, data: bytes, actor: str, now: dt.datetime,
          content_sha256: str | None = None, snap: str | None = None) -> StoredDocument:
    """Keep a file under its slot's name (never an officer's own file name)."""
    blob = files.put(data)
    return unit.add_document(StoredDocument(
        complaint_id=complaint.id, kind=kind, role=role,
        name=file_name(kind, complaint.ticket, fmt),
        content_type=MIME.get(fmt, "application/octet-stream"), size=blob.size,
        sha256=blob.sha256, stored_path=blob.path, content_sha256=content_sha256,
        snapshot=snap, created_by=actor[:100], created_at=now))


def _fmt(doc: StoredDocument) -> str:
    return doc.name.rsplit(".", 1)[-1].lower()


def latest(unit: "Unit", complaint: "Complaint", roles: tuple[str, ...]) -> dict[
        tuple[str, str], StoredDocument]:
    """The newest kept document of each slot among `roles`."""
    found: dict[tuple[str, str], StoredDocument] = {}
    for doc in unit.documents_of(complaint.id):
        if doc.role in roles:
            found[(doc.kind, _fmt(doc))] = doc
    return found


def signed_documents(unit: "Unit", complaint: "Complaint") -> list[StoredDocument]:
    """The frozen signed copies (one per slot), or [] before step 8."""
    frozen = latest(unit, complaint, ("signed",))
    return [frozen[slot] for slot in SLOTS if slot in frozen]


def _out(files: "FileStore", complaint: "Complaint", doc: StoredDocument) -> OutFile:
    # Named from its slot, not as kept: an upload kept before uploads were renamed carries
    # the officer's own file name, which may name the complainant.
    return OutFile(file_name(doc.kind, complaint.ticket, _fmt(doc)),
                   files.read(doc.stored_path, doc.sha256),
                   _caption(complaint, doc.kind, doc))


def drafts(unit: "Unit", files: "FileStore", config: "OfficeConfig", complaint: "Complaint",
           actor: str, now: dt.datetime) -> list[OutFile]:
    """The current drafts: an officer's upload where one replaced a slot, else freshly made
    (and kept); before step 8 only."""
    uploads = latest(unit, complaint, ("upload",))
    d = dossier(config, complaint)
    out = []
    for kind, fmt in SLOTS:
        upload = uploads.get((kind, fmt))
        if upload is not None:
            out.append(_out(files, complaint, upload))
            continue
        data = RENDER[(kind, fmt)](d)
        _keep(unit, files, complaint, kind, fmt, "draft", data, actor, now)
        out.append(OutFile(file_name(kind, complaint.ticket, fmt), data,
                           _caption(complaint, kind, fmt=fmt)))
    return out


def plan_drafts(unit: "Unit", files: "FileStore", config: "OfficeConfig",
                complaint: "Complaint", actor: str, now: dt.datetime,
                ) -> tuple[Callable[[], list[OutFile]], Callable[["Unit", list[OutFile]], None]]:
    """`drafts` in three phases, so no rendering happens inside a transaction: what to make is
    read now (inside the caller's transaction); `render()` makes the files afterwards (no
    transaction); `keep(unit, files)` keeps the fresh drafts in a second, short one."""
    uploads = latest(unit, complaint, ("upload",))
    d = dossier(config, complaint)
    fresh: dict[str, tuple[str, str]] = {}      # file name -> slot made from the dossier

    def render() -> list[OutFile]:
        out = []
        for kind, fmt in SLOTS:
            upload = uploads.get((kind, fmt))
            if upload is not None:
                out.append(_out(files, complaint, upload))
                continue
            name = file_name(kind, complaint.ticket, fmt)
            fresh[name] = (kind, fmt)
            out.append(OutFile(name, RENDER[(kind, fmt)](d), _caption(complaint, kind, fmt=fmt)))
        return out

    def keep(second: "Unit", made: list[OutFile]) -> None:
        for made_file in made:
            if made_file.name in fresh:
                kind, fmt = fresh[made_file.name]
                _keep(second, files, complaint, kind, fmt, "draft", made_file.data, actor, now)
    return render, keep


SIGNED_STAGES = ("signed", "reported", "archived")


def plan_current_files(unit: "Unit", files: "FileStore", config: "OfficeConfig",
                       complaint: "Complaint", actor: str, now: dt.datetime,
                       ) -> tuple[Callable[[], list[OutFile]],
                                  Callable[["Unit", list[OutFile]], None]]:
    """`current_files` in phases (see `plan_drafts`): the frozen copies as kept, else drafts
    (or, signed but not yet frozen, e.g. the process stopped in between: the signed copies)."""
    frozen = signed_documents(unit, complaint)
    if frozen:
        return (lambda: [_out(files, complaint, doc) for doc in frozen]), (lambda _u, _f: None)
    if complaint.stage in SIGNED_STAGES and _signed_before(complaint):
        return plan_freeze(unit, files, config, complaint, actor, now)
    return plan_drafts(unit, files, config, complaint, actor, now)


def _signed_before(complaint: "Complaint") -> bool:
    """Whether the complaint's report was signed: a complaint withdrawn before step 8 is closed
    (archived) with drafts only, which must never be printed as signed copies."""
    taken_back = withdrawal(complaint)
    return taken_back is None or getattr(taken_back, "from_stage", None) in SIGNED_STAGES


def plan_freeze(unit: "Unit", files: "FileStore", config: "OfficeConfig",
                complaint: "Complaint", actor: str, now: dt.datetime,
                ) -> tuple[Callable[[], list[OutFile]], Callable[["Unit", list[OutFile]], None]]:
    """`freeze` in phases (see `plan_drafts`): the signed copies are rendered after the step-8
    transaction and kept in a second one (`keep` does nothing if another process froze them
    first); `/dokumen` freezes them if that never happened."""
    d = dossier(config, complaint)
    snap = snapshot(d)
    content = hashlib.sha256(snap.encode("utf-8")).hexdigest()
    signed = dataclasses.replace(d, verification=verification_line(content))
    uploads = latest(unit, complaint, ("upload",))
    slots: dict[str, tuple[str, str]] = {}

    def render() -> list[OutFile]:
        out = []
        for kind, fmt in SLOTS:
            upload = uploads.get((kind, fmt))
            data = (files.read(upload.stored_path, upload.sha256) if upload is not None
                    else RENDER[(kind, fmt)](signed))
            name = file_name(kind, complaint.ticket, fmt)
            slots[name] = (kind, fmt)
            caption = (f"{_caption(complaint, kind, fmt=fmt)}\nDitandatangani. SHA-256 berkas: "
                       f"{hashlib.sha256(data).hexdigest()}")
            out.append(OutFile(name, data, caption))
        return out

    def keep(second: "Unit", made: list[OutFile]) -> None:
        if signed_documents(second, complaint):
            return
        for made_file in made:
            kind, fmt = slots[made_file.name]
            _keep(second, files, complaint, kind, fmt, "signed", made_file.data, actor, now,
                  content_sha256=content, snap=snap)
    return render, keep


def freeze(unit: "Unit", files: "FileStore", config: "OfficeConfig", complaint: "Complaint",
           actor: str, now: dt.datetime) -> list[StoredDocument]:
    """Step 8: keep the signed copy of every slot, its content hash printed in the footer."""
    d = dossier(config, complaint)
    snap = snapshot(d)
    content = hashlib.sha256(snap.encode("utf-8")).hexdigest()
    signed = dataclasses.replace(d, verification=verification_line(content))
    uploads = latest(unit, complaint, ("upload",))
    kept = []
    for kind, fmt in SLOTS:
        upload = uploads.get((kind, fmt))
        data = (files.read(upload.stored_path, upload.sha256) if upload is not None
                else RENDER[(kind, fmt)](signed))
        kept.append(_keep(unit, files, complaint, kind, fmt, "signed", data, actor, now,
                          content_sha256=content, snap=snap))
    return kept


def current_files(unit: "Unit", files: "FileStore", config: "OfficeConfig",
                  complaint: "Complaint", actor: str, now: dt.datetime) -> list[OutFile]:
    """What `/dokumen` sends: the frozen signed copies once signed, else the drafts."""
    frozen = signed_documents(unit, complaint)
    if frozen:
        return [_out(files, complaint, doc) for doc in frozen]
    return drafts(unit, files, config, complaint, actor, now)


def upload_slot(file_name_: str, caption: str, mime: str | None) -> tuple[str, str] | None:
    """(kind, format) an officer's file replaces, from its name and caption; None if the
    format is not accepted (DOCX, or PDF for a scan)."""
    fmt = file_name_.rsplit(".", 1)[-1].lower() if "." in file_name_ else ""
    if fmt not in UPLOAD_FORMATS:
        fmt = next((f for f, m in UPLOAD_FORMATS.items() if m == mime), "")
    if not fmt:
        return None
    words = f"{file_name_} {caption}".lower()
    kind = "cover_letter" if ("pengantar" in words or "cover" in words) else "report"
    return kind, fmt


def accept_upload(unit: "Unit", files: "FileStore", complaint: "Complaint", data: bytes,
                  detail: dict[str, Any], actor: str, now: dt.datetime) -> StoredDocument:
    """Keep an officer's replacement of a draft (checked by the caller: before step 7), named
    like the slot's draft: the officer's own file name goes wherever the document goes, and
    may name the complainant."""
    kind, fmt = detail["kind"], detail["format"]
    return _keep(unit, files, complaint, kind, fmt, "upload", data, actor, now)


def upload_format(file_name_: str, mime: str | None) -> str:
    """A kept file's extension: the sent file's own when it is a known type, else its MIME
    type's, else "bin" (never the rest of what the officer named it)."""
    fmt = file_name_.rsplit(".", 1)[-1].lower() if "." in file_name_ else ""
    if fmt in MIME:
        return fmt
    return next((f for f, m in MIME.items() if m == mime), "bin")
