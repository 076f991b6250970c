"""Found on the citizens' walk of session 21 (W21), the draft's questions, with and without
Rasa, on SMS, WhatsApp and Telegram, in Bahasa Indonesia and English:

1. "2" sent twice at "who is it about?" was stored ("Pihak diadukan: 2"): an answer that says
   nothing ("2", "x", "-", "itu") is never the party; asked once more with an example, then
   the way to skip is offered;
2. a second time typed at "where?" ("minggu lalu" after "bln lalu") was thrown away: the time
   is updated, and said so;
3. "what documents do I need?" at the permit number only repeated the question: a service
   question at any question of the draft gets a pointer (the info menu, the office contact)
   and the question again, never stored;
4. "who will see my name?" at the type list and "URGENT my visa expires next week" at the
   type list (taken as a type) or the review ("didn't get that"): the privacy answer, and the
   plea acknowledged, never a choice;
5. "continue" or "lanjut" refused the same way 8 or 12 times: after two failed answers the
   reply says plainly what is accepted and the way out (skip, Lainnya, batal, petugas), and
   never the identical text twice running.
"""
from __future__ import annotations

import pytest

from tests.support.intake import TICKET, answer_to, walk
from tests.support.telegram import channel_env
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)

STORY_ID = "paspor saya belum jadi padahal sudah sebulan dari wawancara di kantor"
STORY_EN = ("My passport renewal is still not ready a month after the interview at the "
            "immigration office")
KITAS_EN = ("I want to complain. My KITAS extension was refused at the Tarakan immigration "
            "office and nobody told me why")
ANSWERS = {"Pengaduan Anda tentang apa": "1", "What is your complaint about": "1"}


@pytest.fixture
def sms(make_app, sqlite_url, tg_server, tw_server, nlu) -> Person:  # type: ignore[no-untyped-def]
    """A person on plain SMS (numbered options, no buttons)."""
    app, runtime = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    person = Person(app, runtime, "whatsapp")
    person.phone = TwilioSender(app.test_client(), runtime.config.settings, channel="sms",
                                number="+6281355500221")
    person.address = person.phone.number
    return person


def reach(person: Person, fragment: str, story: str = STORY_ID,
          answers: dict[str, str] | None = None) -> str:
    """A complaint told and walked up to the question containing `fragment`."""
    person.says("halo")
    person.says("1")
    person.says(story)
    question = person.says("lanjut" if story is STORY_ID else "next")
    for _ in range(16):
        if fragment in question:
            return question
        question = person.says(answer_to(question, {**ANSWERS, **(answers or {})}))
    raise AssertionError(f"never asked {fragment!r}; last:\n{question}")


def data(person: Person) -> dict:
    return dict(person.state().data or {})


# --- 1. an answer that says nothing at "who?" ------------------------------------------------
@pytest.mark.parametrize("vague", ["2", "itu", "dia"])
def test_a_vague_answer_at_who_is_never_stored(person: Person, vague):
    reach(person, "Siapa atau unit")
    replies = [person.says(vague) for _ in range(3)]
    for reply in replies:
        assert person.state().state == "who", reply
        assert data(person).get("who") is None, (vague, data(person))
        assert "Siapa atau unit" in reply, reply
    assert "misalnya" in replies[1], replies[1]
    assert "belum tahu" in replies[2] and "lewati" in replies[2], replies[2]
    assert replies[1] != replies[0] and replies[2] != replies[1]
    after = person.says("lewati")
    assert person.state().state != "who" and data(person).get("who") is None, after


@pytest.mark.parametrize("none", ["x", "-"])
def test_a_dash_or_x_at_who_is_read_as_none(sms: Person, none):
    """"-" (a form's "none") and "x" (Malay "tak") are read as no one named: never stored."""
    reach(sms, "Siapa atau unit")
    sms.says(none)
    assert sms.state().state != "who" and data(sms).get("who") is None, data(sms)


def test_a_number_twice_at_who_in_english_is_not_the_party(sms: Person):
    reach(sms, "Who or which unit", story=STORY_EN)
    first = sms.says("2")
    assert "counter 2" in first, first
    second = sms.says("2")
    assert sms.state().state == "who" and data(sms).get("who") is None, second
    assert "for example" in second, second
    third = sms.says("2")
    assert "not know yet" in third and "skip" in third, third
    assert sms.state().state == "who" and data(sms).get("who") is None
    sms.says("counter 2")
    assert data(sms).get("who") == "counter 2"


def test_a_filed_complaint_never_names_a_bare_digit(sms: Person):
    reach(sms, "Siapa atau unit")
    sms.says("2")
    sms.says("2")
    question = sms.says("2")
    done = walk(sms.says, sms.says("lewati"), ANSWERS)
    assert TICKET.search(done), done
    [complaint] = sms.complaints()
    assert complaint.reported_party is None, question


# --- 2. a second time at "where?" ------------------------------------------------------------
def test_a_different_time_at_where_updates_the_time(sms: Person):
    reach(sms, "Kapan kejadiannya")
    sms.says("bln lalu")
    assert data(sms)["when_text"] == "bln lalu"
    reply = sms.says("minggu lalu")
    assert "Waktu diperbarui" in reply and "minggu lalu" in reply, reply
    assert "Di mana kejadiannya" in reply, reply
    assert sms.state().state == "where" and data(sms)["when_text"] == "minggu lalu"
    assert "place" not in data(sms)


def test_the_same_time_again_at_where_is_not_an_update(sms: Person):
    reach(sms, "Kapan kejadiannya")
    sms.says("bln lalu")
    reply = sms.says("bln lalu")
    assert "Itu waktunya" in reply and "diperbarui" not in reply, reply
    assert data(sms)["when_text"] == "bln lalu"


def test_a_different_day_at_where_is_kept_out_loud(sms: Person):
    """Where a day was given ("kemarin"), another typed at "where?" is not taken on a guess,
    nor dropped in silence: which is kept is said, and how to change it."""
    reach(sms, "Kapan kejadiannya")
    sms.says("kemarin")
    reply = sms.says("4 hari yg lalu")
    assert "tetap tercatat" in reply and "4 hari yg lalu" in reply and "ubah" in reply, reply
    assert "Di mana kejadiannya" in reply, reply
    assert data(sms)["when_date"] == "2026-11-30"


def test_a_different_time_at_where_in_english(sms: Person):
    reach(sms, "When did it happen", story=STORY_EN)
    sms.says("last month")
    reply = sms.says("last week")
    assert "Time updated" in reply and "last week" in reply, reply
    assert "Where did it happen" in reply, reply
    assert sms.state().state == "where" and data(sms)["when_text"] == "last week"


# --- 3. a service question at a question of the draft ---------------------------------------
@pytest.mark.parametrize("fragment, asked, key", [
    ("Nomor permohonan", "syaratnya apa?", "reference"),
    ("Kapan kejadiannya", "berapa biayanya?", "when_text"),
    ("Siapa atau unit", "syaratnya apa?", "who"),
    ("Apa yang Anda harapkan", "berapa biayanya?", "outcome"),
    ("identitas Anda dicatat", "syaratnya apa?", "name"),
    ("Pengaduan Anda tentang apa", "syaratnya apa?", "type"),
])
def test_a_service_question_gets_a_pointer_and_the_question_again(sms: Person, fragment, asked,
                                                                   key):
    question = reach(sms, fragment, answers={"tampaknya tentang": "2"})
    state = sms.state().state
    reply = sms.says(asked)
    # the answer itself where the office's information has one, else where to find it
    assert "Ada pertanyaan lain" in reply or (
        "Informasi layanan" in reply and "08115773337" in reply), reply
    assert "belum mengerti" not in reply and "tidak ada petugas yang melihat" not in reply, reply
    assert question.splitlines()[0][:25] in reply, reply
    assert sms.state().state == state and data(sms).get(key) is None, data(sms)


def test_what_documents_at_the_permit_number_gets_a_pointer(person: Person):
    reach(person, "stay permit", story=KITAS_EN,
          answers={"What is your complaint about": "2", "seems to be about": "2"})
    reply = person.says("what documents do I need?")
    assert "Service information" in reply and "08115773337" in reply, reply
    assert "stay permit" in reply, reply
    assert person.state().state == "reference" and data(person).get("reference") is None


# --- 4. the privacy question and an urgent plea at the type list and the review -------------
def at_review(person: Person, story: str = KITAS_EN) -> str:
    return reach(person, "check your complaint" if story is not STORY_ID else
                 "Periksa pengaduan", story=story,
                 answers={"What is your complaint about": "2", "seems to be about": "1"})


@pytest.mark.parametrize("said, privacy", [
    ("who will see my name?", "Anonymous"),
    ("siapa yang bisa lihat nama saya?", "Tanpa nama")])
def test_the_privacy_question_at_the_type_list_is_answered(person: Person, said, privacy):
    at_review(person, KITAS_EN if privacy == "Anonymous" else STORY_ID)
    person.says("2")
    listed = person.says("2")
    assert person.state().state == "type_choose", listed
    before = data(person).get("type")
    reply = person.says(said)
    assert privacy in reply and ("didn't get" not in reply and "belum mengerti" not in reply), \
        reply
    assert person.state().state == "type_choose" and data(person).get("type") == before


@pytest.mark.parametrize("plea", ["URGENT my visa expires next week",
                                  "tolong segera, izin tinggal saya habis minggu depan"])
def test_an_urgent_plea_at_the_type_list_is_never_a_choice(person: Person, plea):
    english = plea.startswith("URGENT")
    at_review(person, KITAS_EN if english else STORY_ID)
    person.says("2")
    person.says("2")
    before = data(person).get("type")
    reply = person.says(plea)
    assert person.state().state == "type_choose", reply
    assert data(person).get("type") == before
    assert ("urgent" in reply and "officer" in reply) if english else \
        ("mendesak" in reply and "petugas" in reply), reply
    assert plea in " ".join(data(person)["story"])      # the officers read it with the story


@pytest.mark.parametrize("plea", ["URGENT my visa expires next week", "darurat pak tolong"])
def test_an_urgent_plea_at_the_review_is_acknowledged(person: Person, plea):
    english = plea.startswith("URGENT")
    at_review(person, KITAS_EN if english else STORY_ID)
    reply = person.says(plea)
    assert person.state().state == "confirm", reply
    assert "didn't get" not in reply and "belum mengerti" not in reply, reply
    assert ("urgent" in reply and "officer" in reply) if english else \
        ("mendesak" in reply and "petugas" in reply), reply
    assert not person.complaints()


def test_send_now_with_urgency_still_sends(sms: Person):
    at_review(sms, STORY_ID)
    reply = sms.says("kirim segera")
    assert TICKET.search(reply), reply


# --- 5. the same refusal, over and over ------------------------------------------------------
def test_continue_at_the_outcome_changes_after_two_tries(person: Person):
    reach(person, "What would you like us to do", story=STORY_EN,
          answers={"What is your complaint about": "1"})
    replies = [person.says("continue") for _ in range(4)]
    assert person.state().state == "outcome" and data(person).get("outcome") is None
    assert replies[2] != replies[1] and replies[3] != replies[2], replies
    assert "skip" in replies[2] and "cancel" in replies[2] and "officer" in replies[2], replies[2]


def test_lanjut_at_the_type_list_changes_after_two_tries(person: Person):
    person.says("halo")
    person.says("1")
    person.says(STORY_ID)
    question = person.says("lanjut")
    if "tampaknya tentang" in question:
        question = person.says("2")
    assert person.state().state == "type_choose", question
    replies = [person.says("lanjut") for _ in range(4)]
    assert person.state().state == "type_choose" and "type" not in data(person)
    assert replies[0] == replies[1], replies           # the step's own reminder, twice
    assert replies[2] != replies[1] and replies[3] != replies[2], replies
    assert "Lainnya" in replies[2] and "10" in replies[2], replies[2]
    assert "batal" in replies[2] and "petugas" in replies[2], replies[2]
    assert person.says("10") and data(person).get("type") == "lainnya"
