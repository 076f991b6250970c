"""The Twilio webhook refuses what it must, writes nothing when it refuses, and copes with odd input."""
from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import func, select

from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict

from handlers.twilio_webhook import SignatureCheck, split_text
from storage.models import Complainant, Complaint, ConversationState, Message
from tests.support.privacy import found_in_tables
from tests.support.twilio_chat import WEBHOOK_PATH, TwilioSender, new_sid, read_twiml


def rows(runtime) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return {model.__tablename__: unit.session.scalar(select(func.count()).select_from(model))
                for model in (Message, Complainant, ConversationState, Complaint)}


EMPTY = {"messages": 0, "complainants": 0, "conversation_states": 0, "complaints": 0}


# --- refused, nothing written ------------------------------------------------------------------
def test_forged_signature_is_refused_and_writes_nothing(phone, runtime):
    response = phone.post(phone.form("halo"), signature="bm90IGEgcmVhbCBzaWduYXR1cmU=")
    assert response.status_code == 403
    assert rows(runtime) == EMPTY


def test_missing_signature_is_refused(phone, runtime):
    response = phone.client.post(WEBHOOK_PATH, data=phone.form("halo"),
                                 base_url=phone.settings.public_base_url)
    assert response.status_code == 403
    assert rows(runtime) == EMPTY


def test_signature_for_a_tampered_body_is_refused(phone, runtime):
    form = phone.form("halo")
    signature = phone.validator.compute_signature(phone.url, form)
    form["Body"] = "status TRK-2222-3333"
    assert phone.post(form, signature=signature).status_code == 403
    assert rows(runtime) == EMPTY


def test_signature_checked_against_the_public_url_not_the_internal_one(phone, runtime):
    form = phone.form("halo")
    internal = "http://localhost" + WEBHOOK_PATH  # what Flask sees behind the proxy
    signature = phone.validator.compute_signature(internal, form)
    assert phone.post(form, signature=signature).status_code == 403
    assert rows(runtime) == EMPTY


URLS = ["https://aduan.example.go.id/webhooks/twilio", "https://aduan.example.go.id:443/webhooks/twilio",
        "http://127.0.0.1:8000/webhooks/twilio?x=1&bodySHA256=abc", "http://localhost/webhooks/twilio"]
FORMS = [MultiDict(), MultiDict({"Body": "halo", "From": "whatsapp:+6281200000000"}),
         MultiDict([("Body", "ñ 🙏 <&>"), ("Body", "a"), ("Body", "a"), ("NumMedia", "0")])]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("form", FORMS)
def test_signature_check_answers_as_twilios_validator(url, form):
    """The webhook's own check accepts and refuses exactly what twilio's RequestValidator does:
    signed over the URL with or without its port, any other URL, token or body refused."""
    token = "0123456789abcdef0123456789abcdef"
    library, ours = RequestValidator(token), SignatureCheck(token)
    parsed = url.split("/webhooks")[0]
    variants = {url, url.replace(parsed, parsed.split(":8000")[0].replace(":443", "")),
                url.replace("https://aduan.example.go.id", "https://aduan.example.go.id:443"),
                url.replace("http://localhost", "http://localhost:80"), url + "/", url.upper()}
    forged = MultiDict(form)
    forged.add("Extra", "1")
    signatures = {library.compute_signature(v, f) for v in variants for f in (form, forged)}
    signatures |= {RequestValidator("another-token").compute_signature(url, form), "", "x",
                   "ñ" * 28, library.compute_signature(url, form) + " "}
    for signature in signatures:
        assert ours.validate(url, form, signature) == library.validate(url, form, signature)
    assert ours.validate(url, form, library.compute_signature(url, form))


def test_another_accounts_request_is_refused(phone, runtime):
    form = phone.form("halo", AccountSid="AC" + "2" * 32)
    assert phone.post(form).status_code == 400
    assert rows(runtime) == EMPTY


@pytest.mark.parametrize("change", [
    {"From": ""}, {"MessageSid": ""}, {"MessageSid": "not-a-sid"}, {"From": "whatsapp:hello"},
    {"NumMedia": "two"}, {"NumMedia": "-1"}, {"NumMedia": "99"}, {"NumMedia": "1"},
    {"NumMedia": "1", "MediaUrl0": "javascript:alert(1)"}, {"Body": "x" * 10_001},
], ids=lambda c: ",".join(f"{k}={v[:12]}" for k, v in c.items()))
def test_malformed_but_signed_requests_get_400_and_write_nothing(phone, runtime, change):
    form = phone.form("halo")
    form.update(change)
    response = phone.post(form)
    assert response.status_code == 400
    assert "bad request" in response.get_data(as_text=True)
    assert rows(runtime) == EMPTY


def test_huge_body_is_refused_before_parsing(phone, runtime):
    form = phone.form("x" * 300_000)
    response = phone.post(form)
    assert response.status_code == 413
    assert rows(runtime) == EMPTY


def test_wrong_method_and_content_type(phone, runtime):
    assert phone.client.get(WEBHOOK_PATH).status_code == 405
    response = phone.client.post(WEBHOOK_PATH, data=b"\xff\xfe{}", content_type="application/json",
                                 headers={"X-Twilio-Signature": "x"},
                                 base_url=phone.settings.public_base_url)
    assert response.status_code == 403
    assert rows(runtime) == EMPTY


def test_undecodable_bytes_in_a_signed_body_do_not_crash(phone, runtime):
    body = "halo \udcff".encode("utf-8", "surrogateescape").decode("latin-1")
    response = phone.send(body)
    assert response.status_code in (200, 403)
    assert response.status_code != 500


# --- retries ----------------------------------------------------------------------------------
def test_replayed_message_sid_changes_nothing_and_gets_its_answer_again(phone, runtime):
    """Twilio retries a webhook whose answer it did not get: the person never saw that answer,
    so the retry gets it again; nothing is done twice."""
    sid = new_sid()
    phone.say("halo")
    first = phone.send("1", sid=sid)
    assert "Ceritakan" in first.get_data(as_text=True)
    before = rows(runtime)
    with runtime.store.unit() as unit:
        version = unit.session.scalars(select(ConversationState)).one().version
    again = phone.send("1", sid=sid)
    assert again.status_code == 200
    assert read_twiml(again.get_data(as_text=True)) == read_twiml(first.get_data(as_text=True))
    assert rows(runtime) == before
    with runtime.store.unit() as unit:
        assert unit.session.scalars(select(ConversationState)).one().version == version


def test_replayed_confirmation_files_only_one_complaint(phone, runtime):
    for text in ("halo", "1", "calo di depan kantor minta 1,6jt", "lanjut", "4", "1", "1",
                 "lewati", "lanjut", "lewati", "3"):    # "lewati": what they want done (levy)
        phone.say(text)
    sid = new_sid()
    assert "tercatat" in phone.send("1", sid=sid).get_data(as_text=True)
    phone.send("1", sid=sid)
    assert rows(runtime)["complaints"] == 1


def test_a_retried_filing_repeats_the_ticket_and_says_how_to_get_a_pin(phone, runtime):
    """The PIN is never stored in clear, so it cannot be repeated: the retry gives the ticket,
    says the PIN is not shown again, that the ticket alone works from this number, and how to
    get a new PIN."""
    for text in ("halo", "1", "calo di depan kantor minta 1,6jt", "lanjut", "4", "1", "1",
                 "lewati", "lanjut", "lewati", "3"):    # "lewati": what they want done (levy)
        phone.say(text)
    sid = new_sid()
    filed = phone.send("1", sid=sid).get_data(as_text=True)
    ticket = re.search(r"TRK-[\w-]{9}", filed).group(0)
    pin = re.search(r"PIN: \*(\d{6})\*", filed).group(1)
    before = rows(runtime)
    again = "\n".join(read_twiml(phone.send("1", sid=sid).get_data(as_text=True)))
    assert ticket in again and pin not in again
    assert "PIN baru" in again and "Bicara dengan petugas" in again
    assert rows(runtime) == before
    assert found_in_tables(runtime, [pin]) == []
    other = TwilioSender(phone.client, phone.settings, number="+6281299900001")
    assert read_twiml(other.send("1", sid=sid).get_data(as_text=True)) == []   # not theirs


# --- unusual but valid -----------------------------------------------------------------------
def test_photo_without_text_at_first_contact(phone, runtime):
    reply = phone.says("", media=[("https://api.twilio.com/media/ME9", "image/jpeg")])
    assert "Selamat datang" in reply and "Apa yang bisa kami bantu?" in reply
    assert "Ceritakan" in phone.says("1")
    for text in ("foto tadi adalah antrian yang kacau di loket", "lanjut", "8", "1", "1",
                 "lewati", "lanjut"):
        phone.say(text)
    assert "*Bukti:* 1 berkas" in phone.says("anonim")
    phone.say("1")
    with runtime.store.unit() as unit:
        from storage.models import Attachment
        attachment = unit.session.scalars(select(Attachment)).one()
        assert attachment.complaint_id is not None and attachment.url.endswith("ME9")


def test_emoji_only_message_gets_a_helpful_reply(phone):
    phone.say("halo")
    reply = phone.says("🙏🙏🙏")
    assert "Apa yang bisa kami bantu?" in reply and "1. Sampaikan pengaduan" in reply


def test_sticker_gets_asked_for_text(phone, runtime):
    phone.say("halo")
    reply = phone.says("", media=[("https://api.twilio.com/media/ME5", "image/webp")])
    assert "balas dengan teks" in reply
    with runtime.store.unit() as unit:
        from storage.models import Attachment
        assert unit.session.scalar(select(func.count()).select_from(Attachment)) == 0


def test_location_is_read_as_the_place(phone, runtime):
    for text in ("halo", "1", "petugas di pelabuhan membentak saya", "lanjut", "5", "1"):
        phone.say(text)
    reply = phone.says("", Latitude="3.2875", Longitude="117.5853", Address="Pelabuhan Tengkayu")
    assert "Siapa atau unit mana" in reply
    for text in ("lewati", "lanjut", "lewati"):     # the last: what they want done (conduct)
        phone.say(text)
    summary = phone.says("anonim")
    assert "Pelabuhan Tengkayu" in summary and "3.2875" in summary


def test_a_5000_character_story_is_kept_whole_and_replies_fit_twilio_limits(phone, runtime):
    story = ("Saya sudah bolak-balik ke kantor imigrasi untuk urusan paspor anak saya. " * 70)[:5000]
    phone.say("halo")
    phone.say("1")
    phone.say(story)
    phone.say("lanjut")
    for text in ("8", "1", "1", "lewati", "lanjut"):
        phone.say(text)
    bubbles = phone.say("3")
    assert all(len(b) <= 1600 for b in bubbles)
    assert "Periksa pengaduan Anda" in bubbles[0]
    phone.say("1")
    with runtime.store.unit() as unit:
        assert unit.session.scalars(select(Complaint)).one().description == story.strip()


def test_split_text_respects_the_limit_and_keeps_every_word():
    text = "\n\n".join(f"Paragraf {i}: " + "kata " * 150 for i in range(8))
    pieces = split_text(text, 1600)
    assert all(len(p) <= 1600 for p in pieces) and len(pieces) > 1
    assert " ".join(pieces).split() == text.split()
    assert split_text("a" * 4000, 1600) == ["a" * 1600, "a" * 1600, "a" * 800]


# --- concurrency ------------------------------------------------------------------------------
def test_two_messages_of_one_complainant_handled_concurrently(make_app, db_url):
    """Two bubbles at once from one number: both kept, one consistent state, no lost update."""
    apps = [make_app(db_url) for _ in range(2)]  # two processes' worth of engines and pools
    phones = [TwilioSender(app.test_client(), rt.config.settings) for app, rt in apps]
    phones[0].say("halo")
    phones[0].say("1")
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def send(i: int) -> None:
        try:
            barrier.wait()
            response = phones[i % 2].send(f"bagian cerita nomor {i} tentang antrian panjang")
            assert response.status_code == 200
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    runtime = apps[0][1]
    with runtime.store.unit() as unit:
        state = unit.session.scalars(select(ConversationState)).one()
        assert sorted(state.data["story"]) == sorted(
            f"bagian cerita nomor {i} tentang antrian panjang" for i in range(8))
        inbound = unit.session.scalar(select(func.count()).select_from(Message)
                                      .where(Message.direction == "in"))
        assert inbound == 10
        assert unit.session.scalar(select(func.count()).select_from(Complainant)) == 1


def test_first_contact_race_creates_one_complainant(make_app, db_url):
    apps = [make_app(db_url) for _ in range(2)]
    barrier = threading.Barrier(4)
    results: list[int] = []

    def send(i: int) -> None:
        app, rt = apps[i % 2]
        sender = TwilioSender(app.test_client(), rt.config.settings, number="+628777000111")
        barrier.wait()
        results.append(sender.send(f"halo {i}").status_code)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert results == [200] * 4
    counts = rows(apps[0][1])
    assert counts["complainants"] == 1 and counts["conversation_states"] == 1


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "reachable"}


def test_healthz_reports_an_unreachable_database(make_app):
    app, _ = make_app("postgresql://postgres@127.0.0.1:1/nowhere")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"


def test_sms_replies_fit_the_gsm7_alphabet(make_app, db_url):
    """The greeting's emoji would make each SMS UCS-2: a third of the characters per segment.
    A name in another script is kept as written."""
    from handlers.sms_text import GSM7
    app, runtime = make_app(db_url)
    sms = TwilioSender(app.test_client(), runtime.config.settings, number="+6281200000002",
                       channel="sms", profile_name=None)
    for text in ("halo", "jam layanan"):
        reply = sms.says(text)
        assert reply and all(c in GSM7 for c in reply), reply
    assert "Senin-Kamis" in reply
    whatsapp = TwilioSender(app.test_client(), runtime.config.settings, number="+6281200000003")
    assert "🙏" in whatsapp.says("halo")


def test_sms_replies_carry_no_bold_markers(make_app, db_url, tg_server, tw_server):
    """SMS has no formatting: "balas *privasi*" would show its asterisks. The words stay, the
    markers go, in the webhook's answer and in what the worker sends; WhatsApp keeps them."""
    from tests.support.telegram import channel_env, deliver
    app, runtime = make_app(db_url, **channel_env(tg_server, tw_server))
    sms = TwilioSender(app.test_client(), runtime.config.settings, number="+6281200000004",
                       channel="sms", profile_name=None)
    greeting = sms.says("halo")
    assert "balas privasi untuk" in greeting and "*" not in greeting
    helped = sms.says("bantuan")
    assert "- menu:" in helped and "*" not in helped
    whatsapp = TwilioSender(app.test_client(), runtime.config.settings, number="+6281200000005")
    assert "*privasi*" in whatsapp.says("halo")
    with runtime.store.unit() as unit:
        unit.enqueue(kind="update", channel="sms", address="+6281200000004",
                     body="Pengaduan *TRK-7K3Q-9MXA* sedang *ditelaah*.", payload={},
                     at=runtime.engine.clock(), complainant_id=None)
    deliver(runtime)
    [sent] = tw_server.sent_messages("+6281200000004")
    assert sent.params["Body"] == "Pengaduan TRK-7K3Q-9MXA sedang ditelaah."
