"""The register and the recap (`/inventaris`, `/rekap`) as each reader may have them.

An officer a complaint is about (kept away from it: refused `/lihat`) gets no row of it in
either file, in his private chat or in the group he reads; the totals still count it, so the
office's figures stay true, and nothing says why. A sensitive complaint's row (a levy, an
officer's conduct) in any file but the leaders' private one names nobody, even a complainant
who chose to be named, and carries nothing that narrows who wrote: no channel, no tracking id,
no name in the Kanwil's reference, dates without the minute (README, "Privacy")."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from bot import identity
from bot.desk import files
from bot.notify import alert_slot
from bot.paperwork.exports import WITHHELD_LABEL
from tests.support.intake import TICKET, walk
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser, deliver,
                                    file_on_telegram)
from tests.support.twilio_chat import TwilioSender
from tests.test_kept_documents import sent_files
from tests.test_officers import officer

pytestmark = pytest.mark.timeout(240)
PROFILE = "Kopi Senja Manurung"          # the levy's complainant, named openly by this name
OPEN_NAME = "Yosafat Simanjuntak"        # a sensitive complaint's complainant, named openly
TRACKING = "LPR-5518-2207"
MINUTE = re.compile(r"\d{1,2}:\d{2}")


def levy_naming_petugas(app, runtime) -> str:  # type: ignore[no-untyped-def]
    """A levy complaint on WhatsApp, openly named, naming the petugas: he is kept away."""
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6285210468411",
                         profile_name=PROFILE)
    for said in ("halo", "1", "Petugas Pengaduan minta uang lima ratus ribu supaya paspor cepat",
                 "lanjut"):
        reply = phone.says(said)
    reply = walk(phone.says, reply, {"Pengaduan Anda tentang apa": "4",
                                     "Siapa atau unit": "Petugas Pengaduan",
                                     "identitas Anda dicatat": "1", "ingin dirahasiakan": "2"})
    ticket = TICKET.search(reply).group(0)
    with runtime.store.unit() as unit:
        c = unit.complaint_by_ticket(ticket)
        assert (c.type, c.identity_mode, c.reporter_name) == ("pungli", "named", PROFILE)
        assert unit.excluded_officers(c.id) == {str(PETUGAS)}
    return ticket


def sensitive_named(app, runtime) -> str:  # type: ignore[no-untyped-def]
    """A levy complaint (nobody on the roster named, nobody kept away) whose complainant chose
    to be named, with a tracking id, and the Kanwil's reference naming them."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), 555_071), runtime)
    with runtime.store.unit() as unit:
        c = unit.complaint_by_ticket(ticket)
        c.type, c.identity_mode, c.reporter_name = "pungli", "named", OPEN_NAME
        c.external_id = TRACKING
        c.kanwil_reference = f"surat Kanwil W18 perihal pengaduan Sdr. {OPEN_NAME}"
        assert unit.excluded_officers(c.id) == set()
    return ticket


def ordinary(app, runtime) -> str:  # type: ignore[no-untyped-def]
    return file_on_telegram(TelegramUser(app.test_client(), 555_072), runtime)


def tables(name: str, content: bytes) -> dict[str, list[list[str]]]:
    """Every sheet of a workbook, or the CSV, as rows of text cells."""
    if name.endswith(".csv"):
        return {"csv": list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))}
    book = load_workbook(io.BytesIO(content))
    return {sheet.title: [[_cell(c) for c in row] for row in sheet.iter_rows()]
            for sheet in book}


def _cell(cell) -> str:  # type: ignore[no-untyped-def]
    """A workbook cell as text; a date stays a date (a workbook reads it back at 00:00)."""
    if cell.value is None:
        return ""
    if isinstance(cell.value, dt.datetime) and "h" not in cell.number_format:
        return cell.value.date().isoformat()
    return str(cell.value)


def register_rows(sent: list[tuple[str, bytes]]) -> list[dict[str, str]]:
    """The register's rows in every file sent (header -> cell), XLSX and CSV alike."""
    found = []
    for name, content in sent:
        for title, rows in tables(name, content).items():
            if rows and rows[0][:2] == ["No", "Nomor Tiket"]:
                found += [dict(zip(rows[0], row)) for row in rows[1:]]
    return found


def recap_lines(sent: list[tuple[str, bytes]]) -> dict[tuple[str, str], str]:
    """The recap CSV's lines: (part, label) -> value."""
    [content] = [c for n, c in sent if n.startswith("Rekap") and n.endswith(".csv")]
    return {(part, label): value for part, label, value in tables("x.csv", content)["csv"][1:]}


def exports(tg_server, chat: int) -> list[tuple[str, bytes]]:  # type: ignore[no-untyped-def]
    return [(n, c) for n, c, _ in sent_files(tg_server, chat) if n.endswith((".xlsx", ".csv"))]


def text_of(sent: list[tuple[str, bytes]]) -> str:
    return " ".join(" ".join(" ".join(r) for rows in tables(n, c).values() for r in rows)
                    for n, c in sent)


def test_the_officer_a_complaint_is_about_gets_no_row_of_it(bot_app, tg_server, clock):
    app, runtime = bot_app
    levy = levy_naming_petugas(app, runtime)
    shown = ordinary(app, runtime)
    # from the levy's slot: before it his private files neither list nor count it
    # (tests/test_privacy_s42u_lists.py)
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    me = TelegramUser(app.test_client(), PETUGAS)
    assert me.send(f"/lihat {levy}") == "refused"
    assert me.send("/inventaris") == "officer"
    assert me.send("/rekap") == "officer"
    deliver(runtime)
    got = exports(tg_server, PETUGAS)
    assert len(got) == 4                       # the register's and the recap's XLSX and CSV
    rows = register_rows(got)
    assert {r["Nomor Tiket"] for r in rows} == {shown}, "the register hands him his own case"
    everything = text_of(got)
    assert levy not in everything and PROFILE not in everything
    # the totals stay true; nothing else counts it (its verdict could be told by difference)
    figures = recap_lines(got)
    assert figures[("Ringkasan", "Jumlah pengaduan")] == "2" and figures[("Ringkasan", WITHHELD_LABEL)] == "1"
    assert figures[("Ringkasan", "Selesai ditangani")] == "0" and figures[("Ringkasan", "Masih diproses")] == "1"
    assert sum(int(v) for (part, _), v in figures.items() if part == "Jenis") == 1
    assert ("Jenis", "pungli") not in figures and ("Saluran", "WhatsApp") not in figures
    assert sum(int(v) for (part, _), v in figures.items() if part == "Hasil pemeriksaan") == 1
    said = "\n".join(t for t in tg_server.sent_texts(PETUGAS) if t.startswith("📊"))
    assert "2 pengaduan" in said and "1 pengaduan tidak dirinci" in said
    assert "konflik" not in said + everything          # never why: the complaint is about him


def test_the_group_file_withholds_and_conceals(bot_app, tg_server, clock):
    app, runtime = bot_app
    levy = levy_naming_petugas(app, runtime)
    quiet = sensitive_named(app, runtime)
    shown = ordinary(app, runtime)
    # the group's files know of a sensitive complaint from its alert's slot
    # (bot.desk.privacy.released)
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    group = officer(app, KASI)                 # a leader, but in the group: everyone reads it
    assert group.send("/inventaris") == "officer"
    assert group.send("/rekap") == "officer"
    deliver(runtime)
    got = exports(tg_server, OFFICER_CHAT)
    rows = {r["Nomor Tiket"]: r for r in register_rows(got)}
    # the petugas the levy names reads the group: its row is not there
    assert levy not in rows and levy not in text_of(got) and PROFILE not in text_of(got)
    assert set(rows) == {quiet, shown}
    # a sensitive complaint names nobody, not even one who chose to be named, nor its channel
    row = rows[quiet]
    assert row["Pelapor"] == "Dirahasiakan" and row["Saluran"] == "Dirahasiakan"
    assert not row["ID Eksternal"] and not row["Sumber Eksternal"]
    assert OPEN_NAME not in text_of(got) and TRACKING not in text_of(got)
    assert "surat Kanwil W18" in row["Lapor Kanwil: Referensi"]
    received = row["Tanggal Diterima (WITA)"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", received), received
    assert not any(MINUTE.search(v) for k, v in row.items() if k.startswith("Masuk")), row
    # an ordinary complaint keeps its channel and minute
    assert rows[shown]["Saluran"] == "Telegram" and MINUTE.search(rows[shown]["Tanggal Diterima (WITA)"])
    figures = recap_lines(got)
    assert figures[("Ringkasan", "Jumlah pengaduan")] == "3" and figures[("Ringkasan", WITHHELD_LABEL)] == "1"
    assert figures[("Saluran", "Dirahasiakan")] == "1" and figures[("Saluran", "Telegram")] == "1"
    said = "\n".join(t for t in tg_server.sent_texts(OFFICER_CHAT) if t.startswith("📊"))
    assert "1 pengaduan tidak dirinci" in said and "konflik" not in said


def roster(runtime, telegram_id: int):  # type: ignore[no-untyped-def]
    [found] = [o for o in runtime.config.office_config.roster if o.telegram_id == telegram_id]
    return found


def render(runtime, now: dt.datetime, reader: identity.Audience,  # type: ignore[no-untyped-def]
           recap: bool = False):
    """(summary, [(name, bytes)]) of /inventaris (or /rekap) as desk.py makes it for `reader`."""
    config = runtime.config.office_config
    with runtime.store.unit() as unit:
        month = now.astimezone(config.office.tz).strftime("%Y-%m")
        export = (files.recap(unit, config, runtime.notifier.hours, month, now, reader)
                  if recap else files.register(unit, config, now, reader))
    summary, made = export()
    return summary, [(f.name, f.data) for f in made if f.name.endswith((".xlsx", ".csv"))]


def test_only_the_leaders_in_private_read_a_sensitive_row_whole(bot_app, clock):
    app, runtime = bot_app
    levy = levy_naming_petugas(app, runtime)
    quiet = sensitive_named(app, runtime)
    shown = ordinary(app, runtime)
    clock.now = alert_slot(runtime.config.office_config, clock())   # the group's files too
    kasi = identity.private_chat(roster(runtime, KASI))
    _, got = render(runtime, clock(), kasi)
    rows = {r["Nomor Tiket"]: r for r in register_rows(got)}
    assert set(rows) == {levy, quiet, shown}          # nobody keeps Kasi Tikkim away
    whole = rows[quiet]
    assert whole["Pelapor"] == OPEN_NAME and whole["Saluran"] == "Telegram"
    assert whole["ID Eksternal"] == TRACKING and OPEN_NAME in whole["Lapor Kanwil: Referensi"]
    assert MINUTE.search(whole["Tanggal Diterima (WITA)"])
    assert rows[levy]["Pelapor"] == PROFILE and rows[levy]["Saluran"] == "WhatsApp"
    # the Kepala Kantor too; a leader in the group, and any other officer in private, not
    for reader in (identity.private_chat(roster(runtime, KEPALA)),
                   identity.chat(roster(runtime, KASI), private=False)):
        _, got = render(runtime, clock(), reader)
        rows = {r["Nomor Tiket"]: r for r in register_rows(got)}
        if reader.private:
            assert rows[quiet]["Pelapor"] == OPEN_NAME
        else:
            assert levy not in rows and rows[quiet]["Pelapor"] == "Dirahasiakan"
    petugas = identity.private_chat(roster(runtime, PETUGAS))
    summary, got = render(runtime, clock(), petugas)
    rows = {r["Nomor Tiket"]: r for r in register_rows(got)}
    assert set(rows) == {quiet, shown} and "3 pengaduan" in summary
    assert "Anda tidak memiliki akses" in summary
    assert rows[quiet]["Pelapor"] == "Dirahasiakan" and rows[quiet]["Saluran"] == "Dirahasiakan"
    assert OPEN_NAME not in text_of(got) and PROFILE not in text_of(got)
    assert not MINUTE.search(rows[quiet]["Tanggal Diterima (WITA)"])
    # the recap: the leader's figures whole, the petugas's with the levy counted only in the total
    _, got = render(runtime, clock(), kasi, recap=True)
    assert recap_lines(got)[("Ringkasan", "Jumlah pengaduan")] == "3"
    assert ("Ringkasan", WITHHELD_LABEL) not in recap_lines(got)
    assert recap_lines(got)[("Saluran", "WhatsApp")] == "1"
    summary, got = render(runtime, clock(), petugas, recap=True)
    figures = recap_lines(got)
    assert figures[("Ringkasan", "Jumlah pengaduan")] == "3" and figures[("Ringkasan", WITHHELD_LABEL)] == "1"
    assert ("Saluran", "WhatsApp") not in figures and figures[("Saluran", "Dirahasiakan")] == "1"
    assert "3 pengaduan" in summary and "1 pengaduan tidak dirinci" in summary
