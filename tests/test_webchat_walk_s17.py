"""Citizens on a cheap phone with a patchy connection, second pass (real headless Chromium, and
the page's JSON API through the Flask test client): a message that waited out a long outage
goes when the connection returns, in order and once; a page reloaded before the bot's reply
offers no stale buttons and says the reply is on its way; the "answer choices" button keeps
to one line at 200% zoom; a person talking to the officers sees an officer's answer within
seconds while the page is open."""
from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
from sqlalchemy import select

from handlers.webchat_session import address_of
from bot.notify import open_code
from storage.models import Message
from tests.support.browser import Browser, ChatPage
from tests.support.telegram import OFFICER_CHAT, PETUGAS, TelegramUser
from tests.support.webchat import WebVisitor
from tests.test_webchat_browser import browsers, live  # noqa: F401 - fixtures
from tests.test_webchat_walk_s16 import CHEAP_PHONE, open_chat

pytestmark = pytest.mark.timeout(300)
STORY = "Petugas loket meminta uang tambahan tanpa kuitansi agar paspor cepat jadi."
COMING = "Balasan segera datang…"
# The page's own waits of 2 s and more (its retries after a failed post, its slowed polls)
# pass twenty times faster: minutes offline take seconds of the test.
FASTER = ("(function () { var later = window.setTimeout;"
          " window.setTimeout = function (fn, delay) {"
          "   delay = Number(delay) || 0; if (delay >= 2000) { delay = Math.max(100, delay / 20); }"
          "   return later.call(window, fn, delay); }; }());")


def offline(page: ChatPage, cut: bool) -> None:
    page.driver.execute_cdp_cmd("Network.enable", {})
    page.driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": cut, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def type_and_send(page: ChatPage, text: str) -> None:
    page.driver.find_element("id", "text").send_keys(text)
    page.driver.find_element("id", "send").click()


def status(page: ChatPage) -> str:
    return page.driver.find_element("id", "status").text


def inbound(runtime: Any) -> list[str]:
    """What the server received from browsers, in order."""
    with runtime.store.read() as session:
        return list(session.scalars(select(Message.body).where(
            Message.channel == "web", Message.direction == "in").order_by(Message.id)))


# --- 1. an outage degrades, it does not drop ----------------------------------------------------
def test_messages_that_waited_out_a_long_outage_go_in_order_and_once(live, browsers):
    url, _app, runtime = live
    browser = Browser(CHEAP_PHONE)
    browsers.append(browser)
    browser.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FASTER})
    page = ChatPage(browser, url + "/chat").open()
    page.wait(lambda: page.find("#intro:not([hidden])"))
    page.say("halo")
    offline(page, True)
    type_and_send(page, "pengaduan")
    type_and_send(page, STORY)
    page.wait(lambda: status(page).startswith("Tidak ada koneksi"))
    # Far more than eight tries' worth of waiting (2.5 minutes at the page's pace): still
    # waiting for the connection, as the line under the conversation promises; nothing is
    # given up or offered to be sent again by hand.
    time.sleep(12)
    assert status(page).startswith("Tidak ada koneksi"), status(page)
    assert page.find(".msg.me .meta.failed") == [] and page.find(".retry") == []
    assert inbound(runtime) == ["halo"]
    offline(page, False)
    page.wait(lambda: any("Sudah semua" in b for b in page.bubbles("bot")), timeout=40)
    assert inbound(runtime) == ["halo", "pengaduan", STORY]       # in order, each once
    assert all(m.text.endswith("Terkirim") for m in page.find(".msg.me .meta"))
    assert not status(page).startswith("Tidak ada koneksi")


# --- 2. a reload before the bot's reply ---------------------------------------------------------
def test_a_page_reloaded_before_the_reply_offers_no_stale_choices_and_says_it_comes(live,
                                                                                   browsers):
    url, _app, runtime = live
    page = open_chat(browsers, url)
    page.say("halo")
    assert "Sampaikan pengaduan" in page.choices()
    told = page.count()
    # The person's own message is the last one kept, and the bot's reply is due a few seconds
    # later (as the pause after a story bubble is): what the engine leaves after such a turn.
    address = address_of(next(c["value"] for c in page.driver.get_cookies()
                              if c["name"].endswith("aduan_chat")))
    now = runtime.engine.clock()
    with runtime.store.unit() as unit:
        unit.session.add(Message(direction="in", provider="web", provider_id="web:s17-reload",
                                 channel="web", address=address, body=STORY, created_at=now))
        unit.schedule(kind="pause", channel="web", address=address, at=now,
                      due=now + dt.timedelta(seconds=6),
                      body="Sudah semua? Balas *lanjut*, atau tambahkan cerita.", payload={})
    page.reload()
    page.wait(lambda: page.bubbles("me") and page.bubbles("me")[-1] == STORY)
    # The menu's buttons, shown before the person's last message, answer nothing now; the
    # page says the reply is on its way instead.
    assert page.choices() == [] and page.count() == told
    page.wait(lambda: status(page) == COMING, timeout=3)
    page.wait(lambda: page.count() > told, timeout=20)
    assert "Sudah semua" in page.bubbles("bot")[-1]
    page.wait(lambda: status(page) == "", timeout=3)


def test_the_answers_say_when_a_reply_is_due_and_whether_an_officer_is_awaited(client, clock):
    person = WebVisitor(client)
    person.say("halo")
    person.say("pengaduan")
    answer = person.post(STORY)
    assert answer.get_json()["wait"] == {"officer": False, "coming": 8.0}
    person.accept(answer)
    assert person.load()["wait"] == {"officer": False, "coming": 8.0}   # a reload says so too
    clock.advance(seconds=9)
    polled = client.get(f"/chat/api/messages?after={person.cursor}", headers=person.headers())
    body = polled.get_json()
    assert "Sudah semua" in body["messages"][-1]["text"]
    assert body["wait"] == {"officer": False, "coming": None}
    person.say("menu")
    answer = person.post("bicara dengan petugas").get_json()
    assert answer["wait"]["officer"] is True
    person.say("selesai")
    assert person.load()["wait"]["officer"] is False


# --- 3. the way down to the buttons at 200% zoom ------------------------------------------------
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_answer_choices_button_keeps_to_one_line_at_200_percent_zoom(live, browsers, lang):
    url, _app, _runtime = live
    page = open_chat(browsers, url, (180, 320))
    if lang == "en":
        page.find("#lang")[0].click()
    page.say("halo" if lang == "id" else "hello there")
    page.driver.execute_script(
        "var box = document.getElementById('scroller'); box.scrollTop = 0;"
        "box.dispatchEvent(new Event('scroll'));")
    page.wait(lambda: page.find("#jump:not([hidden])"), timeout=5)
    jump = page.driver.execute_script(
        "var j = document.getElementById('jump'), r = j.getBoundingClientRect();"
        "return {left: r.left >= 0, right: r.right <= window.innerWidth, height: r.height,"
        "        cut: j.scrollWidth > j.clientWidth};")
    assert jump == {"left": True, "right": True, "height": 44, "cut": False}
    assert page.find("#jump")[0].text == ("⬇ Pilihan jawaban" if lang == "id"
                                          else "⬇ Answer choices")
    page.find("#jump")[0].click()
    page.wait(lambda: page.find("#jump[hidden]"), timeout=3)
    # It brings the buttons into sight by scrolling the conversation, not the whole page: the
    # header stays in place and nothing blank opens under the message box.
    assert page.driver.execute_script(
        "return [document.scrollingElement.scrollTop,"
        "        document.scrollingElement.scrollHeight - window.innerHeight,"
        "        document.querySelector('.bar').getBoundingClientRect().top]") == [0, 0, 0]
    assert page.find("#choices .choice")[0].is_displayed()


# --- 4. waiting for an officer -------------------------------------------------------------------
def test_a_person_waiting_for_an_officer_sees_the_answer_within_seconds(live, browsers):
    url, app, runtime = live
    page = open_chat(browsers, url)
    page.say("halo")
    page.choose("petugas")
    type_and_send(page, "Saya mau tanya soal perpanjangan VOA saya.")
    # The officers' acknowledgement comes after the bot's short pause: the page says it is
    # on its way meanwhile.
    page.wait(lambda: status(page) == COMING, timeout=5)
    page.wait(lambda: "Diteruskan ke petugas" in page.bubbles("bot")[-1], timeout=20)
    page.wait(lambda: status(page) == "", timeout=3)
    # Half a minute later, the page still looks every few seconds (not every 30 s).
    time.sleep(30)
    polls = page.driver.execute_script(
        "var now = performance.now();"
        "return performance.getEntriesByType('resource').filter(function (e) {"
        "  return e.name.indexOf('/chat/api/messages?after=') >= 0"
        "    && e.startTime > now - 10000; }).length;")
    assert polls >= 3, polls
    with runtime.store.read() as session:
        code = session.scalar(select(Message.complainant_id).where(
            Message.address == address_of(next(
                c["value"] for c in page.driver.get_cookies()
                if c["name"].endswith("aduan_chat")))))
    group = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                         chat_type="supergroup")
    with runtime.store.unit() as unit:           # the talk's own code (test_privacy_s40a_codes)
        code = open_code(unit.live_contact_request(code).id)
    assert group.send(f"/pesan {code} Selamat siang, VOA diperpanjang di loket 2.") == "officer"
    started = time.monotonic()
    page.wait(lambda: any("loket 2" in b for b in page.bubbles("bot")), timeout=30)
    assert time.monotonic() - started < 5
