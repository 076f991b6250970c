"""A talk with the officers that turns into a report of a levy or an officer's conduct.

The group reads an ordinary talk-to-officer request openly: its code (P-123), channel and the
person's lines. When the person then reports a levy ("td di loket ada petugas yg minta uang
200rb"), the rest goes to Kasi Tikkim and the Kepala Kantor only. Before, the group still got a
line for each later message, "Pesan dari pelapor P-123 (khusus pimpinan)", in the same minute as
the open lines: the officer reported, who may sit in the group, learned who reported him. Now the
group reads nothing more of that talk (not even a codeless line), the person's "selesai" reaches
the leaders only, and an officer in the group who answers the code is not told why he may not.
On SQLite and PostgreSQL (`bot_app`)."""
from __future__ import annotations

import re

from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender

LEVY = "oh iya pak, td di loket ada petugas yg minta uang 200rb biar cepet"


def group_texts(tg_server) -> list[str]:  # type: ignore[no-untyped-def]
    return tg_server.sent_texts(OFFICER_CHAT)


def open_talk(app, runtime, tg_server):  # type: ignore[no-untyped-def]
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255501234",
                         profile_name="Rina W")
    phone.says("halo min")
    phone.says("mau bicara sama petugas")
    phone.says("sy mau tanya soal paspor anak sy yg blm jadi")
    deliver(runtime)
    code = re.search(r"\bT-\d+\b", "\n".join(group_texts(tg_server))).group(0)
    assert any("paspor anak sy" in t for t in group_texts(tg_server))   # an open talk
    return phone, code


def test_the_group_reads_nothing_after_a_levy_is_reported(bot_app, tg_server, tw_server):
    app, runtime = bot_app
    phone, code = open_talk(app, runtime, tg_server)
    before = len(group_texts(tg_server))
    phone.says(LEVY)
    phone.says("namanya pak Joko, yg pakai kacamata")
    phone.says("selesai")
    deliver(runtime)
    after = group_texts(tg_server)[before:]
    assert after == [], after                         # no line, no "khusus pimpinan", no end
    for leader in (KASI, KEPALA):
        told = "\n".join(tg_server.sent_texts(leader))
        assert "minta uang 200rb" in told and "pak Joko" in told, told
        # under the talk's own code, not the P-code the group read beside the open talk
        assert "mengakhiri percakapan" in told and re.search(r"\bR-\d+\b", told)
        assert code not in told


def test_an_officer_answering_the_code_is_not_told_what_was_reported(bot_app, tg_server,
                                                                    tw_server):
    app, runtime = bot_app
    phone, code = open_talk(app, runtime, tg_server)
    phone.says(LEVY)
    deliver(runtime)
    group = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                         chat_type="supergroup")
    assert group.send(f"/pesan {code} baik bu, nomor permohonannya berapa?") == "refused"
    deliver(runtime)
    answer = group_texts(tg_server)[-1]
    assert code in answer and "Kasi Tikkim" in answer, answer
    for word in ("pungli", "perilaku", "sensitif", "calo"):
        assert word not in answer, answer
    # nothing reached the person from the group
    assert not [m for m in tw_server.sent_messages() if "nomor permohonannya" in str(m)]
    # the Kepala Kantor answers, privately, by the talk's own code (R-n): the P-code the group
    # read no longer reaches it (tests/test_privacy_s24.py)
    kepala = TelegramUser(app.test_client(), KEPALA)
    assert kepala.send(f"/pesan {code} baik bu, kami tindak lanjuti") == "refused"
    talk = re.findall(r"\bR-\d+\b", "\n".join(tg_server.sent_texts(KEPALA)))[-1]
    assert kepala.send(f"/pesan {talk} baik bu, kami tindak lanjuti") == "officer"


def test_a_talk_only_the_leaders_answer_from_the_start_shows_the_group_no_code(
        bot_app, tg_server, tw_server):
    """A person whose first words report a levy: the request's notice in the group has no code
    (the leaders' private notice has it), and no line of what they write follows."""
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255505678")
    phone.says("halo")
    phone.says("bicara dengan petugas")
    phone.says(LEVY)
    deliver(runtime)
    group = "\n".join(group_texts(tg_server))
    assert "bicara dengan petugas" in group.lower() or "meminta bicara" in group, group
    leaders = "\n".join(tg_server.sent_texts(KASI))
    assert "minta uang 200rb" in leaders
    code = re.search(r"\bR-\d+\b", leaders).group(0)      # the talk's own code
    assert not re.search(r"\bP-\d+\b", leaders), leaders
    # the request's notice went before the levy was written: it is an open one, with the code;
    # what followed is not in the group
    assert "minta uang" not in group and "khusus pimpinan" not in group, group
    assert not [t for t in group_texts(tg_server) if "Pesan dari pelapor" in t]
