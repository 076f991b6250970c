"""The desk's one entry point, driven with neutral updates (no Telegram types): it owns its
transaction, records each update once, and tells the adapter what is not for the desk."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.desk.requests import OfficerUpdate
from storage.models import Message, OfficerAction
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS

pytestmark = pytest.mark.timeout(60)
CITIZEN = 555_010


@pytest.fixture
def desk(bot_app):  # type: ignore[no-untyped-def]
    return bot_app[1].desk


@pytest.fixture
def store(bot_app):  # type: ignore[no-untyped-def]
    return bot_app[1].store


def counts(store) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """(messages, officer actions, outbox rows) stored so far."""
    with store.unit() as unit:
        return (unit.session.scalar(select(func.count(Message.id))),
                unit.session.scalar(select(func.count(OfficerAction.id))),
                len(unit.outbox_items()))


def update(provider_id: str, actor: int, text: str = "", chat: int | None = None,
           **extra) -> OfficerUpdate:  # type: ignore[no-untyped-def]
    chat_id = chat if chat is not None else actor
    return OfficerUpdate(provider_id=provider_id, chat_id=str(chat_id), private=chat is None,
                         actor_id=str(actor), actor_name="Uji", text=text, **extra)


def test_a_retried_update_is_recorded_and_answered_once(desk, store):
    assert desk.receive(update("u1", PETUGAS, "/aduan", chat=OFFICER_CHAT)) == "officer"
    once = counts(store)
    assert desk.receive(update("u1", PETUGAS, "/aduan", chat=OFFICER_CHAT)) == "duplicate"
    assert counts(store) == once == (1, 1, 1)


def test_group_chatter_and_commands_in_a_foreign_group_write_nothing(desk, store):
    assert desk.receive(update("u2", PETUGAS, "siang semua", chat=OFFICER_CHAT)) == "ignored"
    assert desk.receive(update("u3", PETUGAS, "/aduan", chat=-100999)) == "ignored"
    assert counts(store) == (0, 0, 0)


def test_private_messages_that_are_not_for_the_desk_go_back_to_the_conversation(desk, store):
    assert desk.receive(update("u4", CITIZEN, "/help")) == "complainant"       # a citizen's help
    assert desk.receive(update("u5", CITIZEN, "paspor saya hilang")) == "complainant"
    assert counts(store) == (0, 0, 0)
    assert desk.receive(update("u7", KASI, "/bantuan")) == "officer"
    assert counts(store)[:2] == (1, 1)
    # An officer's plain word with no dialogue open is the officer's: an officer hint (the
    # update recorded, its words not kept), never the citizens' intake (desk walk finding 14).
    assert desk.receive(update("u6", KASI, "halo")) == "officer"
    assert counts(store)[:2] == (2, 1)


def test_an_unknown_button_is_acknowledged_without_acting(desk, store):
    done = desk.receive(update("u8", PETUGAS, chat=OFFICER_CHAT, button="nonsense",
                               callback_id="cb-1"))
    assert done == "ignored"
    with store.unit() as unit:
        [ack] = unit.outbox_items(kind="callback")
        assert ack.payload["callback_query_id"] == "cb-1"
        assert unit.session.scalar(select(func.count(OfficerAction.id))) == 0
