"""The leaders' own files and lists of an anonymous complaint give no minute of its receipt,
and their notice held for its slot goes to no one kept away from it since.

Kasi Tikkim and the Kepala Kantor read the officers' group, where the same person's named alert
or talk came a minute before they filed anonymously. Their daily digest listed the anonymous
report's step-2 deadline ("batas 09.51", the receipt plus ten minutes) and lateness to the
minute; their own register kept its receipt minute and channel; a leader kept away from it
between the filing and its slot still got its story at the slot. Through the real app (signed
Twilio webhooks, Telegram updates, the worker sending), on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from bot.paperwork.recap import register_row
from bot.sop.sweep import DeadlineSweep
from tests.support.telegram import KASI, KEPALA, deliver
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _plain
from tests.test_privacy_s40b_ping import ANONYMOUS_BRIBE, BRIBE, FILED, _filed, _slot

pytestmark = pytest.mark.timeout(300)

WITA = dt.timezone(dt.timedelta(hours=8))
MINUTE = re.compile(r"\b\d{2}\.(\d{2})\b")


def _local(moment: dt.datetime) -> dt.datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)).astimezone(WITA)


def test_the_digest_lists_an_anonymous_report_as_of_its_slot(app, runtime, tg_server, clock):
    """Filed anonymously at 09.41 and left untouched: the next morning's digest lists it as
    late, its deadline by the hour of its slot's, its lateness in whole hours; no 09.51."""
    hidden = _filed(app, runtime, clock, "+6281377742201", BRIBE, ANONYMOUS_BRIBE)
    due = _local(complaint(runtime, hidden).due_at).strftime("%H.%M")
    assert due == "09.51"
    sweep = DeadlineSweep(runtime.config.office_config, runtime.notifier)
    clock.now = dt.datetime(2026, 12, 2, 8, 5, tzinfo=WITA)
    sweep.run(runtime.store, clock())
    deliver(runtime)
    for leader in (KASI, KEPALA):
        [digest] = [_plain(t) for t in tg_server.sent_texts(leader) if "Ringkasan harian" in t]
        [line] = [line for line in digest.splitlines() if hidden in line]
        assert "terlambat" in line and due not in line and "menit" not in line, line
        assert "10.00\u201311.00" in line, line
        assert {m for m in MINUTE.findall(line)} == {"00"}, line


def test_the_leaders_register_gives_an_anonymous_report_dates_only(app, runtime, clock):
    """The leaders' own register row of an anonymous report: its moments as dates
    (`RegisterRow.concealed`), as everyone else's; its channel kept, so that the month's count
    by channel for the Kanwil stays true."""
    hidden = _filed(app, runtime, clock, "+6281377742202", BRIBE, ANONYMOUS_BRIBE)
    config = runtime.config.office_config
    with runtime.store.unit() as unit:
        stored = unit.complaint_by_ticket(hidden)
        own = register_row(stored, config.sensitive_types, leaders=True)
    assert own.concealed and own.channel == stored.channel, own


def test_a_leader_kept_away_before_the_slot_gets_no_held_notice(app, runtime, tg_server, clock):
    """Kasi Tikkim kept away from the anonymous report at 09.50 (before its 10.00 slot): at
    10.00 the Kepala Kantor reads its notice, Kasi nothing about it."""
    hidden = _filed(app, runtime, clock, "+6281377742203", BRIBE, ANONYMOUS_BRIBE)
    clock.now = FILED + dt.timedelta(minutes=9)
    found = complaint(runtime, hidden).id
    with runtime.store.unit() as unit:
        unit.exclude_officer(found, str(KASI), "named", clock(),
                             note="kerabat pihak yang diadukan")
    clock.now = _slot(runtime, hidden)
    deliver(runtime)
    told = {chat: [t for t in tg_server.sent_texts(chat) if "untuk pimpinan" in t
                   and hidden in _plain(t)] for chat in (KASI, KEPALA)}
    assert len(told[KEPALA]) == 1 and "uang tambahan" in _plain(told[KEPALA][0]), told
    assert told[KASI] == [], told
