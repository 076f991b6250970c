"""Everyday questions as people in Tarakan type them, played through the real app: shortened
question words ("no wa nya brp", "alamatnya dmn"), questions the chat cannot answer (an officer
can), a follow-up that names no topic ("brp biayanya" after the PLB), asking for English by
name, and Malay none-answers ("tiada", "takde"). Each runs on WhatsApp and Telegram, with the
trained model served by Rasa and without any NLU.
"""
from __future__ import annotations

import pytest

from tests.support.intake import answer_to
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)

ADDRESS = "Jl. Yos Sudarso No. 1"
COMPLAINT_OPENED = ("awal pengaduan", "start of a complaint")
CANNOT_ANSWER = ("belum bisa saya jawab di sini", "can't answer that here")


def no_draft(person: Person, reply: str) -> None:
    assert not any(opened in reply for opened in COMPLAINT_OPENED), reply
    assert person.state().state in ("menu", "info") and not person.state().data.get("story")
    assert not person.complaints()


# --- 1. shortened question words and -nya -------------------------------------------------------
@pytest.mark.parametrize("asked, expected", [
    ("no wa nya brp", "Telepon, WhatsApp, SMS: 08115773337"),
    ("no wa kantor brp", "Telepon, WhatsApp, SMS: 08115773337"),
    ("bikin paspor brp hari jadi", "4 hari kerja"),
    ("alamatnya dmn", ADDRESS),
    ("kantornya di jalan apa", ADDRESS),
    ("kantor imigrasi dmn ya", ADDRESS),
    ("emailnya apa", "infoimigrasitarakan@gmail.com"),
    ("yg elektronik brp", "Rp950.000"),
    ("brp", "Rp650.000"),
])
def test_a_shortened_question_gets_its_answer(person: Person, asked, expected):
    person.says("halo")
    reply = person.says(asked)
    assert expected in reply, reply
    assert "belum mengerti" not in reply and "*petugas*" in reply
    no_draft(person, reply)


# --- 2. questions and pleas are not complaints --------------------------------------------------
@pytest.mark.parametrize("asked", ["paspor bisa dikirim ke rumah?", "wawancara bisa diwakilkan?",
                                   "sy mau ketemu kepala kantor", "cs nya mana",
                                   "kalo yg 10 thn?"])
def test_a_question_the_chat_cannot_answer_is_for_an_officer(person: Person, asked):
    person.says("halo")
    reply = person.says(asked)
    assert CANNOT_ANSWER[0] in reply and "*petugas*" in reply and "*pengaduan*" in reply, reply
    no_draft(person, reply)
    assert "sudah kami teruskan" in person.says("petugas")      # and the way on works


@pytest.mark.parametrize("called, options", [
    ("min ada yg bisa bantu?", "Apa yang bisa kami bantu?"),
    ("good morning, is anyone there?", "How can we help?"),
])
def test_calling_out_for_someone_gets_the_options(person: Person, called, options):
    person.says("halo")
    reply = person.says(called)
    assert options in reply and "belum mengerti" not in reply, reply
    no_draft(person, reply)


@pytest.mark.parametrize("asked, expected", [
    ("minta no hp petugas dong", "08115773337"),
    ("I need help with my visa", "*Visas and stay permits for foreigners*"),
])
def test_asking_to_be_given_something_gets_its_answer(person: Person, asked, expected):
    person.says("halo")
    reply = person.says(asked)
    assert expected in reply, reply
    no_draft(person, reply)


@pytest.mark.parametrize("story", [
    "petugas loket 2 tadi kasar sekali sama saya",
    "kenapa petugas di loket 3 main hp terus?",              # a protest put as a question
    "apakah boleh petugas minta uang tambahan 100rb utk percepatan?"])
def test_a_complaint_put_as_a_question_still_opens_a_draft(person: Person, story):
    person.says("halo")
    reply = person.says(story)
    assert "awal pengaduan" in reply or "Ceritakan" in reply or "Pengaduan Anda" in reply, reply
    assert CANNOT_ANSWER[0] not in reply


# --- 6. the right answer, and follow-ups that keep their topic ----------------------------------
def test_a_name_that_differs_between_documents_is_not_about_domicile(person: Person):
    person.says("halo")
    reply = person.says("kalau nama di ktp beda sama akta gmn?")
    assert "luar domisili" not in reply and "*petugas*" in reply, reply
    no_draft(person, reply)
    assert "*Paspor di luar domisili*" in person.says("ktp sy beda kota, bisa bikin paspor?")


def test_asking_for_an_officer_online_is_an_officer_request(person: Person):
    person.says("halo")
    reply = person.says("selamat pagi, apakah ada petugas yg online?")
    assert "sudah kami teruskan" in reply and "M-Paspor" not in reply, reply


@pytest.mark.parametrize("asked, expected, absent", [
    ("kalo mau ke malaysia perlu visa ga?", "tidak perlu visa", "izin tinggal WNA"),
    ("do I need a visa to visit Tawau?", "need no visa", "stay permits for foreigners"),
])
def test_a_visa_for_malaysia_is_answered_for_indonesians(person: Person, asked, expected,
                                                         absent):
    person.says("halo")
    reply = person.says(asked)
    assert expected in reply and "30" in reply and absent not in reply, reply


@pytest.mark.parametrize("first, seen, follow_up, expected, absent", [
    ("how do I extend my KITAS", "stay permits", "how much does it cost",
     "*Visa and stay permit fees (PNBP)*", "Electronic passport"),
    ("min mau bikin PLB syaratnya apa", "*Pas Lintas Batas (PLB)*", "brp biayanya",
     "*Biaya Pas Lintas Batas (PLB)*", "Paspor elektronik"),
    ("berapa biaya paspor?", "*Biaya paspor (PNBP)*", "kalo yg 10 thn?",
     "Rp950.000", "awal pengaduan"),
])
def test_a_follow_up_keeps_its_topic(person: Person, first, seen, follow_up, expected, absent):
    person.says("halo")
    assert seen in person.says(first)
    reply = person.says(follow_up)
    assert expected in reply and absent not in reply, reply
    no_draft(person, reply)


def test_a_follow_up_is_only_the_next_message(person: Person, clock):
    person.says("halo")
    assert "*Biaya paspor (PNBP)*" in person.says("berapa biaya paspor?")
    clock.advance(hours=2)                      # another day's question, not a follow-up
    reply = person.says("kalo yg 10 thn?")
    assert "Rp950.000" not in reply and CANNOT_ANSWER[0] in reply, reply
    person.says("jam buka kantor?")
    assert "Senin" in person.says("jam buka kantor?")
    assert "Rp950.000" not in person.says("kalo yg 10 thn?")   # after the hours: not the fees


@pytest.mark.parametrize("first, seen, asked, expected", [
    ("no wa kantor brp", "08115773337", "wawancara bisa diwakilkan?", CANNOT_ANSWER[0]),
    ("min mau bikin PLB syaratnya apa", "*Pas Lintas Batas (PLB)*", "syarat paspor anak apa?",
     "*Paspor baru (WNI)*"),
])
def test_a_new_question_is_not_taken_for_a_follow_up(person: Person, first, seen, asked,
                                                     expected):
    person.says("halo")
    assert seen in person.says(first)
    reply = person.says(asked)
    assert expected in reply and seen not in reply, reply


# --- 9. English by name -------------------------------------------------------------------------
def test_english_asked_for_by_name_switches_and_back(person: Person):
    assert "Apa yang bisa kami bantu?" in person.says("halo")
    reply = person.says("english please")
    assert "How can we help?" in reply and "1. File a complaint" in reply, reply
    assert "Opening hours" in person.says("jam buka?")
    reply = person.says("bahasa indonesia aja")
    assert "Apa yang bisa kami bantu?" in reply, reply


@pytest.mark.parametrize("said", ["hi there", "do you speak english?"])
def test_hi_there_and_do_you_speak_english_get_the_english_menu(person: Person, said):
    person.says("hello")
    reply = person.says(said)
    assert "How can we help?" in reply and "didn't get" not in reply, reply
    no_draft(person, reply)


# --- 10. Malay none-answers ---------------------------------------------------------------------
def _reach(person: Person, question: str, story: str,
           answers: dict[str, str] | None = None) -> None:
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(story)
    reply = person.says("lanjut")
    for _ in range(12):
        if question in reply:
            return
        reply = person.says(answer_to(reply, answers))
    raise AssertionError(f"never asked {question!r}; last:\n{reply}")


@pytest.mark.parametrize("none", ["tiada", "takde", "xde"])
def test_malay_no_evidence(person: Person, none):
    _reach(person, "Ada bukti?", "wc di kantor imigrasi rusak ga bisa di flush",
           {"Pengaduan Anda tentang apa?": "Sarana dan prasarana kantor"})
    reply = person.says(none)
    assert "belum mengerti" not in reply and "identitas" in reply, reply


@pytest.mark.parametrize("none", ["tiada", "takde"])
def test_malay_no_application_number(person: Person, none):
    _reach(person, "Nomor permohonan", "paspor saya belum jadi padahal sudah sebulan dari "
           "wawancara di kantor", {"Pengaduan Anda tentang apa?": "Layanan paspor"})
    reply = person.says(none)
    assert "Kapan kejadiannya?" in reply, reply
    assert person.state().data.get("reference") in (None, "")
