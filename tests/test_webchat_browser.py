"""The web chat in a real browser (headless Chromium): a person files a complaint with a photo
on a phone-sized screen, comes back and finds it, hears of its progress, and someone else
checks its status from another browser with the ticket and PIN; the widget works on another
site. Screenshots go to $WEBCHAT_SCREENSHOTS (or the test's temporary folder)."""
from __future__ import annotations

import asyncio
import hashlib
import io
import os
import socket
import threading
from pathlib import Path
from typing import Any, Iterator

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from handlers.app import create_app
from handlers.fetcher import Fetcher
from handlers.webchat_session import address_of
from handlers.wiring import build_runtime
from storage.files import FileStore
from storage.models import Attachment, Complaint, ConversationState, OutboxItem
from tests.conftest import make_config
from tests.support.browser import (DESKTOP, PHONE, Browser, ChatPage, LiveServer,
                                   require_chromium)
from tests.support.telegram import (KASI, PETUGAS, TelegramUser, channel_env,
                                    deliver)
from tests.support.webchat import file_complaint

pytestmark = pytest.mark.timeout(300)
STORY = ("Petugas di loket meminta uang tambahan lima ratus ribu agar paspor saya cepat "
         "selesai, tanpa kuitansi.")


@pytest.fixture
def screens(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("WEBCHAT_SCREENSHOTS") or tmp_path / "screens")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    """A real JPEG photo (a receipt-like picture) made with Pillow."""
    from PIL import Image, ImageDraw
    image = Image.new("RGB", (640, 480), (250, 246, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 600, 440), outline=(40, 40, 40), width=4)
    for row in range(6):
        draw.line((70, 100 + 50 * row, 570, 100 + 50 * row), fill=(120, 120, 120), width=3)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    path = tmp_path / "kuitansi.jpg"
    path.write_bytes(out.getvalue())
    return path


def serve(database_url: str, tmp_path: Path, **env: str) -> tuple[LiveServer, Any, Any]:
    """The app on real HTTP, on the real clock (a browser lives in real time)."""
    env.setdefault("FILES_DIR", str(tmp_path / "files"))
    runtime = build_runtime(make_config(database_url, **env), classifier=None)
    app = create_app(runtime)
    return LiveServer(app), app, runtime


@pytest.fixture
def live(sqlite_url, tmp_path, tg_server, tw_server) -> Iterator[tuple[str, Any, Any]]:
    """(base URL, flask app, runtime), channels aimed at the fake Telegram and Twilio."""
    require_chromium()
    server, app, runtime = serve(sqlite_url, tmp_path, **channel_env(tg_server, tw_server))
    try:
        yield server.url, app, runtime
    finally:
        server.stop()
        runtime.store.dispose()


@pytest.fixture
def browsers() -> Iterator[list[Browser]]:
    made: list[Browser] = []
    yield made
    for browser in made:
        browser.quit()


def open_chat(browsers: list[Browser], url: str, size: tuple[int, int] = PHONE,
              mobile: bool = True) -> ChatPage:
    browser = Browser(size, mobile=mobile)
    browsers.append(browser)
    return ChatPage(browser, url + "/chat").open()


def keep_evidence(runtime: Any) -> None:
    """What the worker does with an upload: check it and record it as evidence."""
    fetcher = Fetcher(runtime.store, FileStore(runtime.config.files_dir), runtime.config.settings,
                      runtime.config.office_config, runtime.notifier)
    while asyncio.run(fetcher.tick()):
        pass


def test_file_follow_and_check_a_complaint_in_a_real_browser(live, browsers, photo, screens,
                                                              tg_server):
    url, app, runtime = live
    page = open_chat(browsers, url)
    page.wait(lambda: page.find("#intro:not([hidden])"))
    page.screenshot(screens / "phone-1-welcome.png")
    assert page.accessibility() == []

    page.find("#start")[0].click()
    page.wait(lambda: page.choices())
    page.screenshot(screens / "phone-2-menu.png")
    ticket, pin = file_complaint(
        page, STORY, photo, before_filing=lambda: page.screenshot(screens / "phone-3-summary.png"))
    page.screenshot(screens / "phone-4-filed.png")
    assert page.accessibility() == []        # a long conversation, with choices and a photo

    # Filed on the web channel, with the photo as evidence, byte for byte.
    keep_evidence(runtime)
    with runtime.store.read() as session:
        complaint = session.scalar(select(Complaint).where(Complaint.ticket == ticket))
        assert complaint is not None and complaint.channel == "web"
        kept = session.scalars(select(Attachment).where(
            Attachment.complaint_id == complaint.id)).all()
    assert [(a.content_type, a.fetch_status) for a in kept] == [("image/jpeg", "stored")]
    assert kept[0].sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()

    # The officers hear of it (a sensitive type: the group the ticket, the leaders the story);
    # the session's token and its address appear in nothing they read, nor anywhere else.
    deliver(runtime)
    # (the group reads a sensitive alert at its slot, privacy.sensitive_alert_slots; this
    # server runs on the real clock. The web chat files anonymously: the leaders' notice
    # waits for the slot too, tests/test_privacy_s42a_anonymous_leaders.py)
    with runtime.store.unit() as unit:
        assert [i.status for i in unit.outbox_items(kind="alert", complaint_id=complaint.id)] \
            in (["pending"], ["sent"])
        held = [i for i in unit.outbox_items(kind="held_ping", complaint_id=complaint.id)
                if i.address == str(KASI)]
        assert len(held) == 1 and held[0].status in ("pending", "sent"), held
        assert "untuk pimpinan" in held[0].body, held[0].body
    cookie = next(c for c in page.driver.get_cookies() if c["name"].endswith("aduan_chat"))
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    token = cookie["value"]
    with runtime.store.read() as session:
        bodies = [r.body + str(r.payload) for r in session.scalars(select(OutboxItem))]
    assert not any(token in body for body in bodies + tg_server.sent_texts())
    assert not any(address_of(token) in text for text in tg_server.sent_texts())

    # Coming back: the transcript, with the ticket, is still there.
    page.reload()
    page.wait(lambda: any(ticket in b for b in page.bubbles("bot")))
    assert any(STORY in b for b in page.bubbles("me"))

    # What a person types is shown as text, never as markup.
    markup = "<img src=x onerror=alert(1)><b>tebal</b>"
    page.say(markup)
    assert page.bubbles("me")[-1].strip() == markup
    assert page.driver.execute_script(
        "return document.querySelectorAll('#log [onerror], #log b').length") == 0

    # An officer writes (in a private chat with the bot: a sensitive complaint): the page shows
    # it without a reload.
    officer = TelegramUser(app.test_client(), PETUGAS)
    assert officer.send(f"/kabar {ticket} Kami sedang memeriksa rekaman CCTV loket 3.") == "officer"
    page.wait(lambda: any("CCTV" in b for b in page.bubbles("bot")), timeout=40)
    page.screenshot(screens / "phone-5-update.png")

    # A shared phone: the person ends the session (after a confirmation); the next person on
    # this phone finds an empty chat with a new session, and the complaint goes on.
    assert page.find("#end:not([hidden])")
    page.find("#end")[0].click()
    page.driver.switch_to.alert.accept()
    page.wait(lambda: page.find("#intro:not([hidden])") and page.find("#end[hidden]"))
    assert page.count() == 0 and "CCTV" not in page.transcript()
    fresh = next(c for c in page.driver.get_cookies() if c["name"].endswith("aduan_chat"))
    assert fresh["value"] != token
    page.screenshot(screens / "phone-6-ended.png")

    # Someone else, from another browser, in English: ticket, then PIN.
    other = open_chat(browsers, url, DESKTOP, mobile=False)
    other.wait(lambda: other.find("#intro:not([hidden])"))
    other.find("#lang")[0].click()
    assert other.driver.execute_script("return document.documentElement.lang") == "en"
    assert other.find("#check")[0].text == "Check a status with a ticket number"
    other.find("#check")[0].click()
    other.wait(lambda: other.count() >= 1 and "send your ticket number" in
               other.bubbles("bot")[-1].lower())
    other.say(ticket)
    assert "PIN" in other.bubbles("bot")[-1] and "security" in other.bubbles("bot")[-1]
    other.say(pin)
    status = other.bubbles("bot")[-1]
    # the officers' latest message is part of the status for whoever gives the PIN
    assert ticket in status and "rekaman CCTV" in status
    other.screenshot(screens / "desktop-status.png")
    assert other.accessibility() == []

    for browser in browsers:
        assert browser.console_errors() == []


class HostSite:
    """An office's own site on another origin, with the widget's script tag on its page."""

    def __init__(self, chat_url: str, port: int):
        page = (f"<!doctype html><html lang='id'><head><meta charset='utf-8'>"
                f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
                f"<title>Kantor Imigrasi</title></head><body><h1>Kantor Imigrasi Tarakan</h1>"
                f"<p>Selamat datang di situs kami.</p>"
                f"<script src='{chat_url}/chat/widget.js' async></script></body></html>")

        @Request.application
        def site(_request: Request) -> Response:
            return Response(page, mimetype="text/html")

        self.server = make_server("localhost", port, site, threaded=True)
        self.url = f"http://localhost:{port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def test_the_widget_opens_the_chat_on_another_site(sqlite_url, tmp_path, browsers, screens):
    require_chromium()
    port = free_port()    # the office's site: another origin (localhost, not 127.0.0.1)
    server, _, runtime = serve(sqlite_url, tmp_path, WEB_EMBED_ORIGINS=f"http://localhost:{port}")
    host = HostSite(server.url, port)
    try:
        browser = Browser(PHONE)
        browsers.append(browser)
        page = ChatPage(browser, host.url).open()
        button = page.wait(lambda: next((b for b in page.find("button")
                                         if "Pengaduan" in b.text), None))
        button.click()
        frame = page.wait(lambda: page.find("#aduan-chat-panel iframe"))[0]
        browser.driver.switch_to.frame(frame)
        page.wait(lambda: page.find("#intro:not([hidden])"))
        page.find("#start")[0].click()
        page.wait(lambda: page.choices())
        # The cross-site frame keeps its session in its own storage, not in a cookie.
        assert browser.driver.execute_script("return localStorage.getItem('aduan.session')")
        assert not browser.driver.get_cookies()
        page.screenshot(screens / "widget-phone.png")
        page.find(".bar .close")[0].click()             # the chat's own close button
        browser.driver.switch_to.default_content()
        page.wait(lambda: not page.find("#aduan-chat-panel")[0].is_displayed())
        assert button.get_attribute("aria-expanded") == "false"
        assert browser.console_errors() == []
    finally:
        host.stop()
        server.stop()
        runtime.store.dispose()


def test_a_story_longer_than_one_message_arrives_whole(live, browsers):
    """A person pastes a long story written elsewhere. The box once had a maximum length, so
    the paste was cut at 4,000 characters without a word; now it goes as several messages,
    in order, and the story holds all of it."""
    from selenium.webdriver.common.by import By
    url, _, runtime = live
    page = open_chat(browsers, url)
    page.say("halo")
    page.choose("Sampaikan pengaduan")
    story = " ".join(f"Kalimat nomor {i} tentang antrian paspor yang sangat lama di kantor."
                     for i in range(130))                        # about 9,000 characters
    assert len(story) > 8000
    box = page.driver.find_element(By.ID, "text")
    page.driver.execute_script(                                   # as a paste puts it there
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
        box, story)
    box.send_keys(".")                                            # and the person types on
    page.driver.find_element(By.ID, "send").click()
    page.wait(lambda: len(page.bubbles("me")) >= 5 and not page.find(".msg.me .meta.failed")
              and page.driver.execute_script(
                  "return Array.from(document.querySelectorAll('.msg.me .meta'))"
                  ".every(function (m) { return m.textContent.indexOf('…') < 0; })"))
    with runtime.store.unit() as unit:
        [state] = unit.session.scalars(select(ConversationState)).all()
    told = " ".join(state.data["story"])
    assert told == story + "." and len(state.data["story"]) == 3
