"""Fixtures for Telegram and delivery tests: fake servers, an app wired to them, a worker drain."""
from __future__ import annotations

import asyncio
import itertools
import re
from typing import Any, Iterator

import pytest

from tests.conftest import TEST_ENV
from tests.fakes import telegram_updates as tu
from tests.fakes.telegram_api import FakeTelegramServer
from tests.fakes.twilio_api import FakeTwilioServer

OFFICER_CHAT = -1001500000001
SECRET = "test-webhook-secret_0123456789abcdef"
WEBHOOK = "/webhooks/telegram"
# The placeholder roster of config.yml.
PETUGAS, PENYUSUN, KASI, KEPALA = 100000001, 100000002, 100000003, 100000004
SEKSI = {"lantaskim": 100000005, "intalkim": 100000006, "inteldakim": 100000007,
         "tikkim": 100000008, "tu": 100000009}
TICKET = re.compile(r"TRK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}")
_update_ids = itertools.count(10_000)


def next_update_id() -> int:
    return next(_update_ids)


def channel_env(tg: FakeTelegramServer, tw: FakeTwilioServer, **extra: str) -> dict[str, str]:
    """Environment aiming the app and the worker at the fake servers (limits relaxed)."""
    return {"TELEGRAM_BOT_TOKEN": tg.token, "TELEGRAM_WEBHOOK_SECRET": SECRET,
            "TELEGRAM_OFFICER_CHAT_ID": str(OFFICER_CHAT), "TELEGRAM_API_BASE_URL": tg.root_url,
            "TWILIO_API_BASE_URL": tw.base_url, "TELEGRAM_CHAT_PER_SECOND": "1000",
            "TELEGRAM_GROUP_PER_MINUTE": "60000", "TELEGRAM_GLOBAL_PER_SECOND": "100000",
            "HTTP_TIMEOUT_SECONDS": "3", **extra}


@pytest.fixture
def tg_server() -> Iterator[FakeTelegramServer]:
    with FakeTelegramServer() as server:
        yield server


@pytest.fixture
def tw_server() -> Iterator[FakeTwilioServer]:
    with FakeTwilioServer(TEST_ENV["TWILIO_ACCOUNT_SID"], TEST_ENV["TWILIO_AUTH_TOKEN"]) as server:
        yield server


@pytest.fixture
def bot_app(make_app, db_url, tg_server, tw_server):  # type: ignore[no-untyped-def]
    """(flask app, runtime) on the parametrized database, channels aimed at the fakes."""
    return make_app(db_url, **channel_env(tg_server, tw_server))


class TelegramUser:
    """A Telegram account posting updates to our webhook as Telegram would."""

    def __init__(self, client: Any, user_id: int, chat_id: int | None = None,
                 chat_type: str = "private", first_name: str = "Budi",
                 secret: str | None = SECRET):
        self.client = client
        self.user_id = user_id
        self.chat_id = chat_id if chat_id is not None else user_id
        self.chat_type = chat_type
        self.first_name = first_name
        self.secret = secret

    def post(self, update: dict[str, Any], secret: str | None = "default") -> Any:
        secret = self.secret if secret == "default" else secret
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        return self.client.post(WEBHOOK, json=update, headers=headers)

    def send(self, text: str, update_id: int | None = None) -> Any:
        update = tu.make_text_update(update_id or next_update_id(), self.chat_id, self.user_id,
                                     text, first_name=self.first_name, chat_type=self.chat_type)
        response = self.post(update)
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()["result"]

    def reply(self, text: str, to: dict[str, Any]) -> str:
        """Reply to one of the bot's messages (`to`: the message as the fake server keeps it)."""
        update = tu.make_text_update(next_update_id(), self.chat_id, self.user_id, text,
                                     first_name=self.first_name, chat_type=self.chat_type)
        update["message"]["reply_to_message"] = to
        response = self.post(update)
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()["result"]

    def press(self, data: str, message_id: int = 1) -> str:
        update = tu.make_callback_update(next_update_id(), self.chat_id, self.user_id, data,
                                         first_name=self.first_name, message_id=message_id)
        if self.chat_type != "private":
            update["callback_query"]["message"]["chat"] = tu.make_chat(self.chat_id,
                                                                       self.chat_type)
        response = self.post(update)
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()["result"]


# Steps 7 and 8 (the approvals), typed, ask for a confirming tap: the stage each target
# step's confirmation is bound to.
APPROVED_FROM = {"initialed": "report_drafted", "signed": "initialed"}


def take_step(user: TelegramUser, ticket: str, args: str = "", target: str = "") -> str:
    """`/tahap TICKET args` as an officer types it; for an approval (`target` "initialed" or
    "signed") the confirmation it asks for is then tapped, as the officer would."""
    said = user.send(f"/tahap {ticket} {args}".strip())
    if target in APPROVED_FROM and said == "officer":
        said = user.press(f"ok:{ticket}:{APPROVED_FROM[target]}")
    return said


def deliver(runtime: Any, rounds: int = 200) -> Any:
    """Run a worker in this process until nothing is due; returns the worker."""
    from handlers.delivery import build_senders
    from handlers.worker import Worker

    worker = Worker(runtime.store, runtime.config.settings, build_senders(runtime.config.settings),
                    runtime.notifier, clock=runtime.engine.clock, name="test-worker")

    async def drain() -> None:
        senders = set(worker.senders.values())
        for sender in senders:
            await sender.start()
        try:
            for _ in range(rounds):
                if not await worker.tick():
                    return
        finally:
            for sender in senders:
                await sender.stop()

    asyncio.run(drain())
    return worker


def file_on_telegram(user: TelegramUser, runtime: Any, story: str = (
        "Paspor saya sudah 3 minggu belum jadi padahal sudah bayar"),
        answers: dict[str, str] | None = None) -> str:
    """The whole intake over Telegram, answering with keyboard labels; returns the ticket."""
    from tests.support.intake import walk

    def say(text: str) -> str:
        assert user.send(text) == "complainant"
        with runtime.store.unit() as unit:
            replies = unit.outbox_items(kind="reply", address=str(user.chat_id))
            return replies[-1].body

    for said in ("halo", "Sampaikan pengaduan", story):
        assert user.send(said) == "complainant"
    question = say("Lanjut")
    if "Pengaduan Anda tentang apa" in question:
        question = say("Layanan paspor")
    found = TICKET.search(walk(say, question, answers))
    assert found
    return found.group(0)
