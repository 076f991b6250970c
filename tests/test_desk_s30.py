"""The officers' desk as walks W38 and W39 met it (session 30): /balas to a complainant whose
chat is known to be blocked says at once that the reply is kept (never "dikirim", never the
channel or Telegram's error of a concealed complaint); /cuti with the Kasi as Plh. warns once
about a report he initialled; an old button's answer says what comes next and from whom.

Through the real app (Telegram updates against the local stand-in), on the test databases."""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.notify import alert_slot, open_code
from storage.models import ContactRequest
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, SEKSI, TelegramUser,
                                    deliver, file_on_telegram)
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(240)
CITIZEN = 555_301
ANONYMOUS = {"identitas Anda dicatat": "anonim"}
ASKED = "Mohon kirim foto kuitansi"


def group_since(tg_server: Any, seen: int) -> list[str]:
    return tg_server.sent_texts(OFFICER_CHAT)[seen:]


def balas(app: Any, runtime: Any, tg_server: Any, ticket: str) -> str:
    """Kasi Tikkim's /balas in the group; the group's acknowledgement of it."""
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    assert officer(app, KASI).send(f"/balas {ticket} {ASKED}") == "officer"
    deliver(runtime)
    [said] = [t for t in group_since(tg_server, seen) if "balasan kepada pelapor" in t]
    return said


# --- 1. /balas to a complainant known to have blocked the bot -------------------------------
@pytest.mark.parametrize("answers", [ANONYMOUS, None], ids=["anonymous", "named"])
def test_a_reply_to_a_blocked_chat_is_said_kept_not_sent(app, runtime, tg_server, clock,
                                                         answers):
    """The step-3 update to the complainant failed (403, blocked): /balas is acknowledged as
    kept until the person writes, without the channel or Telegram's words; once they write
    again the reply reaches them and the next /balas reads "dikirim" again. A complaint the
    group reads concealed (anonymous) reads one wording throughout, true either way
    (tests/test_privacy_s42m_held_reply.py)."""
    user = CITIZEN + (answers is None)
    ticket = file_on_telegram(TelegramUser(app.test_client(), user), runtime, answers=answers)
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    reachable = balas(app, runtime, tg_server, ticket)
    if answers is not None:
        assert "dikirim" not in reachable and "belum dapat dihubungi" in reachable, reachable
    else:
        assert "dikirim" in reachable                               # reachable: as before
    tg_server.block(user)
    walk_to(app, ticket, "reviewed")           # step 3's update to the complainant: 403
    deliver(runtime)
    with runtime.store.unit() as unit:
        assert [r.status for r in unit.outbox_items(address=str(user), kind="update")] == [
            "undeliverable"]
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    said = balas(app, runtime, tg_server, ticket)
    if answers is not None:
        assert said == reachable, said
    else:
        assert "dikirim" not in said and "disimpan" in said, said
    assert "belum dapat dihubungi" in said and "menulis lagi" in said, said
    for hidden in ("Telegram", "Forbidden", "blocked", "diblokir"):
        assert hidden not in said, said
    assert group_since(tg_server, seen)[0] == said      # told at once, before any report
    # the person unblocks and writes: the kept reply reaches them, and "dikirim" is true again
    tg_server.started(user)
    assert TelegramUser(app.test_client(), user).send("halo") == "complainant"
    deliver(runtime)
    assert any(ASKED in t for t in tg_server.sent_texts(user))
    again = balas(app, runtime, tg_server, ticket)
    assert again == reachable if answers is not None else "dikirim" in again, again


def test_pesan_to_a_blocked_chat_is_said_kept_not_sent(app, runtime, tg_server):
    """/pesan P-n to a person whose last message from the bot was refused as blocked: kept,
    sent when they next write, as /balas says."""
    user = CITIZEN + 2
    citizen = TelegramUser(app.test_client(), user)
    for said in ("halo", "Bicara dengan petugas"):
        assert citizen.send(said) == "complainant"
    deliver(runtime)
    with runtime.store.unit() as unit:
        [request] = unit.session.scalars(select(ContactRequest)).all()
        code = open_code(request.id)            # the talk's own code (test_privacy_s40a_codes)
    tg_server.block(user)
    kasi = officer(app, KASI, private=True)
    assert kasi.send(f"/pesan {code} Baik, kami bantu.") == "officer"
    deliver(runtime)
    assert "dikirim" in tg_server.sent_texts(KASI)[-1]      # nothing known yet: it is tried
    assert kasi.send(f"/pesan {code} Mohon balas pesan ini.") == "officer"
    deliver(runtime)
    said = [t for t in tg_server.sent_texts(KASI) if f"Pesan untuk {code}" in t][-1]
    assert "disimpan" in said and "belum dapat dihubungi" in said, said
    assert "dikirim" not in said and "Telegram" not in said, said


# --- 2. /cuti: one warning for the report the Kasi initialled -------------------------------
@pytest.mark.parametrize("private", [False, True], ids=["group", "private"])
def test_cuti_warns_once_about_the_report_the_plh_initialled(app, runtime, tg_server, private):
    """Kasi Tikkim initialled a report; the Kepala goes on leave with him as Plh.: the
    announcement and the Kepala's confirmation each carry one warning, naming the ticket, and
    the confirmation still says who may sign it."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 3), runtime)
    walk_to(app, ticket, "initialed")
    deliver(runtime)
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    assert officer(app, KEPALA, private=private).send("/cuti") == "officer"
    deliver(runtime)
    [group] = [t for t in group_since(tg_server, seen) if "Kepala Kantor berhalangan" in t]
    told = tg_server.sent_texts(KEPALA)[-1]
    assert "Dicatat" in told, told
    for text in (group, told):
        assert text.count("⚠️") == 1 and text.count("tidak dapat menandatangan") == 1, text
        assert text.count("tidak boleh oleh orang yang sama") == 1, text
        assert ticket in text and "menunggu" in text, text
    assert f"Yang dapat menandatangani {ticket}" in told, told
    assert "setelah kembali bertugas: /kembali" in told, told


# --- 3. an old button says what comes next, and from whom -----------------------------------
def test_an_old_button_says_the_next_step_and_who_does_it(app, runtime, tg_server):
    """After step 4, the section's old "Tidak benar" press is refused with the step that is
    due now (5) and whom it waits for, within Telegram's 200 characters."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 4), runtime)
    walk_to(app, ticket, "examined")
    deliver(runtime)
    assert complaint(runtime, ticket).stage == "examined"
    assert officer(app, SEKSI["lantaskim"]).press(f"vd:{ticket}:reviewed:t") == \
        "refused"
    deliver(runtime)
    toast = [c.params.get("text", "") for c in tg_server.calls_to("answerCallbackQuery")][-1]
    assert toast.startswith(f"Tombol lama: {ticket}") and len(toast) <= 200, toast
    assert "berikutnya langkah 5" in toast and toast.endswith("Tidak ada yang berubah."), toast
    office = runtime.config.office_config
    [section] = [o.name for o in office.roster if o.telegram_id == SEKSI["lantaskim"]]
    assert section in toast, toast
