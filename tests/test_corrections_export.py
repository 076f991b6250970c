"""Officer-corrected complaints come out as Rasa training examples for review."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import yaml

from bot.tickets import hash_pin
from storage.corrections import corrected
from storage.models import Complaint

NOW = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.timezone.utc)


def add(store, ticket: str, type_: str, description: str, changed_by: str | None) -> None:  # type: ignore[no-untyped-def]
    with store.unit() as unit:
        unit.session.add(Complaint(
            ticket=ticket, pin_hash=hash_pin("123456"), channel="whatsapp", language="id",
            type=type_, type_source="officer" if changed_by == "officer" else "nlu",
            description=description, stage="received", created_at=NOW, updated_at=NOW,
            predicted_type="paspor", type_changed_by=changed_by))


def test_only_officer_corrections_are_exported(store, tmp_path):
    add(store, "TRK-2222-2222", "pungli", "paspor cepat asal bayar 500rb: \"ordal\"", "officer")
    add(store, "TRK-3333-3333", "paspor", "paspor blm jadi", None)
    add(store, "TRK-4444-4444", "sistem_online", "apk m-paspor error", "complainant")
    assert corrected(store) == [("pungli", "paspor cepat asal bayar 500rb: \"ordal\"")]


def test_the_make_target_writes_a_reviewable_file(sqlite_url, tmp_path):
    from storage.repo import Store
    store = Store.from_url(sqlite_url)
    add(store, "TRK-5555-5555", "lainnya", "e-KTP saya hilang\nbagaimana?", "officer")
    target = tmp_path / "corrections.yml"
    done = subprocess.run([sys.executable, "-m", "nlu.export_corrections", str(target)],
                          env={"DATABASE_URL": sqlite_url, "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, check=True)
    assert "1 corrected examples" in done.stdout
    data = yaml.safe_load(target.read_text())
    [block] = data["nlu"]
    assert block["intent"] == "lainnya" and "e-KTP saya hilang" in block["examples"]
