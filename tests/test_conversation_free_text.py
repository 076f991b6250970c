"""Free text understood where it matters: at the menu, at every answer, and out of scope."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from sqlalchemy import select

from storage.models import Complaint, ConversationState
from tests.support.intake import walk
from tests.support.twilio_chat import TwilioSender


@dataclass(frozen=True)
class Result:
    """A classification as issue 11's NluResult gives it (out_of_scope, proposal)."""

    intent: str
    confidence: float
    out_of_scope: bool = False
    model_version: str | None = "fake-nlu#1"
    ranking: tuple = field(default=())

    def proposal(self, threshold: float) -> str | None:
        types = {"paspor", "pungli", "sarana_prasarana", "izin_tinggal"}
        return self.intent if self.intent in types and self.confidence >= threshold else None


@dataclass(frozen=True)
class OldResult:
    """A classification from the client before issue 11: intent, confidence, ranking only."""

    intent: str
    confidence: float
    model_version: str | None = "old-nlu#1"
    ranking: tuple = field(default=())


class FakeNlu:
    """Answers by the first fragment found in the text; records what it was asked."""

    def __init__(self, answers: dict[str, object]):
        self.answers = answers
        self.asked: list[str] = []

    def parse(self, text: str) -> object | None:
        self.asked.append(text)
        return next((r for f, r in self.answers.items() if f in text.lower()), None)


def start(make_app, db_url, nlu=None) -> TwilioSender:  # type: ignore[no-untyped-def]
    app, runtime = make_app(db_url, classifier=nlu)
    phone = TwilioSender(app.test_client(), runtime.config.settings)
    phone.runtime = runtime  # type: ignore[attr-defined]
    return phone


def state(phone) -> ConversationState:  # type: ignore[no-untyped-def]
    with phone.runtime.store.unit() as unit:
        return unit.session.scalars(select(ConversationState)).one()


def filed(phone) -> list[Complaint]:  # type: ignore[no-untyped-def]
    with phone.runtime.store.unit() as unit:
        return list(unit.session.scalars(select(Complaint)))


# --- the menu, without the model ----------------------------------------------------------------
@pytest.mark.parametrize("first", ["sy mau komplain", "mau ngadu min", "ada keluhan",
                                   "saya mau lapor", "mau buat laporan", "I want to complain"])
def test_complaint_synonyms_work_without_the_model(make_app, sqlite_url, first):
    phone = start(make_app, sqlite_url)
    reply = phone.says(first)
    assert ("Ceritakan apa yang terjadi" in reply or "Tell us what happened" in reply)
    assert state(phone).state == "describe"


def test_a_question_as_first_message_gets_its_answer_not_a_draft(make_app, sqlite_url):
    phone = start(make_app, sqlite_url)
    reply = phone.says("min, syarat bikin paspor baru apa aja ya?")
    assert "Selamat datang" in reply and "*Paspor baru (WNI)*" in reply
    assert "e-KTP" in reply and "M-Paspor" in reply and "*petugas*" in reply
    assert "Dicatat" not in reply and "Kapan" not in reply
    assert state(phone).state == "menu" and not filed(phone)
    fees = phone.says("biayanya berapa?")
    assert "Rp650.000" in fees and "kode billing" in fees and "PP No. 28 Tahun 2019" in fees


def test_asking_for_a_person_reaches_an_officer_not_a_draft(make_app, sqlite_url):
    phone = start(make_app, sqlite_url)
    phone.say("halo")
    reply = phone.says("mau ngomong sama orang aja, bukan bot")
    assert "sudah kami teruskan" in reply
    assert state(phone).state == "officer" and not state(phone).data.get("story")


def test_asking_about_my_report_checks_the_status(make_app, sqlite_url):
    from tests.test_conversation import file_complaint
    phone = start(make_app, sqlite_url)
    ticket, _ = file_complaint(phone)
    reply = phone.says("mau cek laporan sy yg kmrn")
    assert ticket in reply


@pytest.mark.parametrize("text", ["Hi", "ok", "yes", "halo"])
def test_a_bare_greeting_or_ok_never_switches_to_english(make_app, sqlite_url, text):
    phone = start(make_app, sqlite_url)
    assert "Apa yang bisa kami bantu?" in phone.says(text)
    assert "Apa yang bisa kami bantu?" in phone.says("ok")


def test_english_questions_are_answered_in_english(make_app, sqlite_url):
    phone = start(make_app, sqlite_url)
    hours = phone.says("What are your opening hours?")
    assert "*Opening hours* Mon–Thu 08:00–16:00, Fri 08:00–16:30 WITA" in hours
    assert "Closed on Sat, Sun" in hours and "reply *officer*" in hours
    fees = phone.says("how much does a passport cost?")
    assert "Rp650,000" in fees and "billing code" in fees and "PP) No. 28/2019" in fees


# --- the menu, with the model -------------------------------------------------------------------
def test_the_model_routes_what_rules_cannot(make_app, sqlite_url):
    nlu = FakeNlu({"unek": Result("complain", 0.93), "nyambung": Result("talk_to_officer", 0.9),
                   "progres": Result("check_status", 0.88),
                   "antre": Result("informasi", 0.97)})
    phone = start(make_app, sqlite_url, nlu)
    phone.say("halo")
    assert "Ceritakan" in phone.says("pengen nyampein unek2")
    phone.say("menu")
    assert "sudah kami teruskan" in phone.says("bisa nyambung ke yg jaga?")
    phone.say("menu")                         # else it goes to the officers
    assert "Belum ada pengaduan dari nomor ini. Kirim nomor tiket Anda" in \
        phone.says("gimana progresnya")
    phone.say("menu")
    assert "*M-Paspor*" in phone.says("antre online nya dimana")
    assert "pengen nyampein unek2" in nlu.asked


def test_a_confident_story_at_the_menu_starts_the_draft(make_app, sqlite_url):
    nlu = FakeNlu({"calo": Result("pungli", 0.95)})
    phone = start(make_app, sqlite_url, nlu)
    phone.say("halo")
    assert "Dicatat sebagai awal pengaduan" in phone.says("ada calo ngaku orang dalam")
    proposal = phone.says("lanjut")
    assert "tampaknya tentang *Pungutan liar, calo, atau suap*" in proposal


def test_an_older_client_result_is_read_from_its_ranking(make_app, sqlite_url):
    nlu = FakeNlu({"toilet": OldResult("nlu_fallback", 0.3, ranking=(
        ("nlu_fallback", 0.3), ("sarana_prasarana", 0.92), ("lainnya", 0.05)))})
    phone = start(make_app, sqlite_url, nlu)
    phone.say("halo")
    phone.say("1")
    phone.say("toilet di ruang tunggu rusak dan bau")
    assert "tampaknya tentang *Sarana dan prasarana kantor*" in phone.says("lanjut")


# --- out of scope ---------------------------------------------------------------------------------
def test_out_of_scope_is_said_kindly_with_where_to_go(make_app, sqlite_url):
    nlu = FakeNlu({"jalan": Result("lainnya", 0.96, out_of_scope=True)})
    phone = start(make_app, sqlite_url, nlu)
    reply = phone.says("jalan di depan pasar gusher rusak parah, banyak lubang")
    assert "bukan wewenang Kantor Imigrasi" in reply
    assert "Pemerintah Kota Tarakan" in reply and "www.lapor.go.id" in reply
    assert "Kepolisian" not in reply                      # only the place that fits
    assert "1. Tetap kirim ke Imigrasi" in reply
    assert "tidak kami kirim" in phone.says("ga usah, makasih")
    assert not filed(phone) and state(phone).state == "menu"


def test_a_story_no_referral_names_goes_to_lapor_alone(make_app, sqlite_url):
    """A BPJS complaint is not sent to the police's emergency number nor the city."""
    nlu = FakeNlu({"iuran": Result("lainnya", 0.93, out_of_scope=True)})
    phone = start(make_app, sqlite_url, nlu)
    reply = phone.says("kartu sy tdk aktif pdhl sdh bayar iuran tiap bulan, tlg dibantu")
    assert "bukan wewenang Kantor Imigrasi" in reply and "SP4N-LAPOR!" in reply
    assert "Kepolisian" not in reply and "110" not in reply and "Pemerintah Kota" not in reply


@pytest.mark.parametrize("story, place", [
    ("KTP sy udh 2 bulan blm jadi di dukcapil, gmn ini", "Disdukcapil Kota Tarakan"),
    ("kartu bpjs sy tdk aktif pdhl sdh bayar iuran", "BPJS Kesehatan Care Center 165")])
def test_id_cards_and_bpjs_are_referred_to_their_office(make_app, sqlite_url, story, place):
    nlu = FakeNlu({"": Result("lainnya", 0.93, out_of_scope=True)})
    phone = start(make_app, sqlite_url, nlu)
    reply = phone.says(story)
    assert place in reply and "SP4N-LAPOR!" in reply
    assert "Kepolisian" not in reply and "Pemerintah Kota" not in reply


def test_the_person_may_still_file_it_here(make_app, sqlite_url):
    nlu = FakeNlu({"jalan": Result("lainnya", 0.96, out_of_scope=True)})
    phone = start(make_app, sqlite_url, nlu)
    phone.say("halo")
    phone.say("1")
    phone.say("jalan di depan kantor imigrasi rusak, mobil pengunjung susah parkir")
    assert "bukan wewenang Kantor Imigrasi" in phone.says("lanjut")
    assert "Pengaduan Anda tentang apa?" in phone.says("tetap kirim")
    walk(phone.says, phone.says("8"))
    [complaint] = filed(phone)
    assert complaint.type == "sarana_prasarana" and complaint.predicted_type == "lainnya"


def test_without_the_model_keywords_still_point_elsewhere(make_app, sqlite_url):
    phone = start(make_app, sqlite_url)
    phone.say("halo")
    phone.say("1")
    phone.say("motor saya dicuri di parkiran pasar tadi malam")
    reply = phone.says("lanjut")
    assert "Kepolisian (Polres Tarakan): telepon darurat 110" in reply and "SP4N-LAPOR!" in reply
    phone.say("1")
    phone.say("menu")
    phone.say("batal")
    phone.say("ya")
    phone.say("1")
    phone.say("calo di kantor imigrasi minta uang, katanya bisa bantu kalau motor dicuri")
    assert "Pengaduan Anda tentang apa?" in phone.says("lanjut")   # immigration: no referral


# --- answers in the person's words --------------------------------------------------------------
def to_evidence(phone, story: str = "petugas loket membentak saya", kind: str = "5") -> None:  # type: ignore[no-untyped-def]
    for text in ("halo", "1", story, "lanjut", kind, "kemarin", "1"):
        phone.say(text)


@pytest.mark.parametrize("who", ["gatau", "ga tau min", "tidak tahu", "lupa", "-"])
def test_not_knowing_who_is_a_skip(make_app, sqlite_url, who):
    phone = start(make_app, sqlite_url)
    to_evidence(phone)
    assert "Ada bukti?" in phone.says(who)


def test_a_description_after_not_knowing_the_name_is_kept(make_app, sqlite_url):
    """"tdk tau namanya, ibu2 berjilbab" describes the person: it is the answer, not a skip."""
    phone = start(make_app, sqlite_url)
    to_evidence(phone)
    assert "Ada bukti?" in phone.says("tdk tau namanya, ibu2 berjilbab")
    assert state(phone).data["who"] == "tdk tau namanya, ibu2 berjilbab"


@pytest.mark.parametrize("none", ["ga ada", "gk ada", "gak ada", "nggak ada", "tdk ada",
                                  "ga ada bukti", "tidak punya", "no", "ngga ada min"])
def test_no_evidence_in_the_usual_spellings(make_app, sqlite_url, none):
    phone = start(make_app, sqlite_url)
    to_evidence(phone)
    phone.say("lewati")
    assert "Apa yang Anda harapkan" in phone.says(none)     # conduct asks it (W27)
    assert "Bagaimana identitas Anda dicatat?" in phone.says("lewati")


def test_a_protest_is_never_stored_as_a_name(make_app, sqlite_url):
    phone = start(make_app, sqlite_url)
    to_evidence(phone)
    phone.say("lewati")
    phone.say("lanjut")
    phone.say("lewati")                       # the outcome wanted (W27)
    assert "Tuliskan nama Anda" in phone.says("2")
    reply = phone.says("kenapa harus pakai nama?")
    assert "Nama tidak wajib" in reply and "*anonim*" in reply
    reply = phone.says("lho kok nama? sy mau dirahasiain")
    assert "nama Anda dirahasiakan" in reply and "*anonim*" in reply
    assert "Identitas:* Anonim" in phone.says("anonim aja")
    assert state(phone).data.get("name") is None


def test_wishes_about_the_identity_are_understood(make_app, sqlite_url):
    phone = start(make_app, sqlite_url)
    to_evidence(phone)
    phone.say("lewati")
    phone.say("lanjut")
    phone.say("lewati")                       # the outcome wanted (W27)
    summary = phone.says("rahasiakan nama sy ya")
    assert "*Identitas:* Budi Santoso (dirahasiakan)" in summary
    assert "Dengan mengirim, Anda setuju" in summary
    assert "tercatat" in phone.says("setuju")
    [complaint] = filed(phone)
    assert complaint.identity_mode == "confidential" and complaint.reporter_name == "Budi Santoso"


def test_anonymous_wins_over_not_wanting_to_be_known(make_app, sqlite_url):
    """A whistleblower who says both is never asked for a name."""
    phone = start(make_app, sqlite_url)
    to_evidence(phone)
    phone.say("lewati")
    phone.say("lanjut")
    phone.say("lewati")                       # the outcome wanted (W27)
    assert "*Identitas:* Anonim" in phone.says("sy gamau ketauan, anonim aja ya")


@pytest.mark.parametrize("said", ["pakai nama", "pake nama sy aja", "use my name"])
def test_using_my_name_takes_the_name_the_chat_shows(make_app, sqlite_url, said):
    phone = start(make_app, sqlite_url)
    to_evidence(phone)
    phone.say("lewati")
    phone.say("lanjut")
    phone.say("lewati")                       # the outcome wanted (W27)
    assert "identitas Anda ingin dirahasiakan?" in phone.says(said)   # not "Tuliskan nama"
    assert "*Identitas:* Budi Santoso (tidak dirahasiakan" in phone.says("2")


def test_asked_for_a_name_after_a_wish_to_stay_unknown_it_says_it_is_kept(make_app, sqlite_url):
    app, runtime = make_app(sqlite_url)
    phone = TwilioSender(app.test_client(), runtime.config.settings, profile_name=None)
    phone.runtime = runtime  # type: ignore[attr-defined]
    to_evidence(phone)
    phone.say("lewati")
    phone.say("lanjut")
    phone.say("lewati")                       # the outcome wanted (W27)
    reply = phone.says("sy gamau ketauan")
    assert "nama Anda dirahasiakan" in reply and "*anonim*" in reply
    assert "*Identitas:* Sari (dirahasiakan)" in phone.says("Sari")


@pytest.mark.parametrize("said, key", [("stay permit", "izin_tinggal"), ("calo", "pungli"),
                                       ("ITAS", "izin_tinggal"), ("toilet", "sarana_prasarana"),
                                       ("m-paspor", "sistem_online")])
def test_types_in_the_persons_words(make_app, sqlite_url, said, key):
    phone = start(make_app, sqlite_url)
    for text in ("halo", "1", "ada masalah mau saya sampaikan", "lanjut"):
        phone.say(text)
    walk(phone.says, phone.says(said))
    assert filed(phone)[0].type == key
