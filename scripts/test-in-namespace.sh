#!/usr/bin/env bash
# Runs inside the loopback-only network namespace made by test.sh: brings up loopback, starts a
# throwaway PostgreSQL on 127.0.0.1 (so persistence tests also run against it), runs the Maven
# suite offline, and stops PostgreSQL again. Exits with Maven's status.
#
#   unshare -n scripts/test-in-namespace.sh [MAVEN_ARGUMENTS…]
#
# The arguments go to `mvn -B -o verify`, e.g. -Dtest='ChatTest' -DskipBrowserTests=true
# -Dsurefire.failIfNoSpecifiedTests=false. Needs root (unshare, and PostgreSQL runs as postgres;
# without the postgresql package the PostgreSQL tests are skipped).
if [ "${1:-}" = --help ] || [ "${1:-}" = -h ]; then
  awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
  exit 0
fi
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
