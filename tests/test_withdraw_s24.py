"""A complaint really withdrawn (walk W27, finding 2): `/cabut TIKET alasan` by the leaders
closes it before step 9, tells the person on their channel, and from then on every reader
(status, /lihat, /aduan, the sweep, the register and the recap) treats it as closed and says
"Dicabut"; it takes no step or button; `/cabut TIKET batal` within a day undoes it.

Through the real app (Telegram and Twilio updates against the local stand-ins), on the test
databases."""
from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from bot.paperwork.exports import recap_rows, register_rows
from bot.paperwork.recap import Clock as FileClock
from bot.paperwork.recap import Labels, monthly_recap, register_row, timeliness
from bot.sop.stages import withdrawn
from bot.sop.sweep import DeadlineSweep
from storage.models import Complaint, OfficerAction
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser, deliver,
                                    take_step)
from tests.support.twilio_chat import TwilioSender
from tests.test_desk_buttons import buttons_of
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(240)
REASON = "lewat telepon: paspor sudah jadi, telp 081234567890"
CITIZEN = 555_301


def filed_on_whatsapp(app: Any, runtime: Any, number: str = "+6281234567890",
                      channel: str = "whatsapp") -> tuple[TwilioSender, str]:
    from tests.test_conversation import file_complaint
    phone = TwilioSender(app.test_client(), runtime.config.settings, channel=channel,
                         number=number)
    ticket, _ = file_complaint(phone)
    return phone, ticket


def withdraw(app: Any, who: int, ticket: str, args: str = REASON, private: bool = True) -> str:
    return officer(app, who, private=private).send(f"/cabut {ticket} {args}".strip())


def officer_texts(tg_server: Any, chat: int) -> list[str]:
    return tg_server.sent_texts(chat)


# --- who, when, why -----------------------------------------------------------------------------
def test_only_the_leaders_withdraw_with_a_reason_before_step_nine(app, runtime, tg_server):
    """A petugas is told who decides; a reason of a few words is required; the Kasi's
    withdrawal closes the complaint; a second one, and one after step 9, are refused."""
    _, ticket = filed_on_whatsapp(app, runtime)
    assert withdraw(app, PETUGAS, ticket) == "refused"
    assert withdraw(app, KASI, ticket, "diminta") == "refused"
    deliver(runtime)
    said = officer_texts(tg_server, PETUGAS)[-1]
    assert "Kasi Tikkim atau Kepala Kantor" in said and "Petugas" in said
    assert "alasan" in officer_texts(tg_server, KASI)[-1]
    assert complaint(runtime, ticket).stage == "received"

    assert withdraw(app, KASI, ticket) == "officer"
    found = complaint(runtime, ticket)
    assert withdrawn(found)
    assert (found.stage, found.due_at) == ("archived", None) and found.archived_at is not None
    [event] = [e for e in found.events if e.action == "withdraw"]
    assert event.from_stage == "received" and "paspor sudah jadi" in event.note
    assert withdraw(app, KEPALA, ticket) == "refused"
    deliver(runtime)
    assert "sudah dicabut" in officer_texts(tg_server, KEPALA)[-1]
    with runtime.store.unit() as unit:
        logged = unit.session.scalars(select(OfficerAction).where(
            OfficerAction.action == "withdraw", OfficerAction.allowed.is_(True))).one()
    assert "081234567890" not in (logged.detail or "")          # numbers masked in the log

    _, later = filed_on_whatsapp(app, runtime, number="+6281234567891")
    walk_to(app, later, "reported")
    assert withdraw(app, KASI, later) == "refused"
    deliver(runtime)
    assert "langkah 9" in officer_texts(tg_server, KASI)[-1]
    assert complaint(runtime, later).stage == "reported"


def test_the_person_is_told_and_their_status_says_withdrawn(app, runtime, tg_server, tw_server):
    """On WhatsApp, in Indonesian: withdrawn at their request, they may file again; then their
    status says "Dicabut atas permintaan pelapor" and promises no outcome date. The group reads
    one line, with the number in the reason masked."""
    phone, ticket = filed_on_whatsapp(app, runtime)
    deliver(runtime)
    before = len(tw_server.sent_messages())
    assert withdraw(app, KASI, ticket) == "officer"
    deliver(runtime)
    [told] = tw_server.sent_messages()[before:]
    assert told.params["To"] == "whatsapp:+6281234567890"
    assert ticket in told.params["Body"] and "dicabut" in told.params["Body"]
    assert "pengaduan baru" in told.params["Body"]
    [line] = [t for t in officer_texts(tg_server, OFFICER_CHAT) if "dicabut" in t and ticket in t]
    assert "paspor sudah jadi" in line and "081234567890" not in line

    status = phone.says("status")
    assert "Dicabut atas permintaan pelapor" in status
    assert "Hasil paling lambat" not in status and "Diterima" not in status


def test_outside_24_hours_whatsapp_gets_the_status_template(app, runtime, tw_server, clock):
    _, ticket = filed_on_whatsapp(app, runtime)
    deliver(runtime)
    clock.advance(hours=25)
    before = len(tw_server.sent_messages())
    assert withdraw(app, KEPALA, ticket) == "officer"
    deliver(runtime)
    [told] = tw_server.sent_messages()[before:]
    spec = runtime.config.office_config.whatsapp_templates["status_update"]
    assert told.params["ContentSid"] == spec.sid("id")
    variables = json.loads(told.params["ContentVariables"])
    assert variables["1"] == ticket and variables["2"] == "Dicabut atas permintaan pelapor"


def test_an_sms_complainant_is_told_too(app, runtime, tw_server):
    _, ticket = filed_on_whatsapp(app, runtime, number="+6281355500301", channel="sms")
    deliver(runtime)
    before = len(tw_server.sent_messages())
    assert withdraw(app, KASI, ticket) == "officer"
    deliver(runtime)
    [told] = tw_server.sent_messages()[before:]
    assert told.params["To"] == "+6281355500301" and "dicabut" in told.params["Body"]


# --- closed for every reader ------------------------------------------------------------------
def test_a_withdrawn_complaint_takes_no_step_and_shows_no_buttons(app, runtime, tg_server,
                                                                 clock):
    """/tahap, the step's button and /ambil are refused ("sudah dicabut"); /lihat says
    "Dicabut" with no step, deadline or step button; the old keyboards are retired; /aduan
    no longer lists it; the sweep sends nothing for it."""
    _, ticket = filed_on_whatsapp(app, runtime)
    walk_to(app, ticket, "reported_to_kasi")
    deliver(runtime)
    assert withdraw(app, KASI, ticket) == "officer"
    group = officer(app, PETUGAS)
    assert take_step(officer(app, KASI), ticket, "koordinasikan dengan seksi") == "refused"
    assert group.press(f"take:{ticket}:reported_to_kasi") == "refused"
    assert officer(app, PETUGAS, private=True).send(f"/ambil {ticket}") == "refused"
    deliver(runtime)
    assert sum("sudah dicabut" in t for t in officer_texts(tg_server, OFFICER_CHAT)) == 1
    assert "sudah dicabut" in officer_texts(tg_server, PETUGAS)[-1]
    assert complaint(runtime, ticket).stage == "archived"

    assert officer(app, KASI, private=True).send(f"/lihat {ticket}") == "officer"
    deliver(runtime)
    [view] = [m for m in tg_server.messages_in(KASI)[-1:] if "Riwayat" in m["text"]]
    assert "Tahap: </b>Dicabut atas permintaan pelapor" in view["text"]
    assert "Langkah berikutnya" not in view["text"]
    assert "\u2192 Dicabut" in view["text"]
    assert buttons_of(view) == [f"view:{ticket}"]
    stepped = [m for m in tg_server.messages_in(OFFICER_CHAT)
               if any(b.startswith(("go:", "take:")) and ticket in b for b in buttons_of(m))]
    assert stepped == []                       # every step keyboard sent for it was retired

    assert group.send("/aduan") == "officer"
    deliver(runtime)
    assert ticket not in officer_texts(tg_server, OFFICER_CHAT)[-1]
    clock.advance(days=10)
    assert DeadlineSweep(runtime.config.office_config, runtime.notifier).run(
        runtime.store, clock()) == 0


def test_the_register_and_the_recap_say_withdrawn_never_late(app, runtime, clock):
    """Long past the promised outcome date, the withdrawn row is neither late nor in progress
    nor finished: "Dicabut", in the register's stage and timeliness and the recap's summary."""
    _, ticket = filed_on_whatsapp(app, runtime)
    walk_to(app, ticket, "reported_to_kasi")
    assert withdraw(app, KASI, ticket) == "officer"
    clock.advance(days=60)
    config = runtime.config.office_config
    with runtime.store.unit() as unit:
        found = unit.complaint_by_ticket(ticket)
        row = register_row(found, config.sensitive_types, leaders=True,
                           clock=FileClock(config, runtime.notifier.hours, clock()))
    assert row.late is None and row.finished_at is None and row.next_due is None
    assert timeliness(row).startswith("Dicabut")
    [values] = register_rows([row], Labels.from_config(config), config.office.timezone)
    assert "Dicabut" in values and not any("Terlambat" in str(v) for v in values)
    assert ("archived" not in dict(row.stage_times))     # the withdrawal is no SOP step
    received = row.received_at.astimezone(config.office.tz)
    figures = monthly_recap([row], received.year, received.month, runtime.notifier.hours,
                            config.sop.time_standards_minutes, config.office.timezone,
                            as_of=clock())
    assert (figures.withdrawn, figures.finished, figures.in_progress, len(figures.late)) == \
        (1, 0, 0, 0)
    lines = {key: value for _, key, _, value in recap_rows(figures, Labels.from_config(config))}
    assert lines["dicabut"] == 1 and lines["terlambat"] == 0


# --- sensitive complaints, and undoing ------------------------------------------------------
def file_sensitive(app: Any, runtime: Any) -> str:
    citizen = TelegramUser(app.test_client(), CITIZEN, first_name="Siti")
    for said in ("halo", "Sampaikan pengaduan", "Petugas loket minta uang 500rb biar cepat jadi",
                 "Lanjut", "Pungutan liar, calo, atau suap", "Kemarin", "1", "Lewati", "Lanjut",
                 "1", "Ya, rahasiakan", "Kirim pengaduan"):
        citizen.send(said)
    with runtime.store.unit() as unit:
        return unit.session.scalars(select(Complaint)).one().ticket


def test_a_sensitive_complaint_is_withdrawn_in_private_and_only_the_leaders_read_it(
        app, runtime, tg_server):
    ticket = file_sensitive(app, runtime)
    assert withdraw(app, KASI, ticket, private=False) == "refused"
    assert complaint(runtime, ticket).stage == "received"
    deliver(runtime)
    group_before = [t for t in officer_texts(tg_server, OFFICER_CHAT) if ticket in t]
    assert withdraw(app, KASI, ticket) == "officer"
    deliver(runtime)
    assert any("dicabut" in t and ticket in t for t in officer_texts(tg_server, KEPALA))
    assert [t for t in officer_texts(tg_server, OFFICER_CHAT) if ticket in t] == group_before
    told = [t for t in tg_server.sent_texts(CITIZEN) if "dicabut" in t]
    assert told and ticket in told[-1]


def test_a_withdrawal_is_undone_within_a_day_and_not_after(app, runtime, tg_server, clock):
    """`/cabut TIKET batal`: back at the stage it left, its next step due again and its owners
    told; the person hears it is handled again. After 24 hours it is refused."""
    _, ticket = filed_on_whatsapp(app, runtime)
    walk_to(app, ticket, "reported_to_kasi")
    assert withdraw(app, KASI, ticket) == "officer"
    clock.advance(hours=2)
    assert withdraw(app, KASI, ticket, "batal") == "officer"
    found = complaint(runtime, ticket)
    assert not withdrawn(found)
    assert found.stage == "reported_to_kasi" and found.due_at is not None
    assert found.archived_at is None
    assert take_step(officer(app, KASI), ticket, "koordinasikan dengan seksi") == "officer"
    assert complaint(runtime, ticket).stage == "reviewed"

    assert withdraw(app, KEPALA, ticket) == "officer"
    clock.advance(hours=25)
    assert withdraw(app, KEPALA, ticket, "batal") == "refused"
    assert withdrawn(complaint(runtime, ticket))


# --- documents of a complaint withdrawn before the signature -----------------------------------
def test_a_complaint_withdrawn_before_its_signature_never_gets_signed_copies(app, runtime,
                                                                            tg_server):
    """Withdrawn at step 7 the complaint is archived, and /dokumen froze its drafts as
    'Ditandatangani' copies with a verification line: a report nobody signed, printed as signed.
    Its documents stay drafts; one withdrawn after the signature keeps its signed copies."""
    _, ticket = filed_on_whatsapp(app, runtime)
    walk_to(app, ticket, "initialed")
    assert withdraw(app, KASI, ticket) == "officer"
    assert officer(app, KASI, private=True).send(f"/dokumen {ticket}") == "officer"
    deliver(runtime)
    sent = [c for c in tg_server.calls_to("sendDocument") if str(c.params["chat_id"]) == str(KASI)]
    assert sent, "no documents were sent"
    captions = [str(c.params.get("caption", "")) for c in sent]
    assert not any("Ditandatangani" in caption for caption in captions), captions
    with runtime.store.unit() as unit:
        kept = unit.session.execute(select(Complaint).where(Complaint.ticket == ticket)).scalar_one()
        assert not archive_signed(unit, kept)

    _, later = filed_on_whatsapp(app, runtime, number="+6281234567892")
    walk_to(app, later, "signed")
    assert withdraw(app, KEPALA, later) == "officer"
    assert officer(app, KEPALA, private=True).send(f"/dokumen {later}") == "officer"
    with runtime.store.unit() as unit:
        kept = unit.session.execute(select(Complaint).where(Complaint.ticket == later)).scalar_one()
        assert archive_signed(unit, kept)          # frozen at step 8, sent as they were kept


def archive_signed(unit: Any, found: Complaint) -> list:
    from bot.paperwork.archive import signed_documents
    return signed_documents(unit, found)
