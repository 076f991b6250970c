"""A desk walk (session 20): a proven broker (calo) complaint where no staff member was
involved. Step 5 refused the honest "diserahkan ke kepolisian" ("tulis pembinaan dan
pendampingan / hukuman disiplin"); forced to pick "pembinaan", the complainant read "terbukti
benar dan sudah ditindaklanjuti (pembinaan terhadap pihak terkait)" and the signed report "Bentuk
tindak lanjut: Pembinaan dan pendampingan": staff coaching where no staff were involved. Now
step 5 takes a follow-up that says no officer was involved (handed to the police, a warning to
the public, the service put right), by button or typed, and every message and document says it
in its own words; the SOP's staff follow-ups stay for a complaint with staff at fault."""
from __future__ import annotations

import io
import re
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from tests.support.intake import walk
from tests.support.telegram import (KASI, KEPALA, PENYUSUN, PETUGAS, SEKSI, TICKET,
                                    TelegramUser, deliver, take_step)
from tests.test_desk_buttons import message_with
from tests.test_officers import actions, complaint, officer, report_step_nine
from tests.test_officers import app, runtime  # noqa: F401  (fixtures)

pytestmark = pytest.mark.timeout(300)
CITIZEN = 555_200
INTEL = SEKSI["inteldakim"]
BROKER_STORY = ("saya mau lapor calo. ada bapak namanya Anton di depan kantor imigrasi, dia "
                "bilang kerja sama orang dalam, jadi paspor bisa cepat. saya sudah kasih uang "
                "Rp 2 juta tunai, tapi paspor tidak ada kabar dan dia tidak bisa dihubungi")
STAFF_STORY = "Petugas loket 3 membentak saya dan melempar map saya ke lantai"
STAFF_WORDS = ("pembinaan", "pendampingan", "hukuman", "disiplin", "coaching", "terhadap pihak "
               "terkait", "disciplinary")
HANDED = "Diserahkan kepada aparat penegak hukum (kepolisian)"


def plain(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", text).split())


def labels_of(message: dict[str, Any]) -> dict[str, str]:
    markup = message.get("reply_markup") or {}
    return {b["callback_data"]: b["text"] for row in markup.get("inline_keyboard", [])
            for b in row}


def file_story(app, runtime, user_id: int, story: str,  # type: ignore[no-untyped-def]
               kind: str) -> tuple[str, TelegramUser]:
    """A confidential complaint filed on Telegram with `story`, of type `kind`."""
    user = TelegramUser(app.test_client(), user_id, first_name="Sri")

    def say(text: str) -> str:
        assert user.send(text) == "complainant"
        with runtime.store.unit() as unit:
            return unit.outbox_items(kind="reply", address=str(user_id))[-1].body

    for said in ("halo", "Sampaikan pengaduan", story):
        say(said)
    question = say("Lanjut")
    if "tentang apa" in question:
        question = say("Pungutan liar, calo, atau suap" if kind == "pungli"
                       else "Sikap atau perilaku petugas")
    ticket = TICKET.search(walk(say, question, {"identitas Anda dicatat": "rahasiakan"}))
    assert ticket
    found = complaint(runtime, ticket.group(0))
    assert found.type == kind, found.type
    return found.ticket, user


def complainant_texts(runtime, user_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return [item.body for item in unit.outbox_items(address=str(user_id))]


def to_step_five(app, runtime, ticket: str, section: int,  # type: ignore[no-untyped-def]
                 direction: str) -> TelegramUser:
    """Steps 2-4 in private chats (a sensitive complaint), the examination proven."""
    assert officer(app, PETUGAS, private=True).send(f"/tahap {ticket}") == "officer"
    assert officer(app, KASI, private=True).send(f"/tahap {ticket} {direction}") == "officer"
    examiner = officer(app, section, private=True)
    assert examiner.send(f"/tahap {ticket} benar BAP W18-0077 2026-12-01 terbukti") == "officer"
    assert complaint(runtime, ticket).stage == "examined"
    return examiner


def documents_text(app, runtime, tg_server,  # type: ignore[no-untyped-def]
                   ticket: str) -> dict[str, str]:
    """The cover letter's and the report's PDF text, as /dokumen sends them."""
    assert officer(app, KASI, private=True).send(f"/dokumen {ticket}") == "officer"
    deliver(runtime)
    texts = {}
    for stem in ("Surat_Pengantar", "Laporan_Pengaduan"):
        sent = [c for c in tg_server.calls_to("sendDocument")
                if c.files["document"].filename == f"{stem}_{ticket}.pdf"][-1]
        pages = PdfReader(io.BytesIO(sent.files["document"].content)).pages
        texts[stem] = " ".join(" ".join(page.extract_text() for page in pages).split())
    return texts


def officer_texts(tg_server, chat: int, ticket: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [plain(m.get("text", "")) for m in tg_server.messages_in(chat)
            if ticket in m.get("text", "")]


# --- 1: step 5 takes a follow-up where no officer was involved --------------------------------
@pytest.mark.parametrize("typed", ["diserahkan ke kepolisian, calo Anton bukan pegawai",
                                   "dilaporkan ke polisi", "serahkan ke APH",
                                   "calo diserahkan ke kepolisian"])
def test_step_five_takes_a_typed_hand_over_to_the_police(typed, app, runtime, tg_server):
    """'/tahap TIKET diserahkan ke kepolisian' was refused: "Langkah 5 memerlukan tindak
    lanjut: tulis pembinaan dan pendampingan / hukuman disiplin"."""
    ticket, _ = file_story(app, runtime, CITIZEN + 1, BROKER_STORY, "pungli")
    examiner = to_step_five(app, runtime, ticket, INTEL, "Inteldakim telusuri calo Anton")
    assert examiner.send(f"/tahap {ticket} {typed}") == "officer", actions(runtime)[-1].detail
    found = complaint(runtime, ticket)
    assert (found.stage, found.follow_up) == ("followed_up", "aph")
    deliver(runtime)
    done = [t for t in officer_texts(tg_server, INTEL, ticket) if "langkah 5 selesai" in t][-1]
    assert f"Hasil pemeriksaan ditindaklanjuti: {HANDED}" in done
    assert not any(word in done.lower() for word in STAFF_WORDS), done


def test_a_step_five_without_a_follow_up_names_the_no_staff_choices(app, runtime, tg_server):
    """The refusal named only staff coaching or discipline; it names the others too now, and
    a note saying the case was NOT handed over is not read as a hand-over."""
    ticket, _ = file_story(app, runtime, CITIZEN + 2, BROKER_STORY, "pungli")
    examiner = to_step_five(app, runtime, ticket, INTEL, "Inteldakim telusuri calo Anton")
    for said in ("calo belum dilaporkan ke polisi", "kepolisian belum dihubungi"):
        assert examiner.send(f"/tahap {ticket} {said}") == "refused", said
    detail = actions(runtime)[-1].detail
    assert "diserahkan ke kepolisian" in detail and "imbauan" in detail and \
        "perbaikan layanan" in detail
    assert complaint(runtime, ticket).stage == "examined"


@pytest.mark.parametrize("code, key, words", [
    ("a", "aph", HANDED), ("i", "imbauan", "Imbauan kepada masyarakat"),
    ("l", "perbaikan_layanan", "Ditindaklanjuti oleh seksi terkait (perbaikan layanan)")])
def test_step_five_buttons_offer_the_no_staff_follow_ups(code, key, words, app, runtime,
                                                         tg_server):
    """The section's private ping at step 5 carried only "🤝 Pembinaan" / "⚖️ Hukuman" for a
    broker complaint: it has a second row for a case no officer was involved in; a press asks
    for the note with the follow-up in its words, and the reply completes the step."""
    ticket, _ = file_story(app, runtime, CITIZEN + 3, BROKER_STORY, "pungli")
    to_step_five(app, runtime, ticket, INTEL, "Inteldakim telusuri calo Anton")
    deliver(runtime)
    data = f"fn:{ticket}:examined:{code}"
    ping = message_with(tg_server, INTEL, data)
    shown = labels_of(ping)
    assert shown[f"fu:{ticket}:examined:p"] == "🤝 Pembinaan"       # the SOP's, kept
    assert {d[-1] for d in shown if d.startswith(f"fn:{ticket}:")} == {"a", "i", "l"}
    assert "polisi" in shown[f"fn:{ticket}:examined:a"]
    section = officer(app, INTEL, private=True)
    assert section.press(data, message_id=ping["message_id"]) == "officer"
    deliver(runtime)
    question = tg_server.messages_in(INTEL)[-1]
    assert f"Tindak lanjut: {words}" in plain(question["text"])
    assert section.reply("Anton bukan pegawai kantor; ditangani bersama Polres Tarakan",
                         to=question) == "officer"
    found = complaint(runtime, ticket)
    assert (found.stage, found.follow_up) == ("followed_up", key)


# --- 2 and 3: the ten steps of a proven broker complaint, every text read ----------------------
def test_a_proven_broker_complaint_says_the_hand_over_everywhere(app, runtime, tg_server):
    """The walk of /tmp/lead/w20/out_7: ten steps in private chats, read as the complainant,
    the officers, the Kanwil (cover letter, report) and the register and recap read them."""
    ticket, citizen = file_story(app, runtime, CITIZEN + 4, BROKER_STORY, "pungli")
    examiner = to_step_five(app, runtime, ticket, INTEL, "Inteldakim telusuri calo Anton")
    assert examiner.send(f"/tahap {ticket} diserahkan ke kepolisian, Anton bukan pegawai "
                         "kantor; laporan polisi LP/B/123/XII/2026") == "officer"
    deliver(runtime)
    told = complainant_texts(runtime, citizen.chat_id)
    assert "Sudah ditindaklanjuti" in told[-1] and "pembinaan" not in told[-1].lower()

    # /lihat, read by the section, and the history's line of step 5
    assert officer(app, INTEL, private=True).send(f"/lihat {ticket}") == "officer"
    deliver(runtime)
    view = plain(tg_server.messages_in(INTEL)[-1]["text"])
    assert f"Tindak lanjut: {HANDED}" in view
    assert not any(word in view.lower() for word in ("pembinaan", "hukuman disiplin")), view

    assert take_step(officer(app, PENYUSUN, private=True), ticket, "", "report_drafted") == \
        "officer"
    for who, target in ((KASI, "initialed"), (KEPALA, "signed")):
        assert take_step(officer(app, who, private=True), ticket, "", target) == "officer"
    texts = documents_text(app, runtime, tg_server, ticket)
    report = texts["Laporan_Pengaduan"]
    assert f"Bentuk tindak lanjut : {HANDED}" in report or \
        f"Bentuk tindak lanjut: {HANDED}" in report, report
    for text in texts.values():
        assert not any(word in text.lower() for word in ("pembinaan", "hukuman disiplin",
                                                         "pendampingan")), text

    report_step_nine(app, PETUGAS, ticket, "calo telah kami serahkan kepada kepolisian")
    deliver(runtime)
    outcome = [t for t in complainant_texts(runtime, citizen.chat_id) if "terbukti" in t][-1]
    assert "diserahkan kepada kepolisian sebagai aparat penegak hukum" in outcome
    assert not any(word in outcome.lower() for word in STAFF_WORDS), outcome
    assert take_step(officer(app, PETUGAS, private=True), ticket) == "officer"
    assert complaint(runtime, ticket).stage == "archived"

    # the register and the recap, as Kasi Tikkim gets them, say it in the same words
    month = complaint(runtime, ticket).created_at.strftime("%Y-%m")
    cells = workbook_cells(app, runtime, tg_server, f"/inventaris {month}")
    assert HANDED in cells and not any("pembinaan" in c.lower() for c in cells)
    cells = workbook_cells(app, runtime, tg_server, f"/rekap {month}")
    assert HANDED in cells


def workbook_cells(app, runtime, tg_server,  # type: ignore[no-untyped-def]
                   command: str) -> list[str]:
    """Every cell of the XLSX files a command sends Kasi Tikkim, as text."""
    before = len(tg_server.calls_to("sendDocument"))
    assert officer(app, KASI, private=True).send(command) == "officer"
    deliver(runtime)
    cells = []
    for call in tg_server.calls_to("sendDocument")[before:]:
        sent = call.files["document"]
        if sent.filename.endswith(".xlsx"):
            book = openpyxl.load_workbook(io.BytesIO(sent.content))
            cells += [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row
                      if c.value is not None]
    assert cells, command
    return cells


# --- every type: the follow-up's own words, never the type's staff or service words -----------
@pytest.mark.parametrize("kind", ["pungli", "paspor", "pengawasan_wna", "sarana_prasarana",
                                  "lainnya"])
def test_a_no_staff_follow_up_reads_the_same_for_every_type(kind):
    """The documents printed a facility's or other complaint's follow-up as "perbaikan
    layanan" and a foreigners report's as a warning to them, whatever was chosen; the recap
    counted by type. A hand-over to the police is that, for any type, in the documents, the
    register, the recap and (but where no one can be at fault, told only that it was acted
    upon) the complainant's message."""
    from bot.paperwork.casefile import follow_up_label
    from bot.paperwork.recap import FOLLOW_UP_LABEL, follow_up_key
    from bot.progress_texts import pt

    assert follow_up_label("benar", "aph", kind) == HANDED
    assert FOLLOW_UP_LABEL[follow_up_key("benar", "aph", kind)] == HANDED
    assert follow_up_label("benar", "imbauan", kind) == "Imbauan kepada masyarakat"
    assert follow_up_key("benar", "imbauan", kind) == "imbauan"
    for lang, words in (("id", "kepolisian"), ("en", "police")):
        assert words in pt(lang, "follow_up.aph")
        assert words in pt(lang, "follow_up.wna.aph")        # a foreigners report's outcome
    assert follow_up_label("tidak_benar", "aph", kind).startswith("Tidak diperlukan")
    # the complainant is told it too, for every type (a facility's broker as much as a levy's)
    from types import SimpleNamespace
    from bot.notify import outcome_text
    proven = SimpleNamespace(verdict="benar", follow_up="aph", type=kind)
    assert "kepolisian" in outcome_text(proven, "id") and "police" in outcome_text(proven, "en")


# --- the control: a proven staff-conduct complaint keeps the SOP's follow-ups ------------------
def test_a_proven_staff_conduct_complaint_keeps_the_sops_discipline(app, runtime, tg_server):
    """An officer who shouted at a citizen: the SOP's 'hukuman disiplin' by button, in the
    confirmation, /lihat, the complainant's outcome and the report."""
    ticket, citizen = file_story(app, runtime, CITIZEN + 5, STAFF_STORY, "perilaku_petugas")
    to_step_five(app, runtime, ticket, SEKSI["tu"], "Subbag TU periksa petugas loket 3")
    deliver(runtime)
    data = f"fu:{ticket}:examined:h"
    ping = message_with(tg_server, SEKSI["tu"], data)
    assert labels_of(ping)[data] == "⚖️ Hukuman"
    tu = officer(app, SEKSI["tu"], private=True)
    assert tu.press(data, message_id=ping["message_id"]) == "officer"
    deliver(runtime)
    question = tg_server.messages_in(SEKSI["tu"])[-1]
    assert "Tindak lanjut: Hukuman disiplin" in plain(question["text"])
    assert tu.reply("teguran tertulis oleh Kasubbag TU", to=question) == "officer"
    assert complaint(runtime, ticket).follow_up == "hukuman"
    deliver(runtime)
    done = [t for t in officer_texts(tg_server, SEKSI["tu"], ticket)
            if "langkah 5 selesai" in t][-1]
    assert "Hasil pemeriksaan ditindaklanjuti: Hukuman disiplin" in done
    assert take_step(officer(app, PENYUSUN, private=True), ticket, "", "report_drafted") == \
        "officer"
    report = documents_text(app, runtime, tg_server, ticket)["Laporan_Pengaduan"]
    assert "Hukuman disiplin" in report and "kepolisian" not in report
    for who, target in ((KASI, "initialed"), (KEPALA, "signed")):
        assert take_step(officer(app, who, private=True), ticket, "", target) == "officer"
    report_step_nine(app, PETUGAS, ticket, "petugas yang bersangkutan telah dijatuhi sanksi")
    deliver(runtime)
    outcome = [t for t in complainant_texts(runtime, citizen.chat_id) if "terbukti" in t][-1]
    assert "sanksi disiplin terhadap pihak terkait" in outcome
