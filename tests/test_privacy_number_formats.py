"""Phone numbers however people write them are numbers too (README, "Privacy").

People type their number into a story the way they were taught or the way their phone shows
it: with dots (0812.3456.7890), in uneven groups (0812 345 67890), every digit apart, in
full-width digits from a keyboard app, or a Malaysian number without its +. Each is masked
for officers, left out of files and masked in logs, like the tidy spelling."""
from __future__ import annotations

import logging
import re

import pytest

from bot.identity import redact_numbers
from handlers import logsafe
from tests.support.intake import walk
from tests.support.telegram import OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(120)


def digits(text: str) -> str:
    return re.sub(r"\D", "", text.translate({0xFF10 + i: ord("0") + i for i in range(10)}))


@pytest.mark.parametrize(("text", "national"), [
    ("hp saya 0812.3456.7890 ya", "81234567890"),
    ("wa: 0813.4567.8901", "81345678901"),
    ("hubungi 0812 345 67890", "81234567890"),
    ("nomor 0 8 1 2 3 4 5 6 7 8 9 0", "81234567890"),
    ("hp ０８１２３４５６７８９０", "81234567890"),
    ("saya di Tawau, tel 60128874531", "128874531"),
    ("tel 60 12-887 4531", "128874531"),
])
def test_a_number_written_oddly_is_masked_in_text_logs_and_files(text, national):
    for masked in (redact_numbers(text), redact_numbers(text, ids=True),
                   redact_numbers(text, whole=True), logsafe.Redactor()(text)):
        assert national not in digits(masked), masked
        assert national[1:6] not in digits(masked), masked


def test_dates_times_amounts_and_references_stay_as_written():
    text = ("kejadian 05-12-2026 10.30 di loket 3, tgl 01.12.2026 jam 08.15, bayar Rp 1.500.000, "
            "antrian 045, BAP W18.IMI.IMI.3-PW.01.01-0042, permohonan IMI-2026-11-0042")
    assert redact_numbers(text) == text and redact_numbers(text, ids=True) == text


def test_a_story_with_a_dotted_number_reaches_the_officers_masked(bot_app, tg_server, tw_server,
                                                                  caplog):
    app, runtime = bot_app
    logsafe.install(runtime.config.settings)
    caplog.set_level(logging.INFO)
    try:
        phone = TwilioSender(app.test_client(), runtime.config.settings,
                             number="+6285200000111", profile_name="Ani")
        for said in ("halo", "1", "Paspor saya belum jadi sudah sebulan, kalau ada kabar "
                     "hubungi suami saya di 0813.4567.8901 kapan saja", "lanjut"):
            phone.say(said)
        filed = walk(phone.says, phone.says("1"), {"identitas Anda dicatat": "1"})   # named
        ticket = re.search(r"TRK-[\w-]{9}", filed).group(0)
        group = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                             chat_type="supergroup")
        group.send(f"/lihat {ticket}")
        deliver(runtime)
        officers = tg_server.sent_texts(OFFICER_CHAT)
        assert any("hubungi suami saya" in t for t in officers)          # the story is there
        assert any("8901" in t for t in officers)                        # masked, shown
        leaks = [t for t in officers if "81345678901" in digits(t)]
        assert leaks == [], leaks[:2]
        logged = "\n".join(caplog.handler.format(r) for r in caplog.get_records("call"))
        assert "81345678901" not in digits(logged)
    finally:
        logsafe.uninstall()
