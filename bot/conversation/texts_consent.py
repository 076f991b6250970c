"""What the owner of a number is asked, and told, when a data-subject request is made by their
number (bot/conversation/consent.py)."""
from __future__ import annotations

CONSENT_TEXTS: dict[str, tuple[str, str]] = {
    "consent.ask_export": (
        "🔐 {office} menerima permintaan *salinan data pribadi* yang kami simpan tentang "
        "nomor/akun ini: pengaduan, pesan dan lampiran. Kasi Tikkim akan menyerahkannya kepada "
        "pemohon; bila Anda pernah mengadu *tanpa nama*, dari salinan itu petugas akan tahu "
        "bahwa pengaduan tersebut dari Anda.\n"
        "Bila Anda sendiri yang meminta, balas *SETUJU*. Bila tidak, balas *TOLAK* atau abaikan "
        "pesan ini: tanpa persetujuan Anda tidak ada data yang diserahkan. Berlaku {hours} jam.",
        "🔐 {office} has received a request for a *copy of the personal data* we hold about "
        "this number/account: complaints, messages and attachments. The Head of Section "
        "(Kasi Tikkim) will hand it to whoever asked; if you ever complained *anonymously*, the "
        "copy tells the officers that complaint was yours.\n"
        "If you made this request yourself, reply *AGREE*. If not, reply *REFUSE* or ignore "
        "this message: without your consent no data is handed over. Valid for {hours} hours.",
    ),
    "consent.ask_erase": (
        "🔐 {office} menerima permintaan *penghapusan data pribadi* nomor/akun ini: nomor, nama, "
        "isi pesan dan lampiran akan dihapus, dan pengaduan Anda menjadi anonim (pengaduannya "
        "tetap ditangani). Tidak dapat dibatalkan.\n"
        "Bila Anda sendiri yang meminta, balas *SETUJU*. Bila tidak, balas *TOLAK* atau abaikan "
        "pesan ini: tanpa persetujuan Anda tidak ada yang dihapus. Berlaku {hours} jam.",
        "🔐 {office} has received a request to *erase the personal data* of this "
        "number/account: the number, names, message texts and attachments will be deleted and "
        "your complaints become anonymous (they are still handled). This cannot be undone.\n"
        "If you made this request yourself, reply *AGREE*. If not, reply *REFUSE* or ignore "
        "this message: without your consent nothing is erased. Valid for {hours} hours.",
    ),
    "consent.agreed_export": (
        "✅ Terima kasih, persetujuan Anda dicatat. Kasi Tikkim akan menyerahkan salinan data "
        "Anda kepada pemohon.",
        "✅ Thank you, your consent is recorded. The Head of Section will hand the copy of your "
        "data to the person who asked for it.",
    ),
    "consent.agreed_erase": (
        "✅ Terima kasih, persetujuan Anda dicatat. Kasi Tikkim akan menghapus data Anda; "
        "setelah itu percakapan ini pun terhapus.",
        "✅ Thank you, your consent is recorded. The Head of Section will erase your data; this "
        "conversation is erased with it.",
    ),
    "consent.refused": (
        "Baik, permintaan itu tidak dilanjutkan: tidak ada data yang diserahkan atau dihapus. "
        "Bila Anda merasa ada yang mencoba meminta data Anda, pilih *Bicara dengan petugas*.",
        "Understood, the request is dropped: no data is handed over or erased. If you think "
        "someone is trying to obtain your data, choose *Talk to an officer*.",
    ),
    "consent.which_export": (
        "🔐 Untuk permintaan *salinan data pribadi* nomor ini: bila Anda sendiri yang meminta, "
        "balas *SETUJU*; bila tidak, balas *TOLAK*.",
        "🔐 About the request for a *copy of the personal data* of this number: if you made it "
        "yourself, reply *AGREE*; if not, reply *REFUSE*.",
    ),
    "consent.which_erase": (
        "🔐 Untuk permintaan *penghapusan data pribadi* nomor ini: bila Anda sendiri yang "
        "meminta, balas *SETUJU*; bila tidak, balas *TOLAK*.",
        "🔐 About the request to *erase the personal data* of this number: if you made it "
        "yourself, reply *AGREE*; if not, reply *REFUSE*.",
    ),
}
