"""The roster, WhatsApp templates and Telegram settings are validated, naming the bad key."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.config import ConfigError, DEFAULT_CONFIG_PATH, load_office_config, load_settings


def write(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    raw = yaml.safe_load(DEFAULT_CONFIG_PATH.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "config.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "message"), [
    (lambda r: r["roster"][0].update(role="satpam"), "roster.0.role"),
    (lambda r: r["roster"][4].pop("section"), "roster.4.section"),
    (lambda r: r["roster"][0].update(section="tu"), "roster.0.section"),
    (lambda r: r["roster"][1].update(telegram_id=r["roster"][0]["telegram_id"]),
     "roster.1.telegram_id"),
    (lambda r: r["whatsapp_templates"]["status_update"]["content_sid"].update(id="HX123"),
     "whatsapp_templates.status_update.content_sid.id"),
    (lambda r: r["whatsapp_templates"]["status_update"].update(variables=["tiket"]),
     "whatsapp_templates.status_update.variables"),
    (lambda r: r["whatsapp_templates"].pop("officer_reply"), "officer_reply"),
    (lambda r: r["roster"][2].update(nip="NIP-12"), "roster.2.nip"),
    (lambda r: r["office"]["letterhead"].update(number_pattern="W18/{nomor}"),
     "office.letterhead.number_pattern"),
    (lambda r: r["office"]["letterhead"].update(number_pattern="W18/{year}"),
     "office.letterhead.number_pattern"),
    (lambda r: r["office"]["letterhead"].update(kop="x"), "office.letterhead.kop"),
])
def test_bad_roster_or_template_names_the_key(tmp_path, change, message):
    with pytest.raises(ConfigError, match=message.replace(".", r"\.")):
        load_office_config(write(tmp_path, change))


def test_the_shipped_config_has_every_role():
    config = load_office_config()
    assert {o.role for o in config.roster} == {"petugas", "penyusun_laporan", "kasi_tikkim",
                                               "kepala_kantor", "seksi"}
    assert config.officer(100000003).role == "kasi_tikkim" and config.officer(42) is None


@pytest.mark.parametrize(("env", "key"), [
    ({"TELEGRAM_WEBHOOK_SECRET": "has spaces"}, "TELEGRAM_WEBHOOK_SECRET"),
    ({"TELEGRAM_OFFICER_CHAT_ID": "grup-kita"}, "TELEGRAM_OFFICER_CHAT_ID"),
    ({"TELEGRAM_API_BASE_URL": "ftp://x"}, "TELEGRAM_API_BASE_URL"),
    ({"TWILIO_API_BASE_URL": "api.twilio.com"}, "TWILIO_API_BASE_URL"),
])
def test_bad_telegram_settings_name_the_variable(env, key):
    with pytest.raises(ConfigError, match=key):
        load_settings(env)
