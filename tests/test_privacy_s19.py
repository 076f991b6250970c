"""Privacy, session 19 (helper R): levy and conduct reports told in plain words.

A talk with the officers (or a request for one that says what about) whose text reports an
illegal levy or an officer's conduct is read by Kasi Tikkim and the Kepala Kantor only
(`bot.delicate`); the officers' group, where the officer concerned may sit, reads nothing of it.

1. "soal uang administrasi 500 ribu yang diminta di loket": money asked for at a counter,
   outside the official fee (PNBP, paid at a bank), was relayed to the group.
2. "petugas yang minta nomor wa saya": an officer asking a complainant for their WhatsApp
   number, was relayed to the group.
3. The same detector, probed with the ways people say these things (informal Indonesian,
   Tarakan's Malay-tinged slang, English); and ordinary talk that must stay the group's (the
   official fee, a queue number, a ticket number, a friendly officer, paying at the bank).

On SQLite and PostgreSQL where storage is involved (`bot_app`)."""
from __future__ import annotations

import re

import pytest

from bot.delicate import delicate, delicate_kind
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, deliver
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(240)

CODE = re.compile(r"\bP-\d+\b")
ADMIN_FEE = "soal uang administrasi 500 ribu yang diminta di loket"
WA_NUMBER = "petugas yang minta nomor wa saya"


# --- 1 and 2, end to end: in an open talk, and in a request that says what about --------------
@pytest.mark.parametrize("text", [ADMIN_FEE, WA_NUMBER])
def test_a_levy_or_a_number_asked_for_told_in_an_open_talk_reaches_the_leaders_only(
        bot_app, tg_server, tw_server, text):
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255519101")
    phone.says("halo")
    phone.says("mau bicara sama petugas")
    deliver(runtime)
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    phone.says(text)
    deliver(runtime)
    assert tg_server.sent_texts(OFFICER_CHAT)[before:] == []
    for leader in (KASI, KEPALA):
        assert text in "\n".join(tg_server.sent_texts(leader)), leader


@pytest.mark.parametrize("said", [
    f"mau bicara dengan petugas, {ADMIN_FEE}",
    f"mau bicara dengan petugas, soal {WA_NUMBER} waktu wawancara"])
def test_a_request_that_says_what_about_shows_the_group_none_of_it(
        bot_app, tg_server, tw_server, said):
    """Asking for an officer and saying what about in one long message: the rest used to be
    handed on at once with the request, and the group read it beside the code. A report of a
    levy or an officer's conduct is a grievance told (`understand.grievance`), kept as the
    start of a story, which is offered the sensitive type before it is sent: the group reads
    nothing of it."""
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255519102",
                         profile_name="Yohana Lumenta")
    phone.says("halo")
    reply = phone.says(said)
    deliver(runtime)
    group = "\n".join(tg_server.sent_texts(OFFICER_CHAT))
    for trace in ("500 ribu", "administrasi", "nomor wa", "Yohana", "WhatsApp"):
        assert trace not in group, (trace, group)
    assert not CODE.search(group) and "/pesan" not in group, group
    assert "awal pengaduan" in reply, reply           # kept, not lost


# --- 3. the detector, as people say it ------------------------------------------------------
LEVY = [
    ADMIN_FEE,
    "bapak di loket 2 minta 300 ribu biar paspor cpt jadi",
    "petugasnya minta 500 ribu di loket",
    "diminta tambahan 150rb sama petugas wawancara",
    "ditarik biaya 250 ribu di loket utk foto ulang",
    "sy ditarik biaya lagi sama petugasnya",
    "ada biaya di luar tarif resmi yg diminta petugas",
    "kena 200 di luar PNBP, katanya uang jasa",
    "katanya harus ada uang capek buat bapaknya",
    "sy disuruh transfer ke rekening pribadi bapak itu",
    "tf ke rek pribadi petugasnya 500",
    "bah, dipalak 100 sama orang imigrasi",
    "sy kasih salam tempel ke bapaknya biar lancar",
    "bayarnya cash ke petugas, ga dikasih kuitansi",
    "cash only no receipt, the guy at counter 4 said",
    "he wanted cash and gave me no receipt",
    "they told me to transfer the money to his personal account",
    "the officer asked for 500k to process it today",
    "ibu di loket meminta duit 300 buat urus cepat",
    "uangnya diselipin di map biar cepat",
]
CONDUCT = [
    WA_NUMBER,
    "petugas wawancara nanya nomor hp saya terus",
    "sy dimintai nomor wa pribadi sama petugas",
    "mas mas di loket minta no wa ku",
    "the officer asked for my number",
    "the officer at the counter asked for my whatsapp",
    "petugasnya ngajak ketemuan di luar",
    "dia ngajak kencan pas wawancara",
    "petugas itu chat2 saya malam2",
    "sy ditelpon malam malam sama petugas yg wawancara",
    "the officer asked me out",
    "he kept texting me at night after my interview",
    "petugasnya pegang2 tangan saya",
    "paha saya diraba waktu foto",
    "he touched my waist at the counter",
    "sy diteriaki petugas di loket",
    "petugasnya teriak2 ke saya",
    "petugas ngancam saya",
    "petugas merekam saya diam diam pakai hp",
    "sy difoto diam2 sama petugas",
    "he filmed me with his phone",
    "petugasnya genit",
    "dimaki maki petugas di depan orang banyak",
    "orang tua saya di marah2in di depan saya",
    "berkas saya dilempar sama petugas loket",
    "petugas itu banting paspor saya di meja",
]


@pytest.mark.parametrize("text", LEVY)
def test_a_levy_as_people_say_it_is_for_the_leaders(text):
    assert delicate(text), text
    assert delicate_kind(text) == "pungli", text


@pytest.mark.parametrize("text", CONDUCT)
def test_an_officers_conduct_as_people_say_it_is_for_the_leaders(text):
    assert delicate(text), text
    assert delicate_kind(text) == "perilaku_petugas", text


ORDINARY = [
    "biaya paspor 350 ribu berapa?", "nomor antrian saya berapa", "petugasnya ramah",
    "saya bayar di bank", "minta nomor tiket", "petugas minta nomor tiket saya",
    "boleh minta nomor wa kantor?", "saya mau minta nomor wa saya diganti",
    "waktu daftar saya dimintai nomor hp dan email", "paspor saya dipegang petugas dulu",
    "sidik jari saya direkam petugas", "petugas foto saya untuk paspor",
    "berapa biaya tambahan untuk paspor elektronik?",
    "saya harus bayar lebih dulu atau wawancara dulu?",
    "saya ditarik biaya 1 juta karena paspor hilang",
    "tolong chat saya kalau paspor sudah jadi", "bisa bayar pakai rekening pribadi saya?",
    "saya sudah transfer ke rekening bank untuk PNBP", "I paid online and got no receipt",
    "the officer took my photo for the passport", "petugas menelepon saya kemarin siang",
    "apakah ada uang administrasi untuk paspor?", "petugas tanya nomor paspor lama saya",
    "can I pay in cash?", "berkas saya belum disentuh sama sekali",
    "saya diajak ke ruang wawancara", "how much is the passport fee?",
    "biaya paspor berapa, saya minta info ke petugas", "saya cuma bisa mengelus dada",
    "colek admin, paspor saya kapan jadi", "they gave me no receipt at the bank",
    "the bank told me to pay 350k", "petugas minta pin saya untuk cek status",
    "saya meminta informasi biaya paspor", "dokumen saya diserahkan tanpa tanda terima",
    "saya mencium bau rokok di ruang tunggu", "berkas saya dilengkapi kemarin",
    "apakah dikenakan biaya tambahan untuk paspor elektronik?",
    "boleh minta nomor wa pribadi petugas yang urus paspor saya?",
    "saya minta nomor wa sama petugas biar gampang tanya",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_talk_stays_the_groups(text):
    assert not delicate(text) and delicate_kind(text) is None, text
