"""A lean load generator: simulated complainants over keep-alive HTTP/1.1, one asyncio loop.

Each complainant is a coroutine with its own connection, sending its script's turns one after
the other (a turn waits for the previous answer, as a person would). Requests are written by
hand (no HTTP library on the hot path) so the generator costs little CPU next to the server
it measures: the same generator drives the bare route (the ceiling) and the real webhook.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import os
import re
import statistics
import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlencode

SID, TOKEN = "AC" + "b" * 32, "bench-token-0123456789"
STORIES = ["sy udh 3 mgg paspor blm jd padahal dijanjikan seminggu",
           "ada calo di depan kantor minta 500rb biar cepat",
           "petugas loket 2 kasar sekali waktu saya tanya syarat",
           "aplikasi m-paspor error terus pas mau pilih jadwal",
           "AC ruang tunggu mati dan toilet kotor"]
# Types 3..10 ask no application number; a levy (4) and an officer's conduct (5) ask what the
# person wants done, which the script skips (one more turn); the late passport (STORIES[0]),
# told under another type, is asked its application number as a second aspect
# (bot.conversation.intake.service_aspect), skipped too: 12 to 14 turns (`plan`).
STORY_TYPES = {1: "4", 2: "5"}      # STORIES[1] reports a broker (pungli), [2] a rude officer
SCRIPT = ["halo", "1", "{story}", "lanjut", "{type}", "kemarin", "1", "lewati", "lanjut",
          "anonim", "1", "status {ticket}"]
ASKS_OUTCOME = {"4", "5"}
# A complainant who files by name instead of "anonim" (`plan(named=True)`): an anonymous
# complaint reaches no officer before its alert slot, leaders included (bot.identity
# .anonymous_to_all), so the alert latency is measured on named ones (one more turn; two
# for a levy or conduct complaint).
NAMED_WORDS = ["tulis nama saya", "Budi Santoso"]
ASKS_APPLICATION = {0}              # the stories that tell of a late passport


def plan(rng_index: int, named: bool = False) -> tuple[str, str, list[str]]:
    """(story, type, script) of the complainant `rng_index`: the broker and the rude officer
    are told under their own (sensitive) types, as people do; under another type the bot would
    first offer the protection of theirs (one more turn)."""
    story = STORIES[rng_index % len(STORIES)]
    kind = STORY_TYPES.get(rng_index % len(STORIES), str(rng_index % 8 + 3))
    script = SCRIPT[:9] + ["lewati"] + SCRIPT[9:] if kind in ASKS_OUTCOME else list(SCRIPT)
    if rng_index % len(STORIES) in ASKS_APPLICATION:
        script = script[:5] + ["lewati"] + script[5:]
    if named:
        # a levy or conduct complaint asks whether the name is kept from the petugas: "2", no
        at = script.index("anonim")
        words = NAMED_WORDS + (["2"] if kind in ASKS_OUTCOME else [])
        script = script[:at] + words + script[at + 1:]
    return story, kind, script
TICKET = re.compile(rb"TRK-[2-9A-Z]{4}-[2-9A-Z]{4}")


def twilio_signature(url: str, form: dict[str, str]) -> str:
    """X-Twilio-Signature: HMAC-SHA1 over the URL and the sorted parameters, base64."""
    data = url + "".join(k + form[k] for k in sorted(form))
    return base64.b64encode(hmac.new(TOKEN.encode(), data.encode(), hashlib.sha1).digest()).decode()


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    tickets: list[str] = field(default_factory=list)
    confirmed: dict[str, float] = field(default_factory=dict)   # ticket -> wall time sent
    answered: dict[str, float] = field(default_factory=dict)    # ticket -> wall time answered
    seconds: float = 0.0

    @property
    def turns(self) -> int:
        return len(self.latencies)

    def tps(self) -> float:
        return self.turns / self.seconds if self.seconds else 0.0

    def pct(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000

    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else 0.0


class Connection:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = (f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                f"Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\n"
                + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n").encode()
        self.writer.write(head + body)
        assert self.reader is not None
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("server closed the connection")
        status = int(status_line.split()[1])
        length, close = 0, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and "close" in value.lower():
                close = True
        payload = await self.reader.readexactly(length) if length else b""
        if close:
            self.close()
        return status, payload

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def complainant(host: str, port: int, public: str, number: str, result: Result,
                      bare: bool, rng_index: int, named: bool = False) -> None:
    conn = Connection(host, port)
    url = public + "/webhooks/twilio"
    ticket = ""
    story, kind, script = plan(rng_index, named)
    try:
        for step in script:
            text = step.format(story=story, type=kind, ticket=ticket)
            form = {"MessageSid": "SM" + os.urandom(16).hex(), "AccountSid": SID,
                    "From": f"whatsapp:{number}", "To": "whatsapp:+628115773337", "Body": text,
                    "NumMedia": "0", "ProfileName": "Bench"}
            headers = {} if bare else {"X-Twilio-Signature": twilio_signature(url, form)}
            body = urlencode(form).encode()
            wall = time.time()
            started = time.perf_counter()
            status, payload = await conn.post("/webhooks/twilio", body, headers)
            result.latencies.append(time.perf_counter() - started)
            if status != 200:
                result.errors.append(f"{status} on {text!r}: {payload[:120]!r}")
                return
            found = TICKET.search(payload)
            if found and b"tercatat" in payload:
                ticket = found.group(0).decode()
                result.tickets.append(ticket)
                result.confirmed[ticket] = wall
                result.answered[ticket] = time.time()
    except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
        result.errors.append(repr(exc))
    finally:
        conn.close()


async def _run(host: str, port: int, public: str, complainants: int, concurrency: int,
               bare: bool, numbers: Callable[[int], str], named: bool = False) -> Result:
    result = Result()
    gate = asyncio.Semaphore(concurrency)

    async def one(i: int) -> None:
        async with gate:
            await complainant(host, port, public, numbers(i), result, bare, i, named)

    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(complainants)))
    result.seconds = time.perf_counter() - started
    return result


def run(port: int, complainants: int, concurrency: int, bare: bool = False,
        prefix: str = "+62812", host: str = "127.0.0.1", named: bool = False) -> Result:
    """`complainants` scripts of 12 to 14 turns (`plan`; two more `named`), `concurrency` at a
    time, against 127.0.0.1:port."""
    salt = int.from_bytes(os.urandom(3), "big") % 1000
    return asyncio.run(_run(host, port, f"http://{host}:{port}", complainants, concurrency,
                            bare, lambda i: f"{prefix}{salt:03d}{i:05d}", named))


def run_apart(port: int, complainants: int, concurrency: int, bare: bool = False,
              prefix: str = "+62812", named: bool = False) -> Result:
    """`run` in a process of its own, so the load generator never shares a GIL with the
    stand-in servers the benchmark process hosts (the Bot API server it measures at)."""
    import multiprocessing
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(run, (port, complainants, concurrency, bare, prefix),
                          {"named": named})
