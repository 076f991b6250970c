"""The web chat adapter through the Flask test client: sessions, CSRF, idempotent posts, the
mailbox, limits and the security headers; on SQLite and PostgreSQL."""
from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import io
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.config import AppConfig
from handlers.fetcher import Fetcher
from handlers.webchat import WebChat
from handlers.webchat_session import address_of
from storage.files import FileStore
from storage.models import Attachment, Complainant, ConversationState, Message, OutboxItem
from tests.support.webchat import WebVisitor, file_complaint

pytestmark = pytest.mark.timeout(120)
STORY = "Petugas loket meminta uang lima ratus ribu tanpa kuitansi agar paspor cepat jadi."


def counts(runtime: Any) -> dict[str, int]:
    with runtime.store.read() as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (Message, Complainant, ConversationState, OutboxItem)}


def jpeg(size: int = 0) -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue() + b"\0" * size


@pytest.fixture
def visitor(client: Any) -> WebVisitor:
    return WebVisitor(client)


# --- the page and its headers ------------------------------------------------------------------
def test_the_page_is_served_with_a_strict_content_security_policy(client):
    response = client.get("/chat")
    assert response.status_code == 200 and response.mimetype == "text/html"
    csp = response.headers["Content-Security-Policy"]
    for rule in ("default-src 'none'", "script-src 'self'", "style-src 'self'",
                 "frame-ancestors 'self'", "base-uri 'none'", "require-trusted-types-for 'script'"):
        assert rule in csp
    assert "unsafe" not in csp and "http" not in csp     # nothing inline, no other host
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["Strict-Transport-Security"]     # PUBLIC_BASE_URL is https here
    page = response.get_data(as_text=True)
    # No inline script or style: every script has a src and no body, no style element or attribute.
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", page))
    assert all(not body.strip() for body in re.findall(r"<script[^>]*>(.*?)</script>", page, re.S))
    assert "<style" not in page and " style=" not in page and "http" not in page.split("<body")[0]
    assert 'lang="id"' in page and "Kantor Imigrasi Kelas II TPI Tarakan" in page
    # Every asset comes from the app itself, at a versioned URL cached for good.
    for path in re.findall(r'(?:src|href)="(/chat/assets/[^"]+)"', page):
        asset = client.get(path)
        assert asset.status_code == 200, path
        assert "immutable" in asset.headers["Cache-Control"]
    again = client.get("/chat", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_the_page_may_be_framed_only_by_the_configured_sites(make_app, db_url):
    app, _ = make_app(db_url, WEB_EMBED_ORIGINS="https://www.imigrasi-tarakan.go.id")
    response = app.test_client().get("/chat")
    assert "frame-ancestors 'self' https://www.imigrasi-tarakan.go.id;" in \
        response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers
    widget = app.test_client().get("/chat/widget.js")
    assert widget.status_code == 200 and widget.mimetype == "text/javascript"
    assert widget.headers["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_a_bad_embed_origin_stops_start_up_with_the_key_named(make_app, db_url):
    from bot.config import ConfigError
    with pytest.raises(ConfigError, match="WEB_EMBED_ORIGINS"):
        make_app(db_url, WEB_EMBED_ORIGINS="javascript:alert(1)")


def test_markup_in_the_office_name_is_escaped_in_the_page(runtime):
    office = runtime.config.office_config.office.model_copy(
        update={"name": "<script>alert(1)</script> & Co"})
    config = AppConfig(runtime.config.office_config.model_copy(update={"office": office}),
                       runtime.config.settings)
    page = WebChat(type(runtime)(config, runtime.store, runtime.engine, None)).page.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page


def test_the_root_leads_to_the_chat_and_healthz_is_unchanged(client):
    assert client.get("/").headers["Location"].endswith("/chat")
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.get_json() == {"status": "ok", "database": "reachable"}
    assert "Content-Security-Policy" not in health.headers


# --- sessions --------------------------------------------------------------------------------------
def test_the_session_cookie_is_httponly_samesite_and_secure_over_https(client):
    response = client.get("/chat/api/state")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-aduan_chat=")       # PUBLIC_BASE_URL is https
    for flag in ("HttpOnly", "SameSite=Strict", "Secure", "Path=/", "Max-Age="):
        assert flag in cookie
    assert "Domain" not in cookie
    assert response.headers["Cache-Control"] == "no-store"
    token = cookie.split("=", 1)[1].split(";", 1)[0]
    assert len(token) == 43 and token not in response.get_data(as_text=True)


def test_over_plain_http_the_cookie_is_not_marked_secure(make_app, db_url):
    app, _ = make_app(db_url, PUBLIC_BASE_URL="")
    cookie = app.test_client().get("/chat/api/state").headers["Set-Cookie"]
    assert cookie.startswith("aduan_chat=") and "Secure" not in cookie and "HttpOnly" in cookie


def test_the_database_keeps_only_a_hash_of_the_session(client, runtime, visitor):
    visitor.say("halo")
    token = client.get_cookie("__Host-aduan_chat").value
    with runtime.store.read() as session:
        person = session.scalar(select(Complainant))
        assert person.channel == "web" and person.address == address_of(token)
        texts = [str(row) for model in (Message, ConversationState, OutboxItem)
                 for row in session.execute(select(model.__table__)).all()]
    assert not any(token in text for text in texts)


def test_the_widgets_session_travels_in_a_header_not_a_cookie(app_runtime, runtime):
    app, _ = app_runtime
    widget = WebVisitor(app.test_client(), token_mode=True)
    assert widget.token and len(widget.token) == 43
    assert widget.say("halo")
    # Another client (no cookie jar) with the same token is the same person.
    again = WebVisitor(app.test_client(), token_mode=True)
    again.token = widget.token
    again.load()
    assert [m["text"] for m in again.said if m["by"] == "person"] == ["halo"]
    with runtime.store.read() as session:
        assert session.scalar(select(Complainant.address)) == address_of(widget.token)


def test_a_post_without_a_session_is_refused(client, runtime):
    response = client.post("/chat/api/messages", json={"id": "abcdefgh", "text": "halo"})
    assert response.status_code == 401 and response.get_json()["error"] == "no_session"
    assert counts(runtime)["messages"] == 0


# --- CSRF and origin ----------------------------------------------------------------------------
@pytest.mark.parametrize("headers", [
    {"X-CSRF-Token": ""}, {"X-CSRF-Token": "forged-token"},
    {"Origin": "https://evil.example.com"}, {"Sec-Fetch-Site": "cross-site"},
], ids=["missing", "forged", "foreign-origin", "cross-site"])
def test_a_post_without_its_csrf_token_or_from_another_site_is_refused(visitor, runtime, headers):
    response = visitor.post("halo", **headers)
    assert response.status_code == 403 and response.get_json()["error"] == "forbidden"
    assert counts(runtime)["messages"] == 0


def test_another_sessions_csrf_token_does_not_work(app_runtime, runtime):
    app, _ = app_runtime
    mine, theirs = WebVisitor(app.test_client()), WebVisitor(app.test_client())
    assert mine.post("halo", **{"X-CSRF-Token": theirs.csrf}).status_code == 403
    assert mine.post("halo").status_code == 200


def test_our_own_origin_is_accepted(visitor):
    response = visitor.post("halo", Origin="https://aduan.example.go.id",
                            **{"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 200


# --- ending a session on a shared device ------------------------------------------------------
def test_ending_the_session_leaves_the_next_person_on_this_device_nothing(client, runtime, visitor):
    visitor.say("halo")
    visitor.say("Ada calo di loket paspor minta Rp 500 ribu")
    before = counts(runtime)
    old = client.get_cookie("__Host-aduan_chat").value
    response = client.post("/chat/api/end", headers=visitor.headers(), json={})
    assert response.status_code == 200 and response.get_json() == {"ended": True}
    dropped = response.headers["Set-Cookie"]
    assert dropped.startswith("__Host-aduan_chat=;") and "Max-Age=0" in dropped
    for flag in ("HttpOnly", "SameSite=Strict", "Secure", "Path=/"):
        assert flag in dropped
    assert client.get_cookie("__Host-aduan_chat") is None
    # The next page load on this browser is a new, empty session.
    after = WebVisitor(client)
    assert after.state["messages"] == [] and client.get_cookie("__Host-aduan_chat").value != old
    assert "calo" not in str(after.state)
    # Nothing was deleted: the complaint's owner goes on with the ticket and PIN anywhere.
    assert counts(runtime) == before


def test_the_widgets_session_ends_the_same_way(app_runtime):
    app, _ = app_runtime
    widget = WebVisitor(app.test_client(), token_mode=True)
    widget.say("halo")
    response = widget.client.post("/chat/api/end", headers=widget.headers(), json={})
    assert response.status_code == 200 and response.get_json() == {"ended": True}


@pytest.mark.parametrize("headers", [
    {"X-CSRF-Token": "forged-token"}, {"Origin": "https://evil.example.com"},
], ids=["forged", "foreign-origin"])
def test_another_site_cannot_end_a_session(client, visitor, headers):
    visitor.say("halo")
    response = client.post("/chat/api/end", headers=visitor.headers(**headers), json={})
    assert response.status_code == 403 and "Set-Cookie" not in response.headers
    assert [m["text"] for m in WebVisitor(client).state["messages"] if m["by"] == "person"] \
        == ["halo"]


def test_ending_without_a_session_is_refused(client):
    response = client.post("/chat/api/end", json={})
    assert response.status_code == 401 and response.get_json()["error"] == "no_session"


# --- messages --------------------------------------------------------------------------------------
def test_a_retried_post_is_handled_once_and_answered_again(visitor, runtime):
    first = visitor.post("halo", client_id="retry-0001")
    again = visitor.post("halo", client_id="retry-0001")
    assert first.status_code == again.status_code == 200
    assert first.get_json()["messages"] == again.get_json()["messages"] != []
    with runtime.store.read() as session:
        assert session.scalar(select(func.count()).select_from(Message)
                              .where(Message.direction == "in")) == 1
        assert session.scalar(select(func.count()).select_from(OutboxItem)) == 1


def test_the_menu_arrives_with_its_choices_as_buttons(visitor):
    said = visitor.say("halo")
    assert said[-1]["by"] == "bot" and "Sampaikan pengaduan" in said[-1]["choices"]
    assert "1." not in said[-1]["text"]          # buttons, not a numbered list


def test_html_from_a_person_stays_text(visitor):
    markup = "<img src=x onerror=alert(1)><b>tebal</b> & \"kutip\""
    visitor.say("halo")
    visitor.say(markup)
    state = WebVisitor(visitor.client).state
    assert any(m["text"] == markup for m in state["messages"] if m["by"] == "person")
    response = visitor.client.get("/chat/api/state")
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("body", [
    {"id": "short", "text": "halo"}, {"id": "x" * 65, "text": "halo"},
    {"id": "abc def ghi", "text": "halo"}, {"id": "abcdefgh", "text": ""},
    {"id": "abcdefgh", "text": 5}, {"id": "abcdefgh", "text": "x" * 4001},
    {"id": "abcdefgh", "text": "halo", "after": "-1"},
], ids=["short-id", "long-id", "spaces", "empty", "not-text", "too-long", "bad-cursor"])
def test_malformed_messages_get_400_and_write_nothing(visitor, runtime, body):
    response = visitor.client.post("/chat/api/messages", json=body, headers=visitor.headers())
    assert response.status_code == 400 and response.get_json()["message"]
    assert counts(runtime)["messages"] == 0


def test_a_huge_post_is_refused_before_it_is_read(visitor, runtime):
    response = visitor.client.post("/chat/api/messages", headers=visitor.headers(),
                                   json={"id": "abcdefgh", "text": "x" * 20_000})
    assert response.status_code == 413 and response.get_json()["error"] == "too_large"
    assert counts(runtime)["messages"] == 0


# --- limits ------------------------------------------------------------------------------------------
def test_a_session_sending_too_fast_is_asked_calmly_to_wait(make_app, db_url, clock):
    app, runtime = make_app(db_url, WEB_MESSAGES_PER_MINUTE="3")
    person = WebVisitor(app.test_client())
    for text in ("halo", "menu", "bantuan"):
        assert person.post(text).status_code == 200
    refused = person.post("halo lagi")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    body = refused.get_json()
    assert body["error"] == "rate_limited" and "Mohon tunggu" in body["message"]
    assert "Please wait" in person.post("hello", **{"X-Aduan-Lang": "en"}).get_json()["message"]
    with runtime.store.read() as session:     # the refused ones were not stored
        assert session.scalar(select(func.count()).select_from(Message)
                              .where(Message.direction == "in")) == 3
    clock.advance(seconds=61)
    assert person.post("halo lagi").status_code == 200


def test_one_address_with_many_sessions_is_limited_too(make_app, db_url):
    app, runtime = make_app(db_url, WEB_IP_MESSAGES_PER_MINUTE="5")
    statuses = [WebVisitor(app.test_client()).post("halo").status_code for _ in range(7)]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]


def test_page_loads_and_polls_are_limited_per_session(visitor):
    statuses = [visitor.client.get("/chat/api/messages?after=0").status_code for _ in range(40)]
    assert statuses.count(200) >= 30 and statuses[-1] == 429


# --- photos and documents ----------------------------------------------------------------------
def test_a_photo_is_kept_and_becomes_evidence(visitor, runtime):
    visitor.say("halo")
    photo = jpeg()
    said = visitor.accept(visitor.upload(photo, caption="kuitansi"))
    assert said and said[-1]["by"] == "bot"
    with runtime.store.read() as session:
        item = session.scalar(select(Attachment))
        assert item.url == "web-upload:" + hashlib.sha256(photo).hexdigest()
        assert item.content_type == "image/jpeg" and item.fetch_status == "pending"
        message = session.get(Message, item.message_id)
        assert message.body == "kuitansi" and message.channel == "web"
    fetcher = Fetcher(runtime.store, FileStore(runtime.config.files_dir), runtime.config.settings,
                      runtime.config.office_config, runtime.notifier)
    assert asyncio.run(fetcher.tick()) == 1
    with runtime.store.read() as session:
        item = session.scalar(select(Attachment))
        assert (item.fetch_status, item.sha256, item.size) == (
            "stored", hashlib.sha256(photo).hexdigest(), len(photo))
    transcript = WebVisitor(visitor.client).state["messages"]
    assert any(m.get("files") == ["image/jpeg"] and m["text"] == "kuitansi" for m in transcript)


def test_a_pdf_is_accepted_by_its_content(visitor, runtime):
    response = visitor.upload(b"%PDF-1.7\n" + b"x" * 500, name="surat.pdf",
                              content_type="application/pdf")
    assert response.status_code == 200
    with runtime.store.read() as session:
        assert session.scalar(select(Attachment.content_type)) == "application/pdf"


@pytest.mark.parametrize("data,name", [
    (b"<html><script>alert(1)</script></html>", "foto.jpg"),
    (b"MZ\x90\x00 an executable", "foto.jpg"), (b"", "kosong.jpg"),
], ids=["html-as-jpeg", "executable", "empty"])
def test_a_file_that_is_not_a_photo_or_pdf_is_refused(visitor, runtime, data, name):
    response = visitor.upload(data, name=name)
    assert response.status_code == 415 and "PDF" in response.get_json()["message"]
    assert counts(runtime)["messages"] == 0


def test_a_file_over_the_limit_is_refused_and_nothing_is_kept(app_runtime, runtime, tmp_path):
    app, _ = app_runtime
    app.extensions["webchat"].max_upload = 100_000
    person = WebVisitor(app.test_client())
    response = person.upload(jpeg(150_000))
    assert response.status_code == 413 and response.get_json()["error"] == "too_large"
    assert counts(runtime)["messages"] == 0
    assert not [p for p in Path(runtime.config.files_dir).rglob("*") if p.is_file()]


# --- the mailbox: replies, progress, coming back -------------------------------------------------
def test_a_complaint_filed_on_the_web_is_followed_there(visitor, runtime, tmp_path):
    photo = tmp_path / "kuitansi.jpg"
    photo.write_bytes(jpeg())
    ticket, pin = file_complaint(visitor, STORY, photo)
    with runtime.store.unit() as unit:
        complaint = unit.complaint_by_ticket(ticket)
        assert complaint.channel == "web" and len(complaint.attachments) == 1
        assert runtime.notifier.relay(unit, complaint, runtime.engine.clock(),
                                      "Kami sedang memeriksa rekaman CCTV.", "update")
    update = visitor.poll()
    assert len(update) == 1 and "CCTV" in update[0]["text"] and ticket in update[0]["text"]
    with runtime.store.read() as session:
        row = session.scalar(select(OutboxItem).where(OutboxItem.kind == "update"))
        assert (row.channel, row.status, row.delivery_status) == ("web", "sent", "delivered")
    assert visitor.poll() == []                                   # once
    # Coming back (a new page load): the whole conversation, in order, the update last.
    state = WebVisitor(visitor.client).state
    texts = [m["text"] for m in state["messages"]]
    assert texts.index(STORY) < next(i for i, t in enumerate(texts) if ticket in t)
    assert "CCTV" in texts[-1] and state["cursor"] >= int(update[0]["key"][1:])


def test_someone_else_follows_with_ticket_and_pin(app_runtime, runtime):
    app, _ = app_runtime
    filer = WebVisitor(app.test_client())
    ticket, pin = file_complaint(filer, STORY)
    other = WebVisitor(app.test_client())
    other.say(f"status {ticket}")
    assert "PIN" in other.bubbles()[-1] and ticket not in other.bubbles()[-1]
    other.say("000000" if pin != "000000" else "111111")
    assert ticket not in other.bubbles()[-1]
    other.say(f"status {ticket} {pin}")
    assert ticket in other.bubbles()[-1] and "Diterima" in other.bubbles()[-1]


def test_a_lost_answer_loses_nothing(visitor):
    """The browser asks again with its old cursor: it gets the same messages again."""
    visitor.say("halo")
    first = visitor.client.get("/chat/api/messages?after=0", headers=visitor.headers())
    second = visitor.client.get("/chat/api/messages?after=0", headers=visitor.headers())
    assert first.get_json()["messages"] == second.get_json()["messages"] != []


def test_a_scheduled_message_shows_only_when_due_even_behind_the_cursor(visitor, runtime, clock):
    visitor.say("halo")
    person = address_of(visitor.client.get_cookie("__Host-aduan_chat").value)
    now = runtime.engine.clock()
    with runtime.store.unit() as unit:
        later = unit.enqueue(kind="pause", channel="web", address=person, body="Masih di sana?",
                             at=now)
        later.next_attempt_at = now + dt.timedelta(seconds=8)
        unit.enqueue(kind="update", channel="web", address=person, body="Kabar baru", at=now)
    assert [m["text"] for m in visitor.poll()] == ["Kabar baru"]
    clock.advance(seconds=9)
    assert [m["text"] for m in visitor.poll()] == ["Masih di sana?"]


def test_the_worker_leaves_the_web_channel_to_the_browser(runtime, visitor):
    from tests.support.telegram import deliver
    visitor.say("halo")
    worker = deliver(runtime)
    assert worker.delivered == 0
    with runtime.store.read() as session:
        row = session.scalar(select(OutboxItem))
        assert (row.channel, row.status, row.attempts) == ("web", "sent", 0)
        assert session.scalar(select(func.count()).select_from(OutboxItem)
                              .where(OutboxItem.kind == "report")) == 0


def test_a_database_outage_is_a_calm_503(make_app):
    app, _ = make_app("postgresql://postgres@127.0.0.1:1/nowhere")
    response = app.test_client().get("/chat/api/state")
    assert response.status_code == 503 and "Retry-After" in response.headers
    assert response.get_json()["error"] == "unavailable"


def test_the_pin_is_shown_once_and_never_kept(visitor, runtime):
    ticket, pin = file_complaint(visitor, STORY)
    filed = next(m for m in visitor.said if m["by"] == "bot" and ticket in m["text"])
    assert pin in filed["text"]                                   # handed over with the PIN
    with runtime.store.read() as session:
        rows = session.scalars(select(OutboxItem).where(OutboxItem.body.contains(ticket))).all()
        assert rows and all(pin not in r.body and r.secret is None for r in rows)
        assert not any(pin in m.body for m in session.scalars(select(Message)))
    # Coming back: the ticket is there, the PIN is not (the filing answer said to keep it).
    again = WebVisitor(visitor.client).state["messages"]
    shown = next(m["text"] for m in again if m["by"] == "bot" and ticket in m["text"])
    assert pin not in shown and "••••••" in shown


def test_officers_read_chat_web_and_never_the_session(bot_app, tg_server):
    from tests.support.telegram import OFFICER_CHAT, deliver
    app, runtime = bot_app
    person = WebVisitor(app.test_client())
    ticket, _ = file_complaint(person, "Paspor saya sudah tiga minggu belum jadi padahal "
                               "sudah bayar dan sudah foto", kind="layanan paspor",
                               name="Siti Aminah")
    deliver(runtime)
    alert = next(t for t in tg_server.sent_texts(OFFICER_CHAT) if ticket in t)
    assert "Chat web" in alert and "Siti Aminah" in alert
    token = person.client.get_cookie("__Host-aduan_chat").value
    assert not any(token in t or address_of(token) in t for t in tg_server.sent_texts())


def test_every_reply_the_engine_gives_the_web_is_in_its_mailbox(runtime):
    """The page shows only what the outbox holds: a reply the engine hands back to the adapter
    instead of queueing it (for a channel it thinks has no worker) would never be seen."""
    from bot.messages import Inbound
    address = address_of("t" * 43)
    said = ["halo", "Sampaikan pengaduan", "Petugas loket membentak saya waktu bertanya",
            "soal jadwal wawancara paspor", "Lanjut", "Layanan paspor", "Kemarin"]
    for number, text in enumerate(said):
        replies = runtime.engine.handle(Inbound(
            channel="web", address=address, text=text, provider="web",
            provider_id=f"contract-{number}", received_at=runtime.engine.clock()))
        with runtime.store.read() as session:
            queued = " ".join(session.scalars(select(OutboxItem.body).where(
                OutboxItem.channel == "web", OutboxItem.address == address)))
        for reply in replies:
            assert reply.text.split("\n")[0] in queued, (text, reply)


def test_with_no_channel_configured_the_worker_runs_and_keeps_web_evidence(make_app,
                                                                           sqlite_url, tmp_path):
    """What `make run` starts on a fresh machine: a worker with nothing to push to still keeps
    the web chat's photos as evidence (and stops cleanly)."""
    import os
    import signal
    import subprocess
    import sys
    import time
    files = tmp_path / "files"
    app, runtime = make_app(sqlite_url, FILES_DIR=str(files))
    person = WebVisitor(app.test_client())
    person.say("halo")
    assert person.upload(jpeg(), caption="kuitansi").status_code == 200
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "TWILIO_"))}
    env.update(DATABASE_URL=sqlite_url, FILES_DIR=str(files), PYTHONUNBUFFERED="1",
               WORKER_POLL_SECONDS="0.1")
    log = tmp_path / "worker.log"
    with open(log, "wb") as out:
        worker = subprocess.Popen([sys.executable, "-m", "handlers.worker"], env=env,
                                  cwd=Path(__file__).resolve().parent.parent, stdout=out,
                                  stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with runtime.store.read() as session:
                if session.scalar(select(Attachment.fetch_status)) == "stored":
                    break
            assert worker.poll() is None, log.read_text()
            time.sleep(0.2)
        else:
            raise AssertionError(log.read_text())
    finally:
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(30) == 0, log.read_text()
    assert "delivering nothing" in log.read_text()


def test_a_pin_never_collected_by_the_browser_does_not_rest_past_a_day(client, runtime, clock):
    """The filing answer waits in the outbox until the browser collects it, its PIN filled in
    only then. A browser that never comes back (closed as the answer was on its way) must not
    leave the PIN in the database: it goes after a day, like one waiting for a receipt."""
    from bot.messages import Inbound
    from bot.retention import Retention

    class AtSummary(Exception):
        pass

    def stop() -> None:
        raise AtSummary

    visitor = WebVisitor(client, token_mode=True)       # the widget: its token is known here
    with pytest.raises(AtSummary):
        file_complaint(visitor, STORY, before_filing=stop)
    label = next(c for c in visitor.choices() if "kirim" in c.lower())
    runtime.engine.handle(Inbound(                  # the post arrived; its answer never did
        channel="web", address=address_of(visitor.token or ""), text=label, provider="web",
        provider_id=f"{address_of(visitor.token or '')[:16]}:lost-answer",
        received_at=clock()))
    with runtime.store.read() as session:
        waiting = [r for r in session.scalars(select(OutboxItem).where(
            OutboxItem.channel == "web", OutboxItem.status == "pending")) if r.secret]
    assert waiting                                  # the PIN, waiting for the browser
    clock.advance(days=2)
    Retention(runtime.config.office_config, FileStore(runtime.config.files_dir)).run(
        runtime.store, clock())
    with runtime.store.read() as session:
        assert not [r for r in session.scalars(select(OutboxItem)) if r.secret]
    visitor.csrf = None
    filed = [m["text"] for m in visitor.load()["messages"] if "PIN" in m["text"]]   # back
    assert filed and "••••••" in filed[-1]
