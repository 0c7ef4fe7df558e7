#!/usr/bin/env bash
# A private PgBouncer in transaction pooling mode in front of the PostgreSQL of
# DATABASE_URL, so tests can prove the code keeps no session state: each
# transaction may run on a different server connection.
#
#   ensure_pgbouncer             installs it (root + apt-get) or says what is missing
#   start_pgbouncer URL          starts it on a free 127.0.0.1 port, sets PGBOUNCER_URL
#   pgbouncer_stats DATABASE     prints transactions and queries it relayed for DATABASE
#   stop_pgbouncer               stops it
#
# Needs scripts/lib/services.sh (can_install, apt_install, answers) sourced first.

PGBOUNCER_DIR="$PWD/var/pgbouncer"
PGBOUNCER_BIN=""

ensure_pgbouncer() {
  PGBOUNCER_BIN="$(command -v pgbouncer || true)"
  [ -z "$PGBOUNCER_BIN" ] && [ -x /usr/sbin/pgbouncer ] && PGBOUNCER_BIN=/usr/sbin/pgbouncer
  if [ -z "$PGBOUNCER_BIN" ]; then
    can_install || return 1
    apt_install pgbouncer
    PGBOUNCER_BIN="$(command -v pgbouncer || echo /usr/sbin/pgbouncer)"
  fi
  [ -x "$PGBOUNCER_BIN" ]
}

# Prints one URL component: user, password, host, port or database.
url_part() { # url part
  node -e '
    const u = new URL(process.argv[1]);
    const parts = { user: u.username, password: u.password, host: u.hostname, port: u.port || "5432", database: u.pathname.slice(1) };
    process.stdout.write(decodeURIComponent(parts[process.argv[2]]));
  ' "$1" "$2"
}

free_port() {
  node -e '
    const s = require("node:net").createServer();
    s.listen(0, "127.0.0.1", () => { process.stdout.write(String(s.address().port)); s.close(); });
  '
}

start_pgbouncer() { # database_url
  local url="$1" user password host port listen run_as=()
  user="$(url_part "$url" user)"
  password="$(url_part "$url" password)"
  host="$(url_part "$url" host)"
  port="$(url_part "$url" port)"
  listen="$(free_port)"
  mkdir -p "$PGBOUNCER_DIR"
  rm -f "$PGBOUNCER_DIR/pgbouncer.pid" "$PGBOUNCER_DIR/pgbouncer.log"
  # PgBouncer refuses to run as root: hand it to an unprivileged user that can read its files.
  if [ "$(id -u)" = 0 ]; then
    local owner=nobody
    id postgres >/dev/null 2>&1 && owner=postgres
    run_as=(-u "$owner")
  fi
  printf '"%s" "%s"\n' "$user" "$password" >"$PGBOUNCER_DIR/userlist.txt"
  cat >"$PGBOUNCER_DIR/pgbouncer.ini" <<EOF
[databases]
* = host=$host port=$port

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $listen
unix_socket_dir =
auth_type = $([ -n "$password" ] && echo md5 || echo trust)
auth_file = $PGBOUNCER_DIR/userlist.txt
stats_users = $user
pool_mode = transaction
; Few server connections for many clients: consecutive transactions of one
; client land on different backends, so any reliance on session state shows.
default_pool_size = 4
max_client_conn = 500
server_reset_query =
pidfile = $PGBOUNCER_DIR/pgbouncer.pid
logfile = $PGBOUNCER_DIR/pgbouncer.log
EOF
  if [ ${#run_as[@]} -gt 0 ]; then
    chown -R "${run_as[1]}" "$PGBOUNCER_DIR"
  fi
  chmod 600 "$PGBOUNCER_DIR/userlist.txt"
  "$PGBOUNCER_BIN" -d -q "${run_as[@]}" "$PGBOUNCER_DIR/pgbouncer.ini"
  if ! wait_for PgBouncer 127.0.0.1 "$listen"; then
    tail -5 "$PGBOUNCER_DIR/pgbouncer.log" >&2 || true
    return 1
  fi
  PGBOUNCER_PORT="$listen"
  PGBOUNCER_URL="$(node -e '
    const u = new URL(process.argv[1]);
    u.hostname = "127.0.0.1";
    u.port = process.argv[2];
    process.stdout.write(u.toString());
  ' "$url" "$listen")"
  export PGBOUNCER_PORT PGBOUNCER_URL
}

pgbouncer_stats() { # database
  local user password
  user="$(url_part "$PGBOUNCER_URL" user)"
  password="$(url_part "$PGBOUNCER_URL" password)"
  PGPASSWORD="$password" psql -h 127.0.0.1 -p "$PGBOUNCER_PORT" -U "$user" -d pgbouncer -At -F ' ' \
    -c 'SHOW STATS' | awk -v db="$1" '$1 == db { print $2 " transactions, " $3 " queries" }'
}

stop_pgbouncer() {
  local pidfile="$PGBOUNCER_DIR/pgbouncer.pid" pid
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  rm -f "$pidfile"
}
