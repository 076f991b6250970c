"""Records the head of office can prove (walk W24b, B1-B3, C5, C6): step 3 is recorded as what
happened (the Kepala Kantor is sent the review and the direction at once, and the trail says so,
never a joint review nobody told him of); a BAP number another complaint holds is refused unless
said to cover both; step 9's Kanwil reference offers the signed cover letter's number and keeps
a different one beside it; the cover letter says the complainant *will* be told, and the report
carries what the complainant asked for, masked as the story is."""
from __future__ import annotations

import pytest

from bot import identity
from bot.paperwork import documents as docs
from bot.paperwork.blocks import Fields, Grid, Para
from bot.paperwork.dossier import dossier
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PETUGAS, SEKSI,
                                    TelegramUser, deliver, file_on_telegram, take_step)
from tests.test_conflict_of_interest import file_about
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(180)
CITIZEN, OTHER_CITIZEN = 555_231, 555_232
DIRECTION = "koordinasikan dengan seksi"      # walk_to's step-3 direction


def dossier_of(runtime, ticket: str) -> docs.Dossier:  # type: ignore[no-untyped-def]
    """What the cover letter and the report say of the complaint now."""
    with runtime.store.unit() as unit:
        return dossier(runtime.config.office_config, unit.complaint_by_ticket(ticket))


def audit_rows(runtime, ticket: str) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    """The report's "Riwayat" table as printed (cells of the Grid)."""
    [grid] = [b for b in docs.report(dossier_of(runtime, ticket)).body if isinstance(b, Grid)]
    return list(grid.rows)


def reviewed_row(runtime, ticket: str) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    [row] = [r for r in audit_rows(runtime, ticket) if r[1].startswith("Ditelaah")]
    return row


def reviews_to(tg_server, chat: int, ticket: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [t for t in tg_server.sent_texts(chat) if "Penelaahan pengaduan" in t and ticket in t]


# --- B1: step 3 -------------------------------------------------------------------------------
def test_step_three_sends_the_review_to_the_kepala_and_the_record_says_so(
        app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reviewed")
    deliver(runtime)
    [review] = reviews_to(tg_server, KEPALA, ticket)
    assert DIRECTION in review and "Paspor saya sudah 3 minggu" in review   # direction, story
    assert "Kasi Tikkim" in review and "Langkah berikutnya" in review
    # the Kasi is told it went, and the history keeps it
    assert any("langkah 3 selesai" in t and "disampaikan kepada Kepala Kantor" in t
               for t in tg_server.sent_texts(OFFICER_CHAT))
    [event] = [e for e in complaint(runtime, ticket).events if e.to_stage == "reviewed"]
    assert "Penelaahan disampaikan kepada Kepala Kantor (Kepala Kantor, pesan pribadi)" \
        in event.note
    local = event.at.astimezone(runtime.config.office_config.office.tz)
    row = reviewed_row(runtime, ticket)
    assert row[1] == (f"Ditelaah Kasi Tikkim; disampaikan kepada Kepala Kantor pukul "
                      f"{local:%H.%M} WITA")
    assert row[4] == DIRECTION                         # the note without the notice
    assert not any("bersama Kepala Kantor" in cell for r in audit_rows(runtime, ticket)
                   for cell in r)


def test_a_sensitive_review_reaches_the_kepala_only_and_its_file_has_no_time(
        app, runtime, tg_server):
    ticket = file_about(app, runtime, "petugas loket 2 yang berkacamata")
    assert complaint(runtime, ticket).type == "perilaku_petugas"
    assert officer(app, PETUGAS, private=True).send(f"/tahap {ticket}") == "officer"
    deliver(runtime)
    before = {chat: len(tg_server.sent_texts(chat)) for chat in (OFFICER_CHAT, PETUGAS)}
    kasi = officer(app, KASI, private=True)
    assert kasi.send(f"/tahap {ticket} periksa petugas loket 2") == "officer"
    deliver(runtime)
    [review] = reviews_to(tg_server, KEPALA, ticket)
    assert "Saya dibentak" in review and "periksa petugas loket 2" in review
    [call] = [c for c in tg_server.sent_messages(KEPALA)
              if "Penelaahan pengaduan" in str(c.params.get("text", ""))]
    assert call.params.get("protect_content") in (True, "true", "True")
    for chat, count in before.items():          # nobody else gets anything of the story
        assert not any("Saya dibentak" in t or "Penelaahan" in t
                       for t in tg_server.sent_texts(chat)[count:])
    row = reviewed_row(runtime, ticket)            # dates only in a sensitive complaint's files
    assert row[1] == "Ditelaah Kasi Tikkim; disampaikan kepada Kepala Kantor"
    [event] = [e for e in complaint(runtime, ticket).events if e.to_stage == "reviewed"]
    assert "Kepala Kantor (pesan pribadi)" in event.note     # roles only in its trail


def test_the_kepala_standing_in_at_step_three_is_recorded_as_the_reviewer(
        app, runtime, tg_server):
    ticket = file_about(app, runtime, "Kasi Tikkim sendiri")
    assert officer(app, PETUGAS, private=True).send(f"/tahap {ticket}") == "officer"
    kepala = officer(app, KEPALA, private=True)
    assert kepala.send(f"/tahap {ticket} periksa petugas loket") == "officer"
    deliver(runtime)
    assert complaint(runtime, ticket).stage == "reviewed"
    assert not reviews_to(tg_server, KEPALA, ticket) and not reviews_to(tg_server, KASI, ticket)
    assert reviewed_row(runtime, ticket)[1] == "Ditelaah Kepala Kantor (menggantikan Kasi Tikkim)"


# --- B2: one BAP, one examination ----------------------------------------------------------
def test_a_bap_number_held_by_another_complaint_is_refused_unless_said_to_cover_both(
        app, runtime, tg_server):
    first = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, first, "reviewed")
    assert take_step(officer(app, SEKSI["lantaskim"]), first,
                     "benar BAP W18-0042 2026-12-01 selesai") == "officer"
    second = file_on_telegram(TelegramUser(app.test_client(), OTHER_CITIZEN), runtime)
    walk_to(app, second, "reviewed")
    seksi = officer(app, SEKSI["lantaskim"], private=True)
    assert seksi.send(f"/tahap {second} benar BAP W18-0042 2026-12-01 loket lalai") \
        == "refused"
    deliver(runtime)
    said = tg_server.sent_texts(SEKSI["lantaskim"])[-1]
    assert f"Nomor BAP W18-0042 sudah tercatat untuk {first}" in said
    assert "Tidak ada yang dicatat" in said and "BAP bersama" in said
    assert (complaint(runtime, second).stage, complaint(runtime, second).bap_number) \
        == ("reviewed", None)
    # the same number in another spelling is the same BAP
    assert seksi.send(f"/tahap {second} benar BAP w18-0042 2026-12-01 loket lalai") \
        == "refused"
    assert complaint(runtime, second).stage == "reviewed"
    # the answer to the verdict question (Benar button, forced reply) is asked again, with why
    from tests.test_desk_buttons import press
    deliver(runtime)
    assert press(app, tg_server, SEKSI["lantaskim"], f"vd:{second}:reviewed:b") == "officer"
    deliver(runtime)
    prompt = tg_server.messages_in(OFFICER_CHAT)[-1]
    assert officer(app, SEKSI["lantaskim"]).reply("W18-0042 1 Desember 2026 lalai",
                                                  to=prompt) == "refused"
    deliver(runtime)
    again = tg_server.messages_in(OFFICER_CHAT)[-1]
    assert f"sudah tercatat untuk {first}" in again["text"]
    assert complaint(runtime, second).bap_number is None
    # one BAP that really covers both: said so, recorded, and the trail keeps the words
    assert seksi.send(f"/tahap {second} benar BAP W18-0042 2026-12-01 BAP bersama, "
                      "satu pemeriksaan untuk dua pengaduan") == "officer"
    found = complaint(runtime, second)
    assert (found.stage, found.bap_number) == ("examined", "W18-0042")
    assert "BAP bersama" in found.events[-1].note


def test_a_bap_held_by_a_sensitive_complaint_is_refused_without_its_ticket(
        app, runtime, tg_server):
    sensitive = file_about(app, runtime, "petugas loket 2 yang berkacamata")
    assert officer(app, PETUGAS, private=True).send(f"/tahap {sensitive}") == "officer"
    assert officer(app, KASI, private=True).send(f"/tahap {sensitive} periksa") == "officer"
    section = complaint(runtime, sensitive).section
    assert take_step(officer(app, SEKSI[section], private=True), sensitive,
                     "benar BAP W18-0777 2026-12-01 terbukti") == "officer"
    other = file_on_telegram(TelegramUser(app.test_client(), OTHER_CITIZEN), runtime)
    walk_to(app, other, "reviewed")
    seksi = officer(app, SEKSI["lantaskim"], private=True)
    assert seksi.send(f"/tahap {other} benar BAP W18-0777 2026-12-01 selesai") == "refused"
    deliver(runtime)
    said = tg_server.sent_texts(SEKSI["lantaskim"])[-1]
    assert "sudah tercatat untuk pengaduan lain" in said and sensitive not in said
    assert complaint(runtime, other).stage == "reviewed"


# --- B3: step 9's reference -------------------------------------------------------------------
def step_nine_until_reference(app, ticket: str) -> TelegramUser:  # type: ignore[no-untyped-def]
    user = officer(app, PETUGAS, private=True)
    assert user.send(f"/tahap {ticket}") == "officer"
    for said in ("Pengaduan Anda sudah kami tindak lanjuti; mohon maaf.",
                 "Ya, pakai pesan ini", "Surat", "Hari ini"):
        assert user.send(said) == "officer", said
    return user


def test_step_nine_by_letter_offers_the_signed_cover_letter_and_keeps_another_number_beside(
        app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "signed")
    letter = complaint(runtime, ticket).letter_number
    assert letter
    user = step_nine_until_reference(app, ticket)
    deliver(runtime)
    asked = tg_server.sent_messages(PETUGAS)[-1]
    assert letter in str(asked.params["text"]) and letter in str(asked.params.get("reply_markup"))
    other = "W18.IMI.IMI.3-UM.01.01-0777"
    assert user.send(other) == "officer"
    deliver(runtime)
    summary = tg_server.sent_texts(PETUGAS)[-1]
    assert f"{other} bukan nomor surat pengantar" in summary and letter in summary
    assert user.send("Ubah nomor") == "officer"              # a typo: asked again
    deliver(runtime)
    assert letter in tg_server.sent_texts(PETUGAS)[-1]
    assert user.send(other) == "officer"
    assert user.send("Kirim dan catat") == "officer"          # a different letter, kept beside
    found = complaint(runtime, ticket)
    assert found.stage == "reported"
    assert found.kanwil_reference == f"{other} (surat pengantar yang ditandatangani: {letter})"


def test_step_nine_with_the_offered_letter_number_records_it_as_it_is(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "signed")
    letter = complaint(runtime, ticket).letter_number
    user = step_nine_until_reference(app, ticket)
    assert user.send(letter) == "officer"
    deliver(runtime)
    assert "bukan nomor surat pengantar" not in tg_server.sent_texts(PETUGAS)[-1]
    assert user.send("Kirim dan catat") == "officer"
    assert complaint(runtime, ticket).kanwil_reference == letter


# --- C5, C6: the documents -------------------------------------------------------------------
def test_the_cover_letter_says_the_complainant_will_be_told_and_the_report_what_they_asked(
        app, runtime):
    wanted = "paspor saya segera jadi, hubungi saya di 081234567890"
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime,
                              answers={"Apa yang Anda harapkan": wanted})
    with runtime.store.unit() as unit:
        found = unit.complaint_by_ticket(ticket)
        masked = identity.complainant_text(found.desired_outcome, found, found.complainant,
                                           identity.FILE)
        raw = found.desired_outcome
    assert raw and "segera jadi" in raw
    d = dossier_of(runtime, ticket)
    cover = " ".join(b.text for b in docs.cover_letter(d).body if isinstance(b, Para))
    assert "akan disampaikan pula kepada pelapor" in cover
    assert "juga disampaikan kepada pelapor" not in cover
    rows = dict(row for b in docs.report(d).body if isinstance(b, Fields) for row in b.rows)
    assert rows["Harapan pelapor"] == masked          # masked exactly as the story is
    assert "081234567890" not in rows["Harapan pelapor"] and "segera jadi" in masked
    body = [b for b in docs.report(d).body]
    story = next(i for i, b in enumerate(body) if isinstance(b, Para) and b.text == d.description)
    assert isinstance(body[story + 1], Fields) and body[story + 1].rows[0][0] == "Harapan pelapor"
    assert b"%PDF" in docs.report_pdf(d)[:8]
