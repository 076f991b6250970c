"""Privacy review of session 25, helper P25b: a person's fixed P-code on a concealed complaint.

A privacy walker, on one WhatsApp number: a named passport complaint, a talk in the group as
P-n with the named ticket in it ("Saya ••••, tiket TRK-…"), closed; then an anonymous
facilities complaint, a /balas on it, and the answer came back as "💬 Pesan dari pelapor P-n":
the code the group had read beside the named ticket, so `/lihat` gave the anonymous
complainant's name. Now the group never reads the P-code of a person with a confidential or
anonymous complaint: the answer to a /balas comes back under the ticket asked on, a talk the
person opens under a code of its own (T-n, one per request); the P-code reaches them no more.
A person with named complaints only keeps their P-code.

Through the real app (signed Twilio webhooks, Telegram updates), on SQLite and PostgreSQL."""
from __future__ import annotations

import re
from typing import Any

import pytest

from bot.desk.message import closed_here
from storage.models import ContactRequest
from tests.support.intake import TICKET, walk
from tests.support.telegram import OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _group, _plain, _refusal

pytestmark = pytest.mark.timeout(300)

P_CODE = re.compile(r"\bP-\d+\b")
T_CODE = re.compile(r"\bT-\d+\b")
NAME = "Wahyudi Prasetyo"
NUMBER = "+6281377725501"
TO_HIM = f"whatsapp:{NUMBER}"
PASSPORT = "Paspor saya sudah sebulan belum jadi padahal sudah bayar dan foto"
FACILITY = "AC di ruang tunggu mati dan toilet kotor sekali, antre jadi tidak nyaman"
NAMED = {"identitas Anda dicatat": "tulis nama saya", "Tuliskan nama Anda": NAME,
         "ingin dirahasiakan": "Tidak, nama saya boleh diketahui petugas"}


def _file(phone: TwilioSender, story: str, answers: dict[str, str]) -> str:
    reply = ""
    for said in ("menu", "1", story, "lanjut"):
        reply = phone.says(said)
    return TICKET.search(walk(phone.says, reply, answers)).group(0)


def _group_since(tg_server: Any, seen: int) -> str:
    return "\n".join(_plain(t) for t in tg_server.sent_texts(OFFICER_CHAT)[seen:])


def _to_him(tw_server: Any) -> list[str]:
    return [m.params["Body"] for m in tw_server.sent_messages(to=TO_HIM)]


def _named_talk(app: Any, runtime: Any, tg_server: Any) -> tuple[TwilioSender, str, str]:
    """Steps 1 to 3: a named complaint, a talk in the group under its T-code naming it,
    closed; the person's P-code (shown nowhere: tests/test_privacy_s40a_codes.py)."""
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=NUMBER,
                         profile_name=NAME)
    phone.says("halo")
    named = _file(phone, PASSPORT, {**NAMED, "Pengaduan Anda tentang apa": "1"})
    assert complaint(runtime, named).identity_mode == "named"
    t_code = T_CODE.search(phone.says("saya mau bicara dengan petugas")).group(0)
    phone.says(f"Saya Wahyudi, tiket {named}, kapan paspor saya jadi?")
    deliver(runtime)
    group = _plain("\n".join(tg_server.sent_texts(OFFICER_CHAT)))
    assert f"Kode: {t_code}" in group and f"Pesan dari pelapor {t_code}" in group, group
    assert not P_CODE.search(group), group
    assert named in group, group             # a named ticket stays in the relay, as before
    assert _group(app).send(f"/pesan {t_code} Kami cek dulu ya Pak.") == "officer"
    assert _group(app).send(f"/tutup {t_code}") == "officer"
    p_code = f"P-{complaint(runtime, named).complainant_id}"
    phone.says("selesai")
    deliver(runtime)
    return phone, named, p_code


def _anonymous(phone: TwilioSender, runtime: Any) -> str:
    """Step 4: the same person files an anonymous complaint of an ordinary type."""
    hidden = _file(phone, FACILITY, {"Pengaduan Anda tentang apa": "8",
                                     "identitas Anda dicatat": "anonim"})
    found = complaint(runtime, hidden)
    assert found.identity_mode == "anonymous", found.identity_mode
    assert found.type == "sarana_prasarana", found.type
    deliver(runtime)
    return hidden


def test_the_answer_to_a_reply_on_an_anonymous_complaint_comes_back_under_its_ticket(
        app, runtime, tg_server, tw_server, clock):
    """Steps 5 and 6: the answer to `/balas TICKET` on the anonymous complaint reaches the group
    as "Jawaban pelapor TICKET", answered with /balas and closed with /tutup TICKET; neither it,
    /permintaan nor anything later in the group names P-n, which now refuses as a code nobody
    has."""
    phone, _, p_code = _named_talk(app, runtime, tg_server)
    hidden = _anonymous(phone, runtime)
    clock.advance(hours=2)      # the group knows of it from its slot (test_privacy_s26.py)
    deliver(runtime)
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    assert _group(app).send(f"/balas {hidden} Mohon info jam berapa Anda datang?") == "officer"
    deliver(runtime)
    assert "jam berapa" in _to_him(tw_server)[-1]
    phone.says(f"Saya datang jam 10 pagi, tiket saya {hidden}")
    deliver(runtime)
    relay = [t for t in tg_server.sent_texts(OFFICER_CHAT)[seen:] if "jam 10 pagi" in t]
    assert len(relay) == 1, relay
    said = _plain(relay[0])
    # (the channel of a held complaint is not the group's to read: `Notifier.held_answer`)
    assert said.startswith(f"💬 Jawaban pelapor {hidden}\n") and "WhatsApp" not in said, said
    assert f"/balas {hidden} teks" in said and f"/tutup {hidden}" in said, said
    assert _group(app).send("/permintaan") == "officer"
    deliver(runtime)
    assert hidden in _plain(tg_server.sent_texts(OFFICER_CHAT)[-1])
    # answered and closed by what the group reads
    assert _group(app).send(f"/balas {hidden} Baik, terima kasih, AC kami perbaiki.") == "officer"
    deliver(runtime)
    assert "AC kami perbaiki" in _to_him(tw_server)[-1]
    assert _group(app).send(f"/tutup {hidden}") == "officer"
    deliver(runtime)
    assert f"Permintaan {hidden} ditutup" in _plain(tg_server.sent_texts(OFFICER_CHAT)[-1])
    person_id = complaint(runtime, hidden).complainant_id
    with runtime.store.unit() as unit:
        assert unit.live_contact_request(person_id) is None
    # the P-code reaches him no more: a code nobody has
    said = _refusal(app, runtime, tg_server, f"/pesan {p_code} Pak Wahyudi?")
    assert said == f"⛔ {closed_here(p_code)}", said
    assert not [b for b in _to_him(tw_server) if "Pak Wahyudi?" in b]
    group = _group_since(tg_server, seen)
    assert not re.search(rf"\b{p_code}\b", group.replace(f"⛔ {closed_here(p_code)}", "")), group


def test_a_talk_he_opens_after_an_anonymous_complaint_has_a_code_of_its_own(
        app, runtime, tg_server, tw_server, clock):
    """A talk the person opens while they have an anonymous complaint: the group's notice,
    relays and /permintaan name a code of the request's own (T-n), not the person's P-code nor
    the request's id; a petugas answers and closes it by that code; a new request gets a new
    one."""
    phone, _, p_code = _named_talk(app, runtime, tg_server)
    _anonymous(phone, runtime)
    clock.advance(hours=2)      # from its slot the talk is the group's (test_privacy_s30.py)
    deliver(runtime)
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    phone.says("saya mau bicara dengan petugas")
    phone.says("Pak, ruang tunggu lantai 2 dibuka jam berapa ya?")
    deliver(runtime)
    group = _group_since(tg_server, seen)
    t_code = T_CODE.search(group).group(0)
    # (no channel beside a T-code: only a person with a concealed complaint has one)
    assert f"Kode: {t_code}" in group and f"Pesan dari pelapor {t_code}\n" in group, group
    assert "Kanal" not in group and "WhatsApp" not in group, group
    assert f"/pesan {t_code} teks" in group and f"/tutup {t_code}" in group, group
    assert not P_CODE.search(group), group
    with runtime.store.unit() as unit:
        [request] = [r for r in unit.session.query(ContactRequest)
                     if r.status != "closed"]
    assert t_code != f"T-{request.id}" and t_code[2:] != p_code[2:], (t_code, request.id)
    assert _group(app).send("/permintaan") == "officer"
    deliver(runtime)
    listed = _plain(tg_server.sent_texts(OFFICER_CHAT)[-1])
    assert t_code in listed and not P_CODE.search(listed), listed
    assert "WhatsApp" not in listed, listed     # nor beside the T-code in the list (W43)
    assert _group(app).send(f"/pesan {t_code} Jam 08.00 Pak.") == "officer"
    deliver(runtime)
    assert "Jam 08.00" in _to_him(tw_server)[-1]
    said = _refusal(app, runtime, tg_server, f"/pesan {p_code} Pak Wahyudi?")
    assert said == f"⛔ {closed_here(p_code)}", said
    assert _group(app).send(f"/tutup {t_code}") == "officer"
    deliver(runtime)
    assert f"Permintaan {t_code} ditutup" in _plain(tg_server.sent_texts(OFFICER_CHAT)[-1])
    # closed: the code answers no more, and the next talk has another
    said = _refusal(app, runtime, tg_server, f"/pesan {t_code} lagi?")
    assert said == f"⛔ {closed_here(t_code)}", said
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    phone.says("menu")
    phone.says("saya mau bicara dengan petugas")
    deliver(runtime)
    again = T_CODE.search(_group_since(tg_server, seen)).group(0)
    assert again != t_code, again


def test_a_person_with_named_complaints_only_keeps_the_p_code(app, runtime, tg_server,
                                                             tw_server):
    """Steps 1 to 3 alone: the group reads a T-code, answers and closes the talk by it
    (checked in `_named_talk`); a talk opened again has a T-code of its own, /pesan by it
    reaches him, and P-n reads as a code nobody has (one rule for everyone since
    tests/test_privacy_s40a_codes.py)."""
    phone, _, p_code = _named_talk(app, runtime, tg_server)
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    phone.says("menu")
    phone.says("saya mau bicara dengan petugas")
    phone.says("Pak, paspornya sudah bisa diambil?")
    deliver(runtime)
    group = _group_since(tg_server, seen)
    again = T_CODE.search(group).group(0)
    assert f"Kode: {again}" in group and f"Pesan dari pelapor {again}" in group, group
    assert not P_CODE.search(group), group
    said = _refusal(app, runtime, tg_server, f"/pesan {p_code} Sudah Pak.")
    assert said == f"⛔ {closed_here(p_code)}", said
    assert _group(app).send(f"/pesan {again} Sudah Pak.") == "officer"
    deliver(runtime)
    assert "Sudah Pak." in _to_him(tw_server)[-1]
