"""The owner's answer to a data-subject request made by their number (UU 27/2022).

Kasi Tikkim may be asked, by e-mail or at the counter, for the data held about a phone number
or a Telegram account, or for its erasure. Whoever asks may not be its owner (an ex-partner, an
employer, the officer a whistleblower reported), and the export would tie the number to the
complaints it sent, anonymous ones included. So a request made by number is first put to the
number itself (bot/desk/subjects.py): the owner answers here, *SETUJU* or *TOLAK*, within
`HOURS`; the answer is recorded (`data_requests`) and Kasi Tikkim is told in their private chat.
Nothing is handed over or erased without a *SETUJU* from the number.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bot import identity
from bot.conversation.texts import t
from bot.conversation.understand import is_affirm, is_deny
from bot.messages import Reply
from bot.rich import Rich
from storage.models import DataRequest

# In the conversation's data: {kind, ask (the data_requests row), until}. Not the officer: the
# person's own export shows their conversation, and an officer's Telegram id is never shown.
KEY = "subject_request"
HOURS = 48

# "setuju pak", "ya saya setuju min", "I agree", "tolak", "tidak setuju kak", "I refuse"
_POLITE = (r"(?:[\s,]+(?:pak|bu|bapak|ibu|min|admin|kak|mas|mbak|bang|dong|ya+|deh|sir|madam|"
           r"thanks?|thank you|terima kasih|makasih|trims))*")
_AGREE = re.compile(r"^(?:ya+|iya+|yes|ok(?:e|ay)?)?[\s,.!]*(?:saya\s+|sy\s+|i\s+)?"
                    r"(?:setuju+|agree|consent)" + _POLITE + r"[\s.!]*$")
_REFUSE = re.compile(r"^(?:saya\s+|sy\s+|i\s+)?(?:tolak|menolak|tidak\s+setuju|ga+k?\s+setuju|"
                     r"nggak?\s+setuju|enggak\s+setuju|refuse|decline|do\s*n.?t\s+agree|"
                     r"do\s+not\s+agree|disagree)" + _POLITE + r"[\s.!]*$")

_MINE = re.compile(r"\b(saya yang (minta|meminta|mengajukan)|i (asked|requested)|it was me)\b")
_WHAT = {"export": "salinan data pribadi", "erase": "penghapusan data pribadi"}
_COMMAND = {"export": "/datapribadi", "erase": "/hapusdata … YAKIN alasan"}


# What each request asks, as the `data_request` WhatsApp template's {{text}} reads it.
TEMPLATE_TEXT = {"export": ("salinan data pribadi", "a copy of the personal data"),
                 "erase": ("penghapusan data pribadi", "erasure of the personal data")}


def ask(turn_unit: Any, *, person_id: int, channel: str, address: str, lang: str, kind: str,
        officer_id: str, officer_role: str, reason: str | None, office: str,
        now: dt.datetime, template: Any = None) -> None:
    """Put a data-subject request made by number to the number itself, and record the ask;
    the answer is told to the asking officer's private chat (their Telegram id).

    `template`: the approved `data_request` WhatsApp template (config `whatsapp_templates`),
    which the worker sends instead when the number has not written for 24 hours."""
    until = now + dt.timedelta(hours=HOURS)
    asked = turn_unit.record_data_request(DataRequest(
        complainant_id=person_id, kind=f"ask-{kind}", officer_id=officer_id,
        officer_role=officer_role, reason=reason, at=now))
    turn_unit.set_conversation_value(channel, address, KEY, {
        "kind": kind, "ask": asked.id, "until": until.isoformat()}, now)
    payload: dict[str, Any] = {}
    if channel == "whatsapp" and template is not None:
        values = {"office": office, "text": TEMPLATE_TEXT[kind][lang == "en"]}
        payload["template"] = {"content_sid": template.sid(lang), "variables": {
            str(i): values.get(name, "") for i, name in enumerate(template.variables, 1)}}
    turn_unit.enqueue(kind="consent", channel=channel, address=address,
                      body=t(lang, f"consent.ask_{kind}", office=office, hours=HOURS),
                      payload=payload, at=now, complainant_id=person_id)


def standing(requests: list[DataRequest], kind: str, now: dt.datetime) -> str:
    """"agreed" (a SETUJU within HOURS, not used yet), "asked" (waiting for the answer) or
    "none", from the person's data requests, oldest first."""
    mine = [r for r in requests if r.kind in (f"ask-{kind}", f"ok-{kind}", f"no-{kind}", kind)]
    if not mine or mine[-1].at < now - dt.timedelta(hours=HOURS):
        return "none"
    return {f"ok-{kind}": "agreed", f"ask-{kind}": "asked"}.get(mine[-1].kind, "none")


def pending(data: dict[str, Any], now: dt.datetime) -> dict[str, Any] | None:
    """The request waiting for this person's answer, if it has not expired."""
    asked = data.get(KEY)
    if not isinstance(asked, dict):
        return None
    try:
        until = dt.datetime.fromisoformat(asked["until"])
    except (KeyError, TypeError, ValueError):
        return None
    return asked if now <= until else None


def answer(turn: Any, at_menu: bool = False) -> list[Reply] | None:
    """SETUJU / TOLAK to a pending request: recorded, Kasi Tikkim told, the person thanked.
    A plain yes or no at the menu ("iya saya yang minta") is asked for the word itself: a yes
    to something else must never hand a person's data over. None: no request waits, or the
    message is not an answer to it (the turn goes on)."""
    asked = pending(turn.data, turn.now)
    if asked is None:
        turn.data.pop(KEY, None)           # expired: forgotten
        return None
    if turn.inbound.kind != "text":
        return None
    said = re.sub(r"\s+", " ", turn.text.lower()).strip()
    agreed = bool(_AGREE.match(said))
    if not agreed and not _REFUSE.match(said):
        if at_menu and (is_affirm(said) or is_deny(said) or _MINE.search(said)):
            return [Reply(turn.t(f"consent.which_{asked['kind']}"))]
        return None
    kind = asked["kind"]
    person = turn.complainant
    turn.data.pop(KEY, None)
    ask_row = turn.unit.data_request(int(asked.get("ask") or 0))
    if ask_row is None or ask_row.complainant_id != person.id:
        return None
    turn.unit.record_data_request(DataRequest(
        complainant_id=person.id, kind=f"{'ok' if agreed else 'no'}-{kind}",
        officer_id=ask_row.officer_id, officer_role=ask_row.officer_role, reason=None,
        at=turn.now))
    who = ("akun Telegram yang diminta" if person.channel == "telegram"
           else f"nomor {identity.mask_phone(person.address)}")
    if agreed:
        notice = Rich().t(f"✅ Pemilik {who} ").b("menyetujui").t(
            f" permintaan {_WHAT[kind]}. Kirim lagi perintah yang sama ({_COMMAND[kind]}, dengan "
            f"nomor itu) dalam {HOURS} jam untuk melanjutkan.")
    else:
        notice = Rich().t(f"⛔ Pemilik {who} ").b("menolak").t(
            f" permintaan {_WHAT[kind]}: tidak ada data yang diserahkan atau dihapus. Periksa "
            "kembali identitas pemohon.")
    turn.unit.enqueue(kind="officer", channel="telegram", address=ask_row.officer_id,
                      body=notice.plain(), payload=notice.to_payload(), at=turn.now)
    return [Reply(turn.t(f"consent.agreed_{kind}" if agreed else "consent.refused"))]
