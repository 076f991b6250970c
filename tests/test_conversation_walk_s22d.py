"""Found on the citizens' walk W23 (2026-12-05): at "keep your identity confidential?" a
worried question ("pegawai tu boleh tahu nama saya tak?", Malay: can that officer know my
name?) shares its words with the second choice ("Tidak, nama saya boleh diketahui petugas")
and was read as it: the driver reporting an officer's levy was about to be named openly on a
question. A question there is answered and the question asked again, nothing stored; the Malay
spelling "rahsiakan" is the first choice."""
from __future__ import annotations

import pytest

from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_walk_s22a import data, reach

pytestmark = pytest.mark.timeout(300)

LEVY = ("pegawai di pos lintas batas minta duit RM50 baru boleh lepas, saya sudah bayar "
        "tapi tak dapat resit")
LEVY_ANSWERS = {"Pengaduan Anda tentang apa": "4", "identitas Anda dicatat": "1"}


@pytest.mark.parametrize("asked", ["pegawai tu boleh tahu nama saya tak?",
                                   "petugasnya bisa tau nama saya ga?",
                                   "kalau tidak dirahasiakan siapa yang bisa lihat nama saya"])
def test_a_worried_question_at_the_confidential_question_is_never_a_choice(person: Person,
                                                                           asked):
    reach(person, "ingin dirahasiakan", story=LEVY, answers=LEVY_ANSWERS)
    reply = person.says(asked)
    assert person.state().state == "confidential", reply
    assert "confidential" not in data(person), data(person)
    assert "Kasi Tikkim dan Kepala Kantor" in reply and "petugas yang menangani" in reply, reply
    # the person then chooses, in Malay spelling: kept from the group
    after = person.says("rahsiakan nama saya")
    assert data(person).get("confidential") is True, (after, data(person))


def test_the_second_choice_typed_out_still_names_openly(person: Person):
    reach(person, "ingin dirahasiakan", story=LEVY, answers=LEVY_ANSWERS)
    person.says("tidak, nama saya boleh diketahui petugas")
    assert data(person).get("confidential") is False, data(person)


def test_a_wish_said_with_the_worry_is_the_choice(person: Person):
    reach(person, "ingin dirahasiakan", story=LEVY, answers=LEVY_ANSWERS)
    person.says("rahasiakan, saya takut dia tahu nama saya")
    assert data(person).get("confidential") is True, data(person)


def test_a_name_not_to_be_known_is_never_read_as_openly(person: Person):
    reach(person, "ingin dirahasiakan", story=LEVY, answers=LEVY_ANSWERS)
    person.says("nama saya tidak boleh diketahui petugas")
    assert data(person).get("confidential") is not False, data(person)


@pytest.mark.parametrize("wish", ["tidak mau nama saya diketahui petugas",
                                  "jangan sampai petugas tahu"])
def test_a_negated_wish_to_be_known_keeps_the_name_confidential(person: Person, wish):
    reach(person, "ingin dirahasiakan", story=LEVY, answers=LEVY_ANSWERS)
    person.says(wish)
    assert data(person).get("confidential") is not False, data(person)


def test_no_need_with_the_name_allowed_is_named_openly(person: Person):
    reach(person, "ingin dirahasiakan", story=LEVY, answers=LEVY_ANSWERS)
    person.says("ga usah, nama saya boleh disebut")
    assert data(person).get("confidential") is False, data(person)


# --- W23: a fear said, not asked; a hurried cancel; thanks with "boss" ------------------------
from tests.test_conversation_walk_s20c import ABOUT, file_levy, relays, story  # noqa: E402


@pytest.mark.parametrize("said", ["saya takut pegawai tu tahu saya report",
                                  "takut petugasnya cari saya pak"])
def test_a_fear_said_after_a_levy_complaint_is_answered_not_a_new_complaint(person: Person,
                                                                             said):
    ticket = file_levy(person, "anonim")
    reply = person.says(said)
    assert ABOUT not in reply and "awal pengaduan" not in reply, reply
    assert f"*{ticket}*" in reply and "tanpa nama" in reply, reply
    assert not story(person) and person.state().state == "menu"
    assert not relays(person) and len(person.complaints()) == 1


@pytest.mark.parametrize("said", ["ga jd dh", "GA JD DH", "gk jd"])
def test_a_cancel_typed_in_a_hurry_asks_to_cancel(person: Person, said):
    reach(person, "Kapan kejadiannya")
    reply = person.says(said)
    assert person.state().state == "cancel", reply
    assert "when" not in data(person) and "incident" not in str(data(person)).lower(), data(person)


@pytest.mark.parametrize("said", ["terima kasih boss", "terima kasih encik"])
def test_thanks_with_boss_mid_draft_is_not_an_answer(person: Person, said):
    reach(person, "Siapa atau unit")
    reply = person.says(said)
    assert person.state().state == "who", reply
    assert data(person).get("who") is None, data(person)
