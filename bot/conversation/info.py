"""Service information that answers: requirements, fees, M-Paspor, hours, how to reach us.

The texts live in config.yml (`informasi`); this module finds the topic a question names and
fills in what the office's configuration knows (hours, holidays, contacts)."""
from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

from bot.config import InfoTopic
from bot.conversation import scope
from bot.conversation.turn import Turn
from bot.conversation.understand import PARTICLES, grievance, said, words
from bot.conversation.when import short_date
from bot.dates import format_local
from bot.messages import Reply
from bot.sop.holidays import holiday_name

DAY_NAMES = {"mon": ("Senin", "Mon"), "tue": ("Selasa", "Tue"), "wed": ("Rabu", "Wed"),
             "thu": ("Kamis", "Thu"), "fri": ("Jumat", "Fri"), "sat": ("Sabtu", "Sat"),
             "sun": ("Minggu", "Sun")}
WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HOLIDAYS_AHEAD = dt.timedelta(days=45)
# The topic last answered, for a short follow-up that names none ("brp biayanya?" after the
# PLB, "kalo yg 10 thn?" after the fees): the next message only, within these minutes.
LAST_TOPIC = "info_topic"
FOLLOW_UP_MINUTES = 15
FOLLOW_UP_WORDS = 8
# A follow-up that names no topic of its own is elliptic: opened as one ("kalo yg 10 thn?",
# "terus yg anak?") in a few words, or with at most one word beyond asking ("syaratnya apa?").
_OPENER = re.compile(r"^(kalau|kalo|klo|klu|kl|terus|trus|trs|lalu|gimana kalau|and|what about|"
                     r"how about|yg|yang|untuk|utk|buat|bagi)\b")
OPENER_WORDS = 5
_ASKING = {"apa", "apakah", "berapa", "kapan", "dimana", "mana", "gimana", "bagaimana", "how",
           "what", "which", "when", "where", "much", "many", "does", "do", "is", "it", "the",
           "a", "an", "and", "about", "kalau", "kalo", "klo", "terus", "trus", "lalu", "yg",
           "yang", "bisa", "boleh", "ga", "gak", "tidak", "nggak", "cara", "caranya", "harus",
           "perlu", "juga", "ada", "untuk", "utk", "buat", "bagi", "nya", "then", "so", "if"}


def _day(turn: Turn, key: str) -> str:
    idn, en = DAY_NAMES[key]
    return en if turn.lang == "en" else idn


def hours_text(turn: Turn) -> str:
    """'Senin–Kamis 08.00–16.00, Jumat 08.00–16.30 WITA': runs of days with equal hours."""
    hours = turn.config.service_hours
    runs: list[list[str]] = []
    for day in WEEK:
        if day not in hours:
            continue
        if runs and hours[runs[-1][-1]] == hours[day] and \
                WEEK.index(runs[-1][-1]) + 1 == WEEK.index(day):
            runs[-1].append(day)
        else:
            runs.append([day])
    clock = "%H.%M" if turn.lang != "en" else "%H:%M"
    parts = []
    for run in runs:
        start, end = hours[run[0]]
        days = _day(turn, run[0]) + (f"–{_day(turn, run[-1])}" if len(run) > 1 else "")
        parts.append(f"{days} {start.strftime(clock)}–{end.strftime(clock)}")
    return ", ".join(parts) + " WITA"


def closed_text(turn: Turn) -> str:
    closed = [_day(turn, d) for d in WEEK if d not in turn.config.service_hours]
    return turn.t("info.closed", days=", ".join(closed)) if closed else turn.t("info.closed_none")


def holidays_text(turn: Turn) -> str:
    """The public holidays and collective leave of the coming weeks, one line."""
    today = turn.now.astimezone(turn.config.office.tz).date()
    coming = sorted((d, name) for d, name in turn.services.hours.holidays.items()
                    if today <= d <= today + HOLIDAYS_AHEAD)
    if not coming:
        return ""
    listed = ", ".join(f"{short_date(d, turn.lang)} ({holiday_name(d, name, turn.lang)})"
                       for d, name in coming[:4])
    return "\n" + turn.t("info.holidays", days=listed)


def now_text(turn: Turn) -> str:
    hours = turn.services.hours
    if hours.is_open(turn.now):
        return turn.t("info.open_now")
    opening = hours.next_opening(turn.now)
    return turn.t("info.closed_now", opening=format_local(opening, turn.lang))


def fields(turn: Turn) -> dict[str, str]:
    office = turn.config.office
    contacts = office.contacts
    return {"office": office.name, "address": office.address, "hours": hours_text(turn),
            "closed": closed_text(turn), "holidays": holidays_text(turn),
            "whatsapp": contacts.whatsapp, "phone": contacts.phone or contacts.whatsapp,
            "email": contacts.email or "-", "website": contacts.website or "-",
            "twitter": contacts.twitter or "-", "facebook": contacts.facebook or "-"}


_CLOCK_TIME = re.compile(r" (jam|jm|pukul|pkl) \d+( \d+)?(?= )")


def _without_nya(word: str) -> str:
    """'emailnya' -> 'email', 'nomornya' -> 'nomor', 'jamnya' -> 'jam' (not 'punya', 'hanya')."""
    return word[:-3] if len(word) >= 6 and word.endswith("nya") else word


@lru_cache(maxsize=4096)
def _phrase(keyword: str) -> str:
    """A configured keyword read as a message is ("brp lama": "berapa lama")."""
    return said(keyword)


def _named(keyword: str, padded: tuple[str, ...]) -> bool:
    return f" {keyword} " in padded[0] or f" {keyword} " in padded[1]


def _scores(turn: Turn, text: str, context: str | None = None) -> dict[str, tuple[int, int]]:
    """Each topic the text names: (its keywords' words, its hints' words). A keyword inside a
    longer keyword named for another topic does not count ("berapa" in "jam berapa"). Words
    are read with a trailing -nya too ("emailnya": "email"). With `context` (the topic just
    answered), a follow-up naming no topic of its own is about that one, and one naming its
    other half is about their pair ("brp biayanya" after the PLB: the PLB's fee)."""
    # A time of day ("tiap jam 12 malam", "pukul 8") names no topic: "jam" alone asks the hours
    plain = _CLOCK_TIME.sub(" ", f" {said(text)} ")
    padded = (plain, " ".join(_without_nya(w) for w in plain.split(" ")))
    found: list[tuple[str, str, bool]] = []
    for key, topic in turn.config.informasi.topics.items():
        for words_, hint in [(k, False) for k in topic.keywords] + [(h, True) for h in topic.hints]:
            n = _phrase(words_)
            if n and _named(n, padded):
                found.append((key, n, hint))
    scores: dict[str, tuple[int, int]] = {}
    for key, n, hint in found:
        if any(other != key and len(m) > len(n) and f" {n} " in f" {m} "
               for other, m, _ in found):
            continue
        strong, weak = scores.get(key, (0, 0))
        size = len(n.split())
        scores[key] = (strong, weak + size) if hint else (strong + size, weak)
    if context is None:
        return _joined(turn, scores, padded)[0]
    # the follow-up's generic words (hints) name its subject here: "brp" after the PLB
    trial = {k: (strong + weak, 0) for k, (strong, weak) in scores.items()}
    trial[context] = (max(trial.get(context, (0, 0))[0], 1), 0)
    joined, parts = _joined(turn, trial, padded)
    if any(context in both and set(scores) <= set(both) for both in parts.values()):
        return joined             # the other half of a pair, and nothing else named
    if any(strong > 0 for strong, _ in scores.values()) or not _elliptic(text, bool(scores)):
        return _joined(turn, scores, padded)[0]     # a topic, or a question, of its own
    return {context: (1, 0)}


def _elliptic(text: str, hinted: bool) -> bool:
    """'kalo yg 10 thn?', 'syaratnya apa?', 'brp?': it asks on, and says no more than that
    ("petugas" is not asking on)."""
    ws = words(text)
    if _OPENER.search(said(text)) and len(ws) <= OPENER_WORDS:
        return True
    asks = hinted or text.strip().endswith("?") or any(w in _ASKING for w in ws)
    return asks and sum(1 for w in ws if w not in PARTICLES and w not in _ASKING) <= 1


def _joined(turn: Turn, scores: dict[str, tuple[int, int]], padded: tuple[str, ...]
            ) -> tuple[dict[str, tuple[int, int]], dict[str, list[str]]]:
    """The scores with each `when_both` pair named answered by its own topic, and the pairs."""
    scores = dict(scores)
    parts: dict[str, list[str]] = {}
    for key, topic in turn.config.informasi.topics.items():
        both = topic.when_both
        if any(_named(_phrase(w), padded) for w in topic.apart_if):
            continue
        if both and all(scores.get(k, (0, 0))[0] > 0 for k in both):
            # answered together by their own topic, in their place
            taken = [scores.pop(k) for k in both]
            scores[key] = (sum(p[0] for p in taken), sum(p[1] for p in taken))
            parts[key] = list(both)
    return scores, parts


def topics_for(turn: Turn, text: str, most: int = 2, context: str | None = None) -> list[str]:
    """The topics a question names, best first: the best one, and another its keywords name
    too ("biaya perpanjang paspor brp?" is about renewing and about fees). Ties: the first
    listed in the configuration. `context`: the topic just answered (see `_scores`)."""
    scores = _scores(turn, text, context)
    order = list(turn.config.informasi.topics)
    ranked = sorted(scores, key=lambda k: (-scores[k][0], -scores[k][1], order.index(k)))
    return ranked[:1] + [k for k in ranked[1:most] if scores[k][0] > 0]


def names_keyword(turn: Turn, text: str) -> bool:
    """Whether the text names a topic by a keyword, not only by a hint ("paspor anak sy" hints
    at a new passport; asked after by someone who complained, it is their child's passport)."""
    return any(strong for strong, _ in _scores(turn, text).values())


def topic_for(turn: Turn, text: str) -> str | None:
    """The topic whose keywords the text names best (longer phrases weigh more)."""
    found = topics_for(turn, text, most=1)
    return found[0] if found else None


def _body(turn: Turn, key: str) -> str:
    topic: InfoTopic = turn.config.informasi.topics[key]
    text = topic.answer.get(turn.lang).format(**fields(turn)).strip()
    if key == "jam":
        text += "\n" + now_text(turn)
    return text


def answer(turn: Turn, *keys: str) -> Reply:
    """The answers of one or two topics, with the way on to an officer."""
    turn.data[LAST_TOPIC] = {"topic": keys[0], "at": turn.now.isoformat()}
    return Reply("\n\n".join(_body(turn, key) for key in keys) + "\n\n" + turn.t("info.more"))


def answer_for(turn: Turn, text: str) -> Reply | None:
    """The answer to a question: another agency's, when it asks for that agency's service
    ("dimana bikin ktp?": Disdukcapil, never our address); else its topics' answers."""
    places = elsewhere(turn, text)
    if places:
        return referral(turn, places, text)
    keys = topics_for(turn, text, context=follows(turn, text))
    return answer(turn, *keys) if keys else None


# A question about a `question_only` topic is answered in up to this many words ("salam tuan,
# saya pekerja ladang di Tawau, permit kerja saya dah nak tamat bulan depan, macam mana nak
# sambung?"): the story around it tells who asks, not a grievance.
LONG_QUESTION_WORDS = 30
_ASKS = re.compile(r"\b(macam mana|camana|camne|macam mane|boleh|bisa|gimana|bagaimana|gmn|"
                   r"cara|caranya|apa|apakah|berapa|bila|kapan|dimana|di mana|kat mana|mana|"
                   r"how|what|where|when|can|could|should|do i|is it)\b")


def question_only(turn: Turn, text: str) -> Reply | None:
    """The answer to a question, however it is told (up to `LONG_QUESTION_WORDS`), whose best
    topic is `question_only`: never a complaint nor another agency's matter ("permit saya nak
    habis, boleh sambung kat imigresen tarakan ke?"). None otherwise, or with a grievance."""
    n = len(words(text))
    if n == 0 or n > LONG_QUESTION_WORDS or grievance(text):
        return None
    if not (text.rstrip().endswith("?") or _ASKS.search(said(text))):
        return None
    keys = topics_for(turn, text)
    topics = turn.config.informasi.topics
    if not keys or not topics[keys[0]].question_only:
        return None
    return answer(turn, *keys)


# Asking for another agency's service: doing something with it ("bikin", "urus", "perpanjang",
# "bayar", "get", "renew")...
_SEEKS = re.compile(
    r"\b(bikin|buat|membuat|pembuatan|urus|mengurus|ngurus|pengurusan|perpanjang|perpanjangan|"
    r"memperpanjang|cetak|mencetak|pencetakan|daftar|mendaftar|pendaftaran|bayar|membayar|"
    r"pembayaran|ganti|mengganti|penggantian|ambil|mengambil|pengambilan|dapat|dapet|"
    r"mendapatkan|dapatkan|aktifkan|mengaktifkan|aktivasi|klaim|get|make|renew|renewing|apply|"
    r"pay|paying|replace|register|obtain)\b")
# ... or where, how, when it is open, or having lost it ("ktp hilang gmn")...
_ASKS_ABOUT = re.compile(
    r"\b(dimana|di mana|kemana|ke mana|alamat|alamatnya|lokasi|lokasinya|cara|caranya|gimana|"
    r"bagaimana|prosedur|prosedurnya|jam buka|buka|tutup|kontak|kontaknya|telepon|nomor|"
    r"where|how|address|location|contact|open|hilang|ilang|lost|rusak|damaged)\b")
# ... unless it only asks whether a document is needed or brought: "perlu bawa ktp asli ga?"
# is a requirement of ours (a passport's), not a wish for theirs.
_NEEDS = re.compile(
    r"\b(perlu|butuh|bawa|membawa|dibawa|wajib|harus|pakai|pake|syarat|syaratnya|persyaratan|"
    r"fotokopi|fotocopy|asli|need|needed|needs|bring|required|require|requirement|"
    r"requirements|must)\b")
# A street asked for is our address, not the city's roads: "alamatnya di jalan apa".
_STREET = re.compile(r" (di )?(jalan|jln|jl) (apa|mana)(?= )")
# A trouble with another agency's service told in this many words at most, and nothing else
# ("saldo atm kepotong", "atm nelen kartu"): that agency, as a question about it gets.
TOLD_WORDS = 4


def elsewhere(turn: Turn, text: str) -> list[str]:
    """The agencies of `referrals.others` a question asks for the service of ("dimana bikin
    ktp?", "perpanjang sim dimana", "cara bayar bpjs"), in config order; none when it names
    anything of immigration ("bikin paspor perlu kk ga", "KTP saya hilang, bisa bikin
    paspor?"), only asks whether a document is needed, or tells a grievance (a story, which
    the scope question refers). An agency's keyword inside a longer keyword of an information
    topic is that topic's ("ktp luar kota": a passport away from home)."""
    if not turn.config.referrals.others or scope.names_immigration(text) or grievance(text):
        return []
    plain = _STREET.sub(" ", f" {said(text)} ")
    asked = plain.strip()
    if not (_SEEKS.search(asked) or (_ASKS_ABOUT.search(asked) and not _NEEDS.search(asked))
            or told(text)):
        return []
    padded = (plain, " ".join(_without_nya(w) for w in plain.split(" ")))
    ours = [n for topic in turn.config.informasi.topics.values()
            for n in map(_phrase, [*topic.keywords, *topic.hints]) if n and _named(n, padded)]
    found = []
    for key, place in turn.config.referrals.others.items():
        if any(n and _named(n, padded) for n in map(_phrase, place.apart_if)):
            continue        # "bisa bayar di bank mana?": paying our fee, not the bank's matter
        named = [n for n in map(_phrase, place.keywords) if n and _named(n, padded)]
        if any(not any(len(m) > len(n) and f" {n} " in f" {m} " for m in ours) for n in named):
            found.append(key)
    return found


def told(text: str) -> bool:
    """A few words telling a trouble, asking nothing ("saldo atm kepotong", "atm nelen
    kartu"): the agency they name is the place to go, as for a question about its service."""
    return 0 < len(words(text)) <= TOLD_WORDS and not text.strip().endswith("?") and \
        not scope.names_office(text)


def referral(turn: Turn, keys: list[str], text: str = "") -> Reply:
    """Where to go for another agency's service, and what can be asked here instead. A
    trouble told (`told`), not asked about, also gets SP4N-LAPOR!, which forwards a complaint
    to the agency concerned."""
    lines = scope.place_lines(turn, keys)
    if text and told(text) and not (_SEEKS.search(said(text)) or _ASKS_ABOUT.search(said(text))):
        lapor = turn.config.referrals.lapor
        lines.append(f"• {lapor.name.get(turn.lang)}: {lapor.contact.get(turn.lang)}")
    places = "\n".join(lines)
    return Reply(turn.t("info.elsewhere", office=turn.config.office.short(turn.lang),
                        places=places) + "\n\n" + turn.t("info.more"))


def last_topic(turn: Turn) -> str | None:
    """The topic answered just before, when it was within the last minutes."""
    last = turn.data.get(LAST_TOPIC)
    if not isinstance(last, dict) or last.get("topic") not in turn.config.informasi.topics:
        return None
    try:
        at = dt.datetime.fromisoformat(last["at"])
    except (KeyError, TypeError, ValueError):
        return None
    return last["topic"] if turn.now - at <= dt.timedelta(minutes=FOLLOW_UP_MINUTES) else None


def follows(turn: Turn, text: str) -> str | None:
    """The topic just answered, when this message may follow up on it (a few words, no
    grievance); `_scores` decides whether it does."""
    topic = last_topic(turn)
    if topic is None or len(words(text)) > FOLLOW_UP_WORDS or grievance(text):
        return None
    return topic


@contextmanager
def exchange(turn: Turn) -> Iterator[None]:
    """Around a message's handling: the last topic answered stays for the next message only,
    unless this one is answered with a topic again."""
    before = turn.data.get(LAST_TOPIC)
    try:
        yield
    finally:
        if before is not None and turn.data.get(LAST_TOPIC) is before:
            turn.data.pop(LAST_TOPIC, None)
