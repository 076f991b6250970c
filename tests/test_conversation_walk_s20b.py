"""Findings of a citizens' walk through the intake questions (2026-12-05), on plain SMS, with and
without Rasa:

1. a date sentence at "where did it happen?" ("tanggal 3 kemarin pak") was kept as the place: a
   reply that is only a time is the time (when it is not known yet) and the place is asked again;
   a reply that says both ("tgl 3 kemarin di loket 2") keeps both; a time typed there twice
   leaves the place unknown, never a time kept as the place;
2. the complainant's own name at "who is it about?" ("saya Budi Santoso") was stored as the
   person reported: it is told that the question is about the officer or person involved, and
   asked again; the own name is never stored there;
3. the day of a journey to come at "when did it happen?" ("anak sy mau berangkat umroh tgl 18")
   was taken as the incident's date: it is added to the story and the question asked again; a
   story naming a departure day gives no date to the incident;
4. odd answers at each question ("?", "gak tau", "lupa pak", "yg kemarin itu", a photo with a
   caption, English): "yg kemarin itu" was kept as the place and as the wished outcome; it is a
   time, and the question is asked again.
"""
from __future__ import annotations

import pytest

from tests.support.telegram import channel_env
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_web_walk import reach

pytestmark = pytest.mark.timeout(300)

SKIPPED_TIME = {"Kapan kejadiannya": "lewati"}


@pytest.fixture
def sms(make_app, sqlite_url, tg_server, tw_server, nlu) -> Person:  # type: ignore[no-untyped-def]
    """A person on plain SMS (numbered options, no buttons)."""
    app, runtime = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    person = Person(app, runtime, "whatsapp")
    person.phone = TwilioSender(app.test_client(), runtime.config.settings, channel="sms",
                                number="+6281355500020")
    person.address = person.phone.number
    return person


# --- 1. a time at "where?" ---------------------------------------------------------------------
@pytest.mark.parametrize("said, day", [("tanggal 3 kemarin pak", "2026-11-03"),
                                       ("tgl 28 kemarin bu", "2026-11-28"),
                                       ("hari senin minggu lalu", "2026-11-23"),
                                       ("last Tuesday", "2026-11-24")])
def test_a_time_at_where_is_the_time_when_it_was_skipped(sms: Person, said, day):
    reach(sms, "Di mana kejadiannya", answers=SKIPPED_TIME)
    reply = sms.says(said)
    assert "Waktu kejadian dicatat" in reply or "Noted as the time" in reply, reply
    assert "Di mana kejadiannya" in reply or "Where did it happen" in reply, reply
    data = sms.state().data
    assert sms.state().state == "where" and "place" not in data, data
    assert data["when_date"] == day, data
    sms.says("1")
    assert sms.state().data["place"] == "office" and sms.state().state == "who"


def test_a_time_at_where_when_the_time_is_known_asks_the_place_again(sms: Person):
    reach(sms, "Di mana kejadiannya")                   # "kemarin" answered
    reply = sms.says("tanggal 3 kemarin pak")
    assert "Itu waktunya. Di mana kejadiannya?" in reply, reply
    data = sms.state().data
    assert "place" not in data and data["when_date"] == "2026-11-30", data


def test_a_time_typed_twice_at_where_is_never_the_place(sms: Person):
    reach(sms, "Di mana kejadiannya")
    sms.says("tanggal 3 kemarin pak")
    reply = sms.says("tanggal 3 kemarin pak")
    assert "Siapa atau unit" in reply, reply
    data = sms.state().data
    assert data["place"] is None and not data.get("place_detail"), data
    assert sms.state().state == "who"


@pytest.mark.parametrize("said, day, place, detail", [
    ("tgl 3 kemarin di loket 2", "2026-11-03", "other", "di loket 2"),
    ("di loket 2 tgl 3 kemarin", "2026-11-03", "other", "di loket 2"),
    ("di pelabuhan kemarin sore", "2026-11-30", "seaport", None),
])
def test_a_time_and_a_place_at_where_keeps_both(sms: Person, said, day, place, detail):
    reach(sms, "Di mana kejadiannya", answers=SKIPPED_TIME)
    reply = sms.says(said)
    assert "Waktu kejadian dicatat" in reply and "Siapa atau unit" in reply, reply
    data = sms.state().data
    assert data["when_date"] == day, data
    assert data["place"] == place and data.get("place_detail") == detail, data
    assert sms.state().state == "who"


def test_the_same_time_said_again_with_the_place_keeps_the_place(sms: Person):
    reach(sms, "Di mana kejadiannya")                   # "kemarin" answered
    sms.says("kemarin di loket 2")
    data = sms.state().data
    assert data["place"] == "other" and data["place_detail"] == "di loket 2", data
    assert data["when_date"] == "2026-11-30" and sms.state().state == "who", data


# --- 2. the complainant's own name at "who?" ----------------------------------------------------
@pytest.mark.parametrize("said", ["saya Budi Santoso", "nama saya Siti", "my name is John",
                                  "sy budi"])
def test_the_own_name_at_who_is_not_the_person_reported(sms: Person, said):
    reach(sms, "Siapa atau unit")
    reply = sms.says(said)
    assert "bukan tentang Anda" in reply or "not about you" in reply, reply
    assert "Siapa atau unit" in reply or "Who or which unit" in reply, reply
    assert sms.state().state == "who" and "who" not in sms.state().data
    sms.says("petugas loket 3")
    assert sms.state().data["who"] == "petugas loket 3"
    assert sms.state().state != "who"


def test_the_own_name_said_twice_at_who_is_never_stored(sms: Person):
    reach(sms, "Siapa atau unit")
    sms.says("saya Budi Santoso")
    sms.says("saya Budi Santoso")
    assert sms.state().state != "who" and sms.state().data["who"] is None


@pytest.mark.parametrize("said", ["pak Budi", "saya lupa namanya", "petugas yg pake kacamata"])
def test_who_answers_that_are_no_own_name_are_not_questioned(sms: Person, said):
    reach(sms, "Siapa atau unit")
    reply = sms.says(said)
    assert "bukan tentang Anda" not in reply and "not about you" not in reply, reply


# --- 3. the day of a journey to come -----------------------------------------------------------
def test_a_departure_day_at_when_is_not_the_incident_date(sms: Person):
    reach(sms, "Kapan kejadiannya")
    said = "anak sy mau berangkat umroh tgl 18"
    reply = sms.says(said)
    assert "tanggal keberangkatan" in reply and "Kapan kejadian" in reply, reply
    data = sms.state().data
    assert sms.state().state == "when" and not data.get("when_date"), data
    assert said in data["story"], data                  # the officers read it
    sms.says("kemarin")
    assert sms.state().data["when_date"] == "2026-11-30"


def test_a_departure_day_said_with_the_incident_day_keeps_the_incident_day(sms: Person):
    reach(sms, "Kapan kejadiannya")
    sms.says("kemarin, padahal flight saya tgl 20")
    data = sms.state().data
    assert data["when_date"] == "2026-11-30", data
    assert "flight saya tgl 20" in data["when_detail"], data


def test_a_departure_gone_by_is_the_incident_date(sms: Person):
    reach(sms, "Kapan kejadiannya")
    sms.says("mau berangkat kemarin tapi ditolak")
    assert sms.state().data["when_date"] == "2026-11-30"


def test_a_departure_day_in_the_story_is_no_incident_date(sms: Person):
    story = "anak sy mau berangkat umroh tgl 18 tapi paspornya belum jadi padahal sudah bayar"
    question = reach(sms, "Kapan kejadiannya", story=story)
    assert "Cerita Anda menyebut" not in question, question
    data = sms.state().data
    assert not data.get("when_date") and not data.get("when_text"), data
    sms.says("3 hari lalu")
    data = sms.state().data
    assert data["when_date"] == "2026-11-28" and "tgl 18" in data["story"][0], data


# --- 4. odd answers at the questions --------------------------------------------------------------
def test_yesterday_s_one_at_where_is_a_time_not_a_place(sms: Person):
    reach(sms, "Di mana kejadiannya")
    reply = sms.says("yg kemarin itu")
    assert "Itu waktunya. Di mana kejadiannya?" in reply, reply
    assert "place" not in sms.state().data and sms.state().state == "where"


def test_a_time_at_the_outcome_question_is_no_wish(sms: Person):
    reach(sms, "Apa yang Anda harapkan")
    reply = sms.says("yg kemarin itu")
    assert "Itu waktunya, bukan hasil yang Anda harapkan" in reply, reply
    assert "Apa yang Anda harapkan" in reply, reply
    assert "outcome" not in sms.state().data and sms.state().state == "outcome"
    sms.says("paspor segera diterbitkan")
    assert sms.state().data["outcome"] == "paspor segera diterbitkan"


def test_a_day_to_come_at_the_outcome_question_is_the_wish(sms: Person):
    reach(sms, "Apa yang Anda harapkan")
    sms.says("besok")                       # "by tomorrow": a wish, kept
    assert sms.state().data["outcome"] == "besok" and sms.state().state != "outcome"


@pytest.mark.parametrize("fragment, said, key", [
    ("Kapan kejadiannya", "ini fotonya", "when_text"),
    ("Di mana kejadiannya", "ini fotonya", "place"),
    ("Siapa atau unit", "ini fotonya", "who"),
])
def test_a_photo_with_a_caption_is_kept_and_the_question_asked_again(sms: Person, fragment, said,
                                                                    key):
    reach(sms, fragment)
    reply = sms.phone.says(said, media=[("https://api.twilio.com/media/ME9", "image/jpeg")])
    assert "Lampiran diterima" in reply and fragment in reply, reply
    assert key not in sms.state().data
