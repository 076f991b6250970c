"""Privacy review of session 23 (helper P23b): a held sensitive alert is not overtaken by the
group's own views.

The group reads a sensitive complaint's alert only at the next of
`privacy.sensitive_alert_slots` (tests/test_privacy_s23.py); until then `/aduan` (its counts and
list), `/aduan terlambat`, `/saya`, and `/lihat` (or any command) naming its ticket, typed in
the group, answer as if it had not been filed (`bot.desk.privacy.released`). Kasi Tikkim's
private chat reads it at once; from the slot on the group reads it as any sensitive complaint.

Through the real app (signed Twilio webhooks, Telegram updates), on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.support.intake import TICKET, walk
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import app, complaint, officer, runtime  # noqa: F401 - the fixtures

pytestmark = pytest.mark.timeout(300)

SLOW = "Paspor saya sudah tiga minggu belum jadi padahal sudah bayar lunas"
LEVY = "Petugas loket minta uang lima ratus ribu supaya paspor cepat jadi"
WITA = dt.timezone(dt.timedelta(hours=8))
UNKNOWN = "TRK-2345-6789"          # well formed, never issued


# The ordinary complaints are filed by name: a concealed one waits for its slot as a sensitive
# one does (tests/test_privacy_s26.py).
NAMED = {"identitas Anda dicatat": "tulis nama saya", "Tuliskan nama Anda": "Rina Marlina",
         "ingin dirahasiakan": "Tidak, nama saya boleh diketahui petugas"}


def _file(app: Any, runtime: Any, number: str, story: str, kind: str) -> str:
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name="Rina Marlina")
    phone.says("halo")
    reply = ""
    for said in ("menu", "1", story, "lanjut"):
        reply = phone.says(said)
    answers = {"Pengaduan Anda tentang apa": kind, **({} if story == LEVY else NAMED)}
    return TICKET.search(walk(phone.says, reply, answers)).group(0)


def _plain(texts: list[str]) -> str:
    return "\n".join(re.sub(r"<[^>]+>", "", t) for t in texts)


def _asked(runtime: Any, tg_server: Any, user: TelegramUser, text: str) -> str:
    """What the bot answered `text` in the user's chat (all of it, every page)."""
    before = len(tg_server.sent_texts(user.chat_id))
    user.send(text)
    deliver(runtime)
    return _plain(tg_server.sent_texts(user.chat_id)[before:])


def test_the_group_lists_and_finds_a_held_sensitive_complaint_only_from_its_slot(
        app, runtime, tg_server, clock):
    """Filed at 10.05 (WITA), an ordinary one at 10.20. At 10.40, in the group, /aduan counts
    and lists the ordinary one only (/aduan terlambat and /saya too), and /lihat or /ambil of
    the sensitive ticket get word for word the answer for a ticket never issued; Kasi Tikkim's
    private /aduan and /lihat read it. At 12.00 the group lists and counts both, and /lihat
    answers as for any sensitive complaint (handled in private); the group reads it as come in
    at its slot, so right at 12.00 it is not yet late there."""
    clock.now = dt.datetime(2026, 12, 1, 10, 5, tzinfo=WITA)
    hidden = _file(app, runtime, "+6281377723201", LEVY, "4")
    assert complaint(runtime, hidden).type in runtime.config.office_config.sensitive_types
    clock.now = dt.datetime(2026, 12, 1, 10, 20, tzinfo=WITA)
    ordinary = _file(app, runtime, "+6281377723202", SLOW, "1")
    deliver(runtime)
    group = officer(app, PETUGAS)
    kasi_group = officer(app, KASI)
    kasi = officer(app, KASI, private=True)

    clock.now = dt.datetime(2026, 12, 1, 10, 40, tzinfo=WITA)
    for user in (group, kasi_group):        # whoever types it: the group reads the answer
        listed = _asked(runtime, tg_server, user, "/aduan")
        assert "Terbuka: 1 · Terlambat: 1" in listed, listed
        assert ordinary in listed and hidden not in listed, listed
    late = _asked(runtime, tg_server, group, "/aduan terlambat")
    assert ordinary in late and hidden not in late and "Terbuka: 1" in late, late
    mine = _asked(runtime, tg_server, group, "/saya")
    assert hidden not in mine and "1 langkah menunggu Anda" in mine, mine
    for command in ("/lihat", "/ambil"):
        unknown = _asked(runtime, tg_server, group, f"{command} {UNKNOWN}")
        assert "tidak ditemukan" in unknown, unknown
        seen = _asked(runtime, tg_server, group, f"{command} {hidden}")
        assert seen == unknown.replace(UNKNOWN, hidden), (seen, unknown)
    # the Kasi's private chat: at once
    private = _asked(runtime, tg_server, kasi, "/aduan")
    assert "Terbuka: 2 · Terlambat: 2" in private and hidden in private, private
    shown = _asked(runtime, tg_server, kasi, f"/lihat {hidden}")
    assert f"📄 {hidden}" in shown and "lima ratus ribu" in shown, shown
    named = [t for t in tg_server.sent_texts(OFFICER_CHAT) if hidden in _plain([t])]
    assert all("tidak ditemukan" in _plain([t]) for t in named), named   # only as typed
    assert complaint(runtime, hidden).assigned_to is None      # the group's /ambil: nothing

    clock.now = dt.datetime(2026, 12, 1, 12, 0, tzinfo=WITA)
    deliver(runtime)                        # the held alert goes at its slot
    listed = _asked(runtime, tg_server, group, "/aduan")
    assert "Terbuka: 2 · Terlambat: 1" in listed, listed
    assert ordinary in listed and hidden in listed, listed
    assert "batas Selasa, 1 Desember 2026 12.00–13.00 WITA" in listed, listed
    seen = _asked(runtime, tg_server, group, f"/lihat {hidden}")
    assert "pengaduan sensitif" in seen and "tidak ditemukan" not in seen, seen
    assert "lima ratus ribu" not in seen, seen


def test_the_group_s_register_and_recap_count_a_held_sensitive_complaint_from_its_slot(
        app, runtime, tg_server, clock):
    """/inventaris and /rekap typed in the group before the slot: neither a row nor a count
    for the sensitive complaint (not even "tidak dirinci", which would say one came in); the
    Kasi's private ones count it; from 12.00 the group's count it too."""
    clock.now = dt.datetime(2026, 12, 1, 10, 5, tzinfo=WITA)
    _file(app, runtime, "+6281377723203", LEVY, "4")
    clock.now = dt.datetime(2026, 12, 1, 10, 20, tzinfo=WITA)
    _file(app, runtime, "+6281377723204", SLOW, "1")
    deliver(runtime)
    group = officer(app, PETUGAS)
    kasi = officer(app, KASI, private=True)
    clock.now = dt.datetime(2026, 12, 1, 10, 40, tzinfo=WITA)
    register = _asked(runtime, tg_server, group, "/inventaris")
    assert "Inventaris pengaduan per 1 Desember 2026: 1 pengaduan." in register, register
    recap = _asked(runtime, tg_server, group, "/rekap")
    assert "Rekap pengaduan Desember 2026: 1 pengaduan" in recap, recap
    for said in (register, recap):
        assert "tidak dirinci" not in said, said
    assert "Pungutan liar" not in recap, recap         # nor its type in the breakdown
    assert "2 pengaduan" in _asked(runtime, tg_server, kasi, "/inventaris")
    clock.now = dt.datetime(2026, 12, 1, 12, 0, tzinfo=WITA)
    deliver(runtime)
    assert "Inventaris pengaduan per 1 Desember 2026: 2 pengaduan." in _asked(
        runtime, tg_server, group, "/inventaris")
    recap = _asked(runtime, tg_server, group, "/rekap")
    assert "Rekap pengaduan Desember 2026: 2 pengaduan" in recap and "Pungutan liar" in recap, \
        recap


def test_released_is_read_from_the_complaint_and_the_slots(runtime):
    """The rule itself: an ordinary complaint filed by name always (a concealed one waits as a
    sensitive one does: tests/test_privacy_s26.py); a sensitive one from the first slot
    after its receipt (10.00 sharp waits for 12.00; 16.05 for 08.00 the next day); a receipt
    read back without its zone (SQLite) is UTC."""
    from types import SimpleNamespace

    from bot.desk.privacy import released
    config = runtime.config.office_config
    sensitive = next(iter(config.sensitive_types))
    ordinary = next(k for k in config.complaint_types if k not in config.sensitive_types)

    def filed(kind: str, at: dt.datetime) -> Any:
        return SimpleNamespace(type=kind, created_at=at, identity_mode="named")

    at = dt.datetime(2026, 12, 1, 10, 0, tzinfo=WITA)
    assert released(config, filed(ordinary, at), at)
    assert not released(config, filed(sensitive, at), dt.datetime(2026, 12, 1, 11, 59,
                                                                 tzinfo=WITA))
    assert released(config, filed(sensitive, at), dt.datetime(2026, 12, 1, 12, 0, tzinfo=WITA))
    late = dt.datetime(2026, 12, 1, 16, 5, tzinfo=WITA)
    assert not released(config, filed(sensitive, late),
                        dt.datetime(2026, 12, 2, 7, 59, tzinfo=WITA))
    assert released(config, filed(sensitive, late), dt.datetime(2026, 12, 2, 8, 0, tzinfo=WITA))
    naive = dt.datetime(2026, 12, 1, 3, 30)          # 11.30 WITA, stored as UTC without a zone
    assert not released(config, filed(sensitive, naive),
                        dt.datetime(2026, 12, 1, 11, 45, tzinfo=WITA))
    assert released(config, filed(sensitive, naive), dt.datetime(2026, 12, 1, 12, 0, tzinfo=WITA))
