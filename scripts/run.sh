#!/usr/bin/env bash
# Run the whole bot: Rasa NLU server, delivery worker, Telegram long polling (when there is a
# token but no public URL), and the web server with the web chat. Stops them all when one stops
# or on Ctrl-C. With no credentials at all the web chat is the way in: its URL is printed.
set -uo pipefail
cd "$(dirname "$0")/.."
pids=()
stop() { trap - EXIT INT TERM; kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; }
trap stop EXIT INT TERM

make -s nlu-serve & pids+=($!)
# The worker always runs: it sends on the configured channels, keeps the web chat's photos as
# evidence, and sweeps the deadlines (the web chat's browser collects its own messages).
.venv/bin/python -m handlers.worker & pids+=($!)
if [ -n "${TELEGRAM_BOT_TOKEN:-}" ] && [ -z "${PUBLIC_BASE_URL:-}" ] && [ -f handlers/telegram_polling.py ]; then
  .venv/bin/python -m handlers.telegram_polling & pids+=($!)
fi
.venv/bin/gunicorn -c handlers/gunicorn_conf.py handlers.wsgi:app & pids+=($!)
# Say where to go once the web server answers (Rasa's start-up logs would bury it otherwise).
for _ in $(seq 60); do
  .venv/bin/python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:${PORT:-8000}/healthz', timeout=1)" \
    2>/dev/null && break
  sleep 0.5
done
chat="${PUBLIC_BASE_URL:-http://localhost:${PORT:-8000}}/chat"
echo
echo "Aduan is running: web on :${PORT:-8000}, NLU on 127.0.0.1:${RASA_PORT:-5005}. Ctrl-C stops it."
if [ -z "${TELEGRAM_BOT_TOKEN:-}${TWILIO_ACCOUNT_SID:-}" ]; then
  echo "No TELEGRAM_BOT_TOKEN or TWILIO_* set: complain and follow a complaint in the web chat."
fi
echo
echo "    Web chat: ${chat}"
echo
wait -n
