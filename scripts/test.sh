#!/usr/bin/env bash
# Everything CI checks: lint, types, unit and integration tests (real PostgreSQL and Redis).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/deps.sh
source scripts/lib/services.sh
source scripts/lib/browser.sh

ensure_deps
ensure_services
export TZ=UTC

echo "→ lint"
eslint . --max-warnings=0
prettier --check . --log-level=warn
echo "→ typecheck"
tsc --noEmit -p tsconfig.json
projects=()
if ensure_chromium; then
  echo "→ unit, integration and browser tests"
else
  echo "⚠ browser tests SKIPPED: $CHROMIUM_BIN is missing and cannot be installed here (needs root and apt-get)." >&2
  echo "  Install Debian's chromium package to run the accessibility and keyboard tests." >&2
  projects=(--selectProjects unit integration)
  echo "→ unit and integration tests"
fi
mkdir -p var
status=0
jest --ci --json --outputFile=var/jest-results.json ${projects[@]+"${projects[@]}"} "$@" || status=$?
node -e '
  const r = require("./var/jest-results.json");
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  if (r.numTotalTests === 0) { console.error("No test ran."); process.exit(1); }
' || status=1
exit "$status"
