"""Small pure pieces: configuration, tickets, service hours, choices, language."""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import threading
import time
from pathlib import Path

import pytest
import yaml

from bot.conversation.choices import pick
from bot.config import DEFAULT_CONFIG_PATH, ConfigError, load_config, load_office_config
from bot.sop.hours import ServiceHours
from bot.conversation.language import detect_language
from bot import tickets
from bot.tickets import ALPHABET, check_pin, find_pin, find_ticket, hash_pin, new_pin, new_ticket

WITA = dt.timezone(dt.timedelta(hours=8))


# --- configuration ----------------------------------------------------------------------------
def write_config(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(DEFAULT_CONFIG_PATH.read_text())
    change(data)
    path = tmp_path / "config.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def test_the_shipped_config_is_valid():
    config = load_office_config()
    assert config.office.code == "TRK" and config.office.timezone == "Asia/Makassar"
    assert list(config.complaint_types) == [
        "paspor", "izin_tinggal", "perlintasan", "pungli", "perilaku_petugas",
        "pengawasan_wna", "sistem_online", "sarana_prasarana", "informasi", "lainnya"]
    assert config.sop.time_standards_minutes["reported_to_kasi"] == 10
    assert config.sop.time_standards_minutes["reviewed"] == 10


@pytest.mark.parametrize("change, key", [
    (lambda d: d["service_hours"].update(mon=["25:00", "16:00"]), "service_hours"),
    (lambda d: d["service_hours"].update(funday=["08:00", "16:00"]), "funday"),
    (lambda d: d["office"].update(code="trk"), "office.code"),
    (lambda d: d["office"].update(timezone="Mars/Olympus"), "office.timezone"),
    (lambda d: d["complaint_types"].pop("pungli"), "pungli"),
    (lambda d: d["complaint_types"]["paspor"].update(section="nowhere"), "complaint_types.paspor.section"),
    (lambda d: d["nlu"].update(confidence_threshold=1.5), "nlu.confidence_threshold"),
    (lambda d: d["holidays"].append({"date": "2026-02-30", "name": "x"}), "holidays.15.date"),
    (lambda d: d["office"].update(colour="blue"), "office.colour"),
])
def test_a_bad_config_value_stops_start_up_naming_the_key(tmp_path, change, key):
    with pytest.raises(ConfigError) as error:
        load_config(write_config(tmp_path, change), environ={})
    assert key in str(error.value)


@pytest.mark.parametrize("env, key", [
    ({"PORT": "eighty"}, "PORT"), ({"PORT": "70000"}, "PORT"),
    ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
    ({"PUBLIC_BASE_URL": "aduan.example"}, "PUBLIC_BASE_URL"),
])
def test_a_bad_environment_value_names_the_variable(env, key):
    with pytest.raises(ConfigError) as error:
        load_config(environ=env)
    assert key in str(error.value)


def test_missing_or_broken_config_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.yml", environ={})
    broken = tmp_path / "broken.yml"
    broken.write_text("office: [unclosed")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(broken, environ={})


def test_environment_defaults():
    config = load_config(environ={})
    assert config.settings.database_url.startswith("sqlite:///")
    assert config.settings.database_url.endswith("var/aduan.sqlite3")
    assert config.settings.port == 8000 and config.settings.twilio_auth_token is None


# --- tickets ---------------------------------------------------------------------------------
def test_tickets_use_an_alphabet_without_lookalikes():
    assert not set("01OIL") & set(ALPHABET)
    tickets = {new_ticket("TRK") for _ in range(2000)}
    assert len(tickets) == 2000
    for ticket in tickets:
        code, a, b = ticket.split("-")
        assert code == "TRK" and len(a) == len(b) == 4 and set(a + b) <= set(ALPHABET)


@pytest.mark.parametrize("text, found", [
    ("status TRK-7K3Q-9MXA", "TRK-7K3Q-9MXA"), ("cek trk-7k3q-9mxa dong", "TRK-7K3Q-9MXA"),
    ("TRK 7K3Q 9MXA", "TRK-7K3Q-9MXA"), ("TRK7K3Q9MXA", "TRK-7K3Q-9MXA"),
    ("JKT-7K3Q-9MXA", None), ("TRK-7K3Q-9MX0", None), ("TRK-7K3Q", None), ("halo", None),
])
def test_find_ticket(text, found):
    assert find_ticket(text, "TRK") == found


def test_pins_are_hashed_and_checked():
    pin = new_pin()
    assert len(pin) == 6 and pin.isdigit()
    stored = hash_pin(pin)
    assert pin not in stored and check_pin(pin, stored)
    assert not check_pin("000000" if pin != "000000" else "111111", stored)
    assert not check_pin(pin, "garbage")
    assert find_pin("TRK-7K3Q-9MXA 482913") == "482913" and find_pin("12345") is None


def test_pins_hashed_ahead_are_fresh_used_once_and_never_inherited_by_a_child(monkeypatch):
    tickets._READY.clear()
    tickets.keep_pins_ready(3)
    assert len(tickets._READY) == 3
    drawn = [tickets.ready_pin() for _ in range(5)]        # three ahead, then hashed on the spot
    assert len({pin for pin, _ in drawn}) >= 4 and len({h for _, h in drawn}) == 5
    assert all(check_pin(pin, stored) and pin not in stored for pin, stored in drawn)
    assert not tickets._READY
    tickets.keep_pins_ready(2)
    monkeypatch.setattr(tickets, "_READY_PID", -1)          # as in a process forked after it
    pin, stored = tickets.ready_pin()
    assert check_pin(pin, stored) and not tickets._READY



def test_before_a_turn_one_pin_waits_and_the_rest_are_hashed_in_the_background():
    tickets._READY.clear()
    tickets.pins_ready_soon()
    assert len(tickets._READY) >= 1                          # one now, for this turn's filing
    deadline = time.monotonic() + 10
    while len(tickets._READY) < tickets.READY_PINS and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(tickets._READY) == tickets.READY_PINS         # the rest by the hashing thread
    drawn = [tickets.ready_pin() for _ in range(tickets.READY_PINS)]
    assert len({h for _, h in drawn}) == tickets.READY_PINS
    assert all(check_pin(pin, stored) for pin, stored in drawn)
    assert [t.name for t in threading.enumerate()].count("pin-hashing") == 1
    tickets.pins_ready_soon()                                # the same thread is asked again
    assert [t.name for t in threading.enumerate()].count("pin-hashing") == 1

# --- service hours ---------------------------------------------------------------------------
@pytest.fixture
def hours() -> ServiceHours:
    return ServiceHours(load_office_config())


def at(day: int, hour: int, minute: int = 0, month: int = 12) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=WITA)


def test_open_and_closed(hours):
    assert hours.is_open(at(1, 10))            # Tuesday morning
    assert not hours.is_open(at(1, 7, 59))     # before opening
    assert not hours.is_open(at(1, 16))        # closing time
    assert hours.is_open(at(4, 16, 15))        # Friday closes at 16:30
    assert not hours.is_open(at(5, 10))        # Saturday
    assert not hours.is_open(at(25, 10))       # Christmas
    assert not hours.is_open(at(24, 10))       # collective leave
    assert hours.is_open(at(1, 2, 0).astimezone(dt.timezone.utc)) is False


def test_next_opening_skips_nights_weekends_and_holidays(hours):
    assert hours.next_opening(at(1, 10)) == at(1, 10)
    assert hours.next_opening(at(1, 20)) == at(2, 8)
    assert hours.next_opening(at(4, 20)) == at(7, 8)          # Friday night -> Monday
    assert hours.next_opening(at(23, 17)) == at(28, 8)        # 24th, 25th, weekend
    assert hours.next_opening(at(31, 17)) == dt.datetime(2027, 1, 4, 8, tzinfo=WITA)


def test_service_minutes_carry_over_closed_time(hours):
    assert hours.add_service_minutes(at(1, 10), 10) == at(1, 10, 10)
    assert hours.add_service_minutes(at(1, 15, 55), 10) == at(2, 8, 5)
    assert hours.add_service_minutes(at(4, 16, 25), 10) == at(7, 8, 5)
    assert hours.add_service_minutes(at(5, 3), 10) == at(7, 8, 10)
    assert hours.add_service_minutes(at(1, 8), 16 * 60) == at(2, 16)  # two 8-hour days


# --- reading answers -------------------------------------------------------------------------
OPTIONS = [["Ya, benar", "Yes"], ["Bukan, pilih jenis lain", "No"], ["Batal", "Cancel"]]


@pytest.mark.parametrize("text, index", [
    ("1", 0), ("2.", 1), (" 3 ", 2), ("dua", 1), ("no 2", 1), ("1️⃣", 0), ("ya, benar", 0),
    ("YES", 0), ("batal", 2), ("4", None), ("0", None), ("", None), ("entahlah", None),
    # as people answer a numbered list: with a word of address, an ordinal, "the second one"
    ("1 min", 0), ("3 aja kak", 2), ("yg kedua", 1), ("yang pertama", 0), ("pilihan 3", 2),
    ("the second one", 1), ("ke 2", 1), ("1 2", None), ("1 hari", None),
])
def test_pick(text, index):
    assert pick(text, OPTIONS) == index


@pytest.mark.parametrize("text, lang", [
    ("sy udh 3 mgg paspor blm jd", "id"), ("Hello, I need help with my passport", "en"),
    ("The officer was rude to me at the airport", "en"), ("1", None), ("status TRK-7A3B-9WEA", None),
    ("tolong dong min", "id"), ("hi", None), ("ok", None), ("menu", "id"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_another_offices_config_file_from_the_environment(tmp_path):
    path = write_config(tmp_path, lambda d: d["office"].update(code="NNK"))
    assert load_config(environ={"ADUAN_CONFIG": str(path)}).office_config.office.code == "NNK"
    assert load_config(environ={}).office_config.office.code == "TRK"
    with pytest.raises(ConfigError, match="not found"):
        load_config(environ={"ADUAN_CONFIG": str(tmp_path / "nope.yml")})


KEY_A, KEY_B = "a" * 20 + "-key-one-0123456789", "b" * 20 + "-key-two-0123456789"


@pytest.fixture
def pin_keys():  # type: ignore[no-untyped-def]
    """Set PIN keys for one test; none again afterwards."""
    yield tickets.use_pin_keys
    tickets.use_pin_keys(())


def test_with_a_pin_key_pins_are_keyed_hashes_that_the_database_alone_cannot_reveal(pin_keys):
    pbkdf2 = hash_pin("482913")                    # stored before the deployment set a key
    pin_keys([KEY_A])
    stored = hash_pin("482913")
    scheme, key_id, salt, digest = stored.split("$")
    assert scheme == "hmac_sha256" and KEY_A not in stored and "482913" not in stored
    assert check_pin("482913", stored) and not check_pin("482914", stored)
    assert hash_pin("482913") != stored                                  # salted
    # Without the key, trying every PIN against the stored hash finds nothing: the database
    # (or a backup) alone gives no PIN away.
    guesses = [f"{n:06d}" for n in range(482_000, 484_000)]
    assert not any(hmac.compare_digest(hashlib.sha256(bytes.fromhex(salt) + g.encode()).hexdigest(),
                                       digest) for g in guesses)
    assert check_pin("482913", pbkdf2)             # hashes made before the key still verify
    pin_keys([KEY_B, KEY_A])                       # a new key first, the old one kept
    assert check_pin("482913", stored) and hash_pin("1").split("$")[1] != key_id
    pin_keys([KEY_B])                              # the old key dropped: its PINs fail, calmly
    assert not check_pin("482913", stored)
    pin_keys(())
    assert not check_pin("482913", stored) and check_pin("482913", pbkdf2)


def test_pins_hashed_ahead_are_dropped_when_the_keys_change(pin_keys):
    tickets._READY.clear()
    tickets.keep_pins_ready(2)
    pin_keys([KEY_A])
    assert not tickets._READY
    pin, stored = tickets.ready_pin()
    assert stored.startswith("hmac_sha256$") and check_pin(pin, stored)


def test_pin_keys_are_checked_and_kept_out_of_logs():
    from bot.config import Settings
    from handlers.logsafe import settings_secrets
    with pytest.raises(ValueError, match="at least 32"):
        Settings(database_url="sqlite:///x.db", pin_key="short")
    settings = Settings(database_url="sqlite:///x.db", pin_key=f" {KEY_B}   {KEY_A} ")
    assert settings.pin_keys == [KEY_B, KEY_A]
    assert {KEY_A, KEY_B} <= set(settings_secrets(settings))


def test_the_incident_date_is_said_once_when_the_words_only_write_it():
    """'5 November 2026 (5 Nov 2026)' in /lihat and the report: the same date twice."""
    import datetime as dt
    from types import SimpleNamespace

    from bot.labels import incident_label

    def label(told: str | None) -> str | None:
        return incident_label(SimpleNamespace(incident_date=dt.date(2026, 11, 5),
                                              incident_time_text=told))  # type: ignore[arg-type]

    for told in ("5 Nov 2026", "05/11/2026", "5 november 2026", "Kemarin", None):
        assert label(told) == "5 November 2026", told
    assert label("Kamis pagi, sekitar jam 9") == "5 November 2026 (Kamis pagi, sekitar jam 9)"
    assert label("5 Des 2026") == "5 November 2026 (5 Des 2026)"     # what they wrote differs
