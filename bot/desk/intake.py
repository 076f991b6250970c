"""`/catat`: an officer records a complaint that came by phone, SMS, e-mail, social media,
LAPOR!, SIPENSIKIM or in person, in a short dialogue whose state is kept in the database."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from bot import identity
from bot.conversation.choices import is_word, pick
from bot.conversation.deadline import of_complaint
from bot.conversation.language import detect_language
from bot.dates import tanggal
from bot.delicate import delicate_kind
from bot.desk import incident
from bot.desk.requests import DeskAnswer, DeskContext, OfficerRequest
from bot.progress_texts import pt
from bot.rich import Rich
from bot.sop.stages import Stage
from bot.sop.workflow import Refused, check_role
from bot.tickets import hash_pin, new_pin, new_ticket
from storage.models import Complaint, StageEvent

if TYPE_CHECKING:
    from bot.config import Officer
    from storage.repo import Unit

DIALOG_CHANNEL = "officer"       # conversation_states.channel of officers' dialogues
IDLE = "idle"
CHANNELS = (("telepon", "Telepon"), ("sms", "SMS ke nomor kantor"), ("email", "E-mail"),
            ("twitter", "Twitter/X"), ("facebook", "Facebook"), ("website", "Laman (website)"),
            ("lapor", "LAPOR!"), ("sipensikim", "SIPENSIKIM"),
            ("langsung", "Langsung (customer care)"))
TRACKED = {"lapor", "sipensikim"}
SKIP = {"lewati", "skip", "tidak ada", "-", "tidak tahu"}
YES, NO = {"ya", "y", "yes", "iya", "setuju", "boleh"}, {"tidak", "t", "no", "tidak setuju", "jangan"}
ANONYMOUS = {"anonim", "tanpa nama", "anonymous", "-"}
_PHONE = re.compile(r"^\+?[\d\s().-]{8,20}$")


# A number told with the name ("Bpk. Ahmad (0812-3456-7890)", "Ahmad hp 0812 3456 7890"):
# the digits, and the words that announce them
_NUMBER_IN_NAME = re.compile(
    r"(?:\b(?:no\.?\s*)?(?:hp|wa|telp|tlp|telepon|nomor|no)\b\.?\s*:?\s*)?(\+?\d[\d\s.-]{6,18}\d)",
    re.IGNORECASE)


def split_name(text: str) -> tuple[str, str | None]:
    """'Bpk. Ahmad (0812-3456-7890)' -> ('Bpk. Ahmad', '+6281234567890'): a phone number told
    with the name is the complainant's contact, never part of the name (the name is shown in
    the group and printed in the report; a number only masked)."""
    for match in _NUMBER_IN_NAME.finditer(text):
        phone = normalise_phone(match.group(1))
        if phone is None:
            continue
        rest = text[:match.start()] + " " + text[match.end():]
        rest = re.sub(r"\(\s*\)|\[\s*\]", " ", rest)
        return " ".join(rest.split()).strip(" ,;:/-"), phone
    return text, None


def _choice_words(items: Any) -> list[list[str]]:
    return [[key, label] for key, label in items]


def normalise_phone(text: str) -> str | None:
    """'0811-5773-337' or '62811…' -> '+62811…'; None when it is not a phone number."""
    if not _PHONE.match(text.strip()):
        return None
    digits = re.sub(r"\D", "", text)
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return "+" + digits if 9 <= len(digits) <= 15 else None


def _ask(text: str, choices: list[str] | None = None) -> tuple[str, list[str] | None]:
    return text, choices


def prompt(desk: "DeskContext", step: str, data: dict[str, Any]) -> tuple[str, list[str] | None]:
    """The question of a dialogue step, with its keyboard."""
    types = desk.config.complaint_types
    if step == "channel":
        lines = "\n".join(f"{i}. {label}" for i, (_, label) in enumerate(CHANNELS, 1))
        return _ask(f"📝 Pencatatan pengaduan dari kanal lain (/batal untuk membatalkan).\n"
                    f"Melalui kanal apa pengaduan diterima?\n{lines}",
                    [label for _, label in CHANNELS])
    if step == "ref":
        return _ask(f"Nomor pelacakan (tracking id) {dict(CHANNELS)[data['channel']]}?")
    if step == "name":
        return _ask("Nama pelapor? Tulis nama, atau *anonim*.", ["Anonim"])
    if step == "phone":
        return _ask("Nomor telepon/WhatsApp pelapor? Tulis nomornya, atau *lewati*.", ["Lewati"])
    if step == "consent":
        told = (f"Nomor {identity.mask_phone(data['phone'])} yang disebut bersama nama dicatat "
                "sebagai kontak pelapor (bukan bagian dari namanya).\n"
                if data.get("phone_from_name") else "")
        return _ask(told + "Apakah pelapor setuju dihubungi lewat WhatsApp di nomor itu (nomor tiket, "
                    "PIN dan kabar penanganan)? *ya* / *tidak*", ["Ya", "Tidak"])
    if step == "type":
        lines = "\n".join(f"{i}. {t.id}" for i, t in enumerate(types.values(), 1))
        return _ask(f"Jenis pengaduan?\n{lines}", [t.id for t in types.values()])
    if step == "confidential":
        return _ask("Rahasiakan identitas pelapor (hanya Kasi Tikkim dan Kepala Kantor yang "
                    "melihat)? *ya* / *tidak*", ["Ya", "Tidak"])
    if step == "description":
        return _ask("Uraian pengaduan (kronologi)?")
    if step == "place":
        return _ask("Tempat kejadian? Tulis, atau *lewati*.", ["Lewati"])
    if step == "when":
        return _ask("Waktu kejadian? Tulis, atau *lewati*.", ["Lewati"])
    if step == "protect":
        kind = protect_kind(desk, data) or "pungli"
        return _ask(f"⚠️ Uraian menyebut {PROTECT_WHAT[kind]}, tetapi jenisnya "
                    f"{types[data['type']].id}: grup petugas akan membaca cerita dan identitas "
                    "pelapor, termasuk petugas yang mungkin diadukan. Catat sebagai "
                    f"*{types[kind].id}* (hanya Kasi Tikkim dan Kepala Kantor)? *ya* / *tidak*",
                    ["Ya", "Tidak"])
    return _ask(summary(desk, data) + "\n\nSimpan pengaduan ini? *simpan* / *batal*",
                ["Simpan", "Batal"])


def summary(desk: "DeskContext", d: dict[str, Any]) -> str:
    ctype = desk.config.complaint_types[d["type"]].id
    rows = [("Kanal", dict(CHANNELS)[d["channel"]] + (f" ({d['ref']})" if d.get("ref") else "")),
            ("Pelapor", d.get("name") or "Anonim"),
            ("Kontak", (identity.mask_phone(d["phone"]) if d.get("phone") else "-")
             + (" (setuju WhatsApp)" if d.get("consent") else "")),
            ("Jenis", ctype + (" (identitas dirahasiakan)" if d.get("confidential") else "")),
            ("Uraian", d["description"][:600]), ("Tempat", d.get("place") or "-"),
            ("Waktu", when_label(d))]
    return "Ringkasan:\n" + "\n".join(f"*{label}:* {value}" for label, value in rows)


def incident_day(text: str | None, now: dt.datetime) -> dt.date | None:
    """The date an officer's note of when it happened names ("kemarin sore", "3 hari lalu",
    "12 Nov", "2026-11-28"), read as the chat intake reads the complainant's
    (bot.conversation.when) on the day it is recorded (`now`, the office's time): "kemarin"
    means nothing a week later, in the report or the register."""
    day, _ = incident.incident(text, now)
    return day


def when_label(d: dict[str, Any]) -> str:
    """'3 Desember 2026 (kemarin sore)': the date read, with the words as told."""
    told = d.get("when") or "-"
    if d.get("when_date"):
        return f"{tanggal(dt.date.fromisoformat(d['when_date']))} ({told})"
    return told


PROTECT_WHAT = {"pungli": "pungutan, calo, atau suap", "perilaku_petugas": "perilaku petugas"}


def protect_kind(desk: "DeskContext", d: dict[str, Any]) -> str | None:
    """The sensitive type a levy or an officer's conduct in the story calls for, when the
    recorded type is an ordinary one (the group would read it)."""
    sensitive = desk.config.sensitive_types
    if d.get("type") in sensitive or "protect" in d:
        return None
    kind = delicate_kind(d.get("description"), d.get("place"))
    return kind if kind in sensitive and kind in desk.config.complaint_types else None


def next_step(desk: "DeskContext", step: str, d: dict[str, Any]) -> str:
    order = ["channel", "ref", "name", "phone", "consent", "type", "confidential",
             "description", "place", "when", "protect", "confirm"]
    following = order[order.index(step) + 1]
    if following == "protect" and protect_kind(desk, d) is None:
        return next_step(desk, "protect", d)
    if following == "ref" and d["channel"] not in TRACKED:
        return next_step(desk, "ref", d)
    if following == "phone" and d.get("phone_from_name"):
        return next_step(desk, "phone", d)     # told with the name: not asked again
    if following == "consent" and not d.get("phone"):
        return next_step(desk, "consent", d)
    if following == "confidential" and (not d.get("name") or
                                        d["type"] not in desk.config.sensitive_types):
        return next_step(desk, "confidential", d)
    return following


def read(desk: "DeskContext", step: str, text: str, d: dict[str, Any],
         now: dt.datetime | None = None) -> str | None:
    """Store the answer in `d`; the complaint to retry with, or None when it was read.
    `now`: the office's time, against which "kemarin" is read and a time not come yet is
    asked again."""
    if step == "channel":
        index = pick(text, _choice_words(CHANNELS))
        if index is None:
            return "Pilih nomor kanal 1 sampai 9."
        d["channel"] = CHANNELS[index][0]
    elif step == "ref":
        if len(text) > 100 or not text:
            return "Nomor pelacakan paling panjang 100 karakter."
        d["ref"] = text
    elif step == "name":
        name, phone = split_name(text)
        if phone is not None and not name:
            return "Itu nomor telepon; tulis nama pelapor (nomornya ditanyakan sesudah ini)."
        d["name"] = None if is_word(name, ANONYMOUS) else name[:200]
        d.pop("phone_from_name", None)
        if phone is not None:
            d["phone"], d["phone_from_name"] = phone, True
    elif step == "phone":
        phone = None if is_word(text, SKIP) else normalise_phone(text)
        if phone is None and not is_word(text, SKIP):
            return "Nomor tidak dikenali. Contoh: 0811 5773 337, atau *lewati*."
        d["phone"] = phone
    elif step in ("consent", "confidential"):
        if not (is_word(text, YES) or is_word(text, NO)):
            return "Jawab *ya* atau *tidak*."
        d[step] = is_word(text, YES)
    elif step == "protect":
        if not (is_word(text, YES) or is_word(text, NO)):
            return "Jawab *ya* atau *tidak*."
        kind = protect_kind(desk, d)
        d["protect"] = is_word(text, YES)
        if d["protect"] and kind is not None:
            d["type"] = kind          # named: confidential, as on any sensitive type
    elif step == "type":
        keys = list(desk.config.complaint_types)
        index = pick(text, [[k, t.id] for k, t in desk.config.complaint_types.items()])
        if index is None:
            return f"Pilih nomor jenis 1 sampai {len(keys)}."
        d["type"] = keys[index]
    elif step == "description":
        if len(text) < 10:
            return "Uraian terlalu pendek; tulis kronologinya (minimal 10 karakter)."
        d["description"] = text[:4000]
    elif step in ("place", "when"):
        value = None if is_word(text, SKIP) else text[:200 if step == "when" else 500]
        if step == "when" and now is not None:
            problem = incident.incident_problem(value, now)
            if problem:
                return problem      # not happened yet: a typo, or a misheard day; ask again
        d[step] = value
        if step == "when":
            day = incident_day(value, now) if now is not None else None
            d.pop("when_date", None)
            if day is not None:
                d["when_date"] = day.isoformat()
    return None


def handle(desk: "DeskContext", unit: "Unit", officer: "Officer", request: OfficerRequest,
           now: dt.datetime) -> DeskAnswer:
    """/catat starts (or restarts) the dialogue, /batal ends it, any other text answers it."""
    conversation = unit.conversation(DIALOG_CHANNEL, request.actor_id)
    active = conversation is not None and conversation.state != IDLE
    if request.action == "cancel" or (request.action == "dialog" and is_word(request.args,
                                                                          {"batal", "cancel"})):
        if not active:
            raise Refused("Tidak ada pencatatan yang sedang berjalan.")
        _save(unit, conversation, request.actor_id, IDLE, {}, now)
        return DeskAnswer(True, Rich().t("Pencatatan dibatalkan. Tidak ada yang disimpan."),
                          choices=[])
    check_role(officer, "record")
    if not request.private:
        raise Refused("Gunakan /catat di chat pribadi dengan bot.")
    if request.action == "record" or not active:
        step, data, problem = "channel", {}, None
    else:
        assert conversation is not None
        step, data = conversation.state.removeprefix("catat:"), dict(conversation.data or {})
        text = request.args.strip()
        if step == "confirm":
            if is_word(text, {"simpan", "ya", "kirim", "ok"}):
                _save(unit, conversation, request.actor_id, IDLE, {}, now)
                return file(desk, unit, officer, data, now)
            problem = "Balas *simpan* untuk menyimpan, atau *batal*."
        else:
            problem = read(desk, step, text, data, now.astimezone(desk.config.office.tz))
        if problem is None:
            step = next_step(desk, step, data)
    _save(unit, conversation, request.actor_id, f"catat:{step}", data, now)
    question, choices = prompt(desk, step, data)
    text = f"{problem}\n\n{question}" if problem else question
    return DeskAnswer(True, Rich().t(text), choices=choices or [], log_detail=f"catat:{step}")


def _save(unit: "Unit", conversation: Any, actor_id: str, state: str, data: dict[str, Any],
          now: dt.datetime) -> None:
    if conversation is None:
        conversation = unit.start_conversation(DIALOG_CHANNEL, actor_id, state, now)
    conversation.state, conversation.data, conversation.updated_at = state, data, now


def file(desk: "DeskContext", unit: "Unit", officer: "Officer", d: dict[str, Any],
         now: dt.datetime) -> DeskAnswer:
    """Create the complaint like any other (ticket, audit trail, alert, deadlines); tell the
    complainant on WhatsApp when they agreed."""
    config = desk.config
    ticket = new_ticket(config.office.code)
    while unit.ticket_taken(ticket):
        ticket = new_ticket(config.office.code)
    pin = new_pin()
    person = None
    if d.get("phone"):
        person = unit.complainant("whatsapp" if d.get("consent") else "telepon", d["phone"], now)
        if d.get("consent"):
            person.consent_at = person.consent_at or now
        if d.get("name") and not person.name:
            # a person who wrote to the bot (or was recorded before) keeps their own name: the
            # name given by phone is the complaint's (reporter_name), not the number's
            person.name = d["name"]
    label = dict(CHANNELS)[d["channel"]]
    mode = identity.choose_mode(d["type"], anonymous=not d.get("name"),
                                confidential=d.get("confidential") is True,
                                named_openly=d.get("confidential") is False,
                                sensitive_types=config.sensitive_types)
    # An e-mail or a letter in English, pasted as the story: the complainant hears in English
    language = detect_language(d["description"], "id") or "id"
    if person is not None and person.language != language and not person.last_inbound_at:
        person.language = language     # someone who never wrote to the bot themselves
    complaint = Complaint(
        ticket=ticket, pin_hash=hash_pin(pin), complainant_id=person.id if person else None,
        channel=d["channel"], language=language, type=d["type"], type_source="officer",
        description=d["description"], place_detail=d.get("place"),
        incident_time_text=d.get("when"), reporter_name=d.get("name"),
        incident_date=dt.date.fromisoformat(d["when_date"]) if d.get("when_date") else None,
        identity_mode=mode.value, stage=Stage.RECEIVED.value, external_id=d.get("ref"), created_at=now, updated_at=now)
    # the trail is read in the group (/lihat): a concealed complainant's tracking id would
    # name them to anyone who opens LAPOR! or SIPENSIKIM; it stays on the complaint
    shown = d.get("ref") if mode is identity.Mode.NAMED else "tersimpan" if d.get("ref") else None
    note = f"Dicatat oleh {officer.name} dari kanal {label}" + (
        f" (nomor pelacakan {shown})" if shown else "")
    event = StageEvent(complaint_id=0, actor=f"telegram:{officer.telegram_id} {officer.name}",
                       actor_role=officer.role, from_stage=None, to_stage=Stage.RECEIVED.value,
                       note=note, at=now, action="filed")
    unit.file_complaint(complaint, [], event)
    # the complainant's own deadline in the story told by phone or letter: in the alert (and
    # the leaders' notice) as for a complaint filed in the chat; /lihat reads it the same way
    desk.notifier.complaint_filed(unit, complaint.id, now, recorded_by=str(officer.telegram_id),
                                  stated=of_complaint(config, complaint))
    told = bool(d.get("consent")) and desk.notifier.tell_complainant(
        unit, complaint, now, kind="ticket", template="ticket_issued", secrets=[pin],
        body=pt(language, "ticket_issued", ticket=ticket, pin=pin, office=config.office.name),
        variables={"ticket": ticket, "pin": pin, "office": config.office.short(language)})
    rich = Rich().t(f"✅ Pengaduan dicatat: {ticket}\nPIN: {pin}\n")
    rich.t("Nomor tiket dan PIN dikirim kepada pelapor lewat WhatsApp." if told else
           "Sampaikan nomor tiket dan PIN kepada pelapor (untuk cek status).")
    # What is next, here rather than in a "Giliran Anda" that would arrive before this
    # confirmation (the step's buttons are on the group's alert; this message removes the
    # dialogue's keyboard, so it cannot carry them).
    desk.notifier.next_step(rich.nl(), complaint, now, unit, mention=False,
                            reader=officer.telegram_id)
    rich.i(f"Lanjutkan: /tahap {ticket}")
    return DeskAnswer(True, rich, changed=True, choices=[], log_detail=f"dicatat {ticket}",
                      secrets=[pin])
