"""What the officers' desk walk found out about concealed complainants, fixed.

- A number an anonymous complainant types to the officers reaches no copy of the relay, not
  even masked ("+62 813-••••-0202": its prefix and last digits confirm a suspicion).
- An officer kept away from a complaint sees nothing of its complainant's talks: not in
  /permintaan, and /pesan and /tutup answer him as for a code nobody has.
- The group and the officers who are not leaders never read the channel or the minute of a
  sensitive complaint: not in /lihat, not in its documents (any officer may fetch them), not
  beside a talk only the leaders answer, which the group is not invited to answer either.

On SQLite and PostgreSQL, through the real app (signed Twilio webhooks, Telegram updates)."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot.paperwork.dossier import document_files
from storage.models import OfficerAction
from tests.support.intake import walk
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PETUGAS, TICKET, TelegramUser,
                                    deliver)
from tests.support.twilio_chat import TwilioSender
from tests.test_documents import docx_text, flat, pdf_text_of
from tests.test_kept_documents import fetch_all

pytestmark = pytest.mark.timeout(180)
NUMBER = "+6281355550202"
TYPED = "sy yg lapor paspor hilang, tolong hubungi sy di 0813-5555-0202 atau 0813 5555 0202"
LEVY = ("petugas loket minta uang 300rb biar paspor cepat, namanya Hendra Wijaya "
        "Kasi Tikkim")


def file_on_whatsapp(app, runtime, number: str, story: str,  # type: ignore[no-untyped-def]
                     kind: str = "1", answers: dict[str, str] | None = None
                     ) -> tuple[TwilioSender, str]:
    """A complaint filed over WhatsApp (`kind`: its number in the list of types; anonymous
    unless `answers` say otherwise)."""
    answers = {"tentang apa": kind, "identitas Anda dicatat": "anonim", **(answers or {})}
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name="Andi S")
    phone.says("halo")
    phone.says("1")
    phone.says(story)
    found = TICKET.search(walk(phone.says, phone.says("lanjut"), answers))
    assert found
    return phone, found.group(0)


def texts(tg_server, chat: int) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(tg_server.sent_texts(chat))


def last(tg_server, chat: int) -> str:  # type: ignore[no-untyped-def]
    """The last message to a chat as it reads, without its markup."""
    return re.sub(r"<[^>]+>", "", tg_server.sent_texts(chat)[-1])


def private(app, who: int) -> TelegramUser:  # type: ignore[no-untyped-def]
    return TelegramUser(app.test_client(), who)


def in_group(app, who: int = PETUGAS) -> TelegramUser:  # type: ignore[no-untyped-def]
    return TelegramUser(app.test_client(), who, chat_id=OFFICER_CHAT, chat_type="supergroup")


def test_a_number_an_anonymous_complainant_types_is_removed_whole(bot_app, tg_server,
                                                                   tw_server, clock):
    app, runtime = bot_app
    phone, _ = file_on_whatsapp(app, runtime, NUMBER, "Paspor saya hilang waktu diserahkan "
                                "ke loket, belum ada kabar sampai sekarang")
    clock.advance(hours=2)      # from its alert slot the talk is the group's (test_privacy_s30.py)
    phone.says("menu")
    phone.says("Bicara dengan petugas")
    phone.says(TYPED)
    deliver(runtime)
    group = texts(tg_server, OFFICER_CHAT)
    assert "hubungi sy di •••• atau ••••" in group
    assert "0202" not in group and "813" not in group
    with runtime.store.unit() as unit:      # every copy the outbox keeps, the leaders' too
        kept = [f"{i.body} {i.payload}" for i in unit.outbox_items(kind="relay_in")]
    assert kept and not any("0202" in k or "813-" in k for k in kept)


def levy_complaint(app, runtime) -> str:  # type: ignore[no-untyped-def]
    """A confidential levy complaint naming the Kasi Tikkim (he is kept away from it)."""
    name = runtime.config.office_config.officer(str(KASI)).name
    _, ticket = file_on_whatsapp(app, runtime, "+6281355551122", LEVY.replace(
        "Hendra Wijaya Kasi Tikkim", name), kind="4", answers={"Siapa atau unit": name})
    return ticket


def test_an_officer_kept_away_learns_nothing_of_the_complainants_talk(bot_app, tg_server,
                                                                       tw_server):
    app, runtime = bot_app
    levy_complaint(app, runtime)
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281355551122",
                         profile_name="Andi S")
    phone.says("menu")
    phone.says("Bicara dengan petugas")
    phone.says("saya takut, kasi tikkim tadi menelepon saya")
    deliver(runtime)
    # a talk only the leaders answer: the group reads no code; the Kepala Kantor's notice has it
    assert not re.search(r"\bP-\d+\b", texts(tg_server, OFFICER_CHAT))
    code = re.search(r"\bR-\d+\b", texts(tg_server, KEPALA)).group(0)   # the talk's own
    kasi = private(app, KASI)
    assert kasi.send("/permintaan") == "officer"
    deliver(runtime)
    listing = tg_server.sent_texts(KASI)[-1]
    assert code not in listing and "Tidak ada permintaan" in listing
    # /pesan and /tutup answer as for a code nobody has, word for word
    nobody = "P-999999"
    answers = []
    for command in (f"/pesan {code} baik pak", f"/pesan {nobody} baik pak",
                    f"/tutup {code}", f"/tutup {nobody}", f"/bukti {code}", f"/bukti {nobody}"):
        assert kasi.send(command) == "refused"
        deliver(runtime)
        answers.append(tg_server.sent_texts(KASI)[-1].replace(code, "P-N").replace(nobody,
                                                                                  "P-N"))
    assert answers[0] == answers[1] and answers[2] == answers[3] and answers[4] == answers[5]
    assert not any("akses" in a or "dikecualikan" in a for a in answers)
    with runtime.store.unit() as unit:      # the log keeps the real reason
        refused = list(unit.session.scalars(select(OfficerAction).where(
            OfficerAction.actor_id == str(KASI), OfficerAction.allowed.is_(False))))
    assert any("konflik kepentingan" in (a.detail or "") for a in refused)
    # the Kepala Kantor sees it, and answers it
    kepala = private(app, KEPALA)
    assert kepala.send("/permintaan") == "officer"
    deliver(runtime)
    assert code in tg_server.sent_texts(KEPALA)[-1]
    assert kepala.send(f"/pesan {code} baik pak, kami tindak lanjuti") == "officer"


def test_the_group_reads_neither_channel_nor_an_invitation_for_a_leaders_talk(
        bot_app, tg_server, tw_server):
    app, runtime = bot_app
    phone, _ = file_on_whatsapp(app, runtime, "+6281355551133",
                                "petugas loket minta uang 300rb biar paspor cepat", kind="4")
    phone.says("menu")
    phone.says("Bicara dengan petugas")
    phone.says("saya mau tambah keterangan")
    deliver(runtime)
    assert not re.search(r"\bP-\d+\b", texts(tg_server, OFFICER_CHAT))
    code = re.search(r"\bR-\d+\b", texts(tg_server, KASI)).group(0)   # the talk's own
    for who in (PETUGAS, KEPALA):     # a leader in the group, too: it is answered privately
        assert in_group(app, who).send("/permintaan") == "officer"
        deliver(runtime)
        listing = tg_server.sent_texts(OFFICER_CHAT)[-1]
        # not listed at all (no code: it would tie this talk to the person's earlier, open
        # ones; nor a line of its own: tests/test_privacy_s22c.py)
        assert code not in listing and "khusus Kasi Tikkim" not in listing
        assert "Tidak ada permintaan" in listing, listing
        assert "WhatsApp" not in listing and "/pesan" not in listing
        assert "sejak" not in listing and "WITA" not in listing
    # the Kepala Kantor, privately, reads it all, and is invited to answer
    assert private(app, KEPALA).send("/permintaan") == "officer"
    deliver(runtime)
    assert "WhatsApp" in tg_server.sent_texts(KEPALA)[-1]
    assert "/pesan" in tg_server.sent_texts(KEPALA)[-1]
    phone.says("selesai")            # the person ends it: the leaders read that, the group not
    deliver(runtime)
    group = texts(tg_server, OFFICER_CHAT)
    assert "mengakhiri percakapan" not in group
    assert "WhatsApp" not in group and "/pesan" not in group, group
    assert code not in group, group
    assert "mengakhiri percakapan" in texts(tg_server, KEPALA)
    assert "WhatsApp" in texts(tg_server, KEPALA)          # the leaders' copies name it


def documents(runtime, ticket: str) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    """The cover letter and the report as /dokumen makes them (DOCX and PDF), by file name."""
    with runtime.store.unit() as unit:
        found = unit.complaint_by_ticket(ticket)
        return {f.name: f.data for f in document_files(runtime.config.office_config, found)}


MINUTE = re.compile(r"\b\d{2}\.\d{2}\b")


def test_a_sensitive_complaint_s_channel_and_minute_stay_with_the_leaders(bot_app, tg_server,
                                                                          tw_server):
    app, runtime = bot_app
    _, ticket = file_on_whatsapp(app, runtime, "+6281355553344",
                                 "petugas loket minta uang 300rb biar paspor cepat", kind="4")
    petugas = private(app, PETUGAS)
    assert petugas.send(f"/lihat {ticket}") == "officer"
    deliver(runtime)
    seen = last(tg_server, PETUGAS)
    assert "Kanal: Dirahasiakan" in seen and "WhatsApp" not in seen
    assert "Diterima: " in seen and not MINUTE.search(seen.split("Riwayat")[1])
    assert not MINUTE.search(seen.split("Diterima: ")[1].split("\n")[0])
    assert "Pengaduan diterima" in seen
    # anonymous: the leaders read neither too (they read the group as well,
    # tests/test_privacy_s42a_anonymous_leaders.py)
    kepala = private(app, KEPALA)
    assert kepala.send(f"/lihat {ticket}") == "officer"
    deliver(runtime)
    assert "Kanal: Dirahasiakan" in last(tg_server, KEPALA)
    assert "WITA" not in last(tg_server, KEPALA).split("Diterima: ")[1].split("\n")[0]
    # the documents any officer fetches (/dokumen sends these files): a date, no channel
    files = documents(runtime, ticket)
    for kind in ("docx", "pdf"):
        read = docx_text if kind == "docx" else pdf_text_of
        report = flat(read(files[f"Laporan_Pengaduan_{ticket}.{kind}"]))
        cover = flat(read(files[f"Surat_Pengantar_{ticket}.{kind}"]))
        # (the letterhead's own contacts name WhatsApp: the office's number)
        assert report.count("WhatsApp") == cover.count("WhatsApp") == 1, kind
        assert "Saluran pengaduan Dirahasiakan" in report.replace(":", "").replace("  ", " ")
        received = report.split("Tanggal diterima")[1][:40]
        assert "pukul" not in received and "WITA" not in received, received
        assert "Diterima melalui" not in report and " melalui " not in cover


def test_an_ordinary_complaint_s_documents_keep_channel_and_minute(bot_app, tg_server,
                                                                   tw_server):
    app, runtime = bot_app
    # filed by name: a concealed complainant's receipt is a date, as a sensitive one's
    # (identity.held_for_slot, tests/test_privacy_s26.py)
    _, ticket = file_on_whatsapp(app, runtime, "+6281355555566",
                                 "Paspor saya sudah 3 minggu belum jadi padahal sudah bayar",
                                 answers={"identitas Anda dicatat": "Tulis nama saya"})
    with runtime.store.unit() as unit:
        assert unit.complaint_by_ticket(ticket).identity_mode == "named"
    files = documents(runtime, ticket)
    report = flat(docx_text(files[f"Laporan_Pengaduan_{ticket}.docx"]))
    assert "WhatsApp" in report and "pukul" in report.split("Tanggal diterima")[1][:40]
    assert "Diterima melalui WhatsApp" in report
