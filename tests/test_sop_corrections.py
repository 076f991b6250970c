"""Corrections and changed minds: after /kembalikan the approval waits for the correction
(bot.desk.approvals.check_corrected) and names the document that changed; a verdict question asked again retires the earlier
one, whose answer is refused instead of recording the verdict no longer meant."""
from __future__ import annotations

import pytest

from tests.support.telegram import KASI, PENYUSUN, SEKSI, TelegramUser, deliver, file_on_telegram
from tests.test_kept_documents import fetch_all, send_document
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(150)
CITIZEN = 555_095
LANTASKIM = SEKSI["lantaskim"]


def test_paraf_after_kembalikan_waits_for_the_correction_and_names_it(
        app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "report_drafted")
    kasi = officer(app, KASI, private=True)
    assert kasi.send(f"/kembalikan {ticket} nomor BAP di surat pengantar salah ketik") == \
        "officer"
    deliver(runtime)
    assert kasi.send(f"/tahap {ticket}") == "refused"        # before any correction
    deliver(runtime)
    asked = tg_server.sent_texts(KASI)[-1]
    assert "Konfirmasi langkah 7" not in asked
    assert "belum dapat dicatat" in asked and "perbaikannya belum diterima" in asked
    corrected = b"PK\x03\x04 corrected cover letter " + ticket.encode()
    assert send_document(app, tg_server, PENYUSUN, f"{ticket} pengantar revisi",
                         corrected) == "officer"
    fetch_all(runtime, tg_server)
    assert kasi.send(f"/tahap {ticket}") == "officer"
    deliver(runtime)
    asked = tg_server.sent_texts(KASI)[-1]
    assert "belum dapat dicatat" not in asked and "Konfirmasi langkah 7" in asked
    assert f"Surat pengantar: </b>Surat_Pengantar_{ticket}.docx" in asked
    assert "diperbaiki setelah dikembalikan" in asked
    # The PDFs are rendered from data: the edited DOCX is not in them, and the approver is told.
    assert "tidak memuat perubahan DOCX itu" in asked
    assert any("tidak memuat perubahan DOCX" in t and ticket in t
               for t in tg_server.sent_texts(KASI))                  # with the upload's Paraf
    assert f"Laporan pengaduan: </b>Laporan_Pengaduan_{ticket}.pdf" in asked
    assert kasi.press(f"ok:{ticket}:report_drafted") == "officer"
    assert complaint(runtime, ticket).stage == "initialed"


def test_a_superseded_verdict_question_records_nothing(app, runtime, tg_server):
    """Benar pressed, then Tidak benar: answering the first question is refused (nothing is
    recorded); the latest question records its verdict."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 1), runtime)
    walk_to(app, ticket, "reviewed")
    section = officer(app, LANTASKIM, private=True)
    assert section.press(f"vd:{ticket}:reviewed:b") == "officer"
    deliver(runtime)
    first = tg_server.messages_in(LANTASKIM)[-1]
    assert "Benar" in first["text"]
    assert section.press(f"vd:{ticket}:reviewed:t") == "officer"
    deliver(runtime)
    second = tg_server.messages_in(LANTASKIM)[-1]
    assert "Tidak benar" in second["text"]
    assert section.reply("W18-0042 2026-12-01 terbukti lalai", to=first) == "refused"
    deliver(runtime)
    assert "sudah diganti oleh pertanyaan yang lebih baru" in tg_server.sent_texts(LANTASKIM)[-1]
    found = complaint(runtime, ticket)
    assert (found.stage, found.verdict) == ("reviewed", None)
    assert section.reply("W18-0042 2026-12-01 tidak terbukti", to=second) == "officer"
    found = complaint(runtime, ticket)
    assert (found.stage, found.verdict) == ("examined", "tidak_benar")
