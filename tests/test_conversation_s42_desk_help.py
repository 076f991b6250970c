"""C42: a leader's /bantuan listed /ambil as if he could take any step, while a typed /ambil
follows the button's rule (a leader takes a step only where he stands in for the petugas,
bot.desk.acts.check_takes). The leaders' help and private menu say when it applies; the
petugas' line is unchanged.

Through the real app (Telegram updates against the local stand-in) on the test databases."""
from __future__ import annotations

import pytest

from bot.desk import menus
from tests.support.telegram import KASI, KEPALA, PETUGAS
from tests.test_desk_s31_help import said
from tests.test_officers import app, officer, runtime  # noqa: F401

pytestmark = pytest.mark.timeout(120)
PETUGAS_LINE = "Ambil (tangani) pengaduan; diambil orang lain: /ambil TIKET alih"


def ambil_line(answer: str) -> str:
    return next(line for line in answer.splitlines() if "/ambil TIKET</code>" in line)


@pytest.mark.parametrize(("who", "private"), [(KASI, True), (KEPALA, True), (KASI, False)])
def test_a_leaders_help_says_when_ambil_applies(app, runtime, tg_server, who, private):
    line = ambil_line(said(app, runtime, tg_server, who, "/bantuan", private=private))
    assert "langkah petugas saat Anda menggantikannya" in line, line
    assert "Ambil (tangani) pengaduan" not in line, line
    one = said(app, runtime, tg_server, who, "/bantuan ambil", private=private)
    assert "langkah petugas saat Anda menggantikannya" in one, one


def test_a_petugas_help_is_unchanged(app, runtime, tg_server):
    line = ambil_line(said(app, runtime, tg_server, PETUGAS, "/bantuan"))
    assert line.endswith(f"— {PETUGAS_LINE}"), line
    one = said(app, runtime, tg_server, PETUGAS, "/bantuan ambil")
    assert PETUGAS_LINE in one and "menggantikannya" not in one, one


def test_the_private_menus_follow_the_role():
    """The Telegram menu of each officer's private chat is set from the same lines."""
    [kasi] = [c for c in menus.commands_for("kasi_tikkim", menus.PRIVATE) if c.name == "ambil"]
    [petugas] = [c for c in menus.commands_for("petugas", menus.PRIVATE) if c.name == "ambil"]
    assert "menggantikannya" in kasi.menu and len(kasi.menu) <= 256
    assert petugas.menu == PETUGAS_LINE
