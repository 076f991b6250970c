"""The daily retention job, run against a clock: drafts, texts, copies and identities go when
config.yml says, the trail stays whole, a second run changes nothing, and each run is logged."""
from __future__ import annotations

import datetime as dt
import logging
import re

import pytest
from sqlalchemy import func, select

from bot.retention import Retention, months_before
from storage.files import FileStore
from storage.models import (Attachment, Complainant, Complaint, ConversationState, JobRun,
                            Message, OutboxItem, StageEvent)
from tests.support.intake import walk
from tests.support.telegram import KASI, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import walk_to

pytestmark = pytest.mark.timeout(180)
FILER, DRAFTER, ASKER = "+6281234500001", "+6281234500002", "+6281234500003"
PHOTO = ("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", "image/jpeg")


def texts(runtime, address: str) -> list[str]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return list(unit.session.scalars(select(Message.body).where(
            Message.address == address).order_by(Message.id)))


def one(runtime, model, **where):  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        query = select(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        found = unit.session.scalars(query).one()
        if model is Complaint:
            _ = found.events
        return found


@pytest.fixture
def office(bot_app, clock, tmp_path):  # type: ignore[no-untyped-def]
    """A named, archived complaint with evidence; an abandoned draft; a person who only asked."""
    app, runtime = bot_app
    filer = TwilioSender(app.test_client(), runtime.config.settings, number=FILER,
                         profile_name="Budi Santoso")
    for said in ("halo", "1", "Paspor saya sudah tiga minggu belum jadi", "lanjut"):
        filer.say(said)

    def say(text: str) -> str:
        if text == "<photo>":
            filer.say("", media=[PHOTO])
            text = "lanjut"
        return filer.says(text)
    filed = walk(say, filer.says("1"), {"Ada bukti": "<photo>", "identitas Anda dicatat": "1"})
    ticket = re.search(r"TRK-[\w-]{9}", filed).group(0)
    walk_to(app, ticket, "archived")
    drafter = TwilioSender(app.test_client(), runtime.config.settings, number=DRAFTER)
    for said in ("halo", "1", "Saya mau melapor soal calo di pelabuhan"):
        drafter.say(said)
    drafter.say("", media=[("https://api.twilio.com/media/ME9", "image/jpeg")])
    asker = TwilioSender(app.test_client(), runtime.config.settings, number=ASKER)
    asker.say("halo")
    asker.say("3")
    TelegramUser(app.test_client(), KASI).send("/inventaris")
    deliver(runtime)
    files = FileStore(tmp_path / "kept")
    blob = files.put(b"foto bukti")
    with runtime.store.unit() as unit:
        evidence = unit.session.scalars(select(Attachment).where(
            Attachment.complaint_id.is_not(None))).one()
        evidence.stored_path, evidence.sha256, evidence.fetch_status = blob.path, blob.sha256, "stored"
    return app, runtime, ticket, Retention(runtime.config.office_config, files), files, blob


def test_retention_over_two_years(office, clock, caplog):
    app, runtime, ticket, job, files, blob = office
    caplog.set_level(logging.INFO, logger="bot.retention")
    trail = len(one(runtime, Complaint, ticket=ticket).events)

    clock.advance(days=31)                                     # drafts go; nothing else yet
    summary = job.run(runtime.store, clock())
    assert summary["drafts"] == 2 and summary["messages"] == 0   # the draft, an old question
    draft = one(runtime, ConversationState, address=DRAFTER)
    assert (draft.state, draft.data) == ("menu", {})
    with runtime.store.unit() as unit:
        urls = dict(unit.session.execute(select(Attachment.id, Attachment.url)).all())
    assert sorted(urls.values()) == ["[dihapus]", PHOTO[0]]    # the filed evidence stays
    assert job.run(runtime.store, clock()) is None             # today's run is done
    again = job.apply(runtime.store, clock())
    assert set(again.values()) == {0}, str(again)   # and changes nothing again
    assert "Paspor saya" in " ".join(texts(runtime, FILER))

    clock.advance(days=60)                                     # 91 days after archiving
    summary = job.run(runtime.store, clock())
    assert summary["messages"] > 0 and summary["notifications"] > 0
    assert summary["document_copies"] >= 2                     # the register's XLSX and CSV
    for person in (FILER, ASKER):                             # (a photo alone has no text)
        assert set(texts(runtime, person)) - {""} == {"[dihapus]"}
    with runtime.store.unit() as unit:
        copies = [o.payload["file"] for o in unit.session.scalars(select(OutboxItem))
                  if o.payload.get("file")]
        bodies = unit.session.scalars(select(OutboxItem.body).where(
            OutboxItem.status == "sent")).all()
    assert copies and all("data" not in c and c["erased"] for c in copies)
    assert all(b == "[dihapus]" for b in bodies)
    complaint = one(runtime, Complaint, ticket=ticket)
    assert complaint.reporter_name == "Budi Santoso" and files.read(blob.path)

    clock.now = months_before(complaint.archived_at, -24) + dt.timedelta(days=1)  # 2 years on
    summary = job.run(runtime.store, clock())
    assert summary["anonymised_complaints"] == 1 and summary["evidence_files"] == 1
    assert summary["erased_people"] == 3                       # filer, drafter, asker
    complaint = one(runtime, Complaint, ticket=ticket)
    assert (complaint.reporter_name, complaint.identity_mode) == (None, "anonymous")
    assert complaint.description.startswith("Paspor saya")     # the record of the case stays
    assert len(complaint.events) == trail + 1 and complaint.events[0].actor.startswith(
        "complainant:")
    erased = complaint.events[-1]                              # filed by name: /hapusdata's line
    assert (erased.action, erased.actor, erased.actor_role) == ("erase", "Sistem", "Sistem")
    with runtime.store.unit() as unit:
        people = unit.session.scalars(select(Complainant)).all()
        runs = unit.session.scalar(select(func.count()).select_from(JobRun))
        assert unit.session.scalar(select(func.count()).select_from(StageEvent)) >= trail
    assert all(p.address.startswith("dihapus-") and p.name is None and p.profile_name is None
               for p in people if p.channel == "whatsapp")
    with pytest.raises(Exception):
        files.read(blob.path)
    assert runs == 3
    assert set(job.apply(runtime.store, clock()).values()) == {0}
    logged = [r.getMessage() for r in caplog.records if r.name == "bot.retention"]
    assert len(logged) == 3 and all(m.startswith("retention ") for m in logged)
    assert "drafts 2" in logged[0] and "erased_people 3" in logged[2]


def test_months_before_keeps_the_day_or_the_month_end():
    at = dt.datetime(2027, 3, 31, 10, 0, tzinfo=dt.timezone.utc)
    assert months_before(at, 24) == at.replace(year=2025)
    assert months_before(at, 1) == at.replace(month=2, day=28)


def test_the_worker_starts_the_run_once_a_day(bot_app, clock):
    import asyncio

    from handlers.worker import Worker
    _, runtime = bot_app
    worker = Worker(runtime.store, runtime.config.settings, {}, runtime.notifier, clock=clock,
                    retention=Retention(runtime.config.office_config))

    async def twice() -> list[object]:
        first = worker.retain_if_due()
        second = worker.retain_if_due()            # within ten minutes: not even checked
        done = await first if first else None      # finished before the next check (else the
        clock.advance(minutes=11)                  # two threads race for the day's claim)
        third = worker.retain_if_due()             # checked, but today's run is done
        return [done, second, await third if third else None]

    done, skipped, again = asyncio.run(twice())
    assert isinstance(done, dict) and skipped is None and again is None
    with runtime.store.unit() as unit:
        [run] = unit.session.scalars(select(JobRun)).all()
    assert run.job == "retention" and run.finished_at is not None and run.summary == done


@pytest.mark.parametrize("how", ["batal", "mulai baru"])
def test_a_cancelled_or_set_aside_drafts_evidence_goes_after_thirty_days(bot_app, clock, how):
    """A draft cancelled (or set aside by 'Mulai baru') keeps its evidence for *pulihkan*; never
    sent, it goes like any abandoned draft's: 30 days untouched."""
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=DRAFTER)
    for said in ("halo", "1", "Saya mau melapor soal calo di pelabuhan", "lanjut", "4"):
        phone.say(said)
    phone.say("", media=[("https://api.twilio.com/media/ME8", "image/jpeg")])
    if how == "batal":
        phone.say("batal")
        assert "*pulihkan*" in phone.says("ya")
    else:
        phone.say("menu")
        phone.say("1")
        assert "*pulihkan*" in phone.says("mulai baru")
    with runtime.store.unit() as unit:
        [photo] = unit.session.scalars(select(Attachment.url)).all()
    assert photo.endswith("ME8")
    clock.advance(days=31)
    Retention(runtime.config.office_config, FileStore(runtime.config.files_dir)).run(
        runtime.store, clock())
    with runtime.store.unit() as unit:
        assert unit.session.scalars(select(Attachment.url)).all() == ["[dihapus]"]
    assert one(runtime, ConversationState, address=DRAFTER).data == {}
