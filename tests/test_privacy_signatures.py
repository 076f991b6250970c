"""A name the complainant signs or introduces in their story is masked where they are concealed.

Found by the English-speakers walkthrough: an anonymous complaint's story is masked only for the
names the bot knows of the person (the name they gave, the WhatsApp profile). A company profile
("PT Borneo Timber") says nothing of the writer, and a story signed "Kind regards, Ahmad Fauzi"
reached the whole officers' group with the name. Self-introductions and signatures ("nama saya
…", "my name is …", "Hormat saya, …", "Kind regards, …") are now masked with the rest.
"""
from __future__ import annotations

import pytest

from bot import identity
from bot.notify import alert_slot
from tests.support.intake import TICKET, walk
from tests.support.telegram import OFFICER_CHAT, channel_env, deliver
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(120)


@pytest.mark.parametrize("story, name", [
    ("The officer at counter 2 kept my passport for a week without a reason. Kind regards, "
     "Ahmad Fauzi", ("Ahmad", "Fauzi")),
    ("Nama saya Budi Hartono, paspor sy sudah 3 minggu belum jadi padahal dijanjikan 4 hari",
     ("Budi", "Hartono")),
    ("Antrian di loket sangat lama dan petugasnya sering main hp. Hormat saya, Siti Rahmawati",
     ("Siti", "Rahmawati")),
])
def test_a_signed_anonymous_story_reaches_the_group_without_the_name(
        make_app, sqlite_url, tg_server, tw_server, clock, story, name):
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700081",
                         profile_name="PT Borneo Timber")
    for said in ("halo", "1", story, "lanjut"):
        phone.say(said)
    filed = walk(phone.says, phone.says("1"), {"identitas Anda dicatat": "anonim",
                                               "record your identity": "anonymous"})
    ticket = TICKET.search(filed).group(0)
    clock.now = alert_slot(runtime.config.office_config, clock())   # the anonymous alert's slot
    deliver(runtime)
    alert = next(t for t in tg_server.sent_texts(OFFICER_CHAT) if ticket in t)
    assert identity.ANONYMOUS_LABEL in alert and all(part not in alert for part in name), alert
    assert "kept my passport" in alert or "belum jadi" in alert or "main hp" in alert


@pytest.mark.parametrize("text, kept", [
    ("Terima kasih Pak", "Terima kasih Pak"),
    ("terima kasih atas perhatiannya", "terima kasih atas perhatiannya"),
    ("I am very upset about the queue", "I am very upset about the queue"),
])
def test_words_that_are_no_name_stay(text, kept):
    class Nobody:
        name = profile_name = None

    class Hidden:
        identity_mode, ticket, reporter_name = "anonymous", "TRK-AAAA-BBBB", None
    assert identity.redact_person(text, [Hidden()], Nobody()) == kept
