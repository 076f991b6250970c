"""A desk walk, fifth probing pass (session 17): an officer taken off the roster holds nothing;
section III of the report gives the examiner's note its label; /jenis understands a type as
officers say it and says where the examination stays; /catat keeps a number told with the
name out of the name."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from bot.config import Officer
from bot.sop.sweep import DeadlineSweep
from tests.support.telegram import (KASI, OFFICER_CHAT, PETUGAS, TICKET, TelegramUser,
                                    channel_env, deliver, file_on_telegram)
from tests.test_officers import actions, app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(150)
CITIZEN = 555_170
NEW_PETUGAS = 100_000_010


# --- 1: an officer taken off the roster -----------------------------------------------------
def test_a_complaint_held_by_an_officer_taken_off_the_roster_is_free_to_take(
        app, runtime, tg_server, tw_server, make_app, db_url, tmp_path, clock):
    """Petugas Pengaduan took a complaint, then left the office (config.yml without him, app
    restarted): the reminders still said "Ditangani: Petugas Pengaduan" and the new officer's
    /ambil was refused as "sudah diambil oleh Petugas Pengaduan", pointing at someone nobody
    can reach any more."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    assert officer(app, PETUGAS).send(f"/ambil {ticket}") == "officer"
    deliver(runtime)
    config = yaml.safe_load(Path("config.yml").read_text(encoding="utf-8"))
    config["roster"] = [o for o in config["roster"] if o["telegram_id"] != PETUGAS] + [
        {"telegram_id": NEW_PETUGAS, "name": "Rina Wulandari", "role": "petugas"}]
    path = tmp_path / "config-after.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    app2, runtime2 = make_app(db_url, ADUAN_CONFIG=str(path), **channel_env(tg_server, tw_server))
    old_told = len(tg_server.sent_texts(PETUGAS))

    # the reminder names the step's officer on the roster now, and says the complaint is free
    clock.advance(hours=3)
    group = len(tg_server.sent_texts(OFFICER_CHAT))
    assert DeadlineSweep(runtime2.config.office_config, runtime2.notifier).run(
        runtime2.store, clock()) >= 1
    deliver(runtime2)
    reminders = [t for t in tg_server.sent_texts(OFFICER_CHAT)[group:] if ticket in t]
    assert reminders and all("Rina Wulandari" in t for t in reminders)
    assert all(f"Petugas Pengaduan (tidak lagi di daftar petugas; /ambil {ticket})" in t
               for t in reminders if "Ditangani" in t)
    assert any("Ditangani" in t for t in reminders)
    assert any(ticket in t for t in tg_server.sent_texts(NEW_PETUGAS))
    assert len(tg_server.sent_texts(PETUGAS)) == old_told        # the one who left: nothing

    # the new officer takes it at once, no 'alih' needed; the trail says from whom
    rina = officer(app2, NEW_PETUGAS)
    assert rina.send(f"/ambil {ticket}") == "officer"
    found = complaint(runtime2, ticket)
    assert found.assigned_to == "Rina Wulandari"
    assert found.events[-1].note == ("Diambil oleh Rina Wulandari (sebelumnya Petugas "
                                     "Pengaduan, tidak lagi di daftar petugas)")
    deliver(runtime2)
    assert len(tg_server.sent_texts(PETUGAS)) == old_told
    # the one who left is refused like any stranger
    assert officer(app2, PETUGAS).send(f"/lihat {ticket}") == "refused"
    # a holder still on the roster keeps it: the next one needs 'alih', as before (another
    # petugas: a leader takes only standing in for one)
    runtime2.config.office_config.roster.append(Officer(
        telegram_id=NEW_PETUGAS + 1, name="Dedi Kurniawan", role="petugas"))
    assert officer(app2, NEW_PETUGAS + 1).send(f"/ambil {ticket}") == "refused"
    assert "sudah diambil oleh Rina Wulandari" in actions(runtime2)[-1].detail


# --- 2: section III of the report -------------------------------------------------------------
def report_text(app, runtime, tg_server, ticket: str) -> str:  # type: ignore[no-untyped-def]
    assert officer(app, KASI, private=True).send(f"/dokumen {ticket}") == "officer"
    deliver(runtime)
    sent = [c for c in tg_server.calls_to("sendDocument")
            if c.files["document"].filename == f"Laporan_Pengaduan_{ticket}.pdf"][-1]
    pages = PdfReader(io.BytesIO(sent.files["document"].content)).pages
    return "\n".join(page.extract_text() for page in pages)


def test_the_report_labels_what_is_left_of_the_examiners_note(app, runtime, tg_server):
    """'/tahap TIKET benar BAP W18-0042 2026-12-01 selesai': once the BAP went to its rows,
    section III opened with a bare line "selesai", under no label, where the examination's
    result is expected."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 1), runtime)
    walk_to(app, ticket, "report_drafted")
    section = report_text(app, runtime, tg_server, ticket).split(
        "III. HASIL PEMERIKSAAN (BAP)")[1].split("IV. TINDAK LANJUT")[0]
    lines = [line.strip() for line in section.splitlines() if line.strip()]
    # first, on its labelled row (was: a bare "selesai" line opening the section)
    assert lines[:3] == ["Catatan pemeriksaan", ":", "selesai"], lines
    assert [line for line in lines if "selesai" in line] == ["selesai"]
    assert section.count("W18-0042") == 1 and "Kesimpulan" in section


# --- 4: /jenis as officers say it ---------------------------------------------------------------
def test_jenis_understands_a_type_as_officers_say_it(app, runtime, tg_server):
    """'/jenis TIKET online', 'perilaku', 'WNA' were "Jenis tidak dikenal" with the list of keys
    (sistem_online, perilaku_petugas…): only the config's key in full was understood."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 2), runtime)
    kasi = officer(app, KASI, private=True)
    assert kasi.send(f"/jenis {ticket} online") == "officer"
    assert complaint(runtime, ticket).type == "sistem_online"
    assert kasi.send(f"/jenis {ticket} Layanan paspor") == "officer"       # its label
    assert complaint(runtime, ticket).type == "paspor"
    # a word two types share is not guessed: both are named
    assert kasi.send(f"/jenis {ticket} WNA") == "refused"
    detail = actions(runtime)[-1].detail
    assert "izin_tinggal (Izin tinggal WNA)" in detail and "pengawasan_wna" in detail
    assert "Tulis salah satunya" in detail and complaint(runtime, ticket).type == "paspor"
    assert kasi.send(f"/jenis {ticket} fotokopi") == "refused"
    assert "Jenis tidak dikenal" in actions(runtime)[-1].detail
    # a sensitive type said short, as with its key (never named openly)
    assert kasi.send(f"/jenis {ticket} perilaku") == "officer"
    found = complaint(runtime, ticket)
    assert found.type == "perilaku_petugas" and found.identity_mode != "named"


def test_jenis_after_step_four_started_says_the_examination_stays(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 3), runtime)
    walk_to(app, ticket, "reviewed")                 # at Seksi Lantaskim (paspor)
    deliver(runtime)
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    assert officer(app, KASI).send(f"/jenis {ticket} informasi") == "officer"
    deliver(runtime)
    said = [t for t in tg_server.sent_texts(OFFICER_CHAT)[before:] if "jenis diubah" in t]
    assert len(said) == 1
    assert "pemeriksaan tetap di Seksi Lalu Lintas Keimigrasian" in said[0]
    assert f"/teruskan {ticket} tikkim" in said[0]
    assert complaint(runtime, ticket).section == "lantaskim"
    # once the report is drafted the type is printed in it: refused, as before
    walk_to(app, ticket, "report_drafted", start="reviewed")
    assert officer(app, KASI).send(f"/jenis {ticket} paspor") == "refused"


# --- 6: /catat in officers' shorthand -------------------------------------------------------
def test_catat_keeps_a_number_told_with_the_name_out_of_the_name(app, runtime, tg_server,
                                                                 tw_server):
    """'Bpk. Ahmad (0812-3456-7890)' typed as the name was kept whole as the name: the full
    number went to the group's alert, /lihat and the report, and the complaint had "tanpa
    kontak" so the complainant was never sent the ticket."""
    desk = TelegramUser(app.test_client(), PETUGAS)
    group = len(tg_server.sent_texts(OFFICER_CHAT))
    for said in ("/catat", "Telepon", "Bpk. Ahmad (0812-3456-7890)", "ya", "Layanan paspor",
                 "Pelapor bilang paspornya sdh 3 mgg blm jadi pdhl sdh bayar", "kanim", "kmrn"):
        assert desk.send(said) == "officer", said
    with runtime.store.unit() as unit:
        summary = unit.outbox_items(address=str(PETUGAS), kind="officer")[-1].body
    assert "*Pelapor:* Bpk. Ahmad\n" in summary
    assert "+62 812-••••-7890 (setuju WhatsApp)" in summary
    assert "30 November 2026 (kmrn)" in summary
    assert desk.send("simpan") == "officer"
    deliver(runtime)
    ticket = TICKET.findall("\n".join(tg_server.sent_texts(OFFICER_CHAT)[group:]))[-1]
    filed = complaint(runtime, ticket)
    assert filed.reporter_name == "Bpk. Ahmad"
    with runtime.store.unit() as unit:
        person = unit.complaint_by_ticket(ticket).complainant
        assert (person.channel, person.address) == ("whatsapp", "+6281234567890")
    assert filed.incident_date.isoformat() == "2026-11-30"
    assert filed.place_detail == "kanim"
    for text in tg_server.sent_texts(OFFICER_CHAT)[group:]:
        assert "3456" not in text                                  # the full number nowhere
    [sent] = tw_server.sent_messages("whatsapp:+6281234567890")     # the ticket reached him
    assert ticket in str(sent.params)
    # a correction with a number in the name is refused the same way
    assert desk.send(f"/catat {ticket} nama Bpk. Ahmad hp 0812 3456 7890") == "refused"
    assert f"/catat {ticket} telepon NOMOR" in actions(runtime)[-1].detail
    assert complaint(runtime, ticket).reporter_name == "Bpk. Ahmad"
    # a number alone is no name
    assert desk.send("/catat") == "officer"
    for said in ("Telepon", "0812-3456-7890"):
        assert desk.send(said) == "officer"
    with runtime.store.unit() as unit:
        asked = unit.outbox_items(address=str(PETUGAS), kind="officer")[-1].body
    assert "tulis nama pelapor" in asked and "Nama pelapor?" in asked
