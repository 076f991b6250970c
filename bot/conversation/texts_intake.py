"""What the bot says while a complaint is written, summarised and filed (id, en)."""
from __future__ import annotations

INTAKE_TEXTS: dict[str, tuple[str, str]] = {
    "describe.edit": (
        "Cerita Anda sekarang:\n“{story}”\n\nTulis tambahannya (akan ditambahkan ke cerita), lalu "
        "balas *lanjut*. Ingin menulis ulang semuanya? Balas *tulis ulang*.",
        "Your story so far:\n“{story}”\n\nType what to add (it is added to the story), then reply "
        "*next*. Want to write it all again? Reply *rewrite*.",
    ),
    "describe.rewrite": (
        "Baik, tulis ceritanya dari awal. Jika sudah, balas *lanjut*.",
        "All right, write the story from the start. When you are done, reply *next*.",
    ),
    "describe": (
        "Ceritakan apa yang terjadi, dengan kata-kata Anda sendiri. Boleh dalam beberapa "
        "pesan; jika sudah, balas *lanjut*.",
        "Tell us what happened, in your own words. Several messages are fine; when you are "
        "done, reply *next*.",
    ),
    "describe.noted": (
        "Dicatat sebagai awal pengaduan. Tambahkan cerita bila masih ada, atau balas *lanjut*.",
        "Noted as the start of a complaint. Add more if you like, or reply *next*.",
    ),
    # The first bubble added to a story begun at the menu ("describe.noted"): said once, so
    # the silence of the next ones (acknowledged after a pause) is not read as a broken bot.
    "describe.added": (
        "➕ Ditambahkan ke cerita. Tulis lagi bila masih ada; balas *lanjut* bila sudah.",
        "➕ Added to your story. Write more if there is any; reply *next* when you are done.",
    ),
    # The rating question answered in words ("lumayan lah"): no word scale, so the numbers'
    # meaning, kindly.
    "rate.words": (
        "Terima kasih atas tanggapan Anda. Agar tercatat, mohon pilih satu angka dari 1 sampai "
        "5: 1 sangat buruk, 2 buruk, 3 cukup, 4 baik, 5 sangat baik. Balas *lewati* bila tidak "
        "ingin menilai.",
        "Thank you for your answer. So that we can record it, please choose one number from 1 "
        "to 5: 1 very poor, 2 poor, 3 fair, 4 good, 5 very good. Reply *skip* if you would "
        "rather not rate.",
    ),
    # A top rating with a comment that says otherwise ("5", then "kurang puas krn lama").
    "rate.check": (
        "Terima kasih, komentar Anda sudah kami catat. Anda memberi nilai *{rating}* dari 5, "
        "tetapi komentar Anda menyebut hal yang kurang memuaskan. Nilai {rating} tetap "
        "dicatat? Balas *ya*, atau balas angka lain (1 sampai 5) untuk mengubahnya.",
        "Thank you, your comment has been recorded. You gave *{rating}* out of 5, but your "
        "comment mentions something you were not happy with. Should we keep {rating}? Reply "
        "*yes*, or reply another number (1 to 5) to change it.",
    ),
    # A number outside 1..5 given to that question ("7"): asked again, the comment untouched.
    "rate.check_range": (
        "Maaf, nilai hanya bisa satu angka dari 1 sampai 5. Nilai *{rating}* tetap dicatat? "
        "Balas *ya*, atau balas angka lain (1 sampai 5) untuk mengubahnya.",
        "Sorry, the rating can only be one number from 1 to 5. Should we keep *{rating}*? "
        "Reply *yes*, or reply another number (1 to 5) to change it.",
    ),
    "rate.changed": ("Terima kasih, nilai Anda kami ubah menjadi {rating} dari 5. 🙏",
                     "Thank you, your rating has been changed to {rating} out of 5. 🙏"),
    # A bare rating typed in the officers' chat while the rating question waited.
    "rate.thanks_talk.comment": (
        "Terima kasih, nilai {rating} dari 5 untuk *{ticket}* sudah kami catat. 🙏 Apa yang "
        "kurang? Tulis komentar singkat di sini: dicatat bersama nilai Anda dan dibaca petugas "
        "(*{code}*) juga; atau balas *lewati*. Percakapan Anda dengan petugas tetap berjalan.",
        "Thank you, your rating of {rating} out of 5 for *{ticket}* has been recorded. 🙏 What "
        "could have been better? Write a short comment here: it is kept with your rating and "
        "the officers (*{code}*) read it too; or reply *skip*. Your conversation with the "
        "officers goes on."),
    "rate.comment_talk": (
        "✅ Komentar Anda dicatat bersama nilai {rating} untuk *{ticket}* dan diteruskan ke "
        "petugas (*{code}*).",
        "✅ Your comment was recorded with your rating of {rating} for *{ticket}* and passed on "
        "to the officers (*{code}*)."),
    "rate.thanks_talk": (
        "Terima kasih, nilai {rating} dari 5 untuk *{ticket}* sudah kami catat. 🙏 Percakapan "
        "Anda dengan petugas (*{code}*) tetap berjalan: bila ada yang ingin disampaikan, tulis "
        "di sini.",
        "Thank you, your rating of {rating} out of 5 for *{ticket}* has been recorded. 🙏 Your "
        "conversation with the officers (*{code}*) goes on: if there is anything more, write "
        "it here.",
    ),
    # In the officers' chat: a message relayed whose "✅ Diteruskan" was superseded by a next
    # message that is not relayed (a status, a rating): said with that answer.
    "officer.relayed.before": (
        "✅ Pesan Anda sebelumnya sudah diteruskan ke petugas (*{code}*).",
        "✅ Your previous message was passed on to the officers (*{code}*).",
    ),
    "describe.more": ("Sudah semua? Balas *lanjut*, atau tambahkan cerita.",
                      "Is that all? Reply *next*, or add to your story."),
    "describe.digits": (
        "Hanya angka *{number}*: belum kami tambahkan ke cerita. Ingin menambah cerita? Tulis "
        "dalam kalimat (misalnya \"sudah {number} kali datang\"). Sudah selesai mengubah? "
        "Balas *lanjut* untuk kembali ke ringkasan.",
        "Only the number *{number}*: it is not added to your story. Want to add to it? Write it "
        "in words (for example \"came {number} times\"). Done changing it? Reply *next* to go "
        "back to the summary.",
    ),
    "describe.kept": (
        "Cerita Anda sejauh ini:\n“{story}”\n\nSudah semua? Balas *lanjut*, atau tambahkan "
        "cerita.",
        "Your story so far:\n“{story}”\n\nIs that all? Reply *next*, or add to your story.",
    ),
    # At the story, on SMS (no typing indicator, no read marks): the first bubble is answered at
    # once, so a person never wonders whether the service works.
    "describe.noted.sms": ("Dicatat. Lanjutkan ceritanya; balas LANJUT bila sudah.",
                           "Noted. Go on with your story; reply NEXT when you are done."),
    # "jd gmn", "trus gimana", "so what now" during the story: what happens next, briefly.
    "describe.what_next": (
        "Bila cerita sudah lengkap, balas *lanjut*: saya tanyakan beberapa hal singkat (jenis, "
        "waktu, tempat), lalu pengaduan dikirim ke petugas dan Anda mendapat nomor tiket. Masih "
        "ada yang ingin diceritakan? Tulis saja.",
        "When your story is complete, reply *next*: I ask a few short questions (type, when, "
        "where), then the complaint goes to the officers and you get a ticket number. "
        "Anything more to tell? Just write it.",
    ),
    "describe.what_next.empty": (
        "Ceritakan dulu apa yang terjadi (boleh beberapa pesan), lalu balas *lanjut*: saya "
        "tanyakan beberapa hal singkat, lalu pengaduan dikirim ke petugas dan Anda mendapat "
        "nomor tiket.",
        "First tell us what happened (several messages are fine), then reply *next*: I ask a "
        "few short questions, then the complaint goes to the officers and you get a ticket "
        "number.",
    ),
    # "?", "maksudnya?", "what?" at a question of the draft: the question explained, with an
    # example of an answer and how to skip it where it can be skipped; never skipped.
    "help.describe": (
        "Tulis apa yang terjadi dengan kata-kata Anda sendiri, misalnya \"paspor saya belum "
        "jadi padahal sudah 3 minggu\". Bila sudah selesai, balas *lanjut*.",
        "Write what happened in your own words, for example \"my passport is not ready after "
        "3 weeks\". When you are done, reply *next*.",
    ),
    "help.type_confirm": (
        "Saya menebak jenis pengaduan Anda dari ceritanya. Balas *ya* bila tebakan itu sesuai, "
        "atau *bukan* untuk memilih sendiri dari daftar.",
        "I guessed the type of your complaint from your story. Reply *yes* if it fits, or *no* "
        "to choose it yourself from the list.",
    ),
    "help.type_choose": (
        "Pilih jenis yang paling dekat dengan masalah Anda; tidak harus tepat, petugas bisa "
        "mengubahnya. Misalnya paspor yang lama jadi: pilih *Layanan paspor*. Ragu? Pilih "
        "*Lainnya*.",
        "Choose the type closest to your problem; it need not be exact, officers can change "
        "it. For example a passport that takes too long: choose *Passport services*. Unsure? "
        "Choose *Other*.",
    ),
    "help.reference": (
        "{what} ada di bukti pendaftaran atau tanda terima, misalnya *2C21JD1234*; dengan nomor "
        "itu petugas lebih cepat menemukan berkas Anda. Tidak punya atau tidak ingat? Balas "
        "*lewati*.",
        "Your {what} is on your registration or receipt, for example *2C21JD1234*; with it "
        "officers find your file faster. Don't have it or don't remember? Reply *skip*.",
    ),
    "help.when": (
        "Kapan hal yang Anda adukan terjadi? Tulis tanggal atau kira-kira, misalnya *kemarin*, "
        "*12 Nov* atau *minggu lalu*. Tidak ingat? Pilih *Lebih lama / tidak ingat*.",
        "When did what you complain of happen? Type the date or roughly when, for example "
        "*yesterday*, *12 Nov* or *last week*. Don't remember? Choose *Earlier / not sure*.",
    ),
    "help.where": (
        "Di mana hal yang Anda adukan terjadi? Pilih tempatnya, atau tulis sendiri, misalnya "
        "*loket 2 kantor imigrasi*.",
        "Where did what you complain of happen? Choose the place, or type it, for example "
        "*counter 2 at the immigration office*.",
    ),
    "help.where_other": (
        "Tulis tempat kejadiannya, misalnya *loket 2 kantor imigrasi* atau *pos PLB Sebatik*.",
        "Type where it happened, for example *counter 2 at the immigration office* or *the "
        "Sebatik border post*.",
    ),
    "help.who": (
        "Siapa yang Anda adukan: nama, ciri-ciri, atau loketnya, misalnya *petugas loket 3, "
        "perempuan berkacamata*. Tidak tahu? Balas *lewati*.",
        "Who you are complaining about: a name, a description or the counter, for example "
        "*the officer at counter 3, a woman with glasses*. Don't know? Reply *skip*.",
    ),
    "help.evidence": (
        "Bila ada, kirim foto atau dokumen yang menunjukkan kejadiannya, misalnya foto kuitansi "
        "atau tangkapan layar. Bukti tidak wajib: tidak ada? Balas *lanjut*.",
        "If you have any, send photos or documents that show what happened, for example a "
        "photo of a receipt or a screenshot. Evidence is not required: none? Reply *next*.",
    ),
    "help.evidence.sms": (
        "Bila ada bukti (kuitansi, foto, tangkapan layar), sebutkan di sini apa buktinya: lewat "
        "SMS berkas belum bisa dikirim, jadi bawa ke kantor atau tunjukkan kepada petugas yang "
        "menghubungi Anda. Bukti tidak wajib: tidak ada? Balas *lanjut*.",
        "If you have evidence (a receipt, a photo, a screenshot), say here what it is: files "
        "cannot be sent by text message, so bring it to the office or show it to the officer "
        "who contacts you. Evidence is not required: none? Reply *next*.",
    ),
    "help.outcome": (
        "Apa yang Anda ingin kami lakukan, misalnya *paspor saya segera diterbitkan* atau "
        "*petugasnya ditegur*. Tidak ada? Balas *lewati*.",
        "What you would like us to do, for example *issue my passport soon* or *warn the "
        "officer*. Nothing in particular? Reply *skip*.",
    ),
    "help.identity": (
        "Kami bertanya apakah pengaduan dicatat dengan nama Anda. Pilih *Tulis nama saya* lalu "
        "tulis nama (misalnya *Siti Rahmawati*), atau *Tanpa nama*: kabarnya tetap dikirim ke "
        "percakapan ini.",
        "We ask whether the complaint is recorded under your name. Choose *Type my name* and "
        "type it (for example *John Smith*), or *Anonymous*: news still comes to this chat.",
    ),
    "help.name": (
        "Tulis nama Anda, misalnya *Siti Rahmawati*. Tidak ingin memberi nama? Balas *anonim*.",
        "Type your name, for example *John Smith*. Rather not give it? Reply *anonymous*.",
    ),
    "help.name.check": (
        "Kami memastikan nama yang Anda tulis: apakah *{name}* nama Anda? Balas *ya* bila "
        "benar, atau *bukan* untuk menuliskannya lagi. Tidak ingin memberi nama? Balas *anonim*.",
        "We are checking the name you typed: is *{name}* your name? Reply *yes* if it is, or "
        "*no* to type it again. Rather not give a name? Reply *anonymous*.",
    ),
    "help.when.told": (
        "Cerita Anda menyebut kejadiannya *{day}*. Balas *ya* bila itu benar, atau pilih / "
        "tulis waktu lain, misalnya *12 Nov* atau *minggu lalu*. Tidak ingat? Pilih *Lebih "
        "lama / tidak ingat*.",
        "Your story says it happened *{day}*. Reply *yes* if that is right, or choose / type "
        "another time, for example *12 Nov* or *last week*. Don't remember? Choose *Earlier / "
        "not sure*.",
    ),
    "help.where.told": (
        "Cerita Anda menyebut *{place}*. Balas *ya* bila kejadiannya di sana, atau pilih / "
        "tulis tempat lain, misalnya *loket 2 kantor imigrasi*.",
        "Your story mentions *{place}*. Reply *yes* if it happened there, or choose / type "
        "another place, for example *counter 2 at the immigration office*.",
    ),
    "help.cancel": (
        "Kami bertanya apakah pengaduan yang belum terkirim ini dibatalkan. Balas *1* untuk "
        "membatalkannya (cerita dan jawaban dihapus; *pulihkan* mengembalikannya), atau *2* "
        "untuk melanjutkannya: tidak ada yang hilang.",
        "We are asking whether to cancel this unsent complaint. Reply *1* to cancel it (the "
        "story and answers are deleted; *restore* brings them back), or *2* to carry on: "
        "nothing is lost.",
    ),
    "help.confidential": (
        "Bila dirahasiakan, nama Anda hanya dilihat Kasi Tikkim dan Kepala Kantor, tidak oleh "
        "petugas yang Anda adukan. Balas *ya* untuk merahasiakan, atau *tidak*.",
        "If kept confidential, only the head of section and the head of office see your name, "
        "not the officer you complain about. Reply *yes* to keep it confidential, or *no*.",
    ),
    "help.confirm": (
        "Ini ringkasan pengaduan Anda sebelum dikirim. Balas *1* untuk mengirimnya, *2* untuk "
        "mengubah sesuatu (misalnya waktunya), atau *3* untuk membatalkan.",
        "This is your complaint before it is sent. Reply *1* to send it, *2* to change "
        "something (for example when it happened), or *3* to cancel.",
    ),
    "help.edit": (
        "Pilih bagian pengaduan yang ingin diubah, misalnya *Waktu* bila tanggalnya salah; "
        "bagian lain tetap seperti semula.",
        "Choose the part of the complaint to change, for example *When* if the date is wrong; "
        "the rest stays as it is.",
    ),
    "describe.digits.told": (
        "Hanya angka *{number}*: belum kami tambahkan ke cerita. Sudah semua? Balas *lanjut*, "
        "atau tambahkan cerita (dalam kalimat, misalnya \"sudah {number} kali datang\").",
        "Only the number *{number}*: it is not added to your story. Is that all? Reply *next*, "
        "or add to your story (in words, for example \"came {number} times\").",
    ),
    "describe.digits.empty": (
        "Hanya angka *{number}*: belum kami catat sebagai cerita. Ceritakan apa yang terjadi "
        "dengan kata-kata Anda sendiri; jika sudah, balas *lanjut*.",
        "Only the number *{number}*: it is not taken as your story. Tell us what happened in "
        "your own words; when you are done, reply *next*.",
    ),
    "describe.process.how_long": (
        "Setelah pengaduan terkirim, Anda mendapat nomor tiket; batas waktu penanganannya "
        "mengikuti standar waktu layanan dan terlihat bila Anda membalas *status*. Kabar "
        "dikirim lewat percakapan ini.",
        "Once your complaint is sent you get a ticket number; the time to handle it follows "
        "our service time standards and shows when you reply *status*. Updates come through "
        "this chat.",
    ),
    "digit.who": (
        "Hanya angka *{number}*: maksud Anda loket {number}? Tulis dengan kata-kata (misalnya "
        "*loket {number}*), atau balas *lewati*.",
        "Only the number *{number}*: do you mean counter {number}? Write it in words (for "
        "example *counter {number}*), or reply *skip*.",
    ),
    "digit.free": (
        "Hanya angka *{number}*: belum kami catat. Tulis jawaban Anda dengan kata-kata, atau "
        "balas *lewati*.",
        "Only the number *{number}*: it is not recorded. Write your answer in words, or reply "
        "*skip*.",
    ),
    "digit.place": (
        "Hanya angka *{number}*: belum kami catat sebagai tempat. Tulis nama tempatnya (misalnya "
        "*loket {number}* atau *parkiran kantor*), atau balas *kembali* untuk memilih dari "
        "daftar.",
        "Only the number *{number}*: it is not taken as the place. Type the place's name (for "
        "example *counter {number}* or *the office car park*), or reply *back* to choose from "
        "the list.",
    ),
    "when.place_noted": ("Tempat kejadian dicatat: {place}.", "Noted as the place: {place}."),
    "when.not_who": (
        "Itu siapa atau di mana, bukan waktunya (akan kami tanyakan sesudah ini). Kapan "
        "kejadiannya? Pilih, atau tulis tanggal atau kira-kira (misalnya *kemarin*, *5/11*, "
        "*minggu lalu*).",
        "That says who or where, not when (we ask about it next). When did it happen? Choose, "
        "or type the date or roughly when (for example *yesterday*, *5 Nov*, *last week*).",
    ),
    "describe.waiting": ("Silakan ceritakan apa yang terjadi. Jika sudah, balas *lanjut*.",
                         "Please tell us what happened. When you are done, reply *next*."),
    "describe.empty": ("Ceritanya belum ada. Tuliskan dulu apa yang terjadi.",
                       "We don't have your story yet. Please write what happened first."),
    "describe.too_long": (
        "Cerita Anda sudah sangat panjang dan sudah kami catat. Balas *lanjut* untuk meneruskan.",
        "Your story is already very long and has been recorded. Reply *next* to continue.",
    ),
    "continue": ("Lanjut", "Next"),
    "skip": ("Lewati", "Skip"),
    "type_confirm": ("Pengaduan Anda tampaknya tentang *{type}*. Benar?",
                     "Your complaint seems to be about *{type}*. Is that right?"),
    "yes": ("Ya, benar", "Yes, that's right"),
    "no_choose": ("Bukan, pilih jenis lain", "No, choose another type"),
    "type_choose": ("Pengaduan Anda tentang apa? Pilih yang paling sesuai:",
                    "What is your complaint about? Choose the closest:"),
    "reference": ("{what} Anda, bila ada? Boleh dilewati.",
                  "Your {what}, if you have one? You may skip this."),
    "reference.aspect": (
        "Cerita Anda juga menyebut *{service}*; agar petugas dapat memeriksanya juga: {what} "
        "Anda, bila ada? Boleh dilewati.",
        "Your story also speaks of *{service}*; so that the officers can look at it too: your "
        "{what}, if you have one? You may skip this.",
    ),
    "reference.explain": (
        "Bila punya, tulis {what} (ada di bukti pendaftaran atau tanda terima). Tidak ada? "
        "Balas *lewati*.",
        "If you have it, type your {what} (it is on your registration or receipt). None? "
        "Reply *skip*.",
    ),
    "type_choose.suggested": (
        "Pengaduan Anda tentang apa? Dari cerita Anda: *{label}* (balas *ya*), atau pilih yang "
        "paling sesuai:",
        "What is your complaint about? From your story: *{label}* (reply *yes*), or choose the "
        "closest:",
    ),
    "when": ("Kapan kejadiannya? Pilih, atau tulis tanggalnya (misalnya 12 Nov 2026).",
             "When did it happen? Choose, or type the date (for example 12 Nov 2026)."),
    "when.again": ("Saya belum menangkap waktunya. Pilih, atau tulis tanggal atau kira-kira "
                   "(misalnya *minggu lalu*, *awal November*, *waktu antri pagi*).",
                   "I didn't catch when. Choose, or type the date or roughly when (for example "
                   "*last week*, *early November*, *while queueing this morning*)."),
    "when.departure": (
        "Itu tanggal keberangkatan, kami catat di cerita Anda. Kapan kejadian yang Anda adukan? "
        "Pilih, atau tulis tanggal atau kira-kira (misalnya *kemarin*, *5/11*, *minggu lalu*).",
        "That is the day of the journey; it is added to your story. When did what you complain "
        "of happen? Choose, or type the date or roughly when (for example *yesterday*, *5/11*, "
        "*last week*)."),
    "when.number": ("*{said}* belum bisa saya baca sebagai waktu. Tulis misalnya *jam 10*, "
                    "*tgl 3*, *3 hari lalu*, *2 minggu lalu* atau *12 Nov*, atau pilih:",
                    "I can't read *{said}* as a time. Type for example *10am*, *3 Nov*, *3 days "
                    "ago* or *2 weeks ago*, or choose:"),
    "when.coming": ("Hari itu (*{said}*) belum tiba, padahal yang Anda adukan sudah terjadi. "
                    "Kapan kejadiannya? Pilih, atau tulis hari atau tanggal yang sudah lewat "
                    "(misalnya *kemarin* atau *12 Nov 2026*).",
                    "That day (*{said}*) has not come yet, and what you are complaining about "
                    "has already happened. When did it happen? Choose, or type a day or date "
                    "that has passed (for example *yesterday* or *12 Nov 2026*)."),
    "when.coming_undated": ("*{said}* tahun ini belum tiba. Kapan kejadiannya? Pilih, atau tulis "
                            "tanggal yang sudah lewat; bila maksudnya tahun lalu, tulis juga "
                            "tahunnya (misalnya *{example}*).",
                            "*{said}* has not come yet this year. When did it happen? Choose, or "
                            "type a date that has passed; if you meant last year, add the year "
                            "(for example *{example}*)."),
    "when.which": ("Maksud {said}: {first} atau {second}?",
                   "Did you mean {first} or {second} by {said}?"),
    "when.today": ("Hari ini", "Today"),
    "when.yesterday": ("Kemarin", "Yesterday"),
    "when.unsure": ("Lebih lama / tidak ingat", "Earlier / not sure"),
    "where": ("Di mana kejadiannya? Pilih, atau tulis tempatnya.",
              "Where did it happen? Choose, or type the place."),
    "when.told": ("Kapan kejadiannya? Cerita Anda menyebut *{day}*: balas *ya* bila benar, atau "
                  "pilih / tulis tanggalnya.",
                  "When did it happen? Your story says *{day}*: reply *yes* if that is right, or "
                  "choose / type the date."),
    "where.told": ("Di mana kejadiannya? Cerita Anda menyebut *{place}*: balas *ya* bila di sana, "
                   "atau pilih / tulis tempatnya.",
                   "Where did it happen? Your story mentions *{place}*: reply *yes* if it was "
                   "there, or choose / type the place."),
    "where.when_noted": ("Waktu kejadian dicatat: {date}.", "Noted as the time: {date}."),
    "where.again": ("Itu waktunya. Di mana kejadiannya? Pilih, atau tulis tempatnya.",
                    "That is when. Where did it happen? Choose, or type the place."),
    "who.own_name": (
        "Pertanyaan ini tentang petugas atau orang yang Anda adukan, bukan tentang Anda. Nama "
        "Anda tidak perlu ditulis di sini (bila perlu, ditanyakan nanti).",
        "This question is about the officer or person you are complaining about, not about you. "
        "Your own name is not needed here (if it is needed, we ask later)."),
    "outcome.when": ("Itu waktunya, bukan hasil yang Anda harapkan.",
                     "That is when, not what you would like us to do."),
    "who.when": ("Itu waktunya, bukan siapa yang diadukan.",
                 "That is when, not who it is about."),
    "where.office": ("Kantor Imigrasi Tarakan", "Tarakan Immigration Office"),
    "where.seaport": ("Pelabuhan Malundung", "Malundung seaport"),
    "where.airport": ("Bandara Juwata", "Juwata airport"),
    "where.other": ("Tempat lain", "Somewhere else"),
    "where.online": ("Online (aplikasi M-Paspor, situs, pembayaran)",
                     "Online (M-Paspor app, website, payment)"),
    "where_other": ("Tuliskan tempatnya.", "Please type the place."),
    "who": ("Siapa atau unit mana yang Anda adukan (nama, ciri-ciri, nomor loket)? Boleh "
            "dilewati.",
            "Who or which unit is it about (a name, a description, a counter number)? You may "
            "skip this."),
    "who.explain": (
        "Bila tahu, tulis nama, ciri-ciri, atau loket petugas atau unit yang Anda adukan. "
        "Tidak tahu? Balas *lewati*.",
        "If you know, type the name, a description or the counter of the officer or unit. "
        "Don't know? Reply *skip*.",
    ),
    "evidence": (
        "Ada bukti? Kirim foto atau dokumen (kuitansi, tangkapan layar). Tidak ada atau sudah? "
        "Balas *lanjut*.",
        "Any evidence? Send photos or documents (receipts, screenshots). None, or done? Reply "
        "*next*.",
    ),
    "evidence.sms": (
        "Ada bukti (kuitansi, foto, tangkapan layar)? Lewat SMS berkas belum bisa dikirim: "
        "sebutkan saja di sini apa buktinya, lalu bawa ke kantor atau tunjukkan kepada petugas "
        "yang menghubungi Anda. Tidak ada atau sudah? Balas *lanjut*.",
        "Any evidence (receipts, photos, screenshots)? Files cannot be sent by text message: "
        "just say here what it is, then bring it to the office or show it to the officer who "
        "contacts you. None, or done? Reply *next*.",
    ),
    "evidence.cannot_send": (
        "Tidak apa-apa, bukti tidak wajib. Bila ada, bawa ke kantor atau tunjukkan kepada "
        "petugas yang menghubungi Anda. Kita lanjutkan.",
        "That is fine: evidence is not required. If you have any, bring it to the office or "
        "show it to the officer who contacts you. Let us go on.",
    ),
    "evidence.received": ("📎 Bukti diterima ({count} berkas). Kirim lagi atau balas *lanjut*.",
                          "📎 Evidence received ({count} file(s)). Send more or reply *next*."),
    "evidence.explain": (
        "Bukti tidak wajib. Bila ada, kirim di sini foto, tangkapan layar, kuitansi atau "
        "dokumen lain yang menunjukkan kejadiannya. Tidak ada? Balas *lanjut*.",
        "Evidence is not required. If you have any, send photos, screenshots, receipts or other "
        "documents that show what happened. None? Reply *next*.",
    ),
    "evidence.explain.sms": (
        "Bukti tidak wajib. Bila ada, sebutkan di sini apa buktinya (kuitansi, foto, tangkapan "
        "layar), lalu bawa ke kantor atau tunjukkan kepada petugas yang menghubungi Anda: lewat "
        "SMS berkas belum bisa dikirim. Tidak ada? Balas *lanjut*.",
        "Evidence is not required. If you have any, say here what it is (a receipt, a photo, a "
        "screenshot), then bring it to the office or show it to the officer who contacts you: "
        "files cannot be sent by text message. None? Reply *next*.",
    ),
    "evidence.send": ("Silakan kirim foto atau dokumennya di sini. Sudah? Balas *lanjut*.",
                      "Please send the photos or documents here. Done? Reply *next*."),
    "evidence.send.sms": (
        "Lewat SMS berkas belum bisa dikirim: tulis saja di sini apa buktinya, lalu bawa ke "
        "kantor atau tunjukkan kepada petugas yang menghubungi Anda. Sudah? Balas *lanjut*.",
        "Files cannot be sent by text message: just type here what the evidence is, then bring "
        "it to the office or show it to the officer who contacts you. Done? Reply *next*."),
    "story.added": ("Kami tambahkan ke cerita Anda.", "Added to your story."),
    "story.full": ("Cerita Anda sudah sepanjang yang dapat kami simpan; pesan itu tidak kami "
                   "simpan sebagai jawaban.",
                   "Your story is as long as we can keep; that message is not kept as the "
                   "answer."),
    "draft.report_again": (
        "Pengaduan ini belum terkirim. Kita selesaikan yang ini dulu (atau balas *batal*); "
        "sesudah terkirim, Anda bisa mengadu lagi.",
        "This complaint has not been sent yet. Let us finish this one first (or reply "
        "*cancel*); once it is sent, you can complain again."),
    "when.a_name": ("Itu seperti nama orang, bukan waktu (nama ditanyakan nanti).",
                    "That looks like a name, not a time (names are asked later)."),
    "outcome": ("Apa yang Anda harapkan dari kami? Misalnya: {example}. Boleh dilewati.",
                "What would you like us to do? For example: {example}. You may skip this."),
    "outcome.explain": ("Tulis hasil yang Anda harapkan dari pengaduan ini, atau balas *lewati*.",
                        "Type what you would like to come of this complaint, or reply *skip*."),
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
    "name.not_name": (
        "Sepertinya itu bukan nama. Tulis nama Anda (misalnya *Siti Rahmawati*), atau balas "
        "*anonim* untuk tanpa nama.",
        "That doesn't look like a name. Type your name (for example *John Smith*), or reply "
        "*anonymous* to give none.",
    ),
    "name.confidential.noted": ("Baik, nama Anda dirahasiakan: hanya pimpinan yang melihatnya.",
                                "All right, your name will be kept confidential: only management "
                                "sees it."),
    "identity.thanks": (
        "🙏 Sama-sama, tetapi pengaduan Anda belum terkirim: jawab pertanyaan ini untuk "
        "menyelesaikannya.",
        "🙏 You're welcome, but your complaint has not been sent yet: answer this question to "
        "finish it.",
    ),
    "name.check": ("Nama Anda *{name}*?", "Is your name *{name}*?"),
    "name.yes": ("Ya", "Yes"),
    "name.no": ("Bukan", "No"),
    "name.why": (
        "Nama tidak wajib: balas *anonim* untuk mengadu tanpa nama. Pengaduan tentang petugas "
        "atau pungutan liar juga bisa dirahasiakan (hanya pimpinan yang melihat nama). Atau "
        "tulis nama Anda.",
        "A name is not required: reply *anonymous* to complain without one. Complaints about "
        "officers or illegal fees can also be kept confidential (only management sees the "
        "name). Or type your name.",
    ),
    "name.confidential": (
        "Baik, nama Anda dirahasiakan: hanya pimpinan yang melihatnya. Tulis nama Anda, atau "
        "balas *anonim* untuk tanpa nama sama sekali.",
        "All right, your name will be kept confidential: only management sees it. Type your "
        "name, or reply *anonymous* to give none at all.",
    ),
    "confidential": (
        "Pengaduan tentang petugas atau pungutan liar: apakah identitas Anda ingin "
        "dirahasiakan? Jika ya, hanya Kasi Tikkim dan Kepala Kantor yang dapat melihatnya.",
        "Complaints about officers or illegal fees: do you want your identity kept "
        "confidential? If so, only the head of section and the head of office can see it.",
    ),
    "confidential.name_kept": ("Nama Anda dicatat: *{name}*.", "Your name is noted: *{name}*."),
    "confidential.yes": ("Ya, rahasiakan", "Yes, keep it confidential"),
    "confidential.no": ("Tidak, nama saya boleh diketahui petugas",
                        "No, officers may know my name"),
    "summary": (
        "Periksa pengaduan Anda:\n\n{summary}\n\nDengan mengirim, Anda setuju data ini diproses "
        "(lihat *privasi*).",
        "Please check your complaint:\n\n{summary}\n\nBy sending it you agree to this data "
        "being processed (see *privacy*).",
    ),
    "summary.who_is_you": (
        "⚠️ Pihak yang diadukan sama dengan nama Anda (*{name}*). Bila itu nama Anda sendiri, "
        "pilih *Ubah* lalu perbaiki pihak yang diadukan (atau kosongkan).",
        "⚠️ The person complained about has your own name (*{name}*). If that is your own name, "
        "choose *Edit* and correct the person complained about (or leave it empty)."),
    "summary.type": ("Jenis", "Type"),
    "summary.story": ("Cerita", "Story"),
    "summary.reference": ("Nomor permohonan", "Application no."),
    "summary.aspect": ("Juga tentang", "Also about"),
    "summary.when": ("Waktu", "When"),
    "summary.where": ("Tempat", "Where"),
    "summary.who": ("Pihak diadukan", "About"),
    "summary.evidence": ("Bukti", "Evidence"),
    "summary.outcome": ("Harapan", "Wanted outcome"),
    "summary.identity": ("Identitas", "Identity"),
    "summary.files": ("{count} berkas", "{count} file(s)"),
    "summary.none": ("-", "-"),
    "summary.anonymous": ("Anonim", "Anonymous"),
    "summary.confidential": (" (dirahasiakan)", " (confidential)"),
    "summary.named_openly": (" (tidak dirahasiakan: petugas dapat melihat nama Anda)",
                             " (not confidential: officers can see your name)"),
    "confirm.send": ("Kirim pengaduan", "Send the complaint"),
    # A story that reports a levy or an officer's conduct, filed under an ordinary type, would
    # be read by the whole officers' group (the officer concerned too): offered the protection
    # of the sensitive type before it is sent.
    "protect.offer": (
        "🔒 Sebelum dikirim: cerita Anda menyebut {what}. Pengaduan seperti itu ditangani "
        "langsung oleh Kasi Tikkim dan Kepala Kantor: petugas lain tidak membacanya{named}. "
        "Bila tetap *{current}*, ceritanya dibaca semua petugas di grup "
        "pengaduan.\nCatat sebagai *{label}*?",
        "🔒 Before it is sent: your story mentions {what}. Complaints like that are handled "
        "by the Head of Section and the Head of Office only: other officers do not read "
        "it{named}. Kept as *{current}*, the story is read by every officer "
        "in the complaints group.\nFile it as *{label}*?",
    ),
    "protect.named": (", dan nama Anda dirahasiakan", ", and your name is kept confidential"),
    "protect.yes": ("Ya, tangani secara khusus", "Yes, handle it privately"),
    "protect.no": ("Tidak, tetap {current}", "No, keep it as {current}"),
    "protect.what.pungli": ("permintaan uang, calo, atau suap",
                            "a demand for money, a broker or a bribe"),
    "protect.what.perilaku_petugas": ("sikap atau perlakuan petugas", "how an officer behaved"),
    "confirm.edit": ("Ubah", "Change something"),
    "confirm.cancel": ("Batal", "Cancel"),
    "edit": ("Bagian mana yang ingin diubah?", "What would you like to change?"),
    "filed": (
        "✅ Pengaduan Anda tercatat.\nNomor tiket: *{ticket}*\nPIN: *{pin}* (simpan; perlu "
        "untuk cek status dari nomor, akun, atau perangkat lain)\n\n{when} Perkembangan "
        "pentingnya kami kabarkan di percakapan ini; hasilnya paling lambat {by}, sesuai "
        "standar waktu layanan.{extra}\n\nCek status kapan saja: balas *status*.",
        "✅ Your complaint is recorded.\nTicket number: *{ticket}*\nPIN: *{pin}* (keep it; "
        "you need it to check the status from another number, account or device)\n\n{when} "
        "We will tell you of each important step in this chat; you will have the outcome by "
        "{by} at the latest, under the office's service standards.{extra}\n\nCheck the "
        "status anytime: reply *status*.",
    ),
    "filed.open": ("Petugas melaporkannya kepada Kepala Seksi dalam {minutes} menit.",
                   "An officer reports it to the head of section within {minutes} minutes."),
    "filed.anonymous": (
        "Untuk melindungi identitas Anda, pengaduan tanpa nama diteruskan kepada petugas pada "
        "jadwal berikutnya, {slot} WITA, lalu dilaporkan kepada Kepala Seksi dalam {minutes} "
        "menit.",
        "To protect your identity, an anonymous complaint reaches the officers at the next "
        "scheduled round, {slot} (WITA), and is reported to the head of section within "
        "{minutes} minutes of that."),
    "filed.closed": ("Kantor sedang tutup; pengaduan Anda diproses mulai {opening} WITA.",
                     "The office is closed now; your complaint will be handled from {opening} "
                     "(WITA)."),
    "filed.levy": (
        "⚠️ Biaya resmi hanya dibayar lewat kode billing di bank, kantor pos, atau aplikasi "
        "pembayaran; tidak pernah tunai kepada petugas.",
        "⚠️ Official fees are only ever paid with a billing code at a bank, post office or "
        "payment app, never in cash to an officer.",
    ),
    # After two failed answers running at a question (`step.Step.stuck`): plainly what is
    # accepted, and the way out; the two leads alternate, never the same words twice running.
    "stuck": ("Jawaban itu belum bisa kami catat untuk pertanyaan ini.",
              "We can't record that as the answer to this question."),
    "stuck.again": ("Masih belum bisa kami catat sebagai jawaban.",
                    "That still isn't an answer we can record."),
    "stuck.choices": ("Yang bisa diterima: {options} (angkanya atau tulisannya).",
                      "Accepted: {options} (the number or the words)."),
    "stuck.list": ("Yang bisa diterima: angka 1–{n} dari daftar ini, atau tulisan pilihannya.",
                   "Accepted: a number from 1 to {n} from this list, or the choice's words."),
    "stuck.skip": ("Tidak ada, atau belum tahu? Balas *lewati*.",
                   "None, or don't know yet? Reply *skip*."),
    "stuck.other": ("Ragu jenisnya? Balas *{number}* (*{label}*); petugas bisa mengubahnya "
                    "nanti.",
                    "Unsure of the type? Reply *{number}* (*{label}*); officers can change it "
                    "later."),
    "stuck.out": ("Ingin berhenti? Balas *batal*. Butuh bantuan? Balas *petugas* untuk bicara "
                  "dengan petugas.",
                  "Want to stop? Reply *cancel*. Need help? Reply *officer* to talk to an "
                  "officer."),
    "stuck.accepts.reference": (
        "Yang bisa diterima: nomornya, huruf dan angka (misalnya *2C21JD1234*).",
        "Accepted: the number, letters and digits (for example *2C21JD1234*)."),
    "stuck.accepts.when": (
        "Yang bisa diterima: tanggal (misalnya *12 Nov 2026*), kata seperti *kemarin* atau "
        "*minggu lalu*, atau angka pilihan di bawah.",
        "Accepted: a date (for example *12 Nov 2026*), words like *yesterday* or *last week*, "
        "or the number of a choice below."),
    "stuck.accepts.where": (
        "Yang bisa diterima: angka pilihan di bawah, atau nama tempatnya (misalnya *parkiran "
        "kantor imigrasi*).",
        "Accepted: the number of a choice below, or the place in words (for example *the "
        "immigration office car park*)."),
    "stuck.accepts.where_other": (
        "Yang bisa diterima: nama tempatnya dengan kata-kata (misalnya *parkiran kantor*).",
        "Accepted: the place in words (for example *the office car park*)."),
    "stuck.accepts.who": (
        "Yang bisa diterima: nama, ciri-ciri, atau loket (misalnya *petugas loket 2*, *satpam "
        "berkacamata*).",
        "Accepted: a name, a description or a counter (for example *the officer at counter "
        "2*, *the guard with glasses*)."),
    "stuck.accepts.evidence": (
        "Yang bisa diterima: foto atau dokumen (kirim saja di sini), atau *lanjut* bila tidak "
        "ada.",
        "Accepted: photos or documents (just send them here), or *next* if there are none."),
    "stuck.accepts.outcome": (
        "Yang bisa diterima: hasil yang Anda harapkan, dalam beberapa kata (misalnya *paspor "
        "segera diterbitkan*).",
        "Accepted: what you would like to happen, in a few words (for example *my passport "
        "issued soon*)."),
    "stuck.accepts.name": (
        "Yang bisa diterima: nama Anda (misalnya *Siti Rahmawati*), atau *anonim*.",
        "Accepted: your name (for example *Siti Rahmawati*), or *anonymous*."),
    # An urgent plea at a question with choices (`step.Step.aside`): never a choice.
    "plea": ("Kami mengerti ini mendesak. 🙏 Pengaduan Anda sampai ke petugas lebih cepat bila "
             "langkah ini diselesaikan sekarang.",
             "We understand this is urgent. 🙏 Your complaint reaches the officers sooner if "
             "you finish this step now."),
    "plea.kept": ("Pesan Anda kami tambahkan ke cerita pengaduan.",
                  "Your message is added to the complaint's story."),
    "plea.officer": ("Perlu bicara langsung? Balas *petugas*.",
                     "Need to talk to someone? Reply *officer*."),
    "plea.short": ("Sudah kami catat: ini mendesak. Selesaikan langkah ini, atau balas "
                   "*petugas* untuk bicara langsung.",
                   "Noted: this is urgent. Finish this step, or reply *officer* to talk to "
                   "someone."),
    "plea.short.again": ("Ya, mendesak, sudah kami catat. Untuk bicara dengan petugas sekarang, "
                         "balas *petugas*.",
                         "Yes, urgent, noted. To talk to an officer now, reply *officer*."),
    # A service question at a question of the draft the office's information cannot answer.
    "service.later": (
        "Pertanyaan tentang syarat, biaya, atau prosedur layanan dijawab di menu *Informasi "
        "layanan* setelah pengaduan ini terkirim, atau tanyakan ke kantor di {contact} "
        "(telepon/WhatsApp). Sekarang kita lanjutkan pengaduan Anda:",
        "Questions about requirements, fees or procedures are answered under *Service "
        "information* in the menu once this complaint is sent, or ask the office on {contact} "
        "(phone/WhatsApp). Now, on with your complaint:"),
    # A second, different time typed at "where?" (`intake.Where`): the time is updated.
    "where.when_updated": ("Waktu diperbarui: {date}.", "Time updated: {date}."),
    "where.when_kept": (
        "Waktu kejadian tetap tercatat *{date}*. Bila *{said}* yang benar, ubah di ringkasan "
        "nanti (balas *ubah*, lalu *Waktu*).",
        "The time stays recorded as *{date}*. If *{said}* is right, change it at the summary "
        "later (reply *change*, then *When*)."),
    # An answer at "Tempat lain" that says nothing ("2" again, "x", "itu"): never the place.
    "where.nothing": ("Jawaban itu belum menyebutkan tempatnya.",
                      "That does not tell us the place."),
    "where.vague": (
        "Mohon tulis tempatnya dengan kata-kata, misalnya *loket 2 kantor imigrasi*, *parkiran "
        "kantor*, atau *pos PLB Sebatik*.",
        "Please write the place in words, for example *counter 2 at the immigration office*, "
        "*the office car park*, or *the Sebatik border post*."),
    "where.vague.skip": (
        "Tidak ingat tempatnya? Tidak apa-apa: balas *lewati*, tempatnya dicatat belum "
        "diketahui. Atau tulis tempatnya dengan kata-kata.",
        "Do not remember the place? That's fine: reply *skip*, and it is recorded as not known. "
        "Or write the place in words."),
    # An answer at "who?" that says nothing ("2" again, "x", "-", "itu"): never the party.
    "who.nothing": ("Jawaban itu belum menjelaskan siapa yang Anda adukan.",
                    "That does not tell us who it is about."),
    "who.vague": (
        "Mohon tulis dengan kata-kata, misalnya *petugas loket 2*, *satpam di pintu depan*, atau "
        "*petugas perempuan berkacamata*.",
        "Please write it in words, for example *the officer at counter 2*, *the guard at the "
        "front door*, or *a woman officer with glasses*."),
    "who.vague.skip": (
        "Belum tahu siapa? Tidak apa-apa: balas *lewati* (belum tahu), petugas akan "
        "menelusurinya dari cerita Anda. Atau tulis ciri-cirinya dengan kata-kata.",
        "Do not know yet who it was? That's fine: reply *skip* (do not know yet), and the "
        "officers will look into it from your story. Or describe them in words."),
}
