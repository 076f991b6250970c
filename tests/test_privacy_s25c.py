"""Privacy review of session 25, helper P25c: `/bukti` by a person's code after the T-code.

Since P25b the group never reads the P-code of a person with a confidential or anonymous
complaint: a talk they open goes by a code of its own, T-n (`bot.notify.open_code`). But
`/bukti P-n`, the code the group had read beside the person's named ticket, still sent the
photo of their new talk (the one under T-n) to any petugas: the file tied the anonymous talk to
the named person. And `/bukti T-n` did not exist, so the group's relay named no command for the
photo. Now `/bukti T-n` opens the files of the live talk the group reads under T-n (copies
without metadata), and `/bukti P-n` of such a person answers, in the group and to a leader in a
private chat, as a code nobody has, and sends nothing.

Through the real app (signed Twilio webhooks, Telegram updates), on SQLite and PostgreSQL."""
from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image

from bot.desk.evidence import none_here
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.test_kept_documents import fetch_all, sent_files
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _group, _refusal
from tests.support.twilio_chat import TwilioSender
from tests.test_privacy_s24 import R_CODE
from tests.test_privacy_s25b import (NAMED, P_CODE, PASSPORT, T_CODE, _anonymous, _file,
                                     _group_since, _named_talk)

pytestmark = pytest.mark.timeout(300)


def _phone_photo() -> bytes:
    """A phone photo as phones make them: make, model, and where it was taken."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "samsung", "SM-A135F"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (3.0, 17.0, 54.0), "E", (117.0, 35.0, 12.0)
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (30, 90, 150)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def _without_metadata(content: bytes) -> bool:
    exif = Image.open(io.BytesIO(content)).getexif()
    return not exif.get_ifd(0x8825) and 0x010F not in exif and 0x0110 not in exif


def _talk_with_photo(app: Any, runtime: Any, tg_server: Any, tw_server: Any,
                     clock: Any) -> tuple[str, str, str, bytes]:
    """A named talk (its T-code), closed; an anonymous complaint; past its alert slot (before it,
    the talk is the leaders': test_privacy_s30.py), a talk he opens with a photo.
    (P-n, T-n, what the group read of the new talk, the photo.)"""
    phone, _, p_code = _named_talk(app, runtime, tg_server)
    _anonymous(phone, runtime)
    clock.advance(hours=2)
    deliver(runtime)
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    phone.says("saya mau bicara dengan petugas")
    photo = _phone_photo()
    url = tw_server.add_media("ME" + "5" * 32, photo, "image/jpeg")
    phone.say("ini foto AC yang mati pak", media=[(url, "image/jpeg")])
    fetch_all(runtime, tg_server)
    deliver(runtime)
    group = _group_since(tg_server, seen)
    return p_code, T_CODE.search(group).group(0), group, photo


def test_the_group_fetches_the_talks_photo_by_its_t_code_as_a_copy_without_metadata(
        app, runtime, tg_server, tw_server, clock):
    """The relay names `/bukti T-n`, never P-n; a petugas's `/bukti T-n` in the group sends
    the photo to his private chat, as a copy without its location and phone, with no hash; a
    leader in a private chat gets such a copy too (nobody may know an anonymous sender). Once
    the talk is closed, T-n opens nothing."""
    _, t_code, group, photo = _talk_with_photo(app, runtime, tg_server, tw_server, clock)
    [relay] = [line for line in group.split("\n") if "ini foto AC" in line]
    assert f"1 lampiran (tersimpan; /bukti {t_code})" in relay, relay
    assert not P_CODE.search(group), group
    assert _group(app).send(f"/bukti {t_code}") == "officer"
    deliver(runtime)
    [(name, content, caption)] = sent_files(tg_server, PETUGAS)
    assert name.startswith(f"Lampiran_{t_code}_1"), name
    assert content != photo and _without_metadata(content), caption
    assert "tanpa metadata" in caption and "SHA-256" not in caption, caption
    assert sent_files(tg_server, OFFICER_CHAT) == []             # never into the group
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/bukti {t_code.lower()}") == "officer"
    deliver(runtime)
    [(_, content, caption)] = sent_files(tg_server, KASI)
    assert content != photo and _without_metadata(content), caption
    assert _group(app).send(f"/tutup {t_code}") == "officer"
    deliver(runtime)
    said = _refusal(app, runtime, tg_server, f"/bukti {t_code}")
    assert said == f"⛔ {none_here(t_code)}", said
    assert len(sent_files(tg_server, PETUGAS)) == 1


def test_the_p_code_fetches_none_of_his_files_once_he_has_an_anonymous_complaint(
        app, runtime, tg_server, tw_server, clock):
    """`/bukti P-n` while the T-n talk with the photo is live in the group: in the group and in
    a petugas's or a leader's private chat it reads word for word what a code nobody has reads,
    and no file goes to anyone."""
    p_code, _, _, _ = _talk_with_photo(app, runtime, tg_server, tw_server, clock)
    nobody = f"P-{int(p_code[2:]) + 1000}"
    for who, private in ((PETUGAS, False), (PETUGAS, True), (KASI, True)):
        said = _refusal(app, runtime, tg_server, f"/bukti {p_code}", who, private)
        assert said == f"⛔ {none_here(p_code)}", (who, private, said)
        unknown = _refusal(app, runtime, tg_server, f"/bukti {nobody}", who, private)
        assert said == unknown.replace(nobody, p_code), (said, unknown)
    assert sent_files(tg_server, PETUGAS) == [] and sent_files(tg_server, KASI) == []
    assert sent_files(tg_server, OFFICER_CHAT) == []


def test_a_leaders_talk_opens_only_its_own_files(app, runtime, tg_server, tw_server):
    """`/bukti R-n` sent a leader every file the person had ever sent to the officers: with the
    photo of his new leaders-only talk, the KTP he had sent in an earlier talk under his name.
    An anonymous complainant must stay unknown to the leaders too: R-n opens that talk's files
    only."""
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377725531",
                         profile_name="Yohanes Mangkubumi")
    phone.says("halo")
    named = _file(phone, PASSPORT, {**NAMED, "Pengaduan Anda tentang apa": "1"})
    t_code = T_CODE.search(phone.says("saya mau bicara dengan petugas")).group(0)
    ktp = tw_server.add_media("ME" + "6" * 32, _phone_photo(), "image/jpeg")
    phone.say(f"ini KTP saya untuk tiket {named}", media=[(ktp, "image/jpeg")])
    fetch_all(runtime, tg_server)
    deliver(runtime)
    assert _group(app).send(f"/tutup {t_code}") == "officer"
    phone.says("selesai")
    levy = _file(phone, "Petugas loket minta uang 500 ribu supaya paspor cepat jadi",
                 {"Pengaduan Anda tentang apa": "4", "identitas Anda dicatat": "anonim"})
    assert complaint(runtime, levy).identity_mode == "anonymous"
    deliver(runtime)
    seen = len(tg_server.sent_texts(KASI))
    phone.says("saya mau bicara dengan petugas")
    url = tw_server.add_media("ME" + "7" * 32, _phone_photo(), "image/jpeg")
    phone.say("ini foto kuitansinya pak", media=[(url, "image/jpeg")])
    fetch_all(runtime, tg_server)
    deliver(runtime)
    r_code = R_CODE.search("\n".join(tg_server.sent_texts(KASI)[seen:])).group(0)
    before = len(sent_files(tg_server, KASI))
    assert TelegramUser(app.test_client(), KASI).send(f"/bukti {r_code}") == "officer"
    deliver(runtime)
    got = sent_files(tg_server, KASI)[before:]
    assert len(got) == 1, [name for name, _, _ in got]            # the receipt, not the KTP
    assert got[0][0].startswith(f"Lampiran_{r_code}_1"), got[0][0]


def test_a_photo_sent_in_answer_to_a_reply_opens_by_the_ticket(app, runtime, tg_server,
                                                                tw_server, clock):
    """The answer to `/balas TICKET` on an anonymous complaint comes back under the ticket; a
    photo in it said "(tersimpan)" and nothing opened it. The relay now says `/bukti TICKET`,
    which sends it with the complaint's own evidence, as a copy without metadata."""
    phone, _, _ = _named_talk(app, runtime, tg_server)
    hidden = _anonymous(phone, runtime)
    clock.advance(hours=2)      # the group knows of it from its slot (test_privacy_s26.py)
    deliver(runtime)
    assert _group(app).send(f"/balas {hidden} Boleh kirim foto AC-nya?") == "officer"
    deliver(runtime)
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    url = tw_server.add_media("ME" + "8" * 32, _phone_photo(), "image/jpeg")
    phone.say("ini fotonya pak", media=[(url, "image/jpeg")])
    fetch_all(runtime, tg_server)
    deliver(runtime)
    group = _group_since(tg_server, seen)
    assert f"1 lampiran (tersimpan; /bukti {hidden})" in group, group
    assert not P_CODE.search(group) and not T_CODE.search(group), group
    assert _group(app).send(f"/bukti {hidden}") == "officer"
    deliver(runtime)
    [(name, content, caption)] = sent_files(tg_server, PETUGAS)
    assert hidden in name and _without_metadata(content), (name, caption)
    assert "tanpa metadata" in caption, caption
