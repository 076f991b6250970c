"""The desk walk's findings left over (8, 9, 14): a forward to a section where nobody may
examine the complaint is refused, a BAP dated in the future is asked again, and an officer's
plain words in a private chat get an officer's hint, never the citizens' intake (while an
officer can still file a complaint of their own when they ask to)."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.sop.owners import NOBODY_FREE
from storage.models import Message
from tests.support.telegram import (KASI, OFFICER_CHAT, PETUGAS, SEKSI, TelegramUser, deliver,
                                    file_on_telegram)
from tests.test_conflict_of_interest import file_about
from tests.test_officers import actions, app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(120)
CITIZEN = 555_088
LANTASKIM = SEKSI["lantaskim"]


def outbox(runtime, address: int | str, kind: str) -> list:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return unit.outbox_items(address=str(address), kind=kind)


def last_text(runtime, address: int | str) -> str:  # type: ignore[no-untyped-def]
    return outbox(runtime, address, "officer")[-1].body


def forwards(runtime, ticket: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.note for e in complaint(runtime, ticket).events if e.action == "forward"]


# --- 8: /teruskan to a section where nobody may examine the complaint ---------------------
def test_a_forward_to_a_section_whose_officers_are_all_excluded_is_refused(app, runtime):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reviewed")
    kasi = officer(app, KASI, private=True)
    assert kasi.send(f"/kecualikan {ticket} {LANTASKIM} kerabat pelapor") == "officer"
    for section in ("lantaskim", "LANTASKIM"):          # its own section, as typed either way
        assert kasi.send(f"/teruskan {ticket} {section}") == "refused"
        said = last_text(runtime, KASI)
        assert NOBODY_FREE in said and "Tidak ada yang dicatat" in said
        assert "seksi lain" in said and f"/kecualikan {ticket}" in said
        assert "Seksi Lantaskim" not in said and str(LANTASKIM) not in said   # nobody named
    assert actions(runtime)[-1].allowed is False
    found = complaint(runtime, ticket)
    assert (found.stage, found.section, forwards(runtime, ticket)) == (
        "reviewed", "lantaskim", [])
    # another section with a free officer is accepted, and does step 4
    assert kasi.send(f"/teruskan {ticket} tu") == "officer"
    assert complaint(runtime, ticket).section == "tu"
    assert forwards(runtime, ticket) == ["Diteruskan ke Subbagian Tata Usaha"]


def test_a_forward_to_a_section_with_nobody_on_the_roster_is_refused(app, runtime,
                                                                    monkeypatch):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    config = runtime.desk.config            # Subbagian TU's only officer leaves the roster
    monkeypatch.setattr(runtime.desk, "config", config.model_copy(update={
        "roster": [o for o in config.roster if o.telegram_id != SEKSI["tu"]]}))
    kasi = officer(app, KASI, private=True)
    assert kasi.send(f"/teruskan {ticket} tu") == "refused"
    said = last_text(runtime, KASI)
    assert "Subbagian Tata Usaha belum memiliki petugas di daftar petugas" in said
    assert "Tidak ada yang dicatat" in said and "seksi lain" in said
    assert forwards(runtime, ticket) == []


def test_a_sensitive_complaints_refusal_names_nobody(app, runtime):
    """A conduct complaint naming the section's only officer: the Kasi's /teruskan to it is
    refused without naming him, in the group (sensitive: not handled there at all) and
    privately (what to do about the exclusion)."""
    ticket = file_about(app, runtime, "Seksi Lantaskim yang jaga loket 2")
    assert officer(app, KASI).send(f"/teruskan {ticket} lantaskim") == "refused"
    assert "Seksi Lantaskim" not in last_text(runtime, OFFICER_CHAT)
    assert officer(app, KASI, private=True).send(f"/teruskan {ticket} lantaskim") == "refused"
    said = last_text(runtime, KASI)
    assert NOBODY_FREE in said and f"/kecualikan {ticket}" in said
    assert "Seksi Lantaskim" not in said and str(LANTASKIM) not in said
    assert forwards(runtime, ticket) == []


# --- 9: a BAP dated in the future ----------------------------------------------------------
def test_a_bap_dated_in_the_future_is_asked_again(app, runtime, tg_server, clock):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reviewed")
    # 2 December, 07.00 in Tarakan (WITA) is still 1 December in UTC: "today" is the office's
    clock.advance(hours=21)
    section = officer(app, LANTASKIM)
    assert section.send(f"/tahap {ticket} benar BAP No. 13/2026 tgl 4-12-2027, lalai") == \
        "refused"
    assert "belum tiba" in actions(runtime)[-1].detail
    assert "Tidak ada yang dicatat" in actions(runtime)[-1].detail
    assert section.send(f"/tahap {ticket} benar BAP No. 13/2026 tgl 03-12-2026, lalai") == \
        "refused"
    found = complaint(runtime, ticket)
    assert (found.stage, found.bap_date) == ("reviewed", None)
    # the forced reply to the verdict question is asked again, with why
    deliver(runtime)
    from tests.test_desk_buttons import press
    assert press(app, tg_server, LANTASKIM, f"vd:{ticket}:reviewed:b") == "officer"
    deliver(runtime)
    prompt = tg_server.messages_in(OFFICER_CHAT)[-1]
    assert section.reply("W18-0042 3 Desember 2026 petugas lalai", to=prompt) == "refused"
    deliver(runtime)
    again = tg_server.messages_in(OFFICER_CHAT)[-1]
    assert "belum tiba" in again["text"] and "2 Desember 2026" in again["text"]
    assert complaint(runtime, ticket).bap_date is None
    assert section.reply("W18-0042 2 Desember 2026 petugas lalai", to=again) == "officer"
    found = complaint(runtime, ticket)
    assert (found.stage, found.bap_date) == ("examined", dt.date(2026, 12, 2))


# --- 14: an officer's plain words in a private chat ----------------------------------------
@pytest.mark.parametrize("who", [KASI, LANTASKIM])
def test_an_officers_plain_words_get_an_officer_hint(app, runtime, who):
    user = officer(app, who, private=True)
    for said in ("selamat pagi, ada tugas hari ini?", "Surat"):
        assert user.send(said) == "officer", said
        hint = last_text(runtime, who)
        assert "/saya" in hint and "/bantuan" in hint and "pengaduan pribadi" in hint
        assert "Selamat datang" not in hint
    assert not outbox(runtime, who, "reply")                  # no citizen welcome or menu
    with runtime.store.unit() as unit:
        assert unit.conversation("telegram", str(who)) is None
        kept = [m.body for m in unit.session.scalars(select(Message))]
    assert not any("selamat pagi" in body for body in kept)    # the words are not kept


def test_an_officer_files_a_complaint_of_their_own_when_they_ask(app, runtime, clock):
    user = officer(app, PETUGAS, private=True)
    assert user.send("pengaduan pribadi") == "complainant"
    assert "Selamat datang" in outbox(runtime, PETUGAS, "reply")[-1].body
    for said in ("Sampaikan pengaduan", "Paspor anak saya sudah 3 minggu belum jadi"):
        assert user.send(said) == "complainant", said
    clock.advance(hours=1, minutes=30)        # a pause within their own conversation
    assert user.send("Lanjut") == "complainant"
    assert user.send("/lihat TRK-2222-2222") == "refused"     # commands stay the desk's
    clock.advance(hours=3)                    # long after: an officer again
    assert user.send("halo") == "officer"
    assert "/saya" in last_text(runtime, PETUGAS)


# --- 10 (old rows): bare relative words stored without a date ------------------------------
def test_bare_relative_words_show_the_date_they_meant_from_the_receipt():
    """/catat kept "kemarin" with no date before it resolved such words: /lihat, the leaders'
    notice and the report showed no date. The date is counted from the receipt, in the
    office's time zone (07.30 WITA on 4 December is still 3 December in UTC)."""
    from types import SimpleNamespace
    from zoneinfo import ZoneInfo

    from bot.labels import incident_label

    wita = ZoneInfo("Asia/Makassar")
    received = dt.datetime(2026, 12, 3, 23, 30, tzinfo=dt.timezone.utc)

    def label(told: str | None, at: dt.datetime = received,
              tz: ZoneInfo | None = wita) -> str | None:
        return incident_label(SimpleNamespace(incident_date=None, incident_time_text=told,
                                              created_at=at), tz)  # type: ignore[arg-type]

    assert label("kemarin") == label("Kemarin") == label("yesterday") == "3 Desember 2026"
    assert label("hari ini") == "4 Desember 2026"
    assert label("tadi pagi") == "4 Desember 2026 (tadi pagi)"
    assert label("kemarin sore") == "3 Desember 2026 (kemarin sore)"
    assert label("3 hari lalu") == "1 Desember 2026 (3 hari lalu)"
    assert label("dua hari yang lalu") == "2 Desember 2026 (dua hari yang lalu)"
    assert label("kemarin", at=received.replace(tzinfo=None)) == "3 Desember 2026"  # SQLite
    # not bare relative words: kept as told
    assert label("lebaran kemarin") == "lebaran kemarin"
    assert label("Kamis pagi, sekitar jam 9") == "Kamis pagi, sekitar jam 9"
    assert label(None) is None
    # without the office's zone the receipt's day is not known: nothing is guessed
    assert label("kemarin", tz=None) is None
    # a stored date still wins over the words
    assert incident_label(SimpleNamespace(  # type: ignore[arg-type]
        incident_date=dt.date(2026, 11, 30), incident_time_text="kemarin",
        created_at=received), wita) == "30 November 2026"
