"""What a status check says about a PIN: one of the wrong length, and a lost one on a channel
other than the web chat (bot/conversation/status.py)."""
from __future__ import annotations

STATUS_TEXTS: dict[str, tuple[str, str]] = {
    "status_pin.length": ("PIN terdiri dari 6 angka; yang Anda kirim {digits} angka.",
                          "The PIN has 6 digits; you sent {digits}."),
    "status.pin_needs_ticket": (
        "Itu tampaknya PIN. PIN hanya berlaku bersama nomor tiketnya: kirim nomor tiket "
        "bersama PIN-nya (contoh: *{example}* lalu PIN 6 angka Anda).",
        "That looks like a PIN. A PIN only works with its ticket number: send the ticket "
        "number together with the PIN (for example *{example}* followed by your 6-digit PIN)."),
    "status_pin.again": ("Kirim lagi PIN 6 angka yang Anda terima saat mengadu.",
                         "Please send the 6-digit PIN you received when you filed the "
                         "complaint."),
    # the web chat's reader gets "status_lost_pin", which also explains browser sessions
    "status_lost_pin.chat": (
        "Lupa PIN? Pilih *Bicara dengan petugas* di menu. Setelah petugas memastikan identitas "
        "Anda, PIN baru dikirim ke nomor atau akun tempat Anda mengadu.",
        "Lost your PIN? Choose *Talk to an officer* in the menu. Once an officer has checked "
        "who you are, a new PIN is sent to the number or account you filed the complaint from.",
    ),
}
