"""The message officers write to the complainant at SOP step 9 ("Yth. Bapak …, kami sudah
menghubungi Anda di 0812…") is kept on the complaint and goes into the register, which travels
to leadership and the regional office: like every text in a file, it carries the name of an
openly named complainant at most, never a number (README, "Privacy")."""
from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from bot.notify import alert_slot
from tests.support.intake import walk
from tests.support.telegram import (take_step, KASI, KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS, SEKSI,
                                    TelegramUser, deliver)
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import report_step_nine

pytestmark = pytest.mark.timeout(180)
NAME, NUMBER = "Daeng Mappaturung", "+6281377700931"


def register_text(tg_server) -> str:  # type: ignore[no-untyped-def]
    for call in reversed(tg_server.sent_messages()):
        upload = call.files.get("document") if call.method.lower() == "senddocument" else None
        if upload is not None and upload.filename.endswith(".xlsx"):
            book = load_workbook(io.BytesIO(upload.content))
            return "\n".join(" | ".join(str(c) for c in row if c is not None)
                             for sheet in book.worksheets
                             for row in sheet.iter_rows(values_only=True))
    raise AssertionError("no register sent")


def digits(text: str) -> str:
    """The text's digits once its SHA-256 codes and tickets are gone: the register prints
    hex digests, whose digits alone hold any four-digit run now and then (CI at fc2d2d8 read
    "7770" in one)."""
    return re.sub(r"\D", "", re.sub(r"[0-9a-fA-F]{16,}|TRK-[\w-]{9}", " ", text))


@pytest.mark.parametrize("mode", ["confidential", "named"])
def test_the_step_nine_message_reaches_the_register_without_identity(bot_app, tg_server, mode,
                                                                    clock):
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=NUMBER,
                         profile_name=NAME)
    for said in ("halo", "1", "Paspor saya belum jadi sudah lima minggu", "lanjut"):
        phone.say(said)
    identity = {"identitas Anda dicatat": "rahasiakan" if mode == "confidential" else "1",
                "Tulis nama Anda": NAME, "Pengaduan Anda tentang apa": "1"}
    ticket = re.search(r"TRK-[\w-]{9}", walk(phone.says, phone.says("1"), identity)).group(0)
    client = app.test_client()
    for who, args in ((PETUGAS, ""), (KASI, "koordinasikan dengan Seksi Lantaskim"),
                      (SEKSI["lantaskim"], "benar BAP W18.IMI.IMI.3-PW.01.01-0042 2026-12-01 "
                                           "petugas loket lalai"),
                      (SEKSI["lantaskim"], "pembinaan"), (PENYUSUN, ""), (KASI, ""),
                      (KEPALA, "")):
        target = {KASI: "initialed", KEPALA: "signed"}.get(who, "") if not args else ""
        assert take_step(TelegramUser(client, who), ticket, args, target) == "officer"
    report_step_nine(app, PETUGAS, ticket, f"Bapak {NAME}, kami juga sudah menelepon Bapak di "
                                           "0813-7770-0931")
    with runtime.store.unit() as unit:
        assert unit.complaint_by_ticket(ticket).stage == "reported"
    # the group's register counts a confidential complaint from its alert's slot on
    # (bot.desk.privacy.released)
    clock.now = alert_slot(runtime.config.office_config, clock())
    TelegramUser(client, PETUGAS, chat_id=OFFICER_CHAT, chat_type="supergroup").send(
        "/inventaris")
    deliver(runtime)
    register = register_text(tg_server)
    assert ticket in register and "menelepon" in register
    assert "7770" not in digits(register)
    assert ("Mappaturung" in register) is (mode == "named")
    group = [t for t in tg_server.sent_texts(OFFICER_CHAT) if ticket in t]
    assert not [t for t in group if "7770" in digits(t)]
    if mode == "confidential":
        assert not [t for t in group if "Mappaturung" in t]


@pytest.mark.parametrize("mode", ["confidential", "named"])
def test_officers_notes_reach_the_documents_without_identity(bot_app, tg_server, mode):
    """Step 3-5 notes (the direction, the examination, the follow-up) are printed in the report
    and the trail of both documents, which go to the regional office: an officer who writes
    "pelapor Bapak … (0813…) sudah kami hubungi" must not put a number, or a concealed
    complainant's name, into them."""
    from tests.test_sop_end_to_end import documents_in

    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=NUMBER,
                         profile_name=NAME)
    for said in ("halo", "1", "Paspor saya belum jadi sudah lima minggu", "lanjut"):
        phone.say(said)
    identity = {"identitas Anda dicatat": "rahasiakan" if mode == "confidential" else "1",
                "Pengaduan Anda tentang apa": "1"}
    ticket = re.search(r"TRK-[\w-]{9}", walk(phone.says, phone.says("1"), identity)).group(0)
    client = app.test_client()
    said = f"pelapor Bapak {NAME} (0813-7770-0931) sudah kami hubungi"
    for who, args in ((PETUGAS, ""), (KASI, f"koordinasikan dengan Seksi Lantaskim; {said}"),
                      (SEKSI["lantaskim"], "benar BAP W18.IMI.IMI.3-PW.01.01-0042 2026-12-01 "
                                           f"petugas loket lalai; {said}"),
                      (SEKSI["lantaskim"], f"pembinaan; {said}"), (PENYUSUN, "")):
        assert TelegramUser(client, who).send(f"/tahap {ticket} {args}".strip()) == "officer"
    assert TelegramUser(client, PENYUSUN).send(f"/dokumen {ticket}") == "officer"
    deliver(runtime)
    documents = documents_in(tg_server, PENYUSUN)
    assert f"Laporan_Pengaduan_{ticket}.pdf" in documents
    assert "sudah kami hubungi" in documents[f"Laporan_Pengaduan_{ticket}.pdf"]
    for name, text in documents.items():
        assert "7770" not in digits(text), name
        if mode != "named":
            assert "Mappaturung" not in text, name
    assert ("Mappaturung" in documents[f"Laporan_Pengaduan_{ticket}.pdf"]) is (mode == "named")
