"""The officers' desk as walk W30 met it (session 25): a private reply to the bot's message
about a complaint is an answer to the open step dialogue, else a hint (never a crash); a Plh.
named while reports he initialled wait is told he cannot sign them; /saya lists what each
officer can do now; /cabut and /jenis say what is really wrong; /cuti posts one message; a
second officer opening step 9 is told who is writing it.

Through the real app (Telegram updates against the local stand-in), on the test databases."""
from __future__ import annotations

import re
from typing import Any

import pytest

from bot.desk.requests import COMMANDS
from bot.desk.desk import FAILED_TEXT
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS, TelegramUser,
                                    deliver, file_on_telegram)
from tests.test_officers import app, complaint, officer, runtime, step_nine, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(240)
CITIZEN = 555_251
OUTCOME = "Pengaduan Ibu sudah kami tindak lanjuti, petugas loket sudah ditegur. Mohon maaf."


def last_text(tg_server: Any, chat: int) -> str:
    return tg_server.sent_texts(chat)[-1]


def last_message(runtime: Any, tg_server: Any, chat: int) -> dict[str, Any]:
    deliver(runtime)
    return tg_server.messages_in(chat)[-1]


# --- 1. a private reply to the bot's message about a complaint -----------------------------
def test_a_reply_to_the_step_nine_question_is_its_answer(app, runtime, tg_server):
    """The officer answers step 9's first question with Telegram's Reply: the outcome is taken
    as if typed, and the rest of the dialogue follows in step."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "signed")
    petugas = officer(app, PETUGAS, private=True)
    assert petugas.send(f"/tahap {ticket}") == "officer"
    question = last_message(runtime, tg_server, PETUGAS)
    assert "Bagian 1 dari 2" in question["text"]
    assert petugas.reply(OUTCOME, question) == "officer"
    deliver(runtime)
    assert "Pelapor akan menerima pesan ini" in last_text(tg_server, PETUGAS)
    for said in ("Ya, pakai pesan ini",) + step_nine(ticket):
        assert petugas.send(said) == "officer", said
    done = complaint(runtime, ticket)
    assert done.stage == "reported" and done.outcome_message == OUTCOME


def test_a_reply_to_a_ping_gets_the_hint_for_its_ticket(app, runtime, tg_server):
    """'siap, saya kerjakan' in reply to a ping about a complaint, no dialogue open: the hint
    naming the ticket, not a system failure."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    ping = last_message(runtime, tg_server, PETUGAS)
    assert ticket in ping["text"]
    assert officer(app, PETUGAS, private=True).reply("siap, saya kerjakan", ping) == "officer"
    deliver(runtime)
    said = last_text(tg_server, PETUGAS)
    assert ticket in said and "/lihat" in said and FAILED_TEXT not in said


def test_no_command_or_button_without_a_ticket_fails_as_a_system_error(app, runtime, tg_server):
    """Every command word, privately and without a ticket: an answer, never 'gangguan
    sistem' (no action reaches the complaint's handling without one)."""
    me = officer(app, KASI, private=True)
    for word in COMMANDS:
        assert me.send(f"/{word}") in ("officer", "refused"), word
        me.send("/batal")        # out of any dialogue the command opened
    deliver(runtime)
    assert not any(FAILED_TEXT in said for said in tg_server.sent_texts(KASI))


# --- 2. a Plh. named while a report he initialled waits for a signature ----------------------
def test_cuti_names_the_reports_the_plh_initialled_and_who_may_sign_them(app, runtime, tg_server):
    """Kasi Tikkim initials; the Kepala then goes on leave with the Kasi as Plh.: the group
    reads that the Kasi cannot sign that report, and the Kepala who said /cuti who can."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "initialed")
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    assert officer(app, KEPALA, private=True).send("/cuti") == "officer"
    deliver(runtime)
    [group] = [t for t in tg_server.sent_texts(OFFICER_CHAT)[before:]
               if "Kepala Kantor berhalangan" in t]
    assert ticket in group and "tidak dapat menandatanganinya" in group, group
    told = last_text(tg_server, KEPALA)
    assert f"sudah memaraf {ticket}" in told, told
    assert "setelah kembali bertugas: /kembali" in told, told


# --- 6. /cuti and /kembali in the group: one message each ------------------------------------
def test_cuti_and_kembali_in_the_group_post_one_message_each(app, runtime, tg_server):
    kepala = officer(app, KEPALA)
    for command, said in (("/cuti", "Kepala Kantor berhalangan"),
                          ("/kembali", "Kepala Kantor kembali bertugas")):
        before = len(tg_server.sent_texts(OFFICER_CHAT))
        assert kepala.send(command) == "officer"
        deliver(runtime)
        posted = tg_server.sent_texts(OFFICER_CHAT)[before:]
        assert len(posted) == 1 and said in posted[0], posted


# --- 3. /saya after a draft is sent back -----------------------------------------------------
def test_saya_after_kembalikan_lists_the_correction_for_the_compiler_not_the_paraf(
        app, runtime, tg_server):
    """A draft sent back waits for the compiler's corrected file: on his /saya, not on the
    Kasi's (whose Paraf is refused until it comes)."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "report_drafted")
    assert officer(app, KASI, private=True).send(
        f"/kembalikan {ticket} nomor BAP salah tulis") == "officer"
    for who, count in ((KASI, 0), (PENYUSUN, 1)):
        assert officer(app, who, private=True).send("/saya") == "officer"
        deliver(runtime)
        said = last_text(tg_server, who)
        assert f"{count} langkah menunggu Anda" in said, said
        assert (ticket in said) == bool(count), said
    assert "draf dikembalikan, menunggu perbaikan" in said, said
    assert officer(app, KASI).send("/aduan") == "officer"
    deliver(runtime)
    listed = re.sub(r"<[^>]+>", "", last_text(tg_server, OFFICER_CHAT))
    compiler = runtime.config.office_config.officer(str(PENYUSUN)).name
    assert f"Menunggu per orang: {compiler} 1" in listed, listed
    assert "draf dikembalikan, menunggu perbaikan" in listed, listed


# --- 4. /cabut: the real obstacle, whatever the reason's length --------------------------------
def test_cabut_without_a_request_on_record_says_so_even_with_a_short_reason(
        app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    deliver(runtime)
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    assert officer(app, KASI).send(f"/cabut {ticket} salah kirim") == "refused"
    deliver(runtime)
    [said] = tg_server.sent_texts(OFFICER_CHAT)[before:]
    assert "belum ada permintaan pencabutan dari pelapor" in said, said
    assert complaint(runtime, ticket).stage == "received"


# --- 5. /jenis with a typo ---------------------------------------------------------------------
def test_jenis_typo_suggests_the_closest_type_by_its_label(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    deliver(runtime)
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    assert officer(app, PETUGAS).send(f"/jenis {ticket} pasport") == "refused"
    deliver(runtime)
    [said] = tg_server.sent_texts(OFFICER_CHAT)[before:]
    types = runtime.config.office_config.complaint_types
    assert f"Maksud Anda: {types['paspor'].id}" in said, said
    assert not any("_" in key and key in said for key in types), said


# --- 7. two officers at step 9 ------------------------------------------------------------------
def test_a_second_officer_opening_step_nine_is_told_who_is_writing_it(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "signed")
    assert officer(app, KASI, private=True).send(f"/tahap {ticket}") == "officer"
    assert officer(app, PETUGAS, private=True).send(f"/tahap {ticket}") == "officer"
    deliver(runtime)
    said = last_text(tg_server, PETUGAS)
    kasi = runtime.config.office_config.officer(str(KASI)).name
    assert f"sedang diisi oleh {kasi}" in said and "Bagian 1 dari 2" in said, said
    assert "sedang diisi" not in last_text(tg_server, KASI)
