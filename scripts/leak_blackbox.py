"""Black-box leak check: the real web server (gunicorn), delivery worker and Telegram long
polling (`python -m handlers.telegram_polling`) against the test stand-ins for Telegram and
Twilio (tests/fakes). A named complaint on WhatsApp, a confidential one on Telegram (webhook)
and an anonymous one on the web chat are filed over real HTTP, and a confidential and an
anonymous one on Telegram by long polling (the stand-in's getUpdates); officers look at them
from the group and from private chats (the polled complaints by polling too); then everything
the stand-ins received and all three processes' logs are searched for identities (by the leak
suite's rules) and secrets.

    .venv/bin/python scripts/leak_blackbox.py [--database-url URL] [--keep DIR]

Prints what it saw; exits 1 on a leak. Starts and stops everything itself.
"""
from __future__ import annotations

import argparse
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

import httpx
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storage.repo import Store  # noqa: E402
from tests.conftest import TEST_ENV  # noqa: E402
from tests.fakes import telegram_updates as tu  # noqa: E402
from tests.fakes.telegram_api import FakeTelegramServer  # noqa: E402
from tests.fakes.twilio_api import FakeTwilioServer  # noqa: E402
from tests.support.intake import walk  # noqa: E402
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, SECRET, TICKET, channel_env  # noqa: E402
from tests.test_privacy_leaks import (PIN_ANY, Person, Sent, World, audit, file_sent,  # noqa: E402
                                      identity_answers, traces_in_log)

PEOPLE = [
    Person("wa_named", "whatsapp", "named", "1", "Paspor saya sudah tiga minggu belum jadi "
           "padahal sudah bayar lunas", name="Sutrisno Wibowo", profile="Kucing Oren Juwata",
           number="+6281290417351"),
    Person("tg_confidential", "telegram", "confidential", "Pungutan liar, calo, atau suap",
           "Petugas loket minta uang lima ratus ribu supaya paspor cepat jadi",
           name="Yohanes Mangkubumi", profile="Bunda Rafa Cantik", chat_id=7300400533,
           sensitive=True),
    Person("web_anonymous", "web", "anonymous", "layanan paspor", "Jadwal wawancara paspor "
           "saya diundur terus tanpa kejelasan sejak bulan lalu"),
    Person("poll_confidential", "telegram", "confidential", "Layanan paspor", "Paspor saya "
           "rusak waktu dicetak dan disuruh bayar lagi untuk cetak ulang",
           name="Hendrikus Lamahala", profile="Hendrik Boy Kampung Empat", chat_id=7300400544,
           username="hendrik_k4"),
    Person("poll_anonymous", "telegram", "anonymous", "Pungutan liar, calo, atau suap",
           "Calo di depan kantor minta dua juta untuk paspor selesai sehari",
           profile="Dimas Anggara Juata", chat_id=7300400555, username="dimas_juata",
           sensitive=True),
]
POLLED = {"poll_confidential", "poll_anonymous"}    # their updates come by getUpdates
PACE = 1.3          # seconds between a person's messages: the flood limit is 8 in 10 s


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def minute_slots_config(work: Path) -> str:
    """config.yml with an alert slot every minute: a confidential, anonymous or sensitive
    complaint's group alert waits for the next slot (bot.identity.held_for_slot), which with
    the office's slots (two hours apart) would come long after this run has ended."""
    import yaml
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    config["privacy"]["sensitive_alert_slots"] = [f"{h:02d}:{m:02d}" for h in range(24)
                                                  for m in range(60)]
    path = work / "config.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(path)


def past_the_next_slot() -> None:
    """Wait until the held alerts of what was just filed are due and sent (the next minute)."""
    time.sleep(60 - time.time() % 60 + 4)


class Stand:
    """The stand-ins, the web server and the worker, with their logs."""

    def __init__(self, work: Path, database_url: str | None):
        self.work = work
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.database_url = database_url or f"sqlite:///{work / 'aduan.sqlite3'}"
        self.tg = FakeTelegramServer().__enter__()
        self.tw = FakeTwilioServer(TEST_ENV["TWILIO_ACCOUNT_SID"],
                                   TEST_ENV["TWILIO_AUTH_TOKEN"]).__enter__()
        self.env = {**os.environ, **TEST_ENV, **channel_env(self.tg, self.tw),
                    "DATABASE_URL": self.database_url, "PORT": str(self.port),
                    "HOST": "127.0.0.1", "PUBLIC_BASE_URL": self.base,
                    "FILES_DIR": str(work / "files"), "RASA_URL": "http://127.0.0.1:9",
                    "WEB_CONCURRENCY": "2", "PYTHONUNBUFFERED": "1",
                    "PIN_KEY": secrets.token_urlsafe(32),
                    "ADUAN_CONFIG": minute_slots_config(work)}
        self.procs: list[subprocess.Popen[bytes]] = []
        self.logs = {"web": work / "web.log", "worker": work / "worker.log",
                     "polling": work / "polling.log"}

    def start(self) -> None:
        subprocess.run([sys.executable, "-m", "storage.migrate"], cwd=ROOT, env=self.env,
                       check=True, capture_output=True)
        gunicorn = Path(sys.executable).parent / "gunicorn"
        commands = {"web": [str(gunicorn), "-c", "handlers/gunicorn_conf.py",
                            "handlers.wsgi:app"],
                    "worker": [sys.executable, "-m", "handlers.worker"],
                    "polling": [sys.executable, "-m", "handlers.telegram_polling"]}
        for name, command in commands.items():
            log = self.logs[name].open("wb")
            self.procs.append(subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log,
                                               stderr=subprocess.STDOUT,
                                               start_new_session=True))
        for _ in range(120):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise SystemExit("the web server did not answer /healthz:\n" +
                             self.logs["web"].read_text(errors="replace")[-3000:])
        for _ in range(120):
            if self.tg.calls_to("getUpdates"):
                return
            time.sleep(0.5)
        raise SystemExit("the polling process did not call getUpdates:\n" +
                         self.logs["polling"].read_text(errors="replace")[-3000:])

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        self.tg.__exit__(None, None, None)
        self.tw.__exit__(None, None, None)

    def quiet(self, seconds: float = 2.0, limit: float = 60) -> None:
        """Wait until the stand-ins have received nothing new for `seconds` (the polling
        process's own getUpdates calls, every few seconds, are not news)."""
        end, last, since = time.time() + limit, -1, time.time()
        while time.time() < end:
            count = len(self.tw.calls) + sum(c.method != "getUpdates" for c in self.tg.calls)
            if count != last:
                last, since = count, time.time()
            elif time.time() - since >= seconds:
                return
            time.sleep(0.2)


# --- the complainants, over real HTTP ------------------------------------------------------------
def whatsapp(stand: Stand, person: Person, sent: list[Sent]) -> None:
    validator = RequestValidator(TEST_ENV["TWILIO_AUTH_TOKEN"])
    url = stand.base + "/webhooks/twilio"

    def says(text: str) -> str:
        time.sleep(PACE)
        form = {"MessageSid": "SM" + secrets.token_hex(16),
                "AccountSid": TEST_ENV["TWILIO_ACCOUNT_SID"], "From": f"whatsapp:{person.number}",
                "To": "whatsapp:+628115773337", "Body": text, "NumMedia": "0",
                "WaId": person.number.lstrip("+"), "ProfileName": person.profile or ""}
        answer = httpx.post(url, data=form, timeout=30,
                            headers={"X-Twilio-Signature": validator.compute_signature(url, form)})
        answer.raise_for_status()
        root = ET.fromstring(answer.text)
        reply = "\n---\n".join((m.text or "") + "".join(b.text or "" for b in m.findall("Body"))
                               for m in root.findall("Message"))
        sent.append(Sent(f"whatsapp:{person.number}", reply, f"filing {person.key}"))
        return reply

    for said in ("halo", "1", person.story, "lanjut"):
        says(said)
    reply = walk(says, says(person.type_choice), identity_answers(person))
    person.ticket = TICKET.search(reply).group(0)
    person.pins.append(re.search(r"PIN: \*(\d{6})\*", reply).group(1))


def telegram(stand: Stand, person: Person, who: int | None = None, chat: int | None = None,
             chat_type: str = "private", polled: bool = False) -> Callable[[str], str]:
    """A Telegram account posting to the webhook, or whose updates the polling process fetches;
    returns `say` (the bot's answer, as sent)."""
    user = who or person.chat_id
    chat = chat or user
    first, _, last = (person.profile or "Officer").partition(" ")

    def say(text: str) -> str:
        before = len(stand.tg.sent_messages(chat))
        update = tu.make_text_update(int(time.time() * 1000) % 2**31, chat, user, text,
                                     first_name=first, last_name=last or None,
                                     username=person.username, chat_type=chat_type)
        if polled:      # the stand-in numbers it: getUpdates confirms by the highest id
            stand.tg.push_update({k: v for k, v in update.items() if k != "update_id"})
        else:
            answer = httpx.post(stand.base + "/webhooks/telegram", json=update, timeout=30,
                                headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
            answer.raise_for_status()
        for _ in range(100):
            if len(stand.tg.sent_messages(chat)) > before:
                break
            time.sleep(0.1)
        time.sleep(0.6)
        return "\n".join(stand.tg.sent_texts(chat)[before:])
    return say


def telegram_complaint(stand: Stand, person: Person) -> None:
    say = telegram(stand, person, polled=person.key in POLLED)

    def paced(text: str) -> str:
        time.sleep(PACE)
        return say(text)
    for said in ("halo", "Sampaikan pengaduan", person.story):
        paced(said)
    question = paced("Lanjut")
    if "tentang apa" in question:
        question = paced(person.type_choice)
    reply = walk(paced, question, identity_answers(person))
    person.ticket = TICKET.search(reply).group(0)
    person.pins.append(PIN_ANY.findall(reply)[-1])


class HttpClient:
    """The little of Flask's test client that the web chat's visitor uses, over real HTTP."""

    def __init__(self, base: str):
        self.http = httpx.Client(base_url=base, timeout=30)

    def get(self, path: str, headers: dict[str, str]) -> Any:
        return Answer(self.http.get(path, headers=headers))

    def post(self, path: str, headers: dict[str, str], json: Any = None, **_: Any) -> Any:
        time.sleep(PACE)
        return Answer(self.http.post(path, headers=headers, json=json))


class Answer:
    def __init__(self, response: httpx.Response):
        self.status_code = response.status_code
        self.response = response

    def get_json(self) -> Any:
        return self.response.json()

    def get_data(self, as_text: bool = False) -> Any:
        return self.response.text if as_text else self.response.content


def web_complaint(stand: Stand, person: Person) -> Any:
    from tests.support.webchat import WebVisitor
    from tests.support.webchat import file_complaint as file_on_web
    visitor = WebVisitor(HttpClient(stand.base), token_mode=True)
    person.ticket, pin = file_on_web(visitor, person.story, kind=person.type_choice,
                                     name=person.name)
    person.pins.append(pin)
    person.session = visitor.token or ""
    return visitor


# --- the run ------------------------------------------------------------------------------------
def officers_look(stand: Stand, people: list[Person], sent: list[Sent]) -> None:
    """The group and private chats look at every complaint; Kasi Tikkim asks for identities."""
    fake = SimpleNamespace(profile=None, username=None)
    looks = [(PETUGAS, OFFICER_CHAT, "supergroup", "/lihat"), (PETUGAS, PETUGAS, "private", "/lihat"),
             (KASI, KASI, "private", "/lihat"), (KASI, KASI, "private", "/identitas")]
    for person in people:
        polled = person.key in POLLED
        # Polled: the group's view and /identitas (every other look: test_privacy_polling.py).
        for who, chat, kind, command in ([looks[0], looks[-1]] if polled else looks):
            origin = f"{command} by {who}{' private' if kind == 'private' else ' group'}"
            mark = len(stand.tg.calls)
            telegram(stand, fake, who, chat, kind, polled=polled)(f"{command} {person.ticket}")
            stand.quiet(1.0)
            collect(stand, sent, origin, since=mark)
    for who, chat, kind in ((PETUGAS, OFFICER_CHAT, "supergroup"), (KASI, KASI, "private")):
        mark = len(stand.tg.calls)
        telegram(stand, fake, who, chat, kind)("/aduan")
        stand.quiet(1.0)
        collect(stand, sent, f"/aduan by {who}", since=mark)


def collect(stand: Stand, sent: list[Sent], origin: str, since: int = 0) -> None:
    """What the Telegram stand-in received since call `since`, tagged with `origin`."""
    for call in stand.tg.calls[since:]:
        method = call.method.lower()
        if call.status != 200 or method not in ("sendmessage", "senddocument", "sendphoto",
                                                "editmessagetext"):
            continue
        chat = str(call.params.get("chat_id"))
        sent.append(Sent(chat, str(call.params.get("text", call.params.get("caption", ""))),
                         origin))
        sent += [file_sent(chat, upload, origin) for upload in call.files.values()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url")
    parser.add_argument("--keep", help="keep the logs and database in this directory")
    parser.add_argument("--show", action="store_true", help="print every officer message read")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="aduan-leaks-"))
    work.mkdir(parents=True, exist_ok=True)
    stand = Stand(work, args.database_url)

    def stopped(*_: Any) -> None:
        """Stopped from outside (a test's timeout): the processes it started go too (they
        run in sessions of their own), at once."""
        print("stopped by SIGTERM", flush=True)
        stand.stop()
        os._exit(1)
    signal.signal(signal.SIGTERM, stopped)
    people = [Person(**{**p.__dict__, "pins": []}) for p in PEOPLE]
    sent: list[Sent] = []
    try:
        stand.start()
        print(f"web on {stand.base}, worker running; logs in {work}")
        with ThreadPoolExecutor(len(people)) as pool:   # all at once, each at a human pace
            filings = [pool.submit(whatsapp, stand, people[0], sent),
                       pool.submit(telegram_complaint, stand, people[1]),
                       pool.submit(web_complaint, stand, people[2])]
            filings += [pool.submit(telegram_complaint, stand, p) for p in people[3:]]
            visitor = [f.result() for f in filings][2]
        past_the_next_slot()
        stand.quiet(2.0)
        collect(stand, sent, "filing", since=0)
        officers_look(stand, people, sent)
        stand.quiet(3.0)
        for call in stand.tw.sent_messages():
            sent.append(Sent(str(call.params.get("To")), str(call.params.get("Body", "")),
                             "twilio"))
        visitor.poll()
        sent += [Sent(f"web:{people[2].key}", t, "web mailbox") for t in visitor.bubbles("bot")]
    finally:
        stand.stop()
    store = Store.from_url(stand.database_url)
    world = World.__new__(World)
    world.people = {p.key: p for p in people}
    world.sent = sent
    world.runtime = SimpleNamespace(store=store)
    leaks = audit(world)
    logs = {name: path.read_text(errors="replace") for name, path in stand.logs.items()}
    found = log_findings(stand, people, logs)
    store.dispose()
    print(f"\n{len(sent)} messages and files read; tickets "
          + ", ".join(f"{p.key} {p.ticket} ({p.mode})" for p in people))
    group = [s.text for s in sent if s.chat == str(OFFICER_CHAT)]
    print(f"group received {len(group)} messages; Kasi Tikkim "
          f"{sum(s.chat == str(KASI) for s in sent)}; Petugas {sum(s.chat == str(PETUGAS) for s in sent)}")
    for name, text in logs.items():
        print(f"{name} log: {len(text.splitlines())} lines")
    if args.show:
        for s in sent:
            if not s.chat.startswith(("whatsapp:", "web:")) and not s.file:
                print(f"--- to {s.chat} ({s.origin})\n{s.text}")
    named, hidden, anonymous, polled_hidden, _ = people
    kasi_identity = [s.text for s in sent if s.chat == str(KASI) and s.origin.startswith("/identitas")]
    checks = {
        "the polling process handled complainants' and officers' updates": all(
            f": {result}" in logs["polling"] for result in ("complainant", "officer")),
        "the polled confidential one is 'dirahasiakan' in the group": any(
            polled_hidden.ticket in t and "dirahasiakan" in t for t in group),
        "the polled confidential one's name and chat id for Kasi Tikkim (/identitas)": any(
            polled_hidden.name in t and str(polled_hidden.chat_id) in t for t in kasi_identity),
        "an alert in the group for each complaint": all(
            any(p.ticket in t and "Pengaduan baru" in t for t in group) for p in people),
        "the named complainant's name in the group": any(named.name in t for t in group),
        "the confidential one's name and chat id for Kasi Tikkim (/identitas)": any(
            hidden.name in t and str(hidden.chat_id) in t for t in kasi_identity),
        "every complainant got their ticket and PIN": all(p.ticket and p.pins for p in people),
        "the anonymous web complaint shows as 'Anonim' in the group": any(
            anonymous.ticket in t and "Anonim" in t for t in group),
    }
    for check, ok in checks.items():
        print(("ok:     " if ok else "FAILED: ") + check)
    if not all(checks.values()):
        leaks.append("the run did not reach what it checks")
    for leak in leaks + found:
        print("LEAK:", leak)
    print("no leak found" if not (leaks or found) else f"{len(leaks) + len(found)} leaks")
    return 1 if leaks or found else 0


def log_findings(stand: Stand, people: list[Person], logs: dict[str, str]) -> list[str]:
    token = stand.env["TELEGRAM_BOT_TOKEN"]
    needles = {"bot token": token, "bot token secret": token.split(":")[1],
               "Twilio auth token": stand.env["TWILIO_AUTH_TOKEN"],
               "webhook secret": stand.env["TELEGRAM_WEBHOOK_SECRET"],
               "PIN key": stand.env["PIN_KEY"]}
    for person in people:
        for pin in person.pins:
            needles[f"{person.key}'s PIN"] = pin
        if person.session:
            needles[f"{person.key}'s session"] = person.session
    found = [f"{what} in the {name} log" for name, text in logs.items()
             for what, needle in needles.items() if needle and needle in text]
    return found + [f"{trace} in the {name} log" for name, text in logs.items()
                    for trace in traces_in_log(people, text)]


if __name__ == "__main__":
    sys.exit(main())
