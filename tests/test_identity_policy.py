"""The identity policy: three modes, who sees what, masked numbers, and the sensitive-type rule
in the conversation (a sensitive type is never filed openly named unless the person chose it)."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from bot import identity
from bot.config import load_office_config
from bot.identity import FILE, GROUP, Audience, Mode
from storage.models import Complaint, OutboxItem


@dataclass
class FakeComplaint:
    identity_mode: str
    reporter_name: str | None = "Budi Santoso"
    type: str = "paspor"


@dataclass
class FakePerson:
    channel: str = "whatsapp"
    address: str = "+6281234560001"


KASI_PRIVATE = Audience(role="kasi_tikkim", private=True)
KEPALA_PRIVATE = Audience(role="kepala_kantor", private=True)
PETUGAS_PRIVATE = Audience(role="petugas", private=True)
KASI_IN_GROUP = Audience(role="kasi_tikkim", private=False)


def test_a_number_is_masked_the_same_way_whatever_its_spelling():
    for spelled in ("+6281234560001", "6281234560001", "081234560001", "+62 812-3456-0001"):
        assert identity.mask_phone(spelled) == "+62 812-••••-0001"
    assert identity.mask_phone("12345") == "••••"


@pytest.mark.parametrize(("mode", "audience", "shown"), [
    ("named", GROUP, "Budi Santoso (WhatsApp +62 812-••••-0001)"),
    ("named", PETUGAS_PRIVATE, "Budi Santoso (WhatsApp +62 812-••••-0001)"),
    ("confidential", GROUP, identity.HIDDEN),
    ("confidential", PETUGAS_PRIVATE, identity.HIDDEN),
    ("confidential", KASI_IN_GROUP, identity.HIDDEN),          # a leader, but in the group
    ("confidential", KASI_PRIVATE, "Budi Santoso (WhatsApp +62 812-••••-0001) [RAHASIA]"),
    ("confidential", KEPALA_PRIVATE, "Budi Santoso (WhatsApp +62 812-••••-0001) [RAHASIA]"),
    ("anonymous", GROUP, identity.ANONYMOUS_LABEL),
    ("anonymous", KASI_PRIVATE, identity.ANONYMOUS_LABEL),    # nobody, ever
])
def test_who_sees_the_reporter(mode, audience, shown):
    complaint = FakeComplaint(mode, reporter_name=None if mode == "anonymous" else "Budi Santoso")
    assert identity.reporter(complaint, FakePerson(), audience) == shown


def test_the_full_number_only_for_a_leader_who_asks_in_private():
    named, hidden = FakeComplaint("named"), FakeComplaint("anonymous", None)
    assert "+6281234560001" in identity.reporter(named, FakePerson(), KASI_PRIVATE,
                                                 full_number=True)
    assert "+6281234560001" not in identity.reporter(named, FakePerson(), PETUGAS_PRIVATE,
                                                     full_number=True)
    assert "+6281234560001" not in identity.reporter(hidden, FakePerson(), KASI_PRIVATE,
                                                     full_number=True)
    telegram = FakePerson("telegram", "7123456789")
    assert "7123456789" not in identity.reporter(named, telegram, GROUP)
    assert "7123456789" in identity.reporter(named, telegram, KASI_PRIVATE, full_number=True)


def test_files_name_only_an_openly_named_complainant():
    assert identity.file_label(FakeComplaint("named")) == "Budi Santoso"
    assert identity.file_label(FakeComplaint("confidential")) == "Dirahasiakan"
    assert identity.file_label(FakeComplaint("anonymous", None)) == "Anonim"
    fields = identity.document_fields(FakeComplaint("confidential"))
    assert fields == {"complainant_name": None, "anonymous": False, "confidential": True}
    assert FILE == GROUP and not FILE.leader


@dataclass
class FakeComplainant(FakePerson):
    name: str | None = "Budi Santoso"
    profile_name: str | None = "Bunda Rafa"


@pytest.mark.parametrize(("mode", "text", "carried"), [
    ("named", "Pelapor: budi  SANTOSO", False),                 # the name of a named one: yes
    ("named", "Pelapor: Bunda Rafa", True),                      # a profile name: never
    ("named", "hubungi 0812-3456-0001", True),                   # a number: never
    ("named", "WA (+62) 812 3456 0001", True),
    ("confidential", "Pelapor: Budi\nSantoso", True),
    ("confidential", "Pelapor: Dirahasiakan; Budisantoso Raya", False),
    ("anonymous", "nomor surat W18.IMI-0001, tiket TRK-7K3Q-9MXA", False),
])
def test_files_never_carry_a_number_a_profile_or_a_concealed_name(mode, text, carried):
    traces = identity.file_traces(FakeComplaint(mode), FakeComplainant())
    assert traces.found_in(text) is carried
    assert not traces.found_in(traces.scrub(text))


def test_a_telegram_chat_id_is_a_trace_too_and_an_erased_person_leaves_the_name():
    telegram = FakeComplainant("telegram", "7300400544", profile_name=None)
    assert identity.file_traces(FakeComplaint("named"), telegram).found_in("id 7300 400 544")
    erased = identity.file_traces(FakeComplaint("confidential"), None)
    assert erased.found_in("Budi Santoso") and erased.numbers == ()


@pytest.mark.parametrize(("kind", "flags", "mode"), [
    ("paspor", {}, Mode.NAMED),
    ("paspor", {"confidential": True}, Mode.CONFIDENTIAL),
    ("paspor", {"anonymous": True}, Mode.ANONYMOUS),
    ("pungli", {}, Mode.CONFIDENTIAL),                         # never openly named by default
    ("pungli", {"named_openly": True}, Mode.NAMED),            # unless explicitly chosen
    ("perilaku_petugas", {"anonymous": True, "named_openly": True}, Mode.ANONYMOUS),
])
def test_choosing_the_mode(kind, flags, mode):
    chosen = identity.choose_mode(kind, anonymous=flags.get("anonymous", False),
                                  confidential=flags.get("confidential", False),
                                  named_openly=flags.get("named_openly", False),
                                  sensitive_types=["pungli", "perilaku_petugas"])
    assert chosen is mode


def test_an_officer_retyping_to_a_sensitive_type_makes_a_named_complaint_confidential():
    sensitive = ["pungli"]
    assert identity.mode_after_retype("named", "pungli", sensitive) is Mode.CONFIDENTIAL
    assert identity.mode_after_retype("anonymous", "pungli", sensitive) is Mode.ANONYMOUS
    assert identity.mode_after_retype("confidential", "paspor", sensitive) is Mode.CONFIDENTIAL


def test_officers_named_in_a_complaint_are_found_by_name_or_nip():
    roster = load_office_config().roster
    found = identity.named_officers("oknum PETUGAS pengaduan, loket 3", roster)
    assert [o.telegram_id for o in found] == [100000001]
    found = identity.named_officers("pak kasi, NIP 19800101 200501 1 001", roster)
    assert [o.role for o in found] == ["kasi_tikkim"]
    assert identity.named_officers("petugas loket 3, bapak berkacamata", roster) == []
    assert identity.named_officers(None, roster) == []


def test_numbers_in_free_text_are_masked():
    text = "hubungi 0812-3456-0001 atau whatsapp:+6281234560001, tiket TRK-7K3Q-9MXA, id 42"
    masked = identity.redact_numbers(text)
    assert "3456" not in masked and masked.count("+62 812-••••-0001") == 2
    assert "TRK-7K3Q-9MXA" in masked and "id 42" in masked


# --- the conversation ----------------------------------------------------------------------
def filed(runtime) -> Complaint:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return unit.session.scalars(select(Complaint)).one()


def start(phone, story: str, type_choice: str) -> None:  # type: ignore[no-untyped-def]
    for said in ("halo", "1", story, "lanjut", type_choice, "kemarin", "1", "lewati", "lanjut"):
        asked = phone.says(said)
    if "Apa yang Anda harapkan" in asked:       # levy and conduct types ask it (W27)
        phone.say("lewati")


def test_a_sensitive_complaint_asks_and_names_openly_only_when_chosen(phone, runtime):
    start(phone, "Petugas loket minta uang 500rb supaya paspor cepat", "4")
    asked = phone.says("1")                                   # 'Pakai nama "Budi Santoso"'
    assert "ingin dirahasiakan" in asked and "nama saya boleh diketahui petugas" in asked
    summary = phone.says("2")
    assert "*Identitas:* Budi Santoso (tidak dirahasiakan: petugas dapat melihat nama Anda)" in summary
    phone.say("1")
    complaint = filed(runtime)
    assert (complaint.identity_mode, complaint.reporter_name) == ("named", "Budi Santoso")


def test_a_sensitive_complaint_kept_confidential(phone, runtime):
    start(phone, "Petugas loket minta uang 500rb supaya paspor cepat", "4")
    phone.say("1")
    assert "(dirahasiakan)" in phone.says("ya, rahasiakan")
    phone.say("1")
    assert filed(runtime).identity_mode == "confidential"


def test_changing_the_type_to_a_sensitive_one_asks_again(phone, runtime):
    # facilities: a type that asks no application number or wished outcome
    start(phone, "Petugas di loket bersikap kasar dan membentak saya", "8")
    summary = phone.says("1")                                 # not sensitive, named: no question
    assert "*Identitas:* Budi Santoso" in summary and "dirahasiakan" not in summary
    phone.say("ubah")
    phone.say("jenis")
    asked = phone.says("5")                                   # perilaku_petugas: sensitive
    assert "Apa yang Anda harapkan" in asked                  # and asks the outcome (W27)
    asked = phone.says("lewati")
    assert "ingin dirahasiakan" in asked
    assert "*Identitas:* Budi Santoso (dirahasiakan)" in phone.says("1")
    phone.say("1")
    complaint = filed(runtime)
    assert (complaint.type, complaint.identity_mode) == ("perilaku_petugas", "confidential")


def test_choosing_a_new_identity_forgets_the_earlier_open_choice(phone, runtime):
    start(phone, "Petugas loket minta uang 500rb supaya paspor cepat", "4")
    phone.say("1")
    phone.say("2")                                            # named openly, explicitly
    phone.say("ubah")
    phone.say("identitas")
    phone.say("tulis nama saya")
    assert "ingin dirahasiakan" in phone.says("Ani Wijaya")   # asked again for the new name
    phone.say("1")
    phone.say("1")
    complaint = filed(runtime)
    assert (complaint.identity_mode, complaint.reporter_name) == ("confidential", "Ani Wijaya")


def test_anonymous_sensitive_complaint_keeps_no_name(phone, runtime):
    start(phone, "Ada calo di depan kantor minta 1 juta untuk paspor", "4")
    assert "*Identitas:* Anonim" in phone.says("anonim")
    phone.say("1")
    complaint = filed(runtime)
    assert (complaint.identity_mode, complaint.reporter_name) == ("anonymous", None)
    with runtime.store.unit() as unit:
        [event] = unit.session.get(Complaint, complaint.id).events
        assert event.actor == f"complainant:{complaint.complainant_id}"


def test_the_leaders_read_where_and_when_in_words(phone, runtime):
    """The story of a sensitive complaint goes to the leaders privately: with the office's name
    and the date, never the place's key or a relative 'Kemarin'."""
    start(phone, "Petugas loket minta uang 500rb supaya paspor cepat", "4")
    phone.say("1")
    phone.say("ya, rahasiakan")
    phone.say("1")
    with runtime.store.unit() as unit:
        bodies = unit.session.scalars(select(OutboxItem.body).where(
            OutboxItem.kind == "identity")).all()
    office = runtime.config.office_config.office.name
    assert bodies and all(f"Tempat: {office}" in body for body in bodies)
    assert all("office" not in body and "Kemarin" not in body for body in bodies)
    assert all(re.search(r"Waktu kejadian: \d{1,2} [A-Z][a-z]+ \d{4}", body) for body in bodies)


# --- what complainants write about themselves -----------------------------------------------
@dataclass
class Told:
    identity_mode: str
    reporter_name: str | None = "Budi Santoso"
    type: str = "sarana_prasarana"
    ticket: str = "TRK-7K3Q-9MXA"


@dataclass
class Writer:
    name: str | None = "Budi Santoso"
    profile_name: str | None = "Bunda Rafa"


STORY = ("Nama saya Budi Santoso (WA Bunda Rafa), hp 0812 3456 0001, tiket TRK-7K3Q-9MXA. "
         "AC ruang tunggu mati")


@pytest.mark.parametrize(("mode", "audience", "names", "partial_number"), [
    ("named", GROUP, True, True),
    ("named", FILE, True, False),
    ("confidential", GROUP, False, False),
    ("confidential", PETUGAS_PRIVATE, False, False),
    ("confidential", KASI_IN_GROUP, False, False),
    ("confidential", KASI_PRIVATE, True, True),
    ("confidential", FILE, False, False),
    ("anonymous", GROUP, False, False),
    ("anonymous", KASI_PRIVATE, False, False),
    ("anonymous", FILE, False, False),
])
def test_a_story_obeys_the_identity_policy_like_the_reporter_line(mode, audience, names,
                                                                   partial_number):
    """People write their name and number into their story: whoever may not know who
    complained reads neither (not even a masked number's last digits); no officer reads a full
    number; files carry no number at all."""
    shown = identity.complainant_text(STORY, Told(mode), Writer(), audience)
    assert "AC ruang tunggu mati" in shown
    assert "3456" not in shown and "081234560001" not in shown.replace(" ", "")
    assert ("Budi Santoso" in shown) is names and ("Bunda Rafa" in shown) is names
    assert ("Santoso" in shown) is names                   # each word of a concealed name
    assert ("0001" in shown) is partial_number             # masked, its last four digits


def test_the_group_alert_and_lihat_do_not_reveal_a_confidential_complainant_by_their_story(
        phone, runtime):
    start(phone, "Nama saya Budi Santoso, hp 0812 3456 7890. AC ruang tunggu mati dan toilet "
          "kotor", "8")
    asked = phone.says("rahasiakan nama saya")
    if "Budi Santoso" in asked and "Periksa" not in asked:
        asked = phone.says("1")           # the name told in the story, asked back: it is hers
    assert "Periksa pengaduan" in asked, asked
    phone.say("1")
    from bot.desk import views
    with runtime.store.unit() as unit:
        complaint = unit.session.scalars(select(Complaint)).one()
        assert complaint.identity_mode == "confidential"
        now = complaint.created_at
        alert = runtime.notifier.alert(complaint, now).plain()
        group = views.detail(runtime.config.office_config, complaint, now, GROUP, kept=()).plain()
        leader = views.detail(runtime.config.office_config, complaint, now, KASI_PRIVATE,
                              kept=()).plain()
        # a leader's note quoting the complainant, read back by /lihat in the group
        from bot.desk.steps import record_event
        kasi = next(o for o in runtime.config.office_config.roster if o.role == "kasi_tikkim")
        record_event(unit, kasi, complaint, "update", "Sudah ditelepon Pak Budi Santoso di "
                     "0812 3456 7890", now)
        noted = views.detail(runtime.config.office_config, complaint, now, GROUP, kept=()).plain()
    assert "Sudah ditelepon Pak" in noted and "Santoso" not in noted and "7890" not in noted
    for text in (alert, group):
        assert "toilet" in text and "Budi" not in text and "Santoso" not in text
        assert "3456" not in text and "7890" not in text
    assert "Nama saya Budi Santoso" in leader and "3456" not in leader and "7890" in leader


def test_a_concealed_person_typing_a_telegram_username_is_not_named_by_it():
    text = "hubungi saya di @budi_s4ntoso atau email budi@mail.id, tiket TRK-7K3Q-9MXA"
    masked = identity.redact_person(text, [Told("confidential")], Writer())
    assert "budi_s4ntoso" not in masked and "TRK-7K3Q-9MXA" not in masked
    assert "@mail.id" in masked                     # an e-mail's domain is not a username
    named = identity.redact_person(text, [Told("named")], Writer())
    assert "@budi_s4ntoso" in named                 # openly named: only numbers are masked


@pytest.mark.parametrize("text,expected", [
    ("tadi petugas loket 3 minta uang 300rb biar cepat", True),
    ("ada CALO di depan kantor", True),
    ("katanya bisa lewat orang dalam", True),
    ("dimintai uang 500rb tanpa kuitansi", True),
    ("petugasnya kasar sekali, saya dibentak", True),
    ("the officer was rude to me", True),
    ("he asked me for money to stamp my passport", True),
    # Malay and Tawau/Nunukan Bahasa, as people crossing from Sabah write it
    ("pegawai imigresen tu mintak duit kopi baru nak cop pasport", True),
    ("kena bayar wang kopi kat pelabuhan", True),
    ("dia ambil rasuah depan kaunter", True),
    ("pegawai kaunter tu kurang ajar betul", True),
    ("saya nak tanya pasal pasport anak saya", False),
    ("paspor sy ditahan di bandara juanda, tolong dibantu", False),
    ("saya calon TKI, mau tanya syarat paspor", False),
    ("mau bicara dengan kepala kantor", False),
    ("terima kasih pak, sudah dibantu", False),
    ("", False),
])
def test_a_report_of_a_levy_or_an_officers_conduct_is_delicate(text, expected):
    from bot.delicate import delicate
    assert delicate(text) is expected
