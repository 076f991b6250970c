"""A data-subject request made by number is put to the number first.

Kasi Tikkim is asked for "the data of 0812…" by e-mail or at the counter; whoever asks may not
own the number (an ex-partner, an employer, the officer a whistleblower reported), and the export
ties the number to every complaint it sent, anonymous ones too. So `/datapribadi NOMOR` and
`/hapusdata NOMOR YAKIN alasan` first ask the number's owner, on their own channel; nothing is
handed over or erased without their SETUJU, and Kasi Tikkim's answer is the same whether the
number ever wrote to the bot or not (no oracle for "did this number complain?").
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from storage.models import DataRequest
from tests.support.intake import walk
from tests.support.telegram import KASI, OFFICER_CHAT, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(120)
NUMBER = "+6281234577031"
TYPED = "0812-3457-7031"


def file_anonymously(app, runtime, number: str = NUMBER, english: bool = False):  # type: ignore[no-untyped-def]
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name="Rahmat Hidayat")
    opening = ("hello, I want to file a complaint", "1",
               "An agent outside the office asked me for 500 thousand to speed up my passport",
               "continue") if english else (
        "halo", "1", "Ada calo di depan kantor minta 500rb biar paspor cepat", "lanjut")
    for said in opening:
        phone.say(said)
    ticket = re.search(r"TRK-[\w-]{9}", walk(phone.says, phone.says("1"))).group(0)
    return phone, ticket


def files_sent(tg_server, chat: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [call.files["document"].filename for call in tg_server.sent_messages(chat)
            if "document" in call.files]


def asks_to(tw_server, number: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.params.get("Body", "") for c in tw_server.sent_messages(f"whatsapp:{number}")
            if "SETUJU" in c.params.get("Body", "") or "AGREE" in c.params.get("Body", "")]


def requests(runtime) -> list[tuple[int, str, str | None]]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return [(r.complainant_id, r.kind, r.reason)
                for r in unit.session.scalars(select(DataRequest).order_by(DataRequest.id))]


def all_requests(runtime) -> list[DataRequest]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        rows = unit.session.scalars(select(DataRequest).order_by(DataRequest.id)).all()
        unit.session.expunge_all()
        return list(rows)


def test_nothing_is_handed_over_until_the_numbers_owner_agrees(bot_app, tg_server, tw_server):
    app, runtime = bot_app
    phone, ticket = file_anonymously(app, runtime)
    deliver(runtime)
    group_before = len(tg_server.sent_texts(OFFICER_CHAT))
    kasi = TelegramUser(app.test_client(), KASI)

    assert kasi.send(f"/datapribadi {TYPED}") == "officer"
    deliver(runtime)
    for_known = tg_server.sent_texts(KASI)[-1]
    assert kasi.send("/datapribadi 0812-9999-0000") == "officer"      # never wrote to the bot
    deliver(runtime)
    for_unknown = tg_server.sent_texts(KASI)[-1]
    assert for_known == for_unknown and "persetujuan pemiliknya" in for_known
    assert files_sent(tg_server, KASI) == []
    told = " ".join(tg_server.sent_texts(KASI))
    assert ticket not in told and "Rahmat" not in told and "anonim" not in told.lower()

    [ask] = asks_to(tw_server, NUMBER)                  # the owner is asked, on their channel
    assert "salinan data pribadi" in ask and "tanpa nama" in ask and "TOLAK" in ask
    assert kasi.send(f"/datapribadi {TYPED}") == "officer"             # asked once, not twice
    deliver(runtime)
    assert len(asks_to(tw_server, NUMBER)) == 1
    assert len(tg_server.sent_texts(OFFICER_CHAT)) == group_before     # the group hears nothing

    assert "tidak dilanjutkan" in phone.says("TOLAK")
    deliver(runtime)
    assert "menolak" in tg_server.sent_texts(KASI)[-1]
    assert kasi.send(f"/datapribadi {TYPED}") == "officer"
    deliver(runtime)
    assert files_sent(tg_server, KASI) == [] and len(asks_to(tw_server, NUMBER)) == 2

    assert "persetujuan Anda dicatat" in phone.says("setuju")
    deliver(runtime)
    assert "menyetujui" in tg_server.sent_texts(KASI)[-1]
    assert "7031" in tg_server.sent_texts(KASI)[-1] and "3457" not in tg_server.sent_texts(KASI)[-1]
    assert kasi.send(f"/datapribadi {TYPED}") == "officer"
    deliver(runtime)
    assert sorted(n.rsplit(".", 1)[1] for n in files_sent(tg_server, KASI)) == ["json", "pdf"]
    kinds = [kind for _, kind, _ in requests(runtime)]
    assert kinds == ["ask-export", "no-export", "ask-export", "ok-export", "export"]
    assert [r.officer_id for r in all_requests(runtime)] == [str(KASI)] * 5

    # an agreement is used once: the next request asks again
    assert kasi.send(f"/datapribadi {TYPED}") == "officer"
    deliver(runtime)
    assert len(files_sent(tg_server, KASI)) == 2 and len(asks_to(tw_server, NUMBER)) == 3
    # one question at a time: an erasure is not asked while the copy's question waits
    assert kasi.send(f"/hapusdata {TYPED} YAKIN surel pemilik") == "officer"
    deliver(runtime)
    assert len(asks_to(tw_server, NUMBER)) == 3
    assert "persetujuan Anda dicatat" in phone.says("SETUJU")
    assert kasi.send(f"/datapribadi {TYPED}") == "officer"
    deliver(runtime)
    [exported] = [c.files["document"].content for c in tg_server.sent_messages(KASI)
                  if "document" in c.files and c.files["document"].filename.endswith(".json")][-1:]
    assert str(KASI) not in exported.decode()          # an officer's Telegram id is never shown


def test_the_owner_answers_in_their_language_without_losing_their_draft(bot_app, tg_server,
                                                                        tw_server):
    app, runtime = bot_app
    number = "+6281234577032"
    phone, _ = file_anonymously(app, runtime, number, english=True)
    kasi = TelegramUser(app.test_client(), KASI)
    assert "what happened" in phone.says("I want to file another complaint")      # a new draft
    assert kasi.send("/datapribadi 0812-3457-7032") == "officer"
    deliver(runtime)
    [ask] = asks_to(tw_server, number)
    assert "copy of the personal data" in ask and "AGREE" in ask
    before = phone.says("The queue machine in the waiting room was broken the whole day")
    assert "consent" not in before.lower()           # anything else: the request waits
    assert "consent is recorded" in phone.says("I agree")
    assert "What is your complaint about?" in phone.says("continue")     # the draft goes on
    deliver(runtime)
    assert "menyetujui" in tg_server.sent_texts(KASI)[-1]
    assert [kind for _, kind, _ in requests(runtime)] == ["ask-export", "ok-export"]


def test_an_unanswered_request_expires(bot_app, tg_server, tw_server, clock):
    app, runtime = bot_app
    phone, _ = file_anonymously(app, runtime)
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/datapribadi {TYPED}") == "officer"
    deliver(runtime)
    clock.advance(hours=49)
    assert "persetujuan Anda dicatat" not in phone.says("setuju")    # too late: not an answer
    assert kasi.send(f"/datapribadi {TYPED}") == "officer"
    deliver(runtime)
    assert files_sent(tg_server, KASI) == [] and len(asks_to(tw_server, NUMBER)) == 2
    assert [kind for _, kind, _ in requests(runtime)] == ["ask-export", "ask-export"]


@pytest.mark.parametrize("kind, command, asked", [
    ("export", "/datapribadi {n}", "salinan data pribadi"),
    ("erase", "/hapusdata {n} YAKIN surel pemilik", "penghapusan data pribadi")])
def test_a_number_silent_for_a_day_is_asked_with_the_approved_template(
        bot_app, tg_server, tw_server, clock, kind, command, asked):
    """WhatsApp takes no free text 24 hours after the person last wrote: the question goes as
    the approved `data_request` template (what is asked in its {{2}}), and the owner's answer
    is taken as usual."""
    import json
    app, runtime = bot_app
    phone, _ = file_anonymously(app, runtime)
    deliver(runtime)
    clock.advance(hours=30)
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(command.format(n=TYPED)) == "officer"
    deliver(runtime)
    [sent] = [c for c in tw_server.sent_messages(f"whatsapp:{NUMBER}") if "ContentSid" in c.params]
    spec = runtime.config.office_config.whatsapp_templates["data_request"]
    assert sent.params["ContentSid"] == spec.sid("id") and "Body" not in sent.params
    values = json.loads(sent.params["ContentVariables"])
    assert values == {"1": runtime.config.office_config.office.name, "2": asked}
    assert "persetujuan Anda dicatat" in phone.says("SETUJU")
    assert [k for _, k, _ in requests(runtime)] == [f"ask-{kind}", f"ok-{kind}"]


def test_a_telegram_account_is_asked_in_its_own_chat(bot_app, tg_server, tw_server):
    app, runtime = bot_app
    account = 5550001117
    person = TelegramUser(app.test_client(), account)
    person.send("halo")
    deliver(runtime)
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/datapribadi {account}") == "officer"
    deliver(runtime)
    assert any("SETUJU" in t for t in tg_server.sent_texts(account))
    person.send("SETUJU")
    deliver(runtime)
    notice = tg_server.sent_texts(KASI)[-1]
    assert "menyetujui" in notice and str(account) not in notice      # an id is never shown
    assert kasi.send(f"/datapribadi {account}") == "officer"
    deliver(runtime)
    assert len(files_sent(tg_server, KASI)) == 2


def test_erasure_by_number_waits_for_its_owner(bot_app, tg_server, tw_server):
    app, runtime = bot_app
    phone, ticket = file_anonymously(app, runtime)
    kasi = TelegramUser(app.test_client(), KASI)
    reason = f"surel dari pemilik nomor {TYPED}"
    assert kasi.send(f"/hapusdata {TYPED} {reason}") == "officer"             # preview
    deliver(runtime)
    preview = tg_server.sent_texts(KASI)[-1]
    assert "persetujuan pemiliknya" in preview and "Akan dihapus" not in preview
    assert asks_to(tw_server, NUMBER) == []                  # a preview asks no one
    assert kasi.send(f"/hapusdata {TYPED} YAKIN {reason}") == "officer"
    deliver(runtime)
    [ask] = asks_to(tw_server, NUMBER)
    assert "penghapusan data pribadi" in ask
    [(_, kind, kept)] = requests(runtime)
    assert kind == "ask-erase" and "3457" not in re.sub(r"\D", "", kept or "x")
    with runtime.store.unit() as unit:
        assert unit.complaint_by_ticket(ticket).complainant_id is not None      # not yet
    assert "persetujuan Anda dicatat" in phone.says("Setuju")
    assert kasi.send(f"/hapusdata {TYPED} YAKIN {reason}") == "officer"
    deliver(runtime)
    assert "dihapus: 1 identitas" in tg_server.sent_texts(KASI)[-1]
    assert [kind for _, kind, _ in requests(runtime)] == ["ask-erase", "ok-erase", "erase"]
    assert "Selamat datang" in phone.says("halo")                 # a stranger to the bot now


@pytest.mark.parametrize("typed", ["+62 812-3457-7031", "(0812) 3457 7031", "+6281234577031"])
def test_a_number_written_as_people_write_it(bot_app, tg_server, tw_server, typed):
    app, runtime = bot_app
    phone, _ = file_anonymously(app, runtime)
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/hapusdata {typed} YAKIN surel pemilik nomor") == "officer"
    deliver(runtime)
    assert [kind for _, kind, _ in requests(runtime)] == ["ask-erase"]
    assert "persetujuan Anda dicatat" in phone.says("setuju")
    assert kasi.send(f"/hapusdata {typed} YAKIN surel pemilik nomor") == "officer"
    deliver(runtime)
    assert "dihapus: 1 identitas" in tg_server.sent_texts(KASI)[-1]


@pytest.mark.parametrize("said, agreed", [
    ("SETUJU", True), ("setuju pak", True), ("ya saya setuju min", True), ("Setuju, terima kasih", True),
    ("I agree", True), ("tolak", False), ("tidak setuju kak", False), ("I refuse", False)])
def test_the_ways_people_answer(said, agreed):
    from bot.conversation.consent import _AGREE, _REFUSE
    folded = " ".join(said.lower().split())
    assert (bool(_AGREE.match(folded)), bool(_REFUSE.match(folded))) == (agreed, not agreed)


@pytest.mark.parametrize("said", ["kirim", "setuju kalau paspor saya cepat jadi", "ya", "tidak"])
def test_other_words_are_not_an_answer(said):
    from bot.conversation.consent import _AGREE, _REFUSE
    assert not _AGREE.match(said) and not _REFUSE.match(said)


def test_a_plain_yes_at_the_menu_is_asked_for_the_word(bot_app, tg_server, tw_server):
    """"iya saya yang minta" answers the ask in spirit, but a plain yes may be meant for
    something else: at the menu it is asked for SETUJU itself; mid-draft it answers the draft."""
    app, runtime = bot_app
    phone, _ = file_anonymously(app, runtime)
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/datapribadi {TYPED}") == "officer"
    deliver(runtime)
    said = phone.says("iya saya yang minta")
    assert "balas *SETUJU*" in said and "salinan data pribadi" in said
    assert [kind for _, kind, _ in requests(runtime)] == ["ask-export"]        # not consent
    assert "Ceritakan apa yang terjadi" in phone.says("1")        # a new complaint begins
    assert "balas *SETUJU*" not in phone.says("ya")               # mid-draft: the draft's
    assert [kind for _, kind, _ in requests(runtime)] == ["ask-export"]
    assert "persetujuan Anda dicatat" in phone.says("setuju")
