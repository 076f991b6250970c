"""Citizens on a cheap phone (360x640, the keyboard open, 200% zoom) in a real browser: the
page's own labels follow the language the bot speaks, the newest bubble stays in sight when
the keyboard or a status line takes room, a file the server refuses is explained without a
"send again" that cannot help, and the header fits a phone and a 200% zoom uncut."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.browser import Browser, ChatPage
from tests.test_webchat_browser import browsers, live  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)
CHEAP_PHONE = (360, 640)


def open_chat(browsers: list[Browser], url: str, size: tuple[int, int] = CHEAP_PHONE) -> ChatPage:
    browser = Browser(size)
    browsers.append(browser)
    page = ChatPage(browser, url + "/chat").open()
    page.wait(lambda: page.find("#intro:not([hidden])"))
    return page


def viewport(page: ChatPage, width: int, height: int) -> None:
    """The screen the page gets changes (the keyboard opens or closes)."""
    page.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
    page.wait(lambda: page.driver.execute_script("return window.innerHeight") == height)


def hidden_below(page: ChatPage) -> float:
    """How many pixels of the newest bubble (with its time line) are below the visible part of
    the conversation (0: all of it can be seen)."""
    return page.driver.execute_script(
        "var box = document.getElementById('scroller').getBoundingClientRect();"
        "var items = document.querySelectorAll('#log .msg');"
        "var last = items[items.length - 1].getBoundingClientRect();"
        "return Math.max(0, last.bottom - box.bottom);")


def test_the_page_speaks_the_language_the_bot_answers_in(live, browsers):
    url, _app, _runtime = live
    page = open_chat(browsers, url)
    page.say("Hello, I want to complain about an officer at the counter")
    assert "Tell us what happened" in page.bubbles("bot")[-1]     # the bot answers in English
    driver = page.driver
    page.wait(lambda: driver.execute_script("return document.documentElement.lang") == "en")
    assert driver.find_element("id", "text").get_attribute("placeholder") == "Write a message…"
    assert driver.find_element("id", "text").get_attribute("aria-label") == "Write a message"
    assert driver.find_element("id", "send").text == "Send"
    assert driver.find_element("id", "end").text == "End"
    assert driver.find_element("id", "lang").text == "Bahasa Indonesia"
    assert page.find(".msg.me .meta")[-1].text.endswith("Sent")
    speakers = driver.execute_script(
        "return Array.from(document.querySelectorAll('.speaker')).map(s => s.textContent)")
    assert speakers == ["You: ", "Digital officer: "]
    # Back to Indonesian by writing it: the page follows again, and remembers it on reload.
    page.say("bahasa indonesia aja")
    page.wait(lambda: driver.execute_script("return document.documentElement.lang") == "id")
    assert driver.find_element("id", "send").text == "Kirim"
    page.reload()
    page.wait(lambda: page.bubbles("bot"))
    assert driver.execute_script("return document.documentElement.lang") == "id"


def test_the_newest_bubble_stays_in_sight_when_the_keyboard_opens(live, browsers):
    url, _app, _runtime = live
    page = open_chat(browsers, url)
    page.say("halo")
    page.choose("pengaduan")
    page.say("Petugas loket meminta uang tambahan tanpa kuitansi agar paspor cepat jadi.")
    assert hidden_below(page) == 0
    viewport(page, 360, 330)           # the keyboard takes half of the screen
    page.wait(lambda: hidden_below(page) == 0, timeout=3)
    assert "Sudah semua" in page.bubbles("bot")[-1]
    viewport(page, 360, 640)           # and goes again
    page.wait(lambda: hidden_below(page) == 0, timeout=3)
    # A warning line under the conversation (no connection) does not cover the message
    # waiting to be sent either.
    viewport(page, 360, 330)
    page.driver.execute_cdp_cmd("Network.enable", {})
    page.driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    page.driver.find_element("id", "text").send_keys("lanjut")
    page.driver.find_element("id", "send").click()
    page.wait(lambda: page.driver.find_element("id", "status").text.startswith("Tidak ada"))
    page.wait(lambda: hidden_below(page) == 0, timeout=3)
    page.driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    page.wait(lambda: "tentang apa" in page.bubbles("bot")[-1], timeout=40)
    assert page.bubbles("me").count("lanjut") == 1


def test_a_refused_file_is_explained_without_a_send_again_that_cannot_help(live, browsers,
                                                                            tmp_path: Path):
    url, _app, _runtime = live
    page = open_chat(browsers, url)
    page.say("halo")
    page.choose("pengaduan")
    fake = tmp_path / "foto.jpg"        # named a photo, but not one
    fake.write_bytes(b"bukan foto sungguhan\n" * 20)
    page.driver.find_element("id", "file").send_keys(str(fake))
    page.driver.find_element("id", "send").click()
    page.wait(lambda: page.find(".msg.me .meta.failed"))
    told = page.driver.find_element("id", "status").text
    assert "tidak dapat diterima" in told and "PDF" in told
    assert "tidak dapat diterima" in page.find(".msg.me .meta.failed")[0].text
    assert page.find(".retry") == []
    # The conversation goes on: the next message is sent and answered.
    page.driver.find_element("id", "text").send_keys("Petugas loket meminta uang tambahan.")
    page.driver.find_element("id", "send").click()
    page.wait(lambda: "Sudah semua" in page.bubbles("bot")[-1])
    assert page.find(".msg.me .meta")[-1].text.endswith("Terkirim")


@pytest.mark.parametrize("size", [CHEAP_PHONE, (180, 320)], ids=["phone", "zoom-200"])
def test_the_header_fits_uncut(live, browsers, size):
    url, _app, _runtime = live
    page = open_chat(browsers, url, size)
    page.say("halo")                   # the End button shows too
    fit = page.driver.execute_script(
        "var w = window.innerWidth, h1 = document.querySelector('.bar h1');"
        "var out = {width: w, scroll: document.documentElement.scrollWidth,"
        "           title: h1.scrollWidth <= h1.clientWidth && h1.getBoundingClientRect().width > 0,"
        "           inside: []};"
        "['.bar h1', '#end', '#lang'].forEach(function (css) {"
        "  var r = document.querySelector(css).getBoundingClientRect();"
        "  if (r.left < 0 || r.right > w || r.width === 0) { out.inside.push(css); } });"
        "return out;")
    assert fit == {"width": size[0], "scroll": size[0], "title": True, "inside": []}
    texts = [page.driver.find_element("css selector", css).text for css in (".bar h1", "#end",
                                                                             "#lang")]
    assert texts == ["Layanan Pengaduan", "Akhiri", "English"]
    # The conversation keeps at least a third of the screen once a message was sent (the empty
    # message box is one line high, even where its placeholder would wrap).
    room = page.driver.execute_script(
        "return [document.getElementById('scroller').clientHeight,"
        "        document.getElementById('text').offsetHeight]")
    assert room[0] >= size[1] / 3 and room[1] <= 52
    assert page.accessibility() == []
