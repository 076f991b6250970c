"""A type changed at the summary from the online services to a passport complaint (session 26,
found by helper C27): the online type had implied the place ("Online"), so the new type asks
where; the answer to "Di mana kejadiannya?" then led to "Apa yang Anda harapkan?" (which the
passport type asks and the online one does not), past questions an edit had already answered,
and the engine refused the undeclared move: "Maaf, terjadi gangguan" on every message after it.
Every question may now lead to any later question a type or identity adds
(`bot.conversation.flow.successors`)."""
from __future__ import annotations

import re

import pytest

from bot.conversation.flow import ORDER, successors
from bot.conversation.turn import State
from tests.support.intake import answer_to
from tests.support.telegram import OFFICER_CHAT, deliver
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_s25a import PASSPORT, file
from tests.test_conversation_s27 import phone  # noqa: F401 - the fixture

pytestmark = pytest.mark.timeout(300)
NO_NLU = pytest.mark.parametrize("nlu", ["no-nlu"], indirect=True)
APP_STORY = "aplikasi M-Paspor error terus waktu bayar, sudah tiga kali gagal padahal saldo terpotong"


def at_summary(person: Person, type_label: str) -> str:
    person.says("halo")
    person.says("1")
    person.says(APP_STORY)
    question = person.says("lanjut")
    for _ in range(20):
        if "Periksa pengaduan" in question:
            return question
        if "Pengaduan Anda tentang apa" in question:
            question = person.says(type_label)
            continue
        question = person.says(answer_to(question))
    raise AssertionError(question)


@NO_NLU
def test_changing_the_online_type_to_passport_at_the_summary_asks_where_and_goes_on(person):
    summary = at_summary(person, "Aplikasi/layanan online (M-Paspor, pembayaran)")
    assert "Online" in summary, summary
    reply = person.says("eh jenisnya salah deh, harusnya layanan paspor aja")
    seen = [reply]
    for _ in range(10):
        if "Periksa pengaduan" in reply:
            break
        assert "gangguan" not in reply.lower(), "\n---\n".join(seen)
        reply = person.says(answer_to(reply))
        seen.append(reply)
    assert any("Di mana kejadiannya" in r for r in seen), "\n---\n".join(seen)
    assert "Periksa pengaduan" in reply and "*Jenis:* Layanan paspor" in reply, reply
    assert "gangguan" not in reply.lower()


def test_every_question_may_lead_to_any_later_conditional_question():
    names = [state for state, _, _ in ORDER]
    conditional = {State.REFERENCE, State.OUTCOME, State.CONFIDENTIAL}
    for at, state in enumerate(names):
        later = set(names[at + 1:]) & conditional
        assert later <= successors(state), (state, later - successors(state))


# --- the group's notice of a follow-up names the complaint when it may (walk W32) -------------
def _follow_up_notice(phone: Person, tg_server, clock,  # type: ignore[no-untyped-def]
                      answers: dict[str, str]) -> tuple[str, str]:
    ticket = file(phone, PASSPORT, answers)
    clock.advance(days=1)
    phone.says("pak saya mau nambah bukti lagi, ada video dan foto baru")
    deliver(phone.runtime)
    [notice] = [t for t in tg_server.sent_texts(OFFICER_CHAT) if "bukti tambahan" in t]
    return ticket, notice


def test_a_named_complainant_s_follow_up_notice_names_its_ticket(phone, tg_server, clock):
    """The group read the name and the ticket in the alert: the notice that more evidence is
    coming says for which complaint (before, only "untuk pengaduannya / Kode: P-1"), beside
    the talk's own code, never a P-code (tests/test_privacy_s40a_codes.py)."""
    ticket, notice = _follow_up_notice(phone, tg_server, clock, {})
    assert ticket in notice and "Kode: </b>T-" in notice and not re.search(r"\bP-\d+", notice), notice


def test_an_anonymous_complaint_s_follow_up_notice_names_no_ticket(phone, tg_server, clock):
    """Beside the talk's code a hidden complaint's ticket would tie the two: never named."""
    ticket, notice = _follow_up_notice(phone, tg_server, clock,
                                       {"identitas Anda dicatat": "anonim"})
    assert ticket not in notice and "TRK-" not in notice, notice
