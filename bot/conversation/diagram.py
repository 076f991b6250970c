"""Print the conversation's state diagram (Mermaid) from the declared steps: `python -m bot.conversation.diagram`."""
from __future__ import annotations

from bot.conversation.engine import REGISTRY
from bot.conversation.turn import DRAFT_STATES, State

NOTE = ("batal/cancel (asks first when the draft has content), kembali/back (one question "
        "back), menu (keeps the draft), bantuan/help, privasi, status TICKET and nilai TICKET N "
        "work in every state")


def mermaid() -> str:
    lines = ["stateDiagram-v2",
             "    [*] --> menu: first message (greeting, privacy pointer; free text understood)",
             "    [*] --> rate: SOP step 9 done (outcome sent), unless writing a complaint"]
    for state in State:
        goes_to = REGISTRY[state].goes_to
        back_to_draft = DRAFT_STATES <= goes_to
        shown = goes_to - DRAFT_STATES if back_to_draft else goes_to
        for target in sorted(shown, key=list(State).index):
            lines.append(f"    {state.value} --> {target.value}")
        if back_to_draft:
            lines.append(f"    {state.value} --> any_draft_step: back to the draft")
    lines += ["    any_draft_step --> resume: silent for hours, then writes again",
              "    any_draft_step --> cancel: batal, with a story or answers",
              f"    note right of menu: {NOTE}"]
    return "\n".join(lines)


if __name__ == "__main__":
    print(mermaid())
