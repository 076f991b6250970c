"""Findings of a citizens' walk through the web chat (the same conversation engine serves
WhatsApp, Telegram and the web), reproduced on WhatsApp and Telegram, with and without NLU:

6. a language request with a few more words ("bahasa indonesia aja ya, lebih gampang",
   "english please, thanks") was stored as the answer, and thanks joined the story;
7. "ok continue" at "when did it happen?" was stored as the time, and a question asked there
   got "not understood";
10. "tgl 3 bln lalu" (the 3rd of last month) was read as three months ago;
14. a button label of an earlier question ("Kemarin") was stored as the answer to a later one;
8. at the summary "kapan selesainya pak?" edited the date;
9. after "status" at the summary, "Lanjutkan" must come back to the summary (it already did:
   the walk typed "status" at the number question; kept here);
11. the application-number question asked again without its "Lewati" button, forever;
12. after filing, "gmn status paspor anak sy" got M-Paspor's information, "PIN saya berapa ya"
    the fee list;
16. 👍 / ✅ were not read as yes;
3. a status look-up with ticket and PIN (from another phone, or a web chat started again)
   did not show the officers' reply, and "ada balasan dari petugas?" began a new complaint.
"""
from __future__ import annotations

import datetime as dt

import pytest

from bot.conversation import when
from tests.support.intake import TICKET, answer_to
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_officers import app, runtime  # noqa: F401 - fixtures
from tests.test_when_answer_checked import at_when

pytestmark = pytest.mark.timeout(300)

TODAY = dt.date(2026, 12, 1)          # the test clock's day (conftest.OPEN_TIME)
PASSPORT_STORY = "paspor saya belum jadi padahal sudah sebulan dari wawancara di kantor"
PASSPORT = {"Pengaduan Anda tentang apa": "Layanan paspor"}


def reach(person: Person, fragment: str, story: str = PASSPORT_STORY,
          answers: dict[str, str] | None = None) -> str:
    """A complaint told and walked up to the question containing `fragment`."""
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(story)
    question = person.says("lanjut")
    for _ in range(14):
        if fragment in question:
            return question
        question = person.says(answer_to(question, {**PASSPORT, **(answers or {})}))
    raise AssertionError(f"never asked {fragment!r}; last:\n{question}")


# --- 6. a language request with a few more words ----------------------------------------------
@pytest.mark.parametrize("fragment, said, asked, key", [
    ("Siapa atau unit", "can you reply in english, thanks", "Who or which unit", "who"),
    ("Di mana kejadiannya", "english please, thanks", "Where did it happen?", "place")])
def test_a_language_request_with_thanks_is_not_an_answer(person: Person, fragment, said, asked,
                                                          key):
    reach(person, fragment)
    reply = person.says(said)
    assert asked in reply, reply
    assert key not in person.state().data
    again = person.says("bahasa indonesia aja ya, lebih gampang")
    assert fragment in again, again
    assert key not in person.state().data


def test_english_please_thanks_at_the_evidence_question_is_not_the_story(person: Person):
    reach(person, "Ada bukti")
    reply = person.says("english please, thanks")
    assert "Any evidence" in reply and "Added to your story" not in reply, reply
    assert person.state().data["story"] == [PASSPORT_STORY]


@pytest.mark.parametrize("said", ["ok mksh pak", "3 september"])
def test_thanks_or_a_date_at_the_evidence_question_is_not_the_story(person: Person, said):
    reach(person, "Ada bukti")
    reply = person.says(said)
    assert "Ada bukti" in reply and "tambahkan ke cerita" not in reply, reply
    assert person.state().data["story"] == [PASSPORT_STORY]
    assert person.state().state == "evidence"


# --- 7. questions while filing, and "ok continue" -----------------------------------------------
def test_ok_continue_is_never_the_time(person: Person):
    at_when(person)
    for tries in range(3):
        reply = person.says("ok lanjut")
        # (the third running says plainly what is accepted: tests/test_conversation_walk_s22a)
        # (a go-ahead is told how to skip the question: tests/test_conversation_walk_s23.py)
        said = "belum terjawab" if tries < 2 else "Yang bisa diterima"
        assert said in reply and "Kemarin" in reply, reply
        assert person.state().state == "when" and "when_text" not in person.state().data


@pytest.mark.parametrize("question, answered", [
    ("biaya perpanjang kitas berapa sih sebenarnya?", "izin tinggal"),
    ("apakah identitas saya aman?", "Tanpa nama"),
    ("gmn status pengaduan sy?", "belum terkirim")])
def test_a_question_at_when_is_answered_then_asked_again(person: Person, question, answered):
    at_when(person)
    reply = person.says(question)
    assert answered.lower() in reply.lower() and "belum mengerti" not in reply, reply
    assert reply.rstrip().endswith("3. Lebih lama / tidak ingat") or "Kapan kejadiannya" in reply
    assert person.state().state == "when" and "when_text" not in person.state().data


def test_a_status_question_at_who_is_answered(person: Person):
    reach(person, "Siapa atau unit")
    reply = person.says("gmn status pengaduan sy?")
    assert "belum terkirim" in reply and "Siapa atau unit" in reply, reply
    assert "who" not in person.state().data


# --- 8. at the summary, "kapan selesainya?" is a status question --------------------------------
@pytest.mark.parametrize("said", ["kapan selesainya pak?", "gmn status paspor anak sy"])
def test_a_status_question_at_the_summary_edits_nothing(person: Person, said):
    reach(person, "Periksa pengaduan")
    before = dict(person.state().data)
    reply = person.says(said)
    assert "belum terkirim" in reply and "Periksa pengaduan" in reply, reply
    assert "Kapan kejadiannya" not in reply and "belum mengerti" not in reply
    assert person.state().state == "confirm"
    assert person.state().data["when_date"] == before["when_date"]


# --- 9. back to the summary after a status check (already so: kept by this test) ----------------
def test_continuing_after_status_at_the_summary_goes_back_to_the_summary(person: Person):
    reach(person, "Periksa pengaduan")
    person.says("status")
    reply = person.says("Lanjutkan pengaduan tadi")
    assert "Periksa pengaduan" in reply, reply
    assert person.state().state == "confirm"


# --- 10. the 3rd of last month ------------------------------------------------------------------
@pytest.mark.parametrize("text", ["tgl 3 bln lalu", "tanggal 3 bulan lalu", "tgl 3 bulan kemarin",
                                  "tgl 3 bulan yang lalu"])
def test_a_day_of_last_month(text):
    assert when.parse(text, TODAY) == (dt.date(2026, 11, 3), None)


def test_a_count_of_months_is_still_a_count():
    assert when.parse("3 bulan lalu", TODAY) == (dt.date(2026, 9, 1), None)


def test_the_3rd_of_last_month_is_stored(person: Person):
    at_when(person)
    person.says("tgl 3 bln lalu")
    assert person.state().data["when_date"] == "2026-11-03"


# --- 14. a button of an earlier question is no answer to a later one -----------------------------
@pytest.mark.parametrize("fragment, label, key", [
    ("Siapa atau unit", "Kemarin", "who"),
    ("Apa yang Anda harapkan", "Kantor Imigrasi Tarakan", "outcome"),
    ("Di mana kejadiannya", "Kemarin", "place")])
def test_an_earlier_questions_button_is_asked_again(person: Person, fragment, label, key):
    reach(person, fragment)
    reply = person.says(label)
    assert fragment in reply or "lewati" in reply or "belum mengerti" in reply, reply
    assert key not in person.state().data


def test_the_types_yes_at_the_evidence_question_is_asked_again(person: Person):
    reach(person, "Ada bukti")
    reply = person.says("Ya, benar")
    assert "Ada bukti" in reply, reply
    assert person.state().state == "evidence" and "evidence_done" not in person.state().data


# --- 11. the application number asked again keeps its button, once -----------------------------
@pytest.mark.parametrize("said", ["gk tau nomornya, ada di kwitansi kyknya"])
def test_not_knowing_the_number_in_a_sentence_moves_on(person: Person, said):
    reach(person, "Nomor permohonan")
    reply = person.says(said)
    assert "Kapan kejadiannya" in reply, reply
    assert person.state().data["reference"] is None


def test_the_number_asked_again_keeps_lewati_and_moves_on_after_a_second_try(person: Person):
    reach(person, "Nomor permohonan")
    again = person.says("ada di kwitansi kyknya")
    assert "Lewati" in again and person.state().state == "reference", again
    moved = person.says("ada di kwitansi kyknya")
    assert "Kapan kejadiannya" in moved, moved
    assert person.state().data["reference"] is None


# --- 16. a thumbs-up is a yes -------------------------------------------------------------------
@pytest.mark.parametrize("emoji", ["👍", "✅", "👍🏽"])
def test_a_thumbs_up_sends_the_summary(person: Person, emoji):
    reach(person, "Periksa pengaduan")
    assert TICKET.search(person.says(emoji))


# --- 3. the officers' latest message, read from another device ----------------------------------
REPLY = "Mohon maaf, blanko sudah datang. Silakan datang Senin pukul 09.00 ke loket 2."


def test_the_officers_reply_is_shown_with_ticket_and_pin_from_another_phone(app, runtime):
    from tests.test_conversation import file_complaint
    from tests.test_officers import PETUGAS, officer
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, pin = file_complaint(owner)
    assert officer(app, PETUGAS).send(f"/balas {ticket} {REPLY}") == "officer"
    other = TwilioSender(app.test_client(), runtime.config.settings, number="+6281399990000")
    other.say("halo")
    asked = other.says("ada balasan dari petugas?")
    assert "nomor tiket" in asked.lower() and "Dicatat" not in asked, asked
    other.says(ticket)
    shown = other.says(pin)
    assert "Status:" in shown and REPLY in shown and "Pesan terakhir dari petugas" in shown, shown


def test_the_owner_sees_the_reply_in_the_status_too(app, runtime):
    from tests.test_conversation import file_complaint
    from tests.test_officers import PETUGAS, officer
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, _ = file_complaint(owner)
    assert "Pesan terakhir" not in owner.says("status")
    assert officer(app, PETUGAS).send(f"/kabar {ticket} Berkas sedang kami periksa.") == "officer"
    # still on its way to this very number: not told twice
    assert "Berkas sedang kami periksa." not in owner.says("status")
    from tests.support.telegram import deliver
    deliver(runtime)
    assert "Berkas sedang kami periksa." in owner.says("status")


# --- 12. after filing: a passport's status, a PIN asked ---------------------------------------
def test_a_passport_status_after_a_passport_complaint_is_the_complaints(app, runtime):
    from tests.test_conversation import file_complaint
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, _ = file_complaint(owner)
    reply = owner.says("gmn status paspor anak sy")
    assert ticket in reply and "Status:" in reply and "Anda dapat menyampaikan" not in reply, reply


def test_asking_the_pin_gets_the_pin_help_not_the_fees(app, runtime):
    from tests.test_conversation import file_complaint
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    file_complaint(owner)
    reply = owner.says("PIN saya berapa ya")
    assert "PIN" in reply and "Rp" not in reply, reply
