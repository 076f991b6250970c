"""Session 40: on SMS, every text about evidence says it in words.

W41's helpers left "kirim foto … di sini" in the evidence question's explanation ("bukti apa
aja?"), its help ("?") and the answer to "ada": a text message carries no photo, so the person
was asked for what their phone cannot send. WhatsApp still asks for photos.

Through the real app (signed Twilio webhooks)."""
from __future__ import annotations

import pytest

from tests.test_conversation_s31 import _sms, _to_evidence, phone  # noqa: F401
from tests.test_officers import app, runtime  # noqa: F401

pytestmark = pytest.mark.timeout(300)


@pytest.mark.parametrize("said", ["bukti apa aja?", "?", "ada"])
def test_sms_evidence_answers_ask_for_words_not_photos(app, runtime, said):
    sms = _sms(app, runtime)
    _to_evidence(sms)
    answer = sms.says(said)
    assert "kirim foto" not in answer.lower() and "kirim di sini" not in answer.lower(), answer
    assert "SMS" in answer and "lanjut" in answer, answer


@pytest.mark.parametrize("said", ["bukti apa aja?", "ada"])
def test_whatsapp_evidence_answers_still_ask_for_photos(phone, said):
    _to_evidence(phone)
    answer = phone.says(said).lower()
    assert "kirim" in answer and "foto" in answer and "sms" not in answer, answer
