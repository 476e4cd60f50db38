#!/usr/bin/env bash
# Runs inside the loopback-only network namespace made by test.sh: brings up loopback, starts a
# throwaway PostgreSQL on 127.0.0.1 (so persistence tests also run against it), runs the Maven
# suite offline, and stops PostgreSQL again. Exits with Maven's status.
set -euo pipefail
ip link set lo up

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
pgdir=""
if [ -n "$pgbin" ] && id postgres >/dev/null 2>&1; then
  pgdir=$(mktemp -d /tmp/upcast-pg.XXXXXX)
  chown postgres "$pgdir"
  port=55432
  su postgres -s /bin/sh -c "$pgbin/initdb -D $pgdir/data -A trust -U upcast >/dev/null \
    && $pgbin/pg_ctl -D $pgdir/data -w -l $pgdir/log \
       -o '-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off' start >/dev/null \
    && $pgbin/createdb -h 127.0.0.1 -p $port -U upcast upcast"
  export UPCAST_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/upcast"
  echo "test.sh: PostgreSQL for the persistence tests at $UPCAST_TEST_PG_URL"
fi

stop_pg() {
  if [ -n "$pgdir" ]; then
    su postgres -s /bin/sh -c "$pgbin/pg_ctl -D $pgdir/data -m fast stop" >/dev/null 2>&1 || true
    rm -rf "$pgdir"
  fi
}
trap stop_pg EXIT

status=0
mvn -B -o verify "$@" || status=$?
exit $status
