"""Whether a text reports something sensitive: an illegal levy, a broker or a bribe, or an
officer's conduct. A sensitive report is for Kasi Tikkim and Kepala Kantor only (the SOP's rule),
so the conversation asks this before a story or a message to the officers reaches the group.
"""
from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower case, no accents, single spaces, padded: ' kata kata ' (for whole-word patterns)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()).strip() + " "


# --- a report told in the officers' chat ------------------------------------------------------
# What someone writes to "talk to an officer" goes to the officers' group, where the officer it is
# about may read it. Words of a report about an illegal levy, a broker, a bribe or an officer's
# conduct (matched on folded text: lower case, no accents, single spaces) make it the leaders'.
# Tarakan faces Sabah: Malay words (duit kopi, wang, rasuah, mintak) report a levy just as well.
_LEVY = [
    r"pungli(nya)?", r"pungutan liar", r"calo(nya)?", r"percaloan", r"makelar", r"joki",
    r"(di|me|meny)?suap(an|nya)?", r"(di|me|meny|ny)?sogok(an|in|nya)?", r"(di|me)?rasuah",
    r"(uang|duit|wang|duet) (pelicin|rokok|kopi|teh|lelah|damai)",
    r"orang dalam", r"ordal", r"jalur (belakang|khusus|cepat|vip)", r"lewat belakang",
    r"(di)?mintak?(i|in)? (uang|duit|duet|wang|bayaran|imbalan|tip|tips)",
    r"bayar (lebih|tambahan|di luar)",
    # "kalau mau cepat harus bayar 300rb ke dia", "bayar 500 biar cepat"
    r"(mau|biar|supaya|agar|kalau|kalo|klo|klu|kl) (cepat|cpt|cepet|lancar)( [a-z0-9]+){0,5} "
    r"(bayar|byr|kasih|ksh|transfer|tf|setor|nyetor)",
    r"(bayar|byr|kasih|ksh|dikasih|ngasih|transfer|tf|setor|nyetor)( [a-z0-9]+){0,4} "
    r"(biar|supaya|agar|asal) (cepat|cpt|cepet|lancar|beres|jadi|dibantu|diurus)",
    # "biar paspor cepat jadi asal transfer", "titip uang ke petugas supaya didahulukan"
    r"(cepat|cpt|cepet|lancar|beres)( [a-z0-9]+){0,2} asal (bayar|byr|kasih|ksh|transfer|tf|"
    r"setor|nyetor)",
    r"(uang|duit|titip|titipan|nitip)( [a-z0-9]+){0,4} (biar|supaya|agar) (antrian |antrean )?"
    r"(didahulukan|duluan)",
    # an envelope for the officer: "minta dikasih amplop biar cepat"
    r"(minta|kasih|dikasih|ngasih|kasi|beri|diberi|memberi|selipkan|selipin|nyelipin) amplop",
    r"(uang|duit) amplop", r"amplop (biar|supaya|agar)",
    # an agent selling immigration papers: "agen katanya bisa urus paspor cepat"
    r"(agen|agent|agency|biro jasa|jasa pengurusan|jasa (urus|ngurus|uruskan))"
    r"( [a-z0-9]+){0,6} (paspor|passport|visa|kitas|"
    r"itas|kitap|itap|imigrasi|immigration)",
    r"(urus|ngurus|mengurus|uruskan|ngurusin|process|get)( [a-z0-9]+){0,3} (paspor|passport|visa|"
    r"kitas|itas)( [a-z0-9]+){0,3} (cepat|cpt|cepet|kilat|ekspres|express|fast|quickly)",
    r"tanpa (kuitansi|kwitansi|bukti bayar)", r"gratifikasi", r"korupsi", r"pemerasan",
    r"memeras", r"diperas", r"oknum", r"brib(e|es|ed|ery)", r"brokers?", r"extort(ed|ion)?",
    r"under the table", r"kickbacks?", r"corrupt(ion)?",
    r"(asked|demanded) (me )?for (money|cash|a tip|a gift|gifts|a bribe|a fee|extra money)",
    r"(pay|paid|pays) (extra|more|something extra)",
    r"(faster|quicker|speed (it |things )?up)( [a-z0-9]+){0,5} (pay|paid|money|cash|fee|tip)",
    r"(pay|paid|money|cash)( [a-z0-9]+){0,5} (faster|quicker|speed (it |things )?up)"]
_CONDUCT = [
    r"pelecehan", r"(di|me)lecehkan", r"(di|mem)?bentak",
    r"main tangan", r"dipukul", r"memukul", r"(di|meng)ancam", r"ancaman", r"intimidasi",
    # "saya dimarahin petugas loket" (not "saya marah": the complainant's own anger)
    r"dimarah(i|in)", r"memarahi",
    r"(petugas|pegawai|oknum|staf|staff)(nya)?( [a-z0-9]+){0,3} (mabuk|teler)",
    r"(petugas|pegawai|oknum|staf|staff)(nya)?( [a-z0-9]+){0,3} (kasar|judes|galak|sombong|arogan|cuek|"
    r"(tidak|tdk|gak|ga|nggak|ngga|tak|ndak) (sopan|ramah)|kurang ajar|biadab)",
    r"harass(ed|ment)?", r"threaten(ed)?", r"(rude|arrogant) (officer|staff)",
    r"(touched|groped|grabbed) me", r"groped", r"touched (me )?inappropriately",
    r"(officer|staff)( [a-z]+){0,3} (was|were|is|are) (rude|arrogant)",
    # "the guy at the airport immigration desk was super rude, yelled at my wife"
    r"(guy|man|woman|lady|officer|officers|staff|agent|he|she|they)( [a-z]+){0,6} (was|were|is|"
    r"are) (so |super |very |really |extremely |incredibly |quite )?(rude|arrogant|abusive|"
    r"aggressive|hostile)",
    r"(yell|yelled|yelling|shout|shouted|shouting|scream|screamed|screaming|swore|sworn) at"]
_LEVY_RE = re.compile(r" (" + "|".join(_LEVY) + r") ")
_CONDUCT_RE = re.compile(r" (" + "|".join(_CONDUCT) + r") ")
_DELICATE = re.compile(r" (" + "|".join(_LEVY + _CONDUCT) + r") ")


# "saya tidak pakai calo", "tanpa calo", "not through an agent": a broker named as not used.
_NOT_USED = re.compile(r" (tidak|tdk|gak|ga|nggak|ngga|enggak|tanpa|bukan|no|without|not|never|"
                       r"didn t|did not)( (pakai|pake|lewat|melalui|menggunakan|memakai|minta|"
                       r"use|used|using|via|through|an?))? (calo|joki|makelar|ordal|orang dalam|"
                       r"brokers?|agents?|oknum)(?= )")


def _read(text: str) -> str:
    """`fold`, with a letter typed three times or more read once ("pungliii" -> "pungli")."""
    return re.sub(r"([a-z])\1{2,}", r"\1", fold(text))


def delicate_kind(*texts: str | None) -> str | None:
    """The sensitive complaint type a story reports, by the office's priority (a levy or a
    broker first, then an officer's conduct): "pungli", "perilaku_petugas", or None."""
    folded = _NOT_USED.sub(" ", " ".join(_read(t) for t in texts if t))
    if not folded.strip():
        return None
    if _LEVY_RE.search(folded):
        return "pungli"
    return "perilaku_petugas" if _CONDUCT_RE.search(folded) else None


def delicate(text: str | None) -> bool:
    """Does a message to the officers report an illegal levy, a broker, a bribe or an officer's
    conduct? Then the group, which may include the officer concerned, must not read it: it is
    for Kasi Tikkim and Kepala Kantor (the SOP's rule for sensitive complaints)."""
    return bool(text) and bool(_DELICATE.search(_read(text or "")))
