"""The SOP workflow, declared: who may move a complaint from which stage to which, with what."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from bot.sop.stages import Stage, officer_label

if TYPE_CHECKING:
    from bot.config import OfficeConfig, Officer
    from bot.sop.hours import ServiceHours


class Role(StrEnum):
    """The SOP's actors (Pelaksana); `seksi` officers belong to one section."""

    PETUGAS = "petugas"
    PENYUSUN_LAPORAN = "penyusun_laporan"
    KASI_TIKKIM = "kasi_tikkim"
    KEPALA_KANTOR = "kepala_kantor"
    SEKSI = "seksi"


ROLE_LABEL = {Role.PETUGAS: "Petugas", Role.PENYUSUN_LAPORAN: "Penyusun Laporan",
              Role.KASI_TIKKIM: "Kasi Tikkim", Role.KEPALA_KANTOR: "Kepala Kantor",
              Role.SEKSI: "Seksi Terkait"}
VERDICTS = {"benar": "Benar", "tidak_benar": "Tidak benar"}
# Step 5's follow-ups. The SOP's two (coaching and mentoring, punishment) fall on the office's
# own people; where the examination found no officer involved (a broker outside the office, a
# fraud, a broken facility) the office's follow-up is one of its own kind, said in its own
# words everywhere (messages, /lihat, documents, register, recap): never staff coaching.
STAFF_FOLLOW_UPS = {"pembinaan": "Pembinaan dan pendampingan", "hukuman": "Hukuman disiplin"}
NO_STAFF_FOLLOW_UPS = {"aph": "Diserahkan kepada aparat penegak hukum (kepolisian)",
                       "imbauan": "Imbauan kepada masyarakat",
                       # the documents' words where no one is at fault (bot.paperwork.casefile)
                       "perbaikan_layanan": "Ditindaklanjuti oleh seksi terkait "
                                            "(perbaikan layanan)"}
FOLLOW_UPS = {**STAFF_FOLLOW_UPS, **NO_STAFF_FOLLOW_UPS}
INPUT_CHOICES = {"verdict": VERDICTS, "follow_up": FOLLOW_UPS}
INPUT_LABEL = {"note": "catatan", "verdict": "hasil pemeriksaan", "follow_up": "tindak lanjut"}
# What a refusal tells officers to write for a missing choice.
OPTIONS_HINT = {"verdict": "benar / tidak benar",
                "follow_up": "pembinaan / hukuman (petugas terlibat), atau, bila tidak ada "
                             "petugas yang terlibat, diserahkan ke kepolisian (APH) / imbauan "
                             "kepada masyarakat / perbaikan layanan"}


class Refused(Exception):
    """An officer action the SOP does not allow; the message is safe to show the officer.
    `detail` (when given) is what the logs record instead, e.g. the real reason."""

    def __init__(self, message: str, detail: str | None = None):
        super().__init__(message)
        self.detail = detail or message


@dataclass(frozen=True)
class Transition:
    """One SOP step: the move it makes, who does it, and what must be given."""

    step: int
    source: Stage
    target: Stage
    actor: Role
    also: frozenset[Role] = frozenset()   # roles that may act in the actor's place
    needs: tuple[str, ...] = ()           # note | verdict | follow_up
    verdict: str | None = None            # only taken when the complaint has this verdict
    tells_complainant: bool = False
    label: str = ""

    def roles(self) -> frozenset[Role]:
        return self.also | {self.actor}


_ADMIN = frozenset({Role.KASI_TIKKIM, Role.KEPALA_KANTOR})
TRANSITIONS: tuple[Transition, ...] = (
    Transition(2, Stage.RECEIVED, Stage.REPORTED_TO_KASI, Role.PETUGAS, _ADMIN,
               label="Dilaporkan kepada Kasi Tikkim"),
    Transition(3, Stage.REPORTED_TO_KASI, Stage.REVIEWED, Role.KASI_TIKKIM,
               frozenset({Role.KEPALA_KANTOR}), needs=("note",), tells_complainant=True,
               label="Ditelaah, arahan diberikan, diteruskan ke seksi terkait"),
    Transition(4, Stage.REVIEWED, Stage.EXAMINED, Role.SEKSI, needs=("verdict",),
               label="Diperiksa (BAP), hasil pemeriksaan ditetapkan"),
    Transition(5, Stage.EXAMINED, Stage.FOLLOWED_UP, Role.SEKSI, needs=("follow_up",),
               verdict="benar", tells_complainant=True, label="Hasil pemeriksaan ditindaklanjuti"),
    Transition(6, Stage.EXAMINED, Stage.REPORT_DRAFTED, Role.PENYUSUN_LAPORAN,
               verdict="tidak_benar", label="Surat pengantar dan laporan pengaduan disusun"),
    Transition(6, Stage.FOLLOWED_UP, Stage.REPORT_DRAFTED, Role.PENYUSUN_LAPORAN,
               label="Surat pengantar dan laporan pengaduan disusun"),
    Transition(7, Stage.REPORT_DRAFTED, Stage.INITIALED, Role.KASI_TIKKIM,
               label="Laporan diparaf Kasi Tikkim"),
    Transition(8, Stage.INITIALED, Stage.SIGNED, Role.KEPALA_KANTOR,
               label="Laporan ditandatangani Kepala Kantor"),
    Transition(9, Stage.SIGNED, Stage.REPORTED, Role.PETUGAS, frozenset({Role.KASI_TIKKIM}),
               tells_complainant=True, label="Dilaporkan ke Kanwil dan kepada pelapor"),
    Transition(10, Stage.REPORTED, Stage.ARCHIVED, Role.PETUGAS, frozenset({Role.KASI_TIKKIM}),
               label="Dicatat dalam inventaris pengaduan"),
)

# Actions that do not move the stage: who may do them, and in which stages.
_BEFORE_EXAM = frozenset({Stage.RECEIVED, Stage.REPORTED_TO_KASI, Stage.REVIEWED})
_OPEN = frozenset(s for s in Stage if s is not Stage.ARCHIVED)
_FRONT = frozenset({Role.PETUGAS, Role.KASI_TIKKIM, Role.KEPALA_KANTOR})
_ALL = frozenset(Role)
ORDER_BEFORE_DRAFT = (Stage.RECEIVED, Stage.REPORTED_TO_KASI, Stage.REVIEWED, Stage.EXAMINED,
                      Stage.FOLLOWED_UP)
_DRAFTED = frozenset({Stage.REPORT_DRAFTED, Stage.INITIALED, Stage.SIGNED, Stage.REPORTED,
                      Stage.ARCHIVED})
ACTIONS: dict[str, tuple[frozenset[Role], frozenset[Stage]]] = {
    "take": (_FRONT, _OPEN),
    "retype": (_FRONT, _BEFORE_EXAM),
    "forward": (_ADMIN, _BEFORE_EXAM),
    "update": (_FRONT, _OPEN),
    "relay": (_FRONT, _OPEN),
    "identity": (_ADMIN, frozenset(Stage)),
    "documents": (_ALL, _DRAFTED),
    "evidence": (_ALL, frozenset(Stage)),
    # A replacement of the draft (edited DOCX, scanned PDF): before step 7's initials.
    "upload": (frozenset({Role.PENYUSUN_LAPORAN, Role.KASI_TIKKIM}),
               frozenset({Stage.REPORT_DRAFTED})),
    "exclude": (_ADMIN, frozenset(Stage)),
    # A draft sent back to the drafter with what to fix, before it is initialled (step 7), or
    # before it is signed (step 8): the initials are then withdrawn and step 7 is due again.
    "return_draft": (frozenset({Role.KASI_TIKKIM, Role.KEPALA_KANTOR}),
                     frozenset({Stage.REPORT_DRAFTED, Stage.INITIALED})),
    # Correcting what /catat recorded: until the report is drafted from it (step 6).
    "correct": (_FRONT, frozenset(ORDER_BEFORE_DRAFT)),
    # A misheard phone number: the complainant hears every step until the end, and a stranger
    # at the wrong number must not.
    "correct_phone": (_FRONT, _OPEN),
    "reissue_pin": (_ADMIN, frozenset(Stage)),
    # Withdrawn at the complainant's request (the leaders decide): before the outcome is
    # reported (step 9); after it, an objection path exists instead (bot.desk.withdraw).
    "withdraw": (_ADMIN, frozenset(ORDER_BEFORE_DRAFT) | {Stage.REPORT_DRAFTED, Stage.INITIALED,
                                                          Stage.SIGNED}),
}
# Actions about no single complaint: who may do them.
REPORTING = frozenset({Role.PETUGAS, Role.PENYUSUN_LAPORAN, Role.KASI_TIKKIM, Role.KEPALA_KANTOR})
ROLE_ACTIONS: dict[str, frozenset[Role]] = {"recap": REPORTING, "register": REPORTING,
                                            "record": _FRONT, "message": _FRONT,
                                            "subject": frozenset({Role.KASI_TIKKIM})}


def next_transition(stage: str, verdict: str | None) -> Transition | None:
    """The step that follows `stage` (the verdict decides the branch after the examination)."""
    for transition in TRANSITIONS:
        if transition.source == stage and transition.verdict in (None, verdict):
            return transition
    return None


def role_of(officer: "Officer") -> Role:
    return Role(officer.role)


def may_see(officer: "Officer", section: str | None) -> bool:
    """Seksi officers see the complaints forwarded to their section; everyone else sees all."""
    return role_of(officer) is not Role.SEKSI or officer.section == section


def check_transition(officer: "Officer", stage: str, verdict: str | None, section: str | None,
                     target: str | None = None,
                     sections: "dict[str, str] | None" = None) -> Transition:
    """The transition this officer may make now, or Refused with the reason (`sections`:
    key -> name, so the reason names the section, not its key)."""

    def section_name(key: str | None) -> str:
        if not key:
            return "seksi yang belum ditentukan"
        return (sections or {}).get(key, f"seksi {key}")

    transition = next_transition(stage, verdict)
    if transition is None:
        raise Refused("Pengaduan ini sudah selesai diarsipkan; tidak ada tahap berikutnya.")
    if target and target != transition.target:
        raise Refused(f"Langkah berikutnya adalah langkah {transition.step} "
                      f"({transition.label}), bukan \u201c{officer_label(target)}\u201d. "
                      "Tahap tidak boleh dilompati.")
    role = role_of(officer)
    if role not in transition.roles():
        allowed = " atau ".join(ROLE_LABEL[r] for r in sorted(transition.roles()))
        raise Refused(f"Langkah {transition.step} ({transition.label}) dilakukan oleh "
                      f"{allowed}, bukan {ROLE_LABEL[role]}.")
    if role is Role.SEKSI and officer.section != section:
        raise Refused(f"Pengaduan ini ditangani {section_name(section)}, bukan seksi Anda "
                      f"({section_name(officer.section)}).")
    return transition


def check_action(officer: "Officer", action: str, stage: str) -> None:
    """Refused unless the officer's role may do `action` in this stage."""
    roles, stages = ACTIONS[action]
    role = role_of(officer)
    if role not in roles:
        allowed = ", ".join(ROLE_LABEL[r] for r in sorted(roles))
        raise Refused(f"Tindakan ini hanya untuk {allowed}; peran Anda {ROLE_LABEL[role]}.")
    if Stage(stage) not in stages:
        raise Refused("Tindakan ini tidak dapat dilakukan pada tahap "
                      f"\u201c{officer_label(stage)}\u201d.")


def check_role(officer: "Officer", action: str) -> None:
    """Refused unless the officer's role may do `action` (one about no single complaint)."""
    roles, role = ROLE_ACTIONS[action], role_of(officer)
    if role not in roles:
        allowed = ", ".join(ROLE_LABEL[r] for r in sorted(roles))
        raise Refused(f"Perintah ini hanya untuk {allowed}; peran Anda {ROLE_LABEL[role]}.")


def _handed_over() -> tuple[str, ...]:
    """'diserahkan ke kepolisian', 'dilaporkan ke polisi', 'serahkan ke APH', 'APH', …: the
    case handed to law enforcement, as officers write it."""
    verbs = ("diserahkan", "serahkan", "dilaporkan", "laporkan", "lapor", "dilimpahkan",
             "limpahkan", "diteruskan", "teruskan")
    to = ("ke", "kepada", "pada")
    whom = ("aparat penegak hukum", "aph", "pihak kepolisian", "kepolisian", "polisi", "polres",
            "polsek", "polri", "satgas saber pungli", "saber pungli")
    return (*(f"{v} {t} {w}" for v in verbs for t in to for w in whom),
            *(f"{v} {w}" for v in verbs for w in whom), *whom,
            "handed to the police", "handed over to the police", "reported to the police",
            "referred to the police", "police", "law enforcement")


# How officers write each choice (the first words after the ticket), longest phrasing first.
PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "verdict": {"tidak_benar": ("tidak terbukti benar", "tidak terbukti", "tidak benar",
                                "tidak_benar", "tidak-benar", "tdk benar", "tdk terbukti",
                                "tidak ada pelanggaran", "tidak ditemukan pelanggaran",
                                "tdk ada pelanggaran", "pengaduan tidak benar",
                                "pengaduan tidak terbukti", "not true", "not proven", "false"),
                "benar": ("terbukti benar", "ya benar", "terbukti", "benar", "betul",
                          "ada pelanggaran", "ditemukan pelanggaran", "pengaduan benar",
                          "pengaduan terbukti", "true", "proven")},
    # the step-5 buttons' words for foreigners reported mean the SOP's two choices when typed;
    # where no officer was involved, the office's own follow-ups (NO_STAFF_FOLLOW_UPS)
    "follow_up": {"pembinaan": ("pembinaan dan pendampingan", "pembinaan & pendampingan",
                                "pembinaan", "pendampingan", "coaching",
                                "pengawasan dan peringatan", "pengawasan & peringatan",
                                "peringatan", "pengawasan"),
                  "hukuman": ("hukuman disiplin", "sanksi disiplin", "hukuman", "sanksi",
                              "punishment", "tindakan administratif keimigrasian",
                              "tindakan administratif", "tindakan keimigrasian"),
                  "aph": _handed_over(),
                  "imbauan": ("imbauan kepada masyarakat", "imbauan ke masyarakat",
                              "imbauan masyarakat", "imbauan", "himbauan kepada masyarakat",
                              "himbauan ke masyarakat", "himbauan masyarakat", "himbauan",
                              "peringatan kepada masyarakat", "peringatan ke masyarakat",
                              "peringatan masyarakat", "sosialisasi kepada masyarakat",
                              "sosialisasi ke masyarakat", "sosialisasi", "public warning",
                              "warning to the public"),
                  "perbaikan_layanan": ("perbaikan layanan", "perbaikan pelayanan", "perbaikan",
                                        "service improvement", "service fixed")},
}
_SEPARATORS = " ,.;:-\u2013\u2014"


# What officers write before the choice itself: "Hasil: benar", "Kesimpulan: tidak terbukti".
_LABEL = re.compile(r"^\s*(?:hasil\s+pemeriksaan|hasil|kesimpulan|tindak\s+lanjut|verdict|"
                    r"result)\s*:?\s+", re.IGNORECASE)


def read_choice(name: str, text: str) -> tuple[str | None, str]:
    """('tidak_benar', rest) from 'Tidak benar, petugas sudah…' (or 'Hasil: tidak benar, …');
    (None, text) when absent."""
    labelled = _LABEL.match(text)
    if labelled:
        choice, rest = read_choice(name, text[labelled.end():])
        if choice is not None:
            return choice, rest
    folded = text.lower()
    found = [(len(phrase), key) for key, phrases in PHRASES[name].items()
             for phrase in phrases
             if folded.startswith(phrase) and folded[len(phrase):len(phrase) + 1] in
             ("",) + tuple(_SEPARATORS)]
    if not found:
        if name == "follow_up" and handed_over(text):
            return "aph", text            # "calo diserahkan ke kepolisian": the whole note
        return None, text
    length, key = max(found)
    rest = text[length:].lstrip(_SEPARATORS)
    if key == "aph" and not _VERB.match(folded) and _NOT.match(rest):
        return None, text                 # "kepolisian belum dihubungi": not handed over
    return key, rest


_HANDED_OVER = re.compile(
    r"(?<![\w])(?:(?P<neg>tidak|tdk|belum|blm|bukan|not)\s+)?(?:di)?(?:serahkan|laporkan|"
    r"limpahkan|teruskan)\s+(?:ke|kepada|pada)\s+(?:pihak\s+)?(?:aparat\s+penegak\s+hukum|"
    r"aph|kepolisian|polisi|polres|polsek|polri|satgas\s+saber\s+pungli|saber\s+pungli)"
    r"(?![\w])", re.IGNORECASE)


_NOT = re.compile(r"(?:tidak|tdk|belum|blm|bukan|not)\b", re.IGNORECASE)
_VERB = re.compile(r"(?:di)?(?:serahkan|laporkan|lapor|limpahkan|teruskan)\b")


def handed_over(text: str) -> bool:
    """Whether a step-5 note says, anywhere, that the case went to law enforcement ("calo
    diserahkan ke kepolisian"), and not that it did not ("belum dilaporkan ke polisi")."""
    found = _HANDED_OVER.search(text)
    return found is not None and not found.group("neg")


def read_inputs(transition: Transition, args: str) -> dict[str, str]:
    """The inputs the step needs, from `[choice] note` text; Refused naming what is missing."""
    rest = args.strip()
    inputs: dict[str, str] = {}
    for name in ("verdict", "follow_up"):
        if name not in transition.needs:
            continue
        choice, rest = read_choice(name, rest)
        if choice is None:
            raise Refused(f"Langkah {transition.step} memerlukan {INPUT_LABEL[name]}: "
                          f"tulis {OPTIONS_HINT[name]} setelah nomor tiket, atau pakai "
                          "tombolnya.")
        inputs[name] = choice
    note = rest.strip()
    if "note" in transition.needs and not note:
        raise Refused(f"Langkah {transition.step} memerlukan catatan (arahan): tulis setelah "
                      "nomor tiket, misalnya /tahap TIKET koordinasikan dengan seksi terkait.")
    inputs["note"] = note
    return inputs


def due_after(config: "OfficeConfig", hours: "ServiceHours", stage: str,
              verdict: str | None, since: dt.datetime) -> dt.datetime | None:
    """The deadline of the step that follows `stage`, in service time from `since`."""
    transition = next_transition(stage, verdict)
    if transition is None:
        return None
    minutes = config.sop.time_standards_minutes.get(transition.target.value)
    return hours.add_service_minutes(since, minutes) if minutes else None
