"""What complainants are told about their complaint's progress, in Indonesian and English."""
from __future__ import annotations

from typing import Any

from bot.i18n import localise

# SOP step 5's follow-up (coaching or punishment) falls on the office's own people; in a report
# about foreigners it is their supervision or an enforcement action; about a facility, the app
# or information there is no one to name (the officers' step-9 message says what was done).
NO_ONE_AT_FAULT = frozenset({"sarana_prasarana", "sistem_online", "informasi", "lainnya"})
FOREIGNERS = "pengawasan_wna"


# The routes outside the office a citizen has, named where a complaint is found not true.
OUTSIDE_ROUTES = (
    "Anda juga dapat mengadukannya ke LAPOR! (lapor.go.id) atau Ombudsman RI "
    "(ombudsman.go.id).",
    "You may also take it to LAPOR! (lapor.go.id) or the Ombudsman of the Republic of "
    "Indonesia (ombudsman.go.id).")

TEXTS: dict[str, tuple[str, str]] = {
    "status": (
        "📋 Kabar pengaduan *{ticket}*\nStatus: {status}\nLangkah berikutnya: {next}",
        "📋 Update on complaint *{ticket}*\nStatus: {status}\nNext step: {next}",
    ),
    "status.final": (           # the outcome message: it ends with thanks, no "next step"
        "📋 Kabar pengaduan *{ticket}*\nStatus: {status}",
        "📋 Update on complaint *{ticket}*\nStatus: {status}",
    ),
    "outcome.benar": (
        "Hasil pemeriksaan: pengaduan Anda terbukti benar dan sudah ditindaklanjuti ({follow_up}).",
        "Outcome: your complaint was found to be true and has been acted upon ({follow_up}).",
    ),
    "outcome.tidak_benar": (
        "Hasil pemeriksaan: setelah diperiksa, pengaduan Anda tidak terbukti. Tidak sependapat, "
        "atau ada saksi atau bukti baru? Tulis di sini; petugas akan membacanya. "
        + OUTSIDE_ROUTES[0],
        "Outcome: after examination, your complaint could not be substantiated. If you disagree, "
        "or have a witness or new evidence, write it here; the officers will read it. "
        + OUTSIDE_ROUTES[1],
    ),
    "follow_up.pembinaan": ("pembinaan terhadap pihak terkait",
                            "coaching and mentoring of those concerned"),
    "follow_up.hukuman": ("sanksi disiplin terhadap pihak terkait",
                          "disciplinary action against those concerned"),
    # a report about foreigners: the follow-up concerns them, not the office's staff
    "follow_up.wna.pembinaan": ("pengawasan dan peringatan terhadap orang asing yang dilaporkan",
                                "supervision of and a warning to the foreign nationals reported"),
    "follow_up.wna.hukuman": ("tindakan administratif keimigrasian terhadap orang asing yang "
                              "dilaporkan",
                              "immigration enforcement action against the foreign nationals "
                              "reported"),
    # no officer involved (a broker outside the office, a fraud): what the office did instead
    "follow_up.aph": ("diserahkan kepada kepolisian sebagai aparat penegak hukum",
                      "handed over to the police as law enforcement"),
    "follow_up.imbauan": ("imbauan kepada masyarakat agar waspada",
                          "a warning to the public"),
    "follow_up.perbaikan_layanan": ("perbaikan layanan oleh seksi terkait",
                                    "the service put right by the section concerned"),
    "outcome.benar.service": (
        "Hasil pemeriksaan: pengaduan Anda terbukti benar dan sudah ditindaklanjuti.",
        "Outcome: your complaint was found to be true and has been acted upon.",
    ),
    "note": ("Catatan petugas: {note}", "Officer's note: {note}"),
    "update": (
        "📋 Kabar dari petugas tentang pengaduan *{ticket}*:\n{text}",
        "📋 News from the officers about complaint *{ticket}*:\n{text}",
    ),
    "relay": (
        "💬 Balasan petugas untuk pengaduan *{ticket}*:\n{text}",
        "💬 Officer's reply about complaint *{ticket}*:\n{text}",
    ),
    "officer_message.reply": (
        "↩️ Balas di sini untuk menjawab petugas (*{code}*); *selesai* bila sudah.",
        "↩️ Reply here to answer the officer (*{code}*); *done* when you have finished.",
    ),
    "officer_closed": (
        "Petugas menutup percakapan *{code}*. Terima kasih. 🙏 Bila masih perlu bantuan, balas "
        "*menu*.",
        "The officers have closed conversation *{code}*. Thank you. 🙏 If you need anything "
        "else, reply *menu*.",
    ),
    "officer_message": (
        "💬 Pesan dari petugas {office}:\n{text}",
        "💬 A message from the officers of {office}:\n{text}",
    ),
    "ticket_issued": (
        "📋 Pengaduan Anda kepada {office} telah dicatat petugas.\nNomor tiket: *{ticket}*\n"
        "PIN: *{pin}*\nSimpan keduanya. Untuk cek status, balas: *status {ticket}*",
        "📋 An officer of {office} has recorded your complaint.\nTicket number: *{ticket}*\n"
        "PIN: *{pin}*\nKeep both. To check its status, reply: *status {ticket}*",
    ),
    "pin_reissued": (
        "🔑 PIN baru untuk pengaduan *{ticket}* kepada {office}: *{pin}*\n"
        "PIN lama tidak berlaku lagi. Simpan PIN ini; jangan berikan kepada siapa pun.",
        "🔑 A new PIN for complaint *{ticket}* with {office}: *{pin}*\n"
        "The old PIN no longer works. Keep this PIN; never give it to anyone.",
    ),
    "thanks": ("Terima kasih atas laporan Anda. 🙏", "Thank you for your report. 🙏"),
}

# A report about foreigners whose follow-up fell on no one reported says the same words.
TEXTS.update({f"follow_up.wna.{key}": TEXTS[f"follow_up.{key}"]
              for key in ("aph", "imbauan", "perbaikan_layanan")})


def pt(lang: str, key: str, **values: Any) -> str:
    """The progress text `key` in `lang` ("id" or "en"), with `values` filled in."""
    return localise(TEXTS, lang, key, **values)
