"""Who is complaining: named, named but confidential, or anonymous."""
from __future__ import annotations

import re
from typing import Iterable

from bot.conversation import when
from bot.conversation.flow import next_state, successors
from bot.conversation.step import Step, register
from bot.conversation.turn import Go, State, Turn
from bot.conversation.choices import pick
from bot.conversation.language import is_common_word
from bot.conversation.understand import (ACKS, AFFIRM, DENY, GREETINGS, NEGATIONS, PARTICLES,
                                         THANKS, asks_if_safe, asks_status, core, declines,
                                         is_affirm, is_deny, is_filler, is_none, is_question,
                                         said, words)
from bot.messages import Choice, Reply

ANONYMOUS_WISHES = {"anonim", "anonim aja", "anonymous", "anonymously", "anon", "tanpa nama",
                    "ga usah nama", "gak usah nama", "tidak usah nama", "tidak pakai nama",
                    "ga pake nama", "no name", "without name"}
# "lewati" / "skip" at "how should you be recorded?": the choice the question offers for not
# giving a name (anonymous), never a name.
SKIP_NAME = {"lewati", "lewat", "lewatin", "lewatkan", "lewati aja", "lewati saja", "skip",
             "skip aja", "skip saja", "skip it", "pass"}
CONFIDENTIAL_WISHES = {"rahasia", "rahasiakan", "dirahasiakan", "dirahasiain", "rahasiain",
                       "jangan sebut nama", "jgn sebut nama", "ketauan", "ketahuan",
                       "confidential", "keep it secret", "secret"}
# Secrecy in other words: "keep my name hidden", "hide my name", "private please", "secretly",
# "sembunyikan nama saya", "I don't want them to know" (confidential, like "rahasiakan").
_HIDDEN = re.compile(
    r"\b(?:hide|conceal)(?: it| my name| my identity| me| who i am)\b|\bhidden\b|"
    r"\bprivate(?:ly)?\b|\bsecret(?:ly)?\b|\bconfidential(?:ly)?\b|\b(?:di)?sembunyi\w*|"
    r"\b(?:di)?samar(?:kan|in)\b|"
    r"\b(?:don t|dont|do not) want (?:them|anyone|anybody|him|her|the officers?|people|"
    r"the staff|the office) to know\b")


# "pakai nama (saya)", "use my name": the name the chat already shows, not a name to type.
_USE = {"pakai", "pake", "gunakan", "pakailah", "use", "keep"}
_USE_FILL = {"nama", "name", "namaku", "my", "the", "that", "this", "ku", "wa", "whatsapp",
             "telegram", "profil", "profile", "tersebut", "tsb"}


# "I'd rather not give my name", "ga mau kasih nama", "males nyebut nama": no name at all.
_NO_NAME = re.compile(
    r"\b(?:(?:rather|prefer) not(?: to)?|(?:don t|do not|dont) (?:want|wish|like) to|won t|"
    r"will not|not going to|no need to|can i not) (?:give|say|share|tell|provide|leave|use|"
    r"put|write)(?: you| u)? (?:my |a |the )?name\b"
    r"|\b(?:ga|gak|gk|nggak|ngga|enggak|engga|tidak|tdk|tak|males|malas|gamau|gmau|ogah|"
    r"keberatan|nda|ndak)(?: mau| usah| perlu| pengen| ingin| mo)? (?:kasih|kasi|ksh|kasih tau|"
    r"kasih tahu|ngasih|nyebut|sebut|menyebut|sebutin|tulis|nulis|menulis|pake|pakai|cantumkan|"
    r"mencantumkan|sertakan|kasih tau|kasitau|kasitahu)(?: kan)? nama"
    r"|\b(?:don t|dont|do not|never|please don t|pls don t) (?:use|mention|give|show|put|write|"
    r"say|include|publish|share|reveal|disclose|tell them|tell anyone) (?:my |a |the |any )?"
    r"names?\b"
    r"|\b(?:leave|keep) my name out\b|\bwithout my name\b|\bno names?\b")

# A name refused, in either order and in Malay too: "jangan pakai nama sy", "jgn sebut nama",
# "nama sy jgn disebut", "namanya ga usah ditulis", "tak nak bagi nama", "tak payah nama".
# The refusal alone ("jgn disebut", "tak payah tulis") refuses the name where it is asked.
_REFUSE = (r"(?:jangan|jgn|jngn|ga|gak|gk|nggak|ngga|enggak|engga|tidak|tdk|tak|ndak|nda|"
           r"gausah|gaush|gusah|usah|ogah|males|malas|gamau|gmau|takmau|taknak|xnak|x)"
           r"(?: (?:mau|usah|perlu|payah|nak|pengen|ingin|mo|sampai|sampe|boleh|bisa|lah|mahu|"
           r"dong|aja|saja))*")
_NAMING = (r"(?:di|ku|me|meng|meny|men|mem|ny)?(?:sebut|nyebut|tulis|nulis|pakai|pake|guna|"
           r"cantum|kasih|kasi|ksh|bagi|tampil|muat|letak|umum|buka|sertakan|ungkap|ekspos|"
           r"beritahu|kasitau|kasih tau)\w*")
_REFUSED_NAME = re.compile(
    rf"\b{_REFUSE}(?: {_NAMING})? nama\b"
    rf"|\bnama\w*(?: (?:saya|sy|aku|ku|gue|gw|sya|ane))?(?: \w+)? {_REFUSE} {_NAMING}")
_REFUSED_HERE = re.compile(rf"(?:^|\b){_REFUSE} {_NAMING}(?: (?:nya|aja|saja|ya|dong|min|kak))*$")


# The name allowed, not refused: "tidak, nama saya boleh diketahui petugas" (no to "keep it
# secret?"), "nama sy boleh disebut", "gpp pakai nama saya", "ga usah anonim", "no need to be
# anonymous". Read first: "tidak … nama" and "anonim" in them read as a refusal, and at the
# summary turned a named complaint anonymous, the opposite of what was said. A refusal after
# the permission ("nama saya boleh tidak disebut", "… boleh dirahasiakan") is no permission.
_NAME_ALLOWED = re.compile(
    r"\bnama\w*(?: (?:saya|sy|aku|ku|gue|gw|sya|ane))? (?:boleh|bisa|silakan|silahkan|gpp|"
    r"gapapa|ga papa|tidak apa apa|tidak apa|gak apa apa|ga apa apa)\b"
    r"(?! (?:tidak|tdk|ga|gak|nggak|jangan|jgn|tak|\w*rahasia\w*|\w*sembunyi\w*|\w*samar\w*|"
    r"anonim\w*)\b)"
    r"|\b(?:gpp|gapapa|ga papa|tidak apa apa|tidak apa|gak apa apa|ga apa apa|boleh) "
    r"(?:pakai|pake|pakailah|sebut|disebut|tulis|ditulis|cantumkan|dicantumkan) nama\b"
    r"|\b(?:ga|gak|gk|nggak|ngga|enggak|tidak|tdk|tak|jangan|jgn|gausah|gaush)"
    r"(?: (?:usah|perlu|mau|jadi|pakai|pake))? (?:anonim|anonymous|anon|tanpa nama)\b"
    r"|\b(?:no need to be|don t need to be|do not need to be|not|don t make it|do not make it) "
    r"(?:anonymous|anonymously)\b"
    r"|\b(?:you can|you may|feel free to) (?:use|give|show|mention) my name\b"
    r"|\bmy name (?:is fine|is ok|is okay|can be (?:used|shown|known|given))\b")


def wish(text: str) -> str | None:
    """'anonim aja', 'ga mau kasih nama', 'nama sy jgn disebut', 'tak nak bagi nama', "I'd
    rather not give my name" -> anonymous; 'rahasiakan nama sy', 'sy gamau ketauan' ->
    confidential. Both said ('sy gamau ketauan, anonim aja'): anonymous, the wish that gives no
    name at all. The name allowed ('tidak, nama saya boleh diketahui', 'ga usah anonim'): no
    wish to hide it (`_NAME_ALLOWED`)."""
    s = f" {said(text)} "
    if _NAME_ALLOWED.search(s):
        return None
    if any(f" {w} " in s for w in ANONYMOUS_WISHES) or _NO_NAME.search(s) or \
            _REFUSED_NAME.search(s):
        return "anonymous"
    if any(f" {w} " in s for w in CONFIDENTIAL_WISHES) or re.search(r"\brahasia\w*", s) or \
            _HIDDEN.search(s):
        return "confidential"
    return None


# "nama saya Siti", "nama lengkap sy Muhammad Rizky", "namanya pakai Budi aja", "my name is
# John": the name follows.
_NAME_INTRO = re.compile(
    r"^\s*(?:(?:nama\s*(?:nya|ku)?(?:\s+lengkap(?:nya)?)?(?:\s+(?:saya|sy|aku|ku|gue|gw))?"
    r"(?:\s+(?:pakai|pake|jadi|jadikan|ganti|diganti|ubah|diubah|menjadi|adalah|ialah|yaitu))*)|"
    r"(?:pakai|pake)\s+nama|use\s+(?:the\s+)?name|my\s+(?:full\s+)?name\s+is|my\s+name'?s|"
    r"name)"
    r"\s*[:,.-]?\s+", re.IGNORECASE)
# "sy Rizky", "saya Budi", "I'm John": perhaps a name, perhaps not ("saya kecewa").
_SELF_INTRO = re.compile(r"^\s*(?:saya|sy|aku|gue|gw|ini|i\s+am|i'?m|this\s+is)\s*[:,.-]?\s+",
                         re.IGNORECASE)
# One name word: letters, with the apostrophes, dots and hyphens names carry (Muh., O'Neil).
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]*)*\.?")
# Forms of address a name may carry ("Ibu Siti", "Pak Budi", "H. Ahmad").
_TITLES = {"pak", "bu", "ibu", "bapak", "mas", "mbak", "kak", "bang", "haji", "hj", "h", "dr",
           "ir", "mr", "mrs", "ms", "miss", "encik", "cik", "puan", "tuan"}
# Small words inside names, written in lower case ("Ahmad bin Yusuf", "van der Berg").
_NAME_LINKS = {"bin", "binti", "bt", "van", "der", "de", "da", "al", "el", "von", "dos"}
# Said after a name without being part of it ("Budi aja", "nama saya Budi ya").
_TRAILING = {"aja", "saja", "sj", "ya", "yah", "yaa", "min", "admin", "kak", "dong", "deh", "nih",
             "sih", "please", "pls", "thanks", "makasih", "ok", "oke", "gitu"}
# Words of the conversation that never make a name ("tulis nama saya", "kirim aja").
_NOT_NAME = (ACKS | AFFIRM | DENY | GREETINGS | PARTICLES | THANKS | ANONYMOUS_WISHES
             | NEGATIONS | {w for phrase in DENY | ANONYMOUS_WISHES for w in phrase.split()}) | {
    "tulis", "tuliskan", "nama", "namanya", "kirim", "lanjut", "lewati", "batal", "menu",
    "kembali", "mau", "pakai", "pake", "gunakan", "sudah", "udah", "sdh", "udh", "tanpa",
    "identitas", "write", "my", "name", "send", "next", "skip", "back", "cancel", "use",
    "without", "pilih", "nomor", "satu", "dua", "one", "two", "status", "tiket", "ticket",
    "hantar", "nak", "bagi", "payah", "usah", "perlu", "disebut", "sebut", "rahasia",
    "rahasiakan", "anonim", "samaran", "palsu", "alias", "asli", "lengkap", "fiktif", "lain",
    # wishes, never names ("Anonymously", "Private", "Hidden" asked back as names before)
    "anonymously", "anon", "private", "privately", "secret", "secretly", "hidden", "hide",
    "confidential", "confidentially", "dirahasiakan", "sembunyikan", "disembunyikan",
    "samarkan", "disamarkan", "identity", "identitas", "nameless"}
# Everyday words no one is named ("petugasnya harus ditegur", "minta maaf", "saya kecewa"):
# such a message is not a name, unless introduced as one ("nama saya Ada").
_EVERYDAY = {
    "petugas", "petugasnya", "pegawai", "pegawainya", "staf", "oknum", "harus", "hrs", "wajib",
    "minta", "meminta", "maaf", "mohon", "tolong", "tlg", "segera", "cepat", "tegur", "ditegur",
    "dihukum", "dipecat", "diproses", "ditindak", "ditindaklanjuti", "diberi", "sanksi",
    "kasar", "lambat", "paspor", "kantor", "imigrasi", "loket", "antrian", "antrean", "uang",
    "bayar", "biaya", "pungli", "calo", "foto", "bukti", "kemarin", "hari", "yang", "yg", "dan",
    "atau", "di", "ke", "dari", "untuk", "utk", "buat", "dengan", "dgn", "sama", "juga", "jg",
    "ada", "bisa", "bs", "biar", "supaya", "agar", "kalau", "kalo", "klo", "tapi", "tp",
    "karena", "krn", "kan", "gue", "gw", "dia", "mereka", "kami", "kita", "anda", "kamu",
    "bilang", "belum", "masih", "lagi", "takut", "ketahuan", "ketauan", "terserah", "bebas",
    "apa", "siapa", "kenapa", "gimana", "bagaimana", "semua", "tadi", "nanti", "besok",
    # asking words, their chat forms ("jd kpn jadinya" was asked back as a name)
    "kapan", "kpn", "knp", "gmn", "gmna", "brp", "berapa", "dmn", "dimana", "mana", "jd",
    "jadi", "jadinya", "kok", "udah", "blm", "when", "how", "why", "what", "where", "which",
    "who",
    "sekarang", "lapor", "laporan", "aduan", "pengaduan", "komplain", "kecewa", "kesal",
    "marah", "sedih", "bingung", "malu", "capek", "tidak", "kok", "sangat", "banget", "bgt",
    "is", "are", "was", "be", "to", "of", "and", "or", "for", "in", "on", "at", "your", "his",
    "her", "their", "want", "need", "should", "must", "don", "t", "do", "does", "rather",
    "say", "sorry", "anonymous", "secret", "officer", "staff", "apologize", "apology",
    "punish", "punished", "fired", "warned", "whatever", "mind", "none", "it", "that", "this",
    "scared", "afraid", "worried", "nervous", "cemas", "khawatir", "am"}


def _is_title(word: str) -> bool:
    return word[:1].isupper() or word.lower() in _NAME_LINKS


# A word shaped like an Indonesian verb ("ditegur", "menghapus", "sebutkan"): a name that has
# one is asked back before it is kept ("Nama Anda *Diandra*?").
_VERB_SHAPE = re.compile(r"^(?:di[a-z]{4,}|meng[a-z]{3,}|meny[a-z]{3,}|ber[a-z]{5,}|"
                         r"[a-z]{3,}(?:kan|nya))$")


def read_name(text: str, labels: Iterable[str] = (), bare_words: int = 2
              ) -> tuple[str | None, bool]:
    """A name typed in answer to a question about it, and whether it is surely one:
    'nama lengkap sy Muhammad Rizky', 'Siti Rahmawati', 'my name is John Carter' (sure);
    'sy Rizky' (sure: a capitalised name), 'budi santoso' (perhaps: to be asked back);
    'petugasnya harus ditegur', 'minta maaf', 'jgn disebut': no name. A bare text needs
    `bare_words` words (a single word may be a word of the conversation we do not know)."""
    head, comma, _ = text.partition(",")
    if comma and head.strip():      # "Mark Thompson, British passport holder": the name first
        named, sure = read_name(head, labels, bare_words)
        if named and (len(named.split()) >= 2 or _NAME_INTRO.match(head)):
            return named, sure
    if _THANKS_FIRST.match(said(text)):
        return None, False          # "thank you boss": thanks, never a name
    introduced = _NAME_INTRO.match(text)
    if not introduced and when.only_time(text):
        return None, False          # "minggu lepas, 27 Nov": an answer to an earlier question
    self_said = None if introduced else _SELF_INTRO.match(text)
    opening = introduced or self_said
    parts = (text[opening.end():] if opening else text).split()
    while parts and parts[-1].lower().strip(".!") in _TRAILING:
        parts.pop()                 # "Budi aja", "nama saya Budi ya"
    rest = " ".join(parts)
    if not parts or len(parts) > 5 or len(parts) < (1 if opening else bare_words) or \
            len(rest) > 100 or not all(_NAME_WORD.fullmatch(w) for w in parts):
        return None, False
    heard = said(rest).split()
    taken = _NOT_NAME | set(said(" ".join(labels)).split())    # the options' own words
    if all(w in _TITLES for w in heard) or is_none(rest) or is_question(rest) or \
            any(w in taken and w not in _TITLES for w in heard):
        return None, False
    everyday = any(w in _EVERYDAY for w in heard)
    if everyday and not introduced:
        return None, False
    sure = not everyday and (bool(introduced) or (
        all(_is_title(w) for w in parts) and not any(_VERB_SHAPE.match(w) for w in heard)))
    return rest, sure


# Words of the conversation and its commands, typed alone: never a one-word name.
_CONVERSATION_WORDS = {"mulai", "start", "home", "balik", "sebelumnya", "mundur", "previous",
                       "bantuan", "help", "panduan", "privasi", "privacy", "ubah", "edit",
                       "ganti", "koreksi", "benar", "betul", "salah", "bukan", "selesai",
                       "done", "finish", "oke", "pulihkan", "restore", "undo", "info",
                       "informasi", "petugas", "officer", "human", "continue", "lanjutkan"}


def one_word_name(text: str, labels: Iterable[str] = ()) -> str | None:
    """'Hendra', typed alone where a name may be asked: one capitalised word that is not a word
    of the conversation ('Lanjut', 'Ok', 'Tidak', 'Skip', 'Batal', 'Menu'), to be asked back
    ("Nama Anda *Hendra*?"), never kept on a guess."""
    if len(text.split()) != 1:
        return None
    name, _ = read_name(text, labels, bare_words=1)
    if not name or not name[:1].isupper() or len(said(name)) < 2:
        return None
    heard = said(name)
    if heard in _CONVERSATION_WORDS or is_common_word(heard) or heard in _TITLES or \
            wish(name) or heard in SKIP_NAME or is_affirm(name) or is_deny(name):
        return None
    return name


def typed_name(text: str, labels: Iterable[str] = ()) -> str | None:
    """A name typed straight in answer to "how is your identity recorded?": 'Siti Rahmawati',
    'nama saya Budi', 'my name is John Carter' (see `read_name`; sure or not)."""
    return read_name(text, labels)[0]


def introduced_name(text: str) -> str | None:
    """A name said as one ("nama saya Budi", "namanya pakai Budi aja", "my name is John"),
    wherever it is said; None for anything else ("namanya salah")."""
    if not _NAME_INTRO.match(text):
        return None
    name, sure = read_name(text)
    return name if sure else None


# The person's own name told in the story: "nama saya Sri Wulandari, tolong dirahasiakan",
# "my name is John Carter" (never "namanya Anton": someone else's).
_OWN_NAME_IN_STORY = re.compile(r"\b(?:nama(?:\s+lengkap)?\s+(?:saya|sy|aku|gue|gw)|namaku|"
                                r"my\s+(?:full\s+)?name\s+is|my\s+name'?s)\s*[:,.-]?\s+",
                                re.IGNORECASE)


def story_name(turn: Turn) -> str | None:
    """The name the person gave as theirs in the story (None: none, or not surely a name)."""
    for part in turn.data.get("story", []):
        for found in _OWN_NAME_IN_STORY.finditer(part):
            rest = _BEFORE_WISH.split(part[found.end():], maxsplit=1)[0].strip()
            name, sure = read_name("nama saya " + rest) if rest else (None, False)
            if name and sure:
                return name
    return None


def refuses_name(text: str) -> bool:
    """Where a name is asked: 'jgn disebut', 'kan sy bilang jgn disebut', 'tak payah tulis'."""
    return bool(_REFUSED_HERE.search(said(text)))


# "boleh disebut", "ga masalah nama sy disebut", "gpp": named openly is fine with them.
_OPENLY = re.compile(r"\b(boleh (disebut|diketahui|dikasih tau|dikasih tahu|tau|tahu)|"
                     r"(ga|gak|gk|nggak|tidak|tdk|no) (masalah|apa apa|papa|pp)|gpp|gapapa|"
                     r"(sebut|disebut|pakai|pake) (aja|saja)|it s fine|that s fine|no problem|"
                     r"i don t mind|dont mind)\b")


# Thanks first ("thank you boss", "terima kasih bos"): never a name.
_THANKS_FIRST = re.compile(r"(thank you|thank u|thanks|thx|tq|ty|tks|terima kasih|terimakasih|"
                           r"makasih|makasi|mksh|trims|tengkyu)\b")
# "nama samaran", "nama palsu", "alias", "a fake name", "a pseudonym".
_ALIAS = re.compile(r"\b(nama (samaran|palsu|alias|lain|fiktif)|samaran|fake name|pseudonym|"
                    r"alias|made up name|different name)\b")
# Where a name given with a wish to keep it secret ends: "nama saya Budi, tapi rahasiakan".
_BEFORE_WISH = re.compile(r"[,;.!]|\b(tapi|tetapi|but|namun|dan|and|tolong|mohon|please|"
                          r"rahasia\w*)\b", re.IGNORECASE)
# At the confidentiality question, secrecy declined in so many words, with nothing between
# ("ga usah dirahasiakan", "tidak perlu dirahasiakan", "jangan dirahasiakan", "no need to keep
# it secret"). On the raw text: "ga usah, rahasiakan aja" (a comma) is the opposite.
_NOT_SECRET = re.compile(
    r"\b(ga|gak|gk|nggak|ngga|tidak|tdk|tak|ndak|gausah|jangan|jgn)\s+((usah|perlu)\s+)?"
    r"(di)?rahasia(kan|in)?\b(?!\s*[,;])(?!.*\brahasia)|"
    r"\bno need to keep (it|my name|me) (secret|confidential)\b|"
    r"\bdon'?t (need to )?keep (it|my name|me) (secret|confidential)\b", re.IGNORECASE)


def declines_secrecy(text: str) -> bool:
    """'ga usah dirahasiakan', 'no need to keep it secret' (not 'ga usah, rahasiakan aja')."""
    return bool(_NOT_SECRET.search(text))


def leads_with_yes(text: str) -> bool:
    """'yes but keep it secret', 'iya tp rahasiakan', 'ok, secret': a yes, then more."""
    ws = said(text).split()
    while ws and ws[0] in PARTICLES and ws[0] not in AFFIRM:
        ws.pop(0)                                   # "eh", "min": before the yes
    return bool(ws) and (ws[0] in AFFIRM or " ".join(ws[:2]) in AFFIRM) and \
        not any(w in NEGATIONS for w in ws[:3])


def leads_with_no(text: str) -> bool:
    """'no, keep it secret', 'bukan, rahasiakan': the name asked about is not theirs."""
    ws = core(text)
    return bool(ws) and ws[0] in DENY


# "my name please", "nama saya aja", "my own name": the name offered, named as theirs
_MINE = {"my", "own", "mine", "saya", "sy", "aku", "ku", "namaku", "sendiri"}
_NAME_SAID = {"name", "nama", "namaku"}
_SHOWN_FILL = {"yes", "real", "asli", "that", "this", "one", "same", "itu", "ini", "please"}


def uses_shown_name(text: str) -> bool:
    """'pakai nama', 'pake nama sy aja', 'use my name', 'my name please' (and nothing more)."""
    ws = set(core(text))
    if ws & _USE:
        return ws <= _USE | _USE_FILL
    # ("saya" is a particle to `core`: read among all the words)
    return bool(ws & _NAME_SAID) and bool(set(words(text)) & _MINE) and \
        ws <= _MINE | _NAME_SAID | _SHOWN_FILL


def as_written(name: str) -> str:
    """A name typed all in lower case ("sumiati", "nama sy sumiati") as names are written,
    "Sumiati", for the leaders' notice and the documents; any other casing is the person's."""
    if name != name.lower():
        return name
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


@register
class Identity(Step):
    """Named or anonymous; the WhatsApp profile name is offered when there is one."""

    state = State.IDENTITY
    help_key = "help.identity"
    goes_to = successors(State.IDENTITY) | {State.NAME}

    def _options(self, turn: Turn) -> list[str]:
        profile = turn.complainant.profile_name
        return (["profile"] if profile else []) + ["name", "anonymous"]

    def prompt(self, turn: Turn) -> list[Reply]:
        profile = turn.complainant.profile_name or ""
        labels = [turn.t(f"identity.{o}", name=profile) for o in self._options(turn)]
        return [Reply(turn.t("identity"), tuple(Choice(label) for label in labels))]

    def handle(self, turn: Turn) -> Go:
        explained = self.explain(turn)
        if explained is not None:
            return explained
        options = self._options(turn)
        profile = turn.complainant.profile_name or ""
        words = {"profile": turn.words("identity.profile", name=profile) + [profile],
                 "name": turn.words("identity.name") + ["nama", "name"],
                 "anonymous": turn.words("identity.anonymous") + sorted(ANONYMOUS_WISHES)}
        if asks_if_safe(turn.text):
            # "kalau pakai nama, petugasnya tau ga?": a question, answered, then asked again
            return Go(None, [Reply(turn.t("safe.asked"))])
        if asks_status(turn.text):
            # "macam mana my status?": this complaint has not been sent; asked again
            return Go(None, [Reply(turn.t("status_unsent"))])
        if _THANKS_FIRST.match(said(turn.text)):
            # "thank you boss": thanks, never a name; not sent yet, said, and the question again
            return Go(None, [Reply(turn.t("identity.thanks"))])
        if _ALIAS.search(said(turn.text)):
            # "pakai nama samaran boleh?": anonymous does what a false name would
            return Go(None, [Reply(turn.t("identity.alias"))])
        # "I'd rather not say", "nope", "no thanks", "jgn disebut": no name, so anonymous
        wished = wish(turn.text) or ("anonymous" if declines(turn.text) or refuses_name(
            turn.text) or (is_deny(turn.text) and len(turn.text.split()) <= 3) or
            said(turn.text) in SKIP_NAME else None)
        turn.data.pop("confidential", None)      # a new identity answer asks again
        turn.data.pop("name_check", None)
        labels = turn.words("identity.name") + turn.words("identity.anonymous")
        if wished == "confidential":
            # "nama saya Budi, tapi tolong dirahasiakan": the name is given with the wish
            given = typed_name(_BEFORE_WISH.split(turn.text, maxsplit=1)[0].strip(), labels)
            if given and _NAME_INTRO.match(turn.text):
                turn.data.update(name=as_written(given), anonymous=False, confidential=True)
                return Go(next_state(turn))
        typed, sure = (None, False) if wished else read_name(turn.text, labels)
        if typed and sure:
            turn.data.update(name=as_written(typed), anonymous=False)    # the name itself, typed at once
            return Go(next_state(turn))
        if typed:
            # "budi santoso", "sy rizky": most likely the name; asked back before it is kept
            turn.data.pop("anonymous", None)
            turn.data["name_check"] = typed
            return Go(State.NAME)
        if wished == "anonymous":
            answer: int | None = options.index("anonymous")
        elif profile and wished is None and uses_shown_name(turn.text):
            answer = options.index("profile")
        elif wished == "confidential":
            turn.data["confidential"] = True
            told = story_name(turn)
            if told:
                # "rahasiakan nama saya" after "nama saya Sri Wulandari" in the story: that
                # name, asked back, never the profile's ("Wulan")
                turn.data.pop("anonymous", None)
                turn.data["name_check"] = told
                return Go(State.NAME)
            answer = options.index("profile" if profile else "name")
        elif turn.text.rstrip().endswith("?"):
            # some other question about it ("harus pakai nama asli?"): answered, not a choice
            return Go(None, [Reply(turn.t("safe.asked"))])
        else:
            answer = self.choose(turn, [words[o] for o in options])
        if answer is None:
            one = None if wished else one_word_name(turn.text, labels)
            if one:
                # "Hendra": a one-word name, asked back like "budi santoso"
                turn.data.pop("anonymous", None)
                turn.data["name_check"] = one
                return Go(State.NAME)
            return self.not_understood(turn)
        chosen = options[answer]
        if chosen == "name":
            turn.data.pop("anonymous", None)
            given, sure = name_after_choice(turn.text, labels)
            if given and sure:
                # "pake nama aja, Rina Wulandari": the name comes with the choice
                turn.data.update(name=as_written(given), anonymous=False)
                return Go(next_state(turn))
            if given:
                turn.data["name_check"] = given
            return Go(State.NAME)
        turn.data.update(anonymous=chosen == "anonymous",
                         name=None if chosen == "anonymous" else profile)
        return Go(next_state(turn))


# Where a choice ends and what follows it begins: "pake nama aja, Rina Wulandari",
# "use my name: John Carter", "pakai nama - Budi Santoso".
_AFTER_CHOICE = re.compile(r"[,:;]|\s[-–]\s")


def name_after_choice(text: str, labels: Iterable[str]) -> tuple[str | None, bool]:
    """The name typed after the choice to be named, and whether it is surely one (see
    `read_name`); (None, False) when only the choice was said."""
    parts = _AFTER_CHOICE.split(text, maxsplit=1)
    return read_name(parts[1].strip(), labels) if len(parts) == 2 else (None, False)


@register
class Name(Step):
    state = State.NAME
    help_key = "help.name"
    accepts_key = "stuck.accepts.name"
    goes_to = successors(State.IDENTITY)

    def help_for(self, turn: Turn) -> str | None:
        # "?" at "Nama Anda *budi santoso*?": that yes-or-no check explained, not "type your
        # name" (its choices stay Ya / Bukan)
        return "help.name.check" if turn.data.get("name_check") else self.help_key

    def help_values(self, turn: Turn) -> dict[str, str]:
        return {"name": turn.data.get("name_check") or ""}

    def prompt(self, turn: Turn) -> list[Reply]:
        checking = turn.data.get("name_check")
        if checking:
            return [self.check(turn, checking)]
        # a wish to stay unknown ("sy gamau ketauan") is answered, not met with a bare "name?"
        return [Reply(turn.t("name.confidential" if turn.data.get("confidential") else "name"))]

    @staticmethod
    def check(turn: Turn, name: str) -> Reply:
        """"Nama Anda *budi santoso*?": a name that may be something else, asked back."""
        return turn.ask("name.check", "name.yes", "name.no", name=name)

    def handle(self, turn: Turn) -> Go:
        explained = self.explain(turn)
        if explained is not None:
            return explained
        checking = turn.data.pop("name_check", None)
        # "I'd rather not say", "jgn disebut", "tak nak bagi nama" is no name, never stored
        # "lewati" / "skip": the question's wish for no name, as at the identity question
        wished = wish(turn.text) or ("anonymous" if declines(turn.text) or refuses_name(
            turn.text) or said(turn.text) in SKIP_NAME else None)
        if wished == "anonymous":
            turn.data.update(anonymous=True, name=None)
            return Go(next_state(turn))
        if wished == "confidential":
            # "nama saya Budi, tapi rahasiakan": the name, kept from the group
            given, _ = read_name(_BEFORE_WISH.split(turn.text, maxsplit=1)[0].strip())
            turn.data["confidential"] = True
            if given and _NAME_INTRO.match(turn.text):
                turn.data.update(name=as_written(given), anonymous=False)
                return Go(next_state(turn))
            if checking and leads_with_yes(turn.text):
                # "yes but keep it secret", "iya tp rahasiakan" to "Is your name *X*?": the
                # name they typed is X, kept confidential (the wish is never the name)
                turn.data.update(name=as_written(checking), anonymous=False)
                return Go(next_state(turn))
            if checking and not leads_with_no(turn.text):
                # "keep it confidential please" to "Is your name *X*?": the wish is noted and
                # the name is still asked about, never taken on a guess
                turn.data["name_check"] = checking
                return Go(None, [Reply(turn.t("name.confidential.noted")),
                                 self.check(turn, checking)], ask_next=False)
            # "lho kok nama? sy mau dirahasiain": understood, and never taken for a name
            return Go(None, [Reply(turn.t("name.confidential"))], ask_next=False)
        if checking:
            answer = pick(turn.text, [turn.words("name.yes") + ["ya", "benar", "betul", "iya"],
                                      turn.words("name.no") + ["bukan", "salah", "tidak"]])
            if answer == 0 or (answer is None and is_affirm(turn.text)):
                turn.data.update(name=as_written(checking), anonymous=False)
                return Go(next_state(turn))
            if answer == 1 or (answer is None and is_deny(turn.text)):
                return Go(None, [Reply(turn.t("name"))], ask_next=False)
            # anything else is read as the answer itself (the name typed again, corrected)
        if asks_status(turn.text):
            # "jd kpn jadinya": this complaint is not sent yet; said, and the question again
            if checking:
                turn.data["name_check"] = checking
            return Go(None, [Reply(turn.t("status_unsent")), *self.prompt(turn)],
                      ask_next=False)
        if is_question(turn.text):
            return Go(None, [Reply(turn.t("name.why"))], ask_next=False)
        name, sure = read_name(turn.text, bare_words=1)
        if name is None:
            text = " ".join(turn.text.split())
            if is_filler(text) or not (2 <= len(text) <= 100) or \
                    not re.search(r"[^\W\d_]", text):
                return Go(None, [Reply(turn.t("name.invalid"))], ask_next=False)
            # "petugasnya harus ditegur", "minta maaf": not a name; asked again, kindly
            return Go(None, [Reply(turn.t("name.not_name"))], ask_next=False)
        if not sure:
            turn.data["name_check"] = name
            return Go(None, [self.check(turn, name)], ask_next=False)
        turn.data.update(name=as_written(name), anonymous=False)
        return Go(next_state(turn))   # a confidential wish said before the name is kept


# "tidak boleh diketahui": the openly-named words, negated
_NOT_ALLOWED = re.compile(r"\b(tidak|tdk|ga|gak|gk|nggak|jangan|jgn|tak|don t|do not)\s+"
                          r"(boleh|mau|sampai|want|let)\b")
_KNOWN = re.compile(r"\b(diketahui|ketahuan|dikenal|disebut|tahu|tau|known|named)\b")
# A question's own words, where no "?" is typed ("siapa yang bisa lihat nama saya")
_ASKING = re.compile(r"\b(siapa|apakah|bisakah|bolehkah|gimana|bagaimana|macam mana|who|whom)\b",
                     re.IGNORECASE)


@register
class Confidential(Step):
    """For complaints about officers or illegal fees: keep the identity from the group."""

    state = State.CONFIDENTIAL
    help_key = "help.confidential"
    goes_to = frozenset({State.CONFIRM})

    def prompt(self, turn: Turn) -> list[Reply]:
        return [turn.ask("confidential", "confidential.yes", "confidential.no")]

    def handle(self, turn: Turn) -> Go:
        explained = self.explain(turn)
        if explained is not None:
            return explained
        if turn.text.rstrip().endswith("?") or (
                asks_if_safe(turn.text) and (is_question(turn.text) or _ASKING.search(turn.text))):
            # "pegawai tu boleh tahu nama saya tak?", "kalau tidak dirahasiakan siapa yang bisa
            # lihat nama saya": a worried question, never a choice (its words are the choices',
            # "nama saya boleh diketahui petugas", "tidak dirahasiakan", and were read as
            # them: named openly on a question). Answered, then asked again.
            return Go(None, [Reply(turn.t("safe.asked"))])
        said_words = set(core(turn.text))
        # ("ya", "ok" have no core words: not a bare "jangan")
        if said_words and said_words <= {"jangan", "jgn", "jngn"}:
            # "jangan!" to "keep your identity secret?": don't keep it, or don't tell? A
            # whistleblower is never named openly on a guess: the question is asked again
            return self.not_understood(turn)
        if _NOT_SECRET.search(turn.text):
            # "ga usah dirahasiakan": was read as a wish for secrecy ("dirahasiakan")
            turn.data["confidential"] = False
            return Go(next_state(turn))
        plain = said(turn.text)
        if _NOT_ALLOWED.search(plain) and (_OPENLY.search(plain) or _KNOWN.search(plain)):
            # "nama saya tidak boleh diketahui petugas": the second choice's words, negated;
            # was chosen as that choice on its words (named openly)
            turn.data["confidential"] = True
            return Go(next_state(turn))
        if _OPENLY.search(plain) and not _NOT_ALLOWED.search(plain):
            # "tidak, nama saya boleh diketahui petugas", the second choice typed out after
            # the "no" it answers: was read as "no name" (anonymous)
            turn.data["confidential"] = False
            return Go(next_state(turn))
        if wish(turn.text) == "anonymous" or refuses_name(turn.text):
            # "no, don't use my name", "anonim aja": no name at all, as at the identity question
            turn.data.update(anonymous=True, name=None)
            turn.data.pop("confidential", None)
            return Go(next_state(turn))
        answer = self.choose(turn, [turn.words("confidential.yes") + ["rahasiakan", "rahasia",
                                                                        "rahsiakan", "rahsia"],
                                    turn.words("confidential.no") + ["tidak perlu"]])
        if answer is None:
            answer = 0 if is_affirm(turn.text) or wish(turn.text) else \
                1 if is_deny(turn.text) or _OPENLY.search(said(turn.text)) else None
        if answer is None:
            named = name_again(turn)
            if named:
                # "Sumiati" typed again here (to correct how it was written): kept, and the
                # question asked again
                turn.data.update(name=named, anonymous=False)
                return Go(None, [Reply(turn.t("confidential.name_kept", name=named))])
            return self.not_understood(turn)
        turn.data["confidential"] = answer == 0
        return Go(next_state(turn))


def name_again(turn: Turn) -> str | None:
    """The person's name typed at the confidentiality question: the one kept, typed again
    ("Sumiati" after "nama sy sumiati"), or a name surely typed as one ("nama saya Sumiati",
    "Sumiati Rahayu", "Sumiati"); None for anything else."""
    text = " ".join(turn.text.split())
    kept = turn.data.get("name")
    if kept and said(text) == said(kept):
        return as_written(text)
    labels = turn.words("confidential.yes") + turn.words("confidential.no")
    typed, sure = read_name(text, labels)
    found = typed if sure else one_word_name(text, labels)
    return as_written(found) if found else None
