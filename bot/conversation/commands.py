"""Words that work in every state: cancel (with confirmation), back, menu, help, privacy, status."""
from __future__ import annotations

import re

from bot.conversation import draft, officer, rating, routing, status
from bot.conversation.choices import normalise
from bot.conversation.flow import ANSWERS, PART_OF, forget_from
from bot.conversation.step import Step, register
from bot.conversation.turn import DRAFT_STATES, Go, State, Turn
from bot.conversation.understand import (
    is_affirm,
    is_deny,
    keeps,
    said,
    wants_cancel,
)
from bot.messages import Reply
from bot.tickets import find_ticket

MENU_WORDS = {"menu", "mulai", "start", "/start", "home", "main menu", "menu utama", "/menu"}
BACK_WORDS = {"kembali", "back", "balik", "sebelumnya", "mundur", "previous", "go back", "/back",
              "kembali min", "back please", "langkah sebelumnya"}
HELP_WORDS = {"bantuan", "help", "/help", "tolong bantu", "bantu", "panduan"}
PRIVACY_WORDS = {"privasi", "privacy", "/privasi", "/privacy", "kebijakan privasi",
                 "privacy notice", "pemberitahuan privasi", "data saya", "my data"}
RESTORE_WORDS = {"pulihkan", "kembalikan", "undo", "restore", "batal batal", "ga jadi batal",
                 "gak jadi batal", "urungkan"}
# Cleared when the person goes back to the menu from a flow that is not a draft.
EPHEMERAL = ("status_ticket", "status_candidates", "rate_ticket", "rating", "cancel_from")


def leave_to_menu(turn: Turn, state: State) -> None:
    if state is State.CANCEL:       # asked whether to cancel, they left: nothing is cancelled
        state = State(turn.data.get("cancel_from", State.DESCRIBE.value))
    if state in DRAFT_STATES:
        draft.interrupt(turn, state)
    for key in EPHEMERAL:
        turn.data.pop(key, None)


def check(turn: Turn, state: State) -> Go | None:
    """The command in this message, if it is one; None lets the step read it. A command that
    takes the person out of the officers' chat says so (*batal* also ends the request)."""
    go = _command(turn, state)
    if go is not None and state is State.OFFICER and go.to not in (None, State.OFFICER):
        go.say.insert(0, officer.leave(turn, ending=wants_cancel(turn.text)))
    return go


def _command(turn: Turn, state: State) -> Go | None:
    text = turn.text
    office = turn.config.office.code
    first_word = next(iter(normalise(text[:20]).split()), "")
    if first_word in rating.COMMAND_WORDS and find_ticket(text, office):
        return rating.rate_command(turn, text)
    if not text or len(text) > 60:
        return None
    s = said(_command_word(text))
    if s in PRIVACY_WORDS:
        return Go(None, [Reply(privacy_notice(turn))],
                  ask_next=state is not State.MENU)
    if state is not State.CANCEL and wants_cancel(text):
        return cancel(turn, state)
    if state is not State.CANCEL and (s in RESTORE_WORDS or keeps(text)) and \
            turn.data.get("discarded") and (state not in DRAFT_STATES
                                            or not draft.has_content(turn.data)):
        restored = draft.restore(turn)
        return Go(restored, [Reply(turn.t("restored"))])
    if s in BACK_WORDS:
        return back(turn, state)
    corrected = correction(turn, state)
    if corrected is not None:
        return corrected
    if s in MENU_WORDS:
        leave_to_menu(turn, state)
        return Go(State.MENU)
    if s in HELP_WORDS:
        return Go(None, [Reply(turn.t("help"))])
    ws = s.split()
    if ws and ws[0] in {"status", "cek", "check"} and (
            len(ws) == 1 or ws[:2] in (["cek", "status"], ["check", "status"])
            or find_ticket(text, office)):
        leave_to_menu(turn, state)
        return status.status_command(turn, text)
    return None


# "eh salah, tempatnya di pelabuhan", "ralat tanggalnya", "maaf salah pilih", "oops wrong date":
# a correction of an earlier answer, said while another question is asked (not "salah satu
# petugas…", "salah paham").
_CORRECTING = re.compile(
    r"^\W*((eh+|maaf|mohon maaf|oh|aduh|duh|sorry|oops|wait|tadi)\W+)+(salah|keliru|wrong)\b|"
    r"^\W*(ralat|koreksi|correction)\b|"
    r"^\W*(salah|keliru|wrong)(\s*[,.!]|\s*$|\s+(tadi|tulis|ketik|pilih|input|jawab|isi|one)\b)")
# What is corrected: the words that name an earlier question.
_FIELDS = ((State.WHERE, re.compile(r"\b(tempat|tempatnya|lokasi|lokasinya|place|location|where)\b")),
           (State.WHEN, re.compile(r"\b(tanggal|tanggalnya|tgl|tglnya|waktu|waktunya|jam|jamnya|"
                                   r"hari|harinya|kapan|date|time|day|when)\b")),
           (State.TYPE_CHOOSE, re.compile(r"\b(jenis|jenisnya|kategori|kategorinya|type|category)\b")),
           (State.REFERENCE, re.compile(r"\b(nomor permohonan|no permohonan|permohonan|"
                                        r"application number|reference)\b")),
           (State.IDENTITY, re.compile(r"\b(nama|namanya|identitas|name|identity)\b")))
# Questions a correction may be said at (the story takes corrections as part of itself).
_CORRECTABLE_AT = DRAFT_STATES - {State.DESCRIBE, State.CANCEL, State.EDIT}


def correction(turn: Turn, state: State) -> Go | None:
    """"eh salah, tempatnya …" at a later question: that earlier answer is asked again (the
    questions between keep their answers, and the flow comes back to where it was); "eh salah"
    alone is one question back. At the summary, the answer is edited as by *ubah*."""
    s = said(turn.text)
    if state not in _CORRECTABLE_AT or not _CORRECTING.search(turn.text.lower()) or \
            len(s.split()) > 14:
        return None
    answered = [target for target, words in _FIELDS if words.search(s)
                and any(key in turn.data for key in ANSWERS[target])]
    if not answered:
        return back(turn, state) if len(s.split()) <= 3 else None
    target = answered[0]
    if target is state or target is PART_OF.get(state):
        return None
    keys = ANSWERS[target]
    if state is State.CONFIRM:
        turn.data["undo"] = {k: turn.data[k] for k in keys if k in turn.data}
        turn.data["editing"] = True
    for key in keys:
        turn.data.pop(key, None)
    return Go(target, [Reply(turn.t("correct.ok"))])


def _command_word(text: str) -> str:
    """A Telegram command as its word alone: "/start qr_loket" (a deep link's payload) and
    "/bantuan@aduan_bot" are /start and /bantuan, never words of a story or an answer."""
    if not text.startswith("/"):
        return text
    return text.split()[0].partition("@")[0]


def privacy_notice(turn: Turn) -> str:
    """The privacy notice, with the retention periods config.yml sets."""
    office, kept = turn.config.office, turn.config.retention
    return turn.t("privacy", office=office.short(turn.lang),
                  email=office.contacts.email or office.contacts.whatsapp,
                  messages=kept.message_body_days, drafts=kept.abandoned_draft_days,
                  months=kept.anonymise_after_months)


def cancel(turn: Turn, state: State) -> Go:
    """In a draft worth keeping: ask first. Elsewhere: back to the menu, unless it asks to
    cancel a complaint already filed ("batalkan pengaduan saya"): that goes to the officers."""
    if state in (State.MENU, State.INFO):
        followed = routing.follows_up(turn, turn.text)
        if followed is not None and followed[1] == "withdraw":
            return officer.follow_up(turn, *followed)
    if state in DRAFT_STATES and draft.has_content(turn.data):
        turn.data["cancel_from"] = state.value
        return Go(State.CANCEL)
    said_ = [Reply(turn.t("cancelled_empty"))] if state in DRAFT_STATES else []
    if state in DRAFT_STATES:
        draft.clear(turn)
    leave_to_menu(turn, state)
    return Go(State.MENU, said_)


def back(turn: Turn, state: State) -> Go:
    """One question back in a draft; elsewhere, the menu."""
    if state not in DRAFT_STATES:
        leave_to_menu(turn, state)
        return Go(State.MENU)
    if state is State.CANCEL:
        return Go(State(turn.data.pop("cancel_from", State.DESCRIBE.value)))
    if turn.data.get("editing"):
        for key, value in (turn.data.pop("undo", None) or {}).items():
            turn.data[key] = value
        return Go(State.CONFIRM)
    previous = draft.step_back(turn, state)
    if previous is None:
        draft.interrupt(turn, state)
        return Go(State.MENU)
    forget_from(turn, previous)
    return Go(previous)


@register
class CancelDraft(Step):
    """'batal' in a draft with content: really throw it away?"""

    state = State.CANCEL
    goes_to = frozenset({State.MENU}) | DRAFT_STATES

    def prompt(self, turn: Turn) -> list[Reply]:
        return [turn.ask("cancel.ask", "cancel.yes", "cancel.no")]

    def handle(self, turn: Turn) -> Go:
        came_from = State(turn.data.get("cancel_from", State.DESCRIBE.value))
        answer = self.choose(turn, [turn.words("cancel.yes") + ["ya", "batal", "batalkan"],
                                    turn.words("cancel.no") + ["tidak", "lanjut", "lanjutkan"]])
        if answer is None:
            if keeps(turn.text) or is_deny(turn.text):
                answer = 1
            elif is_affirm(turn.text) or wants_cancel(turn.text):
                answer = 0
        if answer is None:
            return self.not_understood(turn)
        turn.data.pop("cancel_from", None)
        if answer == 1:
            return Go(came_from, [Reply(turn.t("cancel.kept"))])
        draft.discard(turn, came_from)
        return Go(State.MENU, [Reply(turn.t("cancelled"))], ask_next=False)
