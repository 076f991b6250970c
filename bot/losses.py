"""Who is told when a message is given up: the rules the delivery worker applies to a message
it could not deliver (the worker itself only sends, retries and records; handlers hold no
business rules).

* Undeliverable reports go where the message's complaint may be read (`Notifier.
  undeliverable_reports`; a sensitive complaint's, one per leader).
* A private message to a rostered officer who never started the bot or blocked it: the group is
  told once which officer must open a private chat (`bot.pings.unreachable_report`).
* A message to the officers' group: the leaders read it privately, once per outage
  (`bot.delivery.group_lost_reports`); a report of that outage that did not reach an officer
  privately goes on to the next officers (`bot.delivery.report_tiers`).
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any, Callable

from bot.delivery import (GROUP_LOST, GROUP_LOST_STATE, UNTOLD_KINDS, GroupLoss, Outcome,
                          group_lost_reports, is_group)
from bot.identity import log_address
from bot.notify import LEADERS_FLAG, UNREPORTED_KINDS, Notifier
from bot.pings import unreachable_report
from bot.sop.owners import unreachable
from storage.outbox import Elsewhere

if TYPE_CHECKING:
    from storage.models import OutboxItem
    from storage.outbox import Claimed
    from storage.repo import Store, Unit

log = logging.getLogger(__name__)

# The web chat's messages whose loss the officers are told of: what they wrote or decided for
# the complainant (/balas, /pesan, /kabar, a step's progress and the outcome), and a ticket or
# PIN an officer issued (/pinbaru, a correction). The bot's own answers and reminders are given
# up silently (logged): the officers wrote nothing there.
UNCOLLECTED_REPORTED = ("relay", "update", "pin", "ticket")


class Losses:
    """The reports a given-up message leads to, for one worker's notifier and clock."""

    def __init__(self, store: "Store", notifier: Notifier, clock: Callable[[], dt.datetime]):
        self.store = store
        self.notifier = notifier
        self.clock = clock

    def reports(self, item: "Claimed", status: str,
                outcome: Outcome) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        """The report written with the given-up row (or None) and the further ones to queue
        (a sensitive complaint's: one per leader)."""
        reports = self.notifier.undeliverable_reports(
            kind=item.kind, channel=item.channel, address=item.address,
            payload=self._flagged(item), status=status, error=outcome.error)
        if reports:
            return reports[0], reports[1:]
        return self._officer_unreachable(item, outcome), []

    def elsewhere(self, item: "Claimed", outcome: Outcome) -> Elsewhere | None:
        """How the loss is told through other chats, when the lost chat is the group's (or a
        report of the group's loss)."""
        return self._group_lost(item, outcome) or self._report_lost(item, outcome)

    def uncollected(self, unit: "Unit", row: "OutboxItem", error: str,
                    now: dt.datetime) -> dict[str, Any] | None:
        """A web chat message no browser will collect: the officers' report for those they
        wrote (`undeliverable_report` leaves out the channel and the error for a sensitive
        complaint, as for any channel); the further reports (one per leader) queued here."""
        log.warning("outbox %d (%s to web %s) given up: not collected by its browser",
                    row.id, row.kind, log_address(row.channel, row.address))
        if row.kind not in UNCOLLECTED_REPORTED:
            return None
        # A /pesan answer in a talk only the leaders answer, or the bot's own reply to a
        # person whose talk is theirs: reported to the leaders privately, as that talk goes
        # (the officer reported may be in the group).
        payload = self.notifier.person_flag(unit, row.complainant_id, dict(row.payload or {}),
                                            now=now)
        reports = self.notifier.undeliverable_reports(
            kind=row.kind, channel=row.channel, address=row.address, payload=payload,
            status="undeliverable", error=error)
        for extra in reports[1:]:          # one per leader: the first goes with the row
            unit.enqueue(at=now, **extra)
        return reports[0] if reports else None

    def _flagged(self, item: "Claimed") -> dict[str, Any]:
        """The payload `undeliverable_reports` reads: for a message to a person with no ticket
        named (the bot's own replies), marked for the leaders when the person's talk is theirs
        (`Notifier.person_flag`), read now, when it is given up on."""
        if item.complainant_id is None or item.kind in UNREPORTED_KINDS \
                or item.payload.get(LEADERS_FLAG) is not None or item.payload.get("ticket"):
            return item.payload          # nothing to read: no unit opened
        with self.store.unit() as unit:
            return self.notifier.person_flag(unit, item.complainant_id, dict(item.payload),
                                             now=self.clock())

    def _officer_unreachable(self, item: "Claimed",
                             outcome: Outcome) -> dict[str, Any] | None:
        """A private message the officers' report leaves out (a report to a leader) that
        could not reach a rostered officer who never started the bot or blocked it: the group
        is told once which officer must open a private chat with the bot (the same notice,
        and the same once-only mark, as for a ping), and later reports skip them."""
        group = self.notifier.officer_chat_id
        if (group is None or item.channel != "telegram" or is_group(item.channel, item.address)
                or item.kind in UNTOLD_KINDS):
            return None
        return unreachable_report(self.notifier.config, str(group), item.address,
                                  outcome.error)

    def _report_lost(self, item: "Claimed", outcome: Outcome) -> Elsewhere | None:
        """A report that the officers' group is unreachable, given up in an officer's private
        chat: logged at ERROR with its tickets, and the next officers in
        bot.delivery.report_tiers read it instead (each once per outage)."""
        group = item.payload.get(GROUP_LOST)
        if item.kind != "report" or not group or is_group(item.channel, item.address):
            return None
        state = dict(item.payload.get(GROUP_LOST_STATE) or {})
        log.error("outbox %d: the report that the officers' group is unreachable did not "
                  "reach officer %s privately (%s); it named tickets %s and %s other "
                  "messages; telling the next officers", item.id, item.address,
                  outcome.error, ", ".join(state.get("tickets") or []) or "-",
                  state.get("others") or 0)
        config = self.notifier.config
        return Elsewhere(chat=str(group), kind="report", key=GROUP_LOST,
                         compose=lambda unit, open_, lost: group_lost_reports(
                             unit, config, None, self.clock(), open_, unreachable(unit), lost,
                             carried=state, group=str(group)))

    def _group_lost(self, item: "Claimed", outcome: Outcome) -> Elsewhere | None:
        """A message to the officers' group given up on: the group cannot read the report,
        so the leaders read it privately (bot.delivery.group_lost_reports), once per outage."""
        if not is_group(item.channel, item.address) or item.kind in UNTOLD_KINDS:
            return None
        log.error("outbox %d (%s) to the officers' group given up: telling the leaders "
                  "privately", item.id, item.kind)
        loss = GroupLoss(group=item.address, kind=item.kind, complaint_id=item.complaint_id,
                         outcome=outcome.kind, error=outcome.error)
        config = self.notifier.config
        return Elsewhere(chat=item.address, kind="report", key=GROUP_LOST,
                         compose=lambda unit, open_, lost: group_lost_reports(
                             unit, config, loss, self.clock(), open_, unreachable(unit), lost))
