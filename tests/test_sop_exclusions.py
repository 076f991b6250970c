"""Exclusions never strand a complaint: when every officer of a step is kept away from it (named
in it, or /kecualikan), someone stands in (the Kepala Kantor for Kasi Tikkim at steps 3 and 7,
the deputy for the Kepala Kantor at step 8), is pinged, gets the documents and counts it in
/saya; when nobody can, the leaders are told at once and privately. The group's lists never
show that an exclusion happened on a sensitive complaint."""
from __future__ import annotations

import pytest

from bot.notify import alert_slot
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS, SEKSI,
                                    TelegramUser, deliver, file_on_telegram, take_step)
from tests.test_conflict_of_interest import file_about
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(150)
CITIZEN = 555_090


def pings_to(tg_server, chat: int, ticket: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [t for t in tg_server.sent_texts(chat) if "Giliran Anda" in t and ticket in t]


def documents_to(tg_server, chat: int, ticket: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.files["document"].filename for c in tg_server.calls_to("sendDocument")
            if str(c.params["chat_id"]) == str(chat) and ticket in c.files["document"].filename]


def test_a_complaint_naming_kasi_tikkim_is_reviewed_and_initialled_by_the_kepala(
        app, runtime, tg_server, clock):
    """The levy of the complaint handler himself: the Kepala Kantor does steps 3 and 7, is told
    ("Giliran Anda", at the anonymous report's slot), gets the PDF to initial and counts them
    in /saya; the complaint ends."""
    from bot.notify import alert_slot
    ticket = file_about(app, runtime, "Kasi Tikkim sendiri")
    deliver(runtime)
    petugas = officer(app, PETUGAS, private=True)
    assert petugas.send(f"/tahap {ticket}") == "officer"                       # step 2
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    [ping] = pings_to(tg_server, KEPALA, ticket)
    assert "Langkah 3" in ping
    # The petugas (maybe a colleague of the accused) is not told who stands in for whom.
    [confirmed] = [t for t in tg_server.sent_texts(PETUGAS) if "langkah 2 selesai" in t]
    assert "(Kasi Tikkim, pengaduan sensitif)" in confirmed
    assert f"id={KEPALA}" not in confirmed and "Kepala Kantor" not in confirmed
    kepala = officer(app, KEPALA, private=True)
    assert kepala.send("/saya") == "officer"
    deliver(runtime)
    assert "1 langkah menunggu Anda" in tg_server.sent_texts(KEPALA)[-1]
    assert kepala.send(f"/tahap {ticket} periksa petugas loket") == "officer"   # step 3
    section = complaint(runtime, ticket).section
    seksi = officer(app, SEKSI[section], private=True)
    assert take_step(seksi, ticket, "benar BAP W18-0042 2026-12-01 terbukti") == "officer"
    assert take_step(seksi, ticket, "hukuman disiplin") == "officer"
    assert take_step(officer(app, PENYUSUN, private=True), ticket) == "officer"   # step 6
    deliver(runtime)
    assert any(name.endswith(".pdf") for name in documents_to(tg_server, KEPALA, ticket))
    assert kepala.send("/saya") == "officer"
    deliver(runtime)
    assert "1 langkah menunggu Anda" in tg_server.sent_texts(KEPALA)[-1]
    assert take_step(kepala, ticket, target="initialed") == "officer"          # step 7
    assert complaint(runtime, ticket).stage == "initialed"
    assert take_step(kepala, ticket, target="signed") == "officer"             # step 8
    assert complaint(runtime, ticket).stage == "signed"
    assert not any(ticket in t for t in tg_server.sent_texts(KASI))


def test_an_excluded_kepala_is_replaced_by_his_deputy_for_the_signature(app, runtime, tg_server):
    """Symmetric: the Kepala Kantor kept away, the deputy the roster allows (deputy_capacity)
    signs step 8 in that capacity, told at /kecualikan and pinged with the PDF. Kasi Tikkim,
    also a deputy, initialled the report and may not sign it too (bot.desk.approvals
    .check_two_hands): the other deputy does."""
    from bot.config import Officer
    deputy = 100_000_041
    runtime.config.office_config.roster.append(Officer(
        telegram_id=deputy, name="Rudi Hartono", role="seksi", section="lantaskim",
        deputy_capacity="plh"))
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "initialed")
    deliver(runtime)
    kasi = officer(app, KASI, private=True)
    assert kasi.send(f"/kecualikan {ticket} {KEPALA} kerabat pelapor") == "officer"
    deliver(runtime)
    [said] = [t for t in tg_server.sent_texts(KASI) if "dikecualikan dari" in t]
    assert "kini dilakukan oleh" in said and "langkah 8" in said
    assert any(name.endswith(".pdf") for name in documents_to(tg_server, deputy, ticket)
               ) and any("Tanda tangani" in t for t in tg_server.sent_texts(deputy))
    assert "Rudi Hartono sebagai Plh. Kepala Kantor" in said
    assert take_step(kasi, ticket, target="signed") == "refused"         # he initialled it
    assert take_step(officer(app, deputy, private=True), ticket, target="signed") == "officer"
    deliver(runtime)
    assert any("sebagai Plh. Kepala Kantor" in t for t in tg_server.sent_texts(deputy))
    found = complaint(runtime, ticket)
    assert found.stage == "signed"
    assert found.events[-1].capacity == "plh"


def test_excluding_the_only_officer_of_a_step_warns_the_leaders(app, runtime, tg_server):
    """/kecualikan of the section's only officer during step 4: the Kasi is told at once that
    nobody can do it and to forward it, the Kepala hears it privately, and the group's list
    says that nobody can handle it (he is on the roster: not 'tanpa petugas di daftar')."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reviewed")
    deliver(runtime)
    kasi = officer(app, KASI, private=True)
    assert kasi.send(f"/kecualikan {ticket} {SEKSI['lantaskim']} kerabat pelapor") == "officer"
    deliver(runtime)
    said = tg_server.sent_texts(KASI)[-1]
    assert "Tidak ada petugas yang dapat melakukan langkah 4" in said and "/teruskan" in said
    assert any("Pengaduan tertahan" in t and ticket in t for t in tg_server.sent_texts(KEPALA))
    assert officer(app, PETUGAS).send("/aduan") == "officer"
    deliver(runtime)
    listed = tg_server.sent_texts(OFFICER_CHAT)[-1]
    assert "tidak ada petugas yang dapat menangani" in listed
    assert "tanpa petugas di daftar" not in listed


def test_the_group_list_does_not_show_who_a_sensitive_complaint_keeps_away(
        app, runtime, tg_server, clock):
    """A sensitive complaint naming Kasi Tikkim: the group's /aduan names no stand-in and no
    'nobody', only the step's role, as for every sensitive complaint."""
    ticket = file_about(app, runtime, "Kasi Tikkim sendiri")
    assert officer(app, PETUGAS, private=True).send(f"/tahap {ticket}") == "officer"
    other = file_about(app, runtime, "petugas loket 3")     # nobody on the roster named
    assert officer(app, PETUGAS, private=True).send(f"/tahap {other}") == "officer"
    # the group lists a sensitive complaint from its alert's slot (bot.desk.privacy.released)
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    assert officer(app, PETUGAS).send("/aduan") == "officer"
    deliver(runtime)
    listed = tg_server.sent_texts(OFFICER_CHAT)[-1]
    assert "Kasi Tikkim (pengaduan sensitif) 2" in listed
    assert "tanpa petugas" not in listed and "tidak ada petugas" not in listed
    assert "Kepala Kantor" not in listed.split("Menunggu per orang")[1].split("\n")[0]


def test_the_groups_deadline_notice_of_a_sensitive_complaint_names_nobody(
        app, runtime, tg_server, clock):
    """The Kepala Kantor stands in for the named Kasi Tikkim at step 3: he gets the reminders
    and escalations privately, and the group gets no copy (nobody there may act on it, and
    naming him, or any copy at all, would show that the Kasi is kept away, i.e. accused)."""
    from bot.sop.sweep import DeadlineSweep
    # filed (anonymously) and step 2 done before the office opens: the step-3 notices are
    # timed by the 08.00 slot, not by a minute before it (which sends them to nobody,
    # DeadlineSweep.send)
    clock.now = clock.now.replace(hour=7, minute=0)
    ticket = file_about(app, runtime, "Kasi Tikkim sendiri")
    assert officer(app, PETUGAS, private=True).send(f"/tahap {ticket}") == "officer"
    clock.now = clock.now.replace(hour=8, minute=0)
    deliver(runtime)
    sweep = DeadlineSweep(runtime.config.office_config, runtime.notifier)
    for _ in range(4):
        clock.advance(minutes=30)
        sweep.run(runtime.store, clock())
    deliver(runtime)
    assert not [t for t in tg_server.sent_texts(OFFICER_CHAT)
                if ticket in t and "Penanggung jawab" in t]
    assert any(ticket in t and "Penanggung jawab" in t and f"id={KEPALA}" in t
               for t in tg_server.sent_texts(KEPALA))


@pytest.mark.parametrize("who", ["Petugas Pengaduan yang jaga loket 2", "satpam di pintu depan"])
def test_the_groups_alert_of_a_sensitive_complaint_names_nobody(app, runtime, tg_server, who,
                                                                clock):
    """The alert mentioned the step's officers; a complaint naming the only petugas read
    '(Petugas)' with nobody mentioned, which tells the group whom it accuses. Every sensitive
    alert now names the role only, whoever it keeps away; the owners are pinged privately."""
    ticket = file_about(app, runtime, who)
    from bot.notify import alert_slot     # the group's sensitive alert waits for its slot
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    [alert] = [t for t in tg_server.sent_texts(OFFICER_CHAT) if "Pengaduan baru" in t
               and ticket in t]
    assert "(Petugas, pengaduan sensitif)" in alert
    assert "tg://user" not in alert and "Petugas Pengaduan" not in alert
