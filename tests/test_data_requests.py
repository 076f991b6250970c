"""Data-subject requests: Kasi Tikkim exports everything held about a person (JSON and PDF) or
erases it with a reason, in a private chat; both recorded; the audit trail stays whole."""
from __future__ import annotations

import base64
import io
import json
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from storage.models import Complainant, DataRequest, Message, OfficerAction, OutboxItem
from tests.support.intake import walk
from tests.support.privacy import found_in_tables
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(120)
NUMBER = "+6281234577001"


@pytest.fixture
def filed(bot_app):  # type: ignore[no-untyped-def]
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=NUMBER,
                         profile_name="Rahmat Hidayat")
    for said in ("halo", "1", "Paspor anak saya hilang waktu dikirim lewat pos", "lanjut"):
        phone.say(said)
    filed = walk(phone.says, phone.says("1"), {"identitas Anda dicatat": "1"})  # named
    ticket = re.search(r"TRK-[\w-]{9}", filed).group(0)
    with runtime.store.unit() as unit:
        person = unit.session.scalars(select(Complainant).where(
            Complainant.address == NUMBER)).one()
    return app, runtime, phone, ticket, person.id


def files_sent(tg_server, chat: int) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    return {call.files["document"].filename: call.files["document"].content
            for call in tg_server.sent_messages(chat) if "document" in call.files}


@pytest.mark.parametrize("by", ["code", "ticket", "number"])
def test_an_export_of_everything_held_reaches_only_kasi_tikkim(filed, tg_server, by):
    app, runtime, phone, ticket, person_id = filed
    kasi = TelegramUser(app.test_client(), KASI)
    code = {"code": f"P-{person_id}", "ticket": ticket, "number": "0812-3457-7001"}[by]
    if by == "code":       # a P-code is nobody's, for everyone (test_privacy_s40a_codes.py)
        assert kasi.send(f"/datapribadi {code}") == "refused"
        code = ticket
    if by == "number":                     # the number's owner agrees first (consent tests)
        assert kasi.send(f"/datapribadi {code}") == "officer"
        deliver(runtime)
        assert "persetujuan Anda dicatat" in phone.says("SETUJU")
    assert kasi.send(f"/datapribadi {code}") == "officer"
    deliver(runtime)
    sent = files_sent(tg_server, KASI)
    # a person's whole data: Telegram keeps the files from being forwarded or saved
    documents = [c for c in tg_server.sent_messages(KASI) if "document" in c.files]
    assert documents and all(str(c.params.get("protect_content")).lower() == "true"
                             for c in documents)
    [json_name] = [n for n in sent if n.endswith(".json")]
    [pdf_name] = [n for n in sent if n.endswith(".pdf")]
    data = json.loads(sent[json_name])
    [person] = data["people"]
    assert person["complainant"]["address"] == NUMBER
    assert person["complaints"][0]["ticket"] == ticket
    assert "pin_hash" not in person["complaints"][0]
    if by == "number":          # the complete copy: every message, the PIN never in it
        assert any("Paspor anak saya hilang" in m["body"] for m in person["messages"])
        assert any("PIN: *••••••*" in m["body"] for m in person["messages"])
    else:       # by a handle, what it may show (tests/test_privacy_s27.py): the story as kept
        assert "Paspor anak saya hilang" in person["complaints"][0]["description"]
        assert any("/datapribadi NOMOR" in t for t in tg_server.sent_texts(KASI))
    pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(sent[pdf_name])).pages)
    for expected in ("Data Pribadi yang Disimpan", NUMBER, "Rahmat Hidayat", ticket,
                     "Paspor anak saya hilang", "Masa simpan"):
        assert expected in pdf.replace("\n", " "), expected
    with runtime.store.unit() as unit:
        *asked, request = unit.session.scalars(select(DataRequest)).all()
        copies = [o for o in unit.session.scalars(select(OutboxItem)) if o.kind == "file"]
        logged = unit.session.scalars(select(OfficerAction).where(
            OfficerAction.action == "subject_export")).all()
    assert [r.kind for r in asked] == (["ask-export", "ok-export"] if by == "number" else [])
    assert (request.kind, request.complainant_id, request.officer_id) == (
        "export", person_id, str(KASI))
    assert logged and logged[-1].allowed
    assert copies and all(o.secret is None and not o.payload["file"]["data"].startswith("ey")
                          and o.payload["file"]["data"].startswith("[berkas-") for o in copies)
    assert not [t for t in tg_server.sent_texts(OFFICER_CHAT) if "Data pribadi" in t]
    assert files_sent(tg_server, OFFICER_CHAT) == {}             # nothing in the group


def test_only_kasi_tikkim_in_private_may_ask(filed, tg_server):
    app, runtime, _, ticket, person_id = filed
    assert TelegramUser(app.test_client(), PETUGAS).send(f"/datapribadi P-{person_id}") == "refused"
    group = TelegramUser(app.test_client(), KASI, chat_id=OFFICER_CHAT, chat_type="supergroup")
    assert group.send(f"/datapribadi P-{person_id}") == "refused"
    assert group.send(f"/hapusdata P-{person_id} YAKIN diminta") == "refused"
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send("/datapribadi P-999999") == "refused"
    assert kasi.send("/datapribadi 08999") == "refused"
    deliver(runtime)
    assert files_sent(tg_server, KASI) == {} and files_sent(tg_server, OFFICER_CHAT) == {}
    with runtime.store.unit() as unit:
        assert unit.session.scalars(select(DataRequest)).all() == []


def test_erasure_asks_first_then_removes_the_identity_and_keeps_the_trail(filed, tg_server):
    app, runtime, phone, ticket, person_id = filed
    kasi = TelegramUser(app.test_client(), KASI)
    with runtime.store.unit() as unit:
        before = [(e.id, e.actor, e.note) for e in unit.complaint_by_ticket(ticket).events]
    assert kasi.send(f"/hapusdata {ticket}") == "refused"            # a reason is needed
    assert kasi.send(f"/hapusdata {ticket} permintaan pelapor lewat surel") == "officer"
    assert found_in_tables(runtime, [NUMBER, "Rahmat"]) != []             # only a preview
    assert kasi.send(f"/hapusdata {ticket} YAKIN permintaan pelapor lewat surel") == "officer"
    with runtime.store.unit() as unit:
        complaint = unit.complaint_by_ticket(ticket)
        after = [(e.id, e.actor, e.note) for e in complaint.events]
        bodies = set(unit.session.scalars(select(Message.body).where(
            Message.complainant_id == person_id)))
        [request] = unit.session.scalars(select(DataRequest)).all()
    assert (complaint.reporter_name, complaint.identity_mode) == (None, "anonymous")
    assert complaint.description.startswith("Paspor anak saya")
    assert after[:len(before)] == before and "dihapus atas permintaan" in after[-1][2]
    assert bodies - {""} == {"[dihapus]"}
    assert (request.kind, request.reason) == ("erase", "permintaan pelapor lewat surel")
    assert [t for t, _ in found_in_tables(runtime, [NUMBER, "Rahmat", "Hidayat",
                                                    "81234577001"])] == []
    deliver(runtime)
    told = tg_server.sent_texts(KASI)
    assert any("Akan dihapus" in t for t in told) and any("dihapus: 1 identitas" in t for t in told)
    assert "Selamat datang" in phone.says("halo")                 # a stranger to the bot now


def test_erasure_forgets_the_name_and_number_written_into_the_story(bot_app, tg_server):
    """People write "nama saya …, hp 0812…" into a story, where they want us to be and how to
    reach them. An erased person's complaint stays, anonymous: the story, the place, the time
    in their words, the outcome wanted and a rating comment must no longer name or number them
    (in the database, and in what any officer reads after: the group's /lihat)."""
    app, runtime = bot_app
    number = "+6281234577002"
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name="Bu Kartini")
    for said in ("halo", "1", "Nama saya Wahyudi Prasetyo, paspor saya belum jadi, hubungi "
                 "0812 3457 7002 atau wa +62 812-3457-7002", "lanjut"):
        phone.say(said)
    filed = walk(phone.says, phone.says("1"), {
        "identitas Anda dicatat": "2", "Tuliskan nama Anda": "Wahyudi Prasetyo",
        "Apa yang Anda harapkan": "Tolong kabari Wahyudi Prasetyo di 081234577002"})
    ticket = re.search(r"TRK-[\w-]{9}", filed).group(0)
    with runtime.store.unit() as unit:
        person_id = unit.complaint_by_ticket(ticket).complainant_id
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/hapusdata {ticket} YAKIN permintaan pelapor") == "officer"
    with runtime.store.unit() as unit:
        complaint = unit.complaint_by_ticket(ticket)
        texts = " ".join(t or "" for t in (
            complaint.description, complaint.place_detail, complaint.incident_time_text,
            complaint.desired_outcome, complaint.rating_comment))
    assert "paspor saya belum jadi" in complaint.description          # the complaint stays
    digits = re.sub(r"[\s.\-()+]", "", texts)
    for trace in ("Wahyudi", "Prasetyo", "Kartini"):
        assert trace not in texts, trace
    assert "81234577002" not in digits
    deliver(runtime)
    mark = len(tg_server.sent_texts(OFFICER_CHAT))
    group = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT, chat_type="supergroup")
    group.send(f"/lihat {ticket}")
    deliver(runtime)
    seen = " ".join(tg_server.sent_texts(OFFICER_CHAT)[mark:])
    assert ticket in seen
    assert "Wahyudi" not in seen and "Prasetyo" not in seen
    assert "7002" not in seen


def test_an_export_hands_over_the_persons_data_not_the_officers(filed, tg_server):
    """What is handed to the person is their data: their complaint, their messages, what was
    done and when. Not the officers' internal trail: which officer was kept away from the
    complaint and why, who handles it, what an officer noted (a whistleblower would learn who
    is suspected, or a colleague's private reason)."""
    app, runtime, _, ticket, person_id = filed
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/kecualikan {ticket} 100000002 ipar dari Hendra Gunawan") == "officer"
    with runtime.store.unit() as unit:
        unit.complaint_by_ticket(ticket).assigned_to = "Petugas Pengaduan"
    # kept away: the person's talk is the leaders' own, and their P-code nobody's (P24b)
    assert kasi.send(f"/datapribadi {ticket}") == "officer"
    deliver(runtime)
    sent = files_sent(tg_server, KASI)
    [json_name] = [n for n in sent if n.endswith(".json")]
    [pdf_name] = [n for n in sent if n.endswith(".pdf")]
    data = sent[json_name].decode()
    pdf = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(sent[pdf_name])).pages)
    for text in (data, pdf.replace("\n", " ")):
        assert "Paspor anak saya hilang" in text and ticket in text        # theirs: all there
        for other in ("Penyusun Laporan", "Hendra Gunawan", "ipar dari", "Petugas Pengaduan",
                      "100000002"):
            assert other not in text, other
    [person] = json.loads(data)["people"]
    events = person["complaints"][0]["events"]
    assert any(e["action"] == "exclude" for e in events)                   # the step is there


def test_erasure_leaves_no_number_in_delivery_errors_or_the_officers_records(filed, tg_server,
                                                                            tw_server):
    """Providers quote the number in their errors (Twilio's 21211: "The 'To' number
    whatsapp:+62… is not a valid phone number"), and Kasi Tikkim may name the person by their
    number (/hapusdata 0812…). After the erasure no table holds the number, in any spelling."""
    app, runtime, _, ticket, person_id = filed
    deliver(runtime)
    tw_server.fail_next(400, 21211, f"The 'To' number whatsapp:{NUMBER} is not a valid phone "
                        f"number ({NUMBER[1:]})")
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/balas {ticket} mohon datang ke kantor") == "officer"
    deliver(runtime)
    assert found_in_tables(runtime, [NUMBER]) != []          # the error is on the outbox row
    assert kasi.send("/hapusdata 0812-3457-7001 YAKIN permintaan pelapor") == "officer"
    deliver(runtime)
    seen = len(tw_server.sent_messages(f"whatsapp:{NUMBER}"))
    filed[2].says("setuju")    # the undelivered reply goes again first, then this answer
    deliver(runtime)
    answers = [m.params.get("Body", "") for m in tw_server.sent_messages(f"whatsapp:{NUMBER}")]
    assert any("persetujuan Anda dicatat" in a for a in answers[seen:]), answers[seen:]
    assert kasi.send("/hapusdata 0812-3457-7001 YAKIN permintaan pelapor") == "officer"
    deliver(runtime)
    found = found_in_tables(runtime, [NUMBER, NUMBER[1:], "81234577001", "0812-3457-7001",
                                      "812-3457-7001"])
    assert found == [], found


@pytest.mark.parametrize("by", ["code", "ticket"])
def test_an_anonymous_complainants_number_is_not_learnt_from_a_ticket(bot_app, tg_server, by):
    """"No officer ever sees an anonymous complainant's number": Kasi Tikkim, who may be the
    one a whistleblower reported, cannot turn an anonymous ticket (or the P-code the group
    reads beside a talk-to-officer request) into the number by asking for the person's data.
    The person asking for their data names the number or account they used; by it, the
    export works."""
    app, runtime = bot_app
    number = "+6281234577009"
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name="Rahmat Hidayat")
    for said in ("halo", "1", "Paspor anak saya hilang waktu dikirim lewat pos", "lanjut"):
        phone.say(said)
    ticket = re.search(r"TRK-[\w-]{9}", walk(phone.says, phone.says("1"),
                                              {"identitas Anda dicatat": "anonim"})).group(0)
    with runtime.store.unit() as unit:
        person_id = unit.session.scalars(select(Complainant).where(
            Complainant.address == number)).one().id
    kasi = TelegramUser(app.test_client(), KASI)
    code = {"code": f"P-{person_id}", "ticket": ticket}[by]
    assert kasi.send(f"/datapribadi {code}") == "refused"
    deliver(runtime)
    assert files_sent(tg_server, KASI) == {}
    told = tg_server.sent_texts(KASI)
    # said to be anonymous only by the anonymous ticket: by the P-code the group read beside
    # a name, that word told who had filed it (P24b); the P-code reads as a code nobody has,
    # as /pesan answers it (its "only by the number" was given to no other P-code, P26)
    if by == "code":
        assert any(f"Pelapor P-{person_id} tidak ditemukan." in t for t in told), told
    else:
        assert any("/datapribadi NOMOR" in t and "anonim" in t for t in told), told
    assert not [t for t in told if "7700" in re.sub(r"\D", "", t) or "Rahmat" in t
                or (by == "ticket" and f"P-{person_id}" in t)]
    if by == "ticket":          # erasing by the ticket is refused alike (its erase lines on
        # the person's named tickets told who had filed it), and names no P-code either
        assert kasi.send(f"/hapusdata {ticket} permintaan pelapor") == "refused"
        deliver(runtime)
        said = tg_server.sent_texts(KASI)[-1]
        assert "/hapusdata NOMOR" in said and "anonim" in said and f"P-{person_id}" not in said
    assert kasi.send("/datapribadi 0812-3457-7009") == "officer"      # by the number given,
    deliver(runtime)
    assert files_sent(tg_server, KASI) == {}
    assert "persetujuan Anda dicatat" in phone.says("SETUJU")        # once its owner agrees
    assert kasi.send("/datapribadi 0812-3457-7009") == "officer"
    deliver(runtime)
    assert [n for n in files_sent(tg_server, KASI) if n.endswith(".json")]


def test_an_erasure_reason_that_names_the_person_is_kept_without_them(filed, tg_server, clock):
    """Officers write why they erase: "permintaan Bapak Rahmat Hidayat lewat surel, hp …".
    That reason goes into the append-only trail the group reads with /lihat, the data-request
    record and the officers' log: it must not put back what the erasure removes."""
    app, runtime, _, ticket, person_id = filed
    kasi = TelegramUser(app.test_client(), KASI)
    reason = "permintaan Bapak Rahmat Hidayat lewat surel, hp 0812-3457-7001"
    assert kasi.send(f"/hapusdata {ticket} {reason}") == "officer"                # preview
    assert kasi.send(f"/hapusdata {ticket} YAKIN {reason}") == "officer"
    # erased, it is anonymous: the group finds it from its alert's slot (test_privacy_s26.py)
    clock.advance(hours=2)
    TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                 chat_type="supergroup").send(f"/lihat {ticket}")
    deliver(runtime)
    with runtime.store.unit() as unit:
        [request] = unit.session.scalars(select(DataRequest)).all()
    assert "permintaan Bapak" in request.reason and "lewat surel" in request.reason
    assert found_in_tables(runtime, ["Rahmat", "Hidayat", "81234577001", "3457-7001"]) == []
    seen = [t for t in tg_server.sent_texts(OFFICER_CHAT) if "dihapus atas permintaan" in t]
    assert seen and not [t for t in seen if "Rahmat" in t or "7001" in t]


def test_an_officers_command_is_recorded_with_numbers_masked(filed, tg_server):
    """The append-only officer_actions record every command; an officer who writes the
    person's number into a reply ("kami telepon ke 0812…") must not leave it there whole, where
    no erasure can reach it (README: officer commands are kept with numbers masked)."""
    app, runtime, _, ticket, person_id = filed
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/balas {ticket} kami akan menelepon Bapak ke 0812-3457-7001 besok") \
        == "officer"
    assert kasi.send(f"/pesan P-{person_id} atau hubungi kami, nomor Bapak 081234577001 ya") \
        in ("officer", "refused")
    with runtime.store.unit() as unit:
        details = [a.detail or "" for a in unit.session.scalars(select(OfficerAction))]
    assert any("menelepon Bapak" in d for d in details)
    assert not [d for d in details if "3457" in re.sub(r"\D", "", d)]
