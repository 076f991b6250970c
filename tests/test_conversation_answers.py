"""Answers people give that are not the one offered, read as they meant them.

Found by chatting with the bot as a complainant would (`make chat`): a name typed straight in
answer to "how is your identity recorded?", "last month" given as the application number, and
"status" asked half-way through a complaint that has no ticket yet. Each runs through the real
app on WhatsApp and Telegram, with the trained model served by Rasa and without any NLU.
"""
from __future__ import annotations

import re

import pytest

from tests.support.intake import TICKET, answer_to, walk
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)

PASSPORT_STORY = "paspor sy udh sebulan blm jadi, katanya cuma 4 hari kerja"


def to_identity(person: Person) -> str:
    """A passport complaint walked up to the identity question; that question."""
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(PASSPORT_STORY)
    question = person.says("lanjut")
    if "tampaknya tentang" in question:
        question = person.says("ya")
    else:                                      # no NLU: the type is chosen from the list
        question = person.says("Layanan paspor")
    for _ in range(10):
        if "identitas Anda dicatat" in question:
            return question
        question = walk_one(person, question)
    raise AssertionError(f"never asked for the identity:\n{question}")


def walk_one(person: Person, question: str) -> str:
    return person.says(answer_to(question))


@pytest.mark.parametrize("typed, name", [("Siti Rahmawati", "Siti Rahmawati"),
                                         ("nama saya Budi", "Budi"),
                                         ("my name is John Carter", "John Carter")])
def test_a_name_typed_at_once_is_the_name(person, typed, name):
    to_identity(person)
    summary = person.says(typed)
    assert "belum mengerti" not in summary and "didn't get" not in summary
    assert f"*Identitas:* {name}" in summary or f"*Identity:* {name}" in summary
    assert TICKET.search(person.says("1"))
    [complaint] = person.complaints()
    assert complaint.identity_mode == "named"


@pytest.mark.parametrize("answer", ["kirim", "tulis aja"])
def test_words_that_are_not_a_name_are_not_taken_for_one(person, answer):
    to_identity(person)
    reply = person.says(answer)
    # (walk s19: "kirim", a word for going on, is told to choose one of the choices)
    assert ("belum mengerti" in reply or "Pilih salah satu dulu" in reply) and \
        "Periksa pengaduan" not in reply, reply
    assert "name" not in person.state().data


def test_a_one_word_name_is_asked_back_not_taken(person):
    # (walk s17: "Budi" alone is asked back, no longer "not understood")
    to_identity(person)
    reply = person.says("Budi")
    assert "Nama Anda *Budi*?" in reply and "Periksa pengaduan" not in reply, reply
    assert "name" not in person.state().data


def test_an_application_number_without_digits_is_asked_again(person):
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(PASSPORT_STORY)
    question = person.says("lanjut")
    question = person.says("ya" if "tampaknya tentang" in question else "Layanan paspor")
    assert "Nomor permohonan paspor" in question
    again = person.says("bulan lalu")
    assert "Bila punya, tulis nomor permohonan paspor" in again and "Kapan" not in again
    assert "reference" not in person.state().data
    assert "Kapan kejadiannya" in person.says("nomornya 2026-1102-8831")
    assert person.state().data["reference"] == "2026-1102-8831"     # the number alone


def test_status_asked_half_way_tells_the_complaint_is_not_sent_and_goes_back(person):
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(PASSPORT_STORY)
    question = person.says("lanjut")
    question = person.says("ya" if "tampaknya tentang" in question else "Layanan paspor")
    assert "Nomor permohonan paspor" in question
    reply = person.says("status")
    assert "belum terkirim" in reply and "Jawaban Anda tetap tersimpan" in reply
    assert "Lanjutkan pengaduan tadi" in reply
    assert "Belum ada pengaduan" not in reply                  # not "you never complained"
    back = person.says("lanjut")
    assert "Nomor permohonan paspor" in back
    filed = walk(person.says, person.says("lewati"))
    assert TICKET.search(filed)
    [complaint] = person.complaints()
    assert complaint.description.startswith("paspor sy udh sebulan")


def test_status_half_way_in_english(person):
    person.says("hello, I want to file a complaint")
    person.says("my KITAS extension has been pending for five weeks and nobody answers")
    question = person.says("next")
    if "seems to be about" in question:
        question = person.says("yes")
    else:
        question = person.says("Stay permits for foreigners")
    reply = person.says("status")
    assert "has not been sent yet" in reply and "Continue my unfinished complaint" in reply
    assert question.splitlines()[0] in person.says("continue")


@pytest.mark.parametrize("said", ["ga mau kasih nama", "males nyebut nama min",
                                  "I'd rather not give my name"])
def test_not_wanting_to_give_a_name_is_anonymous(person, said):
    to_identity(person)
    summary = person.says(said)
    assert "*Identitas:* Anonim" in summary or "*Identity:* Anonymous" in summary, summary
    assert TICKET.search(person.says("1"))
    [complaint] = person.complaints()
    assert complaint.identity_mode == "anonymous"


WNA_STORY = "ada orang asing kerja di kebun sawit daerah sebatik, kayaknya ga punya izin"
WNA = "Laporan keberadaan/kegiatan WNA"


def file_as(person: Person, story: str, label: str) -> str:
    """Start a complaint of the type `label` (accepting or correcting the model's proposal);
    the first question after the type."""
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(story)
    question = person.says("lanjut")
    if "tampaknya tentang" in question:
        if f"*{label}*" in question:
            return person.says("ya")
        question = person.says("bukan")
    return person.says(label)


def test_a_report_about_foreigners_asks_about_the_foreigners(person):
    question = file_as(person, WNA_STORY, WNA)
    answers = {"Di mana kejadiannya": "4", "Tuliskan tempatnya": "kebun sawit, sebatik"}
    for _ in range(6):
        if "Siapa" in question:
            break
        question = person.says(answer_to(question, answers))
    assert "Siapa orang asing yang Anda laporkan" in question and "nomor loket" not in question
    hint = person.says("hmm")
    assert "kewarganegaraan" in hint and "loket" not in hint
    assert "Ada bukti?" in person.says("orangnya 3, logat malaysia")
    assert person.state().data["who"] == "orangnya 3, logat malaysia"


def to_evidence(person: Person) -> str:
    question = file_as(person, PASSPORT_STORY, "Layanan paspor")
    for _ in range(8):
        if "Ada bukti?" in question:
            return question
        question = person.says(answer_to(question))
    raise AssertionError(question)


def test_no_evidence_said_with_a_reason_moves_on(person):
    to_evidence(person)
    reply = person.says("ga ada foto, takut ketauan")
    assert "Apa yang Anda harapkan" in reply and "tambahkan ke cerita" not in reply
    assert person.state().data["evidence_done"] is True


def test_anonymous_said_at_the_evidence_question_is_heard(person):
    to_evidence(person)
    question = person.says("ga ada, anonim aja ya")
    assert "Apa yang Anda harapkan" in question             # no evidence: the next question
    assert person.state().data["anonymous"] is True
    summary = person.says("lewati")                         # the identity is not asked again
    assert "*Identitas:* Anonim" in summary and "identitas Anda dicatat" not in summary


def test_a_short_line_at_the_evidence_question_joins_the_story(person):
    to_evidence(person)
    reply = person.says("tolong ditindak")
    assert "tambahkan ke cerita" in reply and "belum mengerti" not in reply
    assert person.state().data["story"][-1] == "tolong ditindak"


# --- at the menu: everyday questions -------------------------------------------------------------
@pytest.mark.parametrize("first, expected", [
    ("paspor sy udh jadi blm ya", "*Status permohonan paspor*"),
    ("udah bisa diambil belum ya paspor saya", "*Status permohonan paspor*"),
    ("tanya dong jadwal wawancara sy kapan", "*M-Paspor*"),
    ("min mau nanya", "Informasi apa yang Anda perlukan?"),
    ("Good morning, is my passport ready?", "*Passport application status*"),
    ("my ITAS expired yesterday what do I do", "*Visas and stay permits for foreigners*"),
])
def test_a_question_is_answered_not_filed(person, first, expected):
    reply = person.says(first)
    assert expected in reply, reply
    assert "awal pengaduan" not in reply and "start of a complaint" not in reply
    assert not person.state().data.get("story")
    assert not person.complaints()


def test_asking_after_a_complaint_already_made_checks_its_status(person):
    filed = walk(person.says, _start(person), {"Pengaduan Anda tentang apa?": "1"})
    ticket = TICKET.search(filed).group(0)
    for asked in ("halo min, sy kmrn udh lapor, tp blm ada kabar",
                  "I filed a complaint last week but no one replied"):
        reply = person.says(asked)
        assert ticket in reply and "awal pengaduan" not in reply and "start of a" not in reply
        assert len(person.complaints()) == 1                 # no second complaint begun
        assert not person.state().data.get("story")


def _start(person: Person) -> str:
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(PASSPORT_STORY)
    return person.says("lanjut")


@pytest.mark.parametrize("plea", ["minta tolong dong kak urgent", "tolong dong"])
def test_a_plea_for_help_is_not_sent_to_another_office(person, plea):
    reply = person.says(plea)
    assert "bukan wewenang" not in reply and "LAPOR" not in reply
    assert "Apa yang bisa kami bantu?" in reply


def test_a_pothole_is_still_sent_to_the_city(person):
    reply = person.says("jalan depan rumah sy rusak parah, tolong diperbaiki")
    assert "bukan wewenang" in reply


def test_the_guard_at_the_office_is_this_office_s_matter(person):
    """The model puts a rude guard 'in front of the office' out of scope; said to this
    office's bot, 'the office' is this office when no other service is named."""
    reply = person.says("satpam di depan kantor kasar sama ibu2")
    assert "bukan wewenang" not in reply and "LAPOR" not in reply
    assert person.state().data["story"] == ["satpam di depan kantor kasar sama ibu2"]


def test_an_officer_of_another_service_is_still_sent_there(person):
    reply = person.says("petugas kelurahan kasar sama ibu2 waktu urus surat pindah")
    assert "bukan wewenang" in reply and "Pemerintah Kota Tarakan" in reply


def test_something_that_does_not_work_is_not_a_question_about_contacts(person):
    reply = person.says("website imigrasi ga bisa dibuka")
    assert "Telepon, WhatsApp, SMS" not in reply and "bukan wewenang" not in reply


# --- after filing: asking how it stands ----------------------------------------------------------
@pytest.mark.parametrize("asked", ["kapan selesainya?", "sudah sampai mana ya",
                                   "gimana perkembangannya min", "paspor sy gimana",
                                   "when will it be done?"])
def test_asking_how_it_stands_gets_the_status_and_its_due_date(person, asked):
    filed = walk(person.says, _start(person), {"Pengaduan Anda tentang apa?": "1"})
    ticket = TICKET.search(filed).group(0)
    due = re.search(r"paling lambat (\d+ \w+ \d{4})", filed).group(1)
    reply = person.says(asked)
    assert ticket in reply, reply
    assert f"Hasil paling lambat: {due}" in reply or \
        f"Outcome due by: {due.replace('Des', 'Dec')}" in reply
    assert "bukan wewenang" not in reply and "does not seem" not in reply
    assert "belum mengerti" not in reply and len(person.complaints()) == 1


@pytest.mark.parametrize("asked", ["sudah sampai mana ya", "when will it be done?"])
def test_asking_how_it_stands_before_any_complaint_is_not_sent_elsewhere(person, asked):
    reply = person.says(asked)
    assert "bukan wewenang" not in reply and "does not seem" not in reply
    assert "awal pengaduan" not in reply and "start of a complaint" not in reply


def test_past_its_due_date_the_status_says_so(person, clock):
    filed = walk(person.says, _start(person), {"Pengaduan Anda tentang apa?": "1"})
    due = re.search(r"paling lambat (\d+ \w+ \d{4})", filed).group(1)
    clock.advance(days=60)                                   # no officer ever acted
    reply = person.says("kapan selesainya?")
    assert f"seharusnya sudah ada pada {due}" in reply and "pimpinan kantor" in reply
    assert "Hasil paling lambat" not in reply


def test_told_it_is_not_ours_they_say_it_is_and_it_is_filed(person):
    assert "bukan wewenang" in person.says("jalan depan rumah sy rusak parah, tolong diperbaiki")
    reply = person.says("ini soal paspor kok, jalan ke kantor imigrasi")
    assert "Pengaduan Anda tentang apa?" in reply
    assert person.state().data["story"][-1] == "ini soal paspor kok, jalan ke kantor imigrasi"
    assert person.state().data["scope_insisted"] is True


def test_insisting_in_two_words_adds_nothing_to_the_story(person):
    person.says("jalan depan rumah sy rusak parah, tolong diperbaiki")
    assert "Pengaduan Anda tentang apa?" in person.says("tetap kirim aja")
    assert person.state().data["story"] == ["jalan depan rumah sy rusak parah, tolong diperbaiki"]


@pytest.mark.parametrize("closing", ["mohon ditindaklanjuti", "itu aja min, tolong dibantu ya"])
def test_a_closing_line_ends_the_story(person, closing):
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(PASSPORT_STORY)
    reply = person.says(closing)
    assert "tampaknya tentang" in reply or "Pengaduan Anda tentang apa?" in reply, reply


CONDUCT_STORY = "petugas loket 2 kasar sekali waktu saya tanya syarat, sampai membentak"


def to_confidential(person: Person) -> str:
    question = file_as(person, CONDUCT_STORY, "Sikap atau perilaku petugas")
    answers = {"identitas Anda dicatat": "Budi Santoso"}
    for _ in range(10):
        if "ingin dirahasiakan" in question:
            return question
        question = person.says(answer_to(question, answers))
    raise AssertionError(question)


def test_jangan_alone_never_names_a_whistleblower_openly(person):
    to_confidential(person)
    reply = person.says("jangan")
    # (walk s19: "kirim", a word for going on, is told to choose one of the choices)
    assert ("belum mengerti" in reply or "Pilih salah satu dulu" in reply) and \
        "Periksa pengaduan" not in reply, reply
    assert "confidential" not in person.state().data
    summary = person.says("rahasiakan")
    assert "*Identitas:* Budi Santoso (dirahasiakan)" in summary


@pytest.mark.parametrize("said", ["boleh disebut", "ga masalah nama sy disebut", "gpp"])
def test_consent_to_be_named_in_everyday_words(person, said):
    to_confidential(person)
    summary = person.says(said)
    assert "*Identitas:* Budi Santoso (tidak dirahasiakan: petugas dapat melihat nama Anda)\n" \
        in summary, summary
    assert person.state().data["confidential"] is False


@pytest.mark.parametrize("typed, shown", [("5 Nov 2026", "*Waktu:* 5 Nov 2026\n"),
                                          ("05/11/2026", "*Waktu:* 5 Nov 2026\n"),
                                          ("5 Nov 2026 pagi di loket", "5 Nov 2026: 5 Nov 2026 pagi")])
def test_a_typed_date_is_said_once_in_the_summary(person, typed, shown):
    question = file_as(person, PASSPORT_STORY, "Layanan paspor")
    summary = walk_to_summary(person, question, {"Kapan kejadiannya": typed})
    assert shown in summary, summary


def walk_to_summary(person: Person, question: str, answers: dict[str, str]) -> str:
    for _ in range(12):
        if "Periksa pengaduan" in question or "check your complaint" in question:
            return question
        question = person.says(answer_to(question, answers))
    raise AssertionError(question)


def test_at_the_ticket_question_no_ticket_but_a_wish_is_heard(person):
    asked = person.says("saya lupa nomor tiket")
    assert "Lupa nomor tiketnya?" in asked and "*petugas*" in asked
    reply = person.says("petugas")
    assert "bukan nomor tiket" not in reply and "sudah kami teruskan ke petugas" in reply
    assert person.state().state == "officer"


@pytest.mark.parametrize("answer", ["around 50", "sekitar 3", "50", "nomor 12"])
def test_a_short_number_is_no_application_number(person, answer):
    """"around 50" at the application number (a walk over HTTP, 2026-12-04) was stored and the
    summary read "Application no.: around 50": every application or permit number has five
    characters at least. Asked again; a real one, spaced or not, is kept."""
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(PASSPORT_STORY)
    question = person.says("lanjut")
    question = person.says("ya" if "tampaknya tentang" in question else "Layanan paspor")
    assert "Nomor permohonan paspor" in question
    again = person.says(answer)
    assert "Bila punya, tulis nomor permohonan paspor" in again and "Kapan" not in again
    assert "reference" not in person.state().data
    assert "Kapan kejadiannya" in person.says("1234 5678 9012")
    assert person.state().data["reference"] == "1234 5678 9012"
