"""What a person is told when they come back to a complaint they already filed: more evidence
or details for it, or a wish to withdraw it (`officer.follow_up`); whether their identity is
safe (`officer.identity_answer`); a lost PIN."""
from __future__ import annotations

FOLLOW_UP_TEXTS: dict[str, tuple[str, str]] = {
    "follow_up.add": (
        "📎 Silakan kirim bukti (foto, dokumen) atau keterangan tambahan untuk pengaduan "
        "*{ticket}* di sini: semuanya kami teruskan kepada petugas yang menanganinya (kode "
        "*{code}*).\n{when}\nBalas *selesai* bila sudah. Untuk pengaduan baru, balas *menu*.",
        "📎 Please send the evidence (photos, documents) or further details for complaint "
        "*{ticket}* here: we pass everything on to the officers handling it (reference "
        "*{code}*).\n{when}\nReply *done* when you have finished. For a new complaint, reply "
        "*menu*.",
    ),
    "follow_up.told": (
        "📎 Keterangan Anda untuk pengaduan *{ticket}* sudah kami teruskan kepada petugas yang "
        "menanganinya (kode *{code}*).\n{when}\nMasih ada? Tulis atau kirim di sini; balas "
        "*selesai* bila sudah.",
        "📎 Your details for complaint *{ticket}* have been passed on to the officers handling "
        "it (reference *{code}*).\n{when}\nAnything more? Write or send it here; reply *done* "
        "when you have finished.",
    ),
    "follow_up.media": (
        "📎 Lampiran Anda kami teruskan kepada petugas yang menangani pengaduan *{ticket}* "
        "(kode *{code}*). Masih ada? Kirim saja di sini; balas *selesai* bila sudah.\n"
        "Bila lampiran ini untuk pengaduan baru, balas *menu*, pilih *Sampaikan pengaduan*, lalu "
        "kirim lagi lampirannya.",
        "📎 Your attachment has been passed on to the officers handling complaint *{ticket}* "
        "(reference *{code}*). More to send? Send it here; reply *done* when you have "
        "finished.\nIf this attachment is for a new complaint, reply *menu*, choose *File a "
        "complaint*, then send it again.",
    ),
    # in the officers' chat: the status asked, answered there (`officer.status_here`)
    "officer.status_none": (
        "Belum ada pengaduan yang terkirim dari percakapan ini, jadi belum ada statusnya.",
        "No complaint has been sent from this chat yet, so there is no status to show."),
    "officer.file_how": (
        "📝 Untuk mengajukan pengaduan resmi, balas *menu* lalu pilih *Sampaikan pengaduan*. "
        "Percakapan dengan petugas (*{code}*) tetap terbuka: jawaban mereka tetap sampai di sini.",
        "📝 To file a formal complaint, reply *menu* and choose *File a complaint*. Your "
        "conversation with the officers (*{code}*) stays open: their answer still reaches you "
        "here.",
    ),
    "officer.status_still": (
        "Percakapan dengan petugas (*{code}*) tetap berjalan: pesan Anda di sini kami "
        "teruskan kepada mereka. Balas *selesai* bila sudah.",
        "Your conversation with the officers (*{code}*) goes on: what you write here is passed "
        "on to them. Reply *done* when you have finished.",
    ),
    # several complaints open, none named: which one? asked in the talk, which goes on
    "officer.status_pick": (
        "Status pengaduan yang mana? Balas angkanya, atau kirim nomor tiketnya. Percakapan "
        "dengan petugas (*{code}*) tetap berjalan: pesan lain di sini kami teruskan kepada "
        "mereka.",
        "The status of which complaint? Reply with its number, or send its ticket number. Your "
        "conversation with the officers (*{code}*) goes on: anything else you write here is "
        "passed on to them.",
    ),
    "officer.status_pick.tap": (
        "Status pengaduan yang mana? Ketuk salah satu, atau kirim nomor tiketnya. Percakapan "
        "dengan petugas (*{code}*) tetap berjalan: pesan lain di sini kami teruskan kepada "
        "mereka.",
        "The status of which complaint? Tap one, or send its ticket number. Your conversation "
        "with the officers (*{code}*) goes on: anything else you write here is passed on to "
        "them.",
    ),
    # in the officers' chat, calling for them before any answered (`officer.waiting`)
    "officer.waiting": (
        "⏳ Pesan Anda sudah ada pada petugas (*{code}*) dan menunggu dibalas; tidak perlu "
        "dikirim ulang.\n{when}\nBalasan petugas akan masuk ke percakapan ini. Bila ada yang "
        "ingin ditambahkan, tulis saja di sini; balas *menu* untuk keperluan lain.",
        "⏳ Your message is with the officers (*{code}*), waiting for an answer; no need to send "
        "it again.\n{when}\nTheir answer will come to this chat. To add something, just write "
        "it here; reply *menu* for anything else.",
    ),
    "officer.waiting.again": (
        "⏳ Masih menunggu balasan petugas (*{code}*). {when}",
        "⏳ Still waiting for the officers' answer (*{code}*). {when}",
    ),
    # at the out-of-scope answer, urgency pleaded instead of a choice (`scope.Scope.urgent`)
    "scope.urgent": (
        "Kami mengerti ini mendesak. 🙏 Kantor Imigrasi tidak berwenang menanganinya, jadi "
        "agar cepat ditangani, hubungi langsung:\n{places}\n\nBila ternyata ada kaitannya "
        "dengan imigrasi (paspor, visa, izin tinggal, petugas kami), Anda bisa bicara dengan "
        "petugas atau tetap mengirimnya ke kami. Balas *menu* untuk keperluan lain.",
        "We understand this is urgent. 🙏 The Immigration Office has no authority over it, so "
        "to have it dealt with quickly, contact directly:\n{places}\n\nIf it does concern "
        "immigration after all (a passport, a visa, a stay permit, our officers), you can talk "
        "to an officer or still send it to us. Reply *menu* for anything else.",
    ),
    "scope.urgent.again": (
        "Pesan Anda kami baca. 🙏 Yang paling cepat: hubungi\n{places}\nAtau pilih salah satu "
        "di bawah ini; balas *menu* untuk keperluan lain.",
        "We have read your message. 🙏 The quickest way: contact\n{places}\nOr choose one "
        "below; reply *menu* for anything else.",
    ),
    "scope.urgent.last": (
        "🙏 Kami tidak dapat menanganinya dari sini. Pilih salah satu, atau balas *menu*.",
        "🙏 We cannot deal with it from here. Choose one, or reply *menu*.",
    ),
    # "oke ditunggu kabarnya" after filing (`routing.route`)
    "follow_up.awaited": (
        "Baik. 🙏 Kabar pengaduan *{ticket}* kami kirim ke percakapan ini; Anda juga bisa "
        "mengeceknya kapan saja dengan *status*.",
        "All right. 🙏 News of complaint *{ticket}* will come to this chat; you can also check "
        "it any time with *status*.",
    ),
    "officer_requested.told": (
        "🙋 Permintaan dan pesan Anda sudah kami teruskan ke petugas (kode *{code}*).\n{when}\n"
        "Masih ada yang ingin disampaikan? Tulis di sini: semuanya kami teruskan. Balas "
        "*selesai* bila sudah, atau *menu* untuk keperluan lain.",
        "🙋 Your request and your message have been passed on to the officers (reference "
        "*{code}*).\n{when}\nAnything more to add? Write it here: we pass everything on. Reply "
        "*done* when you have finished, or *menu* for anything else.",
    ),
    "follow_up.sent": (
        "✅ Pengaduan Anda sudah terkirim dengan nomor tiket *{ticket}*; tidak perlu dikirim "
        "lagi. Perkembangannya kami kabarkan di sini. Cek kapan saja: balas *status*.",
        "✅ Your complaint has been sent, ticket number *{ticket}*; there is no need to send it "
        "again. We will tell you of its progress here. Check anytime: reply *status*.",
    ),
    "follow_up.withdraw": (
        "Pengaduan *{ticket}* yang sudah tercatat tidak dapat dibatalkan lewat chat ini; "
        "petugas yang memutuskan. Permintaan Anda sudah kami teruskan kepada mereka (kode "
        "*{code}*): tulis alasannya di sini.\n{when}\nBalas *selesai* bila sudah.",
        "Complaint *{ticket}* has been recorded, so it cannot be withdrawn in this chat; the "
        "officers decide. We have passed your request on to them (reference *{code}*): write "
        "your reason here.\n{when}\nReply *done* when you have finished.",
    ),
    # the wish to withdraw said with its reason ("cabut laporan saya, paspornya udah jadi")
    "follow_up.withdraw.reason": (
        "Pengaduan *{ticket}* yang sudah tercatat tidak dapat dibatalkan lewat chat ini; "
        "petugas yang memutuskan. Permintaan Anda beserta alasannya sudah kami teruskan kepada "
        "mereka (kode *{code}*).\n{when}\nMasih ada yang ingin disampaikan? Tulis di sini; "
        "balas *selesai* bila sudah.",
        "Complaint *{ticket}* has been recorded, so it cannot be withdrawn in this chat; the "
        "officers decide. We have passed your request and your reason on to them (reference "
        "*{code}*).\n{when}\nAnything more to say? Write it here; reply *done* when you have "
        "finished.",
    ),
    "follow_up.objection": (
        "Mohon maaf, masalah Anda belum terselesaikan. 🙏 Tanggapan Anda tentang pengaduan "
        "*{ticket}* sudah kami teruskan kepada petugas (kode *{code}*).\n{when}\nMasih ada? "
        "Tulis di sini; balas *selesai* bila sudah. Penilaian tetap bisa diberikan kapan saja: "
        "*nilai {ticket} 1* sampai *5*.",
        "We are sorry your problem has not been settled. 🙏 What you said about complaint "
        "*{ticket}* has been passed on to the officers (reference *{code}*).\n{when}\nAnything "
        "more? Write it here; reply *done* when you have finished. You can still rate the "
        "handling at any time: *rate {ticket} 1* to *5*.",
    ),
    "follow_up.question": (
        "❓ Pertanyaan Anda tentang hasil pengaduan *{ticket}* sudah kami teruskan kepada "
        "petugas (kode *{code}*); jawabannya datang di chat ini.\n{when}\nMasih ada? Tulis di "
        "sini; balas *selesai* bila sudah. Penilaian tetap bisa diberikan kapan saja: "
        "*nilai {ticket} 1* sampai *5*.",
        "❓ Your question about the outcome of complaint *{ticket}* has been passed on to the "
        "officers (reference *{code}*); their answer comes in this chat.\n{when}\nAnything "
        "more? Write it here; reply *done* when you have finished. You can still rate the "
        "handling at any time: *rate {ticket} 1* to *5*.",
    ),
    # a story-like message soon after filing (`filed.ask`): about that complaint, or new?
    "about_filed.ask": (
        "Apakah pesan ini tentang pengaduan *{ticket}* ({type})?",
        "Is this message about complaint *{ticket}* ({type})?",
    ),
    "about_filed.yes": ("Ya, teruskan ke petugasnya", "Yes, pass it to its officers"),
    "about_filed.no": ("Bukan, pengaduan baru", "No, a new complaint"),
    "about_filed.unsent": (
        "Pesan Anda tadi belum kami kirim ke petugas mana pun. Pilih dulu:",
        "Your earlier message has not been sent to anyone yet. Please choose first:",
    ),
    "about_filed.numbers": (
        "Balas *1* atau *2*: pesan Anda tadi belum kami kirim ke petugas mana pun.",
        "Please reply *1* or *2*: your earlier message has not been sent to anyone yet.",
    ),
    "about_filed.kept": (
        "Pesan ini kami simpan bersama pesan sebelumnya; belum ada yang terkirim ke petugas.",
        "This message is kept with the one before; neither has been sent to the officers yet.",
    ),
    # an urgent message while the person has several open complaints (`filed.ask`)
    "about_filed.urgent": (
        "Kami mengerti ini mendesak. 🙏 Pesan Anda belum terkirim ke petugas: jawab dulu "
        "pertanyaan di bawah, lalu langsung kami teruskan. Bila tidak bisa menunggu, datanglah "
        "ke kantor pada jam layanan ({hours}) atau hubungi {contact}.",
        "We understand this is urgent. 🙏 Your message has not been sent to the officers yet: "
        "answer the question below and we pass it on at once. If it cannot wait, come to the "
        "office during service hours ({hours}) or call {contact}.",
    ),
    # an urgent message about the only open complaint, passed on at once (`routing.urgent`)
    "follow_up.urgent": (
        "🚨 Pesan Anda sudah kami teruskan *sebagai pesan mendesak* kepada petugas yang "
        "menangani pengaduan *{ticket}* (kode *{code}*).{deadline}\n{when}\nAnda kini terhubung "
        "dengan petugas: tulis di sini bila ingin bicara dengan mereka, semuanya kami teruskan; "
        "balas *selesai* bila sudah. Bila tidak bisa menunggu balasan, datanglah ke kantor atau "
        "hubungi {contact}.",
        "🚨 Your message has been passed on *as urgent* to the officers handling complaint "
        "*{ticket}* (reference *{code}*).{deadline}\n{when}\nYou are now connected with the "
        "officers: write here to talk to them, we pass everything on; reply *done* when you "
        "have finished. If you cannot wait for their answer, come to the office or call "
        "{contact}.",
    ),
    "follow_up.urgent.deadline": (
        " Kami sampaikan juga kepada mereka bahwa {deadline}.",
        " We have also told them that {deadline}.",
    ),
    # a deadline of the person's own read in the story, said with the ticket
    # (`deadline.at_filing`)
    "deadline.filed": (
        "⏰ Anda menyebut bahwa {deadline}. Tanggal itu sudah kami sampaikan kepada petugas "
        "bersama pengaduan ini.",
        "⏰ You mentioned that {deadline}. The officers have been told of that date with your "
        "complaint.",
    ),
    "deadline.filed.before": (
        "Hasil pengaduan bisa baru keluar sesudah tanggal itu, jadi jangan menunggunya untuk "
        "mengurus {noun} Anda: datanglah ke kantor pada jam layanan ({hours}) atau hubungi "
        "{contact}, atau balas *petugas* untuk bicara dengan petugas di sini.",
        "The outcome may only come after that date, so do not wait for it to deal with your "
        "{noun}: come to the office during service hours ({hours}) or call {contact}, or reply "
        "*officer* to talk to an officer here.",
    ),
    "deadline.on": ("pada {date}", "on {date}"),
    "deadline.around": ("sekitar {date}", "around {date}"),
    "deadline.what.izin_tinggal": ("izin tinggal Anda berakhir {when}",
                                   "your stay permit expires {when}"),
    "deadline.what.visa": ("visa Anda berakhir {when}", "your visa expires {when}"),
    "deadline.what.paspor": ("paspor Anda habis masa berlakunya {when}",
                             "your passport expires {when}"),
    "deadline.what.berangkat": ("Anda berangkat {when}", "you are leaving {when}"),
    "safe.none": (
        "🔒 Identitas Anda kami lindungi. Saat mengadu Anda boleh memilih *tanpa nama* (tidak "
        "ada petugas yang melihat nama atau nomor Anda; balasan tetap lewat chat ini) atau "
        "*nama dirahasiakan* (hanya Kasi Tikkim dan Kepala Kantor yang mengetahuinya). "
        "Pengaduan tentang pungli atau perilaku petugas selalu dirahasiakan, kecuali Anda "
        "sendiri memilih disebut. Pemberitahuan lengkap: balas *privasi*.",
        "🔒 Your identity is protected. When you complain you may choose *anonymous* (no "
        "officer sees your name or number; replies still come through this chat) or *name kept "
        "confidential* (only the Head of Section and the Head of Office know it). Complaints "
        "about illegal fees or officers' conduct are always kept confidential unless you "
        "choose to be named. Full notice: reply *privacy*.",
    ),
    "safe.anonymous": (
        "🔒 Pengaduan *{ticket}* tercatat *tanpa nama*: tidak ada petugas yang melihat nama "
        "atau nomor Anda, dan dokumennya menulis \"Anonim\". Balasan petugas tetap sampai lewat "
        "chat ini. Pemberitahuan lengkap: balas *privasi*.",
        "🔒 Complaint *{ticket}* is recorded *anonymously*: no officer sees your name or number, "
        "and its documents say \"Anonim\". The officers' replies still reach you in this chat. "
        "Full notice: reply *privacy*.",
    ),
    "safe.confidential": (
        "🔒 Pengaduan *{ticket}* tercatat dengan identitas *dirahasiakan*: nama Anda hanya "
        "diketahui Kasi Tikkim dan Kepala Kantor. Petugas lain tidak melihatnya, dan dokumennya "
        "menulis \"Dirahasiakan\". Pemberitahuan lengkap: balas *privasi*.",
        "🔒 Complaint *{ticket}* is recorded with your identity *kept confidential*: only the "
        "Head of Section and the Head of Office know your name. Other officers do not see it, "
        "and its documents say \"Dirahasiakan\". Full notice: reply *privacy*.",
    ),
    "safe.officer": (
        "Khawatir atau merasa terancam? Balas *petugas* untuk bicara dengan petugas di sini; "
        "identitas Anda tetap dijaga seperti di atas.",
        "Worried, or feeling threatened? Reply *officer* to talk to an officer here; your "
        "identity stays protected as above."),
    "safe.named": (
        "Pengaduan *{ticket}* tercatat *dengan nama* Anda: petugas yang menanganinya dapat "
        "melihat nama Anda; nomor Anda selalu disamarkan. Ingin identitas Anda dirahasiakan? "
        "Balas *petugas* dan sampaikan permintaan Anda. Pemberitahuan lengkap: balas *privasi*.",
        "Complaint *{ticket}* is recorded *with your name*: the officers handling it can see "
        "your name; your number is always masked. Would you like your identity kept "
        "confidential? Reply *officer* and ask. Full notice: reply *privacy*.",
    ),
    "officer.number_hidden": (
        "🔒 Nomor telepon atau nomor identitas dalam pesan Anda tidak kami teruskan kepada "
        "petugas: pengaduan *{ticket}* tercatat {mode}, sehingga petugas tidak melihat nomor "
        "Anda. Anda tidak perlu memberikannya: petugas membalas di chat ini, jadi tulis saja "
        "jawaban Anda di sini tanpa nomor.{contact}",
        "🔒 Phone or ID numbers in your message are not passed on to the officers: complaint "
        "*{ticket}* is recorded {mode}, so the officers do not see your number. You do not need "
        "to give it: the officers reply in this chat, so just write your answer here without "
        "the number.{contact}",
    ),
    "officer.number_hidden.any": (
        "🔒 Nomor telepon atau nomor identitas dalam pesan Anda tidak kami teruskan kepada "
        "petugas: petugas tidak pernah melihat nomor Anda. Anda tidak perlu memberikannya: "
        "petugas membalas di chat ini, jadi tulis saja jawaban Anda di sini tanpa nomor."
        "{contact}",
        "🔒 Phone or ID numbers in your message are not passed on to the officers: they never "
        "see your number. You do not need to give it: the officers reply in this chat, so just "
        "write your answer here without the number.{contact}",
    ),
    "officer.number_hidden.anonymous": ("*tanpa nama*", "*anonymously*"),
    "officer.number_hidden.confidential": ("dengan identitas *dirahasiakan*",
                                           "with your identity *kept confidential*"),
    "officer.number_hidden.contact": (
        " Bila Anda memang ingin ditelepon petugas, hubungi sendiri kantor kami di {contact}; "
        "dengan begitu petugas mengetahui nomor Anda.",
        " If you do want an officer to call you, contact the office yourself at {contact}; the "
        "officers then know your number.",
    ),
    "pin.here": (
        "Dari {channel} ini Anda tidak perlu PIN: balas *status* untuk melihat pengaduan Anda. "
        "PIN hanya diminta bila memeriksa dari nomor, akun, atau perangkat lain.",
        "From this {channel} you need no PIN: reply *status* to see your complaint. The PIN is "
        "only asked when you check from another number, account or device.",
    ),
    "safe.asked": (
        "🔒 *Tanpa nama*: tidak ada petugas yang melihat nama atau nomor Anda; balasan tetap "
        "lewat chat ini. *Dengan nama*: petugas yang menangani melihat nama Anda (nomor selalu "
        "disamarkan), dan Anda dapat meminta nama dirahasiakan sehingga hanya Kasi Tikkim dan "
        "Kepala Kantor yang mengetahuinya. Pengaduan tentang pungli atau perilaku petugas "
        "selalu dirahasiakan, kecuali Anda sendiri memilih disebut.",
        "🔒 *Anonymous*: no officer sees your name or number; replies still come through this "
        "chat. *With your name*: the officers handling it see your name (your number is always "
        "masked), and you can ask for it to be kept confidential, so that only the Head of "
        "Section and the Head of Office know it. Complaints about illegal fees or officers' "
        "conduct are always kept confidential unless you choose to be named.",
    ),
    "correct.ok": ("Baik, kita perbaiki.", "All right, let's correct that."),
    "correct.done": ("Baik, sudah kami ubah.", "All right, it's changed."),
    "correct.same": ("Identitas Anda sudah tercatat begitu; tidak ada yang berubah.",
                     "Your identity is already recorded that way; nothing has changed."),
    "identity.alias": (
        "Nama samaran tidak perlu: pilih *Tanpa nama (anonim)*, dan kabar pengaduan tetap kami "
        "kirim lewat chat ini. Bila memakai nama, tulis nama asli Anda; nama itu dapat "
        "dirahasiakan sehingga hanya Kasi Tikkim dan Kepala Kantor yang mengetahuinya.",
        "No need for a false name: choose *Anonymous*, and we still keep you updated in this "
        "chat. If you give a name, give your real one; it can be kept confidential so that only "
        "the Head of Section and the Head of Office know it.",
    ),
}
