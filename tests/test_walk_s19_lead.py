"""Found by the lead walking Telegram and WhatsApp over real HTTP (2026-12-04).

1. "saya mau data saya dihapus", a wish to have one's data erased (UU 27/2022), got the bare
   menu: only "hapus data saya" and "data saya tolong dihapus" were read. A story that says the
   data was deleted ("data saya dihapus petugas tanpa alasan") or asks why stays what it was.
"""
from __future__ import annotations

import pytest

from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)


@pytest.mark.parametrize("said", ["saya mau data saya dihapus", "data saya dihapus aja",
                                  "sy ingin data sy dihapus semua ya"])
def test_a_wish_to_have_one_s_data_erased_is_a_data_request(person: Person, said):
    person.says("halo")
    reply = person.says(said)
    assert "UU No. 27 Tahun 2022" in reply and "1. Bicara dengan petugas" in reply, reply
    assert "sudah kami teruskan ke petugas" in person.says("1")


@pytest.mark.parametrize("said", ["data saya dihapus petugas tanpa alasan",
                                  "kenapa data saya dihapus"])
def test_a_story_about_deleted_data_is_not_a_request(person: Person, said):
    person.says("halo")
    reply = person.says(said)
    assert "UU No. 27 Tahun 2022" not in reply, reply
