"""C42: the data-subject export (/datapribadi) carried the office's row ids: the complaint's,
the person's, each message's, notification's, attachment's, talk's and data request's (and the
data request being agreed to, in the kept conversation). The copy goes out of the office to
the person: row ids would count the office's records and tie one person's exports together.
It keeps what names things to the person (the ticket), the texts, dates and files.

Through the real app: a WhatsApp complaint with a photo, a talk with an officer, the export
asked by number and agreed to by its owner."""
from __future__ import annotations

import json
from typing import Any, Iterator

import pytest
from sqlalchemy import select

from bot.notify import open_code
from storage.models import ContactRequest
from tests.support.telegram import KASI, PETUGAS, TelegramUser, deliver
from tests.test_data_requests import filed, files_sent  # noqa: F401 - fixture

pytestmark = pytest.mark.timeout(180)
PHOTO = ("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", "image/jpeg")


def keys(value: Any) -> Iterator[str]:
    """Every key of a JSON document, at every depth."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from keys(inner)


def exported(app: Any, runtime: Any, phone: Any, tg_server: Any) -> dict[str, Any]:
    """The person's JSON export, asked by number (the complete copy), agreed to by them."""
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send("/datapribadi 0812-3457-7001") == "officer"
    deliver(runtime)
    assert "persetujuan Anda dicatat" in phone.says("SETUJU")
    assert kasi.send("/datapribadi 0812-3457-7001") == "officer"
    deliver(runtime)
    sent = files_sent(tg_server, KASI)
    [name] = [n for n in sent if n.endswith(".json")]
    [person] = json.loads(sent[name])["people"]
    return person


def test_the_export_carries_no_row_id(filed, tg_server):  # type: ignore[no-untyped-def]
    app, runtime, phone, ticket, _ = filed
    phone.says("Ini fotonya", media=[PHOTO])
    phone.says("bicara dengan petugas")
    with runtime.store.unit() as unit:
        [request] = unit.session.scalars(select(ContactRequest)).all()
        code = open_code(request.id)
    assert TelegramUser(app.test_client(), PETUGAS).send(
        f"/pesan {code} Baik Pak, kami bantu cek") == "officer"
    deliver(runtime)
    person = exported(app, runtime, phone, tg_server)

    named = sorted({k for k in keys(person) if k == "id" or k.endswith("_id")})
    assert named == [], named
    # what names things to the person, and their data, are all there
    [complaint] = person["complaints"]
    assert complaint["ticket"] == ticket and complaint["events"], complaint
    assert "Paspor anak saya hilang" in complaint["description"]
    assert any(m["body"] == "Ini fotonya" for m in person["messages"])
    assert person["attachments"] and person["attachments"][0]["content_type"] == "image/jpeg"
    assert person["contact_requests"] and person["contact_requests"][0]["answered_at"]
    assert any("Baik Pak, kami bantu cek" in n["body"] for n in person["notifications"])
    assert [r["kind"] for r in person["data_requests"]][:2] == ["ask-export", "ok-export"]

    # the conversation kept between messages names the talk followed up by its ticket only,
    # not by the talk's row (nor a draft's attachments, nor a data request being agreed to)
    data = person["conversation"]["data"]
    assert data["followed_up"] == {"ticket": ticket}, data
