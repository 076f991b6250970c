"""Words that work in every state: cancel (with confirmation), back, menu, help, privacy, status."""
from __future__ import annotations

import re
from dataclasses import replace

from bot.conversation import (asides, draft, filed, intake, officer, rating, reporter, routing,
                              status)
from bot.conversation import when as dates
from bot.conversation.choices import normalise
from bot.conversation.flow import ANSWERS, PART_OF, forget_from
from bot.conversation.language import asks_for
from bot.conversation.step import REGISTRY, Step, is_no, register
from bot.conversation.turn import BUTTON_CHANNELS, DRAFT_STATES, Go, State, Turn
from bot.conversation.understand import (
    ACKS,
    AFFIRM,
    NEGATIONS,
    PARTICLES,
    THANKS,
    asks_status,
    grievance,
    is_affirm,
    is_question,
    keeps,
    said,
    story_words,
    wants_cancel,
    wants_officer,
    words,
)
from bot.messages import Choice, Reply
from bot.tickets import find_ticket

MENU_WORDS = {"menu", "mulai", "start", "/start", "home", "main menu", "menu utama", "/menu"}
BACK_WORDS = {"kembali", "back", "balik", "sebelumnya", "mundur", "previous", "go back", "/back",
              "kembali min", "back please", "langkah sebelumnya"}
HELP_WORDS = {"bantuan", "help", "/help", "tolong bantu", "bantu", "panduan"}
PRIVACY_WORDS = {"privasi", "privacy", "/privasi", "/privacy", "kebijakan privasi",
                 "privacy notice", "pemberitahuan privasi", "data saya", "my data", "data sy",
                 "dataku", "data ku", "data aku", "data pribadi", "data pribadi saya",
                 "data pribadi sy", "personal data", "my personal data"}
# Asking to see, copy, correct or delete one's data (UU 27/2022): "hapus data saya", "tolong
# hapus semua data sy di sistem", "minta salinan data pribadi", "data saya tolong dihapus",
# "please delete my personal data". Read from the start of the message, so a story that
# mentions data ("petugas minta data saya berulang kali") stays a story; while a story is told,
# only erasing or a copy ("lihat data saya di m-paspor salah" is more of the story).
_DATA_OWNER = (r"(?:data ?(?:saya|sy|ku|aku|gue|gw|pribadi|personal|diri)|"
               r"(?:my|our) (?:personal )?(?:data|information|info|details))")
_DATA_ASK = (r"^(?:(?:tolong|tlg|mohon|minta|pls|please|plis|bisa|bisakah|boleh|can|could|"
             r"would|will|you|i|saya|sy|aku|mau|ingin|pengen|want|to|d|like|need|min|kak|pak|"
             r"bu|admin|nak|hendak|sila|how|do|cara|caranya|gimana|bagaimana|untuk|utk)\s+)*")
_ERASE = (r"(?:(?:di)?hapus(?:kan|in)?|delete|remove|erase|wipe|salinan|copy|export|ekspor|"
          r"unduh|download)")
_SEE = r"(?:lihat|liat|melihat|see|view|access|perbaiki|koreksi|correct|get)"


def _data_request(verbs: str) -> re.Pattern[str]:
    return re.compile(
        _DATA_ASK + verbs + r"(?:\s+\w+){0,3}?\s+" + _DATA_OWNER + r"\b"
        r"|^(?:\w+\s+){0,2}" + _DATA_OWNER + r"(?:\s+\w+){0,2}?\s+(?:tolong|tlg|mohon|minta|"
        r"harap|please)\s+(?:di)?hapus(?:kan|in)?\b"
        # "saya mau data saya dihapus": the whole message ("data saya dihapus petugas" is a story)
        r"|^(?!(?:kenapa|mengapa|knp|kok|apa|apakah|why)\b)(?:\w+\s+){0,2}" + _DATA_OWNER +
        r"\s+(?:(?:semua|semuanya|tolong|tlg|mohon|minta|"
        r"harap)\s+)?(?:di)?hapus(?:kan|in)?(?:\s+(?:saja|aja|ya|dong|semua|semuanya|pak|bu|min|"
        r"kak|tolong))*$")


_DATA_REQUEST = _data_request(f"(?:{_ERASE}|{_SEE})")
_DATA_ERASE = _data_request(_ERASE)
# After a request about one's data, the way to an officer is offered as a choice; the next
# message may take it in any state ("numbered": the choice was listed as "1.", no question
# after it). Words that take it: its label, or asking for an officer in a word or two.
OFFICER_OFFER = "officer_offered"
_TAKES_OFFICER = {"petugas", "officer", "an officer", "minta petugas", "ke petugas", "cs",
                  "mau ke petugas", "talk to officer", "talk to an officer"}
# Said before "batal" at "Batalkan pengaduan ini?" without changing it: "iya batalin aja",
# "ya udah batal", "jadi batal aja".
_YES_THEN = AFFIRM | ACKS | {"udah", "udh", "sudah", "sdh", "dah", "jadi", "jd", "deh"}
# At "Batalkan pengaduan ini?", a reply this short is read for the choices' words; a message
# that tells this many words of its own, neither yes nor no, is more of the story.
CANCEL_REPLY_WORDS = 4
CANCEL_STORY_WORDS = 4
RESTORE_WORDS = {"pulihkan", "kembalikan", "undo", "restore", "batal batal", "ga jadi batal",
                 "gak jadi batal", "urungkan"}
# Cleared when the person goes back to the menu from a flow that is not a draft.
EPHEMERAL = ("status_ticket", "status_candidates", "rate_ticket", "rating", "cancel_from",
             draft.NEW_MESSAGE, filed.KEY, draft.CANCEL_AT_MENU, officer.PIN_FOR)


def with_choice(prompt: list[Reply], choice: Choice) -> list[Reply]:
    """The question's replies with `choice` added to its last buttons (or to its last reply
    when it has none); for channels with buttons only (`BUTTON_CHANNELS`)."""
    if not prompt:
        return prompt
    at = max((i for i, r in enumerate(prompt) if r.choices), default=len(prompt) - 1)
    last = prompt[at]
    return [*prompt[:at], replace(last, choices=(*last.choices, choice)), *prompt[at + 1:]]


def leave_to_menu(turn: Turn, state: State) -> None:
    if state is State.CANCEL:       # asked whether to cancel, they left: nothing is cancelled
        state = State(turn.data.get("cancel_from", State.DESCRIBE.value))
    if state in DRAFT_STATES:
        draft.interrupt(turn, state)
    for key in EPHEMERAL:
        turn.data.pop(key, None)


def check(turn: Turn, state: State) -> Go | None:
    """The command in this message, if it is one; None lets the step read it. A command that
    takes the person out of the officers' chat says so (*batal* also ends the request)."""
    go = _command(turn, state)
    if go is not None and state is State.OFFICER and go.to not in (None, State.OFFICER):
        go.say.insert(0, officer.leave(turn, ending=wants_cancel(turn.text)))
    return go


def _command(turn: Turn, state: State) -> Go | None:
    text = turn.text
    office = turn.config.office.code
    offered = turn.data.pop(OFFICER_OFFER, None)
    if offered and state is not State.OFFICER and _takes_officer(turn, text, offered):
        # "Bicara dengan petugas" tapped (or "petugas" typed) after the data request's reply,
        # whatever was asked before it: the officers get the request; a draft is kept
        leave_to_menu(turn, state)
        return officer.request(turn)
    first_word = next(iter(normalise(text[:20]).split()), "")
    if first_word in rating.COMMAND_WORDS and find_ticket(text, office):
        return rating.rate_command(turn, text)
    if not text or len(text) > 100:
        return None
    s = said(_command_word(text))
    asks_data = (_DATA_ERASE if state is State.DESCRIBE and turn.data.get("story")
                 else _DATA_REQUEST).search(s)
    if s in PRIVACY_WORDS or asks_data:
        said_ = [Reply(privacy_notice(turn))]
        ask_next = state is not State.MENU
        if re.search(r"\bdata", s):
            # a request about their data: the way to make it, not only the notice, with the
            # choice to talk to an officer (numbered only when no question follows it; the
            # text names it: "Balas *petugas*")
            officer_choice = Choice(turn.t("menu.officer"))
            turn.data[OFFICER_OFFER] = "words" if ask_next else "numbered"
            if ask_next and state in DRAFT_STATES and turn.inbound.channel in BUTTON_CHANNELS:
                # the question that follows brings its own buttons, which replace the ones
                # shown before them (Telegram's keyboard, the web chat's choices): the officer
                # goes with the question's buttons, so both stay within a tap
                said_.append(Reply(turn.t("privacy.request")))
                return Go(None, said_ + with_choice(REGISTRY[state].prompt(turn),
                                                    officer_choice), ask_next=False)
            said_.append(Reply(turn.t("privacy.request"), (officer_choice,),
                               numbered=not ask_next))
        return Go(None, said_, ask_next=ask_next)
    if len(text) > 60:
        return None
    if asks_for(text) and state is not State.OFFICER and (
            state is not State.WHO or len(text.split()) > 1):
        # "english please", "bahasa indonesia aja": the engine has switched the language; the
        # question is asked again in it, never taken as an answer or a story ("English" alone
        # may be a nationality at "who is it about?"; the officers' chat relays it)
        return Go(None)
    if state in (State.STATUS_PIN, State.STATUS_TICKET) and \
            routing._LOST_PIN.search(s):                # noqa: SLF001  (routing's own words)
        # "lupa pin" where the PIN is asked: how to get a new one, not the question again
        leave_to_menu(turn, state)
        return Go(State.MENU, [routing.lost_pin_answer(turn)], ask_next=False)
    if state is State.SCOPE and wants_cancel(text):
        # "batal" at "not immigration: still send it to us?" is "no, thanks": the step's polite
        # close, never "Batalkan pengaduan ini? … akan dihapus" about a complaint never meant
        return None
    if wants_no_more(turn, state):
        return no_more(turn)
    if state is not State.CANCEL and wants_cancel(text):
        return cancel(turn, state)
    if state in OFFICER_AT and wants_officer(text) and not _picks_conduct(turn, state, text):
        # "sy mau bicara dengan petugas saja" at "where did it happen?", "boleh cakap dengan
        # officer?" during the story: the officers get the request, as the menu's officer
        # choice gives it, and the draft is kept for later (never stored as an answer)
        leave_to_menu(turn, state)
        go = officer.request(turn, told=len(words(text)) >= routing.TOLD_WORDS)
        if draft.resume(turn) is not None:
            # the complaint is not filed: said, and how to go on with it ("lanjut")
            go.say.append(Reply(turn.t("officer.draft_kept")))
        return go
    if state in THANKS_AT and only_thanks(text):
        # "mksh min" at a question: never its answer, nor a sign the complaint went; it has not
        return Go(None, [Reply(turn.t("thanks.unsent"))])
    if state is State.DESCRIBE and asks_after_complaint(text):
        # "status complaint saya macam mana?" while the story is told: this one is not sent
        # yet (and the story goes on); the status of one sent before, with this one kept
        if not turn.unit.complaints_of(turn.complainant.id, limit=1):
            return Go(None, [Reply(turn.t("status_unsent"))])
        leave_to_menu(turn, state)
        return status.start(turn)
    if state is not State.CANCEL and (s in RESTORE_WORDS or keeps(text)) and \
            turn.data.get("discarded") and (state not in DRAFT_STATES
                                            or not draft.has_content(turn.data)):
        restored = draft.restore(turn)
        return Go(restored, [Reply(turn.t("restored"))])
    if s in BACK_WORDS:
        return back(turn, state)
    corrected = correction(turn, state)
    if corrected is not None:
        return corrected
    if s in MENU_WORDS:
        leave_to_menu(turn, state)
        return Go(State.MENU)
    if s in HELP_WORDS:
        return Go(None, [Reply(turn.t("help"))])
    ws = s.split()
    if ws and ws[0] in {"status", "cek", "check"} and (
            len(ws) == 1 or ws[:2] in (["cek", "status"], ["check", "status"])
            or find_ticket(text, office)) and (
            state is not State.OFFICER or find_ticket(text, office)):
        # (while talking to the officers, "status" is answered in the talk, which goes on:
        # `officer.status_here`, and so is a ticket's status: `officer.status_command`)
        answered = officer.status_command(turn, text) if state is State.OFFICER else None
        if answered is not None:
            return answered
        leave_to_menu(turn, state)
        return status.status_command(turn, text)
    return None


# Thanks said at these questions is answered: the complaint is not sent yet (the story takes a
# letter's closing thanks as its end; the cancel question and the out-of-scope answer have their
# own choices).
THANKS_AT = DRAFT_STATES - {State.DESCRIBE, State.CANCEL, State.SCOPE, State.EDIT}
_ADDRESS = {"min", "admin", "kak", "ka", "kakak", "pak", "bu", "bapak", "ibu", "mas", "mbak",
            "bang", "gan", "sis", "ya", "yah", "dong", "deh", "nih", "sih", "banyak", "sir",
            "madam", "very", "much", "so", "boss", "bos", "bossku", "bro", "encik", "cik", "tuan"}


def only_thanks(text: str) -> bool:
    """'mksh min', 'terima kasih ya pak': thanks and nothing else (not "no thanks", nor "ok
    thanks", which may answer a question)."""
    ws = [w for w in said(text).split() if w not in _ADDRESS]
    return bool(ws) and " ".join(ws) in THANKS and not any(w in ACKS or w in NEGATIONS
                                                           for w in ws)


# The draft's questions where a wish for an officer opens the talk (the out-of-scope answer
# offers the officers itself).
OFFICER_AT = DRAFT_STATES - {State.SCOPE}
# Where the type is asked: its list shows "Sikap atau perilaku petugas".
TYPE_AT = frozenset({State.TYPE_CONFIRM, State.TYPE_CHOOSE})


def _picks_conduct(turn: Turn, state: State, text: str) -> bool:
    """"petugas" (or "officer") alone at the type question picks the type about officers'
    conduct that its list shows, as it did before a bare "petugas" opened a talk at every
    question; "minta cs", "talk to an officer" there still ask for one."""
    return state in TYPE_AT and len(words(text)) == 1 and intake.named_type(turn) is not None
# A status asked during the story names the complaint or its status ("status complaint saya
# macam mana?", "how's my complaint?"); "paspor saya kapan jadinya?" is the story.
_NAMES_COMPLAINT = re.compile(r"\b(status|statusnya|complaint|pengaduan|pengaduannya|laporan|"
                              r"laporannya|aduan|report|komplain|tiket|ticket)\b")


def asks_after_complaint(text: str) -> bool:
    """A short question how a complaint stands, naming it, telling nothing wrong."""
    return asks_status(text) and (is_question(text) or text.rstrip().endswith("?")) and \
        _NAMES_COMPLAINT.search(said(text)) is not None and not grievance(text)


def _takes_officer(turn: Turn, text: str, offered: str) -> bool:
    """The offered officer taken: its label in either language, "petugas", "officer", or (when
    it was listed alone as "1.") its number."""
    plain = normalise(text)
    if offered == "numbered" and plain in {"1", "satu", "one"}:
        return True
    labels = {normalise(label) for label in turn.words("menu.officer")}
    return plain in labels or " ".join(w for w in said(text).split()
                                       if w not in PARTICLES) in _TAKES_OFFICER


# "eh salah, tempatnya di pelabuhan", "ralat tanggalnya", "maaf salah pilih", "oops wrong date":
# a correction of an earlier answer, said while another question is asked (not "salah satu
# petugas…", "salah paham").
_CORRECTING = re.compile(
    r"^\W*((eh+|maaf|mohon maaf|oh|aduh|duh|sorry|oops|wait|tadi)\W+)+(salah|keliru|wrong)\b|"
    r"^\W*(ralat|koreksi|correction)\b|"
    r"^\W*(salah|keliru|wrong)(\s*[,.!]|\s*$|\s+(tadi|tulis|ketik|pilih|input|jawab|isi|one)\b)")
# What is corrected: the words that name an earlier question.
FIELDS = ((State.WHERE, re.compile(r"\b(tempat|tempatnya|lokasi|lokasinya|place|location|where)\b")),
          (State.WHEN, re.compile(r"\b(tanggal|tanggalnya|tgl|tglnya|waktu|waktunya|jam|jamnya|"
                                  r"hari|harinya|kapan|date|time|day|when)\b")),
          (State.TYPE_CHOOSE, re.compile(r"\b(jenis|jenisnya|kategori|kategorinya|type|category)\b")),
          (State.REFERENCE, re.compile(r"\b(nomor permohonan|no permohonan|permohonan|"
                                       r"application number|reference)\b")),
          (State.IDENTITY, re.compile(r"\b(nama|namanya|identitas|identitasnya|name|"
                                      r"identity)\b")))
# At the summary, every line can be named ("ceritanya kurang", "buktinya mau ditambah").
SUMMARY_FIELDS = FIELDS + (
    (State.DESCRIBE, re.compile(r"\b(cerita|ceritanya|kronologi|kronologinya|story)\b")),
    (State.WHO, re.compile(r"\b(pihak|pihaknya|diadukan|terlapor|who)\b")),
    (State.EVIDENCE, re.compile(r"\b(bukti|buktinya|foto|fotonya|lampiran|lampirannya|"
                                r"evidence|photo|photos|attachment)\b")),
    (State.OUTCOME, re.compile(r"\b(harapan|harapannya|outcome)\b")))
_SUMMARY_KEYS = {State.DESCRIBE: ("story",)}
# At the summary, words that send or cancel it: never read as a correction.
_SUMMARY_ANSWERS = re.compile(r"\b(kirim|kirimkan|send|submit|hantar|setuju|batal|batalkan|"
                              r"cancel)\b")
# A field named at the summary, in a few words, is its correction ("tanggalnya salah").
SUMMARY_CHANGE_WORDS = 8
# Questions a correction may be said at (the story takes corrections as part of itself).
_CORRECTABLE_AT = DRAFT_STATES - {State.DESCRIBE, State.CANCEL, State.EDIT}


def correction(turn: Turn, state: State) -> Go | None:
    """"eh salah, tempatnya …" at a later question: that earlier answer is asked again (the
    questions between keep their answers, and the flow comes back to where it was); "eh salah"
    alone is one question back. At the summary, the answer is edited as by *ubah*."""
    s = said(turn.text)
    if state not in _CORRECTABLE_AT or len(s.split()) > 14:
        return None
    summary = state is State.CONFIRM and not turn.data.get("protect_offer")
    if summary and routing._PROGRESS.search(s):    # noqa: SLF001  (routing's own words)
        return None     # "kapan selesainya pak?" asks after the complaint, not its date
    if not _CORRECTING.search(turn.text.lower()):
        # at the summary a field named is enough: "tanggalnya salah", "ganti jadi tgl 25"
        if not summary or len(s.split()) > SUMMARY_CHANGE_WORDS or \
                _SUMMARY_ANSWERS.search(s) or is_affirm(turn.text) or \
                reporter.wish(turn.text) or reporter.introduced_name(turn.text) or \
                asides.about_attachment(turn.text):     # "itu buktinya": a photo's word
            return None
        fields = SUMMARY_FIELDS
        if not any(words.search(s) for _, words in fields):
            return None
    else:
        fields = SUMMARY_FIELDS if summary else FIELDS
    answered = [target for target, words in fields if words.search(s)
                and any(key in turn.data for key in _keys(target))]
    if not answered:
        return back(turn, state) if len(s.split()) <= 3 else None
    target = answered[0]
    if target is state or target is PART_OF.get(state):
        return None
    keys = _keys(target)
    if state is State.CONFIRM:
        if target is State.WHEN and _new_date(turn):
            return Go(None, [Reply(turn.t("correct.done"))])    # the summary again, changed
        turn.data["undo"] = {k: turn.data[k] for k in keys if k in turn.data}
        turn.data["editing"] = True
    named = intake.named_type(turn) if summary and target is State.TYPE_CHOOSE else None
    if named == turn.data.get("type"):
        named = None            # "jenisnya salah, bukan aplikasi": the list, to choose
    draft.reopen(turn, target, keys)
    if named is not None:
        # "jenisnya salah, harusnya layanan paspor aja": that type at once, and what it asks
        # next (its application number), never the whole list again
        return Go(intake.type_chosen(turn, named), [Reply(turn.t("correct.done"))])
    return Go(target, [Reply(turn.t("correct.ok"))])


def _keys(target: State) -> tuple[str, ...]:
    return _SUMMARY_KEYS.get(target) or ANSWERS[target]


def _new_date(turn: Turn) -> bool:
    """"ganti jadi tgl 25" at the summary: the date said is the answer (True when there is
    one); the question is asked only when none is said."""
    today = turn.now.astimezone(turn.config.office.tz).date()
    date, label = dates.parse(turn.text, today)
    if date is None or dates.coming(turn.text, today):
        return False        # none said, or a day to come: the question is asked
    turn.data.update(when_text=dates.short_date(date, turn.lang), when_date=date.isoformat(),
                     when_label=label, when_detail=None)
    return True


def _command_word(text: str) -> str:
    """A Telegram command as its word alone: "/start qr_loket" (a deep link's payload) and
    "/bantuan@aduan_bot" are /start and /bantuan, never words of a story or an answer."""
    if not text.startswith("/"):
        return text
    return text.split()[0].partition("@")[0]


def privacy_notice(turn: Turn) -> str:
    """The privacy notice, with the retention periods config.yml sets."""
    office, kept = turn.config.office, turn.config.retention
    return turn.t("privacy", office=office.short(turn.lang),
                  email=office.contacts.email or office.contacts.whatsapp,
                  messages=kept.message_body_days, drafts=kept.abandoned_draft_days,
                  months=kept.anonymise_after_months)


def opted(turn: Turn, state: State) -> Go:
    """The provider's opt-out keyword (Twilio's STOP or START on SMS), never a cancel nor a menu
    word. STOP: the provider now refuses every message to the person and confirms it itself, so
    nothing is answered; a draft is set aside whole, offered again later ("lanjut"); anything
    else (a talk with the officers, the rating question) stays as it is, for news kept for the
    person goes again when they next write. START: one message says news comes again, that a
    draft waits, and that *batal*, not STOP, cancels a complaint; a talk or question goes on."""
    if turn.inbound.opt_out == "stop":
        if state in DRAFT_STATES:
            leave_to_menu(turn, state)
            return Go(State.MENU, ask_next=False)
        return Go(None, ask_next=False)
    asking = state in DRAFT_STATES and state is not State.CANCEL
    waits = not asking and draft.resume(turn) is not None
    said_ = " ".join(turn.t(key) for key, told in (("optout.resumed", True),
                                                    ("optout.draft", waits),
                                                    ("optout.cancel_word", True)) if told)
    return Go(None, [Reply(said_)], ask_next=asking)


# "stop kirim sms", "unsubscribe", "berhenti kirim pesan", "jangan kirim sms lagi": no more
# messages wished (read on `said`); a bare "stop"/"berhenti" only at the menu after filing.
_NO_MORE = re.compile(
    r"^(?:(?:tolong|tlg|mohon|please|pls|saya mau|sy mau|min|kak|pak|bu)\s+)*"
    r"(?:unsubscribe|stopall|stop all|opt out|optout|"
    r"(?:stop|berhenti|hentikan|jangan|jgn|ga usah|gak usah|tidak usah|tdk usah)\s+"
    r"(?:kirim|kirimi|mengirim|ngirim|send|sending)(?:in)?(?:\s+(?:sms|pesan|kabar|notif|"
    r"notifikasi|messages?|texts?|saya|sy|aku|me))*(?:\s+(?:lagi|again|ya|min|kak|pak|bu))*)$")


def wants_no_more(turn: Turn, state: State) -> bool:
    """Asking to receive no more messages (not the provider's keyword: on WhatsApp and Telegram,
    or a word Twilio does not take), by someone who has filed a complaint."""
    s = said(turn.text)
    if not (_NO_MORE.match(s) or (state is State.MENU and s in {"stop", "berhenti"})):
        return False
    return state not in DRAFT_STATES and bool(turn.unit.complaints_of(turn.complainant.id,
                                                                      limit=1))


def no_more(turn: Turn) -> Go:
    """Updates keep coming for the person's complaint (the officers may need an answer), and how
    to stop them on this channel."""
    ticket = turn.unit.complaints_of(turn.complainant.id, limit=1)[0].ticket
    channel = turn.inbound.channel if turn.inbound.channel in ("sms", "telegram") else "whatsapp"
    return Go(None, [Reply(turn.t("optout.asked", ticket=ticket) + " "
                           + turn.t(f"optout.how.{channel}"))], ask_next=False)


def cancel(turn: Turn, state: State) -> Go:
    """In a draft worth keeping: ask first. Elsewhere: back to the menu, unless it asks to
    cancel a complaint already filed ("batalkan pengaduan saya"): that goes to the officers."""
    if state in (State.MENU, State.INFO):
        followed = routing.follows_up(turn, turn.text)
        if followed is not None and followed[1] == "withdraw":
            return officer.follow_up(turn, *followed)
    if state in DRAFT_STATES and draft.has_content(turn.data):
        turn.data["cancel_from"] = state.value
        return Go(State.CANCEL)
    said_ = [Reply(turn.t("cancelled_empty"))] if state in DRAFT_STATES else []
    if state in DRAFT_STATES:
        draft.clear(turn)
    leave_to_menu(turn, state)
    if state is State.MENU and draft.resume(turn) is not None:
        turn.data[draft.CANCEL_AT_MENU] = True
    return Go(State.MENU, said_)


def back(turn: Turn, state: State) -> Go:
    """One question back in a draft; elsewhere, the menu."""
    if state not in DRAFT_STATES:
        leave_to_menu(turn, state)
        return Go(State.MENU)
    if state is State.CANCEL:
        return Go(State(turn.data.pop("cancel_from", State.DESCRIBE.value)))
    if turn.data.get("editing"):
        for key, value in (turn.data.pop("undo", None) or {}).items():
            turn.data[key] = value
        return Go(State.CONFIRM)
    previous = draft.step_back(turn, state)
    if previous is None:
        draft.interrupt(turn, state)
        return Go(State.MENU)
    forget_from(turn, previous)
    return Go(previous)


@register
class CancelDraft(Step):
    """'batal' in a draft with content: really throw it away?"""

    state = State.CANCEL
    help_key = "help.cancel"
    goes_to = frozenset({State.MENU}) | DRAFT_STATES

    def prompt(self, turn: Turn) -> list[Reply]:
        return [turn.ask("cancel.ask", "cancel.yes", "cancel.no")]

    def handle(self, turn: Turn) -> Go:
        explained = self.explain(turn)     # "?", "maksudnya?": the yes-or-no explained
        if explained is not None:
            return explained
        came_from = State(turn.data.get("cancel_from", State.DESCRIBE.value))
        n = len(words(turn.text))
        # a choice's word inside a longer message ("… petugas bilang tidak pernah terima") is
        # no answer: only a short reply is read for the choices' words
        answer = self.choose(turn, [turn.words("cancel.yes") + ["ya", "batal", "batalkan"],
                                    turn.words("cancel.no") + ["tidak", "lanjut", "lanjutkan"]]) \
            if n <= CANCEL_REPLY_WORDS else None
        if answer is None:
            if keeps(turn.text) or is_no(turn.text):
                answer = 1
            elif is_affirm(turn.text) or wants_cancel(turn.text) or \
                    wants_cancel(_after_yes(turn.text)):
                answer = 0
        if answer is None and story_words(turn.text) >= CANCEL_STORY_WORDS and \
                _ANOTHER_MATTER.search(said(turn.text)):
            # "eh maaf, soal lain: petugas di loket wawancara membentak saya": the cancel
            # stands and this is the story of a new complaint (the old one can be restored)
            draft.set_aside(turn)
            draft.add_to_story(turn, turn.text)
            turn.data["asked_done"] = True
            return Go(State.DESCRIBE, [Reply(turn.t("cancel.another"))], ask_next=False)
        if answer is None and story_words(turn.text) >= CANCEL_STORY_WORDS and \
                draft.add_to_story(turn, turn.text):
            # neither yes nor no, but a story ("paspor saya hilang waktu diserahkan ke loket
            # …"): nothing is cancelled, and the words join the story, never thrown away
            turn.data.pop("cancel_from", None)
            if came_from is State.DESCRIBE and not turn.data.get("story_edit"):
                turn.data["asked_done"] = True
                return Go(came_from, [Reply(turn.t("cancel.kept_added_story"))],
                          ask_next=False)
            return Go(came_from, [Reply(turn.t("cancel.kept_added"))])
        if answer is None:
            return self.not_understood(turn)
        turn.data.pop("cancel_from", None)
        if answer == 1:
            if came_from is State.DESCRIBE and turn.data.get("story") and \
                    not turn.data.get("story_edit"):
                # the story's own question again ("is that all?"), not "tell us what
                # happened", which sounds as if the story were gone; "ya" then ends it
                turn.data["asked_done"] = True
                return Go(came_from, [Reply(turn.t("cancel.kept_story"))], ask_next=False)
            return Go(came_from, [Reply(turn.t("cancel.kept"))])
        draft.discard(turn, came_from)
        return Go(State.MENU, [Reply(turn.t("cancelled"))], ask_next=False)


# A new matter told at the cancel question: "soal lain", "masalah yang lain", "bukan itu",
# "another thing", "a different problem".
_ANOTHER_MATTER = re.compile(
    r"\b(soal|hal|masalah|urusan|perkara|cerita|kasus|pengaduan|laporan) "
    r"(lain|yg lain|yang lain|lainnya|beda|berbeda)\b|\bbukan (soal|masalah) itu\b|"
    r"\b(another|different|other) (thing|matter|issue|problem|complaint|story)\b")


def _after_yes(text: str) -> str:
    """'iya batalin aja' -> 'batalin aja': the yes that leads a cancel, dropped."""
    ws = said(text).split()
    while ws and (ws[0] in _YES_THEN or ws[0] in PARTICLES):
        ws.pop(0)
    return " ".join(ws)
