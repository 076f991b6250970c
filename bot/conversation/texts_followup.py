"""What a person is told when they come back to a complaint they already filed: more evidence
or details for it, or a wish to withdraw it (`officer.follow_up`)."""
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
    "follow_up.withdraw": (
        "Pengaduan *{ticket}* yang sudah tercatat tidak dapat dibatalkan lewat chat ini; "
        "petugas yang memutuskan. Permintaan Anda sudah kami teruskan kepada mereka (kode "
        "*{code}*): tulis alasannya di sini.\n{when}\nBalas *selesai* bila sudah.",
        "Complaint *{ticket}* has been recorded, so it cannot be withdrawn in this chat; the "
        "officers decide. We have passed your request on to them (reference *{code}*): write "
        "your reason here.\n{when}\nReply *done* when you have finished.",
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
}
