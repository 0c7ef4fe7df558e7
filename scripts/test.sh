#!/usr/bin/env bash
# Everything CI checks: lint, types, unit and integration tests (real PostgreSQL and Redis),
# then the tenancy and host-routing integration tests again through PgBouncer in transaction
# pooling mode (skipped when jest arguments select tests, or when PgBouncer cannot be had).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/deps.sh
source scripts/lib/services.sh
source scripts/lib/pgbouncer.sh
source scripts/lib/browser.sh

ensure_deps
ensure_services
export TZ=UTC

summarize() { # results.json label
  node -e '
    const r = require(process.argv[1]);
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`${process.argv[2]}${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
    if (r.numTotalTests === 0) { console.error("No test ran."); process.exit(1); }
  ' "$1" "$2"
}

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
rm -f var/jest-results.json var/jest-pgbouncer-results.json
status=0
jest --ci --json --outputFile=var/jest-results.json ${projects[@]+"${projects[@]}"} "$@" || status=$?
summarize ./var/jest-results.json "" || status=1

if [ $# -gt 0 ]; then
  echo "→ PgBouncer phase skipped: jest arguments were given"
elif ! ensure_pgbouncer; then
  echo "→ PgBouncer phase SKIPPED: pgbouncer is not installed and cannot be installed here" \
    "(needs root and apt-get). Install it (Debian/Ubuntu: sudo apt-get install pgbouncer) to run it."
else
  echo "→ tenancy and host-routing integration tests through PgBouncer (pool_mode=transaction)"
  direct_url="$(node -r @swc-node/register -e 'require("./libs/testing/src/env.ts"); process.stdout.write(process.env.DATABASE_URL)')"
  trap stop_pgbouncer EXIT
  start_pgbouncer "$direct_url"
  DATABASE_URL="$PGBOUNCER_URL" jest --ci --json --outputFile=var/jest-pgbouncer-results.json \
    libs/tenancy/src apps/api/test/host-routing --selectProjects integration || status=$?
  summarize ./var/jest-pgbouncer-results.json "through PgBouncer: " || status=1
  echo "  PgBouncer relayed $(pgbouncer_stats "$(url_part "$direct_url" database)")"
  stop_pgbouncer
fi
# One closing line for CI: every test of both phases.
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const f of ["var/jest-results.json", "var/jest-pgbouncer-results.json"]) {
    if (!fs.existsSync(f)) continue;
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests;
  }
  console.log(`${passed} passed, ${failed} failed`);
'
exit "$status"
