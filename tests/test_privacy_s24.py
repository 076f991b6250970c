"""Privacy review of session 24 (helper P24): three leftovers of the sensitive-complaint rules.

1. A talk only the leaders answer is named R-<request id>, never the person's P-code; but Kasi
   Tikkim or the Kepala Kantor in a private chat could still type /pesan, /tutup or /bukti with
   the P-code they read beside Bu Rina's name in the group and reach that same talk, so the bot
   confirmed that P-1 was the R-talk's person. Now a P-code never reaches a person whose talk is
   the leaders': word for word the answer for a code nobody has; the R-code keeps working.
2. The step-2 petugas was pinged at once ("🔔 Giliran Anda … Pungutan liar") minutes after he
   had answered the same person's named talk: he linked the two by the minute. Now step 2 of a
   sensitive complaint is not given to an officer who served a talk of its complainant in the
   last 24 hours when another may be pinged; when none may, the leaders are told privately.
3. "⚠️ Pesan tidak terkirim / Tiket TRK-…" about a message to a sensitive complaint's
   complainant reached the group at once, before the complaint's held alert. Now the leaders
   read it privately, with the channel and the error; the group nothing.

Through the real app (signed Twilio webhooks, Telegram updates), on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from bot.desk.evidence import none_here
from bot.desk.message import BY_OWN_CODE, closed_here
from bot.notify import alert_slot
from bot.roster import Officer
from bot.sop.sweep import DeadlineSweep
from tests.support.intake import TICKET, walk
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser,
                                    channel_env, deliver, file_on_telegram)
from tests.support.twilio_chat import TwilioSender
from tests.test_kept_documents import sent_files
from tests.test_officers import actions, app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import NAME, R_CODE, _plain, _refusal, _walk

pytestmark = pytest.mark.timeout(300)

P_CODE = re.compile(r"\bP-\d+\b")
T_CODE = re.compile(r"\bT-\d{7,8}\b")
LEVY = "Petugas loket minta uang lima ratus ribu supaya paspor cepat jadi"
ORDINARY = "Paspor saya sudah sebulan belum jadi padahal sudah bayar"
WITA = dt.timezone(dt.timedelta(hours=8))
SECOND = 100000031          # a second front-line officer, added to the roster for some tests


@pytest.fixture
def two_petugas(make_app, db_url, tg_server, tw_server):  # type: ignore[no-untyped-def]
    """(app, runtime) with two petugas on the roster: step 2 belongs to both."""
    app, runtime = make_app(db_url, **channel_env(tg_server, tw_server))
    runtime.config.office_config.roster.append(
        Officer(telegram_id=SECOND, name="Dewi Lestari", role="petugas"))
    return app, runtime


def _group(app: Any, who: int = PETUGAS) -> TelegramUser:
    return TelegramUser(app.test_client(), who, chat_id=OFFICER_CHAT, chat_type="supergroup")


# --- 1. a leader typing the P-code of a leaders' talk -------------------------------------------
def test_a_leader_s_p_code_never_reaches_the_person_s_leaders_talk(
        app, runtime, tg_server, tw_server):
    """After the walk (a named group talk as P-n, an anonymous levy complaint, a new talk only
    the leaders answer as R-n), Kasi Tikkim and the Kepala Kantor in a private chat typing
    /pesan, /tutup or /bukti with P-n read word for word the answer for a code nobody has,
    nothing reaches her, no file is sent, the talk stays open; the log keeps the reason. R-n
    still works."""
    run = _walk(app, runtime, tg_server, tw_server)
    p_code = run["p_code"]
    [notice] = [t for t in run["since"][KASI] if "meminta bicara dengan petugas" in t]
    r_code = R_CODE.search(notice).group(0)
    nobody = "P-999999"
    to_her = "whatsapp:+6281377723301"
    before = len(tw_server.sent_messages(to=to_her))
    for leader in (KASI, KEPALA):
        here = lambda code: closed_here(code, private=True)   # noqa: E731 (a private chat)
        for command, fixed in (("/pesan {} Bu Rina, ini kami.", here),
                               ("/tutup {}", here), ("/bukti {}", none_here)):
            said = _refusal(app, runtime, tg_server, command.format(p_code), leader, True)
            assert said == f"⛔ {fixed(p_code)}", said
            # the log says why: no P-code is answered, for anyone (test_privacy_s40a_codes.py)
            assert actions(runtime)[-1].detail == f"{p_code}: {BY_OWN_CODE}"
            other = _refusal(app, runtime, tg_server, command.format(nobody), leader, True)
            assert said.replace(p_code, "P-N") == other.replace(nobody, "P-N"), (said, other)
        assert sent_files(tg_server, leader) == []
    deliver(runtime)
    assert len(tw_server.sent_messages(to=to_her)) == before       # nothing reached her
    with runtime.store.unit() as unit:
        [(live, _, _)] = unit.live_contact_requests()
        assert f"R-{live.id}" == r_code                            # /tutup P-n closed nothing
    # the talk's own code still works
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/pesan {r_code} Baik Bu, laporan Anda kami terima.") == "officer"
    deliver(runtime)
    assert "laporan Anda kami terima" in tw_server.sent_messages(to=to_her)[-1].params["Body"]


def test_a_leader_still_answers_a_p_code_of_a_talk_that_is_not_the_leaders(
        app, runtime, tg_server, tw_server):
    """An ordinary talk (the group's) answers a leader in a private chat by its T-code; the
    person's P-code reads as a code nobody has there too (tests/test_privacy_s40a_codes.py)."""
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377724401",
                         profile_name=NAME)
    phone.says("halo")
    phone.says("menu")
    t_code = T_CODE.search(phone.says("Bicara dengan petugas")).group(0)
    phone.says("pak paspor saya kapan jadi ya")
    deliver(runtime)
    with runtime.store.unit() as unit:
        [(live, _, _)] = unit.live_contact_requests()
        p_code = f"P-{live.complainant_id}"
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/pesan {p_code} Besok Bu.") == "refused"
    assert kasi.send(f"/pesan {t_code} Besok Bu.") == "officer"
    deliver(runtime)
    assert "Besok Bu." in tw_server.sent_messages(to="whatsapp:+6281377724401")[-1].params["Body"]


# --- 2. step 2 of a sensitive complaint, after a talk -------------------------------------------
def _talk_then_file(app: Any, runtime: Any, tg_server: Any, number: str,
                    story: str = LEVY, kind: str = "4",
                    mode: str = "anonim") -> tuple[str, dict[int, int]]:
    """A named talk in the group answered by PETUGAS, then a complaint filed by the same
    person, anonymously unless `mode` says otherwise: (ticket, each officer's message count
    before the filing)."""
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name=NAME)
    phone.says("halo")
    phone.says("menu")
    t_code = T_CODE.search(phone.says("Bicara dengan petugas")).group(0)
    phone.says("pak paspor saya kapan jadi ya, saya Rina")
    deliver(runtime)
    assert _group(app).send(f"/pesan {t_code} Selamat sore Bu Rina, kami cek dulu.") == "officer"
    deliver(runtime)
    assert "kami akhiri" in phone.says("selesai")
    seen = {who: len(tg_server.sent_texts(who)) for who in (PETUGAS, SECOND, KASI, KEPALA)}
    reply = ""
    for said in ("menu", "1", story, "lanjut"):
        reply = phone.says(said)
    ticket = TICKET.search(walk(phone.says, reply, {"Pengaduan Anda tentang apa": kind,
                                                    "identitas Anda dicatat": mode})).group(0)
    if mode == "anonim":
        assert complaint(runtime, ticket).identity_mode == "anonymous"
    deliver(runtime)
    return ticket, seen


def _since(tg_server: Any, who: int, seen: dict[int, int]) -> list[str]:
    return [_plain(t) for t in tg_server.sent_texts(who)[seen[who]:]]


def test_step_two_goes_to_another_petugas_than_the_one_who_served_the_talk(
        two_petugas, tg_server, clock):
    """Two petugas: the one who answered Rina's talk minutes before is not pinged for her
    anonymous levy complaint's step 2; the other is, at its alert's slot; the leaders need
    not step in."""
    app, runtime = two_petugas
    ticket, seen = _talk_then_file(app, runtime, tg_server, "+6281377724402")
    assert complaint(runtime, ticket).type == "pungli"
    clock.now = alert_slot(runtime.config.office_config, complaint(runtime, ticket).created_at)
    deliver(runtime)
    assert not [t for t in _since(tg_server, PETUGAS, seen) if ticket in t]
    [ping] = [t for t in _since(tg_server, SECOND, seen) if "Giliran Anda" in t]
    assert ticket in ping and "Langkah 2" in ping, ping
    for leader in (KASI, KEPALA):
        assert not [t for t in _since(tg_server, leader, seen) if "belum ada petugasnya" in t]


def _at_slot(runtime: Any, clock: Any, ticket: str) -> None:
    """An anonymous complaint's alert slot: the leaders hear of it then (as everyone does)."""
    clock.now = alert_slot(runtime.config.office_config, complaint(runtime, ticket).created_at)
    deliver(runtime)


def test_step_two_with_no_other_petugas_is_told_to_the_leaders_without_why(
        app, runtime, tg_server, tw_server, clock):
    """The only petugas served the talk: nobody is pinged for step 2, and Kasi Tikkim and the
    Kepala Kantor are told privately, at its slot (anonymous), that the step needs someone,
    without saying why (nor the P-code the group read); an ordinary complaint of the same
    person still pings him."""
    ticket, seen = _talk_then_file(app, runtime, tg_server, "+6281377724403")
    for leader in (KASI, KEPALA):
        assert not [t for t in _since(tg_server, leader, seen) if ticket in t]
    _at_slot(runtime, clock, ticket)
    assert not [t for t in _since(tg_server, PETUGAS, seen) if ticket in t]
    for leader in (KASI, KEPALA):
        [told] = [t for t in _since(tg_server, leader, seen) if "belum ada petugasnya" in t]
        assert ticket in told and "Langkah 2" in told and f"/tahap {ticket}" in told, told
        assert not P_CODE.search(told) and "Rina" not in told and "percakapan" not in told, told
    # an anonymous ordinary complaint is held too (its ping at the minute would tie it to the
    # talk just served): the leaders are told
    hidden, seen = _talk_then_file(app, runtime, tg_server, "+6281377724407",
                                   story=ORDINARY, kind="1")
    _at_slot(runtime, clock, hidden)
    assert not [t for t in _since(tg_server, PETUGAS, seen) if hidden in t]
    assert [t for t in _since(tg_server, KASI, seen) if "belum ada petugasnya" in t and hidden in t]
    # filed by name and not sensitive: the petugas who served the talk is pinged as ever
    ordinary, seen = _talk_then_file(app, runtime, tg_server, "+6281377724404",
                                     story=ORDINARY, kind="1", mode="Tulis nama saya")
    assert complaint(runtime, ordinary).identity_mode == "named"
    assert any("Giliran Anda" in t and ordinary in t for t in _since(tg_server, PETUGAS, seen))


def test_step_two_s_reminder_skips_the_officer_who_served_the_talk(
        two_petugas, tg_server, clock):
    """The sweep's reminder of step 2 (at 80 % of its ten minutes) goes, like its ping, to the
    petugas who did not serve the person's talk; with nobody else, to the leaders. Filed before
    the office opens, step 2 is due ten minutes after the opening, as it would be from the
    08.00 slot: the reminder is not timed by the minute of filing (which would keep it to the
    leaders, bot.sop.sweep.DeadlineSweep.timed_by_receipt)."""
    app, runtime = two_petugas
    clock.now = dt.datetime(2026, 12, 1, 7, 0, tzinfo=WITA)     # a Tuesday, before opening
    ticket, seen = _talk_then_file(app, runtime, tg_server, "+6281377724405")
    clock.now = dt.datetime(2026, 12, 1, 8, 9, tzinfo=WITA)
    assert DeadlineSweep(runtime.config.office_config, runtime.notifier).run(
        runtime.store, clock()) >= 1
    deliver(runtime)
    assert not [t for t in _since(tg_server, PETUGAS, seen) if ticket in t]
    assert [t for t in _since(tg_server, SECOND, seen) if "Pengingat" in t and ticket in t]
    # the second petugas leaves the roster: the next complaint's reminder goes to the leaders
    runtime.config.office_config.roster[:] = [
        o for o in runtime.config.office_config.roster if o.telegram_id != SECOND]
    clock.now = dt.datetime(2026, 12, 2, 7, 0, tzinfo=WITA)     # Wednesday, before opening
    other, seen = _talk_then_file(app, runtime, tg_server, "+6281377724406")
    clock.now = dt.datetime(2026, 12, 2, 8, 9, tzinfo=WITA)
    DeadlineSweep(runtime.config.office_config, runtime.notifier).run(runtime.store, clock())
    deliver(runtime)
    assert not [t for t in _since(tg_server, PETUGAS, seen) if other in t]
    assert [t for t in _since(tg_server, KASI, seen) if "Pengingat" in t and other in t]


# --- 3. an undeliverable message of a sensitive complaint ----------------------------------------
def test_an_undelivered_message_of_a_sensitive_complaint_is_told_to_the_leaders_only(
        app, runtime, tg_server, clock):
    """A levy complaint's author blocks the bot; Kasi Tikkim's /kabar cannot reach them. The
    group reads nothing of it, before the held alert's slot or after; each leader reads it
    privately with the ticket, the channel and the error. An ordinary complaint's failure
    still goes to the group."""
    user = 555_881
    ticket = file_on_telegram(TelegramUser(app.test_client(), user), runtime,
                              story="Calo di parkiran minta satu juta untuk antrean paspor kilat",
                              answers={"Catat sebagai": "1"})
    assert complaint(runtime, ticket).type == "pungli"
    deliver(runtime)
    tg_server.block(user)
    seen = {who: len(tg_server.sent_texts(who)) for who in (KASI, KEPALA)}
    assert TelegramUser(app.test_client(), KASI).send(
        f"/kabar {ticket} sedang kami periksa") == "officer"
    deliver(runtime)
    group = _plain("\n".join(tg_server.sent_texts(OFFICER_CHAT)))
    assert "tidak terkirim" not in group and ticket not in group, group
    for leader in (KASI, KEPALA):
        [report] = [_plain(t) for t in tg_server.sent_texts(leader)[seen[leader]:]
                    if "Pesan tidak terkirim" in t]
        assert ticket in report and "kabar perkembangan" in report, report
        assert "Telegram" in report and "blocked" in report, report
    # at the slot the held alert reaches the group, and still no report
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    group = _plain("\n".join(tg_server.sent_texts(OFFICER_CHAT)))
    assert ticket in group and "tidak terkirim" not in group, group
    # an ordinary complaint's failure: the group, with its channel and error
    other = 555_882
    ordinary = file_on_telegram(TelegramUser(app.test_client(), other), runtime, story=ORDINARY)
    deliver(runtime)
    tg_server.block(other)
    assert TelegramUser(app.test_client(), KASI).send(
        f"/kabar {ordinary} sedang kami periksa") == "officer"
    deliver(runtime)
    [report] = [_plain(t) for t in tg_server.sent_texts(OFFICER_CHAT) if "tidak terkirim" in t]
    assert ordinary in report and "Telegram" in report and "blocked" in report, report
