"""Coming back to a complaint already filed: more evidence, a detail forgotten, a correction, a
wish to withdraw it, impatience.

Found by chatting as a complainant (`make chat`): right after the ticket, "saya mau tambah bukti
foto" began a *new* complaint ("Dicatat sebagai awal pengaduan"), and everything said after it
("saya mau cabut laporan saya", "kok lama sekali", "ok makasih") was gathered into that new
story; a photo sent at the menu days later was kept for a next draft, so the officers handling
the complaint never saw it. Now such messages go to the officers as a request that says why,
with the message relayed, and the person is told which complaint it went to. Through the real
app on WhatsApp and Telegram, with the trained model served by Rasa and without any NLU.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from storage.models import Attachment, ContactRelay
from tests.support.intake import TICKET, walk
from tests.support.telegram import OFFICER_CHAT, channel_env, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation import file_complaint
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)

STORY = "paspor sy udh sebulan blm jadi, katanya cuma 4 hari kerja"


def file(person: Person) -> str:
    """A passport complaint filed; its ticket."""
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(STORY)
    filed = walk(person.says, person.says("lanjut"), {"Pengaduan Anda tentang apa?": "1"})
    return TICKET.search(filed).group(0)


def file_anonymously(phone: TwilioSender) -> str:
    """`file_complaint`, recording no identity (the intake's default is a name); its ticket."""
    for said in ("halo", "1", "Paspor saya sudah 3 minggu belum jadi", "lanjut"):
        phone.say(said)
    filed = walk(phone.says, phone.says("1"), {"identitas Anda dicatat": "anonim"})
    return TICKET.search(filed).group(0)


def not_a_new_draft(person: Person) -> None:
    assert len(person.complaints()) == 1
    assert not person.state().data.get("story")


@pytest.mark.parametrize("said, told", [
    ("saya mau tambah bukti foto", "Silakan kirim bukti"),
    ("min ada foto susulan", "Silakan kirim bukti"),
    ("ralat, kejadiannya tgl 3 bukan kemarin", "Keterangan Anda untuk pengaduan"),
    # found walking WhatsApp: a correction without "ralat" began a new complaint
    ("maaf pak tanggalnya salah, bukan 25 tapi 24 nov", "Keterangan Anda untuk pengaduan"),
    ("salah tanggal, harusnya hari senin jam 10 pagi", "Keterangan Anda untuk pengaduan"),
    ("sorry the date I gave was wrong, it was on Monday", "Your details for complaint"),
    ("sy lupa bilang, petugasnya pakai baju batik", "Keterangan Anda untuk pengaduan"),
    ("oh iya lupa, petugasnya jg bilang sistem lagi error", "Keterangan Anda untuk pengaduan"),
    ("I want to add more evidence", "Please send the evidence"),
])
def test_more_for_a_filed_complaint_goes_to_its_officers(person, said, told):
    ticket = file(person)
    reply = person.says(said)
    assert told in reply and ticket in reply, reply
    assert "awal pengaduan" not in reply and "start of a complaint" not in reply
    not_a_new_draft(person)
    assert person.state().state == "officer"
    with person.runtime.store.unit() as unit:          # this very message is passed on
        [relayed] = unit.session.scalars(select(ContactRelay)).all()
    assert relayed.message_id is not None
    # what follows is passed on too, not read as a story or a new wish
    assert person.says("ok makasih") == "" or "Diteruskan" in person.says("ok makasih")
    not_a_new_draft(person)


@pytest.mark.parametrize("said", ["saya mau cabut laporan saya",
                                  "pengaduan sy dibatalkan aja min",
                                  "please withdraw my complaint"])
def test_a_wish_to_withdraw_is_passed_on_not_drafted(person, said):
    ticket = file(person)
    reply = person.says(said)
    assert ticket in reply and ("tidak dapat dibatalkan lewat chat" in reply
                                or "cannot be withdrawn in this chat" in reply), reply
    not_a_new_draft(person)
    [complaint] = person.complaints()
    assert complaint.stage == "received"                 # the officers decide, not the bot


@pytest.mark.parametrize("said", ["kok lama sekali", "tolong dipercepat ya pak",
                                  "please hurry up"])
def test_impatience_after_filing_gets_the_status(person, said):
    ticket = file(person)
    reply = person.says(said)
    assert ticket in reply and ("Hasil paling lambat" in reply or "Outcome due by" in reply)
    not_a_new_draft(person)


def test_a_new_story_after_filing_is_still_a_new_complaint(person):
    file(person)
    reply = person.says("sy mau lapor lagi, ada calo di depan kantor minta 300rb buat antrian")
    assert "awal pengaduan" in reply
    assert person.state().data.get("story")


def test_a_withdrawal_before_any_complaint_is_not_a_follow_up(person):
    reply = person.says("saya mau cabut laporan saya")
    assert "tidak dapat dibatalkan" not in reply and not re.search(r"\bP-\d+", reply)


# --- what the officers read, and the evidence itself ----------------------------------------
def group_texts(tg_server) -> list[str]:  # type: ignore[no-untyped-def]
    return tg_server.sent_texts(OFFICER_CHAT)


def test_the_group_reads_why_and_a_concealed_ticket_stays_hidden(
        make_app, sqlite_url, tg_server, tw_server, clock):
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700071")
    ticket = file_anonymously(phone)
    clock.advance(hours=2)      # from its alert slot the talk is the group's (test_privacy_s30.py)
    deliver(runtime)
    phone.says("saya mau cabut laporan saya, sudah diurus sendiri")
    deliver(runtime)
    said = "\n".join(group_texts(tg_server))
    assert "↩️ Pelapor meminta pengaduannya dicabut" in said
    assert "saya mau cabut laporan saya, sudah diurus sendiri" in said
    heading = [t for t in group_texts(tg_server) if "meminta pengaduannya dicabut" in t]
    assert heading and all(ticket not in t for t in heading)     # anonymous: no ticket there


def test_a_photo_days_after_filing_reaches_the_officers_of_that_complaint(
        make_app, sqlite_url, tg_server, tw_server, clock):
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700072")
    ticket, _pin = file_complaint(phone)
    clock.advance(days=3)
    reply = phone.says("", media=[(
        "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM7/Media/ME7", "image/jpeg")])
    assert "Lampiran Anda kami teruskan" in reply and ticket in reply
    deliver(runtime)
    said = "\n".join(group_texts(tg_server))
    assert "📎 Pelapor mengirim keterangan atau bukti tambahan" in said
    code = re.search(r"/bukti ([PT]-\d+)", said).group(1)     # P-: filed by name
    with runtime.store.unit() as unit:
        [photo] = unit.session.scalars(select(Attachment)).all()
        [relayed] = unit.session.scalars(select(ContactRelay)).all()
        state = state_data(unit)
    assert photo.message_id == relayed.message_id and code in reply
    assert "attachments" not in state                            # not kept for a next draft


def test_a_photo_long_after_filing_or_from_a_first_timer_waits_for_a_story(
        make_app, sqlite_url, tg_server, tw_server, clock):
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    first = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700073")
    first.say("halo")
    reply = first.says("", media=[(
        "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM8/Media/ME8", "image/jpeg")])
    assert "Lampiran Anda kami teruskan" not in reply
    old = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700074")
    file_complaint(old)
    clock.advance(days=30)
    reply = old.says("", media=[(
        "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM9/Media/ME9", "image/jpeg")])
    assert "Lampiran Anda kami teruskan" not in reply
    with runtime.store.unit() as unit:
        assert not unit.session.scalars(select(ContactRelay)).all()


def state_data(unit) -> dict:  # type: ignore[no-untyped-def]
    from storage.models import ConversationState
    return unit.session.scalars(select(ConversationState)).one().data


# --- questions a complainant asks about themselves --------------------------------------------
def test_asked_whether_their_identity_is_safe(person):
    before = person.says("apakah identitas saya aman?")
    assert "Identitas Anda kami lindungi" in before and "tanpa nama" in before
    ticket = file(person)
    [complaint] = person.complaints()
    reply = person.says("petugasnya bakal tau ga kalo sy yg lapor?")
    assert ticket in reply
    expected = {"anonymous": "tercatat *tanpa nama*",
                "confidential": "identitas *dirahasiakan*",
                "named": "tercatat *dengan nama* Anda"}[complaint.identity_mode]
    assert expected in reply, reply
    english = person.says("Is my identity safe?")
    assert ticket in english and "recorded" in english
    not_a_new_draft(person)


def test_a_question_at_the_identity_question_is_answered_then_asked_again(person):
    from tests.test_conversation_answers import to_identity
    to_identity(person)
    reply = person.says("kalau pakai nama, petugasnya tau ga?")
    assert "*Tanpa nama*: tidak ada petugas yang melihat nama" in reply
    assert "identitas Anda dicatat" in reply                      # asked again
    assert person.state().state == "identity" and "name" not in person.state().data


def test_a_lost_pin_from_the_filing_number_needs_none(person):
    file(person)
    reply = person.says("PIN saya lupa")
    assert "tidak perlu PIN" in reply and "*status*" in reply
    not_a_new_draft(person)


def test_thanks_with_a_form_of_address_is_thanks(person):
    person.says("halo")
    assert "Sama-sama" in person.says("makasih ya min")      # "min" greets, but it is thanks
    assert "Sama-sama" in person.says("terima kasih min")


def test_the_complaint_s_trail_shows_the_person_came_back(
        make_app, sqlite_url, tg_server, tw_server, clock):
    """Leadership proves how a complaint was handled from its trail: a withdrawal asked for, or
    more evidence sent, is on it (no identity: the request's code)."""
    from tests.test_conversation import only_complaint
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700075")
    file_anonymously(phone)
    clock.advance(hours=2)      # past its alert slot: the group's talk, not the leaders' (R-n)
    phone.says("saya mau cabut laporan saya")
    [event] = [e for e in only_complaint(runtime).events if e.action == "follow_up"]
    # filed anonymously: the talk's own code, never the P-code (tests/test_privacy_s25b.py)
    assert re.match(r"Pelapor meminta pengaduan dicabut \(lewat permintaan T-\d+\)$", event.note)
    assert event.actor_role == "complainant" and "+62" not in event.actor
