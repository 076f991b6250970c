"""A grievance told in the information menu is a complaint, not a question about its topic.

Found by playing a citizen over real HTTP: "bos sy mo tanya" opens the information menu; the
person then tells what went wrong ("paspor anak sy udh 2 minggu blm jadi, … hrs bolak balik")
and got the procedure for a new passport, three times over, however they answered. A story
told there now starts a complaint's draft, as at the menu; a question naming the same topic
still gets its answer. With the trained model served by Rasa and without NLU, on WhatsApp and
Telegram.
"""
from __future__ import annotations

import pytest

from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)

PROCEDURE = "*Paspor baru (WNI)*"
STORY_KEPT = "Ceritakan"          # the draft's "tell more, or reply lanjut" answers


@pytest.mark.parametrize("story", [
    "paspor anak sy udh 2 minggu blm jadi, td ke kantor katanya blm ada blanko, trus sy hrs "
    "bolak balik trus ini",
    "sudah sebulan paspor saya belum jadi, tiap ditanya petugas cuma bilang tunggu",
    "pelayanan paspor lambat sekali, sy antri dari jam 7 baru dipanggil jam 1 siang",
])
def test_a_story_told_after_asking_to_ask_becomes_a_complaint(person: Person, story: str):
    opened = person.says("bos sy mo tanya")
    assert "Informasi apa yang Anda perlukan" in opened
    reply = person.says(story)
    assert PROCEDURE not in reply
    assert person.state().state != "info"
    reply = person.says("lanjut")
    assert "Informasi apa yang Anda perlukan" not in reply
    for _ in range(3):                  # the type's question or the model's proposal
        if "Pengaduan Anda tentang apa" in reply or "Benar?" in reply or "paspor" in reply:
            break
        reply = person.says("lanjut")
    assert "paspor" in reply.lower(), reply
    assert story.split(",")[0][:30] in str(person.state().data), person.state().data


@pytest.mark.parametrize("question", [
    "syarat bikin paspor anak apa aja ya",
    "kalau paspor lama sudah habis masa berlakunya, perpanjangnya gimana?",
])
def test_a_question_in_the_information_menu_still_gets_its_answer(person: Person,
                                                                   question: str):
    person.says("bos sy mo tanya")
    reply = person.says(question)
    assert "paspor" in reply.lower() and "Ceritakan" not in reply
    assert person.state().state == "info" and not person.complaints()
