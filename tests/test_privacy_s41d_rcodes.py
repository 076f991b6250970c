"""Privacy review of session 41, helper P41d: an R-code opens only a talk that was the leaders'.

`requests.leaders_talk` decided R-<request id> by the person: any request of theirs, however
old, answered to its R-code while their talk was the leaders' now. R-ids are sequential, so a
leader typing `/bukti R-1`, `R-2`, … learnt, from an old talk the group had read under its
T-code beside a named ticket, that this person now had a sensitive or anonymous complaint, and
got that group talk's files under the leaders' code. Conversely a closed talk that was the
leaders' (held for a complaint's slot) was refused to `/pesan` and `/tutup` once the slot had
passed. Now R-N is decided by that request: the leaders' by record (marked, or a line of it
went to the leaders alone), or the person's live talk while it is the leaders'.

Through the real app (signed Twilio webhooks, Telegram updates), on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from bot.desk.evidence import none_here
from bot.desk.message import closed_here
from bot.sop.slots import alert_slot
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_kept_documents import fetch_all, sent_files
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _group, _photo, _plain, _refusal
from tests.test_privacy_s25b import FACILITY, NAMED, PASSPORT, _file, _group_since
from tests.test_privacy_s27 import ANONYMOUS
from tests.test_privacy_s40b_ping import ANONYMOUS_BRIBE, BRIBE, FILED, _filed, _slot

pytestmark = pytest.mark.timeout(300)

T_CODE = re.compile(r"\bT-\d{7,8}\b")
R_CODE = re.compile(r"\bR-\d+\b")
NOBODY = "R-987654"     # a code no request has


def _since(tg_server: Any, chat: int, seen: int) -> str:
    return "\n".join(_plain(t) for t in tg_server.sent_texts(chat)[seen:])


def _to(tw_server: Any, number: str) -> list[str]:
    return [m.params["Body"] for m in tw_server.sent_messages(to=f"whatsapp:{number}")]


def _live(runtime: Any, ticket: str) -> Any:
    """The live talk of the person who filed `ticket` (None: none)."""
    person_id = complaint(runtime, ticket).complainant_id
    with runtime.store.unit() as unit:
        return unit.live_contact_request(person_id)


def _same_refusal(app: Any, runtime: Any, tg_server: Any, command: str, code: str,
                  who: int, text: str = "") -> None:
    """`command` on `code` (then `text`) reads, in the leader's private chat, word for word
    what it reads on a code nobody has."""
    got = _refusal(app, runtime, tg_server, f"{command} {code}{text}", who, private=True)
    nobody = _refusal(app, runtime, tg_server, f"{command} {NOBODY}{text}", who, private=True)
    assert got == nobody.replace(NOBODY, code), (got, nobody)


def test_an_old_group_talks_r_code_tells_a_leader_nothing_of_a_later_bribe(
        app, runtime, tg_server, tw_server, clock):
    """A named person talks in the group under a T-code (a photo too), the group closes it;
    later they report a bribe anonymously. Kasi Tikkim and the Kepala Kantor, privately, read
    for `/bukti R-<old id>`, `/pesan R-<old id> …` and `/tutup R-<old id>` word for word the
    answer to a code nobody has, get no file, and the person receives nothing."""
    number = "+6281377741201"
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name="Wahyudi Prasetyo")
    phone.says("halo")
    named = _file(phone, PASSPORT, {**NAMED, "Tuliskan nama Anda": "Wahyudi Prasetyo",
                                    "Pengaduan Anda tentang apa": "1"})
    deliver(runtime)
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    t_code = T_CODE.search(phone.says("saya mau bicara dengan petugas")).group(0)
    url = tw_server.add_media("ME" + "6" * 32, _photo(), "image/jpeg")
    phone.say(f"ini foto kuitansi untuk tiket {named}", media=[(url, "image/jpeg")])
    fetch_all(runtime, tg_server)
    deliver(runtime)
    group = _group_since(tg_server, seen)
    assert f"Kode: {t_code}" in group and named in group, group   # read beside the name
    old = f"R-{_live(runtime, named).id}"
    assert _group(app).send(f"/tutup {t_code}") == "officer"
    deliver(runtime)
    assert _live(runtime, named) is None
    hidden = _file(phone, BRIBE, ANONYMOUS_BRIBE)
    assert complaint(runtime, hidden).identity_mode == "anonymous"
    assert complaint(runtime, hidden).type == "pungli"
    clock.now = alert_slot(runtime.config.office_config, complaint(runtime, hidden).created_at)
    deliver(runtime)
    told = len(_to(tw_server, number))
    for leader in (KASI, KEPALA):
        files = len(sent_files(tg_server, leader))
        _same_refusal(app, runtime, tg_server, "/bukti", old, leader)
        _same_refusal(app, runtime, tg_server, "/pesan", old, leader, " Selamat siang")
        _same_refusal(app, runtime, tg_server, "/tutup", old, leader)
        assert len(sent_files(tg_server, leader)) == files
    assert closed_here(old, True) in _refusal(app, runtime, tg_server, f"/pesan {old} halo",
                                              KASI, private=True)
    assert none_here(old) in _refusal(app, runtime, tg_server, f"/bukti {old}", KASI,
                                      private=True)
    assert len(_to(tw_server, number)) == told, _to(tw_server, number)[told:]
    assert _live(runtime, named) is None


def test_a_closed_held_talk_answers_its_r_code_after_the_slot(app, runtime, tg_server,
                                                              tw_server, clock):
    """Anonymous at 09.41 (held for 10.00); at 09.43 a photo and "saya mau tambah bukti": the
    leaders' talk R-n, which Kasi Tikkim closes at the slot, when the leaders read it (it
    waited for it: tests/test_privacy_s42t_held_talk.py). Later `/tutup R-n` reads as any
    closed talk; `/pesan R-n halo` opens that same talk again and reaches the person, whose
    reply comes back to the leaders under R-n while the group reads nothing; `/tutup R-n`
    closes it; `/bukti R-n` sends its photo. While a later talk of the person is live in the
    group, `/pesan R-n` and `/tutup R-n` read as a code nobody has, and that talk stays."""
    number = "+6281377741202"
    hidden = _filed(app, runtime, clock, number, FACILITY, ANONYMOUS)
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name="Rina Handayani")
    clock.now = FILED + dt.timedelta(minutes=2)
    seen = len(tg_server.sent_texts(KASI))
    url = tw_server.add_media("ME" + "8" * 32, _photo(), "image/jpeg")
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
    clock.now = _slot(runtime, hidden) + dt.timedelta(hours=1)
    deliver(runtime)
    assert closed_here(r_code, True) in _refusal(app, runtime, tg_server, f"/tutup {r_code}",
                                                 KASI, private=True)
    told = len(_to(tw_server, number))
    assert kasi.send(f"/pesan {r_code} Terima kasih, foto sudah kami terima") == "officer"
    deliver(runtime)
    assert any("foto sudah kami terima" in body for body in _to(tw_server, number)[told:])
    assert f"R-{_live(runtime, hidden).id}" == r_code        # that same talk, live again
    seen = {chat: len(tg_server.sent_texts(chat)) for chat in (OFFICER_CHAT, KASI)}
    phone.says("sama-sama pak, itu foto di ruang tunggu")
    deliver(runtime)
    leaders = _since(tg_server, KASI, seen[KASI])
    assert "ruang tunggu" in leaders and r_code in leaders, leaders
    group = _since(tg_server, OFFICER_CHAT, seen[OFFICER_CHAT])
    assert "ruang tunggu" not in group and not T_CODE.search(group), group
    assert kasi.send(f"/tutup {r_code}") == "officer"
    deliver(runtime)
    assert _live(runtime, hidden) is None
    before = len(sent_files(tg_server, KEPALA))
    assert TelegramUser(app.test_client(), KEPALA).send(f"/bukti {r_code}") == "officer"
    deliver(runtime)
    got = sent_files(tg_server, KEPALA)[before:]
    assert [name for name, _, _ in got] == [f"Lampiran_{r_code}_1.jpg"], got
    # a new talk after the slot is the group's: R-n neither writes into it nor closes it
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    phone.says("saya mau bicara dengan petugas")
    deliver(runtime)
    assert T_CODE.search(_group_since(tg_server, seen))
    group_talk = _live(runtime, hidden).id
    told = len(_to(tw_server, number))
    _same_refusal(app, runtime, tg_server, "/pesan", r_code, KASI, " Ada tambahan lagi?")
    _same_refusal(app, runtime, tg_server, "/tutup", r_code, KASI)
    assert len(_to(tw_server, number)) == told, _to(tw_server, number)[told:]
    assert _live(runtime, hidden).id == group_talk


def test_a_live_leaders_talk_answers_as_before_and_closed_it_needs_a_record(
        app, runtime, tg_server, tw_server, clock):
    """A person with an anonymous bribe complaint, past its slot, asks for an officer and
    writes nothing more: the leaders' talk R-n, known only by its notice. Kasi Tikkim's
    `/pesan R-n` reaches them and `/tutup R-n` closes it, as before. Once closed nothing kept
    says the leaders were the ones told of its opening (no line of it was relayed): it answers
    to no R-code, as for a code nobody has (the documented safe rule)."""
    number = "+6281377741203"
    hidden = _filed(app, runtime, clock, number, BRIBE, ANONYMOUS_BRIBE)
    clock.now = _slot(runtime, hidden) + dt.timedelta(minutes=5)
    deliver(runtime)
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name="Rina Handayani")
    seen = {chat: len(tg_server.sent_texts(chat)) for chat in (OFFICER_CHAT, KASI)}
    phone.says("saya mau bicara dengan petugas")
    deliver(runtime)
    r_code = R_CODE.search(_since(tg_server, KASI, seen[KASI])).group(0)
    request_id = _live(runtime, hidden).id
    assert r_code == f"R-{request_id}"
    assert not T_CODE.search(_since(tg_server, OFFICER_CHAT, seen[OFFICER_CHAT]))
    with runtime.store.unit() as unit:
        assert not unit.contact_relays(request_id)
    kasi = TelegramUser(app.test_client(), KASI)
    told = len(_to(tw_server, number))
    assert kasi.send(f"/pesan {r_code} Selamat siang, silakan ceritakan") == "officer"
    deliver(runtime)
    assert any("silakan ceritakan" in body for body in _to(tw_server, number)[told:])
    assert kasi.send(f"/tutup {r_code}") == "officer"
    deliver(runtime)
    assert _live(runtime, hidden) is None
    _same_refusal(app, runtime, tg_server, "/pesan", r_code, KASI, " halo")
    _same_refusal(app, runtime, tg_server, "/bukti", r_code, KASI)
