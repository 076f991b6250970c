"""A desk walk (session 19): Kasi Tikkim's direction naming another section than the one the
complaint goes to is not guessed at; step 5's buttons say the follow-up in the type's words; the
report says why an English complainant's story is in English; walking a sensitive complaint
through the ten steps, the report compiler of a draft sent back is told what waits for them."""
from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.intake import walk
from tests.support.telegram import (KASI, OFFICER_CHAT, PENYUSUN, PETUGAS, SEKSI, TICKET,
                                    TelegramUser, deliver, file_on_telegram)
from tests.test_desk_buttons import buttons_of, message_with, press
from tests.test_desk_walk_s17 import report_text
from tests.test_officers import actions, app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(200)
CITIZEN = 555_191
DIRECTION = "Seksi Lantaskim periksa rekaman CCTV loket 3"


def file_about_an_officer(app, runtime, user_id: int) -> str:  # type: ignore[no-untyped-def]
    """A confidential complaint about an officer's conduct (sensitive: private chats only)."""
    user = TelegramUser(app.test_client(), user_id, first_name="Siti")

    def say(text: str) -> str:
        assert user.send(text) == "complainant"
        with runtime.store.unit() as unit:
            return unit.outbox_items(kind="reply", address=str(user_id))[-1].body

    for said in ("halo", "Sampaikan pengaduan",
                 "Petugas loket 3 membentak saya dan melempar map saya ke lantai"):
        say(said)
    question = say("Lanjut")
    if "tentang apa" in question:
        question = say("Sikap atau perilaku petugas")
    ticket = TICKET.search(walk(say, question, {"identitas Anda dicatat": "rahasiakan"}))
    assert ticket
    found = complaint(runtime, ticket.group(0))
    assert found.type == "perilaku_petugas" and found.identity_mode == "confidential"
    return found.ticket


def plain(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", text).split())


def labels_of(message: dict[str, Any]) -> dict[str, str]:
    markup = message.get("reply_markup") or {}
    return {b["callback_data"]: b["text"] for row in markup.get("inline_keyboard", [])
            for b in row}


# --- 1: a direction naming another section -----------------------------------------------------
def test_a_direction_naming_another_section_is_refused_with_the_commands(app, runtime,
                                                                        tg_server, clock):
    """'/tahap TIKET Seksi Lantaskim periksa rekaman CCTV loket 3' on a complaint about an
    officer (Subbagian TU by its type): the note named Lantaskim, the complaint silently went
    to Subbagian TU, whose officers were pinged with it. Nothing is guessed: refused, nothing
    recorded, with the exact commands; after /teruskan the same direction is accepted."""
    ticket = file_about_an_officer(app, runtime, CITIZEN)
    assert officer(app, PETUGAS, private=True).send(f"/tahap {ticket}") == "officer"
    deliver(runtime)
    kasi = officer(app, KASI, private=True)
    told_tu = len(tg_server.sent_texts(SEKSI["tu"]))
    events = len(complaint(runtime, ticket).events)

    assert kasi.send(f"/tahap {ticket} {DIRECTION}") == "refused"
    found = complaint(runtime, ticket)
    assert (found.stage, found.section, len(found.events)) == ("reported_to_kasi", None, events)
    detail = actions(runtime)[-1].detail
    assert "Seksi Lalu Lintas Keimigrasian" in detail and "Subbagian Tata Usaha" in detail
    assert f"/teruskan {ticket} lantaskim" in detail and "Tidak ada yang dicatat" in detail
    deliver(runtime)
    refusal = plain(tg_server.sent_texts(KASI)[-1])
    assert f"/teruskan {ticket} lantaskim, lalu /tahap {ticket}" in refusal
    # the section named as officers write it, by key or by name: the same
    for said in ("lantaskim: periksa CCTV", "Minta Inteldakim cek", "Lalu Lintas Keimigrasian "
                 "periksa", "kasi lantaskim periksa rekaman"):
        assert kasi.send(f"/tahap {ticket} {said}") == "refused", said
    assert complaint(runtime, ticket).stage == "reported_to_kasi"
    assert len(tg_server.sent_texts(SEKSI["tu"])) == told_tu       # TU never told

    # the way the refusal shows: forward (by key, or by the name as said), then the direction
    assert kasi.send(f"/teruskan {ticket} Seksi Lantaskim") == "officer"
    assert complaint(runtime, ticket).section == "lantaskim"
    assert kasi.send(f"/tahap {ticket} {DIRECTION}") == "officer"
    found = complaint(runtime, ticket)
    assert (found.stage, found.section) == ("reviewed", "lantaskim")
    # the section's ping waits for the alert slot of this (sensitive) complaint
    from bot.sop.slots import alert_slot
    clock.now = alert_slot(runtime.config.office_config, found.created_at)
    deliver(runtime)
    assert any("Giliran Anda" in t and ticket in t and "rekaman CCTV" in t
               for t in tg_server.sent_texts(SEKSI["lantaskim"]))
    assert len(tg_server.sent_texts(SEKSI["tu"])) == told_tu


def test_a_direction_naming_its_own_section_or_the_kasi_goes_through(app, runtime, tg_server):
    """The controls: the section it goes to named (with another to coordinate with), or "Kasi
    Tikkim" (the role giving the direction, not the Tikkim section), or "itu" ('tu' in chat)."""
    for n, direction, section in (
            (1, "Subbag TU periksa petugas loket 3, koordinasi dengan Seksi Lantaskim", "tu"),
            (2, "sesuai arahan Kasi Tikkim, mohon petugas itu dipanggil", "tu")):
        ticket = file_about_an_officer(app, runtime, CITIZEN + n)
        assert officer(app, PETUGAS, private=True).send(f"/tahap {ticket}") == "officer"
        kasi = officer(app, KASI, private=True)
        assert kasi.send(f"/tahap {ticket} {direction}") == "officer", direction
        assert complaint(runtime, ticket).section == section


def test_the_direction_by_reply_is_asked_again_when_it_names_another_section(app, runtime,
                                                                            tg_server):
    """The button flow ("📝 Beri arahan", then a reply): a reply naming another section than
    the one the question shows is asked again with the warning; nothing is recorded."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 5), runtime)  # paspor
    walk_to(app, ticket, "reported_to_kasi")
    deliver(runtime)
    assert press(app, tg_server, KASI, f"go:{ticket}:reported_to_kasi") == "officer"
    deliver(runtime)
    question = tg_server.messages_in(OFFICER_CHAT)[-1]
    assert "Seksi terkait: Seksi Lalu Lintas Keimigrasian" in plain(question["text"])
    assert f"/teruskan {ticket} seksi" in plain(question["text"])     # the ticket, not TIKET
    kasi = officer(app, KASI)
    assert kasi.reply("Subbag TU periksa absensi petugas loket", to=question) == "refused"
    assert complaint(runtime, ticket).stage == "reported_to_kasi"
    deliver(runtime)
    again = tg_server.messages_in(OFFICER_CHAT)[-1]
    assert "Arahan menyebut Subbagian Tata Usaha" in plain(again["text"])
    assert f"/teruskan {ticket} tu" in plain(again["text"])
    assert kasi.reply("Lantaskim periksa antrean wawancara", to=again) == "officer"
    found = complaint(runtime, ticket)
    assert (found.stage, found.section) == ("reviewed", "lantaskim")


# --- 2: step 5's buttons in the type's words -------------------------------------------------
@pytest.mark.parametrize("kind, shown", [
    ("pengawasan_wna", {"p": "👁️ Pengawasan & peringatan",
                        "h": "⚖️ Tindakan administratif"}),
    ("sarana_prasarana", {"p": "🔧 Perbaikan layanan"}),
    ("paspor", {"p": "🤝 Pembinaan", "h": "⚖️ Hukuman"})])
def test_step_five_buttons_say_the_follow_up_in_the_types_words(kind, shown, app, runtime,
                                                                tg_server):
    """The buttons read "🤝 Pembinaan" / "⚖️ Hukuman" for a report about foreigners or a
    broken facility, while the question after the press, the documents and the recap said
    otherwise. A facility's two choices print the same follow-up: one button."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 6), runtime)
    walk_to(app, ticket, "reviewed")
    if kind != "paspor":
        assert officer(app, KASI, private=True).send(f"/jenis {ticket} {kind}") == "officer"
    section = officer(app, SEKSI["lantaskim"])
    assert section.send(f"/tahap {ticket} benar BAP W18-0042 2026-12-01 selesai") == "officer"
    deliver(runtime)
    step = f"fu:{ticket}:examined:"
    done = message_with(tg_server, OFFICER_CHAT, step + "p")
    assert {d[-1]: t for d, t in labels_of(done).items() if d.startswith(step)} == shown
    assert section.send(f"/lihat {ticket}") == "officer"                      # /lihat too
    deliver(runtime)
    view = tg_server.messages_in(OFFICER_CHAT)[-1]
    assert {d[-1]: t for d, t in labels_of(view).items() if d.startswith(step)} == shown
    assert press(app, tg_server, SEKSI["lantaskim"], step + "p") == "officer"
    deliver(runtime)
    assert "Tindak lanjut" in plain(tg_server.messages_in(OFFICER_CHAT)[-1]["text"])


def test_the_sections_private_ping_at_step_five_has_the_types_buttons(app, runtime, tg_server):
    """A sensitive complaint is handled in private chats: the section's 'Giliran Anda' ping
    carries step 5's buttons too (bot.pings), in the type's words."""
    from bot.sop import keyboard

    ticket = file_about_an_officer(app, runtime, CITIZEN + 7)
    assert officer(app, PETUGAS, private=True).send(f"/tahap {ticket}") == "officer"
    kasi = officer(app, KASI, private=True)
    assert kasi.send(f"/jenis {ticket} sarana_prasarana") == "officer"   # a leader may
    assert kasi.send(f"/tahap {ticket} Subbag TU periksa AC ruang tunggu") == "officer"
    assert officer(app, SEKSI["tu"], private=True).send(
        f"/tahap {ticket} benar BAP W18-0042 2026-12-01 AC rusak") == "officer"
    deliver(runtime)
    shown = [labels_of(m) for m in tg_server.messages_in(SEKSI["tu"])
             if f"fu:{ticket}:examined:p" in buttons_of(m)]
    assert shown and all(f"fu:{ticket}:examined:h" not in b for b in shown)
    assert all(b[f"fu:{ticket}:examined:p"] == keyboard.SERVICE_BUTTON["pembinaan"]
               for b in shown)


# --- 3: an English story in the Indonesian report ----------------------------------------------
ENGLISH_STORY = ("I want to complain: my passport renewal has been pending for three weeks "
                 "without any news")


def test_the_report_says_why_the_story_is_in_english(app, runtime, tg_server):
    """An English complainant's story was printed in the Indonesian report as written, with
    nothing to tell the Kanwil why; it is not translated, and now says so where it is quoted."""
    english = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 8), runtime,
                               story=ENGLISH_STORY,
                               answers={"What is your complaint about": "1"})
    walk_to(app, english, "report_drafted")
    story = " ".join(report_text(app, runtime, tg_server, english).split())
    assert "Kronologi (ditulis pelapor dalam bahasa Inggris): I want to complain" in story
    indonesian = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 9), runtime)
    walk_to(app, indonesian, "report_drafted")
    story = " ".join(report_text(app, runtime, tg_server, indonesian).split())
    assert "Kronologi: Paspor saya" in story and "bahasa Inggris" not in story


# --- 4 (the walk): the report compiler's /tahap on a draft sent back ----------------------------
def test_the_drafter_asking_for_the_step_on_a_returned_draft_is_told_to_send_the_correction(
        app, runtime, tg_server):
    """Walking a sensitive complaint: Kasi Tikkim sent the draft back (/kembalikan); the
    Penyusun, meaning "done, next", typed /tahap and read only "Langkah 7 … dilakukan oleh Kasi
    Tikkim, bukan Penyusun Laporan", nothing of the correction the report waits for from them."""
    from tests.test_desk_pings import send_correction

    ticket = file_about_an_officer(app, runtime, CITIZEN + 10)
    assert officer(app, PETUGAS, private=True).send(f"/tahap {ticket}") == "officer"
    kasi = officer(app, KASI, private=True)
    assert kasi.send(f"/tahap {ticket} Subbag TU periksa petugas loket 3") == "officer"
    tu = officer(app, SEKSI["tu"], private=True)
    assert tu.send(f"/tahap {ticket} benar BAP W18-0042 2026-12-01 terbukti") == "officer"
    assert tu.send(f"/tahap {ticket} hukuman teguran tertulis") == "officer"
    drafter = officer(app, PENYUSUN, private=True)
    assert drafter.send(f"/tahap {ticket}") == "officer"
    assert kasi.send(f"/kembalikan {ticket} tanggal kejadian salah") == "officer"
    events = len(complaint(runtime, ticket).events)

    assert drafter.send(f"/tahap {ticket}") == "refused"
    detail = actions(runtime)[-1].detail
    assert "Kirim DOCX atau PDF perbaikannya di chat ini" in detail and ticket in detail
    assert "bukan Penyusun Laporan" not in detail and "tidak ada yang dicatat" in detail
    assert len(complaint(runtime, ticket).events) == events
    assert complaint(runtime, ticket).stage == "report_drafted"
    # once the correction is in, the step is Kasi Tikkim's again, as it says (the control)
    send_correction(app, runtime, tg_server, ticket)
    assert drafter.send(f"/tahap {ticket}") == "refused"
    assert "dilakukan oleh Kasi Tikkim" in actions(runtime)[-1].detail
