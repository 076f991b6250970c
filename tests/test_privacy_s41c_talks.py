"""Privacy review of session 41, helper P41c: the leaders' talks and the desk.

- `/bukti R-n`, the files of a talk only the leaders answered, read "Tidak ada lampiran…" to
  Kasi Tikkim in his private chat once that talk was closed, when it had been the leaders'
  only because the person's complaint was held for its slot: the leaders lost the evidence of
  how the complaint was handled. A closed talk the group read still opens nothing by R-n.
- A levy reported in a talk the leaders held only for a held complaint keeps the person's
  talks with the leaders after the slot: the same words after the slot would have made the
  talk theirs anyway (`bot.delicate.delicate` reads the words alone). Pinned, not loosened.
- A talk the person opens records, at its opening, that it was asked on no complaint: matched
  by the minute instead, it read as the answer to a /balas on an anonymous ticket sent in the
  same instant, and the group read the person's new talk under that ticket.
- A /balas that opens a talk can keep its complaint at once (`open_for_reply`).

Through the real app (signed Twilio webhooks, Telegram updates), on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from bot.desk.evidence import none_here
from bot.desk.message import open_for_reply
from bot.sop.slots import alert_slot
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_kept_documents import fetch_all, sent_files
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _group, _photo, _plain, _refusal
from tests.test_privacy_s25b import FACILITY, _group_since
from tests.test_privacy_s27 import ANONYMOUS
from tests.test_privacy_s40a_codes import _person
from tests.test_privacy_s40b_ping import FILED, _filed, _slot

pytestmark = pytest.mark.timeout(300)

T_CODE = re.compile(r"\bT-\d{7,8}\b")
R_CODE = re.compile(r"\bR-\d+\b")
LEVY = "Petugas loket minta uang lima ratus ribu supaya paspor cepat jadi"


def _sender(app: Any, runtime: Any, number: str) -> TwilioSender:
    """The phone of a person who has already written (`_filed`)."""
    return TwilioSender(app.test_client(), runtime.config.settings, number=number,
                        profile_name="Rina Handayani")


def _since(tg_server: Any, chat: int, seen: int) -> str:
    return "\n".join(_plain(t) for t in tg_server.sent_texts(chat)[seen:])


def _live(runtime: Any, ticket: str) -> Any:
    """The live talk of the person who filed `ticket` (None: none)."""
    person_id = complaint(runtime, ticket).complainant_id
    with runtime.store.unit() as unit:
        return unit.live_contact_request(person_id)


def test_a_closed_held_talks_files_still_open_to_the_leaders_by_its_r_code(
        app, runtime, tg_server, tw_server, clock):
    """Anonymous at 09.41 (held for 10.00); at 09.43 a photo and "saya mau tambah bukti": the
    leaders' talk R-n, which they read at 10.00 (tests/test_privacy_s42t_held_talk.py). Kasi
    Tikkim closes it; in his private chat `/bukti R-n` still sends the
    photo, and so it does to the Kepala Kantor after the slot. A petugas, in the group or
    privately, and Kasi in the group read `none_here`. A later talk the group read, closed,
    opens nothing by its R-code, nor by its T-code; nor does the held one to Kasi once he is
    kept away from the complaint."""
    number = "+6281377741101"
    hidden = _filed(app, runtime, clock, number, FACILITY, ANONYMOUS)
    phone = _sender(app, runtime, number)
    clock.now = FILED + dt.timedelta(minutes=2)
    seen = len(tg_server.sent_texts(KASI))
    url = tw_server.add_media("ME" + "4" * 32, _photo(), "image/jpeg")
    phone.say("", media=[(url, "image/jpeg")])
    phone.says("saya mau tambah bukti")
    fetch_all(runtime, tg_server)
    deliver(runtime)
    clock.now = _slot(runtime, hidden)      # the leaders read a held talk at the slot
    deliver(runtime)
    r_code = R_CODE.search(_since(tg_server, KASI, seen)).group(0)
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/tutup {r_code}") == "officer"
    deliver(runtime)
    assert _live(runtime, hidden) is None
    for leader, moment in ((KASI, _slot(runtime, hidden) + dt.timedelta(minutes=5)),
                           (KEPALA, _slot(runtime, hidden) + dt.timedelta(hours=1))):
        clock.now = moment
        before = len(sent_files(tg_server, leader))
        assert TelegramUser(app.test_client(), leader).send(f"/bukti {r_code}") == "officer"
        deliver(runtime)
        got = sent_files(tg_server, leader)[before:]
        assert [name for name, _, _ in got] == [f"Lampiran_{r_code}_1.jpg"], got
    refused = none_here(r_code)
    for who, private in ((PETUGAS, False), (PETUGAS, True), (KASI, False)):
        assert refused in _refusal(app, runtime, tg_server, f"/bukti {r_code}", who, private)
    # after the slot a new talk is the group's: closed, nothing of it opens to a leader
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    phone.says("saya mau bicara dengan petugas")
    url = tw_server.add_media("ME" + "5" * 32, _photo(), "image/jpeg")
    phone.say("ini foto AC yang mati", media=[(url, "image/jpeg")])
    fetch_all(runtime, tg_server)
    deliver(runtime)
    t_code = T_CODE.search(_group_since(tg_server, seen)).group(0)
    later = f"R-{_live(runtime, hidden).id}"
    assert _group(app).send(f"/tutup {t_code}") == "officer"
    deliver(runtime)
    for code in (later, t_code):
        assert none_here(code) in _refusal(app, runtime, tg_server, f"/bukti {code}", KASI,
                                           private=True)
    # kept away from the complaint, Kasi Tikkim no longer opens the held talk's files
    complaint_id = complaint(runtime, hidden).id
    with runtime.store.unit() as unit:
        unit.exclude_officer(complaint_id, str(KASI), "excluded", clock(), note="kerabat")
    assert refused in _refusal(app, runtime, tg_server, f"/bukti {r_code}", KASI, private=True)


def test_a_levy_told_in_a_held_talk_keeps_the_persons_talks_with_the_leaders(
        app, runtime, tg_server, tw_server, clock):
    """Anonymous at 09.41; at 09.43, in the talk the leaders hold for it, a levy. The talk is
    marked for the leaders for good: after the slot the person's new talk, of no levy, is
    still theirs (the group reads nothing of it). The same words after the slot would have
    made it theirs too: the mark is the levy's, not the held complaint's."""
    number = "+6281377741102"
    hidden = _filed(app, runtime, clock, number, FACILITY, ANONYMOUS)
    phone = _sender(app, runtime, number)
    clock.now = FILED + dt.timedelta(minutes=2)
    seen = len(tg_server.sent_texts(KASI))
    phone.says("saya mau bicara dengan petugas")
    phone.says(LEVY)
    deliver(runtime)
    r_code = R_CODE.search(_since(tg_server, KASI, seen)).group(0)
    assert "lima ratus ribu" in _since(tg_server, KASI, seen)
    assert TelegramUser(app.test_client(), KASI).send(f"/tutup {r_code}") == "officer"
    clock.now = _slot(runtime, hidden) + dt.timedelta(minutes=5)
    deliver(runtime)
    seen = {chat: len(tg_server.sent_texts(chat)) for chat in (OFFICER_CHAT, KASI)}
    phone.says("saya mau bicara dengan petugas")
    phone.says("kapan paspor saya bisa diambil?")
    deliver(runtime)
    group = _since(tg_server, OFFICER_CHAT, seen[OFFICER_CHAT])
    assert "kapan paspor" not in group and not T_CODE.search(group), group
    leaders = _since(tg_server, KASI, seen[KASI])
    assert "kapan paspor" in leaders and R_CODE.search(leaders).group(0) != r_code, leaders
    person_id = complaint(runtime, hidden).complainant_id
    with runtime.store.unit() as unit:
        assert unit.talk_marked_for_leaders(person_id)


def test_a_talk_the_person_opens_in_the_instant_of_a_reply_keeps_its_own_code(
        app, runtime, tg_server, tw_server, clock):
    """In one instant (a frozen clock): `/balas` on the person's anonymous ticket opens a talk,
    the group closes it by the ticket, and the person asks for an officer. Their new talk is
    asked on no complaint: the group reads it under a T-code of its own, never the anonymous
    ticket, and the person is told that code."""
    phone, named = _person(app, runtime, "+6281377741103", "Rina Handayani", True)
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    person_id = complaint(runtime, named).complainant_id
    with runtime.store.unit() as unit:
        hidden = next(c.ticket for c in unit.complaints_of(person_id, limit=50)
                      if c.identity_mode == "anonymous")
    assert _group(app).send(f"/balas {hidden} Di ruang tunggu lantai berapa?") == "officer"
    assert _group(app).send(f"/tutup {hidden}") == "officer"
    deliver(runtime)
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    told = phone.says("saya mau bicara dengan petugas")
    deliver(runtime)
    notice = _group_since(tg_server, seen)
    code = T_CODE.search(notice)
    assert code is not None and hidden not in notice, notice
    assert code.group(0) in told and hidden not in told, told


def test_a_reply_that_opens_a_talk_keeps_its_complaint_at_once(app, runtime, tg_server, tw_server,
                                                              clock):
    """`open_for_reply` given the complaint replied on (what `/balas` passes) records it on the
    request it opens, before anything else reads the request."""
    _, named = _person(app, runtime, "+6281377741104", "Rina Handayani", False)
    now = clock()
    with runtime.store.unit() as unit:
        replied = unit.complaint_by_ticket(named)
        officer = runtime.config.office_config.officer(PETUGAS)
        assert open_for_reply(unit, officer, replied.complainant, now, replied)
        assert unit.live_contact_request(replied.complainant_id).asked_on_id == replied.id
