"""A LAPOR! or SIPENSIKIM tracking id names a concealed complainant, like an application number.

Noted by the privacy red team: `/catat` of a LAPOR! complaint put its tracking id in the group
alert, in the trail the group reads with `/lihat`, in the report and in the register, even when
the complainant was anonymous or confidential. Whoever opens LAPOR! with the office's account
finds there who reported. It now follows the identity table (`identity.tracking`): whole where
the identity may be seen, masked elsewhere; files carry it only for a named complainant.
"""
from __future__ import annotations

import pytest

from bot.paperwork.dossier import dossier
from bot.paperwork.recap import register_row
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, TICKET, TelegramUser, deliver
from tests.test_officers import app, complaint, officer, runtime  # noqa: F401

pytestmark = pytest.mark.timeout(120)
TRACKING = "LAP-7730219"


def record(app, runtime, name: str, secret: str, kind: str = "Layanan paspor") -> str:  # type: ignore[no-untyped-def]
    """`/catat` a LAPOR! complaint about a broker; its ticket."""
    desk = TelegramUser(app.test_client(), PETUGAS)
    answers = {"Melalui kanal apa": "LAPOR!", "Nomor pelacakan": TRACKING,
               "Nama pelapor": name, "Nomor telepon": "lewati", "setuju dihubungi": "tidak",
               "Jenis pengaduan": kind, "Rahasiakan identitas": secret,
               "Uraian pengaduan": "Paspor tidak selesai sesuai jadwal walau sudah dibayar",
               "Tempat kejadian": "lewati", "Waktu kejadian": "lewati", "Simpan": "simpan"}
    assert desk.send("/catat") == "officer"
    for _ in range(14):
        with runtime.store.unit() as unit:
            asked = unit.outbox_items(address=str(PETUGAS), kind="officer")[-1].body
        found = TICKET.search(asked)
        if found and "Pengaduan dicatat" in asked:
            return found.group(0)
        answer = next(a for fragment, a in answers.items() if fragment in asked)
        assert desk.send(answer) == "officer"
    raise AssertionError(asked)


def in_files(runtime, ticket: str) -> tuple[str | None, str | None]:  # type: ignore[no-untyped-def]
    """The tracking id as the register and the report carry it."""
    with runtime.store.unit() as unit:
        found = unit.complaint_by_ticket(ticket)
        return (register_row(found).external_id,
                dossier(runtime.config.office_config, found).external_ref)


@pytest.mark.parametrize("name, secret, kind, mode", [
    ("anonim", "tidak", "Layanan paspor", "anonymous"),
    ("Siti Aminah", "ya", "Pungutan liar, calo, atau suap", "confidential")])
def test_a_concealed_complainant_s_tracking_id_stays_out_of_sight(app, runtime, tg_server,
                                                                  clock, name, secret, kind,
                                                                  mode):
    from bot.notify import alert_slot
    ticket = record(app, runtime, name, secret, kind)
    filed = complaint(runtime, ticket)
    assert (filed.identity_mode, filed.external_id) == (mode, TRACKING)     # kept
    clock.now = alert_slot(runtime.config.office_config, clock())   # a sensitive alert waits
    deliver(runtime)
    group = "\n".join(tg_server.sent_texts(OFFICER_CHAT))
    assert ticket in group and TRACKING not in group
    assert all(TRACKING not in (e.note or "") for e in filed.events)       # the trail /lihat reads
    group_desk = officer(app, PETUGAS)
    group_desk.send(f"/lihat {ticket}")
    deliver(runtime)
    assert TRACKING not in "\n".join(tg_server.sent_texts(OFFICER_CHAT))
    assert in_files(runtime, ticket) == (None, None)
    if mode == "confidential":                    # the leaders may see who it is, and its id
        kasi = TelegramUser(app.test_client(), KASI)
        kasi.send(f"/lihat {ticket}")
        deliver(runtime)
        assert ticket in "\n".join(tg_server.sent_texts(KASI))


def test_a_named_complainant_s_tracking_id_is_shown_and_filed(app, runtime, tg_server):
    ticket = record(app, runtime, "Siti Aminah", "tidak")
    filed = complaint(runtime, ticket)
    assert filed.identity_mode == "named"
    deliver(runtime)
    assert TRACKING in "\n".join(tg_server.sent_texts(OFFICER_CHAT))
    row, report = in_files(runtime, ticket)
    assert row == TRACKING and TRACKING in (report or "")
