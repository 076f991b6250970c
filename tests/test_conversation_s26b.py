"""The complaint form (C26b):

1. A complaint about an officer's conduct that also tells of a late passport is filed as
   conduct (the multi-aspect priority), and the passport is no longer lost: the form asks its
   application number (optional) and the summary names both aspects;
2. a fear said without a question mark ("saya takut nanti dipersulit kalau nama saya
   ketahuan") at a choice question is answered as the question is, never taken as a choice;
3. the complaint's language is what the person mostly writes: one short line in the other
   language ("ok thank you") does not switch it.
"""
from __future__ import annotations

import pytest

from tests.support.intake import TICKET, walk
from tests.support.telegram import channel_env
from tests.test_conversation_people import Person, nlu  # noqa: F401 - fixture
from tests.test_conversation_s25b import SAFE_ANSWER

pytestmark = pytest.mark.timeout(300)

TWO_ISSUES = ("paspor saya sudah 3 minggu belum jadi, terus petugas di loket malah membentak "
              "saya waktu saya tanya")
NUMBER_ASKED = "Nomor permohonan paspor Anda"
ANSWERS = {"Pengaduan Anda tentang apa": "sarana", "Kapan kejadiannya": "kemarin",
           "Di mana kejadiannya": "1", "Siapa atau unit": "lewati", "Ada bukti": "lanjut",
           "Apa yang Anda harapkan": "lewati", "identitas Anda dicatat": "anonim"}


@pytest.fixture
def budi(make_app, sqlite_url, tg_server, tw_server) -> Person:  # type: ignore[no-untyped-def]
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    return Person(app, runtime, "telegram")


def told(budi: Person, story: str) -> str:
    """The story told; the type question that follows it."""
    budi.says("halo")
    budi.says("Sampaikan pengaduan")
    budi.says(story)
    return budi.says("lanjut")


def answer_until(budi: Person, question: str, fragment: str, answers: dict[str, str]) -> str:
    """Answer the form's questions until one with `fragment` is asked; that question."""
    for _ in range(12):
        if fragment in question:
            return question
        answer = next((a for f, a in answers.items() if f in question), None)
        assert answer is not None, f"asked something unexpected:\n{question}"
        question = budi.says(answer)
    raise AssertionError(f"never asked {fragment!r}; last:\n{question}")


# --- 1. two aspects ---------------------------------------------------------------------------
def test_conduct_about_a_late_passport_asks_the_application_number(budi):
    question = told(budi, TWO_ISSUES)
    assert "*Sikap atau perilaku petugas* (balas *ya*)" in question, question
    asked = budi.says("ya")
    assert NUMBER_ASKED in asked and "Layanan paspor" in asked, asked
    summary = answer_until(budi, budi.says("2C21JD1234"), "Periksa pengaduan", ANSWERS)
    assert "*Jenis:* Sikap atau perilaku petugas" in summary, summary
    assert "*Juga tentang:* Layanan paspor" in summary, summary
    assert "*Nomor permohonan:* 2C21JD1234" in summary, summary
    filed = walk(budi.says, summary)
    [complaint] = budi.complaints()
    assert TICKET.search(filed) and complaint.ticket in filed
    assert complaint.type == "perilaku_petugas" and complaint.reference_number == "2C21JD1234"


def test_the_second_aspects_number_may_be_skipped_and_is_not_asked_again(budi):
    told(budi, TWO_ISSUES)
    assert NUMBER_ASKED in budi.says("ya")
    when = budi.says("lewati")
    assert "Kapan kejadiannya" in when, when
    summary = answer_until(budi, when, "Periksa pengaduan", ANSWERS)
    assert "*Juga tentang:* Layanan paspor" in summary and "*Nomor permohonan:* -" in summary
    # the type changed from the summary (and back): the number skipped is not asked again
    budi.says("Ubah")
    assert "Pengaduan Anda tentang apa" in budi.says("Jenis")
    again = budi.says("5")
    assert "Periksa pengaduan" in again and NUMBER_ASKED not in again, again


def test_with_the_model_too_conduct_is_filed_and_the_passport_number_asked(
        make_app, sqlite_url, tg_server, tw_server, nlu):  # type: ignore[no-untyped-def]
    app, runtime = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    budi = Person(app, runtime, "telegram")
    question = told(budi, TWO_ISSUES)
    assert "Sikap atau perilaku petugas" in question, question
    asked = budi.says("ya")
    assert NUMBER_ASKED in asked, asked
    walk(budi.says, budi.says("2C21JD1234"))
    [complaint] = budi.complaints()
    assert complaint.type == "perilaku_petugas" and complaint.reference_number == "2C21JD1234"


@pytest.mark.parametrize("story", [
    "petugas di loket membentak saya waktu saya tanya, kasar sekali",
    "petugas bandara kasar waktu cap paspor saya",
])
def test_conduct_alone_asks_no_application_number(budi, story):
    """No late passport or permit in the story: no number, no second aspect."""
    told(budi, story)
    asked = budi.says("5")
    assert "Kapan kejadiannya" in asked and "Nomor permohonan" not in asked, asked


# --- 2. a fear, said without a question mark ---------------------------------------------------
FEAR = "saya takut nanti dipersulit kalau nama saya ketahuan"


@pytest.mark.parametrize("question", ["Pengaduan Anda tentang apa", "Kapan kejadiannya",
                                      "Di mana kejadiannya", "Ada bukti", "Periksa pengaduan"])
def test_a_fear_at_a_choice_question_is_answered_and_the_question_asked_again(budi, question):
    answer_until(budi, told(budi, "mesin antrian di kantor rusak, AC ruang tunggu mati"),
                 question, ANSWERS)
    before = budi.state()
    reply = budi.says(FEAR)
    after = budi.state()
    assert SAFE_ANSWER in reply and question in reply, reply
    assert after.state == before.state, (before.state, after.state)
    assert {k: v for k, v in after.data.items() if k != "lang_heard"} == \
        {k: v for k, v in before.data.items() if k != "lang_heard"}, after.data


def test_a_fear_at_the_summary_changes_no_identity(budi):
    asked = answer_until(budi, told(budi, "mesin antrian di kantor rusak, AC ruang tunggu mati"),
                         "Periksa pengaduan", {**ANSWERS, "identitas Anda dicatat": "2",
                                               "Tuliskan nama Anda": "Budi Santoso"})
    assert "*Identitas:* Budi Santoso\n" in asked, asked
    reply = budi.says(FEAR)
    assert SAFE_ANSWER in reply and "*Identitas:* Budi Santoso\n" in reply, reply
    assert not budi.state().data.get("confidential"), budi.state().data


@pytest.mark.parametrize("wish", ["rahasiakan nama saya", "saya takut dibalas, anonim aja"])
def test_a_wish_said_with_or_without_a_fear_is_still_the_choice(budi, wish):
    answer_until(budi, told(budi, "mesin antrian di kantor rusak, AC ruang tunggu mati"),
                 "Periksa pengaduan", {**ANSWERS, "identitas Anda dicatat": "1"})
    reply = budi.says(wish)
    assert SAFE_ANSWER not in reply, reply
    data = budi.state().data
    assert data.get("confidential") or data.get("anonymous"), data


# --- 3. the language of the complaint ----------------------------------------------------------
def test_a_short_english_line_does_not_file_an_indonesian_complaint_in_english(budi):
    """Budi tells his story at once (no greeting), then thanks in English once."""
    budi.says("paspor saya sudah 3 minggu belum jadi padahal katanya cuma 4 hari kerja")
    budi.says("ok thank you")
    question = budi.says("lanjut")
    filed = walk(budi.says, question, {"Pengaduan Anda tentang apa": "1"})
    [complaint] = budi.complaints()
    assert complaint.language == "id" and "Pengaduan Anda tercatat" in filed, filed


def test_an_english_sentence_still_switches_a_conversation_begun_in_indonesian(budi):
    budi.says("halo")
    reply = budi.says("Sorry, I don't speak Indonesian, I want to complain about my passport")
    assert "Noted as the start of a complaint" in reply, reply
