"""Numbers from abroad are numbers too (README, "Privacy").

Tarakan faces Sabah: migrant workers, their families and foreigners write from Malaysian (+60),
Singaporean (+65) or other numbers, and type them into their stories as they know them. The
masking of numbers in officers' texts, files and logs must not depend on the number being
Indonesian. The complainant here writes from +60, names their number in the story, and Twilio
refuses a reply quoting it (as its 21211 error does)."""
from __future__ import annotations

import logging
import re

import pytest

from bot.identity import redact_numbers
from handlers import logsafe
from tests.support.intake import walk
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(120)
NUMBER = "+60128874531"           # Malaysia (Sabah), as Twilio gives it
NATIONAL = "128874531"            # what must never appear whole, in any spelling


def digits(text: str) -> str:
    return re.sub(r"[\s.\-()+/]", "", text)


@pytest.mark.parametrize(("text", "national"), [
    (f"The 'To' number whatsapp:{NUMBER} is not a valid phone number", NATIONAL),
    ("hubungi saya di +60 12-887 4531", NATIONAL), ("wa +60 12 887 4531 ya", NATIONAL),
    ("nomor 0060128874531", NATIONAL), ("call +65 9123 4567", "91234567"),
    ("my number is +1 (415) 555-0134", "4155550134"), ("+44 7911 123456", "7911123456"),
])
def test_a_number_from_abroad_is_masked_in_text_logs_and_files(text, national):
    for masked in (redact_numbers(text), redact_numbers(text, ids=True),
                   redact_numbers(text, whole=True), logsafe.Redactor()(text)):
        assert national not in digits(masked), masked
        assert national[2:7] not in digits(masked), masked


def test_amounts_dates_and_tickets_are_left_alone():
    text = ("Bayar Rp 1.500.000 pada 12-11-2026 jam 10.30, tiket TRK-7K3Q-9MXA, "
            "kode billing 820261234567890, +5 menit")
    assert redact_numbers(text) == text


def test_a_complainant_from_abroad_is_never_shown_or_logged_whole(bot_app, tg_server, tw_server,
                                                                  caplog):
    app, runtime = bot_app
    logsafe.install(runtime.config.settings)
    caplog.set_level(logging.INFO)
    try:
        phone = TwilioSender(app.test_client(), runtime.config.settings, number=NUMBER,
                             profile_name="Siti Sabah")
        for said in ("halo", "1", "Paspor saya belum jadi sudah sebulan, saya kerja di Tawau, "
                     "hubungi saya di +60 12-887 4531 kapan saja", "lanjut"):
            phone.say(said)
        filed = walk(phone.says, phone.says("1"), {"identitas Anda dicatat": "1"})   # named
        ticket = re.search(r"TRK-[\w-]{9}", filed).group(0)
        deliver(runtime)
        tw_server.fail_next(400, 21211, f"The 'To' number whatsapp:{NUMBER} is not a valid "
                            f"phone number ({NUMBER[1:]})")
        kasi = TelegramUser(app.test_client(), KASI)
        kasi.send(f"/balas {ticket} mohon datang ke kantor")
        group = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                             chat_type="supergroup")
        group.send(f"/lihat {ticket}")
        group.send("/inventaris")
        deliver(runtime)
        officers = [t for chat in (OFFICER_CHAT, KASI, PETUGAS)
                    for t in tg_server.sent_texts(chat)]
        assert any(ticket in t for t in officers)
        assert any("6789" in t or "4531" in t for t in officers)          # masked, shown
        leaks = [t for t in officers if NATIONAL in digits(t)]
        assert leaks == [], leaks[:3]
        records = caplog.get_records("call")
        assert any("outbox" in r.getMessage() for r in records)           # the failure is logged
        logged = "\n".join(caplog.handler.format(r) for r in records)
        assert NATIONAL not in digits(logged), [
            line for line in logged.splitlines() if NATIONAL in digits(line)][:3]
    finally:
        logsafe.uninstall()
