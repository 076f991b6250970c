"""Start-up: command menus per scope, and officers the bot cannot reach named once in the group."""
from __future__ import annotations

import asyncio

import pytest

from handlers.telegram_setup import check_at_start
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS, SEKSI,
                                    TelegramUser, deliver, file_on_telegram)
from tests.test_officers import app, officer, runtime  # noqa: F401

pytestmark = pytest.mark.timeout(90)
CITIZEN = 555_060


def start(runtime) -> list[str]:  # type: ignore[no-untyped-def]
    found = asyncio.run(check_at_start(runtime.config, runtime.store, runtime.engine.clock()))
    return [o.name for o in found]


def chat(chat_id: int) -> dict[str, object]:
    return {"type": "chat", "chat_id": chat_id}


def test_menus_are_set_per_scope(runtime, tg_server):
    assert start(runtime) == []
    group = tg_server.commands_for(chat(OFFICER_CHAT))
    assert {"aduan", "saya", "lihat", "tahap", "dokumen", "bantuan"} <= set(group)
    assert "catat" not in group and "identitas" not in group     # private-only commands
    kasi = tg_server.commands_for(chat(KASI))
    assert {"identitas", "plh", "catat", "teruskan", "rekap", "saya"} <= set(kasi)
    seksi = tg_server.commands_for(chat(SEKSI["tu"]))
    assert {"saya", "tahap", "lihat"} <= set(seksi)
    assert not {"teruskan", "identitas", "catat", "rekap", "plh"} & set(seksi)
    assert "rekap" in tg_server.commands_for(chat(PENYUSUN))
    assert tg_server.commands_for({"type": "all_private_chats"}) == ["start", "bantuan"]


def test_an_officer_who_never_started_the_bot_is_named_once(app, runtime, tg_server):
    tg_server.never_started(KEPALA)
    tg_server.never_started(PETUGAS)
    assert sorted(start(runtime)) == ["Kepala Kantor", "Petugas Pengaduan"]
    assert start(runtime) == ["Petugas Pengaduan", "Kepala Kantor"]   # still unreachable …
    deliver(runtime)
    reports = [t for t in tg_server.sent_texts(OFFICER_CHAT) if "belum dapat dihubungi" in t]
    assert len(reports) == 1                                            # … but named once
    assert f'<a href="tg://user?id={KEPALA}">Kepala Kantor</a>' in reports[0]
    assert "Mulai/Start" in reports[0] and "Tiket" not in reports[0]
    # A new complaint: the unreachable petugas is mentioned in the group, not messaged.
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    deliver(runtime)
    assert not [c for c in tg_server.calls_to("sendMessage")
                if str(c.params.get("chat_id")) == str(PETUGAS)]
    alert = next(t for t in tg_server.sent_texts(OFFICER_CHAT) if ticket in t)
    assert f'<a href="tg://user?id={PETUGAS}">' in alert
    # The petugas opens a private chat: reachable again, pinged from then on.
    tg_server.started(PETUGAS)
    assert officer(app, PETUGAS, private=True).send("/start") == "officer"
    other = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 1), runtime)
    deliver(runtime)
    assert any(other in t and "Giliran Anda" in t for t in tg_server.sent_texts(PETUGAS))


def test_a_private_message_refused_later_is_reported_once_by_name(app, runtime, tg_server):
    tg_server.block(PETUGAS)                  # started the bot once, blocked it since
    for n in range(3):
        file_on_telegram(TelegramUser(app.test_client(), CITIZEN + n), runtime)
    deliver(runtime)
    group = tg_server.sent_texts(OFFICER_CHAT)
    named = [t for t in group if "Pesan pribadi tidak sampai" in t]
    assert len(named) == 1 and "Petugas Pengaduan" in named[0]
    assert not any("Tiket: -" in t or "Pesan tidak terkirim" in t for t in group)
