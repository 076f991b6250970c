"""The officers' desk as the leaders met it (walks W24b and W26 F6, session 24): buttons only a
reader may use; an example BAP that cannot be taken for the number just refused; one Kanwil
reference for two complaints questioned; one person never both initials and signs a report;
the register says when the head of office was told of step 3.

Through the real app (Telegram updates against the local stand-in), on the test databases."""
from __future__ import annotations

import re
from typing import Any

import pytest

from bot.config import Officer
from bot.paperwork.exports import register_header, register_rows
from bot.paperwork.recap import Labels, register_row
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PETUGAS, SEKSI, TelegramUser,
                                    deliver, file_on_telegram, take_step)
from tests.test_desk_buttons import buttons_of
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(240)
CITIZEN, OTHER_CITIZEN = 555_241, 555_242
DEPUTY = 100_000_041          # a second deputy of the head of office, added to the roster
LANTASKIM = SEKSI["lantaskim"]


def lihat(app: Any, runtime: Any, tg_server: Any, who: int, ticket: str) -> set[str]:
    """The buttons under `who`'s private /lihat of the ticket."""
    assert officer(app, who, private=True).send(f"/lihat {ticket}") == "officer"
    deliver(runtime)
    [message] = [m for m in tg_server.messages_in(who)[-1:] if "Riwayat" in m["text"]]
    return set(buttons_of(message))


def last_text(tg_server: Any, chat: int) -> str:
    return tg_server.sent_texts(chat)[-1]


def add_deputy(runtime: Any) -> None:
    runtime.config.office_config.roster.append(Officer(
        telegram_id=DEPUTY, name="Rudi Hartono", role="seksi", section="lantaskim",
        deputy_capacity="plt"))


# --- 1. buttons that fit the reader ----------------------------------------------------------
def test_the_leaders_lihat_carries_no_ambil_and_the_petugas_does(app, runtime, tg_server):
    """Step 4: taking a complaint is a petugas' act; Kasi Tikkim and the Kepala read Lihat only
    (the section's verdict buttons are the section's)."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reviewed")
    view = f"view:{ticket}"
    assert lihat(app, runtime, tg_server, KASI, ticket) == {view}
    assert lihat(app, runtime, tg_server, KEPALA, ticket) == {view}
    assert lihat(app, runtime, tg_server, PETUGAS, ticket) == {f"take:{ticket}:reviewed", view}
    assert f"vd:{ticket}:reviewed:b" in lihat(app, runtime, tg_server, LANTASKIM, ticket)


def test_the_kasi_is_not_offered_the_petugas_step_ten(app, runtime, tg_server):
    """Step 10 (Catat inventaris) is the petugas' while one can do it: Kasi Tikkim's /lihat
    has neither its button nor Ambil; the petugas' has both."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reported")
    step_ten = f"go:{ticket}:reported"
    assert lihat(app, runtime, tg_server, KASI, ticket) == {f"view:{ticket}"}
    petugas = lihat(app, runtime, tg_server, PETUGAS, ticket)
    assert {step_ten, f"take:{ticket}:reported"} <= petugas


def test_a_deputy_standing_in_gets_the_signature_button_and_nothing_else(
        app, runtime, tg_server):
    """The Plt. of an absent head of office: his standing gives him step 8's button, not
    Ambil."""
    add_deputy(runtime)
    assert officer(app, KEPALA, private=True).send("/plh Rudi") == "officer"
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "initialed")
    shown = lihat(app, runtime, tg_server, DEPUTY, ticket)
    assert f"go:{ticket}:initialed" in shown
    assert not any(b.startswith("take:") for b in shown)


def test_a_refused_bap_is_not_given_back_as_the_example(app, runtime, tg_server):
    """The walker's number, W18.IMI.IMI.3-PW.01.01-0042, refused as another complaint's: the
    usage's example and the question asked again show another number."""
    refused = "W18.IMI.IMI.3-PW.01.01-0042"
    first = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, first, "reviewed")
    assert take_step(officer(app, LANTASKIM), first,
                     f"benar BAP {refused} 2026-12-01 selesai") == "officer"
    second = file_on_telegram(TelegramUser(app.test_client(), OTHER_CITIZEN), runtime)
    walk_to(app, second, "reviewed")
    seksi = officer(app, LANTASKIM, private=True)
    assert seksi.send(f"/tahap {second} benar BAP {refused} 2026-12-01 loket lalai") \
        == "refused"
    deliver(runtime)
    said = last_text(tg_server, LANTASKIM)
    assert f"Nomor BAP {refused} sudah tercatat untuk {first}" in said
    [example] = re.findall(r"mis\. (/tahap [^;]+?)(?:;|\.$)", said.split(
        "Untuk langkah ini: ", 1)[1])
    assert "0042" not in example and re.search(r"W18\.IMI\.IMI\.3-PW\.01\.01-\d{4}", example)
    # the forced reply to the Benar button, asked again: its example is another number too
    from tests.test_desk_buttons import press
    deliver(runtime)
    assert press(app, tg_server, LANTASKIM, f"vd:{second}:reviewed:b") == "officer"
    deliver(runtime)
    prompt = tg_server.messages_in(OFFICER_CHAT)[-1]
    assert officer(app, LANTASKIM).reply(f"{refused} 1 Desember 2026 lalai",
                                         to=prompt) == "refused"
    deliver(runtime)
    again = tg_server.messages_in(OFFICER_CHAT)[-1]["text"]
    assert f"sudah tercatat untuk {first}" in again
    assert "-0042 " not in again.split("mis.:", 1)[1]
    assert complaint(runtime, second).bap_number is None


# --- 2. one Kanwil reference, two complaints ---------------------------------------------------
def step_nine_to_summary(app: Any, ticket: str, reference: str) -> TelegramUser:
    """Step 9 in the petugas' private chat up to the summary, by letter, with `reference`."""
    user = officer(app, PETUGAS, private=True)
    assert user.send(f"/tahap {ticket}") == "officer"
    for said in ("Pengaduan Anda sudah kami tindak lanjuti; mohon maaf.",
                 "Ya, pakai pesan ini", "Surat", "Hari ini", reference):
        assert user.send(said) == "officer", said
    return user


def test_a_kanwil_reference_another_complaint_holds_is_questioned_and_kept_when_joint(
        app, runtime, tg_server):
    reference = "W18.IMI.IMI.3-UM.01.01-0777"
    first = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, first, "signed")
    user = step_nine_to_summary(app, first, reference)
    assert user.send("Kirim dan catat") == "officer"
    assert complaint(runtime, first).stage == "reported"
    second = file_on_telegram(TelegramUser(app.test_client(), OTHER_CITIZEN), runtime)
    walk_to(app, second, "signed")
    deliver(runtime)
    user = step_nine_to_summary(app, second, reference.lower().replace("-0777", " -0777"))
    deliver(runtime)
    summary = last_text(tg_server, PETUGAS)
    assert f"sudah tercatat sebagai laporan ke Kanwil untuk {first}" in summary
    assert "Laporan bersama" in summary and "Ubah nomor" in summary
    # the usual confirmation is not enough: asked again, nothing recorded
    assert user.send("Kirim dan catat") == "officer"
    deliver(runtime)
    assert "Laporan bersama" in last_text(tg_server, PETUGAS)
    assert complaint(runtime, second).stage == "signed"
    # a typo: asked again, and a new number goes through as usual
    assert user.send("Ubah nomor") == "officer"
    assert user.send(reference) == "officer"                 # the same slip once more
    deliver(runtime)
    assert f"untuk {first}" in last_text(tg_server, PETUGAS)
    # one report that covers both: said so, recorded for both, and the trail says it
    assert user.send("Laporan bersama") == "officer"
    found = complaint(runtime, second)
    assert found.stage == "reported" and found.kanwil_reference.startswith(reference)
    assert complaint(runtime, first).kanwil_reference.startswith(reference)
    assert "laporan bersama" in [e for e in found.events if e.to_stage == "reported"][-1].note


# --- 3. initials and signature by two people -------------------------------------------------
def test_the_plh_who_initialled_a_report_may_not_sign_it_and_is_told_who_may(
        app, runtime, tg_server):
    """Kasi Tikkim, the head's Plh. while he is away, initials the report at step 7: his
    signature on it is refused (typed, and his /lihat offers no button), naming the Kepala
    (on return) and the other deputy; that deputy signs once named."""
    assert officer(app, KEPALA, private=True).send("/plh Kasi Tikkim") == "officer"
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "initialed")
    kasi = officer(app, KASI, private=True)
    assert kasi.send(f"/tahap {ticket}") == "refused"
    deliver(runtime)
    said = last_text(tg_server, KASI)
    assert "sudah memaraf laporan" in said and "tidak boleh oleh orang yang sama" in said
    assert "Kepala Kantor) setelah kembali bertugas: /kembali" in said
    assert "Tidak ada yang dicatat" in said
    assert kasi.press(f"go:{ticket}:initialed") == "refused"
    assert kasi.press(f"ok:{ticket}:initialed") == "refused"
    assert complaint(runtime, ticket).stage == "initialed"
    assert f"go:{ticket}:initialed" not in lihat(app, runtime, tg_server, KASI, ticket)
    # another deputy on the roster is named, and signs once the head's absence names him
    add_deputy(runtime)
    assert kasi.send(f"/tahap {ticket}") == "refused"
    deliver(runtime)
    assert "Rudi Hartono sebagai Plt. Kepala Kantor: /plh Rudi Hartono" in last_text(
        tg_server, KASI)
    assert officer(app, KEPALA, private=True).send("/plh Rudi Hartono") == "officer"
    assert take_step(officer(app, DEPUTY, private=True), ticket, "", "signed") == "officer"
    signed = complaint(runtime, ticket)
    assert signed.stage == "signed" and signed.events[-1].capacity == "plt"


def test_the_kepala_still_signs_after_the_plh_initialled(app, runtime, tg_server):
    """Back at work, the head of office signs what his Plh. initialled."""
    assert officer(app, KEPALA, private=True).send("/plh Kasi Tikkim") == "officer"
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "initialed")
    assert officer(app, KEPALA).send("/kembali") == "officer"
    assert take_step(officer(app, KEPALA, private=True), ticket, "", "signed") == "officer"
    assert complaint(runtime, ticket).stage == "signed"


# --- 4. the register: when the head of office was told of step 3 -----------------------------
def register_of(runtime: Any, ticket: str, leaders: bool = True) -> dict[str, Any]:
    config = runtime.config.office_config
    with runtime.store.unit() as unit:
        found = unit.complaint_by_ticket(ticket)
        row = register_row(found, config.sensitive_types, leaders=leaders)
        [values] = register_rows([row], Labels.from_config(config), config.office.timezone)
    return dict(zip(register_header(config.office.timezone), values))


def test_the_register_says_when_the_review_was_sent_to_the_kepala(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reported_to_kasi")
    before = register_of(runtime, ticket)
    assert before["Penelaahan kepada Kepala Kantor (langkah 3)"] is None
    walk_to(app, ticket, "reviewed", start="reported_to_kasi")
    row = register_of(runtime, ticket)
    tz = runtime.config.office_config.office.tz
    [event] = [e for e in complaint(runtime, ticket).events if e.to_stage == "reviewed"]
    assert row["Penelaahan kepada Kepala Kantor (langkah 3)"] == \
        "Disampaikan kepada Kepala Kantor"
    assert row["Penelaahan Disampaikan kepada Kepala Kantor (WITA)"] == \
        event.at.astimezone(tz).replace(tzinfo=None)
