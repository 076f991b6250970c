"""A loss told at the menu is a grievance, not a question about fees.

Measured by running the real dev set's messages as first messages (`make chat` as a probe):
a message about a return ticket already paid "sudah berapa" that "merugikan" got the passport fee
list, because "berapa" is a fee question word and nothing in it read as a grievance. Through the
real app on WhatsApp and Telegram, with the trained model served by Rasa and without any NLU.
"""
from __future__ import annotations

import pytest

from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)


@pytest.mark.parametrize("told", [
    "uang tiket pesawat sy sudah berapa juta hangus gara2 ditahan di bandara, sy dirugikan",
    "udah bayar berapa kali ongkos ke kantor, bolak balik terus, merugikan sekali"])
def test_a_loss_is_a_complaint_not_a_fee_question(person: Person, told):
    person.says("halo")
    reply = person.says(told)
    assert "Biaya paspor" not in reply and "PNBP" not in reply, reply
    assert person.state().data.get("story") == [told] or "bukan wewenang" in reply
