"""The SOP's stages of a complaint, and how each reads to the complainant."""
from __future__ import annotations

from enum import StrEnum

from bot.progress_texts import OUTSIDE_ROUTES


class Stage(StrEnum):
    """One stage per SOP step: the stage a complaint is in once that step is done."""

    RECEIVED = "received"                  # 1. received, type identified (Petugas)
    REPORTED_TO_KASI = "reported_to_kasi"  # 2. reported to Kasi Tikkim (10 min)
    REVIEWED = "reviewed"                  # 3. head of office consulted, reviewed (10 min)
    EXAMINED = "examined"                  # 4. examined by the section (BAP), verdict
    FOLLOWED_UP = "followed_up"            # 5. coaching/mentoring or punishment
    REPORT_DRAFTED = "report_drafted"      # 6. cover letter and report written
    INITIALED = "initialed"                # 7. initialled by Kasi Tikkim
    SIGNED = "signed"                      # 8. signed by Kepala Kantor
    REPORTED = "reported"                  # 9. reported to Kanwil and the complainant
    ARCHIVED = "archived"                  # 10. entered in the inventory


ORDER = list(Stage)

# A finished complaint: nothing more comes from the office, and an objection is still read.
FINISHED_NEXT = (
    "Tidak ada lagi dari kantor. Bila tidak sependapat dengan hasilnya, atau ada bukti baru, "
    "balas di sini; petugas akan membacanya.",
    "Nothing more from the office. If you disagree with the outcome, or have new evidence, "
    "reply here; the officers will read it.")

# What the complainant is told, per stage: (Indonesian, English).
PUBLIC_LABEL: dict[Stage, tuple[str, str]] = {
    Stage.RECEIVED: ("Diterima, menunggu penelaahan", "Received, awaiting review"),
    Stage.REPORTED_TO_KASI: ("Sedang ditelaah pimpinan", "Being reviewed by management"),
    Stage.REVIEWED: ("Diteruskan ke seksi terkait untuk diperiksa",
                     "Passed to the section concerned for examination"),
    Stage.EXAMINED: ("Selesai diperiksa, sedang ditindaklanjuti",
                     "Examined, follow-up in progress"),
    Stage.FOLLOWED_UP: ("Sudah ditindaklanjuti, laporan sedang disusun",
                        "Followed up, report being prepared"),
    Stage.REPORT_DRAFTED: ("Laporan sedang disetujui pimpinan", "Report awaiting approval"),
    Stage.INITIALED: ("Laporan sedang disetujui pimpinan", "Report awaiting approval"),
    Stage.SIGNED: ("Laporan disetujui, hasil segera dikirim", "Report approved, result coming"),
    Stage.REPORTED: ("Selesai", "Finished"),
    Stage.ARCHIVED: ("Selesai", "Finished"),
}

PUBLIC_NEXT: dict[Stage, tuple[str, str]] = {
    Stage.RECEIVED: ("Petugas melaporkan pengaduan Anda kepada Kepala Seksi.",
                     "An officer reports your complaint to the head of section."),
    Stage.REPORTED_TO_KASI: ("Pimpinan menelaah dan menentukan seksi yang memeriksa.",
                             "Management reviews it and assigns the section to examine it."),
    Stage.REVIEWED: ("Seksi terkait memeriksa pengaduan Anda.",
                     "The section concerned examines your complaint."),
    Stage.EXAMINED: ("Hasil pemeriksaan ditindaklanjuti.", "The findings are acted upon."),
    Stage.FOLLOWED_UP: ("Laporan pengaduan disusun.", "The complaint report is written."),
    Stage.REPORT_DRAFTED: ("Laporan diparaf dan ditandatangani pimpinan.",
                           "The report is initialled and signed by management."),
    Stage.INITIALED: ("Laporan ditandatangani Kepala Kantor.",
                      "The head of office signs the report."),
    Stage.SIGNED: ("Hasil penanganan dikirim kepada Anda.", "The outcome is sent to you."),
    Stage.REPORTED: (FINISHED_NEXT[0], FINISHED_NEXT[1]),
    Stage.ARCHIVED: (FINISHED_NEXT[0], FINISHED_NEXT[1]),
}

# Where the verdict (SOP step 4) changes what really comes next. After "tidak benar" there is no
# step 5: the report is written next, and the finished complaint names the routes outside the
# office. Worded true for that path without telling the verdict before the outcome (step 9).
NOT_TRUE = "tidak_benar"
PUBLIC_LABEL_NOT_TRUE: dict[Stage, tuple[str, str]] = {
    Stage.EXAMINED: ("Selesai diperiksa, laporan sedang disusun",
                     "Examined, report being prepared"),
}
PUBLIC_NEXT_NOT_TRUE: dict[Stage, tuple[str, str]] = {
    Stage.EXAMINED: ("Laporan hasil pemeriksaan disusun dan disetujui pimpinan.",
                     "The report on the findings is written and approved by management."),
    Stage.REPORTED: (FINISHED_NEXT[0] + " " + OUTSIDE_ROUTES[0],
                     FINISHED_NEXT[1] + " " + OUTSIDE_ROUTES[1]),
    Stage.ARCHIVED: (FINISHED_NEXT[0] + " " + OUTSIDE_ROUTES[0],
                     FINISHED_NEXT[1] + " " + OUTSIDE_ROUTES[1]),
}
# A complaint examined whose verdict is not known here: nothing said about what follows it.
PUBLIC_LABEL_NO_VERDICT: dict[Stage, tuple[str, str]] = {
    Stage.EXAMINED: ("Selesai diperiksa, sedang diproses", "Examined, being processed"),
}
PUBLIC_NEXT_NO_VERDICT: dict[Stage, tuple[str, str]] = {
    Stage.EXAMINED: ("Hasil pemeriksaan diproses sesuai prosedur, lalu laporannya disusun.",
                     "The findings are dealt with as the procedure says, then the report is "
                     "written."),
}


def _pick(table: dict[Stage, tuple[str, str]], not_true: dict[Stage, tuple[str, str]],
          unknown: dict[Stage, tuple[str, str]], stage: str, lang: str,
          verdict: str | None) -> str:
    key = Stage(stage)
    if verdict == NOT_TRUE and key in not_true:
        pair = not_true[key]
    elif verdict is None and key in unknown:
        pair = unknown[key]
    else:
        pair = table[key]
    return pair[1] if lang == "en" else pair[0]


def public_label(stage: str, lang: str, verdict: str | None = None) -> str:
    """The stage as the complainant reads it; `verdict` (step 4's) where it changes the path."""
    return _pick(PUBLIC_LABEL, PUBLIC_LABEL_NOT_TRUE, PUBLIC_LABEL_NO_VERDICT, stage, lang,
                 verdict)


def public_next(stage: str, lang: str, verdict: str | None = None) -> str:
    """What comes next, as the complainant reads it; `verdict` where it changes the path."""
    return _pick(PUBLIC_NEXT, PUBLIC_NEXT_NOT_TRUE, PUBLIC_NEXT_NO_VERDICT, stage, lang, verdict)


# How officers read a stage (never the internal key).
OFFICER_LABEL: dict[Stage, str] = {
    Stage.RECEIVED: "Diterima",
    Stage.REPORTED_TO_KASI: "Dilaporkan ke Kasi Tikkim",
    Stage.REVIEWED: "Ditelaah, diteruskan ke seksi",
    Stage.EXAMINED: "Diperiksa (BAP)",
    Stage.FOLLOWED_UP: "Ditindaklanjuti",
    Stage.REPORT_DRAFTED: "Laporan disusun",
    Stage.INITIALED: "Laporan diparaf",
    Stage.SIGNED: "Laporan ditandatangani",
    Stage.REPORTED: "Dilaporkan ke Kanwil dan pelapor",
    Stage.ARCHIVED: "Diarsipkan",
}


def officer_label(stage: str | None) -> str:
    """'Laporan diparaf' for 'initialed'; an unknown value as it is."""
    try:
        return OFFICER_LABEL[Stage(stage)]
    except ValueError:
        return stage or "-"


# --- a complaint withdrawn at the complainant's request (bot.desk.withdraw) --------------------
# A withdrawn complaint is closed: its stage is ARCHIVED (so every reader of "open", the sweep
# and retention treat it as closed), moved there by an event whose action is WITHDRAW. Where
# it is shown, it reads "Dicabut", never "Diarsipkan" or "Selesai"; WITHDRAWN is the value the
# register's rows carry for it (outside the SOP's ten).
WITHDRAW = "withdraw"
UNWITHDRAW = "unwithdraw"
WITHDRAWN = "withdrawn"
WITHDRAWN_LABEL = "Dicabut"
PUBLIC_WITHDRAWN = ("Dicabut atas permintaan pelapor", "Withdrawn at your request")
PUBLIC_WITHDRAWN_NEXT = (
    "Pengaduan ini tidak diproses lagi. Bila ingin mengadu lagi, silakan kirim pengaduan baru "
    "kapan saja.",
    "This complaint is no longer being handled. If you wish to complain again, you may file "
    "a new complaint at any time.")


def withdrawal(complaint: object) -> object | None:
    """The event that withdrew the complaint (its `events` loaded), or None when it is not
    withdrawn now: the latest move into ARCHIVED, when that move was a withdrawal."""
    if getattr(complaint, "stage", None) != Stage.ARCHIVED.value:
        return None
    moves = [e for e in getattr(complaint, "events", None) or ()
             if e.to_stage == Stage.ARCHIVED.value and e.from_stage != e.to_stage]
    if not moves:
        return None
    last = moves[-1]
    return last if last.action == WITHDRAW else None


def withdrawn(complaint: object) -> bool:
    """Whether the complaint was withdrawn (closed at the complainant's request)."""
    return withdrawal(complaint) is not None
