"""What in a text says who wrote it or how to reach them, and how it is masked: phone numbers
in any spelling (Indonesian, Malaysian, from abroad), long ids and NIKs, passport numbers,
shared locations, profile links, @usernames, e-mail addresses, and names given in an
introduction or a signature. Text-level only: who may read what is decided by bot.identity.
"""
from __future__ import annotations

import re

from bot.messages import PIN

MASK = "••••"


def mask_phone(number: str) -> str:
    """'+6281234560001' -> '+62 812-••••-0001'; too short to mask usefully -> '••••'."""
    digits = re.sub(r"\D", "", number)
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    if len(digits) < 9:
        return MASK
    code = digits[:2]
    rest = digits[2:]
    return f"+{code} {rest[:3]}-{MASK}-{rest[-4:]}"


# An Indonesian (or Malaysian: Tarakan faces Sabah) number however people group it: spaces,
# dashes or dots (0812.3456.7890), groups of 2 to 5 digits (0812 345 67890), or every digit
# apart (0 8 1 2 …) so that no filter would see it.
_PHONE_TEXT = re.compile(r"(?<![\w+.])((?:\+?6[02]|0)[ .-]?\(?\d{2,4}\)?(?:[ .-]?\d{2,5}){1,4})"
                         r"(?![\w])")
_SPACED_PHONE = re.compile(r"(?<![\w+])((?:\+?6[ .-]?[02]|0)(?:[ .-]\d){8,13})(?![\w])")
# Digits from other scripts (full-width ０８１２…) read as the digits they are.
_DIGITS = {base + i: ord("0") + i for base in (0xFF10, 0x0660, 0x06F0) for i in range(10)}
_LONG_ID = re.compile(r"(?<![\w+.:-])(\d{9,20})(?![\w])")
# A NIK (the 16-digit national identity number) written in groups: 6471 0112 0590 0003.
_NIK_GROUPED = re.compile(r"(?<![\w+.:-])(\d{4}(?:[ .-]\d{4}){3})(?![\w])")
# An Indonesian passport number (a letter or two and 7 digits), which names its holder, however
# it is typed: in lower case, or with a space or a dash after a single letter ("c1234567",
# "C 1234567"). A sum in rupiah written without a space ("Rp1500000") is no passport.
_PASSPORT_NO = re.compile(r"(?<!\w)(?![Rr][Pp]\d)([A-Za-z]{2}\d{7}|[A-Za-z][ .-]?\d{7})(?!\w)")
# A number from abroad, as people and providers write it: +60 12-887 4531, +1 (415) 555-0134.
_INTL_TEXT = re.compile(r"(?<![\w+])(\+[1-9]\d{0,3}(?:[ .-]?\(?\d{1,6}\)?){1,6})(?![\w])")


PIN_HIDDEN = ("📍 (lokasi dari peta yang dikirim pelapor: tidak ditampilkan, bisa menunjukkan "
              "tempat tinggalnya)")


def hide_pins(text: str) -> str:
    """A location the person shared anywhere but as the answer to "where did it happen?" (at
    the menu, in the story, to an officer) is most likely where they are: their home. Like a
    photo's GPS, only a reader who may see their identity reads it; files never carry it."""
    return PIN.sub(PIN_HIDDEN, text)


def redact_numbers(text: str, ids: bool = False, whole: bool = False) -> str:
    """Phone numbers in free text (Indonesian, and any written with a + from abroad: Tarakan
    faces Sabah) shown masked (recorded commands, logs), or with `whole`
    (text that goes into files) removed; with `ids`, other long digit runs too (a Telegram
    chat id), keeping their last 4 digits (none with `whole`)."""
    def phone(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(1))
        if not 9 <= len(digits) <= 15:
            return match.group(0)
        return MASK if whole else mask_phone(digits)
    text = text.translate(_DIGITS)
    if ids:
        text = _NIK_GROUPED.sub(lambda m: MASK if whole else MASK + m.group(1)[-4:], text)
    text = _SPACED_PHONE.sub(phone, text)
    text = _PHONE_TEXT.sub(phone, text)
    text = _INTL_TEXT.sub(phone, text)
    if ids:
        text = _LONG_ID.sub(lambda m: MASK if whole else MASK + m.group(1)[-4:], text)
    return text


_NAME_WORDS = r"[A-Z][\w'.-]+(?:[ \t]+(?:[A-Z][\w'.-]+|bin|binti|van|de|al))*"
_SIGNED = re.compile(
    r"((?i:\b(?:(?:best |kind |warm )?regards|sincerely|cheers|thanks|thank you|salam|"
    r"hormat saya|hormat kami|wassalam|terima kasih|terimakasih|makasih|ttd\.?))\s*[,.!:-]?"
    r"\s*(?:\n\s*)?(?:-\s*)?)(" + _NAME_WORDS + r")(\s*[.!]?\s*)$")

# The words after a self-introduction, up to six, read one by one (`_mask_introduced`).
_RUN = r"([^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,5})"
# Introductions that say a name follows whatever its case: "nama saya budi", "namaku: siti",
# "my name is john".
_INTRODUCED_ANY_CASE = re.compile(
    r"((?i:\b(?:nama\s*(?:saya|sy|aku|ku|pelapor|lengkap(?:\s*(?:saya|sy))?)"
    r"(?:\s+(?:adalah|ialah))?|namaku|saya\s+bernama|perkenalkan,?\s*(?:nama\s*)?saya|"
    r"my\s+name(?:\s+is|'s))\b\s*:?\s*|\b(?:nama|name)\s*:\s*))" + _RUN)
# Introductions where only a capitalised word is a name: "nama Budi", "I am Budi", "this is
# Budi"; "Saya Budi Santoso dari …" opening a sentence or after a greeting ("saya sudah bayar",
# "paspor saya Hilang" are no introduction); "a.n. Budi Santoso" (atas nama), "Ini dengan Budi
# Santoso" (as on the telephone).
_INTRODUCED = re.compile(
    r"((?i:\b(?:nama|name)(?:\s+(?:adalah|ialah))?|\bthis\s+is|\bi\s+am|\bi'm|"
    r"(?:^|(?<=[.!?,;:\n(])|\b(?:halo|hallo|hai|hi|hello|permisi|assalamu'?alaikum|"
    r"selamat\s+(?:pagi|siang|sore|malam))[,!.]?)\s*(?:saya|sy|aku)|"
    r"\ba\.\s?n\.?|\ban\.|\batas\s+nama|\bini\s+dengan)(?!\w)\.?\s*)" + _RUN)

# Words after "terima kasih" or "I am" that are no name ("Terima kasih Pak", "I am Indonesian").
_NOT_A_NAME = {"pak", "bu", "bapak", "ibu", "min", "admin", "kak", "mas", "mbak", "bang",
               "sir", "madam", "team", "tim", "semua", "all", "you", "indonesian", "indonesia",
               "wni", "wna", "the", "a", "an", "not", "very", "so", "sorry", "here", "writing"}
# Forms of address before a name ("saya Pak Budi"): kept, the name after them masked.
_HONORIFICS = {"pak", "bu", "bapak", "ibu", "mas", "mbak", "kak", "bang", "sdr", "sdri",
               "saudara", "saudari", "tn", "ny", "nn", "mr", "mrs", "ms", "miss", "hj"}
# A company is no person ("a.n. PT Borneo Timber", the sponsor of a permit): officers need it.
_ORGANISATIONS = {"pt", "cv", "ud", "pd", "yayasan", "koperasi", "toko", "kantor", "perusahaan",
                  "firma", "biro", "travel"}
# Words that end a name, or show that none follows: "saya sudah bayar", "nama saya di paspor
# salah", "Saya WNI", "nama saya budi santoso paspor saya hilang", "Saya dari Tarakan", "sy dr
# Tarakan" (dr: dari, far more often than a doctor).
_NO_NAME = _NOT_A_NAME | {
    "dari", "dr", "di", "ke", "yang", "yg", "dan", "atau", "tapi", "tetapi", "namun", "sudah",
    "udah", "sdh", "telah", "belum", "blm", "mau", "ingin", "pengen", "hendak", "akan", "mohon",
    "minta", "tolong", "tidak", "tdk", "gak", "ga", "nggak", "ngga", "enggak", "bukan", "tak",
    "ada", "sedang", "lagi", "masih", "juga", "hanya", "cuma", "sebagai", "selaku", "dengan",
    "dgn", "untuk", "utk", "karena", "krn", "pada", "dalam", "ini", "itu", "adalah", "ialah",
    "punya", "bisa", "dapat", "harus", "perlu", "pernah", "baru", "sangat", "sekali", "merasa",
    "kecewa", "bingung", "lupa", "sendiri", "seorang", "salah", "keliru", "tercantum",
    "tertulis", "terdaftar", "berbeda", "beda", "sesuai", "typo", "kurang", "lebih", "sama",
    "ganti", "diganti", "berubah", "paspor", "pasport", "passport", "visa", "kitas", "kitap",
    "itas", "itap", "permohonan", "pemohon", "pelapor", "warga", "orang", "pegawai", "karyawan",
    "mahasiswa", "pelajar", "guru", "pedagang", "nelayan", "petani", "sopir", "tki", "pmi",
    "tkw", "calon", "anak", "istri", "suami", "ayah", "orangtua", "keluarga", "kakak", "adik",
    "mengajukan", "membuat", "buat", "bikin", "datang", "kemarin", "tadi", "sekarang", "hari",
    "kira", "rasa", "pikir", "kan", "sih", "dong", "nih", "ya", "mengurus", "urus", "ngurus",
    "tinggal", "bekerja", "kerja", "lahir", "asal", "berasal", "menunggu", "nunggu", "tanya",
    "bertanya", "nanya", "menanyakan", "mengadu", "mengadukan", "melapor", "melaporkan",
    "lapor", "komplain", "complain", "terima", "kasih", "maaf", "from", "and", "or", "but",
    "just", "still", "really", "trying", "having", "going", "upset", "angry", "disappointed",
    "writing", "calling", "applying", "waiting", "asking", "married", "working", "living",
    "saya", "sy", "aku", "kami", "kita", "dia", "beliau", "mereka", "anda", "kamu",
    "tercatat", "muncul", "hilang", "dipanggil", "disebut", "dicoret", "dihapus",
    # a wish about the name, not the name: "tolong nama saya dirahasiakan ya bu", "nama saya
    # jangan disebut", "my name is confidential"
    "dirahasiakan", "rahasiakan", "rahasia", "dirahasiain", "rahasiain", "disembunyikan",
    "sembunyikan", "disamarkan", "jangan", "jgn", "usah", "anonim", "anonymous", "confidential",
    "secret", "private", "hidden", "withheld"}
_CONNECTORS = {"bin", "binti", "van", "de", "al"}


def _mask_given_name(m: re.Match[str]) -> str:
    """A signature with its name masked, unless the words are only forms of address."""
    name = m.group(2)
    if all(w.lower().strip(".") in _NOT_A_NAME for w in name.split()):
        return m.group(0)
    return m.group(1) + MASK + m.group(3)


def _mask_introduced(m: re.Match[str]) -> str:
    """The words after a self-introduction with the name among them masked: forms of address
    kept ("saya Pak ••••"), the name taken up to the first word that is no name ("•••• dari
    Juata Laut"), a full stop after it kept; nothing masked when no name follows ("saya sudah
    bayar", "a.n. PT Borneo Timber"). Where the introduction does not say that a name follows
    whatever its case, a name is capitalised."""
    any_case = m.re is _INTRODUCED_ANY_CASE
    run = m.group(2)
    words = list(re.finditer(r"\S+", run))
    bare = [w.group(0).strip(".'’-").lower() for w in words]
    first = 0
    while first < len(words) and bare[first] in _HONORIFICS:
        first += 1
    if first == len(words) or bare[first] in _ORGANISATIONS:
        return m.group(0)
    last = first
    while last < len(words) and last - first < 4 and bare[last] not in _NO_NAME and (
            any_case or words[last].group(0)[0].isupper()
            or (last > first and bare[last] in _CONNECTORS)):
        ends_sentence = words[last].group(0).endswith(".") and len(bare[last]) > 1
        last += 1
        if ends_sentence:        # "nama saya Budi. Paspor saya …": the name ended
            break
    if last == first:
        return m.group(0)
    start, end = words[first].start(), words[last - 1].end()
    while end > start + 1 and run[end - 1] == "." and len(bare[last - 1]) > 1:
        end -= 1                 # the sentence's full stop, not an initial ("M. Rizki")
    return m.group(1) + run[:start] + MASK + run[end:]


# How people give an account: a profile link, a @username, an e-mail address, "ig: budi.s".
_SOCIAL_LINK = re.compile(
    r"(?i)(?<![\w.])((?:https?://)?(?:www\.|m\.|web\.|mobile\.|vt\.)?(?:facebook\.com|fb\.com|"
    r"fb\.me|m\.me|instagram\.com|instagr\.am|tiktok\.com|twitter\.com|x\.com|linkedin\.com|"
    r"t\.me|telegram\.me|telegram\.dog|wa\.me|api\.whatsapp\.com|chat\.whatsapp\.com|"
    r"threads\.net|youtube\.com|youtu\.be|snapchat\.com|line\.me)/)[\w.%~+/=?&#@:-]+")
# a @username (Telegram, Instagram, TikTok, X: dots and underscores), not an e-mail's domain
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z_](?:[\w.]{0,30}\w)?")
_EMAIL_PARTS = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
_ACCOUNT = re.compile(
    r"(?i)\b((?:fb|facebook|ig|insta|instagram|tiktok|twitter|telegram|tele|email|e-mail|"
    r"surel)\s*(?:saya|sy|ku|aku)?\s*[:=]\s*)"
    r"(?-i:[A-Z][\w'.-]*(?:[ \t]+[A-Z][\w'.-]*){0,3}|@?[\w.+-]+)")


def mask_links(text: str) -> str:
    """A profile link kept to its site: "facebook.com/••••"."""
    return _SOCIAL_LINK.sub(lambda m: m.group(1) + MASK, text)


def self_traces(text: str) -> str:
    """`text` without what says who wrote it, whatever the bot knows of them: a profile link
    (facebook.com/…, t.me/…, wa.me/…), a @username, an e-mail address (the part before the @:
    a mail provider's name is nobody's), an account given as "ig: …", a passport number, and a
    name given in an introduction ("nama saya …", "Saya Budi Santoso dari …", "a.n. …", "Ini
    dengan …", "my name is …") or a signature ("Hormat saya, …", "Kind regards, …")."""
    text = _HANDLE.sub(MASK, mask_links(text))
    text = _EMAIL_PARTS.sub(lambda m: MASK + "@" + m.group(1), text)
    text = _ACCOUNT.sub(lambda m: m.group(1) + MASK, text)
    text = _PASSPORT_NO.sub(MASK, text)
    text = _INTRODUCED_ANY_CASE.sub(_mask_introduced, text)
    text = _INTRODUCED.sub(_mask_introduced, text)
    return _SIGNED.sub(_mask_given_name, text)
