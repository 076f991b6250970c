"""Conflict of interest: an officer named in a complaint, or excluded by Kasi Tikkim, gets none
of its notices and may not look at it or act on it; every refusal is logged."""
from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from storage.models import ComplaintExclusion, OfficerAction
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS, SEKSI, TICKET,
                                    TelegramUser, deliver)
from tests.test_officers import app, complaint, officer, runtime  # noqa: F401

pytestmark = pytest.mark.timeout(120)
CITIZEN = 7_100_200_300


def file_about(app, runtime, who: str, kind: str = "Sikap atau perilaku petugas") -> str:  # type: ignore[no-untyped-def]
    citizen = TelegramUser(app.test_client(), CITIZEN, first_name="Rina")
    for said in ("halo", "Sampaikan pengaduan", "Saya dibentak dan disuruh pulang tanpa alasan",
                 "Lanjut", kind, "Kemarin", "Kantor Imigrasi Tarakan", who, "Lanjut",
                 "Tanpa nama (anonim)", "Kirim pengaduan"):
        with runtime.store.unit() as unit:
            asked = unit.outbox_items(kind="reply", address=str(CITIZEN))
        if asked and "Apa yang Anda harapkan" in asked[-1].body:    # conduct asks it (W27)
            assert citizen.send("Lewati") == "complainant"
        assert citizen.send(said) == "complainant"
    with runtime.store.unit() as unit:
        body = unit.outbox_items(kind="reply", address=str(CITIZEN))[-1].body
    return TICKET.search(body).group(0)


def refusals(runtime, actor: int) -> list[OfficerAction]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return list(unit.session.scalars(select(OfficerAction).where(
            OfficerAction.actor_id == str(actor), OfficerAction.allowed.is_(False))))


def at_slot(runtime, ticket: str, clock) -> None:  # type: ignore[no-untyped-def]
    """The anonymous complaint's alert slot: the leaders' private notice of it goes then."""
    from bot.sop.slots import alert_slot
    clock.now = alert_slot(runtime.config.office_config, complaint(runtime, ticket).created_at)
    deliver(runtime)


def test_the_officer_named_in_a_complaint_is_kept_away_from_it(app, runtime, tg_server, caplog,
                                                               clock):
    caplog.set_level(logging.WARNING)
    ticket = file_about(app, runtime, "Petugas Pengaduan yang jaga loket 2")
    with runtime.store.unit() as unit:
        [row] = unit.session.scalars(select(ComplaintExclusion)).all()
    assert (row.officer_id, row.reason) == (str(PETUGAS), "named")
    named = TelegramUser(app.test_client(), PETUGAS)
    for command in (f"/lihat {ticket}", f"/ambil {ticket}", f"/tahap {ticket}",
                    f"/kabar {ticket} sedang kami proses", f"/dokumen {ticket}"):
        assert named.send(command) == "refused", command
    assert named.press(f"take:{ticket}") == "refused"
    refused = refusals(runtime, PETUGAS)
    assert [a.action for a in refused] == ["view", "take", "stage", "update", "documents", "take"]
    assert all("konflik kepentingan" in a.detail for a in refused)
    assert sum("konflik kepentingan" in r.getMessage() for r in caplog.records) >= 6
    assert complaint(runtime, ticket).stage == "received"
    named.send("/aduan")                                     # their list leaves it out
    # Kasi Tikkim (who may act for the petugas at step 2) carries on.
    assert TelegramUser(app.test_client(), KASI).send(f"/tahap {ticket}") == "officer"
    at_slot(runtime, ticket, clock)
    seen = tg_server.sent_texts(PETUGAS)
    assert all("Anda tidak memiliki akses" in t for t in seen if ticket in t)
    assert not any("dibentak" in t or "konflik" in t for t in seen)   # nor why: it is them
    assert any("Terbuka: 0 ·" in t and "Tidak ada pengaduan terbuka" in t for t in seen)
    assert any("dibentak" in t for t in tg_server.sent_texts(KASI))   # the story, privately


def test_deadline_notices_skip_the_named_officer(app, runtime, tg_server, clock):
    # filed (anonymously) before the office opens: its step-2 notices are timed by the 08.00
    # slot, not by the minute of filing (which sends them to nobody, DeadlineSweep.send)
    clock.now = clock.now.replace(hour=7, minute=0)
    ticket = file_about(app, runtime, "petugas pengaduan")
    from bot.sop.sweep import DeadlineSweep
    sweep = DeadlineSweep(runtime.config.office_config, runtime.notifier)
    clock.now = clock.now.replace(hour=8, minute=8)
    assert sweep.run(runtime.store, clock()) >= 1             # the step-2 reminder is due
    clock.advance(minutes=30)
    sweep.run(runtime.store, clock())                         # and now its escalations
    deliver(runtime)
    assert not [t for t in tg_server.sent_texts(PETUGAS) if ticket in t]
    # No petugas left: nobody in the group may act, and the group (where the named officer
    # sits) hears nothing of the reminder or its escalation; the leaders do, privately.
    assert not [t for t in tg_server.sent_texts(OFFICER_CHAT)
                if ticket in t and ("⏰" in t or "Terlambat" in t)]
    for leader in (KASI, KEPALA):
        assert any(ticket in t and "⏰" in t for t in tg_server.sent_texts(leader)), leader


def test_kasi_tikkim_excludes_an_officer_with_a_reason(app, runtime, tg_server):
    ticket = file_about(app, runtime, "Lewati")
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/kecualikan {ticket} {PENYUSUN} kerabat pelapor") == "officer"
    assert kasi.send(f"/kecualikan {ticket} Seksi Tikkim pernah menangani urusan pelapor") \
        == "officer"
    assert kasi.send(f"/kecualikan {ticket}") == "officer"    # the list
    assert kasi.send(f"/kecualikan {ticket} 123456789 alasan") == "refused"   # not on roster
    assert kasi.send(f"/kecualikan {ticket} {PENYUSUN}") == "refused"        # no reason
    assert officer(app, KASI).send(f"/kecualikan {ticket} {PETUGAS} x") == "refused"   # group
    assert TelegramUser(app.test_client(), PETUGAS).send(
        f"/kecualikan {ticket} {PENYUSUN} x") == "refused"                  # not a leader
    assert TelegramUser(app.test_client(), PENYUSUN).send(f"/lihat {ticket}") == "refused"
    assert TelegramUser(app.test_client(), SEKSI["tikkim"]).send(f"/lihat {ticket}") == "refused"
    assert TelegramUser(app.test_client(), PETUGAS).send(f"/lihat {ticket}") == "officer"
    found = complaint(runtime, ticket)
    notes = [e.note for e in found.events if e.action == "exclude"]
    # The trail (read in the group and the report) does not carry the reason, which may say
    # how the officer knows the complainant; the leaders' private listing does.
    assert len(notes) == 2 and not any("kerabat pelapor" in n for n in notes)
    assert all(f"/kecualikan {ticket}" in n for n in notes)
    deliver(runtime)
    listing = next(t for t in tg_server.sent_texts(KASI) if "Petugas yang dikecualikan" in t)
    assert "Penyusun Laporan" in listing and "Seksi Tikkim" in listing
    assert "kerabat pelapor" in listing
    assert not [t for t in tg_server.sent_texts(PENYUSUN) if "dibentak" in t]


def test_a_named_leader_does_not_get_the_private_story(app, runtime, tg_server, clock):
    ticket = file_about(app, runtime, "Kasi Tikkim sendiri", kind="Pungutan liar, calo, atau suap")
    at_slot(runtime, ticket, clock)
    assert not [t for t in tg_server.sent_texts(KASI) if ticket in t]
    assert any(ticket in t and "dibentak" in t for t in tg_server.sent_texts(KEPALA))
    assert TelegramUser(app.test_client(), KASI).send(f"/identitas {ticket}") == "refused"
    assert TelegramUser(app.test_client(), KEPALA).send(f"/identitas {ticket}") == "officer"
