"""Everything the bot says to a complainant, in Bahasa Indonesia and English."""
from __future__ import annotations

from typing import Any

from bot.conversation.texts_consent import CONSENT_TEXTS
from bot.conversation.texts_followup import FOLLOW_UP_TEXTS
from bot.conversation.texts_intake import INTAKE_TEXTS
from bot.conversation.texts_misplaced import MISPLACED_TEXTS
from bot.conversation.texts_status import STATUS_TEXTS
from bot.i18n import localise

TEXTS: dict[str, tuple[str, str]] = {
    "greeting": (
        "Selamat datang di layanan pengaduan {office} 🙏\n"
        "Saya asisten digital yang mencatat pengaduan dan meneruskannya ke petugas. "
        "English? Just write in English.\n"
        "🔒 Data Anda dilindungi (UU 27/2022); balas *privasi* untuk rinciannya.",
        "Welcome to the complaint service of {office} 🙏\n"
        "I am a digital assistant: I record your complaint and pass it to the officers. "
        "Bahasa Indonesia? Tulis saja dalam Bahasa Indonesia.\n"
        "🔒 Your data is protected (Law 27/2022); reply *privacy* for details.",
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
    "privacy.request": (
        "Ingin melihat, menyalin, memperbaiki, atau menghapus data Anda? Balas *petugas* lalu "
        "tulis permintaan Anda; petugas yang berwenang akan menindaklanjutinya.",
        "Want to see, copy, correct or delete your data? Reply *officer* and write your "
        "request; the officer in charge will follow it up.",
    ),
    "menu": ("Apa yang bisa kami bantu?", "How can we help?"),
    "menu.file": ("Sampaikan pengaduan", "File a complaint"),
    "menu.status": ("Cek status pengaduan", "Check a complaint's status"),
    "menu.info": ("Informasi layanan", "Service information"),
    "menu.officer": ("Bicara dengan petugas", "Talk to an officer"),
    "menu.resume": ("Lanjutkan pengaduan tadi", "Continue my unfinished complaint"),
    "menu.restore": ("Pulihkan pengaduan sebelumnya", "Restore the earlier complaint"),
    "menu.kept": ("📝 Pengaduan Anda yang belum selesai masih tersimpan.",
                  "📝 Your unfinished complaint is kept."),
    "thanks.draft": (
        "Sama-sama. 🙏 Pengaduan yang sedang Anda isi belum terkirim; jawaban Anda tetap "
        "tersimpan. Balas *lanjut* untuk meneruskannya, atau *menu*.",
        "You're welcome. 🙏 The complaint you are writing has not been sent yet; your answers "
        "are kept. Reply *next* to go on with it, or *menu*.",
    ),
    "officer.draft_kept": (
        "📝 Pengaduan Anda belum terkirim; isinya tetap tersimpan. Balas *lanjut* kapan saja "
        "untuk melanjutkannya.",
        "📝 Your complaint has not been sent yet; what you wrote is kept. Reply *continue* any "
        "time to go on with it."),
    "thanks.unsent": (
        "Sama-sama. 🙏 Pengaduan Anda belum terkirim: jawaban Anda tetap tersimpan. Kita "
        "lanjutkan.",
        "You're welcome. 🙏 Your complaint has not been sent yet: your answers are kept. Let's "
        "carry on."),
    "thanks": ("Sama-sama. 🙏 Balas *menu* bila ada yang bisa kami bantu.",
               "You're welcome. 🙏 Reply *menu* if there is anything else."),
    # thanks as the very first message: one line, the menu follows
    "thanks.first": ("Sama-sama. 🙏", "You're welcome. 🙏"),
    # coming to the office, asked after filing (`routing.visit_answer`)
    "follow_up.visit": (
        "Chat ini tidak bisa membuat janji kedatangan. Bila Anda perlu datang ke kantor untuk "
        "pengaduan *{ticket}*, petugas akan memberi tahu Anda di percakapan ini. Jam layanan "
        "kantor: {hours}.",
        "This chat cannot book a visit. If you need to come to the office about complaint "
        "*{ticket}*, the officers will tell you in this chat. Office service hours: {hours}."),
    "info.ask": ("Informasi apa yang Anda perlukan? Pilih, atau tulis pertanyaan Anda.",
                 "What would you like to know? Choose, or type your question."),
    "info.more": ("Ada pertanyaan lain? Tulis saja, atau balas *petugas* untuk bicara dengan "
                  "petugas.",
                  "Anything else? Just ask, or reply *officer* to talk to an officer."),
    # A question about another agency's service ("dimana bikin ktp?"): that agency, and what
    # can be asked here instead.
    "info.elsewhere": ("Itu bukan layanan {office}. 🙏 Silakan ke:\n{places}\n\n"
                       "Di sini Anda bisa bertanya soal paspor, visa dan izin tinggal WNA, atau "
                       "Pas Lintas Batas (PLB).",
                       "That is not a service of the {office}. 🙏 Please go to:\n{places}\n\n"
                       "Here you can ask about passports, visas and stay permits for foreigners, "
                       "or the border crossing pass (PLB)."),
    "info.file_it": ("Bila ini keluhan, balas *1* untuk menyampaikannya sebagai pengaduan; "
                     "pesan Anda tadi kami pakai sebagai ceritanya.",
                     "If this is a complaint, reply *1* to file it; your message will be its "
                     "story."),
    "info.unknown": ("Maaf, pertanyaan itu belum bisa saya jawab di sini. Balas *petugas* untuk "
                     "bertanya ke petugas, atau *pengaduan* untuk menyampaikan pengaduan.",
                     "Sorry, I can't answer that here. Reply *officer* to ask an officer, or "
                     "*complaint* to file a complaint."),
    "info.closed": ("{days}, hari libur nasional, dan cuti bersama: tutup.",
                    "Closed on {days}, public holidays and collective leave days."),
    "info.closed_none": ("Hari libur nasional dan cuti bersama: tutup.",
                         "Closed on public holidays and collective leave days."),
    "info.holidays": ("Libur terdekat: {days}.", "Coming closing days: {days}."),
    "info.open_now": ("Saat ini kantor buka.", "The office is open now."),
    "info.closed_now": ("Saat ini kantor tutup; buka lagi {opening} WITA.",
                        "The office is closed now; it opens again {opening} (WITA)."),
    "slow_down": (
        "Pesan Anda datang lebih cepat dari yang bisa kami tanggapi. Semua pesan tetap kami "
        "simpan; mohon tunggu beberapa detik, lalu kirim lagi jawaban yang belum kami tanggapi.",
        "Your messages are arriving faster than we can answer them. Every message is kept; "
        "please wait a few seconds, then send again any answer we have not replied to.",
    ),
    "officer_requested": (
        "🙋 Permintaan Anda sudah kami teruskan ke petugas (kode *{code}*).\n{when}\n"
        "Tulis pesan Anda di sini: semuanya kami teruskan ke petugas (pesan beruntun kami "
        "gabungkan). Balas *selesai* bila sudah, atau *menu* untuk keperluan lain.",
        "🙋 Your request has been passed on to the officers (reference *{code}*).\n{when}\n"
        "Write your message here: we pass everything on (messages in a row go together). "
        "Reply *done* when you have finished, or *menu* for anything else.",
    ),
    "officer_requested.already": (
        "Permintaan Anda (*{code}*) sudah ada pada petugas.\n{when}\nTulis pesan Anda di sini; "
        "semuanya kami teruskan. Balas *selesai* bila sudah, atau *menu* untuk keperluan lain.",
        "Your request (*{code}*) is already with the officers.\n{when}\nWrite your message "
        "here; we pass everything on. Reply *done* when you have finished, or *menu* for "
        "anything else.",
    ),
    "officer.when_open": (
        "Petugas membalas di percakapan ini pada jam layanan ({hours}).",
        "An officer will reply in this chat during service hours ({hours}).",
    ),
    "officer.when_closed": (
        "Kantor sedang tutup; petugas membalas di sini mulai {opening} WITA. Jam layanan: "
        "{hours}.",
        "The office is closed now; an officer will reply here from {opening} WITA. Service "
        "hours: {hours}.",
    ),
    "officer.relayed": (
        "✅ Diteruskan ke petugas (*{code}*). Balas *selesai* bila sudah.",
        "✅ Passed on to the officers (*{code}*). Reply *done* when you have finished.",
    ),
    "officer.reminder": (
        "Pesan Anda kami teruskan ke petugas (*{code}*). Balas *selesai* bila sudah, atau "
        "*menu* untuk keperluan lain.",
        "Your messages go to the officers (*{code}*). Reply *done* when you have finished, or "
        "*menu* for anything else.",
    ),
    "officer.ended": (
        "Baik, percakapan dengan petugas (*{code}*) kami akhiri. Terima kasih. 🙏 Balas *menu* "
        "bila ada keperluan lain.",
        "All right, your conversation with the officers (*{code}*) is closed. Thank you. 🙏 "
        "Reply *menu* for anything else.",
    ),
    "officer.left": (
        "Pesan Anda berikutnya tidak lagi diteruskan ke petugas. Permintaan *{code}* tetap "
        "tercatat: balasan petugas akan masuk ke sini.",
        "Your next messages are no longer passed on to the officers. Request *{code}* stays "
        "with them: their reply will come here.",
    ),
    "officer.closed": (
        "Percakapan dengan petugas (*{code}*) sudah ditutup, jadi pesan ini tidak kami "
        "teruskan.",
        "The conversation with the officers (*{code}*) has been closed, so this message was not "
        "passed on.",
    ),
    "scope": (
        "Sepertinya ini bukan wewenang Kantor Imigrasi. 🙏 Agar cepat ditangani, silakan "
        "sampaikan ke:\n{places}\n\nTetap ingin mengirimnya ke kami?",
        "This does not seem to be a matter for the Immigration Office. 🙏 To have it dealt with "
        "quickly, please take it to:\n{places}\n\nDo you still want to send it to us?",
    ),
    "scope.office": (
        "{area} termasuk wilayah kerja {other}, bukan {office}. 🙏 Bila kejadiannya di sana, "
        "pengaduan paling cepat ditangani oleh:\n{places}\n\nApakah ini tentang kantor kami? "
        "Anda tetap boleh mengirimnya ke kami.",
        "{area} are served by {other}, not by the {office}. 🙏 If it happened there, a "
        "complaint is handled fastest by:\n{places}\n\nIs this about our office? You may "
        "still send it to us.",
    ),
    "scope.office_file": ("Ya, kirim ke kami", "Yes, send it to us"),
    "scope.office_contact": ("langsung di kantornya, atau lewat kanal pengaduan resminya",
                             "at the office itself, or through its official complaint channels"),
    "scope.file": ("Tetap kirim ke Imigrasi", "Send it to Immigration anyway"),
    "scope.leave": ("Tidak, terima kasih", "No, thank you"),
    "scope.left": ("Baik, tidak kami kirim. Semoga cepat beres. 🙏 Balas *menu* bila perlu "
                   "bantuan lain.",
                   "All right, nothing was sent. We hope it is sorted out soon. 🙏 Reply *menu* "
                   "for anything else."),
    # declined by someone with a complaint on file: "not sent" must never read as that one
    "scope.left.filed": ("Baik, pesan ini tidak kami teruskan. Pengaduan Anda *{ticket}* tetap "
                         "diproses seperti biasa. 🙏 Balas *menu* bila perlu bantuan lain.",
                         "All right, this message was not passed on. Your complaint *{ticket}* "
                         "is still being handled as usual. 🙏 Reply *menu* for anything else."),
    "scope.where": ("Silakan sampaikan ke:\n{places}", "Please take it to:\n{places}"),
    "scope.again": ("Tetap ingin mengirimnya ke kami?", "Do you still want to send it to us?"),
    "confirm.later": (
        "Baik, belum dikirim: pengaduan Anda tetap tersimpan di sini. Bila sudah siap, balas "
        "*1* untuk mengirimnya.",
        "All right, not sent: your complaint stays saved here. When you are ready, reply *1* "
        "to send it.",
    ),
    "cancel.ask": ("Batalkan pengaduan ini? Cerita dan jawaban Anda belum terkirim dan akan "
                   "dihapus.",
                   "Cancel this complaint? Your story and answers have not been sent and will "
                   "be deleted."),
    "cancel.yes": ("Ya, batalkan", "Yes, cancel it"),
    "cancel.no": ("Tidak, lanjutkan", "No, carry on"),
    "cancel.kept": ("Baik, tidak dibatalkan: pengaduan Anda tetap tersimpan, tidak ada yang "
                    "hilang.",
                    "All right, not cancelled: your complaint is kept, nothing was lost."),
    "cancel.kept_story": (
        "Baik, tidak dibatalkan: cerita Anda tetap tersimpan, tidak ada yang hilang. Sudah "
        "semua? Balas *lanjut*, atau tambahkan cerita.",
        "All right, not cancelled: your story is kept, nothing was lost. Is that all? Reply "
        "*next*, or add to your story."),
    "cancel.kept_added": (
        "Baik, tidak dibatalkan: pesan Anda ditambahkan ke cerita pengaduan, tidak ada yang "
        "hilang.",
        "All right, not cancelled: your message is added to your complaint's story, nothing "
        "was lost."),
    "cancel.another": (
        "Baik, pengaduan tadi dibatalkan (balas *pulihkan* bila ingin mengambilnya kembali). "
        "Cerita baru Anda dicatat. Sudah semua? Balas *lanjut*, atau tambahkan cerita.",
        "All right, the earlier complaint is cancelled (reply *restore* to take it back). Your "
        "new story is noted. Is that all? Reply *next*, or add to your story."),
    "cancel.kept_added_story": (
        "Baik, tidak dibatalkan: pesan Anda ditambahkan ke cerita, tidak ada yang hilang. "
        "Sudah semua? Balas *lanjut*, atau tambahkan cerita.",
        "All right, not cancelled: your message is added to your story, nothing was lost. Is "
        "that all? Reply *next*, or add to your story."),
    "cancelled": ("Dibatalkan; tidak ada yang dikirim. Berubah pikiran? Balas *pulihkan*. "
                  "Untuk keperluan lain, balas *menu*.",
                  "Cancelled; nothing was sent. Changed your mind? Reply *restore*. For "
                  "anything else, reply *menu*."),
    "cancelled_empty": ("Dibatalkan. Tidak ada yang dikirim.", "Cancelled. Nothing was sent."),
    "restored": ("Pengaduan Anda dipulihkan. Kita lanjutkan.",
                 "Your complaint is back. Let's carry on."),
    "help": (
        "Bantuan:\n• *menu*: pilihan utama (pengaduan yang belum selesai tetap tersimpan)\n"
        "• *kembali*: ke pertanyaan sebelumnya\n• *batal*: batalkan pengaduan yang sedang "
        "diisi\n• *status*: cek status pengaduan\n• *privasi*: pemberitahuan privasi\n"
        "Balas pilihan dengan angkanya atau kata-katanya.",
        "Help:\n• *menu*: the main options (an unfinished complaint is kept)\n• *back*: the "
        "previous question\n• *cancel*: cancel the complaint in progress\n• *status*: check a "
        "complaint\n• *privacy*: the privacy notice\nAnswer a choice with its number or its "
        "words.",
    ),
    "not_understood": ("Maaf, saya belum mengerti.", "Sorry, I didn't get that."),
    "choose_one": ("Pilih salah satu dulu: balas dengan angkanya.",
                   "Please choose one first: reply with its number."),
    "choose_one.tap": ("Pilih salah satu dulu: ketuk pilihannya, atau balas dengan angkanya.",
                       "Please choose one first: tap it, or reply with its number."),
    "reply_with": ("Balas: {options}", "Reply: {options}"),
    "reply_with_number": ("Balas dengan angka 1–{n} dari daftar di atas, atau tulis pilihannya.",
                          "Reply with a number from 1 to {n} from the list above, or type the "
                          "choice."),
    "text_needed": (
        "Maaf, pesan seperti itu belum bisa saya baca. Mohon balas dengan teks.",
        "Sorry, I can't read that kind of message. Please reply with text.",
    ),
    # Twilio's START on SMS (`commands.opted`), said as one message
    "optout.resumed": ("Anda kembali menerima SMS dari kami, termasuk kabar pengaduan Anda.",
                       "You will receive our text messages again, including news of your "
                       "complaint."),
    "optout.draft": ("Pengaduan yang belum selesai Anda tulis masih tersimpan: balas *lanjut* "
                     "untuk meneruskannya.",
                     "The complaint you had not finished is kept: reply *next* to go on "
                     "with it."),
    "optout.cancel_word": ("Untuk membatalkan pengaduan, balas *batal*, bukan STOP (STOP "
                           "menghentikan semua SMS dari kami).",
                           "To cancel a complaint, reply *cancel*, not STOP (STOP stops all "
                           "our text messages)."),
    # "stop kirim sms", "unsubscribe" after filing (`commands.no_more`)
    "optout.asked": ("Kabar pengaduan *{ticket}* tetap kami kirim ke sini sampai selesai "
                     "ditangani, karena petugas mungkin perlu jawaban Anda.",
                     "We keep sending news of complaint *{ticket}* here until it is handled, "
                     "as the officers may need your answer."),
    "optout.how.sms": ("Bila tidak ingin menerima SMS lagi, balas STOP (untuk menerima lagi: "
                       "START); kabar terakhir tetap dapat dilihat dengan cek status.",
                       "If you want no more text messages, reply STOP (to receive them again: "
                       "START); the latest news can still be seen by checking the status."),
    "optout.how.whatsapp": ("Bila tidak ingin menerimanya lagi, blokir nomor ini di WhatsApp; "
                            "kabar terakhir tetap dapat dilihat dengan cek status (nomor tiket "
                            "dan PIN).",
                            "If you want no more of them, block this number on WhatsApp; the "
                            "latest news can still be seen by checking the status (ticket "
                            "number and PIN)."),
    "optout.how.telegram": ("Bila tidak ingin menerimanya lagi, hentikan (blokir) bot ini di "
                            "Telegram; kabar terakhir tetap dapat dilihat dengan cek status "
                            "(nomor tiket dan PIN).",
                            "If you want no more of them, stop (block) this bot on Telegram; "
                            "the latest news can still be seen by checking the status (ticket "
                            "number and PIN)."),
    "edited.story": (
        "✏️ Perubahan pesan Anda kami catat sebagai ralat pada cerita.",
        "✏️ Your edit is added to your story as a correction.",
    ),
    "edited.not_read": (
        "✏️ Pesan yang diubah tidak kami baca ulang. Bila ada yang perlu diperbaiki, kirim "
        "sebagai pesan baru.",
        "✏️ We do not read edited messages again. If something needs correcting, send it as a "
        "new message.",
    ),
    # neutral about where it goes: right after filing, "is this about TRK-…?" follows it
    "media.kept": (
        "📎 Lampiran diterima dan akan disertakan pada pengaduan Anda.",
        "📎 Attachment received; it will be included with your complaint.",
    ),
    # A file sent right after filing, while "is this about TRK-…?" waits: kept, with no promise
    # of which complaint it joins before the person answers (walker W43).
    "media.received": (
        "📎 Lampiran diterima.",
        "📎 Attachment received.",
    ),
    "complaint.free": (
        "Menyampaikan pengaduan di sini gratis, tidak dipungut biaya apa pun. Bila ada yang "
        "meminta bayaran untuk itu, sampaikan juga kepada kami.",
        "Filing a complaint here is free: there is no charge of any kind. If anyone asks you "
        "to pay for it, tell us that too.",
    ),
    "location.kept": (
        "📍 Lokasi diterima dan dicatat bersama cerita pengaduan Anda.",
        "📍 Location received; it is kept with your complaint's story.",
    ),
    "media.noted": (
        "Baik, lampiran Anda sudah tersimpan dan akan disertakan pada pengaduan ini.",
        "Noted: your attachment is kept and will be included with this complaint.",
    ),
    "status_ask": (
        "Kirim nomor tiket Anda (contoh: {example}).",
        "Send your ticket number (for example: {example}).",
    ),
    "status_pick": (
        "Pengaduan Anda yang mana? Balas angkanya, atau kirim nomor tiket lain.",
        "Which of your complaints? Reply with its number, or send another ticket number.",
    ),
    "status_pick.tap": (
        "Pengaduan Anda yang mana? Ketuk salah satu, atau kirim nomor tiket lain.",
        "Which of your complaints? Tap one, or send another ticket number.",
    ),
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
    "status_try_again": (
        "Kirim PIN-nya lagi (atau nomor tiket yang benar), atau balas *menu*.",
        "Send the PIN again (or the right ticket number), or reply *menu*.",
    ),
    "resent.pin": (
        "Pesan di atas kami kirim ulang. Demi keamanan, PIN tidak kami simpan sehingga tidak "
        "bisa ditampilkan lagi. Dari percakapan ini, cek status cukup dengan nomor tiket. Perlu "
        "PIN untuk cek dari nomor, akun, atau perangkat lain? Pilih *Bicara dengan petugas* di "
        "menu; PIN baru dikirim ke percakapan ini (di chat web: selama sesi di perangkat ini "
        "belum diakhiri).",
        "We are sending the message above again. For your security we do not keep your PIN, so "
        "it cannot be shown again. In this chat, the ticket number is enough to check the "
        "status. Need a PIN to check from another number, account or device? Choose *Talk to "
        "an officer* in the menu; a new PIN is sent to this chat (on the web chat: as long as "
        "the session on this device has not been ended).",
    ),
    "status_lost_pin": (
        "Lupa PIN? Pilih *Bicara dengan petugas* di menu. Petugas akan memastikan identitas "
        "Anda, lalu PIN baru dikirim ke percakapan tempat Anda mengadu (nomor atau akun itu; "
        "di chat web: browser itu, selama sesinya belum diakhiri).",
        "Lost your PIN? Choose *Talk to an officer* in the menu. An officer will check who you "
        "are, and a new PIN is sent to the chat you filed the complaint from (that number or "
        "account; on the web chat: that browser, as long as its session has not been ended).",
    ),
    "status_bad_ticket": (
        "Itu bukan nomor tiket yang valid (contoh: {example}). Kirim nomor tiketnya, atau balas "
        "*menu* untuk keperluan lain.",
        "That is not a valid ticket number (example: {example}). Send the ticket number, or "
        "reply *menu* for anything else.",
    ),
    "status_ask_none": (
        "Belum ada pengaduan dari {channel} ini. Kirim nomor tiket Anda (contoh: {example}), "
        "atau balas *menu*. Lupa nomor tiketnya? Kirim *status* dari {channel} yang dipakai "
        "saat mengadu, atau balas *petugas*.",
        "No complaint has been filed from this {channel} yet. Send your ticket number (for "
        "example: {example}), or reply *menu*. Forgot the ticket number? Send *status* from the "
        "{channel} you complained from, or reply *officer*.",
    ),
    "status_unsent": (
        "📝 Pengaduan yang sedang Anda isi belum terkirim, jadi belum punya nomor tiket. "
        "Jawaban Anda tetap tersimpan.",
        "📝 The complaint you are writing has not been sent yet, so it has no ticket number. "
        "Your answers are kept.",
    ),
    # what the complaint being written still needs to be sent (`status.unsent_missing`)
    "status_unsent.questions": (
        "Untuk mengirimnya: jawab pertanyaan di bawah dan beberapa sesudahnya, lalu pilih "
        "*{send}* di ringkasan.",
        "To send it: answer the question below and the few after it, then choose *{send}* at "
        "the summary.",
    ),
    "status_unsent.confirm": (
        "Untuk mengirimnya: pilih *{send}* di bawah.",
        "To send it: choose *{send}* below.",
    ),
    "status_unsent.protect": (
        "Untuk mengirimnya: jawab pertanyaan di bawah (bila ringkasannya muncul lagi, pilih "
        "*{send}*).",
        "To send it: answer the question below (if the summary comes again, choose *{send}*).",
    ),
    "status_unsent.edit": (
        "Untuk mengirimnya: pilih yang ingin diubah (atau kembali ke ringkasan), lalu pilih "
        "*{send}*.",
        "To send it: choose what to change (or go back to the summary), then choose *{send}*.",
    ),
    "status_unsent.filed_one": (
        "Pengaduan Anda yang sudah terkirim sebelumnya:",
        "Your complaint sent before:",
    ),
    "status_unsent.filed": (
        "Pengaduan Anda yang sudah terkirim sebelumnya:",
        "Your complaints sent before:",
    ),
    "status_unsent_kept": (
        "📝 Pengaduan yang sedang Anda isi belum terkirim; jawaban Anda tetap tersimpan. Balas "
        "*lanjut* untuk meneruskannya.",
        "📝 The complaint you are writing has not been sent yet; your answers are kept. Reply "
        "*next* to go on with it.",
    ),
    "status_forgot": (
        "Lupa nomor tiket? Kirim *status* dari nomor atau akun yang dipakai saat mengadu: di "
        "sana tidak perlu nomor tiket maupun PIN.",
        "Forgot the ticket number? Send *status* from the number or account you complained "
        "from: no ticket number or PIN is needed there.",
    ),
    "status_back_to_draft": (
        "Baik, kita lanjutkan pengaduan yang belum terkirim tadi.",
        "All right, let us go on with the complaint you have not sent yet.",
    ),
    "status_back_added": (
        "Ditambahkan ke cerita pengaduan Anda (belum terkirim). Kita lanjutkan:",
        "Added to the story of your complaint (not sent yet). Let us go on:",
    ),
    "status_ask_unsent": (
        "Balas *lanjut* untuk meneruskannya. Pernah mengadu dari {channel} lain? Kirim nomor "
        "tiketnya (contoh: {example}).",
        "Reply *continue* to go on with it. Filed a complaint from another {channel}? Send its "
        "ticket number (for example: {example}).",
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
    "status.withdraw": (
        "Pengaduan yang sudah terkirim tidak dapat dibatalkan di sini. Ingin menariknya atau "
        "menambahkan keterangan? Balas *petugas*: petugas yang akan menanganinya.",
        "A complaint already sent cannot be cancelled here. To withdraw it or add something, "
        "reply *officer*: an officer will take care of it."),
    "status.due": ("Hasil paling lambat: {by}, sesuai standar waktu layanan.",
                   "Outcome due by: {by}, under our service time standards."),
    "status.latest": ("Pesan terakhir dari petugas ({at}):\n{text}",
                      "The officers' latest message ({at}):\n{text}"),
    "status.overdue": (
        "Hasilnya seharusnya sudah ada pada {by}. Maaf atas keterlambatannya; pimpinan kantor "
        "sudah mengetahuinya.",
        "The outcome was due by {by}. We are sorry for the delay; the office's management "
        "knows of it."),
    "resume": (
        "Anda punya pengaduan yang belum selesai: \"{preview}\". Lanjutkan?",
        "You have an unfinished complaint: \"{preview}\". Continue it?",
    ),
    "resume.new": (
        "Anda punya pengaduan yang belum selesai: \"{preview}\". Pesan Anda barusan kami "
        "simpan: *Mulai baru* menjadikannya pengaduan baru (yang tadi tetap tersimpan), "
        "*Lanjutkan* menambahkannya ke pengaduan tadi.",
        "You have an unfinished complaint: \"{preview}\". Your new message is kept: *Start "
        "over* makes it a new complaint (the earlier one stays kept), *Continue* adds it to "
        "the earlier one.",
    ),
    "resume.kept": ("Pesan ini juga kami simpan.", "This message is kept too."),
    "resume.added": ("Pesan Anda tadi kami tambahkan ke cerita pengaduan ini.",
                     "Your message was added to the story of this complaint."),
    "resume.continue": ("Lanjutkan", "Continue"),
    "resume.restart": ("Mulai baru", "Start over"),
    "resume.set_aside": ("Pengaduan tadi kami simpan. Salah pilih? Balas *pulihkan*.",
                         "Your earlier complaint is kept. Chose this by mistake? Reply "
                         "*restore*."),
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
    "rate.thanks_comment": (
        "Terima kasih atas nilai {rating} dari 5 untuk *{ticket}* beserta komentar Anda; "
        "keduanya sudah kami catat. 🙏",
        "Thank you for rating *{ticket}* {rating} out of 5, and for your comment; both have "
        "been recorded. 🙏"),
    # An ordinary comment (`rating.comment_noted`): where it goes, truly (the register).
    "rate.thanks_register": (
        "Terima kasih, nilai {rating} dari 5 untuk *{ticket}* beserta komentar Anda sudah kami "
        "catat. 🙏 Komentar Anda masuk register pengaduan kantor, yang dibaca pimpinan kantor "
        "untuk mengevaluasi penanganan pengaduan.",
        "Thank you, your rating of {rating} out of 5 for *{ticket}* and your comment have been "
        "recorded. 🙏 Your comment goes into the office's complaint register, which the "
        "office's leadership reads to review how complaints are handled."),
    "rate.skipped": ("Baik, terima kasih. 🙏", "All right, thank you. 🙏"),
    "rate.already": ("Pengaduan *{ticket}* sudah Anda nilai. Terima kasih. 🙏",
                     "You have already rated complaint *{ticket}*. Thank you. 🙏"),
    "rate.not_open": (
        "Penilaian hanya untuk pengaduan Anda sendiri yang sudah selesai ditangani.",
        "Ratings are only for your own complaints once they have been handled.",
    ),
    "rate.skip": ("Lewati", "Skip"),
    **INTAKE_TEXTS,
    **FOLLOW_UP_TEXTS,
    **STATUS_TEXTS,
    **MISPLACED_TEXTS,
    **CONSENT_TEXTS,
}


def t(lang: str, key: str, **values: Any) -> str:
    """The conversation text `key` in `lang` ("id" or "en")."""
    return localise(TEXTS, lang, key, **values)
