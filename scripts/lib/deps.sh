#!/usr/bin/env bash
# Installs npm dependencies when they are missing or older than the lock file.

ensure_deps() {
  if [ ! -x node_modules/.bin/node ] || [ ! -d node_modules/@nestjs/core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "→ installing dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  export PATH="$PWD/node_modules/.bin:$PATH"
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -lt 22 ]; then
    echo "✗ Node.js $major is too old: Plaza needs 22 or newer (npm ci installs Node 24 into node_modules)." >&2
    return 1
  fi
}
