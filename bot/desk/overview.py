"""The office at a glance: `/aduan` (counts, overdue first, owners, "late by") and `/saya`.

Counts come first (open, overdue, by section, by person); then every complaint, overdue ones
first (most late first) with who is late and by how much, then the others by deadline. Nothing
is cut silently: a list longer than one message goes in pages, and beyond three pages the first
page comes with the whole list as a text file (bot.paging).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Collection, Mapping, Sequence

from bot import identity
from bot.identity import GROUP, Audience
from bot.desk.requests import DeskAnswer
from bot.sop.slots import alert_slot
from bot.paging import paginate
from bot.paperwork.outfiles import OutFile
from bot.rich import Rich
from bot.sop import owners
from bot.sop.deadlines import service_minutes_between
from bot.sop.workflow import ROLE_LABEL, Role, next_transition

if TYPE_CHECKING:
    from bot.config import OfficeConfig, Officer
    from bot.sop.hours import ServiceHours
    from storage.models import Complaint

OVERDUE_WORDS = {"terlambat", "telat", "overdue"}
NOT_FORWARDED = "Belum diteruskan ke seksi"


def held(config: "OfficeConfig", complaint: "Complaint", reader: Audience) -> bool:
    """A complaint whose group alert waited for its slot (`identity.held_for_slot`: sensitive,
    confidential or anonymous) in a list read by anyone but a leader in a private chat
    (`identity.conceals_receipt`): its deadline as of its slot (`due`)."""
    return identity.conceals_receipt(complaint, config.sensitive_types, reader)


def due(config: "OfficeConfig", hours: "ServiceHours", complaint: "Complaint",
        reader: Audience) -> dt.datetime | None:
    """The deadline a list shows, counts late and sorts by: a held complaint's as of its slot
    (`owners.coarse_due`) but for a leader, in every list (the group's, a petugas' /saya),
    since "terlambat 9 menit" at the 10.00 slot, or its place between two named complaints,
    gives back the minute its alert hides."""
    if not held(config, complaint, reader):
        return complaint.due_at
    return owners.coarse_due(config, hours, complaint, complaint.due_at,
                             alert_slot(config, complaint.created_at))


def late(config: "OfficeConfig", hours: "ServiceHours", complaint: "Complaint",
         now: dt.datetime, reader: Audience) -> bool:
    shown = due(config, hours, complaint, reader)
    return shown is not None and shown <= now


def ordered(config: "OfficeConfig", hours: "ServiceHours", complaints: Sequence["Complaint"],
            now: dt.datetime, reader: Audience) -> list["Complaint"]:
    """Overdue first, most late first; then by deadline (none last). Held complaints of one
    slot share their deadline (`due`), and go among themselves by ticket (random), not by id,
    which is the order of filing."""
    far = dt.datetime.max.replace(tzinfo=dt.timezone.utc)
    def key(c: "Complaint") -> tuple[object, ...]:
        hidden, deadline = held(config, c, reader), due(config, hours, c, reader)
        return (deadline is None or deadline > now, deadline or far, hidden,
                c.ticket if hidden else c.id)
    return sorted(complaints, key=key)


Kept = Mapping[int, Collection[str]]
"""Each listed complaint's recorded exclusions (Unit.excluded_officers_of): an officer kept away
from a complaint is never named as its owner, in the group or anywhere else."""


def _sensitive(config: "OfficeConfig", complaint: "Complaint") -> bool:
    """A sensitive complaint's owner is shown by role or section only, in every list: the
    names (a stand-in's, or none) would show that someone is kept away from it."""
    return identity.is_sensitive(complaint, config.sensitive_types)


def line(config: "OfficeConfig", hours: "ServiceHours", complaint: "Complaint",
         now: dt.datetime, away: owners.Away | None, kept: Kept,
         returned: Collection[int] = (), reader: Audience = GROUP) -> Rich:
    """'⚠️ TRK-… Layanan paspor — 4. Diperiksa (BAP)… · Seksi …: Andi · terlambat 2 jam'.
    `returned`: complaints whose draft was sent back and awaits its correction (the approval
    step waits for the compiler's corrected file, not for the approver)."""
    step = next_transition(complaint.stage, complaint.verdict)
    overdue = late(config, hours, complaint, now, reader)
    rich = Rich().t("⚠️ " if overdue else "• ").code(complaint.ticket)
    rich.t(f" {config.complaint_types[complaint.type].id}")
    if complaint.id in returned:
        label = ROLE_LABEL[Role.PENYUSUN_LAPORAN]
        names = owners.names(owners.drafters(config, complaint, kept[complaint.id]))
        shown = label if _sensitive(config, complaint) or names in ("", label) \
            else f"{label}: {names}"
        rich.t(f" — draf dikembalikan, menunggu perbaikan · {shown}")
    elif step is not None:
        owner = (owners.neutral_text(config, complaint) if _sensitive(config, complaint)
                 else owners.owner_text(config, complaint, away, kept[complaint.id]))
        rich.t(f" — {step.step}. {step.label} · {owner}")
    deadline = due(config, hours, complaint, reader)
    if deadline is None:
        return rich.nl()
    # a held complaint's deadline and lateness as of its slot and without the minute, in
    # every list (the group's, a petugas' /saya): step 2's deadline gives back the receipt
    # minute
    coarse = held(config, complaint, reader)
    if overdue:
        minutes = service_minutes_between(hours, deadline, now)
        shown = owners.coarse_late_text(minutes) if coarse else owners.late_text(minutes)
        rich.t(" · ").b(f"terlambat {shown}")
    else:
        rich.t(f" · batas {owners.deadline_text(config, deadline, now, coarse=coarse)}")
    return rich.nl()


def counts(config: "OfficeConfig", hours: "ServiceHours", complaints: Sequence["Complaint"],
           now: dt.datetime, away: owners.Away | None, kept: Kept,
           returned: Collection[int] = (), reader: Audience = GROUP) -> Rich:
    """Open and overdue, by section, by person (the officers whose step it is; the compiler
    for a draft sent back)."""
    overdue = [c for c in complaints if late(config, hours, c, now, reader)]
    rich = Rich().b(f"Terbuka: {len(complaints)} · Terlambat: {len(overdue)}\n")
    by_section: Counter[str] = Counter()
    late_section: Counter[str] = Counter()
    by_person: Counter[str] = Counter()
    late_person: Counter[str] = Counter()
    for complaint in complaints:
        section = config.sections[complaint.section].name if complaint.section else NOT_FORWARDED
        by_section[section] += 1
        late_section[section] += late(config, hours, complaint, now, reader)
        if next_transition(complaint.stage, complaint.verdict) is None:
            continue
        if _sensitive(config, complaint):
            # Never by name: who stands in, or that nobody can, would tell every reader that
            # an officer is kept away from it, i.e. who is accused (the leaders hear it in
            # private). Every sensitive complaint is counted this way, so none stands out.
            label = owners.neutral_text(config, complaint)
            by_person[label] += 1
            late_person[label] += late(config, hours, complaint, now, reader)
            continue
        people = (owners.drafters(config, complaint, kept[complaint.id])
                  if complaint.id in returned
                  else owners.responsible(config, complaint, away, kept[complaint.id]))
        for officer in people:
            by_person[officer.name] += 1
            late_person[officer.name] += late(config, hours, complaint, now, reader)
        if not people:
            label = owners.nobody_text(config, complaint, away, kept[complaint.id])
            by_person[label] += 1
            late_person[label] += late(config, hours, complaint, now, reader)
    if by_section:
        rich.b("Per seksi: ").t("; ".join(
            f"{name} {n}" + (f" ({late_section[name]} terlambat)" if late_section[name] else "")
            for name, n in by_section.most_common()) + "\n")
    if by_person:
        rich.b("Menunggu per orang: ").t("; ".join(
            f"{name} {n}" + (f" ({late_person[name]} terlambat)" if late_person[name] else "")
            for name, n in by_person.most_common()) + "\n")
    return rich


def _answer(title: str, header: Rich, items: list[Rich], stem: str,
            now: dt.datetime, config: "OfficeConfig") -> DeskAnswer:
    paged = paginate(Rich().b(title).nl().extend(header).nl(), items)
    first, *more = paged.messages
    files = []
    if paged.file_text is not None:
        day = now.astimezone(config.office.tz).date().isoformat()
        files.append(OutFile(f"{stem}_{day}.txt", paged.file_text.encode("utf-8"),
                             f"{title.strip()} — daftar lengkap ({paged.items} pengaduan)"))
    return DeskAnswer(True, first, more=more, files=files,
                      log_detail=f"{paged.items} butir, {paged.pages_total} halaman")


def open_list(config: "OfficeConfig", hours: "ServiceHours", complaints: Sequence["Complaint"],
              now: dt.datetime, away: owners.Away | None, kept: Kept,
              args: str = "", returned: Collection[int] = (),
              reader: Audience = GROUP) -> DeskAnswer:
    """/aduan [terlambat]: the counts, then every open complaint, overdue first. `reader`: a
    leader in a private chat reads held complaints' deadlines as they are (`held`)."""
    only_late = args.strip().lower() in OVERDUE_WORDS
    header = counts(config, hours, complaints, now, away, kept, returned, reader)
    shown = [c for c in ordered(config, hours, complaints, now, reader)
             if late(config, hours, c, now, reader) or not only_late]
    if not complaints:
        header.t("Tidak ada pengaduan terbuka.")
    elif only_late and not shown:
        header.t("✅ Tidak ada pengaduan yang terlambat.")
    items = [line(config, hours, c, now, away, kept, returned, reader) for c in shown]
    title = "📋 Pengaduan terlambat" if only_late else "📋 Pengaduan terbuka"
    return _answer(title, header, items, "Pengaduan_Terbuka", now, config)


def mine(config: "OfficeConfig", hours: "ServiceHours", officer: "Officer",
         complaints: Sequence["Complaint"], now: dt.datetime,
         away: owners.Away | None, kept: Kept, returned: Collection[int] = (),
         reader: Audience = GROUP) -> DeskAnswer:
    """/saya: the steps waiting for this officer, and what they have taken. A draft sent back
    (`returned`) waits for the compiler's correction, not for its approver. `reader`: as
    `open_list`."""
    waiting = [c for c in ordered(config, hours, complaints, now, reader)
               if officer in (owners.drafters(config, c, kept[c.id]) if c.id in returned
                              else owners.responsible(config, c, away, kept[c.id]))]
    taken = [c for c in ordered(config, hours, complaints, now, reader)
             if c.assigned_to == officer.name and c not in waiting]
    overdue = sum(1 for c in waiting if late(config, hours, c, now, reader))
    header = Rich().t(f"{officer.name}: {len(waiting)} langkah menunggu Anda"
                      + (f", {overdue} terlambat" if overdue else "") + ".\n")
    if not waiting:
        header.t("✅ Tidak ada langkah yang menunggu Anda.\n")
    items = [line(config, hours, c, now, away, kept, returned, reader) for c in waiting]
    if taken:
        items.append(Rich().b("\nDiambil oleh Anda (langkahnya milik orang lain)\n"))
        items += [line(config, hours, c, now, away, kept, returned, reader) for c in taken]
    return _answer("🧾 Tugas saya", header, items, "Tugas_Saya", now, config)
