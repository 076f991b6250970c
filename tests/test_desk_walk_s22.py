"""A desk walk (session 22, /tmp/lead/w22 sections B and C2): answers to officers that were
untrue or contradicted each other.

1. At step 4 "/tahap T benar …" without a BAP was told to add the BAP number and date, then
   "/tahap T hukuman disiplin" was told "tidak memerlukan tindak lanjut … Untuk langkah ini:
   /tahap T [catatan]", advice that fails again. Every refusal at a step now gives the one
   usage that works there, with an example that works as typed.
2. /bukti on a concealed complaint told a petugas "Belum tersedia: 1: hanya disimpan aslinya"
   of a file that will never reach him; and a file no copy without metadata can be made of
   never reached the leaders either.
3. A petugas's /lihat at step 4 carried the section's "Benar / Tidak benar" buttons.
4. A leader kept away from a person's complaint read "Pelapor P-N tidak ditemukan" for a code
   he had read in a notice.

Through the real app (signed Twilio webhooks, Telegram updates), on the test databases."""
from __future__ import annotations

import io
import re
from typing import Any

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS, SEKSI,
                                    TelegramUser, deliver, file_on_telegram)
from tests.test_desk_buttons import buttons_of
from tests.test_desk_walk_s20 import file_story, plain
from tests.test_evidence import _authored_pdf, _exif_photo
from tests.test_kept_documents import fetch_all, sent_files
from tests.test_officers import complaint, officer, walk_to
from tests.test_officers import app, runtime  # noqa: F401  (fixtures)
from tests.test_privacy_s22 import NOBODY, SLOW, _file, _phone, _talk

pytestmark = pytest.mark.timeout(300)
CITIZEN = 555_220
INTEL = SEKSI["inteldakim"]
CODE = re.compile(r"\b[PT]-\d+\b")     # T-: a person with a concealed complaint
DAMAGED_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00\x17 rusak" * 40   # cut short
VOICE_NOTE = b"OggS\x00\x02" + b"\x00" * 20 + b"OpusHead" + b"\x01" * 200


def last_text(tg_server: Any, chat: int) -> str:
    return plain([m for m in tg_server.messages_in(chat) if "text" in m][-1]["text"])


def refused(user: TelegramUser, runtime: Any, tg_server: Any, said: str) -> str:
    assert user.send(said) == "refused", said
    deliver(runtime)
    return last_text(tg_server, user.chat_id)


def usage_in(text: str) -> str:
    """The usage a refusal gives: what follows "Untuk langkah ini:"."""
    assert "Untuk langkah ini: " in text, text
    return text.split("Untuk langkah ini: ", 1)[1]


def example_in(text: str) -> str:
    """The example command of a refusal's usage ("mis. /tahap …"), as an officer copies it."""
    found = re.search(r"mis\. (/tahap [^;]+?)(?:;|\.$)", usage_in(text))
    assert found, text
    return found.group(1)


def to_step_four(app: Any, runtime: Any) -> str:
    """A confidential levy complaint (sensitive), steps 2 and 3 done in private chats: step 4
    waits for Seksi Inteldakim."""
    ticket, _ = file_story(app, runtime, CITIZEN, "Petugas loket 2 minta uang 500 ribu supaya "
                           "paspor saya cepat jadi, tanpa kuitansi", "pungli")
    assert officer(app, PETUGAS, private=True).send(f"/tahap {ticket}") == "officer"
    assert officer(app, KASI, private=True).send(
        f"/tahap {ticket} koordinasikan dengan Inteldakim, periksa petugas loket 2") == "officer"
    found = complaint(runtime, ticket)
    assert (found.stage, found.section) == ("reviewed", "inteldakim")
    return ticket


# --- 1. one usage per step, that works --------------------------------------------------------
def test_every_refusal_at_step_four_gives_the_one_usage_that_works(app, runtime, tg_server):
    """The walk's order: a verdict without the BAP, then a follow-up typed at step 4, then the
    ticket alone. All three give the same usage with the BAP; its example, typed as given,
    records the step. Step 5 likewise; an officer who may not do the step is told who does
    it, with no usage he could not follow."""
    ticket = to_step_four(app, runtime)
    intel = officer(app, INTEL, private=True)
    texts = [refused(intel, runtime, tg_server, f"/tahap {ticket} {args}".strip())
             for args in ("benar petugas mengaku meminta uang", "hukuman disiplin", "")]
    usages = {usage_in(text) for text in texts}
    assert len(usages) == 1, texts
    assert all("Tidak ada yang dicatat" in text for text in texts), texts
    assert "[catatan]" not in texts[1] and "BAP" in texts[1], texts[1]
    assert "tidak memerlukan tindak lanjut" in texts[1], texts[1]
    assert complaint(runtime, ticket).stage == "reviewed"

    # someone else typing it is told whose step it is, not how to type it
    for who in (PETUGAS, KASI):
        text = refused(officer(app, who, private=True), runtime, tg_server,
                       f"/tahap {ticket} hukuman disiplin")
        assert "dilakukan oleh Seksi Terkait" in text and "Untuk langkah ini" not in text, text

    # the example, copied as given, is the step
    assert intel.send(example_in(texts[1])) == "officer"
    found = complaint(runtime, ticket)
    assert (found.stage, found.verdict, found.bap_number) == (
        "examined", "benar", "W18.IMI.IMI.3-PW.01.01-0042")

    # step 5: a verdict typed again, and the ticket alone, give step 5's usage, which works
    texts = [refused(intel, runtime, tg_server, f"/tahap {ticket} {args}".strip())
             for args in ("benar", "")]
    assert len({usage_in(text) for text in texts}) == 1, texts
    assert "[catatan]" not in texts[0] and "pembinaan" in usage_in(texts[0]), texts[0]
    assert intel.send(example_in(texts[0])) == "officer"
    assert complaint(runtime, ticket).stage == "followed_up"


# --- 2. a file kept from the reader is said to be kept, and reaches the leaders --------------
def test_a_file_no_clean_copy_can_be_made_of_is_said_kept_and_reaches_the_leaders(
        app, runtime, tg_server, tw_server):
    """An anonymous complaint with a phone photo, a damaged JPEG and a voice note: a petugas
    gets the photo's copy, and of the other two reads that the originals are kept and only
    Kasi Tikkim and the Kepala Kantor open them, never "belum tersedia". The Kepala Kantor
    gets all three, the two originals protected from forwarding."""
    photo = _exif_photo("Maria Goreti")
    media = [(tw_server.add_media("ME" + "d1" * 16, photo, "image/jpeg"), "image/jpeg"),
             (tw_server.add_media("ME" + "d2" * 16, DAMAGED_JPEG, "image/jpeg"), "image/jpeg"),
             (tw_server.add_media("ME" + "d3" * 16, VOICE_NOTE, "audio/ogg"), "audio/ogg")]
    phone = _phone(app, runtime, "+6281255522201")
    ticket = _file(phone, SLOW, {"Pengaduan Anda tentang apa": "1"}, media=media)
    assert complaint(runtime, ticket).identity_mode == "anonymous"
    fetch_all(runtime, tg_server)

    petugas = officer(app, PETUGAS, private=True)
    assert petugas.send(f"/bukti {ticket}") == "officer"
    deliver(runtime)
    text = last_text(tg_server, PETUGAS)
    assert "1 dari 3 berkas dikirim" in text, text
    assert "Tidak dikirim kepada Anda: 2, 3 (berkas asli disimpan; hanya Kasi Tikkim dan " \
           "Kepala Kantor yang dapat membukanya" in text, text
    assert "belum tersedia" not in text.lower(), text
    [(_, copy, _)] = sent_files(tg_server, PETUGAS)
    assert b"Maria Goreti" not in copy

    kepala = officer(app, KEPALA, private=True)
    assert kepala.send(f"/bukti {ticket}") == "officer"
    deliver(runtime)
    assert "3 dari 3 berkas dikirim" in last_text(tg_server, KEPALA)
    got = sent_files(tg_server, KEPALA)
    assert [content for _, content, _ in got][1:] == [DAMAGED_JPEG, VOICE_NOTE]
    assert b"Maria Goreti" not in got[0][1]                  # anonymous: a copy even for him
    documents = [c for c in tg_server.sent_messages(KEPALA)
                 if c.method.lower() == "senddocument"]
    assert [str(c.params.get("protect_content")).lower() for c in documents][1:] == \
        ["true", "true"]
    assert all("berkas asli" in caption and "SHA-256" not in caption
               for _, _, caption in got[1:]), got


def test_the_kepala_gets_every_file_of_a_talk_jpeg_png_pdf_and_one_kept_as_is(
        app, runtime, tg_server, tw_server):
    """/bukti P-N by the Kepala Kantor for a talk with no complaint yet: a real JPEG, PNG and
    PDF arrive as copies without their metadata, and a damaged file as the original."""
    png = io.BytesIO()
    info = PngInfo()
    info.add_text("Author", "Maria Goreti")
    Image.new("RGB", (40, 30), (200, 10, 10)).save(png, "PNG", pnginfo=info)
    files = [(_exif_photo("Maria Goreti"), "image/jpeg"), (png.getvalue(), "image/png"),
             (_authored_pdf("Maria Goreti"), "application/pdf"), (DAMAGED_JPEG, "image/jpeg")]
    assert all(b"Maria Goreti" in data for data, _ in files[:3])
    media = [(tw_server.add_media("ME" + f"e{n}" * 16, data, mime), mime)
             for n, (data, mime) in enumerate(files)]
    phone = _phone(app, runtime, "+6281255522202")
    code = _talk(phone, runtime, tg_server, "ini foto dan berkas paspor saya", media=media)
    fetch_all(runtime, tg_server)
    kepala = officer(app, KEPALA, private=True)
    assert kepala.send(f"/bukti {code}") == "officer"
    deliver(runtime)
    assert "4 dari 4 berkas dikirim" in last_text(tg_server, KEPALA)
    got = sent_files(tg_server, KEPALA)
    assert [name.rsplit(".", 1)[1] for name, _, _ in got] == ["jpg", "png", "pdf", "jpg"]
    for _, content, caption in got[:3]:
        assert b"Maria Goreti" not in content and "tanpa metadata" in caption, caption
    assert got[3][1] == DAMAGED_JPEG and "berkas asli" in got[3][2]


# --- 3. buttons a reader can use ---------------------------------------------------------------
def test_lihat_shows_in_a_private_chat_only_buttons_the_reader_may_press(
        app, runtime, tg_server):
    """Step 4 of a sensitive complaint: the section reads its Benar / Tidak benar; the petugas
    reads Ambil and Lihat; the drafter Lihat only."""
    ticket = to_step_four(app, runtime)
    verdicts = {f"vd:{ticket}:reviewed:b", f"vd:{ticket}:reviewed:t"}

    def shown(who: int) -> set[str]:
        assert officer(app, who, private=True).send(f"/lihat {ticket}") == "officer"
        deliver(runtime)
        [message] = [m for m in tg_server.messages_in(who)[-1:] if "Riwayat" in m["text"]]
        return set(buttons_of(message))

    assert verdicts <= shown(INTEL)
    assert shown(PETUGAS) == {f"take:{ticket}:reviewed", f"view:{ticket}"}
    assert shown(PENYUSUN) == {f"view:{ticket}"}


def test_lihat_in_the_group_keeps_the_step_s_buttons_where_the_section_acts(
        app, runtime, tg_server):
    """A complaint the group reads: every group message about it carries the step's buttons
    (the section presses them there), /lihat too, whoever asks."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 1), runtime)
    walk_to(app, ticket, "reviewed")
    assert officer(app, PETUGAS).send(f"/lihat {ticket}") == "officer"
    deliver(runtime)
    [message] = [m for m in tg_server.messages_in(OFFICER_CHAT)[-1:] if "Riwayat" in m["text"]]
    assert f"vd:{ticket}:reviewed:b" in buttons_of(message)


# --- 4. a leader kept away reads the group's one answer ---------------------------------------
def test_a_leader_kept_away_reads_the_one_answer_not_that_the_person_is_unknown(
        app, runtime, tg_server, clock):
    """Kasi Tikkim, kept away from a person's complaint, in a private chat: /pesan, /tutup and
    /bukti on that person's code (live in the group's notices) read word for word what a code
    nobody has reads, and none says "tidak ditemukan"."""
    phone = _phone(app, runtime, "+6281255522203")
    ticket = _file(phone, SLOW, {"Pengaduan Anda tentang apa": "1"})
    clock.advance(hours=2)      # past its alert slot: the talk is the group's (test_privacy_s30.py)
    code = _talk(phone, runtime, tg_server, "mau tanya kapan paspor saya jadi")
    kepala = officer(app, KEPALA, private=True)
    assert kepala.send(f"/kecualikan {ticket} {KASI} tetangga pelapor") == "officer"
    kasi = officer(app, KASI, private=True)
    for command in ("/pesan {} Selamat siang, ada yang bisa dibantu?", "/tutup {}",
                    "/bukti {}"):
        told = refused(kasi, runtime, tg_server, command.format(code))
        nobody = refused(kasi, runtime, tg_server, command.format(NOBODY))
        assert CODE.sub("P-N", told) == CODE.sub("P-N", nobody), (told, nobody)
        assert "tidak ditemukan" not in told, told
    # nothing was closed or sent: the talk is still open, now the leaders' (a complaint keeps
    # an officer away: tests/test_privacy_s22c.py), and the Kepala Kantor answers it privately
    assert officer(app, PETUGAS).send(f"/pesan {code} Selamat siang, ada yang bisa dibantu?") \
        == "refused"
    # (by the talk's own code, R-n: its P-code no longer reaches it, tests/test_privacy_s24.py)
    assert kepala.send(f"/pesan {code} Selamat siang, ada yang bisa dibantu?") == "refused"
    assert kepala.send("/permintaan") == "officer"          # lists it under its R-code
    deliver(runtime)
    talk = re.findall(r"\bR-\d+\b", "\n".join(tg_server.sent_texts(KEPALA)))[-1]
    assert kepala.send(f"/pesan {talk} Selamat siang, ada yang bisa dibantu?") == "officer"
