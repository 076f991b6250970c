"""Nothing lost by one word: cancelling asks first and can be undone, back goes one step,
the menu keeps an unfinished complaint and offers it again."""
from __future__ import annotations

from sqlalchemy import select

from storage.models import Complaint, ConversationState
from tests.support.intake import walk

STORY = ("petugas loket 2 minta uang tambahan 200rb biar berkas cepat diproses, " * 40).strip()


def state(runtime) -> ConversationState:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return unit.session.scalars(select(ConversationState)).one()


def complaints(runtime) -> list[Complaint]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return list(unit.session.scalars(select(Complaint)))


def to_where(phone) -> None:  # type: ignore[no-untyped-def]
    for text in ("halo", "1", STORY, "lanjut", "4", "kemarin"):
        phone.say(text)


def test_cancel_asks_first_and_a_no_keeps_everything(phone, runtime):
    to_where(phone)
    ask = phone.says("batal")
    assert "Batalkan pengaduan ini?" in ask and "1. Ya, batalkan" in ask
    reply = phone.says("eh jgn dibatalin")
    assert "tetap tersimpan" in reply and "Di mana kejadiannya?" in reply
    assert state(runtime).data["story"] == [STORY]


def test_a_cancelled_draft_can_be_taken_back(phone, runtime):
    to_where(phone)
    phone.say("batalin aja")
    cancelled = phone.says("ya")
    assert "Dibatalkan" in cancelled and "*pulihkan*" in cancelled
    assert state(runtime).state == "menu" and "story" not in state(runtime).data
    menu = phone.says("menu")
    assert "5. Pulihkan pengaduan sebelumnya" in menu
    back = phone.says("pulihkan")
    assert "dipulihkan" in back and "Di mana kejadiannya?" in back
    walk(phone.says, phone.says("1"))
    [complaint] = complaints(runtime)
    assert complaint.description == STORY and complaint.type == "pungli"


def test_jangan_dibatalin_at_the_menu_restores_too(phone, runtime):
    to_where(phone)
    phone.say("batal")
    phone.say("1")
    assert "dipulihkan" in phone.says("eh jgn dibatalin")
    assert state(runtime).state == "where"


def test_back_goes_one_question_back(phone, runtime):
    to_where(phone)
    assert "Kapan kejadiannya?" in phone.says("kembali")
    assert "Di mana" in phone.says("hari ini")
    assert "Kapan kejadiannya?" in phone.says("kembali")
    assert "Pengaduan Anda tentang apa?" in phone.says("kembali")
    assert "Kapan" in phone.says("5")                      # changed on the way back
    phone.say("kemarin")
    walk(phone.says, phone.says("1"))
    [complaint] = complaints(runtime)
    assert complaint.type == "perilaku_petugas"


def test_menu_keeps_the_draft_and_offers_it_again(phone, runtime):
    to_where(phone)
    menu = phone.says("menu")
    assert "belum selesai masih tersimpan" in menu and "5. Lanjutkan pengaduan tadi" in menu
    info = phone.says("jam buka kantor?")
    assert "Jam layanan" in info
    assert "Di mana kejadiannya?" in phone.says("5")
    phone.say("menu")
    offer = phone.says("1")                                 # a new complaint? the old one first
    assert "belum selesai" in offer and "1. Lanjutkan" in offer
    assert "Ceritakan" in phone.says("mulai baru")
    assert state(runtime).data.get("story") is None


def test_cancel_at_the_summary_also_asks(phone, runtime):
    for text in ("halo", "1", "AC ruang tunggu mati", "lanjut", "8", "kemarin", "1", "lewati",
                 "lanjut"):
        phone.say(text)
    phone.say("anonim")
    assert "Batalkan pengaduan ini?" in phone.says("3")
    assert "Periksa pengaduan Anda" in phone.says("tidak")
    assert "Batalkan pengaduan ini?" in phone.says("batal")
    assert "Dibatalkan" in phone.says("ya, batalkan")
    assert complaints(runtime) == []


def test_start_over_by_mistake_can_be_taken_back(phone, runtime):
    """'Mulai baru' at the resume question keeps the old draft as a cancelled one: the reply
    says so, and *pulihkan* brings it back, at the new story's question or from the menu."""
    to_where(phone)
    phone.say("menu")
    phone.say("1")                                          # a new complaint? the old one first
    fresh = phone.says("mulai baru")
    assert "Ceritakan" in fresh and "*pulihkan*" in fresh
    back = phone.says("pulihkan")
    assert "dipulihkan" in back and "Di mana kejadiannya?" in back
    assert state(runtime).data["story"] == [STORY]
    walk(phone.says, phone.says("1"))
    [complaint] = complaints(runtime)
    assert complaint.description == STORY and complaint.type == "pungli"


def test_start_over_after_a_night_keeps_the_old_draft_until_a_new_one_is_written(phone, runtime,
                                                                                  clock):
    to_where(phone)
    clock.advance(days=2)
    phone.say("halo")
    assert "*pulihkan*" in phone.says("mulai baru")
    menu = phone.says("menu")
    assert "Pulihkan pengaduan sebelumnya" in menu
    assert "Di mana kejadiannya?" in phone.says("pulihkan")
    assert state(runtime).data["story"] == [STORY]


def test_taking_the_old_draft_back_sets_the_new_one_aside(phone, runtime):
    to_where(phone)
    phone.say("menu")
    phone.say("1")
    phone.say("mulai baru")
    phone.say("AC ruang tunggu mati dari pagi")
    phone.say("menu")
    assert "Di mana kejadiannya?" in phone.says("pulihkan")        # the old one, at its step
    assert state(runtime).data["story"] == [STORY]
    phone.say("menu")
    assert "dipulihkan" in phone.says("pulihkan")                    # and back again
    assert state(runtime).data["story"] == ["AC ruang tunggu mati dari pagi"]
    assert state(runtime).data["discarded"]["story"] == [STORY]


def test_start_over_then_batal_or_a_new_complaint_from_the_menu_keeps_the_old_draft(phone,
                                                                                   runtime,
                                                                                   clock):
    to_where(phone)
    phone.say("menu")
    phone.say("1")
    phone.say("mulai baru")
    assert "Pulihkan pengaduan sebelumnya" in phone.says("batal")   # the empty new one
    clock.advance(days=2)
    phone.say("halo")
    assert "Ceritakan" in phone.says("1")                               # another one begun
    assert "Di mana kejadiannya?" in phone.says("pulihkan")
    assert state(runtime).data["story"] == [STORY]
