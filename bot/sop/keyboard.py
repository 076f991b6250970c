"""The buttons officers press, each bound to the complaint's stage: labels and callback data.

Callback data reads `verb:TICKET:stage[:choice]` (Telegram allows 64 bytes; the longest is
about 40). A press is refused when the complaint has left the stage its button was made for,
so an old alert can never act on whatever step is due now, and two quick taps never move two
steps. `view` alone is not bound to a stage (looking is always allowed).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.progress_texts import FOREIGNERS, NO_ONE_AT_FAULT
from bot.sop.stages import Stage
from bot.sop.workflow import next_transition
from bot.tickets import find_ticket

if TYPE_CHECKING:
    from bot.rich import Rich

# verb -> what the desk does (the desk's action names)
VERBS = {"take": "take", "go": "stage", "ok": "stage", "no": "cancel_step", "vd": "stage",
         "fu": "stage", "fn": "stage", "view": "view", "pg": "list"}
# fu: the SOP's follow-ups (in the type's words); fn: where no officer was involved
CHOICES = {"vd": {"b": "benar", "t": "tidak_benar"}, "fu": {"p": "pembinaan", "h": "hukuman"},
           "fn": {"a": "aph", "i": "imbauan", "l": "perbaikan_layanan"}}
CODES = {verb: {word: code for code, word in table.items()} for verb, table in CHOICES.items()}
STAGES = {s.value for s in Stage}
# Short verb labels for the step each stage leads to (SOP step number -> label).
STEP_BUTTON = {2: "➡️ Lapor ke Kasi", 3: "📝 Beri arahan", 6: "📝 Susun laporan",
               7: "✍️ Paraf", 8: "🖋️ Tanda tangani", 9: "📨 Laporkan hasil",
               10: "🗂️ Catat inventaris"}
# Step 5's choices in the words the documents print for the type (bot.paperwork.casefile
# .follow_up_label), short: the SOP's coaching or discipline falls on the office's own people.
FOLLOW_UP_BUTTONS = {"pembinaan": "🤝 Pembinaan", "hukuman": "⚖️ Hukuman"}
FOREIGNER_BUTTONS = {"pembinaan": "👁️ Pengawasan & peringatan",
                     "hukuman": "⚖️ Tindakan administratif"}
# No one at fault (a facility, the app, information): both choices print the same follow-up,
# so one button, the service put right.
SERVICE_BUTTON = {"pembinaan": "🔧 Perbaikan layanan"}
# Step 5 where the examination found no officer involved (a broker outside the office, a
# fraud): on a row of their own, for every type (bot.sop.workflow.NO_STAFF_FOLLOW_UPS).
NO_STAFF_BUTTONS = {"aph": "🚓 Serahkan ke polisi/APH", "imbauan": "📢 Imbauan masyarakat",
                    "perbaikan_layanan": "🔧 Perbaikan layanan"}
CONFIRM_BUTTON = {7: "✅ Ya, paraf", 8: "✅ Ya, tanda tangani"}
VIEW = "📄 Lihat"
TAKE = "✋ Ambil"
CONFIRMED_STEPS = (7, 8)      # approvals: a second tap confirms


@dataclass(frozen=True)
class Press:
    """One button press, read from its callback data."""

    verb: str
    ticket: str | None
    stage: str | None = None
    choice: str | None = None
    page: int = 1
    legacy: bool = False      # a button made before presses were bound to a stage


def data(verb: str, ticket: str, stage: str | None = None, choice: str | None = None) -> str:
    """The callback data of a button (a choice word is sent as its one-letter code)."""
    parts = [verb, ticket] + ([stage] if stage else [])
    if choice is not None:
        parts.append(CODES[verb][choice])
    return ":".join(parts)


def read(raw: str, office_code: str) -> Press | None:
    """The press a callback data stands for, or None when it is not ours."""
    parts = raw.split(":")
    verb = parts[0]
    if verb == "pg":
        scope = parts[1] if len(parts) > 1 else "all"
        page = parts[2] if len(parts) > 2 else "1"
        return Press("pg", None, choice=scope, page=int(page) if page.isdigit() else 1)
    if verb == "next" and len(parts) == 2:          # pre-binding buttons still in old chats
        return Press("go", find_ticket(parts[1], office_code), legacy=True)
    if verb not in VERBS or len(parts) < 2:
        return None
    ticket = find_ticket(parts[1], office_code)
    stage = parts[2] if len(parts) > 2 and parts[2] in STAGES else None
    choice = CHOICES.get(verb, {}).get(parts[3]) if len(parts) > 3 else None
    if verb in CHOICES and choice is None:
        return None
    if verb not in ("view",) and stage is None:
        return Press(verb, ticket, legacy=True)       # 'take:TICKET' of old alerts
    return Press(verb, ticket, stage, choice)


def follow_up_buttons(kind: str | None) -> dict[str, str]:
    """Step 5's choices as buttons for a complaint of type `kind` (None: the SOP's words)."""
    if kind == FOREIGNERS:
        return FOREIGNER_BUTTONS
    if kind in NO_ONE_AT_FAULT:
        return SERVICE_BUTTON
    return FOLLOW_UP_BUTTONS


def no_staff_buttons(kind: str | None) -> dict[str, str]:
    """Step 5's choices where no officer was involved, for a complaint of type `kind` (its
    first row already offers the service put right where no one can be at fault)."""
    if kind in NO_ONE_AT_FAULT:
        return {k: v for k, v in NO_STAFF_BUTTONS.items() if k != "perbaikan_layanan"}
    return NO_STAFF_BUTTONS


def no_staff_row(ticket: str, stage: str, verdict: str | None,
                 kind: str | None = None) -> list[tuple[str, str]]:
    """The second row of step 5 (empty at any other step)."""
    transition = next_transition(stage, verdict)
    if transition is None or "follow_up" not in transition.needs:
        return []
    return [(label, data("fn", ticket, stage, choice))
            for choice, label in no_staff_buttons(kind).items()]


def step_row(ticket: str, stage: str, verdict: str | None,
             kind: str | None = None) -> list[tuple[str, str]]:
    """The buttons that do the next SOP step from `stage` (empty when the SOP is done); step
    5's labelled for the complaint's type `kind`."""
    transition = next_transition(stage, verdict)
    if transition is None:
        return []
    if "verdict" in transition.needs:
        return [("✅ Benar", data("vd", ticket, stage, "benar")),
                ("❌ Tidak benar", data("vd", ticket, stage, "tidak_benar"))]
    if "follow_up" in transition.needs:
        return [(label, data("fu", ticket, stage, choice))
                for choice, label in follow_up_buttons(kind).items()]
    return [(STEP_BUTTON[transition.step], data("go", ticket, stage))]


def attach(rich: "Rich", ticket: str, stage: str, verdict: str | None,
           take: bool = True, kind: str | None = None) -> "Rich":
    """The keyboard of a complaint at its stage: take and the next step, then view."""
    row = step_row(ticket, stage, verdict, kind)
    if take and stage != Stage.ARCHIVED:
        row = [(TAKE, data("take", ticket, stage))] + row
    if row:
        rich.button_row(*row)
    extra = no_staff_row(ticket, stage, verdict, kind)
    if extra:
        rich.button_row(*extra)
    rich.button_row((VIEW, data("view", ticket)))
    rich.stage = stage
    return rich


def approve(rich: "Rich", ticket: str, stage: str, verdict: str | None) -> "Rich":
    """Only the step's own button (under a document to approve), bound to the stage."""
    row = step_row(ticket, stage, verdict)
    if row:
        rich.button_row(*row)
    rich.stage = stage
    return rich


def confirm(rich: "Rich", ticket: str, stage: str, step: int) -> "Rich":
    """The confirmation asked before an approval (steps 7 and 8)."""
    rich.button_row((CONFIRM_BUTTON[step], data("ok", ticket, stage)),
                    ("✖️ Batal", data("no", ticket, stage)))
    rich.stage = stage
    return rich


def view_only(ticket: str) -> list[list[tuple[str, str]]]:
    """What a retired keyboard becomes: looking is always allowed."""
    return [[(VIEW, data("view", ticket))]]
