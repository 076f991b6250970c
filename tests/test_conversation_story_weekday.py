"""A story that names a past weekday ("senin lalu saya antri…", "last Friday at the airport"):
"when did it happen?" offers that day, as it offers "kemarin" and "hari ini", so the person is
not asked again for what they just wrote. Over the real app (signed Twilio webhooks), without
the NLU. The clock starts on Tuesday 1 Dec 2026 (WITA).

A bare weekday is not offered ("disuruh datang lagi hari kamis" may be a day to come), nor is a
day when the story names two.
"""
from __future__ import annotations

import pytest

from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_s30 import until

pytestmark = [pytest.mark.timeout(300),
              pytest.mark.parametrize("nlu", ["no-nlu"], indirect=True),
              pytest.mark.parametrize("person", ["whatsapp"], indirect=True)]

ANSWERS = {"Pengaduan Anda tentang apa": "Layanan paspor",
           "What is your complaint about": "Passport services"}


def when_question(person: Person, story: str, wish: str = "mau lapor") -> str:
    person.says(wish)
    person.says(story)
    question = person.says("lanjut" if wish == "mau lapor" else "next")
    marker = "Kapan kejadiannya" if wish == "mau lapor" else "When did it happen"
    return until(person, question, marker, ANSWERS)


@pytest.mark.parametrize("story, shown, date", [
    ("Rabu minggu lalu saya antri di kantor dari pagi, berkas paspor saya ditolak tanpa alasan",
     "25 Nov 2026", "2026-11-25"),
    ("Jumat kemarin sy ke kanim urus paspor, disuruh balik 3x krn berkas katanya kurang",
     "27 Nov 2026", "2026-11-27"),
    ("hari minggu kemarin sy coba daftar paspor, antriannya dibatalkan tanpa kabar",
     "29 Nov 2026", "2026-11-29"),
])
def test_a_past_weekday_in_the_story_is_offered_and_yes_takes_it(person, story, shown, date):
    question = when_question(person, story)
    assert f"Cerita Anda menyebut *{shown}*" in question, question
    person.says("ya")
    data = person.state().data
    assert data["when_date"] == date and data["when_text"] == shown, data
    assert data.get("when_label") is None, data


def test_the_day_before_is_offered_as_yesterday(person):
    question = when_question(
        person, "Senin lalu paspor saya harusnya jadi tapi petugas bilang belum dicetak")
    assert "Cerita Anda menyebut *Kemarin*" in question, question      # Mon 30 Nov
    person.says("ya")
    data = person.state().data
    assert data["when_date"] == "2026-11-30" and data["when_label"] == "yesterday", data


def test_in_english(person):
    question = when_question(
        person, "Last Friday my passport application was rejected at the counter without any "
                "reason, after I queued for four hours", wish="I want to complain")
    assert "Your story says *27 Nov 2026*" in question, question
    person.says("yes")
    assert person.state().data["when_date"] == "2026-11-27", person.state().data


def test_counted_from_the_day_the_story_was_told(person, clock):
    person.says("mau lapor")
    person.says("Jumat kemarin sy ke kanim urus paspor, disuruh balik 3x krn berkas kurang")
    clock.advance(hours=48)                               # Thursday 3 Dec: the questions
    question = person.says("lanjut")
    if "Lanjutkan" in question:
        question = person.says("Lanjutkan")
    question = until(person, question, "Kapan kejadiannya", ANSWERS)
    assert "Cerita Anda menyebut *27 Nov 2026*" in question, question
    person.says("ya")
    assert person.state().data["when_date"] == "2026-11-27", person.state().data


@pytest.mark.parametrize("story", [
    # a bare weekday: may be one to come
    "Berkas paspor saya kurang, petugas bilang disuruh datang lagi hari kamis padahal sudah lengkap",
    # two days named
    "Kemarin saya antri paspor, senin lalu juga sudah datang dan disuruh pulang oleh petugas",
    # a weekday to come
    "Paspor saya belum jadi, kata petugas jumat depan baru bisa diambil padahal janjinya minggu ini",
])
def test_no_day_is_offered_when_the_story_does_not_name_one_past_day(person, story):
    question = when_question(person, story)
    assert "Cerita Anda menyebut" not in question, question
    assert "Kapan kejadiannya? Pilih" in question, question
    person.says("?")
    assert person.state().data.get("when_date") is None, person.state().data
