"""Correcting an earlier answer while another question is asked.

Found as a complainant in `make chat`: at "who is the complaint about?", "eh salah, tempatnya di
pelabuhan bukan di kantor" was stored as the reported party and the place stayed "Kantor"; the
person had no way to say it but *kembali* step by step or the summary's *ubah*. Now a correction
that names an earlier question asks that question again and comes back to where it was; "eh
salah" alone is one question back. Through the real app on WhatsApp and Telegram, with the
trained model served by Rasa and without any NLU.
"""
from __future__ import annotations

import datetime as dt

import pytest

from bot.labels import same_day
from tests.support.intake import TICKET
from tests.test_conversation_answers import PASSPORT_STORY
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)


def to_question(person: Person, fragment: str) -> str:
    """A passport complaint walked up to the question containing `fragment`."""
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(PASSPORT_STORY)
    question = person.says("lanjut")
    question = person.says("ya" if "tampaknya tentang" in question else "Layanan paspor")
    answers = {"Nomor permohonan": "lewati", "Kapan kejadiannya": "kemarin",
               "Di mana kejadiannya": "1", "Siapa atau unit": "lewati", "Ada bukti": "lanjut",
               "Apa yang Anda harapkan": "lewati", "identitas Anda dicatat": "anonim"}
    for _ in range(10):
        if fragment in question:
            return question
        question = person.says(next(a for f, a in answers.items() if f in question))
    raise AssertionError(f"never asked {fragment!r}:\n{question}")


def test_the_place_corrected_at_a_later_question(person):
    to_question(person, "Siapa atau unit")
    reply = person.says("eh salah, tempatnya di pelabuhan bukan di kantor")
    assert "Baik, kita perbaiki" in reply and "Di mana kejadiannya" in reply
    data = person.state().data
    assert "place" not in data and "who" not in data
    assert data["when_label"]                                 # the earlier answers stay
    again = person.says("Pelabuhan Malundung")
    assert "Siapa atau unit" in again                         # back where it was
    assert person.state().data["place"] == "seaport"           # no longer the office


def test_the_date_corrected_at_the_summary_comes_back_to_it(person):
    to_question(person, "Periksa pengaduan")
    reply = person.says("ralat tanggalnya")
    assert "Kapan kejadiannya" in reply
    summary = person.says("28 nov")
    assert "Periksa pengaduan" in summary
    assert "*Waktu:* 28 Nov 2026\n" in summary                # said once
    assert TICKET.search(person.says("kirim"))


def test_eh_salah_alone_is_one_question_back(person):
    to_question(person, "Ada bukti")
    assert "Siapa atau unit" in person.says("eh salah")


@pytest.mark.parametrize("said", ["salah satu petugas di loket 3, yang pakai kacamata",
                                  "salah petugasnya, dia yang telat"])
def test_salah_in_an_answer_is_an_answer(person, said):
    to_question(person, "Siapa atau unit")
    reply = person.says(said)
    assert "kita perbaiki" not in reply and "Ada bukti" in reply
    assert person.state().data["who"] == said


@pytest.mark.parametrize("told, shown", [("28 nov", True), ("tgl 28 Nov", True),
                                         ("28 November", True), ("27 nov", False),
                                         ("28 des", False)])
def test_a_date_without_its_year_is_said_once(told, shown):
    assert same_day(told, dt.date(2026, 11, 28)) is shown


@pytest.mark.parametrize("asked", ["wajib ga?", "bukti apa aja?", "harus ada foto ya?"])
def test_a_question_at_the_evidence_question_is_answered(person, asked):
    """'wajib ga?' got "Maaf, saya belum mengerti": evidence is optional, and the answer says
    so and what counts."""
    to_question(person, "Ada bukti")
    reply = person.says(asked)
    assert "Bukti tidak wajib" in reply and "belum mengerti" not in reply
    assert person.state().state == "evidence" and "evidence_done" not in person.state().data
    assert person.state().data["story"] == [PASSPORT_STORY]       # not added to the story
