"""Two desk defects on the officers' side (2026-12-06).

1. Kasi Tikkim answers his step-3 ping ("🔔 Giliran Anda") by replying to it with his direction,
   as officers naturally do: it is recorded as the forced reply of "📝 Beri arahan" records it
   (same trail, the group and the section told, the complainant told). A reply to that ping
   once the step is done records nothing and says where the complaint stands now. It used to
   come back with a hint to use the buttons, and the direction was lost.
2. The Kepala Kantor's typed /ambil at a section's step (step 4) is refused, naming who takes a
   complaint, as the "Ambil" button is not offered to him there (`steps.takes`); it used to
   record "Diambil oleh <Kepala>" and assign it to him. A petugas still takes it at any step.
"""
from __future__ import annotations

from typing import Any

import pytest

from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PETUGAS, SEKSI, TelegramUser,
                                    deliver, file_on_telegram)
from tests.test_desk_buttons import press
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(150)
CITIZEN = 555_410
LANTASKIM = SEKSI["lantaskim"]
DIRECTION = "periksa petugas loket 2 dan rekaman antrean hari Senin"


def step_three_ping(tg_server: Any, ticket: str) -> dict[str, Any]:
    [ping] = [m for m in tg_server.messages_in(KASI)
              if "Giliran Anda" in m.get("text", "") and ticket in m["text"]
              and "Langkah 3" in m["text"]]
    return ping


def test_a_reply_to_the_step_three_ping_records_the_direction_as_the_forced_reply_does(
        app, runtime, tg_server):
    # The same direction given through "📝 Beri arahan" and its forced reply, for comparison.
    asked = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 1), runtime)
    walk_to(app, asked, "reported_to_kasi")
    deliver(runtime)
    assert press(app, tg_server, KASI, f"go:{asked}:reported_to_kasi", chat=KASI) == "officer"
    deliver(runtime)
    question = [m for m in tg_server.messages_in(KASI) if "Balas pesan ini" in m["text"]][-1]
    assert officer(app, KASI, private=True).reply(DIRECTION, to=question) == "officer"
    by_question = complaint(runtime, asked).events[-1]

    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "reported_to_kasi")
    deliver(runtime)
    ping = step_three_ping(tg_server, ticket)
    told_before = len(tg_server.sent_texts(CITIZEN))
    assert officer(app, KASI, private=True).reply(DIRECTION, to=ping) == "officer"
    found = complaint(runtime, ticket)
    assert found.stage == "reviewed" and found.section == "lantaskim"
    event = found.events[-1]
    assert DIRECTION in event.note
    assert ((event.action, event.actor, event.from_stage, event.to_stage, event.note)
            == (by_question.action, by_question.actor, by_question.from_stage,
                by_question.to_stage, by_question.note))
    deliver(runtime)
    answer = tg_server.sent_texts(KASI)[-1]
    assert "langkah 3 selesai" in answer and ticket in answer
    assert any(ticket in t and "langkah 3 selesai" in t
               for t in tg_server.sent_texts(OFFICER_CHAT))
    assert any(ticket in t and "Giliran Anda" in t and DIRECTION in t
               for t in tg_server.sent_texts(LANTASKIM))          # the section reads it
    assert len(tg_server.sent_texts(CITIZEN)) > told_before          # the complainant told

    # The same ping answered again once the step is done: nothing recorded, and told so.
    events = len(found.events)
    assert officer(app, KASI, private=True).reply("tambahan arahan", to=ping) == "refused"
    after = complaint(runtime, ticket)
    assert (after.stage, len(after.events)) == ("reviewed", events)
    deliver(runtime)
    refused = tg_server.sent_texts(KASI)[-1]
    assert "Tidak ada yang dicatat" in refused and "kini pada" in refused
    assert "langkah 4" in refused and "Tombol" not in refused


def test_the_kepala_cannot_take_a_complaint_at_the_section_step(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 2), runtime)
    walk_to(app, ticket, "reviewed")
    kepala = officer(app, KEPALA, private=True)
    assert kepala.send(f"/ambil {ticket}") == "refused"
    found = complaint(runtime, ticket)
    assert found.assigned_to is None
    assert not [e for e in found.events if e.action == "take"]
    deliver(runtime)
    refused = tg_server.sent_texts(KEPALA)[-1]
    assert "petugas" in refused.lower() and "Tidak ada yang berubah" in refused
    assert runtime.config.office_config.officer(str(PETUGAS)).name in refused
    # Taking stays the petugas' act at this step, as documented.
    assert officer(app, PETUGAS, private=True).send(f"/ambil {ticket}") == "officer"
    assert complaint(runtime, ticket).assigned_to == \
        runtime.config.office_config.officer(str(PETUGAS)).name
