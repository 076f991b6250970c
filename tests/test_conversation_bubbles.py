"""A story in several bubbles: collected without interrupting, and never left unanswered."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.models import ConversationState, OutboxItem
from tests.support.telegram import TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(120)
PAUSE = "Sudah semua? Balas *lanjut*, atau tambahkan cerita."


def quiet(runtime) -> float:  # type: ignore[no-untyped-def]
    return runtime.config.office_config.conversation.bubble_quiet_seconds


def pauses(runtime, address: str) -> list[OutboxItem]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return unit.outbox_items(kind="pause", address=address)


def story_of(runtime, address: str) -> list[str]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return unit.session.scalars(select(ConversationState).where(
            ConversationState.address == address)).one().data.get("story", [])


def test_bubbles_get_one_acknowledgement_when_the_person_stops(bot_app, tw_server, clock):
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings)
    phone.say("halo")
    assert "Ceritakan" in phone.says("1")
    # (the wish said again, "min sy mau komplain", is no story since 2026-12-04: not a bubble)
    for bubble in ("min td pagi sy ke kantor", "mau ambil paspor", "antrian lama bgt, AC mati"):
        assert phone.say(bubble) == []                   # no interruption while typing
        clock.advance(seconds=3)
    rows = pauses(runtime, phone.number)
    assert [r.status for r in rows] == ["cancelled", "cancelled", "pending"]   # superseded
    deliver(runtime)
    assert tw_server.sent_messages() == []               # not yet: still within the pause
    clock.advance(seconds=quiet(runtime))
    deliver(runtime)
    [sent] = tw_server.sent_messages()
    assert sent.params["Body"] == PAUSE and sent.params["To"] == "whatsapp:" + phone.number
    assert "Pengaduan Anda tentang apa?" in phone.says("ya")   # "ya" answers "Sudah semua?"
    assert story_of(runtime, phone.number) == ["min td pagi sy ke kantor", "mau ambil paspor",
                                               "antrian lama bgt, AC mati"]


def test_fillers_are_answered_and_never_join_the_story(phone, runtime):
    phone.say("halo")
    phone.say("1")
    assert "Silakan ceritakan" in phone.says("halo??")    # nothing told yet
    assert phone.say("paspor sy blm jadi udh 3 minggu") == []
    assert phone.says("ok") == PAUSE                     # answered at once, not added
    assert pauses(runtime, phone.number)[-1].status == "cancelled"
    assert "Pengaduan Anda tentang apa?" in phone.says("ya")
    assert story_of(runtime, phone.number) == ["paspor sy blm jadi udh 3 minggu"]


@pytest.mark.parametrize("done", ["udah itu aja min", "sudah", "cukup", "selesai",
                                  "ok lanjut", "Udah itu aja", "that's all"])
def test_the_usual_ways_of_saying_done_end_the_story(phone, done):
    phone.say("halo")
    phone.say("1")
    phone.say("loket pembayaran tutup padahal masih jam kerja")
    assert "Pengaduan Anda tentang apa?" in phone.says(done)


def test_every_person_gets_a_reply_within_the_quiet_period(bot_app, tw_server, tg_server,
                                                            clock):
    """Several people send mid-story messages at once, on WhatsApp, SMS and Telegram: each
    message is answered in the webhook, or each person gets the pause acknowledgement by the
    end of the quiet period."""
    app, runtime = bot_app
    client = app.test_client()
    phones = [TwilioSender(client, runtime.config.settings, number=f"+62812000000{i}")
              for i in range(3)]
    phones.append(TwilioSender(client, runtime.config.settings, number="+628120000009",
                               channel="sms", profile_name=None))
    telegram = [TelegramUser(client, 556_000 + i) for i in range(2)]
    answered: dict[str, int] = {}
    for person in phones:
        person.say("halo")
        person.say("1")
    for user in telegram:
        user.send("halo")
        user.send("Sampaikan pengaduan")
    deliver(runtime)
    before = {u.user_id: len(tg_server.sent_messages(u.user_id)) for u in telegram}
    for round_ in range(3):
        for person in phones:
            if person.say(f"bagian cerita {round_} dari {person.number}"):
                answered[person.number] = answered.get(person.number, 0) + 1
        for user in telegram:
            user.send(f"bagian cerita {round_} dari {user.user_id}")
        clock.advance(seconds=2)
    clock.advance(seconds=quiet(runtime))
    deliver(runtime)
    sent = tw_server.sent_messages()
    for person in phones:
        prefix = "whatsapp:" if person.channel == "whatsapp" else ""
        to_them = [m for m in sent if m.params["To"] == prefix + person.number]
        expected = PAUSE.replace("*", "") if person.channel == "sms" else PAUSE   # no bold on SMS
        assert answered.get(person.number) or [m.params["Body"] for m in to_them] == [expected]
    for user in telegram:
        texts = [m.params["text"] for m in tg_server.sent_messages(user.user_id)[before[user.user_id]:]]
        assert texts == ["Sudah semua? Balas <b>lanjut</b>, atau tambahkan cerita."]
    with runtime.store.unit() as unit:
        items = unit.session.scalars(select(OutboxItem).where(OutboxItem.kind == "pause")).all()
    assert sum(i.status == "sent" for i in items) == len(phones) + len(telegram)


def test_a_pause_never_holds_back_an_officer_message(bot_app, tw_server, clock):
    """A pending acknowledgement is due later; the chat's other messages go out meanwhile."""
    from tests.test_conversation import file_complaint
    from tests.test_officers import officer
    from tests.support.telegram import PETUGAS
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, _ = file_complaint(phone)
    phone.say("1")
    phone.say("satu lagi: toilet di ruang tunggu rusak")
    assert officer(app, PETUGAS).send(f"/balas {ticket} Baik, kami periksa.") == "officer"
    deliver(runtime)
    bodies = [m.params.get("Body", "") for m in tw_server.sent_messages()]
    assert any("Baik, kami periksa." in b for b in bodies) and PAUSE not in bodies


def test_the_terminal_gets_the_acknowledgement_back_to_show_after_a_pause(make_app, sqlite_url):
    """A channel the worker cannot deliver to hands the delayed reply to its adapter."""
    import datetime as dt
    from bot.messages import Inbound
    _, runtime = make_app(sqlite_url)

    def say(text: str, n: list[int] = [0]) -> list:  # noqa: B006 - a counter
        n[0] += 1
        return runtime.engine.handle(Inbound(
            channel="terminal", address="me", text=text, provider="terminal",
            provider_id=f"t{n[0]}", received_at=dt.datetime.now(dt.timezone.utc)))

    say("halo")
    say("1")
    [later] = say("antrian panjang sekali")
    assert later.text == PAUSE and later.delay == quiet(runtime)
    assert pauses(runtime, "me") == []
