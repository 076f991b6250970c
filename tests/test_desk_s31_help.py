"""/bantuan per role and per command, and the plain-words hint (W42 #2, #4).

Each role's /bantuan is headed by its role; "/bantuan PERINTAH" explains that command alone
(and says when it is not for the officer's role); the /pesan line fits T- and R-codes. The hint
for plain words offers /catat only to the roles that may use it, points to /aduan and /lihat,
and shows the keyword "pengaduan pribadi" as a word to send.

Through the real app (Telegram updates against the local stand-in) on the test databases."""
from __future__ import annotations

from typing import Any

import pytest

from tests.support.telegram import KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS, SEKSI, deliver
from tests.test_officers import app, officer, runtime  # noqa: F401

pytestmark = pytest.mark.timeout(120)
LANTASKIM = SEKSI["lantaskim"]


def said(app: Any, runtime: Any, tg_server: Any, who: int, text: str,
         private: bool = True) -> str:
    """The bot's answer (raw HTML) to `text` from `who`."""
    chat = who if private else OFFICER_CHAT
    before = len(tg_server.sent_texts(chat))
    officer(app, who, private=private).send(text)
    deliver(runtime)
    [answer] = tg_server.sent_texts(chat)[before:]
    return answer


def test_help_is_headed_by_the_role_and_explains_one_command(app, runtime, tg_server):
    kepala = said(app, runtime, tg_server, KEPALA, "/bantuan")
    assert "Perintah petugas — Kepala Kantor" in kepala, kepala
    assert "/bantuan PERINTAH" in kepala, kepala
    seksi = said(app, runtime, tg_server, LANTASKIM, "/bantuan")
    assert "Perintah petugas — Seksi Terkait" in seksi, seksi
    one = said(app, runtime, tg_server, PETUGAS, "/bantuan lihat", private=False)
    assert "/lihat" in one and "/lihat TIKET" in one and "semua petugas" in one, one
    assert "/tahap" not in one and "/aduan" not in one, one        # that command alone
    english = said(app, runtime, tg_server, PETUGAS, "/help /next", private=False)
    assert "/tahap" in english and "/lihat" not in english, english
    refused = said(app, runtime, tg_server, LANTASKIM, "/bantuan catat")
    assert "Bukan untuk peran Anda (Seksi Terkait)" in refused, refused
    assert "hanya di chat pribadi" in refused, refused
    unknown = said(app, runtime, tg_server, PETUGAS, "/bantuan lihta")
    assert "tidak dikenal" in unknown and "Perintah petugas — Petugas" in unknown, unknown


def test_the_pesan_line_fits_every_code(app, runtime, tg_server):
    petugas = said(app, runtime, tg_server, PETUGAS, "/bantuan")
    line = next(l for l in petugas.splitlines() if "/pesan" in l)
    assert "belum punya tiket" not in line and "T-" in line and "R-" in line, line


@pytest.mark.parametrize("who", [LANTASKIM, PENYUSUN])
def test_the_plain_words_hint_offers_only_what_the_role_may_use(app, runtime, tg_server, who):
    hint = said(app, runtime, tg_server, who, "lihat pengaduan terbaru")
    assert "/catat" not in hint, hint
    assert "/aduan" in hint and "/lihat TIKET" in hint, hint
    assert "kirim kata <b>pengaduan pribadi</b>" in hint, hint
    assert "tulis pengaduan pribadi" not in hint, hint


def test_the_plain_words_hint_offers_catat_to_the_front_desk(app, runtime, tg_server):
    hint = said(app, runtime, tg_server, PETUGAS, "halo")
    assert "/catat" in hint and "/aduan" in hint, hint
