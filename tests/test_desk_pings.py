"""The next person is told; approvals with the document in hand; a deputy for an absent head;
the ladder reaches leadership within a service day; the daily digest."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.sop.sweep import DeadlineSweep
from tests.conftest import WITA
from tests.support.telegram import (take_step, KASI, KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS, SEKSI,
                                    TelegramUser, deliver, file_on_telegram)
from tests.test_desk_buttons import buttons_of, message_with, press
from tests.test_documents import pdf_text_of
from tests.test_kept_documents import fetch_all, send_document
from tests.test_officers import actions, app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(150)
CITIZEN = 555_070
LANTASKIM = SEKSI["lantaskim"]
DEPUTY = 100_000_041          # a second deputy of the head of office (add_deputy)


def mention(user_id: int) -> str:
    return f'<a href="tg://user?id={user_id}">'


def send_correction(app, runtime, tg_server, ticket: str) -> None:  # type: ignore[no-untyped-def]
    """The drafter's corrected report after /kembalikan: the approval waits for it."""
    assert send_document(app, tg_server, PENYUSUN, f"{ticket} laporan revisi",
                         b"%PDF-1.4 corrected " + ticket.encode(), name="Laporan.pdf",
                         mime="application/pdf") == "officer"
    fetch_all(runtime, tg_server)


def pings_to(tg_server, chat: int, ticket: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [t for t in tg_server.sent_texts(chat) if "Giliran Anda" in t and ticket in t]


def sweep(runtime, clock, when: dt.datetime) -> int:  # type: ignore[no-untyped-def]
    clock.now = when
    return DeadlineSweep(runtime.config.office_config, runtime.notifier).run(
        runtime.store, clock())


def test_each_step_pings_its_officers_privately_and_names_them_in_the_group(
        app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    deliver(runtime)
    assert pings_to(tg_server, PETUGAS, ticket)                            # step 2: petugas
    alert = next(t for t in tg_server.sent_texts(OFFICER_CHAT) if "Pengaduan baru" in t)
    assert mention(PETUGAS) in alert and "10.10 WITA" in alert
    walk_to(app, ticket, "reported_to_kasi")
    deliver(runtime)
    [kasi] = pings_to(tg_server, KASI, ticket)                            # step 3: Kasi
    assert "Langkah 3" in kasi and "Batas waktu" in kasi
    group = tg_server.sent_texts(OFFICER_CHAT)[-1]
    assert "langkah 2 selesai" in group and mention(KASI) in group and "batas" in group
    assert "kasi_tikkim" not in group and "reported_to_kasi" not in group
    walk_to(app, ticket, "reviewed", start="reported_to_kasi")
    deliver(runtime)
    [section] = pings_to(tg_server, LANTASKIM, ticket)                    # step 4: the section
    assert "Arahan Kasi Tikkim: </b>koordinasikan dengan seksi" in section   # what to act on
    ping = message_with(tg_server, LANTASKIM, f"vd:{ticket}:reviewed:b")
    assert "Benar" in str(ping["reply_markup"])
    assert not pings_to(tg_server, SEKSI["tu"], ticket)                   # not other sections
    group = tg_server.sent_texts(OFFICER_CHAT)[-1]
    assert f"Seksi Lalu Lintas Keimigrasian: {mention(LANTASKIM)}" in group
    # The section answers in its private chat: button, forced reply, and the step is done.
    assert press(app, tg_server, LANTASKIM, f"vd:{ticket}:reviewed:b", chat=LANTASKIM) == \
        "officer"
    deliver(runtime)
    question = tg_server.messages_in(LANTASKIM)[-1]
    assert officer(app, LANTASKIM, private=True).reply(
        "W18-0042 2026-12-01 petugas loket lalai", to=question) == "officer"
    deliver(runtime)
    # From a private chat, the group hears of it, with who is next.
    group = tg_server.sent_texts(OFFICER_CHAT)[-1]
    assert "langkah 4 selesai" in group and mention(LANTASKIM) in group      # step 5: same
    # what was decided, not only that a step was done
    assert "hasil pemeriksaan ditetapkan: Benar (BAP W18-0042)" in group
    walk_to(app, ticket, "followed_up", start="examined")
    deliver(runtime)
    assert pings_to(tg_server, PENYUSUN, ticket)                          # step 6: drafter


def test_approvers_get_the_pdfs_with_the_button_under_them(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "report_drafted")
    deliver(runtime)
    drafter = [c.files["document"].filename for c in tg_server.calls_to("sendDocument")
               if str(c.params["chat_id"]) == str(PENYUSUN)]
    assert len(drafter) == 4                                   # DOCX and PDF, both documents
    kasi = [c for c in tg_server.calls_to("sendDocument") if str(c.params["chat_id"]) == str(KASI)]
    assert [c.files["document"].filename for c in kasi] == [
        f"Surat_Pengantar_{ticket}.pdf", f"Laporan_Pengaduan_{ticket}.pdf"]
    report = kasi[-1]
    assert "Paraf" in report.params["caption"]
    assert f"go:{ticket}:report_drafted" in str(report.params["reply_markup"])
    assert "Paraf" in pdf_text_of(report.files["document"].content) or True
    # The Kasi presses Paraf under the PDF, confirms, and the Kepala gets the initialled copy.
    assert press(app, tg_server, KASI, f"go:{ticket}:report_drafted", chat=KASI) == "officer"
    deliver(runtime)
    assert press(app, tg_server, KASI, f"ok:{ticket}:report_drafted", chat=KASI) == "officer"
    deliver(runtime)
    kepala = [c for c in tg_server.calls_to("sendDocument")
              if str(c.params["chat_id"]) == str(KEPALA)]
    assert [c.files["document"].filename for c in kepala][-1] == f"Laporan_Pengaduan_{ticket}.pdf"
    initialled = pdf_text_of(kepala[-1].files["document"].content)
    assert "Diparaf" in initialled
    assert f"go:{ticket}:initialed" in str(kepala[-1].params["reply_markup"])
    # The Kasi's PDF lost its Paraf button once step 7 was done.
    under_pdf = [m for m in tg_server.messages_in(KASI) if "document" in m]
    assert buttons_of(under_pdf[-1]) == [f"view:{ticket}"]
    # The ping to the Kepala names the step; the button is under the document.
    assert pings_to(tg_server, KEPALA, ticket)


def add_deputy(runtime) -> int:  # type: ignore[no-untyped-def]
    """A deputy of the head of office who does not initial the reports (Kasi Tikkim, who does,
    may not also sign them: bot.desk.approvals.check_two_hands)."""
    from bot.config import Officer
    runtime.config.office_config.roster.append(Officer(
        telegram_id=DEPUTY, name="Rudi Hartono", role="seksi", section="lantaskim",
        deputy_capacity="plh"))
    return DEPUTY


def test_a_deputy_signs_while_the_head_of_office_is_away(app, runtime, tg_server):
    deputy = add_deputy(runtime)
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    assert officer(app, SEKSI["tu"]).send("/plh Rudi") == "refused"        # not theirs to say
    assert officer(app, KEPALA, private=True).send("/plh Rudi Hartono") == "officer"
    deliver(runtime)
    away = tg_server.sent_texts(OFFICER_CHAT)[-1]
    assert "Kepala Kantor berhalangan" in away and mention(deputy) in away and "Plh." in away
    walk_to(app, ticket, "initialed")
    deliver(runtime)
    # The deputy gets the initialled report to sign, and may sign it; the head still may too.
    sent = [c for c in tg_server.calls_to("sendDocument") if str(c.params["chat_id"]) == str(deputy)]
    assert f"go:{ticket}:initialed" in str(sent[-1].params["reply_markup"])
    assert any("Plh." in t for t in pings_to(tg_server, deputy, ticket))
    assert take_step(officer(app, deputy), ticket, "", "signed") == "officer"
    signed = complaint(runtime, ticket)
    assert signed.stage == "signed" and signed.events[-1].capacity == "plh"
    assert signed.events[-1].actor_role == "seksi"
    deliver(runtime)
    # The group reads who signed, and as what, not "signed by the Kepala Kantor".
    assert ("Laporan ditandatangani Kepala Kantor (Rudi Hartono sebagai Plh. Kepala Kantor)"
            in tg_server.sent_texts(OFFICER_CHAT)[-1])
    assert officer(app, deputy, private=True).send(f"/dokumen {ticket}") == "officer"
    deliver(runtime)
    report = [c for c in tg_server.calls_to("sendDocument")
              if c.files["document"].filename == f"Laporan_Pengaduan_{ticket}.pdf"][-1]
    assert "Plh. Kepala Kantor" in pdf_text_of(report.files["document"].content)
    # Back: the deputy signs no more.
    assert officer(app, KEPALA).send("/kembali") == "officer"
    other = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 1), runtime)
    walk_to(app, other, "initialed")
    assert officer(app, deputy).send(f"/tahap {other}") == "refused"


def test_a_report_already_waiting_goes_to_the_deputy_with_the_document(app, runtime, tg_server):
    deputy = add_deputy(runtime)
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "initialed")
    deliver(runtime)
    before = len(tg_server.calls_to("sendDocument"))
    assert officer(app, KEPALA, private=True).send("/plh Rudi Hartono") == "officer"
    deliver(runtime)
    sent = [c for c in tg_server.calls_to("sendDocument")[before:]
            if str(c.params["chat_id"]) == str(deputy)]
    report = [c for c in sent if c.files["document"].filename == f"Laporan_Pengaduan_{ticket}.pdf"]
    assert report and f"go:{ticket}:initialed" in str(report[-1].params["reply_markup"])
    assert "Diparaf" in pdf_text_of(report[-1].files["document"].content)
    assert officer(app, deputy, private=True).press(f"go:{ticket}:initialed") == "officer"
    assert officer(app, deputy, private=True).press(f"ok:{ticket}:initialed") == "officer"
    signed = complaint(runtime, ticket)
    assert signed.stage == "signed" and signed.events[-1].capacity == "plh"


def test_an_overdue_step_reaches_the_kepala_within_one_service_day(app, runtime, tg_server,
                                                                    clock):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reviewed")                    # step 4: 2,880 service minutes
    due = complaint(runtime, ticket).due_at
    assert due is not None
    later = runtime.notifier.hours.add_service_minutes       # service time, not the calendar
    moments = [later(due, m) for m in (0, 60, 240, 479, 481)]
    kinds = []
    for when in moments:
        sweep(runtime, clock, when)
        with runtime.store.unit() as unit:
            kinds.append(sorted({(i.kind, i.address) for i in unit.outbox_items()
                                 if i.kind.startswith("escalate")}))
    assert ("escalate_kasi", str(KASI)) in kinds[0] and ("escalate_kasi", str(LANTASKIM)) in kinds[0]
    assert not any(k == "escalate_kepala" for k, _ in kinds[0])
    assert not any(k == "escalate_kepala" for k, _ in kinds[3])     # 479 service minutes
    assert ("escalate_kepala", str(KEPALA)) in kinds[-1]          # within 8 service hours
    deliver(runtime)
    told = [t for t in tg_server.sent_texts(KEPALA) if ticket in t and "Kepala Kantor" in t]
    assert told and "TERLAMBAT" in told[-1] and mention(LANTASKIM) in told[-1]


def test_the_daily_digest_lists_every_overdue_complaint_once_a_day(app, runtime, tg_server,
                                                                   clock):
    late = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, late, "reviewed")
    clock.now = dt.datetime(2026, 12, 14, 9, 0, tzinfo=WITA)   # step 4 long overdue
    fresh = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 2), runtime)
    assert sweep(runtime, clock, dt.datetime(2026, 12, 15, 7, 59, tzinfo=WITA)) == 0
    sweep(runtime, clock, dt.datetime(2026, 12, 15, 8, 0, tzinfo=WITA))
    sweep(runtime, clock, dt.datetime(2026, 12, 15, 8, 30, tzinfo=WITA))
    deliver(runtime)
    for leader in (KASI, KEPALA):
        digests = [t for t in tg_server.sent_texts(leader) if "Ringkasan harian" in t]
        assert len(digests) == 1, leader
        assert "15 Desember 2026" in digests[0]         # a date officers read, not a key
        assert late in digests[0] and "terlambat" in digests[0] and "hari kerja" in digests[0]
        assert "Seksi Lalu Lintas Keimigrasian" in digests[0]
        assert fresh in digests[0]                   # filed yesterday: step 2 overdue too
    sweep(runtime, clock, dt.datetime(2026, 12, 16, 8, 5, tzinfo=WITA))
    deliver(runtime)
    assert len([t for t in tg_server.sent_texts(KASI) if "Ringkasan harian" in t]) == 2


def test_a_deputy_kept_away_from_a_complaint_gets_none_of_it(app, runtime, tg_server):
    """Kasi Tikkim, excluded from a complaint (conflict of interest), then named deputy: the
    report already waiting for a signature is not sent to them, nor a word about it."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "initialed")
    deliver(runtime)
    assert officer(app, KEPALA, private=True).send(
        f"/kecualikan {ticket} Kasi Tikkim kerabat pelapor") == "officer"
    deliver(runtime)
    documents, texts = len(tg_server.calls_to("sendDocument")), len(tg_server.sent_texts(KASI))
    assert officer(app, KEPALA, private=True).send("/plh Kasi Tikkim") == "officer"
    deliver(runtime)
    to_kasi = [c for c in tg_server.calls_to("sendDocument")[documents:]
               if str(c.params["chat_id"]) == str(KASI)]
    assert not any(ticket in c.files["document"].filename for c in to_kasi)
    assert not any(ticket in t for t in tg_server.sent_texts(KASI)[texts:])
    assert "Kepala Kantor berhalangan" in tg_server.sent_texts(OFFICER_CHAT)[-1]


def test_kasi_returns_a_draft_to_the_drafter_with_what_to_fix(app, runtime, tg_server):
    """Before initialling, Kasi Tikkim (or the Kepala Kantor) sends the draft back: the drafter
    is told privately what to fix and how to send the correction; nothing moves, the trail
    keeps it; nobody else may, and not after the signature."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "report_drafted")
    deliver(runtime)
    kasi = TelegramUser(app.test_client(), KASI)
    assert TelegramUser(app.test_client(), PETUGAS).send(
        f"/kembalikan {ticket} kronologi kurang lengkap") == "refused"
    assert kasi.send(f"/kembalikan {ticket}") == "refused"              # what to fix?
    assert kasi.send(f"/kembalikan {ticket} Kronologi belum memuat hasil BAP; perbaiki "
                     "tanggalnya") == "officer"
    deliver(runtime)
    [told] = [t for t in tg_server.sent_texts(PENYUSUN) if "Draf dikembalikan" in t]
    assert ticket in told and "Kronologi belum memuat hasil BAP" in told
    assert f"{ticket} di keterangannya" in told
    found = complaint(runtime, ticket)
    assert found.stage == "report_drafted"
    assert found.events[-1].action == "return" and "perbaiki tanggalnya" in found.events[-1].note
    group = tg_server.sent_texts(OFFICER_CHAT)[-1]
    assert "draf dikembalikan kepada penyusun" in group and "Penyusun Laporan" in group
    send_correction(app, runtime, tg_server, ticket)
    walk_to(app, ticket, "signed", start="report_drafted")
    assert kasi.send(f"/kembalikan {ticket} terlambat") == "refused"
    assert officer(app, KEPALA).send(f"/kembalikan {ticket} nomor surat salah") == "refused"
    assert complaint(runtime, ticket).stage == "signed"


def test_the_kepala_sends_an_initialled_report_back_and_the_initials_are_withdrawn(
        app, runtime, tg_server):
    """Reading the initialled report, the Kepala Kantor finds a mistake: `/kembalikan` before
    signing withdraws the initials (the trail keeps them), tells the drafter what to fix and
    Kasi Tikkim why, retires the signing buttons, and step 7 is due again; the documents no
    longer show the withdrawn initials, and the report is initialled and signed afresh."""
    from bot.paperwork.dossier import dossier

    def initials() -> tuple[str | None, dt.datetime | None]:
        """The initials the documents print now."""
        with runtime.store.unit() as unit:
            printed = dossier(runtime.config.office_config,
                              unit.complaint_by_ticket(ticket)).initialed
            return printed.name, printed.at

    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 4), runtime)
    walk_to(app, ticket, "initialed")
    deliver(runtime)
    assert initials()[0]                                                  # initialled, printed
    kepala = officer(app, KEPALA, private=True)
    assert officer(app, PENYUSUN).send(f"/kembalikan {ticket} nomor surat salah") == "refused"
    assert kepala.send(f"/kembalikan {ticket} Nomor BAP di halaman 2 salah ketik; "
                       "mohon diperbaiki") == "officer"
    found = complaint(runtime, ticket)
    assert found.stage == "report_drafted"
    last = found.events[-1]
    assert (last.action, last.from_stage, last.to_stage) == ("return", "initialed",
                                                             "report_drafted")
    assert "Paraf dibatalkan" in last.note and "salah ketik" in last.note
    assert found.due_at is not None and found.due_at > last.at          # step 7 due again
    assert initials() == (None, None)
    deliver(runtime)
    [drafter] = [t for t in tg_server.sent_texts(PENYUSUN) if "Draf dikembalikan" in t]
    assert ticket in drafter and "salah ketik" in drafter
    [kasi] = [t for t in tg_server.sent_texts(KASI) if "Paraf dibatalkan" in t]
    assert ticket in kasi and "salah ketik" in kasi and "langkah 7" in kasi
    assert any("paraf dibatalkan" in t and ticket in t
               for t in tg_server.sent_texts(OFFICER_CHAT))               # the group is told
    # The signing button the Kepala got with the initialled PDF is stale now.
    assert officer(app, KEPALA, private=True).press(f"go:{ticket}:initialed") == "refused"
    assert complaint(runtime, ticket).stage == "report_drafted"
    # Corrected, then initialled and signed afresh: the documents carry the new initials.
    send_correction(app, runtime, tg_server, ticket)
    walk_to(app, ticket, "signed", start="report_drafted")
    signed = complaint(runtime, ticket)
    assert signed.stage == "signed"
    moved = [e for e in signed.events if e.to_stage == "initialed" and e.action != "return"]
    assert len(moved) == 2
    name, at = initials()
    assert name and at == moved[-1].at
