#!/usr/bin/env bash
# Everything CI checks: lint, types, unit and integration tests (real PostgreSQL and Redis).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/deps.sh
source scripts/lib/services.sh

ensure_deps
ensure_services
export TZ=UTC

echo "→ lint"
eslint . --max-warnings=0
prettier --check . --log-level=warn
echo "→ typecheck"
tsc --noEmit -p tsconfig.json
echo "→ unit and integration tests"
mkdir -p var
status=0
jest --ci --json --outputFile=var/jest-results.json "$@" || status=$?
node -e '
  const r = require("./var/jest-results.json");
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  if (r.numTotalTests === 0) { console.error("No test ran."); process.exit(1); }
' || status=1
exit "$status"
