#!/usr/bin/env bash
# A private PostgreSQL server for the PostgreSQL backend's tests and benchmarks, from the machine's
# postgresql binaries (Debian: `apt-get install postgresql`; CI machines start no server, and the
# package's own cluster is left alone). Throw-away settings: no fsync, loopback only.
#
#   scripts/postgres.sh start   initdb (once) and start; prints the admin URL on the last line
#   scripts/postgres.sh url     prints the admin URL
#   scripts/postgres.sh stop    stops the server (the data directory stays for the next start)
#
# Roles: `mesh` (LOGIN CREATEDB, password `mesh`), what the emulator needs; `mesh_nocreatedb`
# (LOGIN only, password `mesh`), for the test of the error a role without CREATEDB gets.
# MESH_PG_PORT (default 55432) and MESH_PG_DIR (default /tmp/mesh-postgres) move it.
set -euo pipefail

PORT=${MESH_PG_PORT:-55432}
DIR=${MESH_PG_DIR:-/tmp/mesh-postgres}
URL="postgres://mesh:mesh@127.0.0.1:$PORT/postgres"

bindir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$found" ]; then echo "$found"; return; fi
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return; fi
  echo "scripts/postgres.sh: no PostgreSQL binaries found; install them (Debian: apt-get install postgresql)" >&2
  exit 1
}

# initdb and the server refuse to run as root: as root, run them as the postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local bin
  bin=$(bindir)
  if [ ! -f "$DIR/PG_VERSION" ]; then
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
    # Passwords over TCP (what the emulator uses), so a wrong one is refused as on a real server;
    # the superuser logs in over the socket in $DIR only.
    as_owner "$bin/initdb" -D "$DIR" -U postgres --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_owner "$bin/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$DIR" -w -t 30 -l "$DIR/server.log" start \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
  fi
  as_owner "$bin/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<'SQL'
SELECT 'CREATE ROLE mesh LOGIN CREATEDB PASSWORD ''mesh''' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mesh') \gexec
SELECT 'CREATE ROLE mesh_nocreatedb LOGIN PASSWORD ''mesh''' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mesh_nocreatedb') \gexec
SQL
  echo "$URL"
}

case "${1:-}" in
  start) start ;;
  url) echo "$URL" ;;
  stop) as_owner "$(bindir)/pg_ctl" -D "$DIR" -m fast stop ;;
  *) echo "usage: scripts/postgres.sh start|url|stop" >&2; exit 2 ;;
esac
