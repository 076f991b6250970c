"""What the leaders met at the desk in walk W28 (session 24, second pass): the Plh who initialled
a report is never named as its signer; /cuti spells out who is away and who stands in, and
never takes another officer's leave for the head's; a refused /pesan in a private chat says
where a leaders' talk is found; one Kanwil report for two complaints is recorded alike and
shown on both.

Through the real app (Telegram updates against the local stand-in), on the test databases."""
from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PETUGAS, SEKSI, TelegramUser,
                                    deliver, file_on_telegram)
from tests.test_desk_s24 import DEPUTY, add_deputy, last_text, step_nine_to_summary
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(240)
CITIZEN, OTHER_CITIZEN = 555_251, 555_252
STEP_EIGHT = "Langkah berikutnya: 8."


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def absence(runtime: Any) -> Any:
    with runtime.store.unit() as unit:
        row = unit.current_absence()
        return None if row is None else (row.officer_id, row.deputy_id)


def lihat_text(app: Any, runtime: Any, tg_server: Any, who: int, ticket: str) -> str:
    assert officer(app, who, private=True).send(f"/lihat {ticket}") == "officer"
    deliver(runtime)
    return plain(next(t for t in reversed(tg_server.sent_texts(who)) if "Riwayat" in t))


# --- 1. the Plh who initialled is not named as the signer ------------------------------------
def test_the_plh_who_initialled_is_named_nowhere_as_the_signer(app, runtime, tg_server):
    """The Kepala away, Kasi Tikkim his Plh.: after the Kasi's paraf the step's confirmation,
    the group's step message, /lihat and the pings name the absent Kepala (on his return)
    as step 8's signer, never the Kasi; another deputy on the roster is offered by /plh."""
    assert officer(app, KEPALA, private=True).send("/plh Kasi Tikkim") == "officer"
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "report_drafted")
    deliver(runtime)
    group_before = len(tg_server.sent_texts(OFFICER_CHAT))
    kasi_before = len(tg_server.sent_texts(KASI))
    walk_to(app, ticket, "initialed", start="report_drafted")      # the Kasi's paraf, in the group
    deliver(runtime)
    group = [plain(t) for t in tg_server.sent_texts(OFFICER_CHAT)[group_before:]]
    eights = [t for t in group if STEP_EIGHT in t or "berikutnya langkah 8" in t]
    assert eights, group
    for text in eights:
        assert "Kasi Tikkim (Plh.)" not in text, text
        assert "Kepala Kantor (setelah kembali bertugas: /kembali)" in text, text
    # the Kasi is neither pinged for step 8 nor sent the report to sign
    to_kasi = [plain(t) for t in tg_server.sent_texts(KASI)[kasi_before:]]
    assert not [t for t in to_kasi if "Giliran Anda" in t or "Tanda tangani" in t], to_kasi
    shown = lihat_text(app, runtime, tg_server, KASI, ticket)
    [line] = [x for x in shown.splitlines() if x.startswith("Langkah berikutnya")]
    assert "(Plh.)" not in line and "setelah kembali bertugas: /kembali" in line, line
    # another deputy on the roster: offered to be named
    add_deputy(runtime)
    shown = lihat_text(app, runtime, tg_server, KEPALA, ticket)
    [line] = [x for x in shown.splitlines() if x.startswith("Langkah berikutnya")]
    assert "atau wakil lain: /plh Rudi Hartono" in line, line
    # once named, he is the signer, and the Kasi still is not
    assert officer(app, KEPALA, private=True).send("/plh Rudi Hartono") == "officer"
    shown = lihat_text(app, runtime, tg_server, KEPALA, ticket)
    [line] = [x for x in shown.splitlines() if x.startswith("Langkah berikutnya")]
    assert "Rudi Hartono (Plt. Kepala Kantor)" in line and "Kasi Tikkim" not in line, line
    assert any("Giliran Anda" in t for t in tg_server.sent_texts(DEPUTY)) or any(
        "Tanda tangani" in plain(t) for t in tg_server.sent_texts(DEPUTY))


# --- 2. /cuti: who is away, who stands in ------------------------------------------------------
def test_cuti_spells_out_that_the_head_is_away_and_who_stands_in(app, runtime, tg_server):
    """'/cuti Kasi Tikkim' by the Kepala still records the Kepala away (the README's usage),
    but says so in words that cannot be read as the Kasi's leave, with how to undo it."""
    assert officer(app, KEPALA, private=True).send("/cuti Kasi Tikkim") == "officer"
    deliver(runtime)
    said = plain(last_text(tg_server, KEPALA))
    assert "Kepala Kantor tercatat cuti/berhalangan; Plh.: Kasi Tikkim" in said, said
    assert "Salah? /kembali" in said, said
    assert absence(runtime) == (str(KEPALA), str(KASI))


def test_cuti_naming_an_officer_who_is_no_deputy_records_nothing(app, runtime, tg_server):
    """'/cuti Seksi Tikkim' (that officer's leave) is refused with the usage; it used to be
    matched to the similar name 'Kasi Tikkim' and record the Kepala away with the Kasi as
    Plh. The Kepala naming himself means himself away."""
    kasi = officer(app, KASI, private=True)
    assert kasi.send("/cuti Seksi Tikkim") == "refused"
    deliver(runtime)
    said = plain(last_text(tg_server, KASI))
    assert "Seksi Tikkim bukan wakil Kepala Kantor" in said, said
    assert "/plh NAMA_WAKIL" in said and "Tidak ada yang dicatat" in said, said
    assert absence(runtime) is None
    assert kasi.send("/plh Petugas Pengaduan") == "refused"
    assert absence(runtime) is None
    # the head of office naming himself: he is away, his one deputy signs
    assert officer(app, KEPALA, private=True).send("/cuti Kepala Kantor") == "officer"
    assert absence(runtime) == (str(KEPALA), str(KASI))


# --- 3. a refused /pesan in a private chat -------------------------------------------------------
def test_a_refused_pesan_in_a_private_chat_says_where_leaders_talks_are(app, runtime, tg_server):
    """The answer stays the same for every code; in a private chat it adds that a leaders'
    talk has an R-code (/permintaan), and in the group it does not."""
    kepala = TelegramUser(app.test_client(), KEPALA)
    answers = []
    for code in ("P-999998", "P-999999"):
        assert kepala.send(f"/pesan {code} Bu, kami dari pimpinan kantor.") == "refused"
        deliver(runtime)
        answers.append(plain(last_text(tg_server, KEPALA)).replace(code, "P-N"))
    assert answers[0] == answers[1]
    assert answers[0].endswith("Percakapan khusus pimpinan memakai kode R-…; lihat /permintaan.")
    group = TelegramUser(app.test_client(), KASI, chat_id=OFFICER_CHAT, chat_type="supergroup")
    assert group.send("/pesan P-999999 halo") == "refused"
    deliver(runtime)
    assert "kode R-" not in plain(last_text(tg_server, OFFICER_CHAT))


# --- 4. one Kanwil report for two complaints -----------------------------------------------------
def test_a_joint_kanwil_report_is_kept_alike_and_shown_on_both(app, runtime, tg_server):
    """The second complaint keeps the first one's spelling of the reference, and the first
    complaint's /lihat says its report covers the second (and the reverse)."""
    reference = "W18.IMI.IMI.3-UM.01.01-0888"
    first = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, first, "signed")
    user = step_nine_to_summary(app, first, reference)
    assert user.send("Kirim dan catat") == "officer"
    second = file_on_telegram(TelegramUser(app.test_client(), OTHER_CITIZEN), runtime)
    walk_to(app, second, "signed")
    deliver(runtime)
    user = step_nine_to_summary(app, second, "w18.imi.imi.3-um.01.01 - 0888")
    assert user.send("Laporan bersama") == "officer"
    assert complaint(runtime, second).stage == "reported"
    # each beside its own cover letter's number, the reference spelt as first recorded
    for ticket in (first, second):
        kept = complaint(runtime, ticket).kanwil_reference
        assert kept.split(" (surat pengantar", 1)[0] == reference, kept
    shown = lihat_text(app, runtime, tg_server, PETUGAS, first)
    assert f"Laporan bersama: laporan ke Kanwil {reference}" in shown, shown
    assert f"mencakup pula {second}" in shown, shown
    shown = lihat_text(app, runtime, tg_server, PETUGAS, second)
    assert f"mencakup pula {first}" in shown
    # a complaint with a report of its own says nothing of the kind
    third = file_on_telegram(TelegramUser(app.test_client(), 555_253), runtime)
    walk_to(app, third, "reported")
    assert "Laporan bersama:" not in lihat_text(app, runtime, tg_server, SEKSI["lantaskim"],
                                                third)
