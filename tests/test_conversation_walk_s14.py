"""Findings of a second citizens' walk on WhatsApp and Telegram (2026-12-04):

1. an English greeting ("hello", "hi, good morning", "good afternoon") got the Indonesian
   welcome and menu;
2. at the identity questions a wish for secrecy in other words was lost or kept as the name:
   "Anonymously" became the name, "private" or "hidden" were asked back as names ("Is your name
   *private*?"), "hide my name" or "don't reveal my name" chose "type my name" and dropped the
   wish, and "yes but keep it secret" to "Is your name *john smith*?" dropped the name typed;
3. "around 50", "sekitar 50", "jam 50" at "when did it happen?" were stored as the time;
4. a complaint about the online services (the M-Paspor app, a payment) was asked where it
   happened;
5. the reply to "hapus data saya" offered no choice to talk to an officer, and "petugas" typed
   after it in the middle of a complaint was taken as the answer to the question.
"""
from __future__ import annotations

import pytest

from bot.conversation.reporter import as_written
from tests.support.intake import TICKET, walk
from tests.support.telegram import OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_web_walk import reach
from tests.test_officers import app, runtime  # noqa: F401 - fixtures
from tests.test_when_answer_checked import at_when

pytestmark = pytest.mark.timeout(300)


# --- 1. an English greeting -----------------------------------------------------------------------
@pytest.mark.parametrize("said", ["hello", "hello there", "hi, good morning", "good afternoon"])
def test_an_english_greeting_gets_the_english_welcome(person: Person, said):
    reply = person.says(said)
    assert "Welcome to the complaint service" in reply and "How can we help?" in reply, reply
    assert "Selamat datang" not in reply and "Bahasa Indonesia?" in reply, reply
    assert "Tell us what happened" in person.says("1")


@pytest.mark.parametrize("said", ["halo", "hai min", "selamat pagi", "pagi kak",
                                  "assalamualaikum", "hi", "hello min"])
def test_an_indonesian_or_a_bare_hi_stays_indonesian(person: Person, said):
    """Indonesians type "hi" too: a bare "hi" says nothing about the language."""
    reply = person.says(said)
    assert "Selamat datang" in reply and "Apa yang bisa kami bantu?" in reply, reply


def test_after_an_english_greeting_indonesian_words_switch_back(person: Person):
    person.says("hello")
    reply = person.says("sy mau komplain")
    assert "Ceritakan apa yang terjadi" in reply, reply


# --- 2. a wish for secrecy at the identity questions ----------------------------------------------
def at_identity(person: Person, lang: str) -> str:
    """Walk a facilities complaint to "how should we record your identity?"."""
    at_when(person, lang=lang)
    answers = ("yesterday", "1", "skip", "next") if lang == "en" else \
        ("kemarin", "1", "lewati", "lanjut")
    reply = ""
    for answer in answers:
        reply = person.says(answer)
    assert person.state().state == "identity", reply
    return reply


@pytest.mark.parametrize("lang, typed, said", [
    ("en", "john smith", "yes but keep it secret"),
    ("en", "john smith", "yes keep it secret"),
    ("en", "john smith", "yes, please keep my name secret"),
    ("en", "john smith", "yes, please keep my name hidden"),
    ("id", "budi rahardjo", "iya tp rahasiakan"),
    ("id", "budi rahardjo", "ya, dirahasiakan aja")])
def test_yes_with_a_wish_at_the_name_check_keeps_the_name_confidential(person: Person, lang,
                                                                         typed, said):
    at_identity(person, lang)
    check = person.says(typed)
    assert f"*{typed}*?" in check, check                   # "Is your name *john smith*?"
    summary = person.says(said)
    data = person.state().data
    stored = as_written(typed)                       # "John Smith": capitalised as a name
    assert person.state().state == "confirm", summary
    assert data["name"] == stored and data["confidential"] is True, data
    assert f"{stored} (confidential)" in summary or f"{stored} (dirahasiakan)" in summary, summary
    person.says("1")
    [complaint] = person.complaints()
    assert complaint.identity_mode == "confidential" and complaint.reporter_name == stored


@pytest.mark.parametrize("lang, said", [("en", "keep it confidential please"),
                                        ("id", "rahasiakan ya")])
def test_a_wish_alone_at_the_name_check_is_noted_and_the_check_asked_again(person: Person, lang,
                                                                           said):
    at_identity(person, lang)
    person.says("john smith")
    again = person.says(said)
    assert "*john smith*?" in again, again
    data = person.state().data
    assert data["confidential"] is True and data.get("name") is None, data
    summary = person.says("yes" if lang == "en" else "ya")
    data = person.state().data
    assert person.state().state == "confirm", summary
    assert data["name"] == "John Smith" and data["confidential"] is True, data


@pytest.mark.parametrize("said", ["Anonymously", "private", "hidden", "keep it private",
                                  "yes, please keep my name hidden", "secretly please"])
def test_a_wish_in_other_words_at_the_name_question_is_never_a_name(person: Person, said):
    at_identity(person, "en")
    assert "type your name" in person.says("2")
    reply = person.says(said)
    data = person.state().data
    assert data.get("name") is None and "name_check" not in data, (reply, data)
    assert data.get("anonymous") is True or data.get("confidential") is True, (reply, data)


@pytest.mark.parametrize("said, kept", [("hide my name", "confidential"),
                                        ("yes, please keep my name hidden", "confidential"),
                                        ("private please", "confidential"),
                                        ("don't reveal my name", "anonymous"),
                                        ("dont tell them my name", "anonymous"),
                                        ("sembunyikan nama saya", "confidential")])
def test_a_wish_in_other_words_at_the_identity_question_is_honoured(person: Person, said, kept):
    at_identity(person, "en")
    reply = person.says(said)
    data = person.state().data
    assert data.get(kept) is True, (reply, data)
    if kept == "anonymous":
        assert data["name"] is None and "Anonymous" in reply, reply
    else:                  # the name the chat shows, kept confidential; never named openly
        assert person.state().state == "confirm" and "(confidential)" in reply, reply


def test_no_at_the_name_check_with_a_wish_asks_for_the_name_again(person: Person):
    at_identity(person, "en")
    person.says("john smith")
    reply = person.says("no, keep it secret")
    data = person.state().data
    assert person.state().state == "name" and data.get("name") is None, (reply, data)
    assert data["confidential"] is True and "Type your name" in reply, reply


CONDUCT = "petugas loket 3 kemarin marah2 dan membentak ibu saya yg sudah tua di depan antrian"


@pytest.mark.parametrize("said, anonymous", [("no don't use my name", True),
                                             ("tidak, jangan sebut nama saya", True),
                                             ("nope, anonymous", True),
                                             ("yes but keep it secret", False),
                                             ("private", False)])
def test_a_wish_at_the_confidentiality_question_is_honoured(person: Person, said, anonymous):
    """A complaint about an officer, named with the chat's name: "keep it confidential?"."""
    reach(person, "ingin dirahasiakan", story=CONDUCT,
          answers={"Pengaduan Anda tentang apa": "Sikap atau perilaku petugas",
                   "Bagaimana identitas": "1"})
    person.says(said)
    data = person.state().data
    assert person.state().state == "confirm", data
    if anonymous:             # no name at all, as at the identity question
        assert data["anonymous"] is True and data["name"] is None, data
    else:
        assert data["confidential"] is True and data["name"] == "Budi Santoso", data
    person.says("1")
    [complaint] = person.complaints()
    assert complaint.identity_mode == ("anonymous" if anonymous else "confidential")


# --- 3. a number at "when?" ------------------------------------------------------------------------
@pytest.mark.parametrize("lang, said", [("en", "around 50"), ("id", "sekitar 50"),
                                        ("id", "jam 50"), ("id", "50"), ("id", "tgl 40")])
def test_a_number_that_is_no_time_is_asked_again_with_a_hint(person: Person, lang, said):
    at_when(person, lang=lang)
    for _ in range(2):                                    # never stored, however often
        reply = person.says(said)
        hint = ("*10am*", "*3 days ago*") if lang == "en" else ("*jam 10*", "*3 hari lalu*")
        assert all(h in reply for h in hint) and f"*{said}*" in reply, reply
        assert person.state().state == "when" and "when_text" not in person.state().data
    moved = person.says("around 10am" if lang == "en" else "jam 10")
    assert "Where did it happen" in moved or "Di mana kejadiannya" in moved, moved


@pytest.mark.parametrize("lang, said, date", [
    ("id", "jam 10", None), ("id", "10.30", None), ("id", "tgl 3", "2026-11-03"),
    ("id", "3 hari lalu", "2026-11-28"), ("id", "2 minggu yang lalu", "2026-11-17"),
    ("en", "around 10am", None), ("id", "jam 5", None)])     # a bare "5" where 1-3 are
                                                                # offered is asked back (s23)
def test_times_days_and_dates_still_work(person: Person, lang, said, date):
    at_when(person, lang=lang)
    reply = person.says(said)
    assert "Where did it happen" in reply or "Di mana kejadiannya" in reply, reply
    data = person.state().data
    assert data["when_text"] == said and data["when_date"] == date, data


# --- 4. an online-services complaint ---------------------------------------------------------------
ONLINE_STORY = ("aplikasi m-paspor error terus waktu mau bayar, sudah 3x gagal padahal saldo "
                "kepotong")
ONLINE = {"Pengaduan Anda tentang apa": "Aplikasi/layanan online (M-Paspor, pembayaran)",
          "tampaknya tentang": "bukan"}
ONLINE_PLACE = "Online (aplikasi M-Paspor, situs, pembayaran)"


def test_an_online_complaint_is_not_asked_where_and_shows_online(person: Person):
    reach(person, "Kapan kejadiannya", story=ONLINE_STORY, answers=ONLINE)
    reply = person.says("kemarin")
    assert "Siapa atau unit" in reply and "Di mana kejadiannya" not in reply, reply
    for answer in ("lewati", "lanjut"):
        person.says(answer)
    summary = person.says("anonim")
    assert f"*Tempat:* {ONLINE_PLACE}" in summary, summary
    # "Ubah" can still set a place
    assert "Tempat" in person.says("ubah")
    assert "Di mana kejadiannya" in person.says("tempat")
    summary = person.says("1")
    assert "*Tempat:* Kantor Imigrasi Tarakan" in summary, summary
    assert person.state().data["place"] == "office"


def test_an_online_complaint_in_english_shows_online(person: Person):
    person.says("hello")
    person.says("1")
    person.says("the M-Paspor app keeps failing when I pay, the payment was taken twice")
    if "seems to be about" in person.says("next"):
        person.says("no")
    assert "When did it happen" in person.says("Online services")
    assert "Who or which unit" in person.says("yesterday")
    for answer in ("skip", "next"):
        person.says(answer)
    summary = person.says("anonymous")
    assert "*Where:* Online (M-Paspor app, website, payment)" in summary, summary


def test_an_online_complaint_told_at_a_counter_is_asked_where(person: Person):
    question = reach(person, "Di mana kejadiannya", answers=ONLINE,
                     story="tadi di loket kantor petugas bilang m-paspor error jadi sy disuruh "
                           "bayar ulang, saldo sy kepotong")
    assert "Di mana kejadiannya" in question
    person.says("1")
    assert person.state().data["place"] == "office"


def test_another_type_after_online_asks_where(person: Person):
    reach(person, "Siapa atau unit", story=ONLINE_STORY, answers=ONLINE)
    assert person.state().data["place"] == "online"
    person.says("kembali")                      # back to "when?" (where was never asked)
    assert person.state().state == "when"
    person.says("eh salah, jenisnya")
    assert person.state().state == "type_choose"
    reply = person.says("Sarana dan prasarana kantor")
    assert "Di mana kejadiannya" in reply or "Kapan kejadiannya" in reply, reply
    assert person.state().data.get("place") != "online"


def test_the_officers_see_an_online_place(app, runtime, tg_server):
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700914")
    for text in ("halo", "1", ONLINE_STORY):
        phone.say(text)
    filed = walk(phone.says, phone.says("lanjut"), ONLINE)
    ticket = TICKET.search(filed).group(0)
    TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                 chat_type="supergroup").send(f"/lihat {ticket}")
    deliver(runtime)
    seen = [t for t in tg_server.sent_texts(OFFICER_CHAT) if ticket in t]
    assert any(f"Tempat: </b>{ONLINE_PLACE}" in t for t in seen), seen


# --- 5. "hapus data saya": the way to an officer ---------------------------------------------------
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_data_request_reply_offers_an_officer_that_works(person: Person, lang):
    person.says("halo" if lang == "id" else "hello")
    reply = person.says("hapus data saya" if lang == "id" else "delete my data")
    label = "Bicara dengan petugas" if lang == "id" else "Talk to an officer"
    assert f"1. {label}" in reply, reply
    taken = person.says("1")
    assert "sudah kami teruskan ke petugas" in taken or "passed on to the officers" in taken, taken
    assert person.state().state == "officer"


def test_the_officers_label_works_after_a_data_request(person: Person):
    person.says("hello")
    person.says("delete my data")
    assert "passed on to the officers" in person.says("Talk to an officer")


def test_petugas_after_a_data_request_mid_complaint_is_not_the_answer(person: Person):
    reach(person, "Di mana kejadiannya")
    reply = person.says("hapus data saya")
    assert "Balas *petugas*" in reply and "Di mana kejadiannya" in reply, reply
    taken = person.says("petugas")
    assert "sudah kami teruskan ke petugas" in taken, taken
    state = person.state()
    assert state.state == "officer" and "place" not in state.data, state.data
    assert "Lanjutkan pengaduan" in person.says("menu")        # the draft is kept


def test_the_question_is_still_answered_after_a_data_request(person: Person):
    reach(person, "Di mana kejadiannya")
    person.says("hapus data saya")
    assert "Siapa atau unit" in person.says("1")
    assert person.state().data["place"] == "office"
