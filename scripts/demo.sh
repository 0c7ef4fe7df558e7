#!/usr/bin/env bash
# One command from a fresh clone to a running Plaza with two demo organizations.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/deps.sh
source scripts/lib/services.sh

ensure_deps
if [ ! -f .env ]; then
  cp .env.example .env
  echo "→ wrote .env from .env.example"
fi
set -a
# shellcheck disable=SC1091
source .env
set +a
ensure_services

echo "→ building"
npm run -s build
echo "→ migrating"
node dist/apps/cli/src/main.js migrate
echo "→ seeding demo organizations"
node dist/apps/cli/src/main.js demo:seed

mkdir -p var/log
node dist/apps/api/src/main.js >var/log/api.log 2>&1 &
api=$!
node dist/apps/worker/src/main.js >var/log/worker.log 2>&1 &
worker=$!
trap 'kill $api $worker 2>/dev/null; wait 2>/dev/null' EXIT INT TERM

for _ in $(seq 1 60); do
  if answers 127.0.0.1 "${PORT:-3000}"; then break; fi
  if ! kill -0 "$api" 2>/dev/null; then
    echo "✗ the API stopped; see var/log/api.log" >&2
    tail -20 var/log/api.log >&2
    exit 1
  fi
  sleep 0.5
done

cat <<MSG

Plaza is running (logs in var/log/). Stop it with Ctrl+C.

  Lille (fr, en)      http://lille.${BASE_DOMAIN:-localhost}:${PORT:-3000}/
  Coop (en, es, ca)   http://coop.${BASE_DOMAIN:-localhost}:${PORT:-3000}/
  Console             http://${CONSOLE_HOST:-console.localhost}:${PORT:-3000}/  (API under /api/console/v1)
  Health              http://localhost:${PORT:-3000}/readyz

The demo logins are listed above (demo data only).

MSG
wait $api
