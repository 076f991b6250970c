"""What officers and complainants type, read as they meant it (the desk walk's findings 7, 9,
10, 13, 14 and 15): a forward at step 4 reaches the new section, impossible dates are asked
again, "kemarin" becomes a date, a rating's comment is kept, an officer is never a citizen."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.desk import bap
from storage.models import ConversationState, Message
from tests.support.telegram import (KASI, OFFICER_CHAT, PETUGAS, SEKSI, TICKET, TelegramUser,
                                    deliver, file_on_telegram)
from tests.test_officers import (actions, app, complaint, officer, report_step_nine,  # noqa: F401
                                 runtime, walk_to)

pytestmark = pytest.mark.timeout(120)
CITIZEN = 555_077
LANTASKIM, TU = SEKSI["lantaskim"], SEKSI["tu"]


def outbox(runtime, address: int | str, kind: str) -> list:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return unit.outbox_items(address=str(address), kind=kind)


def last_text(runtime, address: int) -> str:  # type: ignore[no-untyped-def]
    return outbox(runtime, address, "officer")[-1].body


# --- 7: /teruskan while step 4 is due -------------------------------------------------------
def test_forwarding_at_step_four_tells_the_new_section_and_retires_the_old_buttons(app, runtime):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reviewed")
    deliver(runtime)
    assert any("Giliran Anda" in p.body for p in outbox(runtime, LANTASKIM, "ping"))
    assert officer(app, KASI).send(f"/teruskan {ticket} tu") == "officer"
    [ping] = [p for p in outbox(runtime, TU, "ping") if ticket in p.body]
    assert "Giliran Anda" in ping.body and "Langkah 4" in ping.body
    assert "Batas waktu" in ping.body and "koordinasikan dengan seksi" in ping.body
    with runtime.store.unit() as unit:
        found = unit.complaint_by_ticket(ticket)
        bound = {row.address for row in unit.bound_keyboards(found.id)}
    # Lantaskim's ping and the group's old step message have lost their Benar/Tidak benar
    assert str(LANTASKIM) not in bound and str(TU) in bound
    group = outbox(runtime, OFFICER_CHAT, "officer")[-1].body
    assert "Subbagian Tata Usaha" in group and "Langkah berikutnya: 4" in group
    assert officer(app, LANTASKIM).send(f"/tahap {ticket} benar BAP W18-1 2026-12-01 x") == \
        "refused"
    assert officer(app, TU).send(f"/tahap {ticket} benar BAP W18-1 2026-12-01 loket") == "officer"
    assert complaint(runtime, ticket).stage == "examined"


# --- 9: dates against the complaint's timeline ---------------------------------------------
def test_bap_date_rules():
    received, today = dt.date(2026, 12, 4), dt.date(2026, 12, 4)
    assert "sebelum pengaduan diterima" in bap.date_problem(dt.date(2026, 12, 1), received, today)
    assert "belum tiba" in bap.date_problem(dt.date(2027, 12, 4), received, today)
    assert bap.date_problem(dt.date(2026, 12, 4), received, today) is None


def test_a_bap_dated_before_the_complaint_is_asked_again(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reviewed")
    section = officer(app, LANTASKIM)
    assert section.send(f"/tahap {ticket} benar BAP No. 12/2026 tgl 30-11-2026, lalai") == \
        "refused"
    assert "sebelum pengaduan diterima" in actions(runtime)[-1].detail
    assert complaint(runtime, ticket).stage == "reviewed"
    # the forced reply to the verdict question: asked again, with why
    deliver(runtime)
    from tests.test_desk_buttons import press
    assert press(app, tg_server, LANTASKIM, f"vd:{ticket}:reviewed:b") == "officer"
    deliver(runtime)
    prompt = tg_server.messages_in(OFFICER_CHAT)[-1]
    assert section.reply("W18-0042 30 November 2026 petugas lalai", to=prompt) == "refused"
    deliver(runtime)
    again = tg_server.messages_in(OFFICER_CHAT)[-1]
    assert "sebelum pengaduan diterima" in again["text"] and "BAP" in again["text"]
    assert complaint(runtime, ticket).bap_date is None
    assert section.reply("W18-0042 1 Desember 2026 petugas lalai", to=again) == "officer"
    assert complaint(runtime, ticket).bap_date == dt.date(2026, 12, 1)


def test_a_kanwil_report_dated_before_the_signature_is_asked_again(app, runtime):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "signed")
    user = officer(app, PETUGAS, private=True)
    assert user.send(f"/tahap {ticket}") == "officer"
    for said in ("Pengaduan Anda sudah kami tindak lanjuti; mohon maaf.", "Ya, pakai pesan ini",
                 "Surat", "Kemarin"):
        assert user.send(said) == "officer", said
    asked = last_text(runtime, PETUGAS)
    assert "sebelum laporan ditandatangani (1 Desember 2026)" in asked
    assert user.send("3-12-2026") == "officer"
    assert "belum tiba" in last_text(runtime, PETUGAS)
    for said in ("Hari ini", "W18.IMI.IMI.3-UM.01.01-0099", "Kirim dan catat"):
        assert user.send(said) == "officer", said
    found = complaint(runtime, ticket)
    assert (found.stage, found.kanwil_reported_on) == ("reported", dt.date(2026, 12, 1))


# --- 10: /catat's time of the incident -----------------------------------------------------
def record(app, runtime, type_label: str, story: str, when: str,  # type: ignore[no-untyped-def]
           confidential: bool = False) -> tuple[str, str]:
    desk = TelegramUser(app.test_client(), PETUGAS)
    answers = ["/catat", "Telepon", "Siti Aminah", "lewati", type_label]
    if confidential:
        answers.append("ya")
    answers += [story, "Loket 3", when]
    for said in answers:
        assert desk.send(said) == "officer", said
    summary = last_text(runtime, PETUGAS)
    assert desk.send("simpan") == "officer"
    ticket = TICKET.search(last_text(runtime, PETUGAS)).group(0)
    return ticket, summary


def test_catat_resolves_relative_time_to_a_date_and_keeps_the_words(app, runtime):
    ticket, summary = record(app, runtime, "Layanan paspor",
                             "Paspor saya belum jadi padahal sudah lewat jadwal", "kemarin sore")
    assert "30 November 2026 (kemarin sore)" in summary          # the clock: 1 December
    found = complaint(runtime, ticket)
    assert (found.incident_date, found.incident_time_text) == (dt.date(2026, 11, 30),
                                                               "kemarin sore")
    assert officer(app, PETUGAS).send(f"/lihat {ticket}") == "officer"
    assert "30 November 2026 (kemarin sore)" in outbox(runtime, OFFICER_CHAT, "officer")[-1].body
    # a correction is read the same way
    assert TelegramUser(app.test_client(), PETUGAS).send(
        f"/catat {ticket} waktu 3 hari lalu") == "officer"
    assert complaint(runtime, ticket).incident_date == dt.date(2026, 11, 28)


def test_a_sensitive_catat_keeps_its_time_for_the_leaders(app, runtime):
    ticket, _ = record(app, runtime, "Pungutan liar, calo, atau suap",
                       "Diminta uang 500rb di loket oleh orang yang mengaku petugas", "kemarin",
                       confidential=True)
    assert complaint(runtime, ticket).incident_date == dt.date(2026, 11, 30)
    [notice] = [i for i in outbox(runtime, KASI, "identity") if ticket in i.body]
    assert "Waktu kejadian" in notice.body and "30 November 2026" in notice.body
    assert TelegramUser(app.test_client(), KASI).send(f"/lihat {ticket}") == "officer"
    assert "30 November 2026" in last_text(runtime, KASI)


# --- 13: a rating with its comment ---------------------------------------------------------
def test_a_comment_given_with_the_rating_is_kept_and_not_asked_again(app, runtime, tg_server):
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "reported")
    citizen.send("4 cukup cepat setelah saya mengadu, tapi ruang tunggunya panas")
    rated = complaint(runtime, ticket)
    assert (rated.rating, rated.rating_comment) == (
        4, "cukup cepat setelah saya mengadu, tapi ruang tunggunya panas")
    deliver(runtime)
    said = tg_server.sent_texts(CITIZEN)[-1]
    assert "beserta komentar Anda" in said and "Ada komentar" not in said
    with runtime.store.unit() as unit:
        state = unit.session.scalars(select(ConversationState).where(
            ConversationState.channel == "telegram",
            ConversationState.address == str(CITIZEN))).one()
        assert state.state == "menu"


@pytest.mark.parametrize(("text", "comment"), [
    ("4 cukup cepat, tapi ruang tunggunya panas", "cukup cepat, tapi ruang tunggunya panas"),
    ("4 dari 5 bintang, petugasnya ramah", "petugasnya ramah"),
    ("⭐⭐ lambat sekali", "lambat sekali"), ("four stars, friendly staff", "friendly staff"),
    ("4", None), ("5/5", None), ("bintang 3", None), ("5 ya", None), ("Four out of five", None),
    ("I'd give it a 3", None)])
def test_the_comment_after_the_number(text, comment):
    from bot.conversation.rating import comment_with
    assert comment_with(text) == comment


# --- 14: an officer's plain words in a private chat ----------------------------------------
def test_answers_left_over_from_a_cancelled_dialogue_get_an_officer_hint(app, runtime):
    """Kasi Tikkim's step-9 dialogue is made moot by the petugas doing step 9: it is cancelled
    (with its keyboard), and his further answers get an officer's hint, never the citizens'
    welcome and menu."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "signed")
    kasi = officer(app, KASI, private=True)
    assert kasi.send(f"/tahap {ticket}") == "officer"
    report_step_nine(app, PETUGAS, ticket, "mohon maaf atas ketidaknyamanan")
    assert kasi.send("Pengaduan Anda sudah kami tindak lanjuti, terima kasih.") == "refused"
    cancelled = outbox(runtime, KASI, "officer")[-1]
    assert "dibatalkan" in cancelled.body and cancelled.payload == {"remove_keyboard": True}
    for said in ("Surat", "Hari ini"):
        assert kasi.send(said) == "officer", said
        hint = last_text(runtime, KASI)
        assert "/saya" in hint and "/bantuan" in hint
    assert not outbox(runtime, KASI, "reply")                  # no citizen welcome or menu
    with runtime.store.unit() as unit:
        assert unit.conversation("telegram", str(KASI)) is None
        kept = [m.body for m in unit.session.scalars(select(Message))]
    assert "Surat" not in kept and "Hari ini" not in kept     # left-over answers not kept


# --- 15b: a verdict typed at a step without one --------------------------------------------
def test_a_verdict_typed_at_a_step_without_one_is_refused(app, runtime):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    assert officer(app, PETUGAS).send(f"/tahap {ticket} benar") == "refused"
    assert "tidak memerlukan hasil pemeriksaan" in actions(runtime)[-1].detail
    found = complaint(runtime, ticket)
    assert found.stage == "received" and not any(e.note == "benar" for e in found.events)
    assert officer(app, PETUGAS).send(f"/tahap {ticket} benar sudah dicek loket") == "officer"
