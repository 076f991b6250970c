"""Privacy, probing pass of session 16 (helper M): the paths that changed this week.

1. A message that asks for an officer and says what about ("mau bicara dengan petugas, soal …")
   opens the talk and hands the message on at once. When what it says reports a levy or a
   broker, the group's notice of the request must be the leaders-only one (no code, no channel,
   no name or ticket): it was decided before the message itself was read, so the group got the
   open notice, with a named complainant's name and ticket, beside a report only the leaders
   read.
2. A name recorded with `/catat` that still carries a number (a second number, a NIK, a number
   the name reader did not take as the contact) is shown with its numbers masked to officers
   and without them in files: the "Pelapor" line, the register and the report never carry a
   number whole.
3. Words people use for a bribe or a levy in the forms they write them ("sogokan",
   "pungliii") make a message to the officers the leaders'.
4. Logs of a whole filing at DEBUG (WhatsApp, SMS, Telegram; a PIN typed at the wrong moment, a
   number, an e-mail, a NIK and a passport number in the story; failed deliveries) carry none
   of them in clear (a guard: no leak was found).
5. `/inventaris TTTT-BB` and `/rekap` in the group and in a private chat name no confidential
   or anonymous complainant (a guard: no leak was found).
6. An officer kept away from a complaint and then taken off the roster gets nothing of it, and
   the exclusion holds when he is back on the roster (a guard: no leak was found).

On SQLite and PostgreSQL where storage is involved (`bot_app`)."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from bot import identity
from bot.delicate import delicate
from bot.notify import alert_slot
from tests.support.intake import TICKET, walk
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, deliver
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(240)

# Asks for an officer first, then says what about: an agent offering to get an expired
# passport done is a broker (`bot.delicate`), which the conversation's own test for a grievance
# misses once it has taken "paspor saya sudah mati" out as a passport's expiry.
TOLD_BROKER = "mau bicara dengan petugas, soal agen yang bilang paspor saya sudah mati bisa diurus"
CODE = re.compile(r"\bP-\d+\b")


# --- 1. an officer asked for, with a report of a levy or a broker, in one message ---------------
def test_a_request_told_with_a_broker_report_shows_the_group_no_code(bot_app, tg_server,
                                                                    tw_server):
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255507311",
                         profile_name="Marthen Rumbiak")
    phone.says("halo")
    reply = phone.says(TOLD_BROKER)
    # the talk is open, the message handed on; she reads its R-code, never a P-code
    assert re.search(r"\bR-\d+\b", reply) and not CODE.search(reply), reply
    deliver(runtime)
    leaders = "\n".join(tg_server.sent_texts(KASI) + tg_server.sent_texts(KEPALA))
    assert "agen yang bilang" in leaders, leaders
    group = "\n".join(tg_server.sent_texts(OFFICER_CHAT))
    assert "meminta bicara dengan petugas" not in group, group   # nothing of the request
    assert not CODE.search(group) and "/pesan" not in group, group
    assert "WhatsApp" not in group and "agen" not in group, group


def test_a_named_complainant_asking_with_a_broker_report_is_not_named_to_the_group(
        bot_app, tg_server, tw_server):
    """Someone with an ordinary, openly named complaint asks for an officer and reports a
    broker in the same message: the group must not read their name and ticket beside it."""
    app, runtime = bot_app
    name = "Marthen Rumbiak"
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255507322",
                         profile_name=name)
    for said in ("halo", "1", "Paspor saya sudah tiga minggu belum jadi padahal sudah bayar",
                 "lanjut"):
        reply = phone.says(said)
    filed = walk(phone.says, reply, {"Pengaduan Anda tentang apa": "1",
                                     "identitas Anda dicatat": "1"})
    ticket = TICKET.search(filed).group(0)
    with runtime.store.unit() as unit:
        assert unit.complaint_by_ticket(ticket).identity_mode == "named"
    deliver(runtime)
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    phone.says("menu")
    reply = phone.says(TOLD_BROKER)
    assert re.search(r"\bR-\d+\b", reply) and not CODE.search(reply), reply
    deliver(runtime)
    group = "\n".join(tg_server.sent_texts(OFFICER_CHAT)[before:])
    assert group == "", group                         # nothing of the request
    for trace in (ticket, name, "Rumbiak", "agen"):
        assert trace not in group, (trace, group)
    assert not CODE.search(group), group
    leaders = "\n".join(tg_server.sent_texts(KASI))
    assert "agen yang bilang" in leaders and ticket in leaders, leaders


# --- 2. a number left in a /catat name ------------------------------------------------------------
def _complaint(mode: str, name: str) -> SimpleNamespace:
    return SimpleNamespace(identity_mode=mode, reporter_name=name, ticket="TRK-ABCD-EFGH",
                           type="layanan_paspor")


@pytest.mark.parametrize("name", ["Ahmad / 085298765432", "Ahmad ( , 0813 1111 2222)",
                                  "Ahmad NIK 6471012345678901"])
def test_a_number_left_in_a_recorded_name_is_never_shown_whole(name):
    digits = re.findall(r"\d[\d ]{8,}\d", name)[0].replace(" ", "")
    person = SimpleNamespace(channel="telepon", address="+6281234567890", name=None,
                             profile_name=None)
    complaint = _complaint("named", name)
    for shown in (identity.reporter(complaint, person, identity.GROUP),
                  identity.file_label(complaint),
                  str(identity.document_fields(complaint)["complainant_name"])):
        assert "Ahmad" in shown, shown
        assert digits not in re.sub(r"\D", "", shown), shown
        assert digits[-8:-4] not in shown, shown                  # not even its middle
    # files carry no number at all, not even masked
    assert not re.search(r"\d{3}", identity.file_label(complaint))


# --- 3. a bribe or a levy as people write it ------------------------------------------------------
LEVY_OR_CONDUCT = [
    "soal sogokan di loket paspor", "ada pungliii di loket", "disuruh kasih suapan biar cepat",
    "pak Joko di loket yang minta dikasih amplop biar cepat",
    "titipan uang ke petugas supaya antrian didahulukan",
    "ada yang menawarkan jasa urus paspor di depan kantor",
    "ada yg bilang bisa bantu biar paspor cepat jadi asal transfer",
    "saya dimarahin petugas loket waktu ambil paspor kemarin",
    "petugas yang mabuk waktu jaga di pelabuhan kemarin malam",
    "Someone at the gate offered to speed up my visa for a fee",
    "An officer took my passport and asked for a gift",
    "The officer at counter 3 touched me inappropriately"]


@pytest.mark.parametrize("text", LEVY_OR_CONDUCT)
def test_a_bribe_a_levy_or_conduct_as_people_write_it_is_for_the_leaders(text):
    assert delicate(text), text


@pytest.mark.parametrize("text", [
    "paspor saya sudah jadi", "loketnya ramai sekali",
    "saya marah karena paspor belum jadi", "dokumen dimasukkan ke amplop coklat",
    "saya mau paspor cepat jadi, bayar di bank", "bayar PNBP supaya paspor jadi",
    "he grabbed my bag by mistake", "saya titip dokumen ke petugas supaya diurus"])
def test_ordinary_words_stay_ordinary(text):
    from bot.delicate import delicate_kind
    assert not delicate(text) and delicate_kind(text) is None, text


@pytest.mark.parametrize("text", [LEVY_OR_CONDUCT[3], LEVY_OR_CONDUCT[7]])
def test_an_envelope_or_a_scolding_told_in_an_open_talk_reaches_the_leaders_only(
        bot_app, tg_server, tw_server, text):
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255507333")
    phone.says("halo")
    phone.says("mau bicara sama petugas")
    deliver(runtime)
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    phone.says(text)
    deliver(runtime)
    assert tg_server.sent_texts(OFFICER_CHAT)[before:] == []
    assert text in "\n".join(tg_server.sent_texts(KASI))


def test_a_catat_name_with_two_numbers_shows_neither_whole(bot_app, tg_server, tw_server):
    """'Bpk. Ahmad (0812-3456-7890 / 0852-9876-5432)': the first number becomes the contact;
    the second stayed in the name, whole, in the group's alert, /lihat and the register."""
    from tests.test_kept_documents import sent_files
    from tests.test_privacy_register import tables
    from tests.support.telegram import PETUGAS, TelegramUser
    app, runtime = bot_app
    desk = TelegramUser(app.test_client(), PETUGAS)
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    for said in ("/catat", "Telepon", "Bpk. Ahmad (0812-3456-7890 / 0852-9876-5432)", "ya",
                 "Layanan paspor", "Pelapor bilang paspornya sdh 3 mgg blm jadi pdhl sdh bayar",
                 "kanim", "kmrn", "simpan"):
        assert desk.send(said) == "officer", said
    deliver(runtime)
    ticket = TICKET.findall("\n".join(tg_server.sent_texts(OFFICER_CHAT)[before:]))[-1]
    with runtime.store.unit() as unit:
        c = unit.complaint_by_ticket(ticket)
        assert c.identity_mode == "named" and "Ahmad" in c.reporter_name
    group = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT, chat_type="supergroup")
    assert group.send(f"/lihat {ticket}") == "officer"
    assert group.send("/inventaris") == "officer"
    deliver(runtime)
    read = "\n".join(tg_server.sent_texts(OFFICER_CHAT)[before:])
    assert "Bpk. Ahmad" in read, read
    for digits in ("98765432", "34567890"):
        assert digits not in re.sub(r"\D", "", read.replace(ticket, "")), read
    files = [(n, b) for n, b, _ in sent_files(tg_server, OFFICER_CHAT) if "Register" in n]
    assert files
    for name, content in files:
        cells = [cell for rows in tables(name, content).values() for row in rows for cell in row]
        row = [cell for cell in cells if "Ahmad" in cell]
        assert row, name
        assert not any(re.search(r"\d{4}", cell) for cell in row), row


# --- 4. logs at DEBUG over a whole filing, on every phone channel and Telegram -------------------
EMAIL_LOCAL = "yakobus.tandirerung"
NIK = "6471052304880003"
PASSPORT = "C4417293"
STORY_NUMBER = "081349907218"


def _story(extra: str) -> str:
    return (f"Paspor saya {PASSPORT} sudah tiga minggu belum jadi padahal sudah bayar, NIK "
            f"{NIK}, hubungi {STORY_NUMBER} atau {EMAIL_LOCAL}@gmail.com {extra}")


@pytest.mark.parametrize("channel", ["whatsapp", "sms", "telegram"])
def test_a_whole_filing_logged_at_debug_keeps_every_trace_masked(bot_app, tg_server, tw_server,
                                                                  caplog, channel):
    import logging

    from handlers import logsafe
    from tests.support.telegram import TelegramUser, file_on_telegram
    app, runtime = bot_app
    logsafe.install(runtime.config.settings)
    caplog.set_level(logging.DEBUG)
    number, chat_id = "+6281255509876", 7300400599
    try:
        if channel == "telegram":
            user = TelegramUser(app.test_client(), chat_id, first_name="Yakobus")
            ticket = file_on_telegram(user, runtime, story=_story("telegram"))
            said = user.send
        else:
            phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                                 channel=channel, profile_name="Yakobus Tandirerung")
            for text in ("halo", "1", _story(channel)):
                reply = phone.says(text)
            reply = phone.says("lanjut")
            ticket = TICKET.search(walk(phone.says, reply, {"Pengaduan Anda tentang apa": "1"})
                                   ).group(0)
            said = phone.says
        with runtime.store.unit() as unit:
            assert unit.complaint_by_ticket(ticket) is not None
        # deliveries that fail, with providers' errors that quote what they were given
        tg_server.fail_next("sendMessage", status=500, times=3)
        tw_server.fail_next(status=400, code=21211, times=3, endpoint=None,
                            message=f"The 'To' number {number} is not a valid phone number")
        deliver(runtime)
        # a PIN typed at the wrong moment: at the menu, with the ticket and without the word
        said(f"{ticket} 417 293")
        said("pin saya 417293")
        said("status")
        said(f"{ticket} 417293")
        deliver(runtime)
        logged = "\n".join(caplog.handler.format(r) for r in caplog.get_records("call"))
        assert logged
        assert "attempt" in logged or "telegram update" in logged, logged
        joined = re.sub(r"[\s.\-()]", "", logged)          # numbers however they were split
        for trace in (NIK, STORY_NUMBER[1:], number[3:], str(chat_id), "417293"):
            assert trace not in joined, (trace, [ln for ln in logged.splitlines()
                                                 if trace[-4:] in ln][:3])
        for trace in (EMAIL_LOCAL, PASSPORT, PASSPORT.lower()):
            assert trace not in logged, (trace, [ln for ln in logged.splitlines()
                                                 if trace in ln][:3])
    finally:
        logsafe.uninstall()


# --- 5. /inventaris with a month and /rekap: concealed complainants --------------------------------
def test_inventaris_of_a_month_and_rekap_name_no_concealed_complainant(bot_app, tg_server,
                                                                       tw_server, clock):
    from tests.test_kept_documents import sent_files
    from tests.test_privacy_register import tables
    from tests.support.telegram import PETUGAS, TelegramUser, file_on_telegram
    app, runtime = bot_app
    # confidential: a WhatsApp complainant named by their profile, made confidential
    number, profile = "+6281255504411", "Mama Ikan Tarakan"
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name=profile)
    for said in ("halo", "1", "Paspor saya belum jadi, nama saya Yulita Pasande hp "
                 "0813-4990-7777", "lanjut"):
        reply = phone.says(said)
    confidential = TICKET.search(walk(phone.says, reply, {"Pengaduan Anda tentang apa": "1",
                                                          "identitas Anda dicatat": "1"})).group(0)
    with runtime.store.unit() as unit:
        unit.complaint_by_ticket(confidential).identity_mode = "confidential"
    # anonymous, on Telegram, with a first name and a chat id
    chat_id = 7300400577
    anonymous = file_on_telegram(TelegramUser(app.test_client(), chat_id,
                                              first_name="Yulianus Pakage"), runtime,
                                 story="Paspor saya tiga minggu belum jadi, saya Yulianus Pakage",
                                 answers={"identitas Anda dicatat": "anonim"})
    # the group's files count both from their alerts' slot on (bot.desk.privacy.released)
    clock.now = alert_slot(runtime.config.office_config, clock())
    month = clock.now.strftime("%Y-%m")
    group = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT, chat_type="supergroup")
    assert group.send(f"/inventaris {month}") == "officer"
    assert group.send(f"/rekap {month}") == "officer"
    assert TelegramUser(app.test_client(), PETUGAS).send(f"/inventaris {month}") == "officer"
    deliver(runtime)
    files = sent_files(tg_server, OFFICER_CHAT) + sent_files(tg_server, PETUGAS)
    assert {n for n, _, _ in files} >= {f"Register_Pengaduan_{month}.csv",
                                         f"Rekap_Pengaduan_{month}.xlsx"}
    seen = 0
    for name, content, caption in files:
        if name.endswith(".png"):
            continue
        text = "\n".join(cell for rows in tables(name, content).values() for row in rows
                         for cell in row) + caption
        seen += confidential in text and anonymous in text
        joined = re.sub(r"[\s.\-()]", "", text)
        for trace in ("Yulita", "Pasande", "Mama Ikan", "Yulianus", "Pakage", str(chat_id),
                      number[3:], "81349907777"):
            assert trace not in text and trace not in joined, (name, trace)
    assert seen >= 2


# --- 6. an officer kept away, then taken off the roster -------------------------------------------
def test_an_officer_kept_away_and_then_taken_off_the_roster_still_reads_nothing_of_it(
        bot_app, make_app, db_url, tg_server, tw_server, tmp_path):
    """Petugas Pengaduan is kept away from a complaint (/kecualikan), then leaves the office
    (config.yml without him, the app restarted) but stays in the group: neither his own chat
    nor the group's files give him the complaint, and back on the roster the exclusion holds."""
    from pathlib import Path

    import yaml

    from tests.test_kept_documents import sent_files
    from tests.support.telegram import PETUGAS, TelegramUser, channel_env, file_on_telegram
    app, runtime = bot_app
    ticket = file_on_telegram(TelegramUser(app.test_client(), 555_181), runtime,
                              story="Paspor saya tiga minggu belum jadi padahal sudah lunas")
    assert TelegramUser(app.test_client(), KASI).send(
        f"/kecualikan {ticket} {PETUGAS} kerabat pelapor") == "officer"
    config = yaml.safe_load(Path("config.yml").read_text(encoding="utf-8"))
    kept = [o for o in config["roster"] if o["telegram_id"] == PETUGAS]
    config["roster"] = [o for o in config["roster"] if o["telegram_id"] != PETUGAS]
    path = tmp_path / "config-without.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    app2, runtime2 = make_app(db_url, ADUAN_CONFIG=str(path), **channel_env(tg_server, tw_server))
    deliver(runtime2)
    told = len(tg_server.sent_texts(PETUGAS))
    gone = TelegramUser(app2.test_client(), PETUGAS)
    gone.send(f"/lihat {ticket}")
    gone.send(f"/dokumen {ticket}")
    gone.send("/inventaris")
    deliver(runtime2)
    for text in tg_server.sent_texts(PETUGAS)[told:]:
        assert "tiga minggu" not in text and "kerabat" not in text, text
    assert not [n for n, _, _ in sent_files(tg_server, PETUGAS)]
    # the group he still reads: the register leaves the complaint out
    group = TelegramUser(app2.test_client(), KASI, chat_id=OFFICER_CHAT, chat_type="supergroup")
    assert group.send("/inventaris") == "officer"
    deliver(runtime2)
    # (no row left to list: no file at all, the summary counts it as not detailed)
    csvs = [content for n, content, _ in sent_files(tg_server, OFFICER_CHAT) if n.endswith(".csv")]
    assert not any(ticket in content.decode("utf-8-sig") for content in csvs)
    said = [t for t in tg_server.sent_texts(OFFICER_CHAT) if t.startswith("📊 Inventaris")]
    assert said and "tidak dirinci di grup" in said[-1] and ticket not in said[-1], said
    # back on the roster (as another role, say), the exclusion still holds
    config["roster"] += [{**kept[0], "role": "penyusun_laporan"}]
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    app3, _ = make_app(db_url, ADUAN_CONFIG=str(path), **channel_env(tg_server, tw_server))
    assert TelegramUser(app3.test_client(), PETUGAS).send(f"/lihat {ticket}") == "refused"


# --- 7. a PIN typed into a new story --------------------------------------------------------------
def test_a_pin_typed_into_a_new_story_is_masked_for_every_reader(bot_app, tg_server, tw_server):
    """A person checks an earlier complaint while writing a new story ("pengaduan saya yg lalu
    TRK-… pin 304 290 gimana"): the message log masked the PIN, but the line joined the story,
    and the group's alert printed the earlier complaint's ticket with its PIN in clear."""
    from tests.support.telegram import TelegramUser
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255507344")
    for said in ("halo", "1", "Paspor saya sudah tiga minggu belum jadi padahal sudah bayar",
                 "lanjut"):
        reply = phone.says(said)
    first = walk(phone.says, reply, {"Pengaduan Anda tentang apa": "1"})
    ticket, pin = TICKET.search(first).group(0), re.search(r"PIN\W*(\d{6})", first).group(1)
    for said in ("menu", "1", "Antrian di loket sangat lama, saya menunggu 4 jam",
                 f"oh iya pengaduan saya yg lalu {ticket} pin {pin[:3]} {pin[3:]} gimana",
                 f"pin saya {pin}", "lanjut"):
        reply = phone.says(said)
    summary = walk(phone.says, phone.says("1"), {"Pengaduan Anda tentang apa": "1"})
    assert "Periksa pengaduan" in summary, summary
    second = TICKET.findall(phone.says("1"))[-1]
    assert second != ticket
    group = TelegramUser(app.test_client(), KASI, chat_id=OFFICER_CHAT, chat_type="supergroup")
    assert group.send(f"/lihat {second}") == "officer"
    assert TelegramUser(app.test_client(), KASI).send(f"/lihat {second}") == "officer"
    deliver(runtime)
    read = tg_server.sent_texts(OFFICER_CHAT) + tg_server.sent_texts(KASI)
    assert any("Antrian di loket" in t for t in read)
    for text in read:
        assert pin not in re.sub(r"[\s.\-]", "", text), text
