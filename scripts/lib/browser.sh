#!/usr/bin/env bash
# The browser tests (*.browser-spec.ts) drive Debian's chromium. It is installed
# when missing and we are root with apt-get; otherwise the caller skips them.

CHROMIUM_BIN=/usr/bin/chromium

ensure_chromium() {
  [ -x "$CHROMIUM_BIN" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "→ installing chromium from Debian's packages (browser tests)"
    if [ -z "${PLAZA_APT_UPDATED:-}" ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
      export PLAZA_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && [ -x "$CHROMIUM_BIN" ] && return 0
  fi
  return 1
}
