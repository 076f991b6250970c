"""The Twilio webhook's WSGI fast path answers exactly as the Flask route would, and hands
everything it does not answer itself to that route unchanged."""
from __future__ import annotations

import pytest
from werkzeug.test import Client

from handlers.twilio_webhook import FastPath
from tests.support.twilio_chat import WEBHOOK_PATH, TwilioSender, read_twiml


class Counting:
    """The Flask app behind the fast path, counting the requests it is handed."""

    def __init__(self, app):  # type: ignore[no-untyped-def]
        self.app, self.calls = app, 0

    def __call__(self, environ, start_response):  # type: ignore[no-untyped-def]
        self.calls += 1
        return self.app(environ, start_response)


@pytest.fixture
def stack(app_runtime):  # type: ignore[no-untyped-def]
    """(fast path over a counting Flask app, the Flask app alone), on one runtime."""
    app, runtime = app_runtime
    assert isinstance(app.wsgi_app, FastPath)
    flask_only = Counting(app.wsgi_app.app)
    app.wsgi_app = FastPath(flask_only, runtime, app.wsgi_app.max_bytes)
    return app.test_client(), Client(flask_only), flask_only, runtime


def test_a_signed_message_is_answered_without_flask_as_flask_would(stack):
    fast, flask, inner, runtime = stack
    settings = runtime.config.settings
    ana = TwilioSender(fast, settings, number="+6281211110001")
    budi = TwilioSender(flask, settings, number="+6281211110002")
    answered = []
    for text in ("halo", "1", "paspor saya belum jadi & <mohon> dibantu 🙏"):
        a, b = ana.send(text), budi.send(text)
        assert a.status_code == b.status_code == 200
        assert a.headers["Content-Type"] == b.headers["Content-Type"] == "application/xml; charset=utf-8"
        assert int(a.headers["Content-Length"]) == len(a.get_data())
        assert read_twiml(a.get_data(as_text=True)) == read_twiml(b.get_data(as_text=True))
        answered += read_twiml(a.get_data(as_text=True))
    assert len(answered) >= 2 and any("&" in bubble or "1" in bubble for bubble in answered)
    assert inner.calls == 3            # only Budi's, sent to Flask directly


def _same(fast, flask, inner, **request):  # type: ignore[no-untyped-def]
    before = inner.calls
    a = fast.post(WEBHOOK_PATH, **request)
    b = flask.post(WEBHOOK_PATH, **request)
    assert inner.calls == before + 2, "the fast path answered a request it should hand over"
    assert (a.status_code, a.headers.get("Content-Type"), a.get_data()) == \
        (b.status_code, b.headers.get("Content-Type"), b.get_data())
    return a


def test_what_the_fast_path_does_not_answer_goes_to_the_route_unchanged(stack):
    fast, flask, inner, runtime = stack
    settings = runtime.config.settings
    phone = TwilioSender(fast, settings, number="+6281211110003")
    base = settings.public_base_url
    form = phone.form("halo")
    signed = {"X-Twilio-Signature": phone.validator.compute_signature(phone.url, form)}
    assert _same(fast, flask, inner, data=form, headers={"X-Twilio-Signature": "Zm9yZ2Vk"},
                 base_url=base).status_code == 403
    assert _same(fast, flask, inner, data=form, base_url=base).status_code == 403
    wrong = phone.form("halo", AccountSid="AC" + "2" * 32)
    assert _same(fast, flask, inner, data=wrong, base_url=base, headers={
        "X-Twilio-Signature": phone.validator.compute_signature(phone.url, wrong)}).status_code == 400
    assert _same(fast, flask, inner, data=b"\xff\xfe{}", content_type="application/json",
                 headers=signed, base_url=base).status_code in (400, 403, 415)
    assert _same(fast, flask, inner, data=b"Body=%ff%fe&From=\xff", headers=signed, base_url=base,
                 content_type="application/x-www-form-urlencoded").status_code == 403
    huge = phone.form("x" * 300_000)
    assert _same(fast, flask, inner, data=huge, base_url=base, headers={
        "X-Twilio-Signature": phone.validator.compute_signature(phone.url, huge)}).status_code == 413
    before = inner.calls
    assert fast.get(WEBHOOK_PATH, base_url=base).status_code == 405
    assert inner.calls == before + 1


def test_a_form_with_a_charset_parameter_and_a_query_is_verified_on_the_full_url(stack):
    fast, _flask, inner, runtime = stack
    settings = runtime.config.settings
    phone = TwilioSender(fast, settings, number="+6281211110004")
    form = phone.form("halo")
    url = phone.url + "?office=TRK"
    response = fast.post(WEBHOOK_PATH + "?office=TRK", data=form, base_url=settings.public_base_url,
                         content_type="application/x-www-form-urlencoded; charset=UTF-8",
                         headers={"X-Twilio-Signature": phone.validator.compute_signature(url, form)})
    assert response.status_code == 200 and read_twiml(response.get_data(as_text=True))
    assert inner.calls == 0
    # signed without the query: refused by the route
    response = fast.post(WEBHOOK_PATH + "?office=TRK", data=form, base_url=settings.public_base_url,
                         headers={"X-Twilio-Signature": phone.validator.compute_signature(phone.url, form)})
    assert response.status_code == 403 and inner.calls == 1
