"""What officers read: the open list with deadlines, one complaint with its history, help."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Collection, Sequence

from bot import identity
from bot.dates import local_time
from bot.conversation.deadline import of_complaint
from bot.deadlines import LABEL as DEADLINE_LABEL
from bot.deadlines import officers_line, outcome_day
from bot.identity import Audience, Mode
from bot.paging import LIMIT, split
from bot.notify import (CHANNEL_LABEL, ENGLISH_SPEAKER, complainant_lang,
                        confidence_text)
from bot.sop.slots import alert_slot
from bot.paperwork.casefile import follow_up_label
from bot.paperwork.documents import tanggal
from bot.labels import incident_label, place_label
from bot.paperwork.dossier import spoken_dates
from bot.rich import MARKUP_COST, Rich
from bot.desk.requests import DeskAnswer
from bot.sop import owners
from bot.sop.holidays import office_hours
from bot.sop.stages import UNWITHDRAW, WITHDRAW, WITHDRAWN_LABEL, officer_label, withdrawal
from bot.sop.workflow import FOLLOW_UPS, ROLE_LABEL, VERDICTS, Role, next_transition

if TYPE_CHECKING:
    from bot.config import OfficeConfig, Officer
    from storage.models import Attachment, Complaint, StageEvent

USAGE = {
    "view": "/lihat TIKET",
    "take": "/ambil TIKET",
    "retype": "/jenis TIKET jenis (mis. /jenis TRK-7K3Q-9MXA pungli)",
    "forward": "/teruskan TIKET seksi (mis. /teruskan TRK-7K3Q-9MXA lantaskim)",
    "stage": ("/tahap TIKET [benar | tidak benar NOMOR-BAP TANGGAL-BAP | pembinaan | hukuman | "
              "polisi | imbauan | perbaikan layanan] catatan"),
    "update": "/kabar TIKET teks kabar untuk pelapor",
    "relay": "/balas TIKET teks balasan untuk pelapor",
    "return_draft": "/kembalikan TIKET apa yang perlu diperbaiki (sebelum tanda tangan)",
    "message": "/pesan T-NOMOR|TIKET teks (balas pelapor yang meminta bicara dengan "
               "petugas, dengan kode di /permintaan; percakapan khusus Kasi Tikkim dan Kepala "
               "Kantor: /pesan R-NOMOR teks, di chat pribadi)",
    "close_request": "/tutup T-NOMOR|TIKET (permintaan bicara dengan petugas selesai, "
                     "dengan kode di /permintaan; R-NOMOR: percakapan khusus Kasi Tikkim dan "
                     "Kepala Kantor)",
    "contact_list": "/permintaan (permintaan bicara dengan petugas yang masih terbuka)",
    "subject_export": "/datapribadi T-NOMOR|TIKET|NOMOR (semua data seorang pelapor: JSON dan "
                      "PDF; Kasi Tikkim, chat pribadi; lewat NOMOR, pemiliknya diminta setuju "
                      "lebih dulu)",
    "subject_erase": "/hapusdata T-NOMOR|TIKET|NOMOR alasan (hapus data pribadi seorang "
                     "pelapor; Kasi Tikkim, chat pribadi)",
    "exclude": "/kecualikan TIKET ID_TELEGRAM_ATAU_NAMA alasan (konflik kepentingan; "
               "Kasi Tikkim/Kepala Kantor, chat pribadi)",
    "reissue_pin": "/pinbaru TIKET (PIN baru ke kanal pelapor, setelah identitasnya "
                   "diverifikasi; Kasi Tikkim/Kepala Kantor, chat pribadi)",
    "identity": "/identitas TIKET (chat pribadi, Kasi Tikkim/Kepala Kantor)",
    "documents": "/dokumen TIKET (surat pengantar dan laporan, DOCX dan PDF, sejak langkah 6)",
    "evidence": "/bukti TIKET (foto dan berkas bukti dari pelapor, dikirim ke chat pribadi), "
                "atau /bukti T-NOMOR atau R-NOMOR (lampiran orang yang meminta bicara "
                "dengan petugas)",
    "withdraw": ("/cabut TIKET alasan, setelah pelapor memintanya lewat bot (mis. /cabut "
                 "TRK-7K3Q-9MXA paspor sudah jadi), atau /cabut TIKET lewat telepon: alasan, "
                 "/cabut TIKET langsung: alasan (Kasi Tikkim/Kepala Kantor, sebelum langkah 9); "
                 "membatalkan dalam 24 jam: /cabut TIKET batal"),
    "upload": "kirim berkas DOCX atau PDF dengan nomor tiket di keterangan (sebelum paraf)",
    "recap": "/rekap [TTTT-BB] (rekap bulanan: XLSX, CSV, grafik)",
    "register": ("/inventaris [TTTT-BB] atau /register (register semua pengaduan, atau yang "
                 "diterima pada bulan itu: XLSX, CSV)"),
    "record": "/catat (chat pribadi: catat pengaduan dari telepon, SMS, e-mail, LAPOR!, dll.)",
}


# An attachment's fetch status as officers read it (`evidence_summary`, bot.desk.evidence).
# A file erased since (storage.subjects.ERASED_FILE) reads as one never kept: "tersimpan" was
# untrue of it, and a wording of its own would date the erasure on a concealed complaint.
STATUS = {"pending": "sedang diunduh", "failed": "gagal diunduh",
          "too_large": "terlalu besar, tidak diunduh", None: "tidak dapat diunduh",
          "erased": "tidak dapat diunduh"}


def evidence_summary(attachments: Sequence["Attachment"], ticket: str) -> str:
    """'3 berkas' or '3 berkas (2 tersimpan, 1 sedang diunduh)' for officers' views; all kept:
    the command that opens them, with the complaint's `ticket` (to tap or copy)."""
    if not attachments:
        return "0 berkas"
    counts: dict[str, int] = {}
    for item in attachments:
        label = "tersimpan" if item.fetch_status == "stored" else STATUS.get(
            item.fetch_status, "tidak dapat diunduh")
        counts[label] = counts.get(label, 0) + 1
    if list(counts) == ["tersimpan"]:
        return f"{len(attachments)} berkas (tersimpan; /bukti {ticket})"
    return f"{len(attachments)} berkas (" + ", ".join(f"{n} {k}" for k, n in counts.items()) + ")"


def usage(action: str) -> str:
    return f"Cara pakai: {USAGE.get(action, '/bantuan')}"


def missing_ticket(action: str, args: str, office_code: str) -> str:
    """The usage, and when what was typed looks like a ticket (a character missing, an O for a
    0), that it is not one: "Cara pakai" alone would not say what was wrong."""
    first = args.split()[0] if args.split() else ""
    if first.upper().startswith(f"{office_code}-") or first.upper().startswith(office_code):
        return (f"Nomor tiket {first[:30]} tidak dikenali: tiket berbentuk {office_code}-XXXX-"
                f"XXXX (tanpa huruf I, L, O dan angka 0, 1). {usage(action)}")
    return usage(action)


def unknown_command(word: str, closest: str | None) -> DeskAnswer:
    """'/lihta' -> 'perintah tidak dikenal', with the nearest command and /bantuan."""
    rich = Rich().t(f"❓ Perintah tidak dikenal: /{word[:40]}.")
    if closest:
        rich.t(" Maksud Anda ").code(f"/{closest}").t("?")
    rich.t(" Daftar perintah: /bantuan")
    return DeskAnswer(False, rich, log_detail=f"perintah tidak dikenal: /{word[:40]}")


def reply_hint(complaint: "Complaint") -> DeskAnswer:
    """A private reply to the bot about a complaint that is not a command."""
    rich = Rich().t("Untuk ").code(complaint.ticket).t(
        ": pakai tombol di bawah pesannya, atau balas dengan perintah, mis. /lihat atau "
        "/tahap … (nomor tiket diambil dari pesan yang Anda balas).")
    return DeskAnswer(True, rich, complaint_id=complaint.id)


def deadline_text(config: "OfficeConfig", complaint: "Complaint", now: dt.datetime) -> str:
    return owners.deadline_text(config, complaint.due_at, now)


def _coarse_due(config: "OfficeConfig", complaint: "Complaint") -> dt.datetime | None:
    """A held complaint's deadline as of its slot (`owners.coarse_due`), with the office's
    service hours and holidays as the composition root builds them (`outcome_day`)."""
    year = complaint.created_at.year
    hours = office_hours(config, range(year - 1, year + 3))
    return owners.coarse_due(config, hours, complaint, complaint.due_at,
                             alert_slot(config, complaint.created_at))


def type_label(config: "OfficeConfig", complaint: "Complaint") -> str:
    return config.complaint_types[complaint.type].id


def event_note(note: str | None, type_key: str | None = None) -> str:
    """An audit note as officers read it: choice keys and dates in words (a follow-up in the
    documents' words for the complaint's type: no staff discipline for foreigners reported)."""
    parts = (note or "").split(" — ")
    words = {**VERDICTS, **{key: follow_up_label("benar", key, type_key) for key in FOLLOW_UPS}}
    return spoken_dates(" — ".join(words.get(p, p) for p in parts))


def actor_text(event: "object") -> str:
    """'Hendra Wijaya (Kasi Tikkim)' from 'telegram:123 Hendra Wijaya'; 'Pelapor'."""
    role = getattr(event, "actor_role", "")
    if role == "complainant":
        return "Pelapor"
    actor = str(getattr(event, "actor", ""))
    name = actor.split(" ", 1)[1] if actor.startswith("telegram:") and " " in actor else actor
    try:
        label = ROLE_LABEL[Role(role)]
    except ValueError:
        return name
    return name if name == label else f"{name}, {label}"


def detail(config: "OfficeConfig", complaint: "Complaint", now: dt.datetime,
           audience: Audience, reveal: bool = False, *, kept: Collection[str],
           away: "owners.Away | None" = None, returned: "StageEvent | None" = None) -> Rich:
    """One complaint with its history, the reporter as the identity policy shows them to this
    audience (`reveal`: the full number, for /identitas), its next step's owner never one of
    the officers it keeps away (`kept`: Unit.excluded_officers), and the Penyusun while a
    draft sent back waits for its correction (`returned`: returns.awaiting_correction)."""
    header, history = _detail_parts(config, complaint, now, audience, reveal, kept=kept,
                                    away=away, returned=returned)
    rich = Rich().extend(header)
    for item in history:
        rich.extend(item)
    return rich


def detail_pages(config: "OfficeConfig", complaint: "Complaint", now: dt.datetime,
                 audience: Audience, reveal: bool = False, *, kept: Collection[str],
                 away: "owners.Away | None" = None, shared: str = "",
                 returned: "StageEvent | None" = None) -> list[Rich]:
    """`detail` as Telegram messages: a long story and history go on in further pages (each
    under Telegram's 4,096 characters, split between the history's entries), never cut.
    `shared`: the other complaints its Kanwil report covers, as the reader may know them
    (bot.desk.closing.shared_with)."""
    header, history = _detail_parts(config, complaint, now, audience, reveal, kept=kept,
                                    away=away, shared=shared, returned=returned)
    # The fields are items like the history's entries, so a long subject, party or place
    # moves the rest on to the next page; the title stays first.
    title, *fields = _lines(header)
    if fields and history:           # the "Riwayat" heading never ends a page on its own
        history = [Rich([*fields.pop().segments, *history[0].segments]), *history[1:]]
    room = LIMIT - title.size() - 40          # as split() leaves room for "Halaman N dari M"
    items = [piece for item in fields + history for piece in _pieces(item, room)]
    return split(title, items)


def _lines(rich: Rich) -> list[Rich]:
    """A text as its lines (a line ends with a segment that ends with a newline)."""
    out, current = [], Rich()
    for kind, text in rich.segments:
        current.segments.append((kind, text))
        if text.endswith("\n"):
            out.append(current)
            current = Rich()
    return out + ([current] if current.segments else [])


def _pieces(item: Rich, limit: int) -> list[Rich]:
    """`item` as pieces within `limit` (marked up), a long text broken after a whole word
    (the space stays at the piece's end, so the pieces read back as the whole); a segment's
    markup is never split from its text."""
    if item.size() <= limit:
        return [item]
    out, current = [], Rich()
    for kind, text in item.segments:
        cost = MARKUP_COST.get(kind, 0)
        while current.size() + len(text) + cost > limit:
            room = limit - current.size() - cost
            cut = text.rfind(" ", 0, max(room, 0)) + 1 if kind != "mention" else 0
            if cut <= 0 and current.segments:          # start the text on a piece of its own
                out.append(current)
                current = Rich()
                continue
            if cut <= 0:                               # one word longer than a whole page
                cut = room
            out.append(Rich([*current.segments, (kind, text[:cut])]))
            current, text = Rich(), text[cut:]
        if text:
            current.segments.append((kind, text))
    return out + ([current] if current.segments else [])


def clipped(text: str, limit: int) -> str:
    """`text` within `limit` characters, cut after a whole word with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _detail_parts(config: "OfficeConfig", complaint: "Complaint", now: dt.datetime,
                  audience: Audience, reveal: bool = False, *, kept: Collection[str],
                  away: "owners.Away | None" = None, shared: str = "",
                  returned: "StageEvent | None" = None) -> tuple[Rich, list[Rich]]:
    """The complaint's fields (with the "Riwayat" heading), and its history's entries."""
    rich = Rich().b("📄 ").code(complaint.ticket).nl()
    rich.line("Jenis", f"{type_label(config, complaint)}, {confidence_text(complaint)}")
    withdrawn = withdrawal(complaint)
    rich.line("Tahap", officer_label(complaint.stage) if withdrawn is None else
              f"{WITHDRAWN_LABEL} atas permintaan pelapor (sebelumnya "
              f"“{officer_label(withdrawn.from_stage)}”; {actor_text(withdrawn)})")
    # a complaint held for its slot (sensitive, confidential, anonymous) read by anyone but a
    # leader: its channel and moments as the register shows them (the officer it is about may
    # be the reader; the held alert hid the minute; the step-2 minute is within minutes of
    # the receipt, so every moment of the trail is a date)
    concealed = identity.conceals_receipt(complaint, config.sensitive_types, audience)
    def when(moment: dt.datetime) -> str:
        if concealed:
            return tanggal(moment.astimezone(config.office.tz).date())
        return local_time(config, moment)
    rich.line("Kanal", identity.CONCEALED_CHANNEL if concealed
              else CHANNEL_LABEL.get(complaint.channel, complaint.channel))
    if complainant_lang(complaint) == "en":
        rich.line("Bahasa pelapor", ENGLISH_SPEAKER)
    rich.line("Diterima", when(complaint.created_at))
    def said(text: str | None) -> str:           # their words, as this audience may read them
        return identity.complainant_text(text, complaint, complaint.complainant, audience,
                                         full_numbers=reveal)
    rich.line("Cerita", said(complaint.description))     # whole: detail_pages pages it
    stated = of_complaint(config, complaint)     # the complainant's own deadline, as filed
    if stated is not None:
        rich.line(DEADLINE_LABEL, officers_line(stated, now.astimezone(config.office.tz).date(),
                                                outcome_day(config, complaint.created_at)))
    for label, value in (("Waktu kejadian", said(incident_label(complaint, config.office.tz))),
                         ("Tempat", said(place_label(config, complaint))),
                         ("Pihak diadukan", said(complaint.reported_party)),
                         ("Nomor permohonan/izin", identity.reference(complaint, audience)),
                         ("Harapan pelapor", said(complaint.desired_outcome))):
        if value:
            rich.line(label, value)
    rich.line("Pelapor", identity.reporter(complaint, complaint.complainant, audience,
                                           full_number=reveal))
    if identity.mode_of(complaint) is Mode.CONFIDENTIAL and not audience.leader:
        rich.i(f"Kasi Tikkim/Kepala Kantor: /identitas {complaint.ticket} di chat pribadi dengan "
               "bot.\n")
    rich.line("Bukti", evidence_summary(complaint.attachments, complaint.ticket))
    if complaint.section:
        rich.line("Seksi terkait", config.sections[complaint.section].name)
    if complaint.assigned_to:
        rich.line("Ditangani", owners.holder_text(config, complaint.assigned_to,
                                                  complaint.ticket))
    if complaint.verdict:
        rich.line("Hasil pemeriksaan", VERDICTS[complaint.verdict])
    if complaint.bap_number:
        day = tanggal(complaint.bap_date) if complaint.bap_date else "-"
        rich.line("BAP", f"{complaint.bap_number}, tanggal {day}")
    if complaint.follow_up:
        rich.line("Tindak lanjut", follow_up_label(complaint.verdict, complaint.follow_up,
                                                   complaint.type))
    if shared and complaint.kanwil_reference:      # one Kanwil report for two complaints
        rich.line("Laporan bersama", f"laporan ke Kanwil {complaint.kanwil_reference} "
                  f"mencakup pula {shared}")
    transition = next_transition(complaint.stage, complaint.verdict)
    if transition:
        # A sensitive complaint read by anyone but a leader (Kasi Tikkim, Kepala Kantor, their
        # Plh.): the step's role or section only, since the officers named (or "nobody on the
        # roster") would show who is kept away, i.e. who is accused; and the deadline without
        # its minute, which for step 2 gives back the receipt minute hidden above.
        neutral = identity.is_sensitive(complaint, config.sensitive_types) and not (
            audience.private and owners.sees_names(config, audience.officer_id))
        owner = (owners.neutral_inline(config, complaint) if neutral
                 else owners.holding_text(config, complaint, away, kept, returned))
        # a held complaint's step-2 deadline would give back its receipt minute (`concealed`),
        # and its hour the receipt's within the slot's two: as of the slot, as lists read it
        due = owners.deadline_text(config, _coarse_due(config, complaint) if concealed
                                   else complaint.due_at, now, coarse=neutral or concealed)
        rich.line("Langkah berikutnya", f"{transition.step}. {transition.label} "
                  f"({owner}), batas {due}")
    rich.b("\nRiwayat\n")
    history = []
    # a line from a talk only the leaders answer is theirs alone (`identity.in_trail`)
    for event in [e for e in complaint.events if identity.in_trail(e, audience)][-15:]:
        # A follow-up or a rating happened in a talk the group may have been told of at that
        # minute (its notice, its relayed lines): anyone but a leader reads its day only, so a
        # talk's code, perhaps once printed beside a name, is not tied to this complaint by the
        # clock, nor a named complainant to a talk only the leaders answer.
        moment = (tanggal(event.at.astimezone(config.office.tz).date())
                  if identity.talk_moment(event) and not audience.leader else when(event.at))
        entry = Rich().t(f"• {moment} ({actor_text(event)})")
        if event.from_stage != event.to_stage:        # a move: where from, where to
            source = officer_label(event.from_stage) if event.from_stage else "-"
            if event.action == UNWITHDRAW:
                source = WITHDRAWN_LABEL
            target = (WITHDRAWN_LABEL if event.action == WITHDRAW
                      else officer_label(event.to_stage))
            entry.t(f": {source} \u2192 {target}")
        if event.note:            # officers' notes may quote the complainant: the same rule
            note = identity.trail_note(event, complaint, audience)
            if concealed and event.from_stage is None:
                note = identity.without_channel(note)
            entry.t(f": {clipped(said(event_note(note, complaint.type)), 300)}")
        history.append(entry.nl())
    return rich, history
