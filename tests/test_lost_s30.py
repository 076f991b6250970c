"""Things lost right after filing and with files (helper L30), over the real app (signed
Twilio webhooks, Telegram updates whose replies go through the outbox), without the NLU:

1. the summary's "1" sent twice (a double tap, a resend on a slow line) was the menu's "1" the
   second time: an empty draft opened, took the photo sent next, and no officer heard of it;
2. a file whose size the channel did not declare, found too large only at download, was still
   counted in the summary's (and the alert's) "Bukti: N berkas";
3. a forwarded Telegram message sent while the person typed faster than a person types (the
   flood path: kept, not read) lost its "[diteruskan dari …]" mark and became their own words.
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.models import Attachment
from tests.fakes import telegram_updates as tu
from tests.support.intake import TICKET, answer_to, walk
from tests.support.telegram import OFFICER_CHAT, channel_env, next_update_id
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_s28 import STORY, forwarded, said, send_file
from tests.test_kept_documents import fetch_all

pytestmark = pytest.mark.timeout(300)

NO_NLU = pytest.mark.parametrize("nlu", ["no-nlu"], indirect=True)
ENGLISH = "My passport has not been ready for 3 weeks although I had the interview and paid"


def filed(person: Person, story: str = STORY, first: str = "halo") -> str:
    """The intake walked to its ticket; the ticket."""
    person.says(first)
    person.says("1")
    person.says(story)
    reply = walk(person.says, person.says("lanjut" if story == STORY else "next"),
                 {"Pengaduan Anda tentang apa": "Layanan paspor",
                  "What is your complaint about": "Passport services"})
    return TICKET.search(reply).group(0)


def to_summary(person: Person, question: str) -> str:
    """The intake answered as usual from `question` until its summary; the summary."""
    for _ in range(15):
        if "Periksa pengaduan" in question or "check your complaint" in question:
            return question
        question = person.says(answer_to(question, {
            "Pengaduan Anda tentang apa": "Layanan paspor",
            "What is your complaint about": "Passport services"}))
    raise AssertionError(f"no summary; last:\n{question}")


def files(person: Person) -> list[Attachment]:
    with person.runtime.store.unit() as unit:
        return list(unit.session.scalars(select(Attachment).order_by(Attachment.id)))


# --- 1. the summary's "1" twice --------------------------------------------------------------
@NO_NLU
def test_a_second_1_right_after_filing_is_the_filing_and_the_next_photo_its_evidence(person):
    ticket = filed(person)
    again = person.says("1")
    assert ticket in again and "sudah terkirim" in again, again
    assert "Ceritakan" not in again and "Sampaikan pengaduan" in again, again
    state = person.state()
    assert state.state == "menu" and not state.data.get("story"), state.data
    reply = send_file(person, content_type="image/jpeg")
    assert "Ceritakan" not in reply, reply
    [complaint] = person.complaints()
    assert complaint.ticket == ticket
    assert [a.complaint_id for a in files(person)] == [complaint.id]
    assert "Silakan ceritakan" not in person.says("👍")


@NO_NLU
@pytest.mark.parametrize("person", ["telegram"], indirect=True)
def test_the_summarys_send_button_tapped_again_says_it_went(person):
    ticket = filed(person)
    again = person.says("Kirim pengaduan")
    assert ticket in again and "sudah terkirim" in again, again
    assert person.state().state == "menu" and not person.state().data.get("story")


@NO_NLU
@pytest.mark.parametrize("person", ["whatsapp"], indirect=True)
def test_a_second_1_in_english_is_answered_in_english(person):
    ticket = filed(person, ENGLISH, first="hello, I want to file a complaint")
    again = person.says("1")
    assert ticket in again and "has been sent" in again, again


@NO_NLU
@pytest.mark.parametrize("person", ["whatsapp"], indirect=True)
def test_1_after_the_menu_was_shown_again_files_a_new_complaint(person):
    filed(person)
    assert "Sampaikan pengaduan" in person.says("menu")
    assert "Ceritakan" in person.says("1")


# --- 2. a file found too large only at download ----------------------------------------------
def send_unsized(person: Person, tw_server, tg_server, *sizes: int) -> None:  # type: ignore[no-untyped-def]
    """Files whose size the channel does not declare on arrival (Twilio never does; a Telegram
    document without file_size), served with `sizes` bytes: all in one WhatsApp message, one
    Telegram message each."""
    if person.channel != "telegram":
        media = [(tw_server.add_media(f"ME{next_update_id()}{'e' * 24}", b"x" * size,
                                      "video/mp4"), "video/mp4") for size in sizes]
        person.phone.says("", media=media)
        return
    uid = person.user.user_id
    for size in sizes:
        file_id = f"BQACAgUAAxkBAAI{next_update_id()}"
        tg_server.add_file(file_id, b"x" * size)
        update = tu.make_document_update(next_update_id(), uid, uid, file_id=file_id,
                                         mime_type="video/mp4")
        del update["message"]["document"]["file_size"]
        said(person, update)


def told_too_large(person: Person) -> list[str]:
    with person.runtime.store.unit() as unit:
        return [i.body for i in unit.outbox_items(kind="reply", address=person.address)
                if "too large" in i.body or "terlalu besar" in i.body]


@NO_NLU
def test_a_file_found_too_large_at_download_is_not_counted_and_its_sender_told(
        person, tw_server, tg_server):
    limit = int(person.runtime.config.office_config.files.max_evidence_mb * 1024 * 1024)
    person.says("halo")
    person.says("1")
    person.says(STORY)
    send_unsized(person, tw_server, tg_server, limit + 1, 2_000)
    fetch_all(person.runtime, tg_server)
    assert sorted(a.fetch_status for a in files(person)) == ["stored", "too_large"]
    told = told_too_large(person)
    assert len(told) == 1 and "ternyata terlalu besar" in told[0] and "16 MB" in told[0], told
    summary = to_summary(person, person.says("lanjut"))
    assert "*Bukti:* 1 berkas" in summary, summary


@NO_NLU
@pytest.mark.parametrize("person", ["telegram"], indirect=True)
def test_an_english_sender_is_told_in_english_and_the_summary_counts_none(
        person, tw_server, tg_server):
    limit = int(person.runtime.config.office_config.files.max_evidence_mb * 1024 * 1024)
    person.says("hello, I want to file a complaint")
    person.says("1")
    person.says(ENGLISH)
    send_unsized(person, tw_server, tg_server, limit + 1)
    fetch_all(person.runtime, tg_server)
    told = told_too_large(person)
    assert len(told) == 1 and "turned out to be too large" in told[0], told
    summary = to_summary(person, person.says("next"))
    assert "*Evidence:* 0 file(s)" in summary, summary


@NO_NLU
@pytest.mark.parametrize("person", ["whatsapp"], indirect=True)
def test_an_albums_files_all_too_large_are_told_once(person, tw_server, tg_server):
    limit = int(person.runtime.config.office_config.files.max_evidence_mb * 1024 * 1024)
    person.says("halo")
    person.says("1")
    person.says(STORY)
    send_unsized(person, tw_server, tg_server, limit + 1, limit + 2)
    fetch_all(person.runtime, tg_server)
    assert [a.fetch_status for a in files(person)] == ["too_large", "too_large"]
    assert len(told_too_large(person)) == 1, told_too_large(person)


@NO_NLU
@pytest.mark.parametrize("person", ["whatsapp"], indirect=True)
def test_the_alert_counts_only_the_files_kept(person, tw_server, tg_server):
    limit = int(person.runtime.config.office_config.files.max_evidence_mb * 1024 * 1024)
    person.says("halo")
    person.says("1")
    person.says(STORY)
    send_unsized(person, tw_server, tg_server, limit + 1, 2_000)
    fetch_all(person.runtime, tg_server)
    person.says(answer_to(to_summary(person, person.says("lanjut"))))
    with person.runtime.store.unit() as unit:
        alerts = [i.body for i in unit.outbox_items(address=str(OFFICER_CHAT))
                  if "Pengaduan baru" in i.body]
    assert alerts and "Bukti: 1 berkas" in alerts[0], alerts


# --- 3. a forwarded message in a flood -------------------------------------------------------
@pytest.fixture
def hurried(make_app, sqlite_url, tg_server, tw_server) -> Person:  # type: ignore[no-untyped-def]
    """A Telegram user on the office's real flood limit (the clock is frozen: every message
    comes in the same second)."""
    app, runtime = make_app(sqlite_url, human_pace=True, **channel_env(tg_server, tw_server))
    return Person(app, runtime, "telegram")


def flooded(person: Person) -> None:
    """Messages up to the flood limit, so the next one takes the flood path."""
    limit = person.runtime.config.office_config.privacy.flood.messages
    for text in ["halo", "1", STORY][:limit]:
        person.says(text)
    for n in range(limit - 3):
        person.says(f"tambahan cerita bagian {n + 1}")


def test_a_forwarded_message_in_a_flood_keeps_its_mark_in_the_story(hurried):
    flooded(hurried)
    reply = said(hurried, forwarded(hurried, "Pak, nanti bayar 500 ya biar cepat"))
    assert "lebih cepat" in reply, reply      # the flood path, not the step
    story = hurried.state().data["story"]
    assert "[diteruskan dari Calo Andi] Pak, nanti bayar 500 ya biar cepat" in story, story
    assert "Pak, nanti bayar 500 ya biar cepat" not in story, story
