"""Session 40 (helper P40C): what /lihat shows of a held complaint's talks, and its commands.

1. An anonymous complaint's alert waits for its slot, and until then the person's talk is the
   leaders' alone (`bot.notify.held_talk`, its code R-<id>). After the slot the group's /lihat
   of the complaint still showed the line that talk left in the trail ("Pelapor mengirim
   keterangan … (lewat permintaan bicara dengan petugas)"): now a line from a leaders-only
   talk is read by a leader in a private chat only (`identity.in_trail`).
2. The evidence line read "N berkas (tersimpan; /bukti TIKET)": now the complaint's own
   ticket, a command the officer can copy.

Through the real app (signed Twilio webhooks, Telegram updates, the in-process worker)."""
from __future__ import annotations

import re
from typing import Any

import pytest

from bot.sop.slots import alert_slot
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.test_kept_documents import fetch_all
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _group, _photo, _plain
from tests.test_privacy_s25b import FACILITY, NAMED, PASSPORT, _file
from tests.test_privacy_s27 import ANONYMOUS, _phone

pytestmark = pytest.mark.timeout(300)

FOLLOW_UP = "Pelapor mengirim keterangan atau bukti tambahan"
R_NOTE = re.compile(r"\(lewat permintaan R-\d+\)")


def _lihat(app: Any, runtime: Any, tg_server: Any, ticket: str, reader: int | None = None) -> str:
    """/lihat in the group (`reader` None) or in a reader's private chat: what it answered."""
    chat = OFFICER_CHAT if reader is None else reader
    user = _group(app) if reader is None else TelegramUser(app.test_client(), reader)
    seen = len(tg_server.sent_texts(chat))
    assert user.send(f"/lihat {ticket}") == "officer"
    deliver(runtime)
    shown = "\n".join(_plain(t) for t in tg_server.sent_texts(chat)[seen:])
    assert ticket in shown and "Riwayat" in shown, shown
    return shown


def _follow_up(phone: Any, runtime: Any, words: str) -> None:
    """More details for the complaint just filed, in a talk, then done."""
    phone.says("ada tambahan")
    phone.says(words)
    phone.says("selesai")
    deliver(runtime)


def test_the_group_does_not_read_the_line_of_a_talk_held_for_the_slot(
        app, runtime, tg_server, clock):
    """Anonymous, then more details before its slot (a talk only the leaders read): after the
    slot the group's /lihat has no line of that talk, the leaders in private still read it. A
    talk after the slot, which the group answers, stays in the group's trail."""
    phone = _phone(app, runtime, "+6281377740301")
    ticket = _file(phone, FACILITY, ANONYMOUS)
    assert complaint(runtime, ticket).identity_mode == "anonymous"
    deliver(runtime)
    _follow_up(phone, runtime, "AC-nya sudah mati sejak minggu lalu")
    [held] = [e.note for e in complaint(runtime, ticket).events if e.action == "follow_up"]
    assert R_NOTE.search(held), held                          # the leaders' talk wrote it
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    group = _lihat(app, runtime, tg_server, ticket)
    assert FOLLOW_UP not in group and "lewat permintaan" not in group, group
    assert "Pengaduan diterima" in group, group               # the rest of the trail stays
    for leader in (KASI, KEPALA):
        shown = _lihat(app, runtime, tg_server, ticket, leader)
        assert shown.count(FOLLOW_UP) == 1, (leader, shown)
    # a talk past the slot is the group's: its line is the group's to read
    _follow_up(phone, runtime, "toiletnya juga belum dibersihkan")
    notes = [e.note for e in complaint(runtime, ticket).events if e.action == "follow_up"]
    assert len(notes) == 2 and not R_NOTE.search(notes[1]), notes
    group = _lihat(app, runtime, tg_server, ticket)
    assert group.count(FOLLOW_UP) == 1, group
    assert _lihat(app, runtime, tg_server, ticket, KASI).count(FOLLOW_UP) == 2


def test_the_evidence_line_gives_the_command_with_the_complaint_s_ticket(
        app, runtime, tg_server, tw_server, clock):
    """A named complaint and a photo sent after it: its /lihat, in the group and in a private
    chat, reads "/bukti <its ticket>", never the placeholder."""
    phone = _phone(app, runtime, "+6281377740302")
    ticket = _file(phone, PASSPORT, {"Pengaduan Anda tentang apa": "1", **NAMED})
    url = tw_server.add_media("ME" + "4" * 32, _photo(), "image/jpeg")
    phone.say("", media=[(url, "image/jpeg")])
    fetch_all(runtime, tg_server)
    deliver(runtime)
    for reader in (None, PETUGAS):
        shown = _lihat(app, runtime, tg_server, ticket, reader)
        assert f"Bukti: 1 berkas (tersimpan; /bukti {ticket})" in shown, shown
        assert "TIKET" not in shown, shown
