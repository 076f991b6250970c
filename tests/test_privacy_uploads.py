"""The leak suite for officers' uploads (README, "Privacy"): drafts replaced by the drafter or
Kasi Tikkim (edited DOCX, scanned PDF), the Kanwil's receipt at step 9, and every file the bot
keeps, forwards back or freezes from them.

Officers name files and write captions as they like, and Kasi Tikkim knows a confidential
complainant's name, so each upload here carries the identities its uploader could have typed
(name, number, profile, chat id) in its file name and caption, and some in their content. Then
the uploads travel: to the approver, into the audit trail read in the group, into `/dokumen`
from the group and from every role, into the signed copies, the register and the logs. The
rules are the leak suite's (`audit`, `allowed`): a file carries the name of an openly named
complainant at most; the group never reads a concealed complainant's identity.
"""
from __future__ import annotations

from pathlib import Path

import io
import logging
from typing import Any, Iterator

import pytest
from docx import Document
from reportlab.pdfgen import canvas

from bot.notify import alert_slot
from bot.paperwork import archive, reading
from handlers import logsafe
from tests.fakes import telegram_updates as tu
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS, SEKSI,
                                    TelegramUser, next_update_id)
from tests.test_privacy_leaks import (PEOPLE, ROLES, SOP, Person, World, audit, file_person,
                                      in_the_logs, step)

pytestmark = pytest.mark.timeout(180)
LANTASKIM = SEKSI["lantaskim"]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAIN = {p.key: p for p in PEOPLE}

UPLOAD_PEOPLE = [
    MAIN["wa_confidential"],                  # sensitive: handled in private chats only
    Person("tg_confidential", "telegram", "confidential", "Layanan paspor", "Paspor anak saya "
           "ditahan di loket tanpa penjelasan sejak dua minggu lalu",
           name="Natalia Simanjuntak", profile="Nath Cantik Tarakan", chat_id=7300400544),
    Person("tg_anonymous_open", "telegram", "anonymous", "Layanan paspor", "Nomor antrean "
           "paspor saya hilang dari sistem padahal sudah datang pagi",
           profile="Bang Jago Karang Anyar", chat_id=7300400555),
    MAIN["tg_named"],                         # the control: its name may be in its documents
]


# --- files as officers make them ----------------------------------------------------------------
def docx_with(*lines: str) -> bytes:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_with(*lines: str) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    for number, line in enumerate(lines):
        page.drawString(72, 760 - 18 * number, line)
    page.save()
    return out.getvalue()


def known_to(person: Person, who: int) -> str:
    """What an uploader could write about the complainant: any officer a named one's name and
    number, Kasi Tikkim and the Kepala Kantor a confidential one's too, nobody an anonymous
    one's; the profile name and chat id, nobody (they are put in anyway: the bot must not
    carry them on)."""
    words = [person.profile or "", str(person.chat_id or "")]
    if person.mode == "named" or (person.mode == "confidential" and who in (KASI, KEPALA)):
        words += [person.name or "", person.number or ""]
    return " ".join(w for w in words if w)


def upload(world: World, who: int, name: str, data: bytes, caption: str, private: bool = True,
           mime: str = DOCX, fetchable: bool = True) -> str:
    """An officer sends a file with a caption, as Telegram delivers it; the worker fetches it."""
    file_id, _ = tu.fake_file_id("BQACAgUAAxkBAAI")
    if fetchable:
        world.tg.add_file(file_id, data, file_path=f"documents/file_{next_update_id()}.bin")
    chat = who if private else OFFICER_CHAT
    update = tu.make_document_update(
        next_update_id(), chat, who, file_id=file_id, file_name=name, mime_type=mime,
        file_size=len(data), caption=caption, first_name=f"Officer{who}",
        chat_type="private" if private else "supergroup")
    world.origin = f"upload {name} by {ROLES[who]}{' private' if private else ' group'}"
    response = TelegramUser(world.app.test_client(), who).post(update)
    assert response.status_code == 200
    world.flush()
    return response.get_json()["result"]


# --- the acts -----------------------------------------------------------------------------------
def replace_drafts(world: World, person: Person) -> None:
    """At step 6: the drafter and Kasi Tikkim replace drafts, with identities in the file
    names and captions (and Kasi Tikkim's in the content); one file cannot be fetched."""
    t, private = person.ticket, person.sensitive
    drafter, kasi = known_to(person, PENYUSUN), known_to(person, KASI)
    clean = docx_with(f"Laporan pengaduan {t}", "Pelapor: Dirahasiakan", "Hasil: ditindaklanjuti")
    assert upload(world, PENYUSUN, f"Laporan {drafter}.docx", clean,
                  f"{t} laporan hasil sunting, pelapor {drafter}") == "officer"
    scan = pdf_with(f"Surat pengantar {t}", "Pelapor: Dirahasiakan")
    upload(world, KASI, f"pengantar {kasi}.pdf", scan, f"{t} surat pengantar {kasi}",
           mime="application/pdf")
    named = docx_with(f"Laporan pengaduan {t}", f"Pelapor: {kasi}", "Hasil: ditindaklanjuti")
    upload(world, KASI, f"Laporan_{t}_v2.docx", named, f"{t} laporan final")
    named_scan = pdf_with(f"Laporan pengaduan {t}", f"Pelapor: {kasi}")
    upload(world, KASI, f"Laporan_{t}.pdf", named_scan, f"{t} laporan",
           mime="application/pdf")
    upload(world, PENYUSUN, f"Laporan {drafter} hilang.docx", clean,
           f"{t} laporan {drafter}", fetchable=False)
    if not private:                   # in the group, where every officer reads the answer
        upload(world, PENYUSUN, f"Laporan grup {drafter}.docx", clean,
               f"{t} laporan dari grup", private=False)
    if person.mode == "named":        # the control: a named complainant's name may be there
        upload(world, KASI, "pengantar.docx", docx_with(f"Surat pengantar {t}",
               f"Pelapor: {person.name}"), f"{t} surat pengantar")


def crash_on_upload(world: World, person: Person) -> None:
    """An upload whose handling fails unexpectedly: answered calmly and logged, and the log
    names no one (its caption carries what Kasi Tikkim knows)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(archive, "upload_slot", lambda *_: 1 / 0)
        assert upload(world, KASI, "laporan.docx", docx_with("-"),
                      f"{person.ticket} laporan {known_to(person, KASI)}") == "failed"


VIEWERS = [(PETUGAS, False), (PETUGAS, True), (LANTASKIM, True), (KASI, True), (PENYUSUN, True),
           (KEPALA, True)]


def look(world: World, person: Person, viewers: list[tuple[int, bool]] = VIEWERS) -> None:
    """The trail and the documents, from the group and from every role."""
    for who, private in viewers:
        if private or not person.sensitive:
            world.send(who, f"/lihat {person.ticket}", private)
            world.send(who, f"/dokumen {person.ticket}", private)


def receipt_at_step_nine(world: World, person: Person) -> None:
    """Step 9 with a scan of the Kanwil's receipt as the reference (it goes into the register
    and the trail), named and captioned with what its officer could know."""
    t, who = person.ticket, PETUGAS
    world.send(who, f"/tahap {t}", True)
    for said in (f"Pengaduan Anda sudah kami tindak lanjuti ({t}).", "Ya, pakai pesan ini",
                 "Surat", "Hari ini"):
        world.send(who, said, True)
    known = known_to(person, who)
    assert upload(world, who, f"tanda terima {known}.pdf",
                  pdf_with("Tanda terima", t), f"tanda terima Kanwil {known}",
                  mime="application/pdf") == "officer"
    world.send(who, "Kirim dan catat", True)
    assert world.complaint(person).stage == "reported", world.sent[-1].text


def through_the_sop(world: World) -> None:
    for number, person in enumerate(world.people.values(), start=1):
        world.send(KASI, f"/teruskan {person.ticket} lantaskim", person.sensitive)
        for stage, who, args in SOP[:5]:                       # up to step 6: the drafts
            # one BAP per examination: another complaint's BAP number is refused
            args = args.replace("W18-0001", f"W18-000{number}")
            step(world, person, stage, who, args, person.sensitive)
        replace_drafts(world, person)
        crash_on_upload(world, person)
        look(world, person, VIEWERS[:4])     # drafts are rendered anew for each /dokumen
        for stage, who, args in SOP[5:7]:                      # initialled, signed: frozen
            step(world, person, stage, who, args, person.sensitive)
            assert world.complaint(person).stage == stage, (person.key, stage)
        receipt_at_step_nine(world, person)
        look(world, person)
    world.send(PETUGAS, "/inventaris", False)


@pytest.fixture
def world(bot_app, tg_server, tw_server, clock, caplog) -> Iterator[World]:  # type: ignore[no-untyped-def]
    app, runtime = bot_app
    logsafe.install(runtime.config.settings)
    caplog.set_level(logging.INFO)
    built = None
    try:
        built = World(app, runtime, tg_server, tw_server, clock)
        built.people = {p.key: Person(**{**p.__dict__, "pins": []}) for p in UPLOAD_PEOPLE}
        bot = tg_server.make_bot()
        built.courier._run(bot.initialize())
        built.courier.fetcher.bot = bot              # the worker fetches officers' files
        for person in built.people.values():
            file_person(built, person)
        # the confidential and the anonymous ones are acted on in the group: it knows of them
        # from their alert's slot on (bot.desk.privacy.released)
        clock.now = alert_slot(runtime.config.office_config, clock())
        built.flush()
        through_the_sop(built)
        yield built
    finally:
        logsafe.uninstall()
        if built is not None:
            built.courier.close()


def test_uploads_carry_no_identity_where_it_may_not_go(world: World, caplog: Any) -> None:
    """Every message and file of every upload act, on SQLite and PostgreSQL, by the leak
    suite's rules; then the logs (secrets, numbers, chat ids, PINs, concealed names)."""
    leaks = audit(world)
    assert not leaks, "\n".join(leaks[:40]) + f"\n({len(leaks)} leaks)"
    reached_everything(world)
    assert in_the_logs(world, caplog) == []


def reached_everything(world: World) -> None:
    """The uploads were kept, refused and sent on as described (a check of nothing proves
    nothing)."""
    group = [s for s in world.sent if s.chat == str(OFFICER_CHAT)]
    to = {who: [s for s in world.sent if s.chat == str(who)] for who in (PENYUSUN, KASI)}
    for person in world.people.values():
        t = person.ticket
        complaint_id = world.complaint(person).id
        with world.runtime.store.unit() as unit:
            kept = {(d.kind, d.role, d.name) for d in unit.documents_of(complaint_id)}
        for kind, fmt in (("report", "docx"), ("cover_letter", "pdf"), ("report", "docx")):
            assert (kind, "upload", archive.file_name(kind, t, fmt)) in kept, (person.key, kept)
        assert ("kanwil_receipt", "upload", f"Tanda_Terima_Kanwil_{t}.pdf") in kept
        assert ("report", "signed", f"Laporan_Pengaduan_{t}.docx") in kept
        refused = [s for s in to[KASI] if s.text.startswith(f"⛔ {t}") and "identitas" in s.text]
        assert len(refused) == 2, (person.key, [s.text for s in to[KASI]][-6:])
        assert any(s.text.startswith(f"⚠️ {t}") and "tidak dapat diambil" in s.text
                   for s in to[PENYUSUN])
        dokumen = [s for s in world.sent if s.file == f"Laporan_Pengaduan_{t}.docx"
                   and s.origin.startswith("/dokumen")]
        assert dokumen and all("Pelapor: Dirahasiakan" in s.text for s in dokumen)
        announced = [s for s in group if s.text.startswith(f"ℹ️ {t}") and "diganti" in s.text]
        assert bool(announced) != person.sensitive, person.key    # never of a sensitive one
        assert any(s.text.startswith("⚠️ Maaf") for s in to[KASI] if s.origin.startswith(
            "upload laporan.docx"))
    named = world.people["tg_named"]
    assert any(named.name in s.text for s in group if s.file == f"Surat_Pengantar_"
               f"{named.ticket}.docx"), "the named complainant's own upload was not sent on"
    nothing_refused_is_kept(world)


def nothing_refused_is_kept(world: World) -> None:
    """A refused upload is not written to the file store either: no kept file carries a
    concealed complainant's name (the uploads above that did were all refused)."""
    from bot.paperwork import reading
    concealed = [p.name for p in world.people.values() if p.mode != "named" and p.name]
    kept = [f for f in Path(world.runtime.config.files_dir).rglob("*") if f.is_file()]
    assert kept and concealed
    for path in kept:
        data = path.read_bytes()
        fmt = "docx" if data[:2] == b"PK" else "pdf" if data[:4] == b"%PDF" else ""
        text = reading.text_of(data, fmt) if fmt else data.decode("latin-1")
        assert not [n for n in concealed if n.lower() in text.lower()], path


def test_an_upload_is_read_whole_for_the_check():
    """Not only what Word shows: headers, document properties, a PDF's metadata; a file that
    does not read gives nothing to check (and is kept as before)."""
    document = Document()
    document.sections[0].header.paragraphs[0].text = "Pelapor Yohanes Mangkubumi"
    document.core_properties.author = "Bunda Rafa Cantik"
    out = io.BytesIO()
    document.save(out)
    text = reading.text_of(out.getvalue(), "docx")
    assert "Yohanes Mangkubumi" in text and "Bunda Rafa Cantik" in text
    scan = io.BytesIO()
    page = canvas.Canvas(scan)
    page.setTitle("Laporan a.n. Yohanes Mangkubumi")
    page.save()
    assert "Yohanes Mangkubumi" in reading.text_of(scan.getvalue(), "pdf")
    assert reading.text_of(b"PK\x03\x04 not a docx", "docx") == ""
    assert reading.text_of(b"\x89PNG", "png") == ""
