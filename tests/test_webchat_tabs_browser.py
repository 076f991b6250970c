"""The web chat open in two tabs of one browser (headless Chromium), as on a warnet's computer
or a shared phone: when the session ends in one tab, the other drops the old conversation at
once and never shows it under the next person's session; the header's language button
switches the bot's language too. Same set-up as tests/test_webchat_browser.py."""
from __future__ import annotations

import time
from typing import Any, Iterator

import pytest
from sqlalchemy import select

from storage.models import Message
from tests.support.browser import PHONE, Browser, ChatPage, require_chromium
from tests.test_webchat_browser import serve

pytestmark = pytest.mark.timeout(300)
STORY = ("Saya Rudi Hartono tinggal di Jl. Mulawarman 12. Petugas loket meminta uang lima "
         "ratus ribu agar paspor saya cepat selesai, tanpa kuitansi.")


@pytest.fixture
def live(sqlite_url, tmp_path) -> Iterator[tuple[str, Any]]:
    require_chromium()
    server, _app, runtime = serve(sqlite_url, tmp_path)
    try:
        yield server.url, runtime
    finally:
        server.stop()
        runtime.store.dispose()


@pytest.fixture
def browser() -> Iterator[Browser]:
    made = Browser(PHONE, mobile=True)
    yield made
    made.quit()


def test_ending_in_one_tab_clears_every_other_tab(live, browser):
    url, runtime = live
    page = ChatPage(browser, url + "/chat").open()
    driver = browser.driver
    first = driver.current_window_handle
    page.wait(lambda: page.find("#intro:not([hidden])"))
    page.find("#start")[0].click()
    page.wait(lambda: page.choices())
    page.say(STORY)
    assert any("Rudi Hartono" in b for b in page.bubbles("me"))

    # The same chat in a second tab (the office's link clicked twice).
    driver.switch_to.new_window("tab")
    second = driver.current_window_handle
    driver.get(url + "/chat")
    page.wait(lambda: any("Rudi Hartono" in b for b in page.bubbles("me")))

    # Akhiri in the first tab: the confirmation says the draft has not been sent.
    driver.switch_to.window(first)
    page.find("#end")[0].click()
    alert = page.wait(lambda: driver.switch_to.alert)
    assert "BELUM TERKIRIM" in alert.text and "tetap diproses" not in alert.text
    alert.accept()
    page.wait(lambda: page.find("#intro:not([hidden])") and page.count() == 0)

    # The second tab has dropped the old conversation without being touched.
    driver.switch_to.window(second)
    page.wait(lambda: "Rudi" not in page.transcript() and page.count() == 0
              and not page.bubbles("me"), timeout=10)

    # The next person in the first tab.
    driver.switch_to.window(first)
    time.sleep(2)                  # the second tab joins the browser's new session meanwhile
    page.wait(lambda: page.find("#intro:not([hidden])"))
    page.find("#start")[0].click()
    page.wait(lambda: page.choices())
    page.say("syarat perpanjang paspor apa aja")

    # The second tab never shows the previous person under the next person's session, and
    # what it sends goes only to the browser's current session.
    driver.switch_to.window(second)
    time.sleep(3)
    assert "Rudi" not in page.transcript() and "Mulawarman" not in page.transcript()
    with runtime.store.read() as session:
        addresses = {m.address for m in session.scalars(select(Message).where(
            Message.body.like("%syarat perpanjang%")))}
        old = {m.address for m in session.scalars(select(Message).where(
            Message.body.like("%Rudi Hartono%")))}
    assert addresses and old and not addresses & old
    assert browser.console_errors() == []


def test_the_language_button_switches_the_bot_too(live, browser):
    url, _runtime = live
    page = ChatPage(browser, url + "/chat").open()
    page.wait(lambda: page.find("#intro:not([hidden])"))
    page.find("#start")[0].click()
    page.wait(lambda: page.choices())
    assert page.driver.execute_script("return document.documentElement.lang") == "id"
    before = page.count()
    page.find("#lang")[0].click()
    page.wait(lambda: page.count() > before)
    assert page.driver.execute_script("return document.documentElement.lang") == "en"
    assert page.bubbles("me")[-1].strip().lower() == "english please"
    reply = page.bubbles("bot")[-1].lower()
    assert any(word in reply for word in ("help", "how", "you"))
    assert browser.console_errors() == []
