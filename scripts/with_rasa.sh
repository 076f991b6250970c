#!/usr/bin/env bash
# Run a command with the Rasa NLU server up (started here on a free port, stopped afterwards).
# Usage: scripts/with_rasa.sh COMMAND [ARGS...]   (RASA_URL is set for the command)
set -euo pipefail
cd "$(dirname "$0")/.."
port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
make -s nlu-serve RASA_PORT="$port" >/tmp/aduan-rasa-$port.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; pkill -P $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  if curl -fs "http://127.0.0.1:$port/status" >/dev/null 2>&1; then break; fi
  sleep 1
done
RASA_URL="http://127.0.0.1:$port" "$@"
