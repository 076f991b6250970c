"""The daily digest: every overdue complaint, who is late and by how much, to leadership.

On each service day, at `sop.digest_at` (08:00) or the first sweep after it, Kasi Tikkim and
the Kepala Kantor (and their deputy while away) get one private message listing every open
complaint past its step's deadline, most late first. Once a day across any number of workers:
the day's key in sent_notices is claimed in the same transaction that queues the messages.
"""
from __future__ import annotations

import base64
import datetime as dt
import logging
from typing import TYPE_CHECKING, Collection

from bot import identity
from bot.dates import MONTHS, local_time
from bot.paging import paginate
from bot.rich import Rich
from bot.sop import owners, returns
from bot.sop.deadlines import DeadlineRules, service_minutes_between
from bot.sop.slots import alert_slot
from bot.sop.workflow import Role, next_transition

if TYPE_CHECKING:
    from bot.config import OfficeConfig, Officer
    from bot.notify import Notifier
    from storage.models import Complaint, StageEvent
    from storage.repo import Store, Unit

log = logging.getLogger(__name__)
KEY = "digest:"


def leaders(config: "OfficeConfig", away: owners.Away | None) -> list["Officer"]:
    """Kasi Tikkim and the Kepala Kantor, and the deputy while the head is away."""
    found = owners.of_role(config, Role.KASI_TIKKIM) + owners.of_role(config,
                                                                       Role.KEPALA_KANTOR)
    stand_in = owners.deputy(config, away)
    if stand_in is not None and stand_in not in found:
        found.append(stand_in)
    return found


def overdue_line(config: "OfficeConfig", rules: DeadlineRules, complaint: "Complaint",
                 now: dt.datetime, away: owners.Away | None, kept: Collection[str],
                 returned: "StageEvent | None" = None) -> Rich:
    """'• TRK-… Layanan paspor — langkah 4 (Seksi …: Andi): terlambat 2 hari kerja 1 jam'.
    `returned` (returns.awaiting_correction): the draft was sent back and waits for the report
    compiler's correction, so the compiler is named as holding it, and since when it waits
    (the approver named would be chased for an approval that is refused until then)."""
    due = shown_due(config, rules, complaint)
    assert due is not None
    coarse = identity.anonymous_to_all(complaint)
    step = next_transition(complaint.stage, complaint.verdict)
    late = service_minutes_between(rules.hours, due, now)
    rich = Rich().t("• ").code(complaint.ticket)
    rich.t(f" {config.complaint_types[complaint.type].id} — ")
    if step is not None:
        rich.t(f"langkah {step.step} {step.label} ")
    rich.t(f"({owners.holding_text(config, complaint, away, kept, returned)}")
    if returned is not None:
        rich.t(f"; draf dikembalikan, menunggu perbaikan sejak {local_time(config, returned.at)}")
    rich.t("): ")
    if coarse:
        rich.b(f"terlambat {owners.coarse_late_text(late)}")
        return rich.t(f" (batas {owners.deadline_text(config, due, due, coarse=True)})\n")
    rich.b(f"terlambat {owners.late_text(late)}")
    return rich.t(f" (batas {local_time(config, due)})\n")


def shown_due(config: "OfficeConfig", rules: DeadlineRules,
              complaint: "Complaint") -> dt.datetime | None:
    """The deadline the digest lists, counts lateness from and sorts by: an anonymous
    complaint's as of its slot (`owners.coarse_due`), as everyone, the leaders too, reads it
    (`identity.anonymous_to_all`). Its own, receipt plus ten minutes, gave the leaders the
    minute it came in, beside the person's named alert in the group a minute before."""
    if complaint.due_at is None or not identity.anonymous_to_all(complaint):
        return complaint.due_at
    return owners.coarse_due(config, rules.hours, complaint, complaint.due_at,
                             alert_slot(config, complaint.created_at))


def spoken(day: str) -> str:
    """'1 Desember 2026' from '2026-12-01' (officers read dates, not keys)."""
    year, month, date = (int(part) for part in day.split("-"))
    return f"{date} {MONTHS['id'][month - 1]} {year}"


class Digest:
    """Sends the day's digest once (safe with several workers)."""

    def __init__(self, config: "OfficeConfig", notifier: "Notifier", rules: DeadlineRules):
        self.config = config
        self.notifier = notifier
        self.rules = rules

    def due(self, now: dt.datetime) -> bool:
        local = now.astimezone(self.rules.hours.tz)
        return self.rules.hours.is_open(now) and local.time() >= self.config.sop.digest_at

    def run(self, store: "Store", now: dt.datetime) -> int:
        """Queue today's digest if it is time and nobody has; returns messages queued."""
        if not self.due(now):
            return 0
        day = now.astimezone(self.rules.hours.tz).date().isoformat()
        with store.unit() as unit:
            if unit.marks(KEY + day):
                return 0                          # a cheap read before the claim
        with store.unit() as unit:
            if not unit.claim_mark(KEY + day, "digest", now):
                return 0
            queued = self.send(unit, now, day)
        log.info("daily digest %s: %d message(s)", day, queued)
        return queued

    def send(self, unit: "Unit", now: dt.datetime, day: str) -> int:
        away = owners.away_now(unit)
        complaints = unit.open_complaints()
        if not complaints:
            return 0          # nothing open: no daily noise (the day is marked done all the same)
        shown = {c.id: shown_due(self.config, self.rules, c) for c in complaints}
        late = sorted((c for c in complaints if (due := shown[c.id]) is not None and due <= now),
                      key=lambda c: shown[c.id])     # most late first
        kept = unit.excluded_officers_of([c.id for c in late])
        # a draft sent back and not corrected yet: the compiler holds it (as in the sweep)
        returned = {c.id: r for c in late if (r := returns.awaiting_correction(unit, c))}
        queued = 0
        for leader in leaders(self.config, away):
            mine = [c for c in late if str(leader.telegram_id) not in kept[c.id]]
            header = Rich().b(f"📊 Ringkasan harian pengaduan terlambat — {spoken(day)}\n")
            header.t(f"Terbuka: {len(complaints)}; terlambat: {len(mine)}.\n\n")
            if not mine:
                header.t("✅ Tidak ada pengaduan yang melewati batas waktu.")
            items = [overdue_line(self.config, self.rules, c, now, away, kept[c.id],
                                  returned.get(c.id)) for c in mine]
            paged = paginate(header, items)
            address = str(leader.telegram_id)
            for page in paged.messages:
                unit.enqueue(kind="digest", channel="telegram", address=address,
                             body=page.plain(), payload=page.to_payload(), at=now)
                queued += 1
            if paged.file_text is not None:
                unit.enqueue(kind="digest", channel="telegram", address=address,
                             body=f"Daftar lengkap pengaduan terlambat {day}",
                             payload=text_file(f"Pengaduan_Terlambat_{day}.txt", paged.file_text),
                             at=now)
                queued += 1
        return queued


def text_file(name: str, text: str) -> dict[str, object]:
    """An outbox payload carrying a UTF-8 text file (a long list)."""
    return {"file": {"name": name, "mime": "text/plain", "as": "document",
                     "data": base64.b64encode(text.encode("utf-8")).decode("ascii")}}
