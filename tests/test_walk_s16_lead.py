"""Findings of the lead's walk of 2026-12-04 over real HTTP (SMS, WhatsApp and Telegram):

1. an English speaker who typed the office's name ("Kantor Imigrasi Tarakan", as it is written
   on its sign) was answered in Indonesian from then on, until they wrote another English
   sentence: the name's two Indonesian words switched the conversation;
2. the officers' alert said "terdeteksi otomatis" (detected automatically) for a type the model
   proposed and the complainant confirmed, as if nobody had checked it;
3. "kirim" / "send" typed again right after the complaint was filed (as an SMS user unsure it
   went does) got the bare menu, which says nothing of whether it went.
"""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from bot.conversation.language import detect_language
from bot.notify import confidence_text
from tests.support.intake import TICKET, walk
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)

TYPES = {"10. Lainnya": "1", "10. Other": "1"}      # the list of types (no model): passport
STORY = ("I applied for a new passport three weeks ago at the Tarakan office and there is still "
         "no news. Nobody answers the phone.")


# --- 1. a place's name is no switch to Indonesian ------------------------------------------------
@pytest.mark.parametrize("text", ["Kantor Imigrasi Tarakan", "kantor imigrasi tarakan",
                                  "Kantor Imigrasi Kelas II TPI Tarakan", "Pelabuhan Malundung",
                                  "Bandara Juwata", "at Kantor Imigrasi Tarakan"])
def test_a_place_name_inside_a_conversation_sets_no_language(text):
    assert detect_language(text, sentence_only=True) is None


@pytest.mark.parametrize("text", ["di Kantor Imigrasi Tarakan sy dimarahin petugas",
                                  "paspor sy di kantor imigrasi tarakan blm jadi",
                                  "di kantor imigrasi sy dimarahin"])
def test_indonesian_around_a_place_name_is_still_indonesian(text):
    assert detect_language(text, sentence_only=True) == "id"


def test_an_english_speaker_typing_the_office_name_stays_in_english(person: Person):
    person.says("Hello, good morning")
    person.says("I want to file a complaint")
    person.says(STORY)
    question = person.says("next")
    question = person.says("yes" if "Is that right" in question or "about" in question
                           and "Choose" not in question else "1")
    assert "application number" in question, question
    reply = person.says("Kantor Imigrasi Tarakan")
    assert "application number" in reply and "nomor permohonan" not in reply, reply
    reply = person.says("skip")
    assert "When did it happen?" in reply, reply
    assert "Kantor Imigrasi Tarakan" not in (person.state().data.get("reference") or "")


# --- 2. the alert says who decided the type -------------------------------------------------------
def test_a_proposed_type_confirmed_by_the_complainant_says_so():
    proposed = SimpleNamespace(type_source="nlu", type_confidence=0.89, type_changed_by=None)
    assert confidence_text(proposed) == "89% (usulan otomatis, dibenarkan pelapor)"
    chosen = SimpleNamespace(type_source="complainant", type_confidence=None, type_changed_by=None)
    assert confidence_text(chosen) == "dipilih pelapor"


# --- 3. "kirim" again after filing ------------------------------------------------------------------
@pytest.mark.parametrize("again, lang", [("kirim", "id"), ("ya kirim", "id"), ("send", "en"),
                                         ("sudah terkirim?", "id")])
def test_send_again_after_filing_says_it_went(person: Person, again, lang):
    if lang == "en":
        person.says("Hello, good morning")
        person.says("I want to file a complaint")
        person.says(STORY)
        filed = walk(person.says, person.says("next"), TYPES)
    else:
        person.says("halo")
        person.says("Sampaikan pengaduan")
        person.says("sy udh 3 minggu nunggu paspor blm jadi juga, katanya seminggu")
        filed = walk(person.says, person.says("lanjut"), TYPES)
    ticket = TICKET.search(filed).group(0)
    reply = person.says(again)
    assert ticket in reply, reply
    assert ("sudah terkirim" if lang == "id" else "has been sent") in reply, reply


def test_send_long_after_filing_is_not_taken_for_it(person: Person, clock):
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says("sy udh 3 minggu nunggu paspor blm jadi juga, katanya seminggu")
    walk(person.says, person.says("lanjut"), TYPES)
    clock.advance(minutes=45)
    reply = person.says("kirim")
    assert "sudah terkirim" not in reply, reply


# --- 4. pages full of characters Telegram's HTML escapes ---------------------------------------------
def test_pages_of_escaped_characters_stay_within_telegrams_limit():
    from bot.paging import split
    from bot.rich import Rich
    from handlers.telegram_render import html_from_rich

    header = Rich().b("Riwayat TRK-7K3Q-9MXA\n")
    items = [Rich().code(f"#{i}").t(" catatan: <<biaya>> & <<tiket>> & " * 6 + "\n")
             for i in range(60)]
    pages = split(header, items)
    assert len(pages) > 1
    for page in pages:
        assert len(html_from_rich(page)) <= 4096, len(html_from_rich(page))
    assert sum(html_from_rich(p).count("catatan:") for p in pages) == 60 * 6


# --- 5. the outcome's follow-up in words that fit the complaint -------------------------------------
@pytest.mark.parametrize("kind, follow_up, lang, expected", [
    ("pengawasan_wna", "hukuman", "id", "tindakan administratif keimigrasian terhadap orang asing"),
    ("pengawasan_wna", "pembinaan", "en", "warning to the foreign nationals reported"),
    ("pungli", "hukuman", "id", "sanksi disiplin terhadap pihak terkait"),
    ("paspor", "pembinaan", "en", "coaching and mentoring of those concerned"),
])
def test_the_outcome_names_a_follow_up_that_fits(kind, follow_up, lang, expected):
    from bot.notify import outcome_text
    complaint = SimpleNamespace(verdict="benar", follow_up=follow_up, type=kind)
    text = outcome_text(complaint, lang)
    assert expected in text, text
    if kind == "pengawasan_wna":
        assert "disiplin" not in text and "disciplinary" not in text


@pytest.mark.parametrize("kind", ["sarana_prasarana", "sistem_online"])
def test_a_facility_or_app_outcome_blames_no_one(kind):
    from bot.notify import outcome_text
    text = outcome_text(SimpleNamespace(verdict="benar", follow_up="hukuman", type=kind), "id")
    assert text == "Hasil pemeriksaan: pengaduan Anda terbukti benar dan sudah ditindaklanjuti."


# --- 6. an officer asked for, with what about, in one message -------------------------------------
@pytest.mark.parametrize("text, told", [
    ("Can I speak with an officer please? I have a question about my visa on arrival extension",
     "Your request and your message have been passed on"),
    ("min sy mau bicara dengan petugas, mau tanya soal perpanjangan paspor anak sy yg masih di "
     "bawah umur", "Permintaan dan pesan Anda sudah kami teruskan ke petugas"),
])
def test_asking_for_an_officer_with_a_question_reaches_the_officers(person: Person, tg_server,
                                                                    text, told):
    from tests.support.telegram import OFFICER_CHAT, deliver
    person.says("Hello" if "Can I" in text else "halo")
    reply = person.says(text)
    assert told in reply and re.search(r"\*T-\d{7}\*", reply), reply
    assert person.state().state == "officer"
    deliver(person.runtime)
    group = "\n".join(tg_server.sent_texts(OFFICER_CHAT))
    assert "meminta bicara dengan petugas" in group and text in group, group


# --- 7. a pin sent at another question joins the story under the identity table -----------------
@pytest.mark.parametrize("mode", ["anonymous", "named"])
def test_a_pin_sent_at_when_stays_hidden_from_the_group_of_an_anonymous_complaint(bot_app,
                                                                                  tg_server, mode):
    import re

    from tests.support.telegram import OFFICER_CHAT, TelegramUser, deliver
    from tests.support.twilio_chat import TwilioSender
    from tests.test_privacy_location import IDENTITY, LAT, LON, STREET, pinned

    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700911")
    phone.say("halo")
    phone.say("1")
    phone.say("Paspor saya sudah lima minggu belum jadi padahal sudah bayar")
    question = phone.says("lanjut")
    for _ in range(4):
        if "Kapan kejadiannya" in question:
            break
        question = phone.says("1")
    assert "Kapan kejadiannya" in question, question
    kept = phone.says("", Latitude=LAT, Longitude=LON, Address=STREET)
    assert "Kapan kejadiannya" in kept, kept
    filed = walk(phone.says, phone.says("kemarin"),
                 {**IDENTITY[mode], "Pengaduan Anda tentang apa": "1"})
    ticket = re.search(r"TRK-[\w-]{9}", filed).group(0)
    TelegramUser(app.test_client(), 100000001, chat_id=OFFICER_CHAT,
                 chat_type="supergroup").send(f"/lihat {ticket}")
    deliver(runtime)
    group = [t for t in tg_server.sent_texts(OFFICER_CHAT) if ticket in t]
    assert group
    assert any(pinned(t) for t in group) is (mode == "named"), group


# --- 8. a concealed complaint naming the person's other ticket does not link the two ---------------
def test_an_anonymous_story_naming_an_earlier_ticket_shows_the_group_no_ticket():
    from bot.identity import GROUP, complainant_text

    anonymous = SimpleNamespace(ticket="TRK-7K3Q-9MXA", identity_mode="anonymous",
                                reporter_name=None, type="paspor")
    story = ("sama kayak pengaduan sy TRK-AB2C-D3EF kemarin, dan trk ab2c d3ef juga blm "
             "dijawab; paspor masih ditahan")
    shown = complainant_text(story, anonymous, None, GROUP)
    assert "AB2C" not in shown.upper() and "D3EF" not in shown.upper(), shown
    assert "paspor masih ditahan" in shown


# --- 9. a PIN typed into a story is not stored in clear ------------------------------------------
def test_a_pin_typed_into_a_new_story_is_stored_masked(bot_app):
    import re

    from tests.support.twilio_chat import TwilioSender

    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255507345")
    for said in ("halo", "1", "Paspor saya sudah tiga minggu belum jadi padahal sudah bayar"):
        phone.says(said)
    first = walk(phone.says, phone.says("lanjut"), TYPES)
    ticket, pin = TICKET.search(first).group(0), re.search(r"PIN\W*(\d{6})", first).group(1)
    for said in ("menu", "1", "Antrian di loket sangat lama, saya menunggu 4 jam",
                 f"oh iya pengaduan saya yg lalu {ticket} pin {pin[:3]} {pin[3:]} gimana"):
        phone.says(said)
    with runtime.store.unit() as unit:
        draft = unit.conversation("whatsapp", phone.number)
        assert "Antrian di loket" in "\n".join(draft.data["story"])
        assert pin not in re.sub(r"\D", "", "\n".join(draft.data["story"]))
    summary = walk(phone.says, phone.says("lanjut"), TYPES)      # it names the first ticket
    assert "Periksa pengaduan" in summary, summary
    second = TICKET.findall(phone.says("1"))[-1]
    assert second != ticket
    with runtime.store.unit() as unit:
        stored = unit.complaint_by_ticket(second).description
    assert "Antrian di loket" in stored and pin not in re.sub(r"\D", "", stored), stored


# --- 10. a second wish to complain is no topic --------------------------------------------------
@pytest.mark.parametrize("text, topic", [("saya mau lapor lagi", False),
                                         ("I want to file another complaint", False),
                                         ("mau lapor yg lain", False),
                                         ("mau komplain soal paspor anak", True),
                                         ("I need to complain about my KITAS extension", True)])
def test_a_wish_to_complain_again_names_no_topic(text, topic):
    from bot.conversation.understand import wish_topic
    assert wish_topic(text) is topic
