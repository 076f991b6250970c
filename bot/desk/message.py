"""`/pesan P-123 teks`: an officer answers someone who asked to talk to an officer."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from bot.conversation import officer as officer_chat
from bot.desk.requests import DeskAnswer, DeskContext, OfficerRequest
from bot.desk.views import usage
from bot.notify import PUSH_CHANNELS
from bot.rich import Rich
from bot.sop.workflow import Refused, check_role

if TYPE_CHECKING:
    from bot.config import Officer
    from storage.repo import Unit

_CODE = re.compile(r"^[Pp]-?(\d{1,12})$")


def handle(desk: "DeskContext", unit: "Unit", officer: "Officer", request: OfficerRequest,
           now: dt.datetime) -> DeskAnswer:
    """Send the text to the complainant P-<id> on their channel; refused with the usage."""
    check_role(officer, "message")
    code, _, text = request.args.strip().partition(" ")
    match = _CODE.match(code)
    if not match or not text.strip():
        raise Refused(usage("message"))
    person = unit.complainant_by_id(int(match.group(1)))
    if person is None:
        raise Refused(f"Pelapor {code.upper()} tidak ditemukan.")
    # the person's reply reaches the officers (unless they are writing a complaint); an
    # answer after the request was closed opens it again, so that reply has somewhere to go
    if person.channel not in PUSH_CHANNELS:
        raise Refused("Pelapor ini tidak dapat dihubungi lewat kanalnya.")
    if unit.live_contact_request(person.id) is None:
        unit.ask_for_officer(person.id, person.channel, now)
    in_chat = officer_chat.resume_after_answer(unit, person, now)
    desk.notifier.message_person(unit, person, now, text.strip(), reply_here=in_chat)
    answered = unit.answer_contact_request(person.id, str(officer.telegram_id), now)
    note = " Permintaannya kini tercatat sudah dijawab." if answered else ""
    return DeskAnswer(True, Rich().t(f"✅ Pesan untuk {code.upper()} dikirim.{note}"),
                      toast="pesan dikirim", log_detail=f"Pesan kepada {code.upper()}: {text}")


def close(desk: "DeskContext", unit: "Unit", officer: "Officer", request: OfficerRequest,
          now: dt.datetime) -> DeskAnswer:
    """`/tutup P-123`: the person's talk-to-officer request is done (their next one is new)."""
    check_role(officer, "message")
    match = _CODE.match(request.args.strip())
    if not match:
        raise Refused(usage("close_request"))
    closed = unit.close_contact_requests(int(match.group(1)), now)
    if not closed:
        raise Refused(f"Tidak ada permintaan terbuka dari P-{match.group(1)}.")
    person = unit.complainant_by_id(int(match.group(1)))
    if person is not None:            # they are told, and leave the officers' chat
        officer_chat.closed_by_officer(unit, person, now)
        desk.notifier.chat_closed(unit, person, now)
    return DeskAnswer(True, Rich().t(f"✅ Permintaan P-{match.group(1)} ditutup."),
                      toast="ditutup", log_detail=f"Permintaan P-{match.group(1)} ditutup")
