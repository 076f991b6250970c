"""`/catat`: officers record complaints from other channels in a dialogue kept in the database."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from storage.models import Complainant, ConversationState, OfficerAction
from tests.support.privacy import found_in_tables
from tests.support.telegram import (KASI, OFFICER_CHAT, PETUGAS, SEKSI, TICKET, TelegramUser,
                                    channel_env, deliver)
from tests.test_officers import app, complaint, officer, runtime  # noqa: F401

pytestmark = pytest.mark.timeout(120)
ANSWERS = [("LAPOR!", "Nomor pelacakan"), ("LAP-4821937", "Nama pelapor"),
           ("Siti Aminah", "Nomor telepon"), ("0812-3456-7890", "setuju dihubungi"),
           ("ya", "Jenis pengaduan"), ("Pungutan liar, calo, atau suap", "Rahasiakan identitas"),
           ("tidak", "Uraian pengaduan"),
           ("Diminta uang 500rb di loket oleh orang yang mengaku petugas", "Tempat kejadian"),
           ("Loket 3 kantor imigrasi", "Waktu kejadian"), ("Senin pagi", "Simpan pengaduan ini")]


def last_reply(runtime, chat: int) -> tuple[str, dict]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        item = unit.outbox_items(address=str(chat), kind="officer")[-1]
        return item.body, item.payload


def test_recording_a_lapor_complaint_step_by_step(app, runtime, make_app, db_url, tg_server,
                                                  tw_server, clock):
    desk = TelegramUser(app.test_client(), PETUGAS)
    assert desk.send("/catat") == "officer"
    body, payload = last_reply(runtime, PETUGAS)
    assert "Melalui kanal apa" in body and "LAPOR!" in payload["choices"]
    assert desk.send("faks") == "officer"
    assert "Pilih nomor kanal" in last_reply(runtime, PETUGAS)[0]
    # A new process half-way through: the dialogue lives in the database, not in memory.
    app2, runtime2 = make_app(db_url, **channel_env(tg_server, tw_server))
    for i, (said, asked) in enumerate(ANSWERS):
        user = desk if i < 5 else TelegramUser(app2.test_client(), PETUGAS)
        assert user.send(said) == "officer", said
        assert asked in last_reply(runtime, PETUGAS)[0], (said, asked)
    summary = last_reply(runtime, PETUGAS)[0]
    assert "LAPOR! (LAP-4821937)" in summary and "+62 812-••••-7890 (setuju WhatsApp)" in summary
    assert desk.send("simpan") == "officer"
    body, payload = last_reply(runtime, PETUGAS)
    ticket = TICKET.search(body).group(0)
    assert "dikirim kepada pelapor lewat WhatsApp" in body and payload == {"remove_keyboard": True}
    # What is next is in the confirmation; no "Giliran Anda" for the same step before it.
    assert "Langkah berikutnya: 2. Dilaporkan kepada Kasi Tikkim" in body
    assert f"/tahap {ticket}" in body

    filed = complaint(runtime, ticket)
    assert (filed.channel, filed.external_id, filed.type, filed.type_source, filed.stage) == (
        "lapor", "LAP-4821937", "pungli", "officer", "received")
    # pungli is sensitive: named openly only because the officer recorded "tidak" to secrecy
    assert (filed.reporter_name, filed.identity_mode) == ("Siti Aminah", "named")
    assert filed.incident_time_text == "Senin pagi" and filed.due_at is not None
    [event] = filed.events
    assert (event.actor_role, event.action, event.to_stage) == ("petugas", "filed", "received")
    assert "LAP-4821937" in event.note and "Petugas Pengaduan" in event.note
    with runtime.store.unit() as unit:
        person = unit.session.get(Complainant, filed.complainant_id)
        assert (person.channel, person.address, person.name) == (
            "whatsapp", "+6281234567890", "Siti Aminah")
        assert person.consent_at is not None
    from bot.notify import alert_slot     # the group's sensitive alert waits for its slot
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    assert not any("Giliran Anda" in t for t in tg_server.sent_texts(PETUGAS))
    alert = next(t for t in tg_server.sent_texts(OFFICER_CHAT) if ticket in t)
    assert "Pengaduan baru" in alert and "(sensitif)" in alert      # pungli: no story in the group
    assert "Diminta uang" not in alert and "Siti" not in alert
    story = next(t for t in tg_server.sent_texts(KASI) if ticket in t)
    assert "Diminta uang 500rb" in story and "Siti Aminah" in story
    assert "+62 812-••••-7890" in story and "+6281234567890" not in story
    [sent] = tw_server.sent_messages()
    spec = runtime.config.office_config.whatsapp_templates["ticket_issued"]
    assert sent.params["To"] == "whatsapp:+6281234567890"
    assert sent.params["ContentSid"] == spec.sid("id")
    variables = json.loads(sent.params["ContentVariables"])
    assert "PIN: ••••••" in body                       # the PIN never rests in the outbox
    pin = tg_server.sent_texts(PETUGAS)[-1].split("PIN: ")[1][:6]
    assert pin.isdigit() and variables == {"1": ticket, "2": pin, "3": "Kanim Tarakan"}
    # The dialogue is over: the officer's next private text answers no question, and gets an
    # officer hint, never the citizens' intake (desk walk finding 14).
    assert desk.send("halo") == "officer"
    assert "/saya" in last_reply(runtime, PETUGAS)[0]


def test_without_consent_or_number_nothing_goes_to_whatsapp(app, runtime, tw_server):
    desk = TelegramUser(app.test_client(), KASI)
    for said in ("/catat", "1", "anonim", "lewati", "3", "Pelayanan paspor sangat lambat sekali",
                 "lewati", "lewati"):
        assert desk.send(said) == "officer", said
    assert "Simpan pengaduan ini" in last_reply(runtime, KASI)[0]
    assert desk.send("simpan") == "officer"
    body = last_reply(runtime, KASI)[0]
    assert "Sampaikan nomor tiket dan PIN kepada pelapor" in body
    filed = complaint(runtime, TICKET.search(body).group(0))
    assert (filed.channel, filed.identity_mode, filed.complainant_id, filed.type) == (
        "telepon", "anonymous", None, "perlintasan")
    deliver(runtime)
    assert tw_server.sent_messages() == []


def test_who_and_where_may_record_and_cancel(app, runtime):
    assert TelegramUser(app.test_client(), SEKSI["tu"]).send("/catat") == "refused"
    assert officer(app, PETUGAS).send("/catat") == "refused"          # not in the group
    desk = TelegramUser(app.test_client(), PETUGAS)
    assert desk.send("/batal") == "refused"                            # nothing to cancel
    assert desk.send("/catat") == "officer" and desk.send("2") == "officer"
    assert desk.send("batal") == "officer"
    assert "dibatalkan" in last_reply(runtime, PETUGAS)[0]
    with runtime.store.unit() as unit:
        state = unit.session.scalars(select(ConversationState).where(
            ConversationState.channel == "officer")).one()
        logged = list(unit.session.scalars(select(OfficerAction).order_by(OfficerAction.id)))
    assert state.state == "idle"
    assert [(a.action, a.allowed) for a in logged] == [
        ("record", False), ("record", False), ("cancel", False), ("record", True),
        ("dialog", True), ("dialog", True)]
    assert "chat pribadi" in logged[1].detail and "Seksi Terkait" in logged[0].detail


def test_an_answer_that_fails_unexpectedly_is_not_kept_in_the_message_log(app, runtime,
                                                                          monkeypatch):
    """A /catat answer is a complainant's name or number: the message log never keeps it (it
    stays on the complaint when saved). Not even when handling it fails unexpectedly, where
    the update is recorded (so that it is not retried) and answered calmly."""
    desk = TelegramUser(app.test_client(), PETUGAS)
    for said, _ in [("/catat", None), *ANSWERS[:2]]:
        assert desk.send(said) == "officer", said

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("unexpected")
    monkeypatch.setattr(runtime.desk, "handle", broken)
    assert desk.send("Siti Aminah Baharuddin") == "failed"
    assert desk.send("/kabar TRK-7K3Q-9MXA hubungi 0813-4719-6084") == "failed"
    found = found_in_tables(runtime, ["Siti Aminah", "Baharuddin", "0813-4719-6084",
                                      "81347196084", "4719"])
    assert found == [], found


def record(app, runtime, who: int = PETUGAS) -> str:  # type: ignore[no-untyped-def]
    desk = TelegramUser(app.test_client(), who)
    assert desk.send("/catat") == "officer"
    for said, _ in ANSWERS:
        assert desk.send(said) == "officer", said
    assert desk.send("simpan") == "officer"
    return TICKET.search(last_reply(runtime, who)[0]).group(0)


def test_correcting_a_complaints_name_keeps_a_different_name_the_person_gave(app, runtime):
    """`/catat TIKET nama` corrects the name on the complaint; the person row follows only a
    misspelt copy of it, never a different name of their own."""
    ticket = record(app, runtime)
    filed = complaint(runtime, ticket)
    with runtime.store.unit() as unit:
        unit.session.get(Complainant, filed.complainant_id).name = "Bu Siti Tarakan"
    desk = TelegramUser(app.test_client(), PETUGAS)
    assert desk.send(f"/catat {ticket} nama Siti Aminah Lubis") == "officer"
    filed = complaint(runtime, ticket)
    assert filed.reporter_name == "Siti Aminah Lubis"
    with runtime.store.unit() as unit:
        assert unit.session.get(Complainant, filed.complainant_id).name == "Bu Siti Tarakan"


def test_a_recorded_field_is_corrected_with_a_trail_entry(app, runtime):
    """A misheard place or a misspelt name is corrected by `/catat TIKET bidang nilai` until the
    report is drafted from it; the trail says what changed and who changed it, never an old
    name; a complainant's own words (a chat complaint) are not the officers' to rewrite."""
    ticket = record(app, runtime)
    desk = TelegramUser(app.test_client(), PETUGAS)
    assert desk.send(f"/catat {ticket}  tempat   Loket 5 lantai 2") == "officer"
    assert "tempat kejadian dikoreksi menjadi: Loket 5 lantai 2" in last_reply(runtime, PETUGAS)[0]
    assert desk.send(f"/catat {ticket.lower()} nama Siti Aminah Lubis") == "officer"
    assert desk.send(f"/catat {ticket} waktu Senin 30 November pukul 09.00") == "officer"
    filed = complaint(runtime, ticket)
    assert (filed.place_detail, filed.reporter_name, filed.incident_time_text) == (
        "Loket 5 lantai 2", "Siti Aminah Lubis", "Senin 30 November pukul 09.00")
    with runtime.store.unit() as unit:
        assert unit.session.get(Complainant, filed.complainant_id).name == "Siti Aminah Lubis"
    fixes = [e for e in filed.events if e.action == "correct"]
    assert [e.note for e in fixes] == [
        "Koreksi pencatatan: tempat kejadian (sebelumnya: Loket 3 kantor imigrasi)",
        "Koreksi pencatatan: nama pelapor",
        "Koreksi pencatatan: waktu kejadian (sebelumnya: Senin pagi)"]
    assert all(e.actor_role == "petugas" and e.to_stage == "received" for e in fixes)
    assert desk.send(f"/lihat {ticket}") == "officer"
    assert "Koreksi pencatatan: tempat kejadian" in last_reply(runtime, PETUGAS)[0]

    for said, why in ((f"/catat {ticket} warna biru", "bidang: tempat, waktu"),
                      (f"/catat {ticket} tempat", "bidang: tempat, waktu"),
                      (f"/catat {ticket} tempat Loket 5 lantai 2", "sudah tercatat")):
        assert desk.send(said) == "refused", said
        assert why in last_reply(runtime, PETUGAS)[0], said
    assert officer(app, PETUGAS).send(f"/catat {ticket} tempat Loket 1") == "refused"   # group
    assert TelegramUser(app.test_client(), SEKSI["tu"]).send(
        f"/catat {ticket} tempat Loket 1") == "refused"
    assert complaint(runtime, ticket).place_detail == "Loket 5 lantai 2"
    # The message log keeps which field, not the value (a name, a story): that is on the
    # complaint, where retention and erasure find it.
    kept = {table for table, _ in found_in_tables(runtime, ["Aminah Lubis", "Loket 5 lantai"])}
    assert "messages" not in kept and {"complainants", "complaints"} <= kept


def test_a_correction_stops_at_the_report_and_never_rewrites_a_complainant(app, runtime):
    from tests.support.twilio_chat import TwilioSender
    from tests.test_conversation import file_complaint
    from tests.test_officers import walk_to
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700061")
    own, _ = file_complaint(phone)
    desk = TelegramUser(app.test_client(), PETUGAS)
    assert desk.send(f"/catat {own} tempat Loket 9") == "refused"
    assert "tidak diubah petugas" in last_reply(runtime, PETUGAS)[0]

    kasi = TelegramUser(app.test_client(), KASI)
    for said in ("/catat", "1", "Budi Hartono", "lewati", "1",
                 "Paspor anak saya belum terbit setelah 3 minggu", "lewati", "lewati", "simpan"):
        assert kasi.send(said) == "officer", said
    ticket = TICKET.search(last_reply(runtime, KASI)[0]).group(0)
    walk_to(app, ticket, "report_drafted")
    assert kasi.send(f"/catat {ticket} tempat Loket 2") == "refused"
    assert "tidak dapat dilakukan pada tahap" in last_reply(runtime, KASI)[0]
    assert complaint(runtime, ticket).place_detail is None


@pytest.mark.parametrize("answer, kind, mode", [("ya", "pungli", "confidential"),
                                                ("tidak", "paspor", "named")])
def test_a_levy_recorded_under_an_ordinary_type_is_offered_the_levy_type(app, runtime, tg_server,
                                                                         answer, kind, mode,
                                                                         clock):
    """A caller's passport complaint in which the counter officer asked for money: recorded as
    "Layanan paspor", the group would read the story and the caller's name, the officer at
    the counter too. Before the summary the recording officer is offered the levy type."""
    desk = TelegramUser(app.test_client(), PETUGAS)
    for said in ("/catat", "1", "Budi Santoso", "lewati", "1",
                 "Paspor belum jadi, petugas loket bilang kalau mau cepat bayar 300rb ke dia",
                 "lewati", "lewati"):
        assert desk.send(said) == "officer", said
    asked = last_reply(runtime, PETUGAS)[0]
    assert "grup petugas akan membaca" in asked and "Pungutan liar" in asked
    assert desk.send(answer) == "officer"
    assert "Simpan pengaduan ini" in last_reply(runtime, PETUGAS)[0]
    assert desk.send("simpan") == "officer"
    ticket = TICKET.search(last_reply(runtime, PETUGAS)[0]).group(0)
    filed = complaint(runtime, ticket)
    assert (filed.type, filed.identity_mode) == (kind, mode)
    from bot.notify import alert_slot     # a sensitive alert waits for its slot
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    alert = next(t for t in tg_server.sent_texts(OFFICER_CHAT) if ticket in t)
    assert ("300rb" in alert) is (answer == "tidak") and ("Budi" in alert) is (answer == "tidak")


def test_an_ordinary_story_is_not_asked_about(app, runtime):
    desk = TelegramUser(app.test_client(), PETUGAS)
    for said in ("/catat", "1", "Budi Santoso", "lewati", "1",
                 "Paspor belum jadi padahal sudah tiga minggu", "lewati", "lewati"):
        assert desk.send(said) == "officer", said
    assert "Simpan pengaduan ini" in last_reply(runtime, PETUGAS)[0]


def test_a_misheard_number_is_corrected_and_the_stranger_hears_no_more(app, runtime, tw_server,
                                                                       tg_server):
    """`/catat TIKET telepon NOMOR`, at any open step: the complaint's messages go to the right
    number from then on, the ticket message still waiting (with its PIN) is cancelled, and the
    right number gets the ticket with a new PIN, so the old one, read out or sent to the wrong
    number, opens nothing; the trail names neither number."""
    from tests.support.twilio_chat import TwilioSender
    wrong, right = "+6281234567890", "+6281234567809"
    ticket = record(app, runtime)                  # recorded with WhatsApp at the wrong number
    with runtime.store.unit() as unit:          # read out to the complainant by the officer
        [old_pin] = unit.outbox_items(address=str(PETUGAS), kind="officer")[-1].secret.values()
    desk = TelegramUser(app.test_client(), PETUGAS)
    for said, why in ((f"/catat {ticket} telepon 12", "tidak terbaca"),
                      (f"/catat {ticket} telepon 0812-3456-7890", "sudah tercatat")):
        assert desk.send(said) == "refused", said
        assert why in last_reply(runtime, PETUGAS)[0], said
    assert officer(app, PETUGAS).send(f"/catat {ticket} telepon 0812-3456-7809") == "refused"
    assert desk.send(f"/catat {ticket} hp 0812-3456-7809") == "officer"
    body = last_reply(runtime, PETUGAS)[0]
    assert "+62 812-••••-7809" in body and "PIN lama tidak berlaku lagi" in body
    assert "1 berisi PIN dibatalkan" in body
    deliver(runtime)
    assert tw_server.sent_messages(f"whatsapp:{wrong}") == []        # nothing reached it
    [sent] = tw_server.sent_messages(f"whatsapp:{right}")
    new_pin = json.loads(sent.params["ContentVariables"])["2"]
    assert new_pin.isdigit() and new_pin != old_pin
    filed = complaint(runtime, ticket)
    with runtime.store.unit() as unit:
        person = unit.session.get(Complainant, filed.complainant_id)
        assert (person.channel, person.address, person.name) == ("whatsapp", right,
                                                                  "Siti Aminah")
    [fix] = [e for e in filed.events if e.action == "correct"]
    assert "nomor telepon pelapor" in fix.note and "7890" not in fix.note \
        and "7809" not in fix.note
    # The right number is the filer now: its status by ticket alone; the new PIN elsewhere.
    owner = TwilioSender(app.test_client(), runtime.config.settings, number=right)
    assert ticket in owner.says(f"status {ticket}")
    other = TwilioSender(app.test_client(), runtime.config.settings, number="+6281399900077")
    other.say("halo")
    assert "Sisa percobaan" in other.says(f"status {ticket} {old_pin}")
    assert ticket in other.says(f"status {ticket} {new_pin}")
    # Later steps (privately: a levy is sensitive), and a later correction: only the right
    # number hears.
    assert desk.send(f"/tahap {ticket}") == "officer"
    assert TelegramUser(app.test_client(), KASI).send(
        f"/tahap {ticket} koordinasikan dengan seksi") == "officer"
    assert complaint(runtime, ticket).stage == "reviewed"
    deliver(runtime)
    assert tw_server.sent_messages(f"whatsapp:{wrong}") == []
    assert len(tw_server.sent_messages(f"whatsapp:{right}")) >= 2
    assert desk.send(f"/catat {ticket} tempat Loket 1") == "officer"   # still before the report
