"""What the register, the recap and the data-subject files hand over, and to whom.

A rating comment that reports a levy goes to the leaders only, and a sensitive complaint's
story stays out of the officers' group: neither may reach the group through the register or
the recap (`/inventaris`, `/rekap`). An officer kept away from a complaint (conflict of
interest: it is about them) may not export or erase its complainant's data (`/datapribadi`,
`/hapusdata`); the Kepala Kantor answers the request instead (README, "Privacy")."""
from __future__ import annotations

import io
import re
import zipfile

import pytest
from sqlalchemy import select

from bot.notify import alert_slot
from bot.paperwork.recap import DELICATE_COMMENT, SENSITIVE_COMMENT
from storage.models import DataRequest
from tests.support.intake import TICKET, walk
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser, deliver,
                                    file_on_telegram)
from tests.support.twilio_chat import TwilioSender
from tests.test_kept_documents import sent_files
from tests.test_officers import officer, walk_to

pytestmark = pytest.mark.timeout(240)
LEVY = "lumayan, tapi petugas loket 2 minta uang rokok waktu ambil paspor"
PRAISE = "pelayanannya ramah, terima kasih banyak bapak ibu"
PHONE = "kalau perlu hubungi saya di 0812 3456 7777"        # a file carries no number
QUIET = "cukup baik, prosesnya jelas dari awal"
NAME, NUMBER = "Yohanes Mangkubumi", "+6285210468462"


def text_of(name: str, content: bytes) -> str:
    if name.endswith(".xlsx"):
        book = zipfile.ZipFile(io.BytesIO(content))
        return " ".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    return content.decode("utf-8", "replace")


def rate(app, runtime, citizen: int, comment: str) -> str:  # type: ignore[no-untyped-def]
    """A complaint filed on Telegram, taken to step 9, rated 4 with `comment`."""
    user = TelegramUser(app.test_client(), citizen)
    ticket = file_on_telegram(user, runtime)
    walk_to(app, ticket, "reported")
    for said in ("4", comment):
        user.send(said)
    return ticket


def test_rating_comments_in_the_register_and_recap(bot_app, tg_server, clock):
    app, runtime = bot_app
    rate(app, runtime, 555_031, LEVY)
    praised = rate(app, runtime, 555_032, f"{PRAISE}, {PHONE}")
    # a sensitive complaint's comment, however harmless, is kept out like its story
    quiet = file_on_telegram(TelegramUser(app.test_client(), 555_033), runtime)
    with runtime.store.unit() as unit:
        complaint = unit.complaint_by_ticket(quiet)
        complaint.type, complaint.identity_mode = "pungli", "confidential"
        complaint.rating, complaint.rating_comment = 4, QUIET
    deliver(runtime)
    assert "uang rokok" not in "\n".join(tg_server.sent_texts(OFFICER_CHAT))   # leaders only
    # the group's files know of a sensitive complaint from its alert's slot
    # (bot.desk.privacy.released)
    clock.now = alert_slot(runtime.config.office_config, clock())
    group = officer(app, PETUGAS)                      # typed in the officers' group
    assert group.send("/inventaris") == "officer"
    assert group.send("/rekap") == "officer"
    deliver(runtime)
    files = {name: text_of(name, content) for name, content, _ in
             sent_files(tg_server, OFFICER_CHAT) if name.endswith((".xlsx", ".csv"))}
    assert {n.rsplit(".", 1)[1] for n in files if n.startswith("Register")} == {"xlsx", "csv"}
    assert any(n.startswith("Rekap") and n.endswith(".xlsx") for n in files)
    for name, text in files.items():
        if name.startswith("Register") or name.endswith(".xlsx"):     # rows with comments
            assert "uang rokok" not in text, f"a levy reported to the leaders is in {name}"
            assert QUIET not in text, f"a sensitive complaint's comment is in {name}"
            # a marker in a named complainant's row would tell the group what they reported
            assert DELICATE_COMMENT not in text and SENSITIVE_COMMENT in text, name
            assert praised in text and PRAISE in text, f"an ordinary comment is missing: {name}"
            # the number in any spacing (not its last four digits alone: those turn up in
            # the register's hex digests, about one run in several hundred)
            assert not re.search(r"3456\D{0,3}7777", text), f"a phone number is in {name}"
    # the leaders' own register says that the comment went to them
    assert officer(app, KASI, private=True).send("/inventaris") == "officer"
    deliver(runtime)
    theirs = [text_of(name, content) for name, content, _ in sent_files(tg_server, KASI)
              if name.startswith("Register") and name.endswith(".csv")]
    assert theirs and all(DELICATE_COMMENT in text and "uang rokok" not in text
                          for text in theirs)


def file_about_kasi(app, runtime):  # type: ignore[no-untyped-def]
    """A confidential levy complaint naming Kasi Tikkim, who is kept away from it."""
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=NUMBER,
                         profile_name="Bunda Rafa Cantik")
    for said in ("halo", "1", "Kasi Tikkim minta uang lima ratus ribu supaya paspor cepat jadi",
                 "lanjut"):
        phone.says(said)
    reply = walk(phone.says, phone.says("4"), {
        "identitas Anda dicatat": "tulis nama saya", "Tuliskan nama Anda": NAME,
        "ingin dirahasiakan": "ya, rahasiakan", "Siapa atau unit": "Kasi Tikkim"})
    ticket = TICKET.search(reply).group(0)
    with runtime.store.unit() as unit:
        c = unit.complaint_by_ticket(ticket)
        assert c.identity_mode == "confidential" and c.type == "pungli"
        assert str(KASI) in unit.excluded_officers(c.id)
        person_id = c.complainant_id
    deliver(runtime)
    return phone, ticket, person_id


def files_of(tg_server, chat: int) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(content for _, content, _ in sent_files(tg_server, chat))


def test_an_officer_kept_away_neither_exports_nor_erases_the_data(bot_app, tg_server):
    app, runtime = bot_app
    _, ticket, person_id = file_about_kasi(app, runtime)
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/identitas {ticket}") == "refused"
    for command in (f"/datapribadi {ticket}", f"/datapribadi P-{person_id}",
                    f"/hapusdata {ticket} permintaan pelapor",
                    f"/hapusdata {ticket} YAKIN permintaan pelapor",
                    f"/hapusdata P-{person_id} YAKIN permintaan pelapor"):
        assert kasi.send(command) == "refused", command
    deliver(runtime)
    got = files_of(tg_server, KASI)
    assert NAME.encode() not in got and NUMBER[3:].encode() not in got, \
        "the officer the complaint is about received the whistleblower's data export"
    said = "\n".join(tg_server.sent_texts(KASI))
    assert f"Anda tidak memiliki akses ke {ticket}" in said and "Kepala Kantor" in said
    assert "konflik" not in said                       # never why: the complaint is about him
    with runtime.store.unit() as unit:
        person = unit.complainant_by_id(person_id)
        assert person.address == NUMBER and unit.complaint_by_ticket(ticket).reporter_name == NAME
        assert unit.session.scalars(select(DataRequest)).all() == []
    # the Kepala Kantor answers the request instead
    kepala = TelegramUser(app.test_client(), KEPALA)
    assert kepala.send(f"/datapribadi {ticket}") == "officer"
    assert kepala.send(f"/hapusdata {ticket} permintaan pelapor") == "officer"   # preview
    deliver(runtime)
    got = files_of(tg_server, KEPALA)
    assert NAME.encode() in got and NUMBER.encode() in got
    assert "Lanjutkan: /hapusdata" in "\n".join(tg_server.sent_texts(KEPALA))


def test_by_number_the_officer_kept_away_never_reaches_the_whistleblower(bot_app, tg_server):
    """Asked by number, the owner is not asked on his behalf (their answer would tell him
    the number is the whistleblower's), and his answer is the one for any number."""
    app, runtime = bot_app
    _, _, person_id = file_about_kasi(app, runtime)
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send("/datapribadi 0852-1046-8462") == "officer"
    assert kasi.send("/datapribadi 0852-1046-8400") == "officer"     # a number never seen
    deliver(runtime)
    first, second = tg_server.sent_texts(KASI)[-2:]
    assert first == second and "persetujuan pemiliknya" in first
    with runtime.store.unit() as unit:
        assert unit.session.scalars(select(DataRequest)).all() == [], "the owner was asked"
    kepala = TelegramUser(app.test_client(), KEPALA)
    assert kepala.send("/datapribadi 0852-1046-8462") == "officer"
    with runtime.store.unit() as unit:
        asked = unit.session.scalars(select(DataRequest)).all()
        assert [(r.kind, r.complainant_id, r.officer_id) for r in asked] == [
            ("ask-export", person_id, str(KEPALA))]
