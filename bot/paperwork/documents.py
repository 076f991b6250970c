"""The complaint's cover letter (surat pengantar) and report (laporan pengaduan): DOCX, PDF."""
from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from bot.paperwork.blocks import (
    REVIEW_PARTS,
    ROLE_LABEL,
    STAGE_LABEL,
    ZONE_LABEL,
    Document,
    Fields,
    Grid,
    Letterhead,
    Para,
    ParafBlock,
    SignBlock,
    review_label,
    tanggal,
    waktu,
)
from bot.paperwork.casefile import (  # noqa: F401  (the documents' data, re-exported)
    Approval,
    AuditEntry,
    Dossier,
    OfficeInfo,
    complainant_label,
    examination_note,
    examination_text,
    follow_up_label,
    signatory_lines,
    story_heading,
    verdict_label,
)
from bot.sop.stages import ORDER, Stage

DEFAULT_NUMBER_PATTERN = "W18.IMI.IMI.3-UM.01.01-{seq:04d}"
SOP_NUMBER = "W18.IMI.IMI.3-OT.02.02-0217"
CLOSING = ("Demikian laporan penanganan pengaduan masyarakat ini dibuat dengan sebenarnya "
           "berdasarkan data dan hasil pemeriksaan yang ada, untuk dipergunakan sebagaimana "
           "mestinya.")


def letter_number(seq: int, pattern: str = DEFAULT_NUMBER_PATTERN,
                  on: dt.date | None = None) -> str:
    """The letter's number from its sequence; the pattern may use {seq}, {year}, {month}."""
    on = on or dt.date.today()
    return pattern.format(seq=seq, year=on.year, month=on.month)


def _by(actor: str, role: str) -> str:
    """Who acted, with their SOP role: "Andi (Petugas)"; once when the name is the role
    ("Pelapor", never "Pelapor (Pelapor)")."""
    label = ROLE_LABEL.get(role, role)
    return actor if actor == label else f"{actor} ({label})"


# The channel of a sensitive complaint as its files carry it (bot.identity.CONCEALED_CHANNEL,
# set by the dossier): then its moments are dates, as in the register.
CONCEALED_CHANNEL = "Dirahasiakan"


def concealed(d: Dossier) -> bool:
    """A sensitive complaint's files: no channel and no time of day for its moments (any
    officer may fetch them, the one the complaint is about too)."""
    return d.channel == CONCEALED_CHANNEL


def secret(d: Dossier) -> bool:
    """A letter "Sifat: Rahasia": a confidential complainant, or a sensitive type's story (a
    levy, an officer's conduct: the leaders' alone at the office), whoever complained."""
    return d.confidential or concealed(d)


# The security classification as a letter marks it, on every page (with the report enclosed,
# which holds the whole story and travels on without its cover letter).
SECRET_MARK = "RAHASIA"


def _when(d: Dossier, moment: dt.datetime) -> str:
    """A moment of the complaint: a date alone when `concealed`."""
    if concealed(d):
        return tanggal(moment.astimezone(ZoneInfo(d.office.timezone)).date())
    return waktu(moment, d.office.timezone)


def _or_dash(value: str | None) -> str:
    return value if value and value.strip() else "-"


def _paraf(d: Dossier) -> ParafBlock:
    status = (f"Diparaf {waktu(d.initialed.at, d.office.timezone)}" if d.initialed.at
              else "Belum diparaf")
    return ParafBlock(position="Kepala Seksi Tikkim", name=d.initialed.name or "-",
                      status=status)


def nip_text(nip: str) -> str:
    """A NIP as a signature block prints it: the 18 digits in their usual groups (birth date,
    appointment month, sex, number: "19750202 200003 1 002"), which a reader checks at a
    glance; the roster keeps the digits. Any other length is printed as written."""
    digits = re.sub(r"\D", "", nip)
    if len(digits) != 18:
        return nip
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def _sign(d: Dossier, place_date: str) -> SignBlock:
    status = (f"Ditandatangani {waktu(d.signed.at, d.office.timezone)}" if d.signed.at
              else "Belum ditandatangani")
    return SignBlock(place_date=place_date, position=signatory_lines(d.office, d.signed),
                     status=status,
                     name=d.signed.name or "." * 36,
                     nip=f"NIP {nip_text(d.signed.nip)}" if d.signed.nip else "NIP " + "." * 30)


def _letterhead(o: OfficeInfo) -> Letterhead:
    lines = (o.ministry.upper(), o.directorate.upper(), o.regional_office.upper())
    return Letterhead(lines=lines, office=o.name.upper(), address=o.address, contacts=o.contacts)


def _heading(text: str, space_before: float) -> Para:
    return Para(text, align="left", bold=True, space_before=space_before, keep_with_next=True)


def _summary_fields(d: Dossier) -> Fields:
    return Fields((
        ("Nomor tiket", d.ticket),
        ("Jenis pengaduan", d.complaint_type),
        ("Seksi terkait", _or_dash(d.section)),
        ("Hasil pemeriksaan", verdict_label(d.verdict)),
        ("Berita Acara Pemeriksaan", _bap(d)),
        ("Tindak lanjut", follow_up_label(d.verdict, d.follow_up, d.type_key)),
    ), label_width=0.3, indent=28)


def _bap(d: Dossier) -> str:
    if not d.bap_number and not d.bap_date:
        return "-"
    return " ".join(part for part in (
        f"Nomor {d.bap_number}" if d.bap_number else "",
        f"tanggal {tanggal(d.bap_date)}" if d.bap_date else "") if part)


def cover_letter(d: Dossier) -> Document:
    """The surat pengantar to the regional office, as blocks."""
    o = d.office
    addressee = d.addressee or f"Kepala {o.regional_office}"
    received = tanggal(d.received_at.astimezone(ZoneInfo(o.timezone)).date())
    body = (
        Para(f"{o.city}, {tanggal(d.letter_date)}", align="right"),
        Fields((("Nomor", d.letter_number),
                ("Sifat", "Rahasia" if secret(d) else "Biasa"),
                ("Lampiran", "1 (satu) berkas"),
                ("Hal", f"Laporan Penanganan Pengaduan Masyarakat Nomor Tiket {d.ticket}")),
               label_width=0.15),
        Para(f"Yth. {addressee}\ndi {d.addressee_place}", align="left", space_before=12),
        Para(f"Berdasarkan Standar Operasional Prosedur Pelayanan Pengaduan Masyarakat Nomor "
             f"{SOP_NUMBER}, bersama ini kami sampaikan laporan penanganan pengaduan masyarakat "
             f"yang diterima {o.name}{'' if concealed(d) else f' melalui {d.channel}'} pada "
             f"tanggal {received}, dengan "
             f"ringkasan sebagai berikut:", space_before=12, indent=28),
        _summary_fields(d),
        # Signed at step 8; the complainant is told at step 9: what will be done, not done.
        Para("Laporan pengaduan selengkapnya beserta riwayat penanganannya terlampir. Hasil "
             "tindak lanjut pengaduan ini akan disampaikan pula kepada pelapor.",
             space_before=6, indent=28),
        Para("Demikian kami sampaikan. Atas perhatian Bapak/Ibu, kami ucapkan terima kasih.",
             space_before=6, indent=28),
    )
    return Document(title=f"Surat Pengantar {d.letter_number}", letterhead=_letterhead(o),
                    body=body, sign=_sign(d, ""), paraf=_paraf(d),
                    footer=_footer(d, f"Surat pengantar pengaduan {d.ticket}"), tail=_tembusan(o))


def _footer(d: Dossier, text: str) -> str:
    if secret(d):
        text = f"{SECRET_MARK} - {text}"
    return f"{d.verification}\n{text}" if d.verification else text


def _tembusan(o: OfficeInfo) -> tuple[Para, ...]:
    """The Tembusan (copies to) list under the signature, from config.yml."""
    if not o.tembusan:
        return ()
    lines = "\n".join(f"{i}. {name}" for i, name in enumerate(o.tembusan, start=1))
    return (Para("Tembusan:", align="left", size=9.5, space_before=12, keep_with_next=True),
            Para(lines, align="left", size=9.5))


def report(d: Dossier) -> Document:
    """The laporan pengaduan: data, chronology, examination, follow-up, audit trail."""
    o = d.office
    data = [("Nomor tiket", d.ticket), ("Tanggal diterima", _when(d, d.received_at)),
            ("Saluran pengaduan", d.channel)]
    if d.external_ref:
        data.append(("Referensi eksternal", d.external_ref))
    data += [("Jenis pengaduan", d.complaint_type), ("Pelapor", complainant_label(d)),
             ("Seksi terkait", _or_dash(d.section))]
    # The examining officer's note on its labelled row; without one, the verdict as a
    # sentence. Never an unlabelled remnant of a note ('selesai' once the BAP is taken out).
    note = examination_note(d)
    audit_rows = _audit_rows(d)
    body = (
        *((Para(SECRET_MARK, align="center", bold=True, size=12),) if secret(d) else ()),
        Para("LAPORAN PENANGANAN PENGADUAN MASYARAKAT", align="center", bold=True, size=12),
        Para(f"Lampiran Surat Nomor {d.letter_number} tanggal {tanggal(d.letter_date)}",
             align="center", size=10),
        _heading("I. DATA PENGADUAN", 12),
        Fields(tuple(data)),
        _heading("II. URAIAN PENGADUAN", 10),
        Fields((("Tempat kejadian", _or_dash(d.place)),
                ("Waktu kejadian", _or_dash(d.incident_time)),
                ("Pihak/unit yang diadukan", _or_dash(d.reported_party)))),
        Para(story_heading(d), align="left", bold=True, space_before=4, keep_with_next=True),
        Para(_or_dash(d.description), align="left"),
        # what the complainant asked for: the regional office judges the follow-up by it
        *((Fields((("Harapan pelapor", d.desired_outcome),)),) if d.desired_outcome else ()),
        _heading("III. HASIL PEMERIKSAAN (BAP)", 10),
        *(() if note else (Para(examination_text(d), align="left"),)),
        Fields((*((("Catatan pemeriksaan", note),) if note else ()),
                ("Nomor BAP", _or_dash(d.bap_number)),
                ("Tanggal BAP", tanggal(d.bap_date) if d.bap_date else "-"),
                ("Kesimpulan", verdict_label(d.verdict)),
                ("Diperiksa oleh", _or_dash(d.examined_by)),
                ("Tanggal pemeriksaan", _when(d, d.examined_at) if d.examined_at else "-"))),
        _heading("IV. TINDAK LANJUT", 10),
        Fields((("Bentuk tindak lanjut", follow_up_label(d.verdict, d.follow_up, d.type_key)),
                ("Keterangan", _or_dash(d.follow_up_notes)))),
        _heading("V. RIWAYAT PENANGANAN", 10),
        Grid(("No", "Tahap", "Oleh", "Waktu", "Catatan"), audit_rows or (("-",) * 5,),
             (0.06, 0.24, 0.22, 0.2, 0.28)),
        _heading("VI. PENUTUP", 10),
        Para(CLOSING, indent=28),
    )
    return Document(title=f"Laporan Pengaduan {d.ticket}", letterhead=_letterhead(o), body=body,
                    sign=_sign(d, f"{o.city}, {tanggal(d.letter_date)}"), paraf=_paraf(d),
                    footer=_footer(d, f"Laporan pengaduan {d.ticket}"))


# The SOP step each stage is reached by (4 for examined): the history's "No" column.
STEP_NUMBER = {stage.value: n for n, stage in enumerate(ORDER, start=1)}
FOLLOW_UP_STEP = STEP_NUMBER[Stage.FOLLOWED_UP.value]     # skipped after "tidak benar"


def _audit_rows(d: Dossier) -> tuple[tuple[str, ...], ...]:
    """The report's history, numbered by SOP step (as the group and /lihat number them); a
    move that is no step (a draft sent back, a withdrawal) has no number. After "tidak benar",
    step 5 gets a row saying it was not needed, before the next step's."""
    skipped = d.verdict == "tidak_benar" and not any(
        not e.aside and e.stage == Stage.FOLLOWED_UP.value for e in d.audit)
    rows = []
    for e in d.audit:
        number = None if e.aside else STEP_NUMBER.get(e.stage)
        if skipped and number is not None and number > FOLLOW_UP_STEP:
            rows.append((str(FOLLOW_UP_STEP), "Tindak lanjut", "-", "-",
                         follow_up_label(d.verdict, None, d.type_key)))
            skipped = False
        rows.append((str(number) if number else "-", _stage(d, e), _by(e.actor, e.role),
                     _when(d, e.at), _or_dash(_audit_note(e))))
    return tuple(rows)


def _stage(d: Dossier, e: AuditEntry) -> str:
    """An audit row's "Tahap"; step 3 as it happened (blocks.review_label): who reviewed it,
    and whether and when the head of office was told (a date-only file: no time)."""
    if e.aside:
        return e.aside
    if e.stage != "reviewed":
        return STAGE_LABEL.get(e.stage, e.stage)
    told_at = None if concealed(d) else \
        f"pukul {e.at.astimezone(ZoneInfo(d.office.timezone)):%H.%M} " \
        f"{ZONE_LABEL.get(d.office.timezone, d.office.timezone)}"
    return review_label(e.role, e.note, told_at)


def _audit_note(e: AuditEntry) -> str | None:
    """An audit row's note without step 3's word of the head of office (in "Tahap")."""
    if e.stage != "reviewed" or not e.note:
        return e.note
    kept = [p for p in e.note.split(" \u2014 ") if not p.startswith(REVIEW_PARTS)]
    return " \u2014 ".join(kept) or None


def cover_letter_docx(d: Dossier) -> bytes:
    """The cover letter as an editable Word document."""
    return render_docx(cover_letter(d))


def cover_letter_pdf(d: Dossier) -> bytes:
    """The cover letter as PDF."""
    return render_pdf(cover_letter(d))


def report_docx(d: Dossier) -> bytes:
    """The complaint report as an editable Word document."""
    return render_docx(report(d))


def report_pdf(d: Dossier) -> bytes:
    """The complaint report as PDF."""
    return render_pdf(report(d))


# python-docx and reportlab load only when a document is made: the web and chat processes,
# which never make one, stay small and start fast.
def render_docx(document: Document) -> bytes:
    from bot.paperwork.docx_renderer import render_docx as render
    return render(document)


def render_pdf(document: Document) -> bytes:
    from bot.paperwork.pdf_renderer import render_pdf as render
    return render(document)
