"""Service hours in the office's time zone: is the office open, and when does it open next."""
from __future__ import annotations

import datetime as dt

from bot.config import WEEKDAYS, OfficeConfig


class ServiceHours:
    """Weekly opening hours minus holidays and collective leave."""

    def __init__(self, config: OfficeConfig):
        self.tz = config.office.tz
        self.week = config.service_hours
        self.holidays = {h.date: h.name for h in config.holidays}
        # day -> its opening span: a filing's deadlines walk the same few days many times
        self._spans: dict[dt.date, tuple[dt.datetime, dt.datetime] | None] = {}

    def _span(self, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        try:
            return self._spans[day]
        except KeyError:
            pass
        span = None
        hours = None if day in self.holidays else self.week.get(WEEKDAYS[day.weekday()])
        if hours is not None:
            start, end = hours
            span = (dt.datetime.combine(day, start, self.tz), dt.datetime.combine(day, end, self.tz))
        if len(self._spans) > 4096:
            self._spans.clear()
        self._spans[day] = span
        return span

    def is_open(self, at: dt.datetime) -> bool:
        local = at.astimezone(self.tz)
        span = self._span(local.date())
        return span is not None and span[0] <= local < span[1]

    def next_opening(self, at: dt.datetime) -> dt.datetime:
        """`at` itself when open, otherwise the next moment the office opens (local time)."""
        local = at.astimezone(self.tz)
        if self.is_open(local):
            return local
        for offset in range(0, 400):
            span = self._span(local.date() + dt.timedelta(days=offset))
            if span and span[0] > local:
                return span[0]
        raise ValueError("no service hours configured in the coming year")

    def add_service_minutes(self, start: dt.datetime, minutes: float) -> dt.datetime:
        """The moment `minutes` of service time after `start` (time outside hours does not count)."""
        remaining = dt.timedelta(minutes=minutes)
        cursor = self.next_opening(start)
        for _ in range(800):
            span = self._span(cursor.date())
            assert span is not None
            left_today = span[1] - cursor
            if remaining <= left_today:
                return cursor + remaining
            remaining -= left_today
            cursor = self.next_opening(span[1])
        raise ValueError("deadline too far in the future")
