"""What names or can single out a concealed complainant goes to a leader with Telegram's
protect_content, so it can be neither forwarded nor saved: the original evidence of a
confidential complaint (a photo's place and phone) and /pinbaru's answer (the masked number
the PIN went to, or the PIN to read out). Copies without metadata need no such guard."""
from __future__ import annotations

from sqlalchemy import select

from storage.models import OutboxItem
from tests.support.telegram import KASI, PETUGAS, TelegramUser, deliver
from tests.test_evidence import _exif_photo, file_on_whatsapp
from tests.test_kept_documents import fetch_all
from tests.test_officers import app, officer, runtime  # noqa: F401


def queued_to(runtime, chat: int, kind: str | None = None) -> list[OutboxItem]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        query = select(OutboxItem).where(OutboxItem.address == str(chat))
        if kind is not None:
            query = query.where(OutboxItem.kind == kind)
        return list(unit.session.scalars(query.order_by(OutboxItem.id)))


def test_a_confidential_complaints_original_evidence_reaches_a_leader_protected(
        app, runtime, tw_server, tg_server):
    url = tw_server.add_media("ME" + "d" * 32, _exif_photo("Yohanes Mangkubumi"), "image/jpeg")
    ticket = file_on_whatsapp(app, runtime, [(url, "image/jpeg")],
                              {"identitas Anda dicatat": "rahasiakan nama sy ya",
                               "Catat sebagai": "1"})
    fetch_all(runtime, tg_server)
    for reader in (KASI, PETUGAS):
        assert officer(app, reader, private=True).send(f"/bukti {ticket}") == "officer"
    deliver(runtime)
    [leaders] = [i for i in queued_to(runtime, KASI) if "file" in i.payload]
    [petugas] = [i for i in queued_to(runtime, PETUGAS) if "file" in i.payload]
    assert leaders.payload.get("protect") is True and "clean" not in leaders.payload["file"]
    # the petugas may not know who sent it: a copy without metadata, which names no one
    assert petugas.payload["file"].get("clean") is True and "protect" not in petugas.payload
    sent = [c for c in tg_server.sent_messages(KASI) if c.method.lower() == "senddocument"]
    assert sent and str(sent[-1].params.get("protect_content")).lower() == "true"


def test_pinbaru_answers_a_leader_protected_when_it_names_a_number(app, runtime, tg_server):
    """To a confidential complainant the answer names the masked number: protected. To an
    anonymous one on Telegram it names only the channel: nothing to protect."""
    from tests.support.telegram import file_on_telegram
    confidential = file_on_whatsapp(app, runtime, [], {"identitas Anda dicatat":
                                                       "rahasiakan nama sy ya",
                                                       "Catat sebagai": "1"})
    anonymous = file_on_telegram(TelegramUser(app.test_client(), 555_091), runtime)
    kasi = TelegramUser(app.test_client(), KASI)
    for ticket in (confidential, anonymous):
        assert kasi.send(f"/pinbaru {ticket}") == "officer"
    deliver(runtime)
    answers = [i for i in queued_to(runtime, KASI, "officer") if "PIN baru" in i.body]
    assert [a.payload.get("protect") for a in answers] == [True, None], answers
    assert "WhatsApp +62" in answers[0].body and "lewat Telegram." in answers[1].body
