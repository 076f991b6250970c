"""The summary to confirm, changing an answer, and filing the complaint."""
from __future__ import annotations

import datetime as dt

from bot.channels import CHANNEL_LABELS
from bot.conversation.commands import SUMMARY_FIELDS
from bot.conversation import deadline, draft, filed
from bot.conversation.draft import story
from bot.conversation.flow import type_of
from bot.conversation.intake import (asked_meanwhile, reference_kind, service_aspect, type_label,
                                    when_text)
from bot.conversation.reporter import declines_secrecy, introduced_name, uses_shown_name, wish
from bot.conversation.status import outcome_due
from bot.conversation.step import Step, fears, register
from bot.conversation.turn import Go, State, Turn
from bot.conversation.understand import is_affirm, is_deny, said, says_send, says_wait
from bot.conversation.when import short_date
from bot.dates import format_local
from bot.events import ComplaintFiled
from bot.delicate import delicate_kind
from bot.identity import Mode, anonymous_to_all, choose_mode, complainant_actor
from bot.messages import Choice, Reply
from bot.sop.slots import alert_slot
from bot.sop.stages import Stage, public_next
from bot.sop.workflow import due_after
from bot.tickets import new_ticket, ready_pin
from storage.kept import counts
from storage.models import Complaint, StageEvent

PLACE_KEYS = {"office": "where.office", "seaport": "where.seaport", "airport": "where.airport",
              "online": "where.online"}
PREVIEW = 600


def place_text(turn: Turn) -> str:
    place, detail = turn.data.get("place"), turn.data.get("place_detail")
    if place in PLACE_KEYS:
        label = turn.t(PLACE_KEYS[place])
        return f"{label} ({detail})" if detail else label
    return detail or turn.t("summary.none")


def kept_files(turn: Turn) -> int:
    """The draft's files kept or still being fetched: one found too large at download (its
    size undeclared on arrival) was never kept, and its sender has been told so."""
    found = (turn.unit.attachment(i) for i in turn.data.get("attachments", []))
    return sum(1 for item in found if item is not None and counts(item))


def summary(turn: Turn) -> str:
    d = turn.data
    none = turn.t("summary.none")
    preview = story(turn)
    if len(preview) > PREVIEW:
        preview = preview[:PREVIEW].rstrip() + "…"
    identity = turn.t("summary.anonymous") if d.get("anonymous") else (d.get("name") or none)
    mode = identity_mode(turn)
    if mode is Mode.CONFIDENTIAL:
        identity += turn.t("summary.confidential")
    elif mode is Mode.NAMED and d.get("type") in turn.config.sensitive_types:
        # a whistleblower who chose to be named sees, before sending, who will read the name
        identity += turn.t("summary.named_openly")
    kind = type_of(turn)
    rows = [("summary.type", type_label(turn, d["type"]))]
    aspect = service_aspect(turn)
    if aspect is not None:
        rows.append(("summary.aspect", type_label(turn, aspect)))
    rows.append(("summary.story", preview))
    if reference_kind(turn) is not None:
        rows.append(("summary.reference", d.get("reference") or none))
    rows += [
        ("summary.when", when_text(turn)),
        ("summary.where", place_text(turn)),
        ("summary.who", d.get("who") or none),
        ("summary.evidence", turn.t("summary.files", count=kept_files(turn))),
    ]
    if kind is not None and kind.outcome_example is not None:
        rows.append(("summary.outcome", d.get("outcome") or none))
    rows.append(("summary.identity", identity))
    return "\n".join(f"*{turn.t(key)}:* {value}" for key, value in rows)


@register
class Confirm(Step):
    """Show the summary: send, change something, or cancel."""

    state = State.CONFIRM
    help_key = "help.confirm"
    goes_to = frozenset({State.MENU, State.EDIT, State.CANCEL})

    def prompt(self, turn: Turn) -> list[Reply]:
        offered = turn.data.get("protect_offer")
        if offered:
            return [protect_question(turn, offered)]
        turn.data["editing"] = False       # an edit (and what it re-asked) is complete
        turn.data.pop("undo", None)
        turn.data.pop("story_edit", None)
        asked = [turn.ask("summary", "confirm.send", "confirm.edit", "confirm.cancel",
                          summary=summary(turn))]
        who, name = turn.data.get("who"), turn.data.get("name")
        if who and name and said(who) == said(name):
            # "Sutarno" typed at "who is it about?", then at "your name?": the officers would
            # read him as the one accused; said before sending, so it can be corrected
            asked.insert(0, Reply(turn.t("summary.who_is_you", name=name)))
        return asked

    def handle(self, turn: Turn) -> Go:
        offered = turn.data.get("protect_offer")
        if offered:
            return self.protect(turn, offered)
        explained = self.explain(turn)
        if explained is not None:
            return explained
        if fears(turn.text):
            # "saya takut nanti dipersulit kalau nama saya ketahuan": answered, the summary
            # again; never read as a wish that changes the identity
            return Go(None, [Reply(turn.t("safe.asked"))])
        changed = self.identity_said(turn)
        if changed is not None:
            return changed
        answer = self.choose(turn, [
            turn.words("confirm.send") + ["kirim", "send", "setuju", "kirimkan", "submit",
                                          "hantar", "hantar je", "hantarkan"],
            turn.words("confirm.edit") + ["ubah", "edit", "ganti", "change", "koreksi"],
            turn.words("confirm.cancel") + ["batal", "cancel"]])
        if answer is None and (is_affirm(turn.text) or says_send(turn.text)):
            answer = 0          # "ya", and "lanjut" / "gas" (was "choose one first" for ever)
        if answer is None and says_wait(turn.text):
            # "lanjut nanti", "jangan dulu", "tunggu": nothing sent, the draft kept
            return Go(None, [Reply(turn.t("confirm.later"))], ask_next=False, understood=True)
        if answer is None:
            # "kapan selesainya pak?", "gmn status paspor anak sy": this complaint is not sent
            # yet (said, then the summary again); a question is answered, not "not understood"
            return asked_meanwhile(turn) or self.not_understood(turn)
        if answer == 1:
            return Go(State.EDIT)
        if answer == 2:
            turn.data["cancel_from"] = State.CONFIRM.value
            return Go(State.CANCEL)
        kind = protect_kind(turn)
        if kind is not None:
            turn.data["protect_offer"] = kind
            return Go(None, [protect_question(turn, kind)], ask_next=False)
        return Go(State.MENU, [file_complaint(turn)], ask_next=False)

    @staticmethod
    def identity_said(turn: Turn) -> Go | None:
        """At the summary, the identity changed in so many words: "anonim", "rahasiakan nama
        saya", "namanya pakai Budi aja". The summary comes again, changed, to be sent."""
        text, d = turn.text, turn.data
        if len(text.split()) > 12:
            return None
        wished = wish(text)
        profile = turn.complainant.profile_name
        name = introduced_name(text)
        before = (bool(d.get("anonymous")), d.get("name") or None, bool(d.get("confidential")))
        if wished == "anonymous":
            d.update(anonymous=True, name=None)
            d.pop("confidential", None)
        elif wished == "confidential":
            if not d.get("anonymous"):          # anonymous already tells no one at all
                # "ga usah dirahasiakan" declines it in so many words
                d["confidential"] = not declines_secrecy(text)
        elif name:
            d.update(name=name, anonymous=False)
        elif profile and uses_shown_name(text):
            d.update(name=profile, anonymous=False)
        else:
            return None
        if (bool(d.get("anonymous")), d.get("name") or None, bool(d.get("confidential"))) == \
                before:
            # "anonymous" when it already is: nothing changed, and said so
            return Go(None, [Reply(turn.t("correct.same"))])
        return Go(None, [Reply(turn.t("correct.done"))])

    def protect(self, turn: Turn, kind: str) -> Go:
        """The answer to `protect_question`: the sensitive type (the summary again, to send),
        or the type they chose (sent as it is: they were told who reads it)."""
        current = type_label(turn, turn.data["type"])
        answer = self.choose(turn, [turn.words("protect.yes") + ["ya", "yes", "rahasiakan"],
                                    turn.words("protect.no", current=current) + ["tidak", "no"]])
        if answer is None and is_affirm(turn.text):
            answer = 0
        if answer is None and is_deny(turn.text):
            answer = 1
        if answer is None:
            return self.not_understood(turn)
        turn.data.pop("protect_offer", None)
        turn.data["protect_asked"] = True
        if answer == 1:
            return Go(State.MENU, [file_complaint(turn)], ask_next=False)
        turn.data.update(type=kind, type_source="complainant", type_confidence=None)
        return Go(None)                    # the summary again, with its type and identity


def protect_kind(turn: Turn) -> str | None:
    """The sensitive type to offer when the draft's story reports a levy or an officer's
    conduct under an ordinary type (asked once per draft)."""
    d = turn.data
    if d.get("protect_asked") or d.get("type") in turn.config.sensitive_types:
        return None
    kind = delicate_kind(story(turn), d.get("who"), d.get("outcome"))
    return kind if kind in turn.config.sensitive_types and kind in turn.config.complaint_types \
        else None


def protect_question(turn: Turn, kind: str) -> Reply:
    current = type_label(turn, turn.data["type"])
    named = "" if turn.data.get("anonymous") else turn.t("protect.named")
    return Reply(turn.t("protect.offer", what=turn.t(f"protect.what.{kind}"), current=current,
                        label=type_label(turn, kind), named=named),
                 (Choice(turn.t("protect.yes")), Choice(turn.t("protect.no", current=current))))


# What each summary line edits: (label, the step that asks it, the answers it sets).
EDITABLE = (
    ("summary.story", State.DESCRIBE, ("story",)),
    ("summary.type", State.TYPE_CHOOSE, ("type",)),
    ("summary.reference", State.REFERENCE, ("reference",)),
    ("summary.when", State.WHEN, ("when_text", "when_date", "when_label", "when_detail")),
    ("summary.where", State.WHERE, ("place", "place_detail")),
    ("summary.who", State.WHO, ("who",)),
    ("summary.evidence", State.EVIDENCE, ("evidence_done",)),
    ("summary.outcome", State.OUTCOME, ("outcome",)),
    ("summary.identity", State.IDENTITY, ("anonymous", "name", "confidential")),
)


def editable(turn: Turn) -> list[tuple[str, State, tuple[str, ...]]]:
    kind = type_of(turn)
    skip = set()
    if reference_kind(turn) is None:
        skip.add(State.REFERENCE)
    if kind is None or kind.outcome_example is None:
        skip.add(State.OUTCOME)
    return [row for row in EDITABLE if row[1] not in skip]


# "ubah", "ganti" said again at the list of what to change.
AGAIN = {"ubah", "ganti", "edit", "change", "koreksi", "ralat", "perbaiki", "ubah lagi",
         "mau ubah", "mau ganti", "ganti lagi", "tukar"}


@register
class Edit(Step):
    """Pick the answer to change; after it (and what depends on it), the summary comes back."""

    state = State.EDIT
    help_key = "help.edit"
    goes_to = frozenset(state for _, state, _ in EDITABLE) | {State.CONFIRM}

    def prompt(self, turn: Turn) -> list[Reply]:
        return [Reply(turn.t("edit"), tuple(Choice(turn.t(k)) for k, _, _ in editable(turn)))]

    def handle(self, turn: Turn) -> Go:
        explained = self.explain(turn)
        if explained is not None:
            return explained
        rows = editable(turn)
        answer = self.choose(turn, [turn.words(k) for k, _, _ in rows])
        if answer is None:
            # "tanggalnya", "buktinya": a line named in other words
            s = said(turn.text)
            named = [target for target, words in SUMMARY_FIELDS if words.search(s)]
            found = [i for i, (_, target, _) in enumerate(rows) if named and target is named[0]]
            answer = found[0] if found else None
        if answer is None and said(turn.text) in AGAIN:
            return Go(None)              # "ubah" again: the list is shown again, to pick from
        if answer is None:
            return self.not_understood(turn)
        _, target, keys = rows[answer]
        # kept aside: "kembali" brings the old answers back unchanged
        turn.data["undo"] = {k: turn.data[k] for k in keys if k in turn.data}
        draft.reopen(turn, target, keys)
        turn.data["editing"] = True
        return Go(target)


def identity_mode(turn: Turn) -> Mode:
    """The mode the draft would be filed with (a sensitive type is confidential by default)."""
    d = turn.data
    return choose_mode(d.get("type", ""), anonymous=bool(d.get("anonymous")),
                       confidential=d.get("confidential") is True,
                       named_openly=d.get("confidential") is False,
                       sensitive_types=turn.config.sensitive_types)


def outcome_by(turn: Turn) -> dt.datetime:
    """When the SOP's time standards say the outcome reaches the complainant (step 9)."""
    return outcome_due(turn, turn.now)


def filed_reply(turn: Turn, ticket: str, pin: str, type_key: str,
                anonymous: bool = False) -> Reply:
    """The ticket message: what happens next, in plain words. `anonymous`: nobody in the
    office learns of the complaint before its alert slot (`bot.identity.anonymous_to_all`),
    and its report to Kasi is timed from there: said as it is."""
    hours, now = turn.services.hours, turn.now
    first = turn.config.sop.time_standards_minutes.get(Stage.REPORTED_TO_KASI.value, 10)
    if hours.is_open(now) and anonymous:
        slot = alert_slot(turn.config, now).astimezone(turn.config.office.tz)
        when = turn.t("filed.anonymous", slot=format_local(slot, turn.lang), minutes=first)
    elif hours.is_open(now):
        when = turn.t("filed.open", minutes=first)
    else:
        when = turn.t("filed.closed", opening=format_local(hours.next_opening(now), turn.lang))
    by = outcome_by(turn).astimezone(turn.config.office.tz).date()
    extra = "\n" + turn.t("filed.levy") if type_key == "pungli" else ""
    return Reply(turn.t("filed", ticket=ticket, pin=pin, when=when, extra=extra,
                        by=short_date(by, turn.lang),
                        next=public_next(Stage.RECEIVED, turn.lang)), secrets=(pin,))


def file_complaint(turn: Turn) -> Reply:
    """Create the complaint, its first audit event, and the reply with ticket and PIN."""
    d, now, config = turn.data, turn.now, turn.config
    # One in 8.5e11: a ticket already taken fails the insert (unique), and the turn is run
    # again with a new one (ConcurrentUpdate), so no look-up is spent on every filing.
    ticket = new_ticket(config.office.code)
    pin, pin_hash = ready_pin()            # hashed ahead, outside the write lock
    mode = identity_mode(turn)
    predicted = d.get("predicted") or {}
    complaint = Complaint(
        ticket=ticket, pin_hash=pin_hash, complainant_id=turn.complainant.id,
        channel=turn.inbound.channel, language=turn.lang, type=d["type"],
        type_source=d.get("type_source", "complainant"), type_confidence=d.get("type_confidence"),
        predicted_type=predicted.get("type"), predicted_confidence=predicted.get("confidence"),
        model_version=predicted.get("model_version"), type_changed_by=d.get("type_changed_by"),
        description=story(turn), place=d.get("place"), place_detail=d.get("place_detail"),
        incident_time_text=d.get("when_text"),
        incident_date=dt.date.fromisoformat(d["when_date"]) if d.get("when_date") else None,
        reported_party=d.get("who"), reference_number=d.get("reference"),
        desired_outcome=d.get("outcome"),
        reporter_name=None if mode is Mode.ANONYMOUS else d.get("name"),
        identity_mode=mode.value, stage=Stage.RECEIVED.value, created_at=now, updated_at=now,
        # the first step's deadline, known now: written with the row (no UPDATE after it)
        due_at=due_after(config, turn.services.hours, Stage.RECEIVED.value, None, now))
    event = StageEvent(complaint_id=0, actor=complainant_actor(turn.complainant.id),
                       actor_role="complainant", from_stage=None, to_stage=Stage.RECEIVED.value,
                       note="Pengaduan diterima melalui "
                       + CHANNEL_LABELS.get(turn.inbound.channel, turn.inbound.channel), at=now)
    turn.unit.file_complaint(complaint, d.get("attachments", []), event)
    turn.complainant.consent_at = turn.complainant.consent_at or now
    if mode is not Mode.ANONYMOUS and d.get("name"):
        turn.complainant.name = d["name"]
    turn.events.append(ComplaintFiled(complaint.id))
    turn.data.clear()
    filed.just_filed(turn, ticket)       # a second "1" at once is this filing again
    # a deadline of the person's own in the story: said back, and the officers told of it
    return deadline.at_filing(turn, complaint, filed_reply(turn, ticket, pin, complaint.type,
                                                             anonymous_to_all(complaint)))
