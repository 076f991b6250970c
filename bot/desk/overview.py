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
from bot.desk.requests import DeskAnswer
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


def late(complaint: "Complaint", now: dt.datetime) -> bool:
    return complaint.due_at is not None and complaint.due_at <= now


def ordered(complaints: Sequence["Complaint"], now: dt.datetime) -> list["Complaint"]:
    """Overdue first, most late first; then by deadline (none last)."""
    far = dt.datetime.max.replace(tzinfo=dt.timezone.utc)
    return sorted(complaints, key=lambda c: (not late(c, now), c.due_at or far, c.id))


Kept = Mapping[int, Collection[str]]
"""Each listed complaint's recorded exclusions (Unit.excluded_officers_of): an officer kept away
from a complaint is never named as its owner, in the group or anywhere else."""


def _sensitive(config: "OfficeConfig", complaint: "Complaint") -> bool:
    """A sensitive complaint's owner is shown by role or section only, in every list: the
    names (a stand-in's, or none) would show that someone is kept away from it."""
    return identity.is_sensitive(complaint, config.sensitive_types)


def line(config: "OfficeConfig", hours: "ServiceHours", complaint: "Complaint",
         now: dt.datetime, away: owners.Away | None, kept: Kept,
         returned: Collection[int] = ()) -> Rich:
    """'⚠️ TRK-… Layanan paspor — 4. Diperiksa (BAP)… · Seksi …: Andi · terlambat 2 jam'.
    `returned`: complaints whose draft was sent back and awaits its correction (the approval
    step waits for the compiler's corrected file, not for the approver)."""
    step = next_transition(complaint.stage, complaint.verdict)
    overdue = late(complaint, now)
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
    if complaint.due_at is None:
        return rich.nl()
    # a sensitive complaint's deadline and lateness without the minute, in every list (the
    # group's, a petugas' /saya): step 2's deadline gives back the receipt minute
    coarse = _sensitive(config, complaint)
    if overdue:
        minutes = service_minutes_between(hours, complaint.due_at, now)
        shown = owners.coarse_late_text(minutes) if coarse else owners.late_text(minutes)
        rich.t(" · ").b(f"terlambat {shown}")
    else:
        rich.t(f" · batas {owners.deadline_text(config, complaint.due_at, now, coarse=coarse)}")
    return rich.nl()


def counts(config: "OfficeConfig", complaints: Sequence["Complaint"], now: dt.datetime,
           away: owners.Away | None, kept: Kept, returned: Collection[int] = ()) -> Rich:
    """Open and overdue, by section, by person (the officers whose step it is; the compiler
    for a draft sent back)."""
    overdue = [c for c in complaints if late(c, now)]
    rich = Rich().b(f"Terbuka: {len(complaints)} · Terlambat: {len(overdue)}\n")
    by_section: Counter[str] = Counter()
    late_section: Counter[str] = Counter()
    by_person: Counter[str] = Counter()
    late_person: Counter[str] = Counter()
    for complaint in complaints:
        section = config.sections[complaint.section].name if complaint.section else NOT_FORWARDED
        by_section[section] += 1
        late_section[section] += late(complaint, now)
        if next_transition(complaint.stage, complaint.verdict) is None:
            continue
        if _sensitive(config, complaint):
            # Never by name: who stands in, or that nobody can, would tell every reader that
            # an officer is kept away from it, i.e. who is accused (the leaders hear it in
            # private). Every sensitive complaint is counted this way, so none stands out.
            label = owners.neutral_text(config, complaint)
            by_person[label] += 1
            late_person[label] += late(complaint, now)
            continue
        people = (owners.drafters(config, complaint, kept[complaint.id])
                  if complaint.id in returned
                  else owners.responsible(config, complaint, away, kept[complaint.id]))
        for officer in people:
            by_person[officer.name] += 1
            late_person[officer.name] += late(complaint, now)
        if not people:
            label = owners.nobody_text(config, complaint, away, kept[complaint.id])
            by_person[label] += 1
            late_person[label] += late(complaint, now)
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
              args: str = "", returned: Collection[int] = ()) -> DeskAnswer:
    """/aduan [terlambat]: the counts, then every open complaint, overdue first."""
    only_late = args.strip().lower() in OVERDUE_WORDS
    header = counts(config, complaints, now, away, kept, returned)
    shown = [c for c in ordered(complaints, now) if late(c, now) or not only_late]
    if not complaints:
        header.t("Tidak ada pengaduan terbuka.")
    elif only_late and not shown:
        header.t("✅ Tidak ada pengaduan yang terlambat.")
    items = [line(config, hours, c, now, away, kept, returned) for c in shown]
    title = "📋 Pengaduan terlambat" if only_late else "📋 Pengaduan terbuka"
    return _answer(title, header, items, "Pengaduan_Terbuka", now, config)


def mine(config: "OfficeConfig", hours: "ServiceHours", officer: "Officer",
         complaints: Sequence["Complaint"], now: dt.datetime,
         away: owners.Away | None, kept: Kept, returned: Collection[int] = ()) -> DeskAnswer:
    """/saya: the steps waiting for this officer, and what they have taken. A draft sent back
    (`returned`) waits for the compiler's correction, not for its approver."""
    waiting = [c for c in ordered(complaints, now)
               if officer in (owners.drafters(config, c, kept[c.id]) if c.id in returned
                              else owners.responsible(config, c, away, kept[c.id]))]
    taken = [c for c in ordered(complaints, now)
             if c.assigned_to == officer.name and c not in waiting]
    overdue = sum(1 for c in waiting if late(c, now))
    header = Rich().t(f"{officer.name}: {len(waiting)} langkah menunggu Anda"
                      + (f", {overdue} terlambat" if overdue else "") + ".\n")
    if not waiting:
        header.t("✅ Tidak ada langkah yang menunggu Anda.\n")
    items = [line(config, hours, c, now, away, kept, returned) for c in waiting]
    if taken:
        items.append(Rich().b("\nDiambil oleh Anda (langkahnya milik orang lain)\n"))
        items += [line(config, hours, c, now, away, kept, returned) for c in taken]
    return _answer("🧾 Tugas saya", header, items, "Tugas_Saya", now, config)
