"""Citizens on a cheap phone with a patchy connection, third pass (real headless Chromium, and
the page's JSON API through the Flask test client): messages waiting out an outage survive a
reload of the tab and go once, in order; a page waiting long for an officer's answer looks less
and less often, not at all while hidden, and at once when shown again; a person with two
tickets asking for "status" picks one with a button; a wall of emoji goes whole; a long story
being typed survives the tab being dropped; a post lost without a word goes again, once."""
from __future__ import annotations

import socket
import time
from typing import Any, Iterator

import pytest
from sqlalchemy import select

from storage.models import Message
from tests.support.browser import Browser, ChatPage, LiveServer, require_chromium
from tests.support.telegram import channel_env
from tests.support.webchat import WebVisitor, file_complaint
from tests.test_webchat_browser import browsers, live, screens, serve  # noqa: F401 - fixtures
from tests.test_webchat_walk_s16 import CHEAP_PHONE, open_chat
from tests.test_webchat_walk_s17 import FASTER, status, type_and_send

pytestmark = pytest.mark.timeout(300)
STORY = "Petugas loket meminta uang tambahan tanpa kuitansi agar paspor cepat jadi."
MORE = "Kejadiannya kemarin siang di loket 3, petugasnya laki-laki berkacamata."
# Date.now() on the page runs `window.skew` milliseconds ahead: minutes of waiting pass at once.
SKEWED = ("(function () { var real = Date.now; window.skew = 0;"
          " Date.now = function () { return real() + window.skew; }; }());")


def inbound(runtime: Any) -> list[str]:
    """What the server received from browsers, in order."""
    with runtime.store.read() as session:
        return list(session.scalars(select(Message.body).where(
            Message.channel == "web", Message.direction == "in").order_by(Message.id)))


def kept(page: ChatPage) -> dict[str, Any]:
    return page.driver.execute_script(
        "return {session: sessionStorage.getItem('aduan.unsent'),"
        "        local: Object.keys(localStorage).map(function (k) {"
        "          return localStorage.getItem(k); }).join(' ')};")


def polls_since(page: ChatPage, since_ms: float) -> list[float]:
    """When (performance.now(), ms) the page polled for messages after `since_ms`."""
    return page.driver.execute_script(
        "var since = arguments[0];"
        "return performance.getEntriesByType('resource').filter(function (e) {"
        "  return e.name.indexOf('/chat/api/messages?after=') >= 0"
        "    && e.startTime > since; }).map(function (e) { return e.startTime; });",
        since_ms)


def now_ms(page: ChatPage) -> float:
    return page.driver.execute_script("return performance.now()")


class Patchy:
    """The app behind a patchy connection: while `cut`, a post of a message never reaches it
    (the connection drops: the page's fetch fails as it does offline, and stays failing across
    a reload); with `hang`, the next post reaches it only that many seconds later (a
    connection that died without a word); with `delay`, a post's answer comes that many seconds after it was handled (a
    reply lost: the page is reloaded before it comes)."""

    def __init__(self, app: Any):
        self.app = app
        self.delay = 0.0
        self.cut = False
        self.hang = 0.0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if self.hang and environ["REQUEST_METHOD"] == "POST":
            hang, self.hang = self.hang, 0.0     # this post only: it arrives that much later
            time.sleep(hang)
        if self.cut and environ["REQUEST_METHOD"] == "POST":
            link = environ["werkzeug.socket"]
            link.shutdown(socket.SHUT_RDWR)
            link.close()
            return []
        out = self.app(environ, start_response)
        if environ["REQUEST_METHOD"] == "POST" and self.delay:
            time.sleep(self.delay)
        return out


@pytest.fixture
def patchy_live(sqlite_url, tmp_path, tg_server,
                tw_server) -> Iterator[tuple[str, Patchy, Any]]:
    require_chromium()
    server, app, runtime = serve(sqlite_url, tmp_path, **channel_env(tg_server, tw_server))
    patchy = Patchy(app)
    server.stop()
    server = LiveServer(patchy)
    try:
        yield server.url, patchy, runtime
    finally:
        server.stop()
        runtime.store.dispose()


# --- 1. what waits to be sent survives a reload ---------------------------------------------------
def test_messages_waiting_to_be_sent_survive_a_reload_and_go_in_order_once(patchy_live,
                                                                          browsers):
    url, patchy, runtime = patchy_live
    browser = Browser(CHEAP_PHONE)
    browsers.append(browser)
    browser.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FASTER})
    page = ChatPage(browser, url + "/chat").open()
    page.wait(lambda: page.find("#intro:not([hidden])"))
    page.say("halo")
    patchy.cut = True
    type_and_send(page, "pengaduan")
    type_and_send(page, STORY)
    page.wait(lambda: status(page).startswith("Tidak ada koneksi"))
    # Kept for this tab only: a shared phone keeps nothing of it once the tab is closed.
    assert STORY in (kept(page)["session"] or "") and STORY not in kept(page)["local"]
    page.reload()
    page.wait(lambda: page.driver.execute_script("return document.readyState") == "complete")
    # Still there after the reload, after the transcript, in order, shown as on their way.
    page.wait(lambda: page.bubbles("me")[-2:] == ["pengaduan", STORY])
    assert page.bubbles("me") == ["halo", "pengaduan", STORY]
    metas = [m.text for m in page.find(".msg.me .meta")]
    assert metas[-2:] == ["Mengirim…", "Mengirim…"], metas
    page.wait(lambda: status(page).startswith("Tidak ada koneksi"))
    assert page.choices() == []          # the menu's buttons answer nothing now
    assert inbound(runtime) == ["halo"]
    patchy.cut = False
    page.wait(lambda: any("Sudah semua" in b or "ceritakan" in b.lower()
                          for b in page.bubbles("bot")[1:]), timeout=40)
    page.wait(lambda: inbound(runtime) == ["halo", "pengaduan", STORY], timeout=20)
    page.wait(lambda: all(m.text.endswith("Terkirim") for m in page.find(".msg.me .meta")[1:]))
    assert kept(page)["session"] is None
    # A second reload shows each once, and sends nothing again.
    page.reload()
    page.wait(lambda: len(page.bubbles("me")) == 3)
    time.sleep(2)
    assert page.bubbles("me") == ["halo", "pengaduan", STORY]
    assert inbound(runtime) == ["halo", "pengaduan", STORY]


def test_a_message_that_arrived_before_a_reload_is_neither_shown_nor_sent_twice(patchy_live,
                                                                               browsers):
    url, patchy, runtime = patchy_live
    page = open_chat(browsers, url)
    page.say("halo")
    patchy.delay = 4.0
    type_and_send(page, "pengaduan")
    # The server has it; its answer has not come back when the person reloads.
    page.wait(lambda: inbound(runtime) == ["halo", "pengaduan"])
    assert "pengaduan" in (kept(page)["session"] or "")
    patchy.delay = 0.0
    page.reload()
    page.wait(lambda: page.count() >= 2)
    time.sleep(3)
    assert page.bubbles("me") == ["halo", "pengaduan"]
    assert inbound(runtime) == ["halo", "pengaduan"]
    assert kept(page)["session"] is None


def test_the_transcript_gives_the_page_the_ids_of_the_persons_messages(client):
    person = WebVisitor(client)
    person.say("halo", client_id="first-msg-01")
    person.say("pengaduan", client_id="second-msg-02")
    said = [m for m in person.load()["messages"] if m["by"] == "person"]
    assert [(m["text"], m["id"]) for m in said] == [("halo", "first-msg-01"),
                                                   ("pengaduan", "second-msg-02")]
    assert all(m.get("id") is None for m in person.load()["messages"] if m["by"] == "bot")


# --- 2. waiting long for an officer --------------------------------------------------------------
def talking_to_the_officers(browsers: list[Browser], url: str) -> ChatPage:
    browser = Browser(CHEAP_PHONE)
    browsers.append(browser)
    browser.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SKEWED})
    page = ChatPage(browser, url + "/chat").open()
    page.wait(lambda: page.find("#intro:not([hidden])"))
    page.say("halo")
    page.choose("petugas")
    type_and_send(page, "Saya mau tanya soal perpanjangan VOA saya.")
    page.wait(lambda: "Diteruskan ke petugas" in page.bubbles("bot")[-1], timeout=20)
    return page


def test_a_long_wait_for_an_officer_slows_the_page_down_gradually(live, browsers):
    url, _app, _runtime = live
    page = talking_to_the_officers(browsers, url)
    # Nine minutes without an answer: still every few seconds.
    page.driver.execute_script("window.skew = 9 * 60 * 1000")
    time.sleep(3.5)
    start = now_ms(page)
    time.sleep(12)
    assert len(polls_since(page, start)) >= 3
    # Fourteen minutes: every 15 s (3 s more for each minute past ten).
    page.driver.execute_script("window.skew = 14 * 60 * 1000")
    time.sleep(3.5)                       # the poll already planned at the old pace
    start = now_ms(page)
    time.sleep(20)
    seen = polls_since(page, start)
    assert 1 <= len(seen) <= 2, seen
    # The person writes again: every few seconds again.
    type_and_send(page, "Apakah ada petugas yang bisa membantu?")
    page.wait(lambda: page.find(".msg.me .meta")[-1].text.endswith("Terkirim"))
    time.sleep(16)                        # past the fast looks after a message
    start = now_ms(page)
    time.sleep(10)
    assert len(polls_since(page, start)) >= 3


def hide(page: ChatPage, hidden: bool) -> None:
    """The person switches to another app (or back): the page is told as a browser tells it."""
    page.driver.execute_script(
        "var hidden = arguments[0];"
        "Object.defineProperty(document, 'hidden', {configurable: true,"
        "  get: function () { return hidden; }});"
        "Object.defineProperty(document, 'visibilityState', {configurable: true,"
        "  get: function () { return hidden ? 'hidden' : 'visible'; }});"
        "document.dispatchEvent(new Event('visibilitychange'));", hidden)


def test_a_hidden_page_does_not_look_and_looks_at_once_when_shown(live, browsers):
    url, _app, _runtime = live
    page = talking_to_the_officers(browsers, url)
    time.sleep(16)                        # past the fast looks after a message
    hide(page, True)
    time.sleep(3.5)                       # a poll already on its way
    start = now_ms(page)
    time.sleep(10)
    assert polls_since(page, start) == []
    # Back after an hour: it looks at once, then every few seconds again.
    page.driver.execute_script("window.skew = 60 * 60 * 1000")
    shown = now_ms(page)
    hide(page, False)
    page.wait(lambda: polls_since(page, shown), timeout=2)
    assert polls_since(page, shown)[0] - shown < 1000
    time.sleep(10)
    assert len(polls_since(page, shown)) >= 4


# --- 3. "status" with two tickets -------------------------------------------------------------
@pytest.fixture
def roomy_live(sqlite_url, tmp_path, tg_server, tw_server) -> Iterator[tuple[str, Any, Any]]:
    """The live app with room for two intakes in a minute from one session."""
    require_chromium()
    server, app, runtime = serve(sqlite_url, tmp_path, WEB_MESSAGES_PER_MINUTE="200",
                                 WEB_IP_MESSAGES_PER_MINUTE="400",
                                 **channel_env(tg_server, tw_server))
    try:
        yield server.url, app, runtime
    finally:
        server.stop()
        runtime.store.dispose()


def test_a_person_with_two_tickets_picks_one_for_status_with_a_button(roomy_live, browsers,
                                                                      screens):
    url, app, _runtime = roomy_live
    person = WebVisitor(app.test_client(), token_mode=True)
    first, _ = file_complaint(person, STORY)
    person.say("menu")
    second, _ = file_complaint(person, MORE + " Saya diminta uang lagi.")
    page = open_chat(browsers, url)
    # The same browser session (its cookie), come back to the page.
    cookie = next(c for c in page.driver.get_cookies() if c["name"].endswith("aduan_chat"))
    page.driver.delete_all_cookies()
    page.driver.add_cookie({**cookie, "value": person.token})
    page.reload()
    page.wait(lambda: any(second in b for b in page.bubbles("bot")))
    page.say("status")
    buttons = page.choices()
    assert any(first in b for b in buttons) and any(second in b for b in buttons), buttons
    page.screenshot(screens / "s19-status-two-tickets.png")
    assert page.driver.execute_script(
        "return Array.from(document.querySelectorAll('#choices .choice')).every(function (b) {"
        "  var r = b.getBoundingClientRect(); return b.scrollWidth <= b.clientWidth"
        "    && r.left >= 0 && r.right <= window.innerWidth; })")
    page.choose(first)
    answer = page.bubbles("bot")[-1]
    assert first in answer and second not in answer, answer


# --- 4. emoji -------------------------------------------------------------------------------------
def test_half_an_emoji_is_taken_as_a_replacement_character_not_a_wedged_queue(client):
    # A lone UTF-16 surrogate (half an emoji, as a page cutting a paste could send) cannot be
    # stored: it was a 503 the page retries for ever, the messages after it stuck behind it.
    person = WebVisitor(client)
    person.say("halo")
    body = '{"id": "lone-half-emoji-1", "text": "antre lama \\ud83d", "after": 0}'
    answer = client.post("/chat/api/messages", data=body,
                         headers={**person.headers(), "Content-Type": "application/json"})
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert [m for m in person.load()["messages"] if m["by"] == "person"][-1]["text"] == \
        "antre lama \ufffd"


def test_a_pasted_wall_of_emoji_goes_whole_in_two_messages(live, browsers):
    url, _app, runtime = live
    page = open_chat(browsers, url)
    page.say("halo")
    wall = "a" + "😡" * 2100            # 4,201 UTF-16 units, no space to cut at
    page.driver.execute_script(
        "var box = document.getElementById('text'); box.value = arguments[0];"
        "box.dispatchEvent(new Event('input'));", wall)
    page.find("#send")[0].click()
    page.wait(lambda: len(inbound(runtime)) == 3, timeout=20)
    got = inbound(runtime)[1:]
    assert "".join(got) == wall and all("\ufffd" not in g for g in got)
    page.wait(lambda: all(m.text.endswith("Terkirim")
                          for m in page.find(".msg.me .meta")[1:]))
    assert page.find(".msg.me .meta.failed") == []


# --- 5. a long story typed on a phone ------------------------------------------------------------
def test_a_long_story_being_typed_survives_the_tab_being_dropped(live, browsers):
    url, _app, runtime = live
    page = open_chat(browsers, url)
    page.say("halo")
    page.choose("pengaduan")
    story = (STORY + " " + MORE + " ") * 20
    page.driver.find_element("id", "text").send_keys(story[:3000])
    # The person leaves for the camera; the phone drops the tab; they come back to it.
    assert STORY not in page.driver.execute_script(
        "return Object.keys(localStorage).map(function (k) {"
        "  return localStorage.getItem(k); }).join(' ')")
    page.reload()
    page.wait(lambda: page.count() >= 2)
    typed = story[:3000]
    page.wait(lambda: page.driver.find_element("id", "text").get_attribute("value") == typed)
    page.find("#send")[0].click()
    page.wait(lambda: inbound(runtime)[-1:] == [story[:3000].strip()], timeout=20)
    page.reload()
    page.wait(lambda: page.count() >= 2)
    time.sleep(1)
    assert page.driver.find_element("id", "text").get_attribute("value") == ""


# --- 6. a request that never comes back ---------------------------------------------------
def test_a_post_lost_without_a_word_goes_again_and_is_handled_once(patchy_live, browsers):
    url, patchy, runtime = patchy_live
    browser = Browser(CHEAP_PHONE)
    browsers.append(browser)
    browser.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FASTER})
    page = ChatPage(browser, url + "/chat").open()
    page.wait(lambda: page.find("#intro:not([hidden])"))
    page.say("halo")
    patchy.hang = 12.0
    started = time.monotonic()
    type_and_send(page, "pengaduan")
    type_and_send(page, STORY)
    # Given up after the page's wait (30 s, 1.5 s here), sent again with the same id: both go
    # long before the dead request would have ended.
    page.wait(lambda: inbound(runtime) == ["halo", "pengaduan", STORY], timeout=10)
    page.wait(lambda: all(m.text.endswith("Terkirim")
                          for m in page.find(".msg.me .meta")[1:]), timeout=10)
    assert time.monotonic() - started < 10
    # The dead request arrives after all: handled once all the same.
    time.sleep(max(0.0, 13 - (time.monotonic() - started)))
    assert inbound(runtime) == ["halo", "pengaduan", STORY]
    assert page.bubbles("me") == ["halo", "pengaduan", STORY]
