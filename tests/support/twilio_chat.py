"""Talk to the real Flask app as Twilio would: signed form posts, TwiML answers read back."""
from __future__ import annotations

import itertools
import secrets
import xml.etree.ElementTree as ET
from typing import Any, Sequence

from twilio.request_validator import RequestValidator

WEBHOOK_PATH = "/webhooks/twilio"
_counter = itertools.count(1)


def new_sid() -> str:
    return "SM" + secrets.token_hex(16)


def read_twiml(xml: str) -> list[str]:
    """The bodies of the <Message> elements of a TwiML answer."""
    root = ET.fromstring(xml)
    assert root.tag == "Response", xml
    return [(m.text or "") + "".join(b.text or "" for b in m.findall("Body"))
            for m in root.findall("Message")]


class TwilioSender:
    """One complainant's phone, talking through signed Twilio webhooks."""

    def __init__(self, client: Any, settings: Any, number: str = "+6281234567890",
                 channel: str = "whatsapp", profile_name: str | None = "Budi Santoso"):
        self.client = client
        self.settings = settings
        self.number = number
        self.channel = channel
        self.profile_name = profile_name
        self.validator = RequestValidator(settings.twilio_auth_token)

    @property
    def url(self) -> str:
        return self.settings.public_base_url + WEBHOOK_PATH

    def form(self, body: str = "", media: Sequence[tuple[str, str]] = (),
             sid: str | None = None, **extra: str) -> dict[str, str]:
        prefix = "whatsapp:" if self.channel == "whatsapp" else ""
        form = {"MessageSid": sid or new_sid(), "AccountSid": self.settings.twilio_account_sid,
                "From": prefix + self.number, "To": prefix + "+628115773337", "Body": body,
                "NumMedia": str(len(media)), "ApiVersion": "2010-04-01"}
        if self.channel == "whatsapp":
            form["WaId"] = self.number.lstrip("+")
            if self.profile_name:
                form["ProfileName"] = self.profile_name
        for i, (url, content_type) in enumerate(media):
            form[f"MediaUrl{i}"] = url
            form[f"MediaContentType{i}"] = content_type
        form.update(extra)
        return form

    def post(self, form: dict[str, str], signature: str | None = None) -> Any:
        if signature is None:
            signature = self.validator.compute_signature(self.url, form)
        return self.client.post(WEBHOOK_PATH, data=form, headers={"X-Twilio-Signature": signature},
                                base_url=self.settings.public_base_url)

    def send(self, body: str = "", **kwargs: Any) -> Any:
        media = kwargs.pop("media", ())
        sid = kwargs.pop("sid", None)
        return self.post(self.form(body, media=media, sid=sid, **kwargs))

    def say(self, body: str = "", **kwargs: Any) -> list[str]:
        """Send a message and return the bot's reply bubbles."""
        response = self.send(body, **kwargs)
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.mimetype == "application/xml"
        return read_twiml(response.get_data(as_text=True))

    def says(self, body: str = "", **kwargs: Any) -> str:
        """The reply bubbles joined, for `in` assertions."""
        return "\n---\n".join(self.say(body, **kwargs))


def verify_dialog(sender: TwilioSender, dialog: Sequence[tuple[str, Sequence[str]]]) -> None:
    """Each (message, expected fragments): every fragment appears in the bot's reply."""
    for said, expected in dialog:
        reply = sender.says(said)
        for fragment in expected:
            assert fragment in reply, f"after {said!r} expected {fragment!r} in:\n{reply}"
