"""What is said when a message at "when?", "where?" or "who?" is clearly no answer to it: a
go-ahead typed as at the summary, a number beyond the choices, contact details
(bot/conversation/misplaced.py); and when a message is no answer to any question: a file's
caption, a forwarded message, a file too large, a contact card (bot/conversation/engine.py)."""
from __future__ import annotations

MISPLACED_TEXTS: dict[str, tuple[str, str]] = {
    "answer.go_word": (
        "Pertanyaan ini belum terjawab. Tulis jawabannya atau pilih salah satu; bila tidak "
        "tahu, balas *lewati*.",
        "This question is not answered yet. Type the answer or choose one; if you don't know, "
        "reply *skip*."),
    "answer.out_of_range": (
        "Pilihannya hanya nomor 1 sampai {n}. Balas nomornya, atau tulis jawabannya dengan "
        "kata-kata.",
        "The choices are numbered 1 to {n}. Reply with one of them, or type the answer in "
        "words."),
    "answer.contact.when": (
        "Itu bukan waktu kejadian, melainkan kontak. Nomor HP atau e-mail tidak perlu: kami "
        "membalas Anda di chat ini.",
        "That is not when it happened but contact details. No phone number or e-mail is "
        "needed: we reply to you in this chat."),
    "answer.contact": (
        "Itu kontak, bukan jawaban pertanyaan ini. Nomor HP atau e-mail tidak perlu: kami "
        "membalas Anda di chat ini.",
        "That is contact details, not an answer to this question. No phone number or e-mail "
        "is needed: we reply to you in this chat."),
    "caption.kept": (
        "Keterangan lampiran itu kami catat bersama cerita Anda.",
        "We keep that description of the attachment with your story."),
    "forwarded.kept": (
        "Pesan yang Anda teruskan kami catat bersama cerita sebagai bukti, dengan tanda "
        "diteruskan.",
        "The message you forwarded is kept with your story as evidence, marked as forwarded."),
    "forwarded.full": (
        "Cerita Anda sudah mencapai batas panjangnya; pesan yang diteruskan itu tetap tersimpan "
        "di percakapan ini.",
        "Your story has reached its length limit; the forwarded message is still kept in this "
        "chat."),
    "media.too_large": (
        "Berkas itu terlalu besar (maks. {mb} MB) dan tidak kami simpan; kirim versi yang "
        "lebih kecil (potong atau kompres videonya), atau ceritakan isinya.",
        "That file is too large (max. {mb} MB) and was not kept; send a smaller version (trim "
        "or compress the video), or tell us what it shows."),
    "media.too_large_later": (
        "Maaf, satu berkas yang Anda kirim ternyata terlalu besar (maks. {mb} MB) dan tidak "
        "tersimpan. Kirim versi yang lebih kecil, atau ceritakan isinya.",
        "Sorry, one file you sent turned out to be too large (max. {mb} MB) and was not kept. "
        "Send a smaller version, or tell us what it shows."),
    "contact.card": (
        "Kartu kontak tidak kami simpan. Tuliskan dengan kata-kata apa hubungannya dengan "
        "pengaduan Anda (misalnya: \"itu nomor calo yang menawarkan jasa\").",
        "We do not keep contact cards. Please type what it has to do with your complaint (for "
        "example: \"that is the number of the broker who offered his services\")."),
    "group.private": (
        "Pengaduan tidak kami terima di grup, agar identitas Anda terlindungi. Silakan chat "
        "pribadi dengan bot ini{link}.",
        "Complaints are not taken in a group, to protect your identity. Please chat with this "
        "bot privately{link}."),
}
