"""Right after filing, or after news of it: is a new story about that complaint, or a new one?

People come back to the complaint they just filed in a few words that name no follow-up
("sy tdk terima, jelas2 dia bentak sy, ada saksi", "saksinya ada 2 orang"). When their last
complaint was filed, or last moved on (news sent to them), within `RECENT_DAYS`, a free-text
message at the menu that would begin a new story, and does not itself say it is a new
complaint, is kept (its words and files) and one question is asked: about *TRK-…*, or a new
complaint? The menu reads the answer (`menu.Menu`).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bot.conversation import deadline, draft
from bot.conversation.choices import normalise, pick
from bot.conversation.info import hours_text
from bot.conversation.texts import t
from bot.conversation.turn import Go, State, Turn
from bot.conversation.understand import grievance, menu_wish, said, says_send
from bot.delicate import delicate_kind
from bot.messages import Choice, Reply
from storage.models import Complaint

# In the conversation's data: {"ticket", "at", "said": [{"id", "text", "files"}]}.
KEY = "about_filed"
RECENT_DAYS = 14
# A question left unanswered this long is forgotten (the menu is the menu again).
KEPT_HOURS = 24
# Saying it is another complaint: "mau lapor lagi", "pengaduan baru", "another complaint",
# "bukan soal yang kemarin".
_NEW = re.compile(
    r"\b(lapor|melapor|laporan|pengaduan|aduan|komplain|keluhan|mengadu|ngadu|report|complain|"
    r"complaint)( satu)? (lagi|lg|baru|lain|lainnya|kedua)\b|"
    r"\b(another|new|second|different|separate|other) (complaint|report|issue|problem|matter)\b|"
    r"\b(pengaduan|laporan|aduan|komplain|keluhan|masalah|hal|soal|kasus) (baru|lain|lainnya|"
    r"berbeda|beda)\b|\bbukan (soal |tentang |masalah |ttg )?(yang |yg )?(tadi|kemarin|kmrn|"
    r"sebelumnya|itu)\b|\bnot (about|for) (that|the|my) (last|previous|earlier|other)\b")
# A wish to withdraw a complaint ("cabut laporan", "pengaduan saya dibatalkan saja", "withdraw my
# complaint"), in Malay as people in Tarakan write it ("sy nak tarik balik laporan", "laporan
# sy nak tarik balik") and in everyday words ("gak jadi lapor deh").
_WITHDRAW = re.compile(
    r"\b(cabut|mencabut|tarik|menarik|batal|batalkan|batalin|membatalkan|hapus|hapuskan|"
    r"menghapus)( balik| kembali)? (saja |aja |je )?(laporan|pengaduan|aduan|komplain|keluhan)\b|"
    r"\b(laporan|pengaduan|aduan|komplain|keluhan)(nya)? ((saya|sy|aku|tadi|kemarin) )?(mau |"
    r"nak |ingin |minta )?(di)?(cabut|batalkan|batalin|batal|tarik|hapus)\b|"
    r"\b(gak|ga|gk|nggak|ngga|enggak|tidak|tdk|tak|ndak) (jadi|jd|jdi) (lapor|melapor|"
    r"laporin|ngelapor|ngadu|mengadu|komplain)\b|\bgajadi (lapor|ngadu|komplain)\b|"
    r"\b(withdraw|cancel|retract|delete|take back) (my |the |this )?(complaint|report)\b")
# Naming the complaint already made: "laporan sy", "pengaduan kemarin", "my complaint".
_MINE = re.compile(r"\b(pengaduan|laporan|aduan|komplain|keluhan|tiket)(nya)? (sy|saya|aku|ku|kami|"
                   r"tadi|kemarin|kmrn|sebelumnya)\b|\bmy (complaint|report|ticket)\b")
# In the conversation's data: the complaint this conversation has just filed ({"ticket", "at"}),
# until the menu is shown or read again (`sent_again`).
JUST = "just_filed"
# A repeat of the summary's send comes at once: a double tap, or a resend on a slow line.
AGAIN_MINUTES = 5
# The summary's send, said again: its number, its button, its word.
_SEND = {"1", "kirim", "kirimkan", "send", "submit", "kirim pengaduan", "send the complaint"}


def just_filed(turn: Turn, ticket: str) -> None:
    """Note the complaint filed by this turn (`sent_again` reads it next turn)."""
    turn.data[JUST] = {"ticket": ticket, "at": turn.now.isoformat()}


def sent_again(turn: Turn) -> str | None:
    """The ticket just filed, when this message is the summary's send said again ("1",
    "kirim", its button) right after filing, nothing read at the menu in between; before, it
    was the menu's "1" and opened an empty draft that took the files meant for the ticket.
    The note is used up by any message at the menu (None: not such a repeat)."""
    mark = turn.data.pop(JUST, None)
    if not mark or turn.inbound.media or not turn.text:
        return None
    if dt.datetime.fromisoformat(mark["at"]) < turn.now - dt.timedelta(minutes=AGAIN_MINUTES):
        return None
    if normalise(turn.text) in _SEND or said(turn.text) in _SEND or says_send(turn.text):
        return mark["ticket"]
    return None


# Yes and no, said alone, beyond the choices' labels and numbers.
_YES = {"ya", "iya", "iyaa", "y", "yes", "yup", "yep", "yeah", "betul", "benar", "iya betul",
        "ya betul", "ya benar", "teruskan", "ya teruskan", "yang itu", "yg itu", "itu",
        "pengaduan itu", "that one", "ya itu", "iya itu"}
_NO = {"bukan", "bkn", "tidak", "tdk", "ga", "gak", "nggak", "no", "n", "nope", "baru",
       "pengaduan baru", "laporan baru", "new", "new complaint", "new one", "lain", "yang lain",
       "yg lain", "another", "another one", "bukan itu", "no new"}
# Forms of address and particles around a yes or a no: "iya min", "bukan pak".
_ADDRESS = {"min", "admin", "kak", "ka", "kakak", "pak", "bu", "bapak", "ibu", "mas", "mbak",
            "ya", "yah", "aja", "saja", "deh", "dong", "sih", "nih", "please", "sir", "madam"}
# Words that open a "no" followed by what the new complaint is: "bukan, ini soal calo".
_NO_FIRST = {"bukan", "bkn"}


def withdraws(text: str) -> bool:
    """A wish to withdraw a complaint, however it is said (whether one is on file is not
    asked here)."""
    return _WITHDRAW.search(said(text)) is not None


def purpose_of(turn: Turn, kept: list[dict[str, Any]]) -> str:
    """What the messages kept while "is this about TRK-…?" waited came to do, once the person
    said they are about it: a wish to withdraw ("I'd like to withdraw my complaint please, …",
    too long to be read as one at the menu) stays one ("withdraw"); else they tell more
    ("told"). A withdrawal while a draft waits is about the draft; "petugas memaksa saya
    mencabut laporan" tells of one, and is not."""
    if draft.resume(turn) is None and any(withdraws(m["text"] or "") and not grievance(
            m["text"]) for m in kept):
        return "withdraw"
    return "told"


def says_new(text: str) -> bool:
    """The message itself says it is another complaint ("mau lapor lagi, ada calo …"), or
    is a wish to complain said in so many words that names no earlier one."""
    s = said(text)
    if _NEW.search(s):
        return True
    return menu_wish(text) == ("complain", True) and _MINE.search(s) is None


# Pointing back at what was told before: "dia", "petugas itu", "yang tadi", "sy tdk terima",
# "ada saksi", "he", "the same officer" (a report that names its officer afresh does not).
_BACK = re.compile(r"\b(dia|beliau|doi|orang itu|org itu|petugas itu|pegawai itu|petugas tadi|"
                   r"orang tadi|yang tadi|yg tadi|tsb|tersebut|juga|jg|(tdk|tidak|ga|gak|"
                   r"nggak|ngga|gk) terima|saksi|saksinya|he|she|him|her|the same|that officer|"
                   r"same officer)\b")


def new_report(turn: Turn, complaint: Complaint, text: str) -> bool:
    """A levy told ("satu lagi pak, satpam di parkiran minta uang parkir 10rb tanpa karcis")
    after a complaint of a type that is not sensitive (a passport's delay): a new report, not a
    note on that complaint. So is an officer's conduct ("petugas loket 3 membentak saya") after
    such a complaint whose story told of no conduct, unless the message points back at what
    was told ("jelas2 dia bentak sy, ada saksi"), names the complaint ("pengaduan saya"), or
    shares the words of its story. After a levy or conduct complaint it may be more of the same."""
    if complaint.type in turn.config.sensitive_types:
        return False
    kind = delicate_kind(text)
    if kind == "pungli":
        return True
    if kind != "perilaku_petugas" or delicate_kind(complaint.description) is not None:
        return False
    return not continues(turn, complaint, text)


# Evidence brought: "ini foto petugas yang …", "berikut buktinya".
_EVIDENCE = re.compile(r"\b(ini|itu|berikut|here is|here s|this is) (the )?(foto|fotonya|bukti|"
                       r"buktinya|video|videonya|rekaman|rekamannya|screenshot|ss|photo|picture|"
                       r"evidence|recording)\b")
# Words too common at an immigration office to tie two stories together.
_COMMON = {"saya", "sy", "petugas", "petugasnya", "pegawai", "kantor", "loket", "imigrasi",
           "yang", "sudah", "udah", "udh", "tadi", "waktu", "karena", "karna", "dengan", "dgn",
           "untuk", "utk", "tidak", "tdk", "bisa", "kami", "kita", "mereka", "sama", "juga",
           "ada", "ini", "itu", "pagi", "siang", "sore", "malam", "hari", "kemarin", "tolong",
           "mohon", "the", "officer", "that", "this", "with", "when", "have", "was", "were"}
# Words of the earlier story a message must share to be more of it.
SHARED_WORDS = 2


def continues(turn: Turn, complaint: Complaint, text: str) -> bool:
    """The message plausibly goes on with `complaint`: it points back at what was told, names
    the complaint as the person's, brings evidence ("ini foto petugas yang bentak sy", a file
    with it), or shares the story's words ("… waktu sy tanya kenapa paspor sy blm jadi").
    Naming a passport alone does not: nearly everything here does."""
    s = said(text)
    if _BACK.search(s) or _MINE.search(s) or _EVIDENCE.search(s) or turn.inbound.media:
        return True
    mine = {w for w in s.split() if len(w) >= 4 and w not in _COMMON}
    told = {w for w in said(complaint.description or "").split()
            if len(w) >= 4 and w not in _COMMON}
    return len(mine & told) >= SHARED_WORDS


def reminder(turn: Turn) -> Reply | None:
    """While the question waits, a message that answers neither ("ok thanks"): the kept
    message is not sent yet, and the two choices again (None: no question waits)."""
    kept = pending(turn)
    if kept is None:
        return None
    return question(turn, kept, turn.t("about_filed.unsent") + "\n")


def recent(turn: Turn) -> Complaint | None:
    """The person's last complaint, when it was filed or last moved on (news sent to them)
    within `RECENT_DAYS`."""
    last = turn.unit.complaints_of(turn.complainant.id, limit=1)
    if not last:
        return None
    since = turn.now - dt.timedelta(days=RECENT_DAYS)
    return last[0] if max(last[0].created_at, last[0].updated_at) >= since else None


def pending(turn: Turn) -> dict[str, Any] | None:
    """The question waiting for its answer, with the messages kept (None: none, or too old)."""
    kept = turn.data.get(KEY)
    if not kept:
        return None
    if dt.datetime.fromisoformat(kept["at"]) < turn.now - dt.timedelta(hours=KEPT_HOURS):
        turn.data.pop(KEY, None)
        return None
    return kept


def question(turn: Turn, kept: dict[str, Any], head: str = "") -> Reply:
    complaint = turn.unit.complaint_by_ticket(kept["ticket"])
    kind = turn.config.complaint_types.get(complaint.type) if complaint is not None else None
    label = kind.label(turn.lang) if kind is not None else ""
    text = turn.t("about_filed.ask", ticket=kept["ticket"], type=label)
    if not label:
        text = text.replace(" ()", "")
    return Reply(head + text, (Choice(turn.t("about_filed.yes")),
                               Choice(turn.t("about_filed.no"))))


def entry(turn: Turn, text: str) -> dict[str, Any]:
    """This message as it is kept: its id, words, files, and when it was said (a deadline in
    it, "visa saya habis besok", is read against that moment when it is relayed)."""
    files = len(turn.inbound.media)
    return {"id": turn.message_id, "text": text, "at": turn.now.isoformat(),
            "files": list(turn.data.get("attachments", []))[-files:] if files else []}


def ask(turn: Turn, complaint: Complaint, text: str) -> Go:
    """Keep this message (its words and files) and ask whether it is about `complaint`; a
    message more, while the question waits, joins the ones kept, and the person is told that
    none has been sent. An urgent one ("URGENT my visa expires next week") is acknowledged as
    such, with where to turn if it cannot wait."""
    said_now = entry(turn, text)
    head = ""
    if deadline.urgent(turn, text):
        head = turn.t("about_filed.urgent", hours=hours_text(turn),
                      contact=deadline.contact(turn)) + "\n"
    kept = pending(turn)
    if kept is not None and kept["ticket"] == complaint.ticket:
        kept["said"].append(said_now)
        turn.data[KEY] = kept
        head = head or turn.t("about_filed.kept") + "\n"
        return Go(State.MENU, [question(turn, kept, head)], ask_next=False)
    kept = {"ticket": complaint.ticket, "at": turn.now.isoformat(), "said": [said_now]}
    turn.data[KEY] = kept
    return Go(State.MENU, [question(turn, kept, head)], ask_next=False)


def _labels(key: str) -> list[str]:
    return [t(lang, key) for lang in ("id", "en")]


def answer(text: str) -> int | None:
    """0: yes, about that complaint; 1: no, a new one; None: neither."""
    s = normalise(text)
    chosen = pick(text, [_labels("about_filed.yes"), _labels("about_filed.no")])
    if chosen is not None:
        return chosen          # "1", "2", a choice's label (in a longer message too)
    core = " ".join(w for w in s.split() if w not in _ADDRESS) or s
    if core in _YES or s in _YES:
        return 0
    if core in _NO or s in _NO:
        return 1
    ws = s.split()
    if ws and ws[0] in _NO_FIRST or says_new(text):
        return 1
    return None


def rest_after_no(text: str) -> str:
    """What follows the "no" ("bukan, ini soal calo di depan kantor"): more of the new story."""
    s = normalise(text)
    core = " ".join(w for w in s.split() if w not in _ADDRESS) or s
    if pick(text, [_labels("about_filed.no")]) is not None or core in _NO or s in _NO:
        return ""
    ws = s.split()
    if ws and ws[0] in _NO_FIRST:
        parts = text.split(None, 1)
        return parts[1].lstrip(" ,.;:-") if len(parts) > 1 else ""
    return text
