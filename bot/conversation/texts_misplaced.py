"""What is said when a message at "when?", "where?" or "who?" is clearly no answer to it: a
go-ahead typed as at the summary, a number beyond the choices (bot/conversation/misplaced.py)."""
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
}
