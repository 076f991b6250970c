"""Privacy review of session 22 (helper P22): what an officer can still infer.

1. Refusals that reveal. A petugas who once read P-5 in the group typed `/pesan P-5 …`: if P-5
   had since filed a sensitive complaint or reported a levy in a talk he read "Percakapan P-5
   dilanjutkan oleh Kasi Tikkim dan Kepala Kantor", `/bukti P-5` "hanya untuk Kasi Tikkim dan
   Kepala Kantor (identitas pelapor dirahasiakan, pengaduan sensitif, atau laporan pungli…)",
   and an officer kept away from P-5's complaint "Pelapor P-5 tidak ditemukan": each told him
   what P-5 had done since. From the group's view only a talk live in the group is answered,
   and every other case (a closed talk, a code nobody has) reads one answer.
2. Hashes that link. A metadata-free copy of evidence went with the original's SHA-256 (and
   size): the same photo in an anonymous complaint and a named one read the same value.
3. The group's notice of a talk only the leaders answer said "Bahasa pelapor: Inggris".
4. /permintaan left out, for an officer kept away from a person's complaint, that person's
   talk the group reads: in the group, everyone saw whom the list was missing.

Through the real app (signed Twilio webhooks, Telegram updates), on the test databases."""
from __future__ import annotations

import io
import re
from typing import Any

import pytest
from PIL import Image

from tests.support.intake import TICKET, walk
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser,
                                    deliver, file_on_telegram)
from tests.support.twilio_chat import TwilioSender
from tests.test_kept_documents import fetch_all, sent_files
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures

pytestmark = pytest.mark.timeout(300)

CODE = re.compile(r"\b[PT]-\d+\b")     # T-: a person with a concealed complaint
HEX64 = re.compile(r"\b[0-9a-f]{64}\b")
NAME = "Yosefina Manuhutu"
SLOW = "Paspor saya sudah tiga minggu belum jadi padahal sudah bayar lunas"
LEVY = "Petugas loket minta uang lima ratus ribu supaya paspor cepat jadi"
TALK_LEVY = "petugas loket minta uang 300rb biar paspor cepat"
NOBODY = "P-999999"


def _photo(colour: tuple[int, int, int]) -> bytes:
    """A phone's photo: its make and where it was taken."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "samsung", "SM-A135F"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (3.0, 17.0, 54.0), "E", (117.0, 35.0, 12.0)
    out = io.BytesIO()
    Image.new("RGB", (80, 60), colour).save(out, "JPEG", exif=exif)
    return out.getvalue()


def _phone(app: Any, runtime: Any, number: str) -> TwilioSender:
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name=NAME)
    phone.says("halo")
    return phone


def _file(phone: TwilioSender, story: str, answers: dict[str, str],
          media: list[tuple[str, str]] | None = None) -> str:
    """Filed anonymously unless `answers` say otherwise."""
    phone.says("menu")
    phone.says("1")
    phone.say(story, media=media or [])
    answers = {"identitas Anda dicatat": "anonim", **answers}
    return TICKET.search(walk(phone.says, phone.says("lanjut"), answers)).group(0)


def _talk(phone: TwilioSender, runtime: Any, tg_server: Any, said: str,
          media: list[tuple[str, str]] | None = None) -> str:
    """Ask for an officer and write: the code, as the group's notice gives it."""
    deliver(runtime)
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    phone.says("menu")
    code = CODE.search(phone.says("Bicara dengan petugas")).group(0)
    phone.say(said, media=media or [])
    deliver(runtime)
    notice = "\n".join(tg_server.sent_texts(OFFICER_CHAT)[before:])
    assert f"Kode: </b>{code}" in notice and said in notice, notice
    return code


def _group(app: Any, who: int = PETUGAS) -> TelegramUser:
    return TelegramUser(app.test_client(), who, chat_id=OFFICER_CHAT, chat_type="supergroup")


def _answer(app: Any, runtime: Any, tg_server: Any, command: str, who: int = PETUGAS) -> str:
    """The group's answer to a command (it must be refused), with the code made neutral."""
    assert _group(app, who).send(command) == "refused", command
    deliver(runtime)
    return CODE.sub("P-N", re.sub(r"<[^>]+>", "", tg_server.sent_texts(OFFICER_CHAT)[-1]))


# --- 1. one answer, whatever the person did since ------------------------------------------------
def test_a_petugas_reads_one_answer_whatever_the_person_reported_since(
        app, runtime, tg_server, tw_server):
    """Four people whose talks the group read, each closed; since then one reported a levy in
    a new talk, one filed a sensitive complaint, one filed a complaint the petugas is kept away
    from. /pesan, /bukti and /tutup on each (and on a code nobody has) answer word for word the
    same: none says what the person reported, nor that the petugas is kept away."""
    people = {}
    for key, number in (("plain", "+6281255522001"), ("levy_talk", "+6281255522002"),
                        ("sensitive", "+6281255522003"), ("kept_away", "+6281255522004")):
        phone = _phone(app, runtime, number)
        url = tw_server.add_media("ME" + str(number[-4:]) * 8, _photo((10, 80, 160)),
                                  "image/jpeg")
        code = _talk(phone, runtime, tg_server, "mau tanya soal paspor anak saya",
                     media=[(url, "image/jpeg")])
        assert _group(app).send(f"/pesan {code} Selamat siang, ada yang bisa dibantu?") \
            == "officer"
        assert _group(app).send(f"/tutup {code}") == "officer"
        people[key] = (phone, code)
    fetch_all(runtime, tg_server)
    deliver(runtime)
    # since then, outside anything the group reads:
    phone, _ = people["levy_talk"]
    phone.says("menu")
    phone.says("Bicara dengan petugas")
    phone.says(TALK_LEVY)
    deliver(runtime)
    _file(people["sensitive"][0], LEVY, {"Pengaduan Anda tentang apa": "4"})
    ticket = _file(people["kept_away"][0], SLOW, {"Pengaduan Anda tentang apa": "1"})
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/kecualikan {ticket} {PETUGAS} kerabat pelapor") == "officer"
    deliver(runtime)
    assert "300rb" not in "\n".join(tg_server.sent_texts(OFFICER_CHAT))

    for command in ("/pesan {} Selamat siang, bagaimana kabarnya?", "/bukti {}", "/tutup {}"):
        answers = {key: _answer(app, runtime, tg_server, command.format(code))
                   for key, (_, code) in people.items()}
        answers["nobody"] = _answer(app, runtime, tg_server, command.format(NOBODY))
        assert len(set(answers.values())) == 1, answers
        said = answers["nobody"]
        for word in ("pungli", "sensitif", "dirahasiakan", "tidak ditemukan", "akses",
                     "dikecualikan", "merekalah"):
            assert word not in said, said
    assert sent_files(tg_server, PETUGAS) == []
    # a leader in the group reads the group's answer too: the whole group reads it
    assert _answer(app, runtime, tg_server, f"/pesan {people['levy_talk'][1]} halo",
                   who=KASI) == _answer(app, runtime, tg_server, f"/pesan {NOBODY} halo",
                                        who=KASI)
    # the leaders, in a private chat, keep a closed talk; the levy talk by its own code (R-n)
    # only, its P-code reads as a code nobody has (tests/test_privacy_s24.py)
    kepala = TelegramUser(app.test_client(), KEPALA)
    assert kepala.send(f"/pesan {people['plain'][1]} Selamat siang, boleh diceritakan?") \
        == "officer"
    assert kepala.send(f"/pesan {people['levy_talk'][1]} Selamat siang?") == "refused"
    talk = re.findall(r"\bR-\d+\b", "\n".join(tg_server.sent_texts(KEPALA)))[-1]
    assert kepala.send(f"/pesan {talk} Selamat siang, boleh diceritakan?") == "officer"


def test_a_petugas_gets_the_files_the_group_was_told_of_without_metadata_or_hash(
        app, runtime, tg_server, tw_server):
    """A live talk in the group: /bukti P-N sends its relayed files, each a copy without
    metadata and without the original's SHA-256 or size, whoever the person is. A file
    relayed to the leaders only is never among them."""
    phone = _phone(app, runtime, "+6281255522011")
    original = _photo((160, 80, 10))
    url = tw_server.add_media("ME" + "f" * 32, original, "image/jpeg")
    code = _talk(phone, runtime, tg_server, "ini foto paspor yang rusak",
                 media=[(url, "image/jpeg")])
    fetch_all(runtime, tg_server)
    assert _group(app).send(f"/bukti {code}") == "officer"
    deliver(runtime)
    [(name, content, caption)] = sent_files(tg_server, PETUGAS)
    assert name.startswith(f"Lampiran_{code}_1") and "tanpa metadata" in caption
    assert b"samsung" not in content and content != original
    assert not HEX64.search(caption) and "SHA-256" not in caption and "KB" not in caption
    assert sent_files(tg_server, OFFICER_CHAT) == []


# --- 2. hashes that link ------------------------------------------------------------------------
def test_the_same_photo_in_an_anonymous_and_a_named_complaint_reads_no_common_value(
        app, runtime, tg_server, tw_server):
    """A petugas reads the named complaint's original with its SHA-256; the anonymous one's
    copy must carry no value he could match against it (the hash, the original's size). A
    leader, who may know a named complainant but no anonymous one, reads the same."""
    original = _photo((30, 120, 60))
    named_phone = _phone(app, runtime, "+6281255522021")
    named = _file(named_phone, SLOW, {"Pengaduan Anda tentang apa": "1",
                                      "identitas Anda dicatat": "tulis nama saya",
                                      "Tuliskan nama Anda": NAME},
                  media=[(tw_server.add_media("ME" + "a1" * 16, original, "image/jpeg"),
                          "image/jpeg")])
    hidden_phone = _phone(app, runtime, "+6281255522022")
    hidden = _file(hidden_phone, SLOW, {"Pengaduan Anda tentang apa": "1"},
                   media=[(tw_server.add_media("ME" + "b2" * 16, original, "image/jpeg"),
                           "image/jpeg")])
    assert complaint(runtime, named).identity_mode == "named"
    assert complaint(runtime, hidden).identity_mode == "anonymous"
    fetch_all(runtime, tg_server)
    named_id = complaint(runtime, named).id
    with runtime.store.unit() as unit:
        [kept] = unit.attachments_of(named_id)
        sha, size = kept.sha256, kept.size
    for reader in (PETUGAS, KASI):
        user = TelegramUser(app.test_client(), reader)
        before = len(sent_files(tg_server, reader))
        assert user.send(f"/bukti {named}") == "officer"
        assert user.send(f"/bukti {hidden}") == "officer"
        deliver(runtime)
        (_, _, open_caption), (_, copy, clean_caption) = sent_files(tg_server, reader)[before:]
        assert sha in open_caption, open_caption                 # may know the sender: kept
        assert "tanpa metadata" in clean_caption and b"samsung" not in copy
        assert sha not in clean_caption and not HEX64.search(clean_caption), clean_caption
        assert f"{size / 1024:.0f} KB" not in clean_caption, clean_caption


# --- 3. the group's notice of a leaders' talk -----------------------------------------------------
def test_the_group_s_notice_of_a_leaders_talk_says_nothing_of_the_person_s_language(
        app, runtime, tg_server):
    citizen = TelegramUser(app.test_client(), 555_022)
    ticket = file_on_telegram(citizen, runtime, story="The officer at the counter asked me "
                              "for money to speed up my permit, with no receipt at all",
                              answers={"What is your complaint about": "4",
                                       "seems to be about": "2",
                                       "keep it confidential": "1"})
    assert runtime.notifier.sensitive(complaint(runtime, ticket))
    deliver(runtime)
    before = {chat: len(tg_server.sent_texts(chat)) for chat in (OFFICER_CHAT, KASI)}
    citizen.send("menu")
    citizen.send("Talk to an officer")
    deliver(runtime)
    group = [re.sub(r"<[^>]+>", "", t) for t in tg_server.sent_texts(OFFICER_CHAT)
             [before[OFFICER_CHAT]:]]
    assert not [t for t in group if "meminta bicara" in t], group   # no notice at all
    notice = "\n".join(group)
    assert "Inggris" not in notice and "Bahasa" not in notice and "Kanal" not in notice, notice
    assert not CODE.search(notice), notice
    told = "\n".join(re.sub(r"<[^>]+>", "", t) for t in tg_server.sent_texts(KASI)
                     [before[KASI]:])
    assert "Bahasa pelapor: Inggris" in told, told            # the leaders' own notice keeps it


# --- 4. /permintaan reads the same whoever asks -----------------------------------------------------
def test_permintaan_in_the_group_does_not_depend_on_who_asks(app, runtime, tg_server):
    """An officer kept away from a person's complaint: a list without that person's talk only
    for him told the group whom he is kept away from, i.e. who complained about him. The talk
    of a person with such a complaint is the leaders' from the start (tests/
    test_privacy_s22c.py), so the group's list leaves it out whoever asks; the leaders, in a
    private chat, list it."""
    phone = _phone(app, runtime, "+6281255522041")
    ticket = _file(phone, SLOW, {"Pengaduan Anda tentang apa": "1"})
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/kecualikan {ticket} {PETUGAS} tetangga pelapor") == "officer"
    other = _phone(app, runtime, "+6281255522042")
    code = _talk(other, runtime, tg_server, "mau tanya kapan paspor saya jadi")
    phone.says("menu")
    phone.says("Bicara dengan petugas")
    phone.says("mau tanya kapan paspor saya jadi")
    deliver(runtime)

    def listing(who: int) -> str:
        assert _group(app, who).send("/permintaan") == "officer"
        deliver(runtime)
        return tg_server.sent_texts(OFFICER_CHAT)[-1]
    by_kasi, by_petugas = listing(KASI), listing(PETUGAS)
    assert code in by_kasi and len(CODE.findall(by_kasi)) == 1, by_kasi
    assert by_petugas == by_kasi
    assert kasi.send("/permintaan") == "officer"
    deliver(runtime)
    # the leaders' talk under its own code (R-n)
    assert len(re.findall(r"\b[TR]-\d+\b", tg_server.sent_texts(KASI)[-1])) == 2
