"""SOP step 9 in two parts, in the officer's private chat: the complainant's message, then the
report to the Kanwil; both required, both recorded, then the step is done.

Part 1: the officer writes the message for the complainant in their own words; the bot shows
back exactly what the complainant will receive and asks to confirm (an internal note is never
forwarded). Part 2: how the report went to the regional office (letter, e-mail, application,
by hand), on which date, and its reference number or a scan of the receipt. A summary of both
is confirmed; then step 9 is done: the complaint keeps the message and the Kanwil report
(outcome_message, kanwil_reported_on, kanwil_means, kanwil_reference), the audit trail and the
register show them, and the complainant is told.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from bot import identity
from bot.conversation.choices import is_word, pick
from bot.conversation.language import detect_language
from bot.dates import MONTHS
from bot.desk import bap, moments, steps, uploads
from bot.desk.intake import DIALOG_CHANNEL, IDLE
from bot.desk.requests import DeskAnswer, DeskContext, OfficerRequest
from bot.notify import complainant_lang
from bot.paperwork import archive
from bot.paperwork.documents import tanggal
from bot.rich import Rich
from bot.sop.stages import Stage
from bot.sop.workflow import check_transition

if TYPE_CHECKING:
    from bot.config import OfficeConfig, Officer
    from storage.models import Complaint
    from storage.repo import Unit

PREFIX = "langkah9:"
MEANS = (("surat", "Surat"), ("pos-el", "Pos-el (e-mail)"),
         ("aplikasi", "Aplikasi (SIPENSIKIM/LAPOR!)"), ("langsung", "Diserahkan langsung"))
MAX_MESSAGE = 1000
YES = {"ya", "ya pakai pesan ini", "pakai", "kirim", "kirim dan catat", "ok", "simpan", "setuju"}
CHANGE = {"ubah", "ganti", "tulis ulang"}
_DAY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$|^(\d{4})-(\d{1,2})-(\d{1,2})$")


def active(state: str | None) -> bool:
    return bool(state and state.startswith(PREFIX))


def start(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
          complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
    """Begin step 9 in the officer's private chat (asked from the group: the first question
    goes to their private chat)."""
    check_transition(officer, complaint.stage, complaint.verdict, complaint.section)
    data = {"ticket": complaint.ticket, "stage": complaint.stage}
    other = writing(desk, unit, officer, complaint)
    _save(unit, officer, "message", data, now)
    question, choices = prompt(desk, "message", data, complaint)
    if other is not None:     # only the first to finish is recorded: the other's is dropped
        question = Rich().t(f"⚠️ Langkah 9 untuk {complaint.ticket} sedang diisi oleh "
                            f"{other.name} di chat pribadinya. Yang selesai lebih dahulu yang "
                            "dicatat; isian yang lain dibatalkan. Bicarakan dengannya dulu, "
                            "atau /batal.\n\n").extend(question)
    if request.private:
        return DeskAnswer(True, question, choices=choices, complaint_id=complaint.id,
                          toast="Langkah 9: tulis pesan untuk pelapor", show=True,
                          log_detail="langkah 9 dimulai")
    unit.enqueue(kind="officer", channel="telegram", address=str(officer.telegram_id),
                 body=question.plain(), payload={**question.to_payload(), "choices": choices}
                 if choices else question.to_payload(), at=now, complaint_id=complaint.id)
    return DeskAnswer(True, Rich().t("📨 Langkah 9 untuk ").code(complaint.ticket).t(
        " diisi di chat pribadi Anda dengan bot (pesan untuk pelapor dan laporan ke Kanwil)."),
        toast="Lanjutkan di chat pribadi", show=True, log_detail="langkah 9 dimulai")


def writing(desk: DeskContext, unit: "Unit", officer: "Officer",
            complaint: "Complaint") -> "Officer | None":
    """Another officer whose step-9 dialogue for this complaint, at its stage, is open."""
    for other in desk.config.roster:
        if other.telegram_id == officer.telegram_id:
            continue
        open_ = unit.conversation(DIALOG_CHANNEL, str(other.telegram_id))
        if open_ is not None and active(open_.state) and (open_.data or {}).get(
                "ticket") == complaint.ticket and open_.data.get("stage") == complaint.stage:
            return other
    return None


def prompt(desk: DeskContext, step: str, d: dict[str, Any],
           complaint: "Complaint") -> tuple[Rich, list[str]]:
    rich = Rich().b("📨 Langkah 9 — ").code(d["ticket"]).nl()
    if step == "message":
        rich.t("Bagian 1 dari 2: pesan untuk pelapor. Tulis hasil penanganan dengan kata-kata "
               "Anda sendiri; pesan ini yang dikirim kepada pelapor (catatan internal tidak "
               "pernah diteruskan). Batalkan dengan /batal.")
        if _lang(complaint) == "en":
            rich.t("\n🇬🇧 Pelapor menulis dalam bahasa Inggris: tulis pesannya dalam bahasa "
                   "Inggris.")
        return rich, []
    if step == "message_ok":
        body, *_ = desk.notifier.status_body(complaint, _lang(complaint), Stage.REPORTED.value,
                                             d["message"])
        rich.t("Pelapor akan menerima pesan ini:\n\n").i(body)
        lang = _lang(complaint)
        if detect_language(d["message"], sentence_only=True) not in (None, lang):
            # the officer's words inside a frame in the other language: a mixed message
            rich.t("\n\n⚠️ Pesan Anda tampaknya berbahasa " + (
                "Indonesia, sedangkan pelapor menulis dalam bahasa Inggris" if lang == "en"
                else "Inggris, sedangkan pelapor menulis dalam bahasa Indonesia") +
                ": pilih Ubah untuk menulisnya dalam bahasa pelapor.")
        rich.t("\n\nKirim pesan ini?")
        return rich, ["Ya, pakai pesan ini", "Ubah"]
    if step == "means":
        rich.t("Bagian 2 dari 2: laporan ke Kanwil. Dikirim dengan cara apa?")
        return rich, [label for _, label in MEANS]
    if step == "date":
        rich.t("Tanggal dikirim ke Kanwil? (Hari ini, Kemarin, atau mis. 2 Desember 2026)")
        return rich, ["Hari ini", "Kemarin"]
    if step == "reference":
        letter = cover_number(d, complaint)
        if letter:       # the bot numbered and signed the cover letter: offer its number
            rich.t(f"Nomor surat pengantar yang ditandatangani untuk pengaduan ini: {letter}. "
                   "Pilih nomor itu bila surat itu yang dikirim ke Kanwil, atau tulis nomor "
                   "surat lain, atau kirim pindaian tanda terima (PDF/gambar sebagai berkas).")
            return rich, [letter]
        rich.t("Nomor surat atau nomor referensinya? Atau kirim pindaian tanda terima "
               "(PDF/gambar sebagai berkas).")
        return rich, []
    rich.b("Periksa sebelum dicatat\n")
    rich.line("Pesan untuk pelapor", d["message"])
    rich.line("Laporan ke Kanwil", kanwil_text(d))
    if d.get("letter") and not d["reference"].startswith(RECEIPT):   # a typed number
        rich.t(f"\u26a0\ufe0f {d['reference']} bukan nomor surat pengantar yang "
               f"ditandatangani untuk pengaduan ini ({d['letter']}): keduanya dicatat. Salah "
               f"ketik? Pilih {CHANGE_REFERENCE}.\n")
    if d.get("shared"):           # one reference, two complaints: a typo, or one report
        rich.t(f"\u26a0\ufe0f {d['reference']} sudah tercatat sebagai laporan ke Kanwil untuk "
               f"{d['shared']}. Dua pengaduan dengan satu referensi biasanya salah ketik: pilih "
               f"{CHANGE_REFERENCE}. Bila satu laporan ke Kanwil memang mencakup keduanya, pilih "
               f"{JOINT} (referensi ini dicatat untuk keduanya).\n")
        rich.t("Langkah 9 dicatat dan pesan dikirim kepada pelapor?")
        return rich, [JOINT, CHANGE_REFERENCE, "Batal"]
    if d.get("letter") and not d["reference"].startswith(RECEIPT):
        rich.t("Langkah 9 dicatat dan pesan dikirim kepada pelapor?")
        return rich, ["Kirim dan catat", CHANGE_REFERENCE, "Batal"]
    rich.t("Langkah 9 dicatat dan pesan dikirim kepada pelapor?")
    return rich, ["Kirim dan catat", "Batal"]


CHANGE_REFERENCE = "Ubah nomor"
# The answer that keeps a Kanwil reference another complaint already holds: one report that
# covers both (as "BAP bersama" at step 4); "Kirim dan catat" is not enough there.
JOINT = "Laporan bersama"
RECEIPT = "tanda terima terlampir"
BESIDE = "surat pengantar yang ditandatangani:"


def cover_number(d: dict[str, Any], complaint: "Complaint") -> str | None:
    """The signed cover letter's number when the report went to the Kanwil by letter."""
    return complaint.letter_number if d.get("means") == "surat" else None


def _folded(text: str) -> str:
    return "".join(text.split()).lower()


def reference(d: dict[str, Any]) -> str:
    """The Kanwil reference as recorded: as given, with the signed cover letter's number
    beside it when the letter sent is said to carry another (never silently replaced)."""
    if not d.get("letter"):
        return d["reference"][:200]
    beside = f" ({BESIDE} {d['letter']})"
    return d["reference"][:200 - len(beside)] + beside


def recorded_reference(kept: str | None) -> str:
    """A complaint's Kanwil reference without the cover letter's number `reference` may have
    put beside it ('X (surat pengantar …: N)' -> 'X'); '' for none or a receipt's scan."""
    if not kept or kept.startswith(RECEIPT):
        return ""
    return kept.split(f" ({BESIDE}", 1)[0]


def shared_with(unit: "Unit", config: "OfficeConfig", officer: "Officer",
                complaint: "Complaint") -> str:
    """The other complaints one Kanwil report covers ("Laporan bersama" at step 9: the same
    reference), as this officer may read them (`bap.named`: their tickets, else "pengaduan
    lain"); '' when the report is this complaint's alone. For /lihat, of either complaint."""
    base = recorded_reference(complaint.kanwil_reference)
    holders = unit.kanwil_reference_holders(base, complaint.id) if base else []
    return bap.named(unit, config, officer, holders) if holders else ""


def kanwil_text(d: dict[str, Any]) -> str:
    means = dict(MEANS)[d["means"]]
    day = tanggal(dt.date.fromisoformat(d["date"]))
    return f"{means}, {day}, {reference(d)}"


def _lang(complaint: "Complaint") -> str:
    return complainant_lang(complaint)


def read_date(text: str, today: dt.date) -> dt.date | None:
    folded = text.strip().lower()
    if folded in ("hari ini", "today"):
        return today
    if folded in ("kemarin", "yesterday"):
        return today - dt.timedelta(days=1)
    match = _DAY.match(folded)
    try:
        if match and match.group(1):
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if match:
            return dt.date(int(match.group(4)), int(match.group(5)), int(match.group(6)))
        parts = folded.split()
        months = [m.lower() for m in MONTHS["id"]]
        if len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit():
            month = next((i for i, m in enumerate(months, 1) if m.startswith(parts[1][:3])),
                         None)
            return dt.date(int(parts[2]), month, int(parts[0])) if month else None
    except ValueError:
        return None
    return None


def read(step: str, text: str, d: dict[str, Any], now: dt.datetime,
         tz: Any, signed_on: dt.date | None = None,
         letter: str | None = None) -> tuple[str | None, str]:
    """(problem, next step) after an answer. `signed_on`: the day the report was signed; it
    is reported to the Kanwil after that, never before (the register would contradict it).
    `letter`: the signed cover letter's number, when the report went by letter; a reference
    without it is kept with it beside (and the summary asks about it)."""
    if step == "message":
        if len(text) < 20:
            return "Pesannya terlalu pendek; tulis hasil penanganan untuk pelapor.", step
        d["message"] = text[:MAX_MESSAGE]
        return None, "message_ok"
    if step == "message_ok":
        if is_word(text, CHANGE):
            return None, "message"
        if not is_word(text, YES):
            return "Balas *Ya* untuk memakai pesan ini, atau *Ubah*.", step
        return None, "means"
    if step == "means":
        index = pick(text, [[key, label] for key, label in MEANS])
        if index is None:
            return "Pilih salah satu cara pengiriman.", step
        d["means"] = MEANS[index][0]
        return None, "date"
    if step == "date":
        today = now.astimezone(tz).date()
        day = read_date(text, today)
        if day is None or day < today - dt.timedelta(days=60):
            return "Tanggal tidak terbaca; mis. 2 Desember 2026.", step
        problem = moments.not_yet("Tanggal", day, now.astimezone(tz),
                                  hint="tulis tanggal laporan dikirim ke Kanwil.")
        if problem:
            return problem, step
        if signed_on is not None and day < signed_on:
            return (f"Tanggal {tanggal(day)} sebelum laporan ditandatangani "
                    f"({tanggal(signed_on)}): laporan ke Kanwil dikirim setelah "
                    "ditandatangani. Tulis tanggal pengirimannya."), step
        d["date"] = day.isoformat()
        return None, "reference"
    if step == "reference":
        if len(text.strip()) < 3:
            return "Tulis nomor surat/referensi, atau kirim pindaian tanda terimanya.", step
        d["reference"] = identity.redact_numbers(text.strip(), whole=True)[:200]  # no number
        d.pop("letter", None)
        if letter and _folded(letter) not in _folded(d["reference"]):
            d["letter"] = letter
        return None, "confirm"
    return None, step


def handle(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
           conversation: Any, now: dt.datetime) -> DeskAnswer:
    """An answer in the step-9 dialogue (text, or a receipt's file at the reference step)."""
    step, d = conversation.state.removeprefix(PREFIX), dict(conversation.data or {})
    complaint = unit.complaint_by_ticket(d["ticket"], lock=True)
    if complaint is None or complaint.stage != d["stage"]:
        # Marked, so that the officer's further answers get an officer's hint, not the
        # citizens' intake (bot.desk.desk); the dialogue's keyboard goes with the question.
        _save(unit, officer, None, {"cancelled_at": now.isoformat()}, now)
        said = f"Langkah 9 untuk {d['ticket']} dibatalkan: pengaduan sudah berpindah tahap."
        return DeskAnswer(False, Rich().t(f"⛔ {said}"), toast=said[:190], alert=True,
                          choices=[], log_detail=said)
    text = request.args.strip()
    if request.document is not None and step == "reference":
        text = proof(desk, unit, officer, request, complaint, now)
    if step == "reference":      # it goes into the register: what no file may carry, masked
        text = identity.file_traces(complaint, complaint.complainant).scrub(text)
    if request.action == "cancel" or is_word(text, {"batal", "cancel"}):
        _save(unit, officer, None, {}, now)
        return DeskAnswer(True, Rich().t("Langkah 9 dibatalkan; tidak ada yang dicatat."),
                          choices=[])
    if step == "confirm" and (d.get("letter") or d.get("shared")) and \
            is_word(text, {CHANGE_REFERENCE.lower()}):
        _save(unit, officer, "reference", d, now)          # a typo in the letter's number
        question, choices = prompt(desk, "reference", d, complaint)
        return DeskAnswer(True, question, choices=choices, complaint_id=complaint.id,
                          log_detail="langkah 9: reference")
    if step == "confirm" and d.get("shared"):
        if not is_word(text, {JOINT.lower(), "bersama"}):
            question, choices = prompt(desk, step, d, complaint)
            return DeskAnswer(True, Rich().t(
                f"Referensi ini sudah tercatat untuk {d['shared']}: balas *{JOINT}* bila satu "
                f"laporan mencakup keduanya, *{CHANGE_REFERENCE}* bila salah ketik, atau "
                "*Batal*.\n\n").extend(question), choices=choices)
        _save(unit, officer, None, {}, now)
        return finish(desk, unit, officer, request, complaint, d, now)
    if step == "confirm":
        if not is_word(text, YES):
            question, choices = prompt(desk, step, d, complaint)
            return DeskAnswer(True, Rich().t("Balas *Kirim dan catat* atau *Batal*.\n\n")
                              .extend(question), choices=choices)
        _save(unit, officer, None, {}, now)
        return finish(desk, unit, officer, request, complaint, d, now)
    problem, following = read(step, text, d, now, desk.config.office.tz,
                              signed_on(complaint, desk.config.office.tz),
                              cover_number(d, complaint))
    if step == "reference" and following == "confirm":
        d.pop("shared", None)
        holders = ([] if d["reference"].startswith(RECEIPT)
                   else unit.kanwil_reference_holders(d["reference"], complaint.id))
        if holders:               # said by ticket only where this officer may read it
            d["shared"] = bap.named(unit, desk.config, officer, holders)
            # one report, one reference: kept as the first complaint recorded it, not as
            # typed again ("w18.imi… - 0888"), so both rows of the register read alike
            d["reference"] = recorded_reference(holders[0].kanwil_reference) or d["reference"]
    _save(unit, officer, following, d, now)
    question, choices = prompt(desk, following, d, complaint)
    rich = Rich().t(f"⚠️ {problem}\n\n").extend(question) if problem else question
    return DeskAnswer(True, rich, choices=choices, complaint_id=complaint.id,
                      log_detail=f"langkah 9: {following}")


def signed_on(complaint: "Complaint", tz: Any) -> dt.date | None:
    """The office's date of the signature (step 8), from the trail's last signing."""
    signed = [e for e in complaint.events
              if e.to_stage == Stage.SIGNED.value and e.from_stage != Stage.SIGNED.value]
    if not signed:
        return None
    at = signed[-1].at
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.timezone.utc)
    return at.astimezone(tz).date()


def proof(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
          complaint: "Complaint", now: dt.datetime) -> str:
    """A receipt sent as a file: kept (downloaded by the worker) under the name the reference
    gives, with its caption; the officer's own file name goes nowhere (it may name the
    complainant, and the reference reaches the register and the group's trail)."""
    document = request.document
    assert document is not None
    fmt = archive.upload_format(document.file_name, document.mime_type)
    unit.queue_download(purpose="upload", source=request.channel, ref=document.file_id,
                        complaint_id=complaint.id, at=now,
                        detail={"kind": uploads.RECEIPT, "format": fmt,
                                "chat_id": request.chat_id, "actor_id": request.actor_id,
                                "size": document.size})
    caption = request.args.strip()
    name = archive.file_name(uploads.RECEIPT, complaint.ticket, fmt)
    return f"{RECEIPT} ({name})" + (f", {caption}" if caption else "")


def finish(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
           complaint: "Complaint", d: dict[str, Any], now: dt.datetime) -> DeskAnswer:
    """Both parts given: record them and do step 9 (the complainant gets the message)."""
    complaint.outcome_message = d["message"]
    complaint.kanwil_reported_on = dt.date.fromisoformat(d["date"])
    complaint.kanwil_means = dict(MEANS)[d["means"]][:60]
    complaint.kanwil_reference = reference(d)
    joint = ("; laporan bersama: referensi yang sama tercatat untuk pengaduan lain"
             if d.get("shared") else "")
    note = (f"Laporan ke Kanwil: {kanwil_text(d)}{joint}; pesan kepada pelapor: "
            f"\u201c{d['message']}\u201d")
    return steps.move(desk, unit, officer, request, complaint, now, {"note": note})


def _save(unit: "Unit", officer: "Officer", step: str | None, data: dict[str, Any],
          now: dt.datetime) -> None:
    conversation = unit.conversation(DIALOG_CHANNEL, str(officer.telegram_id))
    state = f"{PREFIX}{step}" if step else IDLE
    if conversation is None:
        conversation = unit.start_conversation(DIALOG_CHANNEL, str(officer.telegram_id), state,
                                               now)
    conversation.state, conversation.data, conversation.updated_at = state, data, now
