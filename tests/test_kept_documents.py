"""The signed report frozen: drafts kept, a drafter's replacement accepted before step 7, the
signed copy stored with its SHA-256 at step 8 and returned byte for byte by /dokumen after."""
from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import json

import pytest
from pypdf import PdfReader

from handlers.fetcher import Fetcher
from storage.files import FileStore
from storage.models import StoredDocument
from tests.fakes import telegram_updates as tu
from tests.support.telegram import (take_step, KASI, KEPALA, PENYUSUN, PETUGAS, TelegramUser, deliver,
                                    file_on_telegram, next_update_id)
from tests.test_documents import docx_text, flat
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(120)
CITIZEN = 555_040


def sent_files(tg_server, chat: int) -> list[tuple[str, bytes, str]]:  # type: ignore[no-untyped-def]
    """(file name, bytes, caption) of every document sent to a chat, in order."""
    return [(c.files["document"].filename, c.files["document"].content,
             str(c.params.get("caption", "")))
            for c in tg_server.sent_messages(chat) if c.method.lower() == "senddocument"]


def kept(runtime, ticket: str):  # type: ignore[no-untyped-def]
    complaint_id = complaint(runtime, ticket).id
    with runtime.store.unit() as unit:
        return unit.documents_of(complaint_id)


def fetch_all(runtime, tg_server) -> Fetcher:  # type: ignore[no-untyped-def]
    """Run the worker's downloads until none is due (a real PTB Bot against the fake)."""
    bot = tg_server.make_bot()
    fetcher = Fetcher(runtime.store, runtime.desk.files, runtime.config.settings,
                      runtime.config.office_config, runtime.notifier, bot=bot,
                      clock=runtime.engine.clock)

    async def drain() -> None:
        await bot.initialize()
        try:
            while await fetcher.tick():
                pass
        finally:
            await bot.shutdown()

    asyncio.run(drain())
    return fetcher


def send_document(app, tg_server, user: int, caption: str, content: bytes,  # type: ignore[no-untyped-def]
                  name: str = "Laporan_edit.docx",
                  mime: str = "application/vnd.openxmlformats-officedocument."
                              "wordprocessingml.document") -> str:
    file_id, _ = tu.fake_file_id("BQACAgUAAxkBAAI")
    tg_server.add_file(file_id, content, file_path=f"documents/{name}")
    update = tu.make_document_update(next_update_id(), user, user, file_id=file_id,
                                     file_name=name, mime_type=mime, file_size=len(content),
                                     caption=caption)
    response = TelegramUser(app.test_client(), user).post(update)
    assert response.status_code == 200
    return response.get_json()["result"]


def test_signed_report_is_frozen_and_returned_byte_for_byte(app, runtime, tg_server, clock):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "report_drafted")
    drafts = [d for d in kept(runtime, ticket) if d.role == "draft"]
    assert sorted(d.name for d in drafts) == sorted(
        f"{s}_{ticket}.{e}" for s in ("Surat_Pengantar", "Laporan_Pengaduan")
        for e in ("docx", "pdf"))
    files = FileStore(runtime.config.files_dir)
    for draft in drafts:                                    # kept with hash, size and type
        data = files.read(draft.stored_path, draft.sha256)
        assert len(data) == draft.size and hashlib.sha256(data).hexdigest() == draft.sha256
    assert {d.content_type for d in drafts} == {
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}

    clock.advance(minutes=5)
    walk_to(app, ticket, "signed", start="report_drafted")
    signed = {d.name: d for d in kept(runtime, ticket) if d.role == "signed"}
    assert len(signed) == 4
    report = signed[f"Laporan_Pengaduan_{ticket}.pdf"]
    snapshot = report.snapshot
    assert hashlib.sha256(snapshot.encode()).hexdigest() == report.content_sha256
    assert json.loads(snapshot)["ticket"] == ticket
    frozen_bytes = files.read(report.stored_path, report.sha256)
    text = flat("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(frozen_bytes)).pages))
    assert f"Kode verifikasi isi yang ditandatangani (SHA-256): {report.content_sha256}" in text
    assert "Ditandatangani 1 Desember 2026" in text

    # History after the signature: step 9 and 10, then /dokumen from another officer.
    clock.advance(hours=2)
    walk_to(app, ticket, "archived", start="signed")
    assert officer(app, KASI, private=True).send(f"/dokumen {ticket}") == "officer"
    deliver(runtime)
    got = {name: (data, caption) for name, data, caption in sent_files(tg_server, KASI)}
    data, caption = got[f"Laporan_Pengaduan_{ticket}.pdf"]
    assert data == frozen_bytes                              # byte-identical to the signed one
    assert f"SHA-256 berkas: {report.sha256}" in caption
    assert "Dilaporkan kepada Kanwil" not in flat(
        "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    for name, doc in signed.items():
        assert hashlib.sha256(got[name][0]).hexdigest() == doc.sha256
    assert [d.role for d in kept(runtime, ticket)].count("signed") == 4   # not made again

    # The register records the signed report's file hash.
    assert officer(app, PETUGAS, private=True).send("/inventaris") == "officer"
    deliver(runtime)
    [(_, data, _)] = [f for f in sent_files(tg_server, PETUGAS) if f[0].endswith(".csv")]
    [row] = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert row["SHA-256 Berkas PDF Laporan Bertanda Tangan"] == report.sha256


def test_a_drafter_replaces_the_draft_before_step_7_only(app, runtime, tg_server, clock):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 1), runtime)
    walk_to(app, ticket, "report_drafted")
    edited = b"PK\x03\x04 edited docx bytes " + ticket.encode()
    assert send_document(app, tg_server, PENYUSUN, f"{ticket} laporan hasil sunting",
                         edited) == "officer"
    assert not [d for d in kept(runtime, ticket) if d.role == "upload"]   # not in the webhook
    fetch_all(runtime, tg_server)
    [upload] = [d for d in kept(runtime, ticket) if d.role == "upload"]
    assert (upload.kind, upload.name, upload.size) == (       # named like the draft, never
        "report", f"Laporan_Pengaduan_{ticket}.docx", len(edited))   # as the officer named it
    assert upload.sha256 == hashlib.sha256(edited).hexdigest()
    events = complaint(runtime, ticket).events
    assert events[-1].action == "upload" and upload.sha256 in events[-1].note
    deliver(runtime)
    assert any(f"diganti dengan unggahan Laporan_Pengaduan_{ticket}.docx" in t
               for t in tg_server.sent_texts(PENYUSUN))

    # A scanned PDF of the cover letter, from someone not allowed: refused, nothing queued.
    assert send_document(app, tg_server, PETUGAS, f"{ticket} surat pengantar", b"%PDF-1.4 x",
                         name="pengantar.pdf", mime="application/pdf") == "refused"
    # /dokumen before signing: the upload in its slot, the other slots drafted afresh.
    assert officer(app, KASI, private=True).send(f"/dokumen {ticket}") == "officer"
    deliver(runtime)
    names = {name: data for name, data, _ in sent_files(tg_server, KASI)}
    assert names[f"Laporan_Pengaduan_{ticket}.docx"] == edited
    assert f"Surat_Pengantar_{ticket}.docx" in names

    # Step 7 and 8: the upload is frozen as it is; a later upload is refused.
    walk_to(app, ticket, "signed", start="report_drafted")
    signed = {(d.kind, d.name.rsplit(".", 1)[1]): d for d in kept(runtime, ticket)
              if d.role == "signed"}
    assert signed[("report", "docx")].sha256 == upload.sha256
    assert send_document(app, tg_server, PENYUSUN, f"{ticket} revisi", b"PK late") == "refused"
    late_pending = send_document  # noqa: F841 - the step moved before the download: refused too


def test_an_upload_whose_step_moved_on_before_download_is_not_used(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 2), runtime)
    walk_to(app, ticket, "report_drafted")
    assert send_document(app, tg_server, KASI, f"{ticket} laporan", b"PK too late") == "officer"
    walk_to(app, ticket, "initialed", start="report_drafted")          # paraf before download
    fetch_all(runtime, tg_server)
    assert not [d for d in kept(runtime, ticket) if d.role == "upload"]
    deliver(runtime)
    assert any("tidak dipakai" in t and "sudah diparaf" in t for t in tg_server.sent_texts(KASI))
    assert take_step(officer(app, KEPALA), ticket, "", "signed") == "officer"   # signing works


def test_docx_of_the_signed_cover_letter_names_the_signatory(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 3), runtime)
    walk_to(app, ticket, "signed")
    files = FileStore(runtime.config.files_dir)
    [cover] = [d for d in kept(runtime, ticket)
               if d.role == "signed" and d.name.endswith(".docx") and d.kind == "cover_letter"]
    text = flat(docx_text(files.read(cover.stored_path, cover.sha256)))
    assert "Kepala Kantor Imigrasi Kelas II TPI Tarakan," in text
    assert cover.content_sha256 in text                                  # footer, DOCX too


def test_an_upload_kept_under_its_officers_file_name_is_sent_under_its_slots(app, runtime,
                                                                              tg_server, clock):
    """Uploads kept before they were renamed carry the officer's own file name, which may name
    the complainant (documents are append-only: it stays): `/dokumen` and the signed copy
    name them by their slot."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 4), runtime)
    walk_to(app, ticket, "report_drafted")
    blob = FileStore(runtime.config.files_dir).put(b"PK old upload")
    complaint_id = complaint(runtime, ticket).id
    with runtime.store.unit() as unit:
        unit.add_document(StoredDocument(
            complaint_id=complaint_id, kind="report", role="upload",
            name="Laporan a.n. Budi Pelapor.docx", content_type="application/octet-stream",
            size=blob.size, sha256=blob.sha256, stored_path=blob.path, created_by="test",
            created_at=clock()))
    assert officer(app, KASI, private=True).send(f"/dokumen {ticket}") == "officer"
    walk_to(app, ticket, "signed", start="report_drafted")
    deliver(runtime)
    sent = {name: data for name, data, _ in sent_files(tg_server, KASI)}
    assert sent[f"Laporan_Pengaduan_{ticket}.docx"] == b"PK old upload"
    assert not [name for name in sent if "Budi" in name]
    assert {d.name for d in kept(runtime, ticket) if d.role == "signed"} == {
        f"{stem}_{ticket}.{ext}" for stem in ("Surat_Pengantar", "Laporan_Pengaduan")
        for ext in ("docx", "pdf")}
