"""Talk to an officer, really (issue 12, item 6): after the request, what the person writes reaches
the officers (batched, at most once a minute per request, masked per the identity policy) and is
kept, never read as a new complaint, until an officer closes it or the person leaves; officers'
answers come back, and the person's reply goes on reaching them. Through the real app: WhatsApp
by signed Twilio webhooks and Telegram updates, in Indonesian and English."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from storage.models import Attachment, Complaint, ContactRelay, ContactRequest, ConversationState
from tests.conftest import WITA
from tests.support.intake import walk
from tests.support.telegram import (
    KASI,
    KEPALA,
    OFFICER_CHAT,
    PETUGAS,
    TelegramUser,
    channel_env,
    deliver,
)
from tests.test_contact_requests import requests
from tests.test_conversation import file_complaint
from tests.test_conversation_people import Person, nlu  # noqa: F401  (the nlu fixture)

pytestmark = pytest.mark.timeout(180)


@pytest.fixture(params=["whatsapp", "telegram"])
def person(request, make_app, sqlite_url, tg_server, tw_server) -> Person:  # type: ignore[no-untyped-def]
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    found = Person(app, runtime, request.param)
    found.app = app
    return found


def relays_in_group(tg_server) -> list[str]:  # type: ignore[no-untyped-def]
    return [t for t in tg_server.sent_texts(OFFICER_CHAT) if "Pesan dari pelapor" in t]


def officers(person: Person) -> TelegramUser:
    return TelegramUser(person.app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                        chat_type="supergroup")


def to_person(person: Person, kind: str = "relay") -> list[str]:
    with person.runtime.store.unit() as unit:
        return [i.body for i in unit.outbox_items(kind=kind, address=person.address)]


def code_of(reply: str) -> str:
    return re.search(r"\*(T-\d+)\*", reply).group(1)


def leaders_talk_p_code(runtime, reply: str) -> str:  # type: ignore[no-untyped-def]
    """The P-code of the person who just asked for a talk only the leaders answer: never in
    what they read (`reply` names the talk's R-code), but what an officer might try."""
    with runtime.store.unit() as unit:
        request = unit.session.scalars(
            select(ContactRequest).order_by(ContactRequest.id.desc())).first()
    assert re.search(rf"\*R-{request.id}\*", reply) and "*P-" not in reply, reply
    return f"P-{request.complainant_id}"


def test_what_the_person_writes_reaches_the_officers_and_their_answer_comes_back(
        person, tg_server, clock):
    person.says("halo")
    reply = person.says("Bicara dengan petugas")
    code = code_of(reply)
    assert "sudah kami teruskan ke petugas" in reply and "jam layanan" in reply
    assert "*selesai*" in reply and "*menu*" in reply and "pesan beruntun kami gabungkan" in reply
    # two bubbles: no new complaint, no reply each, one acknowledgement once they stop
    assert person.says("paspor sy ditahan di bandara juanda, tolong dibantu") == ""
    # the number is removed for everyone: the person is told so, once in the talk
    told = person.says("no hp sy 081234567890 kalau perlu telp")
    assert "tidak kami teruskan" in told and "Diteruskan" not in told, told
    assert person.pause() == f"✅ Diteruskan ke petugas (*{code}*). Balas *selesai* bila sudah."
    state = person.state()
    assert state.state == "officer" and not state.data.get("story")
    assert not person.complaints()
    deliver(person.runtime)
    [relay] = relays_in_group(tg_server)             # both bubbles in one message
    assert f"Pesan dari pelapor {code}" in relay and "ditahan di bandara juanda" in relay
    # removed whole for everyone: a masked "+62 812-••••-7890" until the person filed a
    # concealed complaint, and nothing after, told the group they had (test_privacy_s22c.py)
    assert "081234567890" not in relay and "7890" not in relay and "no hp sy ••••" in relay
    assert f"/pesan {code}" in relay and f"/tutup {code}" in relay
    # a conversation flows: up to three officers' messages a minute, then the next waits
    for said in ("sudah 2 hari", "sy harus berangkat minggu depan", "tolong ya pak"):
        clock.advance(seconds=5)
        assert person.says(said) == ""
        deliver(person.runtime)
    sent = relays_in_group(tg_server)
    assert len(sent) == 3 and "sudah 2 hari" in sent[1] and "berangkat" in sent[2]
    assert "tolong ya pak" not in "\n".join(sent)
    clock.advance(seconds=40)                      # 55 s after the first: not yet
    deliver(person.runtime)
    assert len(relays_in_group(tg_server)) == 3
    clock.advance(seconds=6)
    deliver(person.runtime)
    assert len(relays_in_group(tg_server)) == 4 and "tolong ya pak" in relays_in_group(tg_server)[3]
    # the officer answers; the person's reply reaches the officers too
    assert officers(person).send(f"/pesan {code} Baik, mohon kirim foto halaman data paspor.") \
        == "officer"
    [answer] = to_person(person)
    assert "mohon kirim foto halaman data paspor" in answer
    assert f"Balas di sini untuk menjawab petugas (*{code}*)" in answer
    assert person.says("baik pak, nanti sy kirim") == ""
    clock.advance(seconds=61)
    deliver(person.runtime)
    assert "nanti sy kirim" in relays_in_group(tg_server)[-1]
    with person.runtime.store.unit() as unit:
        [request] = unit.session.scalars(select(ContactRequest)).all()
        kept = unit.session.scalars(select(ContactRelay)).all()
    assert request.status == "answered" and len(kept) == 6
    assert all(r.request_id == request.id and r.outbox_id for r in kept)
    # the person is done
    ended = person.says("selesai")
    assert "percakapan dengan petugas" in ended and "kami akhiri" in ended
    assert [r.status for r in requests(person.runtime)] == ["closed"]
    clock.advance(seconds=61)
    deliver(person.runtime)
    # the group is not told (it would mark the moment the person goes to write a complaint)
    assert not any("mengakhiri percakapan" in t for t in tg_server.sent_texts(OFFICER_CHAT))
    assert "Apa yang bisa kami bantu?" in person.says("halo")
    assert person.state().state == "menu"


def test_in_english_at_night_the_person_learns_when_the_office_opens(understood, tg_server,
                                                                    clock):
    person = understood
    clock.now = dt.datetime(2026, 12, 4, 22, 30, tzinfo=WITA)      # Friday night
    person.says("Hello")
    reply = person.says("I would like to talk to an officer please")
    code = code_of(reply)
    assert "passed on to the officers (reference" in reply
    assert "The office is closed now; an officer will reply here from Mon" in reply
    assert "Reply *done*" in reply and "*menu*" in reply
    assert person.says("My visa extension was refused and I do not know why") == ""
    assert person.pause().startswith(f"✅ Passed on to the officers (*{code}*)")
    # Monday morning, more than the stale period later: still talking to the officers
    # (calling for them before any answered: told the message is with them, not relayed)
    clock.now = dt.datetime(2026, 12, 7, 8, 5, tzinfo=WITA)
    assert "Your message is with the officers" in person.says("Hello? Is anyone there?")
    assert person.state().state == "officer"
    deliver(person.runtime)
    relays = relays_in_group(tg_server)
    assert any("visa extension was refused" in r for r in relays)
    assert not any("Is anyone there?" in r for r in relays)
    ended = person.says("done")
    assert "your conversation with the officers" in ended and "closed" in ended


def test_menu_leaves_the_chat_and_an_answer_brings_the_person_back(person, tg_server, clock):
    person.says("halo")
    code = code_of(person.says("4"))
    left = person.says("menu")
    assert "tidak lagi diteruskan ke petugas" in left and f"*{code}*" in left
    assert "Apa yang bisa kami bantu?" in left
    assert person.state().state == "menu"
    assert officers(person).send(f"/pesan {code} Selamat siang, ada yang bisa dibantu?") \
        == "officer"
    assert person.state().state == "officer"
    assert person.says("sy mau tanya soal paspor anak") == ""
    deliver(person.runtime)
    assert "paspor anak" in relays_in_group(tg_server)[-1]
    assert not person.complaints()
    # the officers close it: the person is told and is back at the menu
    assert officers(person).send(f"/tutup {code}") == "officer"
    # the talk is closed: the notice names it by the code the person was given
    assert any(f"Petugas menutup percakapan *{code}*. Terima kasih." in b
               for b in to_person(person))
    assert person.state().state == "menu"
    assert "Apa yang bisa kami bantu?" in person.says("halo")
    # a leader writing after it was closed (in a private chat: from the group only a talk
    # open in the group is answered) opens it again: the person's reply has a place to go
    assert TelegramUser(person.app.test_client(), KASI).send(
        f"/pesan {code} Maaf, satu lagi: kapan jadwal wawancaranya?") == "officer"
    assert person.state().state == "officer"
    assert person.says("hari kamis pak") == ""
    assert [r.status for r in requests(person.runtime)] == ["closed", "answered"]
    deliver(person.runtime)
    assert "hari kamis pak" in relays_in_group(tg_server)[-1]


@pytest.fixture(params=["whatsapp", "telegram"])
def understood(request, make_app, sqlite_url, tg_server, tw_server, nlu) -> Person:  # type: ignore[no-untyped-def]
    """A person on each channel, with the Rasa server and without it."""
    app, runtime = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    return Person(app, runtime, request.param)


def test_batal_ends_the_chat_and_asking_again_joins_the_request(understood):
    person = understood
    person.says("halo")
    code = code_of(person.says("mau ngomong sama orang aja, bukan bot"))
    again = person.says("petugas")
    assert "sudah ada pada petugas" in again and f"*{code}*" in again
    assert person.says("batal").startswith("Baik, percakapan dengan petugas")
    assert [r.status for r in requests(person.runtime)] == ["closed"]
    assert person.state().state == "menu"


def test_a_flood_reaches_the_group_three_times_a_minute_and_nothing_is_lost(
        make_app, sqlite_url, tg_server, tw_server, clock):
    app, runtime = make_app(sqlite_url, human_pace=True, **channel_env(tg_server, tw_server))
    talker = Person(app, runtime, "whatsapp")
    talker.says("halo")
    talker.says("4")
    clock.advance(seconds=30)
    for n in range(40):
        talker.says(f"pesan nomor {n} tentang antrian yang panjang sekali di loket paspor, "
                    "petugasnya cuma satu dan yang lain")
        deliver(runtime)
    first = relays_in_group(tg_server)
    assert len(first) == 3 and all(len(m) < 3500 for m in first)
    with runtime.store.unit() as unit:
        kept = unit.session.scalars(select(ContactRelay)).all()
    assert len(kept) == 40                                   # every message recorded
    clock.advance(seconds=61)
    deliver(runtime)
    sent = relays_in_group(tg_server)
    assert 4 <= len(sent) <= 6                               # the rest, batched
    assert all(f"pesan nomor {n} " in "\n".join(sent) for n in range(40))


def protected_person(person: Person, mode: str) -> str:
    """File a complaint as a confidential or anonymous person; its ticket."""
    person.says("halo")
    person.says("1")
    person.says("Antrian paspor tidak tertib, nomor antrian dijual orang")
    question = person.says("lanjut")
    from tests.support.intake import walk
    answers = {"Pengaduan Anda tentang apa": "1",
               "identitas Anda dicatat": "rahasiakan nama sy ya" if mode == "confidential"
               else "anonim aja"}
    filed = walk(person.says, question, answers)
    return re.search(r"TRK-[\w-]{9}", filed).group(0)


@pytest.mark.parametrize("mode", ["confidential", "anonymous"])
def test_a_protected_person_stays_protected_in_what_is_relayed(person, tg_server, clock, mode):
    ticket = protected_person(person, mode)
    [complaint] = person.complaints()
    assert complaint.identity_mode == mode, complaint.reporter_name
    assert complaint.reporter_name == ("Budi Santoso" if mode == "confidential" else None)
    clock.advance(hours=2)      # from its alert slot the talk is the group's (test_privacy_s30.py)
    deliver(person.runtime)
    person.says("menu")
    # the talk's own code, never the person's fixed P-code (tests/test_privacy_s25b.py)
    code = re.search(r"\*(T-\d+)\*", person.says("4")).group(1)
    person.says(f"sy budi santoso, tiket {ticket}, hp 0812 3456 7001. Pak Budi yg antri juga")
    deliver(person.runtime)
    [relay] = relays_in_group(tg_server)
    for secret in (ticket, "budi", "Budi", "santoso", "3456"):
        assert secret not in relay, secret
    assert f"Pesan dari pelapor {code}" in relay and "TRK-••••" in relay


def test_a_sensitive_complaints_author_is_read_by_the_leaders_only(
        make_app, sqlite_url, tg_server, tw_server):
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    from tests.support.twilio_chat import TwilioSender
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700031")
    ticket, _ = file_complaint(phone, story="Ada calo minta uang 500rb di depan kantor",
                               type_choice="4")
    with runtime.store.unit() as unit:
        assert unit.session.scalars(select(Complaint)).one().type == "pungli"
    phone.say("menu")
    phone.say("4")
    phone.say("calonya pakai baju batik biru, namanya pak Joko")
    deliver(runtime)
    # the group reads nothing of it, not even that someone wrote (in the minute after an
    # open talk's lines, that would say who reported)
    assert relays_in_group(tg_server) == []
    for leader in (KASI, KEPALA):
        assert any("namanya pak Joko" in t and "Pesan dari pelapor" in t
                   for t in tg_server.sent_texts(leader))
    with runtime.store.unit() as unit:
        assert unit.session.scalars(select(ConversationState)).one().state == "officer"


def test_the_leaders_copy_of_a_sensitive_relay_names_the_ticket_not_only_the_code(
        make_app, sqlite_url, tg_server, tw_server):
    """Kasi Tikkim and the Kepala Kantor know a sensitive complaint by its ticket (their private
    notice carries it): the relay they alone read says which complaint the person writes about,
    beside the P-code they answer with. The group reads nothing of it; a leader kept away from the complaint (conflict of interest) reads nothing of it."""
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    from tests.support.twilio_chat import TwilioSender
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700032")
    ticket, _ = file_complaint(phone, story="Ada calo minta uang 500rb di depan kantor",
                               type_choice="4")
    kepala = TelegramUser(app.test_client(), KEPALA)
    assert kepala.send(f"/kecualikan {ticket} {KASI} kerabat pihak yang diadukan") == "officer"
    deliver(runtime)
    kasi_before = len(tg_server.sent_texts(KASI))
    phone.say("menu")
    code = leaders_talk_p_code(runtime, phone.says("4"))
    phone.say("calonya pakai baju batik biru")
    deliver(runtime)
    assert relays_in_group(tg_server) == []
    assert not [t for t in tg_server.sent_texts(OFFICER_CHAT) if code in t or "batik" in t]
    [private] = [t for t in tg_server.sent_texts(KEPALA) if "Pesan dari pelapor" in t]
    # under the talk's own code (R-n), never the person's P-code
    assert f"Pesan dari pelapor {ticket} (R-" in private and code not in private
    assert "baju batik biru" in private and "/pesan R-" in private
    assert not any("batik" in t for t in tg_server.sent_texts(KASI)[kasi_before:])


def test_a_leader_kept_away_from_a_complaint_does_not_read_its_author_reporting_a_levy(
        make_app, sqlite_url, tg_server, tw_server):
    """The person behind an ordinary complaint, from which Kasi Tikkim is kept away, reports a
    levy while talking to the officers: the talk goes to the leaders only, and of them only to
    those not kept away from that person's complaint, with its ticket."""
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    from tests.support.twilio_chat import TwilioSender
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700033")
    ticket, _ = file_complaint(phone)
    kepala = TelegramUser(app.test_client(), KEPALA)
    assert kepala.send(f"/kecualikan {ticket} {KASI} kerabat pelapor") == "officer"
    deliver(runtime)
    kasi_before = len(tg_server.sent_texts(KASI))
    phone.say("menu")
    code = leaders_talk_p_code(runtime, phone.says("4"))
    phone.say("tadi petugas loket minta uang 300rb biar paspor cepat")
    deliver(runtime)
    assert relays_in_group(tg_server) == []          # the group reads nothing of it
    assert not [t for t in tg_server.sent_texts(OFFICER_CHAT) if "300rb" in t]
    [private] = [t for t in tg_server.sent_texts(KEPALA) if "Pesan dari pelapor" in t]
    assert f"Pesan dari pelapor {ticket} (R-" in private and "300rb" in private
    assert code not in private                       # the talk's own code, not the P-code
    assert not any("300rb" in t for t in tg_server.sent_texts(KASI)[kasi_before:])


def test_only_the_leaders_answer_a_talk_only_they_read_and_never_an_officer_kept_away(
        make_app, sqlite_url, tg_server, tw_server):
    """The group reads nothing of what a whistleblower writes: an officer there (perhaps the
    one reported) must not message them blind, nor close their request; the leaders answer, in
    private. An officer kept away from the person's complaint never reaches the person."""
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    from tests.support.twilio_chat import TwilioSender
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700034")
    file_complaint(phone, story="Ada calo minta uang 500rb di depan kantor", type_choice="4")
    phone.say("menu")
    code = leaders_talk_p_code(runtime, phone.says("4"))
    phone.say("calonya pakai baju batik biru")
    deliver(runtime)
    assert relays_in_group(tg_server) == []
    group = "\n".join(tg_server.sent_texts(OFFICER_CHAT))
    assert "meminta bicara" not in group, group       # not even a notice of the request
    assert code not in group and "/pesan" not in group, group
    group_officer = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                                 chat_type="supergroup")
    assert group_officer.send(f"/pesan {code} halo, ada yang bisa dibantu?") == "refused"
    assert TelegramUser(app.test_client(), PETUGAS).send(f"/pesan {code} halo") == "refused"
    assert TelegramUser(app.test_client(), PETUGAS).send(f"/tutup {code}") == "refused"
    kasi_in_group = TelegramUser(app.test_client(), KASI, chat_id=OFFICER_CHAT,
                                 chat_type="supergroup")
    assert kasi_in_group.send(f"/pesan {code} terima kasih") == "refused"
    # privately, by the talk's own code (R-n): the P-code no longer reaches a leaders' talk
    # (tests/test_privacy_s24.py)
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/pesan {code} Terima kasih, kami tindak lanjuti.") == "refused"
    talk = re.findall(r"\bR-\d+\b", "\n".join(tg_server.sent_texts(KASI)))[-1]
    assert kasi.send(f"/pesan {talk} Terima kasih, kami tindak lanjuti.") == "officer"
    deliver(runtime)
    with runtime.store.unit() as unit:
        bodies = [i.body for i in unit.outbox_items(kind="relay")]
    assert any("kami tindak lanjuti" in b for b in bodies)
    assert not any("ada yang bisa dibantu" in b or b.endswith("halo") for b in bodies)


def test_an_officer_kept_away_from_a_complaint_cannot_message_its_author(
        make_app, sqlite_url, tg_server, tw_server):
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    from tests.support.twilio_chat import TwilioSender
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700035")
    ticket, _ = file_complaint(phone)
    assert TelegramUser(app.test_client(), KASI).send(
        f"/kecualikan {ticket} {PETUGAS} tetangga pelapor") == "officer"
    phone.say("menu")
    code = leaders_talk_p_code(runtime, phone.says("4"))
    assert TelegramUser(app.test_client(), PETUGAS).send(f"/pesan {code} halo") == "refused"
    # the leaders answer by the talk's own code, R-n (tests/test_privacy_s24.py)
    deliver(runtime)
    talk = re.findall(r"\bR-\d+\b", "\n".join(tg_server.sent_texts(KEPALA)))[-1]
    assert TelegramUser(app.test_client(), KEPALA).send(f"/pesan {talk} halo") == "officer"


def test_a_report_of_a_levy_told_to_the_officers_before_any_complaint_is_the_leaders(
        make_app, sqlite_url, tg_server, tw_server, clock):
    """Someone with no complaint asks for an officer and reports a levy: the officer who took
    the money may be in the group, so the group reads nothing more of the talk (a line saying
    that "someone" wrote, in the minute after this person's open lines, would name them); the
    leaders read it, and the rest of that conversation, in private."""
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    from tests.support.twilio_chat import TwilioSender
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700051")
    phone.say("halo")
    code = code_of(phone.says("4"))
    phone.say("paspor sy lama sekali jadinya")
    deliver(runtime)
    [first] = relays_in_group(tg_server)
    assert "lama sekali jadinya" in first               # an ordinary question: the group
    clock.advance(seconds=70)
    phone.say("tadi petugas loket 3 minta uang 300rb biar cepat, katanya orang dalam")
    clock.advance(seconds=70)
    phone.say("dia pakai kemeja biru, namanya pak Anton")
    deliver(runtime)
    assert len(relays_in_group(tg_server)) == 1, relays_in_group(tg_server)
    group = "\n".join(tg_server.sent_texts(OFFICER_CHAT))
    for secret in ("300rb", "orang dalam", "Anton", "kemeja biru", "khusus pimpinan",
                   "pungli"):
        assert secret not in group, secret
    for leader in (KASI, KEPALA):
        private = "\n".join(tg_server.sent_texts(leader))
        assert "Pesan dari pelapor R-" in private and code not in private   # its own code
        assert "minta uang 300rb" in private and "namanya pak Anton" in private
    assert not any("Anton" in t for t in tg_server.sent_texts(PETUGAS))
    assert not person_complaints(runtime)


def person_complaints(runtime):  # type: ignore[no-untyped-def]
    with runtime.store.read() as session:
        return session.scalars(select(Complaint)).all()


def test_a_photo_sent_to_the_officers_is_kept_and_announced_not_drafted(
        make_app, sqlite_url, tg_server, tw_server):
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    from tests.support.twilio_chat import TwilioSender
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700041")
    phone.say("halo")
    phone.say("4")
    assert phone.says("ini akta lahirnya", media=[
        ("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1",
         "image/jpeg")]) == ""
    deliver(runtime)
    [relay] = relays_in_group(tg_server)
    assert re.search(r"ini akta lahirnya 📎 1 lampiran \(tersimpan; /bukti T-\d{7}\)", relay), relay
    with runtime.store.unit() as unit:
        state = unit.session.scalars(select(ConversationState)).one()
        [kept] = unit.session.scalars(select(ContactRelay)).all()
        [photo] = unit.session.scalars(select(Attachment).where(
            Attachment.message_id == kept.message_id)).all()
    assert state.state == "officer" and "attachments" not in state.data
    assert photo.content_type == "image/jpeg" and photo.complaint_id is None


def test_relays_on_both_databases(bot_app, tg_server, clock):
    """SQLite and PostgreSQL (where the batch not yet sent is locked while it grows)."""
    app, runtime = bot_app
    from tests.support.twilio_chat import TwilioSender
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700051")
    phone.say("halo")
    phone.say("Bicara dengan petugas")
    for said in ("selamat siang", "sy mau tanya soal izin tinggal suami sy"):
        assert phone.says(said) == ""
    deliver(runtime)
    [relay] = relays_in_group(tg_server)
    assert "selamat siang" in relay and "izin tinggal suami" in relay
    with runtime.store.unit() as unit:
        kept = unit.session.scalars(select(ContactRelay)).all()
    assert len(kept) == 2 and len({r.outbox_id for r in kept}) == 1


def test_officers_fetch_what_a_person_sent_while_talking_with_bukti_p(
        make_app, sqlite_url, tg_server, tw_server, clock):
    """/bukti P-NOMOR sends the relayed files of a talk open in the group to the officer's
    private chat, whoever the person is."""
    from tests.support.twilio_chat import TwilioSender
    from tests.test_kept_documents import fetch_all, sent_files
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    import io

    from PIL import Image

    def jpeg(colour: tuple[int, int, int]) -> bytes:
        """A real JPEG: a reader who may not know the sender gets a copy without metadata,
        which must parse (this one has none, so the copy is the file itself)."""
        out = io.BytesIO()
        Image.new("RGB", (80, 60), colour).save(out, "JPEG")
        return out.getvalue()
    photo, photo2 = jpeg((10, 80, 160)), jpeg((160, 80, 10))
    url = tw_server.add_media("ME" + "b" * 32, photo, "image/jpeg")
    named = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700061")
    named.say("halo")
    named.say("4")
    named.say("ini akta lahirnya", media=[(url, "image/jpeg")])
    deliver(runtime)
    fetch_all(runtime, tg_server)
    [relay] = relays_in_group(tg_server)
    code = re.search(r"/bukti (T-\d+)", relay).group(1)
    group = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT, chat_type="supergroup")
    assert group.send(f"/bukti {code}") == "officer"
    deliver(runtime)
    [(name, content, caption)] = sent_files(tg_server, PETUGAS)
    # a copy without metadata (this one has none) and without the original's hash
    assert content == photo and name.startswith(f"Lampiran_{code}_1") and "SHA-256" not in caption
    assert "dikirim ke chat pribadi" in tg_server.sent_texts(OFFICER_CHAT)[-1]
    assert sent_files(tg_server, OFFICER_CHAT) == []            # never into the group

    # someone whose complaint is anonymous: the photo may show who they are
    hidden = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700062")
    for said in ("halo", "1", "Paspor saya sudah 3 minggu belum jadi", "lanjut"):
        hidden.say(said)
    walk(hidden.says, hidden.says("1"), {"identitas Anda dicatat": "anonim"})
    clock.advance(hours=2)      # from its alert slot the talk is the group's (test_privacy_s30.py)
    deliver(runtime)
    hidden.say("menu")
    hidden.say("4")
    url2 = tw_server.add_media("ME" + "c" * 32, photo2, "image/jpeg")
    hidden.say("ini fotonya", media=[(url2, "image/jpeg")])
    deliver(runtime)
    fetch_all(runtime, tg_server)
    # a talk of a person with an anonymous complaint goes by a code of its own (T-n), never the
    # P-code (tests/test_privacy_s25b.py); /bukti opens its files by it
    [*_, theirs] = relays_in_group(tg_server)
    other = re.findall(r"/bukti (T-\d+)", theirs)
    assert other and not re.search(r"\bP-\d+\b", theirs), theirs
    # a talk open in the group: its files go to a petugas as to anyone (a copy without
    # metadata, no hash); a refusal of their own would tell him this person has a concealed
    # complaint (tests/test_privacy_s22.py)
    assert group.send(f"/bukti {other[0]}") == "officer"
    deliver(runtime)
    [_, (_, content, caption)] = sent_files(tg_server, PETUGAS)
    assert content == photo2 and "tanpa metadata" in caption and "SHA-256" not in caption
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/bukti {other[0]}") == "officer"
    deliver(runtime)
    [(_, content, _)] = sent_files(tg_server, KASI)
    assert content == photo2
