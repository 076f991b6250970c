"""Point Telegram at our webhook (`python -m handlers.telegram_setup`) and list the commands.

Uses PUBLIC_BASE_URL + /webhooks/telegram and TELEGRAM_WEBHOOK_SECRET; only the update types
we handle are requested (messages and button presses).
"""
from __future__ import annotations

import asyncio
import sys

from telegram import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats

from bot.config import ConfigError, Settings, load_config
from handlers import logsafe
from handlers.telegram_polling import make_bot

ALLOWED_UPDATES = ["message", "callback_query"]
OFFICER_COMMANDS = [
    ("aduan", "Daftar pengaduan terbuka dan batas waktunya"),
    ("lihat", "Lihat satu pengaduan dan riwayatnya"),
    ("ambil", "Ambil (tangani) pengaduan"),
    ("jenis", "Koreksi jenis pengaduan"),
    ("teruskan", "Teruskan ke seksi terkait"),
    ("tahap", "Pindahkan ke tahap SOP berikutnya"),
    ("kabar", "Kirim kabar kepada pelapor"),
    ("balas", "Balas pelapor"),
    ("pesan", "Balas pelapor yang belum punya tiket"),
    ("dokumen", "Surat pengantar dan laporan pengaduan (DOCX, PDF)"),
    ("rekap", "Rekap bulanan (XLSX, CSV, grafik): /rekap TTTT-BB"),
    ("inventaris", "Register (inventaris) semua pengaduan"),
    ("catat", "Catat pengaduan dari telepon, SMS, e-mail, LAPOR!, dll. (chat pribadi)"),
    ("bantuan", "Daftar perintah"),
]


async def set_webhook(settings: Settings) -> str:
    """Register the webhook with its secret; returns the URL Telegram will call."""
    if not settings.public_base_url or not settings.telegram_webhook_secret:
        raise ConfigError("environment: PUBLIC_BASE_URL and TELEGRAM_WEBHOOK_SECRET: "
                          "both are needed for the Telegram webhook")
    url = settings.public_base_url + "/webhooks/telegram"
    async with make_bot(settings) as bot:
        await bot.set_webhook(url, secret_token=settings.telegram_webhook_secret,
                              allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False)
        commands = [BotCommand(name, text) for name, text in OFFICER_COMMANDS]
        await bot.set_my_commands(commands, scope=BotCommandScopeAllGroupChats())
        await bot.set_my_commands([BotCommand("start", "Mulai / menu"),
                                   BotCommand("bantuan", "Bantuan")],
                                  scope=BotCommandScopeAllPrivateChats())
    return url


def main() -> int:
    try:
        settings = load_config().settings
        logsafe.install(settings)
        url = asyncio.run(set_webhook(settings))
    except ConfigError as exc:
        print(f"configuration error:\n{exc}", file=sys.stderr)
        return 2
    print(f"Telegram now sends updates to {url}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
