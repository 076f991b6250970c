"""/hapusdata by an anonymous complaint's ticket (lead, after helper P34): it erased the whole
person and wrote the erase line on their NAMED tickets at that minute, so the leader who asked
learnt who had filed the anonymous one, and the group could tie the two. It is refused as
/datapribadi by such a ticket is: only by the number the person used."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.models import StageEvent
from tests.test_officers import app, complaint, officer, runtime  # noqa: F401 - the fixtures
from tests.support.telegram import KASI, TelegramUser, deliver
from tests.test_privacy_s23c import _plain
from tests.test_privacy_s34 import _named_and_hidden_with_photo

pytestmark = pytest.mark.timeout(400)


def _kasi(app, runtime, tg_server, command: str) -> str:  # type: ignore[no-untyped-def]
    """Kasi's private command (answered, or refused); what he read."""
    seen = len(tg_server.sent_texts(KASI))
    TelegramUser(app.test_client(), KASI).send(command)
    deliver(runtime)
    return "\n".join(_plain(t) for t in tg_server.sent_texts(KASI)[seen:])


def _erase_lines(runtime, ticket: str) -> int:  # type: ignore[no-untyped-def]
    found = complaint(runtime, ticket)
    with runtime.store.read() as session:
        return len(list(session.scalars(select(StageEvent).where(
            StageEvent.complaint_id == found.id, StageEvent.action == "erase"))))


@pytest.mark.parametrize("confirmed", ["", "YAKIN "])
def test_erasing_by_an_anonymous_ticket_is_refused_as_its_export_is(
        app, runtime, tg_server, tw_server, clock, confirmed):
    named, hidden = _named_and_hidden_with_photo(app, runtime, tw_server, tg_server, clock,
                                                 "+6281377734109", "ME" + "9" * 32)
    said = _kasi(app, runtime, tg_server, f"/hapusdata {hidden} {confirmed}pelapor minta")
    assert "pengaduan anonim" in said and "/hapusdata NOMOR" in said, said
    assert named not in said, said
    assert _erase_lines(runtime, named) == 0 and _erase_lines(runtime, hidden) == 0
    # the export says the same, with its own command
    exported = _kasi(app, runtime, tg_server, f"/datapribadi {hidden}")
    assert "pengaduan anonim" in exported and "/datapribadi NOMOR" in exported, exported
