"""What a concealed complainant writes about themselves, whatever the bot knows of them.

The privacy audit found an anonymous story reaching the officers' group (the alert, /lihat),
other officers and the files (report, register) with what says who wrote it: an e-mail address,
a self-introduction the bot did not know ("Saya Budi Santoso dari …", "a.n. Budi Santoso",
"Ini dengan Budi Santoso", a lowercase "nama saya budi"), a passport number typed in lower case
or with a space, a profile link (facebook.com/…, t.me/…, wa.me/…), a @username with a dot.
`identity.self_traces` masks them for every reader who may not know the identity; what is no
identity (a city, "saya sudah bayar", a sum in rupiah, a company, the officer reported) stays
(README, "Privacy").
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import pytest

from bot import identity
from bot.identity import FILE, GROUP, Audience
from bot.notify import alert_slot
from tests.support.intake import TICKET, walk
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_kept_documents import sent_files
from tests.test_officers import officer

pytestmark = pytest.mark.timeout(180)
M = identity.MASK
PETUGAS_PRIVATE = Audience(role="petugas", private=True)
KASI_PRIVATE = Audience(role="kasi_tikkim", private=True)


@dataclass
class Told:
    identity_mode: str
    reporter_name: str | None = None
    type: str = "paspor"
    ticket: str = "TRK-7K3Q-9MXA"


@dataclass
class Writer:
    name: str | None = None
    profile_name: str | None = "Kopi Senja"      # a profile that says nothing of the writer


# (what the complainant wrote, what a reader who may not know who wrote it reads)
MASKED = [
    ("hubungi saya di budi.santoso77@gmail.com", f"hubungi saya di {M}@gmail.com"),
    ("Saya Budi Santoso dari Juata Laut, paspor saya belum jadi",
     f"Saya {M} dari Juata Laut, paspor saya belum jadi"),
    ("Halo, saya Pak Hendra, mau tanya paspor", f"Halo, saya Pak {M}, mau tanya paspor"),
    ("SAYA BUDI SANTOSO DARI JUATA LAUT", f"SAYA {M} DARI JUATA LAUT"),
    ("paspor a.n. Budi Santoso belum jadi", f"paspor a.n. {M} belum jadi"),
    ("paspor atas nama Budi Santoso belum jadi", f"paspor atas nama {M} belum jadi"),
    ("Ini dengan Budi Santoso, paspor saya belum jadi",
     f"Ini dengan {M}, paspor saya belum jadi"),
    ("nama saya budi, paspor belum jadi", f"nama saya {M}, paspor belum jadi"),
    ("nama saya budi santoso paspor saya hilang", f"nama saya {M} paspor saya hilang"),
    ("Nama saya Budi. Paspor saya hilang", f"Nama saya {M}. Paspor saya hilang"),
    ("no paspor saya c1234567", f"no paspor saya {M}"),
    ("no paspor C 1234567 belum jadi", f"no paspor {M} belum jadi"),
    ("fb saya facebook.com/budi.santoso77", f"fb saya facebook.com/{M}"),
    ("cek https://www.instagram.com/budi_s77/ ya", f"cek https://www.instagram.com/{M} ya"),
    ("chat saja t.me/budisantoso", f"chat saja t.me/{M}"),
    ("wa.me/6281234567890", f"wa.me/{M}"),
    ("ig saya @budi.santoso77", f"ig saya {M}"),
    ("ig: budi.santoso77", f"ig: {M}"),
    ("my name is john smith and I waited", f"my name is {M} and I waited"),
]
KEPT = [
    "saya sudah bayar dua kali",
    "Saya Sudah bayar dua kali",            # capitalised, still no name
    "saya dari Tarakan",                    # a city is fine
    "Saya dr Tarakan, mau tanya",           # dr: dari
    "Saya WNI, tinggal di Nunukan",
    "paspor saya Hilang di bandara",        # "saya" inside a sentence introduces nobody
    "nama saya di paspor salah ketik",
    "nama saya tidak sesuai dengan KTP",
    "paspor a.n. perusahaan",               # decided: no name, nothing to mask
    "visa kerja a.n. PT Borneo Timber",     # a company (a sponsor) is no person
    "atas nama saya sendiri",
    "bayar Rp1500000 ke calo",              # a sum in rupiah is no passport number
    "Petugas loket 2, Pak Hendra Gunawan, minta uang 300rb",   # the officer reported
    "2 paspor @350rb",
    "I am very upset about the queue",
    "Terima kasih Pak",
]


@pytest.mark.parametrize(("mode", "audience"), [
    ("anonymous", GROUP), ("anonymous", FILE), ("anonymous", KASI_PRIVATE),
    ("confidential", GROUP), ("confidential", PETUGAS_PRIVATE), ("confidential", FILE),
], ids=["anonymous-group", "anonymous-file", "anonymous-kasi", "confidential-group",
        "confidential-petugas", "confidential-file"])
@pytest.mark.parametrize(("said", "shown"), MASKED + [(t, t) for t in KEPT],
                         ids=[s for s, _ in MASKED] + KEPT)
def test_what_a_concealed_complainant_writes_about_themselves(mode, audience, said, shown):
    assert identity.complainant_text(said, Told(mode), Writer(), audience) == shown


@pytest.mark.parametrize(("said", "shown"), MASKED, ids=[s for s, _ in MASKED])
def test_a_talk_to_officer_relay_of_a_concealed_person_is_masked_the_same(said, shown):
    """The group reads what a person with a confidential complaint writes to an officer
    through `redact_person`, as their story."""
    assert identity.redact_person(said, [Told("confidential")], Writer()) == shown


@pytest.mark.parametrize(("said", "_shown"), MASKED, ids=[s for s, _ in MASKED])
def test_whoever_may_know_the_identity_reads_it_whole(said, _shown):
    """Openly named: every officer reads the story as written (numbers aside); confidential:
    Kasi Tikkim and the Kepala Kantor in private do."""
    if "wa.me" in said:           # a number, masked for every officer
        return
    assert identity.complainant_text(said, Told("named"), Writer(), GROUP) == said
    assert identity.complainant_text(said, Told("confidential"), Writer(), KASI_PRIVATE) == said


STORY = ("Saya Budi Santoso dari Juata Laut, paspor c1234567 belum jadi sebulan. Kabari ke "
         "budi.santoso77@gmail.com atau instagram.com/budi.santoso77")
TRACES = ("Budi", "Santoso", "c1234567", "santoso77")


def test_an_anonymous_story_reaches_the_group_the_officers_and_the_register_without_them(
        bot_app, tg_server, clock):
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255501234",
                         profile_name="Kopi Senja")
    for said in ("halo", "1", STORY, "lanjut"):
        phone.say(said)
    ticket = TICKET.search(walk(phone.says, phone.says("1"), {
        "Pengaduan Anda tentang apa": "1", "identitas Anda dicatat": "anonim"})).group(0)
    with runtime.store.unit() as unit:
        assert unit.complaint_by_ticket(ticket).identity_mode == "anonymous"
    # the group knows of it from its alert's slot on (bot.desk.privacy.released)
    clock.now = alert_slot(runtime.config.office_config, clock())
    assert officer(app, PETUGAS).send(f"/lihat {ticket}") == "officer"
    assert officer(app, PETUGAS, private=True).send(f"/lihat {ticket}") == "officer"
    assert officer(app, KASI).send("/inventaris") == "officer"
    deliver(runtime)
    read = [t for chat in (OFFICER_CHAT, PETUGAS) for t in tg_server.sent_texts(chat)
            if ticket in t]
    told = [t for t in read if "belum jadi" in t]
    assert len(told) >= 3, read                # the alert, /lihat in the group and in private
    files = [content.decode("utf-8", "replace") if name.endswith(".csv") else " ".join(
        zipfile.ZipFile(io.BytesIO(content)).read(n).decode("utf-8", "replace")
        for n in zipfile.ZipFile(io.BytesIO(content)).namelist())
        for name, content, _ in sent_files(tg_server, OFFICER_CHAT)
        if name.startswith("Register")]
    assert files
    for text in told + files:
        assert "dari Juata Laut" in text, text
    for text in read + files:
        for trace in TRACES:
            assert trace not in text, (trace, text)
