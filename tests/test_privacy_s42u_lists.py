"""Lists that told of a held complaint before its slot: a petugas's private /inventaris and
/rekap (a register and recap in his private chat) listed and counted an anonymous complaint
the minute it was filed, and a leader's private /permintaan listed the talk he would read only
at the anonymous complaint's slot (tests/test_privacy_s42t_held_talk.py). Through the real
app (signed Twilio webhooks, Telegram updates, the worker sending), on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import openpyxl
import pytest

from tests.support.telegram import KASI, PETUGAS, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import app, complaint, officer, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _plain
from tests.test_privacy_s25b import FACILITY, NAMED, PASSPORT, _file
from tests.test_privacy_s27 import ANONYMOUS
from tests.test_privacy_s40b_ping import FILED, _slot

pytestmark = pytest.mark.timeout(300)

R_CODE = re.compile(r"\bR-\d+\b")


def _asked(app: Any, runtime: Any, tg_server: Any, chat: int, text: str) -> tuple[str, list]:
    seen = len(tg_server.sent_messages(chat))
    assert officer(app, chat, private=True).send(text) == "officer"
    deliver(runtime)
    sent = tg_server.sent_messages(chat)[seen:]
    said = "\n".join(_plain(m.params.get("text") or m.params.get("caption") or "") for m in sent)
    return said, [m.files["document"] for m in sent if m.method == "sendDocument"]


def _tickets_in(files: list) -> set[str]:
    found: set[str] = set()
    for doc in files:
        if doc.filename.endswith(".xlsx"):
            book = openpyxl.load_workbook(io.BytesIO(doc.content))
            for sheet in book.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    found |= {v for v in row if isinstance(v, str) and v.startswith("TRK-")}
    return found


def _two_complaints(app: Any, runtime: Any, clock: Any, number: str) -> tuple[TwilioSender,
                                                                              str, str]:
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name="Rina Handayani")
    clock.now = FILED - dt.timedelta(minutes=1)
    phone.says("halo")
    named = _file(phone, PASSPORT, {**NAMED, "Pengaduan Anda tentang apa": "1"})
    deliver(runtime)
    clock.now = FILED
    hidden = _file(phone, FACILITY, ANONYMOUS)
    deliver(runtime)
    assert complaint(runtime, hidden).identity_mode == "anonymous"
    return phone, named, hidden


@pytest.mark.parametrize("command", ["/inventaris", "/rekap"])
def test_a_petugas_private_register_lists_a_held_complaint_from_its_slot(
        app, runtime, tg_server, clock, command):
    _, named, hidden = _two_complaints(app, runtime, clock, "+6281377742501")
    clock.now = FILED + dt.timedelta(minutes=4)
    early, files = _asked(app, runtime, tg_server, PETUGAS, command)
    shown = _tickets_in(files)
    assert named in shown and hidden not in shown, shown
    assert hidden not in early, early
    clock.now = _slot(runtime, hidden) + dt.timedelta(minutes=1)
    deliver(runtime)
    _, files = _asked(app, runtime, tg_server, PETUGAS, command)
    assert {named, hidden} <= _tickets_in(files)


def test_kasis_permintaan_lists_a_talk_held_for_an_anonymous_slot_from_it(
        app, runtime, tg_server, clock):
    phone, _, hidden = _two_complaints(app, runtime, clock, "+6281377742502")
    clock.now = FILED + dt.timedelta(minutes=2)
    phone.says("saya mau bicara dengan petugas")
    phone.says("AC-nya rusak sejak minggu lalu, mohon diperbaiki")
    deliver(runtime)
    clock.now = FILED + dt.timedelta(minutes=5)
    early, _ = _asked(app, runtime, tg_server, KASI, "/permintaan")
    assert not R_CODE.search(early) and "Tidak ada permintaan" in early, early
    clock.now = _slot(runtime, hidden) + dt.timedelta(minutes=1)
    deliver(runtime)
    later, _ = _asked(app, runtime, tg_server, KASI, "/permintaan")
    assert R_CODE.search(later), later
