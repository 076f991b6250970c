"""Findings of a citizens' walk on WhatsApp and Telegram over real HTTP (2026-12-04):

1. "lewati" / "skip" at "when did it happen?" (a question without a Skip button) was stored as
   the time: the summary and the officers' alert read "Waktu: lewati", "When: skip";
2. "status" typed half-way through a complaint, then anything but a ticket ("sy tambahin ya,
   tadi sy coba lagi tetap gagal bayar", "makasih min") got "That is not a valid ticket
   number" for ever: the draft could not be reached again, and the addition was lost;
3. right after filing a stay-permit complaint, "how long does this usually take?" got the
   passport application's processing time instead of the complaint's status.
"""
from __future__ import annotations

import pytest

from tests.support.twilio_chat import TwilioSender
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_web_walk import PASSPORT_STORY, reach
from tests.test_officers import app, runtime  # noqa: F401 - fixtures
from tests.test_when_answer_checked import at_when

pytestmark = pytest.mark.timeout(300)


# --- 1. skipping the time ---------------------------------------------------------------------
@pytest.mark.parametrize("said", ["lewati", "skip", "gak tau"])
def test_skipping_when_is_not_known_not_the_words(person: Person, said):
    at_when(person)
    reply = person.says(said)
    assert "Di mana kejadiannya" in reply, reply
    data = person.state().data
    assert data["when_label"] == "unsure" and data["when_detail"] is None, data
    assert data["when_text"] == "Lebih lama / tidak ingat", data


def test_skip_in_english_reads_as_not_sure_in_the_summary(person: Person):
    at_when(person, lang="en")
    assert "Where did it happen" in person.says("skip")
    summary = ""
    for answer in ("1", "skip", "next", "skip", "anonymous"):
        summary = person.says(answer)
    assert "Please check your complaint" in summary, summary
    assert "*When:* skip" not in summary and "When:</b> skip" not in summary, summary
    assert "Earlier / not sure" in summary, summary


# --- 2. "status" with an unsent draft, then no ticket ---------------------------------------------
ADDITION = "sy tambahin ya, tadi sy coba lagi tetap gagal bayar pakai va bca"


def test_more_story_after_status_goes_back_to_the_draft(person: Person):
    reach(person, "Siapa atau unit")
    assert "belum terkirim" in person.says("status")
    reply = person.says(ADDITION)
    assert "bukan nomor tiket" not in reply, reply
    assert "Ditambahkan ke cerita" in reply and "Siapa atau unit" in reply, reply
    state = person.state()
    assert state.state == "who" and state.data["story"][-1] == ADDITION, state.data
    assert "who" not in state.data


def test_thanks_after_status_goes_back_to_the_draft_without_storing(person: Person):
    reach(person, "Siapa atau unit")
    person.says("status")
    story = list(person.state().data["story"])
    reply = person.says("makasih min")
    assert "bukan nomor tiket" not in reply and "Siapa atau unit" in reply, reply
    assert person.state().data["story"] == story and person.state().state == "who"


def test_a_mistyped_ticket_after_status_is_still_told(person: Person):
    reach(person, "Siapa atau unit")
    person.says("status")
    reply = person.says("TRK-12AB")
    assert "bukan nomor tiket" in reply, reply
    assert person.state().state == "status_ticket"


# --- 3. "how long does this take?" after filing ----------------------------------------------------
@pytest.mark.parametrize("said", ["how long does this usually take?", "berapa lama lagi ya min",
                                  "brp lama?"])
def test_how_long_after_filing_is_the_complaints_status(app, runtime, said):
    from tests.test_conversation import file_complaint
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, _ = file_complaint(owner, story="izin tinggal suami saya sudah sebulan belum selesai "
                                            "alih sponsor, telpon tidak diangkat", type_choice="2")
    reply = owner.says(said)
    assert ticket in reply and ("Status" in reply), reply
    assert "M-Paspor" not in reply, reply


def test_how_long_for_a_procedure_is_still_information(app, runtime):
    from tests.test_conversation import file_complaint
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, _ = file_complaint(owner)
    reply = owner.says("berapa lama bikin paspor baru?")
    assert ticket not in reply, reply


def test_how_long_with_no_complaint_is_not_a_status(app, runtime):
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281311112222")
    phone.says("halo")
    reply = phone.says("how long does this usually take?")
    assert "Status:" not in reply and "TRK-" not in reply, reply


def test_withdrawing_after_status_asks_the_drafts_cancel_question(person: Person):
    reach(person, "Siapa atau unit")
    person.says("status")
    story = list(person.state().data["story"])
    reply = person.says("sy mau cabut pengaduannya aja deh, takut")
    assert "Ditambahkan" not in reply and "bukan nomor tiket" not in reply, reply
    assert person.state().state == "cancel" and person.state().data["story"] == story
    kept = person.says("tidak")
    assert "Siapa atau unit" in kept, kept


# --- 4. "ya" to "keep your identity secret?" --------------------------------------------------------
CONDUCT = "petugas loket 3 kemarin marah2 dan membentak ibu saya yg sudah tua di depan antrian"


@pytest.mark.parametrize("said, secret", [("ya", True), ("ok", True), ("tidak", False)])
def test_yes_to_keeping_the_identity_secret_is_understood(person: Person, said, secret):
    reach(person, "ingin dirahasiakan", story=CONDUCT,
          answers={"Pengaduan Anda tentang apa": "Sikap atau perilaku petugas",
                   "Bagaimana identitas": "1"})
    reply = person.says(said)
    assert "belum mengerti" not in reply and "Periksa pengaduan" in reply, reply
    assert person.state().data["confidential"] is secret


# --- 5. the place the story names ----------------------------------------------------------------
CROSSING = ("kak kemarin sy di pelabuhan malundung mau ke tawau, petugasnya lama bgt cap paspor, "
            "antri 3 jam, kapal hampir berangkat")
CROSSING_TYPE = {"Pengaduan Anda tentang apa": "Pemeriksaan perlintasan"}


@pytest.mark.parametrize("said", ["ya", "lewati", "iya betul"])
def test_the_place_named_in_the_story_is_offered_and_kept(person: Person, said):
    question = reach(person, "Di mana kejadiannya", story=CROSSING, answers=CROSSING_TYPE)
    assert "Pelabuhan Malundung" in question.split("\n")[0], question
    reply = person.says(said)
    assert "Siapa atau unit" in reply, reply
    data = person.state().data
    assert data["place"] == "seaport" and data["place_detail"] is None, data


def test_another_place_than_the_storys_is_taken(person: Person):
    reach(person, "Di mana kejadiannya", story=CROSSING, answers=CROSSING_TYPE)
    person.says("Bandara Juwata")
    assert person.state().data["place"] == "airport"


def test_a_story_naming_two_places_gets_the_plain_question(person: Person):
    question = reach(person, "Di mana kejadiannya", answers=CROSSING_TYPE,
                     story="dari bandara juwata dilempar ke pelabuhan malundung, cap paspor "
                           "katanya harus di sana, bolak balik seharian")
    assert "Cerita Anda menyebut" not in question, question
    # (walk s19: a yes at a list with no yes in it says to choose one, by its number)
    reply = person.says("ya")
    assert "Pilih salah satu dulu" in reply and person.state().state == "where", reply


# --- 6. a follow-up question the information cannot answer -------------------------------------
def test_a_follow_up_question_after_an_answer_is_not_met_with_the_bare_menu(person: Person):
    person.says("assalamualaikum bos")
    answer = person.says("sy mau tanya camana bikin PLB, sy tinggal di Tarakan tp kerja di Tawau")
    assert "Pas Lintas Batas" in answer, answer
    reply = person.says("bisa diurus sehari jadi kah")
    assert not reply.startswith("Apa yang bisa kami bantu"), reply
    assert "petugas" in reply.lower(), reply


# --- 7. a date typed after skipping the time --------------------------------------------------------
def test_a_date_typed_at_where_after_skipping_when_is_the_time(person: Person):
    at_when(person)
    person.says("lewati")
    reply = person.says("4 hari yg lalu")
    assert "Waktu kejadian dicatat" in reply and "Di mana kejadiannya" in reply, reply
    data = person.state().data
    assert data["when_date"] == "2026-11-27" and "place" not in data, data


def test_a_date_typed_at_where_after_a_real_time_changes_nothing(person: Person):
    at_when(person)
    person.says("kemarin")
    reply = person.says("4 hari yg lalu")
    assert "Waktu kejadian dicatat" not in reply and "Di mana kejadiannya" in reply, reply
    assert person.state().data["when_date"] == "2026-11-30"


# --- 8. "Ubah > Cerita" adds to the story -----------------------------------------------------------
def test_editing_the_story_adds_to_it(person: Person):
    reach(person, "Periksa pengaduan")
    person.says("ubah")
    asked = person.says("cerita")
    assert "Cerita Anda sekarang" in asked and PASSPORT_STORY[:40] in asked, asked
    person.says("loketnya nomor 2, petugasnya bilang blanko habis")
    summary = person.says("lanjut")
    assert "Periksa pengaduan" in summary, summary
    story = person.state().data["story"]
    assert story == [PASSPORT_STORY, "loketnya nomor 2, petugasnya bilang blanko habis"], story
    assert "story_edit" not in person.state().data


def test_rewrite_starts_the_story_anew(person: Person):
    reach(person, "Periksa pengaduan")
    person.says("ubah")
    person.says("cerita")
    assert "dari awal" in person.says("tulis ulang")
    person.says("paspor anak saya belum jadi sudah sebulan sejak wawancara")
    person.says("lanjut")
    assert person.state().data["story"] == [
        "paspor anak saya belum jadi sudah sebulan sejak wawancara"]


def test_kembali_after_rewrite_brings_the_story_back(person: Person):
    reach(person, "Periksa pengaduan")
    person.says("ubah")
    person.says("cerita")
    person.says("tulis ulang")
    summary = person.says("kembali")
    assert "Periksa pengaduan" in summary and PASSPORT_STORY[:30] in summary, summary
    assert person.state().data["story"] == [PASSPORT_STORY]


# --- 9. English: a rude officer, "when will I hear back?", "ok cheers" ------------------------------
def test_an_english_rude_officer_story_is_offered_as_conduct(person: Person):
    person.says("hello")
    person.says("1")
    person.says("the guy at the airport immigration desk was super rude, yelled at my wife "
                "because she didn't have a pen")
    reply = person.says("that's it")
    assert "Officer conduct" in reply, reply
    assert person.state().state in ("type_confirm", "type_choose"), person.state().state


def test_when_will_i_hear_back_at_the_evidence_question_is_a_status_question(person: Person):
    at_when(person, lang="en")
    for answer in ("today", "1", "skip"):
        person.says(answer)
    reply = person.says("when will I hear back?")
    assert "not been sent yet" in reply and "Evidence is not required" not in reply, reply
    cheers = person.says("ok cheers")
    assert "Added to your story" not in cheers, cheers
    assert len(person.state().data["story"]) == 1


# --- 10. at the ticket and PIN questions: forgetting, or something else --------------------------
def _other_phone(app, runtime):
    from tests.test_conversation import file_complaint
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, pin = file_complaint(owner)
    other = TwilioSender(app.test_client(), runtime.config.settings, number="+6281350006666")
    other.says("halo")
    return ticket, pin, other


def test_forgetting_at_the_pin_question_gets_the_help(app, runtime):
    ticket, _, other = _other_phone(app, runtime)
    other.says("2")
    assert "PIN" in other.says(ticket)
    reply = other.says("sy lupa nomor tiketnya")
    assert "Lupa nomor tiket" in reply and "Lupa PIN" in reply, reply
    assert "kirim PIN 6 angka" not in reply


def test_something_else_at_the_ticket_question_is_read_as_at_the_menu(app, runtime):
    _, _, other = _other_phone(app, runtime)
    other.says("2")
    reply = other.says("sy mau tanya syarat paspor baru")
    assert "bukan nomor tiket" not in reply, reply
    assert "paspor" in reply.lower(), reply


def test_a_wrong_ticket_is_still_told_so(app, runtime):
    _, _, other = _other_phone(app, runtime)
    other.says("2")
    assert "bukan nomor tiket" in other.says("TRK-1234")


# --- 11. picking one of several complaints by its type ---------------------------------------------
def test_a_complaint_is_picked_from_the_list_by_its_type(app, runtime):
    from tests.test_conversation import file_complaint
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    passport, _ = file_complaint(owner)
    facilities, _ = file_complaint(owner, story="toilet di ruang tunggu rusak dan bau sekali",
                                   type_choice="8")
    listed = owner.says("status")
    assert passport in listed and facilities in listed, listed
    shown = owner.says("yg paspor")
    assert passport in shown and "Status:" in shown and facilities not in shown, shown
    owner.says("status")
    shown = owner.says("yang sarana")
    assert facilities in shown and "Status:" in shown, shown


# --- 12. the day the story names ------------------------------------------------------------------
IGNORED = ("selamat siang, kemarin jam 10 pagi saya di kantor imigrasi tarakan loket 3, petugasnya "
           "main hp terus, saya dicuekin hampir 1 jam padahal antrian sepi")
CONDUCT_TYPE = {"Pengaduan Anda tentang apa": "Sikap atau perilaku petugas"}


def test_the_day_named_in_the_story_is_offered_and_yes_takes_it(person: Person):
    question = reach(person, "Kapan kejadiannya", story=IGNORED, answers=CONDUCT_TYPE)
    assert "Cerita Anda menyebut *Kemarin*" in question, question
    reply = person.says("ya")
    assert "Di mana kejadiannya" in reply, reply
    data = person.state().data
    assert data["when_date"] == "2026-11-30" and data["when_label"] == "yesterday", data


def test_another_day_than_the_storys_is_taken(person: Person):
    reach(person, "Kapan kejadiannya", story=IGNORED, answers=CONDUCT_TYPE)
    person.says("tgl 25 november")
    assert person.state().data["when_date"] == "2026-11-25"
