"""The retention job sweeps the web chat's session marks (one `sent_notices` row per session the
server issues, and one per session ended), which otherwise pile up with every visitor: an issued
session's mark goes once the session has outlived the cookie's lifetime, an ended session's once
its person is erased. A session someone wrote from stays valid by its person; one nobody wrote
from is replaced by a new one."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.retention import Retention
from storage.models import SentNotice
from storage.webchat import ENDED, ISSUED
from tests.support.webchat import WebVisitor

pytestmark = pytest.mark.timeout(120)


def marks(runtime) -> list[str]:  # type: ignore[no-untyped-def]
    """The web sessions' marks: "issued" or "ended", one per row."""
    with runtime.store.read() as session:
        keys = session.scalars(select(SentNotice.key)).all()
    return sorted("issued" if k.startswith(ISSUED) else "ended"
                  for k in keys if k.startswith((ISSUED, ENDED)))


def sweep(runtime, now: dt.datetime) -> dict:  # type: ignore[no-untyped-def]
    return Retention(runtime.config.office_config).apply(runtime.store, now)


def test_session_marks_go_with_the_session_and_with_the_person(app_runtime, clock):
    app, runtime = app_runtime
    silent = WebVisitor(app.test_client(), token_mode=True)        # opened, never wrote
    writer = WebVisitor(app.test_client(), token_mode=True)
    assert writer.say("halo")
    ended = writer.client.post("/chat/api/end", headers=writer.headers(), json={})
    assert ended.status_code == 200
    before = marks(runtime)
    assert before == ["ended", "issued", "issued"]

    # within the cookie's lifetime nothing is swept, and both sessions are still valid
    assert sweep(runtime, clock() + dt.timedelta(days=170))["web_sessions"] == 0
    assert marks(runtime) == before

    # after it: the issued marks go; the writer's session stays valid by its person (the same
    # transcript, no new session), the silent one is replaced by a new session
    assert sweep(runtime, clock() + dt.timedelta(days=181))["web_sessions"] == 2
    assert marks(runtime) == ["ended"]
    again = WebVisitor(app.test_client(), token_mode=True)
    again.token = writer.token
    state = again.load()
    # (its words were blanked after 90 days; the message itself is the session's)
    assert "session" not in state and [m["text"] for m in again.said
                                       if m["by"] == "person"] == ["[dihapus]"]
    stranger = WebVisitor(app.test_client(), token_mode=True)
    stranger.token = silent.token
    assert stranger.load()["session"] != silent.token

    # the ended session's mark stays while its person is known, and goes once they are erased
    assert "ended" in marks(runtime)
    summary = sweep(runtime, clock() + dt.timedelta(days=800))
    assert summary["erased_people"] >= 1 and summary["web_sessions"] >= 1
    assert marks(runtime) == []       # (and the sessions the visitors above were issued)
