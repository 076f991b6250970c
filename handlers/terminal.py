"""`make chat`: talk to the bot in the terminal as a complainant would, with no credentials."""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import select
import sys
import time
import uuid

from bot.config import ConfigError, load_config
from bot.conversation.engine import Unavailable, apology
from bot.messages import Inbound, Media, Reply
from handlers import logsafe
from handlers.wiring import build_runtime
from storage.migrate import upgrade

HELP = ("Type as a complainant would. '/foto NAME' sends a photo, '/dokumen NAME' a document, "
        "'/keluar' quits.")


def to_inbound(line: str, address: str) -> Inbound:
    media: tuple[Media, ...] = ()
    text = line
    for command, content_type in (("/foto", "image/jpeg"), ("/dokumen", "application/pdf")):
        if line.startswith(command):
            name = line[len(command):].strip() or "bukti"
            media = (Media(f"terminal://{name}", content_type),)
            text = ""
    return Inbound(channel="terminal", address=address, text=text, provider="terminal",
                   provider_id=uuid.uuid4().hex, received_at=dt.datetime.now(dt.timezone.utc),
                   media=media)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--as", dest="address", default="terminal-user",
                        help="the identity to chat as (another one cannot read your tickets)")
    parser.add_argument("--no-nlu", action="store_true", help="do not ask the Rasa server")
    args = parser.parse_args(argv)
    # Operator warnings (no Telegram group configured, Rasa unreachable) would interleave
    # with the conversation; errors still show.
    logging.basicConfig(level=logging.ERROR, format="(%(name)s: %(message)s)")
    try:
        config = load_config()
    except ConfigError as exc:
        print(f"configuration error:\n{exc}", file=sys.stderr)
        return 2
    logsafe.install(config.settings)
    upgrade(config.settings.database_url)
    runtime = build_runtime(config, classifier=None if args.no_nlu else True)
    print(HELP)
    pending: list[tuple[float, Reply]] = []   # said after a silence, unless the person types
    while True:
        try:
            line = read_line(pending)
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if line is None:
            continue
        if line in {"/keluar", "/quit", "/exit"}:
            return 0
        if not line:
            continue
        pending.clear()      # typing again supersedes what was waiting for a pause
        try:
            replies = runtime.engine.handle_safely(to_inbound(line, args.address))
        except Unavailable:
            show(apology("unavailable", line))
            continue
        for reply in replies:
            if reply.delay:
                pending.append((time.monotonic() + reply.delay, reply))
            else:
                show(reply)


def show(reply: Reply) -> None:
    print("\nbot> " + reply.as_plain_text().replace("\n", "\n     ") + "\n")


def read_line(pending: list[tuple[float, Reply]]) -> str | None:
    """The next line typed; None when a pending reply fell due first (it is shown)."""
    print("anda> ", end="", flush=True)
    if pending and sys.stdin.isatty():
        wait = max(0.0, pending[0][0] - time.monotonic())
        ready, _, _ = select.select([sys.stdin], [], [], wait)
        if not ready:
            print()
            show(pending.pop(0)[1])
            return None
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.strip()


if __name__ == "__main__":
    raise SystemExit(main())
