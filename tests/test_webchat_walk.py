"""Findings of the web chat walk, through the page's JSON API (Flask test client), on SQLite
and PostgreSQL: a page of an ended session never gets the next session's messages, Akhiri
tells a draft from a filed complaint, a PIN handed over before is explained when shown masked
and warned about when shown, and the PIN texts fit the web chat."""
from __future__ import annotations

import secrets
from typing import Any

import pytest
from sqlalchemy import select

from bot.conversation.texts import t
from storage.models import Message
from tests.support.webchat import PIN, TICKET, WebVisitor, file_complaint

pytestmark = pytest.mark.timeout(120)
STORY = "Petugas loket meminta uang lima ratus ribu tanpa kuitansi agar paspor cepat jadi."


def other_tab(tab: WebVisitor) -> WebVisitor:
    """A second tab of the same browser: the same cookie jar, its own page state."""
    twin = WebVisitor.__new__(WebVisitor)
    twin.__dict__.update(tab.__dict__)
    twin.said = list(tab.said)
    return twin


def end(tab: WebVisitor, **body: Any) -> Any:
    return tab.client.post("/chat/api/end", headers=tab.headers(), json=body)


# --- finding 1: another tab after Akhiri -------------------------------------------------------
def test_a_tab_of_an_ended_session_is_told_and_never_fed_the_next_sessions_messages(
        client, runtime):
    first = WebVisitor(client)
    first.say("halo")
    first.say(STORY)
    second = other_tab(first)
    assert end(first).status_code == 200
    # Before the next person: the other tab's poll finds no session (the page clears itself).
    assert client.get(f"/chat/api/messages?after={second.cursor}",
                      headers=second.headers()).status_code == 401
    # The next person starts in the first tab: a new session in the same cookie jar.
    nxt = WebVisitor(client)
    nxt.say("halo")
    response = client.get("/chat/api/messages?after=0", headers=second.headers())
    assert response.status_code == 409 and response.get_json()["error"] == "session_changed"
    assert "messages" not in response.get_json()
    # What the old tab types never lands in the next person's session.
    sent = second.post("ini pesan dari tab lama")
    assert sent.status_code in (403, 409)
    with runtime.store.read() as session:
        assert not session.scalars(select(Message).where(
            Message.body == "ini pesan dari tab lama")).all()
    # The new session's own page polls as before.
    assert nxt.poll() == []


# --- finding 2: Akhiri during a draft ---------------------------------------------------------
def test_ending_asks_first_and_tells_a_draft_from_a_filed_complaint(client):
    tab = WebVisitor(client)
    probe = end(tab, probe=True)
    assert probe.status_code == 200
    assert probe.get_json() == {"ended": False, "draft": False, "filed": False}
    tab.say("halo")
    tab.say(STORY)
    probe = end(tab, probe=True).get_json()
    assert probe["draft"] is True and probe["filed"] is False
    assert client.get_cookie("__Host-aduan_chat") is not None      # a probe ends nothing
    tab.said.append({"key": "me", "by": "person", "text": "lanjut"})
    answer = tab.post("lanjut")
    assert answer.get_json()["standing"] == {"draft": True, "filed": False}
    tab.accept(answer)
    file_complaint(tab, STORY)
    assert WebVisitor(client).state["standing"] == {"draft": False, "filed": True}
    probe = end(tab, probe=True).get_json()
    assert probe == {"ended": False, "draft": False, "filed": True}
    assert end(tab).get_json() == {"ended": True}
    assert client.get_cookie("__Host-aduan_chat") is None


def test_the_page_says_a_draft_is_not_sent_when_ending(client):
    script = client.get("/chat/assets/chat.js").get_data(as_text=True)
    assert "S.standing" in script and "end_confirm_draft" in script
    assert "BELUM TERKIRIM" in script and "NOT BEEN SENT" in script


# --- findings 4 and 5: the PIN ------------------------------------------------------------------
class AtSummary(Exception):
    pass


def stop() -> None:
    raise AtSummary


def test_a_pin_handed_over_is_flagged_and_a_masked_one_is_explained(client):
    tab = WebVisitor(client)
    with pytest.raises(AtSummary):
        file_complaint(tab, STORY, before_filing=stop)
    label = next(c for c in tab.choices() if "kirim" in c.lower())
    # "Kirim pengaduan": the answer, with the PIN, is handed over (flagged: the page warns that
    # it is shown once) and then lost on the way to the phone.
    sent_id, after = secrets.token_hex(8), tab.cursor
    first = client.post("/chat/api/messages", headers=tab.headers(),
                        json={"id": sent_id, "text": label, "after": after}).get_json()
    filed = next(m for m in first["messages"] if "PIN" in m["text"])
    pin = PIN.search(filed["text"]).group(1)      # type: ignore[union-attr]
    ticket = TICKET.search(filed["text"]).group(1)  # type: ignore[union-attr]
    assert filed.get("pin") is True
    # The page re-sends the same id from the same cursor: the PIN is masked now, and the answer
    # says why and what to do (as WhatsApp's retried answer does).
    again = client.post("/chat/api/messages", headers=tab.headers(),
                        json={"id": sent_id, "text": label, "after": after})
    assert again.status_code == 200
    said = again.get_json()["messages"]
    masked = [m for m in said if m["by"] == "bot" and "••••••" in m["text"]]
    assert masked and pin not in str(said) and not masked[0].get("pin")
    assert masked[0]["text"].endswith("\n\n" + t("id", "resent.pin"))
    # A poll from the old cursor and a reload say the same.
    polled = client.get(f"/chat/api/messages?after={after}",
                        headers=tab.headers()).get_json()
    assert any(m["text"].endswith(t("id", "resent.pin")) for m in polled["messages"])
    state = WebVisitor(client).state
    texts = [m["text"] for m in state["messages"]]
    shown = next(text for text in texts if ticket in text and "••••••" in text)
    assert shown.endswith(t("id", "resent.pin")) and pin not in str(state)


def test_the_page_warns_that_the_pin_is_shown_once(client):
    script = client.get("/chat/assets/chat.js").get_data(as_text=True)
    assert "message.pin" in script and "PIN ini hanya tampil sekali" in script


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_pin_texts_fit_the_web_chat(lang):
    for key in ("resent.pin", "status_lost_pin"):
        text = t(lang, key)
        assert "nomor atau akun yang Anda pakai" not in text
        assert ("perangkat" in text or "web" in text) if lang == "id" else "web" in text


# --- finding 13: the header's language button ---------------------------------------------------
def test_the_language_button_switches_the_conversation_too(client):
    script = client.get("/chat/assets/chat.js").get_data(as_text=True)
    body = script[script.index("function switchLanguage"):]
    body = body[:body.index("\n  }\n")]
    assert 'send(t("lang_word")' in body
    assert 'lang_word: "english please"' in script and 'lang_word: "bahasa indonesia"' in script


def test_the_language_words_the_button_sends_switch_the_bot(client):
    tab = WebVisitor(client)
    tab.say("halo")
    tab.say("english please")
    assert tab.bubbles()[-1] and any(w in tab.bubbles()[-1].lower()
                                     for w in ("you", "help", "how"))
    tab.say("bahasa indonesia")
    assert any(w in tab.bubbles()[-1].lower() for w in ("anda", "bantu", "silakan"))
