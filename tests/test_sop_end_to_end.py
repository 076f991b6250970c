"""One complaint through all ten SOP steps on Telegram, each by its role only, to the rating."""
from __future__ import annotations

import pytest

from tests.support.telegram import (take_step, KASI, KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS, SEKSI,
                                    TelegramUser, deliver, file_on_telegram)
from tests.test_documents import docx_text, flat, pdf_text_of
from tests.test_officers import (actions, app, complaint, officer, report_step_nine,  # noqa: F401
                                 runtime)

pytestmark = pytest.mark.timeout(120)
CITIZEN = 555_010
LANTASKIM = SEKSI["lantaskim"]
# (stage reached, who may do it, what they add, someone who may not)
STEPS = [
    ("reported_to_kasi", PETUGAS, "", SEKSI["tu"]),
    ("reviewed", KASI, "koordinasikan dengan Seksi Lantaskim", PETUGAS),
    ("examined", LANTASKIM, "benar BAP W18-0042 2026-12-01 petugas loket 2 selesai, terbukti lalai", SEKSI["intalkim"]),
    ("followed_up", LANTASKIM, "pembinaan petugas loket 2 oleh Kasi Lantaskim", PENYUSUN),
    ("report_drafted", PENYUSUN, "", PETUGAS),
    ("initialed", KASI, "", KEPALA),
    ("signed", KEPALA, "", KASI),
    ("reported", PETUGAS, "mohon maaf atas keterlambatan", PENYUSUN),
]


def documents_in(tg_server, chat: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """File name -> its text, for the documents sent to a chat."""
    found = {}
    for call in tg_server.sent_messages(chat):
        if call.method.lower() == "senddocument":
            upload = call.files["document"]
            read = docx_text if upload.filename.endswith(".docx") else pdf_text_of
            found[upload.filename] = flat(read(upload.content))
    return found


def test_all_ten_steps_by_the_right_roles_only_ending_with_the_rating(app, runtime, tg_server,
                                                                    clock):
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)                      # step 1
    for stage, who, args, wrong in STEPS:
        before = complaint(runtime, ticket).stage
        assert officer(app, wrong).send(f"/tahap {ticket} {args}".strip()) == "refused", stage
        assert complaint(runtime, ticket).stage == before
        clock.advance(minutes=3)
        if stage == "reported":
            report_step_nine(app, who, ticket, args)
        else:
            assert take_step(officer(app, who), ticket, args, stage) == "officer", stage
        assert complaint(runtime, ticket).stage == stage
    deliver(runtime)

    # Step 6 sent the drafter the cover letter and the report, numbered.
    filed = complaint(runtime, ticket)
    number = "W18.IMI.IMI.3-UM.01.01-0001"
    assert filed.letter_number == number and (filed.letter_year, filed.letter_seq) == (2026, 1)
    drafted = documents_in(tg_server, PENYUSUN)
    assert sorted(drafted) == sorted(f"{kind}_{ticket}.{ext}" for kind in (
        "Surat_Pengantar", "Laporan_Pengaduan") for ext in ("docx", "pdf"))
    assert all(number in text and ticket in text for text in drafted.values())

    # Step 9 told the complainant the outcome and asked for a rating; 6 is refused, 4 kept.
    texts = tg_server.sent_texts(CITIZEN)
    assert "terbukti benar" in texts[-2] and "nilai penanganan" in texts[-1]
    assert citizen.send("6") == "complainant"
    assert citizen.send("4") == "complainant"
    assert citizen.send("Petugasnya ramah, tapi lama") == "complainant"
    deliver(runtime)
    replies = tg_server.sent_texts(CITIZEN)[len(texts):]
    assert "1 sampai 5" in replies[0] and "4 dari 5" in replies[1] and "sudah kami catat" in replies[2]
    rated = complaint(runtime, ticket)
    assert (rated.rating, rated.rating_comment) == (4, "Petugasnya ramah, tapi lama")

    # Step 10 (seksi may not), then the signed documents on request, with the approvals.
    assert officer(app, LANTASKIM).send(f"/tahap {ticket}") == "refused"
    assert officer(app, PETUGAS).send(f"/tahap {ticket}") == "officer"
    assert complaint(runtime, ticket).stage == "archived"
    assert officer(app, KASI, private=True).send(f"/dokumen {ticket}") == "officer"
    deliver(runtime)
    signed = documents_in(tg_server, KASI)
    report = signed[f"Laporan_Pengaduan_{ticket}.pdf"]
    for expected in (ticket, number, "Paspor saya sudah 3 minggu belum jadi",
                     "BENAR (pengaduan terbukti)", "petugas loket 2 selesai",
                     "petugas loket 2 oleh Kasi Lantaskim", "Kasi Tikkim", "Kepala Kantor",
                     "NIP 19750202 200003 1 002", "Diparaf 1 Desember 2026 pukul 10.",
                     "Ditandatangani 1 Desember 2026 pukul 10."):
        assert expected in report, expected
    cover = signed[f"Surat_Pengantar_{ticket}.docx"]
    assert "Tarakan, 1 Desember 2026" in cover and number in cover
    assert "Kepala Kantor Wilayah Direktorat Jenderal Imigrasi Kalimantan Timur" in cover
    refused = [a for a in actions(runtime) if not a.allowed]
    assert len(refused) == len(STEPS) + 1 and all(a.action == "stage" for a in refused)
    assert all(str(OFFICER_CHAT) == a.chat_id for a in refused)
