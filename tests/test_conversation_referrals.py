"""Where to send what is not this office's.

1. Another agency's service, asked about, is that agency's: "dimana bikin ktp?" got the
immigration office's own address, "cara bayar bpjs" the passport fees, "perpanjang sim dimana"
our address again. A question about another agency's service is answered with that agency
(`referrals.others` in config.yml) and what can be asked here instead, in the person's language;
a question about immigration that merely mentions another document ("bikin paspor perlu kk
ga", "KTP saya hilang, bisa bikin paspor?") stays an immigration answer.
2. The other immigration offices (Kanim Nunukan: Tunon Taka, Nunukan's seaport) were written
   into the code; they are `referrals.offices` in config.yml, validated at start-up.

Through the real app on WhatsApp and Telegram, with the trained model served by Rasa and
without NLU.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from bot.config import DEFAULT_CONFIG_PATH, ConfigError, load_office_config
from tests.support.intake import TICKET, walk
from tests.support.telegram import channel_env
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)

OUR_ADDRESS = "Jl. Yos Sudarso No. 1"
PASSPORT_FEES = "Rp650.000"
DUKCAPIL = "Disdukcapil Kota Tarakan"
NOT_OURS = ("bukan layanan Kanim Tarakan", "not a service of the Tarakan Immigration Office")
WHAT_WE_DO = ("bertanya soal paspor, visa dan izin tinggal WNA", "ask about passports, visas")


def answered_with(person: Person, reply: str, agency: str, lang: str = "id") -> None:
    """The agency named, what can be asked here, the way to an officer; nothing of ours, no
    draft."""
    en = lang == "en"
    assert agency in reply and NOT_OURS[en] in reply and WHAT_WE_DO[en] in reply, reply
    assert ("*officer*" if en else "*petugas*") in reply, reply
    assert OUR_ADDRESS not in reply and PASSPORT_FEES not in reply, reply
    assert "SP4N-LAPOR!" not in reply         # a question, not a complaint to forward
    state = person.state()
    assert state.state in ("menu", "info") and not state.data.get("story"), state.data
    assert not person.complaints()


@pytest.mark.parametrize("asked, agency, lang", [
    ("dimana bikin ktp?", DUKCAPIL, "id"),
    ("urus kk dimana", DUKCAPIL, "id"),
    ("bikin akta kelahiran di mana", DUKCAPIL, "id"),
    ("where do I get an ID card", "Tarakan civil registry, Disdukcapil", "en"),
    ("perpanjang sim dimana", "Satpas Polres Tarakan", "id"),
    ("cara bayar bpjs", "BPJS Kesehatan Care Center 165", "id"),
])
def test_a_question_about_another_agencys_service_gets_that_agency(person: Person, asked,
                                                                   agency, lang):
    person.says("halo")
    reply = person.says(asked)
    answered_with(person, reply, agency, lang)


def test_a_driving_licence_is_not_the_police_emergency_number(person: Person):
    """SIM and SKCK are the police's services, asked at Polres: not "emergency number 110"."""
    person.says("halo")
    for asked in ("perpanjang sim dimana", "bikin skck dimana"):
        reply = person.says(asked)
        answered_with(person, reply, "Polres Tarakan (SIM, SKCK)")
        assert "110" not in reply and "darurat" not in reply, reply


@pytest.mark.parametrize("asked, expected", [
    ("syarat paspor apa saja, perlu ktp?", "*Paspor baru (WNI)*"),
    ("KTP saya hilang, bisa bikin paspor?", "*Paspor baru (WNI)*"),
    ("bikin paspor perlu kk ga", None),
])
def test_an_immigration_question_naming_a_document_stays_ours(person: Person, asked, expected):
    """Asked right after another agency's question, in the same chat: the passport question
    is answered as one, never sent to Dukcapil."""
    person.says("halo")
    answered_with(person, person.says("dimana bikin ktp?"), DUKCAPIL)
    reply = person.says(asked)
    assert DUKCAPIL not in reply and NOT_OURS[0] not in reply, reply
    if expected is not None:
        assert expected in reply and "e-KTP, Kartu Keluarga" in reply, reply
    assert person.state().state == "menu" and not person.complaints()


def test_a_follow_up_on_a_document_after_the_passport_answer_stays_ours(person: Person):
    """"perlu ktp juga?" after the passport's requirements asks about them, not about making
    a KTP; "kalau bikin ktp dimana?" then does."""
    person.says("halo")
    assert "*Paspor baru (WNI)*" in person.says("min, syarat bikin paspor baru apa aja ya?")
    reply = person.says("kalau bikin ktp dimana?")
    answered_with(person, reply, DUKCAPIL)
    reply = person.says("bikin paspor baru, perlu ktp juga?")
    assert "*Paspor baru (WNI)*" in reply and DUKCAPIL not in reply, reply


def test_asked_in_the_information_menu(person: Person):
    """Typed after choosing "Informasi layanan": the same answer, and the menu stays open."""
    person.says("halo")
    assert "Informasi apa yang Anda perlukan?" in person.says("Informasi layanan")
    reply = person.says("dimana bikin ktp?")
    assert DUKCAPIL in reply and NOT_OURS[0] in reply and OUR_ADDRESS not in reply, reply
    assert person.state().state == "info"
    assert OUR_ADDRESS in person.says("alamat kantor imigrasi dimana")


def test_an_english_question_gets_the_agency_in_english(person: Person):
    assert "What would you like to know?" in person.says("hello, I have a question")
    reply = person.says("how do I pay bpjs")
    answered_with(person, reply, "BPJS Kesehatan / BPJS Ketenagakerjaan (health and "
                                 "employment insurance)", "en")
    assert "Silakan" not in reply


# --- 2. the other immigration offices, from config.yml ------------------------------------------
TUNON_TAKA = "paspor sy ditahan petugas di pelabuhan tunon taka, katanya PLB sy palsu pdhl asli"
SEBATIK = "petugas di pos lintas batas sebatik minta uang 200rb biar PLB sy dicap"


def write_config(tmp_path: Path, change: Callable[[dict], Any]) -> Path:
    data = yaml.safe_load(DEFAULT_CONFIG_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "config.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def offices(data: dict) -> dict:
    return data["referrals"]["offices"]


@pytest.fixture
def person_with(make_app, sqlite_url, tg_server, tw_server, nlu,  # type: ignore[no-untyped-def]
                tmp_path):
    """A person on WhatsApp talking to an office whose config.yml `change` altered."""
    def make(change: Callable[[dict], Any]) -> Person:
        path = write_config(tmp_path, change)
        app, runtime = make_app(sqlite_url, classifier=nlu, ADUAN_CONFIG=str(path),
                                **channel_env(tg_server, tw_server))
        return Person(app, runtime, "whatsapp")
    return make


def tell(person: Person, story: str) -> str:
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(story)
    return person.says("lanjut")


def test_the_shipped_config_names_kanim_nunukans_places():
    nunukan = load_office_config().referrals.offices["nunukan"]
    assert nunukan.name.id == "Kantor Imigrasi Nunukan" and nunukan.town == "nunukan"
    assert {"tunon taka", "pelabuhan nunukan", "kanim nunukan"} <= set(nunukan.keywords)
    assert nunukan.contact is None          # no number nobody checked


@pytest.mark.parametrize("change, key", [
    (lambda d: offices(d)["nunukan"].update(keywords=[]), "referrals.offices.nunukan.keywords"),
    (lambda d: offices(d)["nunukan"].update(keywords=["tunon taka", " "]),
     "referrals.offices.nunukan.keywords"),
    (lambda d: offices(d)["nunukan"].pop("town"), "referrals.offices.nunukan.town"),
    (lambda d: offices(d)["nunukan"].update(area="Tunon Taka"), "referrals.offices.nunukan.area"),
    (lambda d: offices(d)["nunukan"].update(phone="0556 123"), "referrals.offices.nunukan.phone"),
])
def test_a_bad_office_entry_stops_start_up_naming_the_key(tmp_path, change, key):
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        load_office_config(write_config(tmp_path, change))


def test_a_place_added_in_config_is_asked_about(person_with):
    """Sebatik's border post added to Kanim Nunukan's places: asked whether it is ours, and
    "ya" still files it here."""
    person = person_with(lambda d: offices(d)["nunukan"]["keywords"].append(
        "pos lintas batas sebatik"))
    asked = tell(person, SEBATIK)
    assert "Kantor Imigrasi Nunukan" in asked and "kantor kami" in asked, asked
    assert person.state().state == "scope"
    filed = walk(person.says, person.says("ya"), {"Pengaduan Anda tentang apa": "4",
                                                   "Catat sebagai": "2"})
    assert TICKET.search(filed)
    [made] = person.complaints()
    assert made.description == SEBATIK


def test_an_office_in_config_is_named_with_its_contact(person_with):
    """Another office's name, area and (verified) contact are the configuration's."""
    def other(data: dict) -> None:
        data["referrals"]["offices"] = {"contoh": {
            "name": {"id": "Kantor Imigrasi Contoh", "en": "the Contoh Immigration Office"},
            "area": {"id": "Bandara Contoh", "en": "Contoh airport"},
            "keywords": ["bandara contoh"], "town": "contoh",
            "contact": {"id": "loket pengaduan Kanim Contoh", "en": "Kanim Contoh's desk"}}}
    person = person_with(other)
    asked = tell(person, "petugas imigrasi di bandara contoh bentak sy waktu cek paspor")
    assert "Bandara Contoh termasuk wilayah kerja Kantor Imigrasi Contoh" in asked, asked
    assert "• Kantor Imigrasi Contoh: loket pengaduan Kanim Contoh" in asked, asked
    left = person.says("ke contoh aja")              # the configured town: theirs
    assert "tidak kami kirim" in left, left
    assert person.state().state == "menu" and not person.complaints()


def test_without_offices_in_config_tunon_taka_is_not_asked_about(person_with):
    person = person_with(lambda d: d["referrals"].pop("offices"))
    asked = tell(person, TUNON_TAKA)
    assert "Nunukan" not in asked and person.state().state != "scope", asked


@pytest.mark.parametrize("question", ["mau bikin ktp", "alamatnya di jalan apa"])
def test_a_short_wish_read_as_out_of_scope_is_still_answered(person: Person, question: str):
    """With the model, these read as out of scope; the menu's options were the answer. The
    other agency (or our address) is."""
    reply = person.says(question)
    assert "Apa yang bisa kami bantu?" not in reply
    if "ktp" in question:
        assert "Disdukcapil" in reply
    else:
        assert "Alamat" in reply or "alamat" in reply or "Jl" in reply


@pytest.mark.parametrize("question", ["bikin paspor perlu kk ga", "paspor anak harus bawa akta nggak"])
def test_a_yes_no_question_with_a_tag_gets_the_passport_answer(person: Person, question: str):
    """No question mark, only the tag "ga"/"nggak": a question all the same (without the model
    it was not understood)."""
    reply = person.says(question)
    assert "paspor" in reply.lower() and "belum mengerti" not in reply
    assert "Disdukcapil" not in reply
