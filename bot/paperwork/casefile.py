"""What the documents say about one complaint (a Dossier), and the words they print for it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.paperwork.blocks import tanggal
from bot.progress_texts import FOREIGNERS, NO_ONE_AT_FAULT, pt
from bot.sop.workflow import FOLLOW_UPS, STAFF_FOLLOW_UPS

if TYPE_CHECKING:
    from bot.config import OfficeConfig

# How a signatory signs for the head of office (tata naskah dinas):
#   None  the head of office themself          "Kepala Kantor Imigrasi …,"
#   "an"  on behalf of (atas nama), delegated  "a.n. Kepala Kantor Imigrasi …" + own position
#   "plh" daily stand-in while the head is away "Plh. Kepala Kantor Imigrasi …,"
#   "plt" acting head while the post is vacant  "Plt. Kepala Kantor Imigrasi …,"
CAPACITIES = ("an", "plh", "plt")
CAPACITY_LABEL = {"an": "atas nama (a.n.)", "plh": "Pelaksana Harian (Plh.)",
                  "plt": "Pelaksana Tugas (Plt.)"}


@dataclass(frozen=True)
class OfficeInfo:
    """Who writes: the letterhead's lines, the head of office's title, city, zone, Tembusan."""

    name: str
    address: str
    contacts: tuple[str, ...]
    city: str = "Tarakan"
    timezone: str = "Asia/Makassar"
    ministry: str = "Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia"
    directorate: str = "Direktorat Jenderal Imigrasi"
    regional_office: str = "Kantor Wilayah Kalimantan Timur"
    signatory: str = ""                 # default: "Kepala " + name
    tembusan: tuple[str, ...] = ()

    @property
    def head_title(self) -> str:
        """The head of office's full title: Kepala Kantor Imigrasi Kelas II TPI Tarakan."""
        return self.signatory or f"Kepala {self.name}"

    @classmethod
    def from_config(cls, config: "OfficeConfig", **overrides: object) -> "OfficeInfo":
        office, c, head = config.office, config.office.contacts, config.office.letterhead
        online = [p for p in (c.website and f"Laman {c.website.removeprefix('https://')}",
                              c.email and f"Pos-el {c.email}") if p]
        contacts = (f"Telepon/SMS/WhatsApp {c.phone or c.whatsapp}", ", ".join(online))
        values: dict[str, object] = dict(
            name=office.name, address=office.address,
            contacts=tuple(line for line in contacts if line), timezone=office.timezone,
            city=head.city, ministry=head.ministry, directorate=head.directorate,
            regional_office=head.regional_office, signatory=head.signatory or "",
            tembusan=tuple(head.tembusan))
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Approval:
    """A recorded approval: who (name, NIP), when, and in what capacity; `at` None: not yet.

    `capacity` is None when the head of office signs themself, else "an", "plh" or "plt";
    `position` is the signer's own post (printed under "a.n. …").
    """

    name: str | None = None
    nip: str | None = None
    at: dt.datetime | None = None
    capacity: str | None = None
    position: str | None = None


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit trail: the stage reached, by whom, when, with what note. `aside`:
    a move that is no SOP step, as the trail names it ("Draf dikembalikan kepada penyusun")."""

    stage: str
    actor: str
    role: str
    at: dt.datetime
    note: str | None = None
    aside: str | None = None


@dataclass(frozen=True)
class Dossier:
    """Everything the two documents say about one complaint (labels already in Indonesian)."""

    office: OfficeInfo
    letter_number: str
    letter_date: dt.date
    ticket: str
    complaint_type: str
    channel: str
    received_at: dt.datetime
    description: str
    complainant_name: str | None = None
    anonymous: bool = False
    confidential: bool = False
    place: str | None = None
    incident_time: str | None = None           # absolute ("30 November 2026") or as told
    reported_party: str | None = None
    section: str | None = None
    external_ref: str | None = None
    examination_summary: str | None = None
    verdict: str | None = None                 # benar | tidak_benar | None (pending)
    examined_by: str | None = None
    examined_at: dt.datetime | None = None
    bap_number: str | None = None
    bap_date: dt.date | None = None
    follow_up: str | None = None               # pembinaan | hukuman | None
    follow_up_notes: str | None = None
    initialed: Approval = field(default_factory=Approval)   # Kasi Tikkim's paraf
    signed: Approval = field(default_factory=Approval)      # the head of office's signature
    audit: tuple[AuditEntry, ...] = ()
    addressee: str | None = None               # default: Kepala <regional office>
    addressee_place: str = "Tempat"
    verification: str | None = None            # footer line of a signed copy (content hash)
    type_key: str | None = None                # the complaint type's key (config.yml)
    story_language: str = "id"                 # the complainant's: "en" when told in English
    desired_outcome: str | None = None         # what the complainant asked for, as the story


def complainant_label(d: Dossier) -> str:
    """The complainant as the documents name them (the one identity line of each document)."""
    if d.anonymous:
        return "Anonim"
    if d.confidential:
        return "Dirahasiakan"
    return d.complainant_name or "(tidak disebutkan)"


# Beside the complainant's story when they wrote it in English: it is quoted as written, not
# translated, and the regional office reading an Indonesian report should know why.
WRITTEN_IN_ENGLISH = "ditulis pelapor dalam bahasa Inggris"


def story_heading(d: Dossier) -> str:
    """'Kronologi:', with why the story is in English when it is."""
    return f"Kronologi ({WRITTEN_IN_ENGLISH}):" if d.story_language == "en" else "Kronologi:"


def verdict_label(verdict: str | None) -> str:
    return {"benar": "BENAR (pengaduan terbukti)",
            "tidak_benar": "TIDAK BENAR (pengaduan tidak terbukti)"}.get(
        verdict or "", "Belum ada hasil pemeriksaan")


def examination_note(d: Dossier) -> str | None:
    """The examining officer's own note, printed on its labelled row; None when nothing is
    left of it once the BAP's number and date are taken out (only punctuation)."""
    note = (d.examination_summary or "").strip().lstrip(",.;:-\u2013\u2014 ")
    return note if any(ch.isalnum() for ch in note) else None


def examination_text(d: Dossier) -> str:
    """The examination's result as a sentence, printed when the officer left no note."""
    if d.verdict is None:
        return "Pemeriksaan belum selesai."
    bap = "berdasarkan Berita Acara Pemeriksaan (BAP)" + (
        f" Nomor {d.bap_number}" if d.bap_number else "") + (
        f" tanggal {tanggal(d.bap_date)}" if d.bap_date else "")
    found = ("terbukti BENAR" if d.verdict == "benar"
             else "TIDAK BENAR (tidak terbukti)")
    return f"Setelah dilakukan pemeriksaan {bap}, pengaduan ini dinyatakan {found}."


# A complaint no staff member is at fault in (a facility, the app, information): its
# follow-up, in the words of the complainant's step-9 message (bot.notify.outcome_text; the type lists in bot.progress_texts).
SERVICE_FOLLOW_UP = "Ditindaklanjuti oleh seksi terkait (perbaikan layanan)"


def follow_up_label(verdict: str | None, follow_up: str | None,
                    type_key: str | None = None) -> str:
    """The follow-up as the documents print it. The SOP's coaching or discipline falls on the
    office's own people; a report about foreigners and a complaint no one is at fault in say
    what the complainant was told instead (bot.notify.outcome_text; the type lists in bot.progress_texts), never staff discipline."""
    if verdict == "tidak_benar":
        return "Tidak diperlukan (pengaduan tidak benar)"
    if follow_up in STAFF_FOLLOW_UPS and type_key == FOREIGNERS:
        words = pt("id", f"follow_up.wna.{follow_up}")
        return words[:1].upper() + words[1:]
    if follow_up in STAFF_FOLLOW_UPS and type_key in NO_ONE_AT_FAULT:
        return SERVICE_FOLLOW_UP
    # The SOP's own Indonesian words: an official letter carries no English glosses.
    return FOLLOW_UPS.get(follow_up or "", "Belum ditindaklanjuti")


def signatory_lines(office: OfficeInfo, signed: Approval) -> str:
    """The title above the signature: the head's full title, with a.n./Plh./Plt. as signed."""
    title = office.head_title
    if signed.capacity == "an":
        own = (signed.position or "").strip()
        return f"a.n. {title}\n{own}," if own else f"a.n. {title},"
    if signed.capacity in ("plh", "plt"):
        return f"{signed.capacity.capitalize()}. {title},"
    return f"{title},"
