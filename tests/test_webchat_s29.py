"""The web chat's session ids and its page's language (helper C29, walker W35), through the
Flask test client:

1. a session id the server never issued (planted in the cookie, or sent in the widget's
   header) was taken and kept for 180 days: it starts a new session with a new id, and nothing
   is ever kept under the planted one;
2. a first message with no words ("TRK-…") on a page opened in English was answered in
   Indonesian, and the page switched to Indonesian: the page's language is the conversation's
   until the person writes words in another.
"""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from handlers.webchat_session import address_of, csrf_of
from storage.models import Complainant, ConversationState, Message, OutboxItem
from tests.support.webchat import WebVisitor, file_complaint

pytestmark = pytest.mark.timeout(120)
PLANTED = "A" * 43
STORY = "Petugas loket meminta uang lima ratus ribu tanpa kuitansi agar paspor cepat jadi."


def kept_under(runtime, token: str) -> int:  # type: ignore[no-untyped-def]
    """Rows of any kind at the session's address."""
    address = address_of(token)
    with runtime.store.read() as session:
        return sum(session.scalar(select(func.count()).select_from(model).where(
            model.address == address)) for model in (Complainant, ConversationState, Message,
                                                     OutboxItem))


# --- 1. session fixation ------------------------------------------------------------------------
def test_a_planted_cookie_starts_a_new_session(client, runtime):
    client.set_cookie("__Host-aduan_chat", PLANTED)
    response = client.get("/chat/api/state")
    assert response.status_code == 200
    cookie = response.headers["Set-Cookie"]
    issued = cookie.split("=", 1)[1].split(";", 1)[0]
    assert issued != PLANTED and len(issued) == 43, cookie
    assert response.get_json()["csrf"] == csrf_of(issued)
    # The browser now talks under the new id; nothing is ever kept under the planted one.
    visitor = WebVisitor(client)
    assert visitor.say("halo")
    assert kept_under(runtime, PLANTED) == 0 and kept_under(runtime, issued) > 0


def test_a_planted_widget_token_is_replaced(app_runtime, runtime):
    app, _ = app_runtime
    response = app.test_client().get("/chat/api/state?mode=token",
                                     headers={"X-Aduan-Session": PLANTED})
    body = response.get_json()
    assert response.status_code == 200 and body["session"] != PLANTED
    assert body["csrf"] == csrf_of(body["session"])


@pytest.mark.parametrize("path", ["/chat/api/messages?after=0", "post", "/chat/api/end"])
def test_a_planted_id_is_no_session_for_posts_polls_or_ending(app_runtime, runtime, path):
    app, _ = app_runtime
    client = app.test_client()
    headers = {"X-Aduan-Session": PLANTED, "X-CSRF-Token": csrf_of(PLANTED)}
    if path == "post":
        response = client.post("/chat/api/messages", headers=headers,
                               json={"id": "abcdefgh", "text": "halo", "after": 0})
    elif path == "/chat/api/end":
        response = client.post(path, headers=headers, json={})
    else:
        response = client.get(path, headers=headers)
    assert response.status_code == 401 and response.get_json()["error"] == "no_session"
    assert kept_under(runtime, PLANTED) == 0


def test_an_issued_session_stays_the_same_across_loads(app_runtime):
    app, _ = app_runtime
    widget = WebVisitor(app.test_client(), token_mode=True)
    assert widget.say("halo")
    again = WebVisitor(app.test_client(), token_mode=True)
    again.token = widget.token
    state = again.load()
    assert "session" not in state                       # no new one handed over
    assert [m["text"] for m in again.said if m["by"] == "person"] == ["halo"]


# --- 2. the page's language for a first message without words -----------------------------------
def test_a_ticket_alone_on_an_english_page_is_answered_in_english(app_runtime, runtime):
    app, _ = app_runtime
    ticket, _pin = file_complaint(WebVisitor(app.test_client()), STORY)
    foreigner = WebVisitor(app.test_client(), lang="en")
    foreigner.say(ticket)
    said = "\n".join(foreigner.bubbles())
    assert "Welcome" in said and "PIN" in said, said
    assert "Selamat datang" not in said and "Untuk keamanan" not in said, said
    response = foreigner.post("123")                    # no words: still English
    assert response.get_json()["lang"] == "en"


def test_words_in_indonesian_on_an_english_page_are_answered_in_indonesian(app_runtime):
    app, _ = app_runtime
    visitor = WebVisitor(app.test_client(), lang="en")
    answer = visitor.post("saya mau lapor, petugas minta uang").get_json()
    assert answer["lang"] == "id"
    assert any("Selamat datang" in m["text"] for m in answer["messages"]), answer
