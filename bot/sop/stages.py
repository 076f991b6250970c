"""The SOP's stages of a complaint, and how each reads to the complainant."""
from __future__ import annotations

from enum import StrEnum


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
    Stage.REPORTED: ("Tidak ada; terima kasih atas laporan Anda.",
                     "Nothing more; thank you for your report."),
    Stage.ARCHIVED: ("Tidak ada; terima kasih atas laporan Anda.",
                     "Nothing more; thank you for your report."),
}


def public_label(stage: str, lang: str) -> str:
    idn, en = PUBLIC_LABEL[Stage(stage)]
    return en if lang == "en" else idn


def public_next(stage: str, lang: str) -> str:
    idn, en = PUBLIC_NEXT[Stage(stage)]
    return en if lang == "en" else idn


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
