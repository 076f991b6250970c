"""Closing the loop: the complainant rates the handling (1 to 5) and may add a comment."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import TYPE_CHECKING

from bot.concealed import is_pin_alone
from bot.conversation.choices import is_word
from bot.conversation.step import REGISTRY, Step, register
from bot.conversation.turn import DRAFT_STATES, LANG_HEARD, Go, State, Turn
from bot.conversation import consent, draft, officer
from bot.conversation.understand import (grievance, is_affirm, is_none, is_question,
                                         menu_wish, said, words)
from bot.delicate import delicate
from bot.events import OfficerRequested
from bot.identity import complainant_actor, is_sensitive
from bot.messages import Choice, Reply
from bot.sop.stages import Stage
from bot.tickets import find_ticket, text_after_ticket
from storage.models import StageEvent

if TYPE_CHECKING:
    from bot.notify import Notifier
    from storage.models import Complaint
    from storage.repo import Unit

COMMAND_WORDS = {"nilai", "rate", "rating", "penilaian"}
# Wishes that are no answer to "how was it?" (praise in words is asked for a number instead).
MOVING_ON = {"complain", "check_status", "talk_to_officer", "informasi"}
SKIP_WORDS = {"lewati", "skip", "tidak", "tidak usah", "no", "gak", "ga", "nggak", "-"}
FINISHED = (Stage.REPORTED.value, Stage.ARCHIVED.value)
MAX_COMMENT = 1000
# A number standing alone: the "2" of "jelas2" (a doubled word) or "2x" is no rating.
_NUMBER = re.compile(r"(?<![^\W\d_])-?\d+(?![^\W\d_])")
# The outcome did not settle it (the problem is still there): "paspor sy masih belum jadi",
# "belum ada tindakan", "it is still not resolved" (read on `said`). Displeasure alone ("not
# happy at all", "kecewa") is a low rating, asked for as a number.
_UNSETTLED = re.compile(
    r"\b(belum|blm|tidak|tdk|gak|ga|nggak|ngga|gk) (juga )?(selesai|beres|jadi|tuntas|"
    r"terselesaikan|ditindak|ditindaklanjuti|ada (hasil|tindakan|perubahan|kabar))\b|"
    r"\bmasih (belum|sama|saja|aja)\b|"
    # an objection to the finding: "sy tdk terima, jelas2 dia bentak sy, ada saksi"
    r"\b(tidak|tdk|gak|ga|nggak|ngga|gk|kurang) (bisa )?(terima|menerima|setuju|adil)\b|"
    r"\b(saya|sy|aku) keberatan\b|\bada (saksi|saksinya|bukti|buktinya)\b|"
    r"\b(i )?(do not|don t|dont|cannot|can t|cant) (accept|agree)\b|\bi disagree\b|"
    r"\bthat is not (true|fair)\b|\bi have (a )?(witness|witnesses|proof)\b|"
    r"\bnot (yet )?(resolved|solved|fixed|done|sorted)\b|\bstill (not|no|waiting)\b")
# A reply this long to the rating question may tell that the outcome did not settle it.
UNSETTLED_WORDS = 3

_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "satu": 1, "dua": 2,
                 "tiga": 3, "empat": 4, "lima": 5}
# A rating at the head of a reply, with how people dress it: "4", "4/5", "bintang 4", "4 dari
# 5 bintang", "⭐⭐⭐⭐", "four stars". What follows it is the comment ("4 cukup cepat, tapi …").
_LEADING_RATING = re.compile(
    r"^\s*(?:(?:ok|oke|okay|ya|iya)\s*,?\s*)?"
    # the person giving it: "saya kasih 4", "kasih 5 deh", "I'd give it a 3", "I give 5"
    r"(?:(?:(?:saya|sy|aku|i|i'd|i\s+would|i'll)\s+)?(?:kasih|kasi|beri|memberi|give)"
    r"(?:\s+(?:it|nilai|bintang))?(?:\s+(?:a|an))?\s+)?"
    r"(?:(?:bintang|nilai(?:nya)?|rating|skor|score)\s*:?\s*)?"
    r"(?:-?\d+|⭐+|(?:one|two|three|four|five|satu|dua|tiga|empat|lima)\b)"
    r"(?:\s*(?:/|dari|out of|of)\s*(?:5|five|lima)\b)?(?:\s*(?:bintang|stars?\b|⭐+))?",
    re.IGNORECASE)
# A word after a leading number that makes it a count, not a rating: "2 kali saya ke kantor",
# "3 hari belum ada kabar", "2x", "4 jam", "500 ribu".
_COUNTED = {"kali", "x", "kl", "hari", "hr", "jam", "menit", "minggu", "mgg", "bulan", "bln",
            "tahun", "thn", "th", "orang", "org", "loket", "lembar", "berkas", "ribu", "rb",
            "juta", "jt", "k", "times", "time", "days", "day", "hours", "hour", "weeks", "week",
            "months", "month", "years", "year", "minutes", "people", "persons", "pm", "am",
            "wita", "sore", "pagi", "siang", "malam"}
# A number in words leads a rating only in a short reply ("lima bintang"; "satu lagi pak, …"
# is no rating).
WORD_RATING_WORDS = 5
# A word after the number that is no comment ("4 aja", "5 ya", "4 ok").
_NO_COMMENT = {"ya", "saja", "aja", "ok", "oke", "okay", "deh", "sih", "dong", "kak", "pak",
               "bu", "min", "please", "thanks", "makasih", "terima kasih", "thank you"}


_NO_THANKS = {"nope", "no thanks", "no thank you", "not now", "maybe later", "later",
              "skip it", "nothing to add", "nope nothing to add", "no nothing to add",
              "nothing more", "ga usah", "gak usah", "nggak usah", "nanti saja", "nanti aja"}


def skips(text: str, comment: bool = False) -> bool:
    """'skip', 'no thanks', 'not now': no rating; as the comment also 'nothing', 'no comment',
    "I'd rather not say" (a comment that says nothing is not kept). 'tidak puas' is an answer."""
    return is_word(text, SKIP_WORDS) or said(text) in _NO_THANKS or (comment and is_none(text))


def read_rating(text: str) -> int | None | str:
    """1..5 from '4', '4/5', 'bintang 4' or '⭐⭐⭐⭐'; 'range' for another number; None."""
    stars = text.count("⭐")
    if stars and not _NUMBER.search(text):
        return stars if 1 <= stars <= 5 else "range"
    numbers = _NUMBER.findall(text)
    if not numbers:
        # "five stars", "four out of five", "lima bintang": a number in words, in a short reply
        ws = said(text).split()
        named = [_WORD_NUMBERS[w] for w in ws if w in _WORD_NUMBERS]
        return named[0] if named and len(ws) <= 5 else None
    value = int(numbers[0])
    return value if 1 <= value <= 5 else "range"


# A rating at the end of a short reply, after its comment: "mantap 5", "pelayanan bagus, 5",
# "cukup cepat, nilai 4", "ok lah 4/5", "puas, 5 bintang" (only number of the reply).
_TRAILING_RATING = re.compile(
    r"(?:^|[\s,.:;!\-–—]+)(?:(?:nilai(?:nya)?|bintang|rating|skor|score)\s*:?\s*)?"
    r"([1-5])(?:\s*(?:/|dari|out of|of)\s*(?:5|five|lima))?(?:\s*(?:bintang|stars?|⭐+))?"
    r"[\s.!]*$", re.IGNORECASE)
# Words after which a number names or counts something ("loket 5", "nunggu 5", "jam 4"): a
# reply ending so is no rating.
_NAMING = _COUNTED | {"loket", "nomor", "no", "nmr", "lantai", "pintu", "ruang", "ruangan",
                      "ke", "tanggal", "tgl", "antrian", "antrean", "gate", "counter", "umur",
                      "usia", "rp", "lebih", "kurang", "tinggal", "cuma", "hanya", "sudah",
                      "udah", "sdh", "baru", "nunggu", "menunggu", "tunggu", "kelas", "pasal",
                      "page", "halaman", "room", "number", "floor", "waited", "for", "only",
                      "antri", "antre", "nomer", "no.", "tinggal", "sisa"}
# The comment before a trailing rating is short: a longer text ending in a number is a story.
TRAILING_WORDS = 12


def _trailing(text: str) -> tuple[str, str] | None:
    """(the comment, the rating as written) of a short reply ending in its only number."""
    match = _TRAILING_RATING.search(text)
    if match is None or _NUMBER.search(text[:match.start()]) or "⭐" in text[:match.start()]:
        return None
    before = text[:match.start()].strip(" ,.;:!?-\u2013\u2014\n\t")
    ws = said(before).split()
    if not ws or len(ws) > TRAILING_WORDS or ws[-1] in _NAMING or is_question(text):
        return None
    return before, text[match.start():]


def given_rating(text: str) -> int | None | str:
    """The rating a reply to the rating question gives, when the reply is led by it: "4",
    "4/5", "bintang 4", "nilai 3 aja", "4 lumayan" (a comment after it), "saya kasih 4",
    "⭐⭐⭐⭐", "lima bintang"; 'range' for another number given so ("7"); None for anything
    else. A number inside a sentence ("saya ke loket 1 tadi", "sudah 2 kali", "jam 3") or one
    that counts something ("2 kali", "3 hari", "4.000") is never a rating."""
    match = _LEADING_RATING.match(text)
    if match is None:
        trailing = _trailing(text)
        return read_rating(trailing[1]) if trailing else None
    rest = text[match.end():]
    if re.match(r"\s*[.,:]\d", rest):
        return None                                  # "4.000", "3:30", "2,5"
    after = said(rest).split()
    if after and after[0] in _COUNTED or re.match(r"x\b", rest.strip(), re.IGNORECASE):
        return None                                  # "2 kali …", "3 hari …", "2x"
    head = text[:match.end()]
    if not _NUMBER.search(head) and "⭐" not in head and \
            len(words(text)) > WORD_RATING_WORDS:
        return None                                  # "satu lagi pak, …"
    return read_rating(head)


def bare_reading(text: str) -> int | None | str:
    """A reply that is a number and nothing else, read as a rating: 1..5 ('4', '4/5',
    'bintang 4', 'nilai 4', '4 aja', '⭐⭐⭐⭐'), 'range' for another one ('7', '0',
    '10 bintang'), None for anything else ('4 hari', '4.000', words)."""
    match = _LEADING_RATING.match(text)
    if match is None:
        return None
    rest = text[match.end():].strip(" ,.;:!?-\u2013\u2014\n\t")
    if rest and said(rest) not in _NO_COMMENT:
        return None
    return read_rating(text[:match.end()])


def bare_rating(text: str) -> int | None:
    """A reply that is a rating and nothing else: '4', '4/5', 'bintang 4', 'nilai 4', '4 aja',
    '⭐⭐⭐⭐'. Never a number that is something else: '4 hari', '4.000', a PIN, a ticket."""
    value = bare_reading(text)
    return value if isinstance(value, int) else None


def comment_with(text: str) -> str | None:
    """The comment written in the same message as the rating, after the number ("4 cukup cepat
    …, tapi ruang tunggunya panas" -> "cukup cepat …"); None when only the number was given.
    Asking for it again would make the person type it twice, and a "lewati" would lose it."""
    match = _LEADING_RATING.match(text)
    if match is None:
        trailing = _trailing(text)       # "pelayanan bagus, 5": the words before the number
        rest = trailing[0] if trailing else ""
    else:
        rest = text[match.end():].strip(" ,.;:!?-\u2013\u2014\n\t")
    if not rest or not any(ch.isalpha() for ch in rest) or said(rest) in _NO_COMMENT or \
            skips(rest, comment=True):
        return None
    return rest[:MAX_COMMENT]


def unsettled(text: str) -> bool:
    """The person says the outcome did not settle their complaint."""
    return len(words(text)) >= UNSETTLED_WORDS and (
        _UNSETTLED.search(said(text)) is not None or grievance(text))


def objects(text: str, rated: bool = False) -> bool:
    """An objection at the rating question, read before any number: the outcome did not settle
    it. A reply led by a rating ("4, kok lama?") objects only in so many words ("2, masih belum
    selesai"); its displeasure is the rating's comment."""
    if rated:
        return len(words(text)) >= UNSETTLED_WORDS and _UNSETTLED.search(said(text)) is not None
    return unsettled(text)


# Displeasure in a comment ("kurang puas krn lama", "not really satisfied, it took long"): beside
# a top rating, asked about once. "tidak buruk", "not bad", "tidak lama" are praise.
_PRAISE_NEGATED = re.compile(r"\b(tidak|tdk|gak|ga|nggak|ngga|gk|not|never) (terlalu |too |so )?"
                             r"(buruk|jelek|bad|lama|lambat|slow|long|ribet)\b")
_DISPLEASED = re.compile(
    r"\b(kurang|tidak|tdk|gak|ga|nggak|ngga|gk|belum|blm) (begitu |terlalu |sangat )?"
    r"(puas|memuaskan|baik|bagus|ramah|jelas|cepat)\b|\b(kecewa|mengecewakan|kelamaan|lelet|"
    r"lambat|buruk|jelek|parah|ribet|cuek|ketus|judes)\b|\b(krn|karena|terlalu|kok|sangat) "
    r"lama\b|\blama (sekali|banget|bgt|amat)\b|\bnot (really |very |so |that )?(satisfied|happy|"
    r"good|helpful|clear|fast)\b|\b(disappointed|disappointing|unhappy|dissatisfied|slow|"
    r"terrible|awful|rude|poor|bad)\b|\btook (too |so |very |a )?long\b")
# "Keep it" at that question.
_KEEP = {"tetap", "tetap saja", "tetap aja", "biar saja", "biar aja", "biarkan", "keep", "keep it",
         "leave it", "it s fine", "its fine", "fine", "gpp", "ga apa apa", "gak apa apa",
         "tidak apa apa", "nggak apa apa", "sudah benar", "udah bener", "benar", "bener"}
# A rating this high with a displeased comment is asked about once.
TOP_RATING = 5
# In the conversation's data at RATE_COMMENT: the rating whose displeased comment was asked about.
CHECKING = "rate_checking"


def doubtful(value: int, comment: str | None) -> bool:
    """A top rating with a comment that says the opposite ("5", then "kurang puas krn lama")."""
    if value < TOP_RATING or not comment:
        return False
    return _DISPLEASED.search(_PRAISE_NEGATED.sub(" ", said(comment))) is not None


def ask_to_check(turn: Turn, ticket: str, value: int) -> Go:
    """The comment is kept; the rating too, unless the person gives another number."""
    turn.data.clear()
    turn.data.update({"rate_ticket": ticket, CHECKING: value})
    return Go(State.RATE_COMMENT, [Reply(turn.t("rate.check", rating=value),
                                         tuple(Choice(str(n)) for n in range(1, 6)))],
              ask_next=False)


# A question this long, at the rating question, is about the outcome, not a rating.
QUESTION_WORDS = 3


def asks_about_outcome(text: str) -> bool:
    """A question put at the rating question ("what does that mean? can I pick it up
    tomorrow?", "jadi paspor sy bisa diambil kapan?"), not led by a rating ("4, kok lama?" is
    a rating with its comment)."""
    return is_question(text) and len(words(text)) >= QUESTION_WORDS and \
        given_rating(text) is None


def _rateable(turn: Turn, ticket: str) -> "Complaint | Reply":
    complaint = turn.unit.complaint_by_ticket(ticket, lock=True)
    if complaint is None or complaint.complainant_id != turn.complainant.id or \
            complaint.stage not in FINISHED:
        return Reply(turn.t("rate.not_open"))
    if complaint.rating is not None:
        return Reply(turn.t("rate.already", ticket=ticket))
    return complaint


def record(turn: Turn, complaint: "Complaint", value: int, comment: str | None = None) -> None:
    """Store the rating on the complaint, and a line in its audit trail."""
    complaint.rating, complaint.rated_at = value, turn.now
    if comment:
        complaint.rating_comment = comment[:MAX_COMMENT]
    turn.unit.add_stage_event(StageEvent(
        complaint_id=complaint.id, actor=complainant_actor(turn.complainant.id),
        actor_role="complainant", from_stage=complaint.stage, to_stage=complaint.stage,
        note=f"Penilaian pelapor: {value}/5", at=turn.now, action="rated"))


# In the conversation's data once a rating is recorded at the rating question ({"ticket",
# "rating", "at"}): the same rating typed again soon after (a double tap, or unsure it arrived)
# is told it is recorded, never "not understood" with the menu (W40). `repeated` reads it there.
RATED = "rated"
RATED_AGAIN_MINUTES = 60
# The menu's own numbers: "1" after a rating of 1 is the menu's choice to complain.
MENU_NUMBERS = {"1", "2", "3", "4"}


def rated(turn: Turn, ticket: str, value: int) -> None:
    turn.data[RATED] = {"ticket": ticket, "rating": value, "at": turn.now.isoformat()}


def repeated(turn: Turn) -> Go | None:
    """At the menu, the rating just given typed again ("5", "bintang 4"): it is recorded
    already, and said so. None: no rating was recorded lately, this is another answer, one of
    the menu's numbers, or the menu's "continue" while an unsent complaint waits."""
    done = turn.data.get(RATED)
    if not isinstance(done, dict):
        return None
    if turn.now - dt.datetime.fromisoformat(done["at"]) > dt.timedelta(
            minutes=RATED_AGAIN_MINUTES):
        turn.data.pop(RATED, None)
        return None
    if bare_rating(turn.text) != done["rating"] or said(turn.text) in MENU_NUMBERS or \
            draft.resume(turn) is not None:
        return None
    return Go(None, [Reply(turn.t("rate.already", ticket=done["ticket"]))], ask_next=False)


def comment_to_leaders(turn: Turn, ticket: str, thanks: Reply) -> Go:
    """A rating's comment that tells of a levy or an officer's conduct: a new report for the
    leaders, not a line in the register, handed over as a follow-up of `ticket`. The request
    says it is the comment of that complaint's rating ("rating": the leaders' notice gives
    the score and that one ticket; it read "keterangan atau bukti tambahan" beside all the
    person's tickets, W40)."""
    go = officer.follow_up(turn, ticket, "told")
    turn.events[:] = [dataclasses.replace(e, purpose="rating") if isinstance(
        e, OfficerRequested) and e.ticket == ticket else e for e in turn.events]
    go.say.insert(0, thanks)
    return go


def comment_noted(turn: Turn, complaint: "Complaint", ticket: str,
                  to: State | None = State.MENU) -> Go:
    """An ordinary comment kept with the rating (no levy, no officer's conduct: `delicate`):
    the leaders learn how complaints were handled from the register, whose row carries it
    (`bot.paperwork.recap.rating_comment`), and the person is told so ("sudah kami catat"
    alone told them nothing of who reads it). A sensitive complaint's row leaves the
    comment out, so it goes to the leaders as a delicate one does (`comment_to_leaders`):
    kept nowhere they read, it reached no one. `to`: where the conversation goes."""
    if is_sensitive(complaint, turn.config.sensitive_types):
        return comment_to_leaders(turn, ticket, Reply(turn.t("rate.thanks")))
    return Go(to, [Reply(turn.t("rate.thanks_register", ticket=ticket,
                                rating=complaint.rating))], ask_next=False)


PENDING = officer.RATE_PENDING


def in_talk(turn: Turn) -> Go | None:
    """A bare rating typed in the officers' chat while the rating question waits: recorded
    and thanked for; the talk goes on. None: no rating waits, or this is no bare rating."""
    ticket = turn.data.get(PENDING)
    value = bare_rating(turn.text) if ticket else None
    if value is None:
        return None
    turn.data.pop(PENDING, None)
    found = _rateable(turn, ticket)
    if isinstance(found, Reply):
        return Go(None, [found], ask_next=False)
    record(turn, found, value)
    if value < TOP_RATING:
        # a middling or low rating: what was missing is asked for, as outside a talk (the
        # reason for a 4 was relayed as a talk line and lost to the rating, W26)
        turn.data[COMMENTING] = {"ticket": ticket, "at": turn.now.isoformat()}
        return Go(None, [Reply(officer.talk_text(turn, "rate.thanks_talk.comment",
                                                 ticket=ticket, rating=value))], ask_next=False)
    return Go(None, [Reply(officer.talk_text(turn, "rate.thanks_talk", ticket=ticket,
                                             rating=value))], ask_next=False)


COMMENTING = officer.RATE_COMMENTING
# The comment asked for in the talk is looked for this long (a message days later is talk).
COMMENT_WITHIN_SECONDS = 2 * 60 * 60


def reads_as_comment(text: str) -> bool:
    """Words about the handling ("kurang puas krn lama", "petugasnya kurang jelas"), not a
    question, a number, a status request, a call for the officers or leaving the talk."""
    if not text or not any(ch.isalpha() for ch in text) or bare_rating(text) is not None or \
            is_pin_alone(text):
        return False
    s = said(text)
    if s in officer.END_WORDS or s in officer.ASK_WORDS or officer.resumes_draft(text) or \
            officer.asks_status_here(text) or menu_wish(text)[0] in MOVING_ON:
        return False
    # "kok lama banget" is displeasure, said as a protest: a comment; a real question is not
    return not is_question(text) or (not text.strip().endswith("?")
                                     and _DISPLEASED.search(said(text)) is not None)


def comment_in_talk(turn: Turn) -> Go | None:
    """The message after a middling or low rating recorded in the talk: kept as that rating's
    comment when it reads as one, and still relayed (the talk is open, and the officers read
    why); "lewati" ends the asking. None: no comment was asked for, or this is something else
    (the talk takes it as usual)."""
    asked = turn.data.pop(COMMENTING, None)
    if not isinstance(asked, dict) or not turn.text:
        return None
    at = dt.datetime.fromisoformat(asked["at"])
    if (turn.now - at).total_seconds() > COMMENT_WITHIN_SECONDS:
        return None
    ticket = asked["ticket"]
    if skips(turn.text, comment=True):
        return Go(None, [Reply(turn.t("rate.skipped"))], ask_next=False)
    if not reads_as_comment(turn.text):
        return None
    complaint = turn.unit.complaint_by_ticket(ticket, lock=True)
    if complaint is None or complaint.complainant_id != turn.complainant.id or \
            complaint.rating is None:
        return None
    complaint.rating_comment = turn.text[:MAX_COMMENT]
    if delicate(turn.text):
        # as at the comment question: a levy or an officer's conduct told with the rating
        return comment_to_leaders(turn, ticket, Reply(turn.t("rate.thanks")))
    return officer.pass_on(turn, Reply(officer.talk_text(
        turn, "rate.comment_talk", ticket=ticket, rating=complaint.rating)))


def ended_in_talk(turn: Turn) -> Go | None:
    """The talk ended by the person ("selesai", "done") while the rating asked for during it
    still waits: the talk is closed and the rating question asked, so a bare "5" next is the
    rating (at the menu it was "not understood", and no rating was ever recorded). None: no
    rating waits, this is no ending, or an unsent complaint waits (the menu offers it)."""
    ticket = turn.data.get(PENDING)
    if not ticket or said(turn.text) not in officer.END_WORDS or draft.resume(turn) is not None:
        return None
    turn.data.pop(PENDING, None)
    ended = officer.leave(turn, ending=True)
    if isinstance(_rateable(turn, ticket), Reply):      # rated meanwhile ("nilai TICKET 4")
        return Go(State.MENU, [ended], ask_next=False)
    kept = kept_across(turn.data)
    turn.data.clear()
    turn.data.update(kept, rate_ticket=ticket)
    return Go(State.RATE, [ended])


officer.IN_TALK.append(in_talk)
officer.IN_TALK.append(comment_in_talk)
officer.IN_TALK.append(ended_in_talk)


def _keep_pending(go: Go, turn: Turn, ticket: str) -> Go:
    """The rating question was left for the officers' chat: a bare rating there still counts."""
    if go.to is State.OFFICER:
        turn.data[PENDING] = ticket
    return go


def rate_command(turn: Turn, text: str) -> Go:
    """'nilai TICKET 5 [komentar]' from any state; the conversation stays where it was."""
    ticket = find_ticket(text, turn.config.office.code)
    assert ticket is not None
    rest = text_after_ticket(text, turn.config.office.code)
    found = _rateable(turn, ticket)
    if isinstance(found, Reply):
        return Go(None, [found], ask_next=False)
    value = read_rating(rest.split()[0] if rest.split() else "")
    if not isinstance(value, int):
        return Go(None, [Reply(turn.t("rate.range"))], ask_next=False)
    comment = " ".join(rest.split()[1:]).strip() or None
    record(turn, found, value, comment)
    if turn.data.get("rate_ticket") == ticket:
        turn.data.pop("rate_ticket", None)
    if turn.data.get(PENDING) == ticket:
        turn.data.pop(PENDING, None)
    if comment and delicate(comment):
        # as at the comment question: a levy or an officer's conduct told with the rating
        return comment_to_leaders(turn, ticket, Reply(turn.t("rate.thanks")))
    if comment:
        return comment_noted(turn, found, ticket, to=None)
    return Go(None, [Reply(turn.t("rate.thanks"))], ask_next=False)


def kept_across(data: dict | None) -> dict:
    """What the conversation must remember across the rating: whether the person's own words
    set its language (else a status checked later may switch to the complaint's language), and
    a data-subject request waiting for their answer."""
    return {key: value for key, value in (data or {}).items() if key in (LANG_HEARD, consent.KEY)}


def invite(unit: "Unit", notifier: "Notifier", complaint: "Complaint", now: "dt.datetime") -> bool:
    """At step 9: ask the complainant for a rating, moving their conversation to RATE unless
    they are writing a complaint (then the question says how to rate later)."""
    from bot.conversation.texts import t
    from bot.notify import complainant_lang
    person = complaint.complainant
    if person is None or complaint.rating is not None:
        return False
    lang = complainant_lang(complaint)
    conversation = unit.conversation(person.channel, person.address)
    busy = conversation is not None and (State(conversation.state) in DRAFT_STATES
                                         or conversation.state in (State.RESUME,
                                                                   State.OFFICER))
    key = "rate.later" if busy else "rate.ask"
    choices = None if busy else [str(n) for n in range(1, 6)] + [t(lang, "rate.skip")]
    sent = notifier.tell_complainant(
        unit, complaint, now, kind="rating", body=t(lang, key, ticket=complaint.ticket),
        template="rating_request", choices=choices,
        variables={"ticket": complaint.ticket, "office": notifier.config.office.short(lang)})
    if not sent:
        return sent
    if busy:
        if conversation.state == State.OFFICER.value:
            # asked after the officers' last answer in the talk: a bare "5" there is this
            # rating (`in_talk`), until an officer answers again; ending the talk asks it
            conversation.data = {**(conversation.data or {}), PENDING: complaint.ticket}
        return sent
    if conversation is None:
        conversation = unit.start_conversation(person.channel, person.address,
                                               State.RATE.value, now)
    conversation.state = State.RATE.value
    conversation.data = {**kept_across(conversation.data), "rate_ticket": complaint.ticket}
    conversation.updated_at = now
    return True


# Where a message that is no answer to the rating question goes, read as at the menu.
AS_AT_MENU = frozenset({State.MENU, State.DESCRIBE, State.SCOPE, State.INFO,
                        State.STATUS_TICKET, State.STATUS_PIN, State.RESUME,
                        State.OFFICER}) | DRAFT_STATES


def as_at_menu(turn: Turn, ticket: str) -> Go:
    """Something new ("min sy mau lapor lagi soal calo"): answered as at the menu; how to rate
    later ("nilai TICKET N") is said too."""
    turn.data.clear()
    go = REGISTRY[State.MENU].handle(turn)
    later = [Reply(turn.t("rate.later", ticket=ticket))]
    if go.to is None:
        return Go(State.MENU, go.say + later, ask_next=go.ask_next)
    return Go(go.to, later + go.say, ask_next=go.ask_next, later=go.later)


@register
class Rate(Step):
    """How was the handling, 1 to 5?"""

    state = State.RATE
    # a message that is no rating is read as at the menu ("sy mau lapor lagi soal calo")
    goes_to = frozenset({State.RATE_COMMENT}) | AS_AT_MENU

    def prompt(self, turn: Turn) -> list[Reply]:
        ticket = turn.data.get("rate_ticket", "")
        return [Reply(turn.t("rate.ask", ticket=ticket),
                      tuple(Choice(str(n)) for n in range(1, 6)) + (Choice(turn.t("rate.skip")),))]

    def handle(self, turn: Turn) -> Go:
        ticket = turn.data.get("rate_ticket")
        if not ticket or skips(turn.text):
            turn.data.clear()
            return Go(State.MENU, [Reply(turn.t("rate.skipped"))], ask_next=False)
        # only a reply led by a rating is one ("4", "nilai 3 aja", "4 lumayan"): a number
        # inside a sentence is not ("saya ke loket 1 tadi", "sudah 2 kali ke kantor", W27)
        value = given_rating(turn.text)
        if menu_wish(turn.text)[0] in MOVING_ON and not isinstance(value, int):
            # not a rating but something new ("min sy mau lapor lagi soal calo"): answered as
            # at the menu ("bicara dengan petugas": a bare rating in that talk still counts)
            return _keep_pending(as_at_menu(turn, ticket), turn, ticket)
        if objects(turn.text, rated=value is not None):
            # "paspor sy masih belum jadi", "2, masih belum selesai": not a rating but an answer
            # to the outcome, which the officers must read, read before any number; the rating
            # can be given later (a bare "4" in that talk too)
            turn.data.clear()
            return _keep_pending(officer.follow_up(turn, ticket, "objection"), turn, ticket)
        if asks_about_outcome(turn.text):
            # "what does that mean? can I pick it up tomorrow?": a question about the outcome,
            # which only an officer can answer (a number in it is no rating); the rating can
            # be given later, or typed bare in the talk ("4": John's was lost, 2026-12-05)
            turn.data.clear()
            return _keep_pending(officer.follow_up(turn, ticket, "question"), turn, ticket)
        if value is None:
            # words ("lumayan lah", "bagus"): no word scale here, so the numbers' meaning is
            # explained, kindly, with the buttons
            return Go(None, [Reply(turn.t("rate.words"), tuple(Choice(str(n)) for n in range(
                1, 6)) + (Choice(turn.t("rate.skip")),))], ask_next=False)
        if not isinstance(value, int):
            return Go(None, [Reply(turn.t("rate.range"))], ask_next=False)
        found = _rateable(turn, ticket)
        if isinstance(found, Reply):
            turn.data.clear()
            return Go(State.MENU, [found], ask_next=False)
        comment = comment_with(turn.text)
        record(turn, found, value, comment)
        if comment:
            # the comment came with the number: kept, and not asked for again
            turn.data.clear()
            thanks = Reply(turn.t("rate.thanks_comment", ticket=ticket, rating=value))
            if delicate(comment):
                # as at the comment question: a levy or an officer's conduct told with the
                # rating is a new report for the leaders, not a line in the register
                return comment_to_leaders(turn, ticket, thanks)
            if doubtful(value, comment):
                # "5 kurang puas krn lama": kept, and the 5 asked about once
                return ask_to_check(turn, ticket, value)
            rated(turn, ticket, value)
            return comment_noted(turn, found, ticket)
        turn.data["rating"] = value
        return Go(State.RATE_COMMENT)


@register
class RateComment(Step):
    """An optional comment on the handling."""

    state = State.RATE_COMMENT
    goes_to = frozenset({State.MENU, State.OFFICER})

    def prompt(self, turn: Turn) -> list[Reply]:
        return [Reply(turn.t("rate.comment", ticket=turn.data.get("rate_ticket", ""),
                             rating=turn.data.get("rating", "")),
                      (Choice(turn.t("rate.skip")),))]

    def handle(self, turn: Turn) -> Go:
        ticket = turn.data.get("rate_ticket")
        checking = turn.data.get(CHECKING)
        if ticket and checking is not None:
            return self.checked(turn, ticket, checking)
        value = turn.data.get("rating")
        turn.data.clear()
        if not ticket:
            return Go(State.MENU, [Reply(turn.t("rate.thanks"))], ask_next=False)
        if isinstance(value, int):
            rated(turn, ticket, value)
        if skips(turn.text, comment=True):
            return Go(State.MENU, [Reply(turn.t("rate.thanks"))], ask_next=False)
        complaint = turn.unit.complaint_by_ticket(ticket, lock=True)
        if complaint is not None and complaint.complainant_id == turn.complainant.id:
            complaint.rating_comment = turn.text[:MAX_COMMENT]
            if delicate(turn.text):
                # "bagus, tapi petugas loket minta uang rokok": a new report, which a comment
                # would bury in the register; it goes to the leaders (only) as a follow-up
                return comment_to_leaders(turn, ticket, Reply(turn.t("rate.thanks")))
            if complaint.rating is not None and doubtful(complaint.rating, turn.text):
                # "5", then "kurang puas krn lama": kept, and the 5 asked about once
                return ask_to_check(turn, ticket, complaint.rating)
            return comment_noted(turn, complaint, ticket)
        return Go(State.MENU, [Reply(turn.t("rate.thanks"))], ask_next=False)

    def checked(self, turn: Turn, ticket: str, given: int) -> Go:
        """The answer to "keep your 5?": another number changes the rating (its audit line
        says so), "ya" or the same number keeps it; more words are added to the comment; a
        wish to do something else keeps the rating and shows the menu. A number outside 1..5
        ("7") is neither: refused, and the question asked again."""
        value = bare_reading(turn.text)
        if value == "range":
            return Go(None, [Reply(turn.t("rate.check_range", rating=given),
                                   tuple(Choice(str(n)) for n in range(1, 6)))], ask_next=False)
        turn.data.clear()
        rated(turn, ticket, value or given)
        if value is None and menu_wish(turn.text)[0] in MOVING_ON:
            return Go(State.MENU, [Reply(turn.t("rate.thanks"))])
        complaint = turn.unit.complaint_by_ticket(ticket, lock=True)
        if complaint is None or complaint.complainant_id != turn.complainant.id:
            return Go(State.MENU, [Reply(turn.t("rate.thanks"))], ask_next=False)
        if value is None:
            # "ya", "tetap", or more words about it: the rating kept, the words added
            if turn.text and not (is_affirm(turn.text) or said(turn.text) in _KEEP or
                                  skips(turn.text, comment=True)):
                kept = complaint.rating_comment or ""
                complaint.rating_comment = f"{kept}\n{turn.text}".strip()[:MAX_COMMENT]
            return Go(State.MENU, [Reply(turn.t("rate.thanks"))], ask_next=False)
        if value == given:
            return Go(State.MENU, [Reply(turn.t("rate.thanks"))], ask_next=False)
        complaint.rating, complaint.rated_at = value, turn.now
        turn.unit.add_stage_event(StageEvent(
            complaint_id=complaint.id, actor=complainant_actor(turn.complainant.id),
            actor_role="complainant", from_stage=complaint.stage, to_stage=complaint.stage,
            note=f"Penilaian pelapor diubah: {given}/5 menjadi {value}/5", at=turn.now,
            action="rated"))
        return Go(State.MENU, [Reply(turn.t("rate.changed", rating=value))], ask_next=False)
