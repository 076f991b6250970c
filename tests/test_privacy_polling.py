"""The leak suite with Telegram long polling (`python -m handlers.telegram_polling`, what
`make run` uses without a public URL) in place of the webhook: the bot fetches every update
from the Telegram stand-in's getUpdates with python-telegram-bot, as in production.

Complainants with a first and last name and a @username file confidential, anonymous and named
complaints, sensitive and ordinary, then talk to an officer; officers look, press buttons and
answer from the group and from private chats, all through getUpdates. The leak suite's rules
apply unchanged (`audit`, `in_the_logs`), and the logs are captured at DEBUG: there, python-
telegram-bot prints every update it fetches and every message it sends.
"""
from __future__ import annotations

import asyncio
import logging
import re
import threading
from typing import Any, Iterator

import pytest

from bot.sop import keyboard
from handlers import logsafe
from handlers.telegram_polling import make_bot, poll
from tests.fakes import telegram_updates as tu
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, next_update_id
from tests.test_privacy_leaks import Person, World, act_look, audit, file_person, in_the_logs

pytestmark = pytest.mark.timeout(180)

PEOPLE = [
    Person("poll_confidential", "telegram", "confidential", "Pungutan liar, calo, atau suap",
           "Oknum di loket minta uang tiga ratus ribu supaya wawancara paspor dipercepat",
           name="Yosefina Padang", profile="Ocha Imut Selumit", chat_id=7300400566,
           sensitive=True, username="ocha_selumit"),
    Person("poll_confidential_open", "telegram", "confidential", "Layanan paspor", "Paspor "
           "saya rusak waktu dicetak dan disuruh bayar lagi untuk cetak ulang",
           name="Hendrikus Lamahala", profile="Hendrik Boy Kampung Empat", chat_id=7300400577,
           username="hendrik_k4"),
    Person("poll_anonymous", "telegram", "anonymous", "Layanan paspor", "Nomor antrean online "
           "saya tidak bisa dipakai padahal sudah dapat kode", profile="Dimas Anggara Juata",
           chat_id=7300400588, username="dimas_juata"),
    Person("poll_named", "telegram", "named", "Layanan paspor", "Antrean paspor saya "
           "dibatalkan sepihak tanpa pemberitahuan", name="Maria Goreti Lamba",
           profile="Mama Kece Sebengkok", chat_id=7300400599, username="mamakece"),
]
_DONE = re.compile(r"telegram update (\d+): (\w+)")


class Poller(logging.Handler):
    """`handlers.telegram_polling.poll` on a loop of its own, with the production Bot
    (`make_bot`) aimed at the stand-in; what it did with each update is read from its log."""

    def __init__(self, runtime: Any, tg: Any):
        super().__init__(logging.INFO)
        self.tg = tg
        self.done: dict[int, str] = {}
        self.changed = threading.Condition()
        logging.getLogger("handlers.telegram_polling").addHandler(self)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.stop = asyncio.Event()
        self.task = asyncio.run_coroutine_threadsafe(self._run(runtime), self.loop)

    async def _run(self, runtime: Any) -> None:
        bot = make_bot(runtime.config.settings)
        async with bot:
            await poll(runtime, bot, self.stop, timeout=1)

    def emit(self, record: logging.LogRecord) -> None:
        found = _DONE.match(record.getMessage())
        if found:
            with self.changed:
                self.done[int(found.group(1))] = found.group(2)
                self.changed.notify_all()

    def push(self, update: dict[str, Any]) -> str:
        """Queue an update for getUpdates; what the bot did with it once it was fetched."""
        update_id = self.tg.push_update(update)
        with self.changed:
            assert self.changed.wait_for(lambda: update_id in self.done, timeout=60), update
            return self.done[update_id]

    def finish(self) -> None:
        """Stop polling (within one getUpdates timeout) and the loop."""
        self.loop.call_soon_threadsafe(self.stop.set)
        self.task.result(timeout=20)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()
        logging.getLogger("handlers.telegram_polling").removeHandler(self)


class PolledUser:
    """A Telegram account (first and last name, @username) whose updates the bot polls."""

    def __init__(self, poller: Poller, user_id: int, chat_id: int | None = None,
                 chat_type: str = "private", name: str = "Budi", username: str | None = None):
        self.poller, self.user_id, self.chat_type = poller, user_id, chat_type
        self.chat_id = chat_id if chat_id is not None else user_id
        self.first_name, _, self.last_name = name.partition(" ")
        self.username = username

    def _names(self) -> dict[str, Any]:
        return {"first_name": self.first_name, "last_name": self.last_name or None,
                "username": self.username}

    def send(self, text: str) -> str:
        return self.poller.push(tu.make_text_update(
            next_update_id(), self.chat_id, self.user_id, text, chat_type=self.chat_type,
            **self._names()))

    def press(self, data: str) -> str:
        update = tu.make_callback_update(next_update_id(), self.chat_id, self.user_id, data,
                                         **self._names())
        if self.chat_type != "private":
            update["callback_query"]["message"]["chat"] = tu.make_chat(self.chat_id,
                                                                       self.chat_type)
        return self.poller.push(update)


class PollingWorld(World):
    """The leak suite's world, with every Telegram update fetched by long polling."""

    poller: Poller

    def officer(self, who: int, private: bool) -> PolledUser:
        if private:
            return PolledUser(self.poller, who, name=f"Officer{who}")
        return PolledUser(self.poller, who, chat_id=OFFICER_CHAT, chat_type="supergroup",
                          name=f"Officer{who}")

    def complainant(self, person: Person) -> PolledUser:
        return PolledUser(self.poller, person.chat_id or 0, name=person.profile or "Budi",
                          username=person.username)


# --- the acts -----------------------------------------------------------------------------------
def act_answer(world: World) -> None:
    """Take by button, a progress update and a reply, from the group (sensitive: privately)."""
    for person in world.people.values():
        t, private = person.ticket, person.sensitive
        world.press(PETUGAS, keyboard.data("take", t, "received"), private)
        world.send(PETUGAS, f"/kabar {t} sedang kami periksa", private)
        world.send(KASI, f"/balas {t} mohon kirim bukti pembayarannya", private)


def act_talk(world: World) -> None:
    """Each complainant asks for an officer and writes who they are; the group answers."""
    for person in world.people.values():
        world.origin = f"officer request by {person.key}"
        for said in ("menu", "Bicara dengan petugas",
                     f"Saya {person.name or person.profile}, tolong telepon saya balik"):
            assert person.client.send(said) == "complainant", said
        world.flush()
        told = "\n".join(s.text for s in world.sent if s.origin == world.origin
                         and s.chat == str(OFFICER_CHAT))
        found = re.search(r"\b[PT]-\d+\b", told)     # T-: a concealed complaint on file
        if "meminta bicara" not in told:
            # a talk only the leaders answer: the group reads nothing of it; the leaders'
            # notice has the talk's own code (R-n)
            assert found is None, told
            found = re.search(r"\bR-\d+\b", "\n".join(
                s.text for s in world.sent if s.origin == world.origin
                and s.chat == str(KASI)))
        code = found.group(0)
        world.send(PETUGAS, f"/pesan {code} Selamat siang, ada yang bisa kami bantu?", False)
        world.send(PETUGAS, f"/tutup {code}", False)


@pytest.fixture
def world(bot_app, tg_server, tw_server, clock, caplog) -> Iterator[World]:  # type: ignore[no-untyped-def]
    app, runtime = bot_app
    caplog.set_level(logging.DEBUG)                 # what python-telegram-bot prints, too
    logsafe.install(runtime.config.settings)
    built, poller = None, None
    try:
        poller = Poller(runtime, tg_server)
        built = PollingWorld(app, runtime, tg_server, tw_server, clock)
        built.poller = poller
        built.people = {p.key: Person(**{**p.__dict__, "pins": []}) for p in PEOPLE}
        for person in built.people.values():
            file_person(built, person)
        # the group learns of a sensitive complaint at its alert's slot (bot.notify.alert_slot):
        # the acts read the group's views after it, as the officers will
        from bot.notify import alert_slot
        clock.now = alert_slot(runtime.config.office_config, clock())
        built.flush()
        for act in (act_look, act_answer, act_talk):
            act(built)
        yield built
    finally:
        if poller is not None:
            poller.finish()
        logsafe.uninstall()
        if built is not None:
            built.courier.close()


def test_polling_shows_no_identity_where_it_may_not(world: World, caplog: Any) -> None:
    """Every message of every act, on SQLite and PostgreSQL, by the leak suite's rules; then
    every log line (secrets, numbers, chat ids, PINs, names of those whose identity is kept,
    profile names and @usernames of anyone)."""
    leaks = audit(world)
    assert not leaks, "\n".join(leaks[:40]) + f"\n({len(leaks)} leaks)"
    reached_everything(world, caplog)
    assert in_the_logs(world, caplog) == []


def reached_everything(world: World, caplog: Any) -> None:
    """The run did reach what it checks, through getUpdates (a check of nothing proves
    nothing)."""
    assert world.tg.calls_to("getUpdates") and not world.tg.calls_to("setWebhook")
    polled = [r.getMessage() for r in caplog.get_records("setup")
              if r.name == "handlers.telegram_polling"]
    assert sum(": complainant" in m for m in polled) > 30 and sum(": officer" in m
                                                                   for m in polled) > 100
    assert not [m for m in polled if m.endswith(": failed")], polled
    group = [s.text for s in world.sent if s.chat == str(OFFICER_CHAT)]
    kasi = [s for s in world.sent if s.chat == str(KASI) and s.origin.startswith("/identitas")]
    for person in world.people.values():
        assert any(person.ticket in t and "Pengaduan baru" in t for t in group), person.key
        assert person.pins, person.key
    hidden, named = world.people["poll_confidential"], world.people["poll_named"]
    assert any(hidden.name in s.text and str(hidden.chat_id) in s.text for s in kasi)
    assert any(named.name in t for t in group)
    relayed = [s.text for s in world.sent if s.chat == str(OFFICER_CHAT)
               and s.origin == "officer request by poll_confidential_open"]
    assert any("tolong telepon saya balik" in t and "••••" in t for t in relayed), relayed
