"""The bot with the real Rasa server: one-tap type confirmation, and no harm when Rasa is away."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from nlu.client import RasaNluClient
from storage.models import Complaint
from tests.support.intake import walk
from tests.support.twilio_chat import TwilioSender
from tests.test_nlu_client import hanging_server  # noqa: F401  (fixture)


def start(make_app, db_url, classifier) -> TwilioSender:  # type: ignore[no-untyped-def]
    app, runtime = make_app(db_url, classifier=classifier)
    phone = TwilioSender(app.test_client(), runtime.config.settings)
    phone.runtime = runtime  # type: ignore[attr-defined]
    phone.say("halo")
    phone.say("1")
    return phone


def finish(phone: TwilioSender, question: str) -> Complaint:
    reply = walk(phone.says, question)
    assert "tercatat" in reply
    with phone.runtime.store.unit() as unit:  # type: ignore[attr-defined]
        return unit.session.scalars(select(Complaint)).one()


@pytest.mark.parametrize("story, type_label, type_key", [
    ("sy udh 3 mgg paspor blm jd, katanya blanko habis", "Layanan paspor", "paspor"),
    ("ada ordal minta 500rb biar paspor cepet jadi", "Pungutan liar, calo, atau suap", "pungli"),
    ("aplikasi m-paspor error terus pas mau bayar kode billing", "Aplikasi/layanan online",
     "sistem_online"),
])
def test_a_clear_description_is_confirmed_in_one_tap(make_app, db_url, rasa_url, story,
                                                     type_label, type_key):
    phone = start(make_app, db_url, RasaNluClient(rasa_url, timeout=2.0))
    phone.say(story)
    proposal = phone.says("lanjut")
    assert "tampaknya tentang" in proposal and type_label in proposal
    assert "1. Ya, benar" in proposal
    question = phone.says("1")
    assert "Kapan kejadiannya?" in question or "Nomor permohonan" in question
    complaint = finish(phone, question)
    assert complaint.type == type_key and complaint.type_source == "nlu"
    assert complaint.predicted_type == type_key and complaint.predicted_confidence >= 0.6
    assert complaint.model_version and complaint.model_version.startswith("aduan-nlu")
    assert complaint.type_changed_by is None


def test_an_english_description_is_proposed_in_english(make_app, db_url, rasa_url):
    phone = start(make_app, db_url, RasaNluClient(rasa_url, timeout=2.0))
    phone.say("The officer at Juwata airport was rude and shouted at my mother")
    proposal = phone.says("next")
    assert "seems to be about" in proposal and "Yes, that's right" in proposal


def test_the_complainant_can_refuse_the_guess(make_app, db_url, rasa_url):
    phone = start(make_app, db_url, RasaNluClient(rasa_url, timeout=2.0))
    phone.say("paspor saya belum jadi sudah sebulan")
    assert "tampaknya tentang" in phone.says("lanjut")
    assert "1. Layanan paspor" in phone.says("bukan")
    complaint = finish(phone, phone.says("7"))
    assert complaint.type == "sistem_online" and complaint.type_source == "complainant"
    assert complaint.predicted_type == "paspor" and complaint.type_changed_by == "complainant"


def test_rasa_down_falls_back_to_the_list_at_once(make_app, db_url):
    phone = start(make_app, db_url, RasaNluClient("http://127.0.0.1:9", timeout=0.5))
    phone.say("ada calo di depan kantor minta uang")
    started = time.perf_counter()
    reply = phone.says("lanjut")
    assert time.perf_counter() - started < 2.0
    assert "Pengaduan Anda tentang apa?" in reply and "4. Pungutan liar" in reply
    complaint = finish(phone, phone.says("4"))
    assert complaint.type == "pungli" and complaint.predicted_type is None


def test_rasa_hanging_falls_back_within_the_timeout(make_app, db_url, hanging_server):  # noqa: F811
    phone = start(make_app, db_url, RasaNluClient(hanging_server, timeout=0.5))
    phone.say("toilet di ruang tunggu kotor sekali")
    started = time.perf_counter()
    reply = phone.says("lanjut")
    assert time.perf_counter() - started < 0.5 + 1.0
    assert "Pengaduan Anda tentang apa?" in reply
