"""How a whistleblower answers the identity questions, read as they meant them.

Found as a complainant in `make chat`, reporting a broker:
- "nama saya Budi tapi tolong dirahasiakan" was told "nama Anda dirahasiakan… Tulis nama Anda"
  (the name was just given), and "ya" then got "Nama tidak valid";
- at "apakah identitas Anda ingin dirahasiakan?", "ga usah dirahasiakan" (no need to keep it
  secret) was filed confidential: "dirahasiakan" was read as the wish;
- "pakai nama samaran boleh?" was read as choosing to type a name.
A whistleblower named openly now sees, in the summary, that officers can see the name. Through
the real app on WhatsApp and Telegram, with the trained model served by Rasa and without NLU.
"""
from __future__ import annotations

import pytest

from tests.support.intake import TICKET
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)

BROKER = "ada calo di depan kantor minta 500rb biar paspor cepat jadi"


def to_identity(person: Person) -> str:
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(BROKER)
    question = person.says("lanjut")
    if "tampaknya tentang" in question:
        question = person.says("ya")
    else:
        question = person.says("Pungutan liar, calo, atau suap")
    answers = {"Kapan kejadiannya": "kemarin", "Di mana kejadiannya": "1",
               "Siapa atau unit": "lewati", "Ada bukti": "lanjut",
               "Apa yang Anda harapkan": "lewati"}
    for _ in range(8):
        if "identitas Anda dicatat" in question:
            return question
        question = person.says(next(a for f, a in answers.items() if f in question))
    raise AssertionError(question)


def test_a_name_given_with_the_wish_to_keep_it_secret(person):
    to_identity(person)
    summary = person.says("nama saya Budi tapi tolong dirahasiakan")
    assert "*Identitas:* Budi (dirahasiakan)" in summary, summary
    assert TICKET.search(person.says("kirim"))
    [complaint] = person.complaints()
    assert (complaint.identity_mode, complaint.reporter_name) == ("confidential", "Budi")


@pytest.mark.parametrize("said, mode", [("ga usah dirahasiakan", "named"),
                                        ("tidak perlu dirahasiakan", "named"),
                                        ("ga usah, dirahasiakan aja", "confidential"),
                                        ("rahasiakan aja", "confidential")])
def test_secrecy_declined_in_so_many_words(person, said, mode):
    to_identity(person)
    person.says("Tulis nama saya")
    assert "ingin dirahasiakan" in person.says("Rina Wati")
    summary = person.says(said)
    if mode == "named":
        assert "*Identitas:* Rina Wati (tidak dirahasiakan: petugas dapat melihat nama Anda)" \
            in summary, summary
    else:
        assert "*Identitas:* Rina Wati (dirahasiakan)" in summary, summary
    assert TICKET.search(person.says("kirim"))
    [complaint] = person.complaints()
    assert complaint.identity_mode == mode


@pytest.mark.parametrize("asked, told", [("pakai nama samaran boleh?", "Nama samaran tidak perlu"),
                                         ("harus pakai nama asli?", "*Tanpa nama*")])
def test_a_question_about_the_name_is_answered_not_taken_for_a_choice(person, asked, told):
    to_identity(person)
    reply = person.says(asked)
    assert told in reply and "identitas Anda dicatat" in reply
    assert "Tuliskan nama Anda" not in reply and person.state().state == "identity"
