"""Officers act from Telegram: roles checked, every attempt logged, progress reaches the citizen."""
from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from sqlalchemy import select

from bot.notify import alert_slot
from storage.models import Complaint, OfficerAction
from tests.support.telegram import (take_step, KASI, KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS, SEKSI,
                                    TelegramUser, deliver, file_on_telegram)
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(90)
CITIZEN = 555_002
STRANGER = 999_999


@pytest.fixture
def app(bot_app):  # type: ignore[no-untyped-def]
    return bot_app[0]


@pytest.fixture
def runtime(bot_app):  # type: ignore[no-untyped-def]
    return bot_app[1]


def officer(app, user_id: int, private: bool = False) -> TelegramUser:  # type: ignore[no-untyped-def]
    if private:
        return TelegramUser(app.test_client(), user_id)
    return TelegramUser(app.test_client(), user_id, chat_id=OFFICER_CHAT, chat_type="supergroup")


def complaint(runtime, ticket: str) -> Complaint:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        found = unit.complaint_by_ticket(ticket)
        _ = found.events
        return found


def actions(runtime) -> list[OfficerAction]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return list(unit.session.scalars(select(OfficerAction).order_by(OfficerAction.id)))


def walk_to(app, ticket: str, stage: str, start: str = "received") -> None:  # type: ignore[no-untyped-def]
    """Move a paspor complaint (section lantaskim) along the SOP from `start` up to `stage`."""
    steps = [("reported_to_kasi", PETUGAS, ""), ("reviewed", KASI, "koordinasikan dengan seksi"),
             ("examined", SEKSI["lantaskim"], "benar BAP W18-0042 2026-12-01 selesai"),
             ("followed_up", SEKSI["lantaskim"], "pembinaan petugas loket"),
             ("report_drafted", PENYUSUN, ""), ("initialed", KASI, ""), ("signed", KEPALA, ""),
             ("reported", PETUGAS, "mohon maaf atas ketidaknyamanan"), ("archived", PETUGAS, "")]
    # one BAP per examination: another complaint's number is refused (bot.desk.bap.taken)
    steps[2] = (*steps[2][:2], f"benar BAP W18-0042-{ticket[-4:]} 2026-12-01 selesai")
    targets = [target for target, _, _ in steps]
    skip = targets.index(start) + 1 if start in targets else 0
    for target, who, args in steps[skip:]:
        if target == "reported":
            report_step_nine(app, who, ticket, args)
        else:
            assert take_step(officer(app, who), ticket, args, target) == "officer", target
        if target == stage:
            return


def step_nine(ticket: str) -> tuple[str, ...]:
    """Step 9's Kanwil report by letter: one reference per complaint (another complaint's is
    questioned as a typing slip: bot.desk.closing)."""
    return ("Surat", "Hari ini", f"W18.IMI.IMI.3-UM.01.01-0099-{ticket[-4:]}", "Kirim dan catat")


def report_step_nine(app, who: int, ticket: str, message: str) -> None:  # type: ignore[no-untyped-def]
    """Step 9 in the officer's private chat: the complainant's message, then the Kanwil report."""
    user = officer(app, who, private=True)
    assert user.send(f"/tahap {ticket}") == "officer"
    message = f"Pengaduan Anda sudah kami tindak lanjuti; {message}."
    for said in (message, "Ya, pakai pesan ini") + step_nine(ticket):
        assert user.send(said) == "officer", said


def test_unknown_user_pressing_an_officer_button_is_refused_and_logged(app, runtime,
                                                                       tg_server, caplog):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    before = complaint(runtime, ticket)
    caplog.set_level(logging.WARNING, logger="bot.desk.desk")
    assert officer(app, STRANGER).press(f"take:{ticket}") == "refused"
    after = complaint(runtime, ticket)
    assert (after.stage, after.assigned_to, len(after.events)) == (
        before.stage, before.assigned_to, len(before.events))
    [logged] = actions(runtime)
    assert (logged.actor_id, logged.actor_role, logged.action, logged.allowed) == (
        str(STRANGER), None, "take", False)
    assert logged.ticket == ticket and "tidak terdaftar" in logged.detail
    assert any("refused" in r.getMessage() and str(STRANGER) in r.getMessage()
               for r in caplog.records)
    deliver(runtime)
    [answer] = tg_server.calls_to("answerCallbackQuery")
    assert answer.params["show_alert"] is True and "tidak terdaftar" in answer.params["text"]


def test_an_officer_takes_a_complaint_with_the_button(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    assert officer(app, PETUGAS).press(f"take:{ticket}") == "officer"
    found = complaint(runtime, ticket)
    assert found.assigned_to == "Petugas Pengaduan" and found.stage == "received"
    take = found.events[-1]
    assert (take.action, take.from_stage, take.to_stage, take.actor_role) == (
        "take", "received", "received", "petugas")
    deliver(runtime)
    answer = tg_server.calls_to("answerCallbackQuery")[0].params
    assert answer.get("show_alert") in (None, False)
    assert "diambil oleh Petugas Pengaduan" in tg_server.sent_texts(OFFICER_CHAT)[-1]


@pytest.mark.parametrize(("who", "command", "reason"), [
    (PETUGAS, "/tahap {t}", None),                                 # allowed: step 2
    (PENYUSUN, "/tahap {t}", "dilakukan oleh"),                    # wrong role for step 2
    (PETUGAS, "/tahap {t} signed", "tidak boleh dilompati"),       # out of order
    (SEKSI["lantaskim"], "/teruskan {t} tu", "seksi Anda"),        # not forwarded to them
    (PETUGAS, "/identitas {t}", "hanya untuk"),
], ids=["petugas-ok", "wrong-role", "skip-ahead", "seksi-forward", "petugas-identity"])
def test_roles_and_order_are_enforced(app, runtime, who, command, reason):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    result = officer(app, who).send(command.format(t=ticket))
    found = complaint(runtime, ticket)
    last = actions(runtime)[-1]
    if reason is None:
        assert result == "officer" and found.stage == "reported_to_kasi" and last.allowed
        return
    assert result == "refused" and not last.allowed and reason in last.detail
    assert found.stage == "received" and len(found.events) == 1


def test_a_transition_without_its_inputs_is_refused(app, runtime):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reported_to_kasi")
    assert officer(app, KASI).send(f"/tahap {ticket}") == "refused"
    assert "arahan" in actions(runtime)[-1].detail
    walk_to_reviewed = officer(app, KASI).send(f"/tahap {ticket} koordinasi dengan Lantaskim")
    assert walk_to_reviewed == "officer"
    assert officer(app, SEKSI["intalkim"]).send(f"/tahap {ticket} benar") == "refused"
    assert officer(app, SEKSI["lantaskim"]).send(f"/tahap {ticket} mungkin") == "refused"
    assert "benar / tidak benar" in actions(runtime)[-1].detail
    assert complaint(runtime, ticket).stage == "reviewed"


def test_the_whole_sop_on_telegram_tells_the_complainant_three_times_then_asks_a_rating(
        app, runtime, tg_server):
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    deliver(runtime)
    before = len(tg_server.sent_texts(CITIZEN))
    walk_to(app, ticket, "archived")
    deliver(runtime)
    updates = tg_server.sent_texts(CITIZEN)[before:]
    assert len(updates) == 4
    assert "Diteruskan ke seksi terkait" in updates[0]
    assert "nilai penanganan" in updates[3] and ticket in updates[3]
    assert "Sudah ditindaklanjuti" in updates[1]
    assert "Selesai" in updates[2] and "terbukti benar" in updates[2]
    assert "pembinaan" in updates[2] and "mohon maaf" in updates[2]
    # the outcome ends with one thanks, without a "next step: none; thank you" before it
    assert updates[2].count("Terima kasih atas laporan Anda") == 1
    assert "Langkah berikutnya" not in updates[2]
    found = complaint(runtime, ticket)
    stages = [(e.from_stage, e.to_stage) for e in found.events if e.action == "stage"]
    assert stages == [("received", "reported_to_kasi"), ("reported_to_kasi", "reviewed"),
                      ("reviewed", "examined"), ("examined", "followed_up"),
                      ("followed_up", "report_drafted"), ("report_drafted", "initialed"),
                      ("initialed", "signed"), ("signed", "reported"), ("reported", "archived")]
    assert (found.verdict, found.follow_up, found.section) == ("benar", "pembinaan", "lantaskim")


def test_not_true_skips_the_follow_up(app, runtime):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reviewed")
    lantaskim = officer(app, SEKSI["lantaskim"])
    assert lantaskim.send(f"/tahap {ticket} tidak_benar tidak ditemukan bukti") == "refused"
    assert "memerlukan nomor dan tanggal BAP" in actions(runtime)[-1].detail
    assert complaint(runtime, ticket).stage == "reviewed"     # nothing recorded without the BAP
    assert lantaskim.send(f"/tahap {ticket} tidak_benar BAP No. 12/2026 tgl 01-12-2026, tidak "
                          "ditemukan bukti") == "officer"
    found = complaint(runtime, ticket)
    assert (found.verdict, found.bap_number, found.bap_date) == (
        "tidak_benar", "12/2026", dt.date(2026, 12, 1))
    assert lantaskim.send(f"/tahap {ticket} pembinaan") == "refused"
    assert officer(app, PENYUSUN).send(f"/tahap {ticket}") == "officer"
    assert complaint(runtime, ticket).stage == "report_drafted"


def test_a_stage_change_sends_exactly_one_whatsapp_update(app, runtime, tw_server):
    from tests.test_conversation import file_complaint
    phone = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, _ = file_complaint(phone)
    walk_to(app, ticket, "reported_to_kasi")
    deliver(runtime)
    assert tw_server.sent_messages() == []          # step 2 is internal
    walk_to(app, ticket, "reviewed", start="reported_to_kasi")
    deliver(runtime)
    [sent] = tw_server.sent_messages()
    assert sent.params["To"] == "whatsapp:+6281234567890"
    assert sent.params["From"] == "whatsapp:+628115773337"
    assert ticket in sent.params["Body"] and "Diteruskan ke seksi terkait" in sent.params["Body"]
    assert "ContentSid" not in sent.params


def test_after_24_hours_whatsapp_gets_the_approved_template(app, runtime, tw_server, clock):
    from tests.test_conversation import file_complaint
    phone = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, _ = file_complaint(phone)
    walk_to(app, ticket, "reported_to_kasi")
    clock.advance(hours=25)
    assert officer(app, KASI).send(f"/tahap {ticket} periksa loket 3") == "officer"
    assert officer(app, PETUGAS).send(f"/balas {ticket} Terima kasih, sedang kami periksa.") \
        == "officer"
    deliver(runtime)
    update, relay = tw_server.sent_messages()
    spec = runtime.config.office_config.whatsapp_templates
    assert update.params["ContentSid"] == spec["status_update"].sid("id")
    assert "Body" not in update.params
    variables = json.loads(update.params["ContentVariables"])
    assert variables["1"] == ticket and variables["2"].startswith("Diteruskan")
    assert relay.params["ContentSid"] == spec["officer_reply"].sid("id")
    assert json.loads(relay.params["ContentVariables"])["2"].startswith("Terima kasih")


def test_confidential_identity_stays_out_of_the_group(app, runtime, tg_server, clock):
    citizen = TelegramUser(app.test_client(), CITIZEN, first_name="Siti")
    for said in ("halo", "Sampaikan pengaduan", "Petugas loket minta uang 500rb biar cepat jadi",
                 "Lanjut", "Pungutan liar, calo, atau suap", "Kemarin", "1", "Lewati", "Lanjut",
                 "Lewati", "1", "Ya, rahasiakan", "Kirim pengaduan"):   # "Lewati": the outcome
        # "1", not the label 'Pakai nama "Siti"': bot/conversation/intake.py does not read that label yet.
        citizen.send(said)
    with runtime.store.unit() as unit:
        filed = unit.session.scalars(select(Complaint)).one()
    assert filed.identity_mode == "confidential" and filed.reporter_name == "Siti"
    # the group knows of a sensitive complaint from its alert's slot (bot.desk.privacy.released)
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)             # the petugas's step ping, held for that slot too, goes first
    group = officer(app, PETUGAS)
    assert group.send(f"/lihat {filed.ticket}") == "refused"      # sensitive: private chats only
    assert officer(app, PETUGAS, private=True).send(f"/lihat {filed.ticket}") == "officer"
    officer(app, KASI, private=True).send(f"/identitas {filed.ticket}")
    assert officer(app, KASI).send(f"/identitas {filed.ticket}") == "refused"
    deliver(runtime)
    group_text = "\n".join(tg_server.sent_texts(OFFICER_CHAT))
    assert filed.ticket in group_text and "sensitif" in group_text
    assert "Siti" not in group_text and str(CITIZEN) not in group_text
    assert "minta uang" not in group_text                          # nor the story
    for leader in (KASI, KEPALA):
        assert any("Siti" in t and "minta uang" in t for t in tg_server.sent_texts(leader))
    assert any(str(CITIZEN) in t for t in tg_server.sent_texts(KASI))   # /identitas: in full
    ping, seen = tg_server.sent_texts(PETUGAS)          # their step's ping, then /lihat
    assert "Giliran Anda" in ping and "minta uang" not in ping and "Siti" not in ping
    assert "dirahasiakan" in seen and "minta uang" in seen and "Siti" not in seen
    shown = [a for a in actions(runtime) if a.action == "identity" and a.allowed]
    assert shown and shown[0].actor_id == str(KASI)


def test_only_the_leaders_open_a_sensitive_story_to_the_group_by_retyping(app, runtime,
                                                                          tg_server):
    """A levy or an officer's conduct is told to the leaders only: its story stays out of the
    group, where the officer reported may read it. Retyping it to an ordinary type opens the
    story to the group (alerts, /lihat), so only Kasi Tikkim or the Kepala Kantor may do that;
    any front officer may still retype it to another sensitive type."""
    citizen = TelegramUser(app.test_client(), CITIZEN, first_name="Siti")
    for said in ("halo", "Sampaikan pengaduan", "Petugas loket minta uang 500rb biar cepat jadi",
                 "Lanjut", "Pungutan liar, calo, atau suap", "Kemarin", "1", "Lewati", "Lanjut",
                 "Lewati", "1", "Ya, rahasiakan", "Kirim pengaduan"):   # "Lewati": the outcome
        citizen.send(said)
    with runtime.store.unit() as unit:
        ticket = unit.session.scalars(select(Complaint)).one().ticket
    petugas = officer(app, PETUGAS, private=True)
    assert petugas.send(f"/jenis {ticket} paspor") == "refused"
    assert complaint(runtime, ticket).type == "pungli"
    assert officer(app, PETUGAS).send(f"/lihat {ticket}") == "refused"    # still private only
    assert petugas.send(f"/jenis {ticket} perilaku_petugas") == "officer"   # still sensitive
    assert officer(app, KASI, private=True).send(f"/jenis {ticket} paspor") == "officer"
    assert complaint(runtime, ticket).type == "paspor"
    deliver(runtime)
    assert any("Kasi Tikkim" in t and "sensitif" in t for t in tg_server.sent_texts(PETUGAS))


def test_officer_commands_list_view_retype_forward_and_relay(app, runtime, tg_server, clock):
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    group = officer(app, KASI)
    assert group.send(f"/jenis {ticket} perlintasan") == "officer"
    assert group.send(f"/teruskan {ticket} inteldakim") == "officer"
    assert group.send(f"/kabar {ticket} Pengaduan Anda sedang kami telaah.") == "officer"
    clock.advance(minutes=30)
    assert group.send("/aduan") == "officer"
    assert group.send(f"/lihat {ticket}") == "officer"
    assert officer(app, SEKSI["lantaskim"], private=True).send(f"/lihat {ticket}") == "refused"
    deliver(runtime)
    found = complaint(runtime, ticket)
    assert (found.type, found.type_source, found.type_changed_by, found.section) == (
        "perlintasan", "officer", "officer", "inteldakim")
    assert [e.action for e in found.events][1:] == ["retype", "forward", "update"]
    group_texts = tg_server.sent_texts(OFFICER_CHAT)
    listing = next(t for t in group_texts if "Pengaduan terbuka" in t)
    assert ticket in listing and "⚠️" in listing          # 10 service minutes are long gone
    detail = next(t for t in group_texts if "Riwayat" in t and ticket in t)
    assert "Jenis diubah: Layanan paspor → Pemeriksaan perlintasan (pelabuhan/bandara/PLB)" \
        in detail
    assert "received" not in detail and ": paspor" not in detail   # no internal keys
    assert "sedang kami telaah" in tg_server.sent_texts(CITIZEN)[-1]


def test_help_is_in_indonesian_and_names_the_role(app, runtime, tg_server):
    assert officer(app, SEKSI["tu"], private=True).send("/bantuan") == "officer"
    assert officer(app, KASI, private=True).send("/bantuan") == "officer"
    deliver(runtime)
    seksi = tg_server.sent_texts(SEKSI["tu"])[0]
    assert "Perintah petugas" in seksi and "Seksi Terkait, Subbagian Tata Usaha" in seksi
    assert "Langkah 4" in seksi and "/tahap" in seksi
    assert "/teruskan" not in seksi and "/identitas" not in seksi and "/rekap" not in seksi
    kasi = tg_server.sent_texts(KASI)[0]
    assert "/teruskan" in kasi and "/identitas" in kasi and "/plh" in kasi and "paraf" in kasi

def test_the_leaders_private_notice_names_the_type_without_its_key(app, runtime, tg_server):
    """A sensitive complaint's story goes to Kasi Tikkim and the Kepala privately; its type
    reads as people say it, never with the configuration key ("(pungli)")."""
    from tests.support.intake import walk
    citizen = TelegramUser(app.test_client(), CITIZEN)

    def say(text: str) -> str:
        assert citizen.send(text) == "complainant"
        with runtime.store.unit() as unit:
            return unit.outbox_items(kind="reply", address=str(CITIZEN))[-1].body
    for said in ("halo", "Sampaikan pengaduan", "Petugas loket minta uang 500rb biar cepat"):
        say(said)
    assert "Pengaduan Anda tentang apa" in say("Lanjut")
    walk(say, say("Pungutan liar, calo, atau suap"))
    deliver(runtime)
    for leader in (KASI, KEPALA):
        [notice] = [t for t in tg_server.sent_texts(leader) if "untuk pimpinan" in t]
        assert "Jenis: </b>Pungutan liar, calo, atau suap\n" in notice
        assert "(pungli)" not in notice


def test_the_history_names_the_channel_as_people_know_it(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    assert officer(app, KASI, private=True).send(f"/lihat {ticket}") == "officer"
    deliver(runtime)
    shown = tg_server.sent_texts(KASI)[-1]
    assert "Pengaduan diterima melalui Telegram" in shown and "kanal telegram" not in shown


def test_a_mistyped_ticket_or_an_english_command_is_understood(app, runtime):
    """'Cara pakai' alone did not say that the ticket was the problem; English verbs work."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    petugas = officer(app, PETUGAS)
    assert petugas.send(f"/ambil {ticket[:-1]}") == "refused"
    assert f"Nomor tiket {ticket[:-1]} tidak dikenali" in actions(runtime)[-1].detail
    assert petugas.send("/ambil") == "refused"
    assert actions(runtime)[-1].detail == "Cara pakai: /ambil TIKET"
    assert petugas.send(f"/take   {ticket}  ") == "officer"
    assert complaint(runtime, ticket).assigned_to == "Petugas Pengaduan"


def test_a_citizen_typing_an_officer_command_in_private_is_shown_the_way(app, runtime):
    """'Permintaan ini dicatat' is for a stranger in the officers' group; a citizen who types
    /lihat in their own chat is told how to follow their complaint."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    assert TelegramUser(app.test_client(), STRANGER).send(f"/lihat {ticket}") == "refused"
    said = actions(runtime)[-1].detail
    assert "khusus untuk petugas kantor" in said and "*status*" in said
    assert "dicatat" not in said
    assert officer(app, STRANGER).send(f"/lihat {ticket}") == "refused"     # in the group
    assert "Permintaan ini dicatat" in actions(runtime)[-1].detail


def test_a_message_naming_a_concealed_complainant_cannot_be_forwarded(app, runtime, tg_server):
    """/identitas and a leader's /lihat of a confidential complaint name the complainant in a
    private chat: Telegram is asked not to let that message be forwarded or saved
    (protect_content), so the name stays in the chat of the leader who asked. What every
    officer reads is sent as usual."""
    citizen = TelegramUser(app.test_client(), CITIZEN, first_name="Siti")
    for said in ("halo", "Sampaikan pengaduan", "Petugas loket minta uang 500rb biar cepat jadi",
                 "Lanjut", "Pungutan liar, calo, atau suap", "Kemarin", "1", "Lewati", "Lanjut",
                 "Lewati", "1", "Ya, rahasiakan", "Kirim pengaduan"):   # "Lewati": the outcome
        citizen.send(said)
    with runtime.store.unit() as unit:
        ticket = unit.session.scalars(select(Complaint)).one().ticket
    officer(app, KASI, private=True).send(f"/identitas {ticket}")
    officer(app, KEPALA, private=True).send(f"/lihat {ticket}")
    officer(app, PETUGAS, private=True).send(f"/lihat {ticket}")
    deliver(runtime)
    named = [c for who in (KASI, KEPALA) for c in tg_server.sent_messages(who)
             if "Siti" in str(c.params.get("text"))]
    assert named and all(str(c.params.get("protect_content")).lower() == "true" for c in named)
    [seen] = [c for c in tg_server.sent_messages(PETUGAS) if ticket in str(c.params.get("text"))
              and "Giliran" not in str(c.params.get("text"))]
    assert "Siti" not in str(seen.params.get("text")) and not seen.params.get("protect_content")
