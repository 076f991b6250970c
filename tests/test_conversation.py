"""Conversation transcripts through the real Flask app and signed Twilio webhooks."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from storage.models import Attachment, Complaint, ConversationState, OutboxItem, StageEvent
from tests.support.intake import walk
from tests.support.twilio_chat import TwilioSender, verify_dialog

TICKET = re.compile(r"TRK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}")


def file_complaint(phone: TwilioSender, story: str = "Paspor saya sudah 3 minggu belum jadi",
                   type_choice: str = "1") -> tuple[str, str]:
    """Go through the whole intake (anonymously); return (ticket, pin)."""
    phone.say("halo")
    phone.say("1")
    phone.say(story)
    phone.say("lanjut")
    reply = walk(phone.says, phone.says(type_choice))
    ticket = TICKET.search(reply).group(0)
    pin = re.search(r"PIN: \*?(\d{6})", reply).group(1)      # no bold markers on SMS
    return ticket, pin


def count(runtime, model) -> int:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return unit.session.scalar(select(func.count()).select_from(model))


def only_complaint(runtime) -> Complaint:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        complaint = unit.session.scalars(select(Complaint)).one()
        _ = complaint.attachments, complaint.events, complaint.complainant
        return complaint


def state_of(runtime) -> ConversationState:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return unit.session.scalars(select(ConversationState)).one()


def pauses(runtime, status: str | None = None) -> list[OutboxItem]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return [i for i in unit.outbox_items(kind="pause") if status in (None, i.status)]


def test_first_contact_is_short_and_privacy_is_one_word_away(phone):
    reply = phone.says("halo")
    assert "Selamat datang" in reply and "balas *privasi*" in reply
    assert "UU No. 27 Tahun 2022" not in reply          # the full notice only on request
    greeting = reply.split("\n---\n")[0]
    assert len(greeting.splitlines()) == 3
    for option in ("1. Sampaikan pengaduan", "2. Cek status pengaduan", "3. Informasi layanan",
                   "4. Bicara dengan petugas"):
        assert option in reply
    notice = phone.says("privasi")
    assert "UU No. 27 Tahun 2022" in notice and "infoimigrasitarakan@gmail.com" in notice
    assert "Apa yang bisa kami bantu?" not in notice


def test_filing_a_complaint_in_indonesian(phone, runtime):
    verify_dialog(phone, [
        ("Selamat pagi", ["Apa yang bisa kami bantu?"]),
        ("1", ["Ceritakan apa yang terjadi"]),
        ("sy udh 3 mgg paspor blm jd", []),
        ("lanjut", ["Pengaduan Anda tentang apa?", "1. Layanan paspor", "10. Lainnya"]),
        ("layanan paspor", ["Nomor permohonan paspor Anda, bila ada?", "1. Lewati"]),
        ("AB1234567", ["Kapan kejadiannya?", "12 Nov 2026"]),
        ("12/11/2026", ["Di mana kejadiannya?", "2. Pelabuhan Malundung"]),
        ("pelabuhan malundung", ["Siapa atau unit mana"]),
        ("petugas loket 3, bapak berkacamata", ["Ada bukti?"]),
        ("ga ada", ["Apa yang Anda harapkan", "paspor segera diterbitkan"]),
        ("paspor sy segera selesai", ["Bagaimana identitas Anda dicatat?",
                                      "Pakai nama \"Budi Santoso\""]),
        ("1", ["Periksa pengaduan Anda", "*Jenis:* Layanan paspor", "*Nomor permohonan:* AB1234567",
               "*Waktu:* 12 Nov 2026", "*Tempat:* Pelabuhan Malundung",
               "*Harapan:* paspor sy segera selesai", "*Identitas:* Budi Santoso",
               "1. Kirim pengaduan"]),
        ("setuju", ["Pengaduan Anda tercatat", "Nomor tiket: *TRK-", "PIN: *",
                    "dalam 10 menit", "Perkembangan pentingnya kami kabarkan di percakapan ini",
                    "paling lambat"]),
    ])
    complaint = only_complaint(runtime)
    assert TICKET.fullmatch(complaint.ticket)
    assert complaint.type == "paspor" and complaint.type_source == "complainant"
    assert complaint.description == "sy udh 3 mgg paspor blm jd"
    assert complaint.place == "seaport" and complaint.place_detail is None
    assert complaint.incident_date.isoformat() == "2026-11-12"
    assert complaint.reported_party == "petugas loket 3, bapak berkacamata"
    assert complaint.reference_number == "AB1234567"
    assert complaint.desired_outcome == "paspor sy segera selesai"
    assert complaint.reporter_name == "Budi Santoso" and complaint.identity_mode == "named"
    assert complaint.channel == "whatsapp" and complaint.stage == "received"
    assert [(e.from_stage, e.to_stage, e.actor_role) for e in complaint.events] == [
        (None, "received", "complainant")]
    assert complaint.complainant.consent_at is not None
    assert complaint.complainant.address == "+6281234567890"


def test_filing_in_english_is_answered_in_english(phone, runtime):
    verify_dialog(phone, [
        ("Hello, I need help please", ["Welcome", "reply *privacy*", "1. File a complaint"]),
        ("file a complaint", ["Tell us what happened"]),
        ("The officer at the airport asked me for money to stamp my passport", []),
        ("next", ["What is your complaint about?", "4. Illegal fees, brokers or bribes"]),
        ("4", ["When did it happen?", "12 Nov 2026"]),
        ("today", ["Where did it happen?"]),
        ("Juwata airport", ["Who or which unit"]),
        ("skip", ["Any evidence?"]),
        ("no", ["What would you like us to do?"]),        # a levy's wish (W27)
        ("skip", ["How should we record your identity?"]),
        ("type my name", ["Please type your name."]),
        ("John Smith", ["do you want your identity kept confidential?"]),
        ("yes", ["Please check your complaint", "John Smith (confidential)",
                 "Today (1 Dec 2026)"]),
        ("send", ["Your complaint is recorded", "Ticket number", "each important step in this chat",
                  "never in cash to an officer"]),
    ])
    complaint = only_complaint(runtime)
    assert complaint.language == "en" and complaint.type == "pungli"
    assert complaint.identity_mode == "confidential" and complaint.reporter_name == "John Smith"
    assert complaint.place == "airport"


def test_details_typed_with_a_quick_choice_are_kept(phone, runtime):
    for text in ("halo", "1", "AC di ruang tunggu mati, panas sekali", "lanjut", "8"):
        phone.say(text)
    assert "Di mana" in phone.says("kmrn pagi jam 10an")
    assert "Siapa" in phone.says("di parkiran kantor")
    phone.say("counter 3")
    phone.say("gk ada")
    summary = phone.says("anonim")
    assert "*Waktu:* Kemarin (30 Nov 2026): kmrn pagi jam 10an" in summary
    assert "*Tempat:* Kantor Imigrasi Tarakan (di parkiran kantor)" in summary
    assert "*Pihak diadukan:* counter 3" in summary
    phone.say("1")
    complaint = only_complaint(runtime)
    assert complaint.incident_date.isoformat() == "2026-11-30"
    assert complaint.incident_time_text == "kmrn pagi jam 10an"
    assert (complaint.place, complaint.place_detail) == ("office", "di parkiran kantor")
    assert complaint.reported_party == "counter 3"


def test_a_long_first_message_starts_the_complaint(phone):
    reply = phone.says("selamat siang, saya mau melaporkan calo di depan kantor imigrasi")
    assert "Selamat datang" in reply and "Dicatat sebagai awal pengaduan" in reply


def test_evidence_photos_are_attached_to_the_complaint(phone, runtime):
    for text in ("halo", "1", "Ada calo minta 500rb biar paspor cepat", "lanjut", "4",
                 "hari ini", "1", "1"):
        phone.say(text)
    reply = phone.says("", media=[("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", "image/jpeg")])
    assert "Bukti diterima (1 berkas)" in reply
    reply = phone.says("ini kuitansinya", media=[
        ("https://api.twilio.com/media/ME2", "application/pdf"),
        ("https://api.twilio.com/media/ME3", "image/png")])
    assert "3 berkas" in reply
    assert "Apa yang Anda harapkan" in phone.says("lanjut")   # a levy asks it (W27)
    phone.say("lewati")
    assert "*Bukti:* 3 berkas" in phone.says("3")  # anonymous: no confidentiality question
    phone.say("1")
    complaint = only_complaint(runtime)
    assert [(a.url.rsplit("/", 1)[1], a.content_type) for a in complaint.attachments] == [
        ("ME1", "image/jpeg"), ("ME2", "application/pdf"), ("ME3", "image/png")]


def test_not_understood_repeats_the_options_compactly(phone):
    phone.say("halo")
    reply = phone.says("7")
    assert "Maaf, saya belum mengerti" in reply
    assert "1 Sampaikan pengaduan · 2 Cek status pengaduan" in reply
    assert "\n1. " not in reply                       # not the whole list again
    assert "Apa yang bisa kami bantu?" in phone.says("🤷")         # a gesture: the options again
    assert "belum mengerti" in phone.says("qwerty")
    assert "Ceritakan" in phone.says("sampaikan pengaduan")
    phone.say("antrian sangat panjang")
    phone.say("lanjut")
    assert "Balas dengan angka 1–10" in phone.says("yang mana ya")
    for text in ("8", "1", "1", "lewati"):
        phone.say(text)
    reply = phone.says("qwerty")
    assert "Balas: *lanjut*" in reply and "(1–1)" not in reply
    # a question there is answered instead (evidence is optional; what counts)
    assert "Bukti tidak wajib" in phone.says("hmm apa maksudnya")


def test_help_and_cancel_of_an_empty_draft(phone, runtime):
    phone.say("halo")
    phone.say("1")
    help_text = phone.says("bantuan")
    assert "*batal*" in help_text and "*kembali*" in help_text
    assert "Ceritakan" in help_text                    # the question is asked again
    assert "Dibatalkan" in phone.says("batal")         # nothing to lose: no question
    assert count(runtime, Complaint) == 0
    assert "Apa yang bisa kami bantu?" in phone.says("menu")


def test_editing_an_answer_returns_to_the_summary(phone, runtime):
    for text in ("halo", "1", "AC ruang tunggu mati dan kursi kurang", "lanjut", "8",
                 "hari ini", "1", "lewati", "lanjut"):
        phone.say(text)
    assert "*Tempat:* Kantor Imigrasi Tarakan" in phone.says("3")
    assert "Bagian mana" in phone.says("ubah")
    assert "Di mana kejadiannya?" in phone.says("tempat")
    assert "*Tempat:* Bandara Juwata" in phone.says("3")
    phone.say("1")
    assert only_complaint(runtime).place == "airport"


def test_a_new_type_asks_what_it_needs_and_back_keeps_the_old_answer(phone, runtime):
    for text in ("halo", "1", "AC ruang tunggu mati dan kursi kurang", "lanjut", "8",
                 "hari ini", "1", "lewati", "lanjut"):
        phone.say(text)
    summary = phone.says("anonim")
    assert "Nomor permohonan" not in summary
    phone.say("ubah")
    assert "Pengaduan Anda tentang apa?" in phone.says("jenis")
    assert "*Jenis:* Sarana dan prasarana kantor" in phone.says("kembali")   # nothing lost
    phone.say("ubah")
    phone.say("jenis")
    assert "Nomor permohonan paspor" in phone.says("1")       # the passport type asks it
    assert "Apa yang Anda harapkan" in phone.says("lewati")
    summary = phone.says("paspor segera diterbitkan")
    assert "*Jenis:* Layanan paspor" in summary and "*Harapan:* paspor segera diterbitkan" in summary
    assert "Kapan" not in summary                              # answered already: not asked


def test_status_from_the_filing_number_needs_only_the_ticket(phone):
    ticket, _ = file_complaint(phone)
    reply = phone.says(f"status {ticket}")
    assert ticket in reply and "Diterima, menunggu penelaahan" in reply
    assert "Langkah berikutnya" in reply
    direct = phone.says("status")                  # their only complaint: at once
    assert f"*{ticket}*" in direct and "Status: Diterima" in direct and "Tiket lain?" not in direct


def test_a_ticket_already_taken_is_drawn_again(phone, runtime, monkeypatch):
    """Filing does not look a ticket up first: the unique insert fails and the turn is run
    again with a new one; the complainant sees one filing, under the new ticket."""
    taken, _ = file_complaint(phone)
    fresh = "TRK-2345-6789"
    draws = iter([taken, fresh])
    monkeypatch.setattr("bot.conversation.confirm.new_ticket", lambda code: next(draws))
    ticket, pin = file_complaint(phone, story="Petugas loket membentak saya tanpa alasan")
    assert ticket == fresh and next(draws, None) is None
    with runtime.store.unit() as unit:
        filed = {c.ticket: c for c in unit.session.scalars(select(Complaint))}
        assert set(filed) == {taken, fresh}
        assert "membentak" in filed[fresh].description
        assert [e.to_stage for e in filed[fresh].events] == ["received"]
    assert fresh in phone.says(f"status {fresh}")


def test_status_from_another_number_needs_the_pin(client, runtime, phone):
    ticket, pin = file_complaint(phone)
    other = TwilioSender(client, runtime.config.settings, number="+6289999999999")
    other.say("halo")
    assert "PIN" in other.says(f"status {ticket}")
    wrong = other.says("000000" if pin != "000000" else "111111")
    assert "tidak cocok" in wrong and ticket not in wrong
    assert "PIN" in other.says(f"status {ticket}")
    right = other.says(pin)
    assert ticket in right and "Diterima" in right


def test_a_missing_ticket_and_a_foreign_ticket_get_the_same_answer(client, runtime, phone):
    ticket, _ = file_complaint(phone)
    answers = []
    for number, asked in (("+6289999999998", ticket), ("+6289999999996", "TRK-2222-3333")):
        other = TwilioSender(client, runtime.config.settings, number=number)
        other.say("halo")
        answers.append(other.says(f"status {asked} 123456").replace(asked, "X"))
    assert answers[0] == answers[1]
    assert "tidak cocok" in answers[1] and "Sisa percobaan: 4" in answers[1]
    assert "Lupa PIN" in answers[1]


def test_repeated_wrong_pins_lock_the_lookup(client, runtime, phone):
    ticket, pin = file_complaint(phone)
    other = TwilioSender(client, runtime.config.settings, number="+6289999999997")
    other.say("halo")
    for _ in range(5):
        other.say(f"status {ticket} 000001")
    assert "Terlalu banyak percobaan" in other.says(f"status {ticket} {pin}")


def test_restart_in_the_middle_of_a_conversation_loses_nothing(make_app, db_url):
    app, runtime = make_app(db_url)
    phone = TwilioSender(app.test_client(), runtime.config.settings)
    phone.say("halo")
    phone.say("1")
    phone.say("bandara juwata, petugas imigrasi minta uang")
    phone.say("lanjut")
    runtime.store.dispose()
    app2, runtime2 = make_app(db_url)  # another process on the same database
    phone2 = TwilioSender(app2.test_client(), runtime2.config.settings)
    assert "Kapan kejadiannya?" in phone2.says("4")


def test_coming_back_days_later_offers_to_resume_or_restart(phone, clock):
    phone.say("halo")
    phone.say("1")
    phone.say("paspor rusak waktu dikirim, halaman sobek")
    phone.say("lanjut")
    phone.say("1")
    clock.advance(days=3)
    reply = phone.says("halo")
    assert "Selamat datang kembali" in reply and "paspor rusak" in reply
    assert "1. Lanjutkan" in reply
    assert "Nomor permohonan paspor" in phone.says("1")
    clock.advance(days=3)
    phone.say("halo")
    assert "Apa yang bisa kami bantu?" in phone.says("mulai baru")


def test_filing_outside_service_hours_says_when_the_office_opens(phone, clock):
    clock.advance(days=3, hours=10)  # Friday 4 December 2026, 20:00 WITA
    ticket, _ = file_complaint(phone)
    assert ticket


def test_outside_hours_reply_names_the_next_opening(phone, clock):
    clock.advance(days=3, hours=10)  # Friday 4 December 2026, 20:00 WITA
    for text in ("halo", "1", "antrian sangat panjang dan tidak ada nomor antrian", "lanjut",
                 "8", "1", "1", "1", "lanjut"):
        phone.say(text)
    phone.say("3")
    assert "Senin, 7 Desember 2026 08.00 WITA" in phone.says("1")


def test_information_and_officer_request(phone):
    phone.say("halo")
    topics = phone.says("3")
    assert "Informasi apa" in topics and "1. Paspor baru" in topics
    hours = phone.says("jam layanan")
    assert "Senin–Kamis 08.00–16.00, Jumat 08.00–16.30 WITA" in hours
    assert "Sabtu, Minggu" in hours and "tutup" in hours and "*petugas*" in hours
    assert "sudah kami teruskan" in phone.says("petugas")


def test_sms_channel_uses_the_same_engine(client, runtime):
    sms = TwilioSender(client, runtime.config.settings, number="+6281200000001",
                       channel="sms", profile_name=None)
    ticket, _ = file_complaint(sms)
    complaint = only_complaint(runtime)
    assert complaint.channel == "sms" and complaint.ticket == ticket
    assert count(runtime, StageEvent) == 1 and count(runtime, Attachment) == 0
