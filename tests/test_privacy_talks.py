"""A talk with the officers that reports a levy, a broker, a bribe or an officer's conduct is
for Kasi Tikkim and the Kepala Kantor only, and stays so: its files (/bukti P-N) are theirs
alone, and after the talk is closed neither a petugas's /pesan nor the person asking again
brings what the person writes back to the group, even once retention has emptied the texts
that showed it. The leaders still get the files and answer the person. On SQLite and
PostgreSQL, through the real app (signed Twilio webhooks, Telegram updates)."""
from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from sqlalchemy import select

from bot.retention import Retention
from storage.models import ContactRequest, Message
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_kept_documents import fetch_all, sent_files

pytestmark = pytest.mark.timeout(180)
LEVY = "petugas loket minta uang 300rb biar paspor cepat, ini kuitansinya"
FOLLOW_UP = "namanya pak Anton di loket 2, pakai kemeja biru"


def photo() -> bytes:
    """A phone's photo: its make, its model and where it was taken."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "samsung", "SM-A135F"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (3.0, 17.0, 54.0), "E", (117.0, 35.0, 12.0)
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (10, 80, 160)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def in_group(app) -> TelegramUser:  # type: ignore[no-untyped-def]
    return TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT, chat_type="supergroup")


def group_text(tg_server) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(tg_server.sent_texts(OFFICER_CHAT))


def levy_talk(app, runtime, tg_server, tw_server, number: str,  # type: ignore[no-untyped-def]
              media: bytes | None = None) -> tuple[TwilioSender, str]:
    """Someone with no complaint asks for an officer and reports a levy; (phone, the code the
    leaders read the talk under: R-n, bot.notify.talk_code)."""
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number)
    phone.say("halo")
    phone.say("Bicara dengan petugas")
    if media is None:
        phone.say(LEVY)
    else:
        url = tw_server.add_media("ME" + "d" * 32, media, "image/jpeg")
        phone.say(LEVY, media=[(url, "image/jpeg")])
    deliver(runtime)
    fetch_all(runtime, tg_server)
    group = group_text(tg_server)
    # read by the leaders only: the group had the request's notice, and nothing of the talk
    assert "300rb" not in group and "Pesan dari pelapor" not in group, group
    return phone, re.search(r"\bR-\d+\b", "\n".join(tg_server.sent_texts(KASI))).group(0)


def test_the_files_of_a_levy_talk_go_to_the_leaders_only(bot_app, tg_server, tw_server):
    app, runtime = bot_app
    original = photo()
    _, code = levy_talk(app, runtime, tg_server, tw_server, "+6281377700071", original)
    assert in_group(app).send(f"/bukti {code}") == "refused"
    deliver(runtime)
    # the answer to any file not of a talk open in the group: it says nothing of a levy
    refusal = tg_server.sent_texts(OFFICER_CHAT)[-1]
    assert "Tidak ada lampiran dari" in refusal and "pungli" not in refusal, refusal
    assert sent_files(tg_server, PETUGAS) == [], "a petugas got the leaders-only photo"
    assert sent_files(tg_server, OFFICER_CHAT) == []
    # the leaders get it: no complaint says who may know the sender, so without its metadata
    for leader in (KASI, KEPALA):
        assert TelegramUser(app.test_client(), leader).send(f"/bukti {code}") == "officer"
        deliver(runtime)
        [(name, content, caption)] = sent_files(tg_server, leader)
        assert name.startswith(f"Lampiran_{code}_1") and "tanpa metadata" in caption
        assert b"samsung" not in content and b"SM-A135F" not in content
        shown = Image.open(io.BytesIO(content))
        assert shown.size == (80, 60) and not shown.getexif().get_ifd(0x8825)
    # closed, the talk stays the leaders': a petugas is still refused its files
    assert TelegramUser(app.test_client(), KASI).send(f"/tutup {code}") == "officer"
    assert in_group(app).send(f"/bukti {code}") == "refused"
    deliver(runtime)
    assert sent_files(tg_server, PETUGAS) == []


def test_a_photo_from_someone_without_a_complaint_goes_without_its_metadata(
        bot_app, tg_server, tw_server):
    """An ordinary talk: a petugas may have the photo, but nothing tells them who sent it, so
    not where it was taken or on whose phone."""
    app, runtime = bot_app
    original = photo()
    url = tw_server.add_media("ME" + "e" * 32, original, "image/jpeg")
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700072")
    phone.say("halo")
    phone.say("Bicara dengan petugas")
    phone.say("ini akta lahirnya", media=[(url, "image/jpeg")])
    deliver(runtime)
    fetch_all(runtime, tg_server)
    code = re.search(r"/bukti (T-\d+)", group_text(tg_server)).group(1)
    assert in_group(app).send(f"/bukti {code}") == "officer"
    deliver(runtime)
    [(_, content, caption)] = sent_files(tg_server, PETUGAS)
    assert content != original and b"samsung" not in content and b"SM-A135F" not in content
    # no hash of the original: the same photo in another complaint would read the same
    assert "tanpa metadata" in caption and "SHA-256" not in caption


def test_a_closed_levy_talk_is_not_reopened_by_a_petugas(bot_app, tg_server, tw_server):
    app, runtime = bot_app
    phone, code = levy_talk(app, runtime, tg_server, tw_server, "+6281377700081")
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/tutup {code}") == "officer"
    deliver(runtime)
    said = in_group(app).send(f"/pesan {code} Selamat siang, siapa petugasnya?")
    assert said == "refused", "a petugas reached the levy reporter after the leaders closed it"
    deliver(runtime)
    refusal = tg_server.sent_texts(OFFICER_CHAT)[-1]
    assert "Kasi Tikkim dan Kepala Kantor" in refusal and "pungli" not in refusal, refusal
    assert in_group(app).send(f"/tutup {code}") == "refused"
    # a leader answers in private: the talk opens again, and stays the leaders'
    assert kasi.send(f"/pesan {code} Selamat siang, boleh diceritakan lagi?") == "officer"
    deliver(runtime)
    phone.say(FOLLOW_UP)
    deliver(runtime)
    group = group_text(tg_server)
    assert "Anton" not in group and "kemeja biru" not in group
    assert "Pesan dari pelapor" not in group               # nor that they wrote
    for leader in (KASI, KEPALA):
        assert "namanya pak Anton" in "\n".join(tg_server.sent_texts(leader))
    assert not any("Anton" in t for t in tg_server.sent_texts(PETUGAS))


def test_asking_again_after_a_levy_talk_reaches_the_leaders_only(bot_app, tg_server, tw_server):
    app, runtime = bot_app
    phone, code = levy_talk(app, runtime, tg_server, tw_server, "+6281377700082")
    phone.say("selesai")                              # the person ends it themselves
    deliver(runtime)
    told = len(tg_server.sent_texts(OFFICER_CHAT))
    phone.say("menu")
    phone.say("Bicara dengan petugas")
    phone.say(FOLLOW_UP)                                 # nothing delicate in it by itself
    deliver(runtime)
    later = "\n".join(tg_server.sent_texts(OFFICER_CHAT)[told:])
    assert "Anton" not in later and "kemeja biru" not in later, \
        "the whistleblower's next talk was relayed to the whole group"
    # the group reads nothing of the request: no notice, code, invitation or lines
    assert "meminta bicara" not in later, later
    assert code not in later and "/pesan" not in later, later
    assert "Pesan dari pelapor" not in later
    kasi = "\n".join(tg_server.sent_texts(KASI))
    assert "namanya pak Anton" in kasi and re.search(r"Pelapor R-\d+ meminta bicara", kasi)
    assert in_group(app).send(f"/pesan {code} Halo, ada yang bisa dibantu?") == "refused"
    assert TelegramUser(app.test_client(), KEPALA).send(
        f"/pesan {code} Terima kasih, kami tindak lanjuti.") == "officer"


def test_the_rule_outlives_the_texts(bot_app, tg_server, tw_server, clock):
    """Retention empties the message texts after 90 days: the talk stays the leaders'."""
    app, runtime = bot_app
    phone, code = levy_talk(app, runtime, tg_server, tw_server, "+6281377700083")
    assert TelegramUser(app.test_client(), KASI).send(f"/tutup {code}") == "officer"
    deliver(runtime)
    clock.advance(days=91)
    assert Retention(runtime.config.office_config).run(runtime.store, clock())["messages"] > 0
    with runtime.store.unit() as unit:
        bodies = unit.session.scalars(select(Message.body).where(
            Message.address.contains("6281377700083"))).all()
    assert not any("300rb" in (b or "") for b in bodies)
    assert in_group(app).send(f"/pesan {code} Halo, masih ada yang ingin disampaikan?") \
        == "refused"
    phone.say("halo")
    phone.say("Bicara dengan petugas")
    phone.say(FOLLOW_UP)
    deliver(runtime)
    assert "Anton" not in group_text(tg_server)
    assert "namanya pak Anton" in "\n".join(tg_server.sent_texts(KASI))
    with runtime.store.unit() as unit:           # both talks, the second by the first's mark
        marked = unit.session.scalars(select(ContactRequest).order_by(ContactRequest.id)).all()
        assert [r.leaders_only for r in marked] == [True, True]


def test_the_mark_migrates_up_and_down(db_url):
    """Revision 0011 adds contact_requests.leaders_only (false for the talks before it) and
    takes it away again, on both databases."""
    from alembic import command

    from storage.migrate import alembic_config
    from tests.test_migration_0004 import columns
    assert "leaders_only" in columns(db_url, "contact_requests")
    assert columns(db_url, "contact_requests") == set(ContactRequest.__table__.columns.keys())
    config = alembic_config(db_url)
    command.downgrade(config, "0010")
    assert "leaders_only" not in columns(db_url, "contact_requests")
    command.upgrade(config, "head")
    assert "leaders_only" in columns(db_url, "contact_requests")
