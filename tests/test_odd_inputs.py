"""Odd things citizens send: each gets a helpful reply, and nothing of it is lost or doubled.

Played through the real app (signed Twilio webhooks, Telegram updates whose replies go through
the outbox), with the trained model served by Rasa and without any NLU where the reading
matters.
"""
from __future__ import annotations

import pytest

from tests.support.telegram import channel_env
from tests.test_conversation_people import Person, nlu  # noqa: F401  (the nlu fixture)

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def whatsapp(make_app, sqlite_url, tg_server, tw_server, nlu) -> Person:  # noqa: F811
    app, runtime = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    return Person(app, runtime, "whatsapp")


def test_a_levy_told_in_malay_from_tawau_is_for_immigration(whatsapp):
    """People crossing from Sabah write Malay: "imigresen", "duit kopi". A levy at the port is
    this office's matter, never referred elsewhere."""
    reply = whatsapp.says("Assalamualaikum, saya dari Tawau. Macam mana nak buat aduan pasal "
                          "pegawai imigresen di pelabuhan minta duit kopi?")
    assert "bukan wewenang" not in reply
    assert whatsapp.state().state == "describe"
    assert "minta duit kopi" in whatsapp.state().data["story"][0]
