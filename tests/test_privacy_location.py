"""A shared location (a map pin) follows the identity table, like a photo's GPS.

A pin sent anywhere but as the answer to "where did it happen?" (at the menu, in the story) is
most likely where the person is: their home. It joins the story, but only a reader who may see
the complainant's identity reads its place and coordinates (README, "Privacy": the group and
every officer for a named complainant, Kasi Tikkim and Kepala Kantor in private for a
confidential one, nobody for an anonymous one); files (documents, the register, the recap)
never carry it, as they never carry a number. A pin given as the answer to "where?" is the
incident's place, which the section needs: everyone reads it."""
from __future__ import annotations

import io
import logging
import re

import pytest
from openpyxl import load_workbook

from bot.notify import alert_slot
from handlers import logsafe
from tests.fakes import telegram_updates as tu
from tests.support.intake import walk
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS, SEKSI,
                                    TelegramUser, deliver, next_update_id)
from tests.support.twilio_chat import TwilioSender
from tests.test_sop_end_to_end import docx_text, pdf_text_of

pytestmark = pytest.mark.timeout(180)
LAT, LON, STREET = "3.3012345", "117.6354321", "Jl. Mawar Gang Melati"
STORY = "Paspor saya sudah lima minggu belum jadi padahal sudah bayar"
IDENTITY = {
    "anonymous": {"identitas Anda dicatat": "anonim"},
    "confidential": {"identitas Anda dicatat": "rahasiakan",
                     "Tulis nama Anda": "Daeng Mappaturung"},
    "named": {"identitas Anda dicatat": "1", "Tulis nama Anda": "Daeng Mappaturung"},
}


def file_with_a_pin_on_whatsapp(app, runtime, mode: str) -> str:  # type: ignore[no-untyped-def]
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700901")
    phone.say("halo")
    phone.say("", Latitude=LAT, Longitude=LON, Address=STREET)        # at the menu: home?
    phone.say(STORY)
    answers = {**IDENTITY[mode], "Pengaduan Anda tentang apa": "1"}
    filed = walk(phone.says, phone.says("lanjut"), answers)
    return re.search(r"TRK-[\w-]{9}", filed).group(0)


def file_with_a_pin_on_telegram(app, runtime, mode: str) -> str:  # type: ignore[no-untyped-def]
    user_id = 555_901
    client = app.test_client()
    citizen = TelegramUser(client, user_id)

    def say(text: str) -> str:
        assert citizen.send(text) == "complainant"
        with runtime.store.unit() as unit:
            return unit.outbox_items(kind="reply", address=str(user_id))[-1].body

    say("halo")
    say("Sampaikan pengaduan")
    say(STORY)
    update = tu.make_text_update(next_update_id(), user_id, user_id, "")     # in the story
    del update["message"]["text"]
    update["message"]["location"] = {"latitude": float(LAT), "longitude": float(LON)}
    assert citizen.post(update).status_code == 200
    answers = {**IDENTITY[mode], "Pengaduan Anda tentang apa": "Layanan paspor"}
    filed = walk(say, say("Lanjut"), answers)
    return re.search(r"TRK-[\w-]{9}", filed).group(0)


def file_text(name: str, content: bytes) -> str:
    if name.endswith(".pdf"):
        return pdf_text_of(content)
    if name.endswith(".docx"):
        return docx_text(content)
    if name.endswith(".xlsx"):
        book = load_workbook(io.BytesIO(content))
        return "\n".join(" | ".join(str(c) for c in row if c is not None)
                         for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
    return content.decode("utf-8-sig", "replace")


def pinned(text: str) -> bool:
    flat = " ".join(text.split())
    return LAT[:6] in flat or LON[:7] in flat or "Mawar" in flat


@pytest.mark.parametrize("channel", ["whatsapp", "telegram"])
@pytest.mark.parametrize("mode", ["anonymous", "confidential", "named"])
def test_a_pin_sent_at_the_menu_follows_the_identity_table(bot_app, tg_server, caplog, clock,
                                                           mode, channel):
    app, runtime = bot_app
    logsafe.install(runtime.config.settings)
    caplog.set_level(logging.DEBUG)
    try:
        filing = file_with_a_pin_on_whatsapp if channel == "whatsapp" \
            else file_with_a_pin_on_telegram
        ticket = filing(app, runtime, mode)
        with runtime.store.unit() as unit:      # kept: the leaders may need it
            assert LAT in unit.complaint_by_ticket(ticket).description
        # the group knows a concealed complaint from its alert's slot (bot.desk.privacy.released)
        clock.now = alert_slot(runtime.config.office_config, clock())
        client = app.test_client()
        group = TelegramUser(client, PETUGAS, chat_id=OFFICER_CHAT, chat_type="supergroup")
        group.send(f"/lihat {ticket}")
        for who in (PETUGAS, KASI, KEPALA):
            TelegramUser(client, who).send(f"/lihat {ticket}")
        for who, args in ((PETUGAS, ""), (KASI, "koordinasikan dengan Seksi Lantaskim"),
                          (SEKSI["lantaskim"], "benar BAP W18.IMI.IMI.3-PW.01.01-0042 "
                                               "2026-12-01 petugas loket lalai"),
                          (SEKSI["lantaskim"], "pembinaan"), (PENYUSUN, "")):
            assert TelegramUser(client, who).send(f"/tahap {ticket} {args}".strip()) == "officer"
        group.send("/inventaris")
        TelegramUser(client, KEPALA).send("/rekap 2026-12")
        deliver(runtime)

        texts = {chat: [t for t in tg_server.sent_texts(chat) if ticket in t]
                 for chat in (OFFICER_CHAT, PETUGAS, KASI, KEPALA)}
        assert texts[OFFICER_CHAT] and texts[PETUGAS] and texts[KASI]
        leaders_see = mode != "anonymous"
        assert any(pinned(t) for t in texts[KASI]) is leaders_see
        assert any(pinned(t) for t in texts[KEPALA]) is leaders_see
        for chat in (OFFICER_CHAT, PETUGAS):
            assert any(pinned(t) for t in texts[chat]) is (mode == "named"), chat
        if mode != "named":
            assert any("lokasi" in t and "tidak ditampilkan" in t
                       for t in texts[OFFICER_CHAT])                      # said to be kept
        files = {}
        for call in tg_server.sent_messages():
            if call.method.lower() == "senddocument":
                upload = call.files["document"]
                files[upload.filename] = file_text(upload.filename, upload.content)
        assert any(name.startswith("Laporan_Pengaduan") for name in files)
        assert any(name.endswith(".xlsx") and "Inventaris" in name or "Register" in name
                   or "Rekap" in name for name in files), list(files)
        assert [name for name, text in files.items() if pinned(text)] == []
        logged = "\n".join(caplog.handler.format(r) for r in caplog.get_records("call"))
        assert not pinned(logged), [line for line in logged.splitlines() if pinned(line)][:3]
    finally:
        logsafe.uninstall()


def test_a_pin_given_as_the_place_is_the_incidents_and_everyone_reads_it(bot_app, tg_server,
                                                                         clock):
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700902")
    for text in ("halo", "1", STORY, "lanjut", "1", "lewati", "kemarin"):
        phone.say(text)
    assert "Siapa atau unit" in phone.says("", Latitude="3.2875", Longitude="117.5853",
                                           Address="Pelabuhan Tengkayu")
    filed = walk(phone.says, phone.says("lewati"), IDENTITY["anonymous"])
    ticket = re.search(r"TRK-[\w-]{9}", filed).group(0)
    clock.now = alert_slot(runtime.config.office_config, clock())      # anonymous: its slot
    TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                 chat_type="supergroup").send(f"/lihat {ticket}")
    deliver(runtime)
    seen = [t for t in tg_server.sent_texts(OFFICER_CHAT) if ticket in t]
    assert any("Tempat: </b>Pelabuhan Tengkayu (3.2875, 117.5853)" in t for t in seen), seen


def test_an_erased_person_and_the_officers_chat_lose_the_pin_too():
    """Erasure (and anonymising after the retention period) forgets where they shared their
    location from; a concealed complainant's pin relayed to the officers' group is hidden."""
    from types import SimpleNamespace

    from bot import identity
    from bot.messages import location_text

    said = f"saya di rumah {location_text(LAT, LON, STREET)} tolong telepon"
    forgotten = identity.forgetting(["Daeng"], "whatsapp", "+6281377700901")(said)
    assert not pinned(forgotten) and "tolong telepon" in forgotten
    person = SimpleNamespace(name=None, profile_name=None)
    concealed = SimpleNamespace(identity_mode="anonymous", reporter_name=None, type="paspor",
                                ticket="TRK-AAAA-BBBB")
    assert not pinned(identity.redact_person(said, [concealed], person))
    named = SimpleNamespace(identity_mode="named", reporter_name="Daeng", type="paspor",
                            ticket="TRK-AAAA-CCCC")
    assert pinned(identity.redact_person(said, [named], person))


def test_a_bare_pin_at_the_menu_starts_a_story(bot_app):
    """A Telegram pin alone at the menu got "Maaf, saya belum mengerti" (a WhatsApp pin with an
    address started a story, by its length). A pin is most likely where something happened:
    the story starts from it, and the person is asked to tell the rest."""
    app, runtime = bot_app
    user_id = 555_902
    citizen = TelegramUser(app.test_client(), user_id)
    assert citizen.send("halo") == "complainant"
    update = tu.make_text_update(next_update_id(), user_id, user_id, "")
    del update["message"]["text"]
    update["message"]["location"] = {"latitude": float(LAT), "longitude": float(LON)}
    assert citizen.post(update).status_code == 200
    with runtime.store.unit() as unit:
        reply = unit.outbox_items(kind="reply", address=str(user_id))[-1].body
        state = unit.conversation("telegram", str(user_id))
        assert state.state == "describe" and LAT in state.data["story"][0]
    assert "Dicatat sebagai awal pengaduan" in reply and "belum mengerti" not in reply
