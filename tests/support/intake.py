"""Walk the complaint intake as a complainant would, answering whatever the bot asks next.

Helpers that only need *a* filed complaint use this, so they keep working when the
conversation gains or reorders a question."""
from __future__ import annotations

import re
from typing import Callable

TICKET = re.compile(r"TRK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}")
# (a fragment of the question, in either language, -> the answer), checked in order.
ANSWERS = (
    ("Catat sebagai", "2"), ("File it as", "2"),       # a levy's protection offered: as chosen
    ("Periksa pengaduan", "1"), ("check your complaint", "1"),    # the summary names them all
    ("tampaknya tentang", "1"), ("seems to be about", "1"),
    ("Nomor permohonan", "lewati"), ("application", "skip"), ("permit", "skip"),
    ("Kapan kejadiannya", "kemarin"), ("When did it happen", "yesterday"),
    ("Di mana kejadiannya", "1"), ("Where did it happen", "1"),
    ("Siapa atau unit", "lewati"), ("Who or which unit", "skip"),
    ("Ada bukti", "lanjut"), ("Any evidence", "next"),
    ("Apa yang Anda harapkan", "lewati"), ("What would you like us to do", "skip"),
    ("identitas Anda dicatat", "Tulis nama saya"), ("record your identity", "Type my name"),
    ("Tuliskan nama Anda", "Budi Santoso"), ("Please type your name", "Budi Santoso"),
    ("identitas Anda ingin dirahasiakan", "Ya, rahasiakan"),
    ("identity kept confidential", "Yes, keep it confidential"),
)


def answer_to(question: str, answers: dict[str, str] | None = None) -> str:
    """The answer to the last question in `question` (overrides first, by fragment)."""
    for fragment, answer in [*(answers or {}).items(), *ANSWERS]:
        if fragment in question:
            return answer
    raise AssertionError(f"the intake asked something unexpected:\n{question}")


def walk(say: Callable[[str], str], question: str, answers: dict[str, str] | None = None,
         limit: int = 20) -> str:
    """Answer questions, starting from `question`, until a ticket is given; the last reply."""
    for _ in range(limit):
        if TICKET.search(question):
            return question
        question = say(answer_to(question, answers))
    raise AssertionError(f"no ticket after {limit} answers; last reply:\n{question}")
