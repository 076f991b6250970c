"""Reading load: how many characters a complainant reads from greeting to ticket.

Plays a simple complaint (and a passport one, which asks two more questions) through the real
app over signed Twilio webhooks, the way a person on WhatsApp would, counting every character
the bot sends: the webhook's replies and the pause acknowledgement from the outbox. With
RASA_URL set (`make bench` starts a Rasa server) it plays each with the NLU's one-tap type
proposal, and always without the NLU (the list of types). Target: at most 2,500 characters.
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Flood, load_config  # noqa: E402
from handlers.app import create_app  # noqa: E402
from handlers.wiring import build_runtime  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from tests.support.twilio_chat import TwilioSender  # noqa: E402

TARGET = 2500
TICKET = re.compile(r"TRK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}")
ENV = {"TWILIO_ACCOUNT_SID": "AC" + "1" * 32, "TWILIO_AUTH_TOKEN": "reading-token-0123456789",
       "TWILIO_WHATSAPP_FROM": "whatsapp:+628115773337", "PUBLIC_BASE_URL": "https://aduan.test"}
# (name, story, answers after the story: a type answer is chosen by the script)
SCENARIOS = (
    ("simple (facilities)", "AC di ruang tunggu mati, panas sekali, antrian jadi tidak nyaman",
     "8", ["kemarin", "1", "lewati", "lanjut", "1", "1"]),
    ("passport (asks 2 more)", "sy udh 3 minggu nunggu paspor blm jadi padahal sdh bayar",
     "1", ["lewati", "kemarin", "1", "lewati", "lanjut", "lewati", "1", "1"]),
)


def play(rasa_url: str | None, story: str, type_answer: str, answers: list[str]) -> int:
    """Characters read in one complaint, greeting to ticket."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/reading.sqlite3"
        upgrade(url)
        env = {**ENV, "DATABASE_URL": url, **({"RASA_URL": rasa_url} if rasa_url else {})}
        config = load_config(environ=env)
        # A script answers at machine speed: the flood limit (privacy.flood) would slow it down
        # after a few answers; a person reading the replies never meets it.
        office = config.office_config
        config.office_config = office.model_copy(update={"privacy": office.privacy.model_copy(
            update={"flood": Flood(messages=100, seconds=0.001)})})
        runtime = build_runtime(config, classifier=bool(rasa_url))
        app = create_app(runtime)
        phone = TwilioSender(app.test_client(), runtime.config.settings)
        read = 0

        def say(text: str) -> str:
            nonlocal read
            reply = "\n\n".join(phone.say(text))
            read += len(reply)
            return reply

        say("halo")
        say("1")
        say(story)
        with runtime.store.unit() as unit:     # the person pauses: the acknowledgement comes
            read += sum(len(i.body) for i in unit.outbox_items(kind="pause", status="pending"))
        question = say("lanjut")
        if "tampaknya tentang" not in question:
            say(type_answer)
        else:
            say("1")
        last = ""
        for text in answers:
            last = say(text)
        runtime.store.dispose()
        if not TICKET.search(last):
            raise SystemExit(f"the scripted complaint did not end with a ticket:\n{last}")
        return read


def main() -> int:
    rasa_url = os.environ.get("RASA_URL")
    print(f"reading load, greeting to ticket (target ≤ {TARGET:,} characters):")
    worst = 0
    for name, story, type_answer, answers in SCENARIOS:
        for label, nlu in (("with the NLU", rasa_url), ("without the NLU", None)):
            if label == "with the NLU" and not rasa_url:
                continue
            chars = play(nlu, story, type_answer, answers)
            worst = max(worst, chars) if name.startswith("simple") else worst
            print(f"  {name:24s} {label:16s} {chars:5,d} characters")
    print(f"  simple complaint, worst case: {worst:,} characters "
          f"({'within' if worst <= TARGET else 'OVER'} the target)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
