"""The officers' group's alert slots: when a complaint the group may not learn of at the minute
of filing (sensitive, confidential or anonymous: `bot.identity.held_for_slot`) reaches it.
At the bottom of bot's wings, so the SOP's own sweep reads the same slot as the alerts
(`bot.notify.Notifier.hold_alert`) and the desk's views."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import OfficeConfig


def alert_slot(config: "OfficeConfig", now: dt.datetime) -> dt.datetime:
    """The first of `privacy.sensitive_alert_slots` (local times, every day) after `now` (a
    moment without its zone is UTC, as SQLite gives it back)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.timezone.utc)
    tz = config.office.tz
    local = now.astimezone(tz)
    for days in (0, 1):
        day = local.date() + dt.timedelta(days=days)
        for at in config.privacy.sensitive_alert_slots:
            slot = dt.datetime.combine(day, at, tzinfo=tz)
            if slot > local:
                return slot.astimezone(now.tzinfo)
    raise ValueError("privacy.sensitive_alert_slots is empty")
