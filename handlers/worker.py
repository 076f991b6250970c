"""The delivery worker (`python -m handlers.worker`): claims outbox messages and sends them."""
from __future__ import annotations

import asyncio
import datetime as dt
import gc
import logging
import os
import signal
import socket
import sys
import threading
import time
import uuid
from dataclasses import replace
from typing import TYPE_CHECKING, Callable

from bot.concealed import revealed
from bot.config import AppConfig, ConfigError, Settings, load_config
from bot.conversation.engine import utcnow
from bot.delivery import (DEFAULT_RANK, PARTS_LAST, PARTS_SENT, RANKS, URGENT_RANK, Decision,
                          Outcome, backoff, decide, leaves_out)
from bot.identity import log_address
from bot.losses import Losses
from bot.notify import HELD_ALERT, Notifier
from bot.pings import HELD_NOTICE, HELD_PING, still_stands
from bot.retention import Retention
from bot.sop.sweep import DeadlineSweep
from handlers import logsafe
from handlers.delivery import PULLED, LeaseLost, Progress, Sender, build_senders
from handlers.limiter import TelegramLimiter
from storage.files import FileStore
from storage.outbox import RAISED, Claimed, Outbox, Sent
from storage.repo import Store
from storage.webchat import Mailbox
from storage.wakeup import Wakeups

if TYPE_CHECKING:
    from handlers.fetcher import Fetcher

log = logging.getLogger(__name__)
RETENTION_CHECK = dt.timedelta(minutes=10)
# How often the web chat's uncollected messages are looked for (storage/webchat.py): an officer
# who answered a session ended since learns it within minutes.
UNCOLLECTED_CHECK = dt.timedelta(minutes=5)
# A provider that keeps failing transiently (5xx, time-outs, network) is an outage, not a fault
# of the message: its messages are given up only once they failed WORKER_MAX_ATTEMPTS times
# *and* have waited this long since they were queued (retried every 10 minutes meanwhile), so
# an outage of Telegram or Twilio shorter than this loses nothing.
OUTAGE_PATIENCE = dt.timedelta(hours=6)
# The last error of a message waiting out Telegram's 429 for its chat: a worker started later
# reads the waits from these (`Outbox.holds`) and does not call a chat that must still wait.
HELD = "rate limit: Telegram asked this chat to wait"


class Worker:
    """One delivery process; several may share a database (claims never overlap).

    It claims continuously: up to `worker_batch` runs are in flight at once (each a chat's head
    and up to `worker_chat_run - 1` of its next messages, sent in order by one task, so every
    chat stays in order and a busy one drains without a claim per message), plus
    `worker_urgent_slots` kept for officer alerts and escalations, which are also claimed first. A chat held back by its flood limit
    is released with its due time, never slept on. The worker wakes at once when a message is
    queued (storage.wakeup: LISTEN/NOTIFY on PostgreSQL, data_version on SQLite) and polls
    every `worker_poll_seconds` as a fallback.
    """

    def __init__(self, store: Store, settings: Settings, senders: dict[str, Sender],
                 notifier: Notifier, clock: Callable[[], dt.datetime] = utcnow,
                 name: str | None = None, sweep: DeadlineSweep | None = None,
                 fetcher: "Fetcher | None" = None, retention: Retention | None = None):
        self.store = store
        self.retention = retention  # the daily retention job (bot/retention.py)
        self.last_retention: dt.datetime | None = None
        self.fetcher = fetcher      # downloads of evidence and officers' uploads
        self.outbox = Outbox(store, RANKS, DEFAULT_RANK, pulled=PULLED)
        self.sweep = sweep
        self.last_sweep: dt.datetime | None = None
        self.mailbox = Mailbox(store)     # the web chat's rows, which browsers collect
        self.last_uncollected: dt.datetime | None = None
        self.settings = settings
        self.senders = senders
        self.notifier = notifier
        self.clock = clock
        self.losses = Losses(store, notifier, lambda: self.clock())   # who hears of a loss
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.limiter = TelegramLimiter(settings.telegram_global_per_second,
                                       settings.telegram_chat_per_second,
                                       settings.telegram_group_per_minute)
        self.delivered = 0
        self.inflight: dict[asyncio.Task[None], int] = {}   # task -> rank of its message
        self._wake: asyncio.Event | None = None
        self._soonest: float | None = None   # monotonic time a released message becomes due
        self._sent: list[Sent] = []   # sent, not yet marked
        # Telegram chats whose 429 told us to wait: chat -> until when (by `clock`). Every
        # message to that chat waits (not only the one that met the 429, nor only its
        # complaint's queue): Telegram counts the whole chat, and calling it during the wait
        # only prolongs the ban.
        self._held: dict[str, dt.datetime] = {}
        self._recalled = False     # the 429 waits of an earlier worker read (`recall_holds`)

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until `stop` is set, then let the messages in flight finish."""
        for sender in set(self.senders.values()):
            await sender.start()
        self.recall_holds()
        loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        wake_stop = threading.Event()
        listener = threading.Thread(
            target=Wakeups(self.store.engine).run, name="outbox-wakeups", daemon=True,
            args=(lambda: loop.call_soon_threadsafe(self._wake_up), wake_stop))
        listener.start()
        # Downloads run beside deliveries, never in front of them (an alert does not wait
        # for a slow evidence download).
        fetching = asyncio.ensure_future(self._fetch_loop(stop)) if self.fetcher else None
        try:
            while not stop.is_set():
                self._wake.clear()
                try:
                    self.sweep_if_due()
                    self.retain_if_due()
                    self.uncollected_if_due()
                    claimed = await self.fill()
                except Exception:  # noqa: BLE001 - a database hiccup must not end the worker
                    log.exception("claiming failed; retrying shortly")
                    claimed = 0
                if claimed:
                    await asyncio.sleep(0)     # let the sends start, then look for more
                    continue
                await self._idle(stop)
        finally:
            wake_stop.set()
            if fetching is not None:
                await fetching
            if self.inflight:
                await asyncio.wait(list(self.inflight), timeout=self.settings.http_timeout_seconds + 5)
            try:
                self.flush_sent()
            except Exception:  # noqa: BLE001 - unmarked ones are resent after their lease
                log.exception("could not mark the last sent messages")
            for sender in set(self.senders.values()):
                await sender.stop()

    async def _fetch_loop(self, stop: asyncio.Event) -> None:
        """Evidence downloads and officers' uploads, in their own loop."""
        assert self.fetcher is not None
        while not stop.is_set():
            try:
                fetched = await self.fetcher.tick()
            except Exception:  # noqa: BLE001 - a database hiccup must not end the worker
                log.exception("download round failed; retrying shortly")
                fetched = 0
            if not fetched:
                try:
                    await asyncio.wait_for(stop.wait(), self.settings.worker_poll_seconds)
                except asyncio.TimeoutError:
                    pass

    def _wake_up(self) -> None:
        if self._wake is not None:
            self._wake.set()

    async def _idle(self, stop: asyncio.Event) -> None:
        """Wait for a wake-up, a finished send, stop, a released message's due time or the poll."""
        assert self._wake is not None
        timeout = self.settings.worker_poll_seconds
        if self._soonest is not None:
            timeout = max(0.0, min(timeout, self._soonest - time.monotonic()))
        waits = [asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(stop.wait())]
        try:
            await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waits:
                waiter.cancel()
        if self._soonest is not None and self._soonest <= time.monotonic():
            self._soonest = None

    async def fill(self) -> int:
        """Claim into the free slots (most urgent first) and start sending; returns the count.

        The claiming transaction runs in a thread: on PostgreSQL under load it takes tens of
        milliseconds, and the sends in flight go on meanwhile instead of waiting for the loop."""
        batch, urgent = self.settings.worker_batch, self.settings.worker_urgent_slots
        busy = len(self.inflight)
        sent = self.take_sent()    # marked in the claiming transaction: one lock for all
        now = self.clock()
        lease = self.settings.worker_lease_seconds
        claimed_at = time.monotonic()     # the leases run from (about) here
        try:
            if busy >= batch + urgent:
                if sent:
                    await asyncio.to_thread(self.outbox.claim, self.name, now, lease, 0,
                                            sent=sent)
                return 0
            if not sent and self.store.dialect == "sqlite" and not self.outbox.anything_due(now):
                return 0     # a cheap read instead of a write transaction on every commit
            run = self.settings.worker_chat_run
            if busy < batch:
                runs = await asyncio.to_thread(self.outbox.claim_runs, self.name, now, lease,
                                               batch - busy, sent=sent, per_chat=run)
            else:   # the ordinary slots are full: only alerts and escalations use the reserve
                runs = await asyncio.to_thread(self.outbox.claim_runs, self.name, now, lease,
                                               batch + urgent - busy, max_rank=URGENT_RANK,
                                               sent=sent, per_chat=run)
        except Exception:
            self._sent = sent + self._sent     # marked next time (or resent after the lease)
            raise
        for items in runs:
            task = asyncio.ensure_future(self.deliver_run(items, claimed_at))
            self.inflight[task] = min(self.outbox.rank(item.kind) for item in items)
            task.add_done_callback(self._finished)
        return len(runs)

    def _finished(self, task: "asyncio.Task[None]") -> None:
        self.inflight.pop(task, None)
        if not task.cancelled() and task.exception() is not None:
            log.error("delivery task failed: %r", task.exception())
        self._wake_up()

    def recall_holds(self) -> None:
        """Once: the chats an earlier worker was told to wait for (Telegram's 429), so that a
        restart during a flood wait does not call them before it ends (which prolongs it)."""
        if self._recalled:
            return
        try:
            found = self.outbox.holds("telegram", HELD, self.clock())
        except Exception:  # noqa: BLE001 - only a politeness; the next 429 teaches it again
            log.exception("could not read the chats waiting out a flood limit")
            return
        self._recalled = True
        for chat, until in found.items():
            self._held[chat] = max(until, self._held.get(chat, until))

    def sweep_if_due(self) -> int:
        """Run the deadline sweep every SWEEP_INTERVAL_SECONDS (0: never); notices queued."""
        interval = self.settings.sweep_interval_seconds
        now = self.clock()
        if self.sweep is None or not interval or (
                self.last_sweep is not None and (now - self.last_sweep).total_seconds() < interval):
            return 0
        self.last_sweep = now
        return self.sweep.run(self.store, now)

    def uncollected_if_due(self) -> int:
        """Every UNCOLLECTED_CHECK, give up the web chat's messages no browser will collect
        and report them to the officers (see storage/webchat.py); how many were given up."""
        now = self.clock()
        if self.last_uncollected is not None and now - self.last_uncollected < UNCOLLECTED_CHECK:
            return 0
        self.last_uncollected = now
        return self.give_up_uncollected(now)

    def give_up_uncollected(self, now: dt.datetime) -> int:
        """One pass: the web chat's rows of ended sessions, or left uncollected too long, become
        undeliverable; the officers read a report for those they wrote (`Losses.uncollected`)."""
        return self.mailbox.give_up_uncollected(
            now, lambda unit, row, error: self.losses.uncollected(unit, row, error, now))

    def retain_if_due(self) -> "asyncio.Future[object] | None":
        """Every 10 minutes, start today's retention run in a thread (it does nothing when
        another worker ran it today); deliveries go on meanwhile."""
        now = self.clock()
        if self.retention is None or (self.last_retention is not None
                                      and now - self.last_retention < RETENTION_CHECK):
            return None
        self.last_retention = now
        task = asyncio.ensure_future(asyncio.to_thread(self.retention.run, self.store, now))
        task.add_done_callback(_log_failure)
        return task

    async def tick(self) -> int:
        """One round (tests, tools): claim a batch, most urgent first, and deliver it all."""
        self.recall_holds()
        claimed_at = time.monotonic()
        runs = self.outbox.claim_runs(self.name, self.clock(), self.settings.worker_lease_seconds,
                                      self.settings.worker_batch, sent=self.take_sent(),
                                      per_chat=self.settings.worker_chat_run)
        if runs:
            await asyncio.gather(*(self.deliver_run(items, claimed_at) for items in runs))
        self.flush_sent()
        return sum(len(items) for items in runs)

    async def deliver(self, item: Claimed) -> None:
        """Send one message. A success is marked with the next claim (one transaction for all
        the messages sent meanwhile), which also makes its chat's next message due."""
        await self._deliver_one(item)

    async def deliver_run(self, items: list[Claimed], claimed_at: float | None = None) -> None:
        """Send a chat's run in order; once one is not sent (retried, rate-limited, given up),
        the rest go back untried and wait behind it. So do the rest when the run's lease
        (taken at `claimed_at`, monotonic) could end during the next send: a slow provider
        must not let the lease expire mid-run, or the rest would be claimed again and sent
        twice, out of order, beside this run."""
        started = time.monotonic() if claimed_at is None else claimed_at
        budget = self.settings.worker_lease_seconds - self.settings.http_timeout_seconds - 1
        for at, item in enumerate(items):
            if at and time.monotonic() - started > budget:
                self.outbox.release([later.id for later in items[at:]], self.clock(),
                                    worker=self.name)
                return
            if not await self._deliver_one(item):
                rest = [later.id for later in items[at + 1:]]
                if rest:
                    self.outbox.release(rest, self.clock(), worker=self.name)
                return
            # Marked by the next claiming round, started now: a message sent but not yet
            # marked is the one a crash may repeat, so that window stays one round short.
            self._wake_up()

    def take_sent(self) -> list[Sent]:
        sent, self._sent = self._sent, []
        return sent

    def flush_sent(self) -> None:
        """Mark what was sent, now (without claiming)."""
        sent = self.take_sent()
        try:
            self.outbox.claim(self.name, self.clock(), 0, 0, sent=sent)
        except Exception:
            self._sent = sent + self._sent
            raise

    async def _deliver_one(self, item: Claimed) -> bool:
        """Send one claimed message and record what happened; True when it was sent (or set
        aside as no longer standing: the chat's next message may go)."""
        if item.resent_after_crash:
            log.warning("outbox %d was in flight when a worker stopped; sending again "
                        "(the recipient may see it twice)", item.id)
        sender = self.senders.get(item.channel)
        if sender is None:
            return self._apply(item, Outcome("failed",
                                             error=f"no sender for channel {item.channel}"))
        if item.crashes >= self.settings.worker_max_attempts:
            # Claimed again and again without an outcome: its sends keep killing the worker.
            # (A message waiting out an outage has more attempts, each with an outcome: only
            # the claims in a row that ended with none count, or a worker restarted during an
            # outage would give up every message it had in flight.)
            return self._apply(item, Outcome("failed", error=(
                f"gave up after {item.crashes} attempts that never finished")))
        if item.payload.get(HELD_PING) is not None or HELD_NOTICE in item.payload:
            stands = self._stands(item)
            if isinstance(stands, Outcome):
                return self._apply(item, stands)
            if not stands:     # neither a failure nor a loss: False when another worker has it
                log.info("outbox %d: held ping no longer stands at its slot; not sent", item.id)
                return self.outbox.set_aside(item.id, self.name,
                                             "not sent: its step was no longer this officer's")
        if item.channel == "telegram" and item.kind != "callback":
            held = self._held.get(item.address)
            if held is not None and self.clock() < held:
                self._release_until(item, held, HELD)
                return False
            self._held.pop(item.address, None)
        if item.channel == "telegram":
            wait = self.limiter.try_take(item.address, item.kind)
            if wait > 0:
                # Not slept on: the claim goes back, due when the limiter allows, and the slot
                # serves another chat meanwhile.
                self.outbox.retry(item.id, "rate limit: waiting for a send slot",
                                  self.clock() + dt.timedelta(seconds=wait), count=False,
                                  keep_error=bool(item.raises or item.crashes))
                due = time.monotonic() + wait
                self._soonest = due if self._soonest is None else min(self._soonest, due)
                return False
        if item.payload.get(HELD_ALERT):
            item = self._as_it_stands(item)
        parts = {"progress": self._progress(item)} if getattr(sender, "reports_parts", False) \
            else {}
        try:     # the PIN revealed only in flight
            outcome = await sender.send(revealed(item), self.clock(), **parts)
        except LeaseLost:
            # Its lease ran out mid-text and another worker may hold it now: that worker goes
            # on from the parts recorded; this one records nothing more.
            log.warning("outbox %d: lease lost between two parts of a long text; stopped",
                        item.id)
            return False
        except Exception as exc:  # noqa: BLE001 - a sender bug must not block its chat forever
            log.exception("outbox %d: the %s sender raised", item.id, item.channel)
            outcome = Outcome("error", error=f"{type(exc).__name__}: {exc}")
        return self._apply(item, outcome)

    def _as_it_stands(self, item: Claimed) -> Claimed:
        """A held complaint's alert (bot.notify.HELD_ALERT), held for its slot and written
        again now, so that its next step and deadline are true when it arrives; as queued when
        that fails."""
        try:
            with self.store.unit() as unit:
                found = self.notifier.held_alert(unit, item.complaint_id, self.clock(),
                                                 item.payload)
        except Exception:  # noqa: BLE001 - the queued text (written for the slot) still goes
            log.exception("outbox %d: could not write the held alert again", item.id)
            return item
        return item if found is None else replace(item, body=found[0],
                                                  payload={**item.payload, **found[1]})

    def _stands(self, item: Claimed) -> bool | Outcome:
        """Whether a ping held for its complaint's slot (bot.pings.HELD_PING), come due, still
        goes (bot.pings.still_stands); an error outcome when that cannot be read: sent as
        queued it could tell an officer kept away since of the complaint."""
        try:
            with self.store.unit() as unit:
                return still_stands(unit, self.notifier.config, item.complaint_id,
                                    item.address, item.payload, self.clock())
        except Exception as exc:  # noqa: BLE001 - retried, then given up and reported
            log.exception("outbox %d: could not tell whether the held ping still stands",
                          item.id)
            return Outcome("error", error=f"{type(exc).__name__}: {exc}")

    def _progress(self, item: Claimed) -> Progress:
        """What the sender awaits as each part of a long text goes: the part recorded at once
        (its own short write, the lease extended), so that a worker killed before the next
        part, or before the message is marked sent, leaves a restarted one only the parts that
        did not go. Raises LeaseLost when this worker no longer holds the message."""
        async def record(parts: int, message_id: str | None) -> None:
            until = self.clock() + dt.timedelta(seconds=self.settings.worker_lease_seconds)
            try:
                held = await asyncio.to_thread(
                    self.outbox.record_progress, item.id, self.name,
                    {PARTS_SENT: parts, PARTS_LAST: message_id}, until)
            except Exception:  # noqa: BLE001 - at worst a crash resends this part
                log.exception("outbox %d: could not record part %d as sent", item.id, parts)
                return
            if not held:
                raise LeaseLost(f"outbox {item.id} is no longer held by {self.name}")
        return record

    def _release_until(self, item: Claimed, due: dt.datetime, why: str) -> None:
        """Give a claimed message back untried, due at `due` (the attempt returned), and wake
        the worker then."""
        self.outbox.retry(item.id, why, due, count=False)
        soon = time.monotonic() + max(0.0, (due - self.clock()).total_seconds())
        self._soonest = soon if self._soonest is None else min(self._soonest, soon)

    def _apply(self, item: Claimed, outcome: Outcome) -> bool:
        """Record the outcome; True when the message was sent."""
        now = self.clock()
        template_left = bool(item.payload.get("template")) and not item.payload.get(
            "force_template")
        attempts = item.attempts
        if outcome.kind == "error" and outcome.parts_sent:
            # It raised after some parts went: it moves, so it is no stuck bug; go on later.
            outcome = replace(outcome, kind="retry")
        if outcome.kind == "error":
            # A sender that raised is given up after ERROR_ATTEMPTS raises in a row (counted
            # in its last error), not after its attempts so far: one raise after two time-outs
            # lost the message.
            attempts = item.raises + 1
            outcome = replace(outcome, error=f"{RAISED} ({attempts} in a row): {outcome.error}")
        decision = decide(outcome, attempts, self.settings.worker_max_attempts, now,
                          template_left)
        if (decision.action == "give_up" and outcome.kind == "retry"
                and now - item.created_at < OUTAGE_PATIENCE):
            # The provider is down or failing: not the message's fault; keep trying.
            decision = Decision("retry", now + dt.timedelta(seconds=backoff(item.attempts)))
        if (outcome.kind == "throttled" and item.channel == "telegram"
                and item.kind != "callback" and decision.at is not None):
            # Telegram's 429 holds the whole chat (every complaint's queue in the group).
            until = max(decision.at, self._held.get(item.address, decision.at))
            self._held[item.address] = until
            outcome = replace(outcome, error=f"{HELD} ({outcome.error})")   # recalled on restart
        if decision.action == "sent":
            self.delivered += 1
            resendable = bool(item.secret) and item.channel == "whatsapp" and bool(
                item.payload.get("template"))   # a receipt may ask for its template: keep the PIN
            # its template left part of its text out: the text waits for the person's next
            # message (never a PIN's: given up, it is gone)
            follows = outcome.template and not item.secret and leaves_out(
                item.kind, item.body, (item.payload.get("template") or {}).get("variables"))
            self._sent.append((item.id, outcome.provider_id, now, resendable, follows))
            return True
        log.warning("outbox %d (%s to %s %s), attempt %d: %s -> %s", item.id, item.kind,
                    item.channel, log_address(item.channel, item.address), item.attempts,
                    outcome.kind, decision.action)
        if outcome.kind == "moved" and outcome.new_address:
            self.outbox.migrate_chat(item.address, outcome.new_address, now)
        if decision.action == "template":
            self.outbox.retry(item.id, outcome.error, now, count=False,
                              payload={**item.payload, "force_template": True})
        elif decision.action == "retry":
            assert decision.at is not None
            progress = None
            if outcome.parts_sent:     # a long text stopped part-way: only the rest goes again
                progress = {**item.payload, PARTS_SENT: outcome.parts_sent}
            self.outbox.retry(item.id, outcome.error, decision.at, count=decision.count,
                              payload=progress)
        else:
            assert decision.status is not None
            report, more = self.losses.reports(item, decision.status, outcome)
            log.error("outbox %d given up as %s: %s", item.id, decision.status, outcome.error)
            self.outbox.give_up(item.id, decision.status, outcome.error, now, report,
                                elsewhere=self.losses.elsewhere(item, outcome))
            if more:          # a sensitive complaint's: one report per leader
                with self.store.unit() as unit:
                    for extra in more:
                        unit.enqueue(at=now, **extra)
        return False


def _log_failure(task: "asyncio.Future[object]") -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("retention run failed: %r", task.exception())


def build_worker(config: AppConfig, store: Store | None = None) -> Worker:
    from handlers.fetcher import Fetcher
    from handlers.wiring import build_notifier, use_keys
    store = store or Store.from_url(config.settings.database_url)
    use_keys(config, store)
    notifier = build_notifier(config)
    senders = build_senders(config.settings)
    telegram = senders.get("telegram")
    fetcher = Fetcher(store, FileStore(config.files_dir), config.settings, config.office_config,
                      notifier, bot=getattr(telegram, "bot", None))
    return Worker(store, config.settings, senders, notifier,
                  sweep=DeadlineSweep(config.office_config, notifier), fetcher=fetcher,
                  retention=Retention(config.office_config, FileStore(config.files_dir)))


def main() -> int:
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = load_config()
    except ConfigError as exc:
        print(f"configuration error, not starting:\n{exc}", file=sys.stderr)
        return 2
    logsafe.install(config.settings)      # tokens, numbers and PINs never reach the log
    worker = build_worker(config)
    gc.collect()
    gc.freeze()     # what start-up built lives on: full collections skip it (shorter pauses)
    if not worker.senders:
        # Still worth running: it keeps the web chat's evidence and sweeps the deadlines.
        log.warning("no channel is configured to send (TELEGRAM_BOT_TOKEN, TWILIO_*): "
                    "only the web chat (which its browser collects), downloads and deadlines")

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        log.info("worker %s delivering %s", worker.name,
                 ", ".join(sorted(worker.senders)) or "nothing (no push channel configured)")
        checking = None
        if "telegram" in worker.senders:     # menus per scope, officers the bot cannot reach
            from handlers.telegram_setup import check_at_start
            # Beside deliveries, not before them: with Telegram slow or down at start-up,
            # WhatsApp, SMS and the alerts already queued do not wait for its time-outs.
            checking = asyncio.ensure_future(check_at_start(config, worker.store,
                                                            worker.clock()))
        try:
            await worker.run(stop)
        finally:
            if checking is not None and not checking.done():
                checking.cancel()

    asyncio.run(run())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
