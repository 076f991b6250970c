"""Telegram flood limits as token buckets (GCRA): overall, per private chat, per group."""
from __future__ import annotations

import time


class Bucket:
    """`rate` sends per second on average, bursts of up to `burst` (generic cell rate)."""

    def __init__(self, rate: float, burst: int):
        self.interval = 1.0 / rate
        self.tolerance = (burst - 1) * self.interval
        self.tat = 0.0   # theoretical arrival time (time.monotonic seconds)

    def earliest(self, now: float) -> float:
        return max(now, self.tat - self.tolerance)

    def take(self, at: float) -> None:
        self.tat = max(self.tat, at) + self.interval


class TelegramLimiter:
    """Per-process limits: ~30/s overall, ~1/s per private chat, ~20/min per group.

    Several workers each keep their own buckets, so N workers may together exceed the
    overall limit; Telegram then answers 429 and the worker honours its retry_after.
    """

    def __init__(self, global_per_second: float, chat_per_second: float,
                 group_per_minute: float):
        self.all = Bucket(global_per_second, max(1, int(global_per_second)))
        self.chat_rate = chat_per_second
        self.group_rate = group_per_minute / 60.0
        self.chats: dict[str, Bucket] = {}

    def _buckets(self, address: str, kind: str) -> list[Bucket]:
        if kind == "callback":          # answers to button presses are not chat messages
            return [self.all]
        bucket = self.chats.get(address)
        if bucket is None:
            group = address.startswith("-")
            bucket = Bucket(self.group_rate if group else self.chat_rate, 3)
            self.chats[address] = bucket
        return [self.all, bucket]

    def wait_for(self, address: str, kind: str) -> float:
        """Seconds until a message to `address` may go (without reserving the slot)."""
        t = time.monotonic()
        return max(0.0, max(b.earliest(t) for b in self._buckets(address, kind)) - t)

    def try_take(self, address: str, kind: str) -> float:
        """Take a slot now and return 0, or return the seconds to wait (nothing taken)."""
        wait = self.wait_for(address, kind)
        if wait <= 0:
            now = time.monotonic()
            for bucket in self._buckets(address, kind):
                bucket.take(now)
        return wait
