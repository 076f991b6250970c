"""The complaint register and its monthly recap for the regional office (counts, times, ratings)."""
from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot import identity
from bot.channels import CHANNEL_LABELS
from bot.config import OfficeConfig
from bot.deadlines import outcome_due as promised_outcome
from bot.delicate import delicate
from bot.sop.slots import alert_slot
from bot.paperwork.blocks import ROLE_LABEL, STAGE_LABEL, review_parts
from bot.paperwork.casefile import SERVICE_FOLLOW_UP, follow_up_label
from bot.progress_texts import FOREIGNERS, NO_ONE_AT_FAULT
from bot.sop.deadlines import NoticeKind, service_minutes_between
from bot.sop.hours import ServiceHours
from bot.sop.owners import coarse_due, coarse_late_text, late_text
from bot.sop.stages import ORDER, UNWITHDRAW, WITHDRAW, WITHDRAWN, WITHDRAWN_LABEL, withdrawn
from bot.sop.workflow import FOLLOW_UPS as SOP_FOLLOW_UPS
from bot.sop.workflow import NO_STAFF_FOLLOW_UPS
from bot.sop.workflow import next_transition

if TYPE_CHECKING:
    from storage.models import Complaint, StoredDocument

STEP_LABEL = {  # short, for charts and the time table
    "reported_to_kasi": "Lapor Kasi", "reviewed": "Penelaahan", "examined": "Pemeriksaan (BAP)",
    "followed_up": "Tindak lanjut", "report_drafted": "Susun laporan", "initialed": "Paraf",
    "signed": "Tanda tangan", "reported": "Lapor Kanwil & pelapor", "archived": "Inventarisasi",
}
# A complaint withdrawn before its outcome is "Dicabut" there, never "Belum diputuskan".
VERDICTS = ("benar", "tidak_benar", "dicabut", "pending")
VERDICT_LABEL = {"benar": "Benar", "tidak_benar": "Tidak benar", "dicabut": "Dicabut",
                 "pending": "Belum diputuskan"}
FOLLOW_UPS = ("pembinaan", "hukuman", "tidak_diperlukan", "belum")
# A true complaint's follow-up where it falls on no staff member (a report about foreigners, a
# complaint no one is at fault in: a facility, the app, information): the recap counts it in the
# words the documents, the register and the complainant's message use; listed when any.
OTHER_FOLLOW_UPS = ("peringatan_wna", "tindakan_keimigrasian", "perbaikan_layanan", "aph",
                    "imbauan")
# A sensitive complaint's complainant and channel in a file anyone but the leaders may read
# (README, "Privacy"): the officer it is about may be among the readers.
CONCEALED = "Dirahasiakan"
CONCEALED_CHANNEL = "dirahasiakan"
FOLLOW_UP_LABEL = {**SOP_FOLLOW_UPS,       # the SOP's Indonesian words, no English glosses
                   "peringatan_wna": follow_up_label("benar", "pembinaan", FOREIGNERS),
                   "tindakan_keimigrasian": follow_up_label("benar", "hukuman", FOREIGNERS),
                   "perbaikan_layanan": SERVICE_FOLLOW_UP,
                   "tidak_diperlukan": "Tidak diperlukan (tidak benar)",
                   "belum": "Belum ditindaklanjuti"}
NO_SECTION = "-"


@dataclass(frozen=True)
class RegisterRow:
    """One complaint in the register; datetimes timezone-aware."""

    ticket: str
    received_at: dt.datetime
    channel: str
    type: str
    section: str | None
    stage: str
    verdict: str | None = None            # benar | tidak_benar | None
    follow_up: str | None = None          # pembinaan | hukuman | None
    finished_at: dt.datetime | None = None
    stage_times: tuple[tuple[str, dt.datetime], ...] = ()   # (stage, entered_at), any order
    rating: int | None = None             # 1..5
    rating_comment: str | None = None
    external_source: str | None = None    # e.g. LAPOR!, SIPENSIKIM
    external_id: str | None = None
    letter_number: str | None = None      # the cover letter's number (step 6)
    summary: str = ""                     # the story, trimmed
    bap_number: str | None = None         # step 4's Berita Acara Pemeriksaan
    bap_date: dt.date | None = None
    kanwil_reported_on: dt.date | None = None   # step 9's report to the regional office
    kanwil_means: str | None = None
    kanwil_reference: str | None = None
    outcome_message: str | None = None   # step 9: what the complainant was told
    signed_sha256: str | None = None      # the signed report PDF's file hash (step 8)
    # The code printed on every page of the signed documents: the SHA-256 of the signed
    # content (bot/paperwork/archive.py), which a reader holding the PDF can match.
    verification_code: str | None = None
    reporter: str = "-"                   # as the identity policy names them in files
    # A complaint held for its slot (`identity.held_for_slot`) in a file not only for the
    # leaders: no channel, and its moments as dates (a receipt to the minute points at who was
    # at the counter or wrote at 21:47); received_at keeps the time, for the recap's step
    # figures only, which measure it from `released_at`. A sensitive one names no complainant
    # either (`reporter`).
    concealed: bool = False
    # A concealed row read against a `Clock`: the slot its alert went at, when the group
    # learned of it (`bot.sop.slots.alert_slot`). Its step figures count no moment before it
    # (`measured`): "Median 26" beside a step done at 10.07 gave back a receipt at 09.41.
    released_at: dt.datetime | None = None
    # Deadlines (set when the row is read against a `Clock`): the outcome's (the date the
    # ticket message promises, `bot.deadlines.outcome_due`), the next step's (Complaint.due_at,
    # what /lihat marks "TERLAMBAT"), and why the complaint is late, if it is.
    outcome_due: dt.datetime | None = None
    next_due: dt.datetime | None = None
    late: str | None = None
    # Step 3 told to the head of office (SOP: Kasi Tikkim consults him): whether and to whom
    # ("Disampaikan kepada Kepala Kantor"), and when it was sent to him (`head_review`).
    head_told: str | None = None
    head_told_at: dt.datetime | None = None

    def __post_init__(self) -> None:
        moments = [self.received_at, self.finished_at, self.outcome_due, self.next_due,
                   self.head_told_at, self.released_at, *(at for _, at in self.stage_times)]
        if any(m is not None and m.tzinfo is None for m in moments):
            raise ValueError(f"{self.ticket}: datetimes must be timezone-aware")
        if self.rating is not None and self.rating not in range(1, 6):
            raise ValueError(f"{self.ticket}: rating must be 1..5, got {self.rating}")


EXTERNAL = ("lapor", "sipensikim")   # channels whose complaints carry a tracking id
SUMMARY_CHARS = 160


def short_description(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The story on one line, cut at a word boundary with "…" when longer than `limit`."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,.;:") + "…"


@dataclass(frozen=True)
class _Unnamed:
    """A complaint as a file that may not name its complainant reads it (as if confidential):
    the names known of them are masked in what officers typed for the file."""

    ticket: str
    reporter_name: str | None
    type: str
    identity_mode: str = identity.Mode.CONFIDENTIAL.value


@dataclass(frozen=True)
class Clock:
    """What a row's deadlines are read against: the office (its time standards), its service
    hours, and the moment the file is made."""

    config: OfficeConfig
    hours: ServiceHours
    now: dt.datetime


ON_TIME = "Tepat waktu (selesai sebelum batas penyelesaian)"
IN_PROGRESS = "Dalam proses, belum lewat batas"
WITHDRAWN_ROW = f"{WITHDRAWN_LABEL} atas permintaan pelapor (tidak diukur)"


def timeliness(row: RegisterRow) -> str:
    """The register's on-time column: 'Terlambat: …', 'Tepat waktu' (finished by its
    deadline), 'Dalam proses, belum lewat batas', 'Dicabut …' (closed at the complainant's
    request: not measured), or '' when the row was read without a clock."""
    if row.stage == WITHDRAWN:
        return WITHDRAWN_ROW
    if row.late:
        return f"Terlambat: {row.late}"
    if row.outcome_due is None:
        return ""
    return ON_TIME if row.finished_at is not None else IN_PROGRESS


def _lateness(complaint: "Complaint", finished: dt.datetime | None, outcome: dt.datetime,
              clock: Clock, released: dt.datetime | None) -> str | None:
    """Why the complaint is late, or None: its next step past the deadline /lihat shows
    (Complaint.due_at), finished after the outcome's deadline, or still open past it.
    `released` (a concealed row's slot, `RegisterRow.released_at`): whole hours, as /lihat
    tells them (owners.coarse_late_text), from deadlines as of its slot (owners.coarse_due)."""
    shown = late_text if released is None else coarse_late_text
    due = complaint.due_at
    if released is not None:
        due = coarse_due(clock.config, clock.hours, complaint, due, released)
        outcome = max(outcome, promised_outcome(clock.config, clock.hours, released))
    if due is not None and due < clock.now:
        step = next_transition(complaint.stage, complaint.verdict)
        name = STEP_LABEL.get(step.target.value, step.target.value) if step else "Langkah"
        return (f"{name} lewat batas "
                f"{shown(service_minutes_between(clock.hours, due, clock.now))}")
    if finished is not None:
        if finished <= outcome:
            return None
        return (f"selesai {shown(service_minutes_between(clock.hours, outcome, finished))} "
                "setelah batas penyelesaian")
    if outcome < clock.now:
        return (f"lewat batas penyelesaian "
                f"{shown(service_minutes_between(clock.hours, outcome, clock.now))}")
    return None


# The sweep's escalations (bot.sop.sweep, recorded in sent_notices), lowest level first, and how
# the register names each.
ESCALATIONS = (NoticeKind.ESCALATE_KASI.value, NoticeKind.ESCALATE_KEPALA.value)
ESCALATED_TO = {NoticeKind.ESCALATE_KASI.value: "Kasi Tikkim",
                NoticeKind.ESCALATE_KEPALA.value: "Kepala Kantor"}


def escalations(ticket: str, told: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The highest escalation the sweep recorded, per stage the complaint waited in: from the
    (key, kind) of its notices that reached someone (`Unit.notices_told`), keys as
    `bot.sop.deadlines.notice_key` makes them ("<ticket>:<stage>@<entry>…:<kind>"). Every
    entry into a stage counts (a step sent back and done again waited there twice)."""
    highest: dict[str, str] = {}
    prefix = f"{ticket}:"
    for key, kind in told:
        if kind not in ESCALATIONS or not key.startswith(prefix):
            continue
        stage = key[len(prefix):].split("@", 1)[0]
        if ESCALATIONS.index(kind) >= ESCALATIONS.index(highest.get(stage, kind)):
            highest[stage] = kind
    return highest


def late_steps(row: RegisterRow, clock: Clock, coarse: bool = False,
               escalated: Mapping[str, str] | None = None) -> list[str]:
    """The steps done after their deadline, each with how late and how far the deadline sweep
    took it: the Waktu sheet's measure (`step_minutes` past the step's standard), so that a step
    finished late (the Kepala Kantor told "Terlambat") stays on the row once it is done.

    `escalated` (`escalations`): the highest level the sweep told while the complaint waited
    in each stage. Only that is said, never what the ladder would have done: a step done late
    while no sweep ran (an outage, after service hours, an office whose policy changed since),
    or whose escalation reached nobody (a held complaint's timed by its receipt), went to no
    one, and the leaders and the Kanwil read the register as proof of handling."""
    shown = coarse_late_text if coarse else late_text
    standards = clock.config.sop.time_standards_minutes
    escalated = escalated or {}
    reached = [stage.value for stage in ORDER if stage.value in measured(row)]
    waited = dict(zip(reached[1:], reached))     # step_minutes' "latest earlier stage"
    said = []
    for stage, minutes in step_minutes(row, clock.hours).items():
        if stage not in standards or minutes <= standards[stage]:
            continue
        kind = escalated.get(waited.get(stage, ""))
        told = f", dieskalasi ke {ESCALATED_TO[kind]}" if kind else ""
        said.append(f"{STEP_LABEL.get(stage, stage)} selesai "
                    f"{shown(minutes - standards[stage])} setelah batas waktunya{told}")
    return said


CONCEALED_REVIEW = "Disampaikan kepada pimpinan"   # a sensitive row outside the leaders' files


def head_review(complaint: "Complaint") -> tuple[str | None, dt.datetime | None]:
    """Step 3's word to the head of office, as the register carries it: ("Disampaikan kepada
    Kepala Kantor", when it was sent: the step's moment, the review going to him privately in
    the same transaction); ("Belum dapat disampaikan kepada …", None) when nobody could be
    reached; ("Ditelaah sendiri oleh Kepala Kantor (menggantikan Kasi Tikkim)", when) when he
    did the step; ("Tidak tercatat", None) for a step 3 recorded before the bot told him;
    (None, None) before step 3. `whom` is the role ("Plh. Kepala Kantor"), never a name."""
    reviews = [e for e in complaint.events if e.to_stage == "reviewed"
               and e.from_stage != "reviewed"]
    if not reviews:
        return None, None
    event = max(reviews, key=lambda e: (e.at, e.id or 0))
    if event.actor_role != "kasi_tikkim":
        who = ROLE_LABEL.get(event.actor_role, event.actor_role)
        return f"Ditelaah sendiri oleh {who} (menggantikan Kasi Tikkim)", event.at
    whom, told = review_parts(event.note)
    if whom is None:
        return "Tidak tercatat", None
    if not told:
        return f"Belum dapat disampaikan kepada {whom} lewat bot", None
    return f"Disampaikan kepada {whom}", event.at


def register_row(complaint: "Complaint", sensitive_types: Iterable[str] = (), *,
                 leaders: bool = False, clock: Clock | None = None,
                 escalated: Mapping[str, str] | None = None) -> RegisterRow:
    """A stored complaint (with its history loaded) as a row of the register; the identity
    policy names the complainant and keeps a sensitive complaint's story out of the file.

    `leaders`: the file goes only to Kasi Tikkim or the Kepala Kantor, in a private chat. Any
    other file (the group's, another officer's) is read by officers a levy or conduct complaint
    may be about, so a sensitive complaint's row names nobody, whatever the complainant chose,
    and carries nothing that narrows who wrote: no channel or tracking id, no name in the
    Kanwil's reference, dates without the time (`RegisterRow.concealed`); a confidential or
    anonymous one's row, whose alert waited for its slot too, no channel and dates alone.

    `clock`: the row carries its deadlines and whether it is late (a concealed row's
    lateness in whole hours, and its step figures, from its slot: `RegisterRow.released_at`);
    `escalated` (`escalations`): how far the sweep took each late step (`late_steps`), none
    said when not given."""
    # a withdrawal and its undoing are no SOP step: neither is measured, nor finishes it
    moves = tuple((e.to_stage, e.at) for e in complaint.events
                  if e.from_stage != e.to_stage and e.to_stage != "received"
                  and e.action not in (WITHDRAW, UNWITHDRAW))
    gone = withdrawn(complaint)
    finished = min((at for stage, at in moves if stage in ("reported", "archived")), default=None)
    concealed = identity.is_sensitive(complaint, sensitive_types) and not leaders
    # a confidential or anonymous complaint's channel and moments too (`conceals_receipt`):
    # its alert waited for its slot, which a minute in the register would undo; an anonymous
    # one's in the leaders' own files as well (`identity.anonymous_to_all`: they read the
    # group, where the person's named trace came a minute before the receipt)
    held = identity.held_for_slot(complaint, sensitive_types)
    undated = held and (not leaders or identity.anonymous_to_all(complaint))
    # its channel they keep: a month's count by channel for the Kanwil stays true, and a
    # channel without the minute ties no one
    unsourced = held and not leaders
    source = CHANNEL_LABELS[complaint.channel] if complaint.channel in EXTERNAL else None
    reference = complaint.kanwil_reference
    if concealed:
        reference = identity.officers_text_in_file(
            reference, _Unnamed(complaint.ticket, complaint.reporter_name, complaint.type),
            complaint.complainant)
    told, told_at = head_review(complaint)
    if concealed and told_at is not None:
        # who stood in, or which deputy was told, would show who the complaint keeps away
        told = CONCEALED_REVIEW
    elif concealed and told and told.startswith("Belum"):
        told = "Belum dapat disampaikan lewat bot"
    outcome = due = released = None
    if clock is not None:
        outcome = promised_outcome(clock.config, clock.hours, complaint.created_at)
        due = None if gone else complaint.due_at
        released = alert_slot(clock.config, complaint.created_at) if undated else None
    row = RegisterRow(
        ticket=complaint.ticket, received_at=complaint.created_at,
        channel=CONCEALED_CHANNEL if unsourced else complaint.channel,
        type=complaint.type, section=complaint.section,
        stage=WITHDRAWN if gone else complaint.stage,
        verdict=complaint.verdict, follow_up=complaint.follow_up, finished_at=finished,
        stage_times=moves, rating=complaint.rating,
        rating_comment=rating_comment(complaint, sensitive_types, leaders=leaders),
        external_source=None if unsourced else source,
        external_id=None if concealed else identity.file_tracking(complaint),
        letter_number=complaint.letter_number,
        summary=identity.file_summary(complaint, short_description(identity.complainant_text(
            complaint.description, complaint, complaint.complainant, identity.FILE)),
            sensitive_types),
        bap_number=complaint.bap_number, bap_date=complaint.bap_date,
        kanwil_reported_on=complaint.kanwil_reported_on, kanwil_means=complaint.kanwil_means,
        kanwil_reference=reference,
        outcome_message=identity.file_summary(complaint, _officers_words(complaint),
                                              sensitive_types)
        if complaint.outcome_message else None,
        signed_sha256=_signed_sha256(complaint),
        verification_code=_verification_code(complaint),
        reporter=CONCEALED if concealed else identity.file_label(complaint),
        concealed=undated, released_at=released, outcome_due=outcome, next_due=due,
        head_told=told, head_told_at=told_at)
    if clock is None or outcome is None or gone:
        return row
    said = [_lateness(complaint, finished, outcome, clock, released),
            *late_steps(row, clock, coarse=undated, escalated=escalated)]
    return replace(row, late="; ".join(s for s in said if s) or None)


# A rating comment the register may not carry; the leaders read it (a levy reported in it
# goes to them as a follow-up) and the person's own data export keeps it.
SENSITIVE_COMMENT = "(pengaduan sensitif: komentar penilaian tidak dicantumkan)"
DELICATE_COMMENT = ("(komentar melaporkan pungli atau perilaku petugas: hanya untuk Kasi Tikkim "
                    "dan Kepala Kantor)")


def rating_comment(complaint: "Complaint", sensitive_types: Iterable[str] = (), *,
                   leaders: bool = False) -> str | None:
    """The complainant's rating comment as the register and the recap carry it: like the
    story, not at all for a sensitive complaint, nor when it reports a levy, a broker, a bribe
    or an officer's conduct (the officer concerned may read the file: it is the leaders'),
    otherwise as the identity policy lets a file carry the complainant's words.

    Such a comment is marked only in the leaders' own files: anywhere else a marker in a
    named complainant's row would tell the group that this person reported a levy or an
    officer, so the row reads as a rating without a comment."""
    said = complaint.rating_comment
    if not said or not said.strip():
        return None
    if identity.is_sensitive(complaint, sensitive_types):
        return SENSITIVE_COMMENT
    if delicate(said):
        return DELICATE_COMMENT if leaders else None
    return identity.complainant_text(said, complaint, complaint.complainant,
                                     identity.FILE) or None


def _officers_words(complaint: "Complaint") -> str:
    """The step-9 message to the complainant as the register may carry it: officers address
    people by name and quote their number ("Yth. Bapak …, kami sudah menelepon Bapak di
    0812…"), so the file's rule applies as to the complainant's own words."""
    return identity.officers_text_in_file(complaint.outcome_message, complaint,
                                          complaint.complainant) or ""


def _signed_report(complaint: "Complaint") -> "StoredDocument | None":
    """The signed report's PDF as kept at step 8 (None before)."""
    found = [d for d in getattr(complaint, "documents", None) or ()
             if d.role == "signed" and d.kind == "report" and d.name.lower().endswith(".pdf")]
    return found[-1] if found else None


def _signed_sha256(complaint: "Complaint") -> str | None:
    """The SHA-256 of the signed report's PDF file (the /dokumen caption's)."""
    found = _signed_report(complaint)
    return found.sha256 if found else None


def _verification_code(complaint: "Complaint") -> str | None:
    """The verification code printed on the signed documents' pages: the SHA-256 of the
    signed content (`bot.paperwork.archive.snapshot`), kept with each signed copy."""
    found = _signed_report(complaint)
    return found.content_sha256 if found else None


@dataclass(frozen=True)
class Labels:
    """Indonesian names for the keys stored in the register."""

    types: Mapping[str, str]
    sections: Mapping[str, str]
    channels: Mapping[str, str] = field(
        default_factory=lambda: {**CHANNEL_LABELS, CONCEALED_CHANNEL: CONCEALED})

    @classmethod
    def from_config(cls, config: OfficeConfig) -> "Labels":
        return cls(types={k: t.id for k, t in config.complaint_types.items()},
                   sections={k: s.name for k, s in config.sections.items()})

    def type(self, key: str) -> str:
        return self.types.get(key, key)

    def section(self, key: str | None) -> str:
        return "Belum ditentukan" if key in (None, NO_SECTION) else self.sections.get(key, key)

    def channel(self, key: str) -> str:
        return self.channels.get(key, key)


@dataclass(frozen=True)
class StepStats:
    """Service minutes one SOP step took, against its standard."""

    stage: str
    standard_minutes: int
    count: int
    within: int
    median_minutes: float | None
    max_minutes: float | None
    overdue_open: int = 0       # of `count`: steps still open and already past their standard

    @property
    def share_within(self) -> float | None:
        return self.within / self.count if self.count else None


@dataclass(frozen=True)
class MonthlyRecap:
    """The month's figures; counts keyed by the register's keys."""

    year: int
    month: int
    rows: tuple[RegisterRow, ...]
    by_type: dict[str, int]
    by_channel: dict[str, int]
    by_section: dict[str, int]
    verdicts: dict[str, int]
    follow_ups: dict[str, int]
    finished: int
    steps: tuple[StepStats, ...]
    complaints_measured: int
    complaints_within: int
    rating_distribution: dict[int, int]
    rating_average: float | None
    # Complaints of the month whose rows this reader may not have (an officer kept away from
    # them, or the group he reads): counted in the total, so the office's figure stays true,
    # and in nothing else (a verdict or a step's time could be told apart by difference).
    withheld: int = 0

    @property
    def total(self) -> int:
        return len(self.rows) + self.withheld

    @property
    def nil(self) -> bool:
        """No complaint at all that month: the recap still goes to the Kanwil, as a nil
        report ("Nihil"), its figures zero."""
        return self.total == 0

    @property
    def withdrawn(self) -> int:
        """Rows withdrawn at the complainant's request: closed, neither finished nor late."""
        return sum(r.stage == WITHDRAWN for r in self.rows)

    @property
    def in_progress(self) -> int:
        """Rows shown, not yet finished and not withdrawn (withheld complaints are in none of
        these figures)."""
        return len(self.rows) - self.finished - self.withdrawn

    @property
    def step_share_within(self) -> float | None:
        """Share of all measured steps done within their standard."""
        count = sum(s.count for s in self.steps)
        return sum(s.within for s in self.steps) / count if count else None

    @property
    def complaint_share_within(self) -> float | None:
        """Share of measured complaints whose every measured step met its standard."""
        if not self.complaints_measured:
            return None
        return self.complaints_within / self.complaints_measured

    @property
    def late(self) -> tuple[RegisterRow, ...]:
        """Rows late to date (`RegisterRow.late`: a step past its deadline, done or still
        open, or the outcome's; rows read without a clock never are)."""
        return tuple(r for r in self.rows if r.late)

    @property
    def rating_count(self) -> int:
        return sum(self.rating_distribution.values())


def _local_month(moment: dt.datetime, tz: ZoneInfo) -> tuple[int, int]:
    local = moment.astimezone(tz)
    return local.year, local.month


def month_rows(rows: Iterable[RegisterRow], year: int, month: int,
               zone: str = "Asia/Makassar") -> list[RegisterRow]:
    """The rows received in that month, local time, oldest first."""
    tz = ZoneInfo(zone)
    chosen = [r for r in rows if _local_month(r.received_at, tz) == (year, month)]
    return sorted(chosen, key=lambda r: (r.received_at, r.ticket))


def entered(row: RegisterRow) -> dict[str, dt.datetime]:
    """When the complaint first entered each stage; `received` defaults to received_at."""
    first: dict[str, dt.datetime] = {"received": row.received_at}
    for stage, at in sorted(row.stage_times, key=lambda item: item[1]):
        if stage != "received":
            first.setdefault(stage, at)
    return first


def measured(row: RegisterRow) -> dict[str, dt.datetime]:
    """`entered` as the step figures count it: a concealed row's moments never before its slot
    (`RegisterRow.released_at`), so that a step's minutes go back to when the group learned
    of it, not to the receipt its date hides."""
    times = entered(row)
    if row.released_at is None:
        return times
    return {stage: max(at, row.released_at) for stage, at in times.items()}


def step_minutes(row: RegisterRow, hours: ServiceHours) -> dict[str, float]:
    """Service minutes to reach each stage from the latest earlier stage entered (skips allowed;
    a concealed row's from its slot, `measured`)."""
    times = measured(row)
    result: dict[str, float] = {}
    previous: dt.datetime | None = None
    for stage in ORDER:
        at = times.get(stage.value)
        if at is None:
            continue
        if previous is not None:
            result[stage.value] = service_minutes_between(hours, previous, at)
        previous = at
    return result


def follow_up_key(verdict: str | None, follow_up: str | None, type_key: str | None) -> str:
    """The recap's follow-up category: the SOP's coaching or discipline for the office's own
    people; for foreigners reported and a complaint no one is at fault in, what the documents
    say (bot.paperwork.casefile.follow_up_label)."""
    if verdict == "tidak_benar":
        return "tidak_diperlukan"
    if follow_up not in SOP_FOLLOW_UPS:
        return "belum"
    if follow_up in NO_STAFF_FOLLOW_UPS:     # no officer involved: its own category, any type
        return follow_up
    if type_key == FOREIGNERS:
        return "tindakan_keimigrasian" if follow_up == "hukuman" else "peringatan_wna"
    if type_key in NO_ONE_AT_FAULT:
        return "perbaikan_layanan"
    return follow_up


def _follow_ups(rows: list[RegisterRow]) -> dict[str, int]:
    """Follow-ups counted by category: the SOP's always, the others when any."""
    counted = Counter(follow_up_key(r.verdict, r.follow_up, r.type) for r in rows)
    return {k: counted[k] for k in (*FOLLOW_UPS[:2], *OTHER_FOLLOW_UPS, *FOLLOW_UPS[2:])
            if k in FOLLOW_UPS or counted[k]}


def _ranked(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def overdue_open_step(row: RegisterRow, hours: ServiceHours, standards: Mapping[str, int],
                      as_of: dt.datetime) -> tuple[str, float] | None:
    """(stage, service minutes so far) of the row's next step when it is open and already
    past its standard at `as_of`: a miss to date, which the recap counts as one."""
    transition = next_transition(row.stage, row.verdict)
    if transition is None or transition.target.value not in standards:
        return None
    since = measured(row).get(row.stage)
    if since is None or since >= as_of:
        return None
    elapsed = service_minutes_between(hours, since, as_of)
    if elapsed <= standards[transition.target.value]:
        return None
    return transition.target.value, elapsed


def monthly_recap(rows: Iterable[RegisterRow], year: int, month: int, hours: ServiceHours,
                  standards: Mapping[str, int], zone: str = "Asia/Makassar",
                  as_of: dt.datetime | None = None, withheld: int = 0) -> MonthlyRecap:
    """The recap of complaints received in that month (their steps measured to date).

    With `as_of`, a step still open and already past its standard counts as measured and
    missed (its minutes so far), so that lateness is never left out of the on-time figures.
    `withheld`: complaints of the month left out of `rows` for this reader, counted only in
    the total.
    """
    chosen = month_rows(rows, year, month, zone)
    measured = [step_minutes(r, hours) for r in chosen]
    late_open: list[str | None] = []
    for row, minutes in zip(chosen, measured):
        late = overdue_open_step(row, hours, standards, as_of) if as_of else None
        if late is not None:
            minutes[late[0]] = late[1]
        late_open.append(late[0] if late else None)
    steps = []
    for stage in ORDER:
        if stage.value not in standards:
            continue
        limit = standards[stage.value]
        values = [m[stage.value] for m in measured if stage.value in m]
        steps.append(StepStats(
            stage=stage.value, standard_minutes=limit, count=len(values),
            within=sum(v <= limit for v in values),
            median_minutes=statistics.median(values) if values else None,
            max_minutes=max(values) if values else None,
            overdue_open=late_open.count(stage.value)))
    judged = [m for m in measured if any(stage in standards for stage in m)]
    ratings = [r.rating for r in chosen if r.rating is not None]
    return MonthlyRecap(
        year=year, month=month, rows=tuple(chosen),
        by_type=_ranked(Counter(r.type for r in chosen)),
        by_channel=_ranked(Counter(r.channel for r in chosen)),
        by_section=_ranked(Counter(r.section or NO_SECTION for r in chosen)),
        verdicts={k: sum(verdict_key(r) == k for r in chosen) for k in VERDICTS},
        follow_ups=_follow_ups(chosen),
        finished=sum(r.finished_at is not None for r in chosen),
        steps=tuple(steps),
        complaints_measured=len(judged),
        complaints_within=sum(all(v <= standards[s] for s, v in m.items() if s in standards)
                              for m in judged),
        rating_distribution={n: ratings.count(n) for n in range(1, 6)},
        rating_average=statistics.fmean(ratings) if ratings else None,
        withheld=withheld,
    )


def verdict_key(row: RegisterRow) -> str:
    """A row's outcome as the recap counts it: its verdict, "dicabut" when withdrawn with
    none, else "pending"."""
    if row.verdict:
        return row.verdict
    return "dicabut" if row.stage == WITHDRAWN else "pending"


def stage_label(stage: str) -> str:
    if stage == WITHDRAWN:
        return WITHDRAWN_LABEL
    return STAGE_LABEL.get(stage, stage)
