"""The identity policy: how a complainant is shown to whom, and who may act on a complaint.

Every complaint is filed in one of three identity modes:
- named: officers see the name (and a masked number);
- confidential: only Kasi Tikkim and Kepala Kantor see the identity, and only in their private
  chats with the bot; everyone else reads "dirahasiakan";
- anonymous: no officer ever sees the number or the profile name; the bot relays replies.

Sensitive types (config.yml `sensitive_types`) are confidential unless the complainant
explicitly chose to be named openly, their story stays out of the officers' group, and they are
handled in private chats. An officer named in a complaint, or excluded by Kasi Tikkim, gets none
of its notices and may not act on it. Every officer-facing text and file asks this module.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Callable, Iterable, Protocol

from bot.channels import CHANNEL_LABELS
from bot.concealed import mask_typed_pin
from bot.delicate import fold
from bot.tickets import find_ticket
from bot.traces import (MASK, PIN_HIDDEN, hide_pins, mask_links, mask_phone,  # noqa: F401
                        redact_numbers, self_traces)

if TYPE_CHECKING:
    from bot.roster import Officer


class Mode(StrEnum):
    """How a complainant's identity is kept."""

    NAMED = "named"
    CONFIDENTIAL = "confidential"
    ANONYMOUS = "anonymous"


LEADERS = frozenset({"kasi_tikkim", "kepala_kantor"})   # may see a confidential identity
PHONE_CHANNELS = frozenset({"whatsapp", "sms", "telepon"})
HIDDEN = "🔒 dirahasiakan (hanya Kasi Tikkim dan Kepala Kantor, di chat pribadi)"
ANONYMOUS_LABEL = "Anonim (identitas tidak ditampilkan; balasan dikirim lewat bot)"


class HasIdentity(Protocol):
    """What the policy reads of a complaint (storage's Complaint satisfies it)."""

    identity_mode: str
    reporter_name: str | None
    type: str


class Person(Protocol):
    channel: str
    address: str


@dataclass(frozen=True)
class Audience:
    """Who reads a text: the officers' group, an officer in a private chat, or a file.

    `role` is the reader's roster role (None: the group, where any officer may read it, or a
    file that may travel: documents, exports). `private` is a private chat with the bot.
    """

    role: str | None = None
    private: bool = False
    officer_id: str | None = None

    @property
    def leader(self) -> bool:
        return self.private and self.role in LEADERS


GROUP = Audience()
FILE = Audience()


def private_chat(officer: "Officer") -> Audience:
    """The audience of an officer's private chat with the bot."""
    return Audience(role=officer.role, private=True, officer_id=str(officer.telegram_id))


def chat(officer: "Officer", private: bool) -> Audience:
    """The audience of an answer in the chat the officer wrote from."""
    return private_chat(officer) if private else GROUP


def complainant_actor(complainant_id: int | None) -> str:
    """How the audit trail names a complainant: by internal id, never by number."""
    return f"complainant:{complainant_id}" if complainant_id is not None else "complainant"


# --- choosing the mode -----------------------------------------------------------------------
def choose_mode(type_key: str, *, anonymous: bool, confidential: bool, named_openly: bool,
                sensitive_types: Iterable[str]) -> Mode:
    """The mode to file with: a sensitive type is never openly named unless explicitly chosen."""
    if anonymous:
        return Mode.ANONYMOUS
    if confidential:
        return Mode.CONFIDENTIAL
    if type_key in set(sensitive_types) and not named_openly:
        return Mode.CONFIDENTIAL
    return Mode.NAMED


def mode_after_retype(mode: str, new_type: str, sensitive_types: Iterable[str]) -> Mode:
    """An officer moved the complaint to another type: a named one becomes confidential when
    the new type is sensitive (the complainant never chose to be named on such a complaint)."""
    if Mode(mode) is Mode.NAMED and new_type in set(sensitive_types):
        return Mode.CONFIDENTIAL
    return Mode(mode)


def mode_of(complaint: HasIdentity) -> Mode:
    """The complaint's mode; an unknown or missing one fails closed (confidential)."""
    try:
        return Mode(complaint.identity_mode)
    except ValueError:
        return Mode.CONFIDENTIAL


def is_sensitive(complaint: HasIdentity, sensitive_types: Iterable[str]) -> bool:
    """Sensitive: story kept out of the group, handled in private chats."""
    return complaint.type in set(sensitive_types)


def held_for_slot(complaint: HasIdentity, sensitive_types: Iterable[str]) -> bool:
    """Whether the officers' group learns of the complaint only at the next alert slot
    (`bot.notify.alert_slot`; `bot.desk.privacy.released`): a sensitive one, and one whose
    complainant the group may not know (confidential or anonymous), whatever its type. Its
    alert at the minute of filing, seconds after the person's talk in the group ended, told
    every petugas who had filed the hidden complaint. A complaint filed by name whose
    complainant's data was erased since (`erased_from_name`) stays as the group knew it."""
    return is_sensitive(complaint, sensitive_types) or (
        mode_of(complaint) is not Mode.NAMED and not erased_from_name(complaint))


def anonymous_to_all(complaint: HasIdentity) -> bool:
    """Whether nobody in the office, the leaders included, learns a held complaint's minute
    of filing (`held_for_slot`): an anonymous one (not one made anonymous by an erasure,
    `erased_from_name`). The leaders read the officers' group too, where the same person's
    named alert or talk appeared a minute before: a private notice, a ping, a deadline or a
    reminder timed by the receipt tied the anonymous report to that person. They learn of it
    at its slot and read its times as of the slot, as everyone does; a confidential one they
    may tie to its complainant (they read the name anyway), and hear of at once."""
    return mode_of(complaint) is Mode.ANONYMOUS and not erased_from_name(complaint)


def erased_from_name(complaint: object) -> bool:
    """Whether an anonymous complaint was filed by name and made anonymous by an erasure
    (/hapusdata): its trail holds the erasure's line, written only on a complaint filed by
    name (`bot.desk.subjects.erase`). The group read its alert with the minute; holding it
    again made it vanish from /lihat until the slot."""
    return any(getattr(e, "action", None) == "erase" for e in getattr(complaint, "events", ()))


# --- who may see what ------------------------------------------------------------------------
def may_see_identity(complaint: HasIdentity, audience: Audience) -> bool:
    mode = mode_of(complaint)
    if mode is Mode.NAMED:
        return True
    if mode is Mode.CONFIDENTIAL:
        return audience.leader
    return False


def may_see_full_number(complaint: HasIdentity, audience: Audience) -> bool:
    """The unmasked number: a leader in a private chat who asked for it (/identitas)."""
    return mode_of(complaint) is not Mode.ANONYMOUS and audience.leader


class Named(Protocol):
    name: str | None
    profile_name: str | None


class Ticketed(HasIdentity, Protocol):
    ticket: str


def redact_person(text: str, complaints: Iterable[Ticketed], person: Named) -> str:
    """What a complainant wrote about a complaint, as a reader who may not know who wrote it
    reads it (`complainant_text`; never a talk's relay, which `redact_talk` and
    `redact_leaders_talk` mask): phone numbers and long ids (a NIK too) masked; for a person
    with a confidential or anonymous
    complaint, numbers and long ids removed whole, and its ticket, every name known of them
    (profile, given, and each word of it) and what says who they are whatever the bot knows
    (`self_traces`: a name they introduce themselves with, an e-mail address, a profile link
    or @username, a passport number)."""
    protected = [c for c in complaints if mode_of(c) is not Mode.NAMED]
    if not protected:
        return redact_numbers(text, ids=True)
    names = {n for c in protected for n in (c.reporter_name,) if n} | {
        n for n in (person.name, person.profile_name) if n}
    return _concealed(text, {c.ticket.split("-")[0] for c in protected}, names)


def redact_talk(text: str, complaints: Iterable[Ticketed], person: Named, office_code: str,
                shown: Callable[[str], bool] = lambda ticket: False) -> str:
    """What the officers' group reads of a person's talk (a relay), whoever the person is: as
    a concealed person's words (`redact_person`), with every name known of them (a named
    complaint's too) and every ticket of the office masked, but a ticket `shown` accepts (a
    named one whose alert the group read: officers still /lihat it). Never read from the
    person's complaints: a relay that began masking the name and tickets the day the person
    filed a confidential or anonymous complaint told the group, who had read that person's
    name beside the same code, that they had."""
    names = {n for c in complaints for n in (c.reporter_name,) if n} | {
        n for n in (person.name, person.profile_name) if n}
    return _concealed(text, {office_code}, names, shown)


def redact_leaders_talk(text: str, complaints: Iterable[Ticketed], person: Named,
                        office_code: str) -> str:
    """What the leaders' private copy of a talk only they answer carries of a person's
    message: masked as the group's copy of any talk is (`redact_talk`), every ticket of the
    office included, whoever the person is and whatever they have filed, before or since.

    A leader may know a confidential complainant (`/identitas`); nobody may know an anonymous
    one. A copy that showed a named person's name, numbers and tickets and began masking them
    the day the person filed a confidential or anonymous complaint told the leaders, who had
    read "Rina" beside that code, that she had filed one, and which (their private notice of a
    sensitive complaint came that minute); from a change alone they cannot tell a confidential
    filing from an anonymous one, so no rule read from the modes of the person's complaints
    is safe. So the mask never depends on them: no name known of the person (the names they
    gave on filing, their profile name), no number or long id (removed whole: a leader who may
    know a confidential complainant asks for the number with /identitas), nothing that says who
    they are (`self_traces`), and no ticket of the office, not even a named one: that one ticket
    stayed and another went would tell the kind of the other. The copy's heading names the
    tickets the leaders may know (`bot.notify.leaders_tickets`)."""
    return redact_talk(text, complaints, person, office_code)


def _concealed(text: str, codes: Iterable[str], names: Iterable[str],
               shown: Callable[[str], bool] = lambda ticket: False) -> str:
    """`text` with numbers and long ids removed whole, the tickets of `codes` (but those
    `shown` accepts), what says who wrote it (`self_traces`) and every word of `names`
    masked."""
    text = hide_pins(text)        # before the numbers: a coordinate is no phone number
    text = mask_links(text)      # and a wa.me/62812… link goes whole, not as a number
    # Removed whole, not masked: the prefix and last four digits of a number a concealed
    # person types (mostly their own sending number) let an officer who suspects someone
    # confirm it, as the story's "wa ••••" already prevents (`complainant_text`). The relay's
    # one text serves the group and the leaders alike; a leader who may know a confidential
    # complainant asks for the number with /identitas.
    text = redact_numbers(text, ids=True, whole=True)
    for code in set(codes):
        # every ticket of the office, not only this complaint's: "sama kayak TRK-… kemarin"
        # names their other complaint, perhaps a named one, and links the two
        def masked(match: re.Match[str], code: str = code) -> str:
            ticket = find_ticket(match.group(0), code)
            return match.group(0) if ticket and shown(ticket) else code + "-" + MASK
        text = re.sub(rf"(?<![A-Za-z0-9]){re.escape(code)}[\s\-_.]?[0-9A-Za-z]{{4}}"
                      rf"[\s\-_.]?[0-9A-Za-z]{{4}}(?![A-Za-z0-9])", masked, text,
                      flags=re.IGNORECASE)
    # a profile "PT Borneo Timber" says nothing of them; what they write may
    text = self_traces(text)
    names = set(names)
    parts = {w for n in names for w in re.findall(r"\w{3,}", n)}
    for part in sorted(names | parts, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", MASK, text, flags=re.IGNORECASE)
    return text


@dataclass(frozen=True)
class _Nobody:
    name: str | None = None
    profile_name: str | None = None


def typed_pins(text: str, ticket: str) -> str:
    """A PIN a person typed into their own words masked, as the message log masks it: one
    after the word PIN, and every 6-digit run (split or not) in a text naming one of the
    office's tickets. Someone checking an earlier complaint in the middle of writing a new
    story ("tiket saya TRK-… pin 304 290") adds the line to the story; officers must not read
    it (whoever holds a ticket and its PIN reads its status)."""
    code = ticket.split("-")[0] if ticket else ""
    return mask_typed_pin(text, ticketed=bool(code) and find_ticket(text, code) is not None)


def complainant_text(text: str | None, complaint: Ticketed, person: Named | None,
                     audience: Audience, *, full_numbers: bool = False) -> str:
    """What a complainant wrote about their complaint (the story, the place and time in their
    words, the party reported, the outcome wanted) as this audience may read it. People write
    "nama saya …, hp 0812…" into a story, so the story obeys the identity policy like the
    "Pelapor" line: phone numbers are masked for every officer and left out of files entirely;
    where the reader may not know who complained (the group and other officers for a
    confidential complaint, everyone for an anonymous one, files for either), numbers and long
    ids are left out whole, and every name known of the complainant and the ticket are masked
    (as `redact_person`).

    `full_numbers`: `/identitas`, a leader's logged look at who complained, shows the numbers
    written in the story whole too (a broker's number is the lead to trace him), where the
    reader may see the identity anyway."""
    if not text:
        return text or ""
    text = typed_pins(text, complaint.ticket)
    if may_see_identity(complaint, audience):
        # files carry no number, not even masked, and no shared location; officers read the
        # number masked
        if audience is FILE:
            return redact_numbers(hide_pins(text), whole=True)
        return text if full_numbers else redact_numbers(text)
    # not even a masked number (its last digits) where the identity is concealed
    return redact_person(redact_numbers(hide_pins(text), ids=True, whole=True), [complaint],
                         person or _Nobody())


def contact(person: Person | None, full: bool = False) -> str:
    """A person's channel and address as an officer may read it: numbers masked unless `full`;
    a Telegram chat id never (officers answer through the bot)."""
    if person is None:
        return "tanpa kontak"
    label = CHANNEL_LABELS.get(person.channel, person.channel)
    if person.channel == "telegram":
        return f"{label} (id {person.address})" if full else label
    if person.channel in PHONE_CHANNELS:
        return f"{label} {person.address if full else mask_phone(person.address)}"
    return label


def log_address(channel: str | None, address: str | None) -> str:
    """An address as a process log may name it: a number masked (+62 812-••••-0001), a
    Telegram chat id by its last 3 digits, a web chat's address by a short prefix of its hash;
    never whole, whatever its length (the log redactor only knows runs of 9 digits or more, and
    Telegram's oldest accounts have 7 or 8)."""
    address = str(address or "")
    if channel in PHONE_CHANNELS:
        return mask_phone(address)
    if channel == "web":
        return "web:" + address[:6] + "…"
    digits = re.sub(r"\D", "", address)
    return ("-" if address.startswith("-") else "") + MASK + digits[-3:] if digits else MASK


def channel_of(person: Person | None) -> str:
    """A person's channel alone, with no address (audit trails, anonymous complainants)."""
    if person is None:
        return "tanpa kontak"
    return CHANNEL_LABELS.get(person.channel, person.channel)


def reach(complaint: HasIdentity, person: Person | None, audience: Audience) -> str:
    """Where a message to the complainant went, as this audience may read it: the masked
    number only for a reader who may see the identity, else the channel alone."""
    if person is not None and may_see_identity(complaint, audience):
        return contact(person)
    return channel_of(person)


def shown_name(name: str | None, *, full: bool = False, in_file: bool = False) -> str | None:
    """A complainant's name as recorded, for a reader who may see it. An officer types it with
    /catat as the caller gave it, and a number can stay in it ("Ahmad / 0852…", "Ahmad NIK
    6471…"): masked like any number an officer reads (whole only with `full`, /identitas),
    left out of files, which never carry a number."""
    if not name or full:
        return name
    if in_file:
        return " ".join(redact_numbers(name, ids=True, whole=True).split())
    return redact_numbers(name, ids=True)


def reporter(complaint: HasIdentity, person: Person | None, audience: Audience, *,
             full_number: bool = False) -> str:
    """The "Pelapor" line for this audience."""
    if not may_see_identity(complaint, audience):
        if mode_of(complaint) is Mode.ANONYMOUS:
            return ANONYMOUS_LABEL
        return HIDDEN
    full = full_number and may_see_full_number(complaint, audience)
    name = shown_name(complaint.reporter_name, full=full) or "(tanpa nama)"
    note = " [RAHASIA]" if mode_of(complaint) is Mode.CONFIDENTIAL else ""
    return f"{name} ({contact(person, full)}){note}"


REFERENCE_HIDDEN = {
    Mode.CONFIDENTIAL: f"{MASK} (disimpan; menunjukkan siapa pelapornya: hanya Kasi Tikkim dan "
                       "Kepala Kantor, di chat pribadi)",
    Mode.ANONYMOUS: f"{MASK} (disimpan; menunjukkan siapa pelapor anonim ini, tidak ditampilkan)",
}


def reference(complaint: HasIdentity, audience: Audience) -> str | None:
    """A passport application or stay permit number as this audience may read it: it names its
    holder (any officer can look it up in the immigration system), so it follows the identity
    table: whole for a reader who may see the identity, masked for everyone else."""
    value = getattr(complaint, "reference_number", None)
    if not value or may_see_identity(complaint, audience):
        return value
    return REFERENCE_HIDDEN[mode_of(complaint)]


def tracking(complaint: HasIdentity, audience: Audience) -> str | None:
    """A LAPOR! or SIPENSIKIM tracking id as this audience may read it: whoever can open that
    system (the office has its accounts) finds there who reported, so it follows the identity
    table like an application number."""
    value = getattr(complaint, "external_id", None)
    if not value or may_see_identity(complaint, audience):
        return value
    return REFERENCE_HIDDEN[mode_of(complaint)]


def file_tracking(complaint: HasIdentity) -> str | None:
    """The tracking id as documents and exports carry it: only for an openly named complaint
    (files travel, and a concealed complainant is found through it)."""
    value = getattr(complaint, "external_id", None)
    return value if value and mode_of(complaint) is Mode.NAMED else None


# Tracking ids written into append-only trail notes while a complaint was openly named: the
# filing note (bot/desk/intake.py) and a /catat correction's old value
# (bot/desk/corrections.py). Should the complaint be concealed later (/jenis to a sensitive
# type), they are left out where the trail is read.
_TRAIL_TRACKING = (re.compile(r"( \(nomor pelacakan )(?!tersimpan\))[^)]*(\))"),
                   re.compile(r"^(Koreksi pencatatan: nomor pelacakan)( )\(sebelumnya: [^)]*\)"))


# A follow-up's line names the talk-to-officer request it went through ("… (lewat permintaan
# P-12)", bot/conversation/officer.py). The code is the person: the group's notice of a talk
# prints it beside the name and last ticket of someone whose complaints are all named, and
# what they write in an ordinary talk before they have a concealed complaint reaches the group
# unmasked, so in the trail of a confidential or anonymous complaint it would name its
# complainant; and a talk that reported a levy or an officer's conduct is the leaders' alone,
# whose handle nobody else reads (the officer it reports may be the reader): its own code,
# R-<request id> (`bot.notify.talk_code`), hidden alike. So is the code the group reads for the
# talk of a person with a concealed complaint (`bot.notify.group_code`: T-<n>, or the ticket a
# /balas asked on): what they wrote in that talk reached the group.
_TRAIL_REQUEST = re.compile(r"\(lewat permintaan (?:[PRT]-\d+|[A-Z]{2,6}-[0-9A-Z]{4}-[0-9A-Z]{4})\)")
TRAIL_REQUEST_HIDDEN = "(lewat permintaan bicara dengan petugas)"


# The code a follow-up's line names for a talk only the leaders answer (`bot.notify.talk_code`,
# written by bot/conversation/officer.py): a talk held for a complaint's slot, or one that
# reported a levy or an officer's conduct.
_LEADERS_TRAIL = re.compile(r"\(lewat permintaan R-\d+\)")


def in_trail(event: object, audience: Audience) -> bool:
    """Whether this reader reads the trail line at all: a line from a talk only the leaders
    answer is theirs alone (a leader in a private chat). Its code masked was not enough: after
    an anonymous complaint's slot the group read "Pelapor mengirim keterangan …" from the talk
    only the leaders had before it, and on a named complaint a line of a talk the group never
    had a notice of says its author reported a levy or an officer."""
    return audience.leader or not _LEADERS_TRAIL.search(getattr(event, "note", None) or "")


def names_request(complaint: HasIdentity, audience: Audience) -> bool:
    """Whether this reader may read the code of a talk-to-officer request in the complaint's
    trail: a leader in a private chat who may see who complained. Nobody else: whether the
    talk was one only the leaders answer (a levy or an officer's conduct reported in it, which
    the group's notice of it gives no code for) is not on the complaint, and those who answer
    in the group have the talk's own notice; files never carry it."""
    return audience.leader and may_see_identity(complaint, audience)


def talk_moment(event: object) -> bool:
    """A complainant's own line in the trail after filing: a follow-up
    (`bot/conversation/officer.py`) or a rating whose comment went to the officers as one. Each
    happened in a talk whose notice and relayed lines the officers' group read at that minute
    (`Notifier.officer_requested`, `person_wrote`), so its minute ties the talk to the
    complaint."""
    return (getattr(event, "actor_role", None) == "complainant"
            and getattr(event, "from_stage", None) is not None)


def trail_note(event: object, complaint: HasIdentity, audience: Audience) -> str:
    """An audit note as this audience may read it: a tracking id in it only for a reader who
    may see who complained (the rule of `tracking`; `FILE` for documents); the code of a
    talk-to-officer request only for a reader `names_request` allows (never in a file)."""
    note = getattr(event, "note", None) or ""
    if not names_request(complaint, audience):
        note = _TRAIL_REQUEST.sub(TRAIL_REQUEST_HIDDEN, note)
    if may_see_identity(complaint, audience) or "pelacakan" not in note:
        return note
    filed, corrected = _TRAIL_TRACKING
    return corrected.sub(r"\1", filed.sub(r"\1tersimpan\2", note))


# A sensitive complaint's channel where its reader may be the officer it is about (the
# register's rule, bot/paperwork/recap.py): channel and minute of receipt point at who was at
# the counter or wrote at 21:47.
CONCEALED_CHANNEL = "Dirahasiakan"
_FILED_CHANNEL = re.compile(r"^((?:Pengaduan diterima|Diterima)|Dicatat oleh .+?) "
                            r"(?:melalui|dari kanal) [^()—]+?(?=\s*(?:\(|—|$))")


def conceals_receipt(complaint: HasIdentity, sensitive_types: Iterable[str],
                     audience: Audience) -> bool:
    """Whether this reader sees a complaint's channel and receipt time only as "Dirahasiakan"
    and a date: everyone but a leader in a private chat (files too, which travel), as the
    register shows it, for every complaint whose alert waits for its slot (`held_for_slot`:
    a sensitive one, a confidential or anonymous one). A /lihat, a register row or a document
    that gave the minute and channel the held alert hides would tie the complaint to the talk
    the group read at that minute. An anonymous one's hides them from the leaders too
    (`anonymous_to_all`)."""
    return held_for_slot(complaint, sensitive_types) and (
        not audience.leader or anonymous_to_all(complaint))


def without_channel(note: str) -> str:
    """A filing note of the trail without the channel it names ("Pengaduan diterima melalui
    WhatsApp" -> "Pengaduan diterima"; "Dicatat oleh … dari kanal Telepon (…)" -> "Dicatat
    oleh … (…)")."""
    return _FILED_CHANNEL.sub(r"\1", note)


def file_label(complaint: HasIdentity) -> str:
    """The complainant as documents and exports name them (files travel: never a number)."""
    mode = mode_of(complaint)
    if mode is Mode.ANONYMOUS:
        return "Anonim"
    if mode is Mode.CONFIDENTIAL:
        return "Dirahasiakan"
    return shown_name(complaint.reporter_name, in_file=True) or "(tidak disebutkan)"


SENSITIVE_SUMMARY = "(pengaduan sensitif: uraian hanya pada berkas pengaduannya)"


def file_summary(complaint: HasIdentity, summary: str, sensitive_types: Iterable[str]) -> str:
    """A story as exports carry it: a sensitive complaint's story stays out of the file."""
    return SENSITIVE_SUMMARY if is_sensitive(complaint, sensitive_types) else summary


class Traceable(Named, Person, Protocol):
    """A complainant as a file could betray them: names, channel and address."""


@dataclass(frozen=True)
class FileTraces:
    """What a file about a complaint may never carry, whoever reads it (files travel)."""

    names: tuple[str, ...]
    numbers: tuple[str, ...]       # digits: a phone number's national part, a chat id

    def _patterns(self) -> list[re.Pattern[str]]:
        """Names in any case and spacing; numbers in any spelling (spaces, dots, dashes and
        brackets between the digits)."""
        found = [re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)",
                            re.IGNORECASE) for name in self.names]
        return found + [re.compile(r"[\s.\-()/]*".join(number)) for number in self.numbers]

    def found_in(self, text: str) -> bool:
        return any(pattern.search(text) for pattern in self._patterns())

    def scrub(self, text: str) -> str:
        """`text` with each of them masked (free text an officer typed for a file)."""
        for pattern in self._patterns():
            text = pattern.sub(MASK, text)
        return text


def file_traces(complaint: HasIdentity, person: Traceable | None) -> FileTraces:
    """A file (document, register, an officer's upload) carries the name of an openly named
    complainant at most: never a number or a Telegram chat id, never a profile name nobody
    chose as their name, and no name at all unless openly named (README, "Privacy")."""
    named = mode_of(complaint) is Mode.NAMED
    given = {n for n in (complaint.reporter_name, person.name if person else None) if n}
    names = set() if named else set(given)
    if person is not None and person.profile_name and (
            not named or not _within(person.profile_name, given)):
        names.add(person.profile_name)
    numbers = []
    if person is not None and person.channel in PHONE_CHANNELS | {"telegram"}:
        digits = re.sub(r"\D", "", person.address)
        if person.channel != "telegram":
            digits = re.sub(r"^(?:62|0)", "", digits)     # the national part, however written
        if len(digits) >= 7:
            numbers.append(digits)
    folded = {" ".join(n.split()) for n in names}
    return FileTraces(tuple(sorted((n for n in folded if len(n) >= 3), key=len, reverse=True)),
                      tuple(numbers))


def _within(profile: str, given: Iterable[str]) -> bool:
    """Whether every word of a profile name is a word of a name the person gave openly
    ("Budi" of "Budi Santoso"): it tells nothing a file may not say. A file naming the open
    name carries it anyway, and was refused as carrying an identity."""
    words = {w.casefold() for n in given for w in re.findall(r"\w+", n)}
    said = [w.casefold() for w in re.findall(r"\w+", profile)]
    return bool(said) and all(w in words for w in said)


def officers_text_in_file(text: str | None, complaint: Ticketed,
                          person: Traceable | None) -> str | None:
    """What an officer wrote (a step's note, the examination, the follow-up) as a file carries
    it: officers name the person they called and quote the number, so no number at all, and
    no name but an openly named complainant's (`file_traces`)."""
    if not text:
        return text
    said = complainant_text(text, complaint, person, FILE)   # a passport number, too, if concealed
    return file_traces(complaint, person).scrub(said)


def forgetting(names: Iterable[str | None], channel: str | None,
               address: str | None) -> Callable[[str], str]:
    """How the words of an erased (or anonymised) person are kept: every name known of them
    (whole, and each word of three letters or more, any case), their number or chat id in any
    spelling (and as officers read it masked, "+62 812-••••-0001", whose last digits stay), every
    other phone number, and what says who they are whatever the bot knew (`self_traces`: a name
    they introduced themselves with, an e-mail address, a profile link, a passport number) are
    masked. The complaint stays; nothing in its story, place, time, outcome wanted or rating
    comment, nor in the officers' copies about it, may still name or reach them (people write
    "nama saya …, hp 0812…" into a story, and once the names are erased nobody could mask them
    any more)."""
    given = {" ".join(n.split()) for n in names if n and n.strip()}
    words = {w for n in given for w in re.findall(r"\w{3,}", n)}
    patterns = [re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, n.split())) + r"(?!\w)",
                           re.IGNORECASE) for n in sorted(given | words, key=len, reverse=True)]
    digits = re.sub(r"\D", "", address or "")
    if channel in PHONE_CHANNELS and len(re.sub(r"^0", "62", digits)) >= 9:
        patterns.append(re.compile(re.escape(mask_phone(digits))))
    if channel in PHONE_CHANNELS:
        digits = re.sub(r"^(?:62|0)", "", digits)     # the national part, however written
    if len(digits) >= 7:
        patterns.append(re.compile(r"(?:\+?62|0)?[\s.\-()/]*" + r"[\s.\-()/]*".join(digits)))

    def forget(text: str) -> str:
        text = hide_pins(text)           # where they shared their location from: their home
        for pattern in patterns:
            text = pattern.sub(MASK, text)
        return self_traces(redact_numbers(text, ids=True, whole=True))
    return forget


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def anonymised(text: str, names: Iterable[str | None], channel: str | None,
               address: str | None) -> str:
    """A complainant's words with nothing left that says who they are, for readers outside
    the office (NLU training examples): as `forgetting`, and e-mail addresses masked whole
    (`forgetting` keeps the mail provider's name after the @)."""
    return forgetting(names, channel, address)(_EMAIL.sub(MASK, text))


def document_fields(complaint: HasIdentity) -> dict[str, object]:
    """The complainant fields of a document's dossier: the name only when openly named."""
    mode = mode_of(complaint)
    return {"complainant_name": (shown_name(complaint.reporter_name, in_file=True)
                                 if mode is Mode.NAMED else None),
            "anonymous": mode is Mode.ANONYMOUS, "confidential": mode is Mode.CONFIDENTIAL}


def mode_label(mode: str) -> str:
    return {"named": "Terbuka", "confidential": "Dirahasiakan",
            "anonymous": "Anonim"}[Mode(mode).value]


# --- conflict of interest ---------------------------------------------------------------------
def named_officers(reported_party: str | None, roster: Iterable["Officer"]) -> list["Officer"]:
    """Roster officers the complaint names: their full name (any case, accents, punctuation)
    or their NIP appears in the reported party."""
    if not reported_party:
        return []
    said = fold(reported_party)
    digits = re.sub(r"\D", "", reported_party)
    found = []
    for officer in roster:
        name = fold(officer.name)
        nip = re.sub(r"\D", "", officer.nip or "")
        if (len(name.strip()) >= 3 and name in said) or (nip and nip in digits):
            found.append(officer)
    return found


def recipients(officers: Iterable["Officer"], excluded: Iterable[str]) -> list["Officer"]:
    """The officers who may be told about a complaint (the excluded ones dropped)."""
    out = set(excluded)
    return [o for o in officers if str(o.telegram_id) not in out]
