"""The officer desk: commands and buttons from officers, checked against the roster and the SOP."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Callable

from bot import identity
from bot.concealed import conceal, conceal_all
from bot.desk import files as officer_files
from bot.desk import intake as officer_intake
from bot.desk import message as officer_message
from bot.config import ROOT
from bot.desk import (acts, approvals, checked, closing, corrections, evidence, menus, overview,
                      replies, steps, uploads, views, withdraw)
from bot.desk import privacy as officer_privacy
from bot.desk import subjects as officer_subjects
from bot.desk.requests import (
    CHANGES,
    NEEDS_TICKET,
    DeskAnswer,
    Later,
    OfficerRequest,
    OfficerUpdate,
    actor_label,
    closest_command,
    command_word,
    parse_button,
    parse_command,
)
from bot import pings
from bot.notify import Notifier
from bot.paperwork import archive
from bot.paperwork.outfiles import OutFile, enqueue_files
from bot.rich import Rich
from bot.sop import keyboard
from bot.sop.workflow import Refused, check_action, check_role, may_see
from bot.tickets import find_ticket
from storage.files import FileStore
from storage.models import OfficerAction
from storage.repo import DuplicateMessage

if TYPE_CHECKING:
    from bot.config import OfficeConfig, Officer
    from storage.models import Complaint
    from storage.repo import Store, Unit

log = logging.getLogger(__name__)

# Commands a citizen may type that belong to the complaint conversation, not the officer desk.
CITIZEN_COMMANDS = {"list", "help"}
# How long after the bot cancelled an officer's dialogue their plain answers are taken as left
# over from it (an officer hint, not the citizens' intake).
LEFT_OVER = dt.timedelta(hours=2)
# An officer's own complaint, filed like a citizen's: the words that open it in their private
# chat, and how long after their last message there the citizens' conversation keeps them.
PERSONAL_WORDS = ("pengaduan pribadi", "aduan pribadi", "personal complaint")
PERSONAL = dt.timedelta(hours=2)
FAILED_TEXT = ("⚠️ Maaf, permintaan ini gagal diproses karena gangguan sistem. Sudah dicatat "
               "untuk diperiksa; silakan coba lagi sebentar lagi.")


def short(text: str, limit: int = 190) -> str:
    """A toast within Telegram's 200 characters, cut at a word with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


class DeskUnavailable(Exception):
    """Not even the update could be stored (the database is down); ask the channel to retry."""


class OfficerDesk:
    """The officers' entry point: one update in, its answers queued, in its own transaction.

    Mirrors `Engine` on the complainant's side: `receive` records the update (a retried one
    changes nothing), checks the roster and the SOP, runs the action, logs the attempt and
    queues every answer in the outbox, all in one unit of work.
    """

    def __init__(self, config: "OfficeConfig", notifier: Notifier,
                 clock: Callable[[], dt.datetime], store: "Store",
                 files: "FileStore | None" = None):
        self.config = config
        self.notifier = notifier
        self.clock = clock
        self.store = store
        # Kept files: drafts, uploads, signed copies, evidence (config.yml files.directory).
        self.files = files or FileStore(ROOT / config.files.directory)

    def receive(self, update: OfficerUpdate) -> str:
        """Handle one officer update; returns what was done: "officer", "refused", "ignored",
        "duplicate", "failed" (an unexpected error, answered calmly), or "complainant" when it
        is not for the desk (a citizen's message). Raises DeskUnavailable only when not even
        the calm answer could be stored (the database is down): the adapter asks for a retry."""
        try:
            return self._receive(update)
        except Exception:  # noqa: BLE001 - one bad command must never wedge the update stream
            log.exception("officer update %s failed (%s)", update.provider_id, _described(update))
            return self._failed(update)

    def _failed(self, update: OfficerUpdate) -> str:
        """Record the update and answer calmly, so it is acknowledged and never retried."""
        now = self.clock()
        try:
            with self.store.unit() as unit:
                unit.record_inbound(provider=update.channel, provider_id=update.provider_id,
                                    channel=update.channel, address=update.chat_id,
                                    # its command word or button only: a /catat
                                    # answer is a complainant's name or number
                                    body=f"[gagal diproses] {_described(update)}", at=now)
                answer = DeskAnswer(False, Rich().t(FAILED_TEXT), toast=FAILED_TEXT[:190],
                                    alert=True)
                if update.button is not None and update.callback_id:
                    self._acknowledge(unit, update, answer, now)
                else:
                    self._answer_in_chat(unit, update.chat_id, answer, now)
        except DuplicateMessage:
            return "duplicate"
        except Exception as exc:  # noqa: BLE001 - the database itself is the problem
            log.exception("could not even record officer update %s", update.provider_id)
            raise DeskUnavailable(update.provider_id) from exc
        return "failed"

    def _receive(self, update: OfficerUpdate) -> str:
        if update.button is not None:
            return self._button(update)
        officer = self.config.officer(update.actor_id)
        if update.document is not None and officer is not None:
            if update.private and self._in_dialog(update.actor_id):   # a receipt (step 9)
                return self._run_request(update, OfficerRequest(
                    actor_id="", chat_id="", private=True, action="dialog", args=update.text))
            ticket = find_ticket(update.text, self.config.office.code)
            if not ticket and not update.private:
                return "ignored"        # a file shared in the group, not a draft's replacement
            if update.private and self._personal_file(update, ticket):
                return "complainant"    # evidence for their own complaint, as their texts go
            return self._run_request(update, OfficerRequest(
                actor_id="", chat_id="", private=update.private, action="upload",
                ticket=ticket, args=update.text), group_check=not update.private)
        request = parse_command(update.text, self.config.office.code,
                                anywhere=update.reply_to_id is None)
        if officer is not None and update.reply_to_id is not None:
            with self.store.unit() as unit:
                replied = steps.reasked(unit, update.chat_id, update.reply_to_id,
                                        replies.read(unit, self.config, update),
                                        str(officer.telegram_id))
                # his step-3 ping answered with the direction, as its question would be
                replied = steps.ping_answer(unit, update.chat_id, update.reply_to_id, replied,
                                            str(officer.telegram_id))
            request = replies.request_for(replied, request, update)
            if request is None and replied.ticket:
                if not update.private:
                    return "ignored"    # a word in the group about a complaint, not an order
                if not self._in_dialog(update.actor_id):   # else: the dialogue's answer, below
                    request = OfficerRequest(actor_id="", chat_id="", private=True,
                                             action="hint", ticket=replied.ticket)
        word = command_word(update.text)
        if request is None and word is not None and officer is not None:
            return self._run_request(update, OfficerRequest(
                actor_id="", chat_id="", private=update.private, action="unknown", args=word),
                group_check=not update.private)
        if not update.private:
            if request is None:
                return "ignored"        # chatter in the group
            return self._run_request(update, request, group_check=True)
        on_roster = officer is not None
        if request is not None and (on_roster or request.action not in CITIZEN_COMMANDS):
            return self._run_request(update, request)
        if on_roster and update.text:
            if self._in_dialog(update.actor_id):
                return self._run_request(update, OfficerRequest(
                    actor_id="", chat_id="", private=True, action="dialog", args=update.text))
        if on_roster:
            # A rostered officer's private message that no officer dialogue consumes (a
            # greeting, an answer left over from a dialogue the bot cancelled) gets an officer
            # hint, never the citizens' intake; unless they asked to file a complaint of their
            # own (PERSONAL_WORDS), which the citizens' conversation then takes for a while.
            if self._personal(update):
                return "complainant"
            return self._officer_hint(update, officer)
        return "complainant"

    def _personal(self, update: OfficerUpdate) -> bool:
        """Whether an officer's private message goes to the citizens' conversation: it opens a
        complaint of their own ("pengaduan pribadi"), or they opened one lately (within
        PERSONAL of their last message there). An officer is a citizen too, but only by
        choice: the bot never greets a colleague as a complainant because of a stray word."""
        now = self.clock()
        with self.store.unit() as unit:
            mine = unit.conversation(officer_intake.DIALOG_CHANNEL, update.actor_id)
            if _opens_personal(update.text):
                data = {"personal_at": now.isoformat()}
                if mine is None:
                    mine = unit.start_conversation(officer_intake.DIALOG_CHANNEL,
                                                   update.actor_id, officer_intake.IDLE, now)
                mine.state, mine.data, mine.updated_at = officer_intake.IDLE, data, now
                return True
            since = (mine.data or {}).get("personal_at") if mine is not None else None
            if not since:
                return False
            last = dt.datetime.fromisoformat(since)
            citizen = unit.conversation("telegram", update.chat_id)
            if citizen is not None and citizen.updated_at is not None:
                seen = citizen.updated_at
                if seen.tzinfo is None:
                    seen = seen.replace(tzinfo=dt.timezone.utc)
                last = max(last, seen)
            return now - last < PERSONAL

    def _personal_file(self, update: OfficerUpdate, ticket: str | None) -> bool:
        """Whether a file an officer sends privately belongs to their own complaint (the
        personal window is open, `_personal`), not to the desk: unless its caption names a
        ticket that is not their own (a draft's replacement, the desk's upload form)."""
        if ticket:
            with self.store.unit() as unit:
                found = unit.complaint_by_ticket(ticket)
                person = found.complainant if found is not None else None
                own = person is not None and (person.channel, person.address) == (
                    "telegram", update.chat_id)
            if not own:
                return False
        return self._personal(update)

    def _left_over(self, actor_id: str) -> bool:
        """Whether this officer's dialogue was cancelled by the bot lately (bot.desk.closing
        marks it), so what they type now is an answer to a question no longer asked."""
        with self.store.unit() as unit:
            conversation = unit.conversation(officer_intake.DIALOG_CHANNEL, actor_id)
            cancelled = (conversation.data or {}).get("cancelled_at") if conversation else None
        if not cancelled:
            return False
        return self.clock() - dt.datetime.fromisoformat(cancelled) < LEFT_OVER

    def _officer_hint(self, update: OfficerUpdate, officer: "Officer") -> str:
        """'No question is waiting for you: /saya, /bantuan' (and how to file a complaint of
        their own). What was typed is not kept: it may be a complainant's name or number meant
        for a /catat that was cancelled."""
        now = self.clock()
        if self._left_over(update.actor_id):
            why = ("bukan perintah, dan bukan jawaban atas pertanyaan bot (dialog yang "
                   "dibatalkan tidak berlanjut; pertanyaan langkah dijawab dengan membalas "
                   "(reply) pesannya)")
        else:
            why = ("Anda terdaftar sebagai petugas, dan tidak ada pertanyaan bot yang sedang "
                   "menunggu jawaban Anda (pertanyaan langkah dijawab dengan membalas (reply) "
                   "pesannya)")
        rich = Rich().t(f"ℹ️ {officer.name}, pesan biasa di chat ini tidak diproses: {why}. "
                        "Tugas Anda: /saya · daftar pengaduan: /aduan · satu pengaduan: "
                        "/lihat TIKET · semua perintah Anda: /bantuan")
        if menus.allowed(officer.role, "catat", private=True):    # not every role may
            rich.t(" · mencatat pengaduan dari kanal lain: /catat")
        rich.t(". Mengadu atas nama Anda sendiri sebagai warga: kirim kata ").b(
            "pengaduan pribadi").t(".")
        try:
            with self.store.unit() as unit:
                unit.record_inbound(provider=update.channel, provider_id=update.provider_id,
                                    channel=update.channel, address=update.chat_id,
                                    body="[teks petugas di chat pribadi, bukan perintah: "
                                         "isinya tidak disimpan]", at=now)
                self._reachable(unit, update)
                self._answer_in_chat(unit, update.chat_id, DeskAnswer(True, rich), now)
        except DuplicateMessage:
            return "duplicate"
        return "officer"

    def _run_request(self, update: OfficerUpdate, request: OfficerRequest,
                     group_check: bool = False) -> str:
        request = replace(request, actor_id=update.actor_id, chat_id=update.chat_id,
                          private=update.private, actor_name=update.actor_name,
                          channel=update.channel, document=update.document)
        now = self.clock()
        try:
            with self.store.unit() as unit:
                if group_check and update.chat_id not in self._officer_chats(unit):
                    return "ignored"    # a group that is not ours
                unit.record_inbound(provider=update.channel, provider_id=update.provider_id,
                                    channel=update.channel, address=update.chat_id,
                                    body=officer_privacy.loggable(request, update.text), at=now)
                self._reachable(unit, update)
                answer = self.handle(unit, request)
                self._answer_in_chat(unit, update.chat_id, answer, now)
        except DuplicateMessage:
            return "duplicate"
        self._render_later(answer, update.chat_id)
        return "officer" if answer.ok else "refused"

    def _render_later(self, answer: DeskAnswer, chat_id: str) -> None:
        """Render documents and exports outside the transaction, then queue them in a short one.

        A failed rendering is reported calmly in the chat; the request itself stays done."""
        for job in answer.later:
            address = job.address or chat_id
            try:
                message, files = job.render()
            except Exception:  # noqa: BLE001 - the officer gets a calm word, the log the details
                log.exception("rendering files for chat %s failed", address)
                message, files = Rich().t("⚠️ Maaf, berkas gagal dibuat karena gangguan "
                                          "sistem. Sudah dicatat; silakan minta lagi."), []
            now = self.clock()
            with self.store.unit() as unit:
                if job.keep is not None and files:
                    job.keep(unit, files)
                if message is not None:
                    unit.enqueue(kind="officer", channel="telegram", address=address,
                                 body=message.plain(), payload=message.to_payload(), at=now)
                if job.send:
                    enqueue_files(unit, files, address, now, job.complaint_id, kind=job.kind)

    def _button(self, update: OfficerUpdate) -> str:
        data = update.button or ""
        request = parse_button(data, self.config.office.code)
        now = self.clock()
        try:
            with self.store.unit() as unit:
                unit.record_inbound(provider=update.channel, provider_id=update.provider_id,
                                    channel=update.channel, address=update.chat_id,
                                    body=f"[tombol] {data}"[:4000], at=now)
                if request is None:
                    self._acknowledge(unit, update, DeskAnswer(True, None), now)
                    return "ignored"
                request = replace(request, actor_id=update.actor_id, chat_id=update.chat_id,
                                  private=update.private, actor_name=update.actor_name,
                                  channel=update.channel, message_id=update.message_id)
                self._reachable(unit, update)
                answer = self.handle(unit, request)
                self._acknowledge(unit, update, answer, now)
                if answer.retire and update.message_id:
                    # The pressed message's own buttons go (a stale one, or a cancelled question).
                    unit.enqueue(kind="keyboard", channel=update.channel, address=update.chat_id,
                                 body="", payload={"message_id": update.message_id,
                                                   "buttons": keyboard.view_only(answer.retire)},
                                 at=now)
                if answer.ok and answer.message is not None and (
                        answer.changed or answer.show or request.action in ("view", "list")):
                    self._answer_in_chat(unit, update.chat_id, answer, now)
        except DuplicateMessage:
            return "duplicate"
        self._render_later(answer, update.chat_id)
        return "officer" if answer.ok else "refused"

    def _reachable(self, unit: "Unit", update: OfficerUpdate) -> None:
        """An officer writing to the bot privately can be reached again (bot.pings)."""
        if update.private and self.config.officer(update.actor_id) is not None:
            unit.clear_mark(f"{pings.UNREACHABLE}{update.actor_id}")

    def _officer_chats(self, unit: "Unit") -> set[str]:
        """The officers' group id as configured, and as it is now after any migration."""
        chat = self.notifier.officer_chat_id
        return set() if chat is None else {chat, unit.current_chat(chat)}

    @staticmethod
    def _acknowledge(unit: "Unit", update: OfficerUpdate, answer: DeskAnswer,
                     now: dt.datetime) -> None:
        """The button press acknowledged, through the outbox: a toast, or an alert."""
        unit.enqueue(kind="callback", channel=update.channel,
                     address=f"callback:{update.callback_id}", body=answer.toast, at=now,
                     payload={"callback_query_id": update.callback_id, "alert": answer.alert,
                              "chat_id": update.chat_id})

    @staticmethod
    def _answer_in_chat(unit: "Unit", chat_id: str, answer: DeskAnswer, now: dt.datetime) -> None:
        if answer.message is None:
            return
        payload = answer.message.to_payload()
        if answer.choices is not None:   # a dialogue: plain text with a keyboard (or none)
            payload = {"choices": answer.choices} if answer.choices else {"remove_keyboard": True}
        if answer.prompt is not None:    # a question: its reply completes a step
            payload["prompt"] = answer.prompt
        if answer.protect:
            payload["protect"] = True
        body, fill = conceal(answer.message.plain(), answer.secrets)   # a PIN never rests
        unit.enqueue(kind="officer", channel="telegram", address=chat_id, body=body,
                     payload=conceal_all(payload, answer.secrets), at=now, secret=fill,
                     complaint_id=answer.complaint_id)
        for page in answer.more:         # a long list's further pages, in order
            more = page.to_payload()
            if answer.protect:           # a long /identitas or /lihat: every page alike
                more["protect"] = True
            # the first page's complaint too: in the group each complaint has its own queue,
            # and pages in another one went out beside the first, in any order
            unit.enqueue(kind="officer", channel="telegram", address=chat_id,
                         body=page.plain(), payload=more, at=now,
                         complaint_id=answer.complaint_id)
        enqueue_files(unit, answer.files, chat_id, now, answer.complaint_id)

    def _in_dialog(self, actor_id: str) -> bool:
        with self.store.unit() as unit:
            return self.in_dialog(unit, actor_id)

    def in_dialog(self, unit: "Unit", actor_id: str) -> bool:
        """Whether this officer is in the middle of a dialogue (/catat) with the bot."""
        if self.config.officer(actor_id) is None:
            return False
        conversation = unit.conversation(officer_intake.DIALOG_CHANNEL, actor_id)
        return conversation is not None and conversation.state != officer_intake.IDLE

    def handle(self, unit: "Unit", request: OfficerRequest) -> DeskAnswer:
        now = self.clock()
        officer = self.config.officer(request.actor_id)
        complaint = None
        try:
            if officer is None and request.private:
                # Most likely a citizen who typed a command they saw somewhere: tell them how
                # to reach their own complaint, not that they were "recorded".
                raise Refused("Perintah ini khusus untuk petugas kantor (Anda tidak terdaftar "
                              "sebagai petugas pengaduan). Untuk pengaduan Anda sendiri, balas "
                              "*status* untuk cek status, atau *menu* untuk pilihan lain.")
            if officer is None:
                raise Refused("Anda tidak terdaftar sebagai petugas pengaduan. "
                              "Permintaan ini dicatat.")
            if request.action in NEEDS_TICKET:
                if not request.ticket:
                    raise Refused(views.missing_ticket(request.action, request.args,
                                                       self.config.office.code))
                complaint = unit.complaint_by_ticket(request.ticket,
                                                     lock=request.action in CHANGES)
                if complaint is None:
                    raise Refused(f"Tiket {request.ticket} tidak ditemukan.")
                officer_privacy.unreleased_in_group(self.config, request, complaint, now)
                if not may_see(officer, complaint.section):
                    raise Refused(f"Pengaduan {request.ticket} tidak diteruskan ke seksi Anda.")
                officer_privacy.check_access(self, unit, officer, request, complaint)
                withdraw.check_open(request, complaint)
                steps.check_fresh(self, unit, request, complaint, now)
            answer = self._run(unit, officer, request, complaint, now)
        except Refused as refusal:
            actor, chat = _who(officer, request)
            log.warning("officer action refused: %s by %s (%s) in chat %s: %s", request.action,
                        actor, officer.role if officer else "not on roster", chat,
                        refusal.detail)
            answer = DeskAnswer(False, Rich().t(f"⛔ {refusal}"),
                                toast=getattr(refusal, "toast", "") or short(str(refusal)),
                                alert=True, log_detail=refusal.detail,
                                retire=getattr(refusal, "ticket", None))
        citizen = officer is None and request.private
        actor, chat = _who(officer, request)
        unit.log_officer_action(OfficerAction(
            at=now, channel=request.channel, actor_id=actor,
            # a citizen's own chat: neither their profile name nor the ticket they typed (the
            # table is append-only, and no erasure reaches it)
            actor_name=officer.name if officer else (None if citizen else request.actor_name),
            actor_role=officer.role if officer else None, chat_id=chat,
            action=request.action, ticket=None if citizen else request.ticket,
            complaint_id=complaint.id if complaint else None, allowed=answer.ok,
            detail=_recorded(request, answer.log_detail)))
        return answer

    # ---------------------------------------------------------------------------------------
    def _run(self, unit: "Unit", officer: "Officer", request: OfficerRequest,
             complaint: "Complaint | None", now: dt.datetime) -> DeskAnswer:
        action = request.action
        if action == "help":
            return DeskAnswer(True, menus.help_text(self.config, officer, request.actor_id,
                                                    request.private, request.args))
        if action == "unknown":
            return views.unknown_command(request.args, closest_command(request.args))
        if action in ("list", "mine"):
            section = officer.section if officer.role == "seksi" else None
            found = unit.open_complaints(section)
            kept = unit.excluded_officers_of([c.id for c in found])
            seen = [c for c in found if str(officer.telegram_id) not in kept[c.id]]
            # not yet the group's: as if not filed (its slot), but for a leader privately
            seen = officer_privacy.in_view(self.config, officer, request.private, seen, now)
            away = pings.away_now(unit)
            # a draft sent back waits for the compiler's correction, not for its approver
            returned = {c.id for c in seen if approvals.awaiting_correction(unit, c)}
            reader = identity.chat(officer, request.private)    # a leader's own chat: exact
            if action == "mine":
                return overview.mine(self.config, self.notifier.hours, officer, seen, now,
                                     away, kept, returned, reader)
            return overview.open_list(self.config, self.notifier.hours, seen, now, away, kept,
                                      request.args, returned, reader)
        if action in ("recap", "register"):
            check_role(officer, action)
            reader = identity.chat(officer, request.private)    # rows as this reader may see
            export = (
                officer_files.recap(unit, self.config, self.notifier.hours, request.args, now,
                                    reader)
                if action == "recap" else officer_files.register(unit, self.config, now, reader,
                                                                 request.args))

            def summary_and_files() -> tuple[Rich | None, list[OutFile]]:
                summary, files = export()
                return Rich().t(f"📊 {summary}"), files
            return DeskAnswer(True, None, later=[Later(summary_and_files)])
        if action == "message":
            return officer_message.handle(self, unit, officer, request, now)
        if action == "close_request":
            return officer_message.close(self, unit, officer, request, now)
        if action == "contact_list":
            return officer_message.listing(self, unit, officer, request, now)
        if action == "contact_evidence":
            return evidence.show_relayed(self, unit, officer, request, now)
        if action == "subject_export":
            return officer_subjects.export(self, unit, officer, request, now)
        if action == "subject_erase":
            return officer_subjects.erase(self, unit, officer, request, now)
        if action == "away":
            return approvals.set_away(self, unit, officer, request, now)
        if action == "back":
            return approvals.back(self, unit, officer, request, now)
        fix = corrections.wanted(request, self.config.office.code)
        if fix is not None:
            return corrections.correct(self, unit, officer, request, *fix, now)
        if action in ("record", "cancel", "dialog"):
            conversation = unit.conversation(officer_intake.DIALOG_CHANNEL, request.actor_id)
            if action != "record" and closing.active(conversation and conversation.state):
                return closing.handle(self, unit, officer, request, conversation, now)
            return officer_intake.handle(self, unit, officer, request, now)
        assert complaint is not None
        if action == "hint":
            return views.reply_hint(complaint)
        if action == "upload":
            return uploads.request(self, unit, officer, request, complaint, now)
        if action == "evidence":
            return evidence.show(self, unit, officer, request, complaint, now)
        if action == "documents":
            officer_files.documents(complaint)   # refused before step 6 has given a number
            check_action(officer, "documents", complaint.stage)
            render, keep = archive.plan_current_files(unit, self.files, self.config,
                                                      complaint, actor_label(officer), now)
            return DeskAnswer(True, Rich().t("📎 Dokumen ").code(complaint.ticket).t(
                                  f" (nomor {complaint.letter_number})"),
                              later=[Later(lambda: (None, render()), keep=keep)])
        if action == "view":
            audience = identity.chat(officer, request.private)
            shared = closing.shared_with(unit, self.config, officer, complaint)
            rich, *more = views.detail_pages(
                self.config, complaint, now, audience, kept=unit.excluded_officers(complaint.id),
                away=pings.away_now(unit), shared=shared,
                returned=approvals.awaiting_correction(unit, complaint))
            shown = identity.may_see_identity(complaint, audience) and \
                complaint.identity_mode != identity.Mode.NAMED
            steps.view_keyboard(self, unit, officer, request, complaint, rich)
            return DeskAnswer(True, rich, toast=complaint.ticket, complaint_id=complaint.id,
                              log_detail="identitas ditampilkan" if shown else "",
                              protect=shown, more=more)
        if action == "identity":
            check_action(officer, "identity", complaint.stage)
            if not request.private:
                raise Refused("Identitas hanya ditampilkan di chat pribadi dengan bot.")
            shown, *more = views.detail_pages(
                self.config, complaint, now, identity.private_chat(officer), reveal=True,
                kept=unit.excluded_officers(complaint.id), away=pings.away_now(unit),
                returned=approvals.awaiting_correction(unit, complaint))
            return DeskAnswer(True, shown, log_detail="identitas ditampilkan", protect=True,
                              more=more)
        if action in ("exclude", "reissue_pin"):
            check_action(officer, action, complaint.stage)
            if not request.private:
                raise Refused("Perintah ini hanya di chat pribadi dengan bot.")
            return getattr(officer_privacy, action)(self, unit, officer, request, complaint, now)
        if action == "withdraw":
            return withdraw.handle(self, unit, officer, request, complaint, now)
        if action in checked.STEP_ACTIONS:
            return checked.STEP_ACTIONS[action](self, unit, officer, request, complaint, now)
        check_action(officer, action, complaint.stage)
        return acts.ACTIONS[action](self, unit, officer, request, complaint, now)


def _opens_personal(text: str) -> bool:
    """'pengaduan pribadi', 'Aduan pribadi: paspor saya…' (any case, at the start)."""
    folded = " ".join(text.lower().split())
    return any(folded.startswith(word) for word in PERSONAL_WORDS)


def _who(officer: "Officer | None", request: OfficerRequest) -> tuple[str, str]:
    """The actor and the chat as the log and officer_actions name them. Someone not on the
    roster writing to the bot privately is most likely a complainant (a citizen who typed
    /lihat TIKET): their Telegram id only masked, as `identity.log_address` gives it (the log
    redactor misses ids of 7 or 8 digits, and officer_actions is kept for good)."""
    if officer is None and request.private:
        return (identity.log_address("telegram", request.actor_id),
                identity.log_address("telegram", request.chat_id))
    return request.actor_id, request.chat_id


def _recorded(request: OfficerRequest, detail: str | None) -> str | None:
    """What the append-only officer_actions keep of an action: as the message log keeps the
    command (a /catat answer only on the complaint), numbers masked: officers write the
    person's number into a reply, and no erasure reaches this table."""
    kept = identity.redact_numbers(detail) if detail else officer_privacy.loggable(
        request, request.args)
    return kept[:2000] or None


def _described(update: OfficerUpdate) -> str:
    """An update as the log names it: a button's data or a command's word, else its kind; never
    what was typed (a /catat answer is a complainant's name or number, a caption may name
    them too)."""
    if update.button is not None:
        return f"button {update.button}"
    word = command_word(update.text)
    if word is not None:
        return f"/{word}"
    return "document" if update.document is not None else "text"
