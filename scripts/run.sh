#!/usr/bin/env bash
# Run the whole bot: Rasa NLU server, delivery worker, Telegram long polling (when there is a
# token but no public URL), and the web server. Stops them all when one stops or on Ctrl-C.
set -uo pipefail
cd "$(dirname "$0")/.."
pids=()
stop() { trap - EXIT INT TERM; kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; }
trap stop EXIT INT TERM

make -s nlu-serve & pids+=($!)
if [ -n "${TELEGRAM_BOT_TOKEN:-}${TWILIO_ACCOUNT_SID:-}" ]; then
  .venv/bin/python -m handlers.worker & pids+=($!)
else
  echo "No TELEGRAM_BOT_TOKEN or TWILIO_* set: no delivery worker (messages wait in the outbox)."
fi
if [ -n "${TELEGRAM_BOT_TOKEN:-}" ] && [ -z "${PUBLIC_BASE_URL:-}" ] && [ -f handlers/telegram_polling.py ]; then
  .venv/bin/python -m handlers.telegram_polling & pids+=($!)
fi
.venv/bin/gunicorn -c handlers/gunicorn_conf.py handlers.wsgi:app & pids+=($!)
echo "Aduan is running: web on :${PORT:-8000}, NLU on 127.0.0.1:${RASA_PORT:-5005}. Ctrl-C stops it."
wait -n
