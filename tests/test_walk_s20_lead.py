"""What the lead found reading the second citizens' walk of session 20 (real app, signed Twilio
webhooks): an answer to an earlier question, typed at the identity question, was asked back as
the person's name ("Nama Anda *minggu lepas*?") and, confirmed with "ok", filed as the identity.
A time is never a name; Malay "minggu lepas" is last week."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.conversation import reporter, when
from tests.support.intake import answer_to
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import app, runtime  # noqa: F401 - the fixtures

pytestmark = pytest.mark.timeout(240)


@pytest.mark.parametrize("said", ["minggu lepas, 27 Nov", "minggu lalu", "Senin", "tgl 27 nov"])
def test_a_time_is_never_read_as_a_name(said):
    assert reporter.read_name(said) == (None, False)


@pytest.mark.parametrize("name", ["Minggu Pratama", "Lalu Muhammad Zohri", "Budi Santoso"])
def test_names_that_begin_like_a_time_are_still_names(name):
    assert reporter.read_name(name)[0] == name


def test_minggu_lepas_is_last_week():
    today = dt.date(2026, 12, 1)
    assert when.parse("minggu lepas", today) == when.parse("minggu lalu", today)


def test_a_time_typed_at_the_identity_question_is_not_asked_back_as_a_name(app, runtime):
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255520041",
                         profile_name="Faizal Rahman", channel="whatsapp")
    reply = ""
    for said in ("halo", "1", "Paspor saya sudah tiga minggu belum jadi", "lanjut"):
        reply = phone.says(said)
    for _ in range(15):
        if "identitas Anda dicatat" in reply:
            break
        reply = phone.says(answer_to(reply, {"Pengaduan Anda tentang apa": "1"}))
    else:
        raise AssertionError(reply)
    odd = phone.says("minggu lepas, 27 Nov")
    assert "minggu lepas" not in odd.lower(), odd
    assert "identitas" in odd.lower() or "nama" in odd.lower(), odd     # asked again


def test_an_officer_asked_for_at_a_question_says_the_complaint_is_unsent_and_lanjut_resumes(
        app, runtime):
    """At "Ada bukti?" she asked for an officer: the talk opened, but nothing said her
    complaint was not filed, and "lanjut" (the word the question had just taught her) was
    relayed to the officers eight times. Now she is told, and "lanjut" takes her back to the
    question; finishing files the complaint."""
    from sqlalchemy import func, select
    from storage.models import Complaint, ContactRequest
    from tests.support.intake import TICKET, walk
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255520042",
                         channel="whatsapp")
    reply = ""
    for said in ("halo", "1", "Paspor saya sudah tiga minggu belum jadi", "lanjut"):
        reply = phone.says(said)
    for _ in range(15):
        if "Ada bukti" in reply:
            break
        reply = phone.says(answer_to(reply, {"Pengaduan Anda tentang apa": "1"}))
    else:
        raise AssertionError(reply)
    opened = phone.says("saya mau bicara dengan petugas")
    assert re.search(r"\bT-\d{7}\b", opened) and not re.search(r"\bP-\d+", opened), opened   # its own code
    assert "belum terkirim" in opened and "lanjut" in opened, opened
    back = phone.says("lanjut")
    assert "Ada bukti" in back, back
    done = walk(phone.says, back)
    assert TICKET.search(done), done
    with runtime.store.unit() as unit:
        assert unit.session.scalar(select(func.count()).select_from(Complaint)) == 1
        assert unit.session.scalar(select(func.count()).select_from(ContactRequest)) == 1


def test_another_matter_told_at_the_cancel_question_is_a_new_story(app, runtime):
    """After "ga jadi deh" she wrote "eh maaf, soal lain: petugas … membentak saya": it was
    added to the story she had just dropped, and the filed ticket told both. The cancel stands
    and the new matter is the story of a new complaint (the old one can be restored)."""
    from sqlalchemy import select
    from storage.models import Complaint
    from tests.support.intake import TICKET, walk
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255520043",
                         channel="whatsapp")
    for said in ("halo", "1", "Biaya PNBP paspor saya dobel ditagih di bank"):
        phone.says(said)
    assert "Batalkan" in phone.says("ga jadi deh")
    told = phone.says("eh maaf soal lain, petugas di loket wawancara membentak saya waktu "
                      "saya tanya syaratnya")
    assert "dibatalkan" in told and "pulihkan" in told, told
    done = walk(phone.says, phone.says("lanjut"), {"Pengaduan Anda tentang apa": "5"})
    ticket = TICKET.search(done).group(0)
    with runtime.store.unit() as unit:
        filed = unit.session.scalars(select(Complaint).where(Complaint.ticket == ticket)).one()
        assert "membentak" in filed.description and "PNBP" not in filed.description


def test_one_s_own_name_as_the_person_complained_about_is_pointed_out_before_sending(
        app, runtime):
    """On SMS he typed "Sutarno" at "who is it about?" and again as his name: the officers
    read "Pihak diadukan: Sutarno" beside "Identitas: Sutarno". The summary says so before it
    is sent, so it can be corrected."""
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255520044")
    reply = ""
    for said in ("halo", "1", "Paspor anak saya sudah satu bulan belum jadi", "lanjut"):
        reply = phone.says(said)
    answers = {"Pengaduan Anda tentang apa": "1", "Siapa atau unit": "Sutarno",
               "identitas Anda dicatat": "tulis nama saya", "Tuliskan nama Anda": "Sutarno",
               "Nama Anda": "1"}
    for _ in range(20):
        if "Periksa pengaduan" in reply:
            break
        reply = phone.says(answer_to(reply, answers))
    else:
        raise AssertionError(reply)
    assert "sama dengan nama Anda" in reply and "Sutarno" in reply, reply


def test_status_while_talking_with_nothing_filed_keeps_the_talk(app, runtime):
    """Waiting for an officer with her complaint unsent, "status" answered "your next
    messages are no longer passed to the officers": she only asked. Now she is told nothing is
    filed yet (and how to go on with the draft), and the talk goes on."""
    from sqlalchemy import select
    from storage.models import ConversationState
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255520045",
                         channel="whatsapp")
    for said in ("halo", "1", "Paspor saya sudah tiga minggu belum jadi"):
        phone.says(said)
    assert re.search(r"\*T-\d{7}\*", phone.says("saya mau bicara dengan petugas"))
    told = phone.says("status")
    assert "Belum ada pengaduan yang terkirim" in told and "lanjut" in told, told
    assert "tidak lagi diteruskan" not in told, told
    with runtime.store.unit() as unit:
        assert unit.session.scalars(select(ConversationState)).one().state == "officer"
