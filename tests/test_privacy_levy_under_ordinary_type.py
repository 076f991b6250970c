"""A levy told under an ordinary type is not read by the whole officers' group.

A complainant picks "Layanan paspor" from the list (their passport is late) and writes that the
counter officer said it would go faster for Rp300,000 paid to him. Filed as it was, the group
alert carried the story, the counter and the complainant's name to every officer, the one at
counter 3 too: the SOP keeps such reports for Kasi Tikkim and the Kepala Kantor. Before sending,
the bot now offers the sensitive type (by the office's priority: a levy first, then an
officer's conduct); taken, the complaint is handled like any levy report (story and identity to
the leaders only, the name confidential); declined, it goes as chosen, the person having been
told who reads it.
"""
from __future__ import annotations

import re

import pytest

from tests.support.telegram import KASI, OFFICER_CHAT, deliver
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(120)
LEVY = ("paspor saya sudah 3 minggu belum jadi, petugas loket 3 bilang kalau mau cepat harus "
        "bayar 300rb ke dia")


def to_summary(phone: TwilioSender, story: str, type_choice: str, english: bool = False) -> str:
    """From the menu to the summary, named, under `type_choice`; the summary."""
    said = phone.says
    said("hello, I want to complain" if english else "halo")
    said("1")
    said(story)
    said("next" if english else "lanjut")
    asked = said(type_choice)
    for _ in range(10):
        if "Periksa pengaduan" in asked or "check your complaint" in asked:
            return asked
        if "identitas Anda dicatat" in asked or "record your identity" in asked:
            asked = said("1")                         # the profile name
        elif "Kapan" in asked or "When" in asked:
            asked = said("2")
        elif "Di mana" in asked or "Where" in asked:
            asked = said("1")
        elif "Siapa atau unit" in asked or "Who or which" in asked:
            asked = said("petugas loket 3" if not english else "the officer at counter 3")
        elif "bukti" in asked or "evidence" in asked:
            asked = said("lanjut" if not english else "next")
        else:
            asked = said("lewati" if not english else "skip")
    raise AssertionError(asked)


def complaint_of(runtime, ticket: str):  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        c = unit.complaint_by_ticket(ticket)
        return c.type, c.identity_mode, c.reporter_name


def test_a_levy_filed_as_a_passport_complaint_is_offered_protection(bot_app, tg_server, clock):
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281234570111",
                         profile_name="Siti Aminah")
    summary = to_summary(phone, LEVY, "1")
    assert "Layanan paspor" in summary and "Siti Aminah" in summary
    offer = phone.says("1")
    assert "ditangani langsung oleh Kasi Tikkim" in offer and "Pungutan liar" in offer
    assert "dibaca semua petugas" in offer and "TRK-" not in offer         # not sent yet
    again = phone.says("1")                                    # yes, handle it privately
    assert "Pungutan liar" in again and "(dirahasiakan)" in again and "Kirim pengaduan" in again
    filed = phone.says("1")
    ticket = re.search(r"TRK-[\w-]{9}", filed).group(0)
    assert complaint_of(runtime, ticket) == ("pungli", "confidential", "Siti Aminah")
    from bot.notify import alert_slot     # the group's sensitive alert waits for its slot
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    group = " ".join(t for t in tg_server.sent_texts(OFFICER_CHAT) if ticket in t)
    assert ticket in group
    for secret in ("300rb", "loket 3", "Siti", "Aminah", "0111"):
        assert secret not in group, secret
    leaders = " ".join(tg_server.sent_texts(KASI))
    assert "300rb" in leaders                   # the leaders read it, privately


def test_declined_it_goes_as_chosen(bot_app, tg_server):
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281234570112",
                         profile_name="Siti Aminah")
    to_summary(phone, LEVY, "1")
    phone.says("1")
    filed = phone.says("2")                                    # no, keep it as a passport one
    ticket = re.search(r"TRK-[\w-]{9}", filed).group(0)
    assert complaint_of(runtime, ticket)[0] == "paspor"


def test_rude_officer_under_facilities_is_offered_the_conduct_type_in_english(bot_app, tg_server):
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281234570113",
                         profile_name="John Carter")
    to_summary(phone, "The waiting room was hot and the officer at the desk was rude to my "
               "wife when she asked for water", "8", english=True)
    offer = phone.says("1")
    assert "how an officer behaved" in offer and "handled by the Head of Section" in offer
    phone.says("yes")
    filed = phone.says("1")
    ticket = re.search(r"TRK-[\w-]{9}", filed).group(0)
    assert complaint_of(runtime, ticket)[:2] == ("perilaku_petugas", "confidential")


@pytest.mark.parametrize("story", [
    "paspor saya sudah 3 minggu belum jadi padahal dijanjikan seminggu",
    "saya urus sendiri tanpa calo tapi sudah sebulan paspor belum jadi"])
def test_an_ordinary_story_is_sent_at_once(bot_app, tg_server, story):
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281234570114",
                         profile_name="Siti Aminah")
    to_summary(phone, story, "1")
    assert "TRK-" in phone.says("1")


def test_an_anonymous_complainant_is_not_promised_a_confidential_name(bot_app, tg_server):
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281234570115")
    said = phone.says
    for text in ("halo", "1", LEVY, "lanjut", "1", "lewati", "2", "1", "lewati", "lanjut",
                 "lewati"):
        asked = said(text)
    assert "identitas Anda dicatat" in asked
    assert "Periksa pengaduan" in said("anonim")
    offer = said("1")
    assert "petugas lain tidak membacanya." in offer and "nama Anda dirahasiakan" not in offer
