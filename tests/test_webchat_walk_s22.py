"""Citizens on a cheap phone, fifth pass (real headless Chromium): nothing a person chose is lost
on a reload. A file the server refused leaves a line in the transcript saying which file did not
go and why, in the person's language, and its words go back in the message box; a photo chosen
and shown but not sent yet comes back after a reload (itself, or a copy of at most 1,600 px),
even one made offline on a throttled connection; one the tab's storage cannot hold is said so at
once and again after the reload; and what was typed or chosen while the page was still
starting is kept."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import ChatPage
from tests.test_webchat_browser import browsers, photo  # noqa: F401 - fixtures
from tests.test_webchat_walk_s16 import viewport
from tests.test_webchat_walk_s17 import status
from tests.test_webchat_walk_s20 import (CAPTION, big_photo, flaky_live, inbound,  # noqa: F401
                                         phone, texts)

pytestmark = pytest.mark.timeout(300)


def log(page: ChatPage) -> list[str]:
    """The transcript in order: 'bot', 'me:<text>' or 'note:<text>' for each line."""
    return page.driver.execute_script(
        "return Array.from(document.querySelectorAll('#log > li')).map(function (li) {"
        "  if (li.classList.contains('note')) { return 'note:' + li.textContent; }"
        "  if (li.classList.contains('bot')) { return 'bot'; }"
        "  var b = li.querySelector('.bubble').cloneNode(true);"
        "  b.querySelectorAll('.sr-only').forEach(function (s) { s.remove(); });"
        "  return 'me:' + b.textContent; });")


def notes(page: ChatPage) -> list[str]:
    return [line[5:] for line in log(page) if line.startswith("note:")]


def box(page: ChatPage) -> str:
    return page.driver.find_element("id", "text").get_attribute("value")


def kept(page: ChatPage, key: str) -> str:
    return page.driver.execute_script("return sessionStorage.getItem(arguments[0]) || ''", key)


def ready(page: ChatPage) -> None:
    page.reload()
    page.wait(lambda: page.driver.execute_script("return document.readyState") == "complete")
    page.wait(lambda: page.bubbles("bot"))


def pick(page: ChatPage, path: Path) -> None:
    page.driver.find_element("id", "file").send_keys(str(path))
    page.wait(lambda: page.driver.find_element("id", "attachment").is_displayed())


def throttle(page: ChatPage, offline: bool) -> None:
    """A weak mobile connection (slow, with latency), or none at all."""
    page.driver.execute_cdp_cmd("Network.enable", {})
    page.driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": offline, "latency": 300, "downloadThroughput": 400 * 1024,
        "uploadThroughput": 300 * 1024})


# --- 1. a refused file leaves a line that survives a reload -----------------------------------
def test_a_refused_file_leaves_a_line_in_the_transcript_that_survives_a_reload(
        flaky_live, browsers, tmp_path):
    url, _flaky, runtime = flaky_live
    page = phone(browsers, url)
    page.say("halo")
    fake = tmp_path / "surat-tugas.pdf"       # called a PDF, but not one: the server says 415
    fake.write_bytes(b"bukan dokumen PDF sungguhan\n" * 20)
    pick(page, fake)
    page.driver.find_element("id", "text").send_keys(CAPTION)
    page.driver.find_element("id", "send").click()
    page.wait(lambda: page.find(".msg.me .meta.failed"))
    # Its words did not go either: they are back in the box, and the line says so.
    assert box(page) == CAPTION
    assert status(page).endswith("Keterangannya kembali ke kotak pesan.")
    assert texts(runtime) == ["halo"]
    ready(page)
    line = ('Berkas "surat-tugas.pdf" tidak terkirim. Jenis berkas ini tidak dapat diterima. '
            "Kirim foto (JPG, PNG, WebP, GIF) atau dokumen PDF.")
    page.wait(lambda: notes(page) == [line])
    assert log(page)[-1] == "note:" + line        # where it happened: after the bot's answer
    assert box(page) == CAPTION
    # The conversation goes on below it; another reload keeps it in its place.
    page.driver.find_element("id", "text").clear()
    page.say("pengaduan")
    ready(page)
    page.wait(lambda: "me:pengaduan" in log(page))
    order = log(page)
    assert order.index("note:" + line) < order.index("me:pengaduan")
    assert order.index("me:halo") < order.index("note:" + line)
    assert notes(page) == [line]
    # On the narrowest phones the line wraps inside the screen.
    viewport(page, 320, 568)
    page.wait(lambda: page.driver.execute_script(
        "return document.documentElement.scrollWidth") <= 320, timeout=3)
    assert page.driver.execute_script(
        "var r = document.querySelector('#log .note').getBoundingClientRect();"
        "return r.left >= 0 && r.right <= window.innerWidth")


def test_a_file_a_proxy_refused_is_remembered_in_english_for_an_english_writer(
        flaky_live, browsers, photo):
    url, flaky, runtime = flaky_live
    page = phone(browsers, url)
    page.say("Hello, I want to complain about an officer at the counter")
    page.wait(lambda: page.driver.execute_script("return document.documentElement.lang") == "en")
    # The proxy in front of the app (nginx's client_max_body_size) answers 413 with its own
    # page: the person is told it is too large, not that it is the wrong kind of file.
    flaky.fail, flaky.failures = 413, 1
    pick(page, photo)
    page.driver.find_element("id", "send").click()
    page.wait(lambda: page.find(".msg.me .meta.failed"))
    assert status(page) == "The file is too large for the server to accept."
    ready(page)
    page.wait(lambda: notes(page) == [
        'The file "kuitansi.jpg" was not sent. The file is too large for the server to accept.'])
    assert len(texts(runtime)) == 1


# --- 2. a photo chosen but not sent yet survives a reload ---------------------------------------
def test_a_chosen_photo_not_yet_sent_survives_an_offline_reload_on_a_slow_phone(
        flaky_live, browsers, big_photo):
    from PIL import Image
    url, _flaky, runtime = flaky_live
    page = phone(browsers, url)
    page.say("halo")
    throttle(page, offline=False)
    pick(page, big_photo)
    page.driver.find_element("id", "text").send_keys(CAPTION)
    # Kept for this tab as a smaller JPEG (the 12-megapixel original does not fit).
    page.wait(lambda: "data:image/jpeg;base64," in kept(page, "aduan.picked"), timeout=30)
    assert len(kept(page, "aduan.picked")) < 1_500_000
    # The signal goes and the phone reloads the tab (an error page), then it comes back.
    throttle(page, offline=True)
    page.reload()
    throttle(page, offline=False)
    ready(page)
    page.wait(lambda: page.driver.find_element("id", "attachment").is_displayed())
    assert page.driver.find_element("id", "thumb").is_displayed()
    assert "foto-loket.jpg" in page.driver.find_element("id", "file-name").text
    assert box(page) == CAPTION
    assert texts(runtime) == ["halo"]             # shown again, not sent without a tap
    page.driver.find_element("id", "send").click()
    page.wait(lambda: texts(runtime) == ["halo", CAPTION], timeout=40)
    assert kept(page, "aduan.picked") == ""
    digest = inbound(runtime)[1][1][0].split(":", 1)[1]
    stored = Path(runtime.config.files_dir) / digest[:2] / digest[2:4] / digest
    copy = Image.open(io.BytesIO(stored.read_bytes()))
    assert copy.format == "JPEG" and max(copy.size) <= 1600 and copy.size[0] > copy.size[1]


def test_a_chosen_photo_the_storage_cannot_hold_is_said_so_now_and_after_a_reload(
        flaky_live, browsers, photo):
    url, _flaky, runtime = flaky_live
    page = phone(browsers, url)
    page.say("halo")
    page.driver.execute_script(      # the tab's storage is full: no photo fits in it
        "var real = Storage.prototype.setItem;"
        "Storage.prototype.setItem = function (k, v) {"
        "  if (String(v).indexOf('base64') >= 0) {"
        "    throw new DOMException('full', 'QuotaExceededError'); }"
        "  return real.call(this, k, v); };")
    pick(page, photo)
    page.wait(lambda: status(page) == "Lampiran ini tidak dapat disimpan di perangkat: kirim "
              "sekarang. Bila halaman dimuat ulang, lampiran perlu dipilih lagi.")
    ready(page)
    page.wait(lambda: status(page) == 'Lampiran "kuitansi.jpg" tidak tersimpan saat halaman '
              "dimuat ulang: pilih lagi.")
    assert not page.driver.find_element("id", "attachment").is_displayed()
    assert kept(page, "aduan.picked") == ""
    assert texts(runtime) == ["halo"]


# --- 3. what the walk found: text typed while the page starts --------------------------------
def test_what_was_typed_and_chosen_while_the_page_was_starting_survives_a_reload(
        flaky_live, browsers, photo):
    url, flaky, runtime = flaky_live
    page = phone(browsers, url)
    page.say("halo")
    story = "Saya antre sejak pagi dan petugas"
    # A weak signal: the page shows at once, its conversation comes seconds later. The person
    # starts writing and chooses the photo of the receipt meanwhile, and the phone drops the
    # tab before the page is ready.
    flaky.slow_state = 5.0
    page.reload()
    page.wait(lambda: page.driver.execute_script("return document.readyState") == "complete")
    page.driver.find_element("id", "text").send_keys(story)
    pick(page, photo)
    page.wait(lambda: "data:image/jpeg;base64," in kept(page, "aduan.picked"))
    assert page.bubbles("bot") == []                # (still starting)
    page.reload()
    page.wait(lambda: page.driver.execute_script("return document.readyState") == "complete")
    assert box(page) == story                       # back at once, before the page is ready
    page.driver.find_element("id", "text").send_keys(" meminta uang.")
    flaky.slow_state = 0.0
    page.wait(lambda: page.bubbles("bot"), timeout=20)
    assert box(page) == story + " meminta uang."
    assert story in kept(page, "aduan.typed") and kept(page, "aduan.early") == ""
    assert "kuitansi.jpg" in page.driver.find_element("id", "file-name").text
    page.driver.find_element("id", "send").click()
    page.wait(lambda: texts(runtime) == ["halo", story + " meminta uang."], timeout=20)
    assert len(inbound(runtime)[1][1]) == 1         # with its photo
    assert box(page) == "" and kept(page, "aduan.typed") == "" and kept(page, "aduan.picked") == ""
