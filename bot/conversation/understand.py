"""Reading free text as people in Tarakan write it: menu wishes, yes/no, "ga ada", fillers.

Rules only (no model): they must work when the NLU is down, and they settle the short,
unambiguous messages ("sy mau komplain", "ga ada", "udah itu aja min") before any model is
asked. `nlu.py` reads the model's answer; `menu.route` combines both.
"""
from __future__ import annotations

import re
from functools import lru_cache

from bot.conversation.choices import normalise
from bot.delicate import delicate

# --- words ------------------------------------------------------------------------------------
NEGATIONS = {"ga", "gak", "gk", "g", "nggak", "ngga", "nggk", "enggak", "engga", "ndak", "nda",
             "tidak", "tdk", "tak", "no", "not", "belum", "blm", "bukan", "bkn"}
# Particles and forms of address that carry no meaning in a short answer.
PARTICLES = {"min", "admin", "kak", "ka", "kakak", "pak", "bu", "bapak", "ibu", "mas", "mbak",
             "bang", "gan", "sis", "bro", "boss", "bossku", "ya", "yah", "ye", "aja", "saja",
             "deh", "dong", "sih",
             "nih", "kok", "lah", "kah", "tuh", "please", "pls", "plis", "tolong", "mohon", "dulu",
             "sir", "madam", "maam", "eh", "oh", "oke", "ok", "okay", "baik", "sy", "saya",
             "aku", "i", "just", "thanks", "makasih", "terima", "kasih", "the", "a", "itu", "ini"}
GREETINGS = {"halo", "hallo", "hello", "helo", "hai", "hi", "hey", "hei", "p", "pagi", "siang",
             "sore", "malam", "selamat pagi", "selamat siang", "selamat sore", "selamat malam",
             "assalamualaikum", "asalamualaikum", "assalamualaikum wr wb", "salam", "permisi",
             "misi", "min", "halo min", "hai min", "halo kak", "good morning", "good afternoon",
             "good evening", "tes", "test", "ping", "om swastiastu", "shalom", "punten",
             "hi there", "hello there", "hey there", "hai kak", "halo admin"}
ACKS = {"ok", "oke", "okay", "okey", "okee", "oky", "k", "sip", "siap", "baik", "ya", "iya",
        "iyaa", "y", "yes", "yup", "yap", "nah", "hmm", "hm", "oh", "oh gitu", "oh ok", "ok min",
        "baik min", "siap min", "noted", "alright", "sure", "mantap", "👍", "🙏"}
THANKS = {"makasih", "terima kasih", "trims", "thx", "thanks", "thank you", "tq", "tks", "mksh",
          "makasih min", "terima kasih min", "terimakasih", "tengkyu", "thank you very much",
          "cheers", "ok cheers", "cheers mate", "thanks mate", "many thanks", "ty", "thank u",
          "makasi", "mkasih", "makasih ya", "ok thanks", "ok thank you", "okay thanks"}
AFFIRM = {"ya", "iya", "iyaa", "y", "yes", "yup", "yap", "ok", "oke", "okay", "okey", "sip",
          "siap", "baik", "betul", "benar", "bener", "setuju", "boleh", "sure", "correct", "right",
          "agree", "i agree", "ya benar", "iya betul", "ya betul", "iya benar", "yes please",
          "betul sekali", "benar sekali", "that s right", "thats right", "yes that s right",
          # English as foreigners and Tawau, Manila or Jakarta write it
          "yep", "yeah", "yea", "yeh", "ya sure", "of course", "absolutely", "definitely",
          "go ahead", "ok go ahead", "yes go ahead", "sure go ahead", "alright", "sounds good",
          "that s it", "thats it", "exactly", "indeed", "can", "sige"}
# Words that may follow a yes without changing it: "yep, that's it", "yes go ahead", "sure lah".
_AFFIRM_TAIL = {"sekali", "please", "go", "ahead", "that", "thats", "s", "it", "is", "right",
                "correct", "sure", "do", "po", "na"}
DENY = NEGATIONS | {"jangan", "jgn", "nope", "nggak jadi", "tidak usah", "ga usah", "gak usah",
                    "salah", "wrong", "no thanks", "ga jadi", "gak jadi", "tidak jadi",
                    "no way", "not really", "hindi", "huwag", "cannot"}

_DONE = {"lanjut", "lanjutkan", "lnjt", "lnjut", "lanjt", "selesai", "sudah", "udah", "udh",
         "sdh", "dah", "cukup", "next", "done", "continue", "finish", "finished", "sekian",
         "segitu", "beres", "kirim", "proceed"}
_DONE_PHRASES = {"itu aja", "itu saja", "itu dulu", "that s all", "thats all", "that s it",
                 "thats it", "that is all", "nothing more", "no more", "sudah semua", "udah semua",
                 "gitu aja", "gitu saja", "begitu aja", "begitu saja", "segitu aja", "segitu saja"}
# The closing lines of a letter of complaint: "mohon ditindaklanjuti", "tolong dibantu ya min".
_CLOSING_ASKS = {"dibantu", "bantuannya", "ditindaklanjuti", "tindaklanjuti", "tindaklanjutnya",
                 "ditindak", "diproses", "ditangani", "help", "follow"}
_CLOSING_WORDS = _CLOSING_ASKS | {"mohon", "tolong", "bantu", "tindak", "lanjut", "lanjutnya",
                                  "segera", "terima", "kasih", "makasih", "sekian", "ditunggu",
                                  "kabarnya", "responnya", "tanggapannya", "atas", "perhatian",
                                  "perhatiannya", "sebelumnya", "thank", "you", "up", "this",
                                  "it", "asap", "soon", "kami", "sy", "saya", "kasus", "ini"}
_NONE_OBJECTS = {"ada", "ad", "tau", "tahu", "taw", "tw", "punya", "ingat", "inget", "tau",
                 "paham", "jelas", "yakin", "bawa", "simpan", "nyimpan", "foto", "difoto"}
_NONE_WORDS = {"gatau", "gatahu", "gtau", "gktau", "gaktau", "gaada", "gada", "gkada", "gakada",
               "tdkada", "gapunya", "gpunya", "ngga", "none", "nothing", "nil", "nope", "kosong",
               "lupa", "entah", "skip", "lewati", "lewat", "idk", "unknown", "na", "n a",
               "tidak ada", "tak ada", "no idea", "not sure", "dont know", "don t know",
               "do not know", "i don t know", "i dont know", "i have none", "no evidence",
               "no proof", "nothing to send", "nothing", "none at all", "no comment",
               # Malay as Tawau and Nunukan write it, and the spoken "ga ada" forms
               "tiada", "takde", "tak de", "takda", "xde", "x de", "xda", "xada", "ga ada",
               "gak ada", "gk ada", "nggak ada", "ngga ada", "ndak ada", "nda ada", "tdk ada",
               "gaada", "tiada apa", "takde apa", "tak ada apa"}
# Declining to say: "I'd rather not say", "prefer not to say", "no comment".
_DECLINE = re.compile(r"^(?:sorry |no |um |well |actually |hmm )*(?:i d |id |i would |i |would )?(?:rather|"
                      r"prefer|like) not(?: to)?(?: say| tell| share| answer| give| disclose|"
                      r" mention)?(?: it| that| this)?(?: sorry| thanks| thank you)?$|"
                      r"^no comment$")


def declines(text: str) -> bool:
    """'I'd rather not say', 'prefer not to say', 'no comment': no answer, on purpose."""
    return bool(_DECLINE.match(said(text)))


# Leaving it to the office: "terserah", "terserah bapak/ibu", "terserah kantor aja min",
# "whatever", "up to you", "I leave it to you" (to "what would you like us to do?": no wish).
_UP_TO_YOU = re.compile(
    r"^(?:(?:ya|yah|ok|oke|hmm|ah|eh|well|oh|sy|saya|aku)\s+)*"
    r"(?:terserah|terserh|tserah|trserah|serah|up to you|it s up to you|its up to you|"
    r"that s up to you|whatever|whatever you think|anything|anything is fine|you decide|"
    r"your call|i leave it to you|leave it to you|i ll leave it to you|no preference|"
    r"as you see fit|sesuai kebijakan|kebijakan kantor|mana baiknya|baiknya gimana)"
    r"(?:\s+(?:bapak|ibu|bpk|pak|bu|kantor|kantornya|petugas|petugasnya|imigrasi|anda|kalian|"
    r"admin|min|kak|kakak|mas|mbak|aja|saja|deh|lah|dong|ya|yah|sih|the|office|officers|"
    r"officer|immigration|guys|sir|madam|is|fine|ok|okay|really|then|please|thanks|makasih|"
    r"yang|yg|terbaik|baik|baiknya|best|mana|gimana|bagaimana))*$")


def leaves_it_to_us(text: str) -> bool:
    """'terserah', 'terserah bapak/ibu', 'terserah kantor aja', 'whatever', "it's up to you":
    no particular wish (not "terserah caranya, yg penting cepat", which says one)."""
    return bool(_UP_TO_YOU.match(said(text)))


# Words that only say what is missing ("ga tau namanya", "tidak ada buktinya", "lupa nomornya"):
# a none-answer is made of these, the none words and particles; any other word is an answer.
_NONE_ABOUT = {"nama", "namanya", "orang", "orangnya", "siapa", "siapanya", "petugas",
               "petugasnya", "bukti", "buktinya", "nomor", "nomornya", "nomer", "nomernya", "no",
               "juga", "jg", "sama", "sekali", "persis", "pasti", "pastinya", "lagi", "lg", "apa",
               "apa2", "apapun", "yg", "yang", "kuitansi", "kuitansinya", "fotonya", "tanggal",
               "tanggalnya", "tgl", "waktunya", "jamnya", "harapan", "hilang", "ilang", "dia",
               "it", "any", "anything", "name", "his", "her", "their", "number", "evidence",
               "proof", "have", "do", "don", "t", "know", "sure", "idea", "remember",
               "photo", "photos", "picture", "pictures", "pics", "pic", "document", "documents",
               "receipt", "receipts", "screenshot", "screenshots", "any", "sorry", "gambar",
               "gambarnya", "pun",
               "unfortunately", "ve", "we", "didn", "haven", "take", "took", "one"}
# English ways of saying there is none, once nothing else is said: "no I don't have any".
_EN_NONE = re.compile(r"\b(no|nope|not|none|nothing|don t|dont|didn t|haven t|have not|do not)\b")
_QUESTION_WORDS = {"kok", "lho", "loh", "kenapa", "knp", "ngapain", "maksudnya", "maksud",
                   "gimana", "gmn", "bagaimana", "apa", "apaan", "emang", "emangnya", "masa",
                   "why", "what", "how", "huh", "hah", "harus", "wajib", "perlu"}
CANCEL_WORDS = {"batal", "batalkan", "batalin", "cancel", "stop", "berhenti", "gajadi", "gjd",
                "/cancel", "abort", "ga jadi", "gak jadi", "nggak jadi", "tidak jadi", "gk jadi",
                "dibatalkan", "dibatalin", "batalkan saja", "batal saja", "cancel it",
                # as typed in a hurry: "ga jd dh", "gk jd", "gak jd deh"
                "ga jd", "gak jd", "gk jd", "g jd", "nggak jd", "ngga jd", "tdk jd", "tidak jd"}
_KEEP = re.compile(r"\b(jangan|jgn|ga usah|gak usah|gausah|tidak usah|nggak usah|don t|dont|"
                   r"do not|ga jadi batal|gak jadi batal|batal batal)\b")
_KEEP_EN = re.compile(r"\b(keep (it|going|my complaint|the complaint|the draft)|carry on|"
                      r"go on with it)\b")
_CANCEL_STEM = re.compile(r"\b\w*(batal|cancel|hapus)\w*\b")


# Spellings of the same word, read as one: "pasport" (Malay, as Tawau and Nunukan write), and
# the question words as chat shortens them ("no wa nya brp", "alamatnya dmn", "gmn caranya").
SPELLINGS = {"pasport": "paspor", "pasportnya": "paspornya", "passpor": "paspor",
             "paspot": "paspor", "pasportku": "pasporku",
             "brp": "berapa", "brapa": "berapa", "berapah": "berapa", "brpa": "berapa",
             "dmn": "dimana", "dmna": "dimana", "dimn": "dimana", "dimane": "dimana",
             "gmn": "gimana", "gmna": "gimana", "gimna": "gimana", "gmana": "gimana",
             "bgmn": "bagaimana", "bgm": "bagaimana", "bagaimna": "bagaimana",
             "kpn": "kapan", "kapn": "kapan", "knp": "kenapa", "napa": "kenapa",
             "apkh": "apakah", "apakh": "apakah"}


def words(text: str) -> list[str]:
    """The normalised words, with runs of a letter squeezed ("haloooo" -> "halo") and
    variant spellings read as the usual one ("pasport" -> "paspor")."""
    return list(_words(text))


# A turn reads its message a dozen times (each step's and each rule's test): normalised once.
@lru_cache(maxsize=256)
def _words(text: str) -> tuple[str, ...]:
    return tuple(SPELLINGS.get(w, w)
                 for w in re.sub(r"(\w)\1{2,}", r"\1", normalise(text)).split())


@lru_cache(maxsize=256)
def said(text: str) -> str:
    return " ".join(_words(text))


def core(text: str) -> list[str]:
    """The words without particles and forms of address."""
    return [w for w in words(text) if w not in PARTICLES]


# --- short answers -------------------------------------------------------------------------------
def is_greeting(text: str) -> bool:
    """'halo', 'selamat pagi min'; not 'makasih ya min' ("min" greets, but thanks are thanks)."""
    s = said(text)
    return bool(s) and (s in GREETINGS or all(w in GREETINGS or w in PARTICLES
                                                for w in s.split()) and len(s.split()) <= 4
                        and any(w in GREETINGS for w in s.split())
                        and not _has(text, THANKS))


def is_filler(text: str) -> bool:
    """A greeting, an acknowledgement or thanks: never part of a story or an answer."""
    s = said(text)
    if not s:
        return bool(text.strip()) and not re.search(r"\w", text)   # emoji, "??", "..."
    return s in ACKS or s in THANKS or is_greeting(text) or all(
        w in ACKS or w in GREETINGS or w in THANKS or w in PARTICLES for w in s.split())


def is_done(text: str) -> bool:
    """'lanjut', 'udah itu aja min', 'ok lanjut', 'sudah semua', "that's all"."""
    s = said(text)
    if not s or len(s.split()) > 6:
        return False
    if any(p in f" {s} " for p in (f" {p} " for p in _DONE_PHRASES)):
        rest = [w for w in s.split() if w not in PARTICLES and w not in _DONE
                and w not in _CLOSING_WORDS
                and w not in {"itu", "aja", "saja", "dulu", "semua", "all", "s", "is", "it",
                              "that", "thats", "more", "nothing", "no", "gitu", "begitu",
                              "segitu"}]
        return not rest
    ws = [w for w in s.split() if w not in PARTICLES]
    return bool(ws) and all(w in _DONE or w == "semua" for w in ws)


# "lanjut", "lanjutkan", "ok lanjut", "gas", "oke kirim aja", "go ahead", "hantar je" at the
# summary: send it (SMS users type these rather than the choice's number). Only such words,
# with a yes or a particle; never with a delay or a "no" ("lanjut nanti", "jangan dulu").
_SEND_WORDS = {"lanjut", "lanjutkan", "lnjt", "lnjut", "lanjt", "lanjoot", "kirim", "kirimkan",
               "kirimin", "krm", "gas", "gass", "gasss", "gaskan", "gasken", "gaspol", "hantar",
               "hantarkan", "send", "submit", "proceed", "continue", "next", "go"}
_SEND_FILL = PARTICLES | {w for w in AFFIRM if " " not in w} | {
    "je", "la", "yuk", "yok", "ayo", "terus", "trus", "langsung", "sekarang", "skrg", "now",
    "ahead", "it", "on", "sudah", "udah", "udh", "sdh", "dah", "semua", "itu", "just"}
_NOT_YET = NEGATIONS | {"nanti", "ntar", "nnti", "entar", "tunggu", "tgu", "dulu", "bentar",
                        "sebentar", "besok", "later", "wait", "hold", "jangan", "jgn", "jngn",
                        "don", "dont", "t", "yet", "tomorrow", "lagi", "mikir", "pikir"}
_SEND_MAX_WORDS = 5


def says_send(text: str) -> bool:
    """'lanjut', 'ok lanjut', 'gas', 'oke kirim aja' at the summary: send it; 'lanjut nanti',
    'jangan dulu', 'tunggu' are no sending."""
    ws = said(text).split()
    if text.rstrip().endswith("?"):
        return False                        # "lanjut?": asked, not said
    return 0 < len(ws) <= _SEND_MAX_WORDS and any(w in _SEND_WORDS for w in ws) and \
        not any(w in _NOT_YET for w in ws) and all(w in _SEND_WORDS or w in _SEND_FILL
                                                   for w in ws)


_WAIT_WORDS = {"nanti", "ntar", "nnti", "entar", "tunggu", "tgu", "dulu", "bentar", "sebentar",
               "besok", "later", "wait", "hold", "yet", "tomorrow"}


def says_wait(text: str) -> bool:
    """'lanjut nanti', 'jangan dulu', 'tunggu', 'not yet': not now (at the summary: kept,
    unsent)."""
    ws = said(text).split()
    return 0 < len(ws) <= _SEND_MAX_WORDS and any(w in _WAIT_WORDS for w in ws) and all(
        w in _SEND_WORDS or w in _SEND_FILL or w in _NOT_YET for w in ws)


def is_closing(text: str) -> bool:
    """A letter's closing line, asking for help and telling nothing more: 'mohon
    ditindaklanjuti', 'tolong dibantu ya min', 'please follow up, thank you'."""
    ws = [w for w in said(text).split() if w not in PARTICLES]
    return 0 < len(ws) <= 8 and any(w in _CLOSING_ASKS for w in ws) and all(
        w in _CLOSING_WORDS for w in ws)


# A thumbs-up, a tick or an OK hand alone: the commonest "ya" on Indonesian phones (skin tones
# and the emoji variation selector dropped).
_YES_EMOJI = {"👍", "✅", "👌", "✔", "☑", "🆗", "👍👍", "🙏👍", "👍🙏"}
_EMOJI_MODIFIERS = re.compile("[\U0001F3FB-\U0001F3FF\uFE0F\u200d\\s]")


def is_affirm(text: str) -> bool:
    """'ya', 'iya betul', 'ok min', 'setuju', 'yes please', '👍' (no negation in it)."""
    if _EMOJI_MODIFIERS.sub("", text) in _YES_EMOJI:
        return True
    ws = said(text).split()
    if not ws or len(ws) > 4 or any(w in NEGATIONS for w in ws):
        return False
    if " ".join(ws) in AFFIRM:
        return True
    lead = 2 if " ".join(ws[:2]) in AFFIRM else 1 if ws[0] in AFFIRM else 0
    return bool(lead) and all(w in AFFIRM or w in PARTICLES or w in _AFFIRM_TAIL
                              for w in ws[lead:])


def is_deny(text: str) -> bool:
    """'tidak', 'gak usah', 'nope', and "N" or "T" (tidak) as SMS users answer Y/N, Y/T."""
    s = said(text)
    ws = s.split()
    return s in DENY or s in ("n", "t") or (1 <= len(ws) <= 4 and ws[0] in DENY and not is_none(text))


_NONE_FRAME = NEGATIONS | _NONE_OBJECTS | _NONE_ABOUT | PARTICLES | {
    w for phrase in _NONE_WORDS for w in phrase.split()}


def is_none(text: str) -> bool:
    """'ga ada', 'gk ada', 'tdk ada', 'gatau', 'ga ada bukti', 'lupa', "don't know", '-'."""
    raw = text.strip()
    if raw in {"-", "--", "—", "0", "x"}:
        return True
    s = said(text)
    if not s:
        return False
    ws = s.split()
    if s in _NONE_WORDS or declines(text):
        return True
    # "tdk tau namanya" is a none; "tdk tau namanya, ibu2 berjilbab" is an answer
    said_more = any(w not in _NONE_FRAME for w in ws)
    if len(ws) <= 3 and ws[0] in _NONE_WORDS:
        return not said_more
    if len(ws) > 6 or said_more:
        return False
    if _EN_NONE.search(s):
        return True
    for i, w in enumerate(ws[:-1]):
        if w in NEGATIONS and ws[i + 1] in _NONE_OBJECTS:
            return True
    return bool(re.fullmatch(r"(ga|gak|gk|g|nggak|ngga|tidak|tdk|ndak)(ada|tau|tahu|punya)", ws[0]))


# "bikin paspor perlu kk ga", "bisa diwakilkan gak", "harus bawa akta nggak": a yes/no question
# asked with a tag, without a question mark
# (or the tag first: "bisa ga sy ambil besok"; Malay says "tak": "boleh tak sy ambil esok",
# "perlu bawa ic tak")
_TAG_QUESTION = re.compile(r"\b(perlu|harus|wajib|bisa|bs|boleh|pakai|pake|bawa|butuh)\b.*\b(ga|gak|"
                           r"gk|nggak|ngga|enggak|engga|tidak|ndak|nda|kah|ya gak|apa nggak|"
                           r"tak)$|^(boleh|bisa|bs|perlu|harus|kena|dapat) (ga|gak|gk|nggak|ngga|"
                           r"enggak|tidak|tak|ka|kah)\b")
TAG_QUESTION_WORDS = 12


def is_question(text: str) -> bool:
    """A question or a protest ('lho kok nama?', 'maksudnya apa'): never stored as an answer."""
    if text.strip().endswith("?"):
        return True
    if "?" in text and asks_if_safe(text):
        # "nama saya aman gak? saya takut dibalas": the fear said after the question
        return True
    ws = words(text)
    if ws and len(ws) <= TAG_QUESTION_WORDS and _TAG_QUESTION.search(" ".join(ws)):
        return True
    return bool(ws) and (ws[0] in _QUESTION_WORDS or (len(ws) <= 6 and any(
        w in {"kok", "lho", "loh", "kenapa", "knp", "maksudnya", "why"} for w in ws)))


# A cancel in the person's own words, beyond `CANCEL_WORDS`: "udah ga usah", "never mind",
# "forget it" ("ga usah" alone answers many questions "no": it is not one).
_CANCEL_PHRASES = CANCEL_WORDS | {
    "never mind", "nevermind", "forget it", "forget about it", "nggak usah lapor",
    "ga usah lapor", "gak usah lapor", "tidak usah lapor", "ga usah jadi", "gak usah jadi",
    "ga jadi lapor", "gak jadi lapor", "nggak jadi lapor", "tidak jadi lapor", "gk jadi lapor",
    "tak jadi", "x jadi", "cancel je", "batal je"}
# "udah ga usah", "sudah tidak usah": a cancel once "already" leads it.
_ENOUGH = {"udah", "udh", "sudah", "sdh", "dah"}
_NO_NEED = {"ga usah", "gak usah", "gausah", "nggak usah", "ngga usah", "tidak usah", "tdk usah",
            "gk usah", "ndak usah", "tak usah"}
# Words that may stand with a cancel without changing it ("batalin aja pengaduannya", "ga jadi
# lapor deh").
_CANCEL_FILLER = {"pengaduan", "pengaduannya", "aduan", "laporan", "laporannya", "complaint",
                  "semua", "semuanya", "it", "nya", "this", "the", "lapor", "melapor", "ngadu",
                  "komplain", "jadi", "lah", "je", "all", "please", "ok", "oke", "udah", "udh",
                  "sudah", "sdh", "dah", "aja", "saja", "deh", "dh", "ae", "aj", "sj", "jd"}
CANCEL_MAX_WORDS = 7


def wants_cancel(text: str) -> bool:
    """'batal', 'ga jadi', 'cancel aja', 'batalin aja min', 'ga jadi deh, batalin aja', 'udah
    ga usah', 'never mind', 'nggak jadi lapor' (not 'jangan dibatalin', nor 'ga usah' alone)."""
    s = said(text)
    if not s or len(s.split()) > CANCEL_MAX_WORDS or keeps(text):
        return False
    if s in CANCEL_WORDS:
        return True
    ws = [w for w in s.split() if w not in PARTICLES or w in _CANCEL_FILLER]
    # read as phrases, longest first: each part a cancel, a "no need" led by "already", or
    # a word that stands with one
    cancels, i, enough = 0, 0, False
    while i < len(ws):
        for size in (3, 2, 1):
            part = " ".join(ws[i:i + size])
            if len(ws) - i < size:
                continue
            if part in _CANCEL_PHRASES or (part in _NO_NEED and enough):
                cancels += 1
                break
            if size == 1 and part in _CANCEL_FILLER:
                enough = enough or part in _ENOUGH
                break
        else:
            return False
        i += size
    return cancels > 0


def keeps(text: str) -> bool:
    """'eh jgn dibatalin', "don't cancel", 'ga usah dibatalkan': the person wants to keep it."""
    s = said(text)
    return bool(_KEEP.search(s)) and bool(_CANCEL_STEM.search(s) or s in {"jangan", "jgn"}) or \
        bool(_KEEP_EN.search(s))


# --- what the person wants, at the menu ----------------------------------------------------------
_COMPLAIN = {"komplain", "komplen", "komplin", "complain", "complaint", "complaints", "keluhan",
             "mengeluh", "keluh", "ngeluh", "ngadu", "mengadu", "mengadukan", "adukan", "adu",
             "aduan", "pengaduan",
             "lapor", "melapor", "laporkan", "melaporkan", "ngelapor", "lapur", "report",
             "protes", "sampaikan pengaduan", "laporan", "pelaporan"}
_STATUS = {"status", "statusnya", "cek", "check", "lacak", "track", "tracking", "perkembangan",
           "perkembangannya", "progres", "progresnya", "progress", "update", "tiket", "tiketnya",
           "ticket", "sampai mana", "sudah sampai mana", "tindak lanjut", "tindaklanjut",
           "ditindaklanjuti", "ditanggapi", "diproses"}
_THINGS = {"laporan", "pengaduan", "aduan", "komplain", "keluhan", "tiket", "ticket",
           "complaint", "report", "lapor"}
_OFFICER = {"petugas", "admin", "cs", "operator", "orang", "manusia", "human", "person",
            "agent", "officer", "staff", "staf", "pegawai", "customer service", "real person",
            "someone", "somebody", "people"}
_SPEAK = {"bicara", "berbicara", "ngomong", "omong", "ngobrol", "chat", "hubungi", "menghubungi",
          "telepon", "telpon", "nelpon", "call", "speak", "talk", "contact", "sambungkan",
          "sambung", "tanya", "nanya", "dilayani", "dibalas", "balas", "langsung", "bot", "robot",
          # Malay as Tawau and Nunukan write it: "boleh cakap dengan officer?", "nak jumpa
          # pegawai"
          "cakap", "bercakap", "jumpa", "berjumpa", "borak", "berbual"}
# Information by its subject (strong), or only by the form of a question (weak: the model, when
# it can be asked, decides first).
_INFO = {"info", "informasi", "information", "syarat", "syaratnya", "persyaratan",
         "requirements", "requirement", "biaya", "biayanya", "tarif", "harga", "fee", "fees",
         "cost", "price", "berapa", "how much", "jam buka", "jam kerja", "jam layanan",
         "jam berapa", "buka", "tutup", "libur", "opening", "hours", "open", "alamat", "lokasi",
         "address", "prosedur", "procedure", "documents", "dokumen apa", "what do i need"}
_QUESTION_FORM = {"cara", "caranya", "how do i", "how to", "how can i", "gimana", "bagaimana",
                  "apa aja", "apa saja", "where", "dimana", "di mana", "gmn",
                  # saying that one asks: "min mau nanya", "tanya dong jadwal wawancara sy kapan"
                  "tanya", "nanya", "bertanya", "pertanyaan", "mau tau", "mau tahu",
                  "pengen tau", "ingin tahu", "i want to know", "question", "ask"}
# "sy kmrn udh lapor, tp blm ada kabar": a complaint already made, asked after.
_FILED = {"udh lapor", "udah lapor", "sudah lapor", "sdh lapor", "udh melapor", "sudah melapor",
          "udah ngadu", "udh ngadu", "sudah mengadu", "udah komplain", "sudah komplain",
          "udh komplain", "sudah mengajukan pengaduan", "already reported", "already complained",
          "already filed", "i reported", "i complained", "i filed",
          # "kmrn sy lapor soal calo tp blm ada tanggapan" (with a no-news phrase only)
          "sy lapor", "saya lapor", "aku lapor", "sy melapor", "saya melapor", "pernah lapor",
          "sy ngadu", "saya mengadu", "sy mengadu"}
_NO_NEWS = {"blm ada kabar", "belum ada kabar", "ga ada kabar", "gak ada kabar", "tidak ada kabar",
            "tdk ada kabar", "blm ada balasan", "belum ada balasan", "belum dibalas", "blm dibalas",
            "ga dibalas", "gak dibalas", "belum ada tanggapan", "blm ada tanggapan",
            "ga ada respon", "gak ada respon", "belum ada respon", "blm ada respon",
            "belum ditanggapi", "blm ditanggapi", "no news", "no reply", "no response",
            "heard nothing", "no update", "not heard back", "nobody answered", "no one replied",
            "nobody replied", "no one answered", "no one responded", "nobody responded",
            "no answer", "haven t heard", "have not heard", "no one got back"}
# "paspor sy udh jadi blm ya": sudah … belum, Indonesian's yes-or-no question.
_ALREADY_OR_NOT = re.compile(r"\b(udah|udh|sudah|sdh|dah)(?: \w+){1,3} (belum|blm|blom)\b")
# Words that make a message a complaint rather than a question, whatever its form (and
# `_NOT_READY`, "blm jd" in any spelling).
_GRIEVANCE = {"calo", "pungli", "suap", "sogok", "kasar", "marah", "bentak", "dibentak", "lama",
              "lambat", "dipersulit", "ditolak", "kecewa", "parah",
              "minta uang", "dimintai", "bayar lebih", "rude", "bribe", "broker", "slow",
              "mati", "kotor", "jelek", "buruk", "error", "gagal", "pelayanan buruk",
              "biaya tambahan", "uang tambahan", "minta biaya", "diminta bayar", "pungut",
              "dipungut", "uang rokok", "uang pelicin", "orang dalam", "ordal",
              # something that does not work: "website imigrasi ga bisa dibuka"
              "ga bisa", "gak bisa", "gk bisa", "gabisa", "gbs", "nggak bisa", "ngga bisa",
              "tidak bisa", "tdk bisa", "tak bisa", "can t", "cannot", "not working",
              "doesn t work", "does not work", "won t",
              # a loss: "jadi ini merugikan", "sy dirugikan"
              "rugi", "merugikan", "dirugikan", "kerugian", "lost money", "wasted",
              # how someone was treated: "satpamnya galak bgt bentak2 ibu2 yg nanya"
              "galak", "judes", "jutek", "ketus", "sombong", "arogan", "cuek", "nyolot",
              "membentak", "bentak bentak", "dibentak bentak", "tidak sopan", "ga sopan",
              "gak sopan", "kurang ajar", "tidak ramah", "ga ramah", "gak ramah", "unfriendly",
              "arrogant", "shouted", "yelled",
              # a document or a person held: "kenapa PLB saya ditahan petugas?"
              "ditahan", "disita", "tanpa alasan", "confiscated", "detained"}
# Not ready yet, however chat shortens it: "paspor sy blm jd pdhl udh 3 minggu", "blom jadi
# juga", "gk jadi jadi", "gak jd2 padahal udah bayar". Not "gak jadi lapor" (a change of mind),
# nor "paspor sy udh jadi blm ya" (asking: `_ALREADY_OR_NOT`).
_NOT_READY = re.compile(
    r"\b(belum|blm|blom|blum|belom) (juga |jg )?(jadi|jd)\b|"
    r"\b(ga|gak|gk|nggak|ngga|tidak|tdk|tak|ndak) (jadi|jd)(2\b| (jadi|jd|juga|jg|padahal|"
    r"pdhl|sampai|sampe|smp|sejak)\b)")
# "perpanjang paspor yg udah mati": a document's validity, not something broken
_EXPIRED = re.compile(r"\b(paspor|passport|pasport|itas|kitas|itap|kitap|visa|izin tinggal|"
                      r"permit)(nya)?( \w+){0,3}? (sudah |udah |udh |sdh |dah |telah |yg |yang |"
                      r"akan |mau |is |has )*(mati|habis|kadaluarsa|kedaluwarsa|expired?)\b")


_OPENS_WITH_THANKS = re.compile(r"^(ok |oke |baik |wah |alhamdulillah |siap |sip |ok siap |"
                                r"oke siap |baik pak |baik bu )?(makasih|terima kasih|"
                                r"terimakasih|trims|thanks|thank you|thx|tq|mksh|tengkyu)\b")
_BUT = {"tapi", "tp", "namun", "but", "however", "cuma", "hanya saja", "sayangnya"}
# Words that may follow the thanks without making a question of it ("makasih banyak ya min?").
_THANKS_TAIL = {"ya", "yah", "yaa", "min", "banyak", "pak", "bu", "kak", "bang", "mas", "mbak",
                "so", "much", "a", "lot", "very", "sir", "madam", "ok", "oke"}


def opens_with_thanks(text: str) -> bool:
    """'ok makasih, …', 'thanks. …': the message begins with thanks, whatever follows."""
    return _OPENS_WITH_THANKS.match(said(text)) is not None


def _asks_after_thanks(text: str) -> bool:
    """'ok makasih, jadi saya datang senin ya?', 'thanks. Has an officer replied?': a question
    follows the thanks, and is what the message is for."""
    rest = _OPENS_WITH_THANKS.sub("", said(text), count=1).split()
    return "?" in text and len([w for w in rest if w not in _THANKS_TAIL]) >= 2


# Asking whether or when to come to the office ("jadi saya datang senin ya?", "perlu ke
# kantor?", "so should I come in on Monday?"): read only as a question.
_VISIT = re.compile(
    r"\b(datang|dtg|dateng|ke kantor|ke kanim|ke imigrasi|ke sana|kesana|menghadap)\b|"
    r"\b(come|coming|visit|drop by|go to the office)\b")
# ... by the person themself ("petugas datang terlambat?" is about someone else).
_VISITOR = re.compile(r"\b(saya|sy|aku|ak|kami|kita|gw|gue|i|we|perlu|harus|wajib|need|"
                      r"should|must)\b")
VISIT_WORDS = 15


def asks_visit(text: str) -> bool:
    """A question about coming to the office, told nothing wrong in it (thanks before it is
    fine: "ok makasih, jadi saya datang senin ya?")."""
    s = said(text)
    return "?" in text and len(s.split()) <= VISIT_WORDS and _VISIT.search(s) is not None \
        and _VISITOR.search(s) is not None and not grievance(text)


def _has(text: str, vocabulary: set[str]) -> bool:
    padded = f" {said(text)} "
    return any(f" {w} " in padded for w in vocabulary)


# Words that only carry the wish itself ("saya mau melaporkan", "I want to complain about").
_FRAME = {"mau", "ingin", "pengen", "pingin", "want", "would", "like", "to", "d", "about", "soal",
          "tentang", "masalah", "ada", "yang", "yg", "di", "ke", "dan", "and", "an", "my",
          "me", "of", "for", "with", "sama", "dengan", "untuk", "buat", "bikin", "please", "is",
          "am", "are", "this", "that", "service", "pelayanan", "layanan", "hal", "sesuatu",
          "something", "thing", "file", "make", "menyampaikan", "sampaikan", "nyampein"}


# Is my identity safe? ("apakah identitas saya aman?", "nama sy dirahasiakan kan?", "petugasnya
# bakal tau ga kalau sy yg lapor?", "is my identity safe?", "will they know it was me?")
_SAFE = re.compile(
    # a fear of being found out, said rather than asked: "saya takut pegawai tu tahu saya
    # report", "takut petugasnya cari saya", "I'm scared the officer will know it was me"
    r"\b(takut|khawatir|kuatir|risau|bimbang)( kalau| kalo| nanti| jika)? (pegawai|petugas|dia|"
    r"orang dalam|oknum|pegawainya|petugasnya|oknumnya|mereka)( tu| itu| tersebut)? (tahu|tau|"
    r"cari|nyari|kenal|balas)\b|"
    r"\b(scared|afraid|worried) (that )?(the )?(officer|officers|agent|he|they|staff)( will| might|"
    r" would| could)? (know|find out|find me|come after me|see my name)\b|"
    # afraid of what the reported may do back, in Malay or casual words: "sy takut kena balas",
    # "takut kena apa2", "takut di apa2in"; "saya aman ka?", "sy aman tak?"
    r"\btakut (kena|nanti|di)( \w+)? (balas|dibalas|balasan|dendam|apa2|apa apa|apa2in|"
    r"ancam|diancam|marah|dimarahi|pecat|dipecat|teror|diteror)\b|"
    r"\b(saya|sy|aku|awak|gue|gw)( \w+)? aman (ka|kah|ke|tak|x|ga|gak|gk|nggak|ngga|tidak|kan|"
    r"ya|nda|ndak)\b|"
    r"\b(identitas|identiti|nama|data|nomor|privasi)( (saya|sy|aku|ku|pelapor|gue|gw))? (aman|"
    r"dirahasiakan|dirahasiain|rahasia|dijamin|bocor|diketahui|ketahuan|disebut|dilindungi|"
    r"terlindungi|dibocorkan|kelihatan|dilihat)\b|\b(apakah|apa) (saya|sy|aku) (aman|ketahuan)\b|"
    r"\bketahuan (ga|gak|tidak|nggak|ngga|gk)\b|\b(tau|tahu) (ga|gak|tidak|nggak) (kalau|kalo) "
    r"(saya|sy|aku)\b|\b(is|will) my (identity|name|number|data|phone number) (be )?(safe|"
    r"secret|confidential|protected|kept|hidden|revealed|shown|known)\b|"
    r"\bwill (they|the officers?|anyone|he|she) (know|find out) (it was me|who i am|my name)\b|"
    r"\bam i (safe|anonymous)\b|\b(petugas|petugasnya|officer|officers|mereka|orangnya)( (bakal|"
    r"akan|bisa|jadi))? (tau|tahu) (ga|gak|tidak|nggak|ngga|gk|nama)\b|"
    # "is this anonymous?", "can i stay anonymous", "apakah bisa anonim?"
    r"\b(is|will) (this|it|the complaint|my complaint|my report|the report)( be)? (anonymous|"
    r"confidential|secret|private)\b|\bcan i (stay|be|remain|complain|report) (anonymous|"
    r"anonymously)\b|\b(apakah|apa|bisa|boleh) (ini |pengaduan |laporan |lapor |saya |sy )?"
    r"(anonim|tanpa nama)\b|"
    # someone the person depends on finding out: "will my employer find out if i complain?",
    # "my boss must not know", "majikan sy bakal tau ga"
    r"\b(employer|boss|company|majikan|bos|atasan|sponsor|tauke|towkay|penjamin)( [a-z]+){0,2} "
    r"(find out|found out|finds out|know|knows|tau|tahu|ketahuan)\b|"
    # "can they see my name?", "will the officer know my identity?"
    r"\b(can|will|would|do|does) (they|the officers?|officers|anyone|he|she|my employer|my boss)"
    r"( [a-z]+)? (see|know|find out|get) (my )?(name|identity|number|phone number|details)\b|"
    # who may learn it was them, however said: "apakah petugas yang lain bisa tahu nama saya?",
    # "orang dalamnya bisa tahu kalau saya yang lapor?", "siapa yang bisa lihat nama saya?"
    r"\b(bisa|bs|bakal|akan|dapat|boleh|jadi|bisakah)( \w+)? (tau|tahu|lihat|liat|melihat|baca|"
    r"membaca|kenal|mengenali)( \w+)? (nama|identitas|"
    r"nomor|alamat|data) (saya|sy|aku|ku|pelapor|gue|gw)\b|"
    r"\b(tau|tahu|ketahuan|kenal)( \w+)? (kalau|kalo|klo|bahwa|kl) (saya|sy|aku|gue|gw) (yang|yg)"
    r" (lapor|melapor|laporkan|melaporkan|ngadu|mengadu|adukan|mengadukan|komplain|report)\b|"
    r"\bsiapa (saja |aja |sj )?(yang|yg) (bisa |boleh |dapat |akan |bakal )?(tau|tahu|lihat|"
    r"liat|melihat|baca|membaca) (nama|identitas|data|laporan|pengaduan)\b|"
    # afraid of being found out, or of the one reported: "saya takut dia cari saya"
    r"\btakut (ketahuan|dicari|diancam|dibalas|dipecat|diteror|dilaporkan balik)\b|"
    r"\btakut (dia|mereka|orangnya|petugasnya|orang itu|orang dalam|orang dalamnya|calonya|"
    r"beliau)( \w+)? (cari|mencari|nyari|tau|tahu|balas|membalas|ancam|mengancam|marah|dendam|"
    r"datang|datangi|mendatangi)\b|"
    r"\b(who|which officers?) (can|will|would|could) (see|know|read) my (name|identity|"
    r"details)\b|\b(i m|im|i am) (scared|afraid|worried|frightened) (they|he|she|the officer|"
    r"someone)( \w+)? (will|would|might|could) (find|know|come|look|hurt|take)\b")


def asks_if_safe(text: str) -> bool:
    """A question whether their identity is safe, or who will know it was them."""
    return _SAFE.search(said(text)) is not None


# Words that only ask to complain, beyond `_FRAME` ("I need to file a complaint", "tolong sy
# mau ngadu dong", "can I complain here?"): none of them names what it is about.
_WISH_ONLY = {"i", "need", "have", "has", "a", "the", "we", "saya", "sy", "aku", "ak", "gue",
              "gw", "kami", "perlu", "butuh", "minta", "mohon", "tolong", "tlg", "help", "bantu",
              "pingin", "mo", "mau", "let", "can", "could", "may", "how", "do", "bisa", "bs",
              "boleh", "dong", "nih", "ya", "sih", "deh", "ajukan", "mengajukan", "submit",
              "new", "baru", "one", "satu", "lodge", "raise", "register", "put", "in", "here",
              "sini", "disini", "di", "your", "you", "anda", "kalian", "it", "itu", "ini",
              "aja", "saja", "sj", "nya", "an", "some", "kind", "sort", "ok", "oke", "okay",
              "bikin", "buat", "membuat", "dibuat", "pak", "bu", "kak", "min", "admin", "sir",
              "madam", "want", "wanted", "wanna", "gonna", "going", "go", "ingin", "pengen",
              "kepada", "kpd", "ke", "sama", "thank", "thanks", "makasih", "please", "pls",
              "hari", "today", "now", "sekarang", "skrg", "just", "only", "cuma", "hanya",
              # "I want to report a problem": a wish, no topic yet
              "problem", "problems", "issue", "issues", "trouble",
              # "saya mau lapor lagi", "another complaint": a second wish, no topic
              "lagi", "lg", "again", "another", "baru", "new", "more", "juga", "jg", "also",
              "lain", "other", "kedua", "second", "satu", "one", "yang", "yg",
              # how Tarakan and Malay speakers address the office: "abang sy mau lapor"
              "abang", "abg", "bg", "akak", "adik", "dik", "dek", "encik", "cik", "tuan",
              "puan", "bapak", "ibu", "kakak", "mas", "mbak", "nak", "mahu", "hendak"}


def wish_topic(text: str) -> bool:
    """Whether a wish to complain names what it is about ("I need to complain about my KITAS
    extension", "mau komplain soal paspor anak"), not only the wish ("sy mau komplain")."""
    return any(w not in PARTICLES and w not in GREETINGS and w not in _COMPLAIN and
               w not in _FRAME and w not in _WISH_ONLY and not w.isdigit() for w in words(text))


def story_words(text: str) -> int:
    """How many words of the message tell something beyond the wish to complain."""
    return sum(1 for w in words(text) if w not in PARTICLES and w not in GREETINGS
               and w not in _COMPLAIN and w not in _FRAME)


# "berapa lama paspor jadi?", "brp lama perpanjang kitas?": asking how long, not saying it was
# too long ("kok lama banget paspor saya" is a grievance).
_HOW_LONG = re.compile(r"\b(berapa|brp|brapa) lama(nya)?\b")


def grievance(text: str) -> bool:
    """Words that make a message a complaint whatever its form ('kenapa minta biaya tambahan?');
    a passport's or permit's expiry ("paspor yg udah mati") is not one, nor asking how long a
    service takes ("berapa lama paspor jadi?")."""
    plain = _HOW_LONG.sub(" ", _EXPIRED.sub(" ", said(text)))
    return _grieves(plain) or delicate(plain)


def _grieves(text: str) -> bool:
    """The words of a grievance (`_GRIEVANCE`, `_NOT_READY`), nothing else read."""
    return _has(text, _GRIEVANCE) or _NOT_READY.search(said(text)) is not None


# Asking whether an officer is there: "apakah ada petugas yg online?", "is there an officer
# available?", "admin nya online?" (an officer request, whatever topic "online" names).
_OFFICER_THERE = re.compile(
    r"\b(ada|is there|are there|any)( \w+)? (petugas|admin|cs|operator|pegawai|staf|staff|"
    r"officer|officers|agent|human|person)( \w+){0,2} (online|aktif|standby|jaga|available|"
    r"on duty|disini|di sini|here)\b|\b(petugas|admin|cs|operator|officer|agent)( nya)? "
    r"(online|aktif|available|on duty)\b")
# Calling out for someone and saying nothing else: "min ada yg bisa bantu?", "good morning, is
# anyone there?", "can someone help me" (the options, so they can say what it is).
_CALLING_WORDS = {"ada", "yg", "yang", "bisa", "bantu", "membantu", "dibantu", "bantuin", "orang",
                  "org", "online", "disini", "sini", "is", "are", "there", "anyone", "anybody",
                  "someone", "somebody", "here", "available", "can", "could", "help", "me", "who",
                  "any", "one", "good", "morning", "afternoon", "evening", "selamat", "pagi",
                  "siang", "sore", "malam", "halo", "hello", "hi", "apakah", "nggak", "ga", "gak",
                  "tidak", "kah", "nih", "sih", "ya", "min", "kak", "pak", "bu", "admin"}
_CALLING_CORE = {"bantu", "membantu", "bantuin", "anyone", "anybody", "someone", "somebody"}


def is_calling(text: str) -> bool:
    """'min ada yg bisa bantu?', 'is anyone there?': someone there to help, and nothing more."""
    ws = words(text)
    return 0 < len(ws) <= 8 and any(w in _CALLING_CORE for w in ws) and all(
        w in _CALLING_WORDS or w in PARTICLES or w in GREETINGS for w in ws)


# A wish for an officer said in so many words, at any question of a draft: "sy mau bicara dengan
# petugas saja", "halo? ada petugas?", "boleh cakap dengan officer?", "nak jumpa pegawai", "can
# I talk to an officer"; or the officer asked for alone, as the stuck text teaches ("Balas
# *petugas*"): "petugas", "minta cs", "admin", "talk to an officer". Anything more needs a verb
# of talking or an officer being there: "petugas loket 1" answers "who is it about?".
_WANTS_OFFICER = re.compile(
    r"\b(mau|mo|ingin|pengen|pingin|minta|bisa|bisakah|boleh|bolehkah|nak|hendak|tolong|tlg|"
    r"mohon|can|could|may|want|wanna|like|need|let|pls|please)( \w+){0,3} (bicara|berbicara|"
    r"ngomong|ngobrol|cakap|bercakap|jumpa|berjumpa|ketemu|chat|hubungi|menghubungi|dihubungkan|"
    r"disambungkan|sambungkan|talk|speak|chat|contact)( \w+){0,2} (dengan |dgn |sama |ke |kepada "
    r"|with |to |an |a |the )*(petugas|petugasnya|pegawai|officer|officers|staff|staf|admin|cs|"
    r"customer service|orang|manusia|human|person|agent|operator)\b|"
    r"^((halo|hallo|hello|permisi|min|kak|pak|bu|p) )*(apakah |apa )?(ada|is there|are there|any)"
    r" (petugas|pegawai|officer|officers|admin|staff|human|person|orang)( (yang|yg) \w+)?"
    r"( (disini|di sini|here|online|ga|gak|tidak|nggak|kah|nya))*$|"
    r"^((mau|minta|tolong|ke|sambungkan ke|hubungkan ke|talk to|speak to|contact)"
    r"( (ke|sama|dengan|dgn|an|a|the|sy|saya|dong))? )?"
    r"(petugas|petugasnya|officer|an officer|pegawai|admin|cs|customer service|operator|"
    r"real person|human|manusia)( (aja|saja|langsung|sj|please|pls|dong|min|kak|ya))*$|"
    r"\b(bukan bot|not a bot|real person|orang asli|manusia beneran)\b")
OFFICER_WISH_WORDS = 12


def wants_officer(text: str) -> bool:
    """A clear wish to talk to an officer, at a question it is never the answer to; telling
    nothing wrong (a story told with "petugas" and "bicara" is the story)."""
    s = said(text)
    return 0 < len(s.split()) <= OFFICER_WISH_WORDS and _WANTS_OFFICER.search(s) is not None \
        and not grievance(text)


def menu_wish(text: str) -> tuple[str | None, bool]:
    """What a short free-text message at the menu asks for, by rules, and whether the rule is
    sure of it (a weak guess yields to the model when it can be asked).

    The wish is one of: complain, check_status, informasi, talk_to_officer, greet, thanks.
    """
    ws = words(text)
    if not ws:
        return None, False
    n = len(ws)
    if is_greeting(text):
        return "greet", True
    if said(text) in THANKS or (n <= 4 and _has(text, THANKS) and not _has(text, _COMPLAIN)):
        return "thanks", True
    if n <= 12 and _OPENS_WITH_THANKS.match(said(text)) and not _has(text, _COMPLAIN) and \
            not _has(text, _BUT) and not grievance(text) and not _asks_after_thanks(text):
        # "thanks for the help earlier, all sorted now", "makasih min udah dibantu"
        return "thanks", True
    if (_has(text, _STATUS) and (_has(text, _THINGS) or n <= 3)) or (
            n <= 8 and _has(text, {"laporan sy", "laporan saya", "pengaduan saya", "my complaint",
                                   "my report", "aduan saya", "laporan yg", "laporan yang",
                                   "pengaduan sy", "my status", "status saya", "status sy",
                                   "status aku"})
            and not _grieves(text)) or (_has(text, _FILED) and _has(text, _NO_NEWS)):
        return "check_status", True
    if (_has(text, _OFFICER) and (_has(text, _SPEAK) or n <= 2)) or wants_officer(text) or \
            _has(text, {
            "bukan bot", "not a bot", "real person", "orang asli", "customer service"}) or (
            n <= 10 and _OFFICER_THERE.search(said(text)) and not grievance(text)):
        return "talk_to_officer", True
    if is_calling(text):
        return "greet", True
    if _has(text, _COMPLAIN) and n <= 12:
        return "complain", True
    # "paspor sy udh jadi blm ya? daftar tgl 20 nov": a question, then what it is about
    short_or_asked = n <= 8 or text.strip().endswith("?") or (
        n <= 20 and ("?" in text or _ALREADY_OR_NOT.search(said(text)) is not None))
    if not grievance(text) and short_or_asked:
        if _has(text, _INFO):
            return "informasi", True
        if _has(text, _QUESTION_FORM) or _ALREADY_OR_NOT.search(said(text)):
            return "informasi", False
    return None, False


# "gmn status pengaduan sy?", "kapan selesainya?", "sudah sampai mana": asking how a complaint
# stands while one is being written (that one has not been sent yet).
_STATUS_ASKED = re.compile(
    r"\bstatus\b|\bkapan (selesai|beres|jadi|kelar|diproses)(nya)?\b|\bsampai mana\b|"
    r"\bsampe mana\b|\bperkembangan(nya)?\b|\bany (update|news)\b|\bada balasan\b|"
    r"\bhear (back|from you)\b|\bget (a|an) (reply|response|answer)\b|"
    r"\bhow long (does|will|would) (this|it|my complaint) (usually |normally )?take\b|"
    r"\bbalasan (dari )?petugas\b|"
    # "Has an officer replied?", "when will it be finished?" (W35, after a status check)
    r"\b(has|have|did) (an |the |any )?(officer|officers|anyone|someone|somebody|you) "
    r"(already )?(replied|answered|responded|reply|answer|respond)\b|"
    r"\bwhen will (it|this|my complaint|my report) be (finished|done|ready|resolved|"
    r"processed|settled)\b|"
    # Malay and English as Tawau and Nunukan write it: "complaint saya macam mana?", "how's my
    # complaint?"
    r"\b(complaint|pengaduan|laporan|aduan|report|komplain)(nya)? (saya|sy|aku|ku|my|i)? ?"
    r"(macam mana|camana|macam mane|camne|gimana|bagaimana|apa cerita|how)\b|"
    r"\b(macam mana|camana|macam mane|camne) (dengan |dgn )?(complaint|pengaduan|laporan|aduan|"
    r"report|status)\b|\bhow (s|is) my (complaint|report|case)\b")


def asks_status(text: str) -> bool:
    """How a complaint stands, asked in a few words ("macam mana my status?", "ada balasan?")."""
    s = said(text)
    return _STATUS_ASKED.search(s) is not None and len(s.split()) <= 8


# News of a complaint asked in a longer message ("hello, any news about my report? it has been
# one week", "ada kabar pengaduan saya? sudah seminggu"): at a question of the draft, never its
# answer.
_NEWS_ASKED = re.compile(
    r"\b(kabar|perkembangan|progres|progress|news|update|updates)( \w+){0,2} (pengaduan|laporan|"
    r"aduan|komplain|keluhan|tiket|complaint|report|ticket|case)\b|"
    r"\b(ada|any|got|sudah ada|udah ada|blm ada|belum ada) (kabar|balasan|jawaban|news|update|"
    r"reply|answer)\b")
NEWS_WORDS = 16


def asks_news(text: str) -> bool:
    """How a complaint stands, asked in a few words (`asks_status`) or a longer message that
    tells nothing wrong ("hello, any news about my report? it has been one week")."""
    if asks_status(text):
        return True
    s = said(text)
    return len(s.split()) <= NEWS_WORDS and not grievance(text) and (
        _NEWS_ASKED.search(s) is not None or _STATUS_ASKED.search(s) is not None)


# When an answer to the complaint comes, asked before it is sent: "bila boleh dapat jawapan?",
# "kapan saya dapat jawaban?", "kapan dibalas?", "when will I get an answer?" ("kapan paspor
# saya jadi?" is the story; at "when?" the person's answer names a day, not an answer).
_WHEN_ANSWERED = re.compile(
    r"\b(bila|kapan|kpn|when)( \w+){0,3} (dapat|dapet|dpt|terima|menerima|diberi|dikasih|get|"
    r"receive|hear)( \w+)? (jawapan|jawaban|jwbn|balasan|respon|respons|tanggapan|maklum balas|"
    r"kabar|answer|reply|response|news|back)\b|"
    r"\b(bila|kapan|kpn)( \w+)? (dibalas|dijawab|ditanggapi|direspon|diproses|ditindaklanjuti|"
    r"diurus|ditangani)\b|\bwhen will (it|this|my complaint|the complaint|my report) be "
    r"(answered|handled|processed|dealt with)\b")
WHEN_ANSWERED_WORDS = 12


def asks_when_answered(text: str) -> bool:
    """When the complaint will be answered, asked in a few words."""
    s = said(text)
    return is_question(text) and len(s.split()) <= WHEN_ANSWERED_WORDS and \
        _WHEN_ANSWERED.search(s) is not None
