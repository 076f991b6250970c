"""`/catat TIKET bidang nilai`: correct what an officer recorded with /catat (a misheard place,
a typo in a name), before the report is drafted, with an entry in the audit trail. A misheard
phone number (`telepon`) may be corrected while the complaint is open: the complainant hears
every step, and a stranger at the wrong number must hear no more."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from bot import identity
from bot.desk import incident
from bot.desk.intake import CHANNELS, TRACKED, incident_day, normalise_phone, split_name
from bot.desk.privacy import check_access
from bot.desk.requests import DeskAnswer, DeskContext, OfficerRequest, ticket_in
from bot.desk.steps import record_event
from bot.rich import Rich
from bot.notify import complainant_lang
from bot.progress_texts import pt
from bot.sop.workflow import Refused, check_action, check_role
from bot.tickets import hash_pin, new_pin

if TYPE_CHECKING:
    from bot.config import Officer
    from storage.models import Complaint
    from storage.repo import Unit

# field word -> (attribute, label, longest value, whether the old value may go in the trail;
# a tracking id only for an openly named complaint, see correct())
FIELDS: dict[str, tuple[str, str, int, bool]] = {
    "tempat": ("place_detail", "tempat kejadian", 500, True),
    "waktu": ("incident_time_text", "waktu kejadian", 200, True),
    "uraian": ("description", "uraian", 4000, False),
    "pelacakan": ("external_id", "nomor pelacakan", 100, True),
    "nama": ("reporter_name", "nama pelapor", 200, False),
}
ALIASES = {"kronologi": "uraian", "cerita": "uraian", "lokasi": "tempat", "tanggal": "waktu",
           "tracking": "pelacakan", "nomor": "pelacakan", "name": "nama", "place": "tempat",
           "time": "waktu", "description": "uraian", "hp": "telepon", "telp": "telepon",
           "wa": "telepon", "whatsapp": "telepon", "phone": "telepon", "nohp": "telepon"}
USAGE = ("Koreksi hasil /catat: /catat TIKET bidang nilai; bidang: tempat, waktu, uraian, "
         "pelacakan, nama, telepon (mis. /catat TRK-7K3Q-9MXA tempat Loket 3 lantai 2).")
# Messages to a number recorded by mistake that carry what only the complainant may read.
WITH_PIN = ("ticket", "pin")


def wanted(request: OfficerRequest, office_code: str) -> tuple[str, str] | None:
    """(ticket, the rest) when a /catat names a ticket first: a correction, not a new record."""
    if request.action != "record":
        return None
    ticket, rest = ticket_in(request.args.strip(), office_code, anywhere=False)
    return (ticket, rest) if ticket else None


def correct(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
            ticket: str, rest: str, now: dt.datetime) -> DeskAnswer:
    """Change one recorded field; the trail names the field and who changed it (the old value
    too, unless it may name or describe the complainant: a name, the story)."""
    check_role(officer, "record")
    if not request.private:
        raise Refused("Gunakan /catat di chat pribadi dengan bot.")
    complaint: "Complaint | None" = unit.complaint_by_ticket(ticket, lock=True)
    if complaint is None:
        raise Refused(f"Tiket {ticket} tidak ditemukan.")
    check_access(desk, unit, officer, request, complaint)
    if complaint.channel not in dict(CHANNELS):
        raise Refused(f"{ticket} diajukan sendiri oleh pelapor lewat "
                      f"{complaint.channel}: kata-katanya tidak diubah petugas. Catatan "
                      "tambahan: /kabar atau /balas.")
    word, _, value = rest.strip().partition(" ")
    word = ALIASES.get(word.lower(), word.lower())
    value = " ".join(value.split())
    if word == "telepon":
        check_action(officer, "correct_phone", complaint.stage)
        return _correct_phone(desk, unit, officer, complaint, value, now)
    check_action(officer, "correct", complaint.stage)
    if word not in FIELDS or not value:
        raise Refused(USAGE)
    attribute, label, longest, show_old = FIELDS[word]
    if word == "pelacakan" and complaint.channel not in TRACKED:
        raise Refused(f"{ticket} dicatat dari {dict(CHANNELS)[complaint.channel]}: tidak ada "
                      "nomor pelacakan.")
    if word == "nama" and identity.mode_of(complaint) is identity.Mode.ANONYMOUS:
        raise Refused(f"{ticket} dicatat anonim: identitasnya tidak diisi lewat koreksi. "
                      "Bila pelapor ingin disebut namanya, catat ulang dengan /catat.")
    if word == "nama" and split_name(value)[1] is not None:
        # the name is shown in the group and printed in the report; a number only masked
        raise Refused("Nomor telepon bukan bagian dari nama; tidak ada yang diubah. Nama: "
                      f"/catat {ticket} nama NAMA; nomor: /catat {ticket} telepon NOMOR.")
    if word == "uraian" and len(value) < 10:
        raise Refused("Uraian terlalu pendek; tulis kronologinya (minimal 10 karakter).")
    if len(value) > longest:
        raise Refused(f"{label.capitalize()} paling panjang {longest} karakter.")
    local = now.astimezone(desk.config.office.tz)
    problem = incident.incident_problem(value, local) if word == "waktu" else None
    if problem:
        raise Refused(f"{problem} Tidak ada yang diubah.")
    old = getattr(complaint, attribute)
    if old == value:
        raise Refused(f"{label.capitalize()} sudah tercatat demikian.")
    setattr(complaint, attribute, value)
    if word == "waktu":
        # read as /catat reads it, on the day of the correction ("kemarin" is that day's
        # yesterday); words naming no date clear the date the old words gave
        complaint.incident_date = incident_day(value, local)
    person = complaint.complainant
    if word == "nama" and person is not None and person.name in (None, old):
        # the person's own name follows a misspelt record of it, never replaces a name they
        # gave themselves or another complaint recorded (the complaint keeps this one)
        person.name = value
    note = f"Koreksi pencatatan: {label}"
    if word == "pelacakan":
        # The trail is read in the group (/lihat) and printed in the report: a LAPOR! or
        # SIPENSIKIM id finds the reporter for whoever opens that system, so, like the alert,
        # the /catat note and the files (identity.tracking, identity.file_tracking), it names
        # the old id only when every reader may see who complained (an openly named
        # complaint); otherwise the trail says only that it was corrected.
        show_old = identity.mode_of(complaint) is identity.Mode.NAMED
    if show_old:
        note += f" (sebelumnya: {old or '-'})"
    record_event(unit, officer, complaint, "correct", note, now)
    audience = identity.private_chat(officer)
    shown = identity.complainant_text(value, complaint, complaint.complainant, audience) \
        if word != "nama" else identity.reporter(complaint, complaint.complainant, audience)
    rich = Rich().t("✅ ").code(ticket).t(f": {label} dikoreksi menjadi: {shown[:600]}\n")
    rich.i("Tercatat di riwayat (/lihat TIKET).")
    return DeskAnswer(True, rich, changed=True, log_detail=f"koreksi {ticket} {word}")


def _correct_phone(desk: DeskContext, unit: "Unit", officer: "Officer", complaint: "Complaint",
                   value: str, now: dt.datetime) -> DeskAnswer:
    """The complaint moves to the person at the right number (the same channel: WhatsApp when
    they agreed to it, else phone only); its pending messages follow, except those with the
    PIN, which are cancelled; on WhatsApp the right number gets the ticket with a new PIN (the
    old one, which may have reached the wrong number, stops working). The trail says that the
    number was corrected, never either number."""
    ticket = complaint.ticket
    if identity.mode_of(complaint) is identity.Mode.ANONYMOUS:
        raise Refused(f"{ticket} dicatat anonim: tanpa nomor pelapor.")
    phone = normalise_phone(value)
    if phone is None:
        raise Refused("Nomor telepon tidak terbaca; tulis mis. /catat "
                      f"{ticket} telepon 0812-3456-7890.")
    old = complaint.complainant
    channel = old.channel if old is not None and old.channel == "whatsapp" else "telepon"
    if old is not None and old.address == phone:
        raise Refused("Nomor telepon sudah tercatat demikian.")
    person = unit.complainant(channel, phone, now)
    if old is not None:
        person.name = person.name or old.name
        if channel == "whatsapp":
            person.consent_at = person.consent_at or old.consent_at or now
        if not person.last_inbound_at:
            person.language = old.language
    complaint.complainant_id, complaint.complainant = person.id, person
    moved = cancelled = 0
    if old is not None:
        moved, cancelled = unit.readdress_pending(complaint.id, old.id, person.channel,
                                                  person.address, person.id, WITH_PIN)
    told = False
    if channel == "whatsapp":
        pin = new_pin()
        complaint.pin_hash = hash_pin(pin)
        unit.clear_lookup("ticket", ticket)
        lang = complainant_lang(complaint)
        office = desk.config.office
        told = desk.notifier.tell_complainant(
            unit, complaint, now, kind="ticket", template="ticket_issued", secrets=[pin],
            body=pt(lang, "ticket_issued", ticket=ticket, pin=pin, office=office.name),
            variables={"ticket": ticket, "pin": pin, "office": office.short(lang)})
    record_event(unit, officer, complaint, "correct",
                 "Koreksi pencatatan: nomor telepon pelapor" + (
                     "; tiket dan PIN baru dikirim ke nomor yang benar" if told else ""), now)
    shown = identity.mask_phone(phone)
    rich = Rich().t("✅ ").code(ticket).t(f": nomor telepon pelapor dikoreksi menjadi {shown}.\n")
    if told:
        rich.t("Nomor tiket dan PIN baru dikirim lewat WhatsApp ke nomor itu; PIN lama tidak "
               "berlaku lagi.\n")
    if moved or cancelled:
        rich.t(f"Pesan yang belum terkirim: {moved} dialihkan ke nomor yang benar"
               + (f", {cancelled} berisi PIN dibatalkan" if cancelled else "") + ".\n")
    rich.i("Tercatat di riwayat (/lihat TIKET).")
    return DeskAnswer(True, rich, changed=True, log_detail=f"koreksi {ticket} telepon")
