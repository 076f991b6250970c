"""The ticket message of an anonymous complaint says when the office learns of it.

Nobody in the office, the leaders included, learns of an anonymous complaint before its alert
slot (`bot.identity.anonymous_to_all`), and its report to Kasi (SOP step 2) is timed from the
slot. The ticket message promised "an officer reports it to the head of section within 10
minutes", true of every other complaint only. Over the real app (signed Twilio webhooks),
without the NLU; the clock is Tuesday 1 Dec 2026, 10.00 WITA, slots at 08, 10, 12, 14, 16.
"""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from storage.models import Complaint, OutboxItem
from tests.support.intake import TICKET, walk
from tests.support.telegram import OFFICER_CHAT
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = [pytest.mark.timeout(300),
              pytest.mark.parametrize("nlu", ["no-nlu"], indirect=True),
              pytest.mark.parametrize("person", ["whatsapp"], indirect=True)]

STORY = "Kemarin saya urus paspor anak, petugas bilang berkas kurang padahal sudah lengkap"
STORY_EN = "Yesterday the officer at the passport counter said my papers were incomplete"
WITA = dt.timezone(dt.timedelta(hours=8))


def file(person: Person, anonymous: bool, english: bool = False) -> str:
    person.says("I want to complain" if english else "mau lapor")
    person.says(STORY_EN if english else STORY)
    question = person.says("next" if english else "lanjut")
    answers = {"Pengaduan Anda tentang apa": "Layanan paspor",
               "What is your complaint about": "Passport services"}
    if anonymous:
        answers.update({"identitas Anda dicatat": "Anonim",
                        "record your identity": "Anonymous"})
    return walk(person.says, question, answers)


def group_alert_due(person: Person, ticket: str) -> dt.datetime:
    with person.runtime.store.read() as session:
        complaint_id = session.scalar(select(Complaint.id).where(Complaint.ticket == ticket))
        due = session.scalars(select(OutboxItem.next_attempt_at).where(
            OutboxItem.complaint_id == complaint_id,
            OutboxItem.address == str(OFFICER_CHAT))).all()
    assert due, "no alert for the officers' group"
    return min(d if d.tzinfo else d.replace(tzinfo=dt.timezone.utc) for d in due)


def test_an_anonymous_complaint_is_told_the_slot_the_office_learns_of_it_at(person):
    filed = file(person, anonymous=True)
    ticket = TICKET.search(filed).group(0)
    assert "Selasa, 1 Desember 2026 12.00 WITA" in filed, filed
    assert "dilaporkan kepada Kepala Seksi dalam 10 menit" in filed, filed
    assert "Petugas melaporkannya kepada Kepala Seksi dalam 10 menit" not in filed, filed
    # the slot told is the one the officers' group is told at
    assert group_alert_due(person, ticket) == dt.datetime(2026, 12, 1, 12, 0, tzinfo=WITA)


def test_in_english(person):
    filed = file(person, anonymous=True, english=True)
    assert "Tuesday, 1 December 2026 12:00 (WITA)" in filed, filed
    assert "within 10 minutes of that" in filed, filed


def test_a_named_complaint_keeps_the_ten_minutes(person):
    filed = file(person, anonymous=False)
    assert "Petugas melaporkannya kepada Kepala Seksi dalam 10 menit" in filed, filed
    assert "jadwal berikutnya" not in filed, filed


def test_an_anonymous_complaint_after_hours_is_told_the_opening(person, clock):
    clock.advance(hours=10)                              # Tuesday 20.00: the office is closed
    filed = file(person, anonymous=True)
    assert "Kantor sedang tutup" in filed and "jadwal berikutnya" not in filed, filed
