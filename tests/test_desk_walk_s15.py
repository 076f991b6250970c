"""A desk walk, probing pass (session 15): a ticket typed as officers type it (lower case, with
spaces, after other words); a complaint another officer has already taken is not silently
taken from them; step 4's verdict and BAP read in the words and forms officers use, in either
order; and /rekap reads a month written in words or the other way round."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.support.telegram import (KASI, OFFICER_CHAT, PETUGAS, SEKSI, TelegramUser, deliver,
                                    file_on_telegram)
from tests.test_officers import actions, app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(150)
CITIZEN = 555_150
LANTASKIM = SEKSI["lantaskim"]
SECOND_PETUGAS = 100_000_011


def last_text(runtime, address: int) -> str:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return unit.outbox_items(address=str(address), kind="officer")[-1].body


def pings_to(runtime, address: int) -> list[str]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return [item.body for item in unit.outbox_items(address=str(address), kind="ping")]


# --- 1: a ticket as officers type it -------------------------------------------------------
def test_a_ticket_in_lower_case_with_spaces_or_after_other_words_is_read(app, runtime):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    _, first, second = ticket.split("-")
    spaced = f"trk {first.lower()} {second.lower()}"
    petugas = officer(app, PETUGAS)
    assert petugas.send(f"/lihat {spaced}") == "officer"          # was "tidak dikenali"
    assert last_text(runtime, OFFICER_CHAT).startswith(f"📄 {ticket}")
    assert petugas.send(f"/ambil@AduanTarakanBot {spaced}") == "officer"
    assert complaint(runtime, ticket).assigned_to == "Petugas Pengaduan"
    # the arguments the other way round: the note first, then the ticket
    assert petugas.send(f"/tahap sudah dicek {ticket.replace('-', '')}") == "officer"
    found = complaint(runtime, ticket)
    assert found.stage == "reported_to_kasi"
    assert found.events[-1].note.endswith("sudah dicek")
    assert officer(app, KASI).send(f"/teruskan intalkim {ticket.lower()}") == "officer"
    assert complaint(runtime, ticket).section == "intalkim"
    # a message for the complainant is never searched for a ticket: only one typed first
    assert petugas.send(f"/kabar berkas Anda {ticket} sedang diproses") == "refused"
    assert "Cara pakai: /kabar TIKET" in actions(runtime)[-1].detail


def test_a_reply_to_an_alert_acts_on_its_complaint_whatever_ticket_the_note_names(
        app, runtime, tg_server):
    """The reading above never takes a ticket quoted in a note over the one replied to."""
    first = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 4), runtime)
    other = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 5), runtime)
    deliver(runtime)
    alert = next(m for m in tg_server.messages_in(OFFICER_CHAT) if first in m["text"])
    assert officer(app, PETUGAS).reply(f"/tahap mirip dengan {other}", to=alert) == "officer"
    assert complaint(runtime, first).stage == "reported_to_kasi"
    assert complaint(runtime, first).events[-1].note.endswith(f"mirip dengan {other}")
    assert complaint(runtime, other).stage == "received"


# --- 2: two officers, one complaint ----------------------------------------------------------
def test_a_complaint_another_officer_has_taken_is_not_taken_silently(app, runtime):
    from bot.config import Officer
    # a second petugas: taking is a petugas' act (a leader takes only standing in for one)
    runtime.config.office_config.roster.append(Officer(
        telegram_id=SECOND_PETUGAS, name="Dedi Kurniawan", role="petugas"))
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 1), runtime)
    assert officer(app, PETUGAS).send(f"/ambil {ticket}") == "officer"
    second = officer(app, SECOND_PETUGAS)
    trail = len(complaint(runtime, ticket).events)
    assert second.send(f"/ambil {ticket}") == "refused"
    said = last_text(runtime, OFFICER_CHAT)
    assert "sudah diambil oleh Petugas Pengaduan" in said and "Tidak ada yang berubah" in said
    assert f"/ambil {ticket} alih" in said                       # what to do instead
    assert second.press(f"take:{ticket}:received") == "refused"   # the alert's Ambil, too
    found = complaint(runtime, ticket)
    assert (found.assigned_to, len(found.events)) == ("Petugas Pengaduan", trail)
    # taking it over is said, recorded with both names, and the first officer is told
    assert second.send(f"/ambil {ticket} alih") == "officer"
    found = complaint(runtime, ticket)
    assert found.assigned_to == "Dedi Kurniawan"
    assert found.events[-1].note == "Diambil alih oleh Dedi Kurniawan dari Petugas Pengaduan"
    assert any(ticket in ping and "diambil alih oleh Dedi Kurniawan" in ping
               for ping in pings_to(runtime, PETUGAS))
    assert second.send(f"/ambil {ticket}") == "officer"            # their own: nothing new
    assert "sudah Anda ambil" in last_text(runtime, OFFICER_CHAT)


# --- 3: step 4 in the officers' own words -------------------------------------------------
@pytest.mark.parametrize("typed, verdict, number, note", [
    ("benar, BAP: W18-0042, 1-12-2026, petugas lalai", "benar", "W18-0042", "petugas lalai"),
    ("benar BAP W18-0042 Selasa, 1 Desember 2026 lalai", "benar", "W18-0042", "lalai"),
    ("benar Nomor BAP: W18-0042 tanggal: 01/12/26 lalai", "benar", "W18-0042", "lalai"),
    ("Hasil: benar BAP W18-0042 1 December 2026", "benar", "W18-0042", ""),
    ("tidak ada pelanggaran BAP 12/2026 1 Desember 2026", "tidak_benar", "12/2026", ""),
    # the BAP first, then the verdict
    ("BAP W18-0042 1 Desember 2026 tidak terbukti, tidak ada pungutan", "tidak_benar",
     "W18-0042", "tidak ada pungutan"),
])
def test_step_four_reads_the_verdict_and_bap_as_officers_write_them(app, runtime, typed,
                                                                   verdict, number, note):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 2), runtime)
    walk_to(app, ticket, "reviewed")
    assert officer(app, LANTASKIM).send(f"/tahap {ticket} {typed}") == "officer"
    found = complaint(runtime, ticket)
    assert (found.stage, found.verdict) == ("examined", verdict)
    assert (found.bap_number, found.bap_date) == (number, dt.date(2026, 12, 1))
    assert found.events[-1].note.endswith(note or f"BAP {number} tanggal 2026-12-01")


def test_the_answer_to_the_bap_question_reads_the_same_forms(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 3), runtime)
    walk_to(app, ticket, "reviewed")
    section = officer(app, LANTASKIM)
    assert section.press(f"vd:{ticket}:reviewed:b") == "officer"
    deliver(runtime)
    prompt = tg_server.messages_in(OFFICER_CHAT)[-1]
    assert section.reply("BAP: W18-0042, Selasa, 1 Desember 2026, loket 2 lalai",
                         to=prompt) == "officer"
    found = complaint(runtime, ticket)
    assert (found.verdict, found.bap_number, found.bap_date) == (
        "benar", "W18-0042", dt.date(2026, 12, 1))


# --- 4: /rekap with a month as officers write it ---------------------------------------------
def test_recap_reads_a_month_in_words_or_the_other_way_round(app, runtime):
    kasi = officer(app, KASI, private=True)
    for typed in ("Oktober 2026", "10-2026", "okt", "2026/10"):
        assert kasi.send(f"/rekap {typed}") == "officer", typed
        deliver(runtime)
        assert last_text(runtime, KASI).startswith("📊 Rekap pengaduan Oktober 2026"), typed
    assert kasi.send("/rekap bulan lalu") == "officer"
    assert last_text(runtime, KASI).startswith("📊 Rekap pengaduan November 2026")
    assert kasi.send("/rekap oktobr") == "refused"
    said = last_text(runtime, KASI)
    assert "Bulan tidak terbaca" in said and "/rekap 2027-03" in said



# --- 5: /lihat of a complaint with a long story and history ---------------------------------
def test_a_long_view_goes_on_in_pages_never_cut(app, runtime, tg_server):
    """Once marked up past 4,096 characters, /lihat was sent as plain text cut mid-word, and
    the rest of the history was lost."""
    story = "Paspor saya belum jadi. " + ("Saya sudah datang berkali-kali ke kantor dan "
                                         "menunggu lama sekali tanpa kepastian. ") * 20
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 6), runtime,
                              story=story)
    news = ("berkas Anda sedang kami periksa bersama seksi terkait dan akan kami kabari "
            "lagi. ") * 4
    for number in range(14):
        assert officer(app, PETUGAS).send(f"/kabar {ticket} Kabar ke-{number}: {news}") == \
            "officer"
    deliver(runtime)
    before = len(tg_server.sent_messages(OFFICER_CHAT))
    assert officer(app, PETUGAS).send(f"/lihat {ticket}") == "officer"
    deliver(runtime)
    pages = tg_server.sent_messages(OFFICER_CHAT)[before:]
    assert len(pages) >= 2
    for page in pages:
        assert page.params.get("parse_mode") == "HTML" and len(page.params["text"]) <= 4096
    texts = [page.params["text"] for page in pages]
    assert texts[0].startswith("<b>📄") and "Halaman 1 dari" in texts[0]
    assert "Halaman 2 dari" in texts[1]
    whole = "\n".join(texts)
    for number in range(14):                        # every entry of the history shown
        assert f"Kabar ke-{number}:" in whole, number
    # a long note is shortened after a whole word, never in the middle of one
    words = set(news.replace(".", "").split())
    entries = [line for line in whole.splitlines() if "Kabar ke-" in line]
    assert len(entries) == 14
    for line in entries:
        assert line.endswith("…") and line[:-1].split()[-1].rstrip(".") in words, line
