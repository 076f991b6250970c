"""Buttons bound to the step they were shown for: stale presses refused, old keyboards retired,
approvals confirmed, verdicts and follow-ups by button and forced reply, replies carry tickets."""
from __future__ import annotations

from typing import Any

import pytest

from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS, SEKSI,
                                    TelegramUser, deliver, file_on_telegram)
from tests.test_officers import actions, app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(120)
CITIZEN = 555_030
LANTASKIM = SEKSI["lantaskim"]


def buttons_of(message: dict[str, Any]) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


def message_with(tg_server, chat: int, data: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The newest bot message in `chat` carrying a button with this callback data."""
    found = [m for m in tg_server.messages_in(chat) if data in buttons_of(m)]
    assert found, f"no message in {chat} has a button {data}"
    return found[-1]


def press(app, tg_server, who: int, data: str, chat: int = OFFICER_CHAT) -> str:  # type: ignore[no-untyped-def]
    """Press a button where it is shown (under the message Telegram numbered)."""
    message = message_with(tg_server, chat, data)
    user = officer(app, who, private=chat > 0)
    return user.press(data, message_id=message["message_id"])


def toasts(tg_server) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.params.get("text", "") for c in tg_server.calls_to("answerCallbackQuery")]


def test_a_stale_button_is_refused_with_the_current_state_and_loses_its_keyboard(
        app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    deliver(runtime)
    alert = message_with(tg_server, OFFICER_CHAT, f"go:{ticket}:received")
    walk_to(app, ticket, "reviewed")                       # steps 2 and 3, typed
    deliver(runtime)
    # The alert's keyboard was retired when step 2 happened: only "Lihat" is left.
    retired = next(m for m in tg_server.messages_in(OFFICER_CHAT)
                   if m["message_id"] == alert["message_id"])
    assert buttons_of(retired) == [f"view:{ticket}"]
    # An old screen still showing it (a slow phone) presses it anyway: refused, nothing moves.
    before = complaint(runtime, ticket)
    assert officer(app, KASI).press(f"go:{ticket}:received",
                                    message_id=alert["message_id"]) == "refused"
    after = complaint(runtime, ticket)
    assert (after.stage, len(after.events)) == (before.stage, len(before.events)) == (
        "reviewed", 3)
    deliver(runtime)
    toast = toasts(tg_server)[-1]
    assert "Tombol lama" in toast and "Ditelaah" in toast and len(toast) <= 200
    assert "received" not in toast
    refused = actions(runtime)[-1]
    assert not refused.allowed and refused.action == "step" and "kini pada" in refused.detail
    assert "Tombol ini untuk tahap “Diterima”" in refused.detail


def test_a_button_from_before_binding_is_refused_not_obeyed(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "report_drafted")
    assert officer(app, KASI).press(f"next:{ticket}") == "refused"   # the paraf by accident
    assert complaint(runtime, ticket).stage == "report_drafted"
    assert officer(app, PETUGAS).press(f"take:{ticket}") == "officer"   # taking is harmless


def test_two_quick_taps_move_one_step(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    deliver(runtime)
    group = officer(app, PETUGAS)
    assert group.press(f"go:{ticket}:received") == "officer"
    assert group.press(f"go:{ticket}:received") == "refused"
    found = complaint(runtime, ticket)
    assert found.stage == "reported_to_kasi"
    assert [e.to_stage for e in found.events] == ["received", "reported_to_kasi"]


def test_approvals_ask_for_a_confirming_tap(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "report_drafted")
    deliver(runtime)
    assert press(app, tg_server, KASI, f"go:{ticket}:report_drafted") == "officer"
    assert complaint(runtime, ticket).stage == "report_drafted"      # asked, not done
    deliver(runtime)
    question = message_with(tg_server, OFFICER_CHAT, f"ok:{ticket}:report_drafted")
    assert "Konfirmasi langkah 7" in question["text"] and f"no:{ticket}:report_drafted" in \
        buttons_of(question)
    assert "Laporan_Pengaduan_" in question["text"]                  # names the document
    # Batal: nothing changes, and the question's buttons go.
    assert press(app, tg_server, KASI, f"no:{ticket}:report_drafted") == "officer"
    deliver(runtime)
    assert complaint(runtime, ticket).stage == "report_drafted"
    cancelled = next(m for m in tg_server.messages_in(OFFICER_CHAT)
                     if m["message_id"] == question["message_id"])
    assert buttons_of(cancelled) == [f"view:{ticket}"]
    # Asked again and confirmed: step 7 done; a second confirmation is stale.
    assert press(app, tg_server, KASI, f"go:{ticket}:report_drafted") == "officer"
    deliver(runtime)
    assert press(app, tg_server, KASI, f"ok:{ticket}:report_drafted") == "officer"
    assert officer(app, KASI).press(f"ok:{ticket}:report_drafted") == "refused"
    assert complaint(runtime, ticket).stage == "initialed"
    # The Kepala's own approval asks too; the Kasi may not confirm it for him.
    deliver(runtime)
    assert press(app, tg_server, KEPALA, f"go:{ticket}:initialed") == "officer"
    deliver(runtime)
    assert press(app, tg_server, KASI, f"ok:{ticket}:initialed") == "refused"
    assert press(app, tg_server, KEPALA, f"ok:{ticket}:initialed") == "officer"
    assert complaint(runtime, ticket).stage == "signed"


def test_approvals_typed_or_replied_ask_for_the_same_confirming_tap(app, runtime, tg_server):
    """`/tahap TICKET` typed at step 7 or 8, or replied to an alert, initials or signs nothing
    by itself: it is asked for the tap, naming the document, like the button."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 7), runtime)
    walk_to(app, ticket, "report_drafted")
    deliver(runtime)
    kasi = officer(app, KASI)
    assert kasi.send(f"/tahap {ticket}") == "officer"
    assert complaint(runtime, ticket).stage == "report_drafted"      # asked, not done
    deliver(runtime)
    question = message_with(tg_server, OFFICER_CHAT, f"ok:{ticket}:report_drafted")
    assert "Konfirmasi langkah 7" in question["text"]
    assert "Laporan_Pengaduan_" in question["text"]                  # names the document
    # A typed target stage or note is asked the same way; the note is kept in the trail.
    assert kasi.send(f"/tahap {ticket} initialed sudah saya baca") == "officer"
    noted = complaint(runtime, ticket)
    assert noted.stage == "report_drafted"
    assert noted.events[-1].action == "note" and "sudah saya baca" in noted.events[-1].note
    assert press(app, tg_server, KASI, f"ok:{ticket}:report_drafted") == "officer"
    assert complaint(runtime, ticket).stage == "initialed"
    # Step 8 by replying to the ping the Kepala got privately: asked too.
    deliver(runtime)
    kepala = officer(app, KEPALA, private=True)
    ping = [m for m in tg_server.messages_in(KEPALA) if ticket in m.get("text", "")][-1]
    assert kepala.reply("/tahap", to=ping) == "officer"
    assert complaint(runtime, ticket).stage == "initialed"
    deliver(runtime)
    asked = message_with(tg_server, KEPALA, f"ok:{ticket}:initialed")
    assert "Konfirmasi langkah 8" in asked["text"]
    # Nobody else may confirm it; Batal changes nothing; the Kepala's tap signs.
    assert officer(app, KASI).send(f"/tahap {ticket}") == "refused"
    assert kepala.press(f"no:{ticket}:initialed", message_id=asked["message_id"]) == "officer"
    assert complaint(runtime, ticket).stage == "initialed"
    assert kepala.press(f"ok:{ticket}:initialed", message_id=asked["message_id"]) == "officer"
    assert complaint(runtime, ticket).stage == "signed"


def test_verdict_by_button_then_a_forced_reply_with_the_bap(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reviewed")
    deliver(runtime)
    assert press(app, tg_server, LANTASKIM, f"vd:{ticket}:reviewed:t") == "officer"
    assert complaint(runtime, ticket).stage == "reviewed"
    deliver(runtime)
    asked = [c for c in tg_server.calls_to("sendMessage")
             if (c.params.get("reply_markup") or {}).get("force_reply")][-1]
    assert asked.params["reply_markup"]["selective"] is True
    assert f'<a href="tg://user?id={LANTASKIM}">' in asked.params["text"]   # they are pinged
    assert "Tidak benar" in asked.params["text"] and "BAP" in asked.params["text"]
    prompt = tg_server.messages_in(OFFICER_CHAT)[-1]
    section = officer(app, LANTASKIM)
    # Without the BAP: asked again, nothing moves.
    assert section.reply("petugas tidak lalai", to=prompt) == "refused"
    assert complaint(runtime, ticket).stage == "reviewed"
    deliver(runtime)
    again = tg_server.messages_in(OFFICER_CHAT)[-1]
    assert "BAP belum terbaca" in again["text"]
    assert section.reply("W18.IMI.IMI.3-PW.01.01-0042 1 Desember 2026 antrean sesuai aturan",
                         to=again) == "officer"
    found = complaint(runtime, ticket)
    assert (found.stage, found.verdict) == ("examined", "tidak_benar")
    assert found.bap_number == "W18.IMI.IMI.3-PW.01.01-0042" and str(found.bap_date) == \
        "2026-12-01"
    assert "antrean sesuai aturan" in found.events[-1].note
    # A reply to the old question is stale now.
    assert section.reply("W18-1 2026-12-01 lagi", to=again) == "refused"


def test_follow_up_by_button_and_typed_phrasings(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reviewed")
    section = officer(app, LANTASKIM)
    assert section.send(f"/tahap {ticket} terbukti benar, BAP W18-7 2026-12-01 loket") == "officer"
    assert complaint(runtime, ticket).verdict == "benar"
    deliver(runtime)
    assert press(app, tg_server, LANTASKIM, f"fu:{ticket}:examined:h") == "officer"
    deliver(runtime)
    prompt = tg_server.messages_in(OFFICER_CHAT)[-1]
    assert "Hukuman disiplin" in prompt["text"]
    assert section.reply("teguran tertulis oleh Kasubbag TU", to=prompt) == "officer"
    found = complaint(runtime, ticket)
    assert (found.stage, found.follow_up) == ("followed_up", "hukuman")
    other = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 1), runtime)
    walk_to(app, other, "reviewed")
    assert section.send(f"/tahap {other} tidak benar, BAP No. 7/2026 tgl 01-12-2026, sudah sesuai prosedur") == "officer"
    assert complaint(runtime, other).verdict == "tidak_benar"


def test_a_reply_to_an_alert_supplies_its_ticket(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    deliver(runtime)
    alert = message_with(tg_server, OFFICER_CHAT, f"go:{ticket}:received")
    group = officer(app, PETUGAS)
    assert group.reply("/lihat", to=alert) == "officer"
    assert group.reply("/tahap", to=alert) == "officer"
    assert complaint(runtime, ticket).stage == "reported_to_kasi"
    assert group.reply("siap, segera", to=alert) == "ignored"     # chatter moves nothing
    assert complaint(runtime, ticket).stage == "reported_to_kasi"


def test_an_unknown_command_gets_the_closest_one(app, runtime, tg_server):
    assert officer(app, PETUGAS).send("/lihta TRK-7K3Q-9MXA") == "refused"
    assert officer(app, KASI, private=True).send("/rekpa") == "refused"
    deliver(runtime)
    group = tg_server.sent_texts(OFFICER_CHAT)[-1]
    assert "Perintah tidak dikenal" in group and "<code>/lihat</code>" in group
    assert "<code>/rekap</code>" in tg_server.sent_texts(KASI)[-1]
    # Someone not on the roster writing a slash word privately is a citizen: the engine answers.
    assert TelegramUser(app.test_client(), CITIZEN).send("/halo") == "complainant"


def test_buttons_use_short_verbs_and_tickets_are_tap_to_copy(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reviewed")
    deliver(runtime)
    labels = [b["text"] for m in tg_server.messages_in(OFFICER_CHAT)
              for row in (m.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]
    assert {"✅ Benar", "❌ Tidak benar", "📄 Lihat"} <= set(labels)
    assert all(len(label) <= 20 for label in labels), labels
    assert all(f"<code>{ticket}</code>" in t for t in tg_server.sent_texts(OFFICER_CHAT)
               if ticket in t)
    assert PENYUSUN  # (roster constant used by the suite's other tests)


def test_an_alert_not_yet_delivered_goes_out_without_its_stale_buttons(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reported_to_kasi")                  # before the worker ran at all
    deliver(runtime)
    alert = next(m for m in tg_server.messages_in(OFFICER_CHAT) if "Pengaduan baru" in m["text"])
    assert buttons_of(alert) == [f"view:{ticket}"]
    assert not tg_server.calls_to("editMessageReplyMarkup")   # nothing to edit afterwards
    done = message_with(tg_server, OFFICER_CHAT, f"go:{ticket}:reported_to_kasi")
    assert "langkah 2 selesai" in done["text"]
