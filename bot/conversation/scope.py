"""Not immigration: say so kindly, name the right place, and still file it if the person insists."""
from __future__ import annotations

import re
from bot.config import OfficeReferral
from bot.conversation.choices import normalise, pick
from bot.conversation.draft import add_to_story, interrupt, story
from bot.conversation.reading import Reading
from bot.conversation.step import Step, compact, register
from bot.conversation.turn import Go, State, Turn
from bot.conversation.understand import (grievance, is_affirm, is_deny, is_filler, menu_wish,
                                         said, story_words, wants_cancel)
from bot.delicate import delicate_kind
from bot.messages import Choice, Reply
from bot.sop.stages import Stage

# Stages at which a complaint is finished (as `routing.FINISHED`; routing imports this module).
FINISHED = (Stage.REPORTED.value, Stage.ARCHIVED.value)

# Without the model, a story is only judged out of scope when it names another service and
# nothing an immigration office deals with.
IMMIGRATION_CUES = {"paspor", "passport", "imigrasi", "immigration", "kanim", "visa", "voa",
                    "itas", "itap", "kitas", "kitap", "izin tinggal", "wna", "orang asing",
                    "foreigner", "m paspor", "mpaspor", "pnbp", "kode billing", "calo", "calonya",
                    "pungli",
                    "plb", "pas lintas batas", "border pass", "border crossing pass",
                    "cap paspor", "stempel", "tpi", "perlintasan", "petugas imigrasi",
                    "deportasi", "overstay",
                    # Malay, as people from Tawau and Sabah write: immigration, passport, bribe
                    "imigresen", "pasport", "cop pasport", "duit kopi", "rasuah", "suap",
                    "sogok", "wawancara"}


# Asking where to go instead ("trus sy ngadu kemana?", "nomornya brp?", "where do I go?"):
# the places are named again, and the question is never part of the story.
_ASKS_WHERE = re.compile(r"\b(kemana|ke mana|kmn|kmana|dimana|di mana|dmn|brp|berapa|gimana|"
                         r"bagaimana|gmn|caranya|kontaknya|alamatnya|nomornya|nomernya|"
                         r"linknya|webnya|mana|where|how|which|what|who)\b")

# Pushing back at the referral ("kok gak bisa dibantu sih, kan kantor pemerintah juga", "why
# can't you help"): no reason it is the office's, so the referral is explained again; "kantor"
# or "pelayanan" in it is no sign the matter is immigration's.
_PUSHBACK = re.compile(r"\b(gak|ga|tidak|tdk|nggak|ngga|gk|tak|can t|cannot|won t) (bisa |mau |"
                       r"boleh )?(you |kalian |bapak |ibu )?(di)?(bantu|tangani|urus|proses|help|handle)\w*\b|"
                       r"\bkantor pemerintah\b|\bsama sama (kantor|instansi) pemerintah\b|"
                       r"\bgovernment office\b")


# Saying it is urgent instead of choosing ("URGENT", "tolong pak ini darurat", "please help"):
# the urgency is acknowledged, the place named again, and the ways that remain offered; said
# again, answered shorter, never the same reminder over and over.
_URGENT = re.compile(r"\b(urgent|urgen|darurat|emergency|mendesak|gawat|penting|segera|asap|"
                     r"cepat|cepetan|buruan|help|tolong|tlg|sos)\b")
# How many times the person pleaded at this question (in the conversation's data).
PLEADED = "scope_pleaded"
# An officer chosen here: the request is made as the officers' chat opens (in the data).
OFFICER_ON_ARRIVAL = "officer_on_arrival"
# Asking for an officer at the question (the urgent reply offers it as its third choice).
_OFFICER_WORDS = {"petugas", "officer", "an officer", "minta petugas", "ke petugas", "cs",
                  "admin", "bicara dengan petugas", "talk to an officer", "talk to officer"}


def pleads(text: str) -> bool:
    """An urgent plea, and no more than one ("URGENT!!!", "tolong pak ini darurat")."""
    s = said(text)
    return bool(s) and len(s.split()) <= 8 and _URGENT.search(s) is not None


def _mentions(text: str, phrases: list[str] | set[str]) -> bool:
    padded = f" {said(text)} "
    return any(f" {normalise(p)} " in padded for p in phrases if normalise(p))


def matching(turn: Turn, text: str) -> list[str]:
    """The keys of `referrals.others` whose keywords the text mentions, in config order."""
    return [key for key, place in turn.config.referrals.others.items()
            if _mentions(text, place.keywords)]


# Said to an immigration office's bot, "the office", "the counter", "the guard" are this
# office's, unless the story names another service ("satpam di depan kantor kasar").
OFFICE_CUES = {"kantor", "kantornya", "loket", "loketnya", "satpam", "security", "antrian",
               "antrean", "ruang tunggu", "petugas", "petugasnya", "pegawai", "pegawainya",
               "office", "counter", "officer", "officers", "guard", "waiting room",
               # "the service" too: "pelayanan lambat banget", however sure the model is
               "pelayanan", "pelayanannya", "layanan", "layanannya", "service"}


# Saying it is ours after all: our own places ("ini di tarakan kok", "di malundung").
OUR_PLACES = {"tarakan", "kanim tarakan", "malundung", "juwata", "tengkayu"}


def other_office(turn: Turn, text: str) -> str | None:
    """The key of another immigration office (`referrals.offices`) whose places the text
    names (Tunon Taka: Kanim Nunukan's)."""
    return next((key for key, office in turn.config.referrals.offices.items()
                 if _mentions(text, office.keywords)), None)


def office_of(turn: Turn) -> OfficeReferral | None:
    """The other immigration office this draft's story was told about, if any."""
    return turn.config.referrals.offices.get(turn.data.get("scope_office") or "")


def names_immigration(text: str) -> bool:
    """The message names something an immigration office deals with (a passport, a visa, the
    PLB, the office itself by that name)."""
    return _mentions(text, IMMIGRATION_CUES)


def names_office(text: str) -> bool:
    """The message names the office, its counters, its staff or its service."""
    return _mentions(text, OFFICE_CUES)


def out_of_scope(turn: Turn, reading: Reading | None, text: str) -> bool:
    """Is this story for another office? The model's sure verdict; an unsure one only when the
    keywords agree (the story names another service and nothing of ours), as without the model;
    and no verdict on a story about "the office" that names no other service. People writing
    to the immigration office's own bot seldom say "imigrasi"."""
    if reading is None:
        return by_rules(turn, text)
    if not reading.out_of_scope:
        return False
    if names_office(text) and not matching(turn, text):
        return False
    if delicate_kind(text) == "pungli" and _mentions(text, IMMIGRATION_CUES):
        # "ditipu agen katanya bisa urus paspor cepat, udah transfer 2jt": a broker of
        # immigration papers is the office's to know of, whatever else (the police) it is
        return False
    return reading.confidence >= turn.config.nlu.confidence_threshold or by_rules(turn, text)


def by_rules(turn: Turn, text: str) -> bool:
    """Out of scope by keywords (used when the NLU cannot be asked)."""
    return bool(matching(turn, text)) and not _mentions(text, IMMIGRATION_CUES)


def referral_text(turn: Turn, text: str) -> str:
    """The places to go, one line each: the matching ones, then LAPOR!, which forwards a
    complaint to the agency concerned (alone when none matches: listing every place sent a
    BPJS complaint to the police's emergency number). Another immigration office's story:
    that office, then LAPOR!."""
    refs = turn.config.referrals
    office = office_of(turn)
    if office is not None:
        contact = office.contact.get(turn.lang) if office.contact else \
            turn.t("scope.office_contact")
        lines = [f"• {office.name.get(turn.lang)}: {contact}"]
    else:
        lines = place_lines(turn, matching(turn, text))
    lapor = refs.lapor
    return "\n".join([*lines, f"• {lapor.name.get(turn.lang)}: {lapor.contact.get(turn.lang)}"])


def place_lines(turn: Turn, keys: list[str]) -> list[str]:
    """'• Disdukcapil Kota Tarakan (KTP, KK, akta): kantor Disdukcapil …', one per key of
    `referrals.others`, in the person's language."""
    others = turn.config.referrals.others
    return [f"• {others[k].name.get(turn.lang)}: {others[k].contact.get(turn.lang)}"
            for k in keys]


@register
class Scope(Step):
    """The story is not something an immigration office handles."""

    state = State.SCOPE
    goes_to = frozenset({State.TYPE_CHOOSE, State.MENU, State.OFFICER})

    def _file_key(self, turn: Turn) -> str:
        return "scope.office_file" if self._office(turn) else "scope.file"

    @staticmethod
    def _office(turn: Turn) -> OfficeReferral | None:
        """Another immigration office's story (Tunon Taka): asked whether it is ours."""
        return office_of(turn)

    def prompt(self, turn: Turn) -> list[Reply]:
        places = referral_text(turn, story(turn))
        office = self._office(turn)
        if office is not None:
            return [turn.ask("scope.office", "scope.office_file", "scope.leave",
                             area=office.area.get(turn.lang), other=office.name.get(turn.lang),
                             office=turn.config.office.short(turn.lang), places=places)]
        return [turn.ask("scope", "scope.file", "scope.leave", places=places)]

    def handle(self, turn: Turn) -> Go:
        office = self._office(turn)
        answer = self.choose(turn, [
            turn.words("scope.file") + turn.words("scope.office_file") + [
                "tetap", "tetap kirim", "kirim", "lanjut", "file it", "send it", "hantar",
                "tetap hantar"] + ([] if office else ["imigrasi"]),
            turn.words("scope.leave") + ["tidak", "tidak usah", "ga usah", "gak usah", "no",
                                         "batal", "ok makasih", "oke makasih", "tak payah",
                                         "tak apa", "tak jadi"]])
        if answer is None and wants_cancel(turn.text):
            answer = 1          # "batal", "ga jadi": no, thanks (nothing of theirs was filed)
        if answer is None and is_affirm(turn.text):
            answer = 0
        if answer is None and self._wants_officer(turn):
            return self.to_officer(turn)
        if answer is None and _ASKS_WHERE.search(said(turn.text)):
            return self.where(turn)    # "trus sy ngadu kemana?", "nomornya brp?"
        if answer is None and _PUSHBACK.search(said(turn.text)) and \
                not _mentions(turn.text, IMMIGRATION_CUES):
            return self.where(turn)    # "kok gak bisa dibantu, kan kantor pemerintah juga"
        if answer is None and office is not None:
            # Nunukan's port is immigration too: only our own places say it is ours ("ini di
            # tarakan kok"); "bukan di tarakan" and "ke nunukan aja" are a no
            if is_deny(turn.text):
                answer = 1
            elif _mentions(turn.text, OUR_PLACES):
                answer = 0
            elif _mentions(turn.text, {office.town}):
                answer = 1
        elif answer is None and (_mentions(turn.text, IMMIGRATION_CUES) or
                                 _mentions(turn.text, OFFICE_CUES)):
            answer = 0          # "ini soal paspor kok": it is ours after all
        if answer is None and pleads(turn.text) and not is_deny(turn.text):
            return self.urgent(turn)   # "URGENT", "tolong pak ini darurat": never the story
        if answer is None and turn.text.rstrip().endswith("?"):
            return self.where(turn)    # another question about it
        if answer is None and (is_deny(turn.text) or is_filler(turn.text)):
            answer = 1
        if answer == 0 and story_words(turn.text) >= 4:
            add_to_story(turn, turn.text)     # what they said to insist is part of the story
        if answer == 0:
            turn.data.pop(PLEADED, None)
            turn.data["scope_insisted"] = True
            return Go(State.TYPE_CHOOSE)
        if answer == 1:
            turn.data.clear()
            return Go(State.MENU, [self.left(turn)], ask_next=False)
        if len(turn.text.split()) >= 3:
            add_to_story(turn, turn.text)     # more of the story: kept, and the question stands
        return Go(None, [self.reminder(turn)], ask_next=False)

    @staticmethod
    def left(turn: Turn) -> Reply:
        """Not sent, said of this message alone: to someone whose complaint is still open,
        "tidak kami kirim" once read as that complaint withdrawn, so it is named as still
        handled."""
        open_ = [c for c in turn.unit.complaints_of(turn.complainant.id, limit=20)
                 if c.stage not in FINISHED]
        if not open_:
            return Reply(turn.t("scope.left"))
        return Reply(turn.t("scope.left.filed", ticket=open_[0].ticket))

    def where(self, turn: Turn) -> Go:
        """A question instead of an answer: where to go, said again, and the choice. Asked,
        not told: never added to the story the officers would read."""
        where = turn.t("scope.where", places=referral_text(turn, story(turn)))
        return Go(None, [self.compact(turn, where + "\n\n" + turn.t("scope.again"),
                                      self._file_key(turn), "scope.leave")], ask_next=False)

    def reminder(self, turn: Turn) -> Reply:
        return self.compact(turn, turn.t("scope.again"), self._file_key(turn), "scope.leave")

    @staticmethod
    def _wants_officer(turn: Turn) -> bool:
        """"Bicara dengan petugas", "petugas", "mau bicara sama orang": an officer, who may see
        whether it concerns immigration after all; "3" once the urgent reply offered it."""
        s = said(turn.text)
        labels = {normalise(w) for w in turn.words("menu.officer")}
        if s in _OFFICER_WORDS or normalise(turn.text) in labels:
            return True
        if turn.data.get(PLEADED) and pick(turn.text, [[], [], labels]) == 2:
            return True
        return menu_wish(turn.text) == ("talk_to_officer", True) and not grievance(turn.text)

    @staticmethod
    def to_officer(turn: Turn) -> Go:
        """The officers get the request as the chat with them opens (`officer.OfficerChat`
        makes it on arrival); the story is kept as an unfinished complaint."""
        interrupt(turn, State.SCOPE)
        turn.data.pop(PLEADED, None)
        turn.data[OFFICER_ON_ARRIVAL] = True
        return Go(State.OFFICER)

    def urgent(self, turn: Turn) -> Go:
        """The urgency acknowledged, the place named again in brief, and what remains: sending
        it anyway, leaving it, or an officer (if it may concern immigration after all). A
        second plea is answered shorter, a third shorter still: never the same text again."""
        pleaded = int(turn.data.get(PLEADED, 0))
        turn.data[PLEADED] = pleaded + 1
        choices = (Choice(turn.t(self._file_key(turn))), Choice(turn.t("scope.leave")),
                   Choice(turn.t("menu.officer")))
        key = ("scope.urgent", "scope.urgent.again", "scope.urgent.last")[min(pleaded, 2)]
        return Go(None, [compact(turn, turn.t(key, places=urgent_places(turn)), choices)],
                  ask_next=False)


def urgent_places(turn: Turn) -> str:
    """The place that can act on it: the other office, or the matching agencies; LAPOR! only
    when nothing else matches (it forwards, it does not act at once)."""
    office = office_of(turn)
    if office is not None:
        contact = office.contact.get(turn.lang) if office.contact else \
            turn.t("scope.office_contact")
        return f"• {office.name.get(turn.lang)}: {contact}"
    lines = place_lines(turn, matching(turn, story(turn)))
    if lines:
        return "\n".join(lines)
    lapor = turn.config.referrals.lapor
    return f"• {lapor.name.get(turn.lang)}: {lapor.contact.get(turn.lang)}"
