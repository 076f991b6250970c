"""Letter numbers (unique per year, under concurrency) and /dokumen on request."""
from __future__ import annotations

import threading
import time

import pytest

from storage.repo import Store
from tests.support.telegram import PENYUSUN, SEKSI, TelegramUser, deliver, file_on_telegram
from tests.test_officers import (actions, app, complaint, officer, runtime,  # noqa: F401
                                 walk_to)
from tests.test_sop_end_to_end import documents_in

pytestmark = pytest.mark.timeout(120)
CITIZEN = 555_040


def test_concurrent_requests_get_distinct_numbers_and_each_year_starts_at_one(db_url):
    stores = [Store.from_url(db_url) for _ in range(6)]
    barrier = threading.Barrier(len(stores))
    got: list[int] = []

    def take(store: Store) -> None:
        barrier.wait()
        with store.unit() as unit:
            value = unit.next_letter_seq(2026)
            time.sleep(0.05)                     # hold the transaction open a little
        got.append(value)

    threads = [threading.Thread(target=take, args=(s,)) for s in stores]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert sorted(got) == [1, 2, 3, 4, 5, 6]
        with stores[0].unit() as unit:
            assert unit.next_letter_seq(2027) == 1 and unit.next_letter_seq(2026) == 7
    finally:
        for store in stores:
            store.dispose()


def test_documents_on_request_only_from_step_6_and_for_the_not_true_branch(app, runtime,
                                                                           tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reviewed")
    drafter = TelegramUser(app.test_client(), PENYUSUN)
    assert drafter.send(f"/dokumen {ticket}") == "refused"          # no number before step 6
    assert "langkah 6" in actions(runtime)[-1].detail
    lantaskim = officer(app, SEKSI["lantaskim"])
    assert lantaskim.send(f"/tahap {ticket} tidak_benar BAP W18-0007 2026-12-01 tidak ditemukan bukti pungutan") \
        == "officer"
    assert drafter.send(f"/tahap {ticket}") == "officer"             # step 6, privately
    assert TelegramUser(app.test_client(), SEKSI["tu"]).send(f"/dokumen {ticket}") == "refused"
    assert lantaskim.send(f"/dokumen {ticket}") == "officer"
    deliver(runtime)
    mine = documents_in(tg_server, PENYUSUN)
    assert len(mine) == 4
    report = mine[f"Laporan_Pengaduan_{ticket}.pdf"]
    assert "TIDAK BENAR (pengaduan tidak terbukti)" in report
    assert "tidak ditemukan bukti pungutan" in report
    assert "Tidak diperlukan (pengaduan tidak benar)" in report and "Belum diparaf" in report
    texts = tg_server.sent_texts(PENYUSUN)
    assert any("nomor surat W18.IMI.IMI.3-UM.01.01-0001" in t for t in texts)
    group = documents_in(tg_server, -1001500000001)
    assert len(group) == 4 and complaint(runtime, ticket).letter_seq == 1
