"""Citizens on a cheap phone with a patchy connection, fourth pass (real headless Chromium): a
photo sent while the connection is down survives a reload of the tab (itself, or a smaller copy
of a big one) and goes once, in order with the texts; a message the server failed is kept
across a reload, marked, until it is sent again or discarded; and what a walk of the page on a
patchy connection found (a double tap, typing while a reply arrives, a turned screen, long
Indonesian words)."""
from __future__ import annotations

import hashlib
import io
import json
import random
import socket
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
from sqlalchemy import select

from storage.models import Attachment, Message
from tests.support.browser import Browser, ChatPage, LiveServer, require_chromium
from tests.support.telegram import channel_env
from tests.test_webchat_browser import browsers, photo, screens, serve  # noqa: F401 - fixtures
from tests.test_webchat_walk_s16 import CHEAP_PHONE, viewport
from tests.test_webchat_walk_s17 import FASTER, status, type_and_send

pytestmark = pytest.mark.timeout(300)
STORY = "Petugas loket meminta uang tambahan tanpa kuitansi agar paspor cepat jadi."
CAPTION = "ini kuitansinya"


class Flaky:
    """The app behind a patchy connection: while `cut`, a post never reaches it (the
    connection drops, as offline); `fail` answers the next posts with that status (a server
    in trouble) until `failures` of them have been failed; the page's start (its state) comes
    `slow_state` seconds late, and the next `state_failures` starts are a 503 asking the page
    to come back after `state_retry` seconds."""

    def __init__(self, app: Any):
        self.app = app
        self.cut = False
        self.fail = 0
        self.failures = 0
        self.slow_state = 0.0
        self.state_failures = 0
        self.state_retry = 1
        self.fail_after = 0        # (with `fail`: the retry_after its JSON answer asks for)
        self.posts = 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if environ["PATH_INFO"] == "/chat/api/state":
            time.sleep(self.slow_state)
            if self.state_failures > 0:
                self.state_failures -= 1
                start_response("503 Unavailable", [("Content-Type", "application/json")])
                return [json.dumps({"error": "unavailable",
                                    "retry_after": self.state_retry}).encode()]
        if environ["REQUEST_METHOD"] == "POST" and self.cut:
            link = environ["werkzeug.socket"]
            link.shutdown(socket.SHUT_RDWR)
            link.close()
            return []
        if environ["REQUEST_METHOD"] == "POST":
            self.posts += 1
        if environ["REQUEST_METHOD"] == "POST" and self.failures > 0:
            self.failures -= 1
            environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            if self.fail_after:
                start_response(f"{self.fail} Wait", [("Content-Type", "application/json")])
                return [json.dumps({"error": "rate_limited", "retry_after": self.fail_after,
                                    "message": "Terlalu banyak pesan. Tunggu sebentar."}
                                   ).encode()]
            start_response(f"{self.fail} Failed", [("Content-Type", "text/html")])
            return [b"<h1>Internal Server Error</h1>"]
        return self.app(environ, start_response)


@pytest.fixture
def flaky_live(sqlite_url, tmp_path, tg_server,
               tw_server) -> Iterator[tuple[str, Flaky, Any]]:
    require_chromium()
    server, app, runtime = serve(sqlite_url, tmp_path, WEB_MESSAGES_PER_MINUTE="200",
                                 WEB_IP_MESSAGES_PER_MINUTE="400",
                                 **channel_env(tg_server, tw_server))
    flaky = Flaky(app)
    server.stop()
    server = LiveServer(flaky)
    try:
        yield server.url, flaky, runtime
    finally:
        server.stop()
        runtime.store.dispose()


def phone(browsers: list[Browser], url: str, faster: bool = True) -> ChatPage:
    browser = Browser(CHEAP_PHONE)
    browsers.append(browser)
    if faster:
        browser.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                       {"source": FASTER})
    page = ChatPage(browser, url + "/chat").open()
    page.wait(lambda: page.find("#intro:not([hidden])"))
    return page


def inbound(runtime: Any) -> list[tuple[str, list[str]]]:
    """What the server received from browsers, in order: each text and its files' urls."""
    with runtime.store.read() as session:
        rows = session.scalars(select(Message).where(
            Message.channel == "web", Message.direction == "in").order_by(Message.id)).all()
        return [(m.body, [a.url for a in m.attachments]) for m in rows]


def texts(runtime: Any) -> list[str]:
    return [body for body, _ in inbound(runtime)]


def unsent(page: ChatPage) -> str:
    return page.driver.execute_script("return sessionStorage.getItem('aduan.unsent') || ''")


def local(page: ChatPage) -> str:
    return page.driver.execute_script(
        "return Object.keys(localStorage).map(function (k) {"
        "  return k + '=' + localStorage.getItem(k); }).join(' ')")


def choose_file(page: ChatPage, path: Path, caption: str = "") -> None:
    page.driver.find_element("id", "file").send_keys(str(path))
    page.wait(lambda: page.driver.find_element("id", "attachment").is_displayed())
    if caption:
        page.driver.find_element("id", "text").send_keys(caption)
    page.driver.find_element("id", "send").click()


def reload(page: ChatPage) -> None:
    page.reload()
    page.wait(lambda: page.driver.execute_script("return document.readyState") == "complete")
    page.wait(lambda: page.bubbles("bot"))


def metas(page: ChatPage) -> list[str]:
    return [m.text for m in page.find(".msg.me .meta")]


def buttons(page: ChatPage) -> list[str]:
    return [b.text for b in page.find(".msg.me .actions button")]


# --- 1. a photo waiting for the connection survives a reload ----------------------------------
def test_a_photo_sent_offline_survives_a_reload_and_goes_once_in_order(flaky_live, browsers,
                                                                      photo):
    url, flaky, runtime = flaky_live
    page = phone(browsers, url)
    page.say("halo")
    flaky.cut = True
    type_and_send(page, "pengaduan")
    choose_file(page, photo, CAPTION)
    type_and_send(page, STORY)
    page.wait(lambda: status(page).startswith("Tidak ada koneksi"))
    # The photo is kept for this tab, whole (it is small), with the texts around it.
    page.wait(lambda: "data:image/jpeg;base64," in unsent(page))
    assert "base64" not in local(page) and STORY not in local(page)
    reload(page)
    page.wait(lambda: len(page.bubbles("me")) == 4)
    mine = page.bubbles("me")
    assert mine[1] == "pengaduan" and mine[3] == STORY
    assert mine[2].startswith("📷 Foto") and mine[2].endswith(CAPTION)
    assert page.find(".msg.me img"), "the waiting photo is shown again"
    assert metas(page)[1:] == ["Mengirim…"] * 3
    assert texts(runtime) == ["halo"]
    flaky.cut = False
    page.wait(lambda: texts(runtime) == ["halo", "pengaduan", CAPTION, STORY], timeout=30)
    page.wait(lambda: all(m.endswith("Terkirim") for m in metas(page)[1:]), timeout=20)
    assert unsent(page) == ""
    files = inbound(runtime)[2][1]
    assert files == ["web-upload:" + hashlib.sha256(photo.read_bytes()).hexdigest()]
    # Once: a second reload shows it once and sends nothing again.
    reload(page)
    page.wait(lambda: len(page.bubbles("me")) == 4)
    time.sleep(2)
    assert len(page.bubbles("me")) == 4
    assert texts(runtime) == ["halo", "pengaduan", CAPTION, STORY]


@pytest.fixture
def big_photo(tmp_path: Path) -> Path:
    """A 12-megapixel phone photo of a few megabytes, too big to keep as it is."""
    from PIL import Image, ImageFilter
    rnd = random.Random(20)
    small = Image.frombytes("RGB", (400, 300), bytes(rnd.randrange(256) for _ in range(360000)))
    image = small.resize((4000, 3000)).filter(ImageFilter.GaussianBlur(2))
    noise = Image.effect_noise((4000, 3000), 24).convert("RGB")
    image = Image.blend(image, noise, 0.25)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    path = tmp_path / "foto-loket.jpg"
    path.write_bytes(out.getvalue())
    assert path.stat().st_size > 1_500_000
    return path


def test_a_big_photo_sent_offline_is_kept_as_a_smaller_copy_across_a_reload(flaky_live,
                                                                           browsers,
                                                                           big_photo):
    from PIL import Image
    url, flaky, runtime = flaky_live
    page = phone(browsers, url)
    page.say("halo")
    flaky.cut = True
    choose_file(page, big_photo, CAPTION)
    page.wait(lambda: status(page).startswith("Tidak ada koneksi"))
    page.wait(lambda: "data:image/jpeg;base64," in unsent(page), timeout=20)
    assert len(unsent(page)) < 1_500_000
    reload(page)
    page.wait(lambda: len(page.bubbles("me")) == 2)
    assert page.bubbles("me")[1].startswith("📷 Foto")
    flaky.cut = False
    page.wait(lambda: texts(runtime) == ["halo", CAPTION], timeout=30)
    url_of = inbound(runtime)[1][1][0]
    digest = url_of.split(":", 1)[1]
    kept = Path(runtime.config.files_dir) / digest[:2] / digest[2:4] / digest
    copy = Image.open(io.BytesIO(kept.read_bytes()))
    assert copy.format == "JPEG" and max(copy.size) <= 1600 and copy.size[0] > copy.size[1]


def test_a_photo_that_could_not_be_kept_is_said_to_be_sent_again(flaky_live, browsers, photo):
    url, flaky, runtime = flaky_live
    page = phone(browsers, url)
    page.say("halo")
    flaky.cut = True
    # The tab's storage is full (other photos waiting): this one cannot be kept.
    page.driver.execute_script(
        "var real = Storage.prototype.setItem;"
        "Storage.prototype.setItem = function (k, v) {"
        "  if (String(v).indexOf('base64') >= 0) {"
        "    throw new DOMException('full', 'QuotaExceededError'); }"
        "  return real.call(this, k, v); };")
    choose_file(page, photo, CAPTION)
    page.wait(lambda: status(page).startswith("Tidak ada koneksi"))
    page.wait(lambda: CAPTION in unsent(page))
    time.sleep(1.5)                       # (past the moment it would have been kept)
    reload(page)
    page.wait(lambda: len(page.bubbles("me")) == 2)
    # Not silently gone: the bubble stays, says the photo must be chosen again, and offers to
    # send the words or discard them.
    # (its words, not only its mark: on a loaded machine the mark may come a tick before them)
    page.wait(lambda: "pilih lagi" in "".join(
        m.get_attribute("textContent") or "" for m in page.find(".msg.me .meta.failed")))
    assert buttons(page) == ["Kirim ulang", "Buang"]
    flaky.cut = False
    time.sleep(2)
    assert texts(runtime) == ["halo"]     # nothing goes on its own without its photo
    page.find(".msg.me .actions .retry")[0].click()
    page.wait(lambda: texts(runtime) == ["halo", CAPTION], timeout=20)
    assert inbound(runtime)[1][1] == []
    page.wait(lambda: metas(page)[-1].endswith("Terkirim"))
    assert unsent(page) == ""


# --- 2. a message the server failed is kept until sent again or discarded -----------------------
def test_a_failed_message_is_kept_across_a_reload_until_sent_again(flaky_live, browsers):
    url, flaky, runtime = flaky_live
    page = phone(browsers, url)
    page.say("halo")
    flaky.fail, flaky.failures = 500, 1
    type_and_send(page, "pengaduan")
    page.wait(lambda: page.find(".msg.me .meta.failed"))
    assert buttons(page) == ["Kirim ulang", "Buang"]
    # (the line under the conversation says what to do: not "reload", which used to lose it)
    assert status(page) == ("Pesan belum terkirim karena gangguan. Ketuk Kirim ulang untuk "
                            "mencoba lagi.")
    reload(page)
    # Still there, after the transcript, marked as not sent, with its two actions.
    page.wait(lambda: page.bubbles("me") == ["halo", "pengaduan"])
    assert metas(page)[-1] == "Belum terkirim."
    assert buttons(page) == ["Kirim ulang", "Buang"]
    assert page.find(".msg.me .actions .discard")[0].get_attribute("aria-label") == \
        "Buang pesan yang belum terkirim ini"
    time.sleep(1)
    assert texts(runtime) == ["halo"]       # not sent again without the person's say
    assert "pengaduan" not in local(page)
    page.find(".msg.me .actions .retry")[0].click()
    page.wait(lambda: texts(runtime) == ["halo", "pengaduan"], timeout=20)
    page.wait(lambda: metas(page)[-1].endswith("Terkirim"))
    assert buttons(page) == [] and unsent(page) == ""
    reload(page)
    page.wait(lambda: page.bubbles("me") == ["halo", "pengaduan"])
    time.sleep(1.5)
    assert page.bubbles("me") == ["halo", "pengaduan"] and buttons(page) == []
    assert texts(runtime) == ["halo", "pengaduan"]


def test_a_failed_message_discarded_stays_gone(flaky_live, browsers):
    url, flaky, runtime = flaky_live
    page = phone(browsers, url)
    page.say("halo")
    flaky.fail, flaky.failures = 400, 1
    type_and_send(page, "pesan yang gagal")
    page.wait(lambda: page.find(".msg.me .meta.failed"))
    type_and_send(page, "pengaduan")              # the next one is not held up behind it
    page.wait(lambda: texts(runtime) == ["halo", "pengaduan"], timeout=20)
    reload(page)
    page.wait(lambda: page.bubbles("me") == ["halo", "pengaduan", "pesan yang gagal"])
    assert buttons(page) == ["Kirim ulang", "Buang"]
    page.find(".msg.me .actions .discard")[0].click()
    page.wait(lambda: page.bubbles("me") == ["halo", "pengaduan"])
    assert unsent(page) == ""
    reload(page)
    page.wait(lambda: page.bubbles("me") == ["halo", "pengaduan"])
    time.sleep(1.5)
    assert page.bubbles("me") == ["halo", "pengaduan"]
    assert texts(runtime) == ["halo", "pengaduan"]
    # Discarded at once, its warning under the conversation goes with it.
    flaky.fail, flaky.failures = 500, 1
    type_and_send(page, "gagal lagi")
    page.wait(lambda: page.find(".msg.me .actions .discard"))
    assert status(page).startswith("Pesan belum terkirim")
    page.find(".msg.me .actions .discard")[0].click()
    page.wait(lambda: page.bubbles("me") == ["halo", "pengaduan"])
    assert status(page) == "" and unsent(page) == ""



def test_a_person_writing_english_reads_a_failure_in_english(flaky_live, browsers):
    url, flaky, runtime = flaky_live
    page = phone(browsers, url)
    page.say("Hello, I want to complain about an officer at the counter")
    page.wait(lambda: page.driver.execute_script("return document.documentElement.lang") == "en")
    flaky.fail, flaky.failures = 500, 1
    type_and_send(page, "He asked me for money")
    page.wait(lambda: page.find(".msg.me .meta.failed"))
    assert status(page) == "Not sent because of a fault. Tap Send again to try again."
    reload(page)
    page.wait(lambda: buttons(page) == ["Send again", "Discard"])
    assert metas(page)[-1] == "Not sent yet."
    assert page.find(".msg.me .actions .discard")[0].get_attribute("aria-label") == \
        "Discard this unsent message"
    page.find(".msg.me .actions .retry")[0].click()
    page.wait(lambda: texts(runtime)[-1:] == ["He asked me for money"], timeout=20)
    page.wait(lambda: metas(page)[-1].endswith("Sent"))


# --- 3. what the walk found ---------------------------------------------------------------------
def test_a_message_sent_before_the_page_is_ready_goes_once_it_is(flaky_live, browsers):
    url, flaky, runtime = flaky_live
    page = phone(browsers, url, faster=False)
    page.say("halo")
    type_and_send_later = "Saya mau mengadu soal antrean paspor"
    page.driver.find_element("id", "text").send_keys("cerita yang belum selesai")
    page.driver.execute_script("document.getElementById('text').dispatchEvent(new Event('input'))")
    # A slow start on a weak signal: the page shows, its conversation comes seconds later; the
    # person writes and presses Kirim meanwhile (it used to empty the box and send nothing).
    flaky.slow_state = 4.0
    page.reload()
    page.wait(lambda: page.driver.execute_script("return document.readyState") == "complete")
    box = page.driver.find_element("id", "text")
    box.clear()
    box.send_keys(type_and_send_later)
    page.driver.find_element("id", "send").click()
    flaky.slow_state = 0.0
    assert box.get_attribute("value") == type_and_send_later
    assert status(page) == "Mohon tunggu sebentar…"
    page.wait(lambda: texts(runtime) == ["halo", type_and_send_later], timeout=20)
    page.wait(lambda: page.bubbles("me") == ["halo", type_and_send_later])
    # What was being typed before the reload is back in the box, not sent without a look.
    assert box.get_attribute("value") == "cerita yang belum selesai"
    time.sleep(1.5)
    assert texts(runtime) == ["halo", type_and_send_later]


def test_a_failed_start_says_so_and_the_warning_goes_once_the_page_is_ready(flaky_live,
                                                                            browsers):
    url, flaky, _runtime = flaky_live
    flaky.state_failures = 1
    page = phone(browsers, url)           # (it waits for the intro: the second start)
    page.wait(lambda: page.find("#intro:not([hidden])"))
    assert status(page) == ""


def test_a_failed_start_is_made_again_at_once_when_back_online(flaky_live, browsers):
    url, flaky, _runtime = flaky_live
    flaky.state_failures, flaky.state_retry = 1, 120
    browser = Browser(CHEAP_PHONE)
    browsers.append(browser)
    page = ChatPage(browser, url + "/chat").open()
    page.wait(lambda: status(page).startswith("Tidak ada koneksi"))
    time.sleep(1)
    assert page.find("#intro:not([hidden])") == []
    page.driver.execute_script("window.dispatchEvent(new Event('online'))")
    page.wait(lambda: page.find("#intro:not([hidden])"), timeout=5)
    assert status(page) == ""


def test_a_turned_phone_and_long_words_keep_the_page_inside_the_screen(flaky_live, browsers):
    url, _flaky, _runtime = flaky_live
    page = phone(browsers, url)
    page.say("halo")
    page.choose("pengaduan")
    page.say("Petugasnya tidak mempertanggungjawabkannya, ketidakprofesionalannya keterlaluan.")
    outside = ("return Array.from(document.querySelectorAll('.bar *, #log *, .composer *'))"
               ".filter(function (n) { var r = n.getBoundingClientRect();"
               "  return r.width && !n.closest('.sr-only') && !n.hidden"
               "    && (r.right > window.innerWidth + 1 || r.left < -1); }).length")
    for width, height in ((640, 360), (360, 640)):
        viewport(page, width, height)
        page.wait(lambda: page.driver.execute_script(
            "return document.documentElement.scrollWidth") <= width, timeout=3)
        assert page.driver.execute_script(outside) == 0
        # The box keeps what is being typed, and the newest bubble stays in sight.
        assert "ketidakprofesionalannya" in page.bubbles("me")[-1]


def test_a_message_sent_while_the_server_asks_to_wait_waits_too(flaky_live, browsers):
    url, flaky, runtime = flaky_live
    page = phone(browsers, url, faster=False)
    page.say("halo")
    flaky.fail, flaky.failures, flaky.fail_after = 429, 1, 3
    posts = flaky.posts
    type_and_send(page, "pengaduan")
    page.wait(lambda: status(page) == "Terlalu banyak pesan. Tunggu sebentar.")
    type_and_send(page, STORY)            # a quick second message does not jump the wait
    time.sleep(1.5)
    assert flaky.posts == posts + 1
    page.wait(lambda: texts(runtime) == ["halo", "pengaduan", STORY], timeout=15)
    page.wait(lambda: all(m.endswith("Terkirim") for m in metas(page)))
    assert flaky.posts == posts + 3


def test_a_first_message_that_failed_is_kept_in_place_of_the_welcome(flaky_live, browsers):
    url, flaky, runtime = flaky_live
    page = phone(browsers, url)
    flaky.fail, flaky.failures = 500, 1
    page.find("#start")[0].click()
    page.wait(lambda: page.find(".msg.me .actions .retry"))
    page.reload()
    page.wait(lambda: page.bubbles("me") == ["Halo"])
    assert page.find("#intro:not([hidden])") == [] and buttons(page) == ["Kirim ulang", "Buang"]
    page.find(".msg.me .actions .retry")[0].click()
    page.wait(lambda: texts(runtime) == ["Halo"], timeout=20)
    page.wait(lambda: page.choices())
