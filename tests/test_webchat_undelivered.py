"""Officers' messages to a web chat nobody collects any more (web walk, finding 3), the PIN texts
of a person with no number or account (finding 5), and a number an anonymous person gives an
officer (finding 15); through the Flask test client, on SQLite and PostgreSQL.

A browser cannot be pushed to: its messages wait in the outbox until it asks. After "Akhiri"
no browser holds the session, and a person may never open the page again; the officer who
wrote must not be told "dikirim" and left to believe it arrived.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from sqlalchemy import select

from bot.notify import alert_slot
from handlers.webchat_session import address_of
from storage.models import Complainant, OutboxItem
from storage.webchat import UNCOLLECTED_AFTER
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.webchat import WebVisitor, file_complaint
from tests.test_officers import app, officer, runtime  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)

PASSPORT = ("Paspor saya sudah tiga minggu belum jadi padahal sudah bayar dan sudah foto di "
            "kantor imigrasi")
LEVY = "Petugas loket meminta uang lima ratus ribu tanpa kuitansi agar paspor cepat jadi."
REPLY = "Mohon maaf, blanko sudah datang. Silakan datang Senin pukul 09.00 ke loket 2."


def web_person(app: Any, story: str = PASSPORT, kind: str = "layanan paspor",
               name: str | None = None) -> tuple[WebVisitor, str, str]:
    person = WebVisitor(app.test_client())
    ticket, pin = file_complaint(person, story, kind=kind, name=name)
    return person, ticket, pin


def to_slot(runtime: Any, clock: Any) -> None:
    """The clock at the next alert slot: the group knows an anonymous complaint (the web
    chat's person files without a name) from its alert's slot on (bot.desk.privacy.released)."""
    clock.now = alert_slot(runtime.config.office_config, clock())


def end(person: WebVisitor) -> None:
    response = person.client.post("/chat/api/end", headers=person.headers(), json={})
    assert response.status_code == 200 and response.get_json() == {"ended": True}


def rows(runtime: Any, **where: Any) -> list[OutboxItem]:
    with runtime.store.read() as session:
        query = select(OutboxItem).order_by(OutboxItem.id)
        for key, value in where.items():
            query = query.where(getattr(OutboxItem, key) == value)
        return list(session.scalars(query))


def sweep(runtime: Any) -> int:
    """The worker's pass over the web chat's uncollected messages, then its deliveries."""
    worker = deliver(runtime)
    given_up = worker.give_up_uncollected(runtime.engine.clock())
    deliver(runtime)
    return given_up


def reports(tg_server: Any) -> list[str]:
    return [t for t in tg_server.sent_texts(OFFICER_CHAT) if "Pesan tidak terkirim" in t]


def web_rows(runtime: Any, kind: str) -> list[OutboxItem]:
    return [r for r in rows(runtime, channel="web") if r.kind == kind]


# --- 1a. an answer to a session already ended: the officer is told the truth ------------------
def test_pesan_to_an_ended_web_session_says_it_will_not_be_read(app, runtime, tg_server, clock):
    person, ticket, _ = web_person(app)
    clock.advance(hours=2)         # past the anonymous complaint's slot: the talk is the group's
    deliver(runtime)
    person.say("menu")
    person.choose("petugas")
    deliver(runtime)
    # the code the group's notice gives (the person filed anonymously: the talk's own T-code)
    notices = re.sub(r"<[^>]+>", "", "\n".join(tg_server.sent_texts(OFFICER_CHAT)))
    code = re.search(r"Kode: ([PT]-\d+)", notices).group(1)
    group = officer(app, PETUGAS)
    assert group.send(f"/pesan {code} Selamat siang.") == "officer"
    deliver(runtime)
    assert f"Pesan untuk {code} dikirim." in tg_server.sent_texts(OFFICER_CHAT)[-1]
    assert any("Selamat siang." in m["text"] for m in person.poll())
    end(person)
    assert group.send(f"/pesan {code} Apakah masih ada yang bisa kami bantu?") == "officer"
    deliver(runtime)
    told = tg_server.sent_texts(OFFICER_CHAT)[-1]
    assert code in told and "sesi chat web pelapor sudah diakhiri" in told, told
    assert "dikirim" not in told and "/balas TIKET" in told


def test_ending_a_session_that_never_wrote_leaves_no_mark(app, runtime):
    from storage.webchat import ENDED
    person = WebVisitor(app.test_client())
    end(person)
    with runtime.store.unit() as unit:
        assert unit.marks(ENDED) == set()


# --- 1b. the worker gives up what no browser will collect, and tells the officers once --------
def test_a_reply_to_an_ended_session_is_reported_once_and_read_with_ticket_and_pin(
        app, runtime, tg_server, clock):
    person, ticket, pin = web_person(app)
    end(person)
    to_slot(runtime, clock)
    assert officer(app, PETUGAS).send(f"/balas {ticket} {REPLY}") == "officer"
    assert sweep(runtime) == 1
    relay = web_rows(runtime, "relay")
    assert [(r.status, r.delivery_status) for r in relay] == [("undeliverable", "uncollected")]
    found = reports(tg_server)
    assert len(found) == 1 and ticket in found[0] and "balasan petugas" in found[0], found
    # (the group may not read the channel of an anonymous complaint; the leaders read why)
    assert "Chat web" not in found[0] and "memeriksa status" in found[0], found[0]
    [private] = [t for t in tg_server.sent_texts(KASI) if "Pesan tidak terkirim" in t]
    assert "sesi web pelapor sudah diakhiri" in private and "cek status" in private, private
    assert sweep(runtime) == 0 and len(reports(tg_server)) == 1       # once
    # The owner, in a new session, reads it with the ticket and PIN.
    other = WebVisitor(app.test_client())
    other.say("halo")
    other.say("ada balasan dari petugas?")
    other.say(ticket)
    shown = other.say(pin)
    assert any(REPLY in m["text"] for m in shown), shown


def test_a_reply_left_uncollected_is_reported_after_the_bound_and_still_handed_over(
        app, runtime, tg_server, clock):
    person, ticket, _ = web_person(app)
    to_slot(runtime, clock)
    assert officer(app, PETUGAS).send(f"/kabar {ticket} Berkas Anda sedang kami periksa.") \
        == "officer"
    clock.advance(seconds=(UNCOLLECTED_AFTER - dt.timedelta(minutes=1)).total_seconds())
    assert sweep(runtime) == 0 and reports(tg_server) == []
    clock.advance(seconds=120)
    assert sweep(runtime) == 1
    found = reports(tg_server)
    assert len(found) == 1 and ticket in found[0] and "kabar perkembangan" in found[0], found
    assert "Chat web" not in found[0] and "memeriksa status" in found[0], found[0]
    [private] = [t for t in tg_server.sent_texts(KASI) if "Pesan tidak terkirim" in t]
    assert "tidak dibuka selama 3 hari" in private, private
    # The person opens the chat after all: the message is there, and now delivered.
    shown = person.poll()
    assert any("Berkas Anda sedang kami periksa." in m["text"] for m in shown), shown
    update = web_rows(runtime, "update")[-1]
    assert (update.status, update.delivery_status) == ("sent", "delivered")
    assert person.poll() == [] and sweep(runtime) == 0 and len(reports(tg_server)) == 1


def test_a_collected_reply_is_never_reported(app, runtime, tg_server, clock):
    person, ticket, _ = web_person(app)
    to_slot(runtime, clock)
    assert officer(app, PETUGAS).send(f"/balas {ticket} {REPLY}") == "officer"
    assert any(REPLY in m["text"] for m in person.poll())
    clock.advance(seconds=(UNCOLLECTED_AFTER * 2).total_seconds())
    assert sweep(runtime) == 0 and reports(tg_server) == []


def test_the_bots_own_uncollected_answers_go_quietly(app, runtime, tg_server):
    """A scheduled reminder to a session ended since is given up, but not reported: the
    officers wrote nothing there."""
    person = WebVisitor(app.test_client())
    person.say("halo")
    address = address_of(person.client.get_cookie("__Host-aduan_chat").value)
    now = runtime.engine.clock()
    with runtime.store.unit() as unit:
        unit.enqueue(kind="pause", channel="web", address=address, body="Masih di sana?",
                     at=now)
    end(person)
    assert sweep(runtime) == 1 and reports(tg_server) == []


def test_the_report_on_a_sensitive_complaint_names_neither_channel_nor_cause(
        app, runtime, tg_server):
    person, ticket, _ = web_person(app, LEVY, kind="pungutan liar")
    end(person)
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/kabar {ticket} Laporan Anda sedang kami tindak lanjuti.") == "officer"
    assert sweep(runtime) == 1
    # the group reads nothing of it; each leader reads it privately, with the channel
    # (tests/test_privacy_s24.py)
    assert reports(tg_server) == []
    for leader in (KASI, KEPALA):
        found = [t for t in tg_server.sent_texts(leader) if "Pesan tidak terkirim" in t]
        assert len(found) == 1 and ticket in found[0], found
        assert "Chat web" in found[0] and "Pengaduan sensitif" in found[0], found[0]


def test_a_leaders_talk_answer_left_uncollected_is_reported_without_its_channel(
        app, runtime, tg_server):
    """/pesan in a talk only the leaders answer (the person reported a levy) belongs to no
    complaint: its report must still leave out the channel and the cause."""
    person, _, _ = web_person(app, LEVY, kind="pungutan liar")
    person.say("menu")
    person.choose("petugas")
    code = next(r.complainant_id for r in rows(runtime, channel="web"))
    end(person)
    kasi = TelegramUser(app.test_client(), KASI)
    # the talk's own code (R-n): its P-code no longer reaches it (tests/test_privacy_s24.py)
    assert kasi.send(f"/pesan P-{code} Terima kasih, kami tindak lanjuti.") == "refused"
    deliver(runtime)
    talk = re.findall(r"\bR-\d+\b", "\n".join(tg_server.sent_texts(KASI)))[-1]
    assert kasi.send(f"/pesan {talk} Terima kasih, kami tindak lanjuti.") == "officer"
    assert sweep(runtime) == 1
    # the group reads nothing of it; the leaders read it privately
    assert reports(tg_server) == []
    for leader in (KASI, KEPALA):
        found = [t for t in tg_server.sent_texts(leader) if "Pesan tidak terkirim" in t]
        assert len(found) == 1 and "balasan petugas" in found[0], found


# --- 2. the PIN texts speak to a web user too ------------------------------------------------
def test_the_filing_text_names_another_device(app):
    person, ticket, pin = web_person(app)
    filed = next(t for t in person.bubbles() if ticket in t and pin in t)
    assert "dari nomor, akun, atau perangkat lain" in filed, filed


def test_the_english_filing_text_names_another_device():
    from bot.conversation.texts import t
    assert "another number, account or device" in t("en", "filed", ticket="T", pin="1",
                                                      when="", by="", extra="")
    assert "nomor, akun, atau perangkat lain" in t("id", "pin.here", channel="WhatsApp")
    assert "another number, account or device" in t("en", "pin.here", channel="WhatsApp")


# --- 3. a number given to an officer on an anonymous complaint -------------------------------
ASKED = "Boleh kami minta nomor WhatsApp Bapak dan nomor antrean di kuitansi?"


def test_an_anonymous_person_is_told_why_their_number_does_not_reach_the_officer(
        app, runtime, tg_server, clock):
    person, ticket, _ = web_person(app)
    to_slot(runtime, clock)
    assert officer(app, PETUGAS).send(f"/balas {ticket} {ASKED}") == "officer"
    assert any(ASKED in m["text"] for m in person.poll())
    plain = person.say("nomor antrean saya B-027")           # no number removed: no note
    assert not any("tidak kami teruskan" in m["text"] for m in plain), plain
    told = person.say("WA saya 0812 3456 7890")
    text = "\n".join(m["text"] for m in told)
    assert "tidak kami teruskan" in text and "*tanpa nama*" in text and ticket in text, text
    assert "petugas membalas di chat ini" in text
    deliver(runtime)
    group = tg_server.sent_texts(OFFICER_CHAT)
    assert any("B-027" in t for t in group)
    assert not any("3456" in t or "7890" in t for t in group), group
    # A named person's number never reaches the group either (a talk's relay removes numbers
    # for everyone): they are told too, without an identity mode.
    named, named_ticket, _ = web_person(app, name="Rudi Hartono")
    assert officer(app, PETUGAS).send(f"/balas {named_ticket} {ASKED}") == "officer"
    named.poll()
    told = "\n".join(m["text"] for m in named.say("WA saya 0812 3456 7891"))
    assert "tidak kami teruskan" in told and "*tanpa nama*" not in told, told


def test_the_balas_confirmation_text_for_an_ended_session(app, runtime):
    """`relay_sent`, the words /balas and /kabar confirm with (bot/desk/desk.py `_relay`)."""
    from bot.desk.message import held_kept, relay_sent
    live, _, _ = web_person(app)
    gone, _, _ = web_person(app)
    addresses = [address_of(v.client.get_cookie("__Host-aduan_chat").value)
                 for v in (live, gone)]
    end(gone)
    label = "balasan kepada pelapor"
    with runtime.store.unit() as unit:
        live_person, gone_person = (unit.session.scalar(select(Complainant).where(
            Complainant.channel == "web", Complainant.address == a)) for a in addresses)
        assert relay_sent(unit, live_person, label) == f"{label} dikirim"
        said = relay_sent(unit, gone_person, label)
        assert "sesi chat web pelapor sudah diakhiri" in said and "cek status" in said, said
        hidden = held_kept(label)
        assert "web" not in hidden and "cek status" in hidden, hidden
