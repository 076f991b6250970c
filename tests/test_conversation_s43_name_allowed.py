"""The name allowed is no wish to hide it. At the summary of a complaint filed by name,
"tidak, nama saya boleh diketahui petugas" (a person answering the question they expected:
"keep your name secret?") read as a refusal of the name ("tidak … nama") and turned the
complaint anonymous, the opposite of what was said; "ga usah anonim, pakai nama saya" read
"anonim" and kept it anonymous. Found driving the benchmark's scripted complainant by name.

Through the real app (signed Twilio webhooks), on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest

from bot.conversation.reporter import wish
from scripts import loadgen
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(120)


def _to_summary(app, runtime, clock, number: str, named: bool) -> tuple[TwilioSender, str]:  # type: ignore[no-untyped-def]
    """A complainant walked to the summary ("Periksa pengaduan Anda"), by name or anonymous."""
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name="Rina Wati")
    story, kind, script = loadgen.plan(3, named)
    assert script[-2:] == ["1", "status {ticket}"]
    said = ""
    for step in script[:-2]:
        clock.advance(seconds=2)
        said = phone.says(step.format(story=story, type=kind, ticket=""))
    assert "Periksa pengaduan Anda" in said, said
    return phone, said


def _send(phone: TwilioSender, runtime, clock) -> str:  # type: ignore[no-untyped-def]
    clock.advance(seconds=2)
    found = loadgen.TICKET.search(phone.says("1").encode())
    assert found, "no ticket"
    with runtime.store.unit() as unit:
        return unit.complaint_by_ticket(found.group(0).decode()).identity_mode


def test_the_name_allowed_at_the_summary_keeps_the_complaint_named(bot_app, clock):
    """"tidak, nama saya boleh diketahui petugas" at the summary of a named complaint: a "no"
    to sending it as it is, read as "let us fix it" (the identity question again), never as
    "make it anonymous"; the name typed again, it is sent named."""
    app, runtime = bot_app
    phone, said = _to_summary(app, runtime, clock, "+6281299430001", named=True)
    assert "*Identitas:* Budi Santoso" in said, said
    clock.advance(seconds=2)
    said = phone.says("tidak, nama saya boleh diketahui petugas")
    assert "*Identitas:* Anonim" not in said and "sudah kami ubah" not in said, said
    assert "identitas Anda dicatat" in said, said
    for text in ("2", "Budi Santoso"):
        clock.advance(seconds=2)
        said = phone.says(text)
    assert "*Identitas:* Budi Santoso" in said, said
    assert _send(phone, runtime, clock) == "named"


def test_no_need_to_be_anonymous_asks_how_to_name_it(bot_app, clock):
    """"ga usah anonim, pakai nama saya" at the summary of an anonymous complaint: it was kept
    anonymous ("anonim" read as the wish); now the identity question comes again, and the
    name the chat shows, chosen, names the complaint."""
    app, runtime = bot_app
    phone, said = _to_summary(app, runtime, clock, "+6281299430002", named=False)
    assert "*Identitas:* Anonim" in said, said
    clock.advance(seconds=2)
    said = phone.says("ga usah anonim, pakai nama saya")
    assert "*Identitas:* Anonim" not in said and "sudah kami ubah" not in said, said
    clock.advance(seconds=2)
    said = phone.says("1")
    assert "*Identitas:* Rina Wati" in said, said
    assert _send(phone, runtime, clock) == "named"


@pytest.mark.parametrize("text, expected", [
    ("tidak, nama saya boleh diketahui petugas", None),
    ("nama sy boleh disebut", None),
    ("ga usah anonim, pakai nama saya", None),
    ("no need to be anonymous", None),
    ("nama saya boleh tidak disebut", "anonymous"),
    ("nama saya boleh dirahasiakan", "confidential"),
    ("ga usah pakai nama, anonim aja", "anonymous"),
    ("nama sy jgn disebut", "anonymous"),
    ("rahasiakan nama sy", "confidential"),
])
def test_what_a_name_wish_reads(text: str, expected: str | None) -> None:
    assert wish(text) == expected
