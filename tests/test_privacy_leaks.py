"""The leak suite (issue 9): named, confidential and anonymous complaints on every channel, then
every officer command, button, notice, document and export; nothing that reaches a chat, a file
or a log may carry an identity its reader may not see (README, "Privacy").

How it is organised, so that a new message kind is one entry:
- `PEOPLE`: the complainants, each with distinctive identities (typed name, profile name,
  number, Telegram chat id, web session), filed by `file_person` on their channel.
- `ACTS`: what happens after filing, in order; each act drives commands, buttons, the sweep or
  the worker through `World`, which delivers after every step and tags each message that leaves
  (Telegram, Twilio, TwiML answers, the web mailbox, documents' text) with the act that caused
  it. A new message kind: add an act (and, if its reader may see more, a line in `allowed`).
- `allowed(person, what, reader)`: the README's table as code. `audit` checks every message.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import functools
import io
import json
import logging
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.identity import LEADERS
from bot.sop import keyboard
from bot.sop.sweep import DeadlineSweep
from handlers import logsafe
from handlers.webchat_session import address_of
from storage.models import Complaint, OutboxItem
from tests.support.intake import walk
from tests.support.privacy import found_in_tables
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS, SEKSI, TICKET,
                                    TelegramUser)
from tests.support.twilio_chat import TwilioSender
from tests.support.webchat import WebVisitor
from tests.support.webchat import file_complaint as file_on_web
from tests.test_documents import docx_text, pdf_text_of
from tests.test_officers import step_nine

pytestmark = pytest.mark.timeout(240)

ROLES = {PETUGAS: "petugas", PENYUSUN: "penyusun_laporan", KASI: "kasi_tikkim",
         KEPALA: "kepala_kantor", **{v: "seksi" for v in SEKSI.values()}}
LANTASKIM, TIKKIM = SEKSI["lantaskim"], SEKSI["tikkim"]
SECTION_OF = {officer: section for section, officer in SEKSI.items()}


# --- the complainants ---------------------------------------------------------------------------
@dataclass
class Person:
    """One complainant and everything that identifies them."""

    key: str
    channel: str                  # whatsapp, sms, telegram, web, catat
    mode: str                     # named, confidential, anonymous (as filed)
    type_choice: str              # the type as the channel offers it
    story: str
    name: str | None = None       # the name they typed
    profile: str | None = None    # WhatsApp profile name / Telegram first name (never chosen)
    number: str | None = None
    chat_id: int | None = None
    reported: str | None = None   # who the complaint names (conflict of interest)
    recorder: int | None = None   # /catat: the officer who typed the identity in
    sensitive: bool = False
    ticket: str = ""
    pins: list[str] = field(default_factory=list)
    session: str = ""
    client: Any = None            # TwilioSender, TelegramUser or WebVisitor
    lang: str = "id"              # the language they write in
    username: str | None = None   # a Telegram @username (never shown to anyone)

    def needles(self) -> dict[str, list[str]]:
        """What would identify them, by kind; `number` and `chat_id` are matched on the text's
        digits with spaces, dots, dashes and brackets between digits removed."""
        found: dict[str, list[str]] = {}
        if self.name:
            found["name"] = [self.name]
        if self.profile:
            found["profile"] = [self.profile] + ([self.username] if self.username else [])
        if self.number:
            found["number"] = [self.number.lstrip("+")[2:]]           # 812… in every spelling
            found["masked"] = [f"-••••-{self.number[-4:]}", f"••••{self.number[-4:]}"]
        if self.chat_id:
            found["chat_id"] = [str(self.chat_id)]
        if self.session:
            found["session"] = [self.session, address_of(self.session)]
        return found


PEOPLE = [
    Person("wa_named", "whatsapp", "named", "1", "Paspor saya sudah tiga minggu belum jadi "
           "padahal sudah bayar lunas", name="Sutrisno Wibowo", profile="Kucing Oren Juwata",
           number="+6281290417351"),
    Person("wa_confidential", "whatsapp", "confidential", "4", "Petugas loket minta uang lima "
           "ratus ribu supaya paspor cepat jadi", name="Yohanes Mangkubumi",
           profile="Bunda Rafa Cantik", number="+6285210468462", sensitive=True),
    Person("wa_anonymous", "whatsapp", "anonymous", "5", "Saya dibentak dan disuruh pulang "
           "tanpa alasan oleh petugas", profile="Rudi Hartono Lingkas", number="+6281155529573",
           reported="Petugas Pengaduan yang jaga loket 2", sensitive=True),
    Person("wa_english", "whatsapp", "confidential", "4", "An officer at the passport counter "
           "asked me for five hundred thousand rupiah to speed up my passport",
           name="Margaret Oyelaran", profile="Maggie Travels Borneo", number="+6281377788899",
           sensitive=True, lang="en"),
    Person("sms_anonymous", "sms", "anonymous", "5", "Saya dimarahi petugas loket karena "
           "berkas kurang satu lembar", number="+6282199887766", sensitive=True),
    Person("tg_named", "telegram", "named", "Layanan paspor", "Antrean paspor saya dibatalkan "
           "sepihak dua kali tanpa pemberitahuan", name="Theresia Lumban Gaol",
           profile="Ecy Manis Sekali", chat_id=7300400511),
    Person("tg_anonymous", "telegram", "anonymous", "Pungutan liar, calo, atau suap",
           "Calo di parkiran minta satu juta untuk antrean paspor kilat", profile="Galih Pratama "
           "Nunukan", chat_id=7300400522, sensitive=True),
    Person("web_confidential", "web", "confidential", "pungutan liar", "Ada oknum meminta "
           "uang tambahan tanpa kuitansi di loket pengambilan paspor",
           name="Fransiska Wahyuningsih", sensitive=True),
    Person("web_anonymous", "web", "anonymous", "layanan paspor", "Jadwal wawancara paspor "
           "saya diundur terus tanpa kejelasan sejak bulan lalu"),
    Person("catat_confidential", "catat", "confidential", "Pungutan liar, calo, atau suap",
           "Pelapor menelepon: diminta uang pelicin oleh oknum di loket paspor",
           name="Siti Aminah Baharuddin", number="+6281347196084", recorder=KASI,
           sensitive=True),
]


# --- the world: everything that left the app, tagged with what caused it --------------------------
@dataclass
class Sent:
    """One message or file that left the app."""

    chat: str            # a Telegram chat id, "whatsapp:+62…", "web:key", "toast"
    text: str
    origin: str          # the act (a command, a button, the sweep) that caused it
    file: str | None = None


class Courier:
    """One worker with its senders started once, delivering on a loop of its own (a worker per
    step would spend the suite's time starting HTTP clients)."""

    def __init__(self, runtime: Any):
        from handlers.delivery import build_senders
        from handlers.worker import Worker
        self.worker = Worker(runtime.store, runtime.config.settings,
                             build_senders(runtime.config.settings), runtime.notifier,
                             clock=runtime.engine.clock, name="leak-worker")
        from handlers.fetcher import Fetcher
        from storage.files import FileStore
        self.fetcher = Fetcher(runtime.store, FileStore(runtime.config.files_dir),
                               runtime.config.settings, runtime.config.office_config,
                               runtime.notifier,             # evidence kept, as the worker does
                               clock=runtime.engine.clock)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self._run(self._each("start"))

    def _run(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=60)

    async def _each(self, method: str) -> None:
        for sender in set(self.worker.senders.values()):
            await getattr(sender, method)()

    async def _drain(self) -> None:
        while await self.fetcher.tick():
            pass
        for _ in range(200):
            if not await self.worker.tick():
                return

    def deliver(self) -> None:
        self._run(self._drain())

    def close(self) -> None:
        self._run(self._each("stop"))
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


class World:
    def __init__(self, app: Any, runtime: Any, tg: Any, tw: Any, clock: Any, photo: Any = None):
        self.app, self.runtime, self.tg, self.tw, self.clock = app, runtime, tg, tw, clock
        self.courier = Courier(runtime)
        self.sent: list[Sent] = []
        self.people = {p.key: p for p in (Person(**{**p.__dict__, "pins": []}) for p in PEOPLE)}
        self._tg_seen = 0
        self._tw_seen = 0
        self.origin = "filing"
        self.photo = photo

    # acting
    def officer(self, who: int, private: bool) -> Any:
        if private:
            return TelegramUser(self.app.test_client(), who, first_name=f"Officer{who}")
        return TelegramUser(self.app.test_client(), who, chat_id=OFFICER_CHAT,
                            chat_type="supergroup", first_name=f"Officer{who}")

    def complainant(self, person: Person) -> Any:
        """A complainant's Telegram account (posting to the webhook)."""
        return TelegramUser(self.app.test_client(), person.chat_id, first_name=person.profile)

    def send(self, who: int, text: str, private: bool = True) -> str:
        self.origin = f"{text.split()[0]} by {ROLES[who]}{' private' if private else ' group'}"
        result = self.officer(who, private).send(text)
        self.flush()
        return result

    def press(self, who: int, data: str, private: bool = True) -> str:
        self.origin = f"[{data.split(':')[0]}] by {ROLES[who]}{' private' if private else ' group'}"
        result = self.officer(who, private).press(data)
        self.flush()
        return result

    def flush(self) -> None:
        """Deliver what is due (and what pacing put off by seconds: the clock is moved on);
        tag what left with the current origin."""
        for _ in range(30):
            self.courier.deliver()
            if not self.put_off():
                break
            self.clock.advance(seconds=2)
        calls = self.tg.calls
        for call in calls[self._tg_seen:]:
            if call.status != 200:
                continue
            method = call.method.lower()
            if method == "answercallbackquery":
                self.sent.append(Sent("toast", str(call.params.get("text", "")), self.origin))
            elif method in ("sendmessage", "editmessagetext"):
                self.sent.append(Sent(str(call.params.get("chat_id")),
                                      str(call.params.get("text", "")), self.origin))
            elif method in ("senddocument", "sendphoto"):
                chat = str(call.params.get("chat_id"))
                self.sent.append(Sent(chat, str(call.params.get("caption", "")), self.origin))
                self.sent += [file_sent(chat, upload, self.origin)
                              for upload in call.files.values()]
        self._tg_seen = len(calls)
        twilio = self.tw.sent_messages()
        for call in twilio[self._tw_seen:]:
            variables = json.loads(call.params.get("ContentVariables") or "{}")
            text = "\n".join([str(call.params.get("Body", ""))] + [   # a template's PIN too
                ("PIN: " if re.fullmatch(r"\d{6}", v) else "") + v for v in variables.values()])
            self.sent.append(Sent(str(call.params.get("To")), text, self.origin))
        self._tw_seen = len(twilio)

    def put_off(self) -> bool:
        """Messages for a chat or a phone still waiting, due within the next minute."""
        soon = self.clock() + dt.timedelta(minutes=1)
        with self.runtime.store.read() as session:
            return bool(session.scalar(select(func.count()).select_from(OutboxItem).where(
                OutboxItem.status.in_(("pending", "sending")), OutboxItem.channel != "web",
                OutboxItem.next_attempt_at <= soon)))

    def person_of(self, chat: str) -> Person | None:
        for person in self.people.values():
            if person.number and chat.endswith(person.number) and person.channel != "catat":
                return person
            if person.number and chat.endswith(person.number) and person.channel == "catat":
                return person
            if person.chat_id and chat == str(person.chat_id):
                return person
            if chat == f"web:{person.key}":
                return person
        return None

    def web_bubbles(self) -> None:
        for person in self.people.values():
            if person.channel == "web" and person.client is not None:
                person.client.poll()
                for text in person.client.bubbles("bot"):
                    self.sent.append(Sent(f"web:{person.key}", text, "web mailbox"))

    def complaint(self, person: Person) -> Complaint:
        with self.runtime.store.unit() as unit:
            found = unit.complaint_by_ticket(person.ticket)
            _ = found.complainant
            return found


def file_sent(chat: str, upload: Any, origin: str) -> Sent:
    """A sent file as its reader gets it: its name (which travels with it) and its text."""
    return Sent(chat, f"{upload.filename}\n{file_text(upload.filename, upload.content)}", origin,
                file=upload.filename)


@functools.lru_cache(maxsize=256)
def file_text(name: str, content: bytes) -> str:
    """A sent file's readable text (images: their name only)."""
    if name.endswith(".pdf"):
        return pdf_text_of(content)
    if name.endswith(".docx"):
        return docx_text(content)
    if name.endswith(".xlsx"):
        book = load_workbook(io.BytesIO(content))
        return "\n".join(" | ".join(str(c) for c in row if c is not None)
                         for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
    if name.endswith((".csv", ".json", ".txt")):
        return content.decode("utf-8-sig")
    return name


# --- filing ---------------------------------------------------------------------------------------
PIN_WA = re.compile(r"PIN: \*(\d{6})\*")
PIN_ANY = re.compile(r"PIN\b.{0,120}?(?<!\d)(\d{6})(?!\d)")


def as_utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def identity_answers(person: Person) -> dict[str, str]:
    if person.lang == "en":
        answers = {"record your identity": "type my name" if person.name else "anonymous",
                   "Please type your name": person.name or "",
                   "identity kept confidential": ("Yes, keep it confidential"
                                                  if person.mode == "confidential" else
                                                  "No, officers may know my name")}
        if person.reported:
            answers["Who or which unit"] = person.reported
        return answers
    answers = {}
    if person.name and person.mode == "confidential" and not person.sensitive:
        # Confidential on an ordinary type: wished for when the name is asked (not asked after).
        answers.update({"identitas Anda dicatat": "tulis nama saya",
                        "Tuliskan nama Anda": "rahasiakan nama saya",
                        "nama Anda dirahasiakan": person.name})
    elif person.name:
        answers.update({"identitas Anda dicatat": "tulis nama saya",
                        "Tuliskan nama Anda": person.name})
    else:
        answers["identitas Anda dicatat"] = "anonim"
    answers["ingin dirahasiakan"] = ("ya, rahasiakan" if person.mode == "confidential" else
                                     "Tidak, nama saya boleh diketahui petugas")
    if person.reported:
        answers["Siapa atau unit"] = person.reported
    return answers


def file_person(world: World, person: Person) -> None:
    world.origin = f"filing {person.key}"
    if person.channel in ("whatsapp", "sms"):
        phone = TwilioSender(world.app.test_client(), world.runtime.config.settings,
                             number=person.number, profile_name=person.profile,
                             channel=person.channel)
        person.client = phone

        def says(text: str) -> str:
            reply = phone.says(text)
            world.sent.append(Sent(f"{person.channel}:{person.number}", reply, world.origin))
            return reply
        script = ("hello", "1", person.story, "next") if person.lang == "en" else (
            "halo", "1", person.story, "lanjut")
        for said in script:
            says(said)
        reply = walk(says, says(person.type_choice), identity_answers(person))
        person.pins.append((PIN_WA.search(reply) or PIN_ANY.search(reply)).group(1))
    elif person.channel == "telegram":
        user = world.complainant(person)
        person.client = user

        def say(text: str) -> str:
            assert user.send(text) == "complainant"
            with world.runtime.store.unit() as unit:
                return unit.outbox_items(kind="reply", address=str(person.chat_id))[-1].body
        for said in ("halo", "Sampaikan pengaduan", person.story):
            say(said)
        question = say("Lanjut")
        if "tentang apa" in question:
            question = say(person.type_choice)
        reply = walk(say, question, identity_answers(person))
        world.flush()
        sent = "\n".join(world.tg.sent_texts(person.chat_id))
        person.pins.append(PIN_ANY.findall(sent)[-1])
    elif person.channel == "web":
        visitor = WebVisitor(world.app.test_client())
        person.client = visitor
        ticket, pin = file_on_web(visitor, person.story, kind=person.type_choice,
                                  name=person.name, photo=world.photo if person.sensitive else None)
        person.pins.append(pin)
        person.session = visitor.client.get_cookie("__Host-aduan_chat").value
        reply = ticket
    else:                                   # /catat: an officer records a phone call
        assert person.recorder is not None
        answers = ["/catat", "Telepon", person.name, person.number, "ya", person.type_choice,
                   "ya" if person.mode == "confidential" else "tidak", person.story,
                   "lewati", "lewati", "simpan"]
        for said in answers:
            assert world.send(person.recorder, said) == "officer", said
        recorded = [s.text for s in world.sent if s.chat == str(person.recorder)]
        reply = recorded[-1]
        person.pins.append(PIN_ANY.findall(reply)[-1])
    person.ticket = TICKET.search(reply).group(0)
    world.flush()
    filed = world.complaint(person)
    assert filed.identity_mode == person.mode, (person.key, filed.identity_mode)
    assert (filed.type in world.runtime.config.office_config.sensitive_types) == person.sensitive


# --- the acts -----------------------------------------------------------------------------------
VIEWERS = [(PETUGAS, False), (PETUGAS, True), (PENYUSUN, True), (KASI, True), (KASI, False),
           (KEPALA, True), (LANTASKIM, True), (TIKKIM, True)]


def act_look(world: World) -> None:
    """/lihat, the view button, /bukti, /identitas, /aduan and /bantuan from everyone."""
    for person in world.people.values():
        t = person.ticket
        for who, private in VIEWERS:
            world.send(who, f"/lihat {t}", private)
            world.press(who, keyboard.data("view", t), private)
            world.send(who, f"/bukti {t}", private)
            world.send(who, f"/identitas {t}", private)
    for who, private in VIEWERS:
        world.send(who, "/aduan", private)
        world.send(who, "/saya", private)
        world.send(who, "/bantuan", private)


def act_handle(world: World) -> None:
    """Take, update, reply, retype and forward, by button and command, group and private."""
    people = world.people
    for person in people.values():
        private = person.sensitive
        world.press(PETUGAS, keyboard.data("take", person.ticket, "received"), private)
        world.send(KASI, f"/ambil {person.ticket}", private)
        world.send(PETUGAS, f"/kabar {person.ticket} sedang kami periksa", private)
        world.send(KASI, f"/balas {person.ticket} mohon kirim foto kuitansinya", private)
    world.send(PETUGAS, f"/jenis {people['web_anonymous'].ticket} fasilitas", False)
    world.send(KASI, f"/teruskan {people['wa_named'].ticket} lantaskim", False)
    world.send(KASI, f"/kecualikan {people['wa_confidential'].ticket} {TIKKIM} kerabat pelapor")
    world.send(KASI, f"/kecualikan {people['wa_confidential'].ticket}")
    world.send(TIKKIM, f"/lihat {people['wa_confidential'].ticket}")


SOP = [("reported_to_kasi", PETUGAS, ""), ("reviewed", KASI, "koordinasikan dengan seksi"),
       ("examined", LANTASKIM, "benar BAP W18-0001 2026-12-01 terbukti"),
       ("followed_up", LANTASKIM, "pembinaan petugas loket"), ("report_drafted", PENYUSUN, ""),
       ("initialed", KASI, ""), ("signed", KEPALA, ""),
       ("reported", PETUGAS, "mohon maaf atas ketidaknyamanan"), ("archived", PETUGAS, "")]


DOCUMENT_READERS = [(PETUGAS, False), (KASI, True), (LANTASKIM, True), (TIKKIM, True)]


def act_steps(world: World) -> None:
    """The whole SOP for a named complaint (group) and a confidential sensitive one (private
    chats): step buttons as shown (approvals with their confirmation), steps with inputs by
    command, step 9's dialogue; the pings, the approvals' documents and /dokumen on the way."""
    for number, key in enumerate(("tg_named", "wa_confidential"), start=1):
        person = world.people[key]
        private = person.sensitive
        world.send(KASI, f"/teruskan {person.ticket} lantaskim", private)
        for stage, who, args in SOP:
            # one BAP per examination: another complaint's BAP number is refused
            args = args.replace("W18-0001", f"W18-000{number}")
            step(world, person, stage, who, args, private)
            assert world.complaint(person).stage == stage, (key, stage)
            if stage == "signed":          # (step 6 sent the drafts to the drafter)
                for viewer, in_private in DOCUMENT_READERS:
                    world.send(viewer, f"/dokumen {person.ticket}", in_private)


def step(world: World, person: Person, stage: str, who: int, args: str, private: bool) -> None:
    """One SOP step as its officer does it."""
    t, current = person.ticket, world.complaint(person).stage
    if stage == "reported":                    # step 9: a dialogue in the private chat
        world.send(who, f"/tahap {t}", True)
        for said in (f"Pengaduan Anda sudah kami tindak lanjuti; {args}.",
                     "Ya, pakai pesan ini") + step_nine(t):
            world.send(who, said, True)
    elif args:
        world.send(who, f"/tahap {t} {args}", private)
    else:
        world.press(who, keyboard.data("go", t, current), private)
        if world.complaint(person).stage == current:          # an approval: confirm it
            world.press(who, keyboard.data("ok", t, current), private)


def act_contact(world: World) -> None:
    """Talk-to-officer requests from every channel; answered and closed from the group."""
    for key in ("wa_named", "wa_confidential", "wa_anonymous", "sms_anonymous", "tg_anonymous",
                "tg_named"):
        person = world.people[key]
        world.origin = f"officer request by {key}"
        if person.channel in ("whatsapp", "sms"):
            said = [person.client.says(text) for text in (
                "menu", "Bicara dengan petugas", "Bicara dengan petugas")]   # again: joins it
        else:
            said = [person.client.send(text) for text in ("menu", "Bicara dengan petugas")]
        world.flush()
        group = [s.text for s in world.sent if s.origin == world.origin
                 and s.chat == str(OFFICER_CHAT)]
        assert len(group) <= 1, (key, group, said)
        found = re.search(r"\bT-\d+\b", group[0]) if group else None
        if not group:
            # a talk only the leaders answer: the group reads nothing of it (a code would tie
            # this talk to the person's earlier ones; "someone asked", its minute); the
            # leaders' private notice carries the talk's own code (R-n)
            found = re.search(r"\bR-\d+\b", "\n".join(
                s.text for s in world.sent if s.origin == world.origin
                and s.chat == str(KASI)))
        code = found.group(0)
        world.send(PETUGAS, f"/pesan {code} Selamat siang, ada yang bisa kami bantu?", False)
        world.send(PETUGAS, f"/tutup {code}", False)


def act_sweep(world: World) -> None:
    """Reminders and escalations, as the worker's sweep sends them."""
    sweep = DeadlineSweep(world.runtime.config.office_config, world.runtime.notifier)
    for minutes in (8, 30, 240, 1800, 4800):
        world.clock.advance(minutes=minutes)
        world.origin = f"sweep +{minutes} min"
        sweep.run(world.runtime.store, world.clock())
        world.flush()
    assert any(s.origin.startswith("sweep") and s.chat == str(OFFICER_CHAT) for s in world.sent)


def act_undeliverable(world: World) -> None:
    """A complainant who blocked the bot, and a WhatsApp number Twilio refuses quoting it: the
    officers hear the message could not be delivered (never whose number it was)."""
    person = world.people["tg_anonymous"]
    world.tg.block(person.chat_id)
    world.send(KASI, f"/kabar {person.ticket} mohon datang ke kantor", True)
    phone = world.people["wa_anonymous"]
    world.tw.fail_next(400, 21211, f"The 'To' number whatsapp:{phone.number} is not a valid "
                       f"phone number ({phone.number[1:]})")
    world.send(KASI, f"/balas {phone.ticket} mohon hubungi kantor", True)
    reports = [s for s in world.sent if s.origin.startswith(("/kabar", "/balas"))
               and "tidak terkirim" in s.text]
    # one report per message: in the group, or, for a sensitive complaint, to each leader
    # privately (tests/test_privacy_s24.py)
    reported = {TICKET.search(s.text).group(0) for s in reports}
    assert reported == {person.ticket, phone.ticket}, "no undeliverable report"


def act_erase(world: World) -> None:
    """A data-subject erasure (Kasi Tikkim): previewed, done; the complaint is looked at after."""
    person = world.people["wa_named"]
    world.send(KASI, f"/hapusdata {person.ticket} permintaan pelapor lewat e-mail", True)
    world.send(KASI, f"/hapusdata {person.ticket} YAKIN permintaan pelapor lewat e-mail", True)
    mark = len(world.sent)
    for who, private in ((PETUGAS, False), (KASI, True)):
        world.send(who, f"/lihat {person.ticket}", private)
    after = [s.text for s in world.sent[mark:]]
    assert any(person.ticket in t for t in after)
    assert not any(n in t for t in after for ns in person.needles().values() for n in ns)


def act_pins(world: World) -> None:
    """Lost PINs reissued (Kasi Tikkim, private), to every kind of complainant."""
    for key in ("wa_anonymous", "tg_named", "web_anonymous", "catat_confidential"):
        person = world.people[key]
        world.send(KASI, f"/pinbaru {person.ticket}", True)
    world.send(KASI, f"/pinbaru {world.people['wa_named'].ticket}", False)   # refused: group


def act_exports(world: World) -> None:
    """The register, the recap and a data-subject export."""
    world.send(PETUGAS, "/inventaris", False)
    world.send(PENYUSUN, "/inventaris", True)
    world.send(KEPALA, "/rekap 2026-12", True)
    world.send(KASI, f"/datapribadi {world.people['wa_confidential'].ticket}", True)
    world.send(PETUGAS, f"/datapribadi {world.people['wa_confidential'].ticket}", True)


def act_look_again(world: World) -> None:
    """The history (/lihat) and the register once everything has happened to every complaint."""
    for person in world.people.values():
        for who, private in ((PETUGAS, False), (PETUGAS, True), (KASI, True), (LANTASKIM, True)):
            world.send(who, f"/lihat {person.ticket}", private)
    world.send(PETUGAS, "/inventaris", False)


ACTS: list[Callable[[World], None]] = [act_look, act_handle, act_steps, act_contact, act_sweep,
                                       act_pins, act_exports, act_undeliverable, act_look_again,
                                       act_erase]


# --- the rules ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reader:
    """Who reads a message: the group, an officer in private, a complainant, or a file."""

    kind: str                   # group, officer, complainant, toast
    officer: int | None = None
    person: str | None = None
    file: str | None = None
    origin: str = ""

    @property
    def leader(self) -> bool:
        return self.kind == "officer" and ROLES.get(self.officer or 0) in LEADERS


def allowed(person: Person, what: str, reader: Reader, excluded: set[str]) -> bool:
    """May `reader` see this kind of identity of `person`? (README, "Privacy".)"""
    if reader.kind == "complainant":
        return reader.person == person.key and what != "session"
    if what == "session":
        return False                                    # never, to anyone
    if reader.kind == "officer" and str(reader.officer) in excluded:
        return False                                    # conflict of interest: nothing
    if reader.kind == "officer" and reader.officer == person.recorder and not reader.file:
        return what != "chat_id"                        # /catat: they typed it in themselves
    if reader.file and reader.file.startswith("Data_Pribadi_"):
        # A data-subject export is everything held about the person, for Kasi Tikkim to hand
        # over to them; it may go nowhere else.
        return reader.kind == "officer" and ROLES[reader.officer or 0] == "kasi_tikkim"
    if what == "profile":
        return False                                    # never chosen as the name here
    mode = person.mode
    if reader.file:                                     # files travel: the name at most
        return what == "name" and mode == "named"
    if what == "name" or what == "masked":
        if mode == "named":
            return reader.kind in ("group", "officer", "toast")
        return mode == "confidential" and reader.leader
    if what in ("number", "chat_id"):
        return mode != "anonymous" and reader.leader and reader.origin.startswith("/identitas")
    raise AssertionError(what)


def refusal(sent: Sent) -> bool:
    """A refusal, which repeats the ticket the officer typed and nothing else."""
    return sent.text.startswith("⛔") or "tidak memiliki akses" in sent.text


def pin_allowed(person: Person, reader: Reader, sent: Sent) -> bool:
    """A PIN goes to its complainant; to an officer only when they must hand it over: the
    /catat recorder's answer, or /pinbaru for someone the bot cannot reach."""
    if reader.kind == "complainant":
        return reader.person == person.key
    if reader.kind != "officer" or reader.file:
        return False
    if reader.officer == person.recorder and sent.origin.startswith("simpan "):
        return True
    return reader.leader and sent.origin.startswith("/pinbaru") and \
        "sampaikan PIN ini" in sent.text


def digits_joined(text: str) -> str:
    """Digits separated by spaces, dots, dashes or brackets joined, as a number is spelled."""
    return re.sub(r"(?<=\d)[\s.\-()/]+(?=\d)", "", text)


def reader_of(world: World, sent: Sent) -> Reader:
    if sent.chat == str(OFFICER_CHAT):
        return Reader("group", file=sent.file, origin=sent.origin)
    if sent.chat == "toast":
        return Reader("toast", origin=sent.origin)
    if sent.chat.lstrip("-").isdigit() and int(sent.chat) in ROLES:
        return Reader("officer", officer=int(sent.chat), file=sent.file, origin=sent.origin)
    person = world.person_of(sent.chat)
    assert person is not None, f"a message to an unknown chat {sent.chat}: {sent.text[:200]}"
    return Reader("complainant", person=person.key, file=sent.file, origin=sent.origin)


def excluded_of(world: World, person: Person) -> set[str]:
    complaint_id = world.complaint(person).id
    with world.runtime.store.unit() as unit:
        return set(unit.excluded_officers(complaint_id))


def audit(world: World) -> list[str]:
    """Every leak: an identity in a message its reader may not see."""
    leaks = []
    excluded = {key: excluded_of(world, p) for key, p in world.people.items()}
    sections = {key: world.complaint(p).section for key, p in world.people.items()}
    for sent in world.sent:
        reader = reader_of(world, sent)
        joined = digits_joined(sent.text)
        for person in world.people.values():
            for what, needles in person.needles().items():
                haystack = joined if what in ("number", "chat_id") else sent.text
                if any(n in haystack for n in needles) and not allowed(
                        person, what, reader, excluded[person.key]):
                    leaks.append(f"{person.key}'s {what} to {reader.kind} {sent.chat} "
                                 f"({sent.file or 'text'}) by {sent.origin}: {sent.text[:300]!r}")
            if person.sensitive and person.story[:40] in sent.text and (
                    reader.kind in ("group", "toast") or reader.file and not
                    reader.file.startswith(("Laporan", "Surat", "Data_Pribadi"))):
                leaks.append(f"{person.key}'s sensitive story to {reader.kind} {sent.chat} "
                             f"({sent.file or 'text'}) by {sent.origin}")
            if reader.kind == "officer" and str(reader.officer) in excluded[person.key] and \
                    person.ticket in sent.text and not refusal(sent) and not (
                        reader.file or "").startswith(("Register", "Rekap")):
                # (The register and the recap list every complaint's ticket, type and stage,
                # as the group alert that every officer reads does; no story, no identity.)
                leaks.append(f"{person.key}'s ticket to excluded officer {reader.officer} by "
                             f"{sent.origin}: {sent.text[:200]!r}")
            section = sections[person.key]
            if reader.kind == "officer" and ROLES[reader.officer] == "seksi" and \
                    person.ticket in sent.text and not refusal(sent) and \
                    SECTION_OF[reader.officer] != section:
                leaks.append(f"{person.key} (section {section}) to seksi {reader.officer} by "
                             f"{sent.origin}: {sent.text[:200]!r}")
            for pin in person.pins:
                if pin in sent.text and not pin_allowed(person, reader, sent):
                    leaks.append(f"{person.key}'s PIN to {reader.kind} {sent.chat} by "
                                 f"{sent.origin}")
    return leaks


def receipts(world: World) -> None:
    """Twilio's "delivered" receipts for every WhatsApp message (a PIN waits for its own)."""
    base = world.runtime.config.settings.public_base_url
    client = world.app.test_client()
    world.tw.callback_transport = lambda url, form, headers: client.post(
        url[len(base):], data=form, headers=headers).status_code
    with world.runtime.store.unit() as unit:
        sids = [r.provider_id for r in unit.outbox_items() if r.channel == "whatsapp"
                and r.provider_id]
    for sid in sids:
        assert world.tw.send_status(sid, "delivered") == 200


def secrets_of(world: World) -> list[str]:
    settings = world.runtime.config.settings
    token = settings.telegram_bot_token
    return [token, token.split(":")[1], settings.twilio_auth_token,
            settings.telegram_webhook_secret]


# --- the suite ----------------------------------------------------------------------------------
@pytest.fixture
def world(bot_app, tg_server, tw_server, clock, caplog, tmp_path):  # type: ignore[no-untyped-def]
    app, runtime = bot_app
    from PIL import Image
    photo = tmp_path / "kuitansi.jpg"
    Image.new("RGB", (64, 48), (200, 30, 30)).save(photo, "JPEG")
    logsafe.install(runtime.config.settings)
    caplog.set_level(logging.INFO)
    world = None
    try:
        world = World(app, runtime, tg_server, tw_server, clock, photo)
        for person in world.people.values():
            file_person(world, person)
        for act in ACTS:
            act(world)
        world.web_bubbles()
        yield world
    finally:
        logsafe.uninstall()
        if world is not None:
            world.courier.close()


def test_no_identity_reaches_a_reader_who_may_not_see_it(world, caplog):
    """Every message, document and export of every act, on SQLite and PostgreSQL; then every
    table (PINs, sessions) and every log line (secrets, numbers, chat ids, PINs)."""
    leaks = audit(world)
    assert not leaks, "\n".join(leaks[:40]) + f"\n({len(leaks)} leaks)"
    reached_everything(world)
    assert nothing_at_rest(world) == []
    assert in_the_logs(world, caplog) == []


def reached_everything(world: World) -> None:
    """The suite did reach what it checks (a check of nothing proves nothing)."""
    files = {s.file.rsplit("_", 1)[0] for s in world.sent if s.file}
    for kind in ("Surat_Pengantar", "Laporan_Pengaduan", "Register_Pengaduan", "Data_Pribadi"):
        assert any(f.startswith(kind) for f in files), (kind, files)
    assert any(s.file and s.file.endswith(".xlsx") for s in world.sent)
    assert any(s.file and s.origin.startswith("/bukti") for s in world.sent), "no evidence"
    group = [s.text for s in world.sent if s.chat == str(OFFICER_CHAT)]
    for heading in ("Pengaduan baru", "meminta bicara", "Terlambat"):
        assert any(heading in t for t in group), heading
    private = [s.text for s in world.sent if s.chat.isdigit() and int(s.chat) in ROLES]
    # (a sensitive complaint's undeliverable report goes to the leaders privately)
    for heading in ("⏰ Pengingat", "untuk pimpinan", "PIN baru", "Ringkasan harian",
                    "tidak terkirim"):
        assert any(heading in t for t in private), heading
    named, hidden = world.people["tg_named"], world.people["wa_confidential"]
    assert any(named.name in t for t in group)                        # named: shown
    kasi = [s for s in world.sent if s.chat == str(KASI)]
    assert any(hidden.name in s.text and s.origin.startswith("/identitas") for s in kasi)
    assert any(hidden.number in s.text for s in kasi if s.origin.startswith("/identitas"))
    docs = [s for s in world.sent if s.file and s.file.startswith("Laporan_Pengaduan")]
    assert any("Dirahasiakan" in s.text and hidden.ticket in s.text for s in docs)
    assert any(named.name in s.text for s in docs)
    # the English and the SMS complainants were filed, alerted and talked to like the others
    english, sms = world.people["wa_english"], world.people["sms_anonymous"]
    assert any("Your complaint" in s.text or "ticket" in s.text.lower()
               for s in world.sent if world.person_of(s.chat) is english)
    assert any(english.ticket in t for t in group) and any(sms.ticket in t for t in group)
    assert any(english.name in s.text for s in kasi if s.origin.startswith("/identitas"))
    # (by the group, or by the leaders alone for a talk only they answer)
    assert any(s.origin == "officer request by sms_anonymous" for s in world.sent
               if s.chat in (str(OFFICER_CHAT), str(KASI)))


def nothing_at_rest(world: World) -> list[tuple[str, str]]:
    """PINs (every one a complainant was given) and web sessions found in any table, once
    the WhatsApp receipts are in."""
    receipts(world)
    pins = {pin for p in world.people.values() for pin in p.pins}
    pins |= {m for s in world.sent if world.person_of(s.chat) for m in PIN_ANY.findall(s.text)}
    for key in ("wa_anonymous", "tg_named", "web_anonymous", "catat_confidential"):
        person = world.people[key]
        got = {m for s in world.sent if world.person_of(s.chat) is person
               for m in PIN_ANY.findall(s.text)}
        assert len(got) >= 2, (key, got, [s.text for s in world.sent
                                          if world.person_of(s.chat) is person][-3:])
    sessions = [p.session for p in world.people.values() if p.session]
    return found_in_tables(world.runtime, sorted(pins) + sessions)


def in_the_logs(world: World, caplog: Any) -> list[str]:
    """Secrets, sessions, PINs, full numbers and chat ids in any captured log record; and the
    names of those whose identity is kept (a profile name nobody chose as their name: of
    anyone)."""
    records = caplog.get_records("setup") + caplog.get_records("call")
    assert len(records) > 100 and any("complainant" in r.getMessage() for r in records)
    text = "\n".join(caplog.handler.format(r) for r in records)
    pins = {pin for p in world.people.values() for pin in p.pins}
    found = [f"secret {secret[:6]}…" for secret in secrets_of(world) if secret in text]
    found += [f"{p.key}'s session" for p in world.people.values()
              if p.session and (p.session in text)]
    found += [f"PIN {pin}" for pin in pins if re.search(rf"(?<!\d){pin}(?!\d)", text)]
    return found + traces_in_log(world.people.values(), text)


def traces_in_log(people: Iterable[Person], text: str) -> list[str]:
    """Whose full number, chat id, kept name, or profile name (of anyone) a log carries."""
    joined = digits_joined(text)
    found = []
    for person in people:
        for what, needles in person.needles().items():
            if what in ("number", "chat_id"):
                haystack = joined
            elif what == "profile" or (what == "name" and person.mode != "named"):
                haystack = text
            else:
                continue
            if any(needle in haystack for needle in needles):
                found.append(f"{person.key}'s {what}")
    return found
