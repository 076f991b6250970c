"""Filing a complaint: its type, reference number, when, where, who, evidence, wished outcome."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Sequence

from bot.conversation import deadline, info
from bot.conversation import when as dates
from bot.conversation.choices import normalise, pick
from bot.conversation.draft import STORY_ON, add_to_story
from bot.conversation.flow import after_type, next_state, successors, type_of
from bot.conversation.misplaced import not_an_answer
from bot.conversation.reporter import wish
from bot.conversation.step import (SPEAKS_OF_DEADLINE, Step, answers_questions, asks_service,
                                   fears, is_no, register, service_pointer)
from bot.conversation.turn import Go, State, Turn
from bot.conversation.understand import (
    asks_if_safe,
    asks_status,
    is_affirm,
    is_deny,
    is_done,
    is_filler,
    is_none,
    is_question,
    PARTICLES,
    leaves_it_to_us,
    said,
    says_send,
    says_wait,
)
from bot.labels import same_day
from bot.messages import Choice, Reply, pin_as_place

# Words people use for each type, besides its labels (either language).
TYPE_WORDS = {
    "paspor": ["paspor", "passport"],
    "izin_tinggal": ["izin tinggal", "itas", "itap", "kitas", "kitap", "stay permit",
                     "residence permit", "visa", "izin tinggal wna"],
    "perlintasan": ["perlintasan", "border", "cap paspor", "stempel", "plb", "pas lintas batas",
                    "pemeriksaan imigrasi", "crossing"],
    "pungli": ["pungli", "calo", "suap", "sogok", "pungutan liar", "broker", "bribe", "bribes",
               "illegal fee", "illegal fees", "ordal"],
    "perilaku_petugas": ["perilaku", "sikap", "petugas", "kasar", "officer", "rude", "behaviour",
                         "behavior", "conduct", "attitude"],
    "pengawasan_wna": ["wna", "orang asing", "foreigner", "tka", "foreign national"],
    "sistem_online": ["aplikasi", "online", "m paspor", "mpaspor", "app", "website", "situs",
                      "pembayaran", "payment", "billing", "error"],
    "sarana_prasarana": ["sarana", "prasarana", "fasilitas", "gedung", "toilet", "ac", "parkir",
                         "ruang tunggu", "facilities", "facility", "building"],
    "informasi": ["informasi", "info", "information"],
    "lainnya": ["lainnya", "lain", "lain lain", "other", "others", "something else"],
}
# The type for a complaint that fits no other (offered to someone unsure of the type).
OTHER_TYPE = "lainnya"
PLACES = ("office", "seaport", "airport")
PLACE_WORDS = (["kantor", "kanim", "kantor imigrasi", "office", "imigrasi"],
               ["malundung", "pelabuhan", "seaport", "port", "harbour", "harbor", "dermaga",
                "speedboat", "kapal", "ferry"],
               ["juwata", "bandara", "airport", "bandar udara"])

# "Somewhere else" in other words ("other", "lainnya", "tempat lain dong"): the question for
# the place itself, never a place called "other".
ELSEWHERE_WORDS = {"other", "others", "other place", "another place", "a different place",
                   "different place", "elsewhere", "somewhere", "somewhere else", "else",
                   "lain", "lainnya", "yang lain", "lain lain",
                   "tempat lain", "tempat lainnya", "di tempat lain", "tempat yang lain",
                   "bukan di situ", "bukan disitu", "none of these",
                   "none of them", "not there"}

# Words that add nothing to a quick choice ("di kantor", "at the airport").
PLAIN_PLACE_WORDS = {w for words in PLACE_WORDS for phrase in words for w in phrase.split()} | {
    "di", "ke", "at", "in", "the", "on", "sekitar", "dalam", "tarakan", "imigrasi", "min"}


# The office's places by their own names, as a story names them ("antri 3 jam di pelabuhan
# malundung"): the answer to "where?" when the story names exactly one of them.
_STORY_PLACES = (re.compile(r"\b(kantor imigrasi|kanim|immigration office)\b"),
                 re.compile(r"\b(pelabuhan|malundung|seaport|harbou?r|ferry terminal)\b"),
                 re.compile(r"\b(bandara|juwata|airport)\b"))


# The day a story names in so many words ("kemarin jam 10 pagi saya di kantor…", "tadi pagi"):
# offered at "when did it happen?" when it names exactly one of them.
_STORY_DAYS = (("today", re.compile(r"\b(hari ini|tadi( pagi| siang| sore)?|td (pagi|siang|sore)|"
                                    r"this morning|today)\b")),
               ("yesterday", re.compile(r"\b(kemarin|kemaren|kmrn|kmarin|kmren|yesterday)\b")))
# ... or a past weekday, said as past ("senin lalu", "jumat kemarin", "rabu minggu lalu", "last
# friday"): a bare weekday may be one to come ("disuruh datang lagi hari kamis"). "minggu" is
# Sunday only as "hari minggu" ("minggu lalu" alone is last week).
_DAY_NAMES = (r"(senin|selasa|rabu|kamis|jumat|jum at|sabtu|ahad|(?<=hari )minggu|(?<=hr )minggu|"
              r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)")
_STORY_WEEKDAY = re.compile(
    rf"\b(last {_DAY_NAMES}|((hari|hr) )?{_DAY_NAMES} (lalu|kemarin|kemaren|kmrn|kmarin|"
    r"minggu lalu|pekan lalu|last week))\b")


def _story_day(turn: Turn) -> tuple[str, str] | None:
    """The one day the story names: ('today' | 'yesterday', ''), or ('weekday', the words:
    "senin lalu", "last friday"); None when it names none, or more than one."""
    told = said(" ".join(turn.data.get("story", [])))
    weekdays = {m.group(0) for m in _STORY_WEEKDAY.finditer(told)}
    # "senin kemarin" is last Monday, not yesterday: the weekday's words are read once
    rest = _STORY_WEEKDAY.sub(" ", told)
    found = [(label, "") for label, pattern in _STORY_DAYS if pattern.search(rest)]
    found += [("weekday", phrase) for phrase in sorted(weekdays)]
    return found[0] if len(found) == 1 else None


def office_today(turn: Turn) -> dt.date:
    return turn.now.astimezone(turn.config.office.tz).date()


def story_date(turn: Turn) -> tuple[str, dt.date] | None:
    """The day the story names and its date, counted from the day the story began to be told
    (`draft.STORY_ON`; today for a story kept before it was noted): 'today', 'yesterday', or
    'date' for a past weekday ("senin lalu saya antri…": that Monday; one that falls on the
    story's day or the day before is 'today' or 'yesterday'). A weekday still to come ("senin
    depan") or one the dates do not read is no day."""
    found = _story_day(turn)
    if found is None:
        return None
    told, phrase = found
    noted = turn.data.get(STORY_ON) or {}
    on = dt.date.fromisoformat(noted["date"]) if noted.get("date") else office_today(turn)
    if told != "weekday":
        return told, on if told == "today" else on - dt.timedelta(days=1)
    if dates.coming(phrase, on) is not None:
        return None
    date, _ = dates.parse(phrase, on)
    if date is None or date > on:
        return None
    return {0: "today", 1: "yesterday"}.get((on - date).days, "date"), date


def story_day_text(turn: Turn) -> str | None:
    """The story's day as the person is asked to confirm it: "Kemarin" while that is still
    true, its date ("30 Nov 2026") once the story was told on an earlier day."""
    found = story_date(turn)
    if found is None:
        return None
    told, date = found
    shift = {"today": 0, "yesterday": 1}.get(told)
    if shift is not None and date == office_today(turn) - dt.timedelta(days=shift):
        return turn.t(f"when.{told}")
    return dates.short_date(date, turn.lang)


def story_place(turn: Turn) -> str | None:
    """The one place of the office the story names (None: none, or several)."""
    told = said(" ".join(turn.data.get("story", [])))
    found = [place for place, pattern in zip(PLACES, _STORY_PLACES) if pattern.search(told)]
    return found[0] if len(found) == 1 else None


def type_label(turn: Turn, key: str) -> str:
    return turn.config.complaint_types[key].label(turn.lang)


# A passport or stay-permit application that is late, in one clause of the story ("paspor saya
# sudah 3 minggu belum jadi", "my KITAS extension has been pending for a month").
_LATE = re.compile(r"\b(belum|blm|blom|lama|lamanya|nunggu|menunggu|tunggu|terlambat|telat|"
                   r"molor|tertunda|ditunda|pending|waiting|delay|delayed|still not|not yet|"
                   r"not ready|minggu|mgg|bulan|bln|weeks?|months?)\b")
_CLAUSE = re.compile(r"[,.;:!?\n]+")


def service_aspect(turn: Turn) -> str | None:
    """The service the office must find a file for (a type with a reference number) that a
    story filed under another type also tells of as late: by the multi-aspect priority an
    officer's rudeness about a late passport is filed as conduct, and the passport is this
    second aspect. None: the filed type asks its own number, or the story tells of no such
    delay."""
    types = turn.config.complaint_types
    kind = type_of(turn)
    if kind is None or kind.reference is not None:
        return None
    clauses = [said(c) for c in _CLAUSE.split(" ".join(turn.data.get("story") or []))]
    late = [c for c in clauses if _LATE.search(c)]
    for key, other in types.items():
        if other.reference is None or key not in TYPE_WORDS:
            continue
        names = re.compile(r"\b(" + "|".join(map(re.escape, TYPE_WORDS[key])) + r")\b")
        if any(names.search(c) for c in late):
            return key
    return None


def reference_kind(turn: Turn) -> Any:
    """The type whose reference number the form asks: the filed type's own, else that of the
    service the story also tells of (`service_aspect`); None: no number is asked."""
    kind = type_of(turn)
    if kind is not None and kind.reference is not None:
        return kind
    aspect = service_aspect(turn)
    return turn.config.complaint_types[aspect] if aspect else None


def after_type_chosen(turn: Turn) -> State:
    """`flow.after_type`, and the number of a second aspect's service (`service_aspect`)
    asked next, once, as the filed type's own would be; a number already given is kept."""
    asked, kept = "reference" in turn.data, turn.data.get("reference")
    went = after_type(turn)
    if service_aspect(turn) is None:
        return went
    if asked:
        turn.data["reference"] = kept
        return went
    return State.REFERENCE


# "apakah ini gratis?", "bayar ga min?", "is this free?", "do I have to pay for this?", "is it
# free to complain?": whether complaining costs anything (a fee of a service, "biaya paspor
# berapa?", is the fees topic's).
_COSTS = re.compile(r"\b(gratis|grats|free|bayar|berbayar|dibayar|biaya|biayanya|pay|paid|"
                    r"charge|charged|cost|costs|fee|fees)\b")
_THIS = re.compile(r"\b(ini|nih|pengaduan|pengaduannya|aduan|lapor|lapornya|melapor|laporan|"
                   r"mengadu|ngadu|ngadunya|komplain|this|it|complain|complaining|complaint|"
                   r"report|reporting|chat)\b")
_A_SERVICE = re.compile(r"\b(paspor|passport|visa|kitas|kitap|izin|permit|pnbp|percepatan|"
                        r"perpanjang|perpanjangan|renew|renewal|billing|denda|fine|overstay|"
                        r"berapa|brp|how much)\b")


def asks_if_free(text: str) -> bool:
    """Whether complaining here costs anything, asked in a few words."""
    s = said(text)
    return is_question(text) and len(s.split()) <= 10 and _COSTS.search(s) is not None and \
        _THIS.search(s) is not None and _A_SERVICE.search(s) is None


@answers_questions
def asked_meanwhile(turn: Turn) -> Go | None:
    """A question asked while a question of the draft is waiting ("biaya perpanjang kitas
    berapa?", "apakah identitas saya aman?", "gmn status pengaduan sy?"): answered, and the
    question asked again. Never stored as the answer, and never "not understood" when it can
    be answered. None: not a question this can answer (the step decides)."""
    text = turn.text
    if text and fears(text):
        # "saya takut nanti dipersulit kalau nama saya ketahuan": answered as the question
        return Go(None, [Reply(turn.t("safe.asked"))])
    status_asked = asks_status(text)
    if not text or not (is_question(text) or status_asked):
        return None
    if asks_if_safe(text):
        return Go(None, [Reply(turn.t("safe.asked"))])
    if asks_if_free(text):
        return Go(None, [Reply(turn.t("complaint.free"))])
    if status_asked:
        return Go(None, [Reply(turn.t("status_unsent"))])
    answer = info.answer_for(turn, text)
    if answer is not None:
        return Go(None, [answer])
    if asks_service(text):
        # "what documents do I need?" that the office's information has no answer for: where
        # it is answered, and the question again
        return Go(None, [service_pointer(turn)])
    return None


# An urgent plea at a free-text question that speaks of the person's own permit, visa, passport
# or journey ("URGENT my visa expires next week") is no answer (`step.Step.aside`).
SPEAKS_OF_DEADLINE.append(deadline.mentions)

# The choices of the draft's questions, which a stale button (a second tab, an old keyboard)
# or a quick tap may send at a later question: "Kemarin" at "who is it about?" is no answer.
_CHOICE_KEYS = ("yes", "no_choose", "when.today", "when.yesterday", "when.unsure",
                "where.office", "where.seaport", "where.airport", "where.other",
                "identity.name", "identity.anonymous", "confidential.yes", "confidential.no",
                "confirm.send", "confirm.edit", "confirm.cancel", "resume.continue",
                "resume.restart")


def stale_choice(turn: Turn, *own: str) -> bool:
    """The message is exactly the label of another question's choice (not one of `own`, the
    text keys of this question's choices): the current question is asked again."""
    typed = normalise(turn.text)
    if not typed:
        return False
    mine = {normalise(w) for k in own for w in turn.words(k)}
    return typed not in mine and any(
        typed == normalise(w) for k in _CHOICE_KEYS if k not in own for w in turn.words(k))


def optional(turn: Turn, key: str, explain: str, limit: int, **values: str) -> Go | None:
    """Read an optional free-text answer into `key`; a Go when it needs another word."""
    text = turn.text
    if stale_choice(turn, "skip"):
        return Go(None, [Reply(turn.t(explain, **values), (Choice(turn.t("skip")),))],
                  ask_next=False)
    if is_none(text) or is_deny(text) or is_done(text) or pick(text, [turn.words("skip")]) == 0:
        turn.data[key] = None
        return None
    if not text or is_filler(text):
        return Go(None, [Reply(turn.t(explain, **values), (Choice(turn.t("skip")),))],
                  ask_next=False)
    if is_question(text):
        return asked_meanwhile(turn) or Go(
            None, [Reply(turn.t(explain, **values), (Choice(turn.t("skip")),))], ask_next=False)
    turn.data[key] = text[:limit]
    return None


# A number alone at a free-text question ("3" at "what would you like us to do?"): on SMS a slip
# for a numbered choice more likely than the answer ("1" is the Skip choice, read before this).
_LONE_DIGITS = re.compile(r"\d{1,3}[.)]?")


def lone_digits(turn: Turn, key: str, question: list[Reply],
                skippable: bool = True) -> Go | None:
    """A number alone is asked back, the question kept (the same number sent again is taken as
    written: never the same question forever). None: not a number alone. `skippable`: "1" is
    the question's Skip choice, read before this."""
    text = turn.text.strip()
    if not _LONE_DIGITS.fullmatch(text) or (skippable and pick(text, [turn.words("skip")]) == 0):
        turn.data.pop("digits_asked", None)
        return None
    number = text.rstrip(".)")
    if turn.data.pop("digits_asked", None) == number:
        return None
    turn.data["digits_asked"] = number
    return Go(None, [Reply(turn.t(key, number=number)), *question], ask_next=False)


@register
class TypeConfirm(Step):
    """One tap to accept the model's guess of the type."""

    state = State.TYPE_CONFIRM
    help_key = "help.type_confirm"
    # WHERE: a type that asks where, instead of the online services (the place was "online")
    goes_to = successors(State.TYPE_CONFIRM) | {State.TYPE_CHOOSE, State.WHERE}

    def prompt(self, turn: Turn) -> list[Reply]:
        return [turn.ask("type_confirm", "yes", "no_choose",
                         type=type_label(turn, turn.data["proposal"]))]

    def handle(self, turn: Turn) -> Go:
        explained = self.explain(turn)
        if explained is not None:
            return explained
        answer = self.choose(turn, [turn.words("yes") + ["benar", "betul", "setuju"],
                                    turn.words("no_choose") + ["bukan", "salah", "lain"]])
        if answer is None:
            # "Layanan paspor" (the type proposed, named): yes; another type named: that one
            named = named_type(turn)
            if named is not None and named != turn.data["proposal"]:
                return Go(type_chosen(turn, named))
            answer = 0 if named is not None else None
        if answer is None:
            # "lanjut", "ok lanjut": going on with the type proposed
            answer = 0 if is_affirm(turn.text) or is_done(turn.text) else \
                1 if is_no(turn.text) else None
        if answer == 0:
            predicted = turn.data.get("predicted") or {}
            turn.data.update(type=turn.data["proposal"], type_source="nlu",
                             type_confidence=predicted.get("confidence"), type_changed_by=None)
            return Go(after_type_chosen(turn))
        if answer == 1:
            return Go(State.TYPE_CHOOSE)
        return self.not_understood(turn)


@register
class TypeChoose(Step):
    """Choose the type from the numbered list."""

    state = State.TYPE_CHOOSE
    help_key = "help.type_choose"
    # WHERE: a type that asks where, instead of the online services (the place was "online")
    goes_to = successors(State.TYPE_CHOOSE) | {State.WHERE}

    def prompt(self, turn: Turn) -> list[Reply]:
        labels = [type_label(turn, k) for k in turn.config.type_keys()]
        suggested = turn.data.get("suggested")
        text = turn.t("type_choose.suggested", label=type_label(turn, suggested)) \
            if suggested in turn.config.complaint_types else turn.t("type_choose")
        return [Reply(text, tuple(Choice(label) for label in labels))]

    def ways_out(self, turn: Turn, options: Sequence[Choice]) -> list[str]:
        """Unsure of the type: "Lainnya", by its number (officers can change the type)."""
        keys = turn.config.type_keys()
        if OTHER_TYPE not in keys:
            return []
        return [turn.t("stuck.other", number=keys.index(OTHER_TYPE) + 1,
                       label=type_label(turn, OTHER_TYPE))]

    def handle(self, turn: Turn) -> Go:
        explained = self.explain(turn)
        if explained is not None:
            return explained
        keys = turn.config.type_keys()
        answer = self.choose(turn, type_options(turn))
        suggested = turn.data.get("suggested")
        if answer is None and suggested in keys and is_affirm(turn.text):
            answer = keys.index(suggested)
        if answer is None:
            return self.not_understood(turn)
        return Go(type_chosen(turn, keys[answer]))


def type_options(turn: Turn) -> list[list[str]]:
    """The words that name each type, in the order of the list."""
    return [[c.id, c.en, k.replace("_", " ")] + TYPE_WORDS.get(k, [])
            for k, c in turn.config.complaint_types.items()]


def named_type(turn: Turn, text: str | None = None) -> str | None:
    """The one type the message (or `text`) names ("harusnya layanan paspor aja"), or None:
    none, or several ("bukan aplikasi, paspor")."""
    answer = pick(turn.text if text is None else text, type_options(turn))
    return None if answer is None else turn.config.type_keys()[answer]


def type_chosen(turn: Turn, chosen: str) -> State:
    """The person chose the type `chosen`: recorded as theirs; the question it asks next."""
    predicted = turn.data.get("predicted")
    turn.data.update(type=chosen, type_source="complainant", type_confidence=None,
                     type_changed_by="complainant"
                     if predicted and predicted["type"] != chosen else None)
    return after_type_chosen(turn)


@register
class Reference(Step):
    """The application or permit number, for the types that have one (optional)."""

    state = State.REFERENCE
    help_key = "help.reference"
    accepts_key = "stuck.accepts.reference"
    # WHERE: after a type changed from the online services (the place was "online")
    goes_to = successors(State.REFERENCE) | {State.WHERE}

    def _label(self, turn: Turn) -> str:
        return reference_kind(turn).reference.get(turn.lang)

    def help_values(self, turn: Turn) -> dict[str, str]:
        label = self._label(turn)
        return {"what": label[:1].upper() + label[1:]}

    def prompt(self, turn: Turn) -> list[Reply]:
        label = self._label(turn)
        if turn.lang != "en":      # it starts the Indonesian sentence
            label = label[:1].upper() + label[1:]
        aspect = service_aspect(turn)
        if aspect is not None:
            # filed under another type by the priority: the service is named, so the officers
            # who handle the complaint can look at its file too
            return [turn.ask("reference.aspect", "skip", what=label,
                             service=type_label(turn, aspect))]
        return [turn.ask("reference", "skip", what=label)]

    def handle(self, turn: Turn) -> Go:
        explained = self.explain(turn)
        if explained is not None:
            return explained
        first = re.split(r"[,.;!\n]", turn.text, maxsplit=1)[0]
        if first != turn.text and is_none(first) and not re.search(r"\d", turn.text):
            # "gk tau nomornya, ada di kwitansi kyknya": no number to give
            turn.data["reference"] = None
            turn.data.pop("reference_asked_again", None)
            return Go(next_state(turn))
        waiting = optional(turn, "reference", "reference.explain", 100, what=self._label(turn))
        if waiting is None and turn.data.get("reference") and not looks_like_number(
                turn.data["reference"]):
            # every application and permit number has digits, five characters at least:
            # "last month", "di rumah", "around 50" is an answer to another question, or no
            # number; asked again, never stored
            turn.data.pop("reference")
            waiting = Go(None, [Reply(turn.t("reference.explain", what=self._label(turn)),
                                      (Choice(turn.t("skip")),))], ask_next=False)
        if waiting is not None and waiting.to is None and not waiting.ask_next:
            if turn.data.get("reference_asked_again"):
                # asked once more already: no number, and on (never the same question forever)
                turn.data.pop("reference_asked_again", None)
                turn.data["reference"] = None
                return Go(next_state(turn))
            turn.data["reference_asked_again"] = True
            return waiting
        turn.data.pop("reference_asked_again", None)
        if waiting is None and turn.data.get("reference"):
            turn.data["reference"] = bare_number(turn.data["reference"])
        return waiting or Go(next_state(turn))


# The words around a number typed as a sentence: "his KITAS number is …", "nomor paspor sy …".
_NUMBER_INTRO = {"my", "his", "her", "our", "their", "the", "a", "kitas", "itas", "itap", "kitap",
                 "itk", "passport", "paspor", "application", "permohonan", "permit", "stay",
                 "visa", "izin", "tinggal", "number", "no", "nomor", "nomer", "nmr", "nomornya",
                 "is", "it", "s", "adalah", "yaitu", "sy", "saya", "nya", "ini", "itu", "here",
                 "ref", "reference", "registration", "register", "pendaftaran", "id", "pak", "bu",
                 "kak", "min", "ya", "e", "card", "kartu"}


def looks_like_number(text: str) -> bool:
    """Whether an answer holds something an application or permit number may be: a run of at
    least 5 letters and digits with a digit in it ("2C21JD1234", "1234-5678"; not "50")."""
    joined = re.sub(r"(?<=\d)\s+(?=\d)", "", text)          # "1234 5678" is one number
    return any(re.search(r"\d", run) for run in re.findall(r"[0-9A-Za-z/-]{5,}", joined))


def bare_number(text: str) -> str:
    """The one number of an answer that only introduces it ('his KITAS number is 2C21…');
    anything more said with it is kept as typed."""
    tokens = text.split()
    numbers = [t.strip(".,;:()") for t in tokens if re.search(r"\d", t)]
    rest = [w for t in tokens if not re.search(r"\d", t) for w in said(t).split()]
    if len(numbers) == 1 and len(numbers[0]) >= 5 and rest and all(
            w in _NUMBER_INTRO for w in rest):
        return numbers[0]
    return text


@register
class When(Step):
    """When it happened: quick choices, or a date in the complainant's own words."""

    state = State.WHEN
    help_key = "help.when"
    accepts_key = "stuck.accepts.when"
    # WHO: a complaint that happened online is not asked where (flow.happened_online)
    goes_to = successors(State.WHEN) | {State.WHO}
    LABELS = ("when.today", "when.yesterday", "when.unsure")

    def help_for(self, turn: Turn) -> str | None:
        # "?" at "Your story says *Yesterday*: reply *yes*…": that day's yes explained too
        return "help.when.told" if story_date(turn) is not None else self.help_key

    def help_values(self, turn: Turn) -> dict[str, str]:
        day = story_day_text(turn)
        return {"day": day} if day is not None else {}

    def ways_out(self, turn: Turn, options: Sequence[Choice]) -> list[str]:
        """*lewati* skips it, said however often the question is refused (the third "lanjut"
        lost it, W26)."""
        return [turn.t("stuck.skip")]

    def prompt(self, turn: Turn) -> list[Reply]:
        day = story_day_text(turn)
        if day is not None:
            # "kemarin jam 10 pagi saya di kantor…": said already; "ya" takes it
            return [turn.ask("when.told", *self.LABELS, day=day)]
        return [turn.ask("when", *self.LABELS)]

    def handle(self, turn: Turn) -> Go:
        explained = self.explain(turn)
        if explained is not None:
            return explained
        text = turn.text
        today = turn.now.astimezone(turn.config.office.tz).date()
        pending = turn.data.pop("when_both", None)
        if pending:         # "11/03": which of the two dates did they mean?
            readings = [dt.date.fromisoformat(day) for day in pending["dates"]]
            chosen = pick(text, [[dates.short_date(day, turn.lang)] for day in readings])
            if chosen is not None:
                said_text = pending["text"]
                turn.data.update(when_text=said_text, when_date=readings[chosen].isoformat(),
                                 when_label=None, when_detail=said_text)
                return Go(next_state(turn))
        answered = asked_meanwhile(turn)
        if answered is not None:
            return answered
        found = story_date(turn)
        if found is not None and text and is_affirm(text) and \
                not stale_choice(turn, *self.LABELS) and not dates.names_time(text):
            told, date = found
            day = story_day_text(turn)
            turn.data.pop("when_asked_again", None)
            turn.data.update(when_text=day, when_date=date.isoformat(),
                             when_label=told if told != "date" and day == turn.t(f"when.{told}")
                             else None,
                             when_detail=None)
            return Go(next_state(turn))
        if not text or is_question(text) or (is_filler(text) and not is_none(text)) or \
                stale_choice(turn, *self.LABELS):
            return self.not_understood(turn)
        if (is_done(text) or is_affirm(text)) and not dates.names_time(text):
            # "ok continue", "lanjut" say nothing about when: never the answer, however often;
            # a go-ahead is told how to skip it (*lewati*), as at "where?"
            if says_send(text) or says_wait(text):
                return Go(None, [Reply(turn.t("answer.go_word")), *self.prompt(turn)],
                          ask_next=False)
            return Go(None, [turn.ask("when.again", *self.LABELS)], ask_next=False)
        typed, text = text, departed(text, today)
        if not text:
            # "anak sy mau berangkat umroh tgl 18": the journey's day, not the incident's; kept
            # in the story the officers read, and the question asked again
            add_to_story(turn, typed)
            return Go(None, [turn.ask("when.departure", *self.LABELS)], ask_next=False)
        ahead = dates.coming(text, today)
        if ahead is not None:
            # "besok", "Senin depan", "2026-12-08" (said on 1 Dec): that day has not come, and
            # what is complained of has happened; never stored, asked again with the choices
            shown = " ".join(text.split())[:40]
            if ahead == "undated":      # "8 Des": this year's is days ahead; last year's?
                last, _ = dates.parse(text, today)
                return Go(None, [turn.ask("when.coming_undated", *self.LABELS, said=shown,
                                          example=dates.short_date(last, turn.lang)
                                          if last else "12 Nov 2025")], ask_next=False)
            return Go(None, [turn.ask("when.coming", *self.LABELS, said=shown)],
                      ask_next=False)
        both = dates.both_ways(text, today) if turn.lang == "en" else None
        if both:
            labels = [dates.short_date(day, turn.lang) for day in both]
            turn.data["when_both"] = {"dates": [day.isoformat() for day in both],
                                      "text": text[:200]}
            return Go(None, [Reply(turn.t("when.which", said=text.strip()[:40], first=labels[0],
                                          second=labels[1]),
                                   tuple(Choice(label) for label in labels))], ask_next=False)
        exact = pick(text, [turn.words(k) for k in self.LABELS])
        bare = exact is not None and normalise(text) in {
            normalise(w) for k in self.LABELS for w in turn.words(k)} | {"1", "2", "3"}
        if bare:
            label = ("today", "yesterday", "unsure")[exact]
            date = {"today": today, "yesterday": today - dt.timedelta(days=1),
                    "unsure": None}[label]
        else:
            date, label = dates.parse(text, today)
            if label in (None, "unsure") and date is None and is_none(text):
                # "lewati", "skip", "gak tau": not known; never stored as the time ("When: skip")
                label, bare = "unsure", True
            if label is None and date is None and dates.implausible_number(text, today):
                # "around 50", "sekitar 50", "jam 50": no time, day or date; never stored as
                # the time: asked again, with the forms that are understood
                return Go(None, [turn.ask("when.number", *self.LABELS,
                                          said=" ".join(text.split())[:40])], ask_next=False)
            if label is None and date is None and dates.names_who_or_where(text):
                # "the man at counter 3", "satpam di pintu depan": who or where, no time; asked
                # again (each time), never stored as the time
                return Go(None, [turn.ask("when.not_who", *self.LABELS)], ask_next=False)
            misplaced = None if label is not None or date is not None else not_an_answer(
                turn, self.prompt(turn), name_is_wrong=True)
            if misplaced is not None:
                # "Siti Aminah", "MIN GW MAU LAPOR LG", more of the story: never the time,
                # however often sent
                return Go(None, misplaced, ask_next=False)
            if label is None and date is None and not dates.names_time(text) and \
                    not turn.data.get("when_asked_again"):
                # "paspor segera diterbitkan": an answer to another question, most likely;
                # asked once more, then taken as written
                turn.data["when_asked_again"] = True
                return Go(None, [turn.ask("when.again", *self.LABELS)], ask_next=False)
        turn.data.pop("when_asked_again", None)
        text = typed        # as written, a journey's day with it ("kemarin, flight saya tgl 20")
        turn.data.update(when_text=text[:200] if not bare else turn.t(f"when.{label}"),
                         when_date=date.isoformat() if date else None, when_label=label,
                         when_detail=None if bare else text[:200])
        split = None if bare else place_with_time(text)
        if split is not None and next_state(turn) is State.WHERE:
            # "kemarin jam 10 di loket 2": the place too, as if typed at "where?", the question
            # asked next (so not asked); when the place is already known (an edit from the
            # summary), the words stay with the time, nothing lost
            told, place_said = split
            turn.data.update(when_text=told[:200], when_detail=told[:200])
            turn.data.update(zip(("place", "place_detail"), own_place(place_said)))
            return Go(next_state(turn), [Reply(turn.t("when.place_noted", place=place_said))])
        return Go(next_state(turn))


# The place said after the time at "when?" ("kemarin jam 10 di loket 2", "yesterday at the
# airport"): a preposition and then only words of a place, a counter's number, to the end.
_PLACE_AFTER = re.compile(r"[\s,;]+(di|at|in|dekat|depan|near|inside|outside)\s+",
                          re.IGNORECASE)
_PLACE_NOUNS = {"loket", "konter", "counter", "desk", "meja", "pintu", "gate", "ruang",
                "ruangan", "tunggu", "waiting", "room", "lantai", "floor", "parkiran", "parkir",
                "parking", "toilet", "lobby", "lobi", "terminal", "hall", "kedatangan",
                "keberangkatan", "arrival", "departure", "area", "front", "depan", "belakang",
                "samping", "luar", "back", "no", "nomor", "nmr", "immigration"}
_PLACE_HEADS = _PLACE_NOUNS - {"tunggu", "waiting", "area", "front", "depan", "belakang",
                               "samping", "luar", "back", "no", "nomor", "nmr", "immigration"}


def place_with_time(text: str) -> tuple[str, str] | None:
    """(the time, the place) of an answer to "when?" that says both, the place last ("kemarin
    jam 10 di loket 2": "kemarin jam 10", "di loket 2"); None when it names no such place."""
    text = text.strip()
    vocabulary = PLAIN_PLACE_WORDS | _PLACE_NOUNS
    heads = _PLACE_HEADS | {w for ws in PLACE_WORDS for p in ws for w in p.split()}
    for found in _PLACE_AFTER.finditer(text):
        tokens = said(text[found.end():]).split()
        time = text[:found.start()].strip(" ,;")
        if time and tokens and len(tokens) <= 6 and set(tokens) & heads and all(
                t in vocabulary or re.fullmatch(r"\d+[a-z]?", t) for t in tokens):
            return time, text[found.start(1):].strip()
    return None


# Nouns of a place that take a number after them ("loket 2"): never split from it.
_NUMBERED = {"loket", "konter", "counter", "desk", "meja", "pintu", "gate", "ruang", "ruangan",
             "room", "lantai", "floor", "no", "nomor", "nmr", "terminal", "dermaga"}
_COUNTER = re.compile(r"\b(\w+)\s+\d+[a-z]?\b")


def time_and_place(text: str) -> tuple[str, str] | None:
    """(the time, the place) of an answer to "where?" that says both, in either order ("tgl 3
    kemarin di loket 2", "di pelabuhan kemarin sore"); None when it is not both."""
    split = place_with_time(text)
    if split is not None:
        return split if dates.only_time(split[0]) else None
    tokens = text.split()
    heads = _PLACE_HEADS | {w for ws in PLACE_WORDS for p in ws for w in p.split()}
    for cut in range(1, len(tokens)):
        place, time = " ".join(tokens[:cut]).strip(" ,;"), " ".join(tokens[cut:])
        words = said(place).split()
        counted = _COUNTER.sub(lambda m: m.group(1) if m.group(1) in _NUMBERED else m.group(0),
                               said(place))         # "di loket 2": the 2 is no time
        if not words or words[-1] in _NUMBERED or not set(words) & heads or \
                dates.names_time(counted) or not dates.only_time(time) or \
                not re.search(r"[^\W\d_]", time):
            continue
        return time.strip(" ,;"), place
    return None


def own_place(text: str) -> tuple[str, str | None]:
    """(place, place_detail) of a place in the person's own words: one of the office's places
    when the words name it and nothing more ("di kantor"), else kept whole ("di parkiran
    kantor", "counter 3")."""
    found = pick(text, [list(w) for w in PLACE_WORDS])
    plain = found is not None and not set(said(text).split()) - PLAIN_PLACE_WORDS
    return (PLACES[found] if found is not None else "other"), (None if plain else text[:500])


def departed(text: str, today: dt.date) -> str:
    """An answer to "when?" as it is read for the incident's day: without the day of a journey
    to come ("kemarin, padahal flight saya tgl 20": "kemarin padahal"); "" when that day is all
    it says of when ("mau berangkat umroh tgl 18"). Unchanged when it names no journey."""
    if not dates.names_departure(text, today):
        return text
    rest = dates.without_departure(text, today)
    return rest if dates.names_time(rest) else ""


def late_date(turn: Turn, text: str) -> list[Reply]:
    """A date typed after the time was skipped: stored as the time, and said so."""
    if turn.data.get("when_date"):
        return []
    today = turn.now.astimezone(turn.config.office.tz).date()
    date, label = dates.parse(text, today)
    if date is None or dates.coming(text, today):
        return []
    turn.data.update(when_text=text[:200], when_date=date.isoformat(),
                     when_label=label if label in ("today", "yesterday") else None,
                     when_detail=text[:200])
    return [Reply(turn.t("where.when_noted", date=when_text(turn)))]


def _other_time(turn: Turn, text: str) -> tuple[bool, dt.date | None, str | None]:
    """(a time other than the one given, its date, its label), for a time typed at "where?"."""
    known = turn.data.get("when_text")
    if not known or said(known) == said(text):
        return False, None, None
    today = turn.now.astimezone(turn.config.office.tz).date()
    if dates.coming(text, today):
        return False, None, None
    date, label = dates.parse(text, today)
    if date is not None and date.isoformat() == turn.data.get("when_date"):
        return False, None, None
    return True, date, label


def kept_date(turn: Turn, text: str) -> list[Reply]:
    """A time other than the day given ("4 hari yg lalu" after "kemarin"), typed at "where?":
    the day stays, and it is said which is kept and how to change it (never silently)."""
    other, _, _ = _other_time(turn, text)
    if not other or not turn.data.get("when_date"):
        return []
    return [Reply(turn.t("where.when_kept", date=when_text(turn),
                         said=" ".join(text.split())[:40]))]


def changed_date(turn: Turn, text: str) -> list[Reply]:
    """A time other than a vague one given ("minggu lalu" after "bln lalu", or after "Lebih
    lama / tidak ingat"), typed at "where?": it replaces the time, and said so (never
    dropped). The same time again, or a day given already (`kept_date`): nothing."""
    other, date, label = _other_time(turn, text)
    if not other or turn.data.get("when_date"):
        return []
    turn.data.update(when_text=text[:200], when_date=date.isoformat() if date else None,
                     when_label=label if label in ("today", "yesterday") else None,
                     when_detail=text[:200])
    return [Reply(turn.t("where.when_updated", date=when_text(turn)))]


# A date typed in digits alone ("5/11", "05-11-2026"): the date shown says all of it.
_DIGITS_DATE = re.compile(r"\d{1,4}([/.\-]\d{1,4}){1,2}")


def when_text(turn: Turn) -> str:
    """'Kemarin (30 Nov 2026): kmrn pagi jam 10an' for the summary."""
    d = turn.data
    date = dt.date.fromisoformat(d["when_date"]) if d.get("when_date") else None
    label, detail = d.get("when_label"), d.get("when_detail")
    if date is None:
        return detail or (turn.t(f"when.{label}") if label else (d.get("when_text") or "-"))
    shown = dates.short_date(date, turn.lang)
    if label in ("today", "yesterday"):
        shown = f"{turn.t(f'when.{label}')} ({shown})"
    if not detail or said(detail) in dates.TODAY | dates.YESTERDAY or same_day(detail, date) \
            or _DIGITS_DATE.fullmatch(detail.strip()):
        return shown        # "5 Nov 2026", "5/11" typed: said once, not "5 Nov 2026: 5/11"
    return f"{shown}: {detail}"


@register
class Where(Step):
    """Where it happened, with the office's usual places as quick choices."""

    state = State.WHERE
    help_key = "help.where"
    accepts_key = "stuck.accepts.where"
    goes_to = successors(State.WHERE) | {State.WHERE_OTHER}
    LABELS = ("where.office", "where.seaport", "where.airport", "where.other")

    def help_for(self, turn: Turn) -> str | None:
        # "?" at "Your story mentions *Malundung seaport*: reply *yes*…": that yes explained
        return "help.where.told" if story_place(turn) is not None else self.help_key

    def help_values(self, turn: Turn) -> dict[str, str]:
        told = story_place(turn)
        return {"place": turn.t(self.LABELS[PLACES.index(told)])} if told is not None else {}

    def ways_out(self, turn: Turn, options: Sequence[Choice]) -> list[str]:
        """*lewati* skips it (the place unknown), as at "when?"; where the story named the
        place, *lewati* keeps that place, and *ya* is said by the question itself."""
        return [turn.t("stuck.skip")] if story_place(turn) is None else []

    def prompt(self, turn: Turn) -> list[Reply]:
        told = story_place(turn)
        if told is not None:
            # "…di pelabuhan malundung…": said already; "ya" or "lewati" keeps it
            return [turn.ask("where.told", *self.LABELS,
                             place=turn.t(self.LABELS[PLACES.index(told)]))]
        return [turn.ask("where", *self.LABELS)]

    def handle(self, turn: Turn) -> Go:
        explained = self.explain(turn)
        if explained is not None:
            return explained
        text = turn.text
        if turn.inbound.kind == "location" and text:       # the incident's place: shown
            turn.data.update(place="other", place_detail=pin_as_place(text)[:500])
            return Go(next_state(turn))
        answered = asked_meanwhile(turn)
        if answered is not None:
            return answered
        if text and (says_send(text) or says_wait(text)):
            # "lanjut", "gas" typed as at the summary: no place, also where the story named
            # one ("lanjut" took it, "gas" did not: W26), as at "when?"; the way to skip it is
            # said (it got "choose one first" for ever)
            return Go(None, [Reply(turn.t("answer.go_word")), *self.prompt(turn)],
                      ask_next=False)
        told = story_place(turn)
        if told is not None and text and not stale_choice(turn, *self.LABELS) and (
                is_affirm(text) or is_done(text) or is_none(text)):
            turn.data.update(place=told, place_detail=None)
            turn.data.pop("where_asked_again", None)
            return Go(next_state(turn))
        if not text or is_question(text) or is_filler(text) or \
                stale_choice(turn, *self.LABELS) or is_done(text) or is_affirm(text):
            return self.not_understood(turn)
        labels = [turn.words(k) for k in self.LABELS]
        exact = pick(text, labels)
        bare = exact is not None and normalise(text) in {
            normalise(w) for words in labels for w in words} | {"1", "2", "3", "4"}
        if (bare and exact == 3) or said(text) in ELSEWHERE_WORDS or \
                " ".join(w for w in said(text).split() if w not in PARTICLES) in ELSEWHERE_WORDS:
            return Go(State.WHERE_OTHER)
        if bare:
            turn.data.update(place=PLACES[exact], place_detail=None)
        elif is_none(text):
            turn.data.update(place=None, place_detail=None)
        elif dates.only_time(text):
            # "10 nov", "tanggal 3 kemarin pak", "last Tuesday": the date, typed a step late.
            # While the time is still unknown ("lewati" a moment ago), it is the time; the
            # place asked once more, then left unknown (never a time kept as the place)
            # A time other than a vague one given ("minggu lalu" after "bln lalu") replaces
            # it; other than a day given, it is said which is kept and how to change it
            noted = late_date(turn, text) or changed_date(turn, text)
            told = noted or kept_date(turn, text)
            if not turn.data.get("where_asked_again"):
                turn.data["where_asked_again"] = True
                again = turn.ask("where", *self.LABELS) if noted else \
                    turn.ask("where.again", *self.LABELS)
                return Go(None, told + [again], ask_next=False)
            turn.data.pop("where_asked_again", None)
            turn.data.update(place=None, place_detail=None)
            return Go(next_state(turn), told)
        elif (split := time_and_place(text)) is not None:
            # "tgl 3 kemarin di loket 2", "di pelabuhan kemarin sore": both, each kept
            told, place_said = split
            noted = late_date(turn, told)
            place, detail = own_place(place_said)
            today = turn.now.astimezone(turn.config.office.tz).date()
            day, _ = dates.parse(told, today)
            if not noted and (day is None or day.isoformat() != turn.data.get("when_date")):
                detail = text[:500]     # a time other than the one given: nothing lost
            turn.data.update(place=place, place_detail=detail)
            turn.data.pop("where_asked_again", None)
            return Go(next_state(turn), noted)
        elif (misplaced := not_an_answer(turn, self.prompt(turn))) is not None:
            # "MIN GW MAU LAPOR LG", more of the story: never the place
            return Go(None, misplaced, ask_next=False)
        else:   # their own words, kept whole: "di parkiran kantor", "counter 3"
            turn.data.update(zip(("place", "place_detail"), own_place(text)))
        turn.data.pop("where_asked_again", None)
        return Go(next_state(turn))


@register
class WhereOther(Step):
    state = State.WHERE_OTHER
    help_key = "help.where_other"
    accepts_key = "stuck.accepts.where_other"
    goes_to = successors(State.WHERE)

    def prompt(self, turn: Turn) -> list[Reply]:
        return [Reply(turn.t("where_other"))]

    def handle(self, turn: Turn) -> Go:
        explained = self.explain(turn)
        if explained is not None:
            return explained
        if is_question(turn.text):
            answered = asked_meanwhile(turn)
            if answered is not None:
                return answered
        if not turn.text or is_question(turn.text) or is_filler(turn.text) or \
                stale_choice(turn):
            return Go(None, [Reply(turn.t("where_other"))], ask_next=False)
        if turn.inbound.kind != "location" and says_nothing(turn, skippable=False):
            # "2" (a choice of the list before, most likely, or a counter), "x", "itu": never
            # the place, however often sent (the same number twice was once kept); asked back,
            # then with an example, then leaving it unknown is offered
            tries = turn.data.get("where_vague", 0) + 1
            turn.data["where_vague"] = tries
            number = turn.text.strip().rstrip(".)")
            first = turn.t("digit.place", number=number) if _LONE_DIGITS.fullmatch(
                turn.text.strip()) else turn.t("where.nothing")
            said_ = (first, turn.t("where.vague"), turn.t("where.vague.skip"))[min(tries, 3) - 1]
            return Go(None, [Reply(said_), *self.prompt(turn)], ask_next=False)
        turn.data.pop("where_vague", None)
        misplaced = None if turn.inbound.kind == "location" else not_an_answer(
            turn, self.prompt(turn))
        if misplaced is not None:
            return Go(None, misplaced, ask_next=False)
        if turn.inbound.kind != "location" and is_none(turn.text):
            # "lewati", "tidak tahu": the place left unknown, never stored as its name
            turn.data.update(place=None, place_detail=None)
            return Go(next_state(turn))
        text = pin_as_place(turn.text) if turn.inbound.kind == "location" else turn.text
        turn.data.update(place="other", place_detail=text[:500])
        return Go(next_state(turn))


# The complainant's own name typed at "who is it about?": "nama saya Siti", "my name is John"
# (always their own), "saya Budi Santoso", "I'm Budi" (when a name follows, nothing else).
_NAMED = re.compile(r"^(?:(?:nama|nm|namanya)\s+(?:saya|sy|aku|gue|gw)|namaku|my name is|"
                    r"my name s|name is)\s+(?P<name>.+)$")
_I_AM = re.compile(r"^(?:saya|sy|aku|gue|gw|i am|i m|im|this is)\s+(?P<name>.+)$")
_NO_NAME = {"tidak", "tdk", "gak", "ga", "gk", "nggak", "ngga", "enggak", "tak", "bukan", "lupa",
            "tau", "tahu", "sudah", "udah", "udh", "sdh", "belum", "blm", "mau", "ingin",
            "pengen", "sendiri", "korban", "pemohon", "pelapor", "yang", "yg", "di", "ke",
            "dari", "juga", "kurang", "kira", "rasa", "pikir", "bingung", "cuma", "hanya", "dan",
            "sama", "dengan", "dgn", "ada", "punya", "kena", "lihat", "liat", "ketemu", "ingat",
            "inget", "agak", "sangat", "nya", "petugas", "petugasnya", "orangnya", "pak", "bu",
            "bapak", "ibu", "mas", "mbak", "kak", "min", "lewati", "skip", "not", "sure", "the",
            "a", "an", "unsure", "confused", "sorry", "afraid", "scared", "don", "t", "do",
            "did", "was", "have", "had", "just", "also", "here", "victim", "applicant", "from",
            "at", "in", "on", "with", "and", "it", "that", "this", "him", "her", "them", "he",
            "she", "they", "officer", "staff", "no", "idea", "know", "forgot", "remember",
            "takut", "minta", "mohon", "tanya", "bayar", "kasih", "yakin", "uang", "antri",
            "antre", "kecewa", "lama", "datang", "pergi", "urus", "cuman", "kok", "sih", "aja",
            "saja", "ya", "bisa", "harus", "perlu", "lagi", "masih", "pas", "waktu", "kemarin"}
# A word of an Indonesian verb ("dimintai", "dipersulit", "menunggu"), not a name, when the
# name is typed in small letters: "saya dimintai uang".
_VERB_FORM = re.compile(r"^(di|me|mem|men|meng|ber|ter|ke|pe|per)[a-z]{4,}$")


def own_name(text: str) -> bool:
    """The complainant's own name, not the reported person's: "saya Budi Santoso", "nama saya
    Siti", "my name is John" ("saya lupa namanya", "i am not sure" are not)."""
    s = said(text)
    named = _NAMED.match(s)
    if named is not None:
        return len(named.group("name").split()) <= 4
    bare = _I_AM.match(s)
    if bare is None:
        return False
    words = bare.group("name").split()
    capitals = {w.lower() for w in re.findall(r"\b[A-Z][a-z]+\b", text)}
    return len(words) <= 3 and all(w.isalpha() and w not in _NO_NAME and (
        w in capitals or not _VERB_FORM.match(w)) for w in words)


# Answers to "who is it about?" that name no one ("itu", "dia", "that"; "x" and "-" say "none").
_NAMES_NO_ONE = {"itu", "ini", "tu", "tuh", "dia", "itu dia", "yg itu", "yang itu", "that",
                 "this", "it", "him", "her", "he", "she", "that one", "this one", "x", "xx",
                 "xxx"}


def says_nothing(turn: Turn, skippable: bool = True) -> bool:
    """An answer to "who?" (or "which place?") that names no one: a number alone (not the
    Skip choice's "1" where the question has one, `skippable`), a letter, punctuation, "itu".
    A yes, a no, "lanjut", "gak tau", "-" or "x" (none) are read as before."""
    text = turn.text.strip()
    if not text or is_affirm(text) or is_deny(text) or is_none(text) or is_done(text):
        return False
    if _LONE_DIGITS.fullmatch(text):
        return not skippable or pick(text, [turn.words("skip")]) != 0
    s = said(text)
    return not s or s in _NAMES_NO_ONE or (len(s) == 1 and s.isalpha())


@register
class Who(Step):
    """Who or which unit, optional."""

    state = State.WHO
    help_key = "help.who"
    accepts_key = "stuck.accepts.who"
    goes_to = successors(State.WHO)

    def prompt(self, turn: Turn) -> list[Reply]:
        asked = type_of(turn).who
        if asked is None:
            return [turn.ask("who", "skip")]
        return [Reply(asked.get(turn.lang), (Choice(turn.t("skip")),))]

    def handle(self, turn: Turn) -> Go:
        explained = self.explain(turn)
        if explained is not None:
            return explained
        if dates.only_time(turn.text) and re.search(r"[^\W\d_]", turn.text) and \
                not turn.data.get("who_asked_again"):
            # "3 days ago": the time, typed a step late ("About: 3 days ago" was kept); asked
            # once more, then kept as written (words: "1" is the Skip button, "3" a counter).
            # While the time is still unknown ("lewati" a moment ago), it is the time.
            turn.data["who_asked_again"] = True
            noted = late_date(turn, turn.text) or [Reply(turn.t("who.when"))]
            return Go(None, noted + self.prompt(turn), ask_next=False)
        turn.data.pop("who_asked_again", None)
        if own_name(turn.text):
            # "saya Budi Santoso": their own name, never stored as the person reported; said
            # what the question is about and asked once more, then on with no one named
            if turn.data.pop("who_own_name", None):
                turn.data["who"] = None
                return Go(next_state(turn))
            turn.data["who_own_name"] = True
            return Go(None, [Reply(turn.t("who.own_name")), *self.prompt(turn)], ask_next=False)
        turn.data.pop("who_own_name", None)
        if says_nothing(turn):
            # "2" (counter 2? asked, never guessed), "itu", "dia": never the party reported,
            # however often sent; asked with an example, then skipping it is offered
            tries = turn.data.get("who_vague", 0) + 1
            turn.data["who_vague"] = tries
            number = turn.text.strip().rstrip(".)")
            first = turn.t("digit.who", number=number) if _LONE_DIGITS.fullmatch(
                turn.text.strip()) else turn.t("who.nothing")
            said_ = (first, turn.t("who.vague"), turn.t("who.vague.skip"))[min(tries, 3) - 1]
            return Go(None, [Reply(said_), *self.prompt(turn)], ask_next=False)
        turn.data.pop("who_vague", None)
        misplaced = not_an_answer(turn, self.prompt(turn))
        if misplaced is not None:
            # "MIN GW MAU LAPOR LG", more of the story: never the party reported (the
            # officers' alert shows it)
            return Go(None, misplaced, ask_next=False)
        explain = type_of(turn).who_explain
        if explain is None:
            return optional(turn, "who", "who.explain", 500) or Go(next_state(turn))
        waiting = optional(turn, "who", "who.explain", 500)
        if waiting is not None and waiting.ask_next:    # a question answered, then asked again
            return waiting
        if waiting is not None:                 # the type's own hint, not the officer's
            return Go(None, [Reply(explain.get(turn.lang))], ask_next=False)
        return Go(next_state(turn))


# A question about the evidence itself ("wajib ga?", "bukti apa aja?") gets the evidence hint.
_ABOUT_EVIDENCE = re.compile(r"\b(bukti|buktinya|foto|fotonya|dokumen|wajib|harus|perlu|"
                             r"evidence|photo|photos|required|need|document|documents|"
                             r"screenshot|kuitansi|kwitansi)\b")


# Not able to send a file: "hp sy jadul ga bisa kirim foto", "tidak bisa upload", "gak bisa
# ngirim gambar lewat sms", "my phone can't send photos" (read on `said`).
_CANNOT_SEND = re.compile(
    r"\b(ga|gak|gk|tidak|tdk|nggak|ngga|enggak|belum|blm|ndak|tak)\s+(bisa|bs|dapat|dpt|"
    r"mampu|sanggup)\s+(di)?(kirim|ngirim|mengirim|kirimkan|upload|unggah|mengunggah|send|"
    r"foto|moto|memotret|attach|lampirkan)\b|"
    r"\b(can t|cant|cannot|can not|unable to|not able to)\s+(send|upload|attach|take)\b|"
    r"\b(hp|handphone|ponsel|telepon|phone)\s+(\w+\s+)?(jadul|jadoel|jelek|kentang)\b|"
    r"\bno (camera|smartphone)\b|\b(tidak|tdk|ga|gak|nggak) (ada|punya) kamera\b")


@register
class Evidence(Step):
    """Photos or documents, optional; the engine keeps any media the moment it arrives."""

    state = State.EVIDENCE
    help_key = "help.evidence"
    accepts_key = "stuck.accepts.evidence"
    goes_to = successors(State.EVIDENCE)

    def prompt(self, turn: Turn) -> list[Reply]:
        # SMS carries no photos (no MMS on an Indonesian long code): the evidence in words
        return [turn.ask(_on_sms(turn, "evidence"), "continue")]

    def help_for(self, turn: Turn) -> str | None:
        # "?" on SMS: not "send a photo here", which a text message cannot carry
        return _on_sms(turn, self.help_key)

    def handle(self, turn: Turn) -> Go:
        text = turn.text
        if turn.inbound.media:
            count = len(turn.data.get("attachments", []))
            return Go(None, [turn.ask("evidence.received", "continue", count=count)],
                      ask_next=False)
        explained = self.explain(turn)
        if explained is not None:
            return explained
        if wish(text) == "anonymous" and len(text.split()) <= 6:
            # "anonim aja" said ahead of the identity question: no evidence, and no name
            turn.data.update(evidence_done=True, anonymous=True, name=None)
            return Go(next_state(turn))
        if stale_choice(turn, "continue"):
            # "Ya, benar" (the type's button) at the evidence question: asked again
            return Go(None, self.prompt(turn), ask_next=False)
        if _CANNOT_SEND.search(said(text)):
            # "hp sy jadul ga bisa kirim foto": no evidence sent, and that is fine; the remark
            # is no line of the story the officers read
            turn.data["evidence_done"] = True
            return Go(next_state(turn), [Reply(turn.t("evidence.cannot_send"))])
        first = re.split(r"[,.;!\n]", text, maxsplit=1)[0]      # "ga ada foto, takut ketauan"
        if is_done(text) or is_none(text) or is_no(text) or is_affirm(text) or \
                pick(text, [turn.words("continue")]) == 0 or (first != text and is_none(first)):
            turn.data["evidence_done"] = True
            return Go(next_state(turn))
        if said(text) in {"ada", "punya", "yes i have", "i have", "ada min", "ada kak"}:
            return Go(None, [Reply(turn.t(_on_sms(turn, "evidence.send")))], ask_next=False)
        if is_filler(text) or dates.only_time(text):
            # "ok mksh pak", "3 september": thanks, or a date typed a step late, are not the
            # story; the question is asked again
            return Go(None, self.prompt(turn), ask_next=False)
        if is_question(text) and not _ABOUT_EVIDENCE.search(said(text)):
            answered = asked_meanwhile(turn)
            if answered is not None:
                return answered
        if len(text.split()) >= 2 and not is_question(text) and add_to_story(turn, text):
            return Go(None, [turn.ask("story.added", "continue")], ask_next=False)
        if is_question(text) or text.rstrip().endswith("?"):
            # "wajib ga?", "bukti apa aja?", "is it required?": what counts, and that none is fine
            return Go(None, [turn.ask(_on_sms(turn, "evidence.explain"), "continue")],
                      ask_next=False)
        return self.not_understood(turn)


def _on_sms(turn: Turn, key: str) -> str:
    """The evidence text `key`, or its SMS variant ("say what it is, bring it to the office")
    on SMS, which carries no photos."""
    return f"{key}.sms" if turn.inbound.channel == "sms" else key


# A wish put as a request: "please settle it fast?", "tolong dipercepat ya?", "bisa dipercepat?",
# "can you process it this week?", and the Malay "… boleh?", "… boleh tak?", "… can or not?".
_WISH_ASKED = re.compile(r"(please|pls|plz|plis|tolong|mohon|minta|harap|can you|could you|"
                         r"would you|can u|bisa|bisakah|boleh|i want|i need|i hope|i would like|"
                         r"saya mau|saya ingin|sy mau|sy ingin|saya harap|semoga|hope)\b")
_ASKS_LEAVE = re.compile(r"\b(boleh|boleh tak|boleh x|can or not|can ah|can)\s*(lah|kah|ke)?$")


@register
class Outcome(Step):
    """What the person wants to happen (for the types that ask), optional.

    Asked by type, never by channel (`flow._asks_outcome`: the type's `outcome_example` in
    config.yml): today passport, stay-permit, levy and officer-conduct complaints, on every
    channel."""

    state = State.OUTCOME
    help_key = "help.outcome"
    accepts_key = "stuck.accepts.outcome"
    goes_to = successors(State.OUTCOME)

    def prompt(self, turn: Turn) -> list[Reply]:
        return [turn.ask("outcome", "skip",
                         example=type_of(turn).outcome_example.get(turn.lang))]

    def handle(self, turn: Turn) -> Go:
        explained = self.explain(turn)
        if explained is not None:
            return explained
        s = said(turn.text)
        if is_question(turn.text) and not asks_status(turn.text) and (
                _WISH_ASKED.match(s) or _ASKS_LEAVE.search(s)):
            # "please settle my kitas fast boleh?", "bisa dipercepat?": the wish, put as a
            # request, is the answer (never an information topic's answer)
            turn.data["outcome"] = turn.text[:1000]
            turn.data.pop("digits_asked", None)
            return Go(next_state(turn))
        if leaves_it_to_us(turn.text):
            # "terserah bapak/ibu", "up to you": no particular wish, as "tidak ada" is
            turn.data["outcome"] = None
            return Go(next_state(turn))
        today = turn.now.astimezone(turn.config.office.tz).date()
        if dates.only_time(turn.text) and re.search(r"[^\W\d_]", turn.text) and \
                dates.coming(turn.text, today) is None and not turn.data.get("outcome_asked_again"):
            # "yg kemarin itu", "10 nov": a time gone by, typed a step late, is no wish ("besok",
            # a day to come, may be: kept); asked once more, then kept as written. While the time
            # is still unknown, it is the time.
            turn.data["outcome_asked_again"] = True
            noted = late_date(turn, turn.text) or [Reply(turn.t("outcome.when"))]
            return Go(None, noted + self.prompt(turn), ask_next=False)
        turn.data.pop("outcome_asked_again", None)
        digits = lone_digits(turn, "digit.free", self.prompt(turn))
        if digits is not None:
            return digits
        waiting = optional(turn, "outcome", "outcome.explain", 1000)
        return waiting or Go(next_state(turn))
