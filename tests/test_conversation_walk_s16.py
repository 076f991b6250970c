"""Findings of a fourth citizens' walk (2026-12-04), on WhatsApp, Telegram and the web chat,
with and without Rasa:

1. the rating question (step 9) replaced the conversation's data, losing the mark that the
   person's own words had set its language: someone who wrote English, rated, then checked a
   relative's complaint (filed in Indonesian) with ticket and PIN was switched to Indonesian;
2. "batal" then "tidak" while the story was told answered "your complaint is kept" followed by
   "Tell us what happened…", which reads as if the story were gone;
3. after the summary's *Ubah* > *Cerita*, digits alone ("2", a menu choice or a slip) were added
   to the story;
4. "lewati" / "skip" at "how should you be recorded?" was not understood;
5. a request about one's data during a draft (Telegram, web chat): the officer button came on
   one message and the question's buttons on the next, which replaced it;
6. a shared location at "when?" was read as a date from its coordinates ("3.3" as 3 March), and
   at the other questions taken as their answer or as a non-answer;
7. "other" / "lainnya" at "where did it happen?" was kept as the place "other";
8. "is this free?" / "apakah ini gratis?" during filing got "not understood";
9. a sticker after the story was met with "Tell us what happened…" again.
"""
from __future__ import annotations

import pytest

from bot.notify import alert_slot
from tests.support.intake import TICKET
from tests.support.telegram import TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation import file_complaint
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_web_walk import reach
from tests.test_officers import app, complaint, runtime, walk_to  # noqa: F401 - fixtures
from tests.test_when_answer_checked import at_when

pytestmark = pytest.mark.timeout(300)

CITIZEN = 555_160


# --- 1. the language survives the rating -----------------------------------------------------
def test_the_language_the_person_wrote_survives_the_rating(app, runtime, tg_server, clock):
    citizen = TelegramUser(app.test_client(), CITIZEN)
    for said in ("Hello, I need help please", "File a complaint",
                 "My passport has not been ready for three weeks although I paid", "Next",
                 "Passport services", "Skip", "Yesterday", "1", "Skip", "Next", "Skip",
                 "Anonymous", "Send"):
        citizen.send(said)
    with runtime.store.unit() as unit:
        ticket = TICKET.search(unit.outbox_items(kind="reply")[-1].body).group(0)
    # a relative's complaint, filed in Indonesian on WhatsApp
    relative = TwilioSender(app.test_client(), runtime.config.settings, number="+6281399900016")
    theirs, pin = file_complaint(relative)
    # anonymous: the group acts on it from its alert's slot on (bot.desk.privacy.released)
    clock.now = alert_slot(runtime.config.office_config, clock())
    walk_to(app, ticket, "reported")
    citizen.send("4")
    citizen.send("skip")
    for said in ("status", theirs, pin):
        citizen.send(said)
    deliver(runtime)
    shown = tg_server.sent_texts(CITIZEN)[-1]
    assert theirs in shown and "Next step" in shown, shown
    assert "Langkah berikutnya" not in shown
    assert complaint(runtime, ticket).rating == 4


# --- 2. "batal" then "tidak" while the story is told ------------------------------------------
def test_a_cancel_taken_back_during_the_story_says_nothing_was_lost(person: Person):
    person.says("halo")
    person.says("1")
    person.says("Paspor saya sudah 3 minggu belum jadi padahal sudah bayar")
    assert "Batalkan pengaduan ini?" in person.says("batal")
    kept = person.says("tidak")
    assert "tidak ada yang hilang" in kept and "Sudah semua?" in kept, kept
    assert "Ceritakan apa yang terjadi" not in kept, kept          # no fresh start
    assert person.state().state == "describe"
    assert person.state().data["story"] == ["Paspor saya sudah 3 minggu belum jadi padahal "
                                            "sudah bayar"]
    # the question it asked is answered as asked: "ya" ends the story
    assert person.says("ya") and person.state().state in ("type_confirm", "type_choose")


def test_a_cancel_taken_back_in_english_says_nothing_was_lost(person: Person):
    person.says("hello")
    person.says("1")
    person.says("my passport has not been ready for three weeks although I paid")
    assert "Cancel this complaint?" in person.says("cancel")
    kept = person.says("no")
    assert "nothing was lost" in kept and "Is that all?" in kept, kept
    assert "Tell us what happened" not in kept
    assert person.state().state == "describe"


def test_a_cancel_taken_back_at_a_question_asks_it_again(person: Person):
    question = reach(person, "Di mana kejadiannya")
    assert "Batalkan pengaduan ini?" in person.says("batal")
    kept = person.says("tidak")
    assert "tidak ada yang hilang" in kept and "Di mana kejadiannya?" in kept, kept
    assert person.state().state == "where" and question


# --- 3. digits alone when the story is changed from the summary -------------------------------
def to_story_edit(person: Person) -> None:
    reach(person, "Periksa pengaduan Anda")
    person.says("Ubah")
    edit = person.says("Cerita")
    assert "Cerita Anda sekarang" in edit, edit


@pytest.mark.parametrize("digits", ["2", "1", "9."])
def test_digits_alone_are_not_added_to_the_story(person: Person, digits):
    to_story_edit(person)
    before = list(person.state().data["story"])
    asked = person.says(digits)
    assert f"*{digits.rstrip('.')}*" in asked and "belum kami tambahkan" in asked, asked
    assert person.state().data["story"] == before
    assert person.state().state == "describe"
    # words are still added, and "lanjut" goes back to the summary
    person.says("sudah 2 kali datang tetap belum jadi")
    assert person.state().data["story"] == before + ["sudah 2 kali datang tetap belum jadi"]
    summary = person.says("lanjut")
    assert "Periksa pengaduan Anda" in summary and "\n2\n" not in summary, summary


# --- 4. "lewati" at the identity question ------------------------------------------------------
@pytest.mark.parametrize("said", ["lewati", "Skip", "lewati aja"])
def test_skip_at_the_identity_question_is_no_name(person: Person, said):
    reach(person, "Bagaimana identitas Anda dicatat")
    summary = person.says(said)
    data = person.state().data
    assert person.state().state == "confirm", summary
    assert data["anonymous"] is True and not data.get("name"), data
    assert "Anonim" in summary and said.lower() not in summary.lower().split("identitas")[-1]


# --- 5. a request about one's data during a draft: the officer stays within a tap --------------
def test_a_data_request_during_a_draft_keeps_the_officer_and_the_question_on_telegram(
        person: Person):
    at_question = reach(person, "Kapan kejadiannya")
    assert at_question
    person.says("saya mau hapus data saya")
    if person.channel == "telegram":
        with person.runtime.store.unit() as unit:
            last = unit.outbox_items(kind="reply", address=person.address)[-1]
        # the last keyboard (the one Telegram shows) has the question's choices and the officer
        assert "Kapan kejadiannya" in last.body, last.body
        assert last.payload["choices"][:2] == ["Hari ini", "Kemarin"], last.payload
        assert "Bicara dengan petugas" in last.payload["choices"], last.payload
    # the question's answer is still taken
    person.says("Kemarin")
    assert person.state().state == "where"
    assert person.state().data["when_label"] == "yesterday" or person.state().data.get(
        "when_date"), person.state().data


def test_a_data_request_during_a_draft_then_the_officer_button(person: Person):
    reach(person, "Kapan kejadiannya")
    person.says("saya mau lihat data saya")
    taken = person.says("Bicara dengan petugas")
    assert person.state().state == "officer", taken
    assert person.state().data.get("story"), person.state().data       # the draft is kept


def test_a_data_request_during_a_draft_on_the_web_chat(client):
    from tests.support.webchat import WebVisitor
    web = WebVisitor(client)
    for said in ("halo", "Sampaikan pengaduan",
                 "paspor saya belum jadi padahal sudah sebulan dari wawancara di kantor",
                 "lanjut"):
        web.say(said)
    if "Ya, benar" in web.choices():
        web.say("Ya, benar")
    else:
        web.say("Layanan paspor")
    web.say("Lewati")
    assert "Kapan kejadiannya" in web.bubbles()[-1], web.bubbles()[-1]
    web.say("saya mau hapus data saya")
    assert "Kapan kejadiannya" in web.bubbles()[-1]
    assert {"Hari ini", "Kemarin", "Bicara dengan petugas"} <= set(web.choices()), web.choices()
    web.choose("Bicara dengan petugas")
    assert "sudah kami teruskan ke petugas" in "\n".join(web.bubbles()[-2:]), web.bubbles()[-2:]


# --- 6. a shared location at a question that is not "where?" -----------------------------------
def shares_location(person: Person, place: str = "Pelabuhan Malundung") -> str:
    """A map pin (3.3, 117.6) shared on the person's channel; returns the bot's answer."""
    if person.channel != "telegram":
        return person.phone.says("", Latitude="3.3", Longitude="117.6", Address=place)
    from tests.support import telegram as tg
    update = tg.tu.make_text_update(tg.next_update_id(), person.user.chat_id,
                                    person.user.user_id, "x", first_name="Budi")
    del update["message"]["text"]
    update["message"]["venue"] = {"location": {"latitude": 3.3, "longitude": 117.6},
                                  "title": place, "address": place}
    update["message"]["location"] = {"latitude": 3.3, "longitude": 117.6}
    with person.runtime.store.unit() as unit:
        before = len(unit.outbox_items(kind="reply", address=person.address))
    assert person.user.post(update).status_code == 200
    with person.runtime.store.unit() as unit:
        return "\n".join(i.body for i in unit.outbox_items(kind="reply",
                                                           address=person.address)[before:])


@pytest.mark.parametrize("fragment, asked, key", [
    ("Kapan kejadiannya", "Kapan kejadiannya", "when_date"),
    ("Nomor permohonan", "Nomor permohonan", "reference"),
    ("Siapa atau unit", "Siapa atau unit", "who"),
    ("Apa yang Anda harapkan", "Apa yang Anda harapkan", "outcome")])
def test_a_location_at_a_question_is_kept_and_the_question_asked_again(person: Person, fragment,
                                                                        asked, key):
    reach(person, fragment)
    reply = shares_location(person)
    data = person.state().data
    assert "Lokasi diterima" in reply and asked in reply, reply
    assert person.state().state != "identity" and key not in data, data   # no answer taken
    assert any("Pelabuhan Malundung (3.3, 117.6)" in part for part in data["story"]), data
    # never a date read in the coordinates ("3.3" as 3 March)
    assert "2026-03-03" not in str(data)


def test_a_location_at_where_is_the_place(person: Person):
    reach(person, "Di mana kejadiannya")
    shares_location(person)
    data = person.state().data
    assert data["place"] == "other" and "Pelabuhan Malundung" in data["place_detail"], data


# --- 7. "other" at "where did it happen?" ------------------------------------------------------
@pytest.mark.parametrize("said", ["other", "lainnya", "tempat lain min", "somewhere else",
                                  "elsewhere"])
def test_other_at_where_asks_for_the_place(person: Person, said):
    reach(person, "Di mana kejadiannya")
    asked = person.says(said)
    assert person.state().state == "where_other", asked
    assert "place_detail" not in person.state().data
    person.says("Jalan Mulawarman, Tarakan Barat")
    data = person.state().data
    assert (data["place"], data["place_detail"]) == ("other", "Jalan Mulawarman, Tarakan Barat")


# --- 8. "is this free?" in the middle of filing --------------------------------------------------
@pytest.mark.parametrize("lang, fragment, said, answer", [
    ("id", "Kapan kejadiannya", "apakah ini gratis?", "gratis, tidak dipungut biaya"),
    ("id", "Siapa atau unit", "bayar ga min buat lapor ini?", "gratis, tidak dipungut biaya"),
    ("id", "Di mana kejadiannya", "ngadu di sini bayar gak?", "gratis, tidak dipungut biaya"),
    ("en", "When did it happen", "is this free?", "Filing a complaint here is free"),
    ("en", "When did it happen", "do I have to pay for this?", "Filing a complaint here is free")])
def test_whether_complaining_costs_anything_is_answered(person: Person, lang, fragment, said,
                                                       answer):
    if lang == "en":
        at_when(person, lang="en")
    else:
        reach(person, fragment)
    state = person.state().state
    reply = person.says(said)
    assert answer in reply and fragment in reply, reply       # answered, then asked again
    assert "belum mengerti" not in reply and "didn't get that" not in reply, reply
    assert person.state().state == state


@pytest.mark.parametrize("said", ["biaya paspor berapa?", "how much is the passport fee?"])
def test_a_fee_of_a_service_is_still_the_fees_answer(person: Person, said):
    reach(person, "Kapan kejadiannya")
    reply = person.says(said)
    assert "Rp650" in reply and "gratis, tidak dipungut" not in reply, reply
    assert "is free: there is no charge" not in reply


# --- 9. a sticker after the story ----------------------------------------------------------------
def test_a_sticker_after_the_story_asks_whether_that_is_all(person: Person):
    person.says("halo")
    person.says("1")
    person.says("Paspor saya sudah 3 minggu belum jadi padahal sudah bayar")
    if person.channel == "telegram":
        from tests.support import telegram as tg
        update = tg.tu.make_text_update(tg.next_update_id(), person.user.chat_id,
                                        person.user.user_id, "x", first_name="Budi")
        del update["message"]["text"]
        update["message"]["sticker"] = {"file_id": "ST1", "file_unique_id": "S1", "width": 512,
                                        "height": 512, "is_animated": False, "is_video": False,
                                        "type": "regular"}
        with person.runtime.store.unit() as unit:
            before = len(unit.outbox_items(kind="reply", address=person.address))
        assert person.user.post(update).status_code == 200
        with person.runtime.store.unit() as unit:
            reply = "\n".join(i.body for i in unit.outbox_items(
                kind="reply", address=person.address)[before:])
    else:
        reply = person.phone.says("", media=[("https://api.twilio.com/s1.webp", "image/webp")])
    assert "Sudah semua?" in reply and "Ceritakan apa yang terjadi" not in reply, reply
    assert person.state().data["story"] == ["Paspor saya sudah 3 minggu belum jadi padahal "
                                            "sudah bayar"]
    person.says("ya")                                     # "is that all?" "yes"
    assert person.state().state in ("type_confirm", "type_choose")
