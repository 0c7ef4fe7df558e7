#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer. Local ones are started when stopped,
# and installed from Debian's packages when missing (root + apt-get only);
# otherwise it says exactly what is missing and fails.

answers() { # host port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && exec 3>&- 3<&-
}

wait_for() { # name host port
  for _ in $(seq 1 60); do
    answers "$2" "$3" && return 0
    sleep 0.5
  done
  echo "✗ $1 still does not answer on $2:$3" >&2
  return 1
}

can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

apt_install() {
  echo "→ installing $* from Debian's packages"
  if [ -z "${PLAZA_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    export PLAZA_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_postgres() {
  local host="${PGHOST_CHECK:-127.0.0.1}" port="${PGPORT_CHECK:-5432}"
  answers "$host" "$port" && return 0
  if [ "$host" != 127.0.0.1 ] && [ "$host" != localhost ]; then
    echo "✗ PostgreSQL at $host:$port does not answer; start it or fix DATABASE_URL." >&2
    return 1
  fi
  if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    if can_install; then
      apt_install postgresql
      local version hba
      version="$(ls /etc/postgresql | sort -V | tail -1)"
      hba="/etc/postgresql/$version/main/pg_hba.conf"
      # A development machine: local TCP connections trusted, as the demo and tests expect.
      if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
        sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
      fi
    else
      echo "✗ PostgreSQL (15 or newer) is not installed. Install it (Debian/Ubuntu: sudo apt-get install postgresql)," >&2
      echo "  allow local TCP logins (trust or a password in DATABASE_ADMIN_URL), or point DATABASE_URL elsewhere." >&2
      return 1
    fi
  fi
  echo "→ starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
  wait_for PostgreSQL "$host" "$port"
}

ensure_redis() {
  local host="${REDIS_HOST_CHECK:-127.0.0.1}" port="${REDIS_PORT_CHECK:-6379}"
  answers "$host" "$port" && return 0
  if [ "$host" != 127.0.0.1 ] && [ "$host" != localhost ]; then
    echo "✗ Redis at $host:$port does not answer; start it or fix REDIS_URL." >&2
    return 1
  fi
  if ! command -v redis-server >/dev/null; then
    if can_install; then
      apt_install redis-server
    else
      echo "✗ Redis (6.2 or newer) is not installed. Install it (Debian/Ubuntu: sudo apt-get install redis-server)," >&2
      echo "  or point REDIS_URL at a running Redis." >&2
      return 1
    fi
  fi
  echo "→ starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no >/dev/null
  wait_for Redis "$host" "$port"
}

ensure_services() {
  ensure_postgres && ensure_redis
}
