"""The group's register does not let a concealed row's place in the filing order bracket the
minute its own cell hides (found walking the desk as the group, 2026-12-05)."""
from __future__ import annotations

import re

import pytest

from bot.notify import alert_slot
from tests.support.telegram import KASI, OFFICER_CHAT, TelegramUser, deliver, file_on_telegram
from tests.test_officers import officer
from tests.test_privacy_register import exports, register_rows, sensitive_named

pytestmark = pytest.mark.timeout(300)
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def test_a_concealed_row_is_not_placed_by_the_minute_it_hides(bot_app, tg_server, clock):
    app, runtime = bot_app
    # named, sensitive, named, named: filed in that order, minutes apart on the clock
    first = file_on_telegram(TelegramUser(app.test_client(), 555_081), runtime)
    quiet = sensitive_named(app, runtime)
    later = [file_on_telegram(TelegramUser(app.test_client(), 555_082 + n), runtime)
             for n in range(2)]
    # the group's register lists a sensitive complaint from its alert's slot
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    group = officer(app, KASI)
    assert group.send("/inventaris") == "officer"
    deliver(runtime)
    got = exports(tg_server, OFFICER_CHAT)
    for name in {n for n, _ in got}:
        rows = register_rows([(n, c) for n, c in got if n == name])
        tickets = [r["Nomor Tiket"] for r in rows]
        assert set(tickets) == {first, quiet, *later}
        # all filed the same day: the order is the tickets' (random), not the filing's
        days = {DAY.match(r["Tanggal Diterima (WITA)"]).group(0) for r in rows}
        assert len(days) == 1, days
        assert tickets == sorted(tickets), (name, tickets)
        assert [r["No"] for r in rows] == [str(n) for n in range(1, 5)]
        concealed = [r for r in rows if r["Nomor Tiket"] == quiet][0]
        assert DAY.fullmatch(concealed["Tanggal Diterima (WITA)"]), concealed


def test_a_register_without_a_concealed_row_keeps_the_filing_order(bot_app, tg_server):
    app, runtime = bot_app
    filed = [file_on_telegram(TelegramUser(app.test_client(), 555_091 + n), runtime)
             for n in range(3)]
    deliver(runtime)
    group = officer(app, KASI)
    assert group.send("/inventaris") == "officer"
    deliver(runtime)
    got = exports(tg_server, OFFICER_CHAT)
    csv_rows = register_rows([(n, c) for n, c in got if n.endswith(".csv")])
    assert [r["Nomor Tiket"] for r in csv_rows] == filed
