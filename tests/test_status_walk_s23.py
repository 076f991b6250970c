"""What a complainant is told about progress and status (walk W24a), through the real app on
WhatsApp, SMS, Telegram and the web chat:

1. after the section found a complaint "tidak benar" (step 5 skipped), the status said
   "Selesai diperiksa, sedang ditindaklanjuti" / "The findings are acted upon": the stage and
   the next step now follow the verdict (the report is what comes next), without telling the
   verdict before the outcome (step 9);
2. a finished complaint's next step read "Nothing more" beside "if you disagree, write it here":
   now one message (nothing more from the office; reply here if you disagree), and a "tidak
   benar" outcome names LAPOR! and the Ombudsman, in both languages;
3. a PIN of the wrong length on SMS ("1234", "PIN 0000") got the same "kirim PIN 6 angka": now
   it says what was wrong and counts no failed try; the lost-PIN help on SMS no longer talks
   about a web browser;
4. no message to the complainant ends with a space.
"""
from __future__ import annotations

import re

import pytest

from tests.support.telegram import (KASI, KEPALA, PENYUSUN, PETUGAS, SEKSI, TelegramUser,
                                    deliver, file_on_telegram, take_step)
from tests.support.twilio_chat import TwilioSender
from tests.support.webchat import WebVisitor
from tests.test_conversation_people import Person
from tests.test_officers import app, officer, runtime, step_nine, walk_to  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)
CITIZEN = 555_423
ENGLISH_STORY = ("I want to complain: my passport renewal has been pending for three weeks "
                 "without any news")
NOT_TRUE = "tidak benar BAP W18-0043 2026-12-01 berkas pemohon belum lengkap"
LAPOR, OMBUDSMAN = "lapor.go.id", "ombudsman.go.id"


def line(reply: str, head: str) -> str:
    """The reply's line that starts with `head` ("Status:", "Next step:"), asterisks dropped."""
    found = [x for x in reply.replace("*", "").splitlines() if x.startswith(head)]
    assert found, reply
    return found[0]


def not_true_to(app, ticket: str, stage: str, start: str = "received") -> None:  # type: ignore[no-untyped-def]
    """Move a paspor complaint along the SOP's "tidak benar" path (no step 5) from `start` up
    to `stage`."""
    if start == "received":
        walk_to(app, ticket, "reviewed")
    steps = [("examined", SEKSI["lantaskim"], NOT_TRUE), ("report_drafted", PENYUSUN, ""),
             ("initialed", KASI, ""), ("signed", KEPALA, "")]
    targets = [target for target, _, _ in steps]
    skip = targets.index(start) + 1 if start in targets else 0
    for target, who, args in steps[skip:]:
        assert take_step(officer(app, who), ticket, args, target) == "officer", target
        if target == stage:
            return
    user = officer(app, PETUGAS, private=True)
    assert user.send(f"/tahap {ticket}") == "officer"
    told = "Berkas Anda belum lengkap; sponsor belum mengirim surat."
    for said in (told, "Ya, pakai pesan ini") + step_nine(ticket):
        assert user.send(said) == "officer", said
    if stage == "archived":
        assert take_step(officer(app, PETUGAS), ticket, "", "archived") == "officer"


def pushed(runtime, tw_server, number: str) -> list[str]:  # type: ignore[no-untyped-def]
    deliver(runtime)
    return [m.params.get("Body", "") for m in tw_server.sent_messages()
            if number in (m.params.get("To") or "")]


# --- 1. the stage after "tidak benar" ----------------------------------------------------------
def test_after_tidak_benar_the_status_says_the_report_comes_next_everywhere(app, runtime,
                                                                            tw_server):
    from tests.test_conversation import file_complaint
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, pin = file_complaint(owner)
    not_true_to(app, ticket, "examined")
    sms = TwilioSender(app.test_client(), runtime.config.settings, number="+6285250009999",
                       channel="sms")
    sms.says(f"status {ticket}")
    web = WebVisitor(app.test_client())
    web.say(f"status {ticket} {pin}")
    shown = {"owner": owner.says("gimana pengaduan saya?"), "sms": sms.says(pin),
             "web": "\n".join(web.bubbles()[-2:])}
    for who, reply in shown.items():
        assert line(reply, "Status:") == "Status: Selesai diperiksa, laporan sedang disusun", \
            (who, reply)
        assert line(reply, "Langkah berikutnya:") == (
            "Langkah berikutnya: Laporan hasil pemeriksaan disusun dan disetujui pimpinan."), \
            (who, reply)
        # no follow-up is coming, and the verdict is told only with the outcome (step 9)
        assert "ditindaklanjuti" not in reply and "tidak terbukti" not in reply, (who, reply)
        assert "tidak benar" not in reply.lower(), (who, reply)
    for body in pushed(runtime, tw_server, owner.number):
        assert "ditindaklanjuti" not in body and "tidak terbukti" not in body, body


def test_a_true_verdict_still_reads_as_followed_up(app, runtime):
    from tests.test_conversation import file_complaint
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, _ = file_complaint(owner)
    walk_to(app, ticket, "examined")
    reply = owner.says("status")
    assert line(reply, "Status:") == "Status: Selesai diperiksa, sedang ditindaklanjuti", reply
    assert line(reply, "Langkah berikutnya:") == \
        "Langkah berikutnya: Hasil pemeriksaan ditindaklanjuti.", reply


# --- 1 and 2 in English: the stage, then the finished state ------------------------------------
def test_an_english_complainant_reads_the_not_true_path_and_the_outside_routes(app, runtime,
                                                                               tg_server):
    person = Person(app, runtime, "telegram", user_id=CITIZEN)
    ticket = file_on_telegram(person.user, runtime, story=ENGLISH_STORY,
                              answers={"What is your complaint about": "1"})
    not_true_to(app, ticket, "examined")
    reply = person.says("what is the status of my complaint?")
    assert line(reply, "Status:") == "Status: Examined, report being prepared", reply
    assert line(reply, "Next step:") == \
        "Next step: The report on the findings is written and approved by management.", reply
    assert "follow-up" not in reply.lower() and "acted upon" not in reply, reply
    assert "substantiated" not in reply, reply

    not_true_to(app, ticket, "reported", start="examined")
    deliver(runtime)
    outcome = [t for t in tg_server.sent_texts(CITIZEN) if "could not be substantiated" in t]
    assert outcome and LAPOR in outcome[-1] and OMBUDSMAN in outcome[-1], outcome
    assert "Ombudsman of the Republic of Indonesia" in outcome[-1]
    status = person.says("status")
    told = line(status, "Next step:")
    assert told.startswith("Next step: Nothing more from the office. If you disagree"), status
    assert "reply here" in told and LAPOR in told and OMBUDSMAN in told, status
    assert "Nothing more; thank you" not in status and "Tidak ada" not in status, status


def test_a_finished_not_true_complaint_names_the_outside_routes_in_indonesian(app, runtime,
                                                                              tw_server):
    from tests.test_conversation import file_complaint
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, _ = file_complaint(owner)
    not_true_to(app, ticket, "archived")
    [outcome] = [b for b in pushed(runtime, tw_server, owner.number) if "tidak terbukti" in b]
    assert LAPOR in outcome and OMBUDSMAN in outcome and "Ombudsman RI" in outcome, outcome
    status = owner.says("status")
    told = line(status, "Langkah berikutnya:")
    assert told.startswith("Langkah berikutnya: Tidak ada lagi dari kantor. Bila tidak "
                           "sependapat"), status
    assert "balas di sini" in told and LAPOR in told and OMBUDSMAN in told, status
    assert "Tidak ada; terima kasih" not in status, status


def test_a_finished_true_complaint_points_to_the_objection_not_to_nothing(app, runtime):
    from tests.test_conversation import file_complaint
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, _ = file_complaint(owner)
    walk_to(app, ticket, "archived")
    told = line(owner.says("status"), "Langkah berikutnya:")
    assert told == ("Langkah berikutnya: Tidak ada lagi dari kantor. Bila tidak sependapat "
                    "dengan hasilnya, atau ada bukti baru, balas di sini; petugas akan "
                    "membacanya."), told


# --- 3. a PIN of the wrong length, and the lost-PIN help, on SMS --------------------------------
def test_a_pin_of_the_wrong_length_on_sms_says_what_was_wrong_and_costs_no_try(app, runtime):
    from tests.test_conversation import file_complaint
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, pin = file_complaint(owner)
    sms = TwilioSender(app.test_client(), runtime.config.settings, number="+6285250008888",
                       channel="sms")
    assert "PIN 6 angka" in sms.says(f"cek {ticket}")
    short = sms.says("1234")
    assert "PIN terdiri dari 6 angka; yang Anda kirim 4 angka." in short, short
    assert "Sisa percobaan" not in short, short
    again = sms.says(f"status {ticket} PIN 0000")
    assert "yang Anda kirim 4 angka" in again and "Sisa percobaan" not in again, again
    long_ = sms.says("12345678")
    assert "yang Anda kirim 8 angka" in long_, long_
    wrong = "000000" if pin != "000000" else "111111"
    failed = sms.says(wrong)
    # the first real failure: the short and long ones were not counted
    limit = runtime.config.office_config.privacy.status_lookup.identity_failures
    assert f"Sisa percobaan: {limit - 1}." in failed, failed
    assert "Lupa PIN?" in failed and "browser" not in failed, failed
    assert "nomor atau akun tempat Anda mengadu" in failed, failed
    shown = sms.says(pin)
    assert f"Tiket {ticket}" in shown and "Status:" in shown, shown


def test_a_lost_pin_asked_on_sms_gets_no_web_browser_help(app, runtime):
    sms = TwilioSender(app.test_client(), runtime.config.settings, number="+6285250007777",
                       channel="sms")
    sms.says("halo")
    reply = sms.says("saya lupa PIN")
    assert "Lupa PIN?" in reply and "browser" not in reply and "chat web" not in reply, reply
    web = WebVisitor(app.test_client())
    web.say("halo")
    web.say("saya lupa PIN")
    assert "browser" in web.bubbles()[-1], web.bubbles()[-1]     # the web chat's own words


# --- 4. no message to the complainant ends with a space ----------------------------------------
def test_no_message_to_the_complainant_ends_with_a_space(app, runtime, tw_server):
    from tests.test_conversation import file_complaint
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, _ = file_complaint(owner)
    walk_to(app, ticket, "reported")
    bodies = pushed(runtime, tw_server, owner.number)
    assert len(bodies) >= 3, bodies
    bodies += owner.say("status") + owner.say("4")
    for body in bodies:
        assert body == body.rstrip() and not re.search(r"[ \t]\n", body), repr(body)
