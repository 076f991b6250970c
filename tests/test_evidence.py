"""Evidence kept and viewable: downloaded by the worker from Twilio and Telegram, stored with its
SHA-256, retried and reported when it fails, and sent by /bukti to officers who may see it."""
from __future__ import annotations

import hashlib
import io

import pytest
from sqlalchemy import select

from storage.files import FileStore
from storage.models import Attachment, Download
from tests.fakes import telegram_updates as tu
from tests.fakes.twilio_api import MEDIA
from tests.support.telegram import (KASI, OFFICER_CHAT, PETUGAS, SEKSI, TelegramUser, deliver,
                                    next_update_id)
from tests.support.intake import walk
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation import TICKET
from tests.test_kept_documents import fetch_all, sent_files
from tests.test_officers import app, officer, runtime  # noqa: F401

pytestmark = pytest.mark.timeout(120)
def _photo() -> bytes:
    """A real JPEG (officers who may not know the sender get it without metadata: it must
    parse), without metadata of its own, so the copy sent is the file itself."""
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (120, 90), (180, 40, 40)).save(out, "JPEG", quality=90)
    return out.getvalue()


PHOTO = _photo()
CITIZEN = 555_050


def attachments(runtime) -> list[Attachment]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return list(unit.session.scalars(select(Attachment).order_by(Attachment.id)))


def downloads(runtime) -> list[Download]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return list(unit.session.scalars(select(Download).order_by(Download.id)))


def file_on_whatsapp(app, runtime, media: list[tuple[str, str]],  # type: ignore[no-untyped-def]
                     answers: dict[str, str] | None = None) -> str:
    phone = TwilioSender(app.test_client(), runtime.config.settings)
    for text in ("halo", "1"):
        phone.say(text)
    phone.say("Petugas loket minta uang 500rb, ini fotonya", media=media)
    phone.say("lanjut")
    return TICKET.search(walk(phone.says, phone.says("1"),
                              {"identitas Anda dicatat": "anonim", **(answers or {})})).group(0)


def file_on_telegram_with_photo(app, runtime, tg_server, content: bytes) -> str:  # type: ignore[no-untyped-def]
    user = TelegramUser(app.test_client(), CITIZEN)
    for said in ("halo", "Sampaikan pengaduan", "Paspor saya belum jadi padahal sudah bayar"):
        assert user.send(said) == "complainant"
    file_id, _ = tu.fake_file_id()
    tg_server.add_file(file_id, content, file_path="photos/file_7.jpg")
    update = tu.make_photo_update(next_update_id(), CITIZEN, CITIZEN, file_id=file_id)
    assert user.post(update).status_code == 200

    def say(text: str) -> str:
        assert user.send(text) == "complainant"
        with runtime.store.unit() as unit:
            return unit.outbox_items(kind="reply", address=str(CITIZEN))[-1].body

    say("Lanjut")
    return TICKET.search(walk(say, say("Layanan paspor"),
                              {"identitas Anda dicatat": "anonim"})).group(0)


def test_twilio_media_downloaded_by_the_worker_with_credentials_not_forwarded(
        app, runtime, tw_server, tg_server, clock):
    tw_server.media_redirect = True           # Twilio answers with a hop to short-lived storage
    url = tw_server.add_media("ME" + "a" * 32, PHOTO, "image/jpeg")
    ticket = file_on_whatsapp(app, runtime, [(url, "image/jpeg")])
    assert tw_server.calls_to(MEDIA) == []                         # nothing in the webhook
    [job] = downloads(runtime)
    assert (job.purpose, job.source, job.status) == ("evidence", "twilio", "pending")
    fetch_all(runtime, tg_server)
    first, second = tw_server.calls_to(MEDIA)
    assert first.params["authorization"] and not first.params["cdn"]
    assert second.params["cdn"] and not second.params["authorization"]   # not sent on
    [item] = attachments(runtime)
    assert (item.fetch_status, item.size, item.content_type) == ("stored", len(PHOTO),
                                                                 "image/jpeg")
    assert item.sha256 == hashlib.sha256(PHOTO).hexdigest()
    assert FileStore(runtime.config.files_dir).read(item.stored_path, item.sha256) == PHOTO
    assert downloads(runtime)[0].status == "done"

    # /bukti in the group (which knows an anonymous complaint from its alert slot on:
    # bot.desk.privacy.released): the original file goes to the officer's private chat.
    clock.advance(hours=2)
    assert officer(app, KASI).send(f"/bukti {ticket}") == "officer"
    deliver(runtime)
    [(name, data, caption)] = sent_files(tg_server, KASI)
    assert data == PHOTO and name == f"Bukti_{ticket}_1.jpg"
    # an anonymous complaint: no reader may know the sender, so no hash that the same photo
    # in another complaint would share (tests/test_privacy_s22.py)
    assert item.sha256 not in caption and "image/jpeg" in caption
    assert any("dikirim ke chat pribadi" in t for t in tg_server.sent_texts(OFFICER_CHAT))


def test_telegram_photo_downloaded_and_shown_only_to_officers_who_may_see_it(
        app, runtime, tg_server):
    ticket = file_on_telegram_with_photo(app, runtime, tg_server, PHOTO)
    [item] = attachments(runtime)
    assert item.url.startswith("telegram-file:") and tg_server.token not in item.url
    fetch_all(runtime, tg_server)
    assert tg_server.calls_to("getFile") and tg_server.calls_to("downloadFile")
    [item] = attachments(runtime)
    assert item.fetch_status == "stored" and item.sha256 == hashlib.sha256(PHOTO).hexdigest()
    for job in downloads(runtime):                                  # the token is never kept
        assert tg_server.token not in job.ref and tg_server.token not in (job.last_error or "")
    # A section the complaint was not forwarded to may not see it, nor its evidence.
    assert officer(app, SEKSI["tu"], private=True).send(f"/bukti {ticket}") == "refused"
    assert TelegramUser(app.test_client(), 999_999).send(f"/bukti {ticket}") != "officer"
    assert officer(app, PETUGAS, private=True).send(f"/bukti {ticket}") == "officer"
    deliver(runtime)
    assert [data for _, data, _ in sent_files(tg_server, PETUGAS)] == [PHOTO]
    assert sent_files(tg_server, SEKSI["tu"]) == []
    assert officer(app, PETUGAS, private=True).send(f"/lihat {ticket}") == "officer"
    deliver(runtime)
    shown = [t for t in tg_server.sent_texts(PETUGAS) if "1 berkas (tersimpan" in t]
    assert shown and "Tempat: </b>Kantor Imigrasi Kelas II TPI Tarakan" in shown[0]
    assert "Waktu kejadian: </b>30 November 2026" in shown[0]            # not "Kemarin"


def test_failed_downloads_retry_with_backoff_then_succeed(app, runtime, tw_server, tg_server,
                                                         clock):
    url = tw_server.add_media("ME" + "b" * 32, PHOTO, "image/jpeg")
    file_on_whatsapp(app, runtime, [(url, "image/jpeg")])
    tw_server.fail_next(500, 20500, times=2, endpoint=MEDIA)
    fetch_all(runtime, tg_server)
    [job] = downloads(runtime)
    assert (job.status, job.attempts, job.last_error) == ("pending", 1, "HTTP 500")
    fetch_all(runtime, tg_server)                       # not due yet: nothing tried
    assert len(tw_server.calls_to(MEDIA)) == 1
    clock.advance(seconds=31)
    fetch_all(runtime, tg_server)
    assert downloads(runtime)[0].attempts == 2
    clock.advance(seconds=61)
    fetch_all(runtime, tg_server)
    [job] = downloads(runtime)
    assert (job.status, job.attempts) == ("done", 3)
    assert attachments(runtime)[0].fetch_status == "stored"


def test_a_download_that_keeps_failing_is_reported_once_never_dropped(
        app, runtime, tw_server, tg_server, clock):
    url = tw_server.add_media("ME" + "c" * 32, PHOTO, "image/jpeg")
    ticket = file_on_whatsapp(app, runtime, [(url, "image/jpeg")])
    attempts = runtime.config.office_config.files.download_attempts
    tw_server.fail_next(503, 20500, times=attempts + 5, endpoint=MEDIA)
    for _ in range(attempts + 2):
        fetch_all(runtime, tg_server)
        clock.advance(hours=1)
    [job] = downloads(runtime)
    assert (job.status, job.attempts) == ("failed", attempts)
    assert attachments(runtime)[0].fetch_status == "failed"
    deliver(runtime)
    reports = [t for t in tg_server.sent_texts(OFFICER_CHAT) if "Bukti tidak tersimpan" in t]
    assert len(reports) == 1
    assert ticket in reports[0] and f"gagal setelah {attempts} percobaan" in reports[0]
    assert "+62" not in reports[0]                           # no identity in the report
    assert "(image/jpeg, WhatsApp)" in reports[0]
    assert officer(app, KASI, private=True).send(f"/bukti {ticket}") == "officer"
    deliver(runtime)
    assert any("gagal diunduh" in t for t in tg_server.sent_texts(KASI))


def test_a_sensitive_complaints_failed_evidence_notice_leaves_out_its_channel(
        app, runtime, tw_server, tg_server, clock):
    """Its group alert names no channel (it narrows down who wrote); nor does the notice that
    its evidence could not be stored."""
    url = tw_server.add_media("ME" + "d" * 32, PHOTO, "image/jpeg")
    ticket = file_on_whatsapp(app, runtime, [(url, "image/jpeg")],
                              {"Catat sebagai": "1"})            # the levy type, as offered
    with runtime.store.unit() as unit:
        assert runtime.notifier.sensitive(unit.complaint_by_ticket(ticket))
    attempts = runtime.config.office_config.files.download_attempts
    tw_server.fail_next(503, 20500, times=attempts + 5, endpoint=MEDIA)
    for _ in range(attempts + 2):
        fetch_all(runtime, tg_server)
        clock.advance(hours=1)
    deliver(runtime)
    [report] = [t for t in tg_server.sent_texts(OFFICER_CHAT) if "Bukti tidak tersimpan" in t]
    assert ticket in report and "(image/jpeg)" in report and "WhatsApp" not in report


def test_a_failed_download_never_repeats_its_url(app, runtime, tw_server, tg_server, clock,
                                                caplog):
    """A media URL (Twilio's redirect to short-lived storage) carries a signature that opens
    the original photo, its location and face included: the error the officers' group reads,
    the one kept on the download and the worker's log name the host, never the URL."""
    import logging

    from handlers import logsafe
    logsafe.install(runtime.config.settings)
    caplog.set_level(logging.DEBUG)
    try:
        url = "http://127.0.0.1:7299/media/ME77?Expires=1796240000&X-Amz-Signature=SIGSECRET77"
        file_on_whatsapp(app, runtime, [(url, "image/jpeg")])
        attempts = runtime.config.office_config.files.download_attempts
        for _ in range(attempts + 2):
            fetch_all(runtime, tg_server)
            clock.advance(hours=1)
        [job] = downloads(runtime)
        assert job.status == "failed" and "127.0.0.1" in (job.last_error or "")
        deliver(runtime)
        reports = [t for t in tg_server.sent_texts(OFFICER_CHAT) if "Bukti tidak tersimpan" in t]
        assert len(reports) == 1 and "ConnectionError" in reports[0]
        logged = "\n".join(caplog.handler.format(r) for r in caplog.get_records("call"))
        for where, text in (("report", reports[0]), ("downloads", job.last_error or ""),
                            ("log", logged)):
            assert "SIGSECRET77" not in text and "/media/ME77" not in text, where
    finally:
        logsafe.uninstall()


def test_too_large_evidence_is_not_downloaded_and_is_reported(app, runtime, tw_server,
                                                              tg_server, clock):
    limit = int(runtime.config.office_config.files.max_evidence_mb * 1024 * 1024)
    url = tw_server.add_media("ME" + "d" * 32, b"x" * (limit + 1), "video/mp4")
    file_on_whatsapp(app, runtime, [(url, "video/mp4")])
    fetch_all(runtime, tg_server)
    [job] = downloads(runtime)
    assert (job.status, job.attempts) == ("too_large", 1)
    assert attachments(runtime)[0].fetch_status == "too_large"
    clock.advance(hours=2)          # an anonymous complaint's group messages wait for its slot
    deliver(runtime)
    assert any("lebih besar dari batas" in t for t in tg_server.sent_texts(OFFICER_CHAT))


def test_a_strangers_document_is_evidence_and_an_officers_file_in_the_group_is_left_alone(
        app, runtime, tg_server):
    stranger = 555_060
    file_id, _ = tu.fake_file_id("BQACAgUAAxkBAAI")
    update = tu.make_document_update(next_update_id(), stranger, stranger, file_id=file_id,
                                     caption="bukti transfer")
    response = TelegramUser(app.test_client(), stranger).post(update)
    assert response.get_json()["result"] == "complainant"
    [job] = downloads(runtime)
    assert (job.purpose, job.source, job.ref) == ("evidence", "telegram",
                                                  f"telegram-file:{file_id}")
    shared = tu.make_document_update(next_update_id(), OFFICER_CHAT, PETUGAS,
                                     chat_type="supergroup", caption="notulen rapat")
    response = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                            chat_type="supergroup").post(shared)
    assert response.get_json()["result"] == "ignored" and len(downloads(runtime)) == 1


def _exif_photo(owner: str) -> bytes:
    """A phone photo as phones make them: make, model, owner, and where it was taken."""
    from PIL import Image
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x013B] = "samsung", "SM-A135F", owner
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (3.0, 17.0, 54.0), "E", (117.0, 35.0, 12.0)
    out = io.BytesIO()
    Image.new("RGB", (120, 90), (40, 120, 40)).save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def _authored_pdf(author: str) -> bytes:
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": author, "/Creator": f"Microsoft Word - {author}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_evidence_reaches_an_officer_who_may_not_know_the_sender_without_its_metadata(
        app, runtime, tw_server, tg_server):
    """An anonymous complainant's phone photo carries where it was taken and the phone's
    owner; their PDF its author. Every officer (none may know who an anonymous complainant is)
    gets copies without them, captioned without the original's SHA-256; the originals stay
    kept."""
    from PIL import Image
    from pypdf import PdfReader
    owner = "Yohanes Mangkubumi"
    photo, pdf = _exif_photo(owner), _authored_pdf(owner)
    assert owner.encode() in photo and Image.open(io.BytesIO(photo)).getexif().get_ifd(0x8825)
    urls = [(tw_server.add_media("ME" + "b" * 32, photo, "image/jpeg"), "image/jpeg"),
            (tw_server.add_media("ME" + "c" * 32, pdf, "application/pdf"), "application/pdf")]
    ticket = file_on_whatsapp(app, runtime, urls)            # anonymous
    fetch_all(runtime, tg_server)
    kept = attachments(runtime)
    assert [a.sha256 for a in kept] == [hashlib.sha256(d).hexdigest() for d in (photo, pdf)]
    for reader in (PETUGAS, KASI):
        assert officer(app, reader, private=True).send(f"/bukti {ticket}") == "officer"
        deliver(runtime)
        got = sent_files(tg_server, reader)
        assert len(got) == 2, got
        (_, jpeg, caption), (_, doc, _) = got
        assert kept[0].sha256 not in caption and "tanpa metadata" in caption
        assert owner.encode() not in jpeg and b"SM-A135F" not in jpeg
        shown = Image.open(io.BytesIO(jpeg))
        assert shown.size == (120, 90) and not shown.getexif().get_ifd(0x8825)
        assert owner.encode() not in doc and "Author" not in str(PdfReader(io.BytesIO(doc))
                                                                 .metadata or {})
    store = FileStore(runtime.config.files_dir)
    assert store.read(kept[0].stored_path, kept[0].sha256) == photo      # the original stays
