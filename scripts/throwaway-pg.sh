#!/usr/bin/env bash
# Sourced by scripts that need a throwaway PostgreSQL on 127.0.0.1 (tests, the fan-out benchmark):
#
#   . scripts/throwaway-pg.sh
#   pg_start PORT [EXTRA_SERVER_OPTIONS]   sets PG_URL (jdbc:postgresql://127.0.0.1:PORT/upcast,
#                                          user upcast, trust auth) or returns 1 when the
#                                          postgresql package or root is missing
#   pg_stop                                stops it and deletes its files
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  # Executed rather than sourced: only --help means something.
  awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
  case "${1:-}" in --help | -h) exit 0 ;; *) exit 2 ;; esac
fi
pg_bin=""
pg_dir=""

# Runs a command as the postgres user from the server's own directory: started from the caller's
# working directory (a clone under /root, say) PostgreSQL warns that it cannot enter it.
as_postgres() {
  (cd "$pg_dir" && su postgres -s /bin/sh -c "$1")
}

pg_start() {
  local port=$1 extra=${2:-}
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$pg_bin" ] || [ "$(id -u)" -ne 0 ] || ! id postgres >/dev/null 2>&1; then
    return 1
  fi
  pg_dir=$(mktemp -d /tmp/upcast-pg.XXXXXX)
  chown postgres "$pg_dir"
  as_postgres "$pg_bin/initdb -D $pg_dir/data -A trust -U upcast >/dev/null \
    && $pg_bin/pg_ctl -D $pg_dir/data -w -l $pg_dir/log \
       -o '-p $port -k $pg_dir -c listen_addresses=127.0.0.1 $extra' start >/dev/null \
    && $pg_bin/createdb -h 127.0.0.1 -p $port -U upcast upcast"
  PG_URL="jdbc:postgresql://127.0.0.1:$port/upcast"
}

pg_stop() {
  if [ -n "$pg_dir" ]; then
    as_postgres "$pg_bin/pg_ctl -D $pg_dir/data -m fast stop" >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
    pg_dir=""
  fi
}
