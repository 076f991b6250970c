"""An officer's long words to a complainant (/kabar, /balas, /pesan) arrive whole: as several
numbered messages cut between sentences, each within what the channel takes (WhatsApp: a
1,600-character body, and 1,000 characters in the approved template's variable; Telegram:
4,096), never cut short while the officer reads "dikirim". On SQLite and PostgreSQL, through
the real app."""
from __future__ import annotations

import re

import pytest

from bot.notify import split_text
from tests.support.telegram import OFFICER_CHAT, PETUGAS, TelegramUser, deliver, \
    file_on_telegram
from tests.test_privacy_desk_walk import file_on_whatsapp

pytestmark = pytest.mark.timeout(120)
SENTENCE = ("Mohon maaf, berkas Anda belum dapat kami proses karena fotokopi kartu keluarga "
            "belum dilampirkan. ")
LONG = (SENTENCE * 22).strip() + " Terima kasih atas kesabaran Anda."      # about 2,040
PART = re.compile(r"\n\((?:bagian|part) (\d+)/(\d+)\)$")


def group(app) -> TelegramUser:  # type: ignore[no-untyped-def]
    return TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT, chat_type="supergroup")


def said(body: str, frame: str) -> tuple[str, int, int]:
    """(the officer's words, part, parts) of one message to the complainant."""
    text = body.split(frame, 1)[1]
    text = text.split("\n\n↩️", 1)[0]
    mark = PART.search(text)
    if mark is None:
        return text, 1, 1
    return text[:mark.start()], int(mark.group(1)), int(mark.group(2))


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("command", ["kabar", "balas"])
def test_a_long_update_reaches_whatsapp_whole_in_parts(bot_app, command):
    app, runtime = bot_app
    assert len(LONG) > 2000
    # filed by name: the group acts on it at once (an anonymous one waits for its alert slot)
    _, ticket = file_on_whatsapp(app, runtime, "+6281355557788",
                                 "Paspor saya sudah 3 minggu belum jadi padahal sudah bayar",
                                 answers={"identitas Anda dicatat": "Tulis nama saya"})
    assert group(app).send(f"/{command} {ticket} {LONG}") == "officer"
    kind = "update" if command == "kabar" else "relay"
    with runtime.store.unit() as unit:
        sent = unit.outbox_items(kind=kind, channel="whatsapp")
    assert len(sent) >= 3, [len(i.body) for i in sent]
    frame = f"{ticket}*:\n"
    pieces = [said(item.body, frame) for item in sent]
    assert [(n, total) for _, n, total in pieces] == [(n, len(sent))
                                                      for n in range(1, len(sent) + 1)]
    assert words(" ".join(text for text, _, _ in pieces)) == words(LONG)
    for item, (text, _, _) in zip(sent, pieces):
        assert len(item.body) <= 1600
        assert text.rstrip().endswith(".")                  # cut between sentences
    # the approved template (outside the 24-hour window) carries each part whole
    for item in sent:
        variables = item.payload.get("template", {}).get("variables", {})
        assert all(len(v) <= 1000 for v in variables.values())


def test_a_long_update_on_telegram_goes_as_one_message(bot_app, tg_server):
    app, runtime = bot_app
    citizen = TelegramUser(app.test_client(), 7_300_100_200, first_name="Rina")
    ticket = file_on_telegram(citizen, runtime)
    assert group(app).send(f"/kabar {ticket} {LONG}") == "officer"
    with runtime.store.unit() as unit:
        [item] = unit.outbox_items(kind="update", address=str(citizen.chat_id))
    assert words(said(item.body, f"{ticket}*:\n")[0]) == words(LONG)
    deliver(runtime)
    assert any(SENTENCE.strip()[:40] in t and "kesabaran Anda" in t
               for t in tg_server.sent_texts(citizen.chat_id))


def test_a_long_answer_to_a_talk_arrives_whole(bot_app, tg_server):
    app, runtime = bot_app
    from tests.support.twilio_chat import TwilioSender
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281355559900")
    phone.says("halo")
    phone.says("Bicara dengan petugas")
    phone.says("saya mau tanya syarat paspor anak")
    deliver(runtime)
    code = re.search(r"\bT-\d+\b", "\n".join(tg_server.sent_texts(OFFICER_CHAT))).group(0)
    assert group(app).send(f"/pesan {code} {LONG}") == "officer"
    with runtime.store.unit() as unit:
        sent = unit.outbox_items(kind="relay", channel="whatsapp")
    assert len(sent) >= 2 and all(len(i.body) <= 1600 for i in sent)
    text = " ".join(said(i.body, ":\n")[0] for i in sent)
    assert words(text) == words(LONG)
    assert "↩️" in sent[-1].body and not any("↩️" in i.body for i in sent[:-1])


def test_split_text_cuts_between_sentences_then_words():
    assert split_text("pendek", 100) == ["pendek"]
    text = "Satu dua tiga. " * 40
    parts = split_text(text, 120)
    assert all(len(p) <= 100 for p in parts) and all(p.endswith(".") for p in parts)
    assert words(" ".join(parts)) == words(text)
    run = "kata " * 100                      # no sentence: between words
    assert all(not p.endswith("ka") for p in split_text(run, 80))
    assert "".join(split_text("x" * 250, 100)) == "x" * 250     # one long word: cut anyway
