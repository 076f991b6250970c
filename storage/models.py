"""Typed SQLAlchemy models: the complaint register and everything the conversation keeps."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC datetimes on every engine (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.timezone.utc)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc)


class Base(DeclarativeBase):
    type_annotation_map = {dt.datetime: UTCDateTime(), dict[str, Any]: JSON()}


class Complainant(Base):
    """A person as seen on one channel (WhatsApp number, SMS number, Telegram chat)."""

    __tablename__ = "complainants"
    __table_args__ = (UniqueConstraint("channel", "address", name="uq_complainant_identity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(64))
    name: Mapped[str | None] = mapped_column(String(200))
    profile_name: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(5), default="id")
    consent_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]
    last_inbound_at: Mapped[dt.datetime | None]

    complaints: Mapped[list["Complaint"]] = relationship(back_populates="complainant")


class Complaint(Base):
    """One complaint in the register, whatever channel it came by."""

    __tablename__ = "complaints"
    __table_args__ = (Index("uq_complaint_letter", "letter_year", "letter_seq", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket: Mapped[str] = mapped_column(String(20), unique=True)
    pin_hash: Mapped[str] = mapped_column(String(200))
    complainant_id: Mapped[int | None] = mapped_column(ForeignKey("complainants.id"))
    channel: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(5))
    type: Mapped[str] = mapped_column(String(40))
    type_source: Mapped[str] = mapped_column(String(20))  # complainant | nlu | officer
    type_confidence: Mapped[float | None] = mapped_column(Float)
    predicted_type: Mapped[str | None] = mapped_column(String(40))
    predicted_confidence: Mapped[float | None] = mapped_column(Float)
    model_version: Mapped[str | None] = mapped_column(String(200))
    type_changed_by: Mapped[str | None] = mapped_column(String(20))  # complainant | officer
    description: Mapped[str] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(String(40))
    place_detail: Mapped[str | None] = mapped_column(String(500))
    incident_time_text: Mapped[str | None] = mapped_column(String(200))
    incident_date: Mapped[dt.date | None]
    reported_party: Mapped[str | None] = mapped_column(String(500))
    reference_number: Mapped[str | None] = mapped_column(String(100))  # application/permit no.
    desired_outcome: Mapped[str | None] = mapped_column(Text)          # what the person wants
    reporter_name: Mapped[str | None] = mapped_column(String(200))
    # named | confidential | anonymous: bot/identity.py decides who sees what
    identity_mode: Mapped[str] = mapped_column(String(20), default="named")
    stage: Mapped[str] = mapped_column(String(30))
    section: Mapped[str | None] = mapped_column(String(40))        # the "seksi terkait"
    assigned_to: Mapped[str | None] = mapped_column(String(100))   # officer who took it
    verdict: Mapped[str | None] = mapped_column(String(20))        # benar | tidak_benar
    follow_up: Mapped[str | None] = mapped_column(String(20))      # pembinaan | hukuman
    due_at: Mapped[dt.datetime | None]                             # deadline of the next step
    external_id: Mapped[str | None] = mapped_column(String(100))   # LAPOR!/SIPENSIKIM tracking id
    letter_number: Mapped[str | None] = mapped_column(String(120))  # assigned at step 6
    letter_year: Mapped[int | None] = mapped_column(Integer)
    letter_seq: Mapped[int | None] = mapped_column(Integer)
    letter_at: Mapped[dt.datetime | None]
    rating: Mapped[int | None] = mapped_column(Integer)            # 1..5, from the complainant
    rating_comment: Mapped[str | None] = mapped_column(Text)
    rated_at: Mapped[dt.datetime | None]
    # Step 4: the examination's record (Berita Acara Pemeriksaan).
    bap_number: Mapped[str | None] = mapped_column(String(120))
    bap_date: Mapped[dt.date | None]
    # Step 9: the report to the regional office (Kanwil): when, by what means, its reference.
    kanwil_reported_on: Mapped[dt.date | None]
    kanwil_means: Mapped[str | None] = mapped_column(String(60))       # e.g. surat, pos-el
    kanwil_reference: Mapped[str | None] = mapped_column(String(200))  # number or proof
    archived_at: Mapped[dt.datetime | None]                        # SOP step 10 (retention)
    # Step 9: what the complainant was told (the officer's own words, confirmed before sending).
    outcome_message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]

    complainant: Mapped[Complainant | None] = relationship(back_populates="complaints")
    attachments: Mapped[list["Attachment"]] = relationship(
        back_populates="complaint", order_by="Attachment.id")
    events: Mapped[list["StageEvent"]] = relationship(
        back_populates="complaint", order_by="StageEvent.id")
    documents: Mapped[list["StoredDocument"]] = relationship(
        order_by="StoredDocument.id", viewonly=True)


class Message(Base):
    """Every inbound and outbound message; a provider id is unique so retries are recognised."""

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("provider", "provider_id", name="uq_message_provider_id"),
        Index("ix_messages_identity", "channel", "address", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))  # in | out
    provider: Mapped[str] = mapped_column(String(20))  # twilio | telegram | terminal
    provider_id: Mapped[str | None] = mapped_column(String(100))
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(64))
    complainant_id: Mapped[int | None] = mapped_column(ForeignKey("complainants.id"))
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]

    attachments: Mapped[list["Attachment"]] = relationship(back_populates="message")


class Attachment(Base):
    """Evidence sent with a message (photo, document), linked to its complaint once filed.

    `url` is where the channel keeps it (a Twilio media URL, or "telegram-file:<file_id>",
    never a URL with the bot token); the bytes are downloaded by the worker into the file
    store, and `sha256`, `size` and `stored_path` say what was kept.
    """

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"))
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"), index=True)
    url: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[dt.datetime]
    # pending | stored | failed | too_large (NULL on rows older than the evidence store)
    fetch_status: Mapped[str | None] = mapped_column(String(20))
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(Integer)
    stored_path: Mapped[str | None] = mapped_column(String(200))
    stored_at: Mapped[dt.datetime | None]

    message: Mapped[Message] = relationship(back_populates="attachments")
    complaint: Mapped[Complaint | None] = relationship(back_populates="attachments")


class StageEvent(Base):
    """Append-only audit trail: who moved a complaint from which stage to which, and when."""

    __tablename__ = "stage_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    actor: Mapped[str] = mapped_column(String(100))
    actor_role: Mapped[str] = mapped_column(String(40))
    from_stage: Mapped[str | None] = mapped_column(String(30))
    to_stage: Mapped[str] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime]
    # What was done: filed, stage, take, retype, forward, update, relay (NULL on old rows).
    action: Mapped[str | None] = mapped_column(String(30))
    # The capacity an approval was given in for someone else: an | plh | plt (step 8 signed by
    # a deputy for an absent head of office); NULL when the officer acted in their own right.
    capacity: Mapped[str | None] = mapped_column(String(10))

    complaint: Mapped[Complaint] = relationship(back_populates="events")


class ConversationState(Base):
    """Where one channel identity is in the conversation; `version` guards concurrent turns."""

    __tablename__ = "conversation_states"
    __table_args__ = (UniqueConstraint("channel", "address", name="uq_conversation_identity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime]

    __mapper_args__ = {"version_id_col": version}


class OutboxItem(Base):
    """A message waiting to be delivered by the worker, written in the causing transaction."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_chat", "channel", "address", "id"),
        Index("ix_outbox_provider_id", "provider_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))      # reply | alert | update | relay | ...
    channel: Mapped[str] = mapped_column(String(20))   # telegram | whatsapp | sms
    address: Mapped[str] = mapped_column(String(64))   # chat id or phone number
    body: Mapped[str] = mapped_column(Text)            # plain text, always present
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"))
    complainant_id: Mapped[int | None] = mapped_column(ForeignKey("complainants.id"))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime]
    locked_until: Mapped[dt.datetime | None]
    locked_by: Mapped[str | None] = mapped_column(String(100))
    last_error: Mapped[str | None] = mapped_column(Text)
    provider_id: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime]
    sent_at: Mapped[dt.datetime | None]
    # What the provider reported after accepting it (Twilio StatusCallback): queued, sent,
    # delivered, read, undelivered, failed; with its error code (e.g. 63016).
    delivery_status: Mapped[str | None] = mapped_column(String(20))
    delivery_error: Mapped[str | None] = mapped_column(String(20))
    delivery_at: Mapped[dt.datetime | None]
    # Values filled in at send time (a PIN) and dropped once delivered: {mask: value}.
    secret: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), default=None)


class OfficerAction(Base):
    """Append-only log of every officer action attempted, allowed or refused, reads included."""

    __tablename__ = "officer_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime]
    channel: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[str] = mapped_column(String(64))
    actor_name: Mapped[str | None] = mapped_column(String(200))
    actor_role: Mapped[str | None] = mapped_column(String(40))   # NULL: not on the roster
    chat_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(30))
    ticket: Mapped[str | None] = mapped_column(String(40))
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"), index=True)
    allowed: Mapped[bool] = mapped_column(Boolean)
    detail: Mapped[str | None] = mapped_column(Text)


class ChatMigration(Base):
    """A Telegram group upgraded to a supergroup: messages to the old id go to the new one."""

    __tablename__ = "chat_migrations"

    old_chat_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    new_chat_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime]


class SentNotice(Base):
    """A deadline reminder or escalation already queued; the unique key makes it happen once."""

    __tablename__ = "sent_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    # NULL: a mark about no single complaint (the day's digest, an unreachable officer).
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    role: Mapped[str] = mapped_column(String(40))
    due_at: Mapped[dt.datetime]
    sent_at: Mapped[dt.datetime]


class LeaderAbsence(Base):
    """The head of office marked away, and the deputy (roster) who signs meanwhile."""

    __tablename__ = "leader_absences"
    __table_args__ = (Index("ix_leader_absences_open", "ended_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[str] = mapped_column(String(64))     # the head's Telegram id
    deputy_id: Mapped[str] = mapped_column(String(64))
    capacity: Mapped[str] = mapped_column(String(10))       # plh | plt | an
    started_at: Mapped[dt.datetime]
    ended_at: Mapped[dt.datetime | None]
    set_by: Mapped[str] = mapped_column(String(100))        # telegram:<id> <name>
    ended_by: Mapped[str | None] = mapped_column(String(100))


class LetterCounter(Base):
    """The last letter sequence number used in a year (one row per year)."""

    __tablename__ = "letter_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer)


class StoredDocument(Base):
    """A document file kept for a complaint: a generated draft, an officer's replacement
    upload, or the signed copy frozen at step 8 (append-only; the newest of a kind wins)."""

    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_complaint", "complaint_id", "role", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"))
    kind: Mapped[str] = mapped_column(String(20))       # cover_letter | report
    role: Mapped[str] = mapped_column(String(10))       # draft | upload | signed
    name: Mapped[str] = mapped_column(String(200))      # file name as sent
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))     # of the file's bytes
    stored_path: Mapped[str] = mapped_column(String(200))
    # Signed copies: SHA-256 of the signed content snapshot printed in the footer, and the
    # snapshot itself (canonical JSON), so anyone can recompute it.
    content_sha256: Mapped[str | None] = mapped_column(String(64))
    snapshot: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime]


class Download(Base):
    """A file to fetch from a channel (evidence, an officer's upload), run by the worker
    outside any request or write transaction, retried with backoff, reported if it fails."""

    __tablename__ = "downloads"
    __table_args__ = (Index("ix_downloads_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(20))     # evidence | upload
    source: Mapped[str] = mapped_column(String(20))      # twilio | telegram
    ref: Mapped[str] = mapped_column(Text)               # media URL or Telegram file id
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"))
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="pending")   # pending | working |
    attempts: Mapped[int] = mapped_column(Integer, default=0)           # done | failed
    next_attempt_at: Mapped[dt.datetime]
    locked_until: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime]
    finished_at: Mapped[dt.datetime | None]


class StatusFailure(Base):
    """A failed status look-up (wrong ticket or PIN), per identity and per ticket."""

    __tablename__ = "status_failures"
    __table_args__ = (Index("ix_status_failures_key", "subject", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(10))      # identity | ticket
    key: Mapped[str] = mapped_column(String(64))          # complainant:<id> | the ticket
    at: Mapped[dt.datetime]


class StatusLock(Base):
    """A status look-up lock: this identity or ticket may not try again until `until`."""

    __tablename__ = "status_locks"

    subject: Mapped[str] = mapped_column(String(10), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    until: Mapped[dt.datetime]


class ContactRequest(Base):
    """A person asked to talk to an officer: open, answered, closed; one open per person.

    Follow-up messages of the person can later be attached to the open request by its id.
    """

    __tablename__ = "contact_requests"
    __table_args__ = (
        Index("uq_contact_request_open", "complainant_id", unique=True,
              sqlite_where=text("status = 'open'"), postgresql_where=text("status = 'open'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    complainant_id: Mapped[int] = mapped_column(ForeignKey("complainants.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default="open")   # open|answered|closed
    asks: Mapped[int] = mapped_column(Integer, default=1)
    opened_at: Mapped[dt.datetime]
    last_asked_at: Mapped[dt.datetime]
    answered_at: Mapped[dt.datetime | None]
    answered_by: Mapped[str | None] = mapped_column(String(64))      # officer's Telegram id
    closed_at: Mapped[dt.datetime | None]
    # the talk reported a levy, a broker, a bribe or an officer's conduct: it, and every later
    # request of the person, is for Kasi Tikkim and the Kepala Kantor only (outlives the texts)
    leaders_only: Mapped[bool] = mapped_column(Boolean, default=False)
    # the complaint whose reply (/balas) opened the request: the group reads the person's
    # answer under its ticket (bot.notify.asked_on); no foreign key, as SQLite cannot add one
    asked_on_id: Mapped[int | None] = mapped_column(Integer)


class ContactRelay(Base):
    """A message a person sent to their talk-to-officer request, and the officers' message
    (outbox row) that carried it: relays are batched, one officers' message per minute."""

    __tablename__ = "contact_relays"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("contact_requests.id"), index=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"))
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id"))
    at: Mapped[dt.datetime]


class ComplaintExclusion(Base):
    """An officer kept away from a complaint (conflict of interest): named in it, or excluded."""

    __tablename__ = "complaint_exclusions"
    __table_args__ = (UniqueConstraint("complaint_id", "officer_id", name="uq_exclusion"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    officer_id: Mapped[str] = mapped_column(String(64))     # Telegram user id
    reason: Mapped[str] = mapped_column(String(20))         # named | excluded
    note: Mapped[str | None] = mapped_column(Text)
    by: Mapped[str | None] = mapped_column(String(64))      # who excluded (None: matched)
    at: Mapped[dt.datetime]


class DataRequest(Base):
    """A data-subject request answered by an officer (export or erasure), append-only."""

    __tablename__ = "data_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    complainant_id: Mapped[int] = mapped_column(ForeignKey("complainants.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))           # export | erase
    officer_id: Mapped[str] = mapped_column(String(64))
    officer_role: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime]


class JobRun(Base):
    """A daily job's run (retention): the unique day makes several workers run it once."""

    __tablename__ = "job_runs"
    __table_args__ = (UniqueConstraint("job", "day", name="uq_job_run"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(40))
    day: Mapped[dt.date]
    started_at: Mapped[dt.datetime]
    finished_at: Mapped[dt.datetime | None]
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
