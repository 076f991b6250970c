"""Each document an officer receives says its format in its caption.

At step 6 the Penyusun Laporan received "Surat pengantar TRK-…, nomor …" twice and "Laporan
pengaduan TRK-…, nomor …" twice (W29): a DOCX and a PDF of each under the same caption, which
read as each document sent twice. Each caption now names its format.
"""
from __future__ import annotations

import pytest

from tests.support.telegram import PENYUSUN, TelegramUser, deliver, file_on_telegram
from tests.test_kept_documents import sent_files
from tests.test_officers import app, runtime, walk_to  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(240)


def test_the_drafts_at_step_six_each_name_their_format(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), 555_251), runtime)
    walk_to(app, ticket, "report_drafted")
    deliver(runtime)
    sent = [(name, caption) for name, _, caption in sent_files(tg_server, PENYUSUN)
            if ticket in name]
    assert len(sent) == 4, sent
    captions = [caption.split("\n")[0] for _, caption in sent]
    assert len(set(captions)) == 4, captions          # no two alike
    for name, caption in sent:
        wanted = "(DOCX, dapat disunting)" if name.endswith(".docx") else "(PDF)"
        assert f"{ticket} {wanted}, nomor" in caption, (name, caption)
