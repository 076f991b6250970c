"""What an officer does to one complaint besides the SOP's steps (bot.desk.steps): take it
(/ambil), change its type (/jenis), forward it to a section (/teruskan), return a draft report
(/kembalikan), and write to its complainant (/balas, /kabar). Each is called by the desk
(`OfficerDesk._run`) after the roster, the complaint's privacy and the action's stage were
checked; each records itself on the trail and answers as a step does (`steps.done`)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Callable

from bot import identity, pings
from bot.desk import kinds, steps, views
from bot.desk import message as officer_message
from bot.desk import sections as officer_sections
from bot.desk.requests import DeskAnswer, OfficerRequest
from bot.notify import PUSH_CHANNELS
from bot.rich import Rich
from bot.sop import keyboard, owners
from bot.sop.stages import Stage
from bot.sop.workflow import ROLE_LABEL, Refused, Role, due_after, next_transition

if TYPE_CHECKING:
    from bot.config import Officer
    from bot.desk.desk import OfficerDesk
    from storage.models import Complaint
    from storage.repo import Unit


def return_draft(desk: "OfficerDesk", unit: "Unit", officer: "Officer", request: OfficerRequest,
                 complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
    """Step 7 refused for now: the drafter is told privately what to fix (the trail keeps
    it); their corrected file, with the ticket in its caption, replaces the draft."""
    note = " ".join(request.args.split())
    if len(note) < 5:
        raise Refused("Tulis apa yang perlu diperbaiki: /kembalikan TIKET catatan (mis. "
                      "/kembalikan TRK-7K3Q-9MXA kronologi belum memuat hasil BAP).")
    initialled = complaint.stage == Stage.INITIALED
    if initialled:
        # Before the signature: the initials are withdrawn (the trail keeps them and why),
        # the report goes back to step 7, and the old Paraf/Tanda tangani buttons go.
        complaint.stage = Stage.REPORT_DRAFTED.value
        complaint.due_at = due_after(desk.config, desk.notifier.hours, complaint.stage,
                                     complaint.verdict, now)
        steps.record_event(unit, officer, complaint, "return",
                           f"Paraf dibatalkan; draf dikembalikan kepada penyusun untuk "
                           f"diperbaiki: {note}", now, from_stage=Stage.INITIALED.value)
        steps.retire_keyboards(unit, complaint, now)
    else:
        steps.record_event(unit, officer, complaint, "return", f"Draf dikembalikan kepada "
                           f"penyusun untuk diperbaiki: {note}", now)
    drafters = pings.recipients(unit, complaint, [
        o for o in desk.config.roster if o.role == Role.PENYUSUN_LAPORAN])
    for drafter in drafters:
        audience = identity.private_chat(drafter)
        said = identity.complainant_text(note, complaint, complaint.complainant, audience)
        rich = Rich().b("↩️ Draf dikembalikan: ").code(complaint.ticket).nl()
        rich.line(f"Catatan {officer.name}", said[:1500])
        rich.t("Perbaiki suratnya, lalu kirim DOCX atau PDF perbaikannya di chat ini dengan "
               f"{complaint.ticket} di keterangannya (\"pengantar\" untuk surat pengantar).")
        unit.enqueue(kind="ping", channel="telegram", address=str(drafter.telegram_id),
                     body=rich.plain(), payload=rich.to_payload(), at=now,
                     complaint_id=complaint.id)
    told = ", ".join(d.name for d in drafters) or "belum ada penyusun laporan di daftar"
    if not initialled:
        return steps.done(desk, unit, request, complaint, f"draf dikembalikan kepada penyusun "
                          f"untuk diperbaiki ({told}); paraf menunggu perbaikannya", now)
    # Kasi Tikkim, who initialled it, hears why, privately (unless returning it himself).
    kasis = [o for o in pings.recipients(unit, complaint, [
        o for o in desk.config.roster if o.role == Role.KASI_TIKKIM])
        if o.telegram_id != officer.telegram_id]
    for kasi in kasis:
        audience = identity.private_chat(kasi)
        said = identity.complainant_text(note, complaint, complaint.complainant, audience)
        rich = Rich().b("↩️ Paraf dibatalkan: ").code(complaint.ticket).nl()
        rich.line(f"Catatan {officer.name}", said[:1500])
        rich.t("Laporan dikembalikan kepada penyusun untuk diperbaiki; setelah "
               "perbaikannya, laporan menunggu paraf Anda lagi (langkah 7).")
        unit.enqueue(kind="ping", channel="telegram", address=str(kasi.telegram_id),
                     body=rich.plain(), payload=rich.to_payload(), at=now,
                     complaint_id=complaint.id)
    return steps.done(desk, unit, request, complaint, "paraf dibatalkan; draf dikembalikan "
                      f"kepada penyusun untuk diperbaiki ({told}); langkah 7 menunggu "
                      "perbaikannya", now)


def take(desk: "OfficerDesk", unit: "Unit", officer: "Officer", request: OfficerRequest,
         complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
    if complaint.assigned_to == officer.name:
        return DeskAnswer(True, Rich().code(complaint.ticket).t(" sudah Anda ambil."),
                          toast="Sudah Anda ambil")
    check_takes(desk, unit, officer, complaint, now)
    before = complaint.assigned_to
    if before and owners.holder(desk.config, before) is None:
        # its holder was taken off the roster (config.yml changed): nobody holds it now,
        # so no 'alih' is asked for and there is nobody to tell
        complaint.assigned_to = officer.name
        steps.record_event(unit, officer, complaint, "take", f"Diambil oleh {officer.name} "
                           f"(sebelumnya {before}, {owners.OFF_ROSTER})", now)
        return steps.done(desk, unit, request, complaint, f"diambil oleh {officer.name}", now)
    if before and not takes_over(request.args):
        # Two officers on one complaint: the second is told who has it (a press of the
        # alert's Ambil a moment later included), and how to take it over if meant.
        raise Refused(f"{complaint.ticket} sudah diambil oleh {before}. Tidak ada yang "
                      f"berubah. Untuk mengambil alihnya (mis. {before} berhalangan): "
                      f"/ambil {complaint.ticket} alih",
                      detail=f"sudah diambil oleh {before}")
    complaint.assigned_to = officer.name
    if before:
        steps.record_event(unit, officer, complaint, "take",
                           f"Diambil alih oleh {officer.name} dari {before}", now)
        for previous in pings.recipients(unit, complaint, [
                o for o in desk.config.roster if o.name == before]):
            told = Rich().t("ℹ️ ").code(complaint.ticket).t(
                f" diambil alih oleh {officer.name}; tidak lagi tercatat pada Anda.")
            unit.enqueue(kind="ping", channel="telegram",
                         address=str(previous.telegram_id), body=told.plain(),
                         payload=told.to_payload(), at=now, complaint_id=complaint.id)
        return steps.done(desk, unit, request, complaint,
                          f"diambil alih oleh {officer.name} dari {before}", now)
    steps.record_event(unit, officer, complaint, "take", f"Diambil oleh {officer.name}", now)
    return steps.done(desk, unit, request, complaint, f"diambil oleh {officer.name}", now)


def check_takes(desk: "OfficerDesk", unit: "Unit", officer: "Officer", complaint: "Complaint",
                now: dt.datetime) -> None:
    """Taking a complaint is a petugas' act: a leader takes one only where he stands in for the
    petugas (`steps.takes`, the rule the "Ambil" button is offered by), typed or pressed. The
    Kepala Kantor's /ambil at a section's step recorded "Diambil oleh <Kepala>" and put it on
    him, which the SOP gives no meaning. Refused naming the petugas who take it."""
    if steps.takes(desk, unit, officer, complaint):
        return
    petugas = pings.recipients(unit, complaint, owners.of_role(desk.config, Role.PETUGAS))
    who = ", ".join(o.name for o in petugas)
    raise Refused(f"Mengambil pengaduan adalah tindakan petugas{f' ({who})' if who else ''}; "
                  f"{ROLE_LABEL[Role(officer.role)]} mengambilnya hanya bila menggantikan petugas "
                  f"pada langkah petugas. Tidak ada yang berubah. {complaint.ticket} kini pada "
                  f"{steps.where_now(desk, unit, complaint, now, str(officer.telegram_id))}.",
                  detail=f"mengambil bukan tindakan {officer.role} pada tahap {complaint.stage}")


def retype(desk: "OfficerDesk", unit: "Unit", officer: "Officer", request: OfficerRequest,
           complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
    types = desk.config.complaint_types
    key = kinds.resolve(types, request.args)      # 'perilaku', 'online' as officers say
    if key == complaint.type:
        raise Refused(f"Jenisnya sudah {types[key].id}.")
    old, was_sensitive = complaint.type, desk.notifier.sensitive(complaint)
    if was_sensitive and key not in desk.config.sensitive_types and \
            officer.role not in identity.LEADERS:
        # its story would reach the group, where the officer reported may read it
        raise Refused("Pengaduan sensitif: hanya Kasi Tikkim atau Kepala Kantor yang dapat "
                      "mengubahnya ke jenis biasa (ceritanya lalu terbaca di grup). "
                      "Sampaikan usulan Anda kepada mereka.")
    complaint.type, complaint.type_source, complaint.type_changed_by = key, "officer", "officer"
    complaint.type_confidence = None
    change = f"{types[old].id} \u2192 {types[key].id}"
    note = f"Jenis diubah: {change}"
    mode = identity.mode_after_retype(complaint.identity_mode, key,
                                      desk.config.sensitive_types)
    if mode != complaint.identity_mode:
        complaint.identity_mode = mode.value
        note += "; identitas pelapor kini dirahasiakan (jenis sensitif)"
    steps.record_event(unit, officer, complaint, "retype", note, now)
    if desk.notifier.sensitive(complaint) and not was_sensitive:
        desk.notifier.to_leaders(unit, complaint, now)
    said = f"jenis diubah: {change}"
    moved_to = types[key].section
    if complaint.section and complaint.section != moved_to and \
            complaint.stage in (Stage.REVIEWED.value, Stage.EXAMINED.value):
        # the examination stays where it was forwarded; the type alone moves nothing
        said += (f" (pemeriksaan tetap di {desk.config.sections[complaint.section].name};"
                 f" untuk memindahkannya: /teruskan {complaint.ticket} {moved_to})")
    return steps.done(desk, unit, request, complaint, said, now)


def forward(desk: "OfficerDesk", unit: "Unit", officer: "Officer", request: OfficerRequest,
            complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
    # the key, or the section as officers name it ("Seksi Lantaskim", "Subbag TU")
    key = officer_sections.resolve(desk.config.sections, request.args) or ""
    if key not in desk.config.sections:
        raise Refused("Seksi tidak dikenal. Pilihan: " + "; ".join(
            f"{k} ({s.name})" for k, s in desk.config.sections.items()))
    check_section_can_examine(desk, unit, complaint, key)
    moved_from = complaint.section
    complaint.section = key
    name = desk.config.sections[key].name
    steps.record_event(unit, officer, complaint, "forward", f"Diteruskan ke {name}", now)
    transition = next_transition(complaint.stage, complaint.verdict)
    if transition is None or transition.actor != Role.SEKSI or moved_from == key:
        return steps.done(desk, unit, request, complaint, f"diteruskan ke {name}", now)
    # The step due is the section's (step 4): the old section's buttons (its ping, the
    # group's step message) would only be refused now, so they go, as after a step; the
    # new section is told as if the step had just reached it, with Kasi Tikkim's direction.
    retire_all(unit, complaint, now)
    if moved_from:
        tell_section_released(desk, unit, officer, complaint, moved_from, now)
    result = steps.done(desk, unit, request, complaint, f"diteruskan ke {name}", now,
                        moved=True)
    desk.notifier.ping_owners(unit, complaint, now, actor_id=str(officer.telegram_id),
                              handover=direction(complaint))
    return result


def tell_section_released(desk: "OfficerDesk", unit: "Unit", officer: "Officer",
                          complaint: "Complaint", section: str, now: dt.datetime) -> None:
    """The officers of the section a complaint was taken from at step 4 were pinged with
    it ("Giliran Anda"); their buttons are retired, and they are told privately that the
    step no longer waits for them (never an officer the complaint keeps away). Before the
    slot of a complaint still hidden from the group, a member whose ping is still held
    (`pings.held_until`; set aside at the slot, `still_stands`) is told nothing: it would be
    the first he heard of it, at a minute before the slot."""
    silent = pings.unreachable(unit) | {str(officer.telegram_id)}
    members = owners.of_role(desk.config, Role.SEKSI, section)
    for member in pings.recipients(unit, complaint, members):
        if (str(member.telegram_id) in silent
                or pings.held_until(desk.config, complaint, member, now) is not None):
            continue
        told = Rich().t("ℹ️ ").code(complaint.ticket).t(
            f" dialihkan dari {desk.config.sections[section].name} oleh {officer.name}: "
            "langkah 4 (pemeriksaan/BAP) tidak lagi menunggu seksi Anda. Tidak perlu "
            "ditindaklanjuti.")
        unit.enqueue(kind="ping", channel="telegram", address=str(member.telegram_id),
                     body=told.plain(), payload=told.to_payload(), at=now,
                     complaint_id=complaint.id)


def check_section_can_examine(desk: "OfficerDesk", unit: "Unit", complaint: "Complaint",
                              key: str) -> None:
    """Refuse a forward to a section where nobody may examine the complaint (step 4): none
    of its officers on the roster, or every one of them kept away from it (named in it, or
    /kecualikan). Accepted, it would sit at step 4 with nobody told. The refusal never names
    anyone: typed in the group (an ordinary complaint; a sensitive one is handled in private
    only) it is read by officers who must not learn who is kept away; the leaders list
    exclusions privately (/kecualikan TIKET)."""
    name = desk.config.sections[key].name
    members = owners.of_role(desk.config, Role.SEKSI, key)
    kept = owners.kept_away(desk.config, complaint, unit.excluded_officers(complaint.id))
    if any(str(o.telegram_id) not in kept for o in members):
        return
    if not members:
        raise Refused(f"{name} belum memiliki petugas di daftar petugas: tidak ada petugas "
                      f"yang dapat menangani {complaint.ticket} di sana. Tidak ada yang "
                      "dicatat. Teruskan ke seksi lain, atau tambahkan petugas seksi ini di "
                      "daftar petugas (config.yml) lalu teruskan lagi.")
    raise Refused(f"Di {name} {owners.NOBODY_FREE} {complaint.ticket}. Tidak ada yang "
                  "dicatat. Teruskan ke seksi lain, atau minta Kasi Tikkim/Kepala Kantor "
                  f"meninjau pengecualiannya (/kecualikan {complaint.ticket} di chat "
                  "pribadi).")


def update(desk: "OfficerDesk", unit: "Unit", officer: "Officer", request: OfficerRequest,
           complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
    return relay(desk, unit, officer, request, complaint, now, kind="update")


def relay(desk: "OfficerDesk", unit: "Unit", officer: "Officer", request: OfficerRequest,
          complaint: "Complaint", now: dt.datetime, kind: str = "relay") -> DeskAnswer:
    text = request.args.strip()
    if not text:
        raise Refused(views.usage(kind))
    person = complaint.complainant
    if person is None or person.channel not in PUSH_CHANNELS:
        raise Refused("Pelapor tidak dapat dihubungi lewat kanal pengaduannya.")
    reply_here = kind == "relay" and officer_message.open_for_reply(unit, officer, person,
                                                                    now, complaint)
    desk.notifier.relay(unit, complaint, now, text, kind, reply_here=reply_here)
    label = "Kabar kepada pelapor" if kind == "update" else "Balasan kepada pelapor"
    steps.record_event(unit, officer, complaint, kind, f"{label}: {text}", now)
    sent = officer_message.relay_answer(
        unit, complaint, label.lower(), now,
        held=identity.held_for_slot(complaint, desk.config.sensitive_types))
    return steps.done(desk, unit, request, complaint, sent, now, announce=False)


TAKE_OVER = ("alih", "ambil alih", "ambilalih", "take over", "takeover")


def takes_over(args: str) -> bool:
    """'/ambil TIKET alih' (or 'ambil alih'): take a complaint another officer has taken."""
    return " ".join(args.lower().split()) in TAKE_OVER


def retire_all(unit: "Unit", complaint: "Complaint", now: dt.datetime) -> int:
    """Every step keyboard of the complaint loses its step actions (a 'Lihat' button stays),
    those of the current stage too: they were made for someone who no longer owns the step."""
    return sum(unit.retire_keyboard(row, keyboard.view_only(complaint.ticket), now)
               for row in unit.bound_keyboards(complaint.id))


def direction(complaint: "Complaint") -> tuple[str, str] | None:
    """Kasi Tikkim's direction at step 3, for a section that receives the complaint later."""
    for event in reversed(complaint.events):
        if event.action == "stage" and event.to_stage == Stage.REVIEWED.value and event.note:
            label, _, note = event.note.partition(" \u2014 ")
            who = event.actor.split(" ", 1)[-1] if event.actor else "Kasi Tikkim"
            return f"Arahan {who}", note or label
    return None


# The actions above by the name the desk's requests give them (`OfficerRequest.action`).
ACTIONS: "dict[str, Callable[..., DeskAnswer]]" = {
    "return_draft": return_draft, "take": take, "retype": retype, "forward": forward,
    "update": update, "relay": relay}
