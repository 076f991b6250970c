"""What a desk walk left (session 14): /catat asks again for an incident time not come yet; a
draft sent back is not initialled until its correction comes; a file an officer sends while
filing a complaint of their own is their evidence; and the reminders of a complaint every
officer of the step is kept away from go to the leaders privately, never to the group."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.sop.sweep import DeadlineSweep
from storage.models import Attachment, ConversationState, Download
from tests.fakes import telegram_updates as tu
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS, TICKET,
                                    TelegramUser, deliver, file_on_telegram, next_update_id)
from tests.test_kept_documents import fetch_all, send_document
from tests.test_officers import actions, app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(150)
CITIZEN = 555_140


def last_text(runtime, address: int) -> str:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return unit.outbox_items(address=str(address), kind="officer")[-1].body


def catat_state(runtime) -> str:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return unit.session.scalars(select(ConversationState).where(
            ConversationState.channel == "officer",
            ConversationState.address == str(PETUGAS))).one().state


# --- 1: /catat and an incident time not come yet (test clock: Tue 1 Dec 2026, 10.00 WITA) --
def test_catat_asks_again_for_an_incident_time_not_come_yet(app, runtime):
    desk = TelegramUser(app.test_client(), PETUGAS)
    for said in ("/catat", "1", "anonim", "lewati", "3",
                 "Pelayanan paspor sangat lambat sekali", "Loket 2"):
        assert desk.send(said) == "officer", said
    assert "Waktu kejadian" in last_text(runtime, PETUGAS)
    for said, shown in (("besok", "2 Desember 2026"), ("8 Desember 2026", "8 Desember 2026"),
                        ("2026-12-08", "8 Desember 2026"), ("minggu depan", "8 Desember 2026"),
                        ("hari ini jam 15.00", "pukul 15.00"), ("tadi jam 3 sore", "pukul 15.00")):
        assert desk.send(said) == "officer", said
        asked = last_text(runtime, PETUGAS)
        assert "belum tiba" in asked and shown in asked, said
        assert "Waktu kejadian?" in asked, said                 # the same question again
        assert catat_state(runtime) == "catat:when", said
    # a day and month without a year, a week ahead: this December's, not last year's
    assert desk.send("8 Des") == "officer"
    asked = last_text(runtime, PETUGAS)
    assert "8 Desember 2026 belum tiba" in asked and "tulis tahunnya" in asked
    # earlier today is fine, and read as today
    assert desk.send("tadi jam 9") == "officer"
    assert "Simpan pengaduan ini" in last_text(runtime, PETUGAS)
    assert desk.send("simpan") == "officer"
    ticket = TICKET.search(last_text(runtime, PETUGAS)).group(0)
    filed = complaint(runtime, ticket)
    assert (filed.incident_time_text, filed.incident_date) == ("tadi jam 9",
                                                              dt.date(2026, 12, 1))
    # a correction of the recorded time follows the same rule; nothing is changed
    assert desk.send(f"/catat {ticket} waktu besok pagi") == "refused"
    assert "belum tiba" in last_text(runtime, PETUGAS)
    assert complaint(runtime, ticket).incident_time_text == "tadi jam 9"
    assert desk.send(f"/catat {ticket} waktu 30 November 2026 jam 16") == "officer"
    assert complaint(runtime, ticket).incident_date == dt.date(2026, 11, 30)


# --- 2: a paraf after /kembalikan waits for the correction ----------------------------------
def test_paraf_of_a_draft_sent_back_is_refused_until_the_correction(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "report_drafted")
    kasi = officer(app, KASI, private=True)
    assert kasi.send(f"/kembalikan {ticket} nomor BAP di surat pengantar salah ketik") == \
        "officer"
    trail = len(complaint(runtime, ticket).events)
    # the Paraf button under the PDF, the confirmation's "Ya, paraf", and the typed command
    assert kasi.press(f"go:{ticket}:report_drafted") == "refused"
    assert "belum dapat dicatat" in actions(runtime)[-1].detail
    assert kasi.press(f"ok:{ticket}:report_drafted") == "refused"
    assert kasi.send(f"/tahap {ticket} sudah saya periksa") == "refused"
    said = last_text(runtime, KASI)
    assert "dikembalikan kepada penyusun" in said and "perbaikannya belum diterima" in said
    assert f"{ticket} di keterangannya" in said and "Tidak ada yang dicatat" in said
    assert kasi.send(f"/tahap {ticket}") == "refused"            # without a note too
    found = complaint(runtime, ticket)
    assert (found.stage, len(found.events)) == ("report_drafted", trail)   # nothing recorded
    deliver(runtime)
    toasts = [c.params.get("text", "") for c in tg_server.calls_to("answerCallbackQuery")]
    assert any("Paraf ditolak" in t and "tunggu perbaikan" in t.lower() for t in toasts)
    # the correction comes: the same button works
    corrected = b"PK\x03\x04 corrected cover letter " + ticket.encode()
    assert send_document(app, tg_server, PENYUSUN, f"{ticket} pengantar revisi",
                         corrected) == "officer"
    fetch_all(runtime, tg_server)
    assert kasi.press(f"go:{ticket}:report_drafted") == "officer"
    assert kasi.press(f"ok:{ticket}:report_drafted") == "officer"
    assert complaint(runtime, ticket).stage == "initialed"


def test_initials_withdrawn_by_the_kepala_wait_for_the_correction_too(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 1), runtime)
    walk_to(app, ticket, "initialed")
    assert officer(app, KEPALA, private=True).send(
        f"/kembalikan {ticket} Nomor BAP di halaman 2 salah ketik") == "officer"
    kasi = officer(app, KASI)                                   # in the group, typed
    assert kasi.send(f"/tahap {ticket}") == "refused"
    assert "belum dapat dicatat" in actions(runtime)[-1].detail
    assert officer(app, KASI, private=True).press(f"go:{ticket}:report_drafted") == "refused"
    assert complaint(runtime, ticket).stage == "report_drafted"
    assert send_document(app, tg_server, PENYUSUN, f"{ticket} laporan revisi",
                         b"%PDF-1.4 corrected report " + ticket.encode(), name="Laporan.pdf",
                         mime="application/pdf") == "officer"
    fetch_all(runtime, tg_server)
    assert kasi.send(f"/tahap {ticket}") == "officer"            # the confirmation now
    assert "Konfirmasi langkah 7" in last_text(runtime, OFFICER_CHAT)


# --- 3: a file sent while filing a complaint of one's own -------------------------------------
def post_file(app, user: int, photo: bool = False, caption: str | None = None) -> str:  # type: ignore[no-untyped-def]
    if photo:
        update = tu.make_photo_update(next_update_id(), user, user, file_id="AgAC-pribadi-1",
                                      caption=caption)
    else:
        update = tu.make_document_update(next_update_id(), user, user,
                                         file_id="BQAC-kwitansi-1", file_name="kwitansi.pdf",
                                         caption=caption)
    response = TelegramUser(app.test_client(), user).post(update)
    assert response.status_code == 200
    return response.get_json()["result"]


def kept_files(runtime) -> list[str]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return [a.url for a in unit.session.scalars(select(Attachment))]


def uploads(runtime) -> list[Download]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return list(unit.session.scalars(select(Download).where(Download.purpose == "upload")))


def test_a_file_sent_in_personal_mode_is_the_officers_own_evidence(app, runtime, clock):
    user = officer(app, PETUGAS, private=True)
    assert user.send("pengaduan pribadi") == "complainant"
    for said in ("Sampaikan pengaduan", "Paspor anak saya sudah 3 minggu belum jadi"):
        assert user.send(said) == "complainant", said
    assert post_file(app, PETUGAS) == "complainant"
    assert post_file(app, PETUGAS, photo=True, caption="foto antrean") == "complainant"
    assert kept_files(runtime) == ["telegram-file:BQAC-kwitansi-1",
                                   "telegram-file:AgAC-pribadi-1"]
    assert not [a for a in actions(runtime) if a.action == "upload"]
    assert uploads(runtime) == []
    # a caption naming another complaint's ticket is still the desk's upload form
    other = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 2), runtime)
    assert post_file(app, PETUGAS, caption=f"{other} laporan") != "complainant"
    assert actions(runtime)[-1].action == "upload"
    # long after their last message, a file is an officer's again (not kept as evidence)
    clock.advance(hours=3)
    assert post_file(app, PETUGAS) != "complainant"
    assert len(kept_files(runtime)) == 2


# --- 4: a complaint every officer of the step is kept away from -----------------------------
def test_reminders_of_a_step_nobody_in_the_group_may_do_go_to_the_leaders_only(
        app, runtime, tg_server, clock):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 3), runtime)
    assert officer(app, KASI, private=True).send(
        f"/kecualikan {ticket} {PETUGAS} kerabat pelapor") == "officer"
    deliver(runtime)
    group_before = len(tg_server.sent_texts(OFFICER_CHAT))
    petugas_before = len(tg_server.sent_texts(PETUGAS))        # told of it before he was kept away
    sweep = DeadlineSweep(runtime.config.office_config, runtime.notifier)
    clock.advance(minutes=8)
    assert sweep.run(runtime.store, clock()) >= 1             # the step-2 reminder
    clock.advance(minutes=30)
    assert sweep.run(runtime.store, clock()) >= 1             # and its escalation
    deliver(runtime)
    group = tg_server.sent_texts(OFFICER_CHAT)[group_before:]
    assert not [t for t in group if ticket in t]              # the group hears nothing of it
    assert not [t for t in tg_server.sent_texts(PETUGAS)[petugas_before:] if ticket in t]
    for leader in (KASI, KEPALA):
        told = [t for t in tg_server.sent_texts(leader) if ticket in t]
        assert any("⏰" in t for t in told), leader
        assert any("Terlambat" in t for t in told), leader
        assert any("hanya dikirim kepada pimpinan" in t for t in told), leader
