"""Information that answers: requirements, fees with their source, M-Paspor, hours, contacts."""
from __future__ import annotations

import pytest

from bot.config import ConfigError, load_office_config
from tests.test_units import write_config


@pytest.mark.parametrize("question, expected", [
    ("syarat bikin paspor baru apa aja?", ["*Paspor baru (WNI)*", "Kartu Keluarga"]),
    ("mau perpanjang paspor, bawa apa?", ["*Perpanjang atau ganti paspor*", "paspor lama"]),
    ("paspor sy hilang gimana?", ["*Paspor hilang*", "kepolisian", "BAP"]),
    ("paspor anak sy sobek kena air, gimana?", ["*Paspor rusak*", "beban paspor rusak"]),
    ("berapa biaya paspor elektronik?", ["Rp650.000", "Rp950.000", "kode billing",
                                         "PP No. 28 Tahun 2019", "tidak pernah menerima"]),
    ("cara daftar m-paspor gimana", ["*M-Paspor*", "Kantor Imigrasi Tarakan"]),
    ("sabtu buka ga?", ["*Jam layanan* Senin–Kamis", "Sabtu, Minggu", "tutup"]),
    ("alamat kantornya dimana?", ["Jl. Yos Sudarso No. 1", "08115773337",
                                  "infoimigrasitarakan@gmail.com"]),
    ("how do I renew my passport?", ["*Renewing or replacing a passport*", "old passport"]),
    ("I lost my passport, what should I do?", ["*Lost passport*", "police"]),
    ("How much is the passport fee?", ["Rp650,000", "billing code", "never take cash"]),
    ("my KITAS expires next month, how do I extend my stay permit?",
     ["*Visas and stay permits for foreigners*", "sponsor", "overstaying"]),
    ("where is the immigration office?", ["Jl. Yos Sudarso No. 1", "Phone, WhatsApp, SMS"]),
])
def test_a_question_gets_its_answer_and_a_way_on(phone, question, expected):
    phone.say("halo")
    reply = phone.says(question)
    for fragment in expected:
        assert fragment in reply, f"{fragment!r} not in:\n{reply}"
    assert "*petugas*" in reply or "*officer*" in reply


def test_the_information_menu_by_number(phone):
    phone.say("halo")
    assert "5. Biaya paspor (PNBP)" in phone.says("informasi")
    assert "Rp350.000" in phone.says("5")
    assert "*M-Paspor*" in phone.says("6")                 # another topic from the same list
    assert "Nomor tiket" not in phone.says("menu")


def test_hours_say_whether_the_office_is_open_now_and_the_coming_holidays(phone, clock):
    clock.advance(days=4, hours=-6)                       # Saturday 5 December 2026, 04:00
    phone.say("halo")
    reply = phone.says("jam layanan")
    assert "Saat ini kantor tutup; buka lagi Senin, 7 Desember 2026 08.00 WITA" in reply
    assert "Libur terdekat: 24 Des 2026" in reply and "25 Des 2026" in reply


def test_an_english_reader_gets_the_holidays_named_in_english(phone, clock):
    clock.advance(days=4, hours=-6)                       # Saturday 5 December 2026, 04:00
    phone.say("hello")
    reply = phone.says("What are the office opening hours?")
    assert "Coming closing days: 24 Dec 2026 (Christmas Joint Holiday), 25 Dec 2026 " \
        "(Christmas Day)" in reply, reply
    assert "Natal" not in reply and "Masehi" not in reply


def test_an_unknown_placeholder_in_an_answer_is_refused_at_start_up(tmp_path):
    def change(data):  # type: ignore[no-untyped-def]
        data["informasi"]["topics"]["jam"]["answer"]["id"] = "Buka {jam_buka}"
    with pytest.raises(ConfigError, match=r"informasi\.topics\.jam\.answer.*jam_buka"):
        load_office_config(write_config(tmp_path, change))


def test_referrals_need_lapor(tmp_path):
    def change(data):  # type: ignore[no-untyped-def]
        del data["referrals"]["lapor"]
    with pytest.raises(ConfigError, match=r"referrals\.lapor"):
        load_office_config(write_config(tmp_path, change))


@pytest.mark.parametrize("question, expected, absent", [
    # a question about two things gets both answers: the renewal and what it costs
    ("permisi, biaya perpanjang paspor brp ya skrg?",
     ["*Perpanjang atau ganti paspor*", "*Biaya paspor (PNBP)*", "Rp650.000"], []),
    ("paspor hilang biayanya berapa?", ["*Paspor hilang*", "Beban paspor hilang Rp1.000.000"],
     []),
    # a generic word weighs less than a topic's own words
    ("syarat paspor hilang apa aja", ["*Paspor hilang*"], ["*Paspor baru (WNI)*"]),
    ("kitas syaratnya apa?", ["*Visa dan izin tinggal WNA*"], ["*Paspor baru (WNI)*"]),
    ("kalau paspor anak umur 5 tahun syaratnya apa", ["*Paspor baru (WNI)*", "Anak di bawah 17"],
     []),
    ("paspor anak saya hilang, gimana ngurusnya?", ["*Paspor hilang*"], ["*Paspor baru (WNI)*"]),
    # "berapa" inside "jam berapa" asks the time, not a fee; "berapa" alone asks a number
    ("kantor buka jam berapa?", ["*Jam layanan*"], ["*Biaya paspor (PNBP)*"]),
    ("nomor wa kantor imigrasi tarakan berapa", ["Telepon, WhatsApp, SMS"],
     ["*Biaya paspor (PNBP)*"]),
    ("paspor berapa?", ["*Biaya paspor (PNBP)*"], []),
    # a passport away from the e-KTP's address: not the office's address and contacts
    ("kalau KTP sy masih alamat Nunukan bisa bikin paspor di Tarakan?",
     ["*Paspor di luar domisili*", "kantor imigrasi mana pun", "*Paspor baru (WNI)*"],
     ["Jl. Yos Sudarso"]),
    ("apakah bisa urus paspor di tarakan padahal domisili di berau",
     ["*Paspor di luar domisili*"], ["Jl. Yos Sudarso"]),
    ("alamat kantor imigrasi dimana", ["Jl. Yos Sudarso"], ["*Paspor di luar domisili*"]),
    ("alamat?", ["Jl. Yos Sudarso"], []),
    # a time of day is not a question about the opening hours
    ("kenapa antrian online m paspor selalu penuh padahal sy coba tiap jam 12 malam",
     ["*M-Paspor*"], ["*Jam layanan*"]),
    # Malay, as Tawau and Nunukan write: "nak tanya", "macam mana", "pasport"
    ("boss sy nak tanya macam mana nak buat pasport kat sini", ["*Paspor baru (WNI)*"], []),
    ("macam mana nak perpanjang pasport sy dah nak habis", ["*Perpanjang atau ganti paspor*"],
     ["*Paspor baru (WNI)*"]),
])
def test_questions_as_people_ask_them(phone, question, expected, absent):
    phone.say("halo")
    reply = phone.says(question)
    for fragment in expected:
        assert fragment in reply, f"{fragment!r} not in:\n{reply}"
    for fragment in absent:
        assert fragment not in reply, f"{fragment!r} in:\n{reply}"
    assert reply.count("Ada pertanyaan lain?") == 1          # the way on, said once


@pytest.mark.parametrize("asked, lang", [("biaya perpanjang kitas berapa ya", "id"),
                                         ("how much does it cost to extend my KITAS?", "en"),
                                         ("berapa biaya itas 1 tahun", "id")])
def test_a_stay_permit_s_fee_is_not_answered_with_the_passport_fees(bot_app, asked, lang):
    """"biaya perpanjang kitas berapa" was answered with the passport fee list (Rp650.000 for
    an e-passport…) beside the stay-permit topic: a foreigner could take it for the KITAS fee.
    A fee question naming a visa or stay permit gets the stay-permit fee answer alone."""
    from tests.support.twilio_chat import TwilioSender
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281234579981")
    said = phone.says(asked)
    assert ("Biaya visa dan izin tinggal" if lang == "id" else "Visa and stay permit fees") in said
    assert "650" not in said and "evisa.imigrasi.go.id" in said


def test_the_information_list_shows_only_listed_topics(bot_app):
    from tests.support.twilio_chat import TwilioSender
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281234579982")
    phone.says("halo")
    listing = phone.says("3")
    assert "Visa dan izin tinggal WNA" in listing and "Biaya visa dan izin tinggal" not in listing
