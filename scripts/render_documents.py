"""Write sample cover letters and reports (DOCX, PDF, and PNG pages when pdftoppm is installed).

Usage: .venv/bin/python scripts/render_documents.py [OUT_DIR]   (default var/samples)
Realistic, hard data: long names, Chinese and Arabic names, long notes, a Plh. signature.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.config import load_office_config  # noqa: E402
from bot.paperwork.documents import (  # noqa: E402
    Approval, AuditEntry, Dossier, OfficeInfo, cover_letter_docx, cover_letter_pdf, letter_number,
    report_docx, report_pdf)

WITA = dt.timezone(dt.timedelta(hours=8))


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=WITA)


def sample() -> Dossier:
    """A true complaint by a Chinese national, examined, signed by a Plh. head of office."""
    office = OfficeInfo.from_config(load_office_config())
    story = ("Saya warga negara Tiongkok pemegang ITAS. Pada tanggal 30 November 2026 saya datang "
             "ke loket izin tinggal untuk perpanjangan ITAS. Petugas di loket 2 meminta uang "
             "Rp1.500.000 di luar tarif PNBP supaya berkas saya diproses hari itu juga, dan "
             "berkata bahwa tanpa uang itu berkas saya akan \"hilang\". Saya menolak dan meminta "
             "kode billing resmi, tetapi tidak diberikan. Teman saya, محمد عبد الله الهاشمي, "
             "menyaksikan kejadian itu dan bersedia memberi keterangan. " * 3).strip()
    audit = (
        AuditEntry("received", "Telegram", "complainant", at(1, 8, 12), "Diterima melalui Telegram"),
        AuditEntry("reported_to_kasi", "Petugas Pengaduan", "petugas", at(1, 8, 19)),
        AuditEntry("reviewed", "Budi Santoso Wicaksono", "kasi_tikkim", at(1, 8, 27),
                   "Koordinasikan dengan Seksi Inteldakim; periksa petugas loket 2 dan saksi."),
        AuditEntry("examined", "Rinaldi Pratama Nugroho", "seksi", at(3, 14, 5),
                   "BAP W18.IMI.IMI.3-PW.01.01-0123 2026-12-03 terhadap petugas loket 2 dan "
                   "dua saksi membuktikan permintaan uang di luar PNBP."),
        AuditEntry("followed_up", "Rinaldi Pratama Nugroho", "seksi", at(7, 10, 0),
                   "Pembinaan langsung dan teguran tertulis; petugas dipindahkan dari loket."),
        AuditEntry("report_drafted", "Сергей Иванович Петров", "penyusun_laporan", at(7, 13, 30)),
        AuditEntry("initialed", "Budi Santoso Wicaksono", "kasi_tikkim", at(8, 9, 10)),
        AuditEntry("signed", "Budi Santoso Wicaksono", "kasi_tikkim", at(8, 10, 45)),
    )
    return Dossier(
        office=office, letter_number=letter_number(123, on=dt.date(2026, 12, 7)),
        letter_date=dt.date(2026, 12, 7), ticket="TRK-7K3Q-9MXA",
        complaint_type="Pungutan liar, calo, atau suap", channel="Telegram",
        received_at=at(1, 8, 12), description=story,
        complainant_name="王小明 (Wang Xiaoming), pemegang ITAS Nomor 2C21JE0123-Q",
        place="Kantor Imigrasi Kelas II TPI Tarakan, loket izin tinggal nomor 2",
        incident_time="30 November 2026", reported_party="Petugas loket izin tinggal nomor 2",
        section="Seksi Intelijen dan Penindakan Keimigrasian",
        examination_summary="BAP terhadap petugas loket 2 dan dua saksi, termasuk محمد عبد الله "
                            "الهاشمي, membuktikan permintaan uang di luar tarif PNBP.",
        verdict="benar", examined_by="Rinaldi Pratama Nugroho", examined_at=at(3, 14, 5),
        bap_number="W18.IMI.IMI.3-PW.01.01-0123", bap_date=dt.date(2026, 12, 3),
        follow_up="hukuman",
        follow_up_notes="Teguran tertulis dan pemindahan tugas oleh Kepala Kantor; " * 4,
        initialed=Approval("Budi Santoso Wicaksono", "198001012005011001", at(8, 9, 10)),
        signed=Approval("Budi Santoso Wicaksono", "198001012005011001", at(8, 10, 45),
                        capacity="plh"),
        audit=audit, addressee=office.regional_office and
        "Kepala Kantor Wilayah Direktorat Jenderal Imigrasi Kalimantan Timur",
        addressee_place="Samarinda",
        verification="Kode verifikasi (SHA-256 isi yang ditandatangani): "
                     "3f5a0c9e7b2d41f8a6c0e1d2b3a4958677f6e5d4c3b2a1908f7e6d5c4b3a2910")


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "var/samples")
    out.mkdir(parents=True, exist_ok=True)
    d = sample()
    variants = {"plh": d, "an": dataclasses.replace(d, signed=dataclasses.replace(
        d.signed, capacity="an", position="Kepala Seksi Teknologi Informasi dan Komunikasi "
                                          "Keimigrasian"))}
    for name, dossier in variants.items():
        for stem, pdf, docx in (("cover", cover_letter_pdf, cover_letter_docx),
                                ("report", report_pdf, report_docx)):
            (out / f"{stem}-{name}.pdf").write_bytes(pdf(dossier))
            (out / f"{stem}-{name}.docx").write_bytes(docx(dossier))
            if shutil.which("pdftoppm"):
                subprocess.run(["pdftoppm", "-r", "80", "-png", str(out / f"{stem}-{name}.pdf"),
                                str(out / f"{stem}-{name}")], check=True)
    print("\n".join(sorted(p.name for p in out.iterdir())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
