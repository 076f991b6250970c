"""'Talk to an officer' gets an answer: /pesan reaches someone who has no ticket yet."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from storage.models import OfficerAction
from tests.support.telegram import (KASI, OFFICER_CHAT, PETUGAS, PENYUSUN, TelegramUser, deliver,
                                    file_on_telegram)
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(90)
CITIZEN = 555_003
STRANGER = 999_998


def group_officer(app, user_id: int) -> TelegramUser:  # type: ignore[no-untyped-def]
    return TelegramUser(app.test_client(), user_id, chat_id=OFFICER_CHAT, chat_type="supergroup")


def request_code(tg_server) -> str:  # type: ignore[no-untyped-def]
    alert = next(t for t in tg_server.sent_texts(OFFICER_CHAT) if "meminta bicara" in t)
    return re.search(r"/pesan (T-\d+) teks", alert).group(1)


def test_an_officer_answers_a_whatsapp_request_without_a_ticket(bot_app, tg_server, tw_server):
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700011")
    phone.say("halo")
    assert "sudah kami teruskan" in phone.says("4")
    deliver(runtime)
    code = request_code(tg_server)
    answer = group_officer(app, PETUGAS).send(f"/pesan {code} Selamat siang, ada yang bisa kami bantu?")
    assert answer == "officer"
    deliver(runtime)
    [sent] = tw_server.sent_messages(to="whatsapp:+6281377700011")
    assert "Selamat siang, ada yang bisa kami bantu?" in sent.params["Body"]
    assert "Pesan dari petugas" in sent.params["Body"]


def test_an_answer_within_the_quiet_period_is_not_followed_by_the_relay_ack(
        bot_app, tg_server, tw_server, clock):
    """The person writes, an officer answers at once: "✅ Diteruskan ke petugas" would arrive
    after the answer (it waits for the person to stop typing), so it is not sent."""
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700012")
    phone.say("halo")
    phone.say("4")
    assert phone.says("paspor anak sy hilang, hrs gmn ya?") == ""    # the ack waits
    deliver(runtime)
    code = request_code(tg_server)
    group_officer(app, PETUGAS).send(f"/pesan {code} Bawa surat kehilangan dari polisi.")
    clock.advance(seconds=60)
    deliver(runtime)
    bodies = [m.params["Body"] for m in tw_server.sent_messages(to="whatsapp:+6281377700012")]
    assert len(bodies) == 1 and "Bawa surat kehilangan" in bodies[0]
    assert "Diteruskan ke petugas" not in "".join(bodies)
    phone.say("baik, terima kasih pak")          # the next relay is acknowledged again
    clock.advance(seconds=60)
    deliver(runtime)
    assert "Diteruskan ke petugas" in tw_server.sent_messages(to="whatsapp:+6281377700012")[-1] \
        .params["Body"]


def test_the_answer_to_an_officers_question_on_a_ticket_reaches_the_officers(bot_app, tg_server,
                                                                            clock):
    """/balas often asks something ("do you remember the time?"): the complainant's answer goes
    to the officers, not into a new complaint's draft."""
    from bot.notify import alert_slot
    app, runtime = bot_app
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime, answers={"identitas Anda dicatat": "anonim"})
    # anonymous: the group acts on it from its alert's slot on (bot.desk.privacy.released)
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    assert group_officer(app, PETUGAS).send(
        f"/balas {ticket} Apakah Anda ingat jam berapa kejadiannya?") == "officer"
    deliver(runtime)
    asked = tg_server.sent_texts(CITIZEN)[-1]
    assert "ingat jam berapa" in asked and "Balas di sini untuk menjawab petugas" in asked
    citizen.send("sekitar jam 9 pagi pak, di loket 2")
    deliver(runtime)
    assert "awal pengaduan" not in tg_server.sent_texts(CITIZEN)[-1]
    # under the ticket asked on (anonymous): never the person's fixed P-code (privacy, s25b)
    relayed = [t for t in tg_server.sent_texts(OFFICER_CHAT) if f"Jawaban pelapor {ticket}" in t]
    assert relayed and "sekitar jam 9 pagi pak, di loket 2" in relayed[-1]


def test_a_progress_update_asks_nothing_and_opens_no_conversation(bot_app, tg_server):
    app, runtime = bot_app
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    assert group_officer(app, KASI).send(f"/kabar {ticket} Berkas Anda sedang dicek.") == "officer"
    deliver(runtime)
    assert "Balas di sini" not in tg_server.sent_texts(CITIZEN)[-1]
    with runtime.store.unit() as unit:
        assert unit.live_contact_requests() == []


def test_an_officer_answers_a_telegram_request_in_english(bot_app, tg_server):
    app, runtime = bot_app
    citizen = TelegramUser(app.test_client(), CITIZEN)
    citizen.send("Hello, I need help please")
    citizen.send("Talk to an officer")
    deliver(runtime)
    code = request_code(tg_server)
    group_officer(app, PETUGAS).send(f"/pesan {code} Hello, how can we help?")
    deliver(runtime)
    last = tg_server.sent_texts(CITIZEN)[-1]
    assert "A message from the officers" in last and "Hello, how can we help?" in last


def test_pesan_is_refused_to_strangers_and_wrong_roles_and_logged(bot_app, tg_server, tw_server):
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700012")
    phone.say("halo")
    phone.say("4")
    deliver(runtime)
    code = request_code(tg_server)
    assert group_officer(app, STRANGER).send(f"/pesan {code} halo") == "refused"
    assert group_officer(app, PENYUSUN).send(f"/pesan {code} halo") == "refused"
    assert group_officer(app, PETUGAS).send("/pesan 12 halo") == "refused"
    assert group_officer(app, PETUGAS).send("/pesan P-999999 halo") == "refused"
    deliver(runtime)
    answers = tg_server.sent_texts(OFFICER_CHAT)
    assert any("tidak terdaftar" in a for a in answers)
    assert any("Perintah ini hanya untuk" in a for a in answers)
    assert any("Cara pakai: /pesan" in a for a in answers)
    # from the group, a code nobody has reads what any talk not open in the group reads
    assert any("Tidak ada percakapan terbuka dengan P-999999" in a for a in answers)
    with runtime.store.unit() as unit:
        logged = list(unit.session.scalars(select(OfficerAction).where(OfficerAction.action == "message")))
    assert [a.allowed for a in logged] == [False, False, False, False]
    assert tw_server.sent_messages(to="whatsapp:+6281377700012") == []


def test_permintaan_lists_the_live_requests_without_identities(bot_app, tg_server, tw_server):
    """Officers see who is still waiting for an answer (longest first) and who was answered,
    by code, channel and time only: no name, number or ticket in the group."""
    app, runtime = bot_app
    officer = group_officer(app, PETUGAS)
    assert officer.send("/permintaan") == "officer"
    deliver(runtime)
    assert "Tidak ada permintaan" in tg_server.sent_texts(OFFICER_CHAT)[-1]

    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700013",
                         profile_name="Siti Rahmawati")
    phone.say("halo")
    phone.say("4")
    deliver(runtime)
    first = request_code(tg_server)
    citizen = TelegramUser(app.test_client(), CITIZEN)
    citizen.send("Halo, saya perlu bantuan")
    citizen.send("Bicara dengan petugas")
    deliver(runtime)
    second = [re.search(r"/pesan (T-\d+) teks", t).group(1)
              for t in tg_server.sent_texts(OFFICER_CHAT) if "meminta bicara" in t][-1]
    assert second != first
    officer.send(f"/pesan {second} Selamat siang, ada yang bisa kami bantu?")
    deliver(runtime)

    assert officer.send("/permintaan") == "officer"
    deliver(runtime)
    listing = tg_server.sent_texts(OFFICER_CHAT)[-1]
    assert "1 menunggu jawaban" in listing
    assert listing.index(first) < listing.index(second)        # the unanswered one first
    line_first = next(l for l in listing.splitlines() if first in l)
    line_second = next(l for l in listing.splitlines() if second in l)
    # no channel beside a talk the group reads, for anyone (an anonymous complaint's alert
    # reads "Kanal: Dirahasiakan"): tests/test_privacy_s40a_codes.py
    assert "WhatsApp" not in line_first and "menunggu" in line_first
    assert "Telegram" not in line_second and "dijawab oleh" in line_second
    for secret in ("6281377700013", "Siti", "Rahmawati", str(CITIZEN)):
        assert secret not in listing
    assert "/pesan KODE" in listing and "/tutup KODE" in listing and not re.search(r"\bP-\d+", listing)

    assert group_officer(app, PENYUSUN).send("/permintaan") == "refused"
    officer.send(f"/tutup {first}")
    deliver(runtime)
    officer.send("/permintaan")
    deliver(runtime)
    listing = tg_server.sent_texts(OFFICER_CHAT)[-1]
    assert first not in listing and second in listing and "semua sudah dijawab" in listing


def test_officers_are_told_the_complainant_writes_english(bot_app, tg_server):
    """Their /balas and /kabar reach the complainant as written: they should write English."""
    app, runtime = bot_app
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime, story="I want to complain: my passport renewal "
                              "has been pending for three weeks without any news",
                              answers={"What is your complaint about": "1"})
    deliver(runtime)
    [alert] = [t for t in tg_server.sent_texts(OFFICER_CHAT) if ticket in t and "baru" in t]
    assert "Bahasa pelapor: Inggris" in re.sub(r"<[^>]+>", "", alert)
    group_officer(app, PETUGAS).send(f"/lihat {ticket}")
    deliver(runtime)
    assert "Bahasa pelapor: Inggris" in re.sub(r"<[^>]+>", "", tg_server.sent_texts(OFFICER_CHAT)[-1])
