"""The real python-telegram-bot and twilio clients work against the local fake servers."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

import pytest
import requests
import telegram
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram import error as tg_error
from telegram.request import HTTPXRequest
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from tests.fakes import telegram_updates as tu
from tests.fakes.telegram_api import FakeTelegramServer
from tests.fakes.twilio_api import FakeTwilioServer

pytestmark = [
    pytest.mark.timeout(20),
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
]
T = TypeVar("T")
CHAT = 555001
WA_TO, WA_FROM = "whatsapp:+6281234567890", "whatsapp:+14155238886"
SMS_TO, SMS_FROM = "+6281234567890", "+15005550006"


@pytest.fixture
def tg() -> Iterator[FakeTelegramServer]:
    """A running fake Bot API server."""
    with FakeTelegramServer() as server:
        yield server


@pytest.fixture
def tw() -> Iterator[FakeTwilioServer]:
    """A running fake Twilio API server."""
    with FakeTwilioServer() as server:
        yield server


def with_bot(server: FakeTelegramServer, body: Callable[[Bot], Awaitable[T]],
             read_timeout: float = 5.0) -> T:
    """Run `body(bot)` on an initialised real Bot aimed at the fake (plain asyncio.run)."""
    async def main() -> T:
        bot = Bot(server.token, base_url=server.base_url, base_file_url=server.base_file_url,
                  request=HTTPXRequest(read_timeout=read_timeout, connect_timeout=2.0))
        async with bot:
            return await body(bot)
    return asyncio.run(main())


def send(bot: Bot, chat_id: int = CHAT, text: str = "halo") -> Awaitable[telegram.Message]:
    """Shorthand for bot.send_message."""
    return bot.send_message(chat_id, text)


# -- Telegram: happy paths ----------------------------------------------------------------------
def test_get_me_and_send_message_with_inline_keyboard(tg: FakeTelegramServer) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Jalan rusak", callback_data="cat:1")]])

    async def body(bot: Bot) -> tuple[telegram.User, telegram.Message, telegram.Message]:
        me = await bot.get_me()
        first = await bot.send_message(CHAT, "Pilih kategori:", reply_markup=markup)
        second = await bot.send_message(CHAT, "Kedua")
        return me, first, second

    me, first, second = with_bot(tg, body)
    assert me.username == "aduan_test_bot" and me.is_bot
    assert (first.message_id, second.message_id) == (1, 2)
    assert first.chat.id == CHAT and first.from_user is not None
    assert first.from_user.id == me.id
    assert first.reply_markup == markup
    call = tg.sent_messages(CHAT)[0]
    assert call.params["chat_id"] == CHAT
    assert call.params["reply_markup"] == {
        "inline_keyboard": [[{"text": "Jalan rusak", "callback_data": "cat:1"}]]}
    assert tg.sent_texts(CHAT) == ["Pilih kategori:", "Kedua"]


def test_send_document_bytes_and_download_via_get_file(tg: FakeTelegramServer) -> None:
    pdf = b"%PDF-1.4 laporan aduan"

    async def body(bot: Bot) -> tuple[telegram.Message, bytes]:
        msg = await bot.send_document(CHAT, pdf, filename="laporan.pdf", caption="Tiket A-1")
        assert msg.document is not None
        file = await bot.get_file(msg.document.file_id)
        return msg, bytes(await file.download_as_bytearray())

    msg, downloaded = with_bot(tg, body)
    call = tg.sent_messages(CHAT)[0]
    assert call.method == "sendDocument" and call.params["caption"] == "Tiket A-1"
    upload = call.files["document"]
    assert (upload.filename, upload.content, upload.content_type) == (
        "laporan.pdf", pdf, "application/pdf")
    assert msg.document is not None and msg.document.file_name == "laporan.pdf"
    assert msg.document.file_size == len(pdf)
    assert downloaded == pdf


def test_send_photo_and_registered_file_download(tg: FakeTelegramServer) -> None:
    path = tg.add_file("AgAC-user-photo", b"\xff\xd8jpeg", "photos/file_9.jpg")

    async def body(bot: Bot) -> tuple[telegram.Message, bytes, str]:
        msg = await bot.send_photo(CHAT, b"\xff\xd8\xff\xe0photo", caption="Foto")
        file = await bot.get_file("AgAC-user-photo")
        return msg, bytes(await file.download_as_bytearray()), str(file.file_path)

    msg, content, file_url = with_bot(tg, body)
    assert len(msg.photo) == 3 and msg.caption == "Foto"
    assert tg.sent_messages()[0].files["photo"].content == b"\xff\xd8\xff\xe0photo"
    assert content == b"\xff\xd8jpeg" and file_url.endswith(path)
    assert file_url.startswith(tg.base_file_url + tg.token + "/")


def test_get_updates_long_polls_pushed_updates(tg: FakeTelegramServer) -> None:
    tg.push_update(tu.make_text_update(10, CHAT, CHAT, "/start"))

    async def body(bot: Bot) -> tuple[tuple[Update, ...], tuple[Update, ...], float]:
        first = await bot.get_updates(timeout=1)
        threading.Timer(0.3, tg.push_update,
                        [tu.make_text_update(11, CHAT, CHAT, "jalan rusak")]).start()
        started = time.monotonic()
        second = await bot.get_updates(offset=first[-1].update_id + 1, timeout=2)
        return first, second, time.monotonic() - started

    first, second, waited = with_bot(tg, body)
    assert [u.update_id for u in first] == [10]
    message = first[0].message
    assert message is not None and message.text == "/start"
    assert message.entities[0].type == "bot_command"
    assert [u.message.text for u in second if u.message] == ["jalan rusak"]
    assert 0.2 < waited < 1.5


@pytest.mark.parametrize("payload", [
    tu.make_text_update(1, CHAT, CHAT, "halo min", first_name="Siti", language_code="id"),
    tu.make_text_update(2, -4001, CHAT, "grup", chat_type="group"),
    tu.make_photo_update(3, CHAT, CHAT, caption="bukti", file_id="AgAC-fixed"),
    tu.make_document_update(4, CHAT, CHAT),
    tu.make_callback_update(5, CHAT, CHAT, "cat:1", message_id=7),
    tu.make_edited_message_update(6, CHAT, CHAT, "diedit", message_id=3),
    tu.make_sticker_update(7, CHAT, CHAT),
    tu.make_channel_post_update(8, -1001234567890, "pengumuman"),
    tu.make_voice_update(9, CHAT, CHAT),
], ids=["text", "group", "photo", "document", "callback", "edited", "sticker", "channel",
        "voice"])
def test_update_builders_parse_with_ptb(payload: dict[str, Any]) -> None:
    bot = Bot(FakeTelegramServer().token)
    update = Update.de_json(json.loads(json.dumps(payload)), bot)
    assert update is not None and update.update_id == payload["update_id"]
    assert update.effective_chat is not None
    if update.callback_query is not None:
        assert update.callback_query.data == "cat:1"
        assert update.callback_query.message is not None
        assert update.callback_query.message.message_id == 7
    elif update.channel_post is not None:
        assert update.channel_post.sender_chat is not None
        assert update.channel_post.sender_chat.type == "channel"
    else:
        assert update.effective_user is not None and update.effective_user.id == CHAT
    if update.message is not None and update.message.photo:
        assert update.message.photo[-1].file_id == "AgAC-fixed"


def test_edit_message_text_and_not_modified(tg: FakeTelegramServer) -> None:
    async def body(bot: Bot) -> telegram.Message | bool:
        sent = await send(bot, text="Tiket dibuat")
        edited = await bot.edit_message_text("Tiket diproses", CHAT, sent.message_id)
        with pytest.raises(tg_error.BadRequest, match="not modified"):
            await bot.edit_message_text("Tiket diproses", CHAT, sent.message_id)
        assert await bot.answer_callback_query("123", text="ok") is True
        return edited

    edited = with_bot(tg, body)
    assert isinstance(edited, telegram.Message) and edited.text == "Tiket diproses"
    assert edited.edit_date is not None


def test_webhook_roundtrip_and_get_updates_conflict(tg: FakeTelegramServer) -> None:
    async def body(bot: Bot) -> telegram.WebhookInfo:
        with pytest.raises(tg_error.BadRequest, match="(?i)https url must be provided"):
            await bot.set_webhook("http://insecure.example/tg")
        await bot.set_webhook("https://aduan.example/tg", secret_token="s3cr3t_-x")
        info = await bot.get_webhook_info()
        with pytest.raises(tg_error.Conflict):
            await bot.get_updates()
        await bot.delete_webhook(drop_pending_updates=True)
        return info

    info = with_bot(tg, body)
    assert info.url == "https://aduan.example/tg" and tg.webhook == {}


# -- Telegram: errors ---------------------------------------------------------------------------
def test_429_raises_retry_after(tg: FakeTelegramServer) -> None:
    tg.fail_next("sendMessage", status=429, retry_after=2)

    async def body(bot: Bot) -> tg_error.RetryAfter:
        with pytest.raises(tg_error.RetryAfter) as caught:
            await send(bot)
        await send(bot)  # one-shot: the next call succeeds
        return caught.value

    exc = with_bot(tg, body)
    assert exc.retry_after in (2, dtm.timedelta(seconds=2))
    assert [c.status for c in tg.calls_to("sendMessage")] == [429, 200]
    assert len(tg.sent_messages()) == 1


@pytest.mark.parametrize(("kwargs", "exc_type", "text"), [
    ({"status": 403}, tg_error.Forbidden, "bot was blocked by the user"),
    ({"status": 400}, tg_error.BadRequest, "chat not found"),
    ({"status": 400, "description": "Bad Request: message is too long"}, tg_error.BadRequest,
     "too long"),
    ({"status": 500}, tg_error.NetworkError, "Internal Server Error"),
    ({"status": 502, "raw_body": b"<html>502 Bad Gateway</html>"}, tg_error.NetworkError,
     "Bad Gateway"),
    ({"status": 401}, tg_error.InvalidToken, "Unauthorized"),
])
def test_error_statuses_map_to_ptb_exceptions(
    tg: FakeTelegramServer, kwargs: dict[str, Any], exc_type: type[Exception], text: str
) -> None:
    tg.fail_next("sendMessage", **kwargs)

    async def body(bot: Bot) -> BaseException:
        with pytest.raises(exc_type, match=f"(?i){text}") as caught:
            await send(bot)
        return caught.value

    exc = with_bot(tg, body)
    if kwargs["status"] >= 500:
        assert not isinstance(exc, tg_error.BadRequest)


def test_chat_migrated_one_shot_and_persistent(tg: FakeTelegramServer) -> None:
    tg.fail_next("sendMessage", migrate_to_chat_id=-1009876543210)
    tg.migrate_chat(-4002, -1004002)
    tg.block(777)

    async def body(bot: Bot) -> list[tg_error.TelegramError]:
        errors: list[tg_error.TelegramError] = []
        for chat_id in (-4001, -4002, -4002, 777):
            try:
                await send(bot, chat_id)
            except tg_error.TelegramError as exc:
                errors.append(exc)
        return errors

    errors = with_bot(tg, body)
    assert [type(e) for e in errors] == [tg_error.ChatMigrated] * 3 + [tg_error.Forbidden]
    new_ids = [getattr(e, "new_chat_id", None) for e in errors[:3]]
    assert new_ids == [-1009876543210, -1004002, -1004002]


def test_fail_times_n_then_success(tg: FakeTelegramServer) -> None:
    tg.fail_next("sendMessage", status=500, times=2)

    async def body(bot: Bot) -> int:
        failures = 0
        for _ in range(3):
            try:
                await send(bot)
            except tg_error.NetworkError:
                failures += 1
        return failures

    assert with_bot(tg, body) == 2
    assert [c.status for c in tg.calls_to("sendMessage")] == [500, 500, 200]


def test_hang_raises_timed_out_and_message_still_recorded(tg: FakeTelegramServer) -> None:
    tg.hang_next("sendMessage", 2.0)

    async def body(bot: Bot) -> float:
        started = time.monotonic()
        with pytest.raises(tg_error.TimedOut):
            await send(bot)
        return time.monotonic() - started

    elapsed = with_bot(tg, body, read_timeout=0.3)
    assert elapsed < 1.5
    assert tg.sent_messages()[0].hung == 2.0  # the fake processed it: a retry would duplicate


def test_unknown_token_is_invalid_token(tg: FakeTelegramServer) -> None:
    async def main() -> None:
        bot = Bot("999:wrong", base_url=tg.base_url)
        with pytest.raises(tg_error.InvalidToken):
            await bot.initialize()

    asyncio.run(main())
    assert tg.calls[0].status == 401


def test_wait_for_sees_a_call_from_a_background_worker(tg: FakeTelegramServer) -> None:
    def worker() -> None:
        time.sleep(0.2)
        with_bot(tg, lambda bot: send(bot, text="notifikasi"))

    threading.Thread(target=worker).start()
    call = tg.wait_for(lambda c: c.method == "sendMessage" and c.params["text"] == "notifikasi",
                       timeout=5)
    assert call.params["chat_id"] == CHAT
    with pytest.raises(TimeoutError):
        tg.wait_for("sendPhoto", timeout=0.2)
    tg.clear()
    assert tg.calls == []


# -- Twilio ---------------------------------------------------------------------------------------
def test_recipe_plain_client_with_base_url_and_timeout(tw: FakeTwilioServer) -> None:
    client = Client(tw.account_sid, tw.auth_token, http_client=TwilioHttpClient(timeout=5))
    client.api.base_url = tw.base_url
    msg = client.api.v2010.account.messages.create(to=SMS_TO, from_=SMS_FROM, body="Tiket A-1")
    assert msg.sid.startswith("SM") and len(msg.sid) == 34 and msg.status == "queued"
    assert tw.sent_messages(SMS_TO)[0].path == (
        f"/2010-04-01/Accounts/{tw.account_sid}/Messages.json")


def test_whatsapp_and_sms_sends(tw: FakeTwilioServer) -> None:
    client = tw.make_client()
    media = tw.add_media("ME1/photo.jpg", b"\xff\xd8", "image/jpeg")
    wa = client.messages.create(to=WA_TO, from_=WA_FROM, body="Aduan diterima",
                                media_url=[media], status_callback="https://aduan.example/st")
    sms = client.messages.create(to=SMS_TO, from_=SMS_FROM, body="x" * 200)
    assert (wa.to, wa.from_, wa.body, wa.num_media, wa.direction) == (
        WA_TO, WA_FROM, "Aduan diterima", "1", "outbound-api")
    assert wa.date_created is not None and wa.date_created.tzinfo is not None
    assert sms.num_segments == "2"
    call = tw.sent_messages(WA_TO)[0]
    assert call.params["MediaUrl"] == [media]
    assert call.params["StatusCallback"] == "https://aduan.example/st"
    assert client.messages(wa.sid).fetch().status == "queued"
    tw.set_status(wa.sid, "delivered")
    assert client.messages(wa.sid).fetch().status == "delivered"


def test_content_template_message(tw: FakeTwilioServer) -> None:
    client = tw.make_client()
    variables = json.dumps({"1": "A-123", "2": "diproses"})
    msg = client.messages.create(to=WA_TO, from_=WA_FROM, content_sid="HX" + "b" * 32,
                                 content_variables=variables)
    assert msg.status == "queued"
    params = tw.sent_messages()[0].params
    assert params["ContentSid"] == "HX" + "b" * 32
    assert json.loads(params["ContentVariables"]) == {"1": "A-123", "2": "diproses"}
    assert "Body" not in params


@pytest.mark.parametrize(("status", "code"), [
    (429, 20429), (400, 21211), (400, 21610), (400, 63016), (500, 20500),
])
def test_twilio_errors_raise_rest_exception(tw: FakeTwilioServer, status: int, code: int) -> None:
    client = tw.make_client()
    tw.fail_next(status=status, code=code)
    with pytest.raises(TwilioRestException) as caught:
        client.messages.create(to=WA_TO, from_=WA_FROM, body="halo")
    assert (caught.value.status, caught.value.code) == (status, code)
    assert caught.value.msg.startswith("Unable to create record: ")
    client.messages.create(to=WA_TO, from_=WA_FROM, body="halo")  # one-shot
    assert [c.status for c in tw.calls] == [status, 201]


def test_twilio_validation_errors(tw: FakeTwilioServer) -> None:
    client = tw.make_client()
    cases = [({"to": "0812", "from_": SMS_FROM, "body": "x"}, 21211),
             ({"to": WA_TO, "from_": SMS_FROM, "body": "x"}, 21910),
             ({"to": SMS_TO, "from_": SMS_FROM}, 21602),
             ({"to": SMS_TO, "from_": SMS_FROM, "body": "x" * 1601}, 21617)]
    for kwargs, code in cases:
        with pytest.raises(TwilioRestException) as caught:
            client.messages.create(**kwargs)
        assert (caught.value.status, caught.value.code) == (400, code)
    with pytest.raises(TwilioRestException) as missing:
        client.messages("SM" + "0" * 32).fetch()
    assert (missing.value.status, missing.value.code) == (404, 20404)


def test_wrong_credentials_give_401(tw: FakeTwilioServer) -> None:
    with pytest.raises(TwilioRestException) as caught:
        tw.make_client(auth_token="wrong").messages.create(to=SMS_TO, from_=SMS_FROM, body="x")
    assert (caught.value.status, caught.value.code) == (401, 20003)
    assert tw.sent_messages() == []


def test_require_window_rest_mode() -> None:
    with FakeTwilioServer(require_window=True) as tw:
        client = tw.make_client()
        with pytest.raises(TwilioRestException) as caught:
            client.messages.create(to=WA_TO, from_=WA_FROM, body="di luar jendela")
        assert (caught.value.status, caught.value.code) == (400, 63016)
        client.messages.create(to=WA_TO, from_=WA_FROM, content_sid="HX" + "c" * 32)
        client.messages.create(to=SMS_TO, from_=SMS_FROM, body="SMS has no window")
        tw.open_window(WA_TO)
        client.messages.create(to=WA_TO, from_=WA_FROM, body="di dalam jendela")
        assert len(tw.sent_messages()) == 3


def test_require_window_status_mode_fails_asynchronously() -> None:
    with FakeTwilioServer(require_window=True, window_failure="status") as tw:
        client = tw.make_client()
        msg = client.messages.create(to=WA_TO, from_=WA_FROM, body="x",
                                     status_callback="https://aduan.example/twilio/status")
        assert msg.status == "queued"
        fetched = client.messages(msg.sid).fetch()
        assert (fetched.status, fetched.error_code) == ("failed", 63016)
        url, form, signature = tw.status_callback(msg.sid)
        assert url == "https://aduan.example/twilio/status" and form["ErrorCode"] == "63016"
        assert RequestValidator(tw.auth_token).validate(url, form, signature)


def test_twilio_client_timeout_on_hang(tw: FakeTwilioServer) -> None:
    client = tw.make_client(timeout=0.5)
    tw.hang_next(3.0)
    started = time.monotonic()
    with pytest.raises(requests.exceptions.ReadTimeout):
        client.messages.create(to=SMS_TO, from_=SMS_FROM, body="lambat")
    assert time.monotonic() - started < 1.5
    assert tw.sent_messages()[0].hung == 3.0  # Twilio may still have sent it


def test_media_requires_basic_auth_and_can_redirect() -> None:
    with FakeTwilioServer(media_redirect=True) as tw:
        url = tw.add_media("MM1/ME1", b"img-bytes", "image/png")
        assert requests.get(url, timeout=2).status_code == 401
        ok = requests.get(url, auth=(tw.account_sid, tw.auth_token), timeout=2)
        assert ok.status_code == 200 and ok.content == b"img-bytes"
        assert ok.headers["Content-Type"].startswith("image/png") and ok.history
        missing = requests.get(url + "x", auth=(tw.account_sid, tw.auth_token), timeout=2)
        assert missing.status_code == 404
