"""A data-subject export: everything held about a complainant, as JSON and as a readable PDF."""
from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from bot.paperwork.blocks import ROLE_LABEL, STAGE_LABEL, waktu
from bot.paperwork.outfiles import OutFile

MODE_LABEL = {"named": "Terbuka (nama diketahui petugas)",
              "confidential": "Dirahasiakan (hanya Kasi Tikkim dan Kepala Kantor)",
              "anonymous": "Anonim"}
CHANNEL = {"whatsapp": "WhatsApp", "sms": "SMS", "telegram": "Telegram", "telepon": "Telepon"}
PLACE = {"office": "Kantor imigrasi", "seaport": "Pelabuhan", "airport": "Bandara", "online": "Online",
         "other": "Lainnya"}
MAX_ROWS = 400          # messages listed in the PDF (the JSON holds them all)


def files(people: list[dict[str, Any]], *, office: str, zone: str, officer: str,
          code: str, now: dt.datetime, retention: dict[str, int],
          types: dict[str, str] | None = None) -> list[OutFile]:
    """The JSON (complete, machine-readable) and the PDF (for the person to read)."""
    stamp = now.astimezone(dt.timezone.utc).strftime("%Y%m%d-%H%M")
    document = {"office": office, "generated_at": now.isoformat(), "generated_by": officer,
                "retention": retention, "people": people}
    raw = json.dumps(document, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    caption = f"Data pribadi {code} (permintaan subjek data)"
    return [OutFile(f"Data_Pribadi_{code}_{stamp}.json", raw, caption + ", JSON"),
            OutFile(f"Data_Pribadi_{code}_{stamp}.pdf",
                    render_pdf(people, office=office, zone=zone, officer=officer, code=code,
                               now=now, retention=retention, types=types or {}),
                    caption + ", PDF")]


def _when(value: str | None, zone: str) -> str:
    if not value:
        return "-"
    return waktu(dt.datetime.fromisoformat(value), zone)


def render_pdf(people: list[dict[str, Any]], *, office: str, zone: str, officer: str,
               code: str, now: dt.datetime, retention: dict[str, int],
               types: dict[str, str] | None = None) -> bytes:
    """A readable A4 report of the person's data, in Indonesian."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from bot.paperwork import fonts
    from bot.paperwork.pdf_renderer import markup

    fonts.register()
    body = ParagraphStyle("b", fontName=fonts.MAIN, fontSize=9.5, leading=12.5)
    small = ParagraphStyle("s", parent=body, fontSize=8.5, leading=11)
    head = ParagraphStyle("h", parent=body, fontName=f"{fonts.MAIN}-Bold", fontSize=12,
                          leading=15, spaceBefore=10, spaceAfter=4)
    title = ParagraphStyle("t", parent=head, fontSize=15, leading=19, spaceBefore=0)
    width = A4[0] - 4 * cm

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(markup(text), style)

    shade = colors.HexColor("#e8eef5")

    def table(rows: list[list[str]], widths: list[float], header: bool = True) -> Table:
        cells = [[p(c, small) for c in row] for row in rows]
        grid = Table(cells, colWidths=[w * width for w in widths], repeatRows=1 if header else 0)
        style = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                 ("VALIGN", (0, 0), (-1, -1), "TOP"),
                 ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN)]
        style.append(("BACKGROUND", (0, 0), (-1, 0) if header else (0, -1), shade))
        grid.setStyle(TableStyle(style))
        return grid

    story: list[Any] = [
        p(f"Data Pribadi yang Disimpan: {code}", title),
        p(f"{office}. Disusun {waktu(now, zone)} atas permintaan subjek data (UU No. 27 Tahun "
          f"2022 tentang Pelindungan Data Pribadi), oleh {officer}."),
        p(f"Masa simpan: isi percakapan {retention['message_body_days']} hari setelah "
          f"pengaduan selesai; draf yang tidak dikirim {retention['abandoned_draft_days']} hari; "
          f"nama, nomor dan lampiran dianonimkan {retention['anonymise_after_months']} bulan "
          "setelah pengaduan selesai. PIN tidak pernah disimpan; di sini tertulis ••••••.",
          small),
    ]
    for person in people:
        who = person["complainant"]
        # No per-person code (the P-code it showed is shown nowhere else any more): one on
        # every copy handed over would tie the person's exports to each other.
        story += [p("1. Identitas", head), table([
            ["Kanal", CHANNEL.get(who["channel"], who["channel"])],
            ["Nomor / akun", who["address"]], ["Nama", who.get("name") or "-"],
            ["Nama profil", who.get("profile_name") or "-"], ["Bahasa", who["language"]],
            ["Persetujuan pemrosesan", _when(who.get("consent_at"), zone)],
            ["Kontak pertama", _when(who.get("created_at"), zone)],
            ["Kontak terakhir", _when(who.get("last_inbound_at"), zone)],
        ], [0.3, 0.7], header=False)]
        story.append(p("2. Pengaduan", head))
        if not person["complaints"]:
            story.append(p("Tidak ada pengaduan."))
        for c in person["complaints"]:
            story += [table([
                ["Nomor tiket", c["ticket"]], ["Diterima", _when(c["created_at"], zone)],
                ["Jenis", (types or {}).get(c["type"], c["type"])],
                ["Identitas", MODE_LABEL.get(c["identity_mode"], "-")],
                ["Nama pada pengaduan", c.get("reporter_name") or "-"],
                ["Tahap", STAGE_LABEL.get(c["stage"], c["stage"])],
                ["Uraian", c["description"]],
                ["Tempat", c.get("place_detail") or PLACE.get(c.get("place") or "", "-")],
                ["Waktu kejadian", c.get("incident_time_text") or "-"],
                ["Pihak diadukan", c.get("reported_party") or "-"],
                ["Penilaian", f"{c['rating']}/5 {c.get('rating_comment') or ''}"
                 if c.get("rating") else "-"],
            ], [0.3, 0.7], header=False), Spacer(1, 4)]
            trail = [["Waktu", "Tahap", "Oleh", "Catatan"]] + [
                [_when(e["at"], zone), STAGE_LABEL.get(e["to_stage"], e["to_stage"]),
                 ROLE_LABEL.get(e["actor"], "Pelapor" if e["actor"] == "pelapor" else e["actor"]),
                 (e.get("note") or "-")[:300]] for e in c["events"]]
            story += [table(trail, [0.24, 0.22, 0.16, 0.38]), Spacer(1, 8)]
        messages = person["messages"]
        story.append(p(f"3. Pesan ({len(messages)})", head))
        rows = [["Waktu", "Arah", "Isi"]] + [
            [_when(m["created_at"], zone), "masuk" if m["direction"] == "in" else "keluar",
             (m["body"] or "(lampiran)")[:600]] for m in messages[:MAX_ROWS]]
        story.append(table(rows, [0.24, 0.1, 0.66]) if messages else p("Tidak ada pesan."))
        if len(messages) > MAX_ROWS:
            story.append(p(f"… dan {len(messages) - MAX_ROWS} pesan lagi (lengkap di berkas "
                           "JSON).", small))
        story += [p("4. Lampiran, pemberitahuan, permintaan", head), table([
            ["Lampiran", f"{len(person['attachments'])} berkas ("
             + ", ".join(sorted({a.get('content_type') or '-' for a in person['attachments']}))
             + ")" if person["attachments"] else "0"],
            ["Pemberitahuan terkirim", str(len(person["notifications"]))],
            ["Permintaan bicara dengan petugas", str(len(person["contact_requests"]))],
            ["Permintaan data sebelumnya", str(len(person["data_requests"]))],
            ["Percobaan cek status yang gagal", str(person["status_lookup_failures"])],
            ["Percakapan tersimpan", (person["conversation"] or {}).get("state", "-")],
        ], [0.4, 0.6], header=False)]
    def footer(canvas: Any, doc: Any) -> None:
        canvas.setFont(fonts.MAIN, 7.5)
        canvas.drawString(2 * cm, 1.2 * cm, f"Data pribadi {code}: RAHASIA, hanya untuk subjek "
                          "data")
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Halaman {doc.page}")

    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                      topMargin=2 * cm, bottomMargin=2 * cm, title=f"Data pribadi {code}",
                      author=office).build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
