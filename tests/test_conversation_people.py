"""The people of issue 12, on WhatsApp and Telegram, with the real Rasa server and without it.

Each test plays one person as they wrote, through the real app (signed Twilio webhooks, or
Telegram updates whose replies go through the outbox), once with the trained model served by
Rasa and once with no NLU at all: the conversation must understand them either way.
"""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from nlu.client import RasaNluClient
from storage.models import Complaint, ConversationState
from tests.support.intake import TICKET, walk
from tests.support.telegram import TelegramUser, channel_env
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(300)


class Person:
    """One complainant on one channel; `says` returns what the bot answered at once."""

    def __init__(self, app: Any, runtime: Any, channel: str, user_id: int = 557_001):
        self.runtime = runtime
        self.channel = channel
        if channel == "telegram":
            self.user = TelegramUser(app.test_client(), user_id, first_name="Budi Santoso")
            self.address = str(user_id)
        else:
            self.phone = TwilioSender(app.test_client(), runtime.config.settings)
            self.address = self.phone.number

    def says(self, text: str) -> str:
        if self.channel != "telegram":
            return self.phone.says(text)
        with self.runtime.store.unit() as unit:
            before = len(unit.outbox_items(kind="reply", address=self.address))
        assert self.user.send(text) == "complainant"
        with self.runtime.store.unit() as unit:
            new = unit.outbox_items(kind="reply", address=self.address)[before:]
        return "\n---\n".join(item.body + "".join(      # the keyboard, as WhatsApp lists it
            f"\n{i}. {label}" for i, label in enumerate(item.payload.get("choices", []), 1))
            for item in new)

    def pause(self) -> str:
        """What reaches them once they stop typing (the pending acknowledgement)."""
        with self.runtime.store.unit() as unit:
            return "\n".join(i.body for i in unit.outbox_items(kind="pause", address=self.address)
                             if i.status == "pending")

    def state(self) -> ConversationState:
        with self.runtime.store.unit() as unit:
            return unit.session.scalars(select(ConversationState).where(
                ConversationState.address == self.address)).one()

    def complaints(self) -> list[Complaint]:
        with self.runtime.store.unit() as unit:
            return list(unit.session.scalars(select(Complaint)))


@pytest.fixture(params=["rasa", "no-nlu"])
def nlu(request: pytest.FixtureRequest) -> RasaNluClient | None:
    if request.param == "no-nlu":
        return None
    return RasaNluClient(request.getfixturevalue("rasa_url"), timeout=2.0)


@pytest.fixture(params=["whatsapp", "telegram"])
def person(request, make_app, sqlite_url, tg_server, tw_server, nlu) -> Person:  # type: ignore[no-untyped-def]
    app, runtime = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    return Person(app, runtime, request.param)


def test_someone_who_just_wants_to_complain(person):
    reply = person.says("sy mau komplain")
    assert "Ceritakan apa yang terjadi" in reply and "belum mengerti" not in reply


def test_someone_asking_the_requirements_first(person):
    reply = person.says("min, syarat bikin paspor baru apa aja ya?")
    assert "*Paspor baru (WNI)*" in reply and "M-Paspor" in reply
    assert "Dicatat" not in reply and "Kapan kejadiannya" not in reply
    assert person.state().state == "menu" and not person.complaints()


def test_someone_who_wants_a_human(person):
    person.says("halo")
    reply = person.says("mau ngomong sama orang aja, bukan bot")
    assert "sudah kami teruskan" in reply and "jam layanan" in reply
    assert not person.state().data.get("story")


def test_someone_typing_the_story_in_bubbles(person):
    person.says("halo")
    person.says("Sampaikan pengaduan")
    assert "Silakan ceritakan" in person.says("halo??")
    for bubble in ("sy udh 3x ke kantor", "tp selalu disuruh balik krn kuota habis",
                   "padahal sdh daftar m-paspor dr bulan lalu"):
        assert person.says(bubble) == ""
    assert person.pause() == "Sudah semua? Balas *lanjut*, atau tambahkan cerita."
    assert "Sudah semua?" in person.says("ok")
    after = person.says("udah itu aja min")
    assert "tampaknya tentang" in after or "Pengaduan Anda tentang apa?" in after
    assert person.state().data["story"] == ["sy udh 3x ke kantor",
                                            "tp selalu disuruh balik krn kuota habis",
                                            "padahal sdh daftar m-paspor dr bulan lalu"]


def test_someone_answering_in_their_own_words(person):
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says("ada calo di depan kantor minta 500rb biar paspor cepat jadi, ngakunya ordal")
    question = person.says("lanjut")
    if "tampaknya tentang" in question:
        question = person.says("bukan")
    assert "Kapan kejadiannya?" in person.says("calo")
    assert "Di mana" in person.says("kmrn siang")
    assert "Siapa" in person.says("di depan pintu masuk kantor")
    assert "Ada bukti?" in person.says("gatau namanya")
    assert "Apa yang Anda harapkan" in person.says("gk ada")    # a levy's wish (W27)
    assert "identitas" in person.says("uangnya kembali")
    assert "Tuliskan nama Anda" in person.says("Tulis nama saya")
    assert "nama Anda dirahasiakan" in person.says("lho kok nama? sy mau dirahasiain")
    summary = person.says("Budi")
    assert "*Identitas:* Budi (dirahasiakan)" in summary and "Pungutan liar" in summary
    filed = person.says("setuju")
    assert TICKET.search(filed) and "tidak pernah tunai kepada petugas" in filed
    [complaint] = person.complaints()
    assert complaint.type == "pungli" and complaint.identity_mode == "confidential"
    assert complaint.place_detail == "di depan pintu masuk kantor"
    assert complaint.reported_party is None


def test_someone_who_nearly_loses_a_long_story(person):
    story = ("Sudah dua kali saya datang ke kantor untuk wawancara paspor anak saya, tapi "
             "setiap kali sistemnya dibilang gangguan dan kami disuruh pulang. ") * 24
    assert len(story) > 3000
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(story)
    question = person.says("lanjut")
    assert "Batalkan pengaduan ini?" in person.says("batal")
    assert "tetap tersimpan" in person.says("eh jgn dibatalin")
    menu = person.says("menu")
    assert "Lanjutkan pengaduan tadi" in menu
    assert person.says("Lanjutkan pengaduan tadi").strip() == question.strip()
    person.says("batal")
    person.says("Ya, batalkan")
    assert "dipulihkan" in person.says("pulihkan")
    assert person.state().data["story"] == [story.strip()]


def test_someone_with_a_city_problem(person, nlu):
    reply = person.says("jalan di depan pasar gusher rusak parah, lubangnya dalam, "
                        "sudah 2 bulan ga diperbaiki")
    if nlu is None and "bukan wewenang" not in reply:     # without the model: at the story's end
        reply = person.says("lanjut")
    assert "bukan wewenang Kantor Imigrasi" in reply
    assert "Pemerintah Kota Tarakan" in reply and "www.lapor.go.id" in reply
    assert "tidak kami kirim" in person.says("Tidak, terima kasih")
    assert not person.complaints()


def test_a_foreign_resident_writing_english(person):
    person.says("Hi")
    info = person.says("I'd like to extend my KITAS, what do I need?")
    assert "sponsor" in info and "*officer*" in info
    assert "Tell us what happened" in person.says("I want to complain about the service")
    person.says("I applied for my ITAS extension three weeks ago and nobody answers my emails")
    question = person.says("that's all")
    if "seems to be about" in question:
        question = person.says("yes")
    else:
        question = person.says("2")
    assert "application or stay permit (ITAS/ITAP) number" in question
    filed = walk(person.says, question, {"Your application": "IMI-2026-11-0042"})
    assert "Your complaint is recorded" in filed and "each important step in this chat" in filed
    [complaint] = person.complaints()
    assert complaint.language == "en" and complaint.type == "izin_tinggal"
    assert complaint.reference_number == "IMI-2026-11-0042"
