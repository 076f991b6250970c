"""Data-subject requests (UU 27/2022), answered by Kasi Tikkim in a private chat and recorded:
`/datapribadi KODE` sends everything held about a person (JSON and PDF); `/hapusdata KODE
alasan` shows what would be erased, and `/hapusdata KODE YAKIN alasan` erases it.

KODE is a ticket, the person's phone number, or, for a person whose talk is the leaders' own
(`Notifier.talk_for_leaders`), the talk's code (R-45, `notify.talk_code`). A person's P-code
reads as a code nobody has, for everyone (as /pesan answers it: `message.refuse_person_code`):
refused only for a person with a confidential or anonymous complaint, it told who had one. An
officer
kept away from any of the person's complaints (conflict of interest) neither exports nor erases
their data; when Kasi Tikkim is, the Kepala Kantor answers the request instead.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from bot import identity
from bot.conversation import consent
from bot.desk.message import refuse_person_code
from bot.desk.privacy import CONFLICT
from bot.desk.requests import (TALK_CODE, DeskAnswer, DeskContext, Later,
                               OfficerRequest, leaders_talk)
from bot.notify import PUSH_CHANNELS
from bot.paperwork import subject_export
from bot.rich import Rich
from bot.sop.workflow import Refused, Role, check_role, role_of
from bot.tickets import find_ticket
from storage import subjects as stored_subjects
from storage.models import DataRequest, StageEvent

if TYPE_CHECKING:
    from bot.config import Officer
    from bot.paperwork.outfiles import OutFile
    from storage.repo import Unit

_CODE = re.compile(r"^[Pp]-?(\d{1,12})$")
CONFIRM = "YAKIN"
USAGE = ("Cara pakai: /datapribadi TIKET|R-NOMOR|NOMOR-TELEPON, atau /hapusdata "
         "TIKET|R-NOMOR|NOMOR-TELEPON alasan (chat pribadi, Kasi Tikkim).")


def _check(officer: "Officer", request: OfficerRequest) -> None:
    if role_of(officer) is not Role.KEPALA_KANTOR:   # the Kepala may stand in: `_may_handle`
        check_role(officer, "subject")
    if not request.private:
        raise Refused("Permintaan data pribadi hanya dilayani di chat pribadi dengan bot.")


ALL_COMPLAINTS = 10_000
# As /identitas and /lihat refuse an officer kept away (never why: that would tell them the
# complaint is about them), with who answers the request instead.
KEPT_AWAY = ("Anda tidak memiliki akses ke {code}. Percobaan ini dicatat. Permintaan data "
             "pribadi ini ditangani {other}.")


def _kept_away(desk: DeskContext, unit: "Unit", officer: "Officer", ids: list[int]) -> bool:
    """The officer is kept away from one of these people's complaints (conflict of interest):
    their data, name and number included, is not for them."""
    complaints = [c for i in ids for c in unit.complaints_of(i, limit=ALL_COMPLAINTS)]
    return str(officer.telegram_id) in desk.notifier.kept_away(unit, complaints)


def _stands_in(desk: DeskContext, unit: "Unit", officer: "Officer", ids: list[int]) -> bool:
    """The Kepala Kantor answers for Kasi Tikkim when every Kasi Tikkim on the roster is kept
    away from one of these people's complaints."""
    kasi = [o for o in desk.config.roster if role_of(o) is Role.KASI_TIKKIM]
    return (role_of(officer) is Role.KEPALA_KANTOR and bool(ids) and bool(kasi)
            and all(_kept_away(desk, unit, o, ids) for o in kasi))


def _may_handle(desk: DeskContext, unit: "Unit", officer: "Officer", ids: list[int],
                shown: str) -> None:
    """Refused for an officer kept away from one of the people's complaints, and for the
    Kepala Kantor unless standing in for Kasi Tikkim (`_check` has let the Kepala through)."""
    if _kept_away(desk, unit, officer, ids):
        other = "Kasi Tikkim" if role_of(officer) is Role.KEPALA_KANTOR else "Kepala Kantor"
        raise Refused(KEPT_AWAY.format(code=shown, other=other), detail=f"{shown}: {CONFLICT}")
    if role_of(officer) is Role.KEPALA_KANTOR and not _stands_in(desk, unit, officer, ids):
        check_role(officer, "subject")


def _typed(request: OfficerRequest) -> str:
    """The ticket or code as typed: a refusal names no other code for a ticket (an anonymous
    ticket is never linked to the code the group reads)."""
    return request.args.strip().partition(" ")[0].upper()


def _handled_by(desk: DeskContext, unit: "Unit", officer: "Officer", ids: list[int]) -> list[int]:
    """Of the people at a number, those this officer may answer for. The others are left out
    silently, as if the number had never written (`ASK_OWNER` is the same answer): the officer
    a whistleblower reported must not learn from the owner's reply that the number is theirs,
    nor have the bot ask the whistleblower on their behalf."""
    kept = [i for i in ids if not _kept_away(desk, unit, officer, [i])]
    if role_of(officer) is not Role.KEPALA_KANTOR:
        return kept
    standing_in = [i for i in kept if _stands_in(desk, unit, officer, [i])]
    if not standing_in:
        check_role(officer, "subject")
    return standing_in


ANONYMOUS_BY_NUMBER = (
    "Pelapor {code} mengirim pengaduan anonim: identitasnya tidak dibuka lewat tiket atau kode "
    "pelapor. Minta pemohon menyebutkan nomor WhatsApp/SMS atau akun Telegram yang dipakai "
    "saat mengadu, lalu: /{command} NOMOR.")
# Said with every export by a handle an officer can read (a ticket, an R-code, a P-code),
# whoever the person is: a refusal or a different count for a person who had also filed
# anonymously told a leader who had read that handle beside a name that they had.
BY_HANDLE = (
    "Salinan lewat tiket atau kode memuat pengaduan yang dapat dibuka lewat {code} beserta "
    "pesan dan lampirannya, serta data identitas pemohon. Salinan lengkap (semua pesan dan "
    "percakapan) hanya lewat nomor WhatsApp/SMS atau akun Telegram yang dipakai saat mengadu, "
    "dengan persetujuan pemiliknya: /datapribadi NOMOR.")


# A number as people write it: "+62 812-3457-1001", "0812 3457 1001", "(0812) 34571001".
_NUMBER = re.compile(r"^\s*(\+?\(?\d[\d\s\-.()]*\d)(?=\s|$)(.*)$", re.S)


def split_number(args: str) -> tuple[str, str] | None:
    """(the number or account id given first, the rest), or None when it is not one."""
    found = _NUMBER.match(args)
    if found is None or len(re.sub(r"\D", "", found.group(1))) < 9:
        return None
    return found.group(1), found.group(2).strip()


def by_number(args: str) -> bool:
    """The person was named by their number or account (what the requester gave), not by a
    ticket or a P-code (what officers can read)."""
    return not _CODE.match(args.strip().partition(" ")[0]) and split_number(args) is not None


# Said with every erasure by a handle, whoever the person is (as `BY_HANDLE` with an export):
# the evidence of a complaint the group reads concealed goes by its own ticket or the number.
# "1 berkas bukti TRK-A dihapus" of the file of the same person's anonymous complaint (and that
# complaint's evidence gone at the minute of TRK-A's erase line) tied the two.
ERASE_BY_HANDLE = (
    "Lewat tiket atau kode, berkas bukti yang dihapus hanya milik pengaduan yang dapat dibuka "
    "lewat {code}. Berkas bukti lainnya dihapus lewat tiketnya sendiri, atau lewat nomor "
    "WhatsApp/SMS atau akun Telegram yang dipakai saat mengadu, dengan persetujuan pemiliknya: "
    "/hapusdata NOMOR alasan.")


ASK_OWNER = (
    "📨 Permintaan lewat nomor telepon atau akun Telegram perlu persetujuan pemiliknya: bila "
    "nomor/akun itu pernah menghubungi bot, bot menanyakannya ke sana (berlaku {hours} jam) dan "
    "Anda diberi tahu di sini saat pemiliknya menjawab. Setelah ia menyetujui, kirim lagi "
    "perintah yang sama. Jawaban ini sama untuk setiap nomor, tercatat atau tidak: siapa pun "
    "yang meminta tidak mengetahui dari bot apakah nomor itu pernah mengadu. WhatsApp menahan "
    "pesan bot ke nomor yang tidak menulis ke bot dalam 24 jam terakhir: minta pemohon mengirim "
    "pesan apa saja ke bot dari nomor itu lebih dulu.")
ERASE_BY_NUMBER = (
    "Penghapusan lewat nomor perlu persetujuan pemiliknya. Kirim: /hapusdata NOMOR {confirm} "
    "alasan: bot menanyakannya ke nomor/akun itu (bila pernah menghubungi bot), dan setelah "
    "pemiliknya menyetujui, kirim lagi perintah itu untuk menghapus.")


def _owners(unit: "Unit", args: str) -> list[int]:
    """The people at the number or account given (none: not an error, see `ASK_OWNER`)."""
    given = split_number(args)
    digits = re.sub(r"\D", "", given[0]) if given else ""
    national = "62" + digits[1:] if digits.startswith("0") else digits
    return unit.complainants_at(["+" + national, national])


def _agreed(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
            kind: str, reason: str | None, now: dt.datetime, ask: bool = True) -> list[int]:
    """Of the people at the number given, those whose owner answered SETUJU to this kind of
    request (bot/conversation/consent.py). When none has, the request is put to each of them
    that is not already asked (`ask`), and the caller answers `ASK_OWNER`, whatever was found.
    People this officer may not answer for are left out (`_handled_by`)."""
    ids = _handled_by(desk, unit, officer, _owners(unit, request.args))
    held = {i: unit.data_requests_of(i) for i in ids}
    standing = {i: consent.standing(held[i], kind, now) for i in ids}
    agreed = [i for i in ids if standing[i] == "agreed"]
    if agreed or not ask:
        return agreed
    other = {"export": "erase", "erase": "export"}[kind]
    for person_id in ids:
        # one question at a time: a SETUJU must answer the request the person read
        waiting = consent.standing(held[person_id], other, now) == "asked"
        found = unit.complainant_identity(person_id) \
            if standing[person_id] == "none" and not waiting else None
        if found is None or found[0] not in PUSH_CHANNELS:
            continue
        channel, address, lang = found
        consent.ask(unit, person_id=person_id, channel=channel, address=address, lang=lang,
                    kind=kind, officer_id=str(officer.telegram_id),
                    officer_role=officer.role, reason=reason, office=desk.config.office.name,
                    now=now, template=desk.config.whatsapp_templates.get("data_request"))
    return []


def _ask_owner(kind: str) -> DeskAnswer:
    return DeskAnswer(True, Rich().t(ASK_OWNER.format(hours=consent.HOURS)),
                      log_detail=f"persetujuan pemilik nomor diminta ({kind})")


def find(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
         ) -> tuple[list[int], str, str]:
    """(ids of the people meant, the code to show, the rest of the text) or Refused.

    R-N, the code of a talk only the leaders answer, names its person (`leaders_talk`: Kasi
    Tikkim and the Kepala Kantor in a private chat, not kept away); a P-code reads word for
    word as a code nobody has, for everyone (`message.refuse_person_code`; the log keeps why):
    refused for a person with an anonymous complaint only, Bu Rina's P-1 tied her to it (the
    export's count, the erasure's preview, the export's refusal "only by the number")."""
    first, _, rest = request.args.strip().partition(" ")
    talk = TALK_CODE.match(first)
    if talk:
        person, why = leaders_talk(desk, unit, officer, request, int(talk.group(1)))
        if person is None:
            raise Refused(f"Pelapor {first.upper()} tidak ditemukan.",
                          detail=f"{first.upper()}: {why}")
        return [person.id], f"R-{talk.group(1)}", rest.strip()
    if _CODE.match(first):
        refuse_person_code(f"Pelapor {first.upper()} tidak ditemukan.", first)
    ticket = find_ticket(first, desk.config.office.code)
    if ticket:
        complaint = unit.complaint_by_ticket(ticket)
        if complaint is None:
            raise Refused(f"Tiket {ticket} tidak ditemukan.")
        if complaint.complainant_id is None:
            raise Refused(f"Pengaduan {ticket} tidak menyimpan kontak pelapor: tidak ada data "
                          "pribadi lain selain yang tertulis pada pengaduannya.")
        # named as asked, whoever filed it: a P-code for some people and the ticket for
        # those with a confidential or anonymous complaint told which were which
        return [complaint.complainant_id], ticket, rest.strip()
    digits = re.sub(r"\D", "", first)
    if len(digits) >= 9:
        national = "62" + digits[1:] if digits.startswith("0") else digits
        found = unit.complainants_at(["+" + national, national])
        if not found:
            raise Refused(f"Tidak ada data untuk nomor {identity.mask_phone(national)}.")
        return found, "NOMOR", rest.strip()
    raise Refused(USAGE)


def _record(unit: "Unit", officer: "Officer", person_id: int, kind: str, reason: str | None,
            now: dt.datetime) -> None:
    unit.record_data_request(DataRequest(complainant_id=person_id, kind=kind,
                                         officer_id=str(officer.telegram_id),
                                         officer_role=officer.role, reason=reason, at=now))


INTERNAL_NOTE = "(catatan internal petugas: tidak termasuk data pribadi pelapor)"
# What the office holds about its own work on a complaint, not about the person: who handles
# it, and the officers' notes in the trail (which officer was kept away and why, what an
# examination found about a colleague, a sanction). The steps, their times and the handling
# role stay; so do the notes the person wrote themselves (filing, rating).
INTERNAL_FIELDS = ("assigned_to",)


# Who answered a talk-to-officer request is an officer's Telegram id: the person learns that an
# officer answered, and when, not which one.
ANSWERED_BY = "petugas"


def theirs(person: dict[str, Any]) -> dict[str, Any]:
    """A person's export without other people's data: officers' notes and names left out, the
    officer who answered a talk-to-officer request named only as "petugas", and of the
    notifications only those sent to the person (the officers' group and the leaders' private
    chats read about them too: those rows name the officers' chats, and are the office's
    messages to its officers, not to the person)."""
    complaints = []
    for complaint in person["complaints"]:
        kept = {k: v for k, v in complaint.items() if k not in INTERNAL_FIELDS}
        kept["events"] = [e if e.get("actor") == "pelapor" or not e.get("note")
                          else {**e, "note": INTERNAL_NOTE} for e in complaint["events"]]
        complaints.append(kept)
    who = person["complainant"]
    own = (who.get("channel"), who.get("address"))
    return {**person, "complaints": complaints,
            "notifications": [n for n in person["notifications"]
                              if (n.get("channel"), n.get("address")) == own],
            "contact_requests": [{**r, "answered_by": ANSWERED_BY if r.get("answered_by")
                                  else None} for r in person["contact_requests"]]}


# Keys that are the office's row numbers, or a provider's message id: the copy goes out of the
# office, where they would count its records and tie one person's exports to each other. What
# names a thing to the person stays (the ticket); the LAPOR!/SIPENSIKIM number they may know
# is kept under another name. In the conversation kept between messages, the rows its data
# points at (a draft's attachments, a talk followed up, a data request being agreed to).
RENAMED = {"external_id": "external_reference"}
CONVERSATION_ROWS = frozenset({"attachments", "request", "ask"})


def _row_key(key: str) -> bool:
    return key == "id" or key.endswith("_id")


def _without(value: Any, rows: frozenset[str] = frozenset()) -> Any:
    """`value` without the keys that hold row ids (and `rows`), at every depth."""
    if isinstance(value, dict):
        return {RENAMED.get(k, k): _without(v, rows) for k, v in value.items()
                if k in RENAMED or not (_row_key(k) or k in rows)}
    if isinstance(value, list):
        return [_without(v, rows) for v in value]
    return value


def without_row_ids(person: dict[str, Any]) -> dict[str, Any]:
    """A person's export as it leaves the office: no internal id, at any depth."""
    kept = _without({k: v for k, v in person.items() if k != "conversation"})
    conversation = person.get("conversation")
    return {**kept, "conversation": _without(conversation, CONVERSATION_ROWS)
            if conversation else conversation}


def by_handle(person: dict[str, Any]) -> dict[str, Any]:
    """A person's export asked by a handle an officer can read: their identity, and of what
    they sent only their complaints not filed anonymously, with the messages, attachments and
    notifications about those. The anonymous complaint, the conversation it came from, the
    talks and the time of their last message (perhaps the minute they filed anonymously) are
    the number's (`BY_HANDLE`). The same rule for everyone, so the copy's shape does not tell
    who also filed anonymously."""
    complaints = [c for c in person["complaints"]
                  if c.get("identity_mode") != identity.Mode.ANONYMOUS]
    kept = {c["id"] for c in complaints}
    messages = [m for m in person["messages"] if m.get("complaint_id") in kept]
    said = {m["id"] for m in messages}
    return {**person, "complainant": {**person["complainant"], "last_inbound_at": None},
            "complaints": complaints, "messages": messages,
            "attachments": [a for a in person["attachments"] if a.get("complaint_id") in kept
                            or a.get("message_id") in said],
            "notifications": [n for n in person["notifications"]
                              if n.get("complaint_id") in kept],
            "conversation": None, "contact_requests": []}


def export(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
           now: dt.datetime) -> DeskAnswer:
    """Everything held about the person, as JSON and PDF, to this private chat only; the files
    are filled in at send time and are not kept in the outbox."""
    _check(officer, request)
    if by_number(request.args):
        # whoever asks by number may not be its owner: the owner agrees first, from it
        ids = _agreed(desk, unit, officer, request, "export", None, now)
        if not ids:
            return _ask_owner("export")
        code = "NOMOR"
    else:
        ids, code, _ = find(desk, unit, officer, request)
        _may_handle(desk, unit, officer, ids, _typed(request))
    held = [data for data in (unit.subject_data(i) for i in ids) if data is not None]
    handle = not by_number(request.args)
    if handle:
        # The export carries their number: no officer learns it from an anonymous ticket
        # (refused, saying so, which tells nothing new). By any other handle, the same copy
        # for everyone (`by_handle`); by the number (its owner agreeing first) all of it.
        _refuse_anonymous(desk, request, held, "datapribadi")
        held = [by_handle(data) for data in held]
    people = [without_row_ids(theirs(data)) for data in held]
    for person_id in ids:
        _record(unit, officer, person_id, "export", None, now)
    kept = desk.config.retention
    retention = {"message_body_days": kept.message_body_days,
                 "abandoned_draft_days": kept.abandoned_draft_days,
                 "anonymise_after_months": kept.anonymise_after_months}
    chat = request.chat_id

    def render() -> tuple[Rich | None, list["OutFile"]]:
        return None, subject_export.files(
            people, office=desk.config.office.name, zone=desk.config.office.timezone,
            officer=officer.name, code=code, now=now, retention=retention,
            types={k: t.id for k, t in desk.config.complaint_types.items()})

    def queue(later_unit: Any, made: list["OutFile"]) -> None:
        """Each file queued with its bytes as the row's secret: gone once delivered."""
        for index, item in enumerate(made):
            payload = {**item.payload(), "protect": True}     # a person's whole data
            mask = f"[berkas-{index}]"
            data, payload["file"]["data"] = payload["file"]["data"], mask
            later_unit.enqueue(kind="file", channel="telegram", address=chat, body=item.caption,
                               payload=payload, at=now, secret={mask: data})
    return DeskAnswer(True, Rich().t(f"📁 Data pribadi {code}: {len(people)} identitas, "
                                     f"{sum(len(p['complaints']) for p in people)} pengaduan, "
                                     f"{sum(len(p['messages']) for p in people)} pesan. Berkas "
                                     "JSON dan PDF menyusul; serahkan kepada pemohon."
                                     + ("\n" + BY_HANDLE.format(code=code) if handle else "")),
                      log_detail=f"ekspor data pribadi {code}",
                      later=[Later(render, keep=queue, send=False)])


def _without_them(people: list[dict[str, Any]], text: str) -> str:
    """An officer's text about the people being erased, with their names and numbers masked
    ("permintaan Bapak …, hp 0812…"): what the erasure removes is not written back."""
    for person in people:
        who = person["complainant"]
        names = [who.get("name"), who.get("profile_name")] + [
            c.get("reporter_name") for c in person["complaints"]]
        text = identity.forgetting(names, who.get("channel"), who.get("address"))(text)
    return text


def _refuse_anonymous(desk: DeskContext, request: OfficerRequest, people: list[dict[str, Any]],
                      command: str) -> None:
    """A request by an anonymous complaint's ticket is refused, saying so: its person is no
    officer's to know. An erasure by it wrote the erase line on the person's named tickets at
    that minute, and told the leader who asked who had filed it."""
    asked = find_ticket(_typed(request), desk.config.office.code)
    if asked and any(c.get("ticket") == asked and c.get("identity_mode") == "anonymous"
                     for p in people for c in p["complaints"]):
        raise Refused(ANONYMOUS_BY_NUMBER.format(code=_typed(request), command=command))


def erase(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
          now: dt.datetime) -> DeskAnswer:
    """Without YAKIN: what would be erased. With it: erased, recorded on each complaint."""
    _check(officer, request)
    numbered = by_number(request.args)
    if numbered:
        rest = (split_number(request.args) or ("", ""))[1]
        code = "NOMOR"
    else:
        ids, code, rest = find(desk, unit, officer, request)
        _may_handle(desk, unit, officer, ids, _typed(request))
    confirmed = rest.split(" ", 1)[0] == CONFIRM
    reason = rest.split(" ", 1)[1].strip() if confirmed and " " in rest else (
        "" if confirmed else rest)
    if not reason:
        raise Refused(f"Sebutkan alasannya: /hapusdata {code} alasan")
    if numbered:
        # whoever asks by number may not be its owner: the owner agrees first, from it
        found = [d for d in (unit.subject_data(i) for i in _owners(unit, request.args)) if d]
        ids = _agreed(desk, unit, officer, request, "erase", _without_them(found, reason), now,
                      ask=confirmed)
        if not ids:
            if not confirmed:
                return DeskAnswer(True, Rich().t(ERASE_BY_NUMBER.format(confirm=CONFIRM)),
                                  log_detail="pratinjau penghapusan lewat nomor")
            return _ask_owner("erase")
        code = "NOMOR"
    people = [data for data in (unit.subject_data(i) for i in ids) if data is not None]
    if not numbered:
        _refuse_anonymous(desk, request, people, "hapusdata")
    complaints = [c for p in people for c in p["complaints"]]
    reason = _without_them(people, reason)     # it stays in the trail, the records and the log
    # How many complaints, messages and attachments, only by the number (its owner agreed,
    # and is told of them all): by a code or a ticket an officer can read, "2 pengaduan" or 40
    # messages beside the one named complaint he knew of told him that this person had filed
    # another, perhaps anonymously.
    counted = f"{len(complaints)} pengaduan" if numbered else "setiap pengaduannya"
    contents = (f"isi {sum(len(p['messages']) for p in people)} pesan, "
                f"{sum(len(p['attachments']) for p in people)} lampiran" if numbered
                else "isi setiap pesannya, setiap lampirannya")
    by_handle_note = "" if numbered else "\n" + ERASE_BY_HANDLE.format(code=code)
    if not confirmed:
        return DeskAnswer(True, Rich().b(f"Penghapusan data pribadi {code}\n").t(
            f"Akan dihapus: nomor/akun dan nama pada {len(people)} identitas, {contents}, dan "
            f"identitas pelapor pada {counted} (pengaduannya sendiri dan riwayat "
            f"penanganannya tetap disimpan). Tidak dapat dibatalkan.{by_handle_note}\n"
            f"Lanjutkan: /hapusdata {code} {CONFIRM} {reason}"),
            log_detail=f"pratinjau penghapusan {code}: {reason}")
    evidence = None if numbered else opened(desk, unit, request, complaints)
    files: list[str] = []
    for person_id in ids:
        done = stored_subjects.erase(unit.session, person_id, now, identity.forgetting,
                                     files_of=evidence)
        files += done["files"] if done else []
        _record(unit, officer, person_id, "erase", reason, now)
    for c in complaints:
        # The line goes only on a complaint filed by name: the same note at the same minute on
        # a confidential or anonymous complaint's trail would tie it to the named one (whoever
        # reads both learns who wrote it). Those are proven by `data_requests`, kept per person.
        complaint = unit.complaint_by_id(c["id"])
        if complaint is None or c.get("identity_mode") != identity.Mode.NAMED:
            continue
        event = unit.add_stage_event(StageEvent(
            complaint_id=complaint.id, actor=f"telegram:{officer.telegram_id} {officer.name}",
            actor_role=officer.role, from_stage=complaint.stage, to_stage=complaint.stage,
            note=f"Data pribadi pelapor dihapus atas permintaan: {reason}"[:4000], at=now,
            action="erase"))
        complaint.events.append(event)
    store = getattr(desk, "files", None)

    def discard() -> tuple[Rich | None, list["OutFile"]]:
        """The evidence files, deleted once the erasure is committed."""
        gone = sum(store.discard(path) for path in files) if store is not None else 0
        return Rich().t(f"🗑️ {gone} berkas bukti {code} dihapus dari penyimpanan."), []
    return DeskAnswer(True, Rich().t(
        f"✅ Data pribadi {code} dihapus: {len(people)} identitas; "
        f"{counted if numbered else 'pengaduannya'} kini tanpa identitas pelapor. Permintaan "
        f"ini dicatat.{by_handle_note}"), changed=True,
        log_detail=f"penghapusan data pribadi {code}: {reason}",
        later=[Later(discard, send=False)] if files else [])


def opened(desk: DeskContext, unit: "Unit", request: OfficerRequest,
           complaints: list[dict[str, Any]]) -> list[int]:
    """The complaints whose evidence an erasure by a handle removes (`ERASE_BY_HANDLE`): the
    ticket asked by, and every one the group does not read concealed
    (`identity.held_for_slot`), which it may already tie to the person."""
    asked = find_ticket(_typed(request), desk.config.office.code)
    found = [unit.complaint_by_id(c["id"]) for c in complaints]
    return [c.id for c in found if c is not None and (
        c.ticket == asked or not identity.held_for_slot(c, desk.config.sensitive_types))]
