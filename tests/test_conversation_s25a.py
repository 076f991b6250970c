"""Citizens' words the conversation misrouted on the walk W29, over the real app (Telegram
updates, signed Twilio webhooks), with the real Rasa server and without it:

1. "sy nak tarik balik laporan abang, takut kena apa2" (Malay: withdraw my report) from a
   whistleblower with a complaint on file got the out-of-scope referral, and "Tidak, terima
   kasih" then told him "Baik, tidak kami kirim": he believed his report withdrawn, and no one
   was told. Colloquial and Malay withdrawals are withdrawals; a message about one's own
   complaint is never sent elsewhere; and declining a referral names the complaint on file
   as still handled;
2. "gmn pak paspor anak sy" (after a passport complaint) got the new-passport requirements, and
   "min kapan AC nya dibenerin?" (after a facilities complaint) "belum bisa saya jawab": from
   a person with an open complaint, these ask its status, in any word order;
3. "paspor anak sy sdh 3 minggu blm jd padahal sdh wawancara" as a first message got the
   requirements, and her words were lost when she chose to complain: a delay told is a story;
   and an information answer to a message that also tells a grievance offers to file it, the
   message kept as its story.
"""
from __future__ import annotations

import pytest

from tests.support.intake import TICKET, walk
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)

NO_NLU = pytest.mark.parametrize("nlu", ["no-nlu"], indirect=True)
LEVY = "petugas loket minta uang lima ratus ribu supaya paspor cepat jadi"
PASSPORT = "paspor anak saya sudah 3 minggu belum jadi padahal sudah wawancara di kantor"
FACILITY = "AC di ruang tunggu kantor mati sudah seminggu, panas sekali dan banyak anak kecil"
WITHDRAWN = "tidak dapat dibatalkan lewat chat ini"
REQUIREMENTS = "Paspor baru (WNI)"


def file(person: Person, story: str, answers: dict[str, str] | None = None) -> str:
    """The whole intake from the menu; the ticket."""
    person.says("halo")
    person.says("1")
    person.says(story)
    question = person.says("lanjut")
    if "Pengaduan Anda tentang apa" in question or "What is your complaint about" in question:
        question = person.says("Layanan paspor")
    found = TICKET.search(walk(person.says, question, answers))
    assert found
    return found.group(0)


# --- 1. a withdrawal in Malay or everyday words ---------------------------------------------------
def test_a_malay_withdrawal_reaches_the_officers(person):
    ticket = file(person, LEVY)
    reply = person.says("sy nak tarik balik laporan abang, takut kena apa2")
    assert WITHDRAWN in reply and ticket in reply, reply
    assert "bukan wewenang" not in reply and "SP4N" not in reply, reply
    assert person.state().state == "officer"


@NO_NLU
@pytest.mark.parametrize("said", [
    "tarik balik laporan saya", "batalkan laporan sy min", "gak jadi lapor deh min",
    "laporan sy nak tarik balik", "cancel my complaint", "I want to withdraw my report"])
def test_everyday_withdrawals_are_withdrawals(person, said):
    ticket = file(person, PASSPORT)
    reply = person.says(said)
    assert ticket in reply and ("tidak dapat dibatalkan" in reply or
                                "cannot be withdrawn" in reply), reply


def test_declining_a_referral_keeps_the_complaint_on_file(person):
    """Another office's matter, told after filing: "not sent" names this message, and the
    complaint on file as still being handled."""
    ticket = file(person, PASSPORT)
    reply = person.says("jalan depan rumah sy berlubang besar sudah sebulan tidak diperbaiki, "
                        "sering ada yang jatuh dari motor")
    if "Apakah pesan ini tentang pengaduan" in reply:
        reply = person.says("2")
    assert "bukan wewenang" in reply, reply
    left = person.says("Tidak, terima kasih")
    assert "tidak kami kirim" not in left, left
    assert "pesan ini tidak kami teruskan" in left and ticket in left and "tetap diproses" in left
    assert person.complaints()[0].stage == "received"


def test_declining_a_referral_with_nothing_on_file_is_unchanged(person):
    person.says("halo")
    person.says("1")
    person.says("jalan depan rumah sy berlubang besar sudah sebulan tidak diperbaiki, "
                "sering ada yang jatuh dari motor")
    reply = person.says("lanjut")
    assert "bukan wewenang" in reply, reply
    assert "tidak kami kirim" in person.says("Tidak, terima kasih")


# --- 2. a status question in one's own words -----------------------------------------------------
@pytest.mark.parametrize("said", [
    "gmn pak paspor anak sy", "pak gmn paspor anak sy", "gmn pak paspor anak sy sdh ada kabar blm"])
def test_how_is_my_childs_passport_asks_the_status(person, said):
    ticket = file(person, PASSPORT)
    reply = person.says(said)
    assert REQUIREMENTS not in reply and ticket in reply and "Status:" in reply, reply


def test_when_will_it_be_fixed_asks_the_status(person):
    ticket = file(person, FACILITY, {"tampaknya tentang": "1"})
    reply = person.says("min kapan AC nya dibenerin?")
    assert "belum bisa saya jawab" not in reply and ticket in reply and "Status:" in reply, reply


def test_how_to_make_a_passport_is_still_answered(person):
    """With no complaint on file, "gmn bikin paspor" asks how a passport is made."""
    person.says("halo")
    assert REQUIREMENTS in person.says("gmn bikin paspor")


# --- 3. a delay told as a first message ----------------------------------------------------------
def test_a_delay_told_first_is_a_story(person):
    said = "paspor anak sy sdh 3 minggu blm jd padahal sdh wawancara"
    reply = person.says(said)
    assert REQUIREMENTS not in reply, reply
    assert person.state().data.get("story") == [said]


def test_an_answer_to_a_grievance_offers_to_file_it(person):
    """A grievance in few words that still gets an answer: "1" files it, the message kept as
    the story (no retyping); any other reply drops the offer."""
    said = "syarat paspor dipersulit"
    reply = person.says(said)
    if "Dicatat sebagai awal pengaduan" not in reply:  # answered (Rasa): the offer with it
        assert "balas *1* untuk menyampaikannya" in reply, reply
        person.says("1")
    assert person.state().state == "describe", reply
    assert person.state().data.get("story") == [said]
    assert "balas *1* untuk menyampaikannya" in reply or "Paspor" not in reply, reply
