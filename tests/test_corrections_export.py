"""Officer-corrected complaints come out as Rasa training examples for review."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import yaml

from bot.tickets import hash_pin
from storage.corrections import corrected
from storage.models import Complainant, Complaint

NOW = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.timezone.utc)


def add(store, ticket: str, type_: str, description: str, changed_by: str | None,  # type: ignore[no-untyped-def]
        person: Complainant | None = None, reporter_name: str | None = None) -> None:
    with store.unit() as unit:
        if person is not None:
            unit.session.add(person)
            unit.session.flush()
        unit.session.add(Complaint(complainant_id=person.id if person else None,
            reporter_name=reporter_name, identity_mode="named" if reporter_name else "anonymous",
            ticket=ticket, pin_hash=hash_pin("123456"), channel="whatsapp", language="id",
            type=type_, type_source="officer" if changed_by == "officer" else "nlu",
            description=description, stage="received", created_at=NOW, updated_at=NOW,
            predicted_type="paspor", type_changed_by=changed_by))


def test_only_officer_corrections_are_exported(store, tmp_path):
    add(store, "TRK-2222-2222", "pungli", "paspor cepat asal bayar 500rb: \"ordal\"", "officer")
    add(store, "TRK-3333-3333", "paspor", "paspor blm jadi", None)
    add(store, "TRK-4444-4444", "sistem_online", "apk m-paspor error", "complainant")
    assert [row[:2] for row in corrected(store)] == [
        ("pungli", "paspor cepat asal bayar 500rb: \"ordal\"")]


def test_the_make_target_writes_a_reviewable_file(sqlite_url, tmp_path):
    from storage.repo import Store
    store = Store.from_url(sqlite_url)
    add(store, "TRK-5555-5555", "lainnya", "e-KTP saya hilang\nbagaimana?", "officer")
    target = tmp_path / "corrections.yml"
    done = subprocess.run([sys.executable, "-m", "handlers.export_corrections", str(target)],
                          env={"DATABASE_URL": sqlite_url, "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, check=True)
    assert "1 corrected examples" in done.stdout
    data = yaml.safe_load(target.read_text())
    [block] = data["nlu"]
    assert block["intent"] == "lainnya" and "e-KTP saya hilang" in block["examples"]


def test_training_examples_carry_no_identity(sqlite_url, tmp_path):
    """The examples are read by developers and go into nlu/data/ (the repository, the model),
    where no erasure reaches: names known of the complainant, numbers, NIKs, passport numbers,
    e-mail addresses and shared locations are masked."""
    from storage.repo import Store
    store = Store.from_url(sqlite_url)
    person = Complainant(channel="whatsapp", address="+6281377700777", name="Daeng Mappaturung",
                         profile_name="Opa Tarakan", language="id", created_at=NOW)
    add(store, "TRK-6666-6666", "paspor",
        "saya Daeng, wa 0813-7770-0777 atau 0812 9999 1234, NIK 6471011205900003, paspor "
        "C1234567, email daeng.m@gmail.com, rumah 📍 Jl. Mawar 12 (3.3012345, 117.6354321); "
        "Opa bilang loket lambat", "officer", person, reporter_name="Daeng Mappaturung")
    target = tmp_path / "corrections.yml"
    subprocess.run([sys.executable, "-m", "handlers.export_corrections", str(target)],
                   env={"DATABASE_URL": sqlite_url, "PATH": "/usr/bin:/bin"},
                   capture_output=True, text=True, check=True)
    [block] = yaml.safe_load(target.read_text())["nlu"]
    example = block["examples"]
    assert "loket lambat" in example
    for secret in ("Daeng", "Opa", "7770", "0777", "9999", "6471011205900003", "C1234567",
                   "daeng.m@", "3.3012345", "Mawar"):
        assert secret not in example, (secret, example)
