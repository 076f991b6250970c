"""Everything the bot says to a complainant, in Bahasa Indonesia and English."""
from __future__ import annotations

from typing import Any

from bot.i18n import localise

TEXTS: dict[str, tuple[str, str]] = {
    "greeting": (
        "Selamat datang di layanan pengaduan {office}. 🙏\n"
        "Saya asisten digital yang mencatat pengaduan Anda dan meneruskannya kepada petugas.\n"
        "(Reply in English anytime.)",
        "Welcome to the complaint service of {office}. 🙏\n"
        "I am a digital assistant: I record your complaint and pass it to the officers.",
    ),
    "welcome_back": ("Selamat datang kembali. 🙏", "Welcome back. 🙏"),
    "privacy": (
        "Pemberitahuan privasi: data yang Anda kirim (nomor, nama bila diberikan, isi pengaduan "
        "dan lampiran) hanya dipakai untuk menangani pengaduan ini dan dilihat oleh petugas "
        "dan pimpinan {office} yang berwenang, sesuai UU No. 27 Tahun 2022 tentang Pelindungan "
        "Data Pribadi. Anda boleh mengadu tanpa nama, atau meminta identitas dirahasiakan. "
        "Isi percakapan disimpan {messages} hari setelah pengaduan selesai, draf yang tidak "
        "dikirim {drafts} hari, dan nama, nomor serta lampiran dianonimkan {months} bulan "
        "setelah pengaduan selesai. Untuk melihat, memperbaiki, atau menghapus data Anda, "
        "hubungi {email} atau pilih *Bicara dengan petugas*.",
        "Privacy notice: what you send (your number, your name if given, the complaint and its "
        "attachments) is used only to handle this complaint and is seen only by the authorised "
        "officers and management of {office}, under Indonesia's Personal Data Protection Law "
        "(UU No. 27/2022). You may complain anonymously, or ask for your identity to be kept "
        "confidential. Chat texts are kept {messages} days after the complaint is closed, "
        "unsent drafts {drafts} days, and names, numbers and attachments are anonymised "
        "{months} months after the complaint is closed. To see, correct or delete your data, "
        "write to {email} or choose *Talk to an officer*.",
    ),
    "menu": ("Apa yang bisa kami bantu?", "How can we help?"),
    "menu.file": ("Sampaikan pengaduan", "File a complaint"),
    "menu.status": ("Cek status pengaduan", "Check a complaint's status"),
    "menu.info": ("Informasi layanan", "Service information"),
    "menu.officer": ("Bicara dengan petugas", "Talk to an officer"),
    "info": (
        "ℹ️ {office}\nAlamat: {address}\nJam layanan: {hours}\nWhatsApp/SMS: {whatsapp}\n"
        "E-mail: {email}\nSitus: {website}\n"
        "Permohonan paspor dapat didaftarkan lewat aplikasi M-Paspor.",
        "ℹ️ {office}\nAddress: {address}\nService hours: {hours}\nWhatsApp/SMS: {whatsapp}\n"
        "E-mail: {email}\nWebsite: {website}\n"
        "Passport applications can be booked in the M-Paspor app.",
    ),
    "officer_requested.already": (
        "Permintaan Anda sudah ada pada petugas. Mohon tunggu balasannya di percakapan ini "
        "pada jam layanan ({hours}).",
        "Your request is already with an officer. Please wait for the reply in this chat during "
        "service hours ({hours}).",
    ),
    "slow_down": (
        "Pesan Anda datang lebih cepat dari yang bisa kami tanggapi. Semua pesan tetap kami "
        "simpan; mohon tunggu beberapa detik, lalu kirim lagi jawaban yang belum kami tanggapi.",
        "Your messages are arriving faster than we can answer them. Every message is kept; "
        "please wait a few seconds, then send again any answer we have not replied to.",
    ),
    "officer_requested": (
        "Permintaan Anda untuk berbicara dengan petugas sudah kami teruskan. Petugas akan "
        "membalas di percakapan ini pada jam layanan ({hours}).",
        "Your request to talk to an officer has been passed on. An officer will reply in this "
        "chat during service hours ({hours}).",
    ),
    "describe": (
        "Ceritakan apa yang terjadi dengan kata-kata Anda sendiri: apa masalahnya dan apa yang "
        "Anda alami. Boleh dalam beberapa pesan. Jika sudah selesai, balas *lanjut*.",
        "Tell us what happened in your own words: what the problem is and what you went "
        "through. Several messages are fine. When you are done, reply *next*.",
    ),
    "describe.noted": (
        "Dicatat. Tambahkan cerita bila masih ada, atau balas *lanjut*.",
        "Noted. Add more if you like, or reply *next*.",
    ),
    "describe.empty": (
        "Ceritanya belum ada. Tuliskan dulu apa yang terjadi.",
        "We don't have your story yet. Please write what happened first.",
    ),
    "describe.too_long": (
        "Cerita Anda sudah sangat panjang dan sudah kami catat. Balas *lanjut* untuk meneruskan.",
        "Your story is already very long and has been recorded. Reply *next* to continue.",
    ),
    "continue": ("Lanjut", "Next"),
    "type_confirm": (
        "Pengaduan Anda tampaknya tentang: *{type}*. Benar?",
        "Your complaint seems to be about: *{type}*. Is that right?",
    ),
    "yes": ("Ya, benar", "Yes, that's right"),
    "no_choose": ("Bukan, pilih jenis lain", "No, choose another type"),
    "type_choose": ("Pengaduan Anda tentang apa? Pilih yang paling sesuai:",
                    "What is your complaint about? Choose the closest:"),
    "when": (
        "Kapan kejadiannya? Pilih, atau tulis tanggalnya (misalnya 12/11/2026).",
        "When did it happen? Choose, or type the date (for example 12/11/2026).",
    ),
    "when.today": ("Hari ini", "Today"),
    "when.yesterday": ("Kemarin", "Yesterday"),
    "when.unsure": ("Lebih lama / tidak ingat", "Earlier / not sure"),
    "where": ("Di mana kejadiannya?", "Where did it happen?"),
    "where.office": ("Kantor Imigrasi Tarakan", "Tarakan Immigration Office"),
    "where.seaport": ("Pelabuhan Malundung", "Malundung seaport"),
    "where.airport": ("Bandara Juwata", "Juwata airport"),
    "where.other": ("Tempat lain", "Somewhere else"),
    "where_other": ("Tuliskan tempatnya.", "Please type the place."),
    "who": (
        "Siapa atau unit mana yang Anda adukan? Tulis nama, ciri-ciri, atau loket bila tahu. "
        "Boleh dilewati.",
        "Who or which unit is the complaint about? A name, a description or a counter number "
        "if you know. You may skip this.",
    ),
    "skip": ("Lewati", "Skip"),
    "evidence": (
        "Ada bukti? Kirim foto atau dokumen (misalnya kuitansi, tangkapan layar). "
        "Jika tidak ada atau sudah semua, balas *lanjut*.",
        "Any evidence? Send photos or documents (receipts, screenshots). "
        "If none, or when done, reply *next*.",
    ),
    "evidence.received": (
        "📎 Bukti diterima ({count} berkas). Kirim lagi atau balas *lanjut*.",
        "📎 Evidence received ({count} file(s)). Send more or reply *next*.",
    ),
    "media.kept": (
        "📎 Lampiran diterima dan akan disertakan pada pengaduan Anda.",
        "📎 Attachment received; it will be included with your complaint.",
    ),
    "story.added": ("Kami tambahkan ke cerita Anda.", "Added to your story."),
    "identity": (
        "Bagaimana identitas Anda dicatat? Tanpa nama pun kami tetap memberi kabar lewat "
        "percakapan ini.",
        "How should we record your identity? Even without a name we keep you updated in "
        "this chat.",
    ),
    "identity.profile": ("Pakai nama \"{name}\"", "Use the name \"{name}\""),
    "identity.name": ("Tulis nama saya", "Type my name"),
    "identity.anonymous": ("Tanpa nama (anonim)", "Anonymous"),
    "name": ("Tuliskan nama Anda.", "Please type your name."),
    "name.invalid": ("Nama tidak valid. Tulis nama Anda (2–100 huruf).",
                     "That name doesn't look right. Type your name (2–100 characters)."),
    "confidential": (
        "Pengaduan tentang petugas atau pungutan liar: apakah identitas Anda ingin "
        "dirahasiakan? Jika ya, hanya Kasi Tikkim dan Kepala Kantor yang dapat melihatnya.",
        "Complaints about officers or illegal fees: do you want your identity kept "
        "confidential? If so, only the head of section and the head of office can see it.",
    ),
    "confidential.yes": ("Ya, rahasiakan", "Yes, keep it confidential"),
    "confidential.no": ("Tidak, nama saya boleh diketahui petugas",
                        "No, officers may know my name"),
    "summary": (
        "Mohon periksa ringkasan pengaduan Anda:\n\n{summary}\n\n"
        "Dengan mengirim, Anda setuju data ini diproses sesuai pemberitahuan privasi.",
        "Please check your complaint:\n\n{summary}\n\n"
        "By sending it you agree to this data being processed as the privacy notice says.",
    ),
    "summary.type": ("Jenis", "Type"),
    "summary.story": ("Cerita", "Story"),
    "summary.when": ("Waktu", "When"),
    "summary.where": ("Tempat", "Where"),
    "summary.who": ("Pihak diadukan", "About"),
    "summary.evidence": ("Bukti", "Evidence"),
    "summary.identity": ("Identitas", "Identity"),
    "summary.files": ("{count} berkas", "{count} file(s)"),
    "summary.none": ("-", "-"),
    "summary.anonymous": ("Anonim", "Anonymous"),
    "summary.confidential": (" (dirahasiakan)", " (confidential)"),
    "confirm.send": ("Kirim pengaduan", "Send the complaint"),
    "confirm.edit": ("Ubah", "Change something"),
    "confirm.cancel": ("Batal", "Cancel"),
    "edit": ("Bagian mana yang ingin diubah?", "What would you like to change?"),
    "filed": (
        "✅ Pengaduan Anda tercatat.\nNomor tiket: *{ticket}*\nPIN: *{pin}*\n"
        "Simpan keduanya: PIN diperlukan bila Anda mengecek status dari nomor atau akun lain.\n\n"
        "Selanjutnya: {next}\n{when}\n\n"
        "Cek status kapan saja: balas *status {ticket}*.",
        "✅ Your complaint is recorded.\nTicket number: *{ticket}*\nPIN: *{pin}*\n"
        "Keep both: the PIN is needed to check the status from another number or account.\n\n"
        "Next: {next}\n{when}\n\n"
        "Check the status anytime: reply *status {ticket}*.",
    ),
    "filed.open": (
        "Petugas akan melaporkannya kepada Kepala Seksi dalam 10 menit.",
        "An officer will report it to the head of section within 10 minutes.",
    ),
    "filed.closed": (
        "Kantor sedang tutup; pengaduan Anda diproses mulai {opening} WITA.",
        "The office is closed now; your complaint will be handled from {opening} (WITA).",
    ),
    "cancelled": ("Dibatalkan. Tidak ada yang dikirim.", "Cancelled. Nothing was sent."),
    "help": (
        "Bantuan:\n• *menu*: kembali ke menu\n• *batal*: batalkan pengaduan yang sedang diisi\n"
        "• *status NOMOR-TIKET*: cek status (tambahkan PIN bila dari nomor lain)\n"
        "• *bantuan*: pesan ini\nBalas pilihan dengan angkanya atau kata-katanya.",
        "Help:\n• *menu*: back to the menu\n• *cancel*: cancel the complaint in progress\n"
        "• *status TICKET*: check a status (add the PIN when asking from another number)\n"
        "• *help*: this message\nAnswer a choice with its number or its words.",
    ),
    "not_understood": (
        "Maaf, saya belum mengerti. Balas dengan angka pilihan (1–{n}) atau kata-katanya.",
        "Sorry, I didn't get that. Reply with the number of a choice (1–{n}) or its words.",
    ),
    "text_needed": (
        "Maaf, pesan seperti itu belum bisa saya baca. Mohon balas dengan teks.",
        "Sorry, I can't read that kind of message. Please reply with text.",
    ),
    "status_ask": (
        "Kirim nomor tiket Anda (contoh: {example}).",
        "Send your ticket number (for example: {example}).",
    ),
    "status_yours": ("Pengaduan Anda:", "Your complaints:"),
    "status_pin": (
        "Untuk keamanan, kirim PIN 6 angka yang Anda terima saat mengadu.",
        "For your security, send the 6-digit PIN you received when you filed the complaint.",
    ),
    "status_not_found": (
        "Nomor tiket atau PIN tidak cocok dengan pengaduan yang bisa kami tunjukkan. "
        "Sisa percobaan: {left}.",
        "That ticket number or PIN does not match a complaint we can show you. "
        "Tries left: {left}.",
    ),
    "status_lost_pin": (
        "Lupa PIN? Pilih *Bicara dengan petugas* di menu. Petugas akan memastikan identitas "
        "Anda, lalu PIN baru dikirim ke nomor atau akun yang Anda pakai saat mengadu.",
        "Lost your PIN? Choose *Talk to an officer* in the menu. An officer will check who you "
        "are, and a new PIN is sent to the number or account you filed the complaint from.",
    ),
    "status_bad_ticket": (
        "Itu bukan nomor tiket yang valid. Contoh: {example}.",
        "That is not a valid ticket number. Example: {example}.",
    ),
    "status_locked": (
        "Terlalu banyak percobaan yang gagal. Silakan coba lagi setelah {until} WITA.",
        "Too many failed attempts. Please try again after {until} (WITA).",
    ),
    "status": (
        "📋 Tiket *{ticket}* ({type})\nStatus: {stage}\nPembaruan terakhir: {updated}\n"
        "Langkah berikutnya: {next}",
        "📋 Ticket *{ticket}* ({type})\nStatus: {stage}\nLast update: {updated}\n"
        "Next step: {next}",
    ),
    "resume": (
        "Anda punya pengaduan yang belum selesai: \"{preview}\". Lanjutkan?",
        "You have an unfinished complaint: \"{preview}\". Continue it?",
    ),
    "resume.continue": ("Lanjutkan", "Continue"),
    "resume.restart": ("Mulai baru", "Start over"),
    "unavailable": (
        "Maaf, layanan sedang gangguan dan pesan Anda belum tersimpan. Mohon kirim ulang "
        "dalam beberapa menit.",
        "Sorry, the service is having trouble and your message was not saved. Please send it "
        "again in a few minutes.",
    ),
    "busy": (
        "Maaf, layanan sedang sangat sibuk dan pesan Anda belum tersimpan. Mohon kirim ulang "
        "sebentar lagi.",
        "Sorry, the service is very busy right now and your message was not saved. Please send "
        "it again in a moment.",
    ),
    "error": (
        "Maaf, terjadi gangguan. Pesan Anda sudah tersimpan; silakan coba lagi sebentar lagi.",
        "Sorry, something went wrong. Your message is saved; please try again shortly.",
    ),
    "rate.ask": (
        "🙏 Mohon nilai penanganan pengaduan *{ticket}*: balas dengan angka 1 (sangat buruk) "
        "sampai 5 (sangat baik), atau *lewati*.",
        "🙏 Please rate how complaint *{ticket}* was handled: reply with a number from 1 (very "
        "poor) to 5 (very good), or *skip*.",
    ),
    "rate.later": (
        "🙏 Pengaduan *{ticket}* sudah selesai ditangani. Bila berkenan, nilai penanganannya "
        "kapan saja dengan membalas: *nilai {ticket} 5* (angka 1 sampai 5, boleh ditambah "
        "komentar).",
        "🙏 Complaint *{ticket}* has been handled. Whenever you like, rate the handling by "
        "replying: *rate {ticket} 5* (a number from 1 to 5, a comment may follow).",
    ),
    "rate.range": (
        "Nilai harus satu angka dari 1 sampai 5 (misalnya *4*). Balas *lewati* bila tidak "
        "ingin menilai, atau *menu* untuk keperluan lain.",
        "The rating must be one number from 1 to 5 (for example *4*). Reply *skip* if you "
        "would rather not rate, or *menu* for anything else.",
    ),
    "rate.comment": (
        "Terima kasih atas nilai {rating} dari 5 untuk *{ticket}*. Ada komentar atau saran? "
        "Tulis di sini, atau balas *lewati*.",
        "Thank you for rating *{ticket}* {rating} out of 5. Any comment or suggestion? Write it "
        "here, or reply *skip*.",
    ),
    "rate.thanks": ("Terima kasih, penilaian Anda sudah kami catat. 🙏",
                    "Thank you, your rating has been recorded. 🙏"),
    "rate.skipped": ("Baik, terima kasih. 🙏", "All right, thank you. 🙏"),
    "rate.already": ("Pengaduan *{ticket}* sudah Anda nilai. Terima kasih. 🙏",
                     "You have already rated complaint *{ticket}*. Thank you. 🙏"),
    "rate.not_open": (
        "Penilaian hanya untuk pengaduan Anda sendiri yang sudah selesai ditangani.",
        "Ratings are only for your own complaints once they have been handled.",
    ),
    "rate.skip": ("Lewati", "Skip"),
}


def t(lang: str, key: str, **values: Any) -> str:
    """The conversation text `key` in `lang` ("id" or "en")."""
    return localise(TEXTS, lang, key, **values)
