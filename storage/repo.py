"""The queries and writes the bot needs, each turn in one transaction (a unit of work)."""
from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager, contextmanager, nullcontext
import os
from typing import Any, Callable, Iterator, Sequence, TypeVar

from sqlalchemy import Connection, Engine, bindparam, func, inspect, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from storage import (absences, contacts, exclusions, inserts, keyboards, kept, letters,
                     lookups, notices, queueing, register, subjects, talk_key, turns)
from storage.checkpoints import Checkpoints
from storage.combining import TurnBatcher
from storage.db import DEFAULT_LOCK_TIMEOUT, make_engine, make_session_factory, ping
from storage.rawsql import Runner, Statement
from storage.writer_lock import Busy, WriterLock
from storage.models import (
    Attachment,
    Complainant,
    Complaint,
    ComplaintExclusion,
    ContactRelay,
    ContactRequest,
    DataRequest,
    ConversationState,
    Download,
    Message,
    OfficerAction,
    OutboxItem,
    StageEvent,
    StoredDocument,
)


T = TypeVar("T")
_MESSAGES = Message.__table__
_UNREAD = object()
# Loader options are immutable: built once, not on every filing turn's notices.
_WITH_EVENTS = selectinload(Complaint.events)
_WITH_HISTORY = (_WITH_EVENTS, selectinload(Complaint.complainant))
_OUTBOX_QUERIES: dict[tuple[tuple[str, bool], ...], Any] = {}   # see Unit.outbox_items
_MESSAGE_COLUMNS = ("direction", "provider", "provider_id", "channel", "address",
                    "complainant_id", "complaint_id", "body", "created_at")
# Written once, run on the cursor (storage.rawsql): every turn records its message and replies.
_NEW_MESSAGE = Statement(
    f"INSERT INTO messages ({', '.join(_MESSAGE_COLUMNS)})"
    f" VALUES ({', '.join(':' + c for c in _MESSAGE_COLUMNS)}) RETURNING id",
    {"created_at": _MESSAGES.c.created_at.type})
_NEW_MESSAGES = Statement(
    f"INSERT INTO messages ({', '.join(_MESSAGE_COLUMNS)})"
    f" VALUES ({', '.join(':' + c for c in _MESSAGE_COLUMNS)})",
    {"created_at": _MESSAGES.c.created_at.type})


class DuplicateMessage(Exception):
    """The provider id was seen before: a retried webhook."""


class ConcurrentUpdate(Exception):
    """Another process changed the same conversation first; run the turn again."""


class TransactionLost(ConcurrentUpdate):
    """A batched transaction was rolled back under its turns (storage.combining): each of its
    turns runs again."""


def _mapped(exc: Exception) -> Exception:
    """A database error as the callers of a transaction know it."""
    if isinstance(exc, StaleDataError):
        return ConcurrentUpdate(str(exc))
    if isinstance(exc, IntegrityError):
        if "append-only" in str(exc.orig):
            return exc      # a refused audit rewrite is a bug, not a race to retry
        return ConcurrentUpdate(str(exc.orig))
    if isinstance(exc, OperationalError):
        message = str(exc.orig).lower()
        if "deadlock" in message or "serializ" in message or exc.connection_invalidated:
            return ConcurrentUpdate(str(exc.orig))
        if "database is locked" in message or "lock timeout" in message:
            return Busy(str(exc.orig))
    return exc


class Store:
    """Owns the engine and hands out units of work (writes) and reads."""

    def __init__(self, engine: Engine, read_engine: Engine | None = None,
                 lock_timeout: float = DEFAULT_LOCK_TIMEOUT):
        self.engine = engine
        self.lock_timeout = lock_timeout
        self._sessions = make_session_factory(engine)
        self._reads = make_session_factory(read_engine or engine)
        self._read_engine = read_engine
        # SQLite takes one writer at a time (every write transaction is BEGIN IMMEDIATE).
        # Threads of one process queue on this lock instead of in SQLite's busy handler, whose
        # growing sleeps (up to 100 ms) would add tail latency; other processes still use the
        # handler. Both waits are bounded by the lock timeout.
        database = engine.url.database if engine.dialect.name == "sqlite" else None
        self._writer: AbstractContextManager[Any] = (
            WriterLock(lock_timeout, f"{database}.writer-lock"
                        if database and database != ":memory:" else None)
            if engine.dialect.name == "sqlite" else nullcontext())
        self.checkpoints = (Checkpoints(engine)
                            if database and database != ":memory:" else None)
        # one leader at a time fills it (storage.combining): the units of the batch running
        self._batch_units: list[Unit] = []
        self._batcher = (TurnBatcher(self._batch_transaction, self._batch_one, lock_timeout,
                                     Busy, fatal=(TransactionLost,))
                         if engine.dialect.name == "sqlite"
                         and os.environ.get("SQLITE_BATCH_TURNS", "1") != "0" else None)

    @classmethod
    def from_url(cls, url: str, lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
                 **kwargs: Any) -> "Store":
        engine = make_engine(url, lock_timeout=lock_timeout, **kwargs)
        reads = (make_engine(url, lock_timeout=lock_timeout, read_only=True, **kwargs)
                 if engine.dialect.name == "sqlite" else None)
        return cls(engine, reads, lock_timeout)

    def peek_conversation(self, channel: str, address: str) -> tuple[str, dict[str, Any]] | None:
        """(state, data) of a conversation, read without any lock (it may change right after)."""
        with (self._read_engine or self.engine).connect() as connection, connection.begin():
            return turns.peek_conversation(Runner(connection), channel, address)

    def answered(self, provider: str, provider_id: str, channel: str,
                 address: str) -> tuple[list[str], str] | None:
        """What the turn of an inbound message answered, as logged (a PIN masked), and the
        person's language; None when no such message is kept from this sender (a provider id
        reused by someone else gets nothing). A turn logs its replies after
        its message, with the message's time, before that person's next message (their turns
        are serialised), and with no provider id (those sent by the worker have one)."""
        with self.read() as session:
            found = session.execute(
                select(Message.id, Message.channel, Message.address, Message.created_at,
                       Message.complainant_id)
                .where(Message.provider == provider, Message.provider_id == provider_id,
                       Message.direction == "in", Message.channel == channel,
                       Message.address == address)).first()
            if found is None:
                return None
            same = (Message.channel == found.channel, Message.address == found.address)
            following = session.scalar(select(func.min(Message.id)).where(
                *same, Message.direction == "in", Message.id > found.id))
            query = select(Message.body).where(
                *same, Message.direction == "out", Message.provider == provider,
                Message.provider_id.is_(None), Message.id > found.id,
                Message.created_at == found.created_at).order_by(Message.id)
            if following is not None:
                query = query.where(Message.id < following)
            bodies = [body for body in session.scalars(query) if body]
            language = session.scalar(select(Complainant.language).where(
                Complainant.id == found.complainant_id)) if found.complainant_id else None
            return bodies, language or "id"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only transaction that takes no write lock (SQLite: BEGIN DEFERRED)."""
        session = self._reads()
        try:
            yield session
        finally:
            session.close()      # ends the read transaction (a rollback: nothing was written)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def ping(self) -> bool:
        return ping(self.engine)

    def talk_code_key(self) -> bytes:
        """The talk codes' secret of a deployment without PIN_KEY (storage.talk_key), made by
        the first process that asks."""
        with self.unit() as unit:
            return talk_key.read_or_make(unit.session)

    @contextmanager
    def unit(self) -> Iterator["Unit"]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        unit: Unit | None = None
        try:
            with self._writer, self.engine.connect() as connection, connection.begin():
                unit = Unit(connection, self._sessions)
                yield unit
                unit.flush()
        except (StaleDataError, IntegrityError, OperationalError) as exc:
            mapped = _mapped(exc)
            if mapped is exc:
                raise
            raise mapped from exc
        finally:
            if unit is not None:
                unit.close()
        if self.checkpoints is not None:        # committed, and the writer lock is free
            self.checkpoints.committed()

    def turn(self, work: Callable[["Unit"], T]) -> T:
        """`work(unit)` in a write transaction, for a conversation turn. On SQLite the turns
        of this process that wait for the writer at the same time share one transaction, each
        in its own savepoint (storage.combining); elsewhere, and with SQLITE_BATCH_TURNS=0, each
        has its own (`unit`)."""
        if self._batcher is None:
            with self.unit() as unit:
                return work(unit)
        return self._batcher.run(work)

    def _batch_transaction(self, jobs: Callable[[Connection], None]) -> None:
        units: list[Unit] = []
        self._batch_units = units
        count = 0
        try:
            with self._writer, self.engine.connect() as connection, connection.begin():
                jobs(connection)
                count = len(units)
        except (StaleDataError, IntegrityError, OperationalError) as exc:
            mapped = _mapped(exc)
            if mapped is exc:
                raise
            raise mapped from exc
        finally:
            for unit in units:
                unit.close()
        if self.checkpoints is not None and count:
            self.checkpoints.committed(count)

    def _batch_one(self, connection: Connection, work: Callable[["Unit"], Any]) -> Any:
        """One turn of a batch, in a savepoint: rolled back alone if it raises."""
        driver = connection.connection.driver_connection
        driver.execute("SAVEPOINT turn")
        unit = Unit(connection, self._sessions)
        self._batch_units.append(unit)
        try:
            result = work(unit)
            unit.flush()
        except BaseException as exc:
            try:
                driver.execute("ROLLBACK TO turn")
                driver.execute("RELEASE turn")
            except Exception as lost:     # the whole transaction is gone: every turn again
                raise TransactionLost(f"batched transaction lost: {lost}") from exc
            if isinstance(exc, (StaleDataError, IntegrityError, OperationalError)):
                mapped = _mapped(exc)
                if mapped is not exc:
                    raise mapped from exc
            raise
        try:
            driver.execute("RELEASE turn")
        except Exception as lost:
            raise TransactionLost(f"batched transaction lost: {lost}") from lost
        return result

    def dispose(self) -> None:
        self.engine.dispose()
        if self._read_engine is not None:
            self._read_engine.dispose()


class Unit:
    """The operations available inside one transaction.

    The transaction is the connection's (`Store.unit` begins and commits it). A turn's own
    statements run on it directly (`sql`); an ORM session joins it only when something asks
    for `session`, and is flushed before the commit.
    """

    def __init__(self, connection: Connection, sessions: sessionmaker[Session]):
        self.connection = connection
        self._sessions = sessions
        self._session: Session | None = None
        self._sql: Runner | None = None
        self._filed: list[Complaint] = []     # filed in this transaction (see file_complaint)
        self._people: dict[int, turns.Person] = {}   # the turn's person rows, by id
        # Read once per transaction; the methods that change them here keep them current.
        self._excluded: dict[int, set[str]] = {}
        self._absence: Any = _UNREAD
        self._marks: dict[str, set[str]] = {}

    @property
    def session(self) -> Session:
        if self._session is None:
            self._session = self._sessions(bind=self.connection)   # joins its transaction
        return self._session

    @property
    def sql(self) -> Runner:
        """The transaction's connection, for the turn's plain statements (storage.rawsql)."""
        if self._sql is None:
            self._sql = Runner(self.connection)
        return self._sql

    def flush(self) -> None:
        """Write the session's pending changes (before the connection commits)."""
        if self._session is not None:
            self._session.flush()

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    # --- messages -------------------------------------------------------------------------
    def record_inbound(self, *, provider: str, provider_id: str, channel: str, address: str,
                       body: str, at: dt.datetime,
                       complainant_id: int | None = None) -> int:
        """Log an inbound message and return its id; DuplicateMessage if its provider id was seen.

        One INSERT (on the cursor, no ORM flush): the unique (provider, provider_id) key finds a retried
        webhook. The caller must let DuplicateMessage end the unit of work (rolled back).
        """
        try:
            return self.sql.scalar(_NEW_MESSAGE, dict(
                direction="in", provider=provider, provider_id=provider_id, channel=channel,
                address=address, body=body, created_at=at, complainant_id=complainant_id,
                complaint_id=None))
        except IntegrityError as exc:
            if "provider" not in str(exc.orig).lower():
                raise
            raise DuplicateMessage(provider_id) from exc

    def record_outbound(self, *, provider: str, channel: str, address: str, body: str,
                        at: dt.datetime, complainant_id: int | None = None,
                        complaint_id: int | None = None,
                        provider_id: str | None = None) -> Message:
        message = Message(direction="out", provider=provider, provider_id=provider_id,
                          channel=channel, address=address, body=body, created_at=at,
                          complainant_id=complainant_id, complaint_id=complaint_id)
        self.session.add(message)
        return message

    def record_outbound_many(self, *, provider: str, channel: str, address: str,
                             bodies: Sequence[str], at: dt.datetime,
                             complainant_id: int | None = None) -> None:
        """Log a turn's replies in one statement (executemany on the cursor)."""
        if bodies:
            self.sql.run_many(_NEW_MESSAGES, [
                dict(direction="out", provider=provider, provider_id=None, channel=channel,
                     address=address, body=body, created_at=at, complainant_id=complainant_id,
                     complaint_id=None) for body in bodies])

    # --- the rows of one turn, as plain rows (storage.turns) ---------------------------------
    def turn_rows(self, channel: str, address: str, at: dt.datetime, since: dt.datetime,
                  cap: int) -> tuple[turns.Person, turns.Conversation | None, int]:
        """What a turn starts from, in one statement: the person (created on first
        contact), the conversation (locked where the engine has row locks) and the flood
        count: their inbound messages since `since`, the one about to be recorded included,
        at most `cap` (as `count_inbound_since` after `record_inbound`)."""
        person, conversation, count = turns.load_turn(self.sql, channel, address, at, since, cap)
        self._people[person.id] = person
        return person, conversation, count

    def person(self, channel: str, address: str, at: dt.datetime) -> turns.Person:
        """The complainant as a plain row (created on first contact); see `save_person`."""
        person = turns.load_person(self.sql, channel, address, at)
        self._people[person.id] = person
        return person

    def save_person(self, person: turns.Person) -> None:
        turns.save_person(self.sql, person)

    def conversation_row(self, channel: str, address: str) -> turns.Conversation | None:
        """The conversation as a plain row, locked where the engine has row locks."""
        return turns.load_conversation(self.sql, channel, address)

    def save_conversation(self, conversation: turns.Conversation) -> None:
        """Save it (ConcurrentUpdate when another turn saved it first)."""
        try:
            turns.save_conversation(self.sql, conversation)()
        except turns.StaleConversation as exc:
            raise ConcurrentUpdate(str(exc)) from exc

    def end_turn(self, conversation: turns.Conversation, person: turns.Person, *,
                 provider: str, channel: str, address: str, bodies: Sequence[str],
                 at: dt.datetime) -> None:
        """A turn's closing writes, sent together (one round trip on PostgreSQL): its
        conversation (ConcurrentUpdate when another turn saved it first), its person, and
        the replies it logged."""
        with self.sql.batch():
            saved = turns.save_conversation(self.sql, conversation)
            turns.save_person(self.sql, person)
            self.record_outbound_many(provider=provider, channel=channel, address=address,
                                      bodies=bodies, at=at, complainant_id=person.id)
        try:
            saved()
        except turns.StaleConversation as exc:
            raise ConcurrentUpdate(str(exc)) from exc

    def count_inbound_since(self, channel: str, address: str, since: dt.datetime,
                            cap: int = 50) -> int:
        """Messages this identity sent since `since`, counting at most `cap` (flood limit);
        reads only the newest rows through the (channel, address, id) index."""
        return turns.count_inbound_since(self.sql, channel, address, since, cap)

    def add_attachment(self, message_id: int, url: str, content_type: str | None,
                       at: dt.datetime) -> Attachment:
        """Keep evidence as the channel names it, and queue its download for the worker."""
        source = kept.source_of(url)
        attachment = Attachment(message_id=message_id, url=url, content_type=content_type,
                                created_at=at, fetch_status="pending" if source else None)
        self.session.add(attachment)
        self.session.flush([attachment])
        if source:
            kept.queue_download(self.session, purpose="evidence", source=source, ref=url,
                                attachment_id=attachment.id, at=at)
        return attachment

    # --- people and conversations ---------------------------------------------------------
    def complainant(self, channel: str, address: str, at: dt.datetime) -> Complainant:
        """The complainant for this channel identity, created on first contact."""
        person = self.session.scalar(select(Complainant).where(
            Complainant.channel == channel, Complainant.address == address))
        if person is None:
            person = Complainant(channel=channel, address=address, language="id", created_at=at)
            self.session.add(person)
            self.session.flush([person])
        return person

    def conversation(self, channel: str, address: str) -> ConversationState | None:
        """The conversation row, locked for this transaction where the engine has row locks."""
        query = select(ConversationState).where(ConversationState.channel == channel,
                                                ConversationState.address == address)
        if self.session.bind is not None and self.session.bind.dialect.name == "postgresql":
            query = query.with_for_update()
        return self.session.scalar(query)

    def start_conversation(self, channel: str, address: str, state: str,
                           at: dt.datetime) -> ConversationState:
        conversation = ConversationState(channel=channel, address=address, state=state,
                                         data={}, updated_at=at)
        self.session.add(conversation)
        return conversation

    # --- complaints -----------------------------------------------------------------------
    def ticket_taken(self, ticket: str) -> bool:
        return self.session.scalar(select(Complaint.id).where(Complaint.ticket == ticket)) is not None

    def file_complaint(self, complaint: Complaint, attachment_ids: Sequence[int],
                       event: StageEvent) -> Complaint:
        """Store a new complaint with its evidence and the first entry of its audit trail.

        Both rows are plain INSERTs (storage.inserts); the objects join the session as loaded,
        so the notices built from them right after (complaint_by_id) read them from memory."""
        inserts.insert_complaint(self.session, self.sql, complaint, event)
        attachments = []
        if attachment_ids:
            attachments = list(self.session.scalars(
                select(Attachment).where(Attachment.id.in_(attachment_ids))
                .order_by(Attachment.id)))
            for attachment in attachments:
                attachment.complaint_id = complaint.id
        # Its collections are known: what it was filed with. Set, they need no query, and the
        # object is kept for this transaction (the session only holds it weakly).
        set_committed_value(complaint, "attachments", attachments)
        set_committed_value(complaint, "events", [event])
        self._excluded[complaint.id] = set()   # none yet: exclude_officer adds them
        self._filed.append(complaint)
        return complaint

    def complaint_by_ticket(self, ticket: str, lock: bool = False,
                            history: bool = True) -> Complaint | None:
        """The complaint with its history (loaded with it unless `history` is False: then read
        when first used); `lock` holds its row for this transaction."""
        query = select(Complaint).where(Complaint.ticket == ticket)
        if history:
            query = query.options(_WITH_EVENTS)
        return self.session.scalar(self._locked(query) if lock else query)

    def complaint_card(self, ticket: str) -> turns.ComplaintCard | None:
        """The few columns a status answer reads, by ticket, without the ORM."""
        return turns.complaint_card(self.sql, ticket)

    def complainant_by_id(self, complainant_id: int) -> Complainant | None:
        return self.session.get(Complainant, complainant_id)

    def complaint_by_id(self, complaint_id: int, lock: bool = False) -> Complaint | None:
        """The complaint with its history and complainant. One already in this transaction
        (just filed, or read before) is returned as it is, without a query: a SELECT would
        return that same object anyway (its loaded attributes are not overwritten)."""
        options = _WITH_HISTORY
        if not lock:
            found = self.session.get(Complaint, complaint_id, options=options)
            if any(found is c for c in self._filed) and "complainant" in inspect(found).unloaded:
                # Its notices are built now, at the end of the turn. The person this turn
                # holds (storage.turns) is the complainant: given as it stands, no SELECT.
                person = self._people.get(found.complainant_id)
                if person is not None:
                    inserts.attach_person(self.session, found, person.values())
                else:
                    with self.session.no_autoflush:
                        found.complainant               # noqa: B018 - loads it
            return found
        query = select(Complaint).where(Complaint.id == complaint_id).options(*options)
        return self.session.scalar(self._locked(query))

    def open_complaints(self, section: str | None = None, limit: int | None = None,
                        stage: str | None = None) -> list[Complaint]:
        """Complaints not yet archived, earliest deadline first (optionally one section's, or
        those at one stage); all of them unless `limit` is given."""
        query = select(Complaint).where(Complaint.stage != "archived")
        if section is not None:
            query = query.where(Complaint.section == section)
        if stage is not None:
            query = query.where(Complaint.stage == stage)
        query = query.order_by(Complaint.due_at.is_(None), Complaint.due_at, Complaint.id)
        return list(self.session.scalars(query if limit is None else query.limit(limit)))

    def add_stage_event(self, event: StageEvent) -> StageEvent:
        """Append to a complaint's audit trail (the table refuses updates and deletes)."""
        self.session.add(event)
        return event

    def log_officer_action(self, action: OfficerAction) -> OfficerAction:
        """Append to the officer action log (allowed and refused attempts alike)."""
        self.session.add(action)
        return action

    def officer_actions(self, limit: int = 100) -> list[OfficerAction]:
        return list(self.session.scalars(
            select(OfficerAction).order_by(OfficerAction.id.desc()).limit(limit)))

    # --- outbox ---------------------------------------------------------------------------
    def enqueue(self, **fields: Any) -> OutboxItem:
        """Queue an outbound message for the worker, in this transaction."""
        return queueing.enqueue(self.session, runner=self.sql, **fields)

    def schedule(self, *, at: dt.datetime, due: dt.datetime, **fields: Any) -> OutboxItem:
        """Queue a message that the worker may send only from `due` on (it may be cancelled)."""
        return queueing.enqueue(self.session, runner=self.sql, at=at, next_attempt_at=due,
                                **fields)

    def cancel_outbox(self, channel: str, address: str, kind: str) -> int:
        """Cancel this chat's pending messages of `kind` (status "cancelled"); how many."""
        self.flush()          # as the ORM's autoflush would: the statement sees every change
        return queueing.cancel_pending(self.sql, channel, address, kind)

    def readdress_pending(self, complaint_id: int, old_complainant_id: int, channel: str,
                          address: str, complainant_id: int,
                          drop_kinds: tuple[str, ...]) -> tuple[int, int]:
        """A complaint's pending messages to a wrongly recorded person: moved to the right one,
        those of `drop_kinds` cancelled (see queueing); (moved, cancelled)."""
        return queueing.readdress_pending(self.session, complaint_id, old_complainant_id,
                                          channel, address, complainant_id, drop_kinds)

    def resend_undelivered(self, channel: str, address: str, kinds: tuple[str, ...],
                           since: dt.datetime, at: dt.datetime) -> int:
        """Queue again this chat's undeliverable messages of `kinds` (see queueing)."""
        if not queueing.has_undelivered(self.sql, channel, address, since):
            return 0                      # the common case: no ORM session for it
        return queueing.resend_undelivered(self.session, channel, address, kinds, since, at)

    def officer_news(self, complaint_id: int) -> list[queueing.News]:
        """The officers' messages to the complainant about this complaint (relays and
        updates with a body, not cancelled), oldest first, as plain rows (no ORM session)."""
        self.flush()          # as the ORM's autoflush would: the statement sees every change
        return queueing.news(self.sql, complaint_id)

    def current_chat(self, chat_id: str | int) -> str:
        """A Telegram chat id after any recorded group-to-supergroup migration."""
        return queueing.resolve_chat(self.session, str(chat_id))

    def outbox_items(self, **filters: Any) -> list[OutboxItem]:
        """Outbox rows matching column=value filters, oldest first (a status answer, views,
        tests). The query is built once per set of filtered columns (building it cost more
        than running it)."""
        key = tuple(sorted((name, filters[name] is None) for name in filters))
        query = _OUTBOX_QUERIES.get(key)
        if query is None:
            query = select(OutboxItem).order_by(OutboxItem.id)
            for name, is_null in key:
                column = getattr(OutboxItem, name)
                query = query.where(column.is_(None) if is_null else column == bindparam(name))
            query = _OUTBOX_QUERIES.setdefault(key, query)
        return list(self.session.scalars(query, {name: value for name, value in filters.items()
                                                 if value is not None}))

    # --- keyboards bound to a stage, and messages officers reply to ------------------------
    def bound_keyboards(self, complaint_id: int) -> list[OutboxItem]:
        return keyboards.bound_keyboards(self.session, complaint_id)

    def retire_keyboard(self, row: OutboxItem, buttons: list[list[Any]], at: dt.datetime) -> bool:
        return keyboards.retire(self.session, row, buttons, at)

    def sent_message(self, chat_id: str, message_id: str) -> OutboxItem | None:
        """The outbox row of a message the bot sent (by Telegram's message id in that chat)."""
        return keyboards.sent_message(self.session, chat_id, message_id)

    def _locked(self, query: Any) -> Any:
        if self.session.bind is not None and self.session.bind.dialect.name == "postgresql":
            return query.with_for_update(of=Complaint)
        return query

    def complaints_of(self, complainant_id: int, limit: int = 5) -> list[Complaint]:
        return list(self.session.scalars(
            select(Complaint).where(Complaint.complainant_id == complainant_id)
            .order_by(Complaint.id.desc()).limit(limit)))

    # --- deadlines, letters, register (queries in their own modules) -----------------------
    def open_complaint_ids(self) -> list[int]:
        return notices.open_complaint_ids(self.session)

    def sent_notice_keys(self, complaint_id: int) -> set[str]:
        return notices.sent_keys(self.session, complaint_id)

    def claim_notice(self, **fields: Any) -> bool:
        return notices.claim_notice(self.session, **fields)

    def claim_mark(self, key: str, kind: str, now: dt.datetime,
                   complaint_id: int | None = None) -> bool:
        """A once-only mark (the day's digest, an unreachable officer); False if already set."""
        self._marks.clear()
        return notices.claim_mark(self.session, key, kind, now, complaint_id)

    def marks(self, prefix: str) -> set[str]:
        """The keys of marks starting with `prefix` (read once per transaction)."""
        found = self._marks.get(prefix)
        if found is None:
            found = self._marks[prefix] = notices.marks_of(self.sql, prefix)
        return set(found)

    def clear_mark(self, key: str) -> bool:
        self._marks.clear()
        cleared = notices.clear_mark(self.session, key)
        self.session.flush()                  # marks() reads the table directly
        return cleared

    # --- the head of office away ------------------------------------------------------------
    def current_absence(self) -> absences.Absence | None:
        """The head of office's absence in force, or None (read once per transaction)."""
        if self._absence is _UNREAD:
            self._absence = absences.current_row(self.sql)
        return self._absence  # type: ignore[no-any-return]

    def start_absence(self, **fields: Any) -> Any:
        self._absence = _UNREAD
        return absences.start(self.session, **fields)

    def end_absence(self, **fields: Any) -> Any:
        self._absence = _UNREAD
        ended = absences.end(self.session, **fields)
        self.session.flush()                  # current_absence() reads the table directly
        return ended

    def next_letter_seq(self, year: int) -> int:
        return letters.next_letter_seq(self.session, year)

    def bap_holders(self, number: str, other_than: int | None = None) -> list[Complaint]:
        """Other complaints already recorded with this BAP number (storage.letters)."""
        return letters.bap_holders(self.session, number, other_than)

    def kanwil_reference_holders(self, reference: str,
                                 other_than: int | None = None) -> list[Complaint]:
        """Other complaints already reported to the Kanwil under this reference."""
        return letters.kanwil_reference_holders(self.session, reference, other_than)

    def complaints_received(self, start: dt.datetime | None = None,
                            end: dt.datetime | None = None) -> list[Complaint]:
        """Complaints received in [start, end) (all when not given) with their history,
        oldest first: the register's rows."""
        return register.complaints_received(self.session, start, end)

    def notices_told(self, kinds: Sequence[str], start: dt.datetime | None = None,
                     end: dt.datetime | None = None) -> list[tuple[int, str, str]]:
        """(complaint id, key, kind) of the deadline notices of `kinds` that reached someone,
        for the complaints received in [start, end): the register's escalations, in one query."""
        return register.notices_told(self.session, kinds, start, end)

    def first_received(self) -> dt.datetime | None:
        """When the register's first complaint was received (None: none yet)."""
        return register.first_received(self.session)

    # --- kept files (documents, evidence, downloads) ---------------------------------------
    def add_document(self, document: StoredDocument) -> StoredDocument:
        """Record a kept document file (the table refuses updates)."""
        self.session.add(document)
        return document

    def documents_of(self, complaint_id: int) -> list[StoredDocument]:
        return kept.documents_of(self.session, complaint_id)

    def attachments_of(self, complaint_id: int) -> list[Attachment]:
        return kept.attachments_of(self.session, complaint_id)

    def link_attachments(self, attachment_ids: Sequence[int], complaint_id: int) -> None:
        kept.link_attachments(self.session, attachment_ids, complaint_id)

    def attachment(self, attachment_id: int) -> Attachment | None:
        return self.session.get(Attachment, attachment_id)

    def queue_download(self, **fields: Any) -> Download:
        """A download (evidence, an officer's upload) for the worker, in this transaction."""
        return kept.queue_download(self.session, **fields)

    def finish_download(self, job_id: int, status: str, now: dt.datetime,
                        error: str | None = None) -> Download | None:
        return kept.finish(self.session, job_id, status, now, error)

    def count_complaints(self) -> int:
        return self.session.scalar(select(func.count(Complaint.id))) or 0

    # --- privacy: status look-up locks, talk-to-officer requests, exclusions ---------------
    def lookup_locked_until(self, subject: str, key: str, now: dt.datetime) -> dt.datetime | None:
        return lookups.locked_until(self.session, subject, key, now)

    def lookup_failures(self, subject: str, key: str, now: dt.datetime,
                        window: dt.timedelta) -> int:
        return lookups.failures(self.session, subject, key, now, window)

    def record_lookup_failure(self, subject: str, key: str, now: dt.datetime, limit: int,
                              window: dt.timedelta) -> int:
        """Count a failed look-up (locking at `limit`); returns the tries left."""
        return lookups.record_failure(self.session, subject, key, now, limit, window)

    def clear_lookup(self, subject: str, key: str) -> None:
        lookups.clear(self.session, subject, key)

    def ask_for_officer(self, complainant_id: int, channel: str,
                        now: dt.datetime) -> tuple[ContactRequest, bool]:
        """Open a talk-to-officer request or join the open one; True when it is new."""
        return contacts.ask(self.session, complainant_id, channel, now)

    def answer_contact_request(self, complainant_id: int, officer_id: str,
                               now: dt.datetime) -> bool:
        return contacts.answer(self.session, complainant_id, officer_id, now)

    def close_contact_requests(self, complainant_id: int, now: dt.datetime) -> int:
        return contacts.close(self.session, complainant_id, now)

    def live_contact_requests(self, limit: int = 30) -> list[
            tuple[ContactRequest, dt.datetime | None, int]]:
        """Talk-to-officer requests still open or answered, with each one's last relayed
        message time and relay count (storage.contacts.live_requests)."""
        return contacts.live_requests(self.session, limit)

    def relayed_attachments(self, complainant_id: int, limit: int = 20) -> list[Attachment]:
        """Files the person sent while talking to the officers (newest `limit`)."""
        return contacts.relayed_attachments(self.session, complainant_id, limit)

    def reopen_contact_request(self, request: ContactRequest, now: dt.datetime) -> bool:
        """Open a closed talk-to-officer request again; False when another is open."""
        return contacts.reopen(self.session, request, now)

    def contact_request(self, request_id: int) -> ContactRequest | None:
        """A talk-to-officer request by its id, whatever its status (R-<id> names it)."""
        return contacts.by_id(self.session, request_id)

    def live_contact_request(self, complainant_id: int) -> ContactRequest | None:
        """The person's latest talk-to-officer request still open or answered."""
        return contacts.live(self.session, complainant_id)

    def record_contact_relay(self, request_id: int, message_id: int,
                             carried_by: OutboxItem | None, now: dt.datetime) -> None:
        """Keep which message was relayed to a request, and in which officers' message."""
        contacts.record_relay(self.session, request_id, message_id, carried_by, now)

    def relayed_texts(self, complainant_id: int) -> list[str]:
        """What the person has written to the officers so far, in all their requests."""
        return contacts.relayed_texts(self.session, complainant_id)

    def mark_talk_for_leaders(self, request_id: int) -> None:
        """The request's talk reported a levy or an officer's conduct: leaders only, for good."""
        contacts.mark_leaders_only(self.session, request_id)

    def talk_marked_for_leaders(self, complainant_id: int) -> bool:
        """Whether any talk of the person (closed ones too) was marked for the leaders only."""
        return contacts.leaders_only(self.session, complainant_id)

    def contact_relays(self, request_id: int) -> list[ContactRelay]:
        return contacts.relays(self.session, request_id)

    def pending_relay_batch(self, kind: str, address: str,
                            complainant_id: int) -> OutboxItem | None:
        """The person's relay batch to this chat that no worker has claimed yet."""
        return contacts.pending_batch(self.session, kind, address, complainant_id)

    def relay_dues(self, kind: str, address: str, complainant_id: int,
                   limit: int) -> list[dt.datetime]:
        """When the person's latest `limit` relay batches to this chat went or will go."""
        return contacts.batch_dues(self.session, kind, address, complainant_id, limit)

    def excluded_officers(self, complaint_id: int) -> set[str]:
        """Telegram ids of officers kept away from the complaint (conflict of interest); read
        once per transaction and kept current by exclude_officer."""
        found = self._excluded.get(complaint_id)
        if found is None:
            found = self._excluded[complaint_id] = exclusions.excluded(self.session, complaint_id)
        return set(found)

    def excluded_officers_of(self, complaint_ids: Sequence[int]) -> dict[int, set[str]]:
        """excluded_officers for a list of complaints, read in one statement (for the lists
        that name each complaint's owner: /aduan, /saya, the digest)."""
        missing = [i for i in dict.fromkeys(complaint_ids) if i not in self._excluded]
        if missing:
            self._excluded.update(exclusions.excluded_many(self.session, missing))
        return {i: set(self._excluded[i]) for i in complaint_ids}

    # --- data-subject requests (storage/subjects.py) ------------------------------------------
    def complainants_at(self, addresses: Sequence[str]) -> list[int]:
        """Ids of the people with one of these numbers, on any channel."""
        return list(self.session.scalars(select(Complainant.id).where(
            Complainant.address.in_(list(addresses))).order_by(Complainant.id)))

    def subject_data(self, complainant_id: int) -> dict[str, Any] | None:
        """Everything held about the person (for a data-subject export)."""
        return subjects.export(self.session, complainant_id)

    def erase_subject(self, complainant_id: int, now: dt.datetime,
                      forgetting: subjects.Forgetting | None = None) -> dict[str, Any] | None:
        """Remove what identifies the person; the kept files they alone used under "files";
        `forgetting` (bot/identity.py) rewrites their complaints' texts in their words."""
        return subjects.erase(self.session, complainant_id, now, forgetting)

    def record_data_request(self, request: DataRequest) -> DataRequest:
        """Append to the record of data-subject requests answered (its id given)."""
        self.session.add(request)
        self.session.flush([request])
        return request

    def data_request(self, request_id: int) -> DataRequest | None:
        return self.session.get(DataRequest, request_id)

    def data_requests_of(self, complainant_id: int) -> list[DataRequest]:
        """The person's data-subject requests, asks and answers included, oldest first."""
        return list(self.session.scalars(select(DataRequest).where(
            DataRequest.complainant_id == complainant_id).order_by(DataRequest.id)))

    def complainant_identity(self, complainant_id: int) -> tuple[str, str, str] | None:
        """(channel, address, language) of a person, for a message to them."""
        row = self.session.execute(select(Complainant.channel, Complainant.address,
                                          Complainant.language).where(
            Complainant.id == complainant_id)).first()
        return (row[0], row[1], row[2]) if row is not None else None

    def set_conversation_value(self, channel: str, address: str, key: str, value: Any,
                               at: dt.datetime) -> None:
        """One key of an identity's conversation data, set by someone else than the person
        (an officer's request waiting for their answer); the version moves, so a turn of
        theirs running meanwhile is retried on the new data. None removes the key."""
        conversation = self.conversation(channel, address)
        if conversation is None:
            if value is None:
                return
            conversation = self.start_conversation(channel, address, "menu", at)
        data = dict(conversation.data or {})
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
        conversation.data = data
        self.session.flush([conversation])

    def exclusions(self, complaint_id: int) -> list[ComplaintExclusion]:
        return exclusions.exclusions(self.session, complaint_id)

    def exclude_officer(self, complaint_id: int, officer_id: str, reason: str, now: dt.datetime,
                        note: str | None = None, by: str | None = None) -> bool:
        added = exclusions.exclude(self.session, complaint_id, officer_id, reason, note, by, now)
        if complaint_id in self._excluded:
            self._excluded[complaint_id].add(str(officer_id))
        return added
