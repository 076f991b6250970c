"""Print the conversation's state diagram (Mermaid) from the declared steps: `python -m bot.conversation.diagram`."""
from __future__ import annotations

from bot.conversation.engine import REGISTRY
from bot.conversation.turn import State


def mermaid() -> str:
    lines = ["stateDiagram-v2", "    [*] --> menu: first message (greeting, privacy notice)",
             "    [*] --> rate: SOP step 9 done (outcome sent), unless writing a complaint"]
    for state in State:
        if state is State.RESUME:
            continue
        for target in sorted(REGISTRY[state].goes_to, key=list(State).index):
            lines.append(f"    {state.value} --> {target.value}")
    lines += ["    any_draft_step --> resume: silent for hours, then writes again",
              "    resume --> any_draft_step: lanjutkan (back to the interrupted step)",
              "    resume --> menu: mulai baru"]
    lines.append("    note right of menu: batal/cancel, menu, bantuan/help, status TICKET and nilai TICKET N work in every state")
    return "\n".join(lines)


if __name__ == "__main__":
    print(mermaid())
