"""The daily retention job: personal data kept only as long as config.yml `retention` says.

Run by the worker once per local day (several workers: the first claims the day). Each step is
idempotent, runs in its own short transaction and is counted; the summary is logged and kept in
`job_runs`. What it does, with the shipped periods:
- abandoned drafts (30 days untouched): the draft (story, name, evidence not filed) dropped;
- message texts (90 days, and only when the person has no complaint open or archived in the
  last 90 days): replaced by "[dihapus]";
- texts of delivered, failed or cancelled notifications (a held ping set aside at its slot, a
  superseded pause message), and copies of files sent to officers, on the same rule;
- PINs still waiting for a delivery receipt: dropped after a day;
- complaints archived 24 months ago: the complainant's name and evidence files removed, and
  people with nothing in use and no contact for 24 months erased (number, names, chats);
- status look-up failures older than a day: pruned;
- web chat sessions' marks: an issued session's after the cookie's 180 days, an ended
  session's once its person is erased.
The audit trails name complainants by internal id only, so they stay whole.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from bot import identity
from storage import retention as queries
from storage import webchat

if TYPE_CHECKING:
    from bot.config import OfficeConfig
    from storage.files import FileStore
    from storage.repo import Store

log = logging.getLogger(__name__)
JOB = "retention"
SECRET_DAYS = 1


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day `months` months earlier (the last day of a shorter month)."""
    year, month = divmod(moment.month - 1 - months, 12)
    year, month = moment.year + year, month + 1
    day = moment.day
    while True:
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            day -= 1


class Retention:
    """Applies config.yml's retention periods; `run` once a day, `apply` any time."""

    def __init__(self, config: "OfficeConfig", files: "FileStore | None" = None):
        self.config = config
        self.files = files

    def run(self, store: "Store", now: dt.datetime) -> dict[str, Any] | None:
        """Today's run, unless another worker claimed today already (None)."""
        day = now.astimezone(self.config.office.tz).date()
        with store.unit() as unit:
            run_id = queries.claim_run(unit.session, JOB, day, now)
        if run_id is None:
            return None
        summary = self.apply(store, now)
        with store.unit() as unit:
            queries.finish_run(unit.session, run_id, now, summary)
        log.info("retention %s: %s", day, ", ".join(f"{k} {v}" for k, v in summary.items()))
        return summary

    def apply(self, store: "Store", now: dt.datetime) -> dict[str, Any]:
        """Every step once, each in its own transaction; returns what each changed."""
        kept = self.config.retention
        days = lambda n: now - dt.timedelta(days=n)  # noqa: E731
        summary: dict[str, Any] = {}
        steps = (
            ("drafts", lambda s: queries.abandoned_drafts(s, days(kept.abandoned_draft_days), now)),
            ("messages", lambda s: queries.message_bodies(s, days(kept.message_body_days))),
            ("notifications", lambda s: queries.outbox_bodies(s, days(kept.outbox_body_days))),
            ("document_copies",
             lambda s: queries.document_copies(s, days(kept.document_copy_days))),
            ("secrets", lambda s: queries.stale_secrets(s, days(SECRET_DAYS))),
            ("lookups", lambda s: queries.prune_lookups(s, days(1))),
        )
        for name, step in steps:
            with store.unit() as unit:
                summary[name] = step(unit.session)
        with store.unit() as unit:
            done = queries.anonymise(unit.session,
                                     months_before(now, kept.anonymise_after_months), now,
                                     identity.forgetting)
        summary["anonymised_complaints"] = done["complaints"]
        summary["erased_people"] = done["people"]
        summary["evidence_files"] = self.discard(done["files"])
        with store.unit() as unit:          # after the erasures: their ended sessions' marks too
            summary["web_sessions"] = webchat.prune_marks(unit.session, now)
        return summary

    def discard(self, paths: list[str]) -> int:
        """Delete kept files no row uses any more (after the transaction that let them go)."""
        if self.files is None:
            return 0
        return sum(self.files.discard(path) for path in paths)
