"""The border crossing pass (PLB, Pas Lintas Batas), asked about as people of the border write.

"PLB sy hilang" got the lost passport's answer (M-Paspor, the passport charge), and "kartu PLB
anak saya hilang" or "I lost my border pass" started a complaint when the model read them as
one: a person who lost their PLB wants to know what to do. Questions about a PLB get the `plb`
topic's answer, in the language they were asked in; a grievance about a PLB (held at the
crossing, a slow check, money asked for) is still a complaint. Through the real app on
WhatsApp and Telegram, with the trained model served by Rasa and without any NLU.
"""
from __future__ import annotations

import pytest

from bot.config import DEFAULT_CONFIG_PATH, load_office_config
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)

FILED = ("awal pengaduan", "start of a complaint", "Ceritakan apa yang terjadi",
         "Tell us what happened")


def _answered_not_filed(person: Person, reply: str) -> None:
    for fragment in FILED:
        assert fragment not in reply, reply
    assert not person.state().data.get("story") and not person.complaints()
    assert "*petugas*" in reply or "*officer*" in reply            # the way on to an officer


@pytest.mark.parametrize("lost", ["PLB sy hilang", "plb saya hilang gimana",
                                  "kartu PLB anak saya hilang"])
def test_a_lost_plb_is_told_what_to_do(person: Person, lost):
    reply = person.says(lost)
    assert "*Pas Lintas Batas (PLB)*" in reply, reply
    assert "surat keterangan hilang dari polisi" in reply and "kantor penerbit" in reply
    assert "PLB bukan paspor" in reply and "Kanim Nunukan" in reply and "08115773337" in reply
    assert "*Paspor hilang*" not in reply and "M-Paspor" not in reply      # not a passport's
    _answered_not_filed(person, reply)


@pytest.mark.parametrize("lost", ["PLB dan paspor saya hilang",
                                  "paspor sama plb sy ilang dua2nya",
                                  "I lost my passport and my border pass"])
def test_a_plb_and_a_passport_lost_together_get_both_answers(person: Person, lost):
    """Both lost: what to do for each, not only the PLB's answer."""
    reply = person.says(lost)
    english = lost.startswith("I ")
    assert ("*Border crossing pass (PLB, Pas Lintas Batas)*" if english
            else "*Pas Lintas Batas (PLB)*") in reply, reply
    assert ("*Lost passport*" if english else "*Paspor hilang*") in reply, reply
    _answered_not_filed(person, reply)


@pytest.mark.parametrize("asked", ["cara buat PLB", "cara buat PLB gimana?",
                                   "syarat pas lintas batas", "syarat pas lintas batas apa aja"])
def test_how_to_get_a_plb_is_answered(person: Person, asked):
    reply = person.says(asked)
    assert "*Pas Lintas Batas (PLB)*" in reply, reply
    assert "kecamatan perbatasan" in reply and "Kartu Keluarga" in reply
    assert "wilayah kerjanya mencakup domisili Anda" in reply
    assert "*Paspor baru (WNI)*" not in reply                # "syarat" is not a passport's here
    _answered_not_filed(person, reply)


@pytest.mark.parametrize("asked, lost", [("I lost my border pass", True),
                                         ("how do I get a PLB", False),
                                         ("how do I get a border pass", False)])
def test_english_questions_get_the_english_answer(person: Person, asked, lost):
    reply = person.says(asked)
    assert "*Border crossing pass (PLB, Pas Lintas Batas)*" in reply, reply
    assert "not a passport" in reply and "Kanim Nunukan" in reply
    assert "PLB diberikan" not in reply and "*Lost passport*" not in reply
    if lost:
        assert "from the police" in reply and "issuing office" in reply
    _answered_not_filed(person, reply)


@pytest.mark.parametrize("story", [
    "PLB saya ditahan petugas di pos lintas batas tanpa alasan",
    "antrian pemeriksaan PLB di pelabuhan lama sekali",
    "petugas minta uang waktu cek PLB"])                   # a levy
def test_a_grievance_about_a_plb_is_a_complaint(person: Person, story):
    reply = person.says(story)
    assert "awal pengaduan" in reply, reply
    assert "Pas Lintas Batas" not in reply and "bukan wewenang" not in reply
    assert person.state().data.get("story") == [story]


def test_a_grievance_asked_as_a_question_is_not_answered_with_the_plb_text(person: Person):
    """"plb" names the topic, but a PLB held by an officer is not a question about PLBs."""
    reply = person.says("kenapa PLB saya ditahan petugas?")
    assert "Pas Lintas Batas" not in reply, reply


@pytest.mark.parametrize("lost, topic", [("kartu paspor anak saya hilang", "*Paspor hilang*"),
                                         ("I lost my passport", "*Lost passport*")])
def test_a_lost_passport_told_in_a_few_words_gets_its_answer_too(person: Person, lost, topic):
    """The same loss, said of a passport, was filed when the model read a passport complaint."""
    reply = person.says(lost)
    assert topic in reply, reply
    assert "Pas Lintas Batas" not in reply
    _answered_not_filed(person, reply)


def test_a_passport_lost_at_the_office_is_still_a_complaint(person: Person):
    reply = person.says("paspor saya hilang di kantor imigrasi")
    assert "awal pengaduan" in reply, reply


def test_the_information_menu_lists_and_answers_the_plb(person: Person):
    person.says("halo")
    listing = person.says("informasi")
    assert "11. Pas Lintas Batas (PLB)" in listing, listing
    assert "10. Status permohonan paspor" in listing        # the others keep their numbers
    reply = person.says("PLB sy hilang")
    assert "*Pas Lintas Batas (PLB)*" in reply and "polisi" in reply, reply
    assert "*Paspor hilang*" not in reply
    assert "*Pas Lintas Batas (PLB)*" in person.says("11")


def test_the_plb_answer_is_short_and_marked_for_checking():
    """A citizen on a cheap phone: about 700 characters a language at most; and the office is
    told to verify the text before going live, as it is for the fees."""
    config = load_office_config()
    topic = config.informasi.topics["plb"]
    for text in (topic.answer.id, topic.answer.en):
        assert len(text.format(whatsapp="08115773337")) <= 700, text
        assert "{whatsapp}" in text
    source = DEFAULT_CONFIG_PATH.read_text(encoding="utf-8")
    assert "# PLB: the office MUST verify the `plb` answer" in source


@pytest.mark.parametrize("asked, title, not_this", [
    ("biaya PLB berapa", "*Biaya Pas Lintas Batas (PLB)*", "Rp650.000"),
    ("berapa biaya buat PLB?", "*Biaya Pas Lintas Batas (PLB)*", "Rp650.000"),
    ("how much is the border pass fee", "*Border crossing pass (PLB) fees*", "Rp650,000")])
def test_the_plb_fee_question_is_not_answered_with_the_passport_fees(person: Person, asked,
                                                                     title, not_this):
    """The passport fee list, shown first, would be read as the PLB's fee: the answer says
    where the official amount is shown and invents none."""
    reply = person.says(asked)
    assert title in reply, reply
    assert not_this not in reply                       # no passport amount to misread
    assert "billing" in reply and "08115773337" in reply
    _answered_not_filed(person, reply)


def test_the_fee_answer_is_not_a_menu_entry(person: Person):
    person.says("halo")
    listing = person.says("informasi")
    assert "Biaya PLB" not in listing and "12." not in listing, listing


@pytest.mark.parametrize("report", ["petugas minta uang waktu cek PLB",
                                    "waktu perpanjang paspor petugas minta uang rokok 100rb",
                                    "the officer asked me for money to stamp my border pass"])
def test_a_levy_reported_in_the_information_menu_is_a_complaint(person: Person, report):
    """In the information menu a message naming a topic got that topic's text, even when it
    reported a levy: the report was answered and lost."""
    person.says("halo")
    person.says("informasi")
    reply = person.says(report)
    assert "*Pas Lintas Batas (PLB)*" not in reply and "*Border crossing pass" not in reply
    assert "*Perpanjang atau ganti paspor*" not in reply
    assert "*Renewing or replacing a passport*" not in reply
    assert person.state().data.get("story") == [report], reply


@pytest.mark.parametrize("asked, topic", [("paspor rusak", "*Paspor rusak*"),
                                          ("syarat paspor hilang", "*Paspor hilang*"),
                                          ("cara buat PLB", "*Pas Lintas Batas (PLB)*")])
def test_questions_in_the_information_menu_are_still_answered(person: Person, asked, topic):
    person.says("halo")
    person.says("informasi")
    assert topic in person.says(asked)


@pytest.mark.parametrize("asked, title, lang_word", [
    ("PLB rusak kena air gimana", "*PLB rusak*", "penggantiannya"),
    ("my border pass is damaged, what should I do?", "*Damaged border crossing pass (PLB)*",
     "replacement")])
def test_a_damaged_plb_is_not_told_the_damaged_passport_procedure(person: Person, asked, title,
                                                                  lang_word):
    reply = person.says(asked)
    assert title in reply and lang_word in reply, reply
    assert "*Paspor rusak*" not in reply and "*Damaged passport*" not in reply
    assert "M-Paspor" not in reply                         # the passport's procedure
    _answered_not_filed(person, reply)
