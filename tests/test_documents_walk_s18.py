"""The documents walk (session 18), read as the Kepala Kantor and the Kanwil read them: a report
about foreigners or about a facility does not speak of staff discipline where no staff member is
at fault, and says what the complainant's step-9 message says."""
from __future__ import annotations

import dataclasses
import io

import pytest
from pypdf import PdfReader

from bot.progress_texts import pt
from tests.support.telegram import (KASI, PENYUSUN, SEKSI, TelegramUser, deliver,
                                    file_on_telegram, take_step)
from tests.test_documents import RENDERERS, read
from tests.test_documents import dossier  # noqa: F401  (fixture)
from tests.test_documents import office  # noqa: F401  (fixture)
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(150)
CITIZEN = 555_180
STAFF_WORDS = ("Hukuman disiplin", "Pembinaan dan pendampingan")


# --- 1: the follow-up of a report about foreigners / a facility --------------------------------
@pytest.mark.parametrize("kind", list(RENDERERS))
@pytest.mark.parametrize("follow_up, words", [
    ("pembinaan", "Pengawasan dan peringatan terhadap orang asing yang dilaporkan"),
    ("hukuman", "Tindakan administratif keimigrasian terhadap orang asing yang dilaporkan")])
def test_a_report_about_foreigners_names_their_follow_up_not_staff_discipline(
        kind, follow_up, words, dossier):
    """A true report about foreigners (pengawasan_wna) with step 5 "hukuman" printed "Tindak
    lanjut: Hukuman disiplin" in the cover letter and the report, while the complainant was
    told of an immigration enforcement action against the foreigners."""
    wna = dataclasses.replace(dossier, type_key="pengawasan_wna", follow_up=follow_up,
                              complaint_type="Laporan keberadaan/kegiatan WNA")
    text = read(kind, wna)
    assert words in text
    assert words.lower() == pt("id", f"follow_up.wna.{follow_up}").lower()  # as told
    assert not any(staff in text for staff in STAFF_WORDS)


@pytest.mark.parametrize("kind", list(RENDERERS))
@pytest.mark.parametrize("type_key", ["sarana_prasarana", "sistem_online", "informasi"])
def test_a_complaint_no_staff_is_at_fault_in_names_no_discipline(kind, type_key, dossier):
    """A broken toilet found true, step 5 "hukuman": the documents said "Hukuman disiplin";
    the complainant was told only that it was acted upon."""
    text = read(kind, dataclasses.replace(dossier, type_key=type_key, follow_up="hukuman"))
    assert "Ditindaklanjuti oleh seksi terkait (perbaikan layanan)" in text
    assert not any(staff in text for staff in STAFF_WORDS)


@pytest.mark.parametrize("kind", list(RENDERERS))
def test_staff_complaints_keep_the_sops_words(kind, dossier):
    for type_key in ("pungli", "paspor", None):
        text = read(kind, dataclasses.replace(dossier, type_key=type_key, follow_up="hukuman"))
        assert "Hukuman disiplin" in text and "perbaikan layanan" not in text
    text = read(kind, dataclasses.replace(dossier, type_key="pengawasan_wna",
                                          verdict="tidak_benar", follow_up=None))
    assert "Tidak diperlukan (pengaduan tidak benar)" in text


def test_the_fetched_report_of_a_facility_complaint_says_what_the_complainant_was_told(
        app, runtime, tg_server):
    """End to end: a complaint retyped to sarana_prasarana, found true, step 5 "hukuman";
    /dokumen's report and cover letter print no staff discipline."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reviewed")
    assert officer(app, KASI, private=True).send(f"/jenis {ticket} sarana_prasarana") == \
        "officer"
    assert complaint(runtime, ticket).type == "sarana_prasarana"
    seksi = officer(app, SEKSI["lantaskim"])
    assert take_step(seksi, ticket, "benar BAP W18-0042 2026-12-01 selesai",
                     "examined") == "officer"
    assert take_step(seksi, ticket, "hukuman AC ruang tunggu diperbaiki",
                     "followed_up") == "officer"
    assert take_step(officer(app, PENYUSUN), ticket, "", "report_drafted") == "officer"
    assert officer(app, KASI, private=True).send(f"/dokumen {ticket}") == "officer"
    deliver(runtime)
    texts = {}
    for call in tg_server.calls_to("sendDocument"):
        name = call.files["document"].filename
        if name.endswith(f"{ticket}.pdf"):
            pages = PdfReader(io.BytesIO(call.files["document"].content)).pages
            texts[name] = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert set(texts) == {f"Surat_Pengantar_{ticket}.pdf", f"Laporan_Pengaduan_{ticket}.pdf"}
    for text in texts.values():
        assert "Ditindaklanjuti oleh seksi terkait (perbaikan layanan)" in text
        assert "Hukuman disiplin" not in text


# --- 2: the register's follow-up column --------------------------------------------------------
def test_the_registers_follow_up_says_what_the_documents_say():
    """The register (sent to the Kanwil with the recap) printed "Hukuman disiplin" for a true
    report about foreigners and for a broken facility, as for an officer's misconduct."""
    import datetime as dt

    from bot.config import load_office_config
    from bot.paperwork.exports import REGISTER_HEADER, register_rows
    from bot.paperwork.recap import Labels, RegisterRow

    at = dt.datetime(2027, 3, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    rows = [RegisterRow(f"TRK-2703-00{i}", at, "whatsapp", kind, None, "archived", "benar",
                        "hukuman")
            for i, kind in enumerate(("pengawasan_wna", "sarana_prasarana", "pungli"))]
    rows.append(RegisterRow("TRK-2703-0099", at, "sms", "sarana_prasarana", None, "archived",
                            "tidak_benar"))
    column = REGISTER_HEADER.index("Tindak Lanjut")
    shown = [row[column] for row in register_rows(rows, Labels.from_config(
        load_office_config()))]
    assert shown == ["Tindakan administratif keimigrasian terhadap orang asing yang dilaporkan",
                     "Ditindaklanjuti oleh seksi terkait (perbaikan layanan)",
                     "Hukuman disiplin", "Tidak diperlukan (tidak benar)"]


# --- 3: the cover letter of a sensitive complaint ----------------------------------------------
@pytest.mark.parametrize("kind", ["cover-docx", "cover-pdf"])
def test_a_sensitive_complaints_cover_letter_is_marked_secret_whoever_complained(kind,
                                                                               dossier):
    """An anonymous or openly named pungli complaint (its files concealed: channel
    "Dirahasiakan", moments as dates) went to the Kanwil as "Sifat: Biasa", though at the
    office its story is for the leaders alone."""
    for flags in ({"anonymous": True}, {}):
        text = read(kind, dataclasses.replace(dossier, channel="Dirahasiakan", **flags))
        assert "Sifat : Rahasia" in text and "Biasa" not in text
    assert "Sifat : Biasa" in read(kind, dossier)            # an ordinary complaint, as before
