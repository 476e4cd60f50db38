#!/usr/bin/env bash
# Runs inside the loopback-only network namespace made by test.sh: brings up loopback, starts a
# throwaway PostgreSQL on 127.0.0.1 (so persistence tests also run against it), runs the Maven
# suite offline, and stops PostgreSQL again. Exits with Maven's status.
set -euo pipefail
ip link set lo up
. "$(dirname "$0")/throwaway-pg.sh"

if pg_start 55432 "-c fsync=off"; then
  export UPCAST_TEST_PG_URL="$PG_URL"
  echo "test.sh: PostgreSQL for the persistence tests at $UPCAST_TEST_PG_URL"
fi
trap pg_stop EXIT

status=0
mvn -B -o verify "$@" || status=$?
exit $status
