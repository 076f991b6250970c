"""An erasure's trail line must not tie a person's sensitive complaint to their named one.

`/hapusdata … YAKIN` used to write "Data pribadi pelapor dihapus atas permintaan: …" on the
trail of every complaint of the person, at the same minute: an officer reading the trail of
the named complaint and of an anonymous one saw the same note at the same time, and learned
who wrote the anonymous complaint. Now only complaints filed by name get the line; the erasure
of the others is proven by `data_requests`, kept per person (README, "Data-subject requests").
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.models import DataRequest
from tests.support.intake import TICKET, walk
from tests.support.telegram import KASI, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_privacy_erasure import file_named

pytestmark = pytest.mark.timeout(240)
NUMBER = "+6281234577025"


def _erase_lines(runtime, ticket: str) -> list[str]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return [e.note or "" for e in unit.complaint_by_ticket(ticket).events
                if e.action == "erase"]


def test_an_erasure_writes_its_line_only_on_the_trail_of_a_complaint_filed_by_name(bot_app):
    app, runtime = bot_app
    named, person_id = file_named(app, runtime, NUMBER, "Wahyudi Prasetyo",
                                  "Paspor saya sudah sebulan belum jadi, mohon dicek")
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=NUMBER,
                         profile_name="Pengguna WA")
    reply = ""
    for said in ("menu", "1", "Petugas loket minta uang tambahan supaya cepat", "lanjut"):
        reply = phone.says(said)
    hidden = TICKET.search(walk(phone.says, reply, {"Pengaduan Anda tentang apa": "1",
                                                    "identitas Anda dicatat": "anonim"})).group(0)
    with runtime.store.unit() as unit:
        kept = unit.complaint_by_ticket(hidden)
        assert kept.complainant_id == person_id and kept.identity_mode == "anonymous"
    deliver(runtime)

    kasi = TelegramUser(app.test_client(), KASI)
    # by the named ticket: the P-code of a person with a concealed complaint finds nobody
    # (tests/test_privacy_s26.py)
    assert kasi.send(f"/hapusdata {named} YAKIN permintaan pelapor") == "officer"
    deliver(runtime)

    [line] = _erase_lines(runtime, named)
    assert "Data pribadi pelapor dihapus" in line and "permintaan pelapor" in line, line
    assert _erase_lines(runtime, hidden) == []
    with runtime.store.unit() as unit:
        asked = [r for r in unit.session.scalars(select(DataRequest)) if r.kind == "erase"]
        # the erasure itself is on record, per person: proof for the complaint without a line
        assert [r.complainant_id for r in asked] == [person_id], asked
        assert unit.complaint_by_ticket(hidden).identity_mode == "anonymous"
        assert not unit.complaint_by_ticket(named).reporter_name
