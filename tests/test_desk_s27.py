"""What leadership reads, as walk W34 met it (session 27): the daily digest names the report
compiler, not the approver, as holding a draft sent back until its correction comes; /cuti
naming Kasi Tikkim Plh. says that the reports he initials wait for the head's signature
instead of promising that he signs them; and he is labelled Plh. only on the head's step, not
on his own steps 3 and 7.

Through the real app (Telegram updates against the local stand-in) and the real sweep on the
test clock, on the test databases."""
from __future__ import annotations

import re
from typing import Any

import pytest

from bot.sop.sweep import DeadlineSweep
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, TelegramUser, deliver,
                                    file_on_telegram)
from tests.test_desk_s24 import DEPUTY, add_deputy
from tests.test_desk_s26 import correct, schedule_of, sent_back, sweep_at
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(240)
CITIZEN = 555_271
DIGEST = "Ringkasan harian pengaduan terlambat"
PROMISE = "yang menandatangani laporan (langkah 8)"


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def digest_line(tg_server: Any, chat: int, ticket: str, since: int) -> str:
    """The ticket's line in the one digest `chat` received after `since`."""
    [digest] = [plain(t) for t in tg_server.sent_texts(chat)[since:] if DIGEST in t]
    [line] = [x for x in digest.splitlines() if ticket in x]
    return line


# --- 1. the digest: a draft sent back is the compiler's until corrected -----------------------
def test_the_digest_names_the_compiler_while_the_correction_is_awaited(
        app, runtime, tg_server, clock):
    """A day past the deadline, the draft still uncorrected: both leaders' digest names the
    Penyusun Laporan as holding it and since when the correction is awaited, not Kasi Tikkim.
    Once the correction is kept, the next day's digest names Kasi Tikkim again."""
    ticket = sent_back(app, runtime, tg_server, clock)
    returned_at = complaint(runtime, ticket).events[-1].at
    sweep = DeadlineSweep(runtime.config.office_config, runtime.notifier)
    plan = schedule_of(runtime, sweep, ticket)
    hours = sweep.rules.hours
    before = {chat: len(tg_server.sent_texts(chat)) for chat in (KASI, KEPALA)}
    sweep_at(runtime, sweep, clock, hours.add_service_minutes(plan.deadline, 480))
    since = runtime.config.office_config.office.tz
    day = returned_at.astimezone(since)
    for chat in (KASI, KEPALA):
        line = digest_line(tg_server, chat, ticket, before[chat])
        assert "(Penyusun Laporan; draf dikembalikan, menunggu perbaikan sejak" in line, line
        assert f"{day.day} " in line and f"{day:%H.%M}" in line, line
        assert "(Kasi Tikkim" not in line and "terlambat" in line, line

    correct(app, runtime, tg_server, ticket)
    before = len(tg_server.sent_texts(KASI))
    sweep_at(runtime, sweep, clock, hours.add_service_minutes(plan.deadline, 2 * 480))
    line = digest_line(tg_server, KASI, ticket, before)
    assert "(Kasi Tikkim)" in line and "Penyusun" not in line, line


# --- 2. /cuti with the Kasi as Plh.: no promise that he signs --------------------------------
def test_cuti_with_the_kasi_as_plh_says_his_reports_wait_for_the_head(app, runtime, tg_server):
    """The shipped roster's only deputy is Kasi Tikkim, who initials every report: neither
    the group nor the Kepala reads that he signs step 8; both read that the reports he
    initials wait for the Kepala's return. A second deputy on the roster is offered."""
    group_before = len(tg_server.sent_texts(OFFICER_CHAT))
    assert officer(app, KEPALA, private=True).send("/cuti Kasi Tikkim") == "officer"
    deliver(runtime)
    said = plain(tg_server.sent_texts(KEPALA)[-1])
    [group] = [plain(t) for t in tg_server.sent_texts(OFFICER_CHAT)[group_before:]
               if "Kepala Kantor berhalangan" in t]
    waits = "Tanda tangan laporan itu (langkah 8) menunggu Kepala Kantor kembali bertugas"
    for text in (said, group):
        assert PROMISE not in text and "dilakukan oleh" not in text, text
        assert "tidak dapat menandatangani laporan yang diparafnya sendiri" in text, text
        assert waits in text and "/plh" not in text, text
    assert "Plh.: Kasi Tikkim" in said and "Kasi Tikkim menjadi Plh. Kepala Kantor" in group
    # again, with another deputy on the roster: he is offered
    assert officer(app, KEPALA, private=True).send("/kembali") == "officer"
    add_deputy(runtime)
    assert officer(app, KEPALA, private=True).send("/cuti Kasi Tikkim") == "officer"
    deliver(runtime)
    said = plain(tg_server.sent_texts(KEPALA)[-1])
    assert "(/kembali), atau wakil lain: /plh Rudi Hartono." in said, said


def test_cuti_with_a_deputy_who_does_not_initial_still_says_he_signs(app, runtime, tg_server):
    """A deputy who initials nothing (a section's officer, Plt.) does sign step 8: said so."""
    add_deputy(runtime)
    assert officer(app, KEPALA, private=True).send("/cuti Rudi Hartono") == "officer"
    deliver(runtime)
    said = plain(tg_server.sent_texts(KEPALA)[-1])
    assert "Plt.: Rudi Hartono" in said and PROMISE in said, said
    assert "diparafnya sendiri" not in said, said


# --- 3. the Plh. label only on the head's step ------------------------------------------------
def test_the_kasi_as_plh_is_pinged_and_named_as_kasi_on_his_own_steps(app, runtime, tg_server):
    """While the Kepala is away with Kasi Tikkim as Plh.: the Kasi's pings for steps 3 and 7
    carry no 'Sebagai: Plh.' line, and the group names him once, without '(Plh.)'. The other
    deputy, named, is pinged and named for step 8 as Plt. Kepala Kantor."""
    add_deputy(runtime)
    assert officer(app, KEPALA, private=True).send("/cuti Kasi Tikkim") == "officer"
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    deliver(runtime)
    kasi_before = len(tg_server.sent_texts(KASI))
    group_before = len(tg_server.sent_texts(OFFICER_CHAT))
    walk_to(app, ticket, "reported_to_kasi")
    walk_to(app, ticket, "report_drafted", start="reported_to_kasi")
    deliver(runtime)
    pings = [plain(t) for t in tg_server.sent_texts(KASI)[kasi_before:] if "Giliran Anda" in t]
    assert {"Langkah 3", "Langkah 7"} <= {p.splitlines()[1].split(":")[0] for p in pings}, pings
    assert not [p for p in pings if "Sebagai" in p], pings
    lines = [x for t in tg_server.sent_texts(OFFICER_CHAT)[group_before:]
             for x in plain(t).splitlines() if x.startswith("Langkah berikutnya: ")]
    kasi_steps = [x for x in lines if x.startswith(("Langkah berikutnya: 3.",
                                                    "Langkah berikutnya: 7."))]
    assert len(kasi_steps) >= 2, lines
    for line in kasi_steps:
        assert "(Kasi Tikkim)," in line and "Plh" not in line, line
    # step 8, Rudi Hartono named deputy: he signs as Plt. Kepala Kantor, and is told so
    assert officer(app, KEPALA, private=True).send("/plh Rudi Hartono") == "officer"
    deputy_before = len(tg_server.sent_texts(DEPUTY))
    group_before = len(tg_server.sent_texts(OFFICER_CHAT))
    walk_to(app, ticket, "initialed", start="report_drafted")
    deliver(runtime)
    eights = [x for t in tg_server.sent_texts(OFFICER_CHAT)[group_before:]
              for x in plain(t).splitlines() if x.startswith("Langkah berikutnya: 8.")]
    assert eights and all("Rudi Hartono (Plt. Kepala Kantor)" in x for x in eights), eights
    told = [plain(t) for t in tg_server.sent_texts(DEPUTY)[deputy_before:]
            if "Giliran Anda" in t]
    assert told and "Sebagai: Plt. Kepala Kantor (Kepala Kantor berhalangan)" in told[-1], told


# --- 4. /lihat names who holds a returned draft -----------------------------------------------
def test_lihat_names_the_compiler_while_the_correction_is_awaited(app, runtime, tg_server, clock):
    """/lihat's next step, for a draft sent back and not yet corrected, names the Penyusun
    Laporan (as /saya, the reminders and the digest do), not Kasi Tikkim, whose Paraf is refused
    until the correction comes; once corrected, Kasi Tikkim again."""
    ticket = sent_back(app, runtime, tg_server, clock)
    kasi = officer(app, KASI, private=True)

    def next_step() -> str:
        before = len(tg_server.sent_texts(KASI))
        assert kasi.send(f"/lihat {ticket}") == "officer"
        deliver(runtime)
        [line] = [x for t in tg_server.sent_texts(KASI)[before:] for x in plain(t).splitlines()
                  if x.startswith("Langkah berikutnya")]
        return line

    waiting = next_step()
    assert "Penyusun Laporan" in waiting and "Kasi Tikkim:" not in waiting, waiting
    correct(app, runtime, tg_server, ticket)
    assert "Penyusun" not in next_step()
