"""Privacy review of session 40, helper P40a: one rule for every talk's code in the group.

A walker driving the real app found that the group read a person's talk under their fixed
P-code while all their complaints were named, and under a T-code (or the ticket a /balas asked
on, for a concealed complaint only) once one was anonymous: the code itself told the group
"this person has a concealed complaint", and so did the "Kanal" line beside a P-code only.
Now every talk in the group goes by its own request's code (T-n) or, for the answer to a
/balas, that ticket, for everyone; no P-code is shown, and none is answered.

Through the real app (signed Twilio webhooks, Telegram updates), on SQLite and PostgreSQL."""
from __future__ import annotations

import re
from typing import Any

import pytest

from bot.desk.message import closed_here
from bot.sop.slots import alert_slot
from tests.support.telegram import OFFICER_CHAT, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _group, _plain, _refusal
from tests.test_privacy_s25b import NAMED, _file, _group_since

pytestmark = pytest.mark.timeout(300)

P_CODE = re.compile(r"\bP-\d+\b")
T_CODE = re.compile(r"\bT-\d{7,8}\b")
PASSPORT = "Paspor saya sudah sebulan belum jadi padahal sudah bayar dan foto"
FACILITY = "AC di ruang tunggu mati dan toilet kotor sekali, antre jadi tidak nyaman"


def _person(app: Any, runtime: Any, number: str, name: str,
            anonymous_too: bool) -> tuple[TwilioSender, str]:
    """A person with a named passport complaint (and, `anonymous_too`, an anonymous one of an
    ordinary type); their named ticket."""
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name=name)
    phone.says("halo")
    named = _file(phone, PASSPORT, {**NAMED, "Tuliskan nama Anda": name,
                                    "Pengaduan Anda tentang apa": "1"})
    assert complaint(runtime, named).identity_mode == "named"
    if anonymous_too:
        hidden = _file(phone, FACILITY, {"Pengaduan Anda tentang apa": "8",
                                         "identitas Anda dicatat": "anonim"})
        assert complaint(runtime, hidden).identity_mode == "anonymous"
    deliver(runtime)
    return phone, named


def _two_people(app: Any, runtime: Any, clock: Any) -> tuple[tuple[TwilioSender, str], ...]:
    """An all-named person and a mixed one (named + anonymous), past the anonymous
    complaint's slot (its alert is out: the group may act)."""
    named_only = _person(app, runtime, "+6281377740001", "Wahyudi Prasetyo", False)
    mixed = _person(app, runtime, "+6281377740002", "Rina Handayani", True)
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    return named_only, mixed


def _shape(notice: str, code: str) -> str:
    return notice.replace(code, "KODE")


def test_the_talk_notices_of_an_all_named_and_a_mixed_person_have_one_shape(
        app, runtime, tg_server, tw_server, clock):
    """Both ask to talk: the group reads each under a T-code of its own, without a Kanal line
    and without any P-code, in notices that differ by the code only; each person is told the
    code the group reads."""
    (named_phone, _), (mixed_phone, _) = _two_people(app, runtime, clock)
    notices = []
    for phone in (named_phone, mixed_phone):
        seen = len(tg_server.sent_texts(OFFICER_CHAT))
        told = phone.says("saya mau bicara dengan petugas")
        deliver(runtime)
        notice = _group_since(tg_server, seen)
        code = T_CODE.search(notice)
        assert code is not None and f"Kode: {code.group(0)}" in notice, notice
        assert "Kanal" not in notice and not P_CODE.search(notice), notice
        assert code.group(0) in told and not P_CODE.search(told), told
        notices.append(_shape(notice, code.group(0)))
    assert notices[0] == notices[1], notices


def test_the_answer_to_a_reply_on_a_named_ticket_comes_back_under_it_for_everyone(
        app, runtime, tg_server, tw_server, clock):
    """`/balas TRK-named …` to the all-named person and to the mixed one: both answers reach
    the group as "Jawaban pelapor TRK-named", under neither a T- nor a P-code."""
    people = _two_people(app, runtime, clock)
    for number, (phone, named) in enumerate(people):
        assert _group(app).send(f"/balas {named} Kapan Anda mengambil foto?") == "officer"
        deliver(runtime)
        seen = len(tg_server.sent_texts(OFFICER_CHAT))
        phone.says(f"Saya foto minggu lalu, hari ke-{number + 2}")
        deliver(runtime)
        relay = [_plain(t) for t in tg_server.sent_texts(OFFICER_CHAT)[seen:]
                 if f"hari ke-{number + 2}" in t]
        assert len(relay) == 1, relay
        assert relay[0].startswith(f"💬 Jawaban pelapor {named}"), relay[0]
        assert not T_CODE.search(relay[0]) and not P_CODE.search(relay[0]), relay[0]
        assert f"/balas {named} teks" in relay[0], relay[0]


def test_a_p_code_in_the_group_is_refused_for_an_all_named_person_too(
        app, runtime, tg_server, tw_server, clock):
    """/pesan, /tutup and /bukti by the P-code of an all-named person whose talk is live in the
    group read as a code nobody has, as they do for a person with a concealed complaint; the
    talk answers to its T-code."""
    (phone, named), _ = _two_people(app, runtime, clock)
    told = phone.says("saya mau bicara dengan petugas")
    deliver(runtime)
    code = (T_CODE.search(told) or P_CODE.search(told)).group(0)
    p_code = f"P-{complaint(runtime, named).complainant_id}"
    refused = f"⛔ {closed_here(p_code)}"       # word for word a code nobody has
    assert _refusal(app, runtime, tg_server, f"/pesan {p_code} Halo Pak") == refused
    assert _refusal(app, runtime, tg_server, f"/tutup {p_code}") == refused
    assert "Tidak ada lampiran dari " + p_code in _refusal(app, runtime, tg_server,
                                                           f"/bukti {p_code}")
    assert _group(app).send(f"/pesan {code} Halo Pak, ada yang bisa dibantu?") == "officer"


def test_two_replies_in_the_same_instant_keep_the_first_ones_ticket(
        app, runtime, tg_server, tw_server, clock):
    """The mixed person gets `/balas` on their named ticket, then, in the same instant (a
    frozen clock), on their anonymous one: the first opened the talk, so the answer comes
    back under the named ticket, as both replies told the person; the anonymous ticket is
    not tied to it."""
    _, (phone, named) = _two_people(app, runtime, clock)
    hidden = next(c.ticket for c in _complaints_of(runtime, named) if c.ticket != named)
    assert _group(app).send(f"/balas {named} Kapan Anda mengambil foto?") == "officer"
    assert _group(app).send(f"/balas {hidden} Di ruang tunggu lantai berapa?") == "officer"
    deliver(runtime)
    told = [m.params["Body"] for m in tw_server.sent_messages(to="whatsapp:+6281377740002")]
    asked = [t for t in told if "Kapan Anda" in t or "lantai berapa" in t]
    assert len(asked) == 2 and all(named in t.rsplit("\n\n", 1)[-1] for t in asked), asked
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    phone.says("Lantai dua, foto minggu lalu")
    deliver(runtime)
    relay = [_plain(t) for t in tg_server.sent_texts(OFFICER_CHAT)[seen:] if "Lantai dua" in t]
    assert len(relay) == 1 and relay[0].startswith(f"💬 Jawaban pelapor {named}"), relay
    assert hidden not in relay[0], relay[0]


def _complaints_of(runtime: Any, ticket: str) -> list[Any]:
    with runtime.store.unit() as unit:
        return unit.complaints_of(unit.complaint_by_ticket(ticket).complainant_id, limit=50)
