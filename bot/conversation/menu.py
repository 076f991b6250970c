"""The main menu and the information menu; resuming or restoring a draft."""
from __future__ import annotations

from typing import Any

from bot.conversation import draft, filed, info, officer, rating, status
from bot.conversation.choices import number_said, pick
from bot.conversation.language import take_hint
from bot.conversation.routing import (
    FOLLOW_UP_WORDS,
    INFO_STORY,
    TYPE_WORDS,
    asks_after_mine,
    begin_story,
    choose,
    route,
    withdraws,
)
from bot.conversation.step import Step, register
from bot.conversation.turn import DRAFT_STATES, Go, State, Turn
from bot.conversation.texts import t
from bot.conversation.understand import (
    asks_if_safe,
    asks_status,
    grievance,
    is_affirm,
    is_deny,
    is_done,
    is_filler,
    is_greeting,
    is_question,
    keeps,
    menu_wish,
    said,
    words,
)
from bot.delicate import delicate
from bot.messages import Choice, Reply

CHOICES = ("menu.file", "menu.status", "menu.info", "menu.officer")
SYNONYMS = (["pengaduan", "mengadu", "complaint", "complain", "komplain", "keluhan", "lapor"],
            ["status", "cek", "check"], ["informasi", "info", "information"],
            ["petugas", "officer", "cs", "admin", "agent"])

# Going on, said alone at the menu while an unfinished complaint waits.
CONTINUE_WORDS = {"lanjut", "lanjutkan", "lanjut aja", "lanjutkan aja", "lanjutkan saja",
                  "teruskan", "next", "continue", "go on", "carry on", "resume"}
# A plain yes ("Y" on SMS): with an unfinished complaint waiting, the menu's one suggestion
# (its "📝 … masih tersimpan" line and its last choice), so the draft goes on, unless it
# follows "batal" said at the menu (it may mean "yes, cancel"); otherwise it answers no
# question of the menu: the options, with how to choose one.
YES_WORDS = {"ya", "iya", "iyaa", "y", "yes", "yup", "yep", "yeah", "yap", "yess"}


@register
class Menu(Step):
    """File a complaint, check a status, get information, talk to an officer."""

    state = State.MENU
    goes_to = frozenset({State.DESCRIBE, State.SCOPE, State.INFO, State.STATUS_TICKET,
                         State.STATUS_PIN, State.RESUME, State.OFFICER}) | DRAFT_STATES

    def _extra(self, turn: Turn) -> list[str]:
        if draft.resume(turn) is not None:
            return ["menu.resume"]
        if turn.data.get("discarded"):
            return ["menu.restore"]
        return []

    def prompt(self, turn: Turn) -> list[Reply]:
        turn.data.pop(filed.JUST, None)   # the menu shown: its "1" is its own from now on
        kept = filed.pending(turn)
        if kept is not None:          # a message kept: about the complaint just filed?
            return [filed.question(turn, kept)]
        extra = self._extra(turn)
        head = turn.t("menu.kept") + "\n" if extra == ["menu.resume"] else ""
        return [Reply(head + turn.t("menu"),
                      tuple(Choice(turn.t(k)) for k in (*CHOICES, *extra)))]

    def first_contact(self, turn: Turn) -> Go:
        """The very first message: greeted by the engine; understood when it says something.
        One with no words (a photo alone) is answered in the page's language (`take_hint`)."""
        take_hint(turn)
        if turn.text and is_filler(turn.text) and menu_wish(turn.text)[0] == "thanks":
            # "makasih ya", "terima kasih pak": the thanks answered in a line, then the menu
            return Go(None, [Reply(turn.t("thanks.first"))])
        if not turn.text or is_filler(turn.text):
            return Go(None)
        return route(turn) or Go(None)

    @classmethod
    def may_classify(cls, text: str) -> bool:
        return len(text.split()) >= 2

    def nlu_text(self, text: str, data: dict) -> str | None:
        kept = data.get(filed.KEY)
        if kept and filed.answer(text) == 1:
            # "Bukan, pengaduan baru": the message kept begins the story (is it ours?)
            return kept["said"][0]["text"]
        return text if self.may_classify(text) else None

    def handle(self, turn: Turn) -> Go:
        text = turn.text
        again = filed.sent_again(turn)
        if again is not None:
            # "1" tapped twice on the summary: the complaint is filed, never a new empty draft;
            # the menu follows, so a "1" after it is a new complaint
            return Go(None, [Reply(turn.t("follow_up.sent", ticket=again))])
        repeated = rating.repeated(turn)
        if repeated is not None:
            # "5" again right after rating: recorded already, never "not understood"
            return repeated
        cancelled = turn.data.pop(draft.CANCEL_AT_MENU, False)
        if filed.pending(turn) is not None:
            go = self._about_filed(turn)
            if go is not None:
                return go
        extra = self._extra(turn)
        answer = None
        told = turn.data.pop(INFO_STORY, None)
        if told and draft.resume(turn) is None and (
                said(text) in YES_WORDS or pick(text, [turn.words("menu.file")]) == 0):
            # "1" after an answer to "paspor sy blm jadi": that message is the story
            return begin_story(turn, told)
        if asks_after_mine(text) or (status.about_opened(turn) and asks_status(text)):
            # "camana pengaduan sy?": their complaint's status, not the choice to complain;
            # "ada balasan?" after a ticket was opened here with its PIN: that one's
            return status.start(turn)
        if len(words(text)) <= 3 and not withdraws(text):
            # ("cancel my complaint" names the complaint's choice: a withdrawal, read by `route`)
            answer = self.choose(turn, [turn.words(k) + list(s) for k, s in
                                        zip(CHOICES, SYNONYMS)] + [turn.words(k) for k in extra])
        if answer == 4 or (extra == ["menu.restore"] and keeps(text)) or (
                extra == ["menu.resume"] and (said(text) in CONTINUE_WORDS or (
                    said(text) in YES_WORDS and not cancelled))):
            # "lanjut", "lanjutkan", "Y": the unfinished complaint, the one thing to go on with
            # (not "ya" right after "batal": that may be "yes, cancel")
            return self._come_back(turn, extra)
        if answer is not None:
            # "mau lapor pungli": the complaint's topic is kept with the choice to complain
            return choose(turn, answer, text if answer == 0 else "")
        if said(text) in YES_WORDS:
            return self.not_understood(turn)     # "Y": choose one, by its number
        if is_greeting(text) or (is_filler(text) and menu_wish(text)[0] != "thanks"):
            return Go(None)               # "halo??", "🙏", "ok": the options again
        with info.exchange(turn):         # "brp biayanya?" right after the PLB's answer
            go = route(turn)
        if go is not None:
            if turn.inbound.media and turn.data.get("attachments") and \
                    go.to in (None, State.MENU, State.DESCRIBE, State.SCOPE) and \
                    turn.t("media.kept") not in (r.text for r in go.say):
                # "ini calonya pak" with a photo: whatever the words led to, the photo was kept
                # for the complaint, and the person is told so (else it seems lost); while
                # "is this about TRK-…?" waits, without saying which complaint it joins
                go.say[:0] = turn.media_kept() if not filed.pending(turn) else (
                    [] if turn.album_seen else [Reply(turn.t("media.received"))])
            return go
        if turn.inbound.media and turn.data.get("attachments"):
            return Go(None, turn.media_kept(), ask_next=False)
        return self.not_understood(turn)

    @staticmethod
    def _about_filed(turn: Turn) -> Go | None:
        """The answer to "is this message about complaint TRK-…?" (`filed.ask`). Yes: the
        messages kept go to its officers as a follow-up; no: they begin the new story; None:
        neither, and the message is read as at the menu (the ones kept wait for the answer)."""
        kept = filed.pending(turn)
        assert kept is not None
        if asks_if_safe(turn.text) and len(words(turn.text)) <= FOLLOW_UP_WORDS:
            # "orang dalamnya bisa tahu kalau saya yang lapor?": answered (how their identity
            # is kept), never read as "a new complaint"; the question still waits
            return None
        answer = filed.answer(turn.text)
        if answer is None and number_said(turn.text) is not None:
            # "4": none of this question's numbers, and never the menu's option 4, which is
            # not on screen (it opened a talk and dropped the kept message); the
            # question again, with its numbers; the messages kept still wait
            return Go(None, [filed.question(turn, kept, turn.t("about_filed.numbers") + "\n")],
                      ask_next=False)
        if answer is None:
            return None
        turn.data.pop(filed.KEY, None)
        said_ = kept["said"]
        if answer == 0:
            return officer.follow_up(turn, kept["ticket"], "told", kept=said_)
        go = begin_story(turn, said_[0]["text"])
        more = [m["text"] for m in said_[1:]]
        rest = filed.rest_after_no(turn.text)
        if rest and len(words(rest)) >= 3:    # "bukan, ini soal calo di depan kantor"
            more.append(rest)
        for text in more:
            draft.add_to_story(turn, text)
        return go

    def _come_back(self, turn: Turn, extra: list[str]) -> Go:
        if extra == ["menu.resume"]:
            state = draft.resume(turn)
            turn.data.pop("resume_state", None)
            return Go(state)
        state = draft.restore(turn)
        return Go(state, [Reply(turn.t("restored"))])


@register
class Info(Step):
    """The information menu: a topic by number or name, or a question in the person's words."""

    state = State.INFO
    # RESUME: a complaint (wished for, or told) while an unfinished draft waits
    goes_to = frozenset({State.MENU, State.DESCRIBE, State.SCOPE, State.STATUS_TICKET,
                         State.STATUS_PIN, State.OFFICER, State.RESUME})

    @staticmethod
    def listed(turn: Turn) -> dict[str, Any]:
        """The topics of the numbered list, in the configuration's order."""
        return {k: t for k, t in turn.config.informasi.topics.items() if t.listed}

    def prompt(self, turn: Turn) -> list[Reply]:
        titles = [t.title.get(turn.lang) for t in self.listed(turn).values()]
        return [Reply(turn.t("info.ask"), tuple(Choice(title) for title in titles))]

    @classmethod
    def may_classify(cls, text: str) -> bool:
        return len(text.split()) >= 2

    def nlu_text(self, text: str, data: dict) -> str | None:
        return text if self.may_classify(text) else None

    def handle(self, turn: Turn) -> Go:
        topics = self.listed(turn)
        keys = list(topics)
        chosen = pick(turn.text, [[t.title.id, t.title.en] for t in topics.values()]) \
            if len(turn.text.split()) <= 4 else None
        if chosen is not None:
            return Go(None, [info.answer(turn, keys[chosen])], ask_next=False)
        with info.exchange(turn):         # "brp biayanya?" right after the PLB's answer
            return self._asked(turn)

    def _asked(self, turn: Turn) -> Go:
        """A question in the person's words (or something else, taken as at the menu)."""
        if len(words(turn.text)) >= TYPE_WORDS and (delicate(turn.text) or
                                                    grievance(turn.text)):
            # "petugas minta uang waktu cek PLB", "paspor anak sy udh 2 minggu blm jadi, …
            # hrs bolak balik", typed in the information menu (after "mau tanya"): a levy, an
            # officer's conduct or something gone wrong told, not a question about the PLB or
            # the passport; taken as at the menu, which answers a question and files a story
            go = route(turn, from_info=True)
            if go is not None:
                return go
        found = info.answer_for(turn, turn.text)
        if found is not None:
            return Go(None, [found], ask_next=False)
        go = route(turn, from_info=True)
        return go if go is not None else self.not_understood(turn)


def _preview(story: str, limit: int = 80) -> str:
    """The story's beginning, cut between words ("…padahal sudah…", never "…padahal suda")."""
    story = " ".join(story.split())
    if len(story) <= limit:
        return story
    cut = story.rfind(" ", 0, limit)
    return story[:cut if cut > limit // 2 else limit].rstrip(" ,.;:") + "…"


@register
class Resume(Step):
    """An unfinished draft, after a long silence or when asked to file another: continue it?

    A new story told meanwhile (`draft.NEW_MESSAGE`) is never lost: "Mulai baru" starts the
    new draft with it, "Lanjutkan" adds it to the old story."""

    state = State.RESUME
    # what is not an answer is read as at the menu: information, a status, an officer
    goes_to = frozenset({State.MENU, State.DESCRIBE, State.INFO, State.STATUS_TICKET,
                         State.STATUS_PIN, State.OFFICER}) | DRAFT_STATES

    def prompt(self, turn: Turn) -> list[Reply]:
        preview = _preview(draft.story(turn)) or "…"
        key = "resume.new" if turn.data.get(draft.NEW_MESSAGE) else "resume"
        return [turn.ask(key, "resume.continue", "resume.restart", preview=preview)]

    @staticmethod
    def _answer(text: str) -> int | None:
        """0 continue, 1 start over, None: neither."""
        return pick(text, [[t(lang, "resume.continue") for lang in ("id", "en")] + [
                               "lanjut", "ya", "yes", "continue", "iya"],
                           [t(lang, "resume.restart") for lang in ("id", "en")] + [
                               "baru", "ulang", "new", "restart"]])

    @classmethod
    def may_classify(cls, text: str) -> bool:
        return cls._answer(text) == 1

    def nlu_text(self, text: str, data: dict) -> str | None:
        """"Mulai baru" with a new story kept: that story is read (is it ours?)."""
        told = data.get(draft.NEW_MESSAGE)
        return told[0] if told and self.may_classify(text) else None

    def came_back(self, turn: Turn) -> Go:
        """Back after hours with a draft waiting (its step in `resume_state`): the message is
        read as at the menu first. A question gets its answer and then "continue?"; a new
        story is kept for "Mulai baru"; a greeting, "lanjut" or a word for the old question
        gets "continue?" alone; a wish that leads elsewhere (a PIN, an officer, the
        information menu) goes there, and the menu offers the draft afterwards."""
        text = turn.text
        if not text or is_filler(text) or is_done(text) or is_affirm(text) or \
                is_deny(text) or self._answer(text) is not None:
            return Go(State.RESUME)
        return self._as_at_menu(turn) or Go(State.RESUME)

    @staticmethod
    def _as_at_menu(turn: Turn) -> Go | None:
        """The message read as at the menu, the draft waiting: an answer (then "continue?"
        again), a new story kept (`begin_story`), or a way elsewhere; None: nothing of that."""
        with info.exchange(turn):
            go = route(turn)
        if go is None or (go.to in (None, State.MENU) and not go.say):
            return None
        if go.to in (None, State.MENU):
            return Go(State.RESUME, go.say)
        return go

    def handle(self, turn: Turn) -> Go:
        answer = self._answer(turn.text)
        fresh = turn.data.pop("resume_fresh", False)
        told = turn.data.pop(draft.NEW_MESSAGE, None)
        if answer is None:
            if fresh:
                turn.data["resume_fresh"] = True
            if told:
                turn.data[draft.NEW_MESSAGE] = told
            text = turn.text
            if not text or is_filler(text):
                return self.not_understood(turn)
            # a question, a status check, a new story: read as at the menu (nothing lost)
            go = self._as_at_menu(turn)
            more = go is not None and go.to is State.RESUME and not go.say and \
                len(turn.data.get(draft.NEW_MESSAGE, [])) > len(told or [])
            if go is not None and not (told and more):
                return go
            if told and (more or len(words(text)) >= 3 and not is_question(text)):
                # more of the new story, typed before the question was read: kept with it
                if not more:
                    turn.data[draft.NEW_MESSAGE] = [*told, text]
                return Go(None, [self.compact(turn, turn.t("resume.kept"), "resume.continue",
                                              "resume.restart")], ask_next=False)
            return self.not_understood(turn)
        if answer == 1:       # kept aside: one mistaken tap must not lose a complaint
            draft.set_aside(turn)
            aside = Reply(turn.t("resume.set_aside"))
            if told:          # the new story is the new draft
                go = begin_story(turn, told[0])
                for more in told[1:]:
                    draft.add_to_story(turn, more)
                go.say.insert(0, aside)
                return go
            return Go(State.DESCRIBE if fresh else State.MENU, [aside])
        state = State(turn.data.pop("resume_state", State.DESCRIBE.value))
        if told:
            for more in told:
                draft.add_to_story(turn, more)
            return Go(state, [Reply(turn.t("resume.added"))])
        return Go(state)
