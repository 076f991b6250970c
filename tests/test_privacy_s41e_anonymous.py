"""Privacy review of session 41 (walker W45, over real HTTP): the leaders' talk notice tied a
named person to their anonymous bribe report.

A person files a passport complaint by name, then a bribe report anonymously (sensitive: the
leaders read its alert at once, without a name). Their talk with the officers is the leaders'
only because of the anonymous report, yet the leaders' notice and relays read "🙋 Pelapor
TRK-named (R-1) … Alasan: … pungli" at the same minute: the named ticket beside the talk told
the leaders who had written the anonymous report. Such a talk names no ticket of the person now
(`bot.notify.for_anonymous`); a talk the leaders read for what is not anonymous (a named bribe
report) keeps its named ticket, as before.

Through the real app (signed Twilio webhooks, Telegram updates), on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _plain
from tests.test_privacy_s25b import NAMED, PASSPORT
from tests.test_privacy_s40b_ping import ANONYMOUS_BRIBE, BRIBE, _filed, _slot

pytestmark = pytest.mark.timeout(300)

R_CODE = re.compile(r"\bR-\d+\b")
NAMED_PASSPORT = {**NAMED, "Pengaduan Anda tentang apa": "1"}
NAMED_BRIBE = {**NAMED, "Pengaduan Anda tentang apa": "4"}


def _talk(app: Any, runtime: Any, tg_server: Any, clock: Any, number: str,
          ticket: str) -> dict[int, str]:
    """After the anonymous report's slot: the person asks for an officer and writes a line;
    what each leader reads of it."""
    clock.now = _slot(runtime, ticket) + dt.timedelta(minutes=5)
    deliver(runtime)          # the leaders' notice of an anonymous report, held for its slot
    seen = {chat: len(tg_server.sent_texts(chat)) for chat in (KASI, KEPALA, OFFICER_CHAT)}
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name="Rina Handayani")
    phone.says("saya mau bicara dengan petugas")
    phone.says("petugasnya yang pakai kacamata di loket 3")
    deliver(runtime)
    return {chat: "\n".join(_plain(t) for t in tg_server.sent_texts(chat)[seen[chat]:])
            for chat in seen}


def test_a_talk_the_leaders_read_only_for_an_anonymous_report_names_no_ticket(
        app, runtime, tg_server, tw_server, clock):
    number = "+6281290417351"
    named = _filed(app, runtime, clock, number, PASSPORT, NAMED_PASSPORT)
    hidden = _filed(app, runtime, clock, number, BRIBE, ANONYMOUS_BRIBE)
    assert complaint(runtime, hidden).identity_mode == "anonymous"
    read = _talk(app, runtime, tg_server, clock, number, hidden)
    for leader in (KASI, KEPALA):
        said = read[leader]
        assert R_CODE.search(said), said                  # the leaders are told, by R-n
        assert "kacamata di loket 3" in said, said        # and read what was written
        assert named not in said and hidden not in said, said
    assert "kacamata" not in read[OFFICER_CHAT]            # the group hears nothing of it


def test_a_talk_the_leaders_read_for_a_named_report_keeps_its_ticket(
        app, runtime, tg_server, tw_server, clock):
    """The same, the bribe reported by name: the leaders read the talk for it, and the notice
    names it, as before."""
    number = "+6281290417352"
    _filed(app, runtime, clock, number, PASSPORT, NAMED_PASSPORT)
    bribe = _filed(app, runtime, clock, number, BRIBE, NAMED_BRIBE)
    assert complaint(runtime, bribe).identity_mode == "named"
    read = _talk(app, runtime, tg_server, clock, number, bribe)
    for leader in (KASI, KEPALA):
        assert bribe in read[leader] and R_CODE.search(read[leader]), read[leader]
    assert "kacamata" not in read[OFFICER_CHAT]
