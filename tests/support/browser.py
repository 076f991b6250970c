"""A real browser for tests: Debian's headless Chromium driven by Selenium, and the app served
over real HTTP from a thread. The chat page is driven as a person would use it: by reading the
bubbles, pressing the choice buttons, typing and attaching a photo (tests/support/webchat.py
walks the intake with it)."""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# Without the background-networking flags Chromium's own connections hang on a closed network.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--lang=id-ID")
PHONE = (360, 740)
DESKTOP = (1280, 800)


def require_chromium() -> None:
    """Skip without Chromium here; in CI (which installs it) its absence is a failure."""
    if Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists():
        return
    if os.environ.get("CI"):
        pytest.fail("chromium and chromium-driver are not installed, and CI must test the page")
    pytest.skip("chromium and chromium-driver are not installed here (.ci/run installs them)")


class LiveServer:
    """A WSGI app served on 127.0.0.1 on a free port, in a thread."""

    def __init__(self, app: Any):
        from werkzeug.serving import make_server
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(5)


class Browser:
    """One Chromium with a fresh profile (a person's own browser), phone-sized or desktop."""

    def __init__(self, size: tuple[int, int] = PHONE, mobile: bool = True):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        self.profile = tempfile.mkdtemp(prefix="aduan-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={self.profile}")
        if mobile:
            options.add_experimental_option("mobileEmulation", {
                "deviceMetrics": {"width": size[0], "height": size[1], "pixelRatio": 2.0,
                                  "touch": True},
                "userAgent": "Mozilla/5.0 (Linux; Android 11; SM-A025F) AppleWebKit/537.36 "
                             "(KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"})
        else:
            options.add_argument(f"--window-size={size[0]},{size[1]}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(30)

    def quit(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    def console_errors(self) -> list[str]:
        return [entry["message"] for entry in self.driver.get_log("browser")
                if entry["level"] == "SEVERE"]


class ChatPage:
    """The chat page as a person uses it."""

    def __init__(self, browser: Browser, url: str):
        self.browser = browser
        self.driver = browser.driver
        self.url = url

    def open(self) -> "ChatPage":
        self.driver.get(self.url)
        self.wait(lambda: self.driver.execute_script(
            "return document.readyState === 'complete'"))
        return self

    def reload(self) -> None:
        self.driver.refresh()

    def find(self, css: str) -> list[Any]:
        from selenium.webdriver.common.by import By
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def wait(self, condition: Callable[[], Any], timeout: float = 15.0) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = condition()
            except Exception:  # noqa: BLE001 - a stale element while the page changes
                value = None
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; the page says:\n{self.transcript()}")
            time.sleep(0.1)

    # --- reading ---------------------------------------------------------------------------
    def bubbles(self, who: str = "bot") -> list[str]:
        """The visible text of each bubble of `who` (bot | me), without the speaker label."""
        return self.driver.execute_script(
            "return Array.from(document.querySelectorAll('#log .msg.' + arguments[0] + "
            "' .bubble')).map(function (b) { var c = b.cloneNode(true); "
            "c.querySelectorAll('.sr-only').forEach(function (s) { s.remove(); }); "
            "return c.textContent; });", who)

    def transcript(self) -> str:
        return self.driver.execute_script(
            "return document.getElementById('log') ? document.getElementById('log').innerText"
            " : document.body.innerText;")

    def choices(self) -> list[str]:
        return [b.text for b in self.find("#choices:not([hidden]) .choice")]

    def count(self) -> int:
        return len(self.bubbles("bot"))

    # --- acting ----------------------------------------------------------------------------
    def _answered(self, before: int) -> None:
        self.wait(lambda: self.count() > before and not self.find(".msg.me .meta.failed")
                  and self.driver.execute_script(
                      "return Array.from(document.querySelectorAll('.msg.me .meta'))"
                      ".every(function (m) { return m.textContent.indexOf('…') < 0; })"))

    def choose(self, label: str) -> None:
        """Press the choice button whose label contains `label` and wait for the answer."""
        before = self.count()
        button = self.wait(lambda: next((b for b in self.find("#choices .choice")
                                         if label.lower() in b.text.lower()), None))
        button.click()
        self._answered(before)

    def say(self, text: str) -> None:
        from selenium.webdriver.common.by import By
        before = self.count()
        box = self.driver.find_element(By.ID, "text")
        box.send_keys(text)
        self.driver.find_element(By.ID, "send").click()
        self._answered(before)

    def attach(self, path: Path, caption: str = "") -> None:
        from selenium.webdriver.common.by import By
        before = self.count()
        self.driver.find_element(By.ID, "file").send_keys(str(path))
        self.wait(lambda: self.driver.find_element(By.ID, "attachment").is_displayed())
        if caption:
            self.driver.find_element(By.ID, "text").send_keys(caption)
        self.driver.find_element(By.ID, "send").click()
        self._answered(before)

    def accessibility(self) -> list[str]:
        """What axe-core finds wrong on the page as it is now (labels, contrast, roles…)."""
        from axe_selenium_python import Axe
        axe = Axe(self.driver)
        axe.inject()
        found = axe.run()["violations"]
        return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}" for v in found]

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(path))
        return path
