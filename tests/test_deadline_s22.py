"""A complainant's own deadline reaches the officers (walk 21, item A3).

An English-speaking foreigner whose KITAS extension was refused filed a complaint whose story
said his permit expires next week. The bot promised the outcome "by 8 Jan 2027", after it, and
nobody noticed; after filing, "URGENT my visa expires next week" was held behind "Is this
message about complaint TRK-…?", and sent again, "This message is kept with the one before."
Now the date is read, the officers see it, he is told so, and an urgent message goes on."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from bot.conversation import deadline
from bot.deadlines import Deadline, officers_line
from bot.notify import alert_slot
from storage.models import Complaint
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, TelegramUser, file_on_telegram
from tests.support.intake import TICKET, walk
from tests.test_officers import app, runtime  # noqa: F401 - the fixtures

pytestmark = pytest.mark.timeout(240)
WITA = dt.timezone(dt.timedelta(hours=8))
SAID_AT = dt.datetime(2026, 12, 1, 10, 0, tzinfo=WITA)      # a Tuesday, as the test clock
CITIZEN = 555_221
D = dt.date


@pytest.mark.parametrize("text, lang, what, first, last", [
    ("izin tinggal saya habis tgl 10", "id", "izin_tinggal", D(2026, 12, 10), D(2026, 12, 10)),
    ("My KITAS extension was refused and my visa expires next week.", "en", "visa",
     D(2026, 12, 7), D(2026, 12, 13)),
    ("ITAS saya berlaku sampai 12 Desember", "id", "izin_tinggal", D(2026, 12, 12),
     D(2026, 12, 12)),
    ("paspor belum jadi, padahal saya mau berangkat umroh tgl 18", "id", "berangkat",
     D(2026, 12, 18), D(2026, 12, 18)),
    ("my flight is on Friday", "en", "berangkat", D(2026, 12, 4), D(2026, 12, 4)),
    ("ITAS saya tinggal 5 hari lagi", "id", "izin_tinggal", D(2026, 12, 6), D(2026, 12, 6)),
    ("paspor saya berlaku sampai 12/01/2027", "id", "paspor", D(2027, 1, 12), D(2027, 1, 12)),
    ("saya urus paspor tapi visa saya habis lusa", "id", "visa", D(2026, 12, 3),
     D(2026, 12, 3)),
])
def test_a_deadline_of_ones_own_is_read_against_the_moment_it_was_said(text, lang, what,
                                                                      first, last):
    assert deadline.read(text, SAID_AT, WITA, lang) == Deadline(what, first, last)


@pytest.mark.parametrize("text, lang", [
    ("blanko paspor habis sejak tgl 3, katanya tgl 8 baru ada", "id"),   # the office's stock
    ("visa saya habis kemarin", "id"),                                   # gone by
    ("izin tinggal saya habis 28 Nov", "id"),                            # gone by, no year
    ("saya sudah berangkat tgl 3", "id"),                                # a journey gone by
    ("my permit expires 10/12", "en"),                 # October or December? not guessed
    ("disuruh pulang dan datang lagi besok", "id"),    # no permit, no journey
    ("saya tinggal di Tarakan 5 hari lagi pindah", "id"),
    ("visa saya habis", "id"),                         # no date: urgent, but no deadline
])
def test_no_deadline_is_better_than_a_wrong_one(text, lang):
    assert deadline.read(text, SAID_AT, WITA, lang) is None


def test_the_officers_line_puts_the_deadline_beside_the_promised_outcome():
    stated = Deadline("izin_tinggal", D(2026, 12, 10), D(2026, 12, 10))
    assert officers_line(stated, D(2026, 12, 5), D(2027, 1, 8)) == (
        "izin tinggal berakhir 10 Des 2026 (5 hari lagi), sebelum batas penyelesaian 8 Jan 2027")


def _say(user: TelegramUser, runtime):  # type: ignore[no-untyped-def]
    def say(text: str) -> str:
        assert user.send(text) == "complainant"
        with runtime.store.unit() as unit:
            return unit.outbox_items(kind="reply", address=str(user.chat_id))[-1].body
    return say


def _bodies(runtime, **filters) -> list[str]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return [item.body for item in unit.outbox_items(**filters)]


ENGLISH = {"record your identity": "anonymous"}


def _file_in_english(user: TelegramUser, runtime) -> tuple[str, str]:  # type: ignore
    """The walk's foreigner: a refused KITAS extension, his permit running out next week."""
    say = _say(user, runtime)
    say("hello")
    say("My KITAS extension was refused at the office and my stay permit expires next week, "
        "I do not know what to do")
    question = say("that's all")
    for _ in range(3):
        if "about" not in question or "File it" in question:
            break
        question = say("1")
    done = walk(say, question, ENGLISH)
    return TICKET.search(done).group(0), done


def test_the_filing_reply_and_the_alert_carry_a_deadline_that_comes_before_the_outcome(
        app, runtime, clock):
    user = TelegramUser(app.test_client(), CITIZEN, first_name="John")
    ticket, done = _file_in_english(user, runtime)
    # told, in English, that the officers know the date, and what to do meanwhile
    assert "your stay permit expires around 7–13 Dec 2026" in done, done
    assert "The officers have been told of that date" in done, done
    assert "outcome may only come after that date" in done and "08115773337" in done, done
    assert "*officer*" in done, done
    assert done.index("⏰") < done.index("Check the status anytime"), done
    [alert] = [b for b in _bodies(runtime, kind="alert") if ticket in b]
    line = re.search(r"⏰ Batas waktu pelapor: (.*)", alert)
    assert line, alert
    assert line.group(1).startswith("izin tinggal berakhir 7–13 Des 2026 (6–12 hari lagi), "
                                    "sebelum batas penyelesaian "), alert
    # /lihat shows it too, in the group from the anonymous complaint's alert slot on
    # (bot.desk.privacy.released)
    clock.now = alert_slot(runtime.config.office_config, clock())
    group = TelegramUser(app.test_client(), KASI, chat_id=OFFICER_CHAT, chat_type="supergroup")
    assert group.send(f"/lihat {ticket}") == "officer"
    shown = [b for b in _bodies(runtime) if "Riwayat" in b and ticket in b]
    assert shown and "⏰ Batas waktu pelapor: izin tinggal berakhir 7–13 Des 2026" in shown[-1]


def test_a_complaint_without_a_deadline_says_nothing_of_one(app, runtime):
    user = TelegramUser(app.test_client(), CITIZEN + 1)
    ticket = file_on_telegram(user, runtime)
    assert "Batas waktu pelapor" not in "\n".join(_bodies(runtime, kind="alert"))
    with runtime.store.unit() as unit:
        last = unit.outbox_items(kind="reply", address=str(CITIZEN + 1))[-1].body
    assert ticket in last and "⏰" not in last


def test_an_urgent_message_about_the_only_open_complaint_goes_to_its_officers_at_once(
        app, runtime, clock):
    user = TelegramUser(app.test_client(), CITIZEN + 2, first_name="John")
    ticket, _ = _file_in_english(user, runtime)
    # from the anonymous complaint's slot (before it, the leaders read the talk at the slot:
    # tests/test_privacy_s42t_held_talk.py)
    clock.now = alert_slot(runtime.config.office_config, clock())
    say = _say(user, runtime)
    reply = say("URGENT my visa expires next week")
    assert "Is this message about" not in reply, reply
    assert "passed on *as urgent*" in reply and ticket in reply, reply
    assert "your visa expires around 7–13 Dec 2026" in reply, reply
    assert "write here to talk to them" in reply and "08115773337" in reply, reply
    relayed = "\n".join(_bodies(runtime, kind="relay_in"))
    assert "🚨 MENDESAK: URGENT my visa expires next week" in relayed, relayed
    assert "⏰ Batas waktu pelapor: visa berakhir 7–13 Des 2026" in relayed, relayed
    # sent again, it is not held: it goes on in the talk with the officers
    again = say("URGENT my visa expires next week")
    assert "kept with the one before" not in again, again
    # (each reader reads both)
    with runtime.store.unit() as unit:
        readers = {item.address for item in unit.outbox_items(kind="relay_in")}
    relayed = "\n".join(_bodies(runtime, kind="relay_in"))
    assert relayed.count("URGENT my visa expires next week") == 2 * len(readers), relayed


def test_tolong_segera_with_an_expiring_visa_goes_on_in_indonesian(app, runtime):
    user = TelegramUser(app.test_client(), CITIZEN + 3)
    ticket = file_on_telegram(user, runtime)
    reply = _say(user, runtime)("tolong segera pak, visa saya habis")
    assert "sebagai pesan mendesak" in reply and ticket in reply, reply
    assert "🚨 MENDESAK: tolong segera pak, visa saya habis" in "\n".join(
        _bodies(runtime, kind="relay_in"))


def test_with_several_open_complaints_the_question_stays_but_the_urgency_is_heard(
        app, runtime):
    user = TelegramUser(app.test_client(), CITIZEN + 4)
    file_on_telegram(user, runtime)
    file_on_telegram(user, runtime, story="Pengaduan baru: antrian di loket 2 tidak tertib, "
                                          "banyak yang menyerobot")
    with runtime.store.unit() as unit:
        assert len(unit.session.scalars(select(Complaint)).all()) == 2
    say = _say(user, runtime)
    first = say("tolong segera pak, visa saya habis tgl 10 dan paspor belum jadi")
    assert "Apakah pesan ini tentang pengaduan" in first, first
    assert "mendesak" in first and "belum terkirim" in first, first
    again = say("tolong segera pak, visa saya habis tgl 10")
    assert "belum terkirim" in again and "Apakah pesan ini tentang pengaduan" in again, again
    assert not _bodies(runtime, kind="relay_in")


def test_a_repeated_message_held_for_the_question_says_it_is_not_sent(app, runtime):
    user = TelegramUser(app.test_client(), CITIZEN + 5)
    file_on_telegram(user, runtime)
    say = _say(user, runtime)
    say("petugasnya juga bilang sistem lagi error terus waktu saya tanya kemarin")
    again = say("dan saya disuruh datang lagi minggu depan tanpa kepastian")
    assert "kami simpan bersama pesan sebelumnya" in again, again
    assert "belum ada yang terkirim ke petugas" in again, again


def test_a_sensitive_complaints_deadline_goes_to_the_leaders_not_the_group(app, runtime):
    user = TelegramUser(app.test_client(), CITIZEN + 6, first_name="Siti")
    for said in ("halo", "Sampaikan pengaduan",
                 "Petugas loket minta uang 500rb biar cepat, padahal izin tinggal saya habis "
                 "tgl 10"):
        assert user.send(said) == "complainant"
    say = _say(user, runtime)
    done = walk(say, say("Lanjut"),
                {"Pengaduan Anda tentang apa": "Pungutan liar, calo, atau suap"})
    ticket = TICKET.search(done).group(0)
    assert "izin tinggal Anda berakhir pada 10 Des 2026" in done, done
    [alert] = [b for b in _bodies(runtime, kind="alert") if ticket in b]
    assert "Batas waktu" not in alert and "izin tinggal" not in alert, alert
    for leader in (KASI, KEPALA):
        [notice] = [b for b in _bodies(runtime, kind="identity", address=str(leader))
                    if ticket in b]
        assert "⏰ Batas waktu pelapor: izin tinggal berakhir 10 Des 2026 (9 hari lagi)" \
            in notice, notice
